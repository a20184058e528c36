"""Demo data: adopted templates, signed pledges for most staff, 森 和也 (1111, 退職予定) half-way
through his exit checklist, a mid-career hire's joining checklist, and three partners — one under
an NDA, one whose contract has ended (a disclosure recorded by the administrator's override), one
without any NDA. Everything goes through the services; each part is created once."""

import datetime as dt

from django.contrib.auth import get_user_model
from django.db import transaction

from kimitsu.organizations.choices import PersonStatus
from kimitsu.organizations.models import Membership, Person

from . import services
from .choices import AgreementKind, ChecklistKind, DocumentStatus, StepCode, TemplateKind
from .models import Checklist, Document, Partner

# Staff who have not signed yet (recent hires and one who is still to be asked).
UNSIGNED = {"1110", "1206", "1406", "1404"}
LEAVER = "1111"
MID_CAREER = "1406"


def _sign(kw, doc, on):
    services.document_transition(**kw, document=doc, to_status=DocumentStatus.ISSUED, on=on)
    services.document_transition(**kw, document=doc, to_status=DocumentStatus.SIGNED, on=on)


def _pledges(kw, company):
    if Document.objects.filter(organization=company).exists():
        return
    people = Person.objects.filter(organization=company, status=PersonStatus.ACTIVE).order_by(
        "employee_number"
    )
    day = dt.date(2025, 6, 2)
    for person in people:
        if person.employee_number in UNSIGNED:
            continue
        doc = services.document_create(
            **kw, kind=TemplateKind.PLEDGE_HIRE, person=person, document_date=day
        )
        _sign(kw, doc, day)
    leaver = Person.objects.filter(organization=company, employee_number=LEAVER).first()
    if leaver is not None:
        doc = services.document_create(
            **kw, kind=TemplateKind.PLEDGE_HIRE, person=leaver, document_date=day
        )
        _sign(kw, doc, day)
    # one handed over and waiting for the signature
    waiting = Person.objects.filter(organization=company, employee_number="1404").first()
    if waiting is not None:
        doc = services.document_create(
            **kw, kind=TemplateKind.PLEDGE_HIRE, person=waiting, document_date=dt.date(2026, 10, 1)
        )
        services.document_transition(
            **kw, document=doc, to_status=DocumentStatus.ISSUED, on=dt.date(2026, 10, 1)
        )


def _joining(kw, company):
    person = Person.objects.filter(organization=company, employee_number=MID_CAREER).first()
    if person is None or Checklist.objects.filter(person=person).exists():
        return
    checklist = services.joining_open(
        **kw,
        person=person,
        from_other_company=True,
        former_employer="北越土木株式会社",
        training="中途入社者向け情報管理研修（入社月内）",
    )
    doc = services.document_create(
        **kw,
        kind=TemplateKind.HIRE_CHECK,
        person=person,
        document_date=dt.date(2024, 10, 1),
        fields={
            "former_employer": "北越土木株式会社",
            "former_duties": "退職後2年間の秘密保持義務（2026年9月まで）",
            "not_to_bring": "前職の積算データ、顧客名簿、施工図面",
            "own_knowledge": "1級土木施工管理技士としての一般的な施工管理の知識",
        },
    )
    _sign(kw, doc, dt.date(2024, 10, 1))  # completes the mid-career step by itself
    services.checklist_step_complete(
        **kw,
        step=checklist.steps.get(code=StepCode.PRIOR_DUTIES),
        note="入社前面談（2024年9月20日）で確認：前職の秘密保持義務は2026年9月まで、競業避止義務なし。"
        "前職の資料・データ・USBメモリ等を持ち込んでいないことを本人に確認した。",
    )
    services.checklist_step_complete(
        **kw,
        step=checklist.steps.get(code=StepCode.ACCESS_GRANTED),
        note="PC・メールアカウント、ファイルサーバの工事部フォルダ（閲覧・編集）。",
    )
    services.checklist_step_complete(
        **kw, step=checklist.steps.get(code=StepCode.TRAINING), note="2024年10月15日 受講済み"
    )
    services.document_create(
        **kw, kind=TemplateKind.PLEDGE_HIRE, person=person, document_date=dt.date(2024, 10, 1)
    )


def _leaving(kw, company, admin_membership):
    leaver = Person.objects.filter(organization=company, employee_number=LEAVER).first()
    if leaver is None or leaver.status != PersonStatus.LEAVING:
        return
    if Checklist.objects.filter(person=leaver, kind=ChecklistKind.LEAVING).exists():
        return
    _grant_demo_access(kw, company, leaver)
    checklist = services.leaving_open(**kw, person=leaver)
    services.checklist_step_complete(
        **kw,
        step=checklist.steps.get(code=StepCode.REVIEW_ACCESS),
        note="本人と一覧を確認。異動前の営業資料は既に返却済み。",
    )
    laptop = services.checklist_item_add(
        **kw, checklist=checklist, kind="device", description="ノートPC", identifier="PC-2019-031"
    )
    services.checklist_item_add(
        **kw,
        checklist=checklist,
        kind="media",
        description="USBメモリ（暗号化）",
        identifier="USB-012",
    )
    services.checklist_item_add(
        **kw, checklist=checklist, kind="key", description="入館証・工事部キャビネットの鍵"
    )
    services.checklist_item_returned(**kw, item=laptop, returned_on=dt.date(2026, 11, 20))
    services.document_create(
        **kw,
        kind=TemplateKind.PLEDGE_EXIT,
        person=leaver,
        document_date=dt.date(2026, 12, 25),
        fields={
            "noncompete": True,
            "nc_period_months": 12,
            "nc_region": "新潟県内",
            "nc_scope": "法面工事の施工管理",
            "nc_compensation": "退職時に特別手当を支給する",
        },
    )


def _grant_demo_access(kw, company, leaver):
    """Give the leaver two direct grants, so that the exit checklist has something to revoke."""
    try:
        from kimitsu.register import services as register_services
        from kimitsu.register.models import Entry
    except ImportError:  # the register is not installed
        return
    for entry in Entry.objects.filter(organization=company, status="approved").order_by(
        "ledger_number"
    )[:2]:
        register_services.grant_person(**kw, entry=entry, person=leaver)


def _partners(kw, company):
    if Partner.objects.filter(organization=company).exists():
        return
    surveyor = services.partner_create(
        **kw,
        data={
            "name": "北陸測量株式会社",
            "name_kana": "ホクリクソクリョウ",
            "address": "新潟県新潟市中央区（デモ）",
            "representative": "代表取締役 青木 修",
            "contact": "技術部 斉藤",
        },
    )
    consultant = services.partner_create(
        **kw,
        data={
            "name": "株式会社越後設計コンサルタント",
            "name_kana": "エチゴセッケイコンサルタント",
            "address": "新潟県長岡市（デモ）",
            "contact": "設計課 小野",
        },
    )
    services.partner_create(
        **kw,
        data={
            "name": "越後建材株式会社",
            "name_kana": "エチゴケンザイ",
            "address": "新潟県三条市（デモ）",
        },
    )
    nda_doc = services.document_create(
        **kw,
        kind=TemplateKind.NDA,
        partner=surveyor,
        document_date=dt.date(2025, 4, 1),
        fields={
            "direction": "mutual",
            "purpose": "市民会館改修工事の測量及び共同見積",
            "term_years": 3,
            "survival_years": 3,
            "court": "新潟地方裁判所",
        },
    )
    _sign(kw, nda_doc, dt.date(2025, 4, 1))
    nda = services.agreement_create(
        **kw,
        partner=surveyor,
        data={
            "kind": AgreementKind.NDA,
            "title": "秘密保持契約書（市民会館改修）",
            "signed_on": dt.date(2025, 4, 1),
            "starts_on": dt.date(2025, 4, 1),
            "ends_on": dt.date(2028, 3, 31),
            "term": "3年（自動更新なし）",
            "survival_years": 3,
            "signed_by_us": "代表取締役 山本 一郎",
            "signed_by_partner": "代表取締役 青木 修",
            "document": nda_doc,
        },
    )
    services.agreement_create(
        **kw,
        partner=consultant,
        data={
            "kind": AgreementKind.OUTSOURCING,
            "title": "業務委託契約書（橋梁点検）",
            "signed_on": dt.date(2023, 5, 10),
            "starts_on": dt.date(2023, 5, 10),
            "ends_on": dt.date(2024, 3, 31),
            "survival_years": 2,
            "signed_by_us": "代表取締役 山本 一郎",
        },
    )
    try:
        from kimitsu.register.models import Entry
    except ImportError:
        return
    entries = list(
        Entry.objects.filter(organization=company, status="approved")
        .exclude(category="third_party")
        .order_by("ledger_number")
    )
    if len(entries) >= 3:
        services.disclosure_record(
            **kw,
            partner=surveyor,
            entry=entries[0],
            disclosed_on=dt.date(2025, 5, 12),
            recipient="技術部 斉藤",
            purpose="測量計画の打合せ",
            agreement=nda,
        )
        d = services.disclosure_record(
            **kw,
            partner=surveyor,
            entry=entries[1],
            disclosed_on=dt.date(2025, 6, 3),
            recipient="技術部 斉藤",
            purpose="共同見積",
        )
        services.disclosure_end(
            **kw,
            disclosure=d,
            end_status="returned",
            ended_on=dt.date(2025, 9, 30),
            note="紙資料一式を回収",
        )
        services.disclosure_record(
            **kw,
            partner=consultant,
            entry=entries[2],
            disclosed_on=dt.date(2026, 2, 16),
            recipient="設計課 小野",
            purpose="補修設計の事前相談",
            override_reason="入札前の概要説明のみ。NDAは締結手続中。",
        )
    for entry in Entry.objects.filter(
        organization=company, status="approved", category="third_party"
    ).order_by("ledger_number")[:2]:
        services.received_link(
            **kw,
            entry=entry,
            partner=surveyor,
            agreement=nda,
            received_on=dt.date(2025, 4, 15),
            note="測量成果の一部",
        )


@transaction.atomic
def populate(company, desk, created_company, created_desk):
    User = get_user_model()
    admin_user = User.objects.filter(email="admin@demo.kimitsu.jp").first()
    if admin_user is None:
        return
    admin = Membership.objects.get(organization=company, user=admin_user)
    kw = {"actor": admin_user, "membership": admin}
    services.templates_install_defaults(actor=admin_user, organization=company, adopt=True)
    _pledges(kw, company)
    _joining(kw, company)
    _leaving(kw, company, admin)
    _partners(kw, company)
