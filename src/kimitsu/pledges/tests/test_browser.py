"""One person through leaving, end to end, in a real browser."""

import datetime as dt

import pytest

from kimitsu.audit.models import AuditEvent
from kimitsu.organizations.choices import PersonStatus, Role
from kimitsu.organizations.models import Membership
from kimitsu.register.models import DepartmentGrant, PersonGrant
from kimitsu.testing.browser import log_in
from kimitsu.testing.factories import MembershipFactory, PersonFactory


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_one_person_leaves_end_to_end(page, company, admin, adopted, levels, tree, make_entry):
    person = PersonFactory(
        organization=company,
        department=tree["line1"],
        employee_number="5001",
        family_name="森",
        given_name="和也",
    )
    account = MembershipFactory(organization=company, role=Role.MEMBER, person=person)
    person.user = account.user
    person.save()
    direct = make_entry(company, levels["top_secret"], title="見積原価の算定表")
    shared = make_entry(company, levels["secret"], title="一課の加工条件表")
    PersonGrant.objects.create(organization=company, entry=direct, person=person)
    DepartmentGrant.objects.create(organization=company, entry=shared, department=tree["line1"])
    base = page.base_url
    log_in(page, base, admin.user)

    # 退職予定 from the person's page opens the exit checklist
    page.goto(f"{base}/o/{company.slug}/pledges/people/{person.pk}/")
    assert page.locator("#entries").get_by_text("見積原価の算定表").is_visible()
    page.click("#start-leaving")
    page.fill("input[name=last_day]", dt.date.today().isoformat())
    page.click("#confirm-leaving")
    page.wait_for_selector("#step-review_access")
    assert "退職予定" in page.inner_text("#person-status")

    page.click("#do-review_access")
    page.wait_for_selector("#step-review_access .bi-check-square-fill")
    assert "見積原価の算定表" in page.inner_text("#step-review_access")
    page.click("#do-revoke_grants")
    page.wait_for_selector("#step-revoke_grants .bi-check-square-fill")
    assert "見積原価の算定表" not in page.inner_text("#reachable")

    # media and devices, each listed and returned
    page.select_option("#add-item select[name=kind]", "device")
    page.fill("#add-item input[name=description]", "ノートPC")
    page.fill("#add-item input[name=identifier]", "PC-0042")
    page.click("#add-item button")
    page.wait_for_selector("#return-items >> text=PC-0042")
    page.click("#return-items .return-item")
    page.wait_for_selector("#return-items >> text=返却済")
    page.click("#do-collect_items")
    page.wait_for_selector("#step-collect_items .bi-check-square-fill")

    # the exit pledge: issued from the checklist, names the entry, handed over, signed
    page.click("#issue-for-exit_pledge")
    page.click("#create-document")
    page.wait_for_selector("#document-entries")
    assert "見積原価の算定表" not in page.inner_text("#document-entries")  # already revoked
    assert "一課の加工条件表" in page.inner_text("#document-entries")
    with page.expect_download() as download:
        page.click("#download-pdf")
    assert download.value.suggested_filename == "退職時誓約書_5001.pdf"
    page.click("#to-issued")
    page.wait_for_selector("#to-signed")
    page.click("#to-signed")
    page.wait_for_selector("#document-status >> text=署名済")
    from kimitsu.pledges.models import Checklist

    checklist = Checklist.objects.get(person=person)
    page.goto(f"{base}/o/{company.slug}/pledges/checklists/{checklist.pk}/")
    page.wait_for_selector("#step-exit_pledge .bi-check-square-fill")

    page.fill("#step-exit_interview input[name=note]", "転職先は異業種。競業の懸念なし。")
    page.click("#do-exit_interview")
    page.wait_for_selector("#step-exit_interview .bi-check-square-fill")
    page.click("#do-account_disabled")
    page.wait_for_selector("#checklist-completed")

    # the person has left and visibly reaches nothing in the register
    assert "退職" in page.inner_text("#person-status")
    assert page.locator("#reachable-none").is_visible()
    person.refresh_from_db()
    assert person.status == PersonStatus.LEFT
    assert not PersonGrant.objects.filter(person=person).exists()
    assert not Membership.objects.get(pk=account.pk).is_active
    assert AuditEvent.objects.filter(
        event_type="register_grant.revoked", object_id=str(direct.pk)
    ).exists()
    assert AuditEvent.objects.filter(event_type="pledge_checklist.completed").exists()
