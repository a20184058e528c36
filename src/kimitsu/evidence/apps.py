from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EvidenceConfig(AppConfig):
    name = "kimitsu.evidence"
    label = "evidence"
    verbose_name = _("Evidence vault")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from . import subjects, tasks  # noqa: F401  (the stamps kimitsu makes by itself; the schedule)

        subjects.connect()
        from kimitsu.core import panels as places

        from . import panels

        places.register("register.entry", panels.entry_panel)
        places.register("awareness.decision", panels.decision_panel)
