"""On SQLite, the same bigram index as migration 0003 gives PostgreSQL, as an FTS5 table.

``register_entry_grams`` holds, for each entry (rowid = entry id), the bigrams of its
``search_text`` as tokens (``models.bigram_tokens``). It is contentless with ``detail=none``: it
stores only which entries hold which bigram (a few MB for 100,000 entries). Triggers keep it in step
with every write to ``register_entry``, whichever path makes it (the ORM, the import's plain
INSERTs, raw SQL), through the Python function ``kimitsu_bigram_tokens`` that ``apps.py``
registers on every connection. A contentless table forgets a row only when told exactly what it
held, so the update and delete triggers recompute the old row's tokens from its old text.

The search (``selectors.search_index_q``) asks it for candidates, and ``LIKE`` decides, as on
PostgreSQL. Rebuilding it, should ``bigram_tokens`` ever change: ``INSERT INTO
register_entry_grams(register_entry_grams) VALUES ('delete-all')`` and then the populate statement
(``search_index.REBUILD``); after every migrate, ``search_index.ensure`` does it if a later
migration has rebuilt ``register_entry`` and dropped the triggers with the old table.
"""

from django.db import migrations

# the statements live with the repair that reruns them after later migrations (search_index.py)
from kimitsu.register import search_index


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        with schema_editor.connection.cursor() as cursor:
            search_index.install(cursor)


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        with schema_editor.connection.cursor() as cursor:
            search_index.uninstall(cursor)


class Migration(migrations.Migration):
    dependencies = [
        ("register", "0003_search_bigram_index"),
    ]

    operations = [migrations.RunPython(forwards, backwards, elidable=False)]
