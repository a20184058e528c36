from kimitsu.organizations.choices import Role as R
from kimitsu.testing.access import Spec

VIEW = {R.ADMIN, R.MANAGER, R.MEMBER, R.AUDITOR}
CHECK = {R.ADMIN, R.MANAGER, R.MEMBER}


def _request(org, membership, keep=False):
    """A request of this reader's, checked once (kept when ``keep``)."""
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
    version.save()
    return {"pk": req.pk}


def _kept(org, membership):
    return {**_request(org, membership, keep=True), "number": 1}


ACCESS = {
    "prepub:list": Spec(allowed=VIEW),
    "prepub:new": Spec(allowed=CHECK),
    "prepub:request": Spec(allowed=VIEW, kwargs=_request),
    "prepub:recheck": Spec(allowed=CHECK, kwargs=_request, ok_status=302),
    "prepub:decide": Spec(allowed=VIEW, kwargs=_request, ok_status=302),
    "prepub:file": Spec(allowed=VIEW, kwargs=_kept),
    "api-prepub-checks": Spec(allowed=VIEW),
    "api-prepub-check": Spec(allowed=VIEW, kwargs=_request),
    "api-prepub-recheck": Spec(allowed=VIEW, kwargs=_request, ok_status=405),
    "api-prepub-decide": Spec(allowed=VIEW, kwargs=_request, ok_status=405),
}
