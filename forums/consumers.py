"""Live thread updates over WebSocket. Thin: parse a frame, check it, call the same services the
HTTP views use, send. Protocol version 1 is documented in docs/forum-protocol.md."""

from __future__ import annotations

import json
import time

from asgiref.sync import sync_to_async
from channels.generic.websocket import AsyncWebsocketConsumer
from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from forums import presence, selectors, services
from forums.models import Post, Thread

PROTOCOL_VERSION = 1
MAX_FRAME_BYTES = 16 * 1024
POSTS_PER_WINDOW = 5
WINDOW_SECONDS = 10
READERS_INTERVAL_SECONDS = 2.0

ERROR_MESSAGES = {
    "bad_json": _("Frame is not valid JSON."),
    "too_large": _("Frame is larger than 16 KB."),
    "unknown_type": _("Unknown message type."),
    "bad_request": _("Missing or invalid field."),
    "not_subscribed": _("Subscribe to a thread first."),
    "no_thread": _("No such thread."),
    "not_allowed": _("Sign in with a verified email address to post."),
    "locked": _("This thread is locked."),
    "empty": _("The post is empty."),
    "too_long": _("The post is too long."),
    "reply_elsewhere": _("That post is in another thread."),
    "rate_limited": _("Too many posts; wait a little and try again."),
}


class ThreadConsumer(AsyncWebsocketConsumer):
    async def connect(self):
        self.thread_id: int | None = None
        self.recent_posts: list[float] = []
        self.readers_shown: int | None = None
        await self.accept()
        await self.send_json({"type": "hello", "version": PROTOCOL_VERSION})

    async def disconnect(self, code):
        if self.thread_id is not None:
            await self.leave_thread()

    async def leave_thread(self) -> None:
        thread_id, self.thread_id = self.thread_id, None
        presence.leave(thread_id)
        await self.channel_layer.group_discard(services.thread_group(thread_id), self.channel_name)
        await self.announce_readers(thread_id)

    async def announce_readers(self, thread_id: int) -> None:
        interval = getattr(settings, "FORUM_READERS_INTERVAL", READERS_INTERVAL_SECONDS)
        await presence.announce(
            self.channel_layer, services.thread_group(thread_id), thread_id, interval=interval
        )

    async def send_json(self, message: dict) -> None:
        await self.send(text_data=services.to_json(message))

    async def error(self, code: str, ref=None) -> None:
        """An error frame; its message is in the site's language, its code is for programs."""
        with translation.override(settings.LANGUAGE_CODE):
            message = str(ERROR_MESSAGES[code])
        await self.send_json({"type": "error", "code": code, "message": message, "ref": ref})

    async def receive(self, text_data=None, bytes_data=None):
        raw = text_data if text_data is not None else (bytes_data or b"").decode("utf-8", "replace")
        if len(raw.encode("utf-8")) > MAX_FRAME_BYTES:
            return await self.error("too_large")
        try:
            message = json.loads(raw)
        except ValueError:
            return await self.error("bad_json")
        if not isinstance(message, dict):
            return await self.error("bad_request")
        handler = {
            "subscribe": self.on_subscribe,
            "post": self.on_post,
            "ping": self.on_ping,
        }.get(message.get("type"))
        if handler is None:
            return await self.error("unknown_type", message.get("ref"))
        await handler(message)

    async def on_ping(self, message):
        await self.send_json({"type": "pong"})

    async def on_subscribe(self, message):
        thread_id, after = message.get("thread"), message.get("after", 0)
        if not isinstance(thread_id, int) or not isinstance(after, int) or after < 0:
            return await self.error("bad_request", message.get("ref"))
        thread = await Thread.objects.filter(pk=thread_id).afirst()
        if thread is None:
            return await self.error("no_thread", message.get("ref"))
        if self.thread_id is not None:
            await self.leave_thread()
        # Join first, then replay: an event stored meanwhile arrives twice at most, and the
        # client drops sequences it has seen, so nothing falls in between.
        await self.channel_layer.group_add(services.thread_group(thread.pk), self.channel_name)
        self.thread_id = thread.pk
        presence.join(thread.pk)
        readers = self.readers_shown = presence.total(thread.pk)
        events = await sync_to_async(selectors.events_after)(thread=thread, after=after)
        await self.send_json(
            {
                "type": "subscribed",
                "thread": thread.pk,
                "last_seq": thread.last_seq,
                "readers": readers,
            }
        )
        for event in events:
            await self.send_json(services.event_message(event))
        await self.announce_readers(thread.pk)

    async def on_post(self, message):
        ref = message.get("ref")
        if self.thread_id is None:
            return await self.error("not_subscribed", ref)
        body, reply_to = message.get("body"), message.get("reply_to")
        if not isinstance(body, str) or (reply_to is not None and not isinstance(reply_to, int)):
            return await self.error("bad_request", ref)
        user = self.scope.get("user")
        if user is None or not user.is_authenticated:
            return await self.error("not_allowed", ref)
        now = time.monotonic()
        self.recent_posts = [t for t in self.recent_posts if now - t < WINDOW_SECONDS]
        if len(self.recent_posts) >= POSTS_PER_WINDOW:
            return await self.error("rate_limited", ref)
        self.recent_posts.append(now)
        if await sync_to_async(services.post_rate_limited)(user):
            return await self.error("rate_limited", ref)
        try:
            post = await sync_to_async(self._create_post)(user, body, reply_to)
        except services.ForumError as error:
            return await self.error(error.code, ref)
        await self.send_json({"type": "ack", "ref": ref, "seq": post.seq, "id": post.pk})

    def _create_post(self, user, body: str, reply_to_id: int | None) -> Post:
        thread = Thread.objects.get(pk=self.thread_id)
        reply_to = Post.objects.filter(pk=reply_to_id).first() if reply_to_id else None
        if reply_to_id and reply_to is None:
            raise services.ForumError("reply_elsewhere")
        return services.post_create(thread=thread, author=user, body=body, reply_to=reply_to)

    async def thread_event(self, message):
        await self.send_json(message["event"])

    async def thread_readers(self, message):
        presence.heard(message["thread"], message["process"], message["count"])
        if self.thread_id != message["thread"]:
            return
        count = presence.total(self.thread_id)
        if count != self.readers_shown:  # heartbeats that change nothing cost no frame
            self.readers_shown = count
            await self.send_json({"type": "readers", "count": count})
