"""The yearly activity report (PDF) as a job of the task queue (``kimitsu.core.jobs``): charts
and pages take seconds to draw, so the page follows the worker, then the file is downloaded."""

from kimitsu.core import jobs
from kimitsu.organizations.models import Organization

from .report import filename as report_filename
from .report import render as render_report

KIND = "desk-report"
RENDERING, READY = "rendering", "ready"


def load(token: str, *, organization, user) -> dict | None:
    return jobs.load(KIND, token, organization=organization, user=user)


def start(*, organization, user, fiscal_year: int) -> dict:
    state = jobs.create(
        KIND,
        organization=organization,
        user=user,
        filename=report_filename(organization, fiscal_year),
        data=b"",
        stage=RENDERING,
    )
    state["fiscal_year"] = fiscal_year
    jobs.run(state, RENDERING, "desk.report", fiscal_year=fiscal_year)
    return state


@jobs.work("desk.report")
def _render(state: dict, *, fiscal_year: int) -> None:
    organization = Organization.objects.get(pk=state["org"])
    jobs.keep_result(state, render_report(organization, fiscal_year))
    jobs.drop_upload(state)
    state.update(stage=READY, done=1, total=1)
