"""Japanese line breaking (行頭・行末禁則) in every PDF kimitsu writes."""

import io
import re
from pathlib import Path

import pytest
from pypdf import PdfReader

from kimitsu.documents import pdf
from kimitsu.documents.linebreak import NO_LINE_END, NO_LINE_START, line_breaks

# The text width of an A4 page of ``pdf.build`` (22 mm margins, the frame's 6 pt padding).
BODY_WIDTH = 595.2756 - 2 * 62.3622 - 12
FULL = 10.5


def _lines(text, width, size=FULL):
    return [text[s:e] for s, e in line_breaks(text, [size] * len(text), width)]


def pdf_lines(data: bytes) -> list[str]:
    """The PDF's text line by line, with pypdf (a dependency already): the same reader on every
    machine, where poppler's pdftotext is not installed everywhere."""
    out = "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(data)).pages)
    return [line.strip() for line in out.splitlines() if line.strip()]


def assert_kinsoku(lines):
    for number, line in enumerate(lines, 1):
        assert line[0] not in NO_LINE_START, f"line {number} starts with {line[0]!r}: {line}"
        assert line[-1] not in NO_LINE_END, f"line {number} ends with {line[-1]!r}: {line}"


def test_an_opening_bracket_does_not_end_a_line():
    # 6 glyphs to a line; without the rule the first line is 「あ（以下「」.
    assert _lines("ああ（以下「受領者」という。）", 6 * FULL) == [
        "ああ（以下",
        "「受領者」と",
        "いう。）",
    ]


def test_a_closing_bracket_or_small_kana_does_not_start_a_line():
    assert _lines("あいうえおか」きく", 6 * FULL) == ["あいうえお", "か」きく"]
    assert _lines("あいうえおかっき", 6 * FULL) == ["あいうえお", "かっき"]
    assert _lines("あいうえおかーき", 6 * FULL) == ["あいうえお", "かーき"]


def test_a_comma_or_full_stop_hangs_in_the_margin():
    assert _lines("あいうえおか。きく", 6 * FULL) == ["あいうえおか。", "きく"]
    # …unless what follows it may not start a line either: then both go down
    assert _lines("あいうえおか。」きく", 6 * FULL) == ["あいうえお", "か。」きく"]


def test_numbers_and_words_stay_whole():
    assert _lines("あいうえお14日以内", 6 * FULL) == ["あいうえお", "14日以内"]
    assert _lines("ab cd efgh", 5 * 6.0, size=6.0) == ["ab cd", "efgh"]
    assert _lines("あいう――えお", 4 * FULL) == ["あいう", "――えお"]


def test_a_long_word_still_breaks_where_nothing_else_can():
    assert _lines("abcdefghij", 4 * 6.0, size=6.0) == ["abcd", "efgh", "ij"]


def test_the_nda_clause_as_written_to_the_pdf_keeps_the_rules():
    """A 第1条 built so that its first line, cut like a knife where it is full, would end on
    「（以下「」 (the fault seen on the demo NDA); in the PDF it ends on 「以下」 instead."""
    from reportlab.platypus.paragraph import Paragraph as KnifeParagraph

    from kimitsu.pledges.rendering import Composed, to_pdf

    per_line = int(BODY_WIDTH // FULL)  # 43 glyphs
    lead = ("本契約において「秘密情報」とは、本目的のために一方の当事者である甲及びその関係会社")[
        : per_line - len("（以下「")
    ]
    text = f"{lead}（以下「開示者」という。）が他方の当事者（以下「受領者」という。）に開示する情報をいう。"
    knife = KnifeParagraph(text, pdf.styles()["article"])
    knife.wrap(BODY_WIDTH, 1000)
    assert knife.blPara.lines[0][1][0].endswith("（以下「")  # what reportlab alone would print

    doc = Composed(title="秘密保持契約書", marking="", blocks=[("clause", "第1条（定義）", [text])])
    lines = pdf_lines(to_pdf(doc, footer="テスト"))
    start = next(i for i, line in enumerate(lines) if line.startswith(lead[:10]))
    clause = lines[start : start + 3]
    assert_kinsoku(clause)
    assert clause[0] == f"{lead}（以下"
    assert clause[1].startswith("「開示者」という。）")


def test_every_document_sets_its_text_with_the_kinsoku_paragraph():
    """No PDF writer of kimitsu uses reportlab's Paragraph directly."""
    root = Path(pdf.__file__).resolve().parents[1]
    direct = re.compile(r"from reportlab\.platypus import [^\n]*\bParagraph\b(?!Style)")
    offenders = [
        str(path.relative_to(root))
        for path in root.rglob("*.py")
        if "tests" not in path.parts and direct.search(path.read_text(encoding="utf-8"))
    ]
    assert offenders == []


@pytest.mark.parametrize("width", [120.0, 200.0, 300.0, BODY_WIDTH])
def test_a_paragraph_of_the_real_clause_library_never_breaks_against_the_rules(width):
    from kimitsu.pledges.defaults import DEFAULTS

    st = pdf.styles()
    for spec in DEFAULTS.values():
        for _heading, body, *_rest in spec["clauses"]:
            for source in body.splitlines():
                para = pdf.Paragraph(source, st["article"])
                para.wrap(width, 10_000)
                lines = ["".join(w.text for w in line.words) for line in para.blPara.lines]
                assert re.sub(r"\s", "", "".join(lines)) == re.sub(r"\s", "", source)
                assert_kinsoku([line for line in lines if line])
