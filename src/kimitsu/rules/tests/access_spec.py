from django.core.files.base import ContentFile
from django.utils import timezone

from kimitsu.organizations.choices import Role
from kimitsu.rules.models import Distribution
from kimitsu.rules.tests.helpers import (
    draft_regulation,
    draft_rules,
    in_force_regulation,
    sample_pdf,
)
from kimitsu.testing.access import COMPANY_ALL, Spec

R = Role
VERSIONS = {R.ADMIN, R.MANAGER, R.AUDITOR, R.ADVISOR}
CONFIRM = {R.ADMIN, R.MANAGER, R.MEMBER, R.AUDITOR}
READERS = {R.ADMIN, R.AUDITOR}
MARK = {R.ADMIN, R.MANAGER}
DISTRIBUTIONS = {R.ADMIN, R.MANAGER, R.AUDITOR}
ADMIN = {R.ADMIN}  # the administrator edits and approves the rules and the regulation


def _rule_set(org, membership):
    return {"pk": draft_rules(org).pk}


def _rule(org, membership):
    return {"pk": draft_rules(org).rules.first().pk}


def _draft(org, membership):
    return {"pk": draft_regulation(org).pk}


def _article(org, membership):
    reg = draft_regulation(org)
    return {"pk": reg.pk, "article_pk": reg.articles.first().pk}


def _in_force(org, membership):
    return {"pk": in_force_regulation(org).pk}


def _download(org, membership):
    return {"pk": in_force_regulation(org).pk, "fmt": "pdf"}


def _distribution(org, membership, keep=False):
    from kimitsu.register.services import levels_ensure_defaults

    level = levels_ensure_defaults(organization=org)[0]
    record = Distribution(
        organization=org,
        trace_code=f"TEST-{org.pk:04d}"[:9],
        level=level,
        level_name=level.name,
        marking_text=level.marking_text,
        source_name="a.pdf",
        page_count=1,
        sha256="0" * 64,
        created_at=timezone.now(),
    )
    if keep:
        record.stamped_file.save("a.pdf", ContentFile(sample_pdf(1)), save=False)
    record.save()
    return record


def _kept(org, membership):
    return {"pk": _distribution(org, membership, keep=True).pk}


def _code(org, membership):
    return {"code": _distribution(org, membership).trace_code}


ACCESS = {
    "rules:guide": Spec(allowed=COMPANY_ALL),
    "rules:matrix": Spec(allowed=COMPANY_ALL),
    "rules:rule_set_start": Spec(allowed=ADMIN, ok_status=405, write=ADMIN),
    "rules:rule_set_approve": Spec(allowed=ADMIN, kwargs=_rule_set, ok_status=405, write=ADMIN),
    "rules:rule_edit": Spec(allowed=ADMIN, kwargs=_rule, write=ADMIN),
    "rules:regulation": Spec(allowed=COMPANY_ALL),
    "rules:regulation_new": Spec(allowed=ADMIN, write=ADMIN),
    "rules:regulation_diff": Spec(allowed=VERSIONS),
    "rules:regulation_readers": Spec(allowed=READERS),
    "rules:regulation_detail": Spec(allowed=VERSIONS, kwargs=_draft),
    "rules:regulation_settings": Spec(allowed=ADMIN, kwargs=_draft, write=ADMIN),
    "rules:article_edit": Spec(allowed=ADMIN, kwargs=_article, write=ADMIN),
    "rules:regulation_approve": Spec(allowed=ADMIN, kwargs=_draft, ok_status=405, write=ADMIN),
    "rules:regulation_confirm": Spec(
        allowed=CONFIRM, kwargs=_in_force, ok_status=405, write=CONFIRM
    ),
    "rules:regulation_download": Spec(allowed=COMPANY_ALL, kwargs=_download),
    "rules:mark": Spec(allowed=MARK, write=MARK),
    "rules:distributions": Spec(allowed=DISTRIBUTIONS),
    "rules:trace": Spec(allowed=DISTRIBUTIONS),
    "rules:distribution_file": Spec(allowed=DISTRIBUTIONS, kwargs=_kept),
    # API
    "api-rules-rule-sets": Spec(allowed=VERSIONS, write=ADMIN),
    "api-rules-rule-set": Spec(allowed=VERSIONS, kwargs=_rule_set),
    "api-rules-rule-set-approve": Spec(
        allowed=VERSIONS, kwargs=_rule_set, ok_status=405, write=ADMIN
    ),
    "api-rules-rule": Spec(allowed=VERSIONS, kwargs=_rule, write=ADMIN),
    "api-rules-regulations": Spec(allowed=VERSIONS, write=ADMIN),
    "api-rules-regulation-in-force": Spec(
        allowed=COMPANY_ALL, kwargs=lambda o, m: in_force_regulation(o) and {}
    ),
    "api-rules-regulation-readers": Spec(allowed=READERS),
    "api-rules-regulation": Spec(allowed=VERSIONS, kwargs=_draft, write=ADMIN),
    "api-rules-article": Spec(allowed=VERSIONS, kwargs=_article, write=ADMIN),
    "api-rules-regulation-approve": Spec(
        allowed=VERSIONS, kwargs=_draft, ok_status=405, write=ADMIN
    ),
    "api-rules-regulation-confirm": Spec(
        allowed=CONFIRM, kwargs=_in_force, ok_status=405, write=CONFIRM
    ),
    "api-rules-regulation-document": Spec(allowed=COMPANY_ALL, kwargs=_in_force),
    "api-rules-distributions": Spec(allowed=DISTRIBUTIONS),
    "api-rules-distribution": Spec(allowed=DISTRIBUTIONS, kwargs=_code),
    "api-rules-mark": Spec(allowed=MARK, ok_status=405, write=MARK),
}
