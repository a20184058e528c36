"""The member's home is the member's own tasks, none of the administrator's."""

import pytest
from django.core.management import call_command

pytestmark = pytest.mark.django_db


def test_members_home_shows_their_tasks_and_none_of_the_administrators(
    company, reach_world, member_of, login_client
):
    worker = reach_world["worker"]
    member = member_of(company, role="member", person=worker)
    page = login_client(member.user).get(f"/o/{company.slug}/").content.decode()
    assert 'id="my-tasks"' in page and 'id="seven-steps"' not in page
    assert reach_world["regulation"].title in page  # read the regulation
    assert "確認テスト" in page  # the quiz of the training attended
    assert 'id="my-task-count">3<' in page
    # the administrator's work is not listed as the member's
    for admin_job in ("承認待ち", "未受講", "研修を"):
        assert admin_job not in page.split('id="my-tasks"')[1].split("</div></div>")[0]
    # each task opens from the app too: the pledge by the same page as its link
    do = [line for line in page.splitlines() if "/reach/tasks/pledge/" in line]
    assert do
    admin_page = login_client(reach_world["admin"].user).get(f"/o/{company.slug}/").content
    assert b'id="seven-steps"' in admin_page


def test_the_do_page_opens_the_task_for_oneself(company, reach_world, member_of, login_client):
    worker = reach_world["worker"]
    member = member_of(company, role="member", person=worker)
    client = login_client(member.user)
    url = f"/o/{company.slug}/reach/tasks/pledge/{reach_world['document'].pk}/"
    response = client.get(url)
    assert response.status_code == 302 and "/l/" in response.url
    # someone else's document is not a task of this member
    other = member_of(company, role="member", person=reach_world["no_mail"])
    response = login_client(other.user).get(url)
    assert response.status_code == 302 and "/l/" not in response.url


def test_tasks_command_prints_json(company, reach_world, capsys):
    import json

    call_command("tasks", "--org", company.slug, "--person", "1201", "--format", "json")
    rows = json.loads(capsys.readouterr().out)
    assert {r["kind"] for r in rows} == {"regulation", "pledge", "quiz"}
    assert all(set(r) == {"employee_number", "kind", "title", "due", "url"} for r in rows)
    assert all(r["employee_number"] == "1201" for r in rows)


def test_an_administrator_links_their_account_to_their_person(company, reach_world, login_client):
    from kimitsu.audit.models import AuditEvent

    admin = reach_world["admin"]
    client = login_client(admin.user)
    me = reach_world["no_mail"]
    url = f"/o/{company.slug}/members/{admin.pk}/"
    response = client.post(url, {"role": "admin", "is_active": "on", "person": me.pk})
    assert response.status_code == 302
    admin.refresh_from_db()
    me.refresh_from_db()
    assert admin.person_id == me.pk and me.user_id == admin.user_id
    event = AuditEvent.objects.filter(event_type="membership.updated").latest("seq")
    assert event.after["person"] == me.pk
    # now the administrator's home lists the tasks of the person they are
    page = client.get(f"/o/{company.slug}/").content.decode()
    assert 'id="my-task-count">1<' in page
    # a person already linked to another account cannot be taken
    other = reach_world["worker"]
    other.user = reach_world["manager"].user
    other.save()
    response = client.post(url, {"role": "admin", "is_active": "on", "person": other.pk})
    assert response.status_code == 200
    admin.refresh_from_db()
    assert admin.person_id == me.pk


def test_the_top_bar_counts_my_tasks_and_rings_for_what_concerns_me(
    company, reach_world, member_of, login_client
):
    from kimitsu.register import services as register
    from kimitsu.register.models import Level

    worker = reach_world["worker"]
    member = member_of(company, role="member", person=worker)
    client = login_client(member.user)
    page = client.get(f"/o/{company.slug}/reach/tasks/").content.decode()
    assert 'id="topbar-task-count">3<' in page
    assert "この2週間のお知らせはありません" in page
    # an entry proposed by the member is approved, and the member is given access to another
    register.levels_ensure_defaults(organization=company)
    admin = reach_world["admin"]
    entry = register.entry_propose(
        actor=member.user, membership=member, data={"title": "配合表", "category": "technical"}
    )
    register.entry_approve(
        actor=admin.user,
        membership=admin,
        entry=entry,
        level=Level.objects.get(organization=company, code="secret"),
        reason="競争力の源泉",
    )
    register.grant_person(actor=admin.user, membership=admin, entry=entry, person=worker)
    page = client.get(f"/o/{company.slug}/reach/tasks/").content.decode()
    bell = page.split('id="topbar-bell"')[1].split("</ul>")[0]
    assert f"提案した {entry.ledger_number} が承認されました" in bell
    assert f"{entry.ledger_number} へのアクセス権が付与されました" in bell
    # someone else's events do not ring for this member
    other = member_of(company, role="member", person=reach_world["no_mail"])
    other_page = login_client(other.user).get(f"/o/{company.slug}/reach/tasks/").content.decode()
    assert entry.ledger_number not in other_page.split('id="topbar-bell"')[1].split("</ul>")[0]
