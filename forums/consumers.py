"""Live thread updates over WebSocket. Thin: parse a frame, check it, call the same services the
HTTP views use, send. Protocol version 1 is documented in docs/forum-protocol.md."""

from __future__ import annotations

import time

from asgiref.sync import sync_to_async
from channels.generic.websocket import AsyncJsonWebsocketConsumer
from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.utils import translation

from forums import presence, selectors, services
from forums.errors import error_message
from forums.models import Thread

PROTOCOL_VERSION = 1
MAX_FRAME_BYTES = 16 * 1024
POSTS_PER_WINDOW = 5
WINDOW_SECONDS = 10
READERS_INTERVAL_SECONDS = 2.0


class ThreadConsumer(AsyncJsonWebsocketConsumer):
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

    @classmethod
    async def encode_json(cls, content) -> str:
        return services.to_json(content)  # the same escaping (<, >, &) as the HTTP catch-up

    async def error(self, code: str, ref=None) -> None:
        """An error frame; its message is in the site's language, its code is for programs."""
        with translation.override(settings.LANGUAGE_CODE):
            message = error_message(code)
        await self.send_json({"type": "error", "code": code, "message": message, "ref": ref})

    async def receive(self, text_data=None, bytes_data=None, **kwargs):
        """Answer an oversized or malformed frame with an error frame, keeping the socket open
        (the parent class would raise); binary frames are read as UTF-8 text."""
        if text_data is None:
            text_data = (bytes_data or b"").decode("utf-8", "replace")
        if len(text_data.encode("utf-8")) > MAX_FRAME_BYTES:
            return await self.error("too_large")
        try:
            message = await self.decode_json(text_data)
        except ValueError:
            return await self.error("bad_json")
        await self.receive_json(message, **kwargs)

    async def receive_json(self, message, **kwargs):
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
        # The flood limit of this one connection; the per-person limit is the service's.
        now = time.monotonic()
        self.recent_posts = [t for t in self.recent_posts if now - t < WINDOW_SECONDS]
        if len(self.recent_posts) >= POSTS_PER_WINDOW:
            return await self.error("rate_limited", ref)
        self.recent_posts.append(now)
        thread = await Thread.objects.filter(pk=self.thread_id).afirst()
        if thread is None:
            return await self.error("no_thread", ref)
        try:
            post = await sync_to_async(services.post_create)(
                thread=thread, author=self.scope.get("user") or AnonymousUser(), body=body,
                reply_to_id=reply_to,
            )  # fmt: skip
        except services.ForumError as error:
            return await self.error(error.code, ref)
        await self.send_json({"type": "ack", "ref": ref, "seq": post.seq, "id": post.pk})

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
