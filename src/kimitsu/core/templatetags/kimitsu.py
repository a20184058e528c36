from django import template

from kimitsu.core import dates

register = template.Library()


@register.filter
def jdate(value, org=None):
    """A date as the reader expects it (see kimitsu.core.dates.for_reader)."""
    return dates.for_reader(value, org)


@register.filter
def wareki(value):
    if not value:
        return ""
    return dates.wareki(dates.local_date(value))


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


@register.filter
def styled(form):
    """The form with Bootstrap's classes on its widgets (kimitsu.core.forms.style_widgets)."""
    from kimitsu.core.forms import style_widgets

    style_widgets(form)
    return form


@register.simple_tag(takes_context=True)
def panels(context, place, obj):
    """What other apps show at this place of the page (kimitsu.core.panels)."""
    from django.utils.safestring import mark_safe

    from kimitsu.core import panels as registry

    request = context.get("request")
    membership = context.get("membership")
    if request is None or membership is None:
        return ""
    return mark_safe(registry.render(place, request, membership, obj))  # noqa: S308 (rendered templates)
