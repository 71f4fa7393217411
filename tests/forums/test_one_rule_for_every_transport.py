"""Each posting rule is written once, in the services: the HTTP form and the WebSocket give the
same answer, in the same words."""

import pytest
from django.urls import reverse

from accounts.models import AgencyRepresentative, RepresentationStatus
from forums import selectors, services
from forums.models import Post, Thread, ThreadEvent
from tests.forums.sockets import connect, post_over_socket, run, subscribe

pytestmark = pytest.mark.django_db


@pytest.fixture
def thread(egov_policy):
    return Thread.objects.create(title="Apakah desa siap?", policy=egov_policy)


def socket_answer(user, thread, body, **fields) -> dict:
    """What a person posting ``body`` over the socket is told."""

    async def scenario():
        client = await connect(user)
        await subscribe(client, thread.pk)
        answer = await post_over_socket(client, body, **fields)
        await client.disconnect()
        return answer

    return run(scenario)


def test_an_unknown_reply_to_gets_the_same_error_over_http_and_the_socket(
    client, thread, user_factory, egov_policy
):
    author = user_factory()
    elsewhere = services.post_create(
        thread=Thread.objects.create(title="Utas lain", policy=egov_policy),
        author=user_factory(),
        body="Di utas lain.",
    )
    refused = socket_answer(author, thread, "Menjawab siapa?", reply_to=999_999)
    assert refused["code"] == "reply_elsewhere"
    assert refused["message"] == "Pesan itu tidak ada dalam utas ini."

    client.force_login(author)
    url = reverse("forums_post_new", args=[thread.pk])
    for reply_to in (999_999, elsewhere.pk):
        page = client.post(url, {"body": "Menjawab siapa?", "reply_to": reply_to})
        assert page.status_code == 400
        assert refused["message"] in page.content.decode()
    assert not Post.objects.filter(body="Menjawab siapa?").exists()


def test_a_post_longer_than_the_limit_gets_the_same_error_over_http_and_the_socket(
    client, thread, user_factory, settings
):
    settings.FORUM_POST_MAX_LENGTH = 40
    author = user_factory()
    too_long = "Kalimat ini jauh lebih panjang dari empat puluh huruf."
    refused = socket_answer(author, thread, too_long)
    assert refused["code"] == "too_long" and refused["message"] == "Pesan Anda terlalu panjang."

    client.force_login(author)
    page = client.post(reverse("forums_post_new", args=[thread.pk]), {"body": too_long})
    assert page.status_code == 400
    html = page.content.decode()
    assert refused["message"] in html
    assert 'maxlength="40"' in html  # the browser is told the same limit
    assert not thread.posts.exists()


def test_an_edit_beyond_the_length_limit_is_refused(client, thread, user_factory, settings):
    settings.FORUM_POST_MAX_LENGTH = 40
    author = user_factory()
    client.force_login(author)
    client.post(reverse("forums_post_new", args=[thread.pk]), {"body": "Versi pendek."})
    post = Post.objects.get(thread=thread, body="Versi pendek.")

    page = client.post(
        reverse("forums_post_action", args=[post.pk, "ubah"]),
        {"body": "Versi yang jauh lebih panjang daripada batas empat puluh huruf."},
        follow=True,
    ).content.decode()

    assert "Pesan Anda terlalu panjang." in page
    assert "Versi pendek." in page and "jauh lebih panjang" not in page
    post.refresh_from_db()
    assert post.body == "Versi pendek." and post.edited_at is None
    assert not ThreadEvent.objects.filter(post=post, kind="post.edited").exists()


def test_posts_over_http_and_the_socket_count_together_for_one_person(
    client, thread, user_factory, settings, within_one_minute
):
    settings.FORUM_POSTS_PER_MINUTE = 3
    author = user_factory()
    client.force_login(author)
    url = reverse("forums_post_new", args=[thread.pk])
    assert client.post(url, {"body": "Lewat formulir 1."}).status_code == 302
    assert client.post(url, {"body": "Lewat formulir 2."}).status_code == 302

    async def scenario():
        socket = await connect(author)
        await subscribe(socket, thread.pk)
        answers = [await post_over_socket(socket, f"Lewat soket {n}.") for n in (1, 2)]
        await socket.disconnect()
        return answers

    accepted, refused = run(scenario)
    assert accepted["type"] == "ack"
    assert refused["code"] == "rate_limited"
    page = client.post(url, {"body": "Lewat formulir 3."})
    assert page.status_code == 400
    assert refused["message"] in page.content.decode()
    assert list(thread.posts.values_list("body", flat=True)) == [
        "Lewat formulir 1.", "Lewat formulir 2.", "Lewat soket 1."
    ]  # fmt: skip


def test_history_is_written_without_the_per_person_limit_only_when_asked(
    thread, user_factory, settings, within_one_minute
):
    settings.FORUM_POSTS_PER_MINUTE = 2
    author = user_factory()
    for number in range(4):  # a demo loader writing a past discussion
        services.post_create(thread=thread, author=author, body=f"Arsip {number}", rate_limit=False)
    services.post_create(thread=thread, author=author, body="Sekarang 1")
    services.post_create(thread=thread, author=author, body="Sekarang 2")
    with pytest.raises(services.ForumError) as refused:
        services.post_create(thread=thread, author=author, body="Sekarang 3")
    assert refused.value.code == "rate_limited"
    assert thread.posts.count() == 6


def _is_official(client, thread, post) -> bool:
    """Whether readers see the post marked as an official answer, on the page and in events."""
    html = client.get(reverse("forums_thread", args=[thread.pk])).content.decode()
    article = html.split(f'id="post-{post.seq}"')[0].rsplit("<article", 1)[1]
    on_page = 'class="post official"' in article
    events = client.get(reverse("forums_events", args=[thread.pk])).json()["events"]
    in_events = next(e["data"]["official"] for e in events if e["data"].get("id") == post.pk)
    assert on_page == in_events
    return on_page


def test_the_official_mark_follows_the_rule(client, thread, user_factory, egov_policy, drafter):
    citizen, pending, verified = user_factory(), user_factory(), user_factory()
    for person, status in ((pending, RepresentationStatus.PENDING),
                           (verified, RepresentationStatus.VERIFIED)):  # fmt: skip
        AgencyRepresentative.objects.create(
            user=person, agency=egov_policy.agency, position="Kepala bidang", status=status
        )

    for person, official in ((citizen, False), (pending, False), (verified, True),
                             (drafter, True)):  # fmt: skip
        assert person.has_perm("forums.post_officially") is official
        post = services.post_create(thread=thread, author=person, body=f"Dari {person.pk}.")
        assert _is_official(client, thread, post) is official


def test_a_deactivated_moderator_no_longer_sees_the_forum_moderation_log(
    client, staff_login, policy_discussion, site_admin, moderator
):
    thread, admin = policy_discussion, site_admin
    post = thread.posts.first()
    services.post_moderate(post=post, moderator=admin, hide=True, reason="abusive")
    staff_login(moderator)
    log_url = reverse("forums_moderation_log")
    assert post.body[:40] in client.get(log_url).content.decode()

    for person in (moderator, admin):
        person.is_active = False
        person.save(update_fields=["is_active"])
        assert not person.has_perm("forums.review_moderation_log")
        assert not selectors.moderation_log(user=person).exists()
    page = client.get(log_url)
    assert page.status_code == 302 and post.body[:40] not in page.content.decode()
