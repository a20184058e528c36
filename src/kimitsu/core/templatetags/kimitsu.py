from django import template

from kimitsu.core import dates

register = template.Library()


@register.filter
def jdate(value, org=None):
    """The day of a date or a moment as the reader expects it, following the workspace's
    preference: ``{{ value|jdate:org }}`` (kimitsu.core.dates.for_reader). The one filter for
    days on pages and in e-mails; Django's ``|date`` is for machine values (``|date:"c"``)."""
    return dates.for_reader(value, org)


@register.filter
def jmoment(value, org=None):
    """A moment with its time, in Japan: ``{{ value|jmoment:org }}`` → 令和8年12月2日 14:05
    (kimitsu.core.dates.moment_for_reader)."""
    return dates.moment_for_reader(value, org)


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
