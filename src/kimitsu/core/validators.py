"""Checks at the boundary that every app uses for what people type, import or send to the API.

Names (a level, a department, a person, a partner, an entry's title) are one line of printable
text: a control character in one (「公開\\u0002」) breaks the files kimitsu writes (Excel refuses
it) and hides what is really stored. Multi-line texts (a summary, a note) may hold line breaks and
tabs, nothing else below U+0020.
"""

import unicodedata

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

# Line breaks and tabs are text in a multi-line field; every other control character is not.
_MULTILINE_ALLOWED = {"\n", "\r", "\t"}


def first_control_character(value: str, *, multiline: bool = False) -> str | None:
    """The first control (Cc) or format-breaking (Cs, Co, Cn) character of the text, if any."""
    for char in value:
        if multiline and char in _MULTILINE_ALLOWED:
            continue
        if unicodedata.category(char) in ("Cc", "Cs", "Co", "Cn"):
            return char
    return None


def _message(char: str) -> str:
    return _("Control characters (U+%(code)04X) cannot be used here.") % {"code": ord(char)}


def validate_name(value) -> None:
    """One line of printable text."""
    if isinstance(value, str):
        char = first_control_character(value)
        if char is not None:
            raise ValidationError(_message(char), code="control_character")


def validate_text(value) -> None:
    """Printable text with line breaks and tabs."""
    if isinstance(value, str):
        char = first_control_character(value, multiline=True)
        if char is not None:
            raise ValidationError(_message(char), code="control_character")
