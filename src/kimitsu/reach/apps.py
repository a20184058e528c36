from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReachConfig(AppConfig):
    """Reaching every person of the people register: their tasks, personal links that work
    without an account, e-mail reminders."""

    name = "kimitsu.reach"
    label = "reach"
    verbose_name = _("My tasks and reminders")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from kimitsu.core import panels

        from . import tasks  # noqa: F401  (the schedule)
        from .panels import home_tasks, topbar

        panels.register("home.tasks", home_tasks)
        panels.register("topbar", topbar)
