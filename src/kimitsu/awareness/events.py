from django.utils.translation import gettext_lazy as _

from kimitsu.organizations.choices import OrgKind

EVENT_LABELS = {
    "selfcheck.recorded": _("Self-check recorded"),
    "training.created": _("Training session added"),
    "training.updated": _("Training session changed"),
    "attendance.added": _("Attendance recorded"),
    "attendance.removed": _("Attendance removed"),
    "attendance.imported": _("Attendance imported"),
    "quiz.taken": _("Comprehension quiz taken"),
    "quiz.question_created": _("Quiz question added"),
    "quiz.question_revised": _("Quiz question revised (new version)"),
    "quiz.question_retired": _("Quiz question retired"),
    "quiz.question_restored": _("Quiz question asked again"),
    "decision.created": _("Patent-or-secret assessment started"),
    "decision.recorded": _("Patent-or-secret decision recorded"),
    "decision.evidence_updated": _("Prior-use evidence checklist updated"),
}

# The log's filter offers these groups in a company's workspace only.
WORKSPACE_KINDS = (OrgKind.COMPANY,)

EVENT_GROUPS = {
    "selfcheck": _("Self-checks"),
    "training": _("Training"),
    "attendance": _("Training attendance"),
    "quiz": _("Comprehension quiz"),
    "decision": _("Patent or secret"),
}
