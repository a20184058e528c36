"""The functions other apps build on, and the register's core services and selectors."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.http import Http404

from kimitsu.audit.models import AuditEvent
from kimitsu.organizations.choices import PersonStatus, Role
from kimitsu.register import selectors, services
from kimitsu.register.choices import Category, Requirement, ReviewResult, Status
from kimitsu.register.models import DepartmentGrant, Entry, Level, PersonGrant
from kimitsu.testing.factories import DepartmentFactory, PersonFactory

pytestmark = pytest.mark.django_db


def make_entry(org, level=None, status=Status.APPROVED, **kw):
    n = Entry.objects.filter(organization=org).count() + 1
    data = {
        "organization": org,
        "ledger_number": kw.pop("ledger_number", f"T-{n:04d}"),
        "title": kw.pop("title", f"資料{n}"),
        "category": kw.pop("category", Category.TECHNICAL),
        "status": status,
        "level": level,
    }
    data.update(kw)
    return Entry.objects.create(**data)


@pytest.fixture
def levels(company):
    services.levels_ensure_defaults(organization=company)
    return {lv.code: lv for lv in Level.objects.filter(organization=company)}


@pytest.fixture
def tree(company):
    """工場 > 製造部 > 製造一課; 営業部."""
    factory = DepartmentFactory(organization=company, name="工場")
    mfg = DepartmentFactory(organization=company, name="製造部", parent=factory)
    line1 = DepartmentFactory(organization=company, name="製造一課", parent=mfg)
    sales = DepartmentFactory(organization=company, name="営業部")
    return {"factory": factory, "mfg": mfg, "line1": line1, "sales": sales}


def test_default_levels_are_created_once_and_audited(company):
    created = services.levels_ensure_defaults(organization=company)
    assert [lv.name for lv in created] == ["極秘", "秘", "社外秘", "公開"]
    assert [lv.review_months for lv in created] == [6, 12, 24, None]
    assert [lv.name for lv in selectors.levels_for(company)] == ["極秘", "秘", "社外秘", "公開"]
    assert AuditEvent.objects.filter(event_type="register_level.created").count() == 4
    again = services.levels_ensure_defaults(organization=company)
    assert Level.objects.filter(organization=company).count() == 4
    assert {lv.pk for lv in again} == {lv.pk for lv in created}


def test_levels_keep_their_names_and_ranks_apart(company, levels, member_of):
    from django.core.exceptions import ValidationError

    admin = member_of(company, Role.ADMIN)
    data = {"code": "restricted", "name": "部外秘", "rank": levels["secret"].rank}
    with pytest.raises(ValidationError) as caught:
        services.level_create(actor=admin.user, membership=admin, data=data)
    assert caught.value.message_dict == {
        "rank": [
            f"順位{levels['secret'].rank}の格付けがすでにあります。格付けごとに別の順位にしてください。"
        ]
    }
    with pytest.raises(ValidationError) as caught:
        services.level_create(
            actor=admin.user, membership=admin, data={**data, "name": "秘", "rank": 25}
        )
    assert caught.value.message_dict == {"name": ["「秘」という格付けはすでにあります。"]}
    level = services.level_create(actor=admin.user, membership=admin, data={**data, "rank": 25})
    # saving a level unchanged does not collide with itself
    services.level_update(actor=admin.user, membership=admin, level=level, data={"rank": 25})
    # levels that shared a rank before the rule stay editable, short of moving onto a taken rank
    Level.objects.filter(pk=level.pk).update(rank=levels["secret"].rank)
    level.refresh_from_db()
    services.level_update(
        actor=admin.user, membership=admin, level=level, data={"description": "x"}
    )
    with pytest.raises(ValidationError):
        services.level_update(
            actor=admin.user, membership=admin, level=level, data={"rank": levels["internal"].rank}
        )


def test_levels_in_use_only_counts_approved_entries(company, levels):
    make_entry(company, levels["secret"])
    make_entry(company, levels["top_secret"], status=Status.PROPOSED)
    make_entry(company, levels["internal"], status=Status.RETIRED)
    assert [lv.code for lv in selectors.levels_in_use(company)] == ["secret"]


def test_entries_accessible_by_person_through_grants_and_trees(
    company, other_company, levels, tree
):
    worker = PersonFactory(organization=company, department=tree["line1"])
    direct = make_entry(company, levels["top_secret"], title="直接")
    sub = make_entry(company, levels["secret"], title="上位部署（配下含む）")
    no_sub = make_entry(company, levels["secret"], title="上位部署（配下含まない）")
    own = make_entry(company, levels["secret"], title="自部署")
    custody = make_entry(company, levels["internal"], title="管理責任者", custodian=worker)
    other_dept = make_entry(company, levels["secret"], title="営業部")
    proposed = make_entry(company, levels["secret"], status=Status.PROPOSED, title="提案中")
    retired = make_entry(company, levels["secret"], status=Status.RETIRED, title="廃止")
    PersonGrant.objects.create(organization=company, entry=direct, person=worker)
    DepartmentGrant.objects.create(
        organization=company, entry=sub, department=tree["factory"], include_subdepartments=True
    )
    DepartmentGrant.objects.create(
        organization=company, entry=no_sub, department=tree["mfg"], include_subdepartments=False
    )
    DepartmentGrant.objects.create(
        organization=company, entry=own, department=tree["line1"], include_subdepartments=False
    )
    DepartmentGrant.objects.create(organization=company, entry=other_dept, department=tree["sales"])
    for e in (proposed, retired):
        PersonGrant.objects.create(organization=company, entry=e, person=worker)
    got = set(selectors.entries_accessible_by_person(worker))
    assert got == {direct, sub, own, custody}
    access = {row["entry"].title: row for row in selectors.person_effective_access(worker)}
    assert access["直接"]["direct"] and not access["直接"]["departments"]
    assert access["上位部署（配下含む）"]["departments"] == ["工場"]
    assert access["管理責任者"]["custodian"]
    worker.status = PersonStatus.LEFT
    worker.save()
    assert list(selectors.entries_accessible_by_person(worker)) == []


def test_grants_revoke_for_person_counts_and_audits(company, levels, member_of):
    admin = member_of(company, Role.ADMIN)
    person = PersonFactory(organization=company)
    keep = PersonFactory(organization=company)
    for i in range(3):
        e = make_entry(company, levels["secret"])
        PersonGrant.objects.create(organization=company, entry=e, person=person)
        if i == 0:
            PersonGrant.objects.create(organization=company, entry=e, person=keep)
    n = services.grants_revoke_for_person(
        actor=admin.user, organization=company, person=person, reason="退職"
    )
    assert n == 3
    assert not PersonGrant.objects.filter(person=person).exists()
    assert PersonGrant.objects.filter(person=keep).count() == 1
    events = AuditEvent.objects.filter(event_type="register_grant.revoked")
    assert events.count() == 3
    assert all(ev.after == {"reason": "退職"} for ev in events)


def test_register_counts(company, levels):
    today = dt.date(2026, 5, 1)
    make_entry(company, levels["top_secret"], next_review_on=dt.date(2026, 4, 1))
    make_entry(company, levels["top_secret"], next_review_on=dt.date(2026, 9, 1))
    make_entry(company, levels["secret"], next_review_on=dt.date(2026, 5, 20))
    make_entry(company, levels["internal"])
    make_entry(company, None, status=Status.PROPOSED)
    make_entry(company, levels["secret"], status=Status.RETIRED)
    counts = selectors.register_counts(company, today=today)
    assert counts["total"] == 5
    assert counts["approved"] == 4
    assert counts["proposed"] == 1
    assert counts["reviews_due"] == 1
    assert counts["reviews_soon"] == 1  # the one due on 5/20, not the overdue one again
    assert counts["by_level"] == {"極秘": 2, "秘": 1, "社外秘": 1, "公開": 0}


def test_need_to_know_visibility_for_every_role(company, levels, tree, member_of):
    worker = PersonFactory(organization=company, department=tree["line1"])
    outsider = PersonFactory(organization=company, department=tree["sales"])
    top = make_entry(company, levels["top_secret"], owning_department=tree["mfg"])
    granted = make_entry(company, levels["secret"], owning_department=tree["sales"])
    internal = make_entry(company, levels["internal"], owning_department=tree["sales"])
    unclassified = make_entry(company, None, owning_department=tree["sales"])
    proposal = make_entry(
        company, levels["secret"], status=Status.PROPOSED, owning_department=tree["sales"]
    )
    DepartmentGrant.objects.create(organization=company, entry=granted, department=tree["factory"])
    everything = {top, granted, internal, unclassified, proposal}

    def visible(membership):
        return set(selectors.entry_list(membership))

    assert visible(member_of(company, Role.ADMIN)) == everything
    # an auditor follows need-to-know: 極秘/秘 only when granted
    auditor = member_of(company, Role.AUDITOR)
    assert visible(auditor) == {internal}
    auditor_person = PersonFactory(organization=company, department=tree["factory"])
    auditor.person = auditor_person
    auditor.save()
    assert visible(auditor) == {internal, granted}
    assert visible(member_of(company, Role.MEMBER, person=worker)) == {granted, internal}
    outsider_m = member_of(company, Role.MEMBER, person=outsider)
    assert visible(outsider_m) == {internal}
    proposal.proposed_by = outsider_m.user
    proposal.save()
    assert visible(outsider_m) == {internal, proposal}
    # once approved at a need-to-know level, the proposer is like anyone else
    proposal.status = Status.APPROVED
    proposal.save()
    assert visible(outsider_m) == {internal}
    proposal.status = Status.PROPOSED
    proposal.save()
    mfg_manager = member_of(company, Role.MANAGER, department=tree["mfg"])
    assert visible(mfg_manager) == {top, internal}
    sales_manager = member_of(company, Role.MANAGER, department=tree["sales"])
    assert visible(sales_manager) == {granted, internal, unclassified, proposal}
    with pytest.raises(PermissionDenied):
        selectors.entry_list(member_of(company, Role.ADVISOR))
    with pytest.raises(Http404):
        selectors.entry_get(member_of(company, Role.MEMBER, person=outsider), top.pk)
    worker.status = PersonStatus.LEFT
    worker.save()
    assert visible(member_of(company, Role.MEMBER, person=worker)) == {internal}


def test_other_company_entries_are_invisible(company, other_company, levels, member_of):
    services.levels_ensure_defaults(organization=other_company)
    theirs = make_entry(other_company, None)
    with pytest.raises(Http404):
        selectors.entry_get(member_of(company, Role.ADMIN), theirs.pk)


def test_propose_approve_return_reject_retire(company, levels, tree, member_of):
    worker = PersonFactory(organization=company, department=tree["line1"])
    employee = member_of(company, Role.MEMBER, person=worker)
    manager = member_of(company, Role.MANAGER, department=tree["factory"])
    sales_manager = member_of(company, Role.MANAGER, department=tree["sales"])
    entry = services.entry_propose(
        actor=employee.user,
        membership=employee,
        data={
            "title": "金型の加工条件",
            "category": Category.TECHNICAL,
            "media": ["electronic", "paper"],
            "owning_department": tree["mfg"],
            "storage_locations": ["\\\\fs01\\製造\\条件", "第2倉庫"],
        },
    )
    assert entry.status == Status.PROPOSED and entry.ledger_number == "KM-00001"
    assert entry.media == "paper,electronic"
    with pytest.raises(PermissionDenied):
        services.entry_approve(actor=employee.user, membership=employee, entry=entry)
    with pytest.raises(PermissionDenied):
        services.entry_approve(actor=sales_manager.user, membership=sales_manager, entry=entry)
    with pytest.raises(ValidationError):
        services.entry_return(actor=manager.user, membership=manager, entry=entry, comment=" ")
    services.entry_return(
        actor=manager.user, membership=manager, entry=entry, comment="保管場所を具体的に"
    )
    assert entry.status == Status.RETURNED
    services.entry_update(
        actor=employee.user,
        membership=employee,
        entry=entry,
        data={"storage_locations": "第2倉庫 B-3棚"},
    )
    entry.refresh_from_db()
    assert entry.status == Status.PROPOSED
    services.entry_approve(
        actor=manager.user,
        membership=manager,
        entry=entry,
        level=levels["secret"],
        reason="加工ノウハウの中核",
    )
    entry.refresh_from_db()
    assert entry.status == Status.APPROVED and entry.level == levels["secret"]
    assert entry.next_review_on is not None
    with pytest.raises(ValidationError):
        services.entry_retire(actor=manager.user, membership=manager, entry=entry, reason="")
    services.entry_retire(
        actor=manager.user, membership=manager, entry=entry, reason="製品の販売終了"
    )
    assert Entry.objects.filter(pk=entry.pk, status=Status.RETIRED).exists()
    types = list(
        AuditEvent.objects.filter(object_id=str(entry.pk), object_type="register.entry")
        .order_by("seq")
        .values_list("event_type", flat=True)
    )
    assert types == [
        "register_entry.proposed",
        "register_entry.returned",
        "register_entry.updated",
        "register_entry.approved",
        "register_entry.retired",
    ]
    other = services.entry_propose(
        actor=employee.user,
        membership=employee,
        data={"title": "別件", "category": Category.OTHER, "owning_department": tree["mfg"]},
    )
    services.entry_reject(
        actor=manager.user, membership=manager, entry=other, comment="台帳の対象外"
    )
    assert other.status == Status.REJECTED


def test_classification_lowering_needs_its_own_reason_and_moves_review(company, levels, member_of):
    admin = member_of(company, Role.ADMIN)
    entry = make_entry(company, None)
    services.entry_classify(
        actor=admin.user,
        membership=admin,
        entry=entry,
        level=levels["top_secret"],
        reason="競争力の源泉",
    )
    from django.utils import timezone

    # 極秘 is reviewed every 6 months (the default levels), counted from today in Tokyo
    assert levels["top_secret"].review_months == 6
    assert entry.next_review_on == services.add_months(timezone.localdate(), 6)
    with pytest.raises(ValidationError) as exc:
        services.entry_classify(
            actor=admin.user,
            membership=admin,
            entry=entry,
            level=levels["internal"],
            reason="社内共有",
        )
    assert "lowering_reason" in exc.value.message_dict
    services.entry_classify(
        actor=admin.user,
        membership=admin,
        entry=entry,
        level=levels["internal"],
        reason="社内共有",
        lowering_reason="製品発売で一部公知になった",
    )
    entry.refresh_from_db()
    assert entry.level == levels["internal"]
    assert entry.classifications.first().lowering_reason == "製品発売で一部公知になった"
    with pytest.raises(ValidationError):
        services.entry_classify(
            actor=admin.user, membership=admin, entry=entry, level=levels["secret"], reason=""
        )


def test_review_dates_and_results(company, levels, member_of):
    admin = member_of(company, Role.ADMIN)
    entry = make_entry(company, levels["secret"], next_review_on=dt.date(2026, 1, 31))
    services.entry_review(
        actor=admin.user,
        membership=admin,
        entry=entry,
        result=ReviewResult.KEEP,
        reviewed_on=dt.date(2026, 1, 31),
    )
    assert entry.next_review_on == dt.date(2027, 1, 31)
    services.entry_review(
        actor=admin.user,
        membership=admin,
        entry=entry,
        result=ReviewResult.RELEVEL,
        level=levels["top_secret"],
        reason="取引先拡大で価値が上がった",
        reviewed_on=dt.date(2026, 8, 31),
    )
    assert entry.level == levels["top_secret"]
    assert entry.next_review_on == dt.date(2027, 2, 28)
    services.entry_review(
        actor=admin.user,
        membership=admin,
        entry=entry,
        result=ReviewResult.RETIRE,
        note="設備更新で不要",
        reviewed_on=dt.date(2026, 9, 1),
    )
    assert entry.status == Status.RETIRED and entry.next_review_on is None
    assert entry.reviews.count() == 3
    assert services.add_months(dt.date(2024, 2, 29), 12) == dt.date(2025, 2, 28)


def test_disclosed_information_needs_its_source_and_text_keeps_lf(company, levels, member_of):
    from django.core.exceptions import ValidationError

    member = member_of(company, Role.MEMBER)
    data = {
        "title": "受領した仕様書",
        "category": "third_party",
        "storage_locations": "書庫A\r\n 書庫B \r\n\r\n",
        "summary": "一行目\r\n二行目",
    }
    with pytest.raises(ValidationError) as caught:
        services.entry_propose(actor=member.user, membership=member, data=data)
    assert caught.value.message_dict == {
        "source_partner_name": ["開示元の会社名を書いてください。"]
    }
    entry = services.entry_propose(
        actor=member.user, membership=member, data={**data, "source_partner_name": "甲社"}
    )
    assert entry.storage_locations == "書庫A\n書庫B" and entry.summary == "一行目\n二行目"
    # an entry saved before the rule, without a source, can still be edited otherwise
    legacy = make_entry(company, None, category="third_party", status=Status.PROPOSED)
    legacy.proposed_by = member.user
    legacy.save()
    services.entry_update(
        actor=member.user, membership=member, entry=legacy, data={"remarks": "保管場所を移した"}
    )
    # but an entry newly named 他社から開示 needs one
    sales = make_entry(company, None, category="sales", status=Status.PROPOSED)
    sales.proposed_by = member.user
    sales.save()
    with pytest.raises(ValidationError):
        services.entry_update(
            actor=member.user, membership=member, entry=sales, data={"category": "third_party"}
        )


def test_a_review_cannot_be_dated_in_the_future(company, levels, member_of):
    from django.core.exceptions import ValidationError
    from django.utils import timezone

    admin = member_of(company, Role.ADMIN)
    due = dt.date(2026, 1, 31)
    entry = make_entry(company, levels["secret"], next_review_on=due)
    tomorrow = timezone.localdate() + dt.timedelta(days=1)
    with pytest.raises(ValidationError) as caught:
        services.entry_review(
            actor=admin.user,
            membership=admin,
            entry=entry,
            result=ReviewResult.KEEP,
            reviewed_on=tomorrow,
        )
    assert "reviewed_on" in caught.value.message_dict
    entry.refresh_from_db()
    assert entry.next_review_on == due and entry.reviews.count() == 0


def test_suggested_level_and_qualification(company, levels):
    lv = list(selectors.levels_for(company))
    assert selectors.suggest_level(lv, 5, 2).code == "top_secret"
    assert selectors.suggest_level(lv, 2, 4).code == "secret"
    assert selectors.suggest_level(lv, 3, 1).code == "internal"
    assert selectors.suggest_level(lv, 1, 1).code == "public"
    assert selectors.suggest_level(lv, None, None) is None
    assert selectors.suggest_level(lv, 5, 5, Requirement.NOT_MET).code == "public"
    entry = make_entry(
        company,
        None,
        secrecy=Requirement.NOT_MET,
        usefulness=Requirement.MET,
        non_public=Requirement.PARTLY,
    )
    assert selectors.would_not_qualify(entry)
    assert selectors.qualification_problems(entry) == ["秘密管理性"]
    assert selectors.qualification_problems(entry, Requirement.PARTLY) == ["非公知性"]
    assert Entry.objects.filter(selectors.not_qualifying_q()).count() == 1
    # only partly met: may not qualify as it stands (flagged), but nothing is "not met"
    partly = make_entry(company, None, secrecy=Requirement.PARTLY, usefulness=Requirement.MET)
    assert selectors.would_not_qualify(partly) and not selectors.qualification_problems(partly)
    assert Entry.objects.filter(selectors.not_qualifying_q()).count() == 2
    sound = make_entry(company, None, secrecy=Requirement.MET, non_public=Requirement.MET)
    assert not selectors.would_not_qualify(sound)


def test_search_matches_two_character_words_and_width_forms(company, levels, member_of):
    admin = member_of(company, Role.ADMIN)
    make_entry(company, levels["secret"], title="製品図面（ＢＸ－１２型）")
    make_entry(company, levels["secret"], title="製造原価の計算表", summary="ｺｽﾄ 集計")
    qs = selectors.entry_list(admin)
    assert [e.title for e in selectors.entry_search(qs, "図面")] == ["製品図面（ＢＸ－１２型）"]
    assert selectors.entry_search(qs, "bx-12").count() == 1
    assert selectors.entry_search(qs, "原価").count() == 1
    assert selectors.entry_search(qs, "コスト").count() == 1
    assert selectors.entry_search(qs, "原価 図面").count() == 0


def test_search_is_an_exact_substring_match_whatever_the_index_finds(company, levels, member_of):
    """On PostgreSQL the bigram index proposes candidates; the substring match decides."""
    admin = member_of(company, Role.ADMIN)
    both = make_entry(company, levels["secret"], title="型図の控え", summary="金型の保管")
    exact = make_entry(company, levels["secret"], title="金型図面")
    make_entry(company, levels["secret"], title="顧客名簿")
    qs = selectors.entry_list(admin)

    def found(text):
        return sorted(e.pk for e in selectors.entry_search(qs, text))

    # 金型 and 型図 are both in `both`, but not 金型図 in one piece
    assert found("金型図") == [exact.pk]
    assert found("金型") == sorted([both.pk, exact.pk])
    assert found("図") == sorted([both.pk, exact.pk])  # one character: no bigram, plain scan
    assert found("ＫＭ") == []
    assert found(exact.ledger_number.lower()) == [exact.pk]
    # the index follows changes, and the filter works inside a subquery too
    exact.title = "加工条件表"
    exact.save()
    assert found("金型図") == []
    assert found("条件表") == [exact.pk]
    assert Entry.objects.filter(pk__in=selectors.entry_search(qs, "条件").values("pk")).count() == 1


def test_the_search_index_follows_every_write_path(company, levels, member_of):
    """Bulk inserts, queryset updates and deletes bypass save(); the index must still agree."""
    admin = member_of(company, Role.ADMIN)
    Entry.objects.bulk_create(
        [
            Entry(organization=company, ledger_number=f"B-{i}", title=title, search_text=title)
            for i, title in enumerate(["試作図面", "原価計算", "図面台帳"])
        ]
    )
    qs = selectors.entry_list(admin)

    def found(text):
        return sorted(e.ledger_number for e in selectors.entry_search(qs, text))

    assert found("図面") == ["B-0", "B-2"]
    Entry.objects.filter(ledger_number="B-1").update(search_text="原価図面")
    Entry.objects.filter(ledger_number="B-2").delete()
    assert found("図面") == ["B-0", "B-1"]
    assert found("原価") == ["B-1"]
    assert found("計算") == []


def test_search_words_are_answered_from_the_bigram_index(company, levels, member_of):
    admin = member_of(company, Role.ADMIN)
    make_entry(company, levels["secret"], title="製品図面")
    assert selectors.entry_search(selectors.entry_list(admin), "図面").count() == 1
    qs = selectors.entry_search(Entry.objects.all(), "図面").values("pk")
    if connection.vendor == "postgresql":
        # the search condition alone, so that only the bigram index could serve it
        with connection.cursor() as cursor:
            cursor.execute("SET LOCAL enable_seqscan = off")
            plan = qs.explain()
        assert "register_entry_search_bigrams" in plan
    else:
        assert "register_entry_grams" in qs.explain()


def test_entry_page_keeps_the_order_and_loads_related_rows(
    company, levels, member_of, django_assert_num_queries
):
    admin = member_of(company, Role.ADMIN)
    for title in ["ウ資料", "ア資料", "イ資料"]:
        make_entry(company, levels["secret"], title=title)
    qs = selectors.entry_filter(selectors.entry_list(admin), {"sort": "-title"}, company)
    page = selectors.entry_page(qs, 1, 2)
    assert page.paginator.count == 3
    assert [e.title for e in page.object_list] == ["ウ資料", "イ資料"]
    with django_assert_num_queries(0):
        assert [e.level.name for e in page.object_list] == ["秘", "秘"]
    assert [e.title for e in selectors.entry_page(qs, 2, 2).object_list] == ["ア資料"]
    assert selectors.entry_page(qs, "99", 2).number == 2  # out of range: the last page


def test_sorts_put_missing_levels_and_dates_last_and_unknown_status_is_the_default(
    company, levels, member_of
):
    admin = member_of(company, Role.ADMIN)
    due = make_entry(company, levels["secret"], next_review_on=dt.date(2026, 1, 31))
    later = make_entry(company, levels["top_secret"], next_review_on=dt.date(2027, 1, 31))
    none = make_entry(company, None)
    retired = make_entry(company, levels["secret"], status=Status.RETIRED)

    def order(**params):
        qs = selectors.entry_filter(selectors.entry_list(admin), params, company)
        return [e.pk for e in qs]

    assert order(sort="review") == [due.pk, later.pk, none.pk]
    assert order(sort="-review") == [later.pk, due.pk, none.pk]
    assert order(sort="level") == [later.pk, due.pk, none.pk]
    assert order(sort="-level") == [due.pk, later.pk, none.pk]
    assert retired.pk not in order(status="not-a-status")
    assert retired.pk in order(status="all")


def test_viewing_a_top_secret_entry_is_audited(company, levels, member_of):
    admin = member_of(company, Role.ADMIN)
    top = make_entry(company, levels["top_secret"])
    low = make_entry(company, levels["internal"])
    assert services.entry_viewed(actor=admin.user, membership=admin, entry=top)
    assert not services.entry_viewed(actor=admin.user, membership=admin, entry=low)
    assert AuditEvent.objects.filter(event_type="register_entry.viewed").count() == 1


def test_counts_by_department_keep_same_named_departments_apart(company, levels):
    tokyo = DepartmentFactory(organization=company, name="東京支店", code="")
    osaka = DepartmentFactory(organization=company, name="大阪支店", code="")
    tokyo_sales = DepartmentFactory(organization=company, name="営業課", code="", parent=tokyo)
    osaka_sales = DepartmentFactory(organization=company, name="営業課", code="", parent=osaka)
    for dept in (tokyo_sales, tokyo_sales, osaka_sales):
        make_entry(company, levels["secret"], owning_department=dept)
    make_entry(company, levels["secret"])
    assert selectors.counts_by_department(company) == [
        ("東京支店/営業課", 2),
        ("", 1),  # no owning department
        ("大阪支店/営業課", 1),
    ]


@pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite's FTS index and its triggers")
@pytest.mark.django_db(transaction=True)
def test_a_later_migration_that_rebuilds_the_table_does_not_leave_the_index_behind(
    company, levels, member_of
):
    """SQLite rebuilds register_entry for most schema changes, dropping its triggers; the
    post-migrate repair puts them back and the index in step."""
    from kimitsu.register import search_index

    admin = member_of(company, Role.ADMIN)
    make_entry(company, levels["secret"], title="製品図面", ledger_number="R-1")
    with connection.schema_editor() as editor:
        editor._remake_table(Entry)  # what an AlterField on register_entry does on SQLite
    with connection.cursor() as cursor:
        assert search_index.missing_triggers(cursor) == set(search_index.TRIGGERS)
    make_entry(company, levels["secret"], title="金型図面", ledger_number="R-2")
    assert search_index.ensure(connection) is True
    assert search_index.ensure(connection) is False  # nothing left to repair
    make_entry(company, levels["secret"], title="試作図面", ledger_number="R-3")
    qs = selectors.entry_list(admin)
    found = sorted(e.ledger_number for e in selectors.entry_search(qs, "図面"))
    assert found == ["R-1", "R-2", "R-3"]


def test_ledger_numbers_are_one_number_whatever_their_case(company, levels, member_of):
    from django.core.exceptions import ValidationError

    admin = member_of(company, Role.ADMIN)
    services.register_settings(company)
    prefix = services.register_settings(company).number_prefix
    typed = make_entry(company, levels["secret"], ledger_number=f"{prefix.lower()}00001")
    make_entry(company, levels["secret"], ledger_number=f"{prefix[0]}{prefix[1:].lower()}00002")
    # the numbering skips the numbers typed in another case
    assert services.allocate_ledger_numbers(company)[0] == f"{prefix}00003"
    data = {"title": "図面", "category": "technical", "ledger_number": typed.ledger_number.upper()}
    with pytest.raises(ValidationError) as caught:
        services.entry_propose(actor=admin.user, membership=admin, data=data)
    assert "ledger_number" in caught.value.message_dict


def test_a_grant_is_saved_with_its_audit_event_or_not_at_all(
    company, levels, tree, member_of, monkeypatch
):
    admin = member_of(company, Role.ADMIN)
    entry = make_entry(company, levels["secret"])
    person = PersonFactory(organization=company, department=tree["sales"])

    def broken(**kwargs):
        raise RuntimeError("the audit log is unavailable")

    monkeypatch.setattr(services.audit, "record", broken)
    with pytest.raises(RuntimeError):
        services.grant_department(
            actor=admin.user, membership=admin, entry=entry, department=tree["sales"]
        )
    with pytest.raises(RuntimeError):
        services.grant_person(actor=admin.user, membership=admin, entry=entry, person=person)
    assert not DepartmentGrant.objects.filter(entry=entry).exists()
    assert not PersonGrant.objects.filter(entry=entry).exists()
