"""The seven steps (DOMAIN.md §2), the spine of a company workspace.

Each step's status comes from a provider in the app that owns the step's data. A provider is named
here, in one place, and imported only if its app exists; a step without one says plainly that its
pages are not built yet (準備中) instead of pretending.

A step is done when its evidence is good enough, not merely present; what "good enough" means is
written on the step (``done_when``) in the words of its provider's rule, so that the reader can
check it. A provider may word it itself (with its thresholds); else ``DONE_WHEN`` says it.
"""

from dataclasses import dataclass, field

from django.apps import apps
from django.utils.module_loading import import_string
from django.utils.translation import gettext_lazy as _

from kimitsu.organizations.choices import Role

NOT_BUILT = "not_built"
NOT_STARTED = "not_started"
IN_PROGRESS = "in_progress"
DONE = "done"

STATUS_LABELS = {
    NOT_BUILT: _("Coming soon"),
    NOT_STARTED: _("Not started"),
    IN_PROGRESS: _("In progress"),
    DONE: _("Done"),
}
STATUS_BADGES = {
    NOT_BUILT: "secondary",
    NOT_STARTED: "light text-dark border",
    IN_PROGRESS: "warning text-dark",
    DONE: "success",
}


@dataclass
class Step:
    number: int
    title: str
    summary: str
    status: str = NOT_BUILT
    evidence: list[str] = field(default_factory=list)
    next_action: str = ""
    url: str = ""
    done_when: str = ""

    @property
    def status_label(self):
        return STATUS_LABELS[self.status]

    @property
    def badge(self):
        return STATUS_BADGES[self.status]


STEP_DEFINITIONS = [
    (1, _("Awareness"), _("Self-check where the company stands and what is at stake.")),
    (
        2,
        _("Understanding the law"),
        _(
            "Learn what the Unfair Competition Prevention Act protects and raise awareness in-house."
        ),
    ),
    (
        3,
        _("Information management regulations"),
        _("Put the company's information management regulations in writing and into force."),
    ),
    (
        4,
        _("Inventory of information"),
        _("List the information the company holds in the secret register (metadata only)."),
    ),
    (5, _("Classification"), _("Give every registered item a level and a written reason.")),
    (
        6,
        _("Handling rules"),
        _("Decide what may be done with each level: view, copy, take out, send, store, dispose."),
    ),
    (
        7,
        _("Pledges and NDA templates"),
        _("Adopt pledges and NDAs, and have staff and partners sign them."),
    ),
]

# What "done" means for the steps whose providers do not word it themselves (each provider's
# docstring states the same rule).
DONE_WHEN = {
    3: _("Done when a version of the information management regulations is in force."),
    4: _(
        "Done when the secret register has approved entries, no proposal is waiting, and every "
        "entry has an owning department and a custodian."
    ),
    5: _("Done when every approved entry has a level and no review of a level is overdue."),
    6: _("Done when approved handling rules cover every level in use in the register."),
    7: _(
        "Done when every template is adopted, every active employee has signed a pledge, and "
        "every disclosure to a partner is under an agreement."
    ),
}

# Who works through the seven steps: their home and sidebar show them. A member's home is their
# own tasks (わたしのやること).
STEP_ROLES = (Role.ADMIN, Role.MANAGER, Role.AUDITOR, Role.ADVISOR)

# step number -> (app label, dotted path of a function (organization, membership) -> dict)
STEP_PROVIDERS: dict[int, tuple[str, str]] = {
    1: ("awareness", "kimitsu.awareness.steps.step1_status"),
    2: ("awareness", "kimitsu.awareness.steps.step2_status"),
    3: ("rules", "kimitsu.rules.steps.step3_status"),
    4: ("register", "kimitsu.register.steps.step4_status"),
    5: ("register", "kimitsu.register.steps.step5_status"),
    6: ("rules", "kimitsu.rules.steps.step6_status"),
    7: ("pledges", "kimitsu.pledges.steps.step7_status"),
}


def seven_steps(organization, membership=None) -> list[Step]:
    steps = []
    for number, title, summary in STEP_DEFINITIONS:
        step = Step(number=number, title=title, summary=summary)
        provider = STEP_PROVIDERS.get(number)
        if provider and apps.is_installed(f"kimitsu.{provider[0]}"):
            result = import_string(provider[1])(organization, membership)
            step.status = result.get("status", NOT_STARTED)
            step.evidence = list(result.get("evidence", []))
            step.next_action = result.get("next_action", "")
            step.url = result.get("url", "")
            step.done_when = result.get("done_when") or DONE_WHEN.get(number, "")
            if step.status == NOT_BUILT and not step.next_action:
                step.next_action = _("The pages for this step are not built yet.")
        else:
            step.next_action = _("The pages for this step are not built yet.")
        steps.append(step)
    return steps
