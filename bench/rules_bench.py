"""Benchmark of the rules app: the regulation to .docx (≤ 1 s) and to PDF (≤ 3 s), and stamping
a 100-page PDF (≤ 5 s). Prints figures; it is not a test.

    KIMITSU_DATA_DIR=/tmp/rules-bench .venv/bin/python bench/rules_bench.py

It builds a throw-away SQLite database in KIMITSU_DATA_DIR (default: a temporary directory) with
one company, its default levels, approved handling rules and a regulation in force with every
option chosen, then times each operation (best and median of several runs).
"""

import io
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
os.environ.setdefault("KIMITSU_DATA_DIR", tempfile.mkdtemp(prefix="rules-bench-"))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.utils import timezone  # noqa: E402


def timed(fn, runs):
    times = []
    result = None
    for _ in range(runs):
        start = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - start)
    return min(times), statistics.median(times), result


def sample_pdf(pages):
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    from kimitsu.documents.fonts import register_reportlab_font

    font = register_reportlab_font()
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=A4)
    for n in range(1, pages + 1):
        c.setFont(font, 11)
        for line in range(40):
            c.drawString(
                60, 780 - line * 18, f"{n}頁 {line + 1}行目 施工要領書の本文（ベンチマーク用）"
            )
        c.showPage()
    c.save()
    return buf.getvalue()


def main():
    call_command("migrate", verbosity=0)
    from kimitsu.organizations.models import Organization
    from kimitsu.rules import documents, selectors, services
    from kimitsu.rules.clauses import OPTIONS
    from kimitsu.rules.stamping import stamp_pdf

    org, _ = Organization.objects.get_or_create(
        slug="bench-rules", defaults={"kind": "company", "name": "株式会社ベンチ精工"}
    )
    if selectors.regulation_in_force(org) is None:
        rules = services.rule_set_start(actor=None, organization=org)
        services.rule_set_approve(actor=None, organization=org, rule_set=rules)
        reg = selectors.regulation_draft(org) or services.regulation_create(
            actor=None, organization=org, data={"options": {k: True for k in OPTIONS}}
        )
        services.regulation_approve(
            actor=None, organization=org, regulation=reg, effective_on=timezone.localdate()
        )
    reg = selectors.regulation_in_force(org)
    print(
        f"regulation: {reg}, {reg.articles.count()} articles, levels "
        f"{', '.join(selectors.levels(org).values_list('name', flat=True))}"
    )

    documents.render(reg, "docx")  # warm-up: imports, font registration
    documents.render(reg, "pdf")
    best, median, (data, _name) = timed(lambda: documents.render(reg, "docx"), 7)
    print(
        f"regulation -> .docx: best {best:.3f} s, median {median:.3f} s "
        f"({len(data):,} bytes)  [limit 1 s] {'OK' if median <= 1 else 'TOO SLOW'}"
    )
    best, median, (data, _name) = timed(lambda: documents.render(reg, "pdf"), 5)
    from pypdf import PdfReader

    pages = len(PdfReader(io.BytesIO(data)).pages)
    print(
        f"regulation -> PDF:   best {best:.3f} s, median {median:.3f} s "
        f"({len(data):,} bytes, {pages} pages)  [limit 3 s] {'OK' if median <= 3 else 'TOO SLOW'}"
    )

    source = sample_pdf(100)
    best, median, (stamped, count) = timed(
        lambda: stamp_pdf(
            source,
            marking="㊙ 秘",
            watermark=["株式会社北陸設備 様", "2026-11-22", "AB12-CD34"],
            footer_note="配布番号 AB12-CD34",
            max_bytes=50 * 1024 * 1024,
        ),
        5,
    )
    print(
        f"stamp 100-page PDF:  best {best:.3f} s, median {median:.3f} s "
        f"({len(source):,} -> {len(stamped):,} bytes, {count} pages)  [limit 5 s] "
        f"{'OK' if median <= 5 else 'TOO SLOW'}"
    )
    best, median, (record_and_data) = timed(
        lambda: services.distribution_stamp(
            actor=None,
            organization=org,
            data=source,
            filename="bench.pdf",
            level=selectors.levels(org).first(),
            recipient="取引先",
            watermark=True,
        ),
        3,
    )
    print(f"stamp + distribution record (service): best {best:.3f} s, median {median:.3f} s")


if __name__ == "__main__":
    main()
