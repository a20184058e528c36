"""Kansai routing: the list of consultations to hand over to the Kansai desk holds those of the
Kinki prefectures that are not handed over yet — not the ones already sent, nor others."""

import pytest

from kimitsu.desk import selectors
from kimitsu.desk.choices import Status
from kimitsu.desk.models import Consultation

from .conftest import at

pytestmark = pytest.mark.django_db


def test_the_kansai_list_leaves_out_what_was_handed_over(make_client, consult, desk_admin):
    osaka = make_client("株式会社大阪精密", prefecture="27")
    kyoto = make_client("株式会社京都織物", prefecture="26")
    tokyo = make_client("株式会社東京電機", prefecture="13")
    waiting = consult(osaka, at(2026, 6, 1, 10, 0))
    sent = consult(kyoto, at(2026, 6, 2, 10, 0))
    consult(tokyo, at(2026, 6, 3, 10, 0))
    Consultation.objects.filter(pk=sent.pk).update(status=Status.HANDED_OVER)
    listed = selectors.consultation_filter(selectors.consultation_list(desk_admin), {"kansai": "1"})
    assert list(listed.values_list("pk", flat=True)) == [waiting.pk]
    everything = selectors.consultation_filter(selectors.consultation_list(desk_admin), {})
    assert everything.count() == 3
