"""The desk's imports from the page, as background jobs (``kimitsu.core.jobs``) with progress: the
same ``importer.run`` as the command line, all rows checked first, all or nothing."""

from kimitsu.core import jobs

from . import importer

KIND = "desk-import"
IMPORTING, IMPORTED, REFUSED = "importing", "imported", "refused"
MAX_ERRORS_SHOWN = 200


def load(token: str, *, organization, user) -> dict | None:
    return jobs.load(KIND, token, organization=organization, user=user)


def start(*, membership, user, kind: str, filename: str, data: bytes) -> dict:
    """Keep the upload and import it (consultations or seminars). Returns the job's state."""
    state = jobs.create(
        KIND,
        organization=membership.organization,
        user=user,
        filename=filename,
        data=data,
        stage=IMPORTING,
    )

    def work():
        try:
            result = importer.run(
                kind=kind,
                actor=user,
                membership=membership,
                data=data,
                filename=filename,
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

    jobs.run(state, IMPORTING, work)
    return state
