"""What a person does through a personal link: confirm the regulation, sign a pledge, take the
quiz. Each runs in one transaction with the link's claim, so a link acts once or not at all, and
each is an audit event of the workspace (the person's name and employee number, no account)."""

import hashlib
import io
import unicodedata

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kimitsu.audit import services as audit

from . import links
from .models import TaskKind


class LinkUsed(Exception):
    """Another request used the link first."""


def _claim(link):
    if not links.claim(link):
        raise LinkUsed


def name_matches(typed: str, person) -> bool:
    """The name as written in the people register, whatever the width of its letters and the
    spaces between family and given name."""

    def norm(text):
        return "".join(unicodedata.normalize("NFKC", text or "").split())

    return bool(norm(typed)) and norm(typed) == norm(person.family_name + person.given_name)


def _who(person) -> dict:
    return {"person": person.employee_number, "name": person.full_name}


@transaction.atomic
def acknowledge_regulation(link, *, ip: str, user_agent: str):
    from kimitsu.rules.models import ReadConfirmation, Regulation
    from kimitsu.rules.selectors import regulation_in_force

    person = link.person
    regulation = Regulation.objects.get(pk=link.object_id, organization_id=link.organization_id)
    in_force = regulation_in_force(link.organization)
    if in_force is None or in_force.pk != regulation.pk:
        raise ValidationError(_("This version of the regulation is no longer the one in force."))
    _claim(link)
    existing = ReadConfirmation.objects.filter(regulation=regulation, person=person).first()
    if existing is not None:
        return existing
    confirmation = ReadConfirmation.objects.create(
        regulation=regulation,
        person=person,
        confirmed_at=timezone.now(),
        via_link=True,
        ip_address=ip[:64],
        user_agent=user_agent[:300],
    )
    audit.record(
        event_type="regulation.read_confirmed",
        organization=link.organization,
        obj=regulation,
        after={**_who(person), "number": regulation.number, "via": "personal link", "ip": ip},
    )
    return confirmation


def signature_page(*, person, typed_name, signed_at, ip, user_agent, shown_sha256, document):
    """The last page of an electronically signed pledge: 電子署名の記録."""
    from reportlab.platypus import Spacer

    from kimitsu.core.dates import moment_for_document
    from kimitsu.documents import pdf
    from kimitsu.documents.pdf import Paragraph

    st = pdf.styles()
    org = person.organization
    story = [
        Paragraph("電子署名の記録", st["title"]),
        pdf.grid(
            [
                ["書面", f"{document.get_kind_display()}（No. {document.pk}）"],
                ["署名者", f"{person.full_name}（社員番号 {person.employee_number}）"],
                ["入力された氏名", typed_name],
                ["署名日時", moment_for_document(signed_at, org)],
                ["IPアドレス", ip or "—"],
                ["ブラウザ", user_agent or "—"],
                ["表示した書面の SHA-256", shown_sha256],
            ],
            [44, 122],
            st,
            header=False,
        ),
        Spacer(0, 4),
        Paragraph(
            "上記の者は、本書面の前頁までの内容を画面で確認し、人事台帳に記載の氏名を入力して"
            "署名の意思を示した。本頁を含むこのPDFの SHA-256 には、時刻認証局（TSA）のタイム"
            "スタンプが付与される（kimitsu の証拠パックで検証できる）。",
            st["base"],
        ),
    ]
    return pdf.build(story, title="電子署名の記録")


def _append(pdf_bytes: bytes, page_bytes: bytes) -> bytes:
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter()
    for part in (pdf_bytes, page_bytes):
        for page in PdfReader(io.BytesIO(part)).pages:
            writer.add_page(page)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


@transaction.atomic
def sign_pledge(link, *, typed_name: str, ip: str, user_agent: str):
    from kimitsu.pledges.choices import DocumentStatus
    from kimitsu.pledges.models import Document, DocumentTransition
    from kimitsu.pledges.services.common import store_scan

    person = link.person
    document = Document.objects.select_for_update().get(
        pk=link.object_id, organization_id=link.organization_id, person=person
    )
    if document.status != DocumentStatus.ISSUED:
        raise ValidationError(_("This document is not waiting for a signature any more."))
    if not name_matches(typed_name, person):
        raise ValidationError(
            {"name": _("Type your name as written in the people register (e.g. 山田 太郎).")}
        )
    shown = bytes(link.document or b"")
    if not shown or hashlib.sha256(shown).hexdigest() != link.document_sha256:
        raise ValidationError(_("The document shown could not be found; ask for a new link."))
    _claim(link)
    signed_at = timezone.now()
    page = signature_page(
        person=person,
        typed_name=typed_name,
        signed_at=signed_at,
        ip=ip,
        user_agent=user_agent,
        shown_sha256=link.document_sha256,
        document=document,
    )
    signed = _append(shown, page)
    before = {"status": document.status}
    digest = store_scan(
        document,
        SimpleUploadedFile(f"signed-{document.pk}.pdf", signed, content_type="application/pdf"),
    )
    document.status = DocumentStatus.SIGNED
    document.signed_on = timezone.localdate()
    document.save(update_fields=["status", "signed_on"])
    DocumentTransition.objects.create(
        document=document,
        from_status=DocumentStatus.ISSUED,
        to_status=DocumentStatus.SIGNED,
        note="電子署名（個人リンク）",
    )
    audit.record(
        event_type="pledge_document.signed_electronically",
        organization=link.organization,
        obj=document,
        before=before,
        after={
            **_who(person),
            "status": DocumentStatus.SIGNED,
            "typed_name": typed_name,
            "ip": ip,
            "user_agent": user_agent[:300],
            "shown_sha256": link.document_sha256,
            "scan_sha256": digest,
        },
    )
    return document


@transaction.atomic
def submit_quiz(link, *, answers: dict, questions: list):
    from kimitsu.awareness.models import TrainingSession
    from kimitsu.awareness.services import quiz_record

    session = TrainingSession.objects.get(pk=link.object_id, organization_id=link.organization_id)
    _claim(link)
    return quiz_record(
        actor=None,
        session=session,
        person=link.person,
        answers=answers,
        questions=questions,
        via="personal link",
    )


def still_open(link) -> bool:
    """Is the link's task still to do (a task done another way closes its links)?"""
    from .selectors import open_tasks

    tasks = open_tasks(link.organization, [link.person]).get(link.person_id, [])
    return any(t.kind == link.kind and t.object_id == link.object_id for t in tasks)


@transaction.atomic
def acknowledge_read(link, *, ip: str, user_agent: str):
    from .models import ReadAck, ReadRequest

    request = ReadRequest.objects.get(pk=link.object_id, organization_id=link.organization_id)
    if request.closed_at is not None:
        raise ValidationError(_("This request to read has been closed."))
    _claim(link)
    ack, created = ReadAck.objects.get_or_create(
        request=request,
        person=link.person,
        defaults={
            "acknowledged_at": timezone.now(),
            "ip_address": ip[:64],
            "user_agent": user_agent[:300],
        },
    )
    if created:
        audit.record(
            event_type="read_request.acknowledged",
            organization=link.organization,
            obj=request,
            after={**_who(link.person), "title": request.title, "via": "personal link", "ip": ip},
        )
    return ack


@transaction.atomic
def read_request_create(*, actor, membership, title: str, kind: str, upload=None):
    """Ask everyone to read the handling rules in force, or a PDF, and confirm."""
    from kimitsu.organizations.access import require
    from kimitsu.rules.selectors import rule_set_approved

    from . import permissions as P
    from .models import ReadRequest

    require(membership, P.MANAGE)
    org = membership.organization
    request = ReadRequest(organization=org, title=title, kind=kind, created_by=actor)
    if kind == ReadRequest.RULES:
        request.rule_set = rule_set_approved(org)
        if request.rule_set is None:
            raise ValidationError({"kind": _("No handling rules have been approved yet.")})
    else:
        if upload is None:
            raise ValidationError({"file": _("Choose the PDF to be read.")})
        data = upload.read()
        if not data.startswith(b"%PDF-"):
            raise ValidationError({"file": _("The file is not a PDF.")})
        request.file_sha256 = hashlib.sha256(data).hexdigest()
        from django.core.files.base import ContentFile

        request.file.save("read.pdf", ContentFile(data), save=False)
    request.full_clean(exclude=["file"])
    request.save()
    audit.record(
        event_type="read_request.created",
        organization=org,
        actor=actor,
        obj=request,
        after={"title": title, "kind": kind, "file_sha256": request.file_sha256 or None},
    )
    return request


KIND_TEMPLATES = {
    TaskKind.REGULATION: "reach/link_regulation.html",
    TaskKind.READ: "reach/link_read.html",
    TaskKind.PLEDGE: "reach/link_pledge.html",
    TaskKind.QUIZ: "reach/link_quiz.html",
}
