"""The API answers as its schema says (issue 11): schemathesis draws requests for every operation
of /api/schema/ and sends them, with the token of each role of the demo, to the application in
this process. No answer may be a server error, and every answer (its status, content type,
headers and body) must be one the schema documents.

Bounded for CI: ``KIMITSU_SCHEMATHESIS_EXAMPLES`` examples an operation and role (5 by default),
drawn the same way every run (derandomised), so a failure is reproducible; set it higher, and
``KIMITSU_SCHEMATHESIS_RANDOM=1``, to explore. Half of the drawn ids are replaced by ids that
exist, so the answers are not only 404s.
"""

import os
import re
from collections import defaultdict

import pytest
import schemathesis
import werkzeug.test
from django.core.signals import request_finished, request_started
from django.db import close_old_connections, transaction
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from rest_framework.authtoken.models import Token

from kimitsu.core.demo.build import COMPANY_SLUG, DESK_SLUG, LOGINS
from kimitsu.testing.demo import demo_in_transaction

EXAMPLES = int(os.environ.get("KIMITSU_SCHEMATHESIS_EXAMPLES", "5"))
RANDOM = os.environ.get("KIMITSU_SCHEMATHESIS_RANDOM") == "1"
CHECKS = [
    schemathesis.checks.not_a_server_error,
    schemathesis.checks.status_code_conformance,
    schemathesis.checks.content_type_conformance,
    schemathesis.checks.response_headers_conformance,
    schemathesis.checks.response_schema_conformance,
]
ID_PARAMETER = re.compile(r"\{(id|pk)\}")

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker):
    """The demo, a token for each of its log-ins, and the app called in this thread: Django's
    per-request connection handling is switched off, as its test client does, so that the
    requests run inside the module's transaction."""
    from django.contrib.auth import get_user_model
    from django.core.wsgi import get_wsgi_application

    with demo_in_transaction(django_db_blocker):
        users = get_user_model().objects
        tokens = {}
        for email, _name, slug, role, _number in LOGINS:
            token, _ = Token.objects.get_or_create(user=users.get(email=email))
            tokens[str(role)] = (slug, token.key)
        request_started.disconnect(close_old_connections)
        request_finished.disconnect(close_old_connections)
        try:
            schema = schemathesis.openapi.from_wsgi("/api/schema/", get_wsgi_application())
            yield {"schema": schema, "tokens": tokens}
        finally:
            request_started.connect(close_old_connections)
            request_finished.connect(close_old_connections)


def _operations(schema):
    for result in schema.get_all_operations():
        operation = result.ok()
        if operation.path.startswith("/api/v1/"):
            yield operation


class Ids:
    """Ids that exist, for a detail operation: read from its list operation as the role."""

    def __init__(self, call):
        self.call = call
        self.cache = {}

    def for_path(self, path: str, slug: str) -> list:
        list_path = ID_PARAMETER.split(path)[0].replace("{org_slug}", slug)
        if list_path not in self.cache:
            # /o/demo/register/people/{id}/access/ lists its people at /o/demo/people/
            prefix, _, rest = list_path.partition(f"/o/{slug}/")
            shorter = f"{prefix}/o/{slug}/{rest.partition('/')[2]}"
            self.cache[list_path] = self._ids(list_path) or self._ids(shorter)
        return self.cache[list_path]

    def _ids(self, list_path: str) -> list:
        response = self.call(list_path)
        if response.status_code != 200 or response.mimetype != "application/json":
            return []
        body = response.get_json()
        rows = body.get("results", body) if isinstance(body, dict) else body
        return [row["id"] for row in rows if isinstance(row, dict) and "id" in row][:5]


def _run(operation, role, slug, token, ids) -> str | None:
    headers = {"Authorization": f"Token {token}"}
    existing = ids.for_path(operation.path, slug) if ID_PARAMETER.search(operation.path) else []

    @given(case=operation.as_strategy(), pick=st.sampled_from([*existing, None]))
    @settings(
        max_examples=EXAMPLES,
        deadline=None,
        derandomize=not RANDOM,
        database=None,
        phases=[Phase.explicit, Phase.generate],
        suppress_health_check=list(HealthCheck),
    )
    def check(case, pick):
        case.path_parameters = dict(case.path_parameters or {}, org_slug=slug)
        if pick is not None:
            for name in ("id", "pk"):
                if name in case.path_parameters:
                    case.path_parameters[name] = pick
        savepoint = transaction.savepoint()
        try:
            response = case.call(headers=headers)
        finally:
            # a write that failed must not poison the module's transaction
            transaction.savepoint_rollback(savepoint)
        case.validate_response(response, checks=CHECKS, headers=headers)

    try:
        check()
    except (Exception, BaseExceptionGroup) as exc:  # noqa: BLE001 - report every failure
        return f"{role} {operation.label}: {str(exc)[:1500]}"
    return None


def test_every_operation_answers_as_the_schema_says(world):
    schema, tokens = world["schema"], world["tokens"]
    # werkzeug's client, as schemathesis calls the app: Django's own test client would switch
    # the per-request connection handling back on after each request
    client = werkzeug.test.Client(schema.app)

    failures, counted = [], defaultdict(int)
    for role, (slug, token) in tokens.items():
        auth = {"Authorization": f"Token {token}"}
        ids = Ids(lambda path, auth=auth: client.get(path, headers=auth))
        for operation in _operations(schema):
            desk_operation = "/desk/" in operation.path
            if desk_operation != (slug == DESK_SLUG) and "{org_slug}" in operation.path:
                continue  # each role against its own kind of workspace
            counted[role] += 1
            failure = _run(operation, role, slug, token, ids)
            if failure:
                failures.append(failure)
    print(  # the figures for the closing note: pytest -s shows them
        f"schemathesis: {len(list(_operations(schema)))} operations, "
        f"{sum(counted.values())} operation×role runs of up to {EXAMPLES} examples, "
        f"{len(failures)} failing: {dict(counted)}"
    )
    assert sum(counted.values()) > 150  # the schema was read: every role, every operation
    assert set(counted) >= {"admin", "member", "auditor", "desk_advisor"}
    assert not failures, f"{len(failures)} failures:\n\n" + "\n\n".join(failures)


def test_the_demo_slugs_are_those_the_harness_uses():
    assert (COMPANY_SLUG, DESK_SLUG) == ("demo", "demo-desk")
