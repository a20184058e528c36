"""Demo data: approved handling rules, a regulation in force that most staff have confirmed,
a draft of its next version with one article reworded, and one stamped copy in the
distribution log. Idempotent: nothing is added when the rules already exist."""

import datetime as dt

from django.contrib.auth import get_user_model
from django.utils import timezone

from kimitsu.organizations.models import Membership

from . import selectors, services
from .choices import Action, Approver, Verdict


def _sample_pdf(pages: int) -> bytes:
    import io

    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    from kimitsu.documents.fonts import register_reportlab_font

    font = register_reportlab_font()
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=A4)
    for number in range(1, pages + 1):
        c.setFont(font, 14)
        c.drawString(72, A4[1] - 100, f"施工要領書（抜粋）　{number}／{pages}")
        c.showPage()
    c.save()
    return buf.getvalue()


def _user(email):
    return get_user_model().objects.filter(email=email).first()


def populate(company, desk, created_company, created_desk):
    """Demo data of this app (see kimitsu.core.demo.extensions)."""
    if company is None or selectors.rule_sets(company).exists():
        return
    admin = _user("admin@demo.kimitsu.jp")
    today = timezone.localdate()

    # The handling rules: kimitsu's proposal, with one cell adapted to a construction company.
    rule_set = services.rule_set_start(actor=admin, organization=company)
    secret = selectors.levels(company).filter(name="秘").first()
    if secret is not None:
        rule = rule_set.rules.get(level=secret, action=Action.TAKE_OUT)
        services.rule_update(
            actor=admin,
            organization=company,
            rule=rule,
            data={
                "verdict": Verdict.APPROVAL,
                "approver": Approver.MANAGER,
                "note": "現場への図面の持出しは、工事台帳に持出し先と返却日を記入して行う。",
            },
        )
    services.rule_set_approve(
        actor=admin,
        organization=company,
        rule_set=rule_set,
        approved_on=today - dt.timedelta(days=200),
        note="初版（相談窓口の助言を受けて策定）",
    )

    # Version 1 of the regulation, in force for half a year.
    reg = services.regulation_create(
        actor=admin,
        organization=company,
        data={
            "officer_post": "代表取締役",
            "officer_name": "山本 一郎",
            "manager_post": "各部の部長",
            "approving_body": "取締役会",
            "options": {
                "telework": False,
                "personal_devices": False,
                "generative_ai": True,
                "partner_info": True,
                "leavers": True,
            },
        },
    )
    effective = today - dt.timedelta(days=180)
    services.regulation_approve(
        actor=admin,
        organization=company,
        regulation=reg,
        effective_on=effective,
        approved_on=effective,
    )
    for membership in Membership.objects.filter(
        organization=company,
        user__email__in=[
            "admin@demo.kimitsu.jp",
            "manager@demo.kimitsu.jp",
            "auditor@demo.kimitsu.jp",
        ],
    ):
        services.regulation_confirm_read(
            actor=membership.user, membership=membership, regulation=reg
        )

    # The next version in preparation: telework now allowed, one article reworded.
    draft = services.regulation_create(actor=admin, organization=company)
    options = dict(draft.options, telework=True)
    services.regulation_update(
        actor=admin,
        organization=company,
        regulation=draft,
        data={"options": options, "note": "テレワークの導入に合わせた改定案"},
    )
    training = draft.articles.get(key="training")
    services.article_update(
        actor=admin,
        organization=company,
        article=training,
        title=training.title,
        body=training.body.replace("（少なくとも年1回）", "（少なくとも年2回）"),
    )

    # One stamped copy handed to a partner.
    level = secret or selectors.levels(company).filter(is_secret=True).first()
    if level is not None:
        services.distribution_stamp(
            actor=admin,
            organization=company,
            data=_sample_pdf(2),
            filename="施工要領書_抜粋.pdf",
            level=level,
            recipient="株式会社北陸設備 工事課",
            watermark=True,
        )
