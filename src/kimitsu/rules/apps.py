from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RulesConfig(AppConfig):
    name = "kimitsu.rules"
    label = "rules"
    verbose_name = _("Handling rules and regulations")
