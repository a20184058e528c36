"""The workspace sidebar: the seven steps and the modules, each shown only where the role may
open it (a link that answers 403 is no link), resolved defensively so that a module still being
built does not break the page.

Nothing is listed twice: each step links to the page where its work is done and names that page
below its title, and the modules list only the pages that no step opens."""

import functools
from dataclasses import dataclass

from django.test.signals import setting_changed
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext_lazy as _

from kimitsu.organizations.access import Perm, has_perm, role_has_perm
from kimitsu.organizations.choices import OrgKind

from .steps import STEP_DEFINITIONS, STEP_ROLES


@dataclass
class Link:
    label: str
    url: str
    icon: str = ""
    number: int | None = None
    page: str = ""  # a step's link: the name of the page it opens


# step number -> (url name, permission, name of the page) where the step's work is done
STEP_PAGES = {
    1: ("awareness:checks", "awareness.results.view", _("Self-checks")),
    2: ("awareness:learn", "awareness.view", _("Learning")),
    3: ("rules:regulation", "rules.view", _("Regulations")),
    4: ("register:entries", "register.entries", _("Secret register")),
    5: ("register:overview", "register.view", _("Register overview")),
    6: ("rules:matrix", "rules.view", _("Handling rules matrix")),
    7: ("pledges:templates", "pledges.templates", _("Pledge and NDA templates")),
}

COMPANY_MODULES = [
    (_("My tasks"), "reach:my_tasks", Perm.ORG_VIEW, "bi-check2-square"),
    # (the company dashboard and the roadmap are the home now)
    (_("Secret register"), "register:entries", "register.entries", "bi-journal-bookmark"),
    (_("Register overview"), "register:overview", "register.view", "bi-bar-chart"),
    (_("What may I do?"), "rules:guide", "rules.view", "bi-signpost-split"),
    (_("Requests and approvals"), "approvals:requests", "approvals.view", "bi-person-check"),
    (_("Regulations"), "rules:regulation", "rules.view", "bi-file-earmark-text"),
    (_("Marking"), "rules:mark", "rules.mark", "bi-patch-check"),
    (_("Distribution log"), "rules:distributions", "rules.distributions", "bi-send-check"),
    (_("Pledges and NDAs"), "pledges:home", "pledges.view", "bi-pen"),
    (_("Partners"), "pledges:partners", "pledges.partners", "bi-briefcase"),
    (_("Training"), "awareness:trainings", "awareness.results.view", "bi-easel"),
    (_("Self-checks"), "awareness:checks", "awareness.results.view", "bi-clipboard-check"),
    (_("Patent or secret"), "awareness:decisions", "awareness.decision.view", "bi-signpost"),
    (_("Evidence vault"), "evidence:vault", "evidence.view", "bi-safe"),
    (_("Pre-publication check"), "prepub:list", "prepub.view", "bi-shield-check"),
    (_("Learning"), "awareness:learn", "awareness.view", "bi-book"),
]
COMPANY_ADMIN = [
    (_("Profile"), "organizations:profile", Perm.PROFILE_VIEW, "bi-card-text"),
    (_("Departments"), "organizations:departments", Perm.DEPARTMENTS_VIEW, "bi-diagram-3"),
    (_("People"), "organizations:people", Perm.PEOPLE_VIEW, "bi-people"),
    (_("Members and invitations"), "organizations:members", Perm.MEMBERS_VIEW, "bi-person-badge"),
    (_("Audit log"), "audit:log", Perm.AUDIT_VIEW, "bi-journal-check"),
    (_("Reminders"), "reach:reminders", "reach.manage", "bi-envelope-paper"),
    (_("Documents to read"), "reach:read_requests", "reach.manage", "bi-book-half"),
]
DESK_MODULES = [
    (_("Desk dashboard"), "desk:dashboard", "desk.view", "bi-speedometer2"),
    (_("Consultations"), "desk:consultations", "desk.view", "bi-chat-left-text"),
    (_("Client companies"), "desk:clients", "desk.view", "bi-buildings"),
    (_("Support engagements"), "desk:engagements", "desk.view", "bi-kanban"),
    (_("Seminars"), "desk:seminars", "desk.view", "bi-easel"),
    (_("Statistics"), "desk:stats", "desk.view", "bi-bar-chart"),
]
DESK_ADMIN = [
    (_("Import"), "desk:import", "desk.admin", "bi-upload"),
    (_("Desk settings"), "desk:settings", "desk.admin", "bi-sliders"),
    (_("Profile"), "organizations:profile", Perm.PROFILE_VIEW, "bi-card-text"),
    (_("Members and invitations"), "organizations:members", Perm.MEMBERS_VIEW, "bi-person-badge"),
    (_("Audit log"), "audit:log", Perm.AUDIT_VIEW, "bi-journal-check"),
]


def _url(name: str, slug: str) -> str | None:
    try:
        return reverse(name, kwargs={"org_slug": slug})
    except NoReverseMatch:
        return None


def _links(may, slug, entries) -> list[Link]:
    links = []
    for label, name, perm, icon in entries:
        url = _url(name, slug) if may(perm) else None
        if url:
            links.append(Link(label=label, url=url, icon=icon))
    return links


def sidebar(membership) -> dict:
    """The sidebar of a membership: what it holds depends only on the workspace and the role
    (``role_has_perm``), so each process builds it once per workspace and role (its labels are
    translated when shown). Callers do not change it."""
    org = membership.organization
    return _sidebar(org.slug, org.kind, membership.role if membership.is_active else None)


@functools.lru_cache(maxsize=4096)
def _sidebar(slug: str, kind: str, role: str | None) -> dict:
    def may(perm):
        return role is not None and role_has_perm(role, perm)

    home = _url("organizations:home", slug)
    if kind == OrgKind.DESK:
        return {
            "steps": [],
            "modules": _links(may, slug, DESK_MODULES),
            "admin": _links(may, slug, DESK_ADMIN),
            "home": home,
        }
    steps = []
    if role in STEP_ROLES:  # the others' home is their tasks, without the steps
        for number, title, _summary in STEP_DEFINITIONS:
            name, perm, page = STEP_PAGES[number]
            url = _url(name, slug) if may(perm) else None
            steps.append(
                Link(
                    label=title,
                    url=url or f"{home}#step-{number}",
                    number=number,
                    page=page if url else "",
                )
            )
    opened_by_steps = {step.url for step in steps}
    return {
        "steps": steps,
        "modules": [
            link for link in _links(may, slug, COMPANY_MODULES) if link.url not in opened_by_steps
        ],
        "admin": _links(may, slug, COMPANY_ADMIN),
        "home": home,
    }


# Pages of other modules about one person, linked from the people register's person page.
PERSON_PAGES = [
    (_("Register access"), "register:person_access", "register.access_view", "bi-key"),
    (_("Pledges, joining and leaving"), "pledges:person", "pledges.view", "bi-pen"),
]


def person_links(membership, person) -> list[Link]:
    links = []
    for label, name, perm, icon in PERSON_PAGES:
        if not has_perm(membership, perm):
            continue
        try:
            url = reverse(name, kwargs={"org_slug": membership.organization.slug, "pk": person.pk})
        except NoReverseMatch:
            continue
        links.append(Link(label=label, url=url, icon=icon))
    return links


def leaving_url(membership, person) -> str | None:
    """Where the exit checklist of a person who has just been marked 退職予定 is opened."""
    if not has_perm(membership, "pledges.manage"):
        return None
    try:
        return reverse(
            "pledges:leaving_start",
            kwargs={"org_slug": membership.organization.slug, "pk": person.pk},
        )
    except NoReverseMatch:
        return None


def desk_dashboard_url(membership) -> str | None:
    """The desk module's dashboard, which a desk workspace's home opens when it exists."""
    if not has_perm(membership, "desk.view"):
        return None
    return _url("desk:dashboard", membership.organization.slug)


def _forget_sidebars(**kwargs):
    _sidebar.cache_clear()  # a test that changes the URLs or the apps sees the change


setting_changed.connect(_forget_sidebars, dispatch_uid="kimitsu.core.navigation.sidebars")
