from __future__ import annotations

from django.db.models import QuerySet

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
