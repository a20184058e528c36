"""The exit pledge handed over lists what the leaver may access on the day it is handed over,
not what they could access when the draft was made."""

import pytest

from kimitsu.audit.models import AuditEvent
from kimitsu.pledges import services
from kimitsu.pledges.choices import DocumentStatus, TemplateKind
from kimitsu.register.models import PersonGrant

from .test_exit_pledge import scene  # noqa: F401 (a fixture)

pytestmark = pytest.mark.django_db


def numbers(rows):
    return sorted(r["ledger_number"] for r in rows)


def test_the_list_is_read_again_when_the_pledge_is_issued(company, scene, admin, adopted):  # noqa: F811
    worker, e, _ = scene
    doc = services.document_create(
        actor=admin.user, membership=admin, kind=TemplateKind.PLEDGE_EXIT, person=worker
    )
    drafted = numbers(doc.entries)
    assert e["direct"].ledger_number in drafted and e["sales"].ledger_number not in drafted
    # between the draft and the hand-over, access changes
    PersonGrant.objects.filter(entry=e["direct"], person=worker).delete()
    PersonGrant.objects.create(organization=company, entry=e["sales"], person=worker)
    issued = services.document_transition(
        actor=admin.user, membership=admin, document=doc, to_status=DocumentStatus.ISSUED
    )
    handed = numbers(issued.entries)
    assert e["sales"].ledger_number in handed and e["direct"].ledger_number not in handed
    event = AuditEvent.objects.filter(event_type="pledge_document.status_changed").latest("seq")
    assert sorted(event.after["entries"]) == handed
