"""The access matrix: every workspace URL × every role × own / other workspace × anonymous, for
seeing (GET) and for writing (POST on pages; POST, PUT, PATCH and DELETE on the API).

URLs are collected from the URL configuration, so a new view is covered automatically: a workspace
URL that no app's ``tests/access_spec.py`` describes makes this test fail until it is described.

An app's ``kimitsu/<app>/tests/access_spec.py`` holds ``ACCESS = {url_name: Spec(...)}``, or a list
of Specs when the same URL serves both kinds of workspace (one Spec per kind). What a Spec says,
and what the expected statuses are, is told in ``kimitsu/testing/access.py``.
"""

import importlib
import json
import pkgutil

import pytest
from django.http import QueryDict
from django.urls import URLPattern, URLResolver, get_resolver
from rest_framework.authtoken.models import Token

import kimitsu
from kimitsu.audit.models import AuditEvent
from kimitsu.organizations.choices import COMPANY_ROLES, DESK_ROLES, OrgKind
from kimitsu.testing.access import WRITE_METHODS, Spec
from kimitsu.testing.factories import MembershipFactory, OrganizationFactory

WORKSPACE_PREFIXES = ("o/<slug:org_slug>/", "api/v1/o/<slug:org_slug>/")


def _walk(resolvers, prefix="", namespace=""):
    for entry in resolvers:
        if isinstance(entry, URLResolver):
            ns = namespace
            if entry.namespace:
                ns = f"{namespace}:{entry.namespace}" if namespace else entry.namespace
            yield from _walk(entry.url_patterns, prefix + str(entry.pattern), ns)
        elif isinstance(entry, URLPattern) and entry.name:
            name = f"{namespace}:{entry.name}" if namespace else entry.name
            yield name, prefix + str(entry.pattern), entry.callback


def workspace_urls() -> dict[str, str]:
    return {
        name: route
        for name, route, _ in _walk(get_resolver().url_patterns)
        if route.startswith(WORKSPACE_PREFIXES)
    }


def view_write_methods() -> dict[str, tuple[str, ...]]:
    """The write methods each workspace URL's view implements (a Django or DRF class view)."""
    found = {}
    for name, route, callback in _walk(get_resolver().url_patterns):
        if not route.startswith(WORKSPACE_PREFIXES):
            continue
        cls = getattr(callback, "view_class", None) or getattr(callback, "cls", None)
        found[name] = tuple(
            method
            for method in WRITE_METHODS
            if cls is not None and method in cls.http_method_names and hasattr(cls, method)
        )
    return found


def all_specs() -> dict[str, list[Spec]]:
    specs: dict[str, list[Spec]] = {}
    for module in pkgutil.iter_modules(kimitsu.__path__):
        try:
            spec_module = importlib.import_module(f"kimitsu.{module.name}.tests.access_spec")
        except ModuleNotFoundError:
            continue
        for name, spec in spec_module.ACCESS.items():
            specs[name] = list(spec) if isinstance(spec, list | tuple) else [spec]
    return specs


URLS = workspace_urls()
SPECS = all_specs()
VIEW_WRITES = view_write_methods()

# URLs whose specs do not state ``write`` yet: deciding, returning and withdrawing need a request
# with a named approver set up per role, and these views validate the body before they check
# who may act (a 400 where the matrix expects 403). Until then only the roles outside
# ``allowed`` are checked for writes there.
WRITES_NOT_YET_STATED = (
    "approvals:request_decide",
    "approvals:request_return",
    "approvals:request_withdraw",
    "api-approvals-request-decide",
    "api-approvals-request-return",
)


def test_every_workspace_url_has_an_access_spec():
    missing = sorted(set(URLS) - set(SPECS))
    assert not missing, f"Describe these URLs in an app's tests/access_spec.py: {missing}"
    assert len(URLS) > 10


def test_every_write_view_states_who_may_write():
    """A view that writes says which roles may write (``write``), a subset of those who may see
    it; a view that does not write names nobody."""
    unstated, wider, impossible = [], [], []
    for name in sorted(URLS):
        for spec in SPECS.get(name, []):
            if spec.write is None:
                if VIEW_WRITES[name] and not name.startswith(WRITES_NOT_YET_STATED):
                    unstated.append(name)
                continue
            if not spec.write <= spec.allowed or any(
                not roles <= spec.allowed for roles in spec.actions.values()
            ):
                wider.append(name)
            if spec.write and not set(_methods(name, spec)) & set(VIEW_WRITES[name]):
                impossible.append(name)
    assert not unstated, f"State write= (who may write) in these URLs' access specs: {unstated}"
    assert not wider, f"write= names roles that may not see the URL: {wider}"
    assert not impossible, f"write= names roles, but the view has no write method: {impossible}"


def _cases():
    for name in sorted(URLS):
        for index, spec in enumerate(SPECS.get(name, [])):
            roles = COMPANY_ROLES if spec.kind == OrgKind.COMPANY else DESK_ROLES
            for role in roles:
                yield pytest.param(name, index, role, id=f"{name}-{spec.kind}-{role}")


def _specs():
    for name in sorted(URLS):
        for index, spec in enumerate(SPECS.get(name, [])):
            yield pytest.param(name, index, id=f"{name}-{spec.kind}")


def _methods(name, spec) -> tuple[str, ...]:
    """The write methods tried on a URL: the spec's; else a POST on a page; else the API view's,
    or a POST when it has none."""
    if spec.methods is not None:
        return spec.methods
    if not URLS[name].startswith("api/"):
        return ("post",)
    return VIEW_WRITES[name] or ("post",)


def _attempts(name, spec, body):
    """(method, body, roles that may, whether a 404 counts as getting through) for each write."""
    for method in _methods(name, spec):
        yield method, ({} if method == "delete" else body), spec.write or set(), False
    for action, roles in spec.actions.items():
        yield "post", QueryDict(action).dict(), roles, True


def _write(client, method, url, api, body):
    if api:
        data = json.dumps(body) if method != "delete" else ""
        return getattr(client, method)(url, data=data, content_type="application/json")
    return getattr(client, method)(url, body)


def _refusals(name, spec, role, method, writers):
    """None when the write must get through; else the statuses that refuse it."""
    has_method = method in VIEW_WRITES[name]
    if role in writers and has_method:
        return None
    if role in spec.write_hidden:
        return {404}
    if not has_method:
        return {403, 405}  # 405 once past the view's gate, which may be wider than ``allowed``
    return {403}


def _url(name, spec, org, membership):
    from django.urls import reverse

    kwargs = {"org_slug": org.slug}
    if spec.kwargs is not None:
        kwargs.update(spec.kwargs(org, membership))
    return reverse(name, kwargs=kwargs)


def _client(user, api):
    from django.test import Client

    from conftest import login

    if api:
        token, _ = Token.objects.get_or_create(user=user)
        return Client(HTTP_AUTHORIZATION=f"Token {token.key}")
    return login(Client(), user)


@pytest.mark.django_db
@pytest.mark.parametrize(("name", "index", "role"), list(_cases()))
def test_role_in_own_workspace(name, index, role):
    spec = SPECS[name][index]
    org = OrganizationFactory(kind=spec.kind, slug="own")
    membership = MembershipFactory(
        organization=org, role=role, department=spec.department_for(org, role)
    )
    api = URLS[name].startswith("api/")
    url = _url(name, spec, org, membership)
    response = _client(membership.user, api).get(url)
    expected = spec.ok_status if role in spec.allowed else 403
    assert response.status_code == expected, (
        f"{role} GET {url}: {response.status_code}, expected {expected}"
    )


@pytest.mark.django_db
@pytest.mark.parametrize(("name", "index"), list(_specs()))
def test_other_workspace_is_invisible(name, index):
    """An administrator of another workspace gets 404, as if the workspace did not exist;
    an anonymous visitor is sent to log in (pages) or refused (API)."""
    spec = SPECS[name][index]
    org = OrganizationFactory(kind=spec.kind, slug="own")
    owner = MembershipFactory(
        organization=org,
        role=sorted(spec.allowed)[0]
        if spec.allowed
        else ("admin" if spec.kind == OrgKind.COMPANY else "desk_admin"),
        department=spec.department_for(org, sorted(spec.allowed)[0]) if spec.allowed else None,
    )
    url = _url(name, spec, org, owner)
    api = URLS[name].startswith("api/")
    for kind in (OrgKind.COMPANY, OrgKind.DESK):
        stranger_org = OrganizationFactory(kind=kind, slug=f"stranger-{kind}")
        role = "admin" if kind == OrgKind.COMPANY else "desk_admin"
        stranger = MembershipFactory(organization=stranger_org, role=role)
        response = _client(stranger.user, api).get(url)
        assert response.status_code == 404, f"{kind} admin of another workspace GET {url}"
    from django.test import Client

    response = Client().get(url)
    if api:
        assert response.status_code in (401, 403)
    else:
        assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def _write_cases():
    for name in sorted(URLS):
        for index, spec in enumerate(SPECS.get(name, [])):
            roles = COMPANY_ROLES if spec.kind == OrgKind.COMPANY else DESK_ROLES
            for role in roles:
                if spec.write is None and VIEW_WRITES[name] and role in spec.allowed:
                    continue  # not stated yet (WRITES_NOT_YET_STATED)
                yield pytest.param(name, index, role, id=f"{name}-{spec.kind}-{role}")


@pytest.mark.django_db
@pytest.mark.parametrize(("name", "index", "role"), list(_write_cases()))
def test_role_writes_in_own_workspace(name, index, role):
    """A role that may write gets through (any answer but a refusal or an error: the body is
    mostly empty); any other role is refused, and nothing is recorded."""
    spec = SPECS[name][index]
    org = OrganizationFactory(kind=spec.kind, slug="own")
    membership = MembershipFactory(
        organization=org, role=role, department=spec.department_for(org, role)
    )
    api = URLS[name].startswith("api/")
    url = _url(name, spec, org, membership)
    body = spec.data(org, membership) if spec.data else {}
    client = _client(membership.user, api)
    for method, data, writers, may_404 in _attempts(name, spec, body):
        refusals = _refusals(name, spec, role, method, writers)
        events = AuditEvent.objects.count()
        status = _write(client, method, url, api, data).status_code
        what = f"{role} {method.upper()} {url}" + (f" {data}" if data else "")
        if refusals is None:
            refused = {401, 403, 405} if may_404 else {401, 403, 404, 405}
            assert status not in refused and status < 500, (
                f"{what}: {status}, expected to get through"
            )
        else:
            assert status in refusals, f"{what}: {status}, expected {sorted(refusals)}"
            assert AuditEvent.objects.count() == events, (
                f"{what} was refused ({status}) but recorded an event"
            )


@pytest.mark.django_db
@pytest.mark.parametrize(("name", "index"), list(_specs()))
def test_other_workspace_cannot_write(name, index):
    """An administrator of another workspace writing gets 404, as if the workspace did not exist;
    an anonymous one is sent to log in (pages) or refused (API); nothing is recorded."""
    from django.test import Client

    spec = SPECS[name][index]
    org = OrganizationFactory(kind=spec.kind, slug="own")
    owner_role = sorted(
        spec.write or spec.allowed or {"admin" if spec.kind == OrgKind.COMPANY else "desk_admin"}
    )[0]
    owner = MembershipFactory(
        organization=org, role=owner_role, department=spec.department_for(org, owner_role)
    )
    url = _url(name, spec, org, owner)
    api = URLS[name].startswith("api/")
    body = spec.data(org, owner) if spec.data else {}
    clients = {}
    for kind in (OrgKind.COMPANY, OrgKind.DESK):
        stranger_org = OrganizationFactory(kind=kind, slug=f"stranger-{kind}")
        role = "admin" if kind == OrgKind.COMPANY else "desk_admin"
        stranger = MembershipFactory(organization=stranger_org, role=role)
        clients[f"{kind} admin of another workspace"] = _client(stranger.user, api)
    events = AuditEvent.objects.count()
    for method, data, _, _ in _attempts(name, spec, body):
        for who, client in clients.items():
            response = _write(client, method, url, api, data)
            assert response.status_code == 404, (
                f"{who} {method.upper()} {url}: {response.status_code}"
            )
        response = _write(Client(), method, url, api, data)
        if api:
            assert response.status_code in (401, 403), f"anonymous {method.upper()} {url}"
        else:
            assert response.status_code == 302, f"anonymous {method.upper()} {url}"
            assert "/accounts/login/" in response["Location"]
    assert AuditEvent.objects.count() == events, f"a refused write to {url} recorded an event"
