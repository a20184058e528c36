"""Demo evidence: two records of the 型枠支保工 know-how decided as secret, then every stamp the
demo made is asked for at once, and the audit chain anchored, so that the pages show TSA times
(the development TSA's, labelled so)."""

import hashlib

from django.core.files.uploadedfile import SimpleUploadedFile

from kimitsu.organizations.choices import Role
from kimitsu.organizations.models import Membership

from .models import Record, RecordKind

RECORDS = [
    (
        "型枠支保工 組立手順書 第3版（現場用）",
        RecordKind.PROCESS,
        "工事部作成の組立手順書 PDF。2026年度の現場で用いた版。",
        True,
    ),
    (
        "実験ノート 第12冊 18〜21頁（支保工の荷重試験）",
        RecordKind.NOTEBOOK,
        "技術開発室の実験ノートのスキャン。ファイルは会社が保管し、ハッシュのみ登録。",
        False,
    ),
]


def _demo_pdf(title: str) -> bytes:
    """A small real PDF standing for the company's file (its text is the demo's, not a secret)."""

    from kimitsu.documents import pdf
    from kimitsu.documents.pdf import Paragraph

    st = pdf.styles()
    body = [
        Paragraph(title, st["title"]),
        Paragraph("（デモ用のファイル。内容は架空のものです。）", st["base"]),
    ]
    return pdf.build(
        body, title=title, author="kimitsu demo", on_page=pdf.marking_painter("㊙ 極秘")
    )


def populate(company, desk, created_company, created_desk):
    from kimitsu.audit import anchors
    from kimitsu.audit.services import chain_for
    from kimitsu.awareness.models import PatentDecision
    from kimitsu.register.models import Entry
    from kimitsu.timestamps import services as stamps
    from kimitsu.timestamps import tsa

    from . import services

    if Record.objects.filter(organization=company).exists():
        return
    admin = (
        Membership.objects.filter(organization=company, role=Role.ADMIN, is_active=True)
        .select_related("user", "organization")
        .first()
    )
    if admin is None:
        return
    decision = PatentDecision.objects.filter(
        organization=company, title__contains="型枠支保工"
    ).first()
    entry = Entry.objects.filter(organization=company, status="approved").order_by("pk").first()
    for number, (title, kind, description, keep) in enumerate(RECORDS, start=1):
        content = _demo_pdf(title)
        upload = SimpleUploadedFile(f"demo-{number}.pdf", content) if keep else None
        services.record_create(
            actor=admin.user,
            membership=admin,
            title=title,
            kind=kind,
            description=description,
            upload=upload,
            sha256="" if keep else hashlib.sha256(content).hexdigest(),
            filename="" if keep else "notebook-12-p18-21.pdf",
            keep=keep,
            entries=[entry] if entry else [],
            decision=decision,
        )
    if tsa.config() is not None:
        stamps.retry_due(limit=10_000)
        for org in (company, desk):
            made = anchors.anchor(chain_for(org), org, queue=False)
            if made is not None:
                stamps.stamp_now(made.timestamp_id)
