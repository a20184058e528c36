from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "kimitsu.core"
    label = "core"
    verbose_name = _("kimitsu")

    def ready(self):
        # the periodic tasks are declared on import: every process (web and worker) knows them,
        # for /system/ and for the scheduler
        from . import tasks  # noqa: F401
