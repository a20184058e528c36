"""The learning page goes beyond the three requirements: the acts, the remedies, the penalties,
shared data, prior use and where to get help — with article numbers, and dated."""

import pytest

from kimitsu.organizations.choices import Role

pytestmark = pytest.mark.django_db

JA = [
    "2026年12月時点の法令に基づく",
    "2条1項4号〜10号",
    "差止め（3条）",
    "損害賠償（4条）",
    "5条2項",
    "使用の推定（5条の2）",
    "時効（15条）",
    "10年以下の拘禁刑若しくは2,000万円以下の罰金",
    "21条4項",
    "3,000万円",
    "5億円以下",
    "10億円以下",
    "限定提供データ",
    "2条7項",
    "先使用権（特許法79条）",
    "営業秘密・知財戦略相談窓口（INPIT）",
    "都道府県警察",
    "IPA",
]
EN = [
    "Based on the law as in force in December 2026",
    "art. 2(1)(iv) to (x)",
    "Injunction (art. 3)",
    "Presumed use (art. 5-2)",
    "20 million yen",
    "30 million yen",
    "Patent Act, art. 79",
    "Where to get help",
]


def test_the_learning_page_covers_what_a_company_asks_next(company, member_of, login_client):
    client = login_client(member_of(company, Role.MEMBER).user)
    url = f"/o/{company.slug}/awareness/learn/"
    body = client.get(url, HTTP_ACCEPT_LANGUAGE="ja").content.decode()
    missing = [text for text in JA if text not in body]
    assert missing == []
    for anchor in ("acts", "civil", "criminal", "limited-data", "prior-use", "help"):
        assert f'id="{anchor}"' in body and f'href="#{anchor}"' in body


def test_the_learning_page_in_english(company, member_of, login_client):
    member = member_of(company, Role.MEMBER)
    member.user.language = "en"
    member.user.save()
    client = login_client(member.user)
    client.cookies["django_language"] = "en"
    body = client.get(
        f"/o/{company.slug}/awareness/learn/", HTTP_ACCEPT_LANGUAGE="en"
    ).content.decode()
    missing = [text for text in EN if text not in body]
    assert missing == []


def test_penalties_are_the_statute_s_and_no_other():
    """The amounts on the page are those of the Act (21条・22条), written once."""
    from kimitsu.awareness.content.learn import CRIMINAL_PENALTIES

    text = " ".join(t.ja for _h, t in CRIMINAL_PENALTIES["items"])
    amounts = {a for a in ("2,000万円", "3,000万円", "5億円", "10億円") if a in text}
    assert amounts == {"2,000万円", "3,000万円", "5億円", "10億円"}
    assert "懲役" in text and "拘禁刑" in text  # the change of 2025-06-01 is said
