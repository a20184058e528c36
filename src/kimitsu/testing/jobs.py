"""Background jobs (kimitsu.core.jobs) in a given state, for tests of the pages that follow them."""

from kimitsu.core import jobs


def job_in_state(kind: str, *, organization, user, stage: str, filename="x.csv", **state) -> dict:
    """A saved job of ``user`` in ``organization`` at ``stage``, with ``state`` on top (running,
    step, done, total, summary, errors…), as its thread would have left it."""
    job = jobs.create(
        kind, organization=organization, user=user, filename=filename, data=b"", stage=stage
    )
    job.update(state)
    jobs.save(job)
    return job
