import pytest
from django.core.exceptions import ValidationError

from kimitsu.organizations.choices import Role
from kimitsu.register import selectors, services
from kimitsu.register.models import Level
from kimitsu.rules import services as rules_services

pytestmark = pytest.mark.django_db


def test_a_level_used_by_handling_rules_is_not_deleted(company, member_of):
    """Handling rules are evidence: deleting their level would silently delete them."""
    admin = member_of(company, Role.ADMIN)
    services.levels_ensure_defaults(organization=company, actor=admin.user)
    public = selectors.levels_for(company).get(name="公開")
    rules_services.rule_set_start(actor=admin.user, membership=admin)
    assert public.handling_rules.exists()
    with pytest.raises(ValidationError):
        services.level_delete(actor=admin.user, membership=admin, level=public)
    assert Level.objects.filter(pk=public.pk).exists()

    spare = services.level_create(
        actor=admin.user,
        membership=admin,
        data={
            "code": "spare",
            "name": "部外秘",
            "rank": 5,
            "color": "#888888",
            "marking_text": "部外秘",
            "review_months": 12,
        },
    )
    services.level_delete(actor=admin.user, membership=admin, level=spare)
    assert not Level.objects.filter(pk=spare.pk).exists()
