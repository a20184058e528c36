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
