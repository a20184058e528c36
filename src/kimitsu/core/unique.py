"""A value that is already taken, said as a person would say it.

Django reports a unique constraint as 「この Organization と 社員番号 を持った 従業員 が既に存在します。」:
the model and its fields by name (the workspace's field untranslated), at the top of the form.
A model that mixes in ``UniqueMessages`` says instead 「社員番号 1501 は既に登録されています。」, beside
the field that was typed — in a form, in the API's answer (which shows a service's
ValidationError field by field) and in an import alike, since all of them reach the model's
validation through the services.

The field named is the last one of the constraint other than the workspace (``organization``):
the employee number, the partner's name, the person granted. A model may say it better for a set
of fields in ``unique_messages``: ``{("organization", "employee_number"): ("employee_number",
_("Employee number %(value)s is already registered."))}``. A message may use ``%(value)s`` (the
named field's value as shown) and ``%(<field>)s`` for any field of the constraint.

Only the message changes, never the constraint: a model's constraints and fields are as before,
and no migration follows.
"""

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

SCOPE_FIELDS = ("organization",)
DEFAULT_MESSAGE = _("%(field)s “%(value)s” is already registered.")


def _shown(instance, name: str) -> str:
    field = instance._meta.get_field(name)
    if field.choices:
        return str(getattr(instance, f"get_{name}_display")())
    value = getattr(instance, name, None)
    return "" if value is None else str(value)


def _named_field(fields) -> str:
    named = [f for f in fields if f not in SCOPE_FIELDS]
    return (named or list(fields))[-1]


class UniqueMessages:
    """Mix into a model before ``models.Model``; see the module's docstring."""

    unique_messages: dict = {}

    def unique_error_message(self, model_class, unique_check):
        fields = tuple(unique_check)
        name, message = self.unique_messages.get(fields, (None, None))
        name = name or _named_field(fields)
        params = {f: _shown(self, f) for f in fields}
        params["value"] = params[name]
        params["field"] = capfirst(self._meta.get_field(name).verbose_name)
        params["unique_field"] = name  # where the error is shown (see _beside_its_field)
        return ValidationError(message or DEFAULT_MESSAGE, code="unique", params=params)

    def validate_unique(self, exclude=None):
        try:
            super().validate_unique(exclude=exclude)
        except ValidationError as exc:
            raise _beside_its_field(exc) from None

    def validate_constraints(self, exclude=None):
        try:
            super().validate_constraints(exclude=exclude)
        except ValidationError as exc:
            raise _beside_its_field(exc) from None


def _beside_its_field(exc: ValidationError) -> ValidationError:
    """Django puts the error of a constraint on several fields at the top of the form; it
    belongs beside the field that holds the taken value."""
    if not hasattr(exc, "error_dict"):
        return exc
    errors: dict[str, list] = {}
    for key, items in exc.error_dict.items():
        for item in items:
            params = item.params if isinstance(item.params, dict) else {}
            target = key
            if key == NON_FIELD_ERRORS and item.code == "unique" and params.get("unique_field"):
                target = params["unique_field"]
            errors.setdefault(target, []).append(item)
    return ValidationError(errors)
