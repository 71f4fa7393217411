"""What forums hold about a person, how it is exported, erased and retired."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from forums.models import Post, PostModeration, Reaction
from forums.services import locked_post, post_history_rewrite, reactions_announce


def export_posts_of(user) -> list[dict]:
    return [
        {
            "id": post.pk,
            "thread": post.thread.title,
            "reply_to": post.reply_to_id,
            "body": post.body,
            "created_at": post.created_at.isoformat(),
            "edited_at": post.edited_at.isoformat() if post.edited_at else None,
            "deleted": post.deleted,
            "hidden": post.hidden,
        }
        for post in Post.objects.filter(author=user).select_related("thread").order_by("id")
    ]


@transaction.atomic
def erase_posts_of(user) -> None:
    """Posts stay in the discussion others answered, without the name (also in the stored
    events that clients replay); reactions go."""
    posts = list(Post.objects.filter(author=user).select_related("thread"))
    Post.objects.filter(pk__in=[post.pk for post in posts]).update(author=None)
    for post in posts:  # each under its thread's lock, from the post as it is now
        _thread, post = locked_post(post)
        post_history_rewrite(post)
    reacted = list(Post.objects.filter(reactions__user=user).distinct().select_related("thread"))
    Reaction.objects.filter(user=user).delete()
    for post in reacted:  # the counts on open screens and in replays go down too
        reactions_announce(post)


def purge_expired_forum_moderation_log() -> int:
    cutoff = timezone.now() - dt.timedelta(days=settings.MODERATION_LOG_RETENTION_DAYS)
    deleted, _ = PostModeration.objects.filter(created_at__lt=cutoff).delete()
    return deleted
