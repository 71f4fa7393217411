"""Reads for the analysis pages: who may analyse what, labels for facet values, dashboard data."""

from __future__ import annotations

import datetime as dt
import hashlib
import logging
from dataclasses import dataclass, replace

from django.core.cache import cache
from django.db.models import Count, Q, QuerySet, Sum
from django.db.models.functions import TruncDate
from django.utils import timezone
from django.utils.text import Truncator
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from accounts.choices import Province, RespondentType
from accounts.models import StaffRole
from accounts.predicates import is_site_admin
from accounts.selectors import agency_ids_with_role
from consultations.models import Comment, CommentStatus, Consultation, Stance
from search.engine import get_engine
from search.engines.base import SearchQuery, SearchUnavailable, Term
from search.models import Campaign, Code, ThemeCount, ThemeCountState, ThemeWord

logger = logging.getLogger(__name__)


def analyst_consultations(user) -> QuerySet:
    """Consultations whose comments a user may search and code: those where the user has the
    ``consultations.moderate`` permission (all for site admins, their agencies' for active
    drafters and moderators), derived from the same predicates without a query per row."""
    consultations = Consultation.objects.select_related("policy", "draft").order_by("-opens_at")
    if is_site_admin(user):
        return consultations
    return consultations.filter(
        policy__agency__in=agency_ids_with_role(user, StaffRole.DRAFTER, StaffRole.MODERATOR)
    )


def recent_campaigns(consultations: QuerySet, *, days: int = 7) -> list[Campaign]:
    """Campaigns detected within ``days`` on these consultations, largest first."""
    since = timezone.now() - dt.timedelta(days=days)
    return list(
        Campaign.objects.filter(consultation__in=consultations, detected_at__gte=since)
        .select_related("consultation", "representative")
        .order_by("-size")[:10]
    )


def campaign_label(campaign: Campaign) -> str:
    """A campaign as staff recognise it: its size and how its text begins."""
    text = Truncator(campaign.representative.body).chars(48)
    return ngettext(
        "%(size)s comment like “%(text)s”", "%(size)s comments like “%(text)s”", campaign.size
    ) % {"size": campaign.size, "text": text}


def facet_labels(consultations, *, chosen: int | None = None) -> dict[str, dict[str, str]]:
    """Human labels for facet values (ids and codes as stored in the index). A clause keeps its
    key from one draft version to the next while its number may change, so the labels of the
    consultation being searched (``chosen``) are applied last and win."""
    clauses: dict[str, str] = {"": _("The draft as a whole")}
    for consultation in sorted(consultations, key=lambda c: c.pk == chosen):
        clauses.update({key: label for key, label, _text in consultation.clauses})
    ids = [c.pk for c in consultations]
    return {
        "consultation": {str(c.pk): c.title for c in consultations},
        "clause": clauses,
        "stance": dict(Stance.choices),
        "respondent_type": dict(RespondentType.choices),
        "province": dict(Province.choices),
        "status": dict(CommentStatus.choices),
        "code": {str(pk): label for pk, label in Code.objects.filter(
            consultation__in=ids).values_list("pk", "label")},
        "campaign": {
            str(c.pk): campaign_label(c)
            for c in Campaign.objects.filter(consultation__in=ids).select_related("representative")
        },
    }  # fmt: skip


@dataclass
class Bar:
    label: str
    value: int


@dataclass
class StackedRow:
    label: str
    parts: list[tuple[str, str, int]]  # (key, label, value)

    @property
    def total(self) -> int:
        return sum(value for _key, _label, value in self.parts)


def dashboard(*, consultation) -> dict:
    """Everything the consultation dashboard draws: each chart is data plus its table."""
    comments = Comment.objects.filter(
        consultation=consultation, parent__isnull=True, status=CommentStatus.PUBLISHED
    )
    by_day = dict(
        comments.annotate(day=TruncDate("created_at"))
        .values_list("day")
        .annotate(n=Count("id"))
        .order_by("day")
    )
    volume = []
    if by_day:
        day, last = min(by_day), max(by_day)
        while day <= last:
            volume.append(Bar(day.isoformat(), by_day.get(day, 0)))
            day += dt.timedelta(days=1)
    stance_labels = dict(Stance.choices)
    counts: dict[str, dict[str, int]] = {}
    for clause_key, stance, n in (
        comments.values_list("clause_key", "stance").annotate(n=Count("id")).order_by()
    ):
        counts.setdefault(clause_key, {})[stance or "none"] = n
    labels = {"": _("The draft as a whole")} | {k: lbl for k, lbl, _t in consultation.clauses}
    order = [""] + [k for k, _l, _t in consultation.clauses]
    stance_keys = [*Stance.values, "none"]
    stance_names = {**stance_labels, "none": _("No stance")}
    stance_by_clause = [
        StackedRow(labels.get(key, key), [(s, stance_names[s], counts[key].get(s, 0))
                                          for s in stance_keys])
        for key in order if key in counts
    ]  # fmt: skip

    def bars(field: str, names: dict) -> list[Bar]:
        rows = comments.values_list(field).annotate(n=Count("id")).order_by("-n")
        return [Bar(names.get(value, value) or _("Not given"), n) for value, n in rows]

    themes = counted_themes(
        consultation_id=consultation.pk, stances=(Stance.SUPPORT, Stance.OPPOSE, Stance.AMEND)
    )
    if themes is None:  # not counted whole yet (input from before the counts): ask the engine
        engine = get_engine()
        base = SearchQuery(consultations=(consultation.pk,), public_only=True, facets=False)
        version = consultation.activity_at.timestamp()
        themes = {"all": _themes(engine, base, version=version)}
        for stance in (Stance.SUPPORT, Stance.OPPOSE, Stance.AMEND):
            themes[stance] = _themes(engine, replace(base, stances=(stance,)), version=version)
    return {
        "total": comments.count(),
        "volume": volume,
        "stance_by_clause": stance_by_clause,
        "stances": [(s, stance_names[s]) for s in stance_keys],
        "respondent_types": bars("respondent_type", dict(RespondentType.choices)),
        "provinces": bars("province", dict(Province.choices)),
        "themes": themes,
        "theme_titles": {"all": _("All comments"), **{s: stance_labels[s] for s in themes
                                                      if s != "all"}},
        "campaigns": list(
            Campaign.objects.filter(consultation=consultation).select_related("representative")
        ),
    }  # fmt: skip


MIN_THEME_COMMENTS = 3


def counted_themes(
    *, consultation_id: int, stances: tuple[str, ...], size: int = 8
) -> dict[str, list[Term]] | None:
    """Themes from the theme counts (search.services.themes_update): "all" are the terms most
    published comments use; each stance's are the terms much more frequent in its comments
    than in the whole consultation (the JLH score the engines use). Grouped sums in the
    database, terms used by fewer than three comments left there. None while the consultation
    has not been counted whole (its dashboard then asks the search engine)."""
    if not ThemeCountState.objects.filter(pk=consultation_id).exists():
        return None
    rows = ThemeCount.objects.filter(consultation_id=consultation_id)
    groups = dict(rows.filter(term="").values_list("stance").annotate(n=Sum("comments")).order_by())
    total = sum(groups.values())
    everywhere = dict(
        rows.exclude(term="")
        .values_list("term")
        .annotate(n=Sum("comments"))
        .filter(n__gte=MIN_THEME_COMMENTS)
        .order_by()
    )
    by_stance: dict[str, dict[str, int]] = {}
    for stance, term, n in (
        rows.filter(stance__in=stances)
        .exclude(term="")
        .values_list("stance", "term")
        .annotate(n=Sum("comments"))
        .filter(n__gte=MIN_THEME_COMMENTS)
        .order_by()
    ):
        by_stance.setdefault(stance, {})[term] = n
    ranked = {"all": sorted(((n, n, t) for t, n in everywhere.items()), reverse=True)[:size]}
    for stance in stances:
        selected = groups.get(stance, 0)
        if not selected or not total:
            ranked[stance] = []
            continue
        scored = []
        for term, n in by_stance.get(stance, {}).items():
            fg_pct, bg_pct = n / selected, everywhere[term] / total
            if fg_pct > bg_pct:
                scored.append(((fg_pct - bg_pct) * (fg_pct / bg_pct), n, term))
        ranked[stance] = sorted(scored, reverse=True)[:size]
    wanted = {term for found in ranked.values() for _s, _n, term in found}
    shown: dict[str, str] = {}
    for term, word in (
        ThemeWord.objects.filter(consultation_id=consultation_id, term__in=wanted)
        .order_by("term", "-uses", "word")
        .values_list("term", "word")
    ):
        shown.setdefault(term, word)
    return {
        key: [Term(word=shown.get(t, t), count=n, score=round(score, 4)) for score, n, t in found]
        for key, found in ranked.items()
    }


def _themes(engine, query: SearchQuery, *, version: float) -> list[Term] | None:
    """Significant terms, or None when the search engine is unavailable (shown as such).
    Cached until the consultation's next comment activity: on a million comments a term
    statistics pass takes seconds."""
    digest = hashlib.sha256(repr((query, version)).encode()).hexdigest()[:32]
    key = f"themes:{engine.name}:{digest}"
    terms = cache.get(key)
    if terms is not None:
        return terms
    try:
        terms = engine.significant_terms(query, size=8)
    except SearchUnavailable:  # the rest of the dashboard still shows
        logger.exception("Themes left out: the search engine is unavailable")
        return None
    cache.set(key, terms, 6 * 60 * 60)
    return terms


def campaign_members(*, campaign: Campaign):
    return (
        Comment.objects.filter(campaign_membership__campaign=campaign)
        .select_related("campaign_membership")
        .order_by("-campaign_membership__similarity", "pk")
    )


def campaign_summary(*, consultation) -> dict:
    """For the response report: published comments that belong to campaigns, so that each
    campaign can be counted once with its size."""
    campaigns = [
        (campaign, campaign.published)
        for campaign in Campaign.objects.filter(consultation=consultation)
        .select_related("representative")
        .annotate(
            published=Count("members", filter=Q(members__comment__status=CommentStatus.PUBLISHED))
        )
        if campaign.published
    ]
    return {
        "campaigns": campaigns,
        "in_campaigns": sum(size for _campaign, size in campaigns),
        "counted_once": len(campaigns),
    }
