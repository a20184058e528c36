from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ApprovalsConfig(AppConfig):
    name = "kimitsu.approvals"
    label = "approvals"
    verbose_name = _("Requests and approvals")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from kimitsu.core import panels as places

        from . import panels, tasks  # noqa: F401  (the schedule)

        places.register("register.entry", panels.entry_panel)
