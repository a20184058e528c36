"""Finding check terms as a Japanese reader would see them, in every kind of draft."""

import pytest
from django.utils import translation

from kimitsu.prepub import extract
from kimitsu.prepub.matching import Matcher

from . import drafts

TERMS = [
    ("アルミ合金X200", "top"),
    ("1180℃", "top"),
    ("カーボンファイバー", "top"),
    ("X200", "code"),
    ("北陸測量", "customer"),
]


def find(text, terms=TERMS):
    return [(h.source, h.term, h.matched) for h in Matcher(terms).find(text)]


def scan(draft, terms=TERMS):
    matcher = Matcher(terms)
    return [
        (part.page, part.place, part.ref, hit.term)
        for part in draft.parts
        for hit in matcher.find(part.text)
    ]


# --- the matcher --------------------------------------------------------------------------


def test_a_term_broken_across_lines_is_found():
    assert ("top", "アルミ合金X200", "アルミ 合金X200") in find("新素材はアルミ\n合金X200です")


def test_full_width_letters_and_digits_are_the_same():
    hits = find("耐熱温度は１１８０℃、型番はＸ２００")
    assert ("top", "1180℃", "１１８０℃") in hits
    assert ("code", "X200", "Ｘ２００") in hits


def test_a_space_before_the_unit_does_not_hide_the_number():
    assert ("top", "1180℃", "1180 ℃") in find("炉内は1180 ℃に保つ")


def test_half_width_katakana_are_the_same():
    assert ("top", "カーボンファイバー", "ｶｰﾎﾞﾝﾌｧｲﾊﾞｰ") in find("素材: ｶｰﾎﾞﾝﾌｧｲﾊﾞｰ 使用")


def test_case_does_not_matter():
    assert ("code", "X200", "x200") in find("model x200")


def test_no_hit_inside_a_longer_code():
    assert find("型番 AX200 と X2000") == []
    assert find("11180℃") == []


def test_japanese_terms_hit_between_other_japanese_words():
    assert ("customer", "北陸測量", "北陸測量") in find("納入先は北陸測量株式会社です")


def test_the_context_keeps_the_drafts_own_words():
    (hit,) = Matcher([("北陸測量", 1)]).find("当社は昨年、北陸測量様に納入した。")
    assert (hit.before, hit.matched, hit.after) == ("当社は昨年、", "北陸測量", "様に納入した。")


def test_a_term_of_several_entries_names_each():
    hits = Matcher([("X200", "a"), ("Ｘ２００", "b")]).find("X200")
    assert sorted(h.source for h in hits) == ["a", "b"]


def test_too_short_terms_are_not_looked_for():
    matcher = Matcher([("A", 1), ("炉", 2), ("X200", 3)])
    assert matcher.term_count == 1
    assert [h.source for h in matcher.find("A 炉 X200")] == [3]


# --- the readers --------------------------------------------------------------------------


def test_pdf_line_break_inside_a_term():
    data = drafts.pdf([["会社案内"], ["新素材はアルミ", "合金X200を採用しました"]])
    draft = extract.read("案内.pdf", data)
    assert draft.kind == "pdf" and draft.pages == 2
    assert (2, extract.PAGE, "", "アルミ合金X200") in scan(draft)


def test_pdf_full_width_digits():
    draft = extract.read("a.pdf", drafts.pdf([["焼結温度 １１８０℃ で"]]))
    assert scan(draft) == [(1, extract.PAGE, "", "1180℃")]


def test_no_hit_across_a_page_break():
    """「アルミ合金」 at the foot of a page and 「X200」… no: the term split over two pages is
    two texts, and the second page's 「X2000」 is a longer code."""
    draft = extract.read("a.pdf", drafts.pdf([["新素材はアルミ合金"], ["X2000 シリーズ"]]))
    assert scan(draft) == []


def test_docx_table_cell():
    data = drafts.docx(["製品紹介"], table=[["項目", "値"], ["素材", "ｶｰﾎﾞﾝﾌｧｲﾊﾞｰ"]])
    draft = extract.read("製品.docx", data)
    assert (1, extract.TABLE, "1:2:2", "カーボンファイバー") in scan(draft)


def test_pptx_notes_of_a_slide():
    data = drafts.pptx([("表紙", ""), ("当社の強み", "ここで1180 ℃の話をする")])
    draft = extract.read("deck.pptx", data)
    assert draft.pages == 2
    assert scan(draft) == [(2, extract.NOTES, "", "1180℃")]


def test_xlsx_cell():
    data = drafts.xlsx({"納入実績": [["顧客", "件数"], ["北陸測量（株）", 12]]})
    draft = extract.read("実績.xlsx", data)
    assert (1, extract.CELL, "納入実績!A2", "北陸測量") in scan(draft)


def test_plain_text_in_shift_jis():
    draft = extract.read("memo.txt", "型番X200".encode("cp932"))
    assert scan(draft) == [(1, extract.TEXT, "", "X200")]


# --- drafts that cannot be checked --------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "data", "says"),
    [
        ("a.pdf", drafts.pdf([["秘密"]], encrypt="pw"), "password"),
        ("a.pdf", b"%PDF-1.7\n garbage", "damaged"),
        ("scan.pdf", drafts.pdf([[""]], image_only=True), "no text"),
        ("a.docx", b"PK\x03\x04 not a zip", "damaged"),
        ("a.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 100, "older Office"),
        ("a.png", b"\x89PNG\r\n", "cannot be checked"),
        ("a.txt", b"", "empty"),
    ],
)
def test_unreadable_drafts_are_refused_with_the_reason(name, data, says):
    with translation.override("en"), pytest.raises(extract.DraftRefused) as refused:
        extract.read(name, data)
    assert says in refused.value.message


def test_an_oversized_draft_is_refused(settings):
    settings.KIMITSU_MAX_UPLOAD_MB = 1
    with translation.override("en"), pytest.raises(extract.DraftRefused, match="larger than 1 MB"):
        extract.read("a.txt", b"x" * (1024 * 1024 + 1))
