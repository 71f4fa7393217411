"""Read queries for consultations; they own the visibility rules."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass

from django.core.cache import cache
from django.db import connections
from django.db.models import Count, Prefetch, Q, QuerySet
from django.utils import timezone
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext as _

from accounts.choices import Province, RespondentType
from cms.contributions import Contributions, TemplateSlots
from cms.drafts import outline_clauses
from cms.models import DraftPage
from cms.selectors import changed_clauses
from consultations.models import (
    Comment,
    CommentResponse,
    CommentStatus,
    Consultation,
    ModerationDecision,
    PolicyFollow,
    Stance,
)


def consultation_for_draft(*, draft) -> Consultation | None:
    """The draft's most recent consultation (a draft is normally consulted on once). The same
    on every translation of the draft: an English reader comments on the consultation too."""
    return (
        Consultation.objects.filter(draft__translation_key=draft.translation_key)
        .select_related("policy__agency")
        .order_by("-opens_at")
        .first()
    )


def _published_replies() -> Prefetch:
    return Prefetch(
        "replies",
        queryset=Comment.objects.filter(status=CommentStatus.PUBLISHED)
        .select_related("author")
        .order_by("id"),
        to_attr="published_replies",
    )


def published_comments(*, consultation: Consultation) -> QuerySet[Comment]:
    return Comment.objects.filter(
        consultation=consultation, status=CommentStatus.PUBLISHED, parent__isnull=True
    )


def clause_comment_counts(*, consultation: Consultation) -> dict[str, int]:
    rows = (
        published_comments(consultation=consultation)
        .values("clause_key")
        .annotate(total=Count("id"))
        .order_by()
    )
    return {row["clause_key"]: row["total"] for row in rows}


def _first_ids_per_clause(ids_of: QuerySet, keys: list[str], per_clause: int) -> list[int]:
    """The first ``per_clause`` ids of each clause, in one statement on every engine: a short
    index range scan (consultation, clause, status, id) per clause, joined by UNION ALL.

    The per-clause query is compiled once and its SQL repeated with each key: compiling one query
    per clause cost more than running it (about 5 ms for the demo draft's 40 clauses)."""
    marker = "\x00clause"
    sql, params = ids_of.filter(clause_key=marker)[:per_clause].query.sql_with_params()
    position = params.index(marker)
    ids: list[int] = []
    for start in range(0, len(keys), 200):
        chunk = keys[start : start + 200]
        # Django's own compiled SQL, repeated; every value stays a parameter.
        statement = " UNION ALL ".join(
            f"SELECT * FROM ({sql}) AS clause_{number}"  # noqa: S608
            for number in range(len(chunk))
        )
        chunk_params: list = []
        for key in chunk:
            key_params = list(params)
            key_params[position] = key
            chunk_params.extend(key_params)
        with connections[ids_of.db].cursor() as cursor:
            cursor.execute(statement, chunk_params)
            ids.extend(row[0] for row in cursor.fetchall())
    return ids


def first_comments_by_clause(
    *, consultation: Consultation, per_clause: int, counts: dict[str, int] | None = None
) -> dict[str, list]:
    """The first ``per_clause`` published comments of every clause that has any: the cost
    follows the number of clauses, not comments."""
    counts = clause_comment_counts(consultation=consultation) if counts is None else counts
    keys = [key for key, total in counts.items() if total]
    ids_of = (
        published_comments(consultation=consultation).order_by("id").values_list("id", flat=True)
    )
    ids = _first_ids_per_clause(ids_of, keys, per_clause) if keys else []
    comments = (
        Comment.objects.filter(pk__in=ids)
        .select_related("author")
        .prefetch_related(_published_replies())
        .order_by("clause_key", "id")
    )
    if consultation.phase.report_public:  # responses are shown once the report is public
        comments = comments.prefetch_related("responses")
    grouped: dict[str, list] = defaultdict(list)
    for comment in comments:
        grouped[comment.clause_key].append(comment)
    return dict(grouped)


@dataclass
class CommentPage:
    comments: list[Comment]
    next_cursor: int | None


def comment_page(
    *, consultation: Consultation, clause_key: str, after: int | None, limit: int
) -> CommentPage:
    """Keyset pagination by id: page 1,000 costs what page 1 costs."""
    queryset = published_comments(consultation=consultation).filter(clause_key=clause_key)
    if after:
        queryset = queryset.filter(id__gt=after)
    comments = list(
        queryset.select_related("author")
        .prefetch_related(_published_replies())
        .order_by("id")[: limit + 1]
    )
    next_cursor = comments[limit - 1].pk if len(comments) > limit else None
    return CommentPage(comments=comments[:limit], next_cursor=next_cursor)


def own_unpublished_comments(*, consultation: Consultation, user) -> QuerySet[Comment]:
    """What the author alone sees: comments waiting for moderation, hidden or rejected."""
    if not user.is_authenticated:
        return Comment.objects.none()
    return Comment.objects.filter(consultation=consultation, author=user).exclude(
        status__in=[CommentStatus.PUBLISHED]
    )


def comment_visible_to(*, comment: Comment, user) -> bool:
    if comment.status == CommentStatus.PUBLISHED:
        return True
    if user.is_authenticated and comment.author_id == user.pk:
        return True
    return user.has_perm("consultations.moderate", comment.consultation)


@dataclass
class Participation:
    comments: int
    participants: int


def participation(*, consultation: Consultation) -> Participation:
    """Each account counts once, and so does each erased account (its comments share one
    key); each other comment without an account (letters, emails, hearings entered by staff)
    counts as one more participant."""
    without_account = Q(author__isnull=True)
    totals = published_comments(consultation=consultation).aggregate(
        comments=Count("id"),
        accounts=Count("author", distinct=True),
        erased_accounts=Count("erased_author_key", distinct=True, filter=without_account),
        unattributed=Count("id", filter=without_account & Q(erased_author_key__isnull=True)),
    )
    participants = totals["accounts"] + totals["erased_accounts"] + totals["unattributed"]
    return Participation(comments=totals["comments"], participants=participants)


def moderation_statistics(*, consultation: Consultation) -> dict:
    """Public transparency: how many comments are published and hidden, and why."""
    by_status = dict(
        Comment.objects.filter(consultation=consultation)
        .values_list("status")
        .annotate(total=Count("id"))
        .order_by()
    )
    removed = Q(comment__status__in=[CommentStatus.HIDDEN, CommentStatus.REJECTED])
    latest_reasons = (
        ModerationDecision.objects.filter(removed, comment__consultation=consultation)
        .exclude(reason="")
        .order_by("comment_id", "-created_at")
    )
    reasons: dict[str, int] = defaultdict(int)
    seen: set[int] = set()
    for decision in latest_reasons.only("comment_id", "reason"):
        if decision.comment_id not in seen:
            seen.add(decision.comment_id)
            reasons[decision.reason] += 1
    return {
        "published": by_status.get(CommentStatus.PUBLISHED, 0),
        "pending": by_status.get(CommentStatus.PENDING, 0),
        "hidden": by_status.get(CommentStatus.HIDDEN, 0) + by_status.get(CommentStatus.REJECTED, 0),
        "withdrawn": by_status.get(CommentStatus.WITHDRAWN, 0),
        "reasons": dict(reasons),
    }


def moderation_queue(
    *,
    consultation: Consultation,
    status: str | None = None,
    clause_key: str | None = None,
    flagged_only: bool = False,
    open_appeals_only: bool = False,
) -> QuerySet[Comment]:
    comments = Comment.objects.filter(consultation=consultation).select_related(
        "author", "entered_by", "appeal"
    )
    if status:
        comments = comments.filter(status=status)
    if clause_key is not None:
        comments = comments.filter(clause_key=clause_key)
    if flagged_only:
        comments = comments.filter(flag_count__gt=0)
    if open_appeals_only:
        comments = comments.filter(appeal__isnull=False, appeal__resolved_at__isnull=True)
    return comments.prefetch_related("decisions").order_by("-flag_count", "id")


def _has_earlier_input(*, draft, earlier_input: dict) -> bool:
    """Whether any clause of this version drew comments on the previous one."""
    counts = earlier_input.get("counts")
    return bool(counts) and any(clause.key in counts for clause in outline_clauses(draft.outline))


def draft_page_context(*, draft, user, per_clause: int = 3) -> dict:
    """What the draft page shows of its consultation. Comment lists are lazy so that a cached
    draft text costs no comment queries; counters are cached until the next comment activity."""
    earlier_input = SimpleLazyObject(lambda: earlier_input_by_clause(draft=draft))
    consultation = consultation_for_draft(draft=draft)
    if consultation is None:
        # Without a consultation the clause parts show only earlier input, if there is any:
        # a draft of hundreds of clauses then renders no part for each of them.
        return {
            "earlier_input": earlier_input,
            "clause_parts_shown": SimpleLazyObject(
                lambda: _has_earlier_input(draft=draft, earlier_input=earlier_input)
            ),
        }
    version = consultation.activity_at.timestamp()
    # Totals are kept per activity mark, like the page's own comment lists: the banner and the
    # counts beside clauses always agree, and change with the comment that changes them.
    stats_key = f"consultation-stats:{consultation.pk}:{version}"
    stats = cache.get(stats_key)
    if stats is None:
        stats = {
            "participation": participation(consultation=consultation),
            "moderation": moderation_statistics(consultation=consultation),
        }
        cache.set(stats_key, stats, 3600)
    counts = SimpleLazyObject(lambda: clause_comment_counts(consultation=consultation))
    return {
        "earlier_input": earlier_input,
        "clause_parts_shown": True,
        "consultation": consultation,
        "consultation_version": version,
        "participation": stats["participation"],
        "moderation_stats": stats["moderation"],
        "clause_counts": counts,
        "clause_comments": SimpleLazyObject(
            lambda: first_comments_by_clause(
                consultation=consultation, per_clause=per_clause, counts=counts
            )
        ),
        "own_comments": own_unpublished_comments(consultation=consultation, user=user),
        "consultation_slots": template_slots,
        "perms_moderate": user.has_perm("consultations.moderate", consultation),
        "perms_respond": user.has_perm("consultations.respond", consultation),
    }


# Where the apps above add to consultations' own templates: each clause's comment bar and what
# follows it (forums: a "Discuss" link, the clause's threads), the staff links on the draft's
# banner and the comment form (search: analysis links, similar comments while writing).
template_slots = TemplateSlots("clause_bar", "comment_form", "workspace_tools")

# Sections the apps above add to "what we heard" (search: campaigns). Each function takes the
# consultation and returns a dict with the ``template_name`` to include and its data.
report_sections = Contributions("response report sections")
# The staff moderation queue (/admin/moderasi/): this app lists comments, apps above add what
# they moderate (forum posts). Each function takes ``user`` and returns a ModerationSection, or
# None when the person moderates nothing of that kind.
moderation_sections = Contributions("staff moderation queue sections")


@dataclass(frozen=True)
class ModerationSection:
    title: str
    template: str
    waiting: int  # how many items wait for a decision, for the menu badge and the heading
    context: dict


def report_statistics(*, consultation: Consultation) -> dict:
    """Counts of published comments by stance, respondent type, province and clause."""
    comments = published_comments(consultation=consultation)

    def counted(field: str, labels: dict) -> list[tuple[str, int]]:
        rows = comments.values_list(field).annotate(total=Count("id")).order_by("-total")
        return [(labels.get(value, value) or "—", total) for value, total in rows]

    clause_labels = {"": "—"} | {
        c.key: c.label for c in outline_clauses(consultation.draft.specific.outline)
    }
    return {
        "total": comments.count(),
        "clause_labels": clause_labels,
        "stance": counted("stance", dict(Stance.choices)),
        "respondent_type": counted("respondent_type", dict(RespondentType.choices)),
        "province": counted("province", dict(Province.choices)),
        "clause": counted("clause_key", clause_labels),
    }


def report_responses(*, consultation: Consultation) -> dict:
    comment_responses = (
        CommentResponse.objects.filter(consultation=consultation)
        .prefetch_related(Prefetch("comments", queryset=Comment.objects.select_related("author")))
        .order_by("id")
    )
    return {
        "clause_responses": {r.clause_key: r for r in consultation.clause_responses.all()},
        "theme_responses": list(consultation.theme_responses.order_by("-comment_count", "id")),
        "comment_responses": list(comment_responses),
    }


def next_draft_version(*, consultation: Consultation):
    draft = consultation.draft.specific
    return (
        DraftPage.objects.live()
        .sibling_of(draft, inclusive=False)
        .filter(version_number__gt=draft.version_number)
        .order_by("version_number")
        .first()
    )


def earlier_input_by_clause(*, draft) -> dict:
    """For a new draft version: how many comments each clause drew on the previous version,
    and whether the clause changed since, so readers see input carried forward."""
    previous = draft.previous_published
    if previous is None:
        return {}
    earlier = consultation_for_draft(draft=previous)
    if earlier is None:
        return {}
    return {
        "consultation": earlier,
        "version": previous,
        "counts": clause_comment_counts(consultation=earlier),
        "changed": changed_clauses(old=previous, new=draft),
    }


def draft_page_parts(*, page, request) -> dict:
    """The consultation's part of a draft page (registered on `DraftPage.context_contributions`)."""
    return draft_page_context(draft=page, user=request.user)


def policy_page_parts(*, page, request) -> dict:
    """The consultation's part of a policy page: whether the reader follows it."""
    return {"following": user_follows_policy(user=request.user, policy=page)}


def user_follows_policy(*, user, policy) -> bool:
    return user.is_authenticated and PolicyFollow.objects.filter(user=user, policy=policy).exists()


def comments_to_answer(
    *,
    consultation: Consultation,
    clause_key: str | None = None,
    stance: str | None = None,
    answered: bool | None = None,
) -> QuerySet[Comment]:
    """Published comments (not replies) a drafter answers, in the draft's order by clause."""
    comments = (
        published_comments(consultation=consultation)
        .select_related("author")
        .prefetch_related("responses")
    )
    if clause_key is not None:
        comments = comments.filter(clause_key=clause_key)
    if stance:
        comments = comments.filter(stance=stance)
    if answered is not None:
        comments = comments.filter(responses__isnull=not answered).distinct()
    return comments.order_by("clause_key", "id")


def clause_choices(*, consultation: Consultation) -> list[tuple[str, str]]:
    """The whole draft, then every clause with the start of its text, for choosing a target."""
    choices = [("", _("The draft as a whole"))]
    for key, label, text in consultation.clauses:
        excerpt = text if len(text) < 70 else f"{text[:67]}…"
        choices.append((key, f"{label}: {excerpt}"))
    return choices


@dataclass(frozen=True)
class ConsultationAtAGlance:
    """One row of the staff home: what needs doing on a consultation."""

    consultation: Consultation
    pending: int
    reported: int
    open_appeals: int
    answered: int  # top-level published comments with at least one response
    to_answer: int  # top-level published comments
    opens_soon: bool
    closes_soon: bool


SOON = dt.timedelta(days=7)


def staff_consultations_at_a_glance(
    consultations: QuerySet[Consultation], *, now: dt.datetime | None = None
) -> list[ConsultationAtAGlance]:
    """Consultations still in progress (not yet with a published report, or opening soon), with
    their moderation and response figures, in a fixed number of queries."""
    now = now or timezone.now()
    current = list(
        consultations.filter(Q(response_published_at__isnull=True) | Q(opens_at__gt=now))
        .filter(opens_at__lte=now + SOON)
        .select_related("policy", "draft")
        .order_by("closes_at")
    )
    ids = [c.pk for c in current]
    comments = Comment.objects.filter(consultation_id__in=ids)
    top = comments.filter(status=CommentStatus.PUBLISHED, parent__isnull=True)
    counts = {
        "pending": _count_by_consultation(comments.filter(status=CommentStatus.PENDING)),
        "reported": _count_by_consultation(
            comments.filter(status=CommentStatus.PUBLISHED, flag_count__gt=0)
        ),
        "open_appeals": _count_by_consultation(
            comments.filter(appeal__isnull=False, appeal__resolved_at__isnull=True)
        ),
        "answered": _count_by_consultation(top.filter(responses__isnull=False).distinct()),
        "to_answer": _count_by_consultation(top),
    }
    return [
        ConsultationAtAGlance(
            consultation=c,
            **{name: figures.get(c.pk, 0) for name, figures in counts.items()},
            opens_soon=now < c.opens_at <= now + SOON,
            closes_soon=c.opens_at <= now < c.closes_at <= now + SOON,
        )
        for c in current
    ]


def _count_by_consultation(comments: QuerySet[Comment]) -> dict[int, int]:
    return dict(
        comments.order_by()
        .values_list("consultation_id")
        .annotate(total=Count("id", distinct=True))
    )
