import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

POSTAL_CODE = re.compile(r"^[0-9]{3}-[0-9]{4}$")


def corporate_number_check_digit(base12: str) -> int:
    """Check digit of a 法人番号: 9 - (Σ Pn×Qn mod 9), n counted from the lowest digit,
    Qn = 1 for odd n and 2 for even n (国税庁, 法人番号の指定等に関する省令)."""
    total = 0
    for n, digit in enumerate(reversed(base12), start=1):
        total += int(digit) * (1 if n % 2 else 2)
    return 9 - (total % 9)


def validate_corporate_number(value: str) -> None:
    if not value:
        return
    if len(value) != 13 or not value.isascii() or not value.isdigit():
        raise ValidationError(_("A corporate number has exactly 13 digits."), code="length")
    if int(value[0]) != corporate_number_check_digit(value[1:]):
        raise ValidationError(
            _("This corporate number's check digit does not match; please check it."),
            code="check_digit",
        )


def validate_postal_code(value: str) -> None:
    """A Japanese postal code as printed: three digits, a hyphen, four digits (〒 not included)."""
    if value and not POSTAL_CODE.match(value):
        raise ValidationError(
            _("Enter the postal code as seven digits, e.g. 950-0087."), code="postal_code"
        )
