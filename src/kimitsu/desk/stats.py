"""Statistics of a desk for a fiscal year, and across years. Every figure is a GROUP BY in the
database (values().annotate()); Python only relabels the few grouped rows."""

import re

from django.core.exceptions import ValidationError
from django.db.models import Count, Q, Sum
from django.utils.translation import gettext_lazy as _

from kimitsu.core.dates import fiscal_year_label, fiscal_year_range
from kimitsu.organizations.access import require
from kimitsu.organizations.choices import Industry, Prefecture

from . import permissions as P
from . import sizebands
from .choices import (
    HOSTED_SEMINAR_KINDS,
    KANSAI_PREFECTURES,
    REGION_OF,
    REGIONS,
    UNKNOWN_JA,
    Attribute,
    Channel,
    SeminarKind,
    Subject,
    ja_label,
)
from .models import Consultation, ConsultationSubject, Seminar

# The fiscal years the statistics are asked for (?fy= on the page, ?fiscal_year= in the API,
# --fiscal-year of the command): outside them a year is a typo, and dates before year 1 or after
# 9999 do not exist (a year of 0 or 10000 used to be a server error).
FIRST_FISCAL_YEAR, LAST_FISCAL_YEAR = 2000, 2100


def parse_fiscal_year(value, *, default: int | None, field: str = "fiscal_year") -> int | None:
    """The fiscal year a request asks for: ``default`` when none is given, else a year of
    FIRST_FISCAL_YEAR..LAST_FISCAL_YEAR; anything else is a ValidationError naming ``field``."""
    value = str(value if value is not None else "").strip()
    if not value:
        return default
    if re.fullmatch(r"[0-9]{4}", value) and FIRST_FISCAL_YEAR <= int(value) <= LAST_FISCAL_YEAR:
        return int(value)
    message = _("Give a fiscal year between %(first)s and %(last)s.") % {
        "first": FIRST_FISCAL_YEAR,
        "last": LAST_FISCAL_YEAR,
    }
    raise ValidationError({field: ValidationError(message, code="fiscal_year")})


def _grouped(qs, field) -> dict:
    return {row[field]: row["n"] for row in qs.values(field).annotate(n=Count("id")).order_by()}


def _fixed(counts: dict, choices) -> dict:
    """Every choice in its order (zeros included), then 不明 if some rows have no value."""
    out = {ja_label(choices, v): counts.get(v, 0) for v in choices.values}
    unknown = sum(n for v, n in counts.items() if v not in choices.values)
    if unknown:
        out[UNKNOWN_JA] = unknown
    return out


def _present(counts: dict, choices) -> dict:
    """Only values that occur, in code order, then 不明."""
    out = {ja_label(choices, v): counts[v] for v in choices.values if counts.get(v)}
    unknown = sum(n for v, n in counts.items() if v not in choices.values)
    if unknown:
        out[UNKNOWN_JA] = unknown
    return out


def consultation_stats(organization, year: int) -> dict:
    org = organization
    qs = Consultation.objects.filter(organization=org, fiscal_year=year)
    totals = qs.aggregate(
        total=Count("id"),
        online=Count("id", filter=Q(channel=Channel.ONLINE)),
        kansai=Count("id", filter=Q(prefecture__in=sorted(KANSAI_PREFECTURES))),
    )
    bounds = sizebands.bounds_for(org)
    band_counts = {
        row["band"]: row["n"]
        for row in qs.annotate(band=sizebands.band_expression(bounds))
        .values("band")
        .annotate(n=Count("id"))
        .order_by()
    }
    by_size = {label: band_counts.get(i, 0) for i, label in enumerate(sizebands.labels(bounds))}
    if band_counts.get(-1):
        by_size[UNKNOWN_JA] = band_counts[-1]
    subjects = {
        row["subject"]: row["n"]
        for row in ConsultationSubject.objects.filter(organization=org, fiscal_year=year)
        .values("subject")
        .annotate(n=Count("id"))
        .order_by()
    }
    prefectures = _grouped(qs, "prefecture")
    regions: dict[str, int] = {name: 0 for name, _codes in REGIONS}
    for code, n in prefectures.items():
        region = REGION_OF.get(code, UNKNOWN_JA)
        regions[region] = regions.get(region, 0) + n
    return {
        "total": totals["total"],
        "online": totals["online"],
        "kansai": totals["kansai"],
        "by_channel": _fixed(_grouped(qs, "channel"), Channel),
        "by_attribute": _fixed(_grouped(qs, "attribute"), Attribute),
        "by_size_band": by_size,
        "by_industry": _present(_grouped(qs, "industry"), Industry),
        "by_subject": _fixed(subjects, Subject),
        "by_prefecture": _present(prefectures, Prefecture),
        "by_region": {k: v for k, v in regions.items() if v or k != UNKNOWN_JA},
    }


def seminar_stats(organization, year: int) -> dict:
    qs = Seminar.objects.filter(organization=organization, fiscal_year=year)
    totals = qs.aggregate(
        total=Count("id"),
        participants=Sum("participants"),
        online=Count("id", filter=Q(online=True)),
    )
    rows = {
        row["kind"]: row
        for row in qs.values("kind")
        .annotate(n=Count("id"), p=Sum("participants"), o=Count("id", filter=Q(online=True)))
        .order_by()
    }
    by_kind = {ja_label(SeminarKind, k): rows.get(k, {}).get("n", 0) for k in SeminarKind.values}
    detail = {
        ja_label(SeminarKind, k): {
            "count": rows.get(k, {}).get("n", 0),
            "participants": rows.get(k, {}).get("p") or 0,
            "online": rows.get(k, {}).get("o", 0),
        }
        for k in SeminarKind.values
    }
    hosted = [rows[k] for k in HOSTED_SEMINAR_KINDS if k in rows]
    return {
        "total": totals["total"],
        "participants": totals["participants"] or 0,
        "online": totals["online"],
        "by_kind": by_kind,
        "by_kind_detail": detail,
        "hosted": {
            "count": sum(r["n"] for r in hosted),
            "participants": sum(r["p"] or 0 for r in hosted),
            "online": sum(r["o"] for r in hosted),
        },
    }


def year_over_year(organization, years: int | None = None) -> list[dict]:
    """One row per fiscal year from the first with records to the last, a year without any
    included (with zeros): consultations (total, online), seminars (count, participants), oldest
    first. The change is against the year just before, never against an earlier one."""
    cons = {
        row["fiscal_year"]: row
        for row in Consultation.objects.filter(organization=organization)
        .values("fiscal_year")
        .annotate(total=Count("id"), online=Count("id", filter=Q(channel=Channel.ONLINE)))
        .order_by()
    }
    sems = {
        row["fiscal_year"]: row
        for row in Seminar.objects.filter(organization=organization)
        .values("fiscal_year")
        .annotate(n=Count("id"), p=Sum("participants"))
        .order_by()
    }
    out = []
    known = set(cons) | set(sems)
    for year in range(min(known), max(known) + 1) if known else ():
        c, s = cons.get(year, {}), sems.get(year, {})
        out.append(
            {
                "fiscal_year": year,
                "label": fiscal_year_label(year),
                "era_label": fiscal_year_label(year, era=True),
                "consultations": c.get("total", 0),
                "online": c.get("online", 0),
                "seminars": s.get("n", 0),
                "participants": s.get("p") or 0,
            }
        )
    if years:
        out = out[-years:]
    prev = None
    for row in out:
        row["change"] = (
            None
            if prev is None or not prev["consultations"]
            else round(
                (row["consultations"] - prev["consultations"]) / prev["consultations"] * 100, 1
            )
        )
        prev = row
    return out


def desk_stats(membership, year: int) -> dict:
    """The full statistics of the membership's desk for a fiscal year."""
    require(membership, P.VIEW)
    return stats_for(membership.organization, year)


def stats_for(organization, year: int) -> dict:
    start, end = fiscal_year_range(year, organization.fiscal_year_start_month or 4)
    return {
        "fiscal_year": year,
        "label": fiscal_year_label(year, era=True),
        "seireki_label": fiscal_year_label(year),
        "start": start,
        "end": end,
        "consultations": consultation_stats(organization, year),
        "seminars": seminar_stats(organization, year),
    }


def as_json(stats: dict) -> dict:
    """The documented shape of ``kimitsu desk stats --format json`` and of the API."""
    c, s = stats["consultations"], stats["seminars"]
    return {
        "fiscal_year": stats["fiscal_year"],
        "label": stats["label"],
        "consultations": {
            k: c[k]
            for k in (
                "total",
                "online",
                "by_channel",
                "by_attribute",
                "by_size_band",
                "by_industry",
                "by_subject",
                "by_prefecture",
            )
        },
        "seminars": {k: s[k] for k in ("total", "participants", "online", "by_kind")},
    }


BREAKDOWNS = [
    ("by_channel", _("By channel")),
    ("by_attribute", _("By attribute")),
    ("by_size_band", _("By number of employees")),
    ("by_industry", _("By industry")),
    ("by_subject", _("By subject")),
    ("by_prefecture", _("By prefecture")),
    ("by_region", _("By region")),
]
