"""Two real uvicorn processes sharing Redis: a post made on one reaches a reader on the other."""

import asyncio
import json
import os
import time

import pytest
import websockets

from tests.forums.servers import Site, demo_thread_id, post_form

pytestmark = pytest.mark.redis


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    redis_url = os.environ.get("REDIS_URL")
    assert redis_url, "this test needs REDIS_URL (run by .ci/run with the local Redis)"
    site = Site(tmp_path_factory.mktemp("two-servers"), redis_url, count=2)
    yield site
    site.stop()


async def next_event(reader) -> dict:
    while (message := json.loads(await asyncio.wait_for(reader.recv(), timeout=5)))["type"] != (
        "event"
    ):
        continue
    return message


def test_post_on_one_server_reaches_a_reader_on_the_other(site):
    port_a, port_b = site.ports
    writer = site.signed_in_client(port_b)
    thread_id = demo_thread_id(writer)

    async def scenario():
        uri = f"ws://127.0.0.1:{port_a}/ws/forum/"
        async with websockets.connect(uri, origin=f"http://127.0.0.1:{port_a}") as reader:
            assert json.loads(await reader.recv())["type"] == "hello"
            await reader.send(
                json.dumps({"type": "subscribe", "thread": thread_id, "after": 10_000})
            )
            subscribed = json.loads(await reader.recv())
            assert subscribed["type"] == "subscribed"

            started = time.monotonic()
            response = await asyncio.to_thread(post_form, writer, thread_id, "Dari server B.")
            assert response.status_code == 302
            event = await next_event(reader)
            assert event["kind"] == "post.created" and event["data"]["body"] == "Dari server B."
            assert event["seq"] == subscribed["last_seq"] + 1
            return time.monotonic() - started

    assert asyncio.run(scenario()) < 5
