"""Helpers for WebSocket scenarios against ThreadConsumer, run inside the test's transaction."""

from __future__ import annotations

from asgiref.sync import async_to_sync
from channels.testing import WebsocketCommunicator
from django.db import connection

from forums.consumers import ThreadConsumer


def run(coroutine_function):
    """Run an async scenario from a sync test, so database work comes back to this thread and
    stays inside the test's transaction."""
    return async_to_sync(coroutine_function)()


async def connect(user=None):
    communicator = WebsocketCommunicator(ThreadConsumer.as_asgi(), "/ws/forum/")
    if user is not None:
        communicator.scope["user"] = user
    connected, _ = await communicator.connect()
    assert connected
    assert (await communicator.receive_json_from())["type"] == "hello"
    return communicator


def run_commit_hooks():
    """Do what a commit does in production: run the hooks (the broadcast) registered so far.
    The test's own transaction never commits, so the test triggers them itself."""
    pending, connection.run_on_commit = connection.run_on_commit, []
    for _savepoints, callback, _robust in pending:
        callback()


async def subscribe(communicator, thread_id, after=0):
    """Subscribe and read the replay that follows; return the replay."""
    await communicator.send_json_to({"type": "subscribe", "thread": thread_id, "after": after})
    subscribed = await communicator.receive_json_from()
    assert subscribed["type"] == "subscribed"
    return [
        await communicator.receive_json_from(timeout=2)
        for _ in range(max(subscribed["last_seq"] - after, 0))
    ]


async def receive_until(communicator, kind):
    while True:
        message = await communicator.receive_json_from(timeout=2)
        if message["type"] == kind:
            return message


async def post_over_socket(communicator, body, **fields) -> dict:
    """Send a post frame and return the answer to it: an ``ack`` or an ``error``."""
    await communicator.send_json_to({"type": "post", "body": body, **fields})
    while True:
        message = await communicator.receive_json_from(timeout=2)
        if message["type"] in ("ack", "error"):
            return message
