from kimitsu.organizations.choices import Role as R
from kimitsu.testing.access import Spec

VIEW = {R.ADMIN, R.MANAGER, R.MEMBER, R.AUDITOR}
ADD = {R.ADMIN, R.MANAGER, R.MEMBER}
PACK = {R.ADMIN, R.AUDITOR}


def _record(org, membership, keep=False):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from kimitsu.evidence.models import Record
    from kimitsu.timestamps import services as stamps
    from kimitsu.timestamps.models import Kind

    stamp = stamps.request(organization=org, kind=Kind.VAULT, data=b"drawing", queue=False)
    stamps.stamp_now(stamp.pk)
    record = Record(
        organization=org, number=1, title="図面 A-12", sha256=stamp.sha256, timestamp=stamp
    )
    if keep:
        record.file.save(stamp.sha256, SimpleUploadedFile("a.pdf", b"drawing"), save=False)
    record.save()
    return {"pk": record.pk}


def _kept(org, membership):
    return _record(org, membership, keep=True)


def _secret_decision(org, membership):
    from kimitsu.awareness.models import PatentDecision

    decision = PatentDecision.objects.create(
        organization=org, title="乾燥工程の条件", recommendation="secret", decision="secret"
    )
    return {"pk": decision.pk}


def _pack_job(org, membership):
    """A built pack of this user's, its download already announced once."""
    from kimitsu.core import jobs
    from kimitsu.evidence import pack_jobs
    from kimitsu.testing.jobs import job_in_state

    state = job_in_state(
        pack_jobs.KIND,
        organization=org,
        user=membership.user,
        stage=pack_jobs.READY,
        filename="pack.zip",
    )
    jobs.keep_result(state, b"PK test")
    jobs.first_look(state)
    return {"token": state["token"]}


ACCESS = {
    # the vault's and a record's POST is a look-up (which records were stamped over this file?)
    "evidence:vault": Spec(allowed=VIEW, write=VIEW),
    "evidence:record_new": Spec(allowed=ADD, write=ADD),
    "evidence:record": Spec(allowed=VIEW, kwargs=_record, write=VIEW),
    "evidence:record_token": Spec(allowed=VIEW, kwargs=_record),
    "evidence:record_file": Spec(allowed=VIEW, kwargs=_kept),
    "evidence:pack": Spec(allowed=PACK, write=PACK),
    "evidence:pack_job": Spec(allowed=PACK, kwargs=_pack_job),
    "evidence:pack_status": Spec(allowed=PACK, kwargs=_pack_job, ok_status=204),
    "evidence:pack_file": Spec(allowed=PACK, kwargs=_pack_job),
    "evidence:dossier": Spec(allowed={R.ADMIN, R.AUDITOR}, kwargs=_secret_decision),
    "evidence:dossier_pack": Spec(allowed={R.ADMIN, R.AUDITOR}, kwargs=_secret_decision),
}
