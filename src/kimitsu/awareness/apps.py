from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AwarenessConfig(AppConfig):
    name = "kimitsu.awareness"
    label = "awareness"
    verbose_name = _("Awareness and strategy")

    def ready(self):
        from kimitsu.core import panels

        from .panels import home_figures

        panels.register("home.figures", home_figures)
