"""The demo workspaces: a 41-person construction company modelled on the fourth case study of the
desk's brochure (anonymised), and a consultation desk whose advisor follows it.

Everything is created through the services, so the demo's audit chain is a real one.
"""

import datetime as dt

from django.contrib.auth import get_user_model
from django.db import transaction
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from kimitsu.organizations import services
from kimitsu.organizations.choices import OrgKind, PersonStatus, Role
from kimitsu.organizations.models import Department, Membership, Organization, Person

from .people import DEPARTMENTS, PEOPLE

COMPANY_SLUG = "demo"
DESK_SLUG = "demo-desk"
PASSWORD = "kimitsu-demo-2026"
# Fixed keys so that the demo's second factor can be added to any authenticator app, and so that
# `kimitsu demo --otp EMAIL` can print the current code. Demo users only.
DEMO_TOTP_KEY = "6b696d697473752d64656d6f2d746f74702d6b6579"  # hex of "kimitsu-demo-totp-key"

LOGINS = [
    # email, display name, workspace slug, role, employee number (company) or None
    ("admin@demo.kimitsu.jp", "山本 一郎", COMPANY_SLUG, Role.ADMIN, "1001"),
    ("manager@demo.kimitsu.jp", "佐藤 健太", COMPANY_SLUG, Role.MANAGER, "1101"),
    ("member@demo.kimitsu.jp", "鈴木 美咲", COMPANY_SLUG, Role.MEMBER, "1204"),
    ("auditor@demo.kimitsu.jp", "高橋 直子", COMPANY_SLUG, Role.AUDITOR, "1302"),
    ("desk-admin@demo.kimitsu.jp", "中村 恵子", DESK_SLUG, Role.DESK_ADMIN, None),
    ("advisor@demo.kimitsu.jp", "小林 誠", DESK_SLUG, Role.DESK_ADVISOR, None),
    ("lawyer@demo.kimitsu.jp", "加藤 弁護士", DESK_SLUG, Role.LAWYER, None),
]
ADVISOR_EMAIL = "advisor@demo.kimitsu.jp"


def _user(email, name):
    User = get_user_model()
    user = User.objects.filter(email=email).first()
    if user is None:
        user = User.objects.create_user(
            email=email, password=PASSWORD, display_name=name, is_demo=True
        )
    return user


def _ensure_device(user):
    if not TOTPDevice.objects.filter(user=user, confirmed=True).exists():
        TOTPDevice.objects.create(user=user, name="demo", key=DEMO_TOTP_KEY, confirmed=True)


def _company():
    org = Organization.objects.filter(slug=COMPANY_SLUG).first()
    if org is not None:
        return org, False
    org = services.organization_create(
        actor=None,
        slug=COMPANY_SLUG,
        name="株式会社みなと建設（デモ）",
        kind=OrgKind.COMPANY,
        name_kana="カブシキガイシャミナトケンセツ",
        corporate_number="1180301018771",
        prefecture="15",
        industry="D",
        employee_count=41,
        fiscal_year_start_month=4,
        postal_code="950-0000",
        address="新潟県新潟市中央区みなと通一丁目1番1号（デモ）",
        representative_title="代表取締役",
        representative_name="山本　一郎",
    )
    return org, True


def _desk():
    org = Organization.objects.filter(slug=DESK_SLUG).first()
    if org is not None:
        return org, False
    org = services.organization_create(
        actor=None,
        slug=DESK_SLUG,
        name="営業秘密・知財戦略相談窓口（デモ）",
        kind=OrgKind.DESK,
        prefecture="13",
        region="全国（近畿2府5県は関西窓口）",
        contact="03-0000-0000 / trade-secret@desk.example.jp",
        hours="平日 9:00〜17:45（年末年始を除く）",
    )
    return org, True


@transaction.atomic
def ensure_demo() -> bool:
    company, created_company = _company()
    desk, created_desk = _desk()
    for org in (company, desk):
        org.is_demo = True
        Organization.objects.filter(pk=org.pk).update(is_demo=True)

    admin_user = _user(LOGINS[0][0], LOGINS[0][1])
    admin_membership = services.membership_add(
        actor=None, organization=company, user=admin_user, role=Role.ADMIN
    )
    if created_company:
        depts: dict[str, Department] = {}
        for name, parent, code in DEPARTMENTS:
            depts[name] = services.department_create(
                actor=admin_user,
                membership=admin_membership,
                name=name,
                parent=depts.get(parent),
                code=code,
                sort_order=len(depts),
            )
        for number, family, given, fkana, gkana, dept, title, joined, status in PEOPLE:
            services.person_create(
                actor=admin_user,
                membership=admin_membership,
                data={
                    "employee_number": number,
                    "family_name": family,
                    "given_name": given,
                    "family_name_kana": fkana,
                    "given_name_kana": gkana,
                    "department": depts[dept],
                    "job_title": title,
                    "email": f"{number}@minato-kensetsu.example.jp",
                    "joined_on": dt.date.fromisoformat(joined),
                    "status": status or PersonStatus.ACTIVE,
                    "left_on": dt.date(2026, 12, 31) if status == PersonStatus.LEAVING else None,
                },
            )

    for email, name, slug, role, number in LOGINS:
        user = _user(email, name)
        org = company if slug == COMPANY_SLUG else desk
        person = (
            Person.objects.filter(organization=org, employee_number=number).first()
            if number
            else None
        )
        department = None
        if role == Role.MANAGER:
            department = Department.objects.get(organization=company, name="工事部")
        services.membership_add(
            actor=None, organization=org, user=user, role=role, department=department, person=person
        )
        if person is not None and person.user_id is None:
            Person.objects.filter(pk=person.pk).update(user=user)
        if role in (Role.ADMIN, Role.DESK_ADMIN, Role.DESK_ADVISOR, Role.LAWYER):
            _ensure_device(user)

    # The desk's advisor follows the company as its external advisor.
    advisor = _user(ADVISOR_EMAIL, "小林 誠")
    services.membership_add(actor=None, organization=company, user=advisor, role=Role.ADVISOR)

    from .extensions import populate_extensions

    populate_extensions(company, desk, created_company, created_desk)
    return created_company or created_desk


def demo_otp_code(email: str) -> str | None:
    device = TOTPDevice.objects.filter(
        user__email__iexact=email, user__is_demo=True, confirmed=True
    ).first()
    if device is None:
        return None
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    return f"{totp.token():0{device.digits}d}"


def login_sheet(created: bool) -> str:
    lines = [
        "",
        "kimitsu demo " + ("created" if created else "already present"),
        f"  Company workspace: /o/{COMPANY_SLUG}/   Desk workspace: /o/{DESK_SLUG}/",
        f"  Password for every demo log-in: {PASSWORD}",
        "",
        f"  {'e-mail':32} {'workspace':10} role",
    ]
    for email, _name, slug, role, _n in LOGINS:
        two_fa = (
            " (2FA)"
            if role in (Role.ADMIN, Role.DESK_ADMIN, Role.DESK_ADVISOR, Role.LAWYER)
            else ""
        )
        lines.append(f"  {email:32} {slug:10} {Role(role).label}{two_fa}")
    lines += [
        "",
        "  (2FA) log-ins ask for a six-digit code. Print the current one with",
        "    .venv/bin/kimitsu demo --otp EMAIL",
        "  or add this key to an authenticator app (base32): " + _base32(DEMO_TOTP_KEY),
        "",
    ]
    return "\n".join(lines)


def _base32(hex_key: str) -> str:
    import base64

    return base64.b32encode(bytes.fromhex(hex_key)).decode().rstrip("=")


def memberships_summary():
    return Membership.objects.filter(organization__is_demo=True).count()
