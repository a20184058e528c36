"""Requests against each kind of cell of kimitsu's proposed rules, for each default level: 禁止
refuses with the rule's words and keeps nothing, 許可 needs no request, 条件付き許可 is kept once
the requester confirms the conditions, 承認制 waits for the approver the rule names."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from kimitsu.approvals import selectors
from kimitsu.approvals.choices import Status
from kimitsu.approvals.models import ApprovalRequest
from kimitsu.audit.models import AuditEvent
from kimitsu.rules.choices import Approver, Verdict
from kimitsu.rules.defaults import DEFAULT_RULES

from .helpers import TODAY, make_request

pytestmark = pytest.mark.django_db

F, A, C, OK = Verdict.FORBIDDEN, Verdict.APPROVAL, Verdict.CONDITIONAL, Verdict.ALLOWED
OF, M, P = Approver.OFFICER, Approver.MANAGER, Approver.PRESIDENT

# The eight actions a request is made for × the four default levels, as kimitsu proposes them
# (rules/defaults.py), written out here so that a change there or in the lookup shows.
EXPECTED = {
    "top_secret": {
        "copy": (A, OF),
        "print": (A, OF),
        "take_out": (F, ""),
        "send": (F, ""),
        "disclose": (A, P),
        "personal_device": (F, ""),
        "cloud": (F, ""),
        "generative_ai": (F, ""),
    },
    "secret": {
        "copy": (C, ""),
        "print": (C, ""),
        "take_out": (A, M),
        "send": (A, M),
        "disclose": (A, M),
        "personal_device": (F, ""),
        "cloud": (C, ""),
        "generative_ai": (F, ""),
    },
    "internal": {
        "copy": (OK, ""),
        "print": (OK, ""),
        "take_out": (C, ""),
        "send": (C, ""),
        "disclose": (A, M),
        "personal_device": (A, OF),
        "cloud": (C, ""),
        "generative_ai": (C, ""),
    },
    "public": dict.fromkeys(
        ["copy", "print", "take_out", "send", "disclose", "personal_device", "cloud"]
        + ["generative_ai"],
        (OK, ""),
    ),
}
CASES = [(level, action) for level, row in EXPECTED.items() for action in row]
PROFILE = {"top_secret": "strict", "secret": "confidential", "internal": "internal"}


def _events():
    return AuditEvent.objects.filter(event_type__startswith="approvals.")


@pytest.mark.parametrize(("level", "action"), CASES, ids=[f"{lv}-{a}" for lv, a in CASES])
def test_each_cell_of_each_default_level(world, level, action):
    verdict, approver = EXPECTED[level][action]
    entry = world.entries[level]
    ruling = selectors.ruling(world.org, action, [entry])
    assert (ruling.verdict, ruling.approver) == (verdict, approver)

    if verdict == F:
        with pytest.raises(ValidationError) as refused:
            make_request(world.member, action, [entry])
        message = " ".join(refused.value.messages)
        assert refused.value.code == "forbidden"
        assert entry.ledger_number in message and "禁止" in message
        note = DEFAULT_RULES[PROFILE[level]][action]["note"]
        assert note and note in message  # the rule's own words
        assert not ApprovalRequest.objects.exists() and not _events().exists()
    elif verdict == OK:
        with pytest.raises(ValidationError) as allowed:
            make_request(world.member, action, [entry])
        assert allowed.value.code == "allowed"
        assert "申請は不要" in " ".join(allowed.value.messages)
        assert not ApprovalRequest.objects.exists() and not _events().exists()
    elif verdict == C:
        with pytest.raises(ValidationError) as unconfirmed:
            make_request(world.member, action, [entry])
        assert "confirm" in unconfirmed.value.message_dict
        assert not ApprovalRequest.objects.exists()
        made = make_request(world.member, action, [entry], confirmed=True)
        assert made.status == Status.CONFIRMED and made.conditions_confirmed_at is not None
        assert not made.approvers.exists()
        condition = DEFAULT_RULES[PROFILE[level]][action]["condition"]
        assert made.rule_snapshot["conditions"] == [condition]
        event = _events().get()
        assert event.event_type == "approvals.confirmed"
        assert event.after["entries"] == [entry.ledger_number]
        assert event.after["condition"] == [condition]
    else:
        made = make_request(world.member, action, [entry])
        assert made.status == Status.PENDING and made.approver_role == approver
        assert made.approvers.exists()
        event = _events().get()
        assert event.event_type == "approvals.requested"
        assert event.after["entries"] == [entry.ledger_number]
        assert entry.title not in str(event.after) and entry.title not in event.object_repr


@pytest.mark.parametrize(
    ("levels", "action", "expected"),
    [
        # one forbidden entry forbids the whole request
        (["secret", "top_secret"], "take_out", (F, "")),
        (["internal", "secret"], "take_out", (A, M)),
        (["public", "internal"], "take_out", (C, "")),
        (["public", "public"], "copy", (OK, "")),
        # several cells ask for approval: the one who stands highest decides for all
        (["secret", "top_secret"], "disclose", (A, P)),
        (["internal", "secret"], "disclose", (A, M)),
        (["internal", "secret"], "copy", (C, "")),
        (["top_secret", "secret"], "copy", (A, OF)),
    ],
)
def test_several_entries_take_the_strictest_cell(world, levels, action, expected):
    entries = [world.entries[lv] for lv in levels]
    ruling = selectors.ruling(world.org, action, entries)
    assert (ruling.verdict, ruling.approver) == expected
    assert [c.entry for c in ruling.cells] == entries


def test_the_strictest_of_cells_in_every_order():
    from kimitsu.approvals.selectors import Cell, strictest

    cells = {
        F: Cell(None, F),
        A: Cell(None, A, M),
        C: Cell(None, C, condition="x"),
        OK: Cell(None, OK),
    }
    assert strictest([cells[OK], cells[C]]) == (C, "")
    assert strictest([cells[C], cells[A]]) == (A, M)
    assert strictest([cells[A], cells[F], cells[OK]]) == (F, "")
    assert strictest([cells[OK]]) == (OK, "")
    assert strictest([Cell(None, A, M), Cell(None, A, Approver.OWNER)]) == (A, M)
    assert strictest([Cell(None, A, OF), Cell(None, A, P), Cell(None, A, M)]) == (A, P)
    assert strictest([]) == ("", "")


def test_conditions_of_every_entry_are_shown_with_an_approval(world):
    """社外秘's copy is allowed, 秘's needs its condition: the condition applies to the request."""
    ruling = selectors.ruling(
        world.org, "copy", [world.entries["internal"], world.entries["secret"]]
    )
    assert ruling.verdict == C and ruling.conditions == ["業務に必要な最小限の部数・範囲に限る。"]


def test_a_level_the_rules_do_not_cover_goes_to_the_officer(world):
    from kimitsu.register.models import Entry, Level

    extra = Level.objects.create(organization=world.org, code="new", name="部外秘", rank=25)
    entry = Entry.objects.create(
        organization=world.org,
        ledger_number="KM-00099",
        title="新区分の資料",
        category="technical",
        status="approved",
        level=extra,
    )
    ruling = selectors.ruling(world.org, "copy", [entry])
    assert (ruling.verdict, ruling.approver) == (A, OF) and ruling.cells[0].missing


def test_no_rules_approved_nothing_to_request(company, member_of):
    from kimitsu.organizations.choices import Role
    from kimitsu.register import services as register
    from kimitsu.register.models import Entry, Level

    register.levels_ensure_defaults(organization=company)
    entry = Entry.objects.create(
        organization=company,
        ledger_number="KM-00001",
        title="t",
        category="technical",
        status="approved",
        level=Level.objects.get(organization=company, code="internal"),
    )
    member = member_of(company, Role.MEMBER)
    with pytest.raises(ValidationError) as refused:
        make_request(member, "copy", [entry])
    assert refused.value.code == "no_rules"
    assert not ApprovalRequest.objects.exists()


def test_bad_input_names_the_field_and_keeps_nothing(world):
    entry = world.entries["secret"]
    cases = [
        ({"purpose": "  "}, "purpose"),
        ({"destination": ""}, "destination"),
        ({"return_due": None}, "return_due"),
        ({"ends_on": TODAY - dt.timedelta(days=1)}, "ends_on"),
        ({"return_due": TODAY - dt.timedelta(days=1)}, "return_due"),
        ({"purpose": "目的\u0007"}, "purpose"),
    ]
    for kw, field in cases:
        with pytest.raises(ValidationError) as bad:
            make_request(world.member, "take_out", [entry], **kw)
        assert field in bad.value.message_dict, (kw, bad.value)
    with pytest.raises(ValidationError):
        make_request(world.member, "view", [entry])
    assert not ApprovalRequest.objects.exists()


def test_only_entries_the_requester_may_open(world, member_of):
    from kimitsu.organizations.choices import Role

    stranger = member_of(world.org, Role.MEMBER)
    with pytest.raises(ValidationError) as refused:
        make_request(stranger, "take_out", [world.entries["secret"]])
    assert "entries" in refused.value.message_dict
    assert not ApprovalRequest.objects.exists()


def test_numbers_follow_one_another(world):
    first = make_request(world.member, "take_out", [world.entries["secret"]])
    second = make_request(world.member, "send", [world.entries["secret"]])
    assert (first.code, second.code) == ("AP-00001", "AP-00002")
