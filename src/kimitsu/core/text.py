"""Text as Japanese users type it."""

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
