"""Employee-count bands of the statistics (default 1–20, 21–50, 51–100, 101–300, 301–1000, 1001+),
configurable per desk by their upper bounds."""

from django.core.exceptions import ValidationError
from django.db.models import Case, IntegerField, Value, When
from django.utils.translation import gettext as _

from .choices import DEFAULT_SIZE_BOUNDS


def parse_bounds(text: str) -> tuple[int, ...]:
    """'20,50,100' -> (20, 50, 100); ascending positive integers or ValidationError."""
    try:
        bounds = tuple(
            int(part) for part in str(text).replace("、", ",").split(",") if part.strip()
        )
    except ValueError as exc:
        raise ValidationError(_("Write whole numbers separated by commas.")) from exc
    if not bounds:
        raise ValidationError(_("Give at least one upper bound."))
    if any(b < 1 for b in bounds) or list(bounds) != sorted(set(bounds)):
        raise ValidationError(_("The upper bounds must be positive and strictly ascending."))
    return bounds


def bounds_for(organization) -> tuple[int, ...]:
    from .models import DeskSettings

    row = DeskSettings.objects.filter(organization=organization).first()
    if row is None:
        return DEFAULT_SIZE_BOUNDS
    try:
        return parse_bounds(row.size_bounds)
    except ValidationError:
        return DEFAULT_SIZE_BOUNDS


def labels(bounds) -> list[str]:
    """Japanese labels: 1〜20人, 21〜50人, …, 1001人以上."""
    out, low = [], 1
    for b in bounds:
        out.append(f"{low}〜{b}人")
        low = b + 1
    out.append(f"{low}人以上")
    return out


def band_index(count: int | None, bounds) -> int | None:
    """Index of the band of a head count (None if unknown). 0 staff counts in the first band."""
    if count is None:
        return None
    for i, b in enumerate(bounds):
        if count <= b:
            return i
    return len(bounds)


def band_label(count: int | None, bounds) -> str:
    index = band_index(count, bounds)
    return "不明" if index is None else labels(bounds)[index]


def band_expression(bounds, field: str = "employee_count"):
    """A SQL CASE giving the band index, so that the database groups by band."""
    whens = [When(**{f"{field}__isnull": True}, then=Value(-1))]
    whens += [When(**{f"{field}__lte": b}, then=Value(i)) for i, b in enumerate(bounds)]
    return Case(*whens, default=Value(len(bounds)), output_field=IntegerField())
