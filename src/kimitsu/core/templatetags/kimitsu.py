import datetime as dt

from django import template
from django.utils import formats, translation

from kimitsu.core import dates

register = template.Library()


@register.filter
def jdate(value, org=None):
    """A date as the reader expects it: 2024年4月1日 (or 令和6年4月1日 when the company prefers
    the era) in Japanese, the locale's format in English."""
    if not value:
        return ""
    if isinstance(value, dt.datetime):
        value = value.date()
    if translation.get_language() == "ja":
        if org is not None and getattr(org, "use_wareki", False):
            return dates.wareki(value)
        return dates.seireki(value)
    return formats.date_format(value, "DATE_FORMAT")


@register.filter
def wareki(value):
    if not value:
        return ""
    if isinstance(value, dt.datetime):
        value = value.date()
    return dates.wareki(value)


@register.simple_tag(takes_context=True)
def query_with(context, **kwargs):
    """The current query string with some parameters replaced (for pagination and sorting)."""
    params = context["request"].GET.copy()
    for key, value in kwargs.items():
        if value in (None, ""):
            params.pop(key, None)
        else:
            params[key] = value
    encoded = params.urlencode()
    return f"?{encoded}" if encoded else "?"
