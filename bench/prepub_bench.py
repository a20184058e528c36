"""Benchmark of the pre-publication check (issue 15): a 100-page PDF against 100,000 register
entries holding 300,000 check terms, target ≤ 5 s. Prints figures; it is not a test.

    .venv/bin/python bench/prepub_bench.py                      # full size, SQLite in /tmp
    .venv/bin/python bench/prepub_bench.py --entries 1000 --pages 5   # quick
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/kimitsu_prepub_bench \
        .venv/bin/python bench/prepub_bench.py

Figures:
- COLD: the first check in a fresh process — reading the 300,000 terms from the database and
  building the automaton, reading the PDF, matching, recording the version and its audit event.
  This is the figure held to the 5 s target (a server's first check after a start or after a
  term changed pays it).
- WARM: the next checks of the same process (the automaton is kept per workspace), median of 5.
- the parts: terms from the database + automaton; PDF text extraction; matching alone.
"""

import argparse
import io
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
os.environ.setdefault("KIMITSU_DATA_DIR", tempfile.mkdtemp(prefix="prepub-bench-"))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
os.environ.setdefault("KIMITSU_DEBUG", "false")

KANJI = "焼結圧延鋳造熱処理表面硬化溶接研磨塗装乾燥混練成形押出積層接着切削洗浄検査配合"
KATAKANA = "アイウエオカキクケコサシスセソタチツテトナニヌネノハヒフヘホマミムメモラリルレロ"
PROSE = (
    "当社は創業以来、精密部品の製造を通じて地域の産業を支えてまいりました。"
    "本製品は高い耐久性と加工精度を両立し、幅広い用途でご採用いただいております。"
    "品質管理体制を強化し、全数検査により安定した品質をお届けします。"
)


def fresh_database():
    url = os.environ.get("DATABASE_URL", "")
    if url.startswith("postgres"):
        import psycopg

        base, name = url.rsplit("/", 1)
        with psycopg.connect(base + "/postgres", autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            conn.execute(f'CREATE DATABASE "{name}"')
    else:
        data_dir = Path(os.environ["KIMITSU_DATA_DIR"])
        for suffix in ("", "-wal", "-shm"):
            (data_dir / f"kimitsu.sqlite3{suffix}").unlink(missing_ok=True)


def terms_for(i, rng):
    """Three terms as a company writes them: a code, a word, a value with its unit."""
    word = "".join(rng.choice(KANJI) for _ in range(3)) + "".join(
        rng.choice(KATAKANA) for _ in range(3)
    )
    value = f"{rng.randint(100, 99999)}{rng.choice(['℃', 'MPa', 'rpm', 'mm', '%'])}"
    return [f"ZX-{i:06d}", word, value]


def populate(org, n, rng):
    from kimitsu.register.models import Entry

    planted = []
    batch = []
    for i in range(1, n + 1):
        terms = terms_for(i, rng)
        if i % max(1, n // 20) == 0:
            planted.append(terms[0] if i % 2 else terms[1])
        batch.append(
            Entry(
                organization=org,
                ledger_number=f"KM-{i:06d}",
                title=f"ベンチ項目{i}",
                category="technical",
                status="approved",
                check_terms="\n".join(terms),
            )
        )
        if len(batch) == 5000:
            Entry.objects.bulk_create(batch)
            batch = []
    Entry.objects.bulk_create(batch)
    return planted


def sample_pdf(pages, planted, rng):
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    from kimitsu.documents.fonts import register_reportlab_font

    font = register_reportlab_font()
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=A4)
    plant = list(planted)
    every = max(1, pages // max(1, len(planted)))
    for n in range(1, pages + 1):
        c.setFont(font, 10)
        for line in range(42):
            start = rng.randrange(len(PROSE) - 40)
            text = PROSE[start : start + 40]
            if plant and line == 20 and n % every == 0:
                text = text[:15] + plant.pop() + text[15:]
            c.drawString(40, 800 - line * 18, f"{n}-{line + 1} {text}")
        c.showPage()
    c.save()
    return buf.getvalue()


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--entries", type=int, default=100_000)
    parser.add_argument("--pages", type=int, default=100)
    args = parser.parse_args()
    fresh_database()
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    from kimitsu.organizations.choices import Role
    from kimitsu.organizations.models import Organization
    from kimitsu.prepub import extract, selectors, services
    from kimitsu.prepub.matching import Matcher
    from kimitsu.testing.factories import MembershipFactory

    rng = random.Random(15)
    org = Organization.objects.create(
        slug="bench-prepub", kind="company", name="株式会社ベンチ精工"
    )
    admin = MembershipFactory(organization=org, role=Role.ADMIN)
    start = time.perf_counter()
    planted = populate(org, args.entries, rng)
    print(
        f"SETUP   {args.entries:,} entries, {3 * args.entries:,} terms in "
        f"{time.perf_counter() - start:.1f} s"
    )
    data = sample_pdf(args.pages, planted, rng)
    print(f"PDF     {args.pages} pages, {len(data):,} bytes")

    def check():
        return services.check(
            actor=admin.user, membership=admin, purpose="catalogue", filename="c.pdf", data=data
        )

    t0, c0 = time.perf_counter(), time.process_time()
    version = check()
    cold, cold_cpu = time.perf_counter() - t0, time.process_time() - c0
    verdict = "OK" if cold <= 5 else "TOO SLOW"
    print(
        f"COLD    {cold:.2f} s [cpu {cold_cpu:.2f} s]  {version.pages} pages, "
        f"{version.terms_checked:,} terms, {version.hit_count} hits  [limit 5 s] {verdict}"
    )
    warm = []
    for _ in range(5):
        t0 = time.perf_counter()
        check()
        warm.append(time.perf_counter() - t0)
    print(f"WARM    median {statistics.median(warm):.3f} s, best {min(warm):.3f} s")

    t0 = time.perf_counter()
    terms = list(selectors.terms_of(org))
    read_terms = time.perf_counter() - t0
    t0 = time.perf_counter()
    matcher = Matcher(terms)
    build = time.perf_counter() - t0
    t0 = time.perf_counter()
    draft = extract.read("c.pdf", data)
    extracting = time.perf_counter() - t0
    t0 = time.perf_counter()
    hits = sum(len(matcher.find(p.text)) for p in draft.parts)
    matching = time.perf_counter() - t0
    print(
        f"PARTS   terms from the database {read_terms:.2f} s, automaton {build:.2f} s, "
        f"PDF text {extracting:.2f} s, matching {matching * 1000:.1f} ms ({hits} hits)"
    )


if __name__ == "__main__":
    main()
