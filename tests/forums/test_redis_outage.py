"""Redis stops and comes back: pages and posting over HTTP keep working, nothing is lost, and
live readers catch up by sequence. The test runs a Redis server of its own so it can stop it."""

import asyncio
import json

import pytest
import websockets

from tests.forums.servers import RedisServer, Site, demo_thread_id, post_form

pytestmark = pytest.mark.redis


@pytest.fixture
def redis_server(tmp_path):
    server = RedisServer(tmp_path)
    server.start()
    yield server
    if server.process.poll() is None:
        server.stop()


@pytest.fixture
def site(tmp_path, redis_server):
    site = Site(tmp_path, redis_server.url)
    yield site
    site.stop()


async def open_reader(port: int, thread_id: int, after: int):
    reader = await websockets.connect(
        f"ws://127.0.0.1:{port}/ws/forum/", origin=f"http://127.0.0.1:{port}"
    )
    assert json.loads(await reader.recv())["type"] == "hello"
    await reader.send(json.dumps({"type": "subscribe", "thread": thread_id, "after": after}))
    subscribed = json.loads(await reader.recv())
    assert subscribed["type"] == "subscribed", subscribed
    return reader, subscribed


async def events(reader, count: int) -> list[dict]:
    found = []
    while len(found) < count:
        message = json.loads(await asyncio.wait_for(reader.recv(), timeout=10))
        if message["type"] == "event":
            found.append(message)
    return found


def test_posting_survives_a_redis_restart_and_readers_catch_up(site, redis_server):
    (port,) = site.ports
    client = site.signed_in_client(port)
    thread_id = demo_thread_id(client)
    last_seq = asyncio.run(open_reader(port, thread_id, 10**9))[1]["last_seq"]

    redis_server.stop()
    health = client.get("/healthz")
    assert health.status_code == 200 and health.json()["status"] == "degraded"
    assert health.json()["components"]["cache"]["status"] == "down"
    assert client.get(f"/forum/{thread_id}/").status_code == 200
    response = post_form(client, thread_id, "Ditulis saat Redis mati.")
    assert response.status_code == 302, response.text[:500]
    assert "Ditulis saat Redis mati." in client.get(f"/forum/{thread_id}/").text
    caught_up = client.get(f"/forum/{thread_id}/peristiwa/?setelah={last_seq}").json()
    assert [e["data"]["body"] for e in caught_up["events"]] == ["Ditulis saat Redis mati."]

    redis_server.start()

    async def after_restart():
        # A reader that reconnects asks for what it missed and gets it once, in order...
        for _ in range(50):  # the server reconnects to Redis within a few seconds
            try:
                reader, subscribed = await open_reader(port, thread_id, last_seq)
                break
            except (websockets.ConnectionClosed, AssertionError, OSError):
                await asyncio.sleep(0.2)
        assert subscribed["last_seq"] == last_seq + 1
        (missed,) = await events(reader, 1)
        assert (missed["seq"], missed["data"]["body"]) == (last_seq + 1, "Ditulis saat Redis mati.")
        # ...and live delivery works again.
        response = await asyncio.to_thread(post_form, client, thread_id, "Redis kembali.")
        assert response.status_code == 302
        (live,) = await events(reader, 1)
        assert (live["seq"], live["data"]["body"]) == (last_seq + 2, "Redis kembali.")
        await reader.close()

    asyncio.run(after_restart())
    assert client.get("/healthz").json()["components"]["cache"]["status"] == "ok"
