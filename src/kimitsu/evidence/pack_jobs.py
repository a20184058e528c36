"""The evidence pack as a job of the task queue (``kimitsu.core.jobs``): the report of a company
with thousands of entries takes minutes to draw, so the page follows the worker, then the zip is
downloaded by the one who asked for it."""

from django.utils import timezone
from django.utils.translation import gettext as _

from kimitsu.core import jobs
from kimitsu.organizations.models import Membership

KIND = "evidence-pack"
BUILDING, READY = "building", "ready"


def load(token: str, *, organization, user) -> dict | None:
    return jobs.load(KIND, token, organization=organization, user=user)


def start(*, membership, entry_ids: list[int] | None) -> dict:
    org = membership.organization
    stamp = timezone.localtime().strftime("%Y%m%d-%H%M")
    state = jobs.create(
        KIND,
        organization=org,
        user=membership.user,
        filename=f"evidence-pack-{org.slug}-{stamp}.zip",
        data=b"",
        stage=BUILDING,
    )
    jobs.run(state, BUILDING, "evidence.pack", membership=membership.pk, entry_ids=entry_ids)
    return state


def step_text(state: dict) -> str:
    return {
        "gathering": _("Gathering the records and their tokens…"),
        "report": _("Writing the report (営業秘密管理の実施状況報告書)…"),
        "zip": _("Packing the tokens and the audit excerpt…"),
    }.get(state.get("step"), _("Waiting for a task worker…"))


@jobs.work("evidence.pack")
def _build(state: dict, *, membership: int, entry_ids: list[int] | None) -> None:
    from kimitsu.register.models import Entry

    from . import pack

    member = Membership.objects.select_related("organization", "user").get(
        pk=membership, organization_id=state["org"], user_id=state["user"], is_active=True
    )
    entries = None
    if entry_ids is not None:
        entries = list(Entry.objects.filter(organization=member.organization, pk__in=entry_ids))
    data = pack.build(member, actor=member.user, entries=entries, progress=jobs.reporter(state))
    jobs.keep_result(state, data)
    jobs.drop_upload(state)
    state.update(stage=READY)
