"""Naming register entries in templates, as need-to-know allows (register/naming.py).

{% load need_to_know %}
{% entry_label d.entry %}   → 「KM-00003 橋梁補修の施工図」 or 「KM-00003（閲覧権限のない項目）」
{% entry_title e %}         → the title, or 「（閲覧権限のない項目）」
{% entry_text step.note %}  → a free text with the names of entries it lists masked
{% can_open_entries document.entries as may_open %}
"""

from django import template

from ..naming import naming_for

register = template.Library()


def _naming(context):
    request = context.get("request")
    membership = context.get("membership") or getattr(request, "membership", None)
    return naming_for(request, membership)


@register.simple_tag(takes_context=True)
def entry_label(context, entry):
    return _naming(context).label(entry) if entry else ""


@register.simple_tag(takes_context=True)
def entry_title(context, entry):
    return _naming(context).title(entry) if entry else ""


@register.simple_tag(takes_context=True)
def entry_text(context, text):
    naming = _naming(context)
    if naming.sees_everything or not text:
        return text
    naming.learn_texts(naming.membership.organization, [text])
    return naming.redact(text)


@register.simple_tag(takes_context=True)
def can_open_entries(context, entries):
    return _naming(context).can_open_all(entries or [])
