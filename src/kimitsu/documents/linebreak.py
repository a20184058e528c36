"""Japanese line breaking (禁則処理) for the PDFs kimitsu writes.

reportlab's ``wordWrap="CJK"`` cuts a line after whatever glyph fills it; its only rule is to let
one character of a short list hang in the margin. So a line can end on an opening bracket
(「（以下「」) or start with 」, ー or a small kana. ``line_breaks`` applies the usual rules of
Japanese typesetting (after JIS X 4051):

* 行頭禁則 — closing brackets, 、。，．, ・：；！？, ー, 々, small kana … never start a line;
* 行末禁則 — opening brackets （「『【〔〈《 and prefixes such as ￥ 〒 never end a line;
* 分離禁止 — ―― and …… stay together, and so does a run of Latin letters or digits
  (「14日」 does not break inside 14; an English word breaks at a space);
* ぶら下げ — 、 。 ， ． may hang in the right margin instead of pushing a character down;
* 追い出し — otherwise the break moves back to the nearest place where both rules hold.
"""

from collections.abc import Sequence

# A line does not start with these (行頭禁則文字).
NO_LINE_START = frozenset(
    "、。，．,.：；:;？！?!‼⁇⁈⁉・･"
    "）)］]｝}〕〉》」』】〙〗〟’”｠»"
    "ヽヾゝゞ々〻ー‐゠–〜～"
    "ぁぃぅぇぉっゃゅょゎゕゖァィゥェォッャュョヮヵヶㇰㇱㇲㇳㇴㇵㇶㇷㇸㇹㇺㇻㇼㇽㇾㇿ"
    "ｧｨｩｪｫｯｬｭｮｰ"
    "%％‰℃°′″¢￠"
)
# A line does not end with these (行末禁則文字).
NO_LINE_END = frozenset("（(［[｛{〔〈《「『【〘〖〝‘“｟«￥＄$£￡＃#〒№")
# These may hang in the right margin (ぶら下げ).
HANGING = frozenset("、。，．,.")
# Doubled, these are one mark (分離禁止).
INSEPARABLE = frozenset("—―…‥")
FUZZ = 1e-6  # points: rounding of glyph widths


def _wordlike(ch: str) -> bool:
    """Letters, digits and their punctuation outside the CJK blocks (and full-width digits and
    letters): a run of them is a word or a number, broken only at a space."""
    if ch.isspace() or not ch:
        return False
    code = ord(ch)
    return code < 0x2E80 or 0xFF10 <= code <= 0xFF19 or 0xFF21 <= code <= 0xFF5A


def may_break(text: Sequence[str], k: int) -> bool:
    """May a line end with ``text[k - 1]`` and the next start with ``text[k]``?"""
    before, after = text[k - 1], text[k]
    if before.isspace() or after.isspace():
        return True
    if after in NO_LINE_START or before in NO_LINE_END:
        return False
    if before == after and before in INSEPARABLE:
        return False
    return not (_wordlike(before) and _wordlike(after))


def line_breaks(
    text: Sequence[str],
    widths: Sequence[float],
    max_widths: Sequence[float] | float,
    *,
    hard_breaks: frozenset[int] = frozenset(),
) -> list[tuple[int, int]]:
    """The lines of ``text`` (a string, or a sequence of one-glyph strings) as ``(start, end)``
    index pairs, end exclusive. ``widths`` gives each glyph's width; line *n* may be
    ``max_widths[n]`` wide (the last width repeats). ``hard_breaks`` are indexes after which a
    line must end (a ``<br/>``). Spaces at the edges of a broken line are left out of it."""
    if not isinstance(max_widths, list | tuple):
        max_widths = [max_widths]
    n = len(text)
    lines: list[tuple[int, int]] = []
    start = 0

    def width_at(line_no: int) -> float:
        return max_widths[min(line_no, len(max_widths) - 1)]

    while start < n:
        limit = width_at(len(lines))
        used = 0.0
        i = start
        end = None
        while i < n:
            used += widths[i]
            if i in hard_breaks:
                end = i + 1
                break
            if used > limit + FUZZ and i > start:
                end = _break_before(text, start, i)
                break
            i += 1
        if end is None:  # the rest fits
            end = n
        lines.append(_trimmed(text, start, end))
        start = end
        while start < n and text[start] == " ":
            start += 1  # a break at a space swallows the space
    return lines


def _break_before(text, start: int, i: int) -> int:
    """Where the line that ``text[i]`` overflows ends (exclusive)."""
    ch = text[i]
    # ぶら下げ: a comma or full stop hangs, unless what follows it may not start a line either.
    if ch in HANGING and text[i - 1] not in NO_LINE_END:
        if i + 1 >= len(text) or may_break(text, i + 1):
            return i + 1
    # 追い出し: the nearest earlier place where a line may end.
    for k in range(i, start, -1):
        if may_break(text, k):
            return k
    # Nothing allowed (one long word, or a row of closing marks): break where the line is full.
    return i


def _trimmed(text, start: int, end: int) -> tuple[int, int]:
    """Trailing ASCII spaces are not part of a line (leading ones are skipped by the caller;
    an ideographic space U+3000, an indent, is always kept)."""
    while end > start + 1 and text[end - 1] == " ":
        end -= 1
    return start, end
