"""Check terms (公開チェック用語): the words, codes and numbers of an entry that must not appear in
material the company publishes — a material name, a parameter value, an internal code name, a
customer's name. They name the secret as the title does; they are metadata and follow
need-to-know like the rest of the entry. The pre-publication check (``kimitsu.prepub``) looks for
them in drafts."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from kimitsu.core.text import LIST_SEPARATORS, fold

MIN_LENGTH = 2  # a one-character term would hit on every page
MAX_LENGTH = 100
MAX_TERMS = 50  # per entry


def split_terms(text: str) -> list[str]:
    """Terms as typed on the entry page or in a ledger cell, separated by 、 ; or a line break,
    each kept once (as folded: 「ＡＢ」 and 「ab」 are one term), in the order given."""
    seen: set[str] = set()
    out: list[str] = []
    for part in LIST_SEPARATORS.split(text or ""):
        part = " ".join(part.split())
        key = fold(part)[0]
        if part and key not in seen:
            seen.add(key)
            out.append(part)
    return out


def term_problem(terms: list[str]) -> str:
    """What is wrong with a list of terms, in the user's language, or ''."""
    if len(terms) > MAX_TERMS:
        return _("At most %(n)d check terms per entry.") % {"n": MAX_TERMS}
    for term in terms:
        length = len(fold(term)[0])
        if length < MIN_LENGTH:
            return _("“%(term)s” is too short to check (at least %(n)d characters).") % {
                "term": term,
                "n": MIN_LENGTH,
            }
        if len(term) > MAX_LENGTH:
            return _("“%(term)s” is too long (at most %(n)d characters).") % {
                "term": term[:20] + "…",
                "n": MAX_LENGTH,
            }
    return ""


def clean_terms(value) -> str:
    """The stored form (one term per line) of what a form, the API or a file gave."""
    lines = value if isinstance(value, list | tuple) else split_terms(value or "")
    terms = split_terms("\n".join(str(v) for v in lines))
    problem = term_problem(terms)
    if problem:
        raise ValidationError({"check_terms": problem})
    return "\n".join(terms)
