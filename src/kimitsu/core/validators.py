"""Checks at the boundary that every app uses for what people type, import or send to the API.

Names (a level, a department, a person, a partner, an entry's title) are one line of printable
text: a control character in one (「公開\\u0002」) breaks the files kimitsu writes (Excel refuses
it) and hides what is really stored. Multi-line texts (a summary, a note) may hold line breaks and
tabs, nothing else below U+0020, and have a length limit. Numbers and dates people enter are
bounded to what is realistic.
"""

import datetime as dt
import unicodedata

from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator, MaxValueValidator, MinValueValidator
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


# The longest text a free-text field takes: a summary, a note or a reason (the demo's longest
# is a few hundred characters; 4,000 is two printed pages), and a long body such as an article of
# the regulation or a clause of a template (the seed's longest is under 600).
NOTE_LENGTH = 4_000
BODY_LENGTH = 20_000

# Dates people enter: a year typed as 0089 or 2925 is a typo, and Python's dates before 1900
# meet time zones in their local mean time (+09:18:59).
FIRST_YEAR, LAST_YEAR = 1900, 2200


def validate_sane_date(value) -> None:
    """A date or a date and time between FIRST_YEAR and LAST_YEAR."""
    if isinstance(value, dt.date) and not FIRST_YEAR <= value.year <= LAST_YEAR:
        raise ValidationError(
            _("Enter a date between the years %(first)s and %(last)s.")
            % {"first": FIRST_YEAR, "last": LAST_YEAR},
            code="date_out_of_range",
        )


def text_validators(max_length: int) -> list:
    """The validators of a multi-line text field: its characters and its length. A TextField's
    max_length is enforced by forms and serializers only; the validator makes full_clean() (what
    the services run) enforce it too."""
    return [validate_text, MaxLengthValidator(max_length)]


def between(low: int, high: int) -> list:
    """The validators of a number people enter: a review interval of 17,736,230,627 months is
    stored by SQLite and then overflows every date computed from it."""
    return [MinValueValidator(low), MaxValueValidator(high)]


def check_fields(obj, *names: str, report_as: dict[str, str] | None = None) -> None:
    """The model's own checks of the named fields only (validators, lengths, choices), for a
    service that sets a few fields of a row and saves it without full_clean(). Raises a
    ValidationError naming each field, or the input it came from (``report_as``: the comment
    of a decision is stored as ``decision_comment``)."""
    try:
        obj.clean_fields(exclude=[f.name for f in obj._meta.concrete_fields if f.name not in names])
    except ValidationError as exc:
        if not report_as:
            raise
        raise ValidationError(
            {report_as.get(name, name): errors for name, errors in exc.error_dict.items()}
        ) from exc
