"""Benchmark of the secret register (issue 3). Prints its figures; not a test.

Builds one company with N entries (default 100,000), 2,000 people, 50 departments and 3 grants per
entry (300,000 grants) by importing a generated .xlsx through the real import, then measures:
- the import of that .xlsx (time, peak RSS of the process),
- the register list (a filter and a search, a page of 50) p95, as an administrator and as an
  employee (need-to-know subqueries), server time through Django's test client,
- an entry's detail p95,
- the export of the whole register to .xlsx.

  KIMITSU_DATA_DIR=/tmp/kimitsu-bench .venv/bin/python bench/register_bench.py --entries 2000
  DATABASE_URL=postgres://postgres@127.0.0.1:5432/kimitsu_register_bench \
      .venv/bin/python bench/register_bench.py

The database is created and migrated if needed; the bench company is replaced on each run.
"""

import argparse
import io
import os
import random
import resource
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
os.environ.setdefault("KIMITSU_DEBUG", "false")  # no per-query debug bookkeeping
os.environ.setdefault("KIMITSU_DATA_DIR", "/tmp/kimitsu-bench")
os.environ.setdefault("KIMITSU_MAX_UPLOAD_MB", "200")
os.environ.setdefault("KIMITSU_AXES_ENABLED", "false")

SLUG = "bench-register"
WORDS_A = [
    "製品",
    "金型",
    "加工",
    "設計",
    "試作",
    "検査",
    "顧客",
    "見積",
    "原価",
    "仕入",
    "経営",
    "人事",
    "投資",
    "共同開発",
    "工程",
    "配合",
    "営業",
    "技術",
]
WORDS_B = [
    "図面",
    "手順書",
    "仕様書",
    "条件表",
    "データ",
    "台帳",
    "名簿",
    "議事録",
    "計画書",
    "報告書",
    "ノウハウ",
    "一覧",
]
CATEGORIES = ["技術・製造", "営業", "経営", "他社から開示", "その他"]
LEVELS = ["極秘", "秘", "社外秘", "公開"]


def ensure_postgres_database():
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith("postgres"):
        return
    import psycopg

    base, name = url.rsplit("/", 1)
    with psycopg.connect(base + "/postgres", autocommit=True) as conn:
        if not conn.execute("SELECT 1 FROM pg_database WHERE datname=%s", [name]).fetchone():
            conn.execute(f'CREATE DATABASE "{name}"')


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def p95(samples):
    return statistics.quantiles(samples, n=20)[18] if len(samples) >= 20 else max(samples)


def build_company(n_people, n_departments):
    from django.contrib.auth import get_user_model

    from kimitsu.organizations import services as org_services
    from kimitsu.organizations.choices import OrgKind, Role
    from kimitsu.organizations.models import Department, Membership, Organization, Person
    from kimitsu.register.services import levels_ensure_defaults

    old = Organization.objects.filter(slug=SLUG).first()
    if old is not None:
        from django.db import connection

        # Audit rows are append-only by design; the bench company goes with them, in raw SQL.
        with connection.cursor() as cur:
            for table, col in [
                ("register_review", "organization_id"),
                ("register_classification", "organization_id"),
                ("register_departmentgrant", "organization_id"),
                ("register_persongrant", "organization_id"),
                ("register_entry", "organization_id"),
                ("register_level", "organization_id"),
                ("register_registersettings", "organization_id"),
                ("organizations_membership", "organization_id"),
                ("audit_auditevent", "organization_id"),
            ]:
                cur.execute(f"DELETE FROM {table} WHERE {col} = %s", [old.pk])
            cur.execute("DELETE FROM audit_chainhead WHERE chain = %s", [f"org:{old.pk}"])
            cur.execute(
                "UPDATE organizations_person SET department_id = NULL WHERE organization_id = %s",
                [old.pk],
            )
            cur.execute("DELETE FROM organizations_person WHERE organization_id = %s", [old.pk])
            cur.execute(
                "UPDATE organizations_department SET parent_id = NULL WHERE organization_id = %s",
                [old.pk],
            )
            cur.execute("DELETE FROM organizations_department WHERE organization_id = %s", [old.pk])
            cur.execute("DELETE FROM organizations_organization WHERE id = %s", [old.pk])
    org = org_services.organization_create(
        actor=None, slug=SLUG, name="ベンチマーク株式会社", kind=OrgKind.COMPANY
    )
    tops = []
    depts = []
    for i in range(n_departments):
        parent = tops[i % len(tops)] if i >= 5 else None
        d = Department.objects.create(
            organization=org, name=f"部署{i:02d}", code=f"D{i:02d}", parent=parent, sort_order=i
        )
        if i < 5:
            tops.append(d)
        depts.append(d)
    Person.objects.bulk_create(
        [
            Person(
                organization=org,
                employee_number=f"{i:05d}",
                family_name="社員",
                given_name=f"{i}",
                department=depts[i % len(depts)],
            )
            for i in range(1, n_people + 1)
        ],
        batch_size=1000,
    )
    levels_ensure_defaults(organization=org)
    User = get_user_model()
    users = {}
    for role in ("admin", "member"):
        email = f"bench-{role}@example.jp"
        user = User.objects.filter(email=email).first() or User.objects.create_user(
            email=email, password="bench-bench-bench", display_name=role
        )
        person = Person.objects.get(organization=org, employee_number="00042")
        Membership.objects.filter(user=user).delete()
        Membership.objects.create(
            user=user, organization=org, role=role, person=person if role == Role.MEMBER else None
        )
        users[role] = user
    return org, depts, users


def generate_xlsx(n_entries, n_people, depts, path):
    from kimitsu.documents.xlsx import write_table
    from kimitsu.register.ledger_io import COLUMNS

    rnd = random.Random(3)
    keys = [c.key for c in COLUMNS]

    def rows():
        for i in range(1, n_entries + 1):
            yield row_for(i)

    def row_for(i):
        level = rnd.choices(LEVELS, weights=[1, 3, 4, 2])[0]
        person_grants = "、".join(f"{rnd.randint(1, n_people):05d}" for _ in range(2))
        category = rnd.choice(CATEGORIES)
        disclosed = category == "他社から開示"  # names its source, as the import requires
        row = {
            "ledger_number": f"KM-{i:06d}",
            "title": f"{rnd.choice(WORDS_A)}{rnd.choice(WORDS_B)}（{i}）",
            "summary": f"{rnd.choice(WORDS_A)}に関する{rnd.choice(WORDS_B)}。第{i % 7 + 1}版。",
            "category": category,
            "item_type": rnd.choice(WORDS_B),
            "media": rnd.choice(["紙", "電子データ", "紙、電子データ", "物件"]),
            "storage_locations": f"\\\\fs01\\share\\{i % 500:03d}",
            "owning_department": rnd.choice(depts).name,
            "custodian": f"{rnd.randint(1, n_people):05d}",
            "level": level,
            "classification_reason": "ベンチマーク用の格付け理由",
            "secrecy": "満たす",
            "usefulness": "満たす",
            "non_public": rnd.choice(["満たす", "一部"]),
            "department_grants": rnd.choice(depts).name,
            "person_grants": person_grants,
            "next_review_on": "",
            "check_terms": f"ZX-{i:06d}" if i % 3 == 0 else "",
            "source_partner_name": f"取引先{i % 40:02d}社" if disclosed else "",
            "source_agreement_ref": f"NDA-{i % 40:02d}" if disclosed else "",
            "remarks": "",
        }
        return [row[k] for k in keys]

    with open(path, "wb") as f:
        write_table(f, "台帳", [c.ja for c in COLUMNS], rows())


def client_for(user):
    from django.test import Client
    from django_otp.plugins.otp_totp.models import TOTPDevice

    client = Client()
    client.force_login(user)
    device = TOTPDevice.objects.filter(
        user=user, confirmed=True
    ).first() or TOTPDevice.objects.create(user=user, name="bench", confirmed=True)
    session = client.session
    session["otp_device_id"] = device.persistent_id
    session.save()
    return client


CPU_SAMPLES: list[float] = []


def timed_gets(client, urls, rounds):
    """Wall time per request (server time: the test client runs the whole Django stack in this
    process); the process CPU time of each request goes to CPU_SAMPLES (on SQLite that includes
    the database work, and it is what the figure would be on an idle machine)."""
    samples = []
    CPU_SAMPLES.clear()
    for _ in range(rounds):
        for url in urls:
            t, c = time.perf_counter(), time.process_time()
            response = client.get(url)
            samples.append((time.perf_counter() - t) * 1000)
            CPU_SAMPLES.append((time.process_time() - c) * 1000)
            assert response.status_code == 200, (url, response.status_code)
    return samples


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--entries", type=int, default=100_000)
    parser.add_argument("--people", type=int, default=2_000)
    parser.add_argument("--departments", type=int, default=50)
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()

    ensure_postgres_database()
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    call_command("migrate", verbosity=0)
    from kimitsu.register import ledger_io
    from kimitsu.register.models import DepartmentGrant, Entry, PersonGrant

    print(
        f"database: {connection.vendor} · entries {args.entries:,} · people {args.people:,}"
        f" · departments {args.departments}"
    )
    t = time.perf_counter()
    org, depts, users = build_company(args.people, args.departments)
    print(f"company built in {time.perf_counter() - t:.1f} s")

    path = Path(os.environ["KIMITSU_DATA_DIR"]) / f"bench-{args.entries}.xlsx"
    path.parent.mkdir(parents=True, exist_ok=True)
    t = time.perf_counter()
    generate_xlsx(args.entries, args.people, depts, path)
    print(f"xlsx generated in {time.perf_counter() - t:.1f} s ({path.stat().st_size / 1e6:.1f} MB)")

    rss_before = peak_rss_mb()
    data = path.read_bytes()
    t, cpu = time.perf_counter(), time.process_time()
    result = ledger_io.apply_import(
        actor=users["admin"], organization=org, filename=path.name, data=data
    )
    import_s, import_cpu = time.perf_counter() - t, time.process_time() - cpu
    assert result.ok, [str(e) for e in result.errors[:5]]
    del data, result
    grants = (
        DepartmentGrant.objects.filter(organization=org).count()
        + PersonGrant.objects.filter(organization=org).count()
    )
    print(
        f"IMPORT  {args.entries:,} rows: {import_s:.1f} s (CPU {import_cpu:.1f} s); peak RSS {peak_rss_mb():.0f} MB "
        f"(before {rss_before:.0f} MB); {Entry.objects.filter(organization=org).count():,} "
        f"entries, {grants:,} grants"
    )

    base = f"/o/{SLUG}/register/entries/"
    level_id = org.register_levels.get(code="secret").pk
    list_urls = [
        f"{base}?q=図面&category=technical",
        f"{base}?q=原価&level={level_id}&sort=review",
        f"{base}?q=金型 図面&page=3",
        f"{base}?category=sales&medium=paper&page=20",
        f"{base}?q=KM-0500&sort=-number",
    ]
    for role in ("admin", "member"):
        client = client_for(users[role])
        timed_gets(client, list_urls, 1)  # warm-up
        samples = timed_gets(client, list_urls, args.rounds * 4)
        print(
            f"LIST    ({role:6}) p95 {p95(samples):6.1f} ms · median "
            f"{statistics.median(samples):6.1f} ms · n={len(samples)} · CPU p95 "
            f"{p95(CPU_SAMPLES):6.1f} ms"
        )

    rnd = random.Random(7)
    ids = list(Entry.objects.filter(organization=org).values_list("pk", flat=True)[:50_000])
    client = client_for(users["admin"])
    detail_urls = [f"{base}{pk}/" for pk in rnd.sample(ids, min(len(ids), 60))]
    timed_gets(client, detail_urls[:5], 1)
    samples = timed_gets(client, detail_urls, 1)
    print(
        f"DETAIL  (admin ) p95 {p95(samples):6.1f} ms · median "
        f"{statistics.median(samples):6.1f} ms · n={len(samples)} · CPU p95 "
        f"{p95(CPU_SAMPLES):6.1f} ms (極秘 views are audited on the way)"
    )

    t = time.perf_counter()
    buf = io.BytesIO()
    n = ledger_io.export_xlsx(org, Entry.objects.filter(organization=org), buf)
    print(
        f"EXPORT  {n:,} rows to .xlsx: {time.perf_counter() - t:.1f} s "
        f"({len(buf.getvalue()) / 1e6:.1f} MB)"
    )
    t = time.perf_counter()
    buf = io.BytesIO()
    ledger_io.export_csv(org, Entry.objects.filter(organization=org), buf)
    print(f"EXPORT  {n:,} rows to CSV: {time.perf_counter() - t:.1f} s")
    print(
        f"peak RSS of the whole run: {peak_rss_mb():.0f} MB · load average "
        f"{' '.join(f'{x:.1f}' for x in os.getloadavg())} on {os.cpu_count()} CPUs"
    )


if __name__ == "__main__":
    main()
