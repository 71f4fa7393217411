from __future__ import annotations

from django.db.models import QuerySet
from django.utils.functional import SimpleLazyObject

from forums.models import Post, Thread, ThreadEvent

CATCH_UP_LIMIT = 500


def events_after(*, thread: Thread, after: int, limit: int = CATCH_UP_LIMIT) -> list[ThreadEvent]:
    """Stored events after a sequence number, in order (the replay for a reconnecting client)."""
    return list(ThreadEvent.objects.filter(thread=thread, seq__gt=after).order_by("seq")[:limit])


def thread_posts(*, thread: Thread) -> QuerySet[Post]:
    return Post.objects.filter(thread=thread).select_related("author").order_by("seq")


def reaction_counts(*, posts) -> dict[int, dict[str, int]]:
    from django.db.models import Count

    from forums.models import Reaction

    counts: dict[int, dict[str, int]] = {}
    rows = (
        Reaction.objects.filter(post__in=posts)
        .values_list("post_id", "kind")
        .annotate(total=Count("id"))
        .order_by()
    )
    for post_id, kind, total in rows:
        counts.setdefault(post_id, {})[kind] = total
    return counts


def moderation_log(*, user) -> QuerySet:
    """Forum moderation decisions a user may review: all for site admins, else those on threads
    of the agencies the user moderates."""
    from django.db.models import Q

    from accounts.models import RoleAssignment, StaffRole
    from forums.models import PostModeration

    entries = PostModeration.objects.select_related("post__thread", "post__author", "moderator")
    if user.is_superuser:
        return entries
    agencies = RoleAssignment.objects.filter(user=user, role=StaffRole.MODERATOR).values("agency")
    return entries.filter(
        Q(post__thread__policy__agency__in=agencies)
        | Q(post__thread__consultation__policy__agency__in=agencies)
    )


def can_review_moderation(user) -> bool:
    from accounts.models import RoleAssignment, StaffRole

    return (
        user.is_superuser
        or RoleAssignment.objects.filter(user=user, role=StaffRole.MODERATOR).exists()
    )


def discussion_target(*, consultation_id, clause_key: str):
    """The consultation and clause a new thread is about, from untrusted query values: unknown
    ones are ignored (the thread is then started without them)."""
    from consultations.models import Consultation

    try:
        consultation = (
            Consultation.objects.select_related("policy", "draft")
            .filter(pk=int(consultation_id or 0))
            .first()
        )
    except ValueError:
        consultation = None
    if consultation is None:
        return None, "", ""
    labels = {key: label for key, label, _text in consultation.clauses}
    if clause_key not in labels:
        return consultation, "", ""
    return consultation, clause_key, labels[clause_key]


def clause_label(thread: Thread) -> str:
    if not (thread.consultation_id and thread.clause_key):
        return ""
    return {key: label for key, label, _ in thread.consultation.clauses}.get(thread.clause_key, "")


def threads_by_clause(*, draft) -> dict[str, list[Thread]]:
    """Discussion threads on the draft's consultations, by clause key ("" for the whole draft)."""
    threads: dict[str, list[Thread]] = {}
    for thread in Thread.objects.filter(consultation__draft=draft).only(
        "pk", "title", "clause_key"
    ):
        threads.setdefault(thread.clause_key, []).append(thread)
    return threads


def draft_page_parts(*, page, request) -> dict:
    """The forum's part of a draft page: threads under each clause, read only when shown."""
    return {"clause_threads": SimpleLazyObject(lambda: threads_by_clause(draft=page))}


def policy_page_parts(*, page, request) -> dict:
    """The forum's part of a policy page: its latest threads, pinned first."""
    return {
        "threads": SimpleLazyObject(
            lambda: list(Thread.objects.filter(policy=page).order_by("-pinned", "-created_at")[:10])
        )
    }
