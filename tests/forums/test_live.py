"""Live threads over WebSocket: catch-up by sequence, posting, errors that keep the socket open."""

import json

import pytest
from channels.testing import WebsocketCommunicator

from forums import services
from forums.models import Thread
from tests.forums.sockets import connect, receive_until, run, run_commit_hooks, subscribe

pytestmark = pytest.mark.django_db


@pytest.fixture
def thread(egov_policy):
    return Thread.objects.create(title="Bagaimana layanan di desa?", policy=egov_policy)


@pytest.fixture
def post(django_capture_on_commit_callbacks):
    def make(thread, author, body):
        with django_capture_on_commit_callbacks(execute=True):
            return services.post_create(thread=thread, author=author, body=body)

    return make


def test_reconnecting_reader_gets_what_it_missed_in_order(thread, user_factory, post):
    author = user_factory()
    for number in range(1, 4):
        post(thread, author, f"Pesan {number}")

    async def scenario():
        reader = await connect()
        await reader.send_json_to({"type": "subscribe", "thread": thread.pk, "after": 1})
        subscribed = await reader.receive_json_from()
        assert subscribed == {
            "type": "subscribed", "thread": thread.pk, "last_seq": 3, "readers": 1
        }  # fmt: skip
        replay = [await reader.receive_json_from() for _ in range(2)]
        assert [(e["seq"], e["data"]["body"]) for e in replay] == [(2, "Pesan 2"), (3, "Pesan 3")]
        assert await reader.receive_nothing()  # its own arrival is in "subscribed" already
        await reader.disconnect()

    run(scenario)


def test_a_post_made_over_http_reaches_open_sockets(thread, user_factory, post):
    author = user_factory(display_name="Warga Desa")

    async def scenario():
        reader = await connect()
        await subscribe(reader, thread.pk)
        from asgiref.sync import sync_to_async

        await sync_to_async(post)(thread, author, "Sinyal di desa kami lemah.")
        event = await reader.receive_json_from(timeout=2)
        assert event["kind"] == "post.created" and event["seq"] == 1
        assert event["data"]["body"] == "Sinyal di desa kami lemah."
        assert event["data"]["author"] == "Warga Desa"
        await reader.disconnect()

    run(scenario)


def test_verified_user_posts_over_the_socket_and_everyone_sees_it(thread, user_factory):
    author = user_factory()

    async def scenario():
        writer, reader = await connect(author), await connect()
        for communicator in (writer, reader):
            await subscribe(communicator, thread.pk)
        await writer.send_json_to({"type": "post", "body": "Halo semua", "ref": "a1"})
        ack = await receive_until(writer, "ack")
        assert ack["ref"] == "a1" and ack["seq"] == 1
        from asgiref.sync import sync_to_async

        await sync_to_async(run_commit_hooks)()
        event = await receive_until(reader, "event")
        assert event["data"]["body"] == "Halo semua"
        await writer.disconnect()
        await reader.disconnect()

    run(scenario)


@pytest.mark.parametrize(
    ("frame", "code"),
    [
        ("not json", "bad_json"),
        (json.dumps({"type": "dance"}), "unknown_type"),
        (json.dumps([1, 2]), "bad_request"),
        (json.dumps({"type": "post", "body": "x" * 20000}), "too_large"),
        (json.dumps({"type": "post", "body": "belum berlangganan"}), "not_subscribed"),
        (json.dumps({"type": "subscribe", "thread": "satu"}), "bad_request"),
        (json.dumps({"type": "subscribe", "thread": 999999}), "no_thread"),
    ],
)
def test_bad_frames_get_an_error_and_the_socket_stays_usable(frame, code):
    async def scenario():
        client = await connect()
        await client.send_to(text_data=frame)
        error = await client.receive_json_from()
        assert error["type"] == "error" and error["code"] == code and error["message"]
        await client.send_json_to({"type": "ping"})
        assert (await client.receive_json_from())["type"] == "pong"
        await client.disconnect()

    run(scenario)


def test_binary_frames_are_read_as_text_and_garbage_gets_an_error():
    async def scenario():
        client = await connect()
        await client.send_to(bytes_data=b"\xff\xfe not json")
        error = await client.receive_json_from()
        assert error["type"] == "error" and error["code"] == "bad_json" and error["message"]
        await client.send_to(bytes_data=json.dumps({"type": "ping"}).encode())
        assert (await client.receive_json_from())["type"] == "pong"
        await client.disconnect()

    run(scenario)


def test_frames_escape_markup_characters(thread, user_factory):
    author = user_factory(display_name="<b>Tamu</b> & co")

    async def scenario():
        client = await connect(author)
        await subscribe(client, thread.pk)
        await client.send_json_to({"type": "post", "body": "<script>alert(1)</script> & >"})
        await receive_until(client, "ack")
        from asgiref.sync import sync_to_async

        await sync_to_async(run_commit_hooks)()
        raw = await client.receive_from(timeout=2)
        while json.loads(raw)["type"] != "event":
            raw = await client.receive_from(timeout=2)
        assert "<" not in raw and ">" not in raw and "&" not in raw
        assert "\\u003Cscript\\u003E" in raw and "\\u0026" in raw
        event = json.loads(raw)
        assert event["data"]["body"] == "<script>alert(1)</script> & >"
        assert event["data"]["author"] == "<b>Tamu</b> & co"
        await client.disconnect()

    run(scenario)


def test_anonymous_and_unverified_cannot_post_and_locked_threads_refuse(thread, user_factory):
    from django.contrib.auth.models import AnonymousUser

    unverified = user_factory(verified=False)
    author = user_factory()

    async def scenario():
        for user, code in ((AnonymousUser(), "not_allowed"), (unverified, "not_allowed")):
            client = await connect(user)
            await subscribe(client, thread.pk)
            await client.send_json_to({"type": "post", "body": "Boleh?"})
            assert (await client.receive_json_from())["code"] == code
            await client.disconnect()
        await Thread.objects.filter(pk=thread.pk).aupdate(locked=True)
        client = await connect(author)
        await subscribe(client, thread.pk)
        await client.send_json_to({"type": "post", "body": "Masih bisa?"})
        assert (await client.receive_json_from())["code"] == "locked"
        await client.disconnect()

    run(scenario)
    assert not thread.posts.exists()


def test_floods_are_limited_per_connection(thread, user_factory):
    author = user_factory()

    async def scenario():
        client = await connect(author)
        await subscribe(client, thread.pk)
        codes = []
        for number in range(7):
            await client.send_json_to({"type": "post", "body": f"Banjir {number}", "ref": number})
            reply = await receive_until_any(client, {"ack", "error"})
            codes.append(reply.get("code", "ok"))
        assert codes == ["ok"] * 5 + ["rate_limited"] * 2
        await client.disconnect()

    async def receive_until_any(client, kinds):
        while True:
            message = await client.receive_json_from(timeout=2)
            if message["type"] in kinds:
                return message

    run(scenario)


def test_hidden_posts_are_never_broadcast_with_their_text(
    thread, user_factory, post, django_capture_on_commit_callbacks, site_admin
):
    written = post(thread, user_factory(), "Isi yang melanggar aturan")
    admin = site_admin

    async def scenario():
        reader = await connect()
        await subscribe(reader, thread.pk, after=1)
        from asgiref.sync import sync_to_async

        def hide():
            with django_capture_on_commit_callbacks(execute=True):
                services.post_moderate(post=written, moderator=admin, hide=True, reason="abusive")

        await sync_to_async(hide)()
        event = await reader.receive_json_from(timeout=2)
        assert event["kind"] == "post.hidden" and event["data"]["body"] == ""
        assert "melanggar" not in json.dumps(event)
        await reader.disconnect()

    run(scenario)


def test_wrong_origin_is_rejected():
    from config.asgi import application

    async def scenario():
        communicator = WebsocketCommunicator(
            application,
            "/ws/forum/",
            headers=[(b"origin", b"http://evil.example"), (b"host", b"testserver")],
        )
        connected, _ = await communicator.connect()
        assert not connected
        good = WebsocketCommunicator(
            application,
            "/ws/forum/",
            headers=[(b"origin", b"http://testserver"), (b"host", b"testserver")],
        )
        connected, _ = await good.connect()
        assert connected
        await good.disconnect()

    run(scenario)


def test_one_person_is_limited_across_connections(
    thread, user_factory, settings, within_one_minute
):
    settings.FORUM_POSTS_PER_MINUTE = 3
    author = user_factory()

    async def scenario():
        codes = []
        for _ in range(2):  # two tabs of the same person
            client = await connect(author)
            await client.send_json_to({"type": "subscribe", "thread": thread.pk})
            await receive_until(client, "subscribed")
            for number in range(2):
                await client.send_json_to({"type": "post", "body": f"Tab {number}", "ref": number})
                while True:
                    reply = await client.receive_json_from(timeout=2)
                    if reply["type"] in ("ack", "error"):
                        codes.append(reply.get("code", "ok"))
                        break
            await client.disconnect()
        assert codes == ["ok", "ok", "ok", "rate_limited"]

    run(scenario)


def test_readers_see_how_many_people_are_reading(thread):
    async def scenario():
        first = await connect()
        await subscribe(first, thread.pk)
        second = await connect()
        await second.send_json_to({"type": "subscribe", "thread": thread.pk})
        assert (await second.receive_json_from())["readers"] == 2
        assert await receive_until(first, "readers") == {"type": "readers", "count": 2}
        await second.disconnect()
        assert await receive_until(first, "readers") == {"type": "readers", "count": 1}
        await first.disconnect()

    run(scenario)


def test_reader_counts_add_up_over_processes_and_forget_silent_ones(monkeypatch):
    from forums import presence

    clock = [1000.0]
    monkeypatch.setattr(presence.time, "monotonic", lambda: clock[0])
    presence.join(7)
    presence.join(7)
    presence.heard(7, "other-process", 3)
    presence.heard(7, presence.PROCESS, 99)  # our own announcement: the local count counts
    assert presence.total(7) == 5
    clock[0] += presence.EXPIRY_SECONDS + 1  # the other process went silent (crashed)
    assert presence.total(7) == 2
    presence.leave(7)
    presence.leave(7)
    presence.leave(7)  # more leaves than joins never go below zero
    assert presence.total(7) == 0
