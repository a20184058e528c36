"""Text as Japanese users type it."""

_FULL_WIDTH_DIGITS = str.maketrans("０１２３４５６７８９", "0123456789")


def ascii_digits(value: str) -> str:
    """Full-width digits (０１２…, typed with a Japanese input method) as ASCII digits."""
    return value.translate(_FULL_WIDTH_DIGITS)
