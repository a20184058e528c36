"""The pages: the form that looks the rule up (refused, not needed, conditions to confirm, sent
for approval), the request page with its decision and return, the list, the guide's buttons —
and need-to-know throughout: an approver who may not open an entry sees its number and level."""

import datetime as dt

import pytest
from django.urls import reverse

from kimitsu.approvals.choices import Status
from kimitsu.approvals.models import ApprovalRequest
from kimitsu.register.naming import mask_text

from .helpers import TODAY, make_request

pytestmark = pytest.mark.django_db


def _url(world, name, **kw):
    return reverse(f"approvals:{name}", kwargs={"org_slug": world.org.slug, **kw})


def _post(client, url, **data):
    base = {
        "purpose": "現場での打合せ",
        "destination": "A建設 現場事務所",
        "starts_on": TODAY.isoformat(),
        "ends_on": (TODAY + dt.timedelta(days=1)).isoformat(),
        "return_due": (TODAY + dt.timedelta(days=2)).isoformat(),
    }
    base.update(data)
    return client.post(url, base)


def test_the_form_answers_each_kind_of_cell(world, login_client):
    client = login_client(world.member.user)
    url = _url(world, "request_new")
    # 禁止: refused with the rule's words, nothing kept
    page = _post(client, url, action="take_out", entries="KM-00001")
    text = page.content.decode()
    assert page.status_code == 200 and 'id="request-refused"' in text
    assert "業務上やむを得ない場合は、情報管理責任者に相談する。" in text
    # 許可: no request needed
    page = _post(client, url, action="copy", entries="KM-00004")
    assert 'id="request-allowed"' in page.content.decode()
    # 条件付き許可: the condition and a box to tick; then kept without an approver
    page = _post(client, url, action="take_out", entries="km-00003")
    text = page.content.decode()
    assert "業務に必要な場合に限り、紛失・盗難に注意して常に携行する。" in text
    assert 'name="confirm"' in text and "条件に従うことを確認してください。" not in text
    assert not ApprovalRequest.objects.exists()
    # sent again without the tick, once the conditions were shown: now it is an error
    page = _post(client, url, action="take_out", entries="KM-00003", conditions_shown="1")
    assert "条件に従うことを確認してください。" in page.content.decode()
    assert not ApprovalRequest.objects.exists()
    page = _post(client, url, action="take_out", entries="KM-00003", confirm="on")
    made = ApprovalRequest.objects.get()
    assert page.status_code == 302 and made.status == Status.CONFIRMED
    # 承認制: sent to the manager
    page = _post(client, url, action="take_out", entries="KM-00002")
    made = ApprovalRequest.objects.get(number=2)
    assert page.status_code == 302 and page["Location"] == _url(world, "request", pk=made.pk)
    assert made.status == Status.PENDING
    # an entry one may not open is named in the error, nothing kept
    page = _post(client, url, action="take_out", entries="KM-09999")
    assert "KM-09999" in page.content.decode()
    assert ApprovalRequest.objects.count() == 2


def test_the_guide_leads_to_the_form_with_the_rule_of_the_level(world, login_client):
    client = login_client(world.member.user)
    secret = world.levels["secret"]
    guide = client.get(
        reverse("rules:guide", kwargs={"org_slug": world.org.slug}), {"level": secret.pk}
    )
    text = guide.content.decode()
    # 秘: 持出し・送信・開示 need approval, 複製・印刷・クラウド are conditional;
    # 私物端末・生成AI are forbidden, and 閲覧・保管 are not requests
    for action in ("take_out", "send", "disclose", "copy", "print", "cloud"):
        assert f'data-request="{action}"' in text, action
    for action in ("personal_device", "generative_ai", "view", "store", "dispose", "mark"):
        assert f'data-request="{action}"' not in text, action
    assert "申請する" in text and "条件を確認して記録する" in text
    form = client.get(_url(world, "request_new"), {"action": "take_out", "level": secret.pk})
    text = form.content.decode()
    assert 'id="rule-preview"' in text and "承認制（所属部門の長）" in text
    assert "佐藤" in text  # who would decide for this employee
    assert 'value="take_out" selected' in text
    # an auditor reads the guide but makes no requests: no buttons
    auditor = login_client(world.auditor.user)
    guide = auditor.get(
        reverse("rules:guide", kwargs={"org_slug": world.org.slug}), {"level": secret.pk}
    )
    assert "data-request=" not in guide.content.decode()


def test_the_approver_who_may_not_open_the_entry_sees_number_and_level(world, login_client):
    request = make_request(world.member, "take_out", [world.entries["secret"]])
    title = world.entries["secret"].title
    manager = login_client(world.manager.user)
    page = manager.get(_url(world, "request", pk=request.pk))
    text = page.content.decode()
    assert page.status_code == 200
    assert f"KM-00002{mask_text()}" in text and "秘" in text and title not in text
    assert 'id="decision-form"' in text
    listing = manager.get(_url(world, "requests"))
    assert "AP-00001" in listing.content.decode() and title not in listing.content.decode()
    # the requester, who may open it, sees the title
    mine = login_client(world.member.user).get(_url(world, "request", pk=request.pk))
    assert title in mine.content.decode() and 'id="decision-form"' not in mine.content.decode()


def test_deciding_and_returning_through_the_pages(world, login_client):
    request = make_request(world.member, "take_out", [world.entries["secret"]])
    manager = login_client(world.manager.user)
    refuse = manager.post(_url(world, "request_decide", pk=request.pk), {"decision": "refuse"})
    assert refuse.status_code == 200 and "却下の理由を記入してください。" in refuse.content.decode()
    approve = manager.post(
        _url(world, "request_decide", pk=request.pk), {"decision": "approve", "comment": "了解"}
    )
    assert approve.status_code == 302
    request.refresh_from_db()
    assert request.status == Status.APPROVED and request.decided_by == world.manager.user
    # a member who is neither requester nor approver does not even see it
    other = login_client(world.designer.user)
    assert other.get(_url(world, "request", pk=request.pk)).status_code == 404
    # the requester records the return
    member = login_client(world.member.user)
    page = member.get(_url(world, "request", pk=request.pk))
    assert 'id="return-form"' in page.content.decode()
    back = member.post(
        _url(world, "request_return", pk=request.pk), {"returned_on": TODAY.isoformat()}
    )
    assert back.status_code == 302
    request.refresh_from_db()
    assert request.status == Status.RETURNED


def test_the_requester_may_not_decide_through_the_page(world, login_client):
    request = make_request(world.admin, "take_out", [world.entries["secret"]])
    admin = login_client(world.admin.user)
    assert (
        'id="decision-form"'
        not in admin.get(_url(world, "request", pk=request.pk)).content.decode()
    )
    response = admin.post(_url(world, "request_decide", pk=request.pk), {"decision": "approve"})
    assert response.status_code == 403
    request.refresh_from_db()
    assert request.status == Status.PENDING


def test_lists_filter_what_each_reader_sees(world, login_client):
    mine = make_request(world.member, "take_out", [world.entries["secret"]])
    other = make_request(world.designer_with_access(), "copy", [world.entries["top_secret"]])
    member_page = login_client(world.member.user).get(_url(world, "requests"))
    assert [r.pk for r in member_page.context["page"]] == [mine.pk]
    auditor_page = login_client(world.auditor.user).get(_url(world, "requests"))
    assert {r.pk for r in auditor_page.context["page"]} == {mine.pk, other.pk}
    to_decide = login_client(world.manager.user).get(_url(world, "requests"), {"show": "decide"})
    assert [r.pk for r in to_decide.context["page"]] == [mine.pk]
    found = login_client(world.admin.user).get(_url(world, "requests"), {"q": "km-00001"})
    assert [r.pk for r in found.context["page"]] == [other.pk]


def test_settings_name_the_officer(world, login_client):
    admin = login_client(world.admin.user)
    page = admin.get(_url(world, "settings"))
    assert page.status_code == 200 and "山本" in page.content.decode()
    saved = admin.post(_url(world, "settings"), {"officer": world.custodian.pk, "president": ""})
    assert saved.status_code == 302
    assert world.org.approver_settings.officer == world.custodian


def test_the_entry_page_offers_a_request(world, login_client):
    client = login_client(world.member.user)
    make_request(world.member, "take_out", [world.entries["secret"]])
    page = client.get(
        reverse(
            "register:entry_detail",
            kwargs={"org_slug": world.org.slug, "pk": world.entries["secret"].pk},
        )
    )
    text = page.content.decode()
    assert 'id="entry-requests"' in text and "AP-00001" in text
    assert "?entries=KM-00002" in text


def test_list_and_detail_query_counts_are_bounded(
    world, login_client, django_assert_max_num_queries
):
    for _ in range(5):
        make_request(world.member, "take_out", [world.entries["secret"], world.entries["internal"]])
    client = login_client(world.admin.user)
    with django_assert_max_num_queries(25):
        assert client.get(_url(world, "requests")).status_code == 200
    pk = ApprovalRequest.objects.first().pk
    with django_assert_max_num_queries(30):
        assert client.get(_url(world, "request", pk=pk)).status_code == 200
