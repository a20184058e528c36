"""Dates and words of pledges and checklists (issue 16): 「令和8年12月2日に署名済み。」 (not
2026-12-02), 「令和8年12月2日の時点で…」, "Custodian of 1 entry" in English, and one way of writing
a finished status (署名済み, like 署名済みの写し)."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import translation

from kimitsu.organizations.choices import Role
from kimitsu.pledges import choices, services
from kimitsu.pledges.choices import DocumentStatus, StepCode, TemplateKind
from kimitsu.testing.factories import MembershipFactory, PersonFactory

pytestmark = pytest.mark.django_db

DAY = dt.date(2026, 12, 2)


@pytest.fixture
def wareki(company):
    company.use_wareki = True
    company.save()
    return company


@pytest.fixture
def leaver(company, levels, make_entry):
    person = PersonFactory(organization=company, employee_number="8001")
    member = MembershipFactory(organization=company, role=Role.MEMBER, person=person)
    person.user = member.user
    person.save()
    make_entry(company, levels["secret"], title="施工手順書", custodian=person)
    return person


def _step(checklist, code):
    return checklist.steps.get(code=code)


def test_a_signed_pledge_and_returned_items_are_dated_in_the_era(wareki, admin, leaver, adopted):
    checklist = services.leaving_start(
        actor=admin.user, membership=admin, person=leaver, last_day=DAY
    )
    item = services.checklist_item_add(
        actor=admin.user,
        membership=admin,
        checklist=checklist,
        kind="device",
        description="ノートPC",
    )
    services.checklist_item_returned(actor=admin.user, membership=admin, item=item, returned_on=DAY)
    collect = services.checklist_step_complete(
        actor=admin.user, membership=admin, step=_step(checklist, StepCode.COLLECT_ITEMS)
    )
    assert collect.note == "ノートPC（令和8年12月2日）"
    doc = services.document_create(
        actor=admin.user, membership=admin, kind=TemplateKind.PLEDGE_EXIT, person=leaver
    )
    for status in (DocumentStatus.ISSUED, DocumentStatus.SIGNED):
        services.document_transition(
            actor=admin.user, membership=admin, document=doc, to_status=status, on=DAY
        )
    note = _step(checklist, StepCode.EXIT_PLEDGE).note
    assert "令和8年12月2日に署名済み。" in note and "2026-12-02" not in note


def test_a_disclosure_on_a_day_without_an_agreement_names_the_day_in_the_era(
    wareki, admin, levels, make_entry
):
    partner = services.partner_create(
        actor=admin.user, membership=admin, data={"name": "北陸測量株式会社"}
    )
    with pytest.raises(ValidationError) as caught:
        services.disclosure_record(
            actor=admin.user,
            membership=admin,
            partner=partner,
            entry=make_entry(wareki, levels["secret"]),
            disclosed_on=DAY,
            purpose="共同見積のため",
        )
    message = caught.value.message_dict["agreement"][0]
    assert message.startswith("令和8年12月2日の時点で北陸測量株式会社との有効な契約がありません。")


def test_custodian_of_one_entry_is_singular_in_english(company, admin, leaver, login_client):
    checklist = services.leaving_start(
        actor=admin.user, membership=admin, person=leaver, last_day=DAY
    )
    with translation.override("en"):
        review = services.checklist_step_complete(
            actor=admin.user, membership=admin, step=_step(checklist, StepCode.REVIEW_ACCESS)
        )
    assert "1 register entry reachable" in review.note
    assert "Custodian of 1 entry: choose a new custodian" in review.note
    admin.user.language = "en"
    admin.user.save()
    page = login_client(admin.user).get(f"/o/acme/pledges/checklists/{checklist.pk}/")
    text = page.content.decode()
    assert "Custodian of 1 entry:" in text and "1 entries" not in text


def test_a_finished_status_is_written_with_its_okurigana():
    """署名済み (as in 署名済みの写し), 返還済み, 廃棄済み: never 署名済 beside 署名済みの写し."""
    assert str(DocumentStatus.SIGNED.label) == "署名済み"
    labels = [
        str(label)
        for value in vars(choices).values()
        if isinstance(value, type) and issubclass(value, models.Choices)
        for label in value.labels
    ]
    bare = [label for label in labels if label.endswith("済")]
    assert not bare, bare
