"""Threads as plain pages (no JavaScript) and the HTTP catch-up for blocked WebSockets."""

import pytest
from django.urls import reverse

from accounts.models import User
from forums.models import Post, Thread, ThreadEvent
from tests.security.payloads import XSS_PAYLOADS, assert_rendered_safely

pytestmark = pytest.mark.django_db


@pytest.fixture
def thread():
    return Thread.objects.get(title="Layanan daring untuk desa dan daerah terpencil")


def test_demo_thread_shows_posts_and_official_answers(client, thread):
    html = client.get(reverse("forums_thread", args=[thread.pk])).content.decode()
    assert "Di Bali banyak layanan sudah daring" in html
    assert html.count('class="post official"') == 2
    assert "Masuk untuk ikut berdiskusi." in html


def test_posting_through_the_form_stores_an_event(client, thread, user_factory):
    client.force_login(user_factory(display_name="Pengguna Form"))
    before = thread.last_seq
    response = client.post(
        reverse("forums_post_new", args=[thread.pk]), {"body": "Lewat formulir."}
    )
    assert response.status_code == 302 and response.url.endswith(f"#post-{before + 1}")
    event = ThreadEvent.objects.get(thread=thread, seq=before + 1)
    assert event.kind == "post.created" and event.payload["body"] == "Lewat formulir."
    empty = client.post(reverse("forums_post_new", args=[thread.pk]), {"body": "   "})
    assert empty.status_code == 400


def test_catch_up_over_http_returns_events_after_a_sequence(client, thread):
    url = reverse("forums_events", args=[thread.pk])
    data = client.get(f"{url}?setelah=5").json()
    assert [e["seq"] for e in data["events"]] == [6, 7]
    assert client.get(f"{url}?setelah=7").json()["events"] == []
    assert client.get(f"{url}?setelah=abc").status_code == 400
    assert client.get(reverse("forums_events", args=[999999])).status_code == 404


def test_moderators_hide_and_lock_and_readers_see_only_that(
    client, thread, staff_login, user_factory
):
    post = Post.objects.filter(thread=thread).first()
    staff_login(User.objects.get(email="moderator@rembuk.example"))
    client.post(reverse("forums_post_action", args=[post.pk, "sembunyikan"]))
    client.post(reverse("forums_lock", args=[thread.pk]), {"locked": "1"})
    post.refresh_from_db()
    thread.refresh_from_db()
    assert post.hidden and thread.locked
    client.logout()
    html = client.get(reverse("forums_thread", args=[thread.pk])).content.decode()
    assert "Pesan ini disembunyikan oleh moderator." in html
    assert post.body not in html
    assert "Utas ini dikunci" in html
    client.force_login(user_factory())
    client.post(reverse("forums_post_new", args=[thread.pk]), {"body": "Masih bisa?"})
    assert not Post.objects.filter(body="Masih bisa?").exists()


def test_a_moderator_of_another_agency_cannot_hide(client, thread, staff_login, user_factory):
    from accounts.models import RoleAssignment
    from cms.models import Agency

    outsider = user_factory()
    RoleAssignment.objects.create(
        user=outsider, role="moderator", agency=Agency.objects.get(slug="surabaya")
    )
    staff_login(outsider)
    post = Post.objects.filter(thread=thread).first()
    client.post(reverse("forums_post_action", args=[post.pk, "sembunyikan"]))
    post.refresh_from_db()
    assert not post.hidden


def test_authors_edit_and_delete_only_their_own_posts(client, thread, user_factory):
    author, other = user_factory(), user_factory()
    client.force_login(author)
    client.post(reverse("forums_post_new", args=[thread.pk]), {"body": "Versi pertama."})
    post = Post.objects.get(body="Versi pertama.")
    client.force_login(other)
    client.post(reverse("forums_post_action", args=[post.pk, "ubah"]), {"body": "Dibajak."})
    client.post(reverse("forums_post_action", args=[post.pk, "hapus"]))
    post.refresh_from_db()
    assert post.body == "Versi pertama." and not post.deleted
    client.force_login(author)
    client.post(reverse("forums_post_action", args=[post.pk, "ubah"]), {"body": "Versi kedua."})
    post.refresh_from_db()
    assert post.body == "Versi kedua." and post.edited_at
    assert ThreadEvent.objects.filter(post=post, kind="post.edited").exists()


def test_reactions_toggle_and_are_counted(client, thread, user_factory):
    post = Post.objects.filter(thread=thread).first()
    client.force_login(user_factory())
    url = reverse("forums_post_action", args=[post.pk, "reaksi"])
    client.post(url, {"kind": "like"})
    event = ThreadEvent.objects.filter(post=post, kind="post.reacted").last()
    assert event.payload["reactions"] == {"like": 1}
    client.post(url, {"kind": "like"})
    assert (
        ThreadEvent.objects.filter(post=post, kind="post.reacted").last().payload["reactions"] == {}
    )
    client.post(url, {"kind": "<script>"})
    assert ThreadEvent.objects.filter(post=post, kind="post.reacted").count() == 2


@pytest.mark.parametrize("payload", XSS_PAYLOADS)
def test_post_text_is_safe_in_the_page_and_in_events(client, thread, user_factory, payload):
    client.force_login(user_factory(display_name=payload[:120]))
    client.post(reverse("forums_post_new", args=[thread.pk]), {"body": payload})
    html = client.get(reverse("forums_thread", args=[thread.pk])).content.decode()
    assert_rendered_safely(html, payload.strip())
    events = client.get(f"{reverse('forums_events', args=[thread.pk])}?setelah=0").content.decode()
    assert (
        "<script" not in events.lower()
        or "\\u003cscript" in events.lower()
        or payload.strip() not in events
    )
