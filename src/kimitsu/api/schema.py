"""What the OpenAPI schema says beyond what drf-spectacular reads from the views.

``KimitsuAutoSchema``: a read-only field takes what its model field allows. DRF drops
``allow_blank`` and ``allow_null`` from read-only fields, so drf-spectacular would document a
blank choice as an enum without "" and a name read through a nullable relation
(``partner.name`` of a document without partner) as a string that is never null.

``add_error_responses``: the error answers every operation can give, each with the body DRF sends.

- 401: no token and no verified session (and a session still waiting for its second factor);
- 403: the role lacks the operation's permission;
- 404: a workspace the caller is not a member of, an object outside it or that the reader may not
  open, a page past the last;
- 400: a write whose body is wrong, or a query parameter out of range; its body names each field.
"""

from django.core.exceptions import FieldDoesNotExist
from drf_spectacular.openapi import AutoSchema


def _model_allows(field) -> tuple[bool, bool]:
    """(blank, null) for a serializer field read from a model: blank when the model field is,
    null when it is or when a relation on the way to it is nullable."""
    model = getattr(getattr(field.parent, "Meta", None), "model", None)
    attrs = getattr(field, "source_attrs", None) or []
    blank = null = False
    for position, attr in enumerate(attrs):
        if model is None:
            break
        try:
            model_field = model._meta.get_field(attr)
        except FieldDoesNotExist:
            break  # a property or method: only the relations before it are known
        null = null or bool(getattr(model_field, "null", False))
        if position == len(attrs) - 1:
            blank = bool(getattr(model_field, "blank", False)) and not model_field.is_relation
        model = model_field.related_model
    return blank, null


class KimitsuAutoSchema(AutoSchema):
    def _map_serializer_field(self, field, direction, bypass_extensions=False):
        meta = super()._map_serializer_field(field, direction, bypass_extensions)
        if not field.read_only or "$ref" in meta or "allOf" in meta:
            return meta
        blank, null = _model_allows(field)
        if "enum" in meta:
            if blank and "" not in meta["enum"]:
                meta["enum"] = [*meta["enum"], ""]
            if null and None not in meta["enum"]:
                meta["enum"] = [*meta["enum"], None]
        if null:
            meta["nullable"] = True
        return meta


DETAIL = {
    "type": "object",
    "properties": {"detail": {"type": "string"}},
    "required": ["detail"],
}
# {"field": ["message", …], "non_field_errors": [...]} or a list of messages
FIELD_ERRORS = {
    "oneOf": [
        {"type": "object", "additionalProperties": True},
        {"type": "array", "items": {"type": "string"}},
    ]
}
ERRORS = {
    "401": ("Not authenticated (no token, or a session without its second factor).", DETAIL),
    "403": ("The role may not do this.", DETAIL),
    "404": ("No such workspace, object or page for this reader.", DETAIL),
    "400": ("The request is invalid; the body names each field.", FIELD_ERRORS),
}
WRITE_METHODS = {"post", "put", "patch", "delete"}


def add_error_responses(result, generator, request, public):
    """drf-spectacular post-processing hook (SPECTACULAR_SETTINGS["POSTPROCESSING_HOOKS"]).
    It also says that an id in a path is a positive integer, as the URL patterns (``<int:pk>``)
    require: another value is no URL of the API (a 404)."""
    for operations in result.get("paths", {}).values():
        for method, operation in operations.items():
            if method not in WRITE_METHODS | {"get"}:
                continue
            for parameter in operation.get("parameters", []):
                schema = parameter.get("schema", {})
                if parameter.get("in") == "path" and schema.get("type") == "integer":
                    schema.setdefault("minimum", 1)
            responses = operation.setdefault("responses", {})
            for code, (description, schema) in ERRORS.items():
                if code == "400" and method == "get" and not operation.get("parameters"):
                    continue
                responses.setdefault(
                    code,
                    {
                        "description": description,
                        "content": {"application/json": {"schema": schema}},
                    },
                )
    return result
