"""Links from a gap to the page of kimitsu that closes it.

Apps are built in parallel, so a target is a list of candidate URL names tried in order; when none
exists yet the link falls back to the step's card on the company home (``#step-N``)."""

from dataclasses import dataclass

from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext_lazy as _

# The name of each page a recommendation may lead to, as the reader finds it in kimitsu (the PDF
# names the page, since paper has no links).
PAGE_NAMES = {
    "awareness:checks": _("Self-checks"),
    "awareness:learn": _("Learning"),
    "awareness:trainings": _("Training"),
    "awareness:decisions": _("Patent or secret"),
    "organizations:members": _("Members and invitations"),
    "organizations:people": _("People"),
    "organizations:departments": _("Departments"),
    "register:entries": _("Secret register"),
    "register:overview": _("Register overview"),
    "register:levels": _("Classification levels"),
    "rules:regulation": _("Regulations"),
    "rules:guide": _("What may I do?"),
    "rules:matrix": _("Handling rules matrix"),
    "pledges:gaps": _("Missing signatures"),
    "pledges:templates": _("Pledge and NDA templates"),
    "pledges:home": _("Pledges and NDAs"),
    "pledges:partners": _("Partners"),
    "prepub:list": _("Pre-publication check"),
}


@dataclass(frozen=True)
class Page:
    url: str
    name: object  # the page's name, or "" for the company home's step card


def page(org_slug: str, targets, step: int | None = None) -> Page:
    for name in targets or ():
        try:
            url = reverse(name, kwargs={"org_slug": org_slug})
        except NoReverseMatch:
            continue
        return Page(url=url, name=PAGE_NAMES.get(name, ""))
    home = reverse("organizations:home", kwargs={"org_slug": org_slug})
    return Page(url=f"{home}#step-{step}" if step else home, name="")


def resolve(org_slug: str, targets, step: int | None = None) -> str:
    return page(org_slug, targets, step).url


def for_question(org_slug: str, question) -> str:
    return page_for_question(org_slug, question).url


def page_for_question(org_slug: str, question) -> Page:
    return page(org_slug, getattr(question, "targets", ()), getattr(question, "step", None))
