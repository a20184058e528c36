"""Form helpers shared by every app's views."""

from django import forms
from django.core.exceptions import ValidationError


def apply_errors(form, exc: ValidationError) -> None:
    """Show a service's ValidationError on the form: field errors beside their field (or at the
    top when the form has no such field), other errors at the top."""
    if hasattr(exc, "error_dict"):
        for field, errors in exc.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, exc)


def style_widgets(form) -> None:
    """Bootstrap's classes on every widget of the form that has none yet: form-select for a
    select, form-check-input for a checkbox or a list of them, form-control for the rest. The
    shared form partial applies it, so a form looks right wherever it is rendered."""
    for field in form.fields.values():
        widget = field.widget
        if isinstance(
            widget, forms.CheckboxInput | forms.CheckboxSelectMultiple | forms.RadioSelect
        ):
            css = "form-check-input"
        elif isinstance(widget, forms.Select):
            css = "form-select"
        else:
            css = "form-control"
        widget.attrs.setdefault("class", css)


class StyledForm:
    """Forms whose templates render fields one by one, outside the shared partial."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        style_widgets(self)
