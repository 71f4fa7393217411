"""Threads as plain pages (no JavaScript) and the HTTP catch-up for blocked WebSockets."""

import re

import pytest
from django.urls import reverse

from forums.models import Post, Thread, ThreadEvent
from tests.http import refused
from tests.security.payloads import XSS_PAYLOADS, assert_rendered_safely

pytestmark = pytest.mark.django_db


@pytest.fixture
def thread(policy_discussion):
    return policy_discussion


def test_a_thread_shows_posts_and_official_answers(client, thread):
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
    client, thread, staff_login, user_factory, moderator
):
    post = Post.objects.filter(thread=thread).first()
    staff_login(moderator)
    client.post(reverse("forums_post_action", args=[post.pk, "sembunyikan"]), {"reason": "spam"})
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


def test_a_moderator_of_another_agency_cannot_hide(
    client, thread, staff_login, user_factory, agency_factory
):
    from accounts.models import RoleAssignment

    outsider = user_factory()
    RoleAssignment.objects.create(user=outsider, role="moderator", agency=agency_factory())
    staff_login(outsider)
    post = Post.objects.filter(thread=thread).first()
    client.post(reverse("forums_post_action", args=[post.pk, "sembunyikan"]), {"reason": "spam"})
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


def test_reaction_buttons_say_their_name_and_count_to_a_screen_reader(client, thread, user_factory):
    """Named in the page's language beside the count ("Suka: 1"), not hidden behind an English
    aria-label."""
    post = Post.objects.filter(thread=thread).first()
    client.force_login(user_factory())
    response = client.post(
        reverse("forums_post_action", args=[post.pk, "reaksi"]), {"kind": "like"}, follow=True
    )
    html = response.content.decode()
    article = html.split(f'data-post="{post.pk}"', 1)[1].split("</article>", 1)[0]
    assert 'aria-label="like"' not in article and "aria-label=" not in article.split("reactions")[1]
    spoken = [
        " ".join(re.sub(r'<span aria-hidden="true">.*?</span>|<[^>]+>', " ", button).split())
        for button in re.findall(r'<button type="submit" name="kind".*?</button>', article)
    ]
    assert spoken == ["Suka: 1", "Terima kasih: 0", "Ide bagus: 0"]


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


def test_hiding_needs_a_reason_and_is_logged_with_the_text(client, thread, staff_login, moderator):
    from forums.models import PostModeration

    post = Post.objects.filter(thread=thread).first()
    staff_login(moderator)
    url = reverse("forums_post_action", args=[post.pk, "sembunyikan"])
    page = client.post(url, follow=True).content.decode()
    assert "Pilih alasan untuk menyembunyikan pesan." in page
    post.refresh_from_db()
    assert not post.hidden and not PostModeration.objects.exists()

    client.post(url, {"reason": "personal_data", "note": "Nomor telepon pribadi"})
    client.post(reverse("forums_post_action", args=[post.pk, "pulihkan"]))
    log = client.get(reverse("forums_moderation_log")).content.decode()
    assert "Berisi data pribadi" in log and "Nomor telepon pribadi" in log
    assert post.body[:40] in log
    entries = list(PostModeration.objects.order_by("created_at").values_list("action", "reason"))
    assert entries == [("hide", "personal_data"), ("restore", "")]


def test_the_moderation_log_is_for_moderators_of_the_agency(
    client, thread, staff_login, user_factory, agency_factory, site_admin
):
    from accounts.models import RoleAssignment
    from forums import services

    post = Post.objects.filter(thread=thread).first()
    services.post_moderate(post=post, moderator=site_admin, hide=True, reason="abusive")
    client.force_login(user_factory())
    assert refused(client.get(reverse("forums_moderation_log")))
    outsider = user_factory()
    RoleAssignment.objects.create(user=outsider, role="moderator", agency=agency_factory())
    staff_login(outsider)
    html = client.get(reverse("forums_moderation_log")).content.decode()
    assert "Belum ada keputusan moderasi." in html and post.body[:40] not in html


def test_a_discussion_started_from_a_clause_is_listed_under_it(
    client, user_factory, consultation_factory, egov_drafts
):
    consultation = consultation_factory(draft=egov_drafts[1])
    key, label, _text = consultation.clauses[3]
    client.force_login(user_factory())
    url = f"{reverse('forums_thread_new')}?konsultasi={consultation.pk}&ayat={key}"
    form = client.get(url).content.decode()
    assert f"Tentang {label} dari {consultation.title}" in form
    response = client.post(url, {"title": "Apakah ayat ini adil?", "body": "Saya ragu."})
    thread = Thread.objects.get(title="Apakah ayat ini adil?")
    assert (thread.consultation, thread.clause_key, thread.policy) == (
        consultation, key, consultation.policy
    )  # fmt: skip
    assert response.url == reverse("forums_thread", args=[thread.pk])
    detail = client.get(response.url).content.decode()
    assert f'href="{consultation.draft.url}#ayat-{key}"' in detail
    draft_page = client.get(consultation.draft.url).content.decode()
    clause = draft_page.split(f'id="ayat-{key}"')[1].split("</li>")[0]
    assert f'href="/forum/{thread.pk}/"' in clause and "Apakah ayat ini adil?" in clause
    # A made-up clause is ignored rather than stored.
    client.post(
        f"{reverse('forums_thread_new')}?konsultasi={consultation.pk}&ayat=zzz",
        {"title": "Tanpa ayat", "body": "Isi."},
    )
    assert Thread.objects.get(title="Tanpa ayat").clause_key == ""


def test_a_clause_offers_its_discussion_instead_of_starting_another(
    client, user_factory, consultation_factory, egov_drafts
):
    """Each "Discuss Pasal …" click used to start a new thread: two with the same title were
    made by accident. Once a clause has a discussion, the draft page offers it; starting another
    is on purpose, from a page that lists what exists, and never under a title already taken."""
    consultation = consultation_factory(draft=egov_drafts[1])
    key, label, _text = consultation.clauses[3]
    client.force_login(user_factory())
    new = f"{reverse('forums_thread_new')}?konsultasi={consultation.pk}&ayat={key}"

    def clause_bar() -> str:
        page = client.get(consultation.draft.url).content.decode()
        return page.split(f'id="ayat-{key}"')[1].split("</li>")[0]

    assert f"Diskusikan {label}" in clause_bar()
    client.post(new, {"title": "Apakah ayat ini adil?", "body": "Saya ragu."})
    again = client.post(new, {"title": "apakah ayat ini adil? ", "body": "Klik kedua."})
    assert again.status_code == 400
    assert "Diskusi dengan judul ini sudah ada di sini." in again.content.decode()
    assert Thread.objects.filter(consultation=consultation, clause_key=key).count() == 1
    thread = Thread.objects.get(consultation=consultation, clause_key=key)
    bar = clause_bar()
    assert "Ikuti diskusi: Apakah ayat ini adil?" in bar and f"Diskusikan {label}" not in bar
    assert reverse("forums_thread_new") not in bar
    form = client.get(new).content.decode()
    assert "Sudah didiskusikan di sini" in form and f'href="/forum/{thread.pk}/"' in form
    client.post(new, {"title": "Bagaimana dengan daerah terpencil?", "body": "Pertanyaan lain."})
    assert "Diskusi lainnya:" in clause_bar()


def test_forum_posts_are_in_the_data_export_and_lose_the_name_on_deletion(
    client, thread, user_factory, django_capture_on_commit_callbacks
):
    from accounts.services import account_delete
    from forums import services

    person = user_factory(display_name="Nama Yang Dihapus")
    post = services.post_create(thread=thread, author=person, body="Pendapat saya tetap ada.")
    services.post_react(post=post, user=person, kind="like")
    client.force_login(person)
    export = client.post(reverse("accounts_data_download")).json()
    assert [p["body"] for p in export["forums"]] == ["Pendapat saya tetap ada."]
    account_delete(user=person)
    client.logout()
    html = client.get(reverse("forums_thread", args=[thread.pk])).content.decode()
    assert "Pendapat saya tetap ada." in html and "Nama Yang Dihapus" not in html
    replay = client.get(reverse("forums_events", args=[thread.pk])).content.decode()
    assert "Nama Yang Dihapus" not in replay


def test_post_and_reaction_counts_follow_every_path_that_changes_them(
    client, thread, user_factory, moderator, django_capture_on_commit_callbacks
):
    """The forum list counts the posts a reader can read; the buttons count reactions. Posting,
    hiding, restoring, deleting and erasing an account each move them as a reader would expect."""
    from accounts.services import account_delete
    from forums import services

    def listed() -> str:
        html = client.get(reverse("forums_index")).content.decode()
        card = html.split(f'href="/forum/{thread.pk}/"', 1)[1].split("</li>", 1)[0]
        return re.search(r'<span class="post-count">([^<]+)</span>', card).group(1)

    def likes(post) -> str:
        html = client.get(reverse("forums_thread", args=[thread.pk])).content.decode()
        article = html.split(f'data-post="{post.pk}"', 1)[1].split("</article>", 1)[0]
        return re.search(r'data-kind="like">(\d+)<', article).group(1)

    start = Post.objects.filter(thread=thread, hidden=False, deleted=False).count()
    assert listed() == f"{start} pesan"
    writer, reader = user_factory(), user_factory()
    first = services.post_create(thread=thread, author=writer, body="Satu.")
    second = services.post_create(thread=thread, author=writer, body="Dua.")
    assert listed() == f"{start + 2} pesan"
    services.post_moderate(post=first, moderator=moderator, hide=True, reason="spam")
    assert listed() == f"{start + 1} pesan"
    services.post_moderate(post=first, moderator=moderator, hide=False)
    assert listed() == f"{start + 2} pesan"
    services.post_delete(post=second, user=writer)
    assert listed() == f"{start + 1} pesan"

    services.post_react(post=first, user=reader, kind="like")
    services.post_react(post=first, user=writer, kind="like")
    assert likes(first) == "2"
    services.post_react(post=first, user=writer, kind="like")
    assert likes(first) == "1"
    services.post_react(post=first, user=writer, kind="like")
    with django_capture_on_commit_callbacks():
        account_delete(user=reader)
    assert likes(first) == "1"  # the erased account's reaction went
    assert listed() == f"{start + 1} pesan"  # its posts stay, without the name
    last = ThreadEvent.objects.filter(post=first, kind="post.reacted").latest("seq")
    assert last.payload["reactions"] == {"like": 1}  # open screens are told too
