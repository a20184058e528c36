"""Register imports from the pages, as background jobs (``kimitsu.core.jobs``) with progress.

Checking a 100,000-row workbook takes seconds and writing it half a minute: too long for a request
that shows nothing. The upload is kept, a worker of the task queue checks it
(``ledger_io.plan_import``) and, once the user has confirmed the preview, imports it
(``ledger_io.apply_import``: all or nothing in one transaction, as before).
"""

from django.contrib.auth import get_user_model

from kimitsu.core import jobs
from kimitsu.organizations.models import Organization

from . import ledger_io

KIND = "register-import"
PREVIEW_ROWS = 200
MAX_ERRORS_SHOWN = 500

CHECKING, CHECKED, REFUSED = "checking", "checked", "refused"
APPLYING, APPLIED, FAILED = "applying", "applied", jobs.FAILED


def load(token: str, *, organization, user) -> dict | None:
    return jobs.load(KIND, token, organization=organization, user=user)


def start_check(*, organization, user, filename: str, data: bytes) -> str:
    """Keep the upload and queue its check. Returns the job's token."""
    state = jobs.create(
        KIND, organization=organization, user=user, filename=filename, data=data, stage=CHECKING
    )
    jobs.run(state, CHECKING, "register.check")
    return state["token"]


@jobs.work("register.check")
def _check(state: dict) -> None:
    organization = Organization.objects.get(pk=state["org"])
    data = jobs.upload(state) or b""
    result = ledger_io.plan_import(
        organization, state["filename"], data, progress=jobs.reporter(state)
    )
    state.update(_outcome(result))
    state["stage"] = CHECKED if result.ok else REFUSED
    if not result.ok:
        jobs.drop_upload(state)


def start_apply(state: dict, *, organization, user) -> bool:
    """Import a checked file (once). False if the job is not waiting for confirmation. If the
    worker dies on the way, the job is back to waiting for confirmation, its upload kept."""
    if state["stage"] != CHECKED or state["running"]:
        return False
    if jobs.claim_upload(state) is None:  # another confirmation got there first, or it expired
        return False
    jobs.run(state, APPLYING, "register.apply", retry_stage=CHECKED)
    return True


@jobs.work("register.apply")
def _apply(state: dict) -> None:
    organization = Organization.objects.get(pk=state["org"])
    user = get_user_model().objects.get(pk=state["user"])
    result = ledger_io.apply_import(
        actor=user,
        organization=organization,
        filename=state["filename"],
        data=jobs.upload(state) or b"",
        progress=jobs.reporter(state),
    )
    state.update(_outcome(result))
    state["stage"] = APPLIED if result.ok else REFUSED
    jobs.drop_upload(state)


def _outcome(result) -> dict:
    creates, updates = result.preview(PREVIEW_ROWS)
    for update in updates:
        update["changes"] = [ledger_io.column_label(key) for key in update["changes"]]
    return {
        "summary": result.summary(),
        "errors": [str(e) for e in result.errors[:MAX_ERRORS_SHOWN]],
        "error_count": len(result.errors),
        "warnings": [str(w) for w in result.warnings[:MAX_ERRORS_SHOWN]],
        "warning_count": len(result.warnings),
        "unclassified": result.unclassified,
        "creates": creates,
        "updates": updates,
        "more_creates": max(0, len(result.creates) - PREVIEW_ROWS),
        "more_updates": max(0, len(result.updates) - PREVIEW_ROWS),
    }
