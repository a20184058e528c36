"""The desk's imports from the page, as background jobs (``kimitsu.core.jobs``) with progress: the
same ``importer.run`` as the command line, all rows checked first, all or nothing."""

from kimitsu.core import jobs
from kimitsu.organizations.models import Membership

from . import importer

KIND = "desk-import"
IMPORTING, IMPORTED, REFUSED = "importing", "imported", "refused"
MAX_ERRORS_SHOWN = 200


def load(token: str, *, organization, user) -> dict | None:
    return jobs.load(KIND, token, organization=organization, user=user)


def start(*, membership, user, kind: str, filename: str, data: bytes) -> dict:
    """Keep the upload and queue its import (consultations or seminars). Returns the state."""
    state = jobs.create(
        KIND,
        organization=membership.organization,
        user=user,
        filename=filename,
        data=data,
        stage=IMPORTING,
    )
    jobs.run(state, IMPORTING, "desk.import", membership_id=membership.pk, records=kind)
    return state


@jobs.work("desk.import")
def _import(state: dict, *, membership_id: int, records: str) -> None:
    membership = Membership.objects.select_related("organization", "user").get(pk=membership_id)
    try:
        result = importer.run(
            kind=records,
            actor=membership.user,
            membership=membership,
            data=jobs.upload(state) or b"",
            filename=state["filename"],
            progress=jobs.reporter(state),
        )
    except importer.ImportFailed as exc:
        state["stage"] = REFUSED
        state["errors"] = [str(e) for e in exc.errors[:MAX_ERRORS_SHOWN]]
        state["error_count"] = len(exc.errors)
    else:
        state["stage"] = IMPORTED
        state["count"] = result.get("consultations", result.get("seminars", 0))
    jobs.drop_upload(state)
