"""Anchors: the TSA vouches for the chain's hashes, so a re-computed chain is still caught."""

import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from kimitsu.audit import anchors, services
from kimitsu.audit.models import AuditEvent
from kimitsu.testing.tsa import openssl_tsa, use


def _events(company, n):
    for i in range(n):
        services.record(event_type="test.event", organization=company, after={"i": i})


def _rehash_from(chain: str, seq: int) -> None:
    """What an operator of the database could do: re-compute every hash from ``seq`` on."""
    events = list(AuditEvent.objects.filter(chain=chain).order_by("seq"))
    prev = services.GENESIS_HASH
    with connection.cursor() as cursor:
        for new_seq, event in enumerate(events, start=1):
            event.seq = new_seq
            digest = services.compute_hash(event, prev)
            cursor.execute(
                "UPDATE audit_auditevent SET seq=%s, prev_hash=%s, hash=%s WHERE id=%s",
                [new_seq, prev, digest, event.id],
            )
            prev = digest
        cursor.execute(
            "UPDATE audit_chainhead SET last_seq=%s, last_hash=%s WHERE chain=%s",
            [len(events), prev, chain],
        )


@pytest.fixture
def anchored(company, tmp_path, settings):
    with openssl_tsa(tmp_path) as server:
        use(settings, server)
        _events(company, 6)
        call_command("audit", "anchor", "--org", company.slug)
        _events(company, 2)  # after the anchor: not vouched for yet
        yield services.chain_for(company)


@pytest.mark.django_db
def test_anchor_and_verify_report_what_is_vouched_for(anchored, company, capsys):
    call_command("audit", "verify", "--org", company.slug)
    out = capsys.readouterr().out
    assert "OK: 8 events" in out
    assert "1 anchor(s) verified; events 1-6 vouched for by the TSA" in out
    call_command("audit", "anchor", "--org", company.slug)
    assert "events 7-8 anchored" in capsys.readouterr().out
    call_command("audit", "anchor", "--org", company.slug)
    assert "nothing new" in capsys.readouterr().out
    assert anchors.anchored_seq(anchored) == 8


@pytest.mark.django_db
def test_value_changed_and_chain_rehashed_is_named(anchored):
    target = AuditEvent.objects.get(chain=anchored, seq=3)
    with connection.cursor() as cursor:
        cursor.execute("UPDATE audit_auditevent SET after=%s WHERE id=%s", ['{"i": 99}', target.id])
    _rehash_from(anchored, 1)
    assert services.verify(anchored).ok is False
    with pytest.raises(CommandError) as exc:
        call_command("audit", "verify")
    assert f"event id={target.id} seq=3 is not the event a TSA vouched for" in str(exc.value)


@pytest.mark.django_db
def test_row_deleted_and_chain_rehashed_is_named(anchored):
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM audit_auditevent WHERE chain=%s AND seq=4", [anchored])
    _rehash_from(anchored, 1)
    result = services.verify(anchored)
    assert not result.ok
    # seq 5 became seq 4: the first listed hash that no longer matches is seq 4
    assert "seq=4 is not the event a TSA vouched for" in result.problem


@pytest.mark.django_db
def test_rehash_after_the_anchor_only_is_not_tampering(anchored):
    # events 7-8 are not anchored: re-hashing them alone (no change) keeps every anchored hash
    _rehash_from(anchored, 7)
    assert services.verify(anchored).ok


@pytest.mark.django_db
def test_the_anchor_list_itself_edited_is_caught(anchored):
    anchor = anchors.Anchor.objects.get(chain=anchored)
    stamp = anchor.timestamp
    text = stamp.document.replace(stamp.document.split("\n")[5], "0" * 64)
    type(stamp).objects.filter(pk=stamp.pk).update(document=text)
    result = services.verify(anchored)
    assert not result.ok and "list of hashes was changed" in result.problem


@pytest.mark.django_db
def test_a_value_changed_without_rehash_is_still_caught_by_the_chain(anchored):
    target = AuditEvent.objects.get(chain=anchored, seq=2)
    with connection.cursor() as cursor:
        cursor.execute("UPDATE audit_auditevent SET after=%s WHERE id=%s", ['{"i": 7}', target.id])
    result = services.verify(anchored)
    assert not result.ok and f"id={target.id}" in result.problem


@pytest.mark.django_db
def test_anchor_without_a_tsa_says_so(company, settings):
    settings.KIMITSU_TSA_URL = ""
    _events(company, 1)
    with pytest.raises(CommandError, match="No TSA"):
        call_command("audit", "anchor", "--org", company.slug)


@pytest.mark.django_db
def test_the_last_anchored_event_removed_and_the_head_rewound_is_named(anchored):
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM audit_auditevent WHERE chain=%s AND seq>=6", [anchored])
    _rehash_from(anchored, 1)
    result = services.verify(anchored)
    assert not result.ok and "event seq=6 was removed after a TSA vouched for it" in result.problem
