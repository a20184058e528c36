"""The seven steps (DOMAIN.md §2), the spine of a company workspace.

Each step's status comes from a provider in the app that owns the step's data. A provider is named
here, in one place, and imported only if its app exists; a step without one says plainly that its
pages are not built yet (準備中) instead of pretending.
"""

from dataclasses import dataclass, field

from django.apps import apps
from django.utils.module_loading import import_string
from django.utils.translation import gettext_lazy as _

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
            if step.status == NOT_BUILT and not step.next_action:
                step.next_action = _("The pages for this step are not built yet.")
        else:
            step.next_action = _("The pages for this step are not built yet.")
        steps.append(step)
    return steps
