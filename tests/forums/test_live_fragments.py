"""A live post is the loaded post: the same template, rendered once per event for no one in
particular, in the site's time zone and each of its languages."""

import re
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse

from forums import services
from forums.fragments import owner_key
from forums.models import Thread, ThreadEvent

pytestmark = pytest.mark.django_db
MONTHS = ["Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus",
          "September", "Oktober", "November", "Desember"]  # fmt: skip


@pytest.fixture
def thread(egov_policy):
    return Thread.objects.create(title="Bagaimana layanan di desa?", policy=egov_policy)


def created_event(post) -> dict:
    return ThreadEvent.objects.get(post=post, kind="post.created").payload


def part(html: str, pattern: str) -> str:
    found = re.search(pattern, html, re.DOTALL)
    assert found, pattern
    return found.group(0)


def test_live_post_html_is_what_the_loaded_page_shows(client, thread, user_factory):
    author = user_factory(display_name="Warga Desa")
    post = services.post_create(thread=thread, author=author, body="Sinyal lemah.\nMohon BTS.")
    fragments = created_event(post)["html"]
    assert set(fragments) == {"id", "en"}

    local = post.created_at.astimezone(ZoneInfo("Asia/Jakarta"))
    wib = f"{local.day} {MONTHS[local.month - 1]} {local.year} {local:%H.%M}"
    assert f">{wib}</time>" in fragments["id"]  # WIB, Indonesian month: not the browser's
    assert f">{local.day} {local:%B %Y, %H:%M}</time>" in fragments["en"]
    assert "Suka:" in fragments["id"] and "Like:" in fragments["en"]

    page = client.get(reverse("forums_thread", args=[thread.pk])).content.decode()
    for pattern in (r"<time .*?</time>", r'<div class="post-body">.*?</div>',
                    r'<button type="submit" name="kind".*?</form>'):  # fmt: skip
        assert part(fragments["id"], pattern) == part(page, pattern)


def test_the_readers_own_controls_are_in_the_fragment_but_switched_off(
    client, thread, user_factory
):
    author = user_factory()
    post = services.post_create(thread=thread, author=author, body="Pendapat saya.")
    fragment = created_event(post)["html"]["id"]
    own = part(fragment, r'<div class="own-tools"[^>]*>')
    assert f'data-owner="{owner_key(author.pk)}"' in own and " hidden" in own
    assert f'data-owner="{author.pk}"' not in own  # a mark, not the account number
    assert " hidden" in part(fragment, r'<div class="moderator-tools"[^>]*>')
    assert 'name="csrfmiddlewaretoken" value=""' in fragment  # the page fills in its own

    client.force_login(author)
    page = client.get(reverse("forums_thread", args=[thread.pk])).content.decode()
    assert f'data-viewer="{owner_key(author.pk)}"' in page
    loaded_own = part(page, r'<div class="own-tools"[^>]*>')
    assert " hidden" not in loaded_own  # without JavaScript the author's controls show
    assert 'class="moderator-tools"' not in page


def test_a_hidden_post_is_gone_from_every_replayed_event_and_back_when_restored(
    client, thread, user_factory, moderator
):
    author = user_factory()
    post = services.post_create(thread=thread, author=author, body="Teks yang melanggar aturan.")
    services.post_edit(post=post, user=author, body="Teks yang melanggar aturan, diubah.")

    def replay() -> str:
        return client.get(reverse("forums_events", args=[thread.pk])).content.decode()

    assert "melanggar aturan, diubah." in replay()
    services.post_moderate(post=post, moderator=moderator, hide=True, reason="abusive")
    after_hiding = replay()
    assert "melanggar" not in after_hiding
    assert "Pesan ini disembunyikan oleh moderator." in after_hiding
    services.post_moderate(post=post, moderator=moderator, hide=False)
    assert "melanggar aturan, diubah." in replay()
