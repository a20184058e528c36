from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TimestampsConfig(AppConfig):
    name = "kimitsu.timestamps"
    label = "timestamps"
    verbose_name = _("Trusted timestamps")
    default_auto_field = "django.db.models.BigAutoField"
