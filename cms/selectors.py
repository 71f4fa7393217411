"""Read queries shared by pages, admin views and (later) the API."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import QuerySet
from wagtail.models import Locale, Page, Site

from accounts.models import Agency
from cms.comparison import Comparison, changed_clause_keys, compare_outlines
from cms.models import (
    DraftPage,
    NewsIndexPage,
    NewsPage,
    PolicyIndexPage,
    PolicyMilestone,
    PolicyPage,
    PolicyStage,
    Topic,
)


def policy_list(
    *,
    index_page: PolicyIndexPage,
    stage: str | None = None,
    topic: Topic | None = None,
    agency: Agency | None = None,
    year: int | None = None,
) -> QuerySet[PolicyPage]:
    policies = (
        PolicyPage.objects.live()
        .public()
        .child_of(index_page)
        .select_related("agency")
        .prefetch_related("topics")
        .order_by("-initiated_on", "-pk")
    )
    if stage:
        policies = policies.filter(stage=stage)
    if topic is not None:
        policies = policies.filter(topics=topic)
    if agency is not None:
        policies = policies.filter(agency=agency)
    if year is not None:
        policies = policies.filter(initiated_on__year=year)
    return policies


def policy_years(*, index_page: PolicyIndexPage) -> list[int]:
    dates = PolicyPage.objects.live().child_of(index_page).dates("initiated_on", "year", "DESC")
    return [day.year for day in dates]


def policies_in_consultation(*, locale: Locale, limit: int = 6) -> list[PolicyPage]:
    """Every policy open for input: in the reader's language where it is translated, the others
    in the language they have (``in_other_language`` set), so none is missing from a home page."""
    chosen: dict = {}
    for policy in (
        PolicyPage.objects.live()
        .public()
        .filter(stage=PolicyStage.CONSULTATION)
        .select_related("agency", "locale")
        .order_by("-initiated_on", "pk")
    ):
        held = chosen.get(policy.translation_key)
        if held is None or (policy.locale_id == locale.pk and held.locale_id != locale.pk):
            chosen[policy.translation_key] = policy
    policies = list(chosen.values())[:limit]
    for policy in policies:
        policy.in_other_language = policy.locale_id != locale.pk
    return policies


def latest_news(*, locale: Locale, limit: int = 3) -> QuerySet[NewsPage]:
    return NewsPage.objects.live().public().filter(locale=locale).order_by("-date")[:limit]


def news_list(*, index_page: NewsIndexPage) -> QuerySet[NewsPage]:
    return (
        NewsPage.objects.live()
        .public()
        .child_of(index_page)
        .select_related("agency")
        .order_by("-date", "-pk")
    )


def published_drafts(*, policy: PolicyPage) -> QuerySet[DraftPage]:
    return DraftPage.objects.live().public().child_of(policy).order_by("version_number")


def previous_published_draft(*, draft: DraftPage) -> DraftPage | None:
    return (
        DraftPage.objects.live()
        .public()
        .sibling_of(draft, inclusive=False)
        .filter(version_number__lt=draft.version_number)
        .order_by("-version_number")
        .first()
    )


@dataclass
class TimelineStage:
    stage: str
    label: str
    state: str  # "done", "current" or "upcoming"
    milestones: list[PolicyMilestone] = field(default_factory=list)


def policy_timeline(*, policy: PolicyPage) -> list[TimelineStage]:
    """Every stage of policy making in order, marked done/current/upcoming, with its milestones."""
    order = list(PolicyStage.values)
    current = order.index(policy.stage)
    milestones = sorted(policy.milestones.all(), key=lambda milestone: milestone.date)
    timeline = []
    for position, (value, label) in enumerate(PolicyStage.choices):
        if position < current:
            state = "done"
        elif position == current:
            state = "current"
        else:
            state = "upcoming"
        timeline.append(
            TimelineStage(
                stage=value,
                label=str(label),
                state=state,
                milestones=[m for m in milestones if m.stage == value],
            )
        )
    return timeline


def draft_comparison(*, old: DraftPage, new: DraftPage) -> Comparison:
    return compare_outlines(old.outline, new.outline)


def changed_clauses(*, old: DraftPage, new: DraftPage) -> set[str]:
    """Keys of the clauses whose wording changed from ``old`` to ``new``."""
    return changed_clause_keys(old.outline, new.outline)


def locale_home(request, language_code: str) -> Page | None:
    """The home page of the request's site in a language (its root page's translation)."""
    site = Site.find_for_request(request)
    if site is None:
        return None
    root = site.root_page
    if root.locale.language_code == language_code:
        return root
    try:
        return root.get_translation(Locale.objects.get(language_code=language_code))
    except (Locale.DoesNotExist, Page.DoesNotExist):
        return None
