"""Demo pre-publication checks: a trade-fair panel that names two secrets, decided 修正のうえ公開可
by the administrator and checked clean once corrected; and a website text awaiting a decision."""

from kimitsu.organizations.choices import Role
from kimitsu.organizations.models import Membership

from .models import CheckRequest

PANEL = (
    "2027 建設技術フェア 出展パネル\n"
    "当社の法面保護は独自のNS-4工法。三層\n吹付けで仕上がりが違います。\n"
    "県内の道路・河川で100件以上の施工実績があります。"
)
PANEL_FIXED = (
    "2027 建設技術フェア 出展パネル\n"
    "当社の法面保護は、独自の工法で仕上がりが違います。\n"
    "県内の道路・河川で100件以上の施工実績があります。"
)
WEB = "採用情報：現場では熟練工が逆段取りなどの技を若手に伝えています。"


def populate(company, desk, created_company, created_desk):
    from . import services

    if CheckRequest.objects.filter(organization=company).exists():
        return
    members = Membership.objects.filter(organization=company, is_active=True).select_related(
        "user", "organization"
    )
    admin = members.filter(role=Role.ADMIN).first()
    author = members.filter(role=Role.MEMBER).first() or admin
    if admin is None:
        return
    first = services.check(
        actor=author.user,
        membership=author,
        purpose="exhibition",
        title="2027 建設技術フェア 出展パネル",
        text=PANEL,
    )
    services.decide(
        actor=admin.user,
        membership=admin,
        request=first.request,
        verdict="after_changes",
        comment="工法名と吹付けの層数を削除すれば公開してよい。",
    )
    services.check(
        actor=author.user,
        membership=author,
        purpose="exhibition",
        request=first.request,
        text=PANEL_FIXED,
    )
    services.check(
        actor=author.user, membership=author, purpose="advertising", title="採用ページ", text=WEB
    )
