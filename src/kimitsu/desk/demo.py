"""Demo data of the desk: clients (four anonymised profiles from the brochure's case studies and
the demo company, linked to its workspace), three fiscal years of consultations and seminars and
the current year so far, and two support engagements with visits. Idempotent: nothing is added
once the demo desk has consultations."""

import datetime as dt
import random

from django.db import transaction
from django.utils import timezone

from kimitsu.core.dates import fiscal_year, fiscal_year_range
from kimitsu.organizations.models import Membership

from . import services
from .choices import Attribute, Channel, SeminarKind, Subject
from .models import Consultation

# name, attribute, employees, industry, prefecture
CASE_CLIENTS = [
    ("発泡加工A社（デモ）", Attribute.SME, 28, "E", "34"),
    ("搬送機械B社（デモ）", Attribute.SME, 320, "E", "35"),
    ("食品製造C社（デモ）", Attribute.SME, 699, "E", "38"),
    ("建設D社（デモ）", Attribute.SME, 41, "D", "28"),
]
NAME_PARTS = [
    "精密",
    "化成",
    "電子",
    "工業",
    "製作所",
    "技研",
    "食品",
    "物産",
    "システム",
    "化学",
    "鋳造",
    "金型",
    "樹脂",
    "繊維",
    "機工",
    "薬品",
    "光学",
    "建設",
    "設計",
    "商事",
]
PLACES = [
    "東都",
    "北斗",
    "南海",
    "大和",
    "富士",
    "青葉",
    "朝日",
    "若葉",
    "白山",
    "緑川",
    "桜台",
    "三和",
    "千代田",
    "浪速",
    "筑紫",
    "常盤",
]
# prefecture weights: Tokyo area heavy, some Kansai (handed to the Kansai desk), the rest spread
PREFECTURE_WEIGHTS = {
    "13": 30,
    "14": 10,
    "11": 7,
    "12": 5,
    "23": 8,
    "22": 4,
    "15": 3,
    "20": 3,
    "27": 5,
    "28": 3,
    "26": 2,
    "40": 4,
    "34": 3,
    "04": 3,
    "01": 2,
    "38": 1,
    "35": 1,
    "24": 2,
    "09": 2,
    "10": 2,
}
INDUSTRY_WEIGHTS = {
    "E": 55,
    "G": 10,
    "I": 10,
    "D": 6,
    "L": 7,
    "H": 3,
    "R": 4,
    "P": 2,
    "O": 1,
    "A": 1,
    "M": 1,
}
ATTRIBUTE_WEIGHTS = {
    Attribute.SME: 78,
    Attribute.LARGE: 10,
    Attribute.SOLE: 5,
    Attribute.ACADEMIC: 3,
    Attribute.OTHER: 4,
}
SUBJECT_WEIGHTS = {
    Subject.MANAGEMENT: 60,
    Subject.STRATEGY: 15,
    Subject.CONTRACT: 8,
    Subject.LEAK: 7,
    Subject.SECURITY: 4,
    Subject.GENERAL: 12,
}
CHANNEL_WEIGHTS = {
    Channel.PHONE: 30,
    Channel.MAIL: 15,
    Channel.WEB_FORM: 10,
    Channel.WALK_IN: 5,
    Channel.VISIT: 22,
    Channel.ONLINE: 18,
}
# consultations per fiscal year, three years ago … last year (proportions of the seed's figures)
YEAR_COUNTS = [120, 150, 95]
SUMMARIES = [
    "秘密情報の洗い出し方法について相談。棚卸しの進め方を説明。",
    "情報管理規程の雛形と自社向けの調整方法について。",
    "退職予定者への秘密保持誓約書の取り方について。",
    "取引先から開示を求められた製造条件の扱いについて。",
    "新技術を特許出願するか秘匿するかの判断について。",
    "テレワーク時の資料持ち出しルールについて。",
    "中途採用者の受入時の確認事項について。",
    "社内研修の講師派遣の依頼。",
    "元従業員による顧客情報の持ち出しの疑い。警察への相談方法を案内。",
    "不正競争防止法の営業秘密の要件について一般的な質問。",
]
SEMINARS = [  # month, day, kind, title, online
    (11, 16, SeminarKind.IP_UTILIZATION, "知財活用支援セミナー"),
    (11, 24, SeminarKind.BEGINNER, "はじめての営業秘密管理"),
    (12, 15, SeminarKind.INTERMEDIATE, "営業秘密管理の実務（規程と格付け）"),
    (12, 25, SeminarKind.IP_UTILIZATION, "知財活用支援セミナー（事例編）"),
    (1, 28, SeminarKind.WORKSHOP, "秘密情報の棚卸しワークショップ"),
    (2, 16, SeminarKind.BEGINNER_INTERMEDIATE, "権利化と秘匿化の使い分け"),
]


def _weighted(rng, weights: dict):
    return rng.choices(list(weights), weights=list(weights.values()))[0]


def _employees(rng) -> int:
    band = rng.choices(
        [(1, 20), (21, 50), (51, 100), (101, 300), (301, 1000), (1001, 5000)],
        weights=[30, 22, 16, 17, 10, 5],
    )[0]
    return rng.randint(*band)


def _moment(rng, day: dt.date) -> dt.datetime:
    return timezone.make_aware(
        dt.datetime.combine(day, dt.time(rng.randint(9, 16), rng.choice([0, 15, 30, 45])))
    )


def _workday(rng, start: dt.date, end: dt.date) -> dt.date:
    while True:
        day = start + dt.timedelta(days=rng.randint(0, (end - start).days))
        if day.weekday() < 5:
            return day


def populate(company, desk, created_company, created_desk):
    if Consultation.objects.filter(organization=desk).exists():
        return
    admin = (
        Membership.objects.filter(organization=desk, role="desk_admin", is_active=True)
        .select_related("user")
        .first()
    )
    if admin is None:
        return
    with transaction.atomic():
        _populate(company, desk, admin)


def _populate(company, desk, admin):
    rng = random.Random(2026)
    actor = admin.user
    today = timezone.localdate()
    this_year = fiscal_year(today)
    staff = list(
        Membership.objects.filter(organization=desk, is_active=True).select_related("user")
    )
    advisors = [m.user for m in staff if m.role == "desk_advisor"] or [actor]

    def client(data):
        return services.client_create(actor=actor, membership=admin, data=data)

    clients = [
        client(
            {
                "name": name,
                "attribute": attr,
                "employee_count": n,
                "industry": ind,
                "prefecture": pref,
            }
        )
        for name, attr, n, ind, pref in CASE_CLIENTS
    ]
    linked = client(
        {
            "name": company.name,
            "attribute": Attribute.SME,
            "employee_count": company.employee_count or 41,
            "industry": company.industry or "D",
            "prefecture": company.prefecture or "15",
            "linked_organization": company,
            "contact": "総務部 山本",
        }
    )
    clients.append(linked)
    used = set()
    while len(clients) < 70:
        name = f"株式会社{rng.choice(PLACES)}{rng.choice(NAME_PARTS)}"
        if name in used:
            continue
        used.add(name)
        clients.append(
            client(
                {
                    "name": name,
                    "attribute": _weighted(rng, ATTRIBUTE_WEIGHTS),
                    "employee_count": _employees(rng),
                    "industry": _weighted(rng, INDUSTRY_WEIGHTS),
                    "prefecture": _weighted(rng, PREFECTURE_WEIGHTS),
                }
            )
        )

    rows, advisor_lists = [], []
    plan = [(this_year - 3 + i, n) for i, n in enumerate(YEAR_COUNTS)]
    start_current, _end = fiscal_year_range(this_year)
    elapsed = max((today - start_current).days, 1)
    plan.append((this_year, max(int(95 * elapsed / 365), 1)))
    for year, count in plan:
        start, end = fiscal_year_range(year)
        end = min(end, today - dt.timedelta(days=1))
        for _i in range(count):
            c = rng.choice(clients)
            channel = _weighted(rng, CHANNEL_WEIGHTS)
            if year < 2020 and channel == Channel.ONLINE:
                channel = Channel.PHONE
            subjects = list(
                dict.fromkeys(
                    _weighted(rng, SUBJECT_WEIGHTS) for _k in range(rng.choice([1, 1, 1, 2, 2, 3]))
                )
            )
            day = _workday(rng, start, end)
            rows.append(
                {
                    "received_at": _moment(rng, day),
                    "channel": channel,
                    "client_id": c.pk,
                    "attribute": c.attribute,
                    "employee_count": c.employee_count,
                    "industry": c.industry,
                    "prefecture": c.prefecture,
                    "subjects": subjects,
                    "summary": rng.choice(SUMMARIES),
                    "status": "closed"
                    if day < today - dt.timedelta(days=60)
                    else rng.choice(["open", "in_progress", "closed"]),
                    "lawyer_involved": Subject.LEAK in subjects or rng.random() < 0.05,
                    "referrals": ["police"]
                    if Subject.LEAK in subjects and rng.random() < 0.5
                    else [],
                }
            )
            advisor_lists.append([rng.choice(advisors)])
    services.consultations_bulk_create(
        actor=actor, membership=admin, rows=rows, source="demo", advisor_lists=advisor_lists
    )

    seminar_rows = []
    for year in range(this_year - 3, this_year):
        for month, day, kind, title in SEMINARS:
            held = dt.date(year + (1 if month < 4 else 0), month, day)
            seminar_rows.append(
                {
                    "held_on": held,
                    "title": title,
                    "kind": kind,
                    "online": year >= 2020,
                    "participants": rng.randint(40, 110),
                    "lecturer": "知財戦略アドバイザー",
                }
            )
        start, end = fiscal_year_range(year)
        for _i in range(8):
            seminar_rows.append(
                {
                    "held_on": _workday(rng, start, end),
                    "title": "社内研修（営業秘密管理の基礎）",
                    "kind": SeminarKind.IN_HOUSE,
                    "online": rng.random() < 0.4,
                    "participants": rng.randint(10, 45),
                    "lecturer": advisors[0].display_name,
                }
            )
        for _i in range(4):
            seminar_rows.append(
                {
                    "held_on": _workday(rng, start, end),
                    "title": "商工会議所セミナーでの講演",
                    "kind": SeminarKind.EXTERNAL,
                    "online": rng.random() < 0.3,
                    "participants": rng.randint(20, 80),
                    "lecturer": advisors[0].display_name,
                }
            )
    services.seminars_bulk_create(actor=actor, membership=admin, rows=seminar_rows, source="demo")

    # Two support engagements: the demo company (ongoing), and the foam processor (done).
    advisor_membership = next((m for m in staff if m.role == "desk_advisor"), admin)
    started = today - dt.timedelta(days=75)
    e = services.engagement_create(
        actor=advisor_membership.user,
        membership=advisor_membership,
        data={
            "client": linked,
            "title": "営業秘密管理体制の整備支援",
            "started_on": started,
            "planned_steps": [1, 2, 3, 4, 5, 6, 7],
            "completed_steps": [1, 2],
            "outcomes": ["secret_list"],
            "plan_note": "工事部を先行して棚卸しし、全社へ展開する。",
            "advisors": [advisor_membership.user],
        },
    )
    for offset, mode, minutes in [
        (0, "on_site", "現状の確認。秘密情報の分類の考え方を説明。"),
        (30, "online", "棚卸し表の記入方法を確認。工事部から着手。"),
        (60, "on_site", "情報管理規程の案を読み合わせ。次回は格付け。"),
    ]:
        services.visit_create(
            actor=advisor_membership.user,
            membership=advisor_membership,
            engagement=e,
            data={
                "visited_on": started + dt.timedelta(days=offset),
                "mode": mode,
                "attendees": "社長、総務部長、工事部長",
                "minutes": minutes,
            },
        )
    done_start = dt.date(this_year - 1, 6, 3)
    e2 = services.engagement_create(
        actor=actor,
        membership=admin,
        data={
            "client": clients[0],
            "title": "秘密管理の体制整備（2か月）",
            "started_on": done_start,
            "ended_on": done_start + dt.timedelta(days=55),
            "planned_steps": [3, 4, 7],
            "completed_steps": [3, 4, 7],
            "outcomes": ["secret_list", "regulations", "pledges", "training"],
        },
    )
    for offset in (0, 40):
        services.visit_create(
            actor=actor,
            membership=admin,
            engagement=e2,
            data={
                "visited_on": done_start + dt.timedelta(days=offset),
                "mode": "on_site",
                "attendees": "社長、製造部長",
                "minutes": "加工パラメータと治具を含む情報の洗い出し。",
            },
        )
