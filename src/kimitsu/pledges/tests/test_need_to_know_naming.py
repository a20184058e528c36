"""Need-to-know beyond the register (issue 11): how an entry is named, the exit pledge that may not
be downloaded, and the audit log that masks titles but keeps every event."""

import pytest

from kimitsu.audit import services as audit
from kimitsu.organizations.choices import PersonStatus, Role
from kimitsu.pledges import services
from kimitsu.pledges.choices import TemplateKind
from kimitsu.register.models import PersonGrant
from kimitsu.register.naming import EntryNaming
from kimitsu.testing.factories import PersonFactory

pytestmark = pytest.mark.django_db

MASK = "（閲覧権限のない項目）"


@pytest.fixture
def scene(company, admin, levels, member_of, make_entry):
    open_entry = make_entry(
        company, levels["internal"], title="社内の作業手順", summary="誰でも読める"
    )
    secret = make_entry(
        company, levels["top_secret"], title="見積原価の算定表", summary="原価の内訳と利益率"
    )
    auditor = member_of(company, Role.AUDITOR)
    return {"open": open_entry, "secret": secret, "auditor": auditor, "admin": admin}


def test_an_entry_is_named_by_its_number_and_level_only_to_who_may_not_open_it(scene):
    naming = EntryNaming(scene["auditor"])
    secret = scene["secret"]
    assert naming.label(scene["open"]) == f"{scene['open'].ledger_number} 社内の作業手順"
    assert naming.label(secret) == f"{secret.ledger_number}{MASK}"
    assert naming.title(secret) == MASK
    # rows (as pledges keep them) and ids answer the same
    assert naming.title({"id": secret.pk, "title": secret.title}) == MASK
    assert not naming.can_open(secret.pk)
    admin = EntryNaming(scene["admin"])
    assert admin.label(secret) == f"{secret.ledger_number} 見積原価の算定表"


def test_free_text_names_are_masked_by_ledger_number(scene):
    secret, open_entry = scene["secret"], scene["open"]
    naming = EntryNaming(scene["auditor"])
    note = (
        f"アクセスできる登録情報 2件：{secret.ledger_number} 見積原価の算定表（極秘）、"
        f"{open_entry.ledger_number} 社内の作業手順（社外秘）"
    )
    naming.learn_texts(secret.organization, [note.lower()])  # numbers are case-blind
    shown = naming.redact(note)
    assert "見積原価の算定表" not in shown and f"{secret.ledger_number}{MASK}" in shown
    assert "社内の作業手順" in shown


def test_one_query_decides_for_a_whole_page(scene, django_assert_num_queries, make_entry):
    company = scene["secret"].organization
    many = [make_entry(company, scene["secret"].level) for _ in range(20)]
    naming = EntryNaming(scene["auditor"])
    with django_assert_num_queries(2):  # the open levels, then the page's entries
        naming.load(many)
    with django_assert_num_queries(0):
        assert [naming.label(e) for e in many] == [f"{e.ledger_number}{MASK}" for e in many]


# --- the exit pledge ---------------------------------------------------------------------------


@pytest.fixture
def exit_pledge(company, admin, adopted, scene):
    leaver = PersonFactory(organization=company, status=PersonStatus.LEAVING)
    PersonGrant.objects.create(organization=company, entry=scene["secret"], person=leaver)
    PersonGrant.objects.create(organization=company, entry=scene["open"], person=leaver)
    return services.document_create(
        actor=admin.user, membership=admin, kind=TemplateKind.PLEDGE_EXIT, person=leaver
    )


def test_an_exit_pledge_listing_a_hidden_entry_cannot_be_downloaded(
    exit_pledge, scene, login_client, company
):
    auditor = login_client(scene["auditor"].user)
    base = f"/o/{company.slug}/pledges/documents/{exit_pledge.pk}"
    page = auditor.get(f"{base}/")
    assert page.status_code == 200  # it exists, and says why it cannot be opened
    text = page.content.decode()
    assert "document-restricted" in text and "見積原価の算定表" not in text
    assert scene["secret"].ledger_number in text
    assert auditor.get(f"{base}/file.pdf").status_code == 403
    assert auditor.get(f"{base}/file.docx").status_code == 403
    admin = login_client(scene["admin"].user)
    assert admin.get(f"{base}/file.pdf").status_code == 200
    # the API lists the document with the title masked, the record itself unchanged
    from django.test import Client
    from rest_framework.authtoken.models import Token

    token, _ = Token.objects.get_or_create(user=scene["auditor"].user)
    api = Client(HTTP_AUTHORIZATION=f"Token {token.key}")
    data = api.get(f"/api/v1/o/{company.slug}/pledges/documents/{exit_pledge.pk}/").json()
    titles = {row["ledger_number"]: row["title"] for row in data["entries"]}
    assert titles[scene["secret"].ledger_number] == MASK
    assert titles[scene["open"].ledger_number] == "社内の作業手順"
    exit_pledge.refresh_from_db()
    assert "見積原価の算定表" in [row["title"] for row in exit_pledge.entries]


# --- the audit log -----------------------------------------------------------------------------


def _entry_event(entry, **after):
    return audit.record(
        event_type="register_entry.proposed",
        organization=entry.organization,
        obj=entry,
        after={"ledger_number": entry.ledger_number, "title": entry.title, **after},
    )


def test_the_audit_log_masks_titles_and_descriptions_but_keeps_the_event(
    scene, login_client, company
):
    secret = scene["secret"]
    _entry_event(secret, summary=secret.summary, storage_locations="金庫A")
    client = login_client(scene["auditor"].user)
    page = client.get(f"/o/{company.slug}/audit/").content.decode()
    export = b"".join(client.get(f"/o/{company.slug}/audit/export.csv").streaming_content)
    export = export.decode("utf-8-sig")
    api = client.get(f"/api/v1/o/{company.slug}/audit-events/").content.decode()
    for shown in (page, export, api):
        assert secret.ledger_number in shown
        assert "見積原価の算定表" not in shown
        assert "原価の内訳と利益率" not in shown
        assert "金庫A" not in shown
    admin_page = login_client(scene["admin"].user).get(f"/o/{company.slug}/audit/")
    assert "見積原価の算定表" in admin_page.content.decode()


def test_searching_the_audit_log_does_not_reveal_a_hidden_title(scene, login_client, company):
    _entry_event(scene["secret"])
    _entry_event(scene["open"])
    auditor = login_client(scene["auditor"].user)
    hit = auditor.get(f"/o/{company.slug}/audit/?q=見積原価").content.decode()
    assert scene["secret"].ledger_number not in hit
    found = auditor.get(f"/o/{company.slug}/audit/?q=作業手順").content.decode()
    assert scene["open"].ledger_number in found
    admin = login_client(scene["admin"].user)
    assert (
        scene["secret"].ledger_number
        in admin.get(f"/o/{company.slug}/audit/?q=見積原価").content.decode()
    )


def test_a_decision_and_a_traced_copy_name_their_entry_by_number_only_to_who_may_not_open_it(
    scene, client
):
    """The patent-or-secret decision keeps a label of its entry, and a stamped copy its entry:
    both pages name it as the register's naming rule says."""
    from django.utils import timezone

    from conftest import login
    from kimitsu.awareness import services as awareness
    from kimitsu.rules.models import Distribution

    secret, admin, auditor = scene["secret"], scene["admin"], scene["auditor"]
    decision = awareness.decision_create(
        actor=admin.user,
        membership=admin,
        title="乾燥条件",
        answers={},
        register_entry_id=secret.pk,
    )
    Distribution.objects.create(
        organization=secret.organization,
        trace_code="K7Q2-M9XD",
        entry=secret,
        level=secret.level,
        level_name=secret.level.name,
        marking_text="",
        source_name="a.pdf",
        page_count=1,
        sha256="0" * 64,
        created_at=timezone.now(),
    )
    org = secret.organization.slug
    pages = [
        f"/o/{org}/awareness/decisions/{decision.pk}/",
        f"/o/{org}/rules/distributions/trace/?code=K7Q2M9XD",
    ]
    login(client, auditor.user)
    for url in pages:
        html = client.get(url).content.decode()
        assert f"{secret.ledger_number}{MASK}" in html, url
        assert "見積原価の算定表" not in html, url
    client.logout()
    login(client, admin.user)
    for url in pages:
        assert f"{secret.ledger_number} 見積原価の算定表" in client.get(url).content.decode(), url
