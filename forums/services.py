"""Posting and moderating in threads. Every change is stored as a numbered event first, then
broadcast to the thread's group after the transaction commits; HTTP and WebSocket both call these."""

from __future__ import annotations

import json
import logging

from asgiref.sync import async_to_sync
from channels.layers import get_channel_layer
from django.conf import settings
from django.core.cache import cache
from django.db import models, transaction
from django.utils import timezone

from consultations.models import FlagReason
from consultations.services import mark_activity
from forums import selectors
from forums.fragments import post_fragments
from forums.models import EventKind, Post, PostModeration, Reaction, Thread, ThreadEvent

logger = logging.getLogger(__name__)


class ForumError(Exception):
    """A refused request; ``code`` is one of the codes in ``forums.errors``."""

    code = "bad_request"

    def __init__(self, code: str | None = None):
        super().__init__(code or self.code)
        self.code = code or self.code


class ThreadLocked(ForumError):
    code = "locked"


class NotAllowed(ForumError):
    code = "not_allowed"


MAX_POST_LENGTH = 5000
POSTS_PER_MINUTE = 10


def post_max_length() -> int:
    """The longest post, in characters, for new posts and edits alike (forms show it too)."""
    return getattr(settings, "FORUM_POST_MAX_LENGTH", MAX_POST_LENGTH)


def _clean_body(body: str) -> str:
    """The text of a new or edited post, or ``ForumError`` if it is empty or too long."""
    body = body.strip()
    if not body:
        raise ForumError("empty")
    if len(body) > post_max_length():
        raise ForumError("too_long")
    return body


def thread_group(thread_id: int) -> str:
    """The channel-layer group of a thread; the one place its name is built."""
    return f"thread.{thread_id}"


def post_payload(post: Post) -> dict:
    """What everyone may see of a post; hidden or deleted posts carry no text. ``html`` is the
    post as the thread page shows it, in each of the site's languages."""
    author = post.author
    html = post_fragments(
        post,
        reaction_counts=selectors.reaction_counts(posts=[post]),
        post_max_length=post_max_length(),
    )
    return {
        "id": post.pk,
        "seq": post.seq,
        "author": author.public_name if (author and post.visible) else "",
        "official": post.official,
        "reply_to": post.reply_to_id,
        "body": post.body if post.visible else "",
        "created_at": post.created_at.isoformat(),
        "edited": post.edited_at is not None,
        "deleted": post.deleted,
        "hidden": post.hidden,
        "html": html,
    }


def _lock(thread: Thread) -> Thread:
    """The thread row, locked until the transaction ends: sequence numbers come from it."""
    return Thread.objects.select_for_update().get(pk=thread.pk)


def _record(locked: Thread, kind: str, post: Post | None, payload: dict) -> ThreadEvent:
    """Store the event under the next sequence number of a thread locked with ``_lock``, and
    broadcast it once the transaction commits."""
    locked.last_seq += 1
    Thread.objects.filter(pk=locked.pk).update(last_seq=locked.last_seq)
    event = ThreadEvent.objects.create(
        thread=locked, seq=locked.last_seq, kind=kind, post=post, payload=payload
    )
    if post is not None and kind != EventKind.REACTED:
        post_history_rewrite(post, payload)
    transaction.on_commit(lambda: broadcast(event))
    return event


def post_history_rewrite(post: Post, payload: dict | None = None) -> None:
    """Make every stored event of a post carry what is true of it now, so the public catch-up
    never replays the text of a post since hidden, deleted or edited, nor an erased name.
    Replaying them still ends in the same state: each event shows the post as it is."""
    payload = payload if payload is not None else post_payload(post)
    ThreadEvent.objects.filter(post=post).exclude(kind=EventKind.REACTED).update(payload=payload)


_HTML_SAFE = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}


def to_json(data) -> str:
    """JSON for the wire (HTTP catch-up and WebSocket frames) with <, > and & escaped, so user
    text can never be read as markup even if a client or proxy mishandles the content type."""
    return json.dumps(data, ensure_ascii=False).translate(_HTML_SAFE)


def event_message(event: ThreadEvent) -> dict:
    return {"type": "event", "seq": event.seq, "kind": event.kind, "data": event.payload}


def broadcast(event: ThreadEvent) -> None:
    """Send a stored event to every open screen of the thread. A channel layer that is down
    loses only the live push: clients catch up by sequence when they reconnect."""
    layer = get_channel_layer()
    try:
        async_to_sync(layer.group_send)(
            thread_group(event.thread_id), {"type": "thread.event", "event": event_message(event)}
        )
    except Exception:  # noqa: BLE001 - Redis down: stored events are replayed on reconnect
        logger.warning("Live broadcast failed for %s", event, exc_info=True)


def _post_rate_limited(user) -> bool:
    """Per-person limit across every connection and the HTTP form (the cache is shared by all
    processes when Redis is configured). Counts this attempt; ``post_create`` asks it."""
    key = f"forum-posts:{user.pk}:{int(timezone.now().timestamp() // 60)}"
    cache.add(key, 0, timeout=120)
    try:
        count = cache.incr(key)
    except ValueError:  # the key expired between add and incr
        cache.set(key, 1, timeout=120)
        count = 1
    if count is None:  # cache unreachable (Redis restarting): the per-connection limit remains
        return False
    return count > getattr(settings, "FORUM_POSTS_PER_MINUTE", POSTS_PER_MINUTE)


@transaction.atomic
def post_create(
    *, thread: Thread, author, body: str, reply_to_id: int | None = None, rate_limit: bool = True
) -> Post:
    """Post to a thread, from any transport. ``reply_to_id`` must name a post of this thread.
    ``rate_limit=False`` skips the per-person limit, for code that writes history (demo data),
    never for a person posting."""
    if not author.has_perm("forums.post"):
        raise NotAllowed
    if rate_limit and _post_rate_limited(author):
        raise ForumError("rate_limited")
    thread = _lock(thread)
    if thread.locked:
        raise ThreadLocked
    body = _clean_body(body)
    reply_to = None
    if reply_to_id is not None:
        reply_to = Post.objects.filter(pk=reply_to_id, thread=thread).first()
        if reply_to is None:  # unknown, or in another thread: the same answer for both
            raise ForumError("reply_elsewhere")
    post = Post.objects.create(
        thread=thread, seq=thread.last_seq + 1, author=author, body=body, reply_to=reply_to,
        official=author.has_perm("forums.post_officially"),
    )  # fmt: skip
    _record(thread, EventKind.CREATED, post, post_payload(post))
    return post


def locked_post(post: Post) -> tuple[Thread, Post]:
    """The thread locked, then the post as it is now: a hide and an edit of the same post
    never interleave, so neither broadcasts nor replays the other's stale state."""
    thread = _lock(post.thread)
    post.refresh_from_db()
    return thread, post


@transaction.atomic
def post_edit(*, post: Post, user, body: str) -> Post:
    thread, post = locked_post(post)
    if post.author_id != user.pk or not post.visible:
        raise NotAllowed
    if thread.locked:
        raise ThreadLocked
    body = _clean_body(body)
    post.body, post.edited_at = body, timezone.now()
    post.save(update_fields=["body", "edited_at"])
    _record(thread, EventKind.EDITED, post, post_payload(post))
    return post


@transaction.atomic
def post_delete(*, post: Post, user) -> Post:
    thread, post = locked_post(post)
    if post.author_id != user.pk:
        raise NotAllowed
    post.deleted = True
    post.save(update_fields=["deleted"])
    _record(thread, EventKind.DELETED, post, post_payload(post))
    return post


@transaction.atomic
def post_moderate(*, post: Post, moderator, hide: bool, reason: str = "", note: str = "") -> Post:
    """Hide (with a reason from the same list as comment moderation) or restore a post; the
    decision and the text as it was go into the append-only forum moderation log."""
    if not moderator.has_perm("forums.moderate", post.thread):
        raise NotAllowed
    if hide and reason not in FlagReason.values:
        raise ForumError("reason_required")
    thread, post = locked_post(post)
    post.hidden = hide
    post.save(update_fields=["hidden"])
    PostModeration.objects.create(
        post=post, moderator=moderator, note=note.strip(), body=post.body,
        action=PostModeration.Action.HIDE if hide else PostModeration.Action.RESTORE,
        reason=reason if hide else "",
    )  # fmt: skip
    kind = EventKind.HIDDEN if hide else EventKind.RESTORED
    _record(thread, kind, post, post_payload(post))
    return post


@transaction.atomic
def thread_set_locked(*, thread: Thread, moderator, locked: bool) -> Thread:
    if not moderator.has_perm("forums.moderate", thread):
        raise NotAllowed
    thread = _lock(thread)
    thread.locked = locked
    thread.save(update_fields=["locked"])
    _record(thread, EventKind.LOCKED if locked else EventKind.UNLOCKED, None, {"locked": locked})
    return thread


def thread_set_pinned(*, thread: Thread, moderator, pinned: bool) -> Thread:
    """Pin a thread to the top of the forum's lists (or unpin it); a moderator's decision."""
    if not moderator.has_perm("forums.moderate", thread):
        raise NotAllowed
    thread.pinned = pinned
    thread.save(update_fields=["pinned"])
    return thread


@transaction.atomic
def thread_create(
    *,
    author,
    title: str,
    body: str,
    policy=None,
    consultation=None,
    clause_key: str = "",
    rate_limit: bool = True,
) -> Thread:
    """A thread on its own, on a policy, on a consultation or on one clause of its draft. Its
    first post counts towards the per-person limit unless ``rate_limit=False`` (see post_create)."""
    if not author.has_perm("forums.post"):
        raise NotAllowed
    if not title.strip():
        raise ForumError("empty")
    if consultation is not None:
        policy = consultation.policy
        if clause_key and clause_key not in consultation.clause_keys:
            raise ForumError("bad_request")
    elif clause_key:
        raise ForumError("bad_request")
    same_place = Thread.objects.filter(consultation=consultation, clause_key=clause_key)
    if consultation is None:
        same_place = Thread.objects.filter(policy=policy, consultation=None)
    if same_place.filter(title__iexact=title.strip()).exists():
        raise ForumError("duplicate_thread")  # a second click, or a title already taken here
    thread = Thread.objects.create(
        title=title.strip(), policy=policy, consultation=consultation, clause_key=clause_key,
        created_by=author,
    )  # fmt: skip
    post_create(thread=thread, author=author, body=body, rate_limit=rate_limit)
    if consultation is not None:  # the draft page lists the consultation's discussions
        mark_activity(consultation)
    return thread


@transaction.atomic
def post_react(*, post: Post, user, kind: str) -> bool:
    """Toggle a reaction; return whether it is now set. Counts go to every open screen."""
    if not user.has_perm("forums.post") or not post.visible:
        raise NotAllowed
    if kind not in dict(Reaction._meta.get_field("kind").choices):
        raise ForumError("bad_request")
    deleted, _ = Reaction.objects.filter(post=post, user=user, kind=kind).delete()
    if not deleted:
        Reaction.objects.create(post=post, user=user, kind=kind)
    reactions_announce(post)
    return not deleted


@transaction.atomic
def reactions_announce(post: Post) -> None:
    """Tell every open screen the post's reaction counts as they are now (after a reaction, or
    after an erased account's reactions went)."""
    counts = dict(
        Reaction.objects.filter(post=post)
        .values_list("kind")
        .annotate(total=models.Count("id"))
        .order_by()
    )
    _record(_lock(post.thread), EventKind.REACTED, post, {"id": post.pk, "reactions": counts})
