from django.apps import AppConfig
from django.db.backends.signals import connection_created
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


def register_sqlite_functions(sender, connection, **kwargs):
    """SQLite's search index (migration 0004) is kept by triggers that call this Python function;
    every connection needs it, as it needs Django's own SQLite functions."""
    if connection.vendor == "sqlite":
        from .models import bigram_tokens

        connection.connection.create_function(
            "kimitsu_bigram_tokens", 1, bigram_tokens, deterministic=True
        )


def repair_search_index(sender, using="default", verbosity=1, stdout=None, **kwargs):
    """A later migration that rebuilt register_entry on SQLite dropped the search index's
    triggers with the old table: put them back, and the index in step (search_index.py)."""
    from django.db import connections

    from . import search_index

    if search_index.ensure(connections[using]) and verbosity and stdout is not None:
        stdout.write("  The register's search index was rebuilt (its triggers had been dropped).\n")


class RegisterConfig(AppConfig):
    name = "kimitsu.register"
    label = "register"
    verbose_name = _("Secret register")

    def ready(self):
        connection_created.connect(
            register_sqlite_functions, dispatch_uid="kimitsu-register-sqlite"
        )
        post_migrate.connect(
            repair_search_index, sender=self, dispatch_uid="kimitsu-register-search-index"
        )
        from kimitsu.audit.redaction import register_redactor

        from .audit_redaction import redactor_for

        register_redactor(redactor_for)
