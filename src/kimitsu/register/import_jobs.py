"""Register imports from the pages, as background jobs (``kimitsu.core.jobs``) with progress.

Checking a 100,000-row workbook takes seconds and writing it half a minute: too long for a request
that shows nothing. The upload is kept, a thread checks it (``ledger_io.plan_import``) and, once
the user has confirmed the preview, imports it (``ledger_io.apply_import``: all or nothing in one
transaction, as before).
"""

from kimitsu.core import jobs

from . import ledger_io

KIND = "register-import"
PREVIEW_ROWS = 200
MAX_ERRORS_SHOWN = 500

CHECKING, CHECKED, REFUSED = "checking", "checked", "refused"
APPLYING, APPLIED, FAILED = "applying", "applied", jobs.FAILED


def load(token: str, *, organization, user) -> dict | None:
    return jobs.load(KIND, token, organization=organization, user=user)


def start_check(*, organization, user, filename: str, data: bytes) -> str:
    """Keep the upload and check it. Returns the job's token."""
    state = jobs.create(
        KIND, organization=organization, user=user, filename=filename, data=data, stage=CHECKING
    )

    def work():
        result = ledger_io.plan_import(organization, filename, data, progress=jobs.reporter(state))
        state.update(_outcome(result))
        state["stage"] = CHECKED if result.ok else REFUSED
        if not result.ok:
            jobs.drop_upload(state)

    jobs.run(state, CHECKING, work)
    return state["token"]


def start_apply(state: dict, *, organization, user) -> bool:
    """Import a checked file (once). False if the job is not waiting for confirmation."""
    if state["stage"] != CHECKED or state["running"]:
        return False
    data = jobs.claim_upload(state)
    if data is None:  # another confirmation got there first, or the upload expired
        return False

    def work():
        result = ledger_io.apply_import(
            actor=user,
            organization=organization,
            filename=state["filename"],
            data=data,
            progress=jobs.reporter(state),
        )
        state.update(_outcome(result))
        state["stage"] = APPLIED if result.ok else REFUSED
        jobs.drop_upload(state)

    jobs.run(state, APPLYING, work)
    return True


def _outcome(result) -> dict:
    creates, updates = result.preview(PREVIEW_ROWS)
    for update in updates:
        update["changes"] = [ledger_io.column_label(key) for key in update["changes"]]
    return {
        "summary": result.summary(),
        "errors": [str(e) for e in result.errors[:MAX_ERRORS_SHOWN]],
        "error_count": len(result.errors),
        "unclassified": result.unclassified,
        "creates": creates,
        "updates": updates,
        "more_creates": max(0, len(result.creates) - PREVIEW_ROWS),
        "more_updates": max(0, len(result.updates) - PREVIEW_ROWS),
    }
