from __future__ import annotations

from django.db.models import Count, Max, Q, QuerySet
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext as _

from accounts.models import StaffRole
from accounts.predicates import is_site_admin
from accounts.selectors import agency_ids_with_role
from consultations.models import Consultation, FlagReason
from consultations.selectors import ModerationSection
from forums.models import Post, PostModeration, Reaction, Thread, ThreadEvent

CATCH_UP_LIMIT = 500


def events_after(*, thread: Thread, after: int, limit: int = CATCH_UP_LIMIT) -> list[ThreadEvent]:
    """Stored events after a sequence number, in order (the replay for a reconnecting client)."""
    return list(ThreadEvent.objects.filter(thread=thread, seq__gt=after).order_by("seq")[:limit])


def threads_listed() -> QuerySet[Thread]:
    """Threads for the forum's list, pinned first, each with the number of posts a reader can
    read (hidden and deleted ones not counted) and when the last one was written."""
    readable = Q(posts__hidden=False, posts__deleted=False)
    return (
        Thread.objects.select_related("policy")
        .annotate(
            post_count=Count("posts", filter=readable),
            last_post_at=Max("posts__created_at", filter=readable),
        )
        .order_by("-pinned", "-created_at")
    )


def thread_posts(*, thread: Thread) -> QuerySet[Post]:
    return Post.objects.filter(thread=thread).select_related("author").order_by("seq")


def reaction_counts(*, posts) -> dict[int, dict[str, int]]:
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
    of the agencies the user moderates (the same active-account condition as the rules)."""
    entries = PostModeration.objects.select_related("post__thread", "post__author", "moderator")
    if is_site_admin(user):
        return entries
    agencies = agency_ids_with_role(user, StaffRole.MODERATOR)
    return entries.filter(
        Q(post__thread__policy__agency__in=agencies)
        | Q(post__thread__consultation__policy__agency__in=agencies)
    )


def moderated_posts(*, user) -> QuerySet[Post] | None:
    """Posts a person moderates (all for site admins, else those in threads of the agencies
    they moderate); None for someone who moderates no forum."""
    posts = Post.objects.filter(deleted=False).select_related("thread", "author")
    if is_site_admin(user):
        return posts
    agencies = agency_ids_with_role(user, StaffRole.MODERATOR)
    if not agencies.exists():
        return None
    return posts.filter(
        Q(thread__policy__agency__in=agencies)
        | Q(thread__consultation__policy__agency__in=agencies)
    )


RECENT_POSTS = 50


def posts_moderation_section(*, user) -> ModerationSection | None:
    """The forum part of the staff moderation queue: the latest posts in the person's threads,
    hidden ones marked, each with the hide or restore action."""
    posts = moderated_posts(user=user)
    if posts is None:
        return None
    return ModerationSection(
        title=_("Forum posts"),
        template="forums/staff_moderation_section.html",
        waiting=0,  # posts are published at once (post-moderation): nothing waits
        context={"posts": list(posts.order_by("-created_at")[:RECENT_POSTS]),
                 "reasons": FlagReason.choices},
    )  # fmt: skip


def discussion_target(*, consultation_id, clause_key: str):
    """The consultation and clause a new thread is about, from untrusted query values: unknown
    ones are ignored (the thread is then started without them)."""
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
    for thread in (
        Thread.objects.filter(consultation__draft__translation_key=draft.translation_key)
        .only("pk", "title", "clause_key")
        .order_by("-pinned", "created_at")
    ):
        threads.setdefault(thread.clause_key, []).append(thread)
    return threads


def threads_on(*, consultation, clause_key: str) -> list[Thread]:
    """The discussions already held on one clause (or the whole draft), to join before starting
    another."""
    if consultation is None:
        return []
    return list(
        Thread.objects.filter(consultation=consultation, clause_key=clause_key)
        .annotate(posts_count=Count("posts", filter=Q(posts__deleted=False, posts__hidden=False)))
        .order_by("-pinned", "created_at")
    )


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
