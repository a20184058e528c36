"""The evidence pack (証拠パック): a zip that a lawyer checks with OpenSSL alone, without kimitsu.

report.pdf            営業秘密管理の実施状況報告書
manifest.json         every stamped item: kind, id, SHA-256, token file, TSA time
tokens/*.tst          the DER TimeStampTokens
documents/*           the exact bytes kimitsu stamped for its own records (JSON, anchor lists)
tsa-ca.pem            the TSA's trust roots; tsa-certs.pem the certificates in the tokens
audit/chain.csv       the audit events about the covered entries and stamped records
audit/events.jsonl    each of those events as hashed (prev_hash, payload, hash)
audit/verify_audit.py recomputes those hashes and finds them in the anchors (Python 3 alone)
VERIFY.md             how to check every token with OpenSSL
"""

import csv
import io
import json
import zipfile

from cryptography import x509
from cryptography.hazmat.primitives import serialization
from django.utils import timezone

from kimitsu.audit import services as audit
from kimitsu.audit.services import event_content
from kimitsu.timestamps import tsa
from kimitsu.timestamps.models import Kind

from . import report, verify_text
from .gather import gather

FORMAT = "kimitsu evidence pack 1"


def token_name(stamp) -> str:
    return f"tokens/{stamp.kind}-{stamp.pk}.tst"


def document_name(stamp) -> str:
    ext = "txt" if stamp.kind == Kind.ANCHOR else "json"
    return f"documents/{stamp.kind}-{stamp.pk}.{ext}"


def certs_in(tokens) -> bytes:
    from asn1crypto import cms

    seen, out = set(), []
    for token in tokens:
        signed = cms.ContentInfo.load(token)["content"]
        for cert in signed["certificates"] or []:
            der = cert.chosen.dump()
            if der not in seen:
                seen.add(der)
                out.append(
                    x509.load_der_x509_certificate(der).public_bytes(serialization.Encoding.PEM)
                )
    return b"".join(out)


def _payload(event) -> str:
    return json.dumps(
        event_content(event), sort_keys=True, ensure_ascii=False, separators=(",", ":")
    )


def manifest_item(stamp, g) -> dict:
    item = {
        "kind": stamp.kind,
        "id": stamp.pk,
        "object": f"{stamp.object_type}:{stamp.object_id}" if stamp.object_type else "",
        "label": stamp.label,
        "sha256": stamp.sha256,
        "status": stamp.status,
    }
    if stamp.stamped:
        item.update(
            token=token_name(stamp),
            tsa_time=stamp.tsa_time.isoformat(),
            tsa=stamp.tsa_name,
            tsa_serial=stamp.tsa_serial,
            development=stamp.development,
        )
    if stamp.document:
        item["document"] = document_name(stamp)
    return item


def write(zf: zipfile.ZipFile, g, *, actor, created_at, progress=None) -> dict:
    progress = progress or (lambda step, done, total: None)
    stamped = [s for s in g.stamps if s.stamped]
    names = {s.pk: token_name(s).removeprefix("tokens/") for s in stamped}
    document = report.build(
        g, actor=actor, token_names=names, created_at=created_at, progress=progress
    )
    progress("zip", 0, 1)
    zf.writestr("report.pdf", document)
    for s in stamped:
        zf.writestr(token_name(s), bytes(s.token))
    for s in g.stamps:
        if s.document:
            zf.writestr(document_name(s), s.document.encode("utf-8"))
    try:
        roots = tsa.roots_pem()
    except tsa.NotConfigured:
        roots = b""
    zf.writestr("tsa-ca.pem", roots)
    zf.writestr("tsa-certs.pem", certs_in(bytes(s.token) for s in stamped))
    records = {r.timestamp_id: r for r in g.records}
    items = []
    for s in g.stamps:
        item = manifest_item(s, g)
        record = records.get(s.pk)
        if record is not None:
            item.update(record=record.code, title=record.title, filename=record.filename)
        items.append(item)
    manifest = {
        "format": FORMAT,
        "organization": g.organization.name,
        "created_at": created_at.isoformat(),
        "created_by": getattr(actor, "email", ""),
        "scope": "company" if g.whole_company else [f.entry.ledger_number for f in g.entries],
        "development_tsa": any(s.development for s in stamped),
        "items": items,
        "anchors": [
            {
                "chain": a.chain,
                "events": [a.first_seq, a.seq],
                "head_hash": a.head_hash,
                "document": document_name(a.timestamp),
                "token": token_name(a.timestamp) if a.timestamp.stamped else None,
            }
            for a in g.anchors
        ],
    }
    zf.writestr("manifest.json", json.dumps(manifest, ensure_ascii=False, indent=2))
    buf = io.StringIO()
    out = csv.writer(buf)
    out.writerow(["seq", "time", "actor", "event", "object", "hash"])
    from kimitsu.audit.events import label

    lines = []
    for event in g.events:
        out.writerow(
            [
                event.seq,
                timezone.localtime(event.created_at).isoformat(timespec="seconds"),
                event.actor_label,
                label(event.event_type),
                event.object_repr,
                event.hash,
            ]
        )
        lines.append(
            json.dumps(
                {
                    "seq": event.seq,
                    "prev_hash": event.prev_hash,
                    "payload": _payload(event),
                    "hash": event.hash,
                },
                ensure_ascii=False,
            )
        )
    zf.writestr("audit/chain.csv", "\ufeff" + buf.getvalue())
    zf.writestr("audit/events.jsonl", "\n".join(lines) + ("\n" if lines else ""))
    zf.writestr("audit/verify_audit.py", verify_text.VERIFY_AUDIT_PY)
    zf.writestr("VERIFY.md", verify_text.verify_md(g, stamped, token_name, document_name))
    return manifest


def build(membership, *, actor, entries=None, progress=None) -> bytes:
    """The pack for this reader, of the whole company (``entries=None``) or of chosen entries.
    ``progress(step, done, total)`` hears of the work (the job's page shows it)."""
    if progress is not None:
        progress("gathering", 0, 1)
    g = gather(membership, entries)
    created_at = timezone.now()
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        manifest = write(zf, g, actor=actor, created_at=created_at, progress=progress)
    audit.record(
        event_type="evidence.pack_exported",
        organization=g.organization,
        actor=actor,
        object_type="evidence.pack",
        object_repr="evidence pack",
        after={
            "scope": manifest["scope"] if not g.whole_company else "company",
            "items": len(manifest["items"]),
            "entries": len(g.entries),
        },
    )
    return buf.getvalue()
