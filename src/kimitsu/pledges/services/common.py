import hashlib
import os

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.utils import timezone
from django.utils.translation import gettext as _

from kimitsu.organizations.services import snapshot  # noqa: F401

# Magic bytes of the files a signed copy may be: a PDF, or a scan/photo as an image.
SIGNATURES = [
    (b"%PDF-", ".pdf"),
    (b"\x89PNG\r\n\x1a\n", ".png"),
    (b"\xff\xd8\xff", ".jpg"),
    (b"II*\x00", ".tif"),
    (b"MM\x00*", ".tif"),
]


def same_org(membership, *objs):
    for obj in objs:
        if obj is not None and obj.organization_id != membership.organization_id:
            raise PermissionDenied


def validated_save(obj):
    obj.full_clean()
    obj.save()
    return obj


def validate_upload(upload) -> tuple[bytes, str, str]:
    """Read an upload that must be a PDF or an image within the size limit.
    Returns (content, extension, sha256); refuses anything else with a clear message."""
    limit_mb = settings.KIMITSU_MAX_UPLOAD_MB
    size = getattr(upload, "size", None)
    if size is not None and size > limit_mb * 1024 * 1024:
        raise ValidationError(
            {
                "scan": _("The file is %(size).1f MB; the limit is %(limit)d MB.")
                % {"size": size / 1024 / 1024, "limit": limit_mb}
            }
        )
    data = upload.read()
    if len(data) > limit_mb * 1024 * 1024:
        raise ValidationError(
            {
                "scan": _("The file is %(size).1f MB; the limit is %(limit)d MB.")
                % {"size": len(data) / 1024 / 1024, "limit": limit_mb}
            }
        )
    if not data:
        raise ValidationError({"scan": _("The file is empty.")})
    for magic, ext in SIGNATURES:
        if data.startswith(magic):
            return data, ext, hashlib.sha256(data).hexdigest()
    raise ValidationError(
        {
            "scan": _(
                "“%(name)s” is not a PDF or an image (PNG, JPEG, TIFF); upload the scan of the signed "
                "paper."
            )
            % {"name": os.path.basename(getattr(upload, "name", "") or "")}
        }
    )


def store_scan(obj, upload) -> str:
    data, ext, digest = validate_upload(upload)
    name = f"{digest}{ext}"
    obj.scan.save(name, ContentFile(data), save=False)
    obj.scan_name = os.path.basename(getattr(upload, "name", "") or name)[:255]
    obj.scan_sha256 = digest
    obj.scan_uploaded_at = timezone.now()
    obj.save(update_fields=["scan", "scan_name", "scan_sha256", "scan_uploaded_at"])
    return digest
