from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class Purpose(models.TextChoices):
    """Where the draft is going (the brochure's warning sign: 展示会や広告において…公開している)."""

    EXHIBITION = "exhibition", _("Trade fair or exhibition")
    ADVERTISING = "advertising", _("Advertising or website")
    CATALOGUE = "catalogue", _("Catalogue")
    PAPER = "paper", _("Paper or conference")
    PATENT = "patent", _("Patent application")
    PARTNER = "partner", _("Explanation to a business partner")
    OTHER = "other", pgettext_lazy("purpose", "Other")


class Verdict(models.TextChoices):
    PUBLISH = "publish", _("May be published")
    AFTER_CHANGES = "after_changes", _("May be published once corrected")
    REFUSE = "refuse", _("Must not be published")


class State(models.TextChoices):
    """Where a request stands, from its latest version and the decision on it."""

    CLEAN = "clean", _("No check term found")
    PENDING = "pending", _("Awaiting decision")
    DECIDED = "decided", _("Decided")
