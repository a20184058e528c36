import datetime as dt

from django.utils import timezone

from kimitsu.organizations.choices import OrgKind, Role
from kimitsu.testing.access import DESK_ALL, Spec

R = Role
DESK = OrgKind.DESK
MANAGERS = {R.DESK_ADMIN, R.DESK_ADVISOR}  # clients, engagements, seminars, hand-overs
ADMIN = {R.DESK_ADMIN}  # imports and settings


def _client(org, membership):
    from kimitsu.desk.models import Client

    return Client.objects.create(
        organization=org,
        name="株式会社テスト相談",
        employee_count=30,
        prefecture="13",
        industry="E",
    )


def _client_pk(org, membership):
    return {"pk": _client(org, membership).pk}


def _consultation_pk(org, membership):
    from kimitsu.desk.models import Consultation, ConsultationSubject

    client = _client(org, membership)
    c = Consultation.objects.create(
        organization=org,
        client=client,
        channel="phone",
        received_at=timezone.now(),
        fiscal_year=2026,
    )
    ConsultationSubject.objects.create(
        consultation=c, organization=org, fiscal_year=2026, subject="management"
    )
    return {"pk": c.pk}


def _engagement_pk(org, membership):
    from kimitsu.desk.models import Engagement

    e = Engagement.objects.create(
        organization=org,
        client=_client(org, membership),
        title="支援",
        started_on=dt.date(2026, 4, 1),
    )
    return {"pk": e.pk}


def _seminar_pk(org, membership):
    from kimitsu.desk.models import Seminar

    s = Seminar.objects.create(
        organization=org,
        held_on=dt.date(2026, 5, 1),
        fiscal_year=2026,
        title="セミナー",
        kind="beginner",
        participants=10,
    )
    return {"pk": s.pk}


def _import_job(org, membership):
    """A finished (refused) import of this user's: a job is only ever its starter's."""
    from kimitsu.desk import import_jobs
    from kimitsu.testing.jobs import job_in_state

    state = job_in_state(
        import_jobs.KIND,
        organization=org,
        user=membership.user,
        stage=import_jobs.REFUSED,
        errors=["1行目: 確認用"],
        error_count=1,
    )
    return {"token": state["token"]}


def _report_job(org, membership):
    """A drawn report of this user's, its download already announced once."""
    from kimitsu.core import jobs
    from kimitsu.desk import report_jobs
    from kimitsu.testing.jobs import job_in_state

    state = job_in_state(
        report_jobs.KIND,
        organization=org,
        user=membership.user,
        stage=report_jobs.READY,
        filename="report.pdf",
        fiscal_year=2026,
    )
    jobs.keep_result(state, b"%PDF-1.4 test")
    jobs.first_look(state)
    return {"token": state["token"]}


ACCESS = {
    "desk:dashboard": Spec(kind=DESK, allowed=DESK_ALL),
    "desk:clients": Spec(kind=DESK, allowed=DESK_ALL),
    "desk:client_create": Spec(kind=DESK, allowed=MANAGERS, write=MANAGERS),
    "desk:client_detail": Spec(kind=DESK, allowed=DESK_ALL, kwargs=_client_pk),
    "desk:client_edit": Spec(kind=DESK, allowed=MANAGERS, kwargs=_client_pk, write=MANAGERS),
    "desk:consultations": Spec(kind=DESK, allowed=DESK_ALL),
    # everyone of the desk records consultations (lawyers take them by reservation)
    "desk:consultation_create": Spec(kind=DESK, allowed=DESK_ALL, write=DESK_ALL),
    "desk:consultation_detail": Spec(kind=DESK, allowed=DESK_ALL, kwargs=_consultation_pk),
    "desk:consultation_edit": Spec(
        kind=DESK, allowed=DESK_ALL, kwargs=_consultation_pk, write=DESK_ALL
    ),
    "desk:consultation_handover": Spec(
        kind=DESK, allowed=MANAGERS, kwargs=_consultation_pk, write=MANAGERS
    ),
    "desk:engagements": Spec(kind=DESK, allowed=DESK_ALL),
    "desk:engagement_create": Spec(kind=DESK, allowed=MANAGERS, write=MANAGERS),
    # a lawyer reads the engagement; its visits are recorded by the advisors
    "desk:engagement_detail": Spec(
        kind=DESK, allowed=DESK_ALL, kwargs=_engagement_pk, write=MANAGERS
    ),
    "desk:engagement_edit": Spec(
        kind=DESK, allowed=MANAGERS, kwargs=_engagement_pk, write=MANAGERS
    ),
    "desk:seminars": Spec(kind=DESK, allowed=DESK_ALL),
    "desk:seminar_create": Spec(kind=DESK, allowed=MANAGERS, write=MANAGERS),
    "desk:seminar_edit": Spec(kind=DESK, allowed=MANAGERS, kwargs=_seminar_pk, write=MANAGERS),
    "desk:stats": Spec(kind=DESK, allowed=DESK_ALL),
    "desk:stats_export": Spec(kind=DESK, allowed=DESK_ALL),
    # the report is drawn on the queue: the page leads to the job, then to its file
    "desk:report": Spec(kind=DESK, allowed=DESK_ALL, ok_status=302),
    "desk:report_job": Spec(kind=DESK, allowed=DESK_ALL, kwargs=_report_job),
    "desk:report_status": Spec(kind=DESK, allowed=DESK_ALL, kwargs=_report_job, ok_status=204),
    "desk:report_file": Spec(kind=DESK, allowed=DESK_ALL, kwargs=_report_job),
    "desk:import": Spec(kind=DESK, allowed=ADMIN, write=ADMIN),
    "desk:import_job": Spec(kind=DESK, allowed=ADMIN, kwargs=_import_job, write=ADMIN),
    # a finished import: the polling answer moves the page on
    "desk:import_status": Spec(
        kind=DESK, allowed=ADMIN, kwargs=_import_job, ok_status=204, write=ADMIN
    ),
    "desk:settings": Spec(kind=DESK, allowed=ADMIN, write=ADMIN),
    # API
    "api-desk-clients": Spec(kind=DESK, allowed=DESK_ALL, write=MANAGERS),
    "api-desk-client": Spec(kind=DESK, allowed=DESK_ALL, kwargs=_client_pk, write=MANAGERS),
    "api-desk-consultations": Spec(kind=DESK, allowed=DESK_ALL, write=DESK_ALL),
    "api-desk-consultation": Spec(
        kind=DESK, allowed=DESK_ALL, kwargs=_consultation_pk, write=DESK_ALL
    ),
    "api-desk-seminars": Spec(kind=DESK, allowed=DESK_ALL, write=MANAGERS),
    "api-desk-seminar": Spec(kind=DESK, allowed=DESK_ALL, kwargs=_seminar_pk, write=MANAGERS),
    "api-desk-stats": Spec(kind=DESK, allowed=DESK_ALL),
}
