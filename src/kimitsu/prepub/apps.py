from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PrepubConfig(AppConfig):
    name = "kimitsu.prepub"
    label = "prepub"
    verbose_name = _("Pre-publication check")
    default_auto_field = "django.db.models.BigAutoField"
