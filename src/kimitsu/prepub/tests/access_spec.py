from kimitsu.organizations.choices import Role as R
from kimitsu.testing.access import Spec

VIEW = {R.ADMIN, R.MANAGER, R.MEMBER, R.AUDITOR}
CHECK = {R.ADMIN, R.MANAGER, R.MEMBER}


def _request(org, membership, keep=False, hit=False):
    """A request of this reader's, checked once (kept when ``keep``; with a hit to decide on when
    ``hit``, else clean: a clean draft has nothing to decide)."""
    from django.core.files.base import ContentFile

    from kimitsu.prepub.models import CheckRequest, CheckVersion

    req = CheckRequest.objects.create(
        organization=org,
        number=1,
        title="展示会パネル",
        purpose="exhibition",
        created_by=membership.user,
    )
    version = CheckVersion(
        request=req,
        number=1,
        filename="panel.txt",
        kind="text",
        sha256="0" * 64,
        size=4,
        pages=1,
        terms_checked=0,
        checked_by=membership.user,
    )
    if keep:
        version.file.save("0" * 64, ContentFile(b"text"), save=False)
    if hit:
        from kimitsu.awareness.models import PatentDecision

        decision = PatentDecision.objects.create(
            organization=org, title="乾燥工程の条件", recommendation="secret", decision="secret"
        )
        version.hits = [
            {
                "source": "decision",
                "id": decision.pk,
                "term": "乾燥",
                "page": 1,
                "place": "",
                "ref": "",
                "before": "",
                "matched": "乾燥",
                "after": "工程",
            }
        ]
        version.hit_count = 1
    version.save()
    return {"pk": req.pk}


def _hit(org, membership):
    return _request(org, membership, hit=True)


def _kept(org, membership):
    return {**_request(org, membership, keep=True), "number": 1}


ACCESS = {
    "prepub:list": Spec(allowed=VIEW),
    "prepub:new": Spec(allowed=CHECK, write=CHECK),
    "prepub:request": Spec(allowed=VIEW, kwargs=_request),
    "prepub:recheck": Spec(allowed=CHECK, kwargs=_request, ok_status=302, write=CHECK),
    # an administrator decides on a draft with hits; to anyone else (not a custodian of what it
    # hits) there is nothing to decide there
    "prepub:decide": Spec(
        allowed=VIEW, kwargs=_hit, ok_status=302, write={R.ADMIN}, write_hidden=VIEW - {R.ADMIN}
    ),
    "prepub:file": Spec(allowed=VIEW, kwargs=_kept),
    "api-prepub-checks": Spec(allowed=VIEW, write=CHECK),
    "api-prepub-check": Spec(allowed=VIEW, kwargs=_request),
    "api-prepub-recheck": Spec(allowed=VIEW, kwargs=_request, ok_status=405, write=CHECK),
    "api-prepub-decide": Spec(
        allowed=VIEW, kwargs=_hit, ok_status=405, write={R.ADMIN}, write_hidden=CHECK - {R.ADMIN}
    ),
}
