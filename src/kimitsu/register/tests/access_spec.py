from kimitsu.organizations.choices import Role
from kimitsu.testing.access import COMPANY_ALL, Spec
from kimitsu.testing.factories import DepartmentFactory, PersonFactory

R = Role
READERS = {R.ADMIN, R.MANAGER, R.MEMBER, R.AUDITOR}
MANAGERS = {R.ADMIN, R.MANAGER}
PROPOSERS = {R.ADMIN, R.MANAGER, R.MEMBER}
ADMIN = {R.ADMIN}


def _entry(status="approved"):
    def make(org, membership):
        from kimitsu.register.models import Entry, Level
        from kimitsu.register.services import levels_ensure_defaults

        levels_ensure_defaults(organization=org)
        dept = membership.department or DepartmentFactory(organization=org)
        n = Entry.objects.filter(organization=org).count() + 1
        entry = Entry.objects.create(
            organization=org,
            ledger_number=f"SPEC-{n}",
            title="仕様確認用",
            category="other",
            status=status,
            owning_department=dept,
            level=Level.objects.get(organization=org, code="internal"),
        )
        return {"pk": entry.pk}

    return make


def _level(org, membership):
    from kimitsu.register.services import levels_ensure_defaults

    return {"pk": levels_ensure_defaults(organization=org)[0].pk}


def _person(org, membership):
    dept = membership.department or DepartmentFactory(organization=org)
    return {"pk": PersonFactory(organization=org, department=dept).pk}


def _import_job(org, membership):
    """A checked upload of this user's (a job is only ever its uploader's)."""
    from kimitsu.register import import_jobs
    from kimitsu.register.services import levels_ensure_defaults

    levels_ensure_defaults(organization=org)
    data = "管理番号,名称,区分\nJOB-1,仕様確認用,その他\n".encode()
    token = import_jobs.start_check(
        organization=org, user=membership.user, filename="job.csv", data=data
    )
    return {"token": token}


ACCESS = {
    "register:overview": Spec(allowed=COMPANY_ALL),
    "register:entries": Spec(allowed=READERS),
    "register:entry_create": Spec(allowed=PROPOSERS, write=PROPOSERS),
    "register:entry_detail": Spec(allowed=READERS, kwargs=_entry()),
    "register:entry_edit": Spec(allowed=MANAGERS, kwargs=_entry(), write=MANAGERS),
    "register:entry_decide": Spec(allowed=MANAGERS, kwargs=_entry("proposed"), write=MANAGERS),
    "register:entry_classify": Spec(allowed=MANAGERS, kwargs=_entry(), write=MANAGERS),
    "register:entry_grants": Spec(allowed=MANAGERS, kwargs=_entry(), write=MANAGERS),
    "register:entry_review": Spec(allowed=MANAGERS, kwargs=_entry(), write=MANAGERS),
    "register:entry_retire": Spec(allowed=MANAGERS, kwargs=_entry(), write=MANAGERS),
    "register:reviews": Spec(allowed=READERS),
    "register:levels": Spec(allowed=READERS),
    "register:level_create": Spec(allowed=ADMIN, write=ADMIN),
    "register:level_edit": Spec(allowed=ADMIN, kwargs=_level, write=ADMIN),
    "register:settings": Spec(allowed=ADMIN, write=ADMIN),
    "register:import": Spec(allowed=ADMIN, write=ADMIN),
    "register:import_job": Spec(allowed=ADMIN, kwargs=_import_job, write=ADMIN),
    # a finished check: the polling answer is "reload the page"
    "register:import_status": Spec(allowed=ADMIN, kwargs=_import_job, ok_status=204, write=ADMIN),
    "register:export": Spec(allowed={R.ADMIN, R.MANAGER, R.AUDITOR}),
    "register:template": Spec(allowed={R.ADMIN}),
    "register:person_access": Spec(allowed={R.ADMIN, R.MANAGER, R.AUDITOR}, kwargs=_person),
}

ACCESS.update(
    {
        "api-register-entries": Spec(allowed=READERS, write=PROPOSERS),
        "api-register-entry": Spec(allowed=READERS, kwargs=_entry(), write=MANAGERS),
        "api-register-entry-decide": Spec(
            allowed=MANAGERS, kwargs=_entry("proposed"), ok_status=405, write=MANAGERS
        ),
        "api-register-entry-classify": Spec(
            allowed=MANAGERS, kwargs=_entry(), ok_status=405, write=MANAGERS
        ),
        "api-register-entry-retire": Spec(
            allowed=MANAGERS, kwargs=_entry(), ok_status=405, write=MANAGERS
        ),
        "api-register-entry-review": Spec(
            allowed=MANAGERS, kwargs=_entry(), ok_status=405, write=MANAGERS
        ),
        "api-register-entry-grants": Spec(allowed=MANAGERS, kwargs=_entry(), write=MANAGERS),
        "api-register-levels": Spec(allowed=READERS, write=ADMIN),
        "api-register-level": Spec(allowed=READERS, kwargs=_level, write=ADMIN),
        "api-register-template": Spec(allowed={R.ADMIN}),
        "api-register-settings": Spec(allowed=ADMIN, write=ADMIN),
        "api-register-counts": Spec(allowed=COMPANY_ALL),
        "api-register-import": Spec(allowed=ADMIN, ok_status=405, write=ADMIN),
        "api-register-export": Spec(allowed={R.ADMIN, R.MANAGER, R.AUDITOR}),
        "api-register-person-access": Spec(allowed={R.ADMIN, R.MANAGER, R.AUDITOR}, kwargs=_person),
    }
)
