"""Text as Japanese users type it."""

import re
import unicodedata

# Several values in one cell or field: 、 ; or a line break, as typed in either width.
LIST_SEPARATORS = re.compile(r"[、､;；\n\r]+")

_FULL_WIDTH_DIGITS = str.maketrans("０１２３４５６７８９", "0123456789")


def ascii_digits(value: str) -> str:
    """Full-width digits (０１２…, typed with a Japanese input method) as ASCII digits."""
    return value.translate(_FULL_WIDTH_DIGITS)


# A spreadsheet opening a CSV runs a cell that starts with one of these as a formula.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def csv_safe(value):
    """Text that a spreadsheet would run as a formula (=, +, -, @) is written with a leading
    apostrophe, so that an exported name like =HYPERLINK(…) stays text (CSV injection). Text that
    already looks escaped ('=…) gets one more, so that ``csv_unescape`` gives back exactly it."""
    if isinstance(value, str) and (value.startswith(FORMULA_STARTS) or _looks_escaped(value)):
        return "'" + value
    return value


def csv_unescape(value: str) -> str:
    """Reading back a CSV that ``csv_safe`` wrote: '=… is =… again."""
    return value[1:] if _looks_escaped(value) else value


def _looks_escaped(value: str) -> bool:
    """An apostrophe before a formula, or before text that itself looks escaped ('=…, ''=…)."""
    rest = value[1:]
    return value[:1] == "'" and (rest.startswith(FORMULA_STARTS) or _looks_escaped(rest))


_VOICED_MARKS = {"\u3099", "\u309a"}  # what ﾞ and ﾟ become under NFKC, to be composed


def fold_char(c: str) -> str:
    return unicodedata.normalize("NFKC", c).casefold()


def fold(text: str) -> tuple[str, list[int]]:
    """Text as it reads, whatever its widths, case and line breaks — for finding a word in it:
    NFKC (full-width letters and digits, half-width katakana, ℃ → °C), case-blind, and without
    any white space (PDF text breaks lines in the middle of a word, and 「180 ℃」 is 「180℃」).
    Returns the folded text and, for each of its characters, the index of the original character
    it came from, so that what is found can be shown in the text's own words."""
    out: list[str] = []
    where: list[int] = []
    for i, c in enumerate(text):
        if c.isascii():
            if not c.isspace():
                out.append(c.lower())
                where.append(i)
            continue
        for f in fold_char(c):
            if f.isspace():
                continue
            if f in _VOICED_MARKS and out:
                composed = unicodedata.normalize("NFC", out[-1] + f)
                if len(composed) == 1:  # ｶﾞ → ガ: one character, as a typed ガ is
                    out[-1] = composed
                    continue
            out.append(f)
            where.append(i)
    return "".join(out), where


def is_word_char(c: str) -> bool:
    """A Latin letter or digit once folded (Ｘ, ２): where a Latin word or a number goes on."""
    f = fold_char(c)
    return bool(f) and f[0].isascii() and f[0].isalnum()


# --- addressing a recipient (宛名) ----------------------------------------------------------

# Already addressed: 様, 殿, 御中, 各位, or a title used instead of 様 (先生).
HONORIFICS = ("様", "さま", "殿", "御中", "各位", "先生", "さん")
# A recipient that ends with one of these is an organisation or a unit of one, written to as
# 御中 (北陸測量株式会社, 株式会社北陸設備 工事課). Single-character units (部, 課, 室…) count only in
# a word of three characters or more, so that family names such as 阿部, 服部 or 小室 get 様.
_ORGANISATION_ENDINGS = (
    "株式会社",
    "有限会社",
    "合同会社",
    "合資会社",
    "合名会社",
    "会社",
    "(株)",
    "（株）",
    "㈱",
    "㈲",
    "法人",
    "協会",
    "組合",
    "連合会",
    "事務所",
    "研究所",
    "大学",
    "学校",
    "病院",
    "役所",
    "役場",
    "支店",
    "支社",
    "本社",
    "本店",
    "営業所",
    "出張所",
    "工場",
    "事業所",
    "センター",
    "グループ",
    "チーム",
    "Inc.",
    "Inc",
    "Ltd.",
    "Ltd",
    "LLC",
    "Co.",
    "Corp.",
    "GmbH",
)
_UNIT_ENDINGS = ("部", "課", "室", "係", "班", "局", "庁", "省", "店")
_FAMILY_NAMES_LIKE_UNITS = {"長谷部", "日下部", "五十部", "曽我部", "宗我部", "安曇部"}
_ORGANISATION_STARTS = (
    "株式会社",
    "有限会社",
    "合同会社",
    "一般社団法人",
    "公益社団法人",
    "(株)",
    "（株）",
    "㈱",
)


def addressee(name: str) -> str:
    """The recipient as a letter or a watermark addresses them: 「田村」 → 「田村 様」,
    「北陸測量株式会社 工事課」 → 「北陸測量株式会社 工事課 御中」; a name that already carries its
    honorific (田村様, 工事課御中, 関係者各位) is kept as it is, never 「田村様 様」."""
    name = " ".join((name or "").split())
    if not name or name.endswith(HONORIFICS):
        return name
    last = name.split(" ")[-1]
    organisation = (
        last.endswith(_ORGANISATION_ENDINGS)
        or last.startswith(_ORGANISATION_STARTS)
        or (
            len(last) >= 3 and last.endswith(_UNIT_ENDINGS) and last not in _FAMILY_NAMES_LIKE_UNITS
        )
    )
    return f"{name} {'御中' if organisation else '様'}"
