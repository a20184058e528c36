"""Links from a gap to the page of kimitsu that closes it.

Apps are built in parallel, so a target is a list of candidate URL names tried in order; when none
exists yet the link falls back to the step's card on the company home (``#step-N``)."""

from django.urls import NoReverseMatch, reverse


def resolve(org_slug: str, targets, step: int | None = None) -> str:
    for name in targets or ():
        try:
            return reverse(name, kwargs={"org_slug": org_slug})
        except NoReverseMatch:
            continue
    home = reverse("organizations:home", kwargs={"org_slug": org_slug})
    return f"{home}#step-{step}" if step else home


def for_question(org_slug: str, question) -> str:
    return resolve(org_slug, getattr(question, "targets", ()), getattr(question, "step", None))
