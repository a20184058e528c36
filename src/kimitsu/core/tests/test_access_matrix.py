"""The access matrix: every workspace URL × every role × own / other workspace × anonymous.

URLs are collected from the URL configuration, so a new view is covered automatically: a workspace
URL that no app's ``tests/access_spec.py`` describes makes this test fail until it is described.

An app's ``kimitsu/<app>/tests/access_spec.py`` holds ``ACCESS = {url_name: Spec(...)}``, or a list
of Specs when the same URL serves both kinds of workspace (one Spec per kind).
"""

import importlib
import pkgutil

import pytest
from django.urls import URLPattern, URLResolver, get_resolver
from rest_framework.authtoken.models import Token

import kimitsu
from kimitsu.organizations.choices import COMPANY_ROLES, DESK_ROLES, OrgKind
from kimitsu.testing.access import Spec
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
            yield name, prefix + str(entry.pattern)


def workspace_urls() -> dict[str, str]:
    return {
        name: route
        for name, route in _walk(get_resolver().url_patterns)
        if route.startswith(WORKSPACE_PREFIXES)
    }


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


def test_every_workspace_url_has_an_access_spec():
    missing = sorted(set(URLS) - set(SPECS))
    assert not missing, f"Describe these URLs in an app's tests/access_spec.py: {missing}"
    assert len(URLS) > 10


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
