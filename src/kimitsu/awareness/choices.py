from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class CheckKind(models.TextChoices):
    QUICK = "quick", _("Five quick checks")
    TRADE_SECRET = "trade_secret", _("Trade secret management check")
    SECURITY = "security", _("Information security basics check")


class Answer(models.TextChoices):
    DONE = "done", pgettext_lazy("answer", "Done")
    PARTLY = "partly", _("Partly done")
    NOT_DONE = "not_done", _("Not done")
    UNKNOWN = "unknown", _("Don't know")


ANSWER_POINTS = {Answer.DONE: 4, Answer.PARTLY: 2, Answer.NOT_DONE: 0, Answer.UNKNOWN: -1}


class YesNo(models.TextChoices):
    YES = "yes", _("Yes")
    NO = "no", _("No")


class YesNoUnsure(models.TextChoices):
    YES = "yes", _("Yes")
    NO = "no", _("No")
    UNSURE = "unsure", _("Not sure")


class TrainingKind(models.TextChoices):
    AWARENESS = "awareness", pgettext_lazy("training kind", "Awareness")
    LAW = "law", _("The law (Unfair Competition Prevention Act)")
    RULES = "rules", _("Regulations and handling rules")
    NEW_HIRES = "new_hires", _("New hires")
    LEAVERS = "leavers", _("Leavers")
    OTHER = "other", _("Other")


# Kinds that count for step 2 (understanding the law and raising awareness).
STEP2_KINDS = {TrainingKind.AWARENESS, TrainingKind.LAW}


class LecturerKind(models.TextChoices):
    IN_HOUSE = "in_house", _("In-house")
    DESK_ADVISOR = "desk_advisor", _("Consultation desk advisor")
    EXTERNAL = "external", _("Other outside lecturer")


class DeliveryMode(models.TextChoices):
    ON_SITE = "on_site", _("On site")
    ONLINE = "online", _("Online")


class AttendanceSource(models.TextChoices):
    ENTERED = "entered", _("Entered")
    IMPORTED = "imported", _("Imported")


class Recommendation(models.TextChoices):
    PATENT = "patent", _("Patent (権利化)")
    SECRET = "secret", _("Keep secret (秘匿化)")
    UNDECIDED = "undecided", _("Weigh further")


class Decision(models.TextChoices):
    PATENT = "patent", _("Patent (権利化)")
    SECRET = "secret", _("Keep secret (秘匿化)")
    BOTH = "both", _("Patent part, keep the rest secret")
    PUBLISH = "publish", _("Publish (defensive disclosure)")


class QuizSource(models.TextChoices):
    """Where a question of the comprehension quiz comes from."""

    STANDARD = "standard", _("kimitsu's standard question")
    CUSTOM = "custom", _("Written by the company")
    LEVELS = "levels", _("Built from the classification levels")
    RULES = "rules", _("Built from the handling rules")


# Questions the administrator writes and edits; the others follow the register and the rules.
EDITABLE_SOURCES = {QuizSource.STANDARD, QuizSource.CUSTOM}
