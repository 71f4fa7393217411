"""Commenting on a draft: the rules, the form, and what the author and public then see."""

import datetime as dt
import uuid

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from consultations.models import Channel, Comment, CommentStatus
from consultations.services import (
    ConsultationNotOpen,
    NotAllowed,
    UnknownClause,
    comment_create,
)

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"


def create(consultation, author, **overrides):
    arguments = {"consultation": consultation, "author": author, "body": "Masukan saya.",
                 "consent": True, "stance": "support"}  # fmt: skip
    arguments.update(overrides)
    return comment_create(**arguments)


def test_verified_user_comments_on_a_clause_and_it_is_published(
    open_consultation, citizen, clause_keys
):
    comment, created = create(open_consultation, citizen, clause_key=clause_keys[4])
    assert created and comment.status == CommentStatus.PUBLISHED
    assert comment.consent_given_at is not None


def test_pre_moderated_comment_waits_for_approval(premoderated, citizen):
    comment, _ = create(premoderated, citizen)
    assert comment.status == CommentStatus.PENDING


@pytest.mark.parametrize(
    ("overrides", "error"),
    [
        ({"clause_key": "tidak-ada"}, UnknownClause),
        ({"consent": False}, None),
        ({"body": "   "}, None),
        ({"body": "x" * 6000}, None),
        ({"respondent_type": "business", "organisation": ""}, None),
        ({"stance": "maybe"}, None),
    ],
)
def test_invalid_comments_are_refused(open_consultation, citizen, overrides, error):
    from consultations.services import CommentError

    with pytest.raises(error or CommentError):
        create(open_consultation, citizen, **overrides)
    assert not Comment.objects.filter(author=citizen).exists()


def test_unverified_users_cannot_comment(open_consultation, user_factory):
    with pytest.raises(NotAllowed):
        create(open_consultation, user_factory(verified=False))


def test_closed_and_upcoming_consultations_refuse_comments(open_consultation, citizen):
    open_consultation.closes_at = timezone.now() - dt.timedelta(minutes=1)
    open_consultation.opens_at = timezone.now() - dt.timedelta(days=30)
    with pytest.raises(ConsultationNotOpen):
        create(open_consultation, citizen)
    open_consultation.opens_at = timezone.now() + dt.timedelta(days=1)
    open_consultation.closes_at = timezone.now() + dt.timedelta(days=2)
    with pytest.raises(ConsultationNotOpen):
        create(open_consultation, citizen)


def test_the_same_submission_twice_creates_one_comment(open_consultation, citizen):
    key = uuid.uuid4()
    first, created = create(open_consultation, citizen, submission_key=key)
    again, created_again = create(open_consultation, citizen, submission_key=key)
    assert created and not created_again and first.pk == again.pk
    assert Comment.objects.filter(author=citizen).count() == 1


def test_attachments_must_be_pdf_and_are_stored_under_random_names(open_consultation, citizen):
    from consultations.services import InvalidAttachment

    with pytest.raises(InvalidAttachment):
        create(open_consultation, citizen,
               attachments=[SimpleUploadedFile("surat.pdf", b"<html>bukan pdf</html>")])  # fmt: skip
    comment, _ = create(
        open_consultation, citizen, attachments=[SimpleUploadedFile("Surat Saya.pdf", PDF)]
    )
    attachment = comment.attachments.get()
    assert attachment.original_name == "Surat Saya.pdf"
    assert "Surat" not in attachment.file.name and attachment.file.name.endswith(".pdf")


def test_staff_enter_offline_input_on_someones_behalf(open_consultation, user_factory):
    from accounts.models import RoleAssignment

    moderator = user_factory()
    RoleAssignment.objects.create(user=moderator, role="moderator", agency=open_consultation.agency)
    open_consultation.closes_at = timezone.now() - dt.timedelta(minutes=1)  # letters come late
    comment, _ = create(
        open_consultation, None, entered_by=moderator, channel=Channel.LETTER,
        submitter_name="Ibu Suryani", consent=True,
    )  # fmt: skip
    assert comment.status == CommentStatus.PUBLISHED
    assert comment.public_author_name == "Ibu Suryani"
    with pytest.raises(NotAllowed):
        create(open_consultation, None, entered_by=user_factory(), channel=Channel.LETTER)


# --- through the web form -------------------------------------------------------------------


def clause_section(html: str, key: str) -> str:
    """The part of the draft page from one clause to the next."""
    return html.split(f'id="ayat-{key}"', 1)[1].split('<li id="ayat-', 1)[0]


def form_data(**overrides):
    data = {"clause_key": "", "stance": "support", "body": "Masukan melalui formulir.",
            "proposed_wording": "", "respondent_type": "individual", "organisation": "",
            "province": "51", "show_name": "1", "consent": "on", "website": "",
            "submission_key": str(uuid.uuid4())}  # fmt: skip
    data.update(overrides)
    return data


def test_comment_form_posts_and_the_comment_appears_beside_its_clause(
    client, citizen, open_consultation, clause_keys
):
    client.force_login(citizen)
    url = reverse("consultations_comment_new", args=[open_consultation.pk])
    page = client.get(f"{url}?ayat={clause_keys[0]}").content.decode()
    assert f'value="{clause_keys[0]}" selected' in page
    response = client.post(
        url, form_data(clause_key=clause_keys[0], body="Ayat ini perlu definisi.")
    )
    assert response.status_code == 302
    comment = Comment.objects.get(author=citizen)
    assert comment.clause_key == clause_keys[0] and comment.province == "51"
    draft_page = client.get(open_consultation.draft.url).content.decode()
    clause_html = clause_section(draft_page, clause_keys[0])
    assert "Ayat ini perlu definisi." in clause_html
    assert "Warga Uji" in clause_html


def test_a_refused_comment_keeps_what_was_typed(client, citizen, open_consultation):
    client.force_login(citizen)
    url = reverse("consultations_comment_new", args=[open_consultation.pk])
    response = client.post(url, form_data(body="Teks panjang saya yang berharga.", consent=""))
    assert response.status_code == 400
    html = response.content.decode()
    assert "Teks panjang saya yang berharga." in html
    assert not Comment.objects.filter(author=citizen).exists()
    unknown = client.post(url, form_data(clause_key="tidak-ada", body="Tetap tersimpan di form."))
    assert unknown.status_code == 400 and "Tetap tersimpan di form." in unknown.content.decode()


def test_missing_answers_are_told_in_the_projects_own_words(client, citizen, open_consultation):
    """Not Django's generic "Kolom ini harus diisi.": what is missing, said as the form asks it."""
    client.force_login(citizen)
    url = reverse("consultations_comment_new", args=[open_consultation.pk])
    response = client.post(url, form_data(body="", stance="", consent="", respondent_type=""))
    assert response.status_code == 400
    html = response.content.decode()
    assert "Kolom ini harus diisi." not in html
    for told in ("Mohon tulis komentar Anda.", "Pilih salah satu sikap yang tersedia.",
                 "Mohon setujui pemrosesan data pribadi Anda.",
                 "Sebutkan dalam kapasitas apa Anda ikut serta."):  # fmt: skip
        assert told in html, told


def test_double_click_creates_one_comment(client, citizen, open_consultation):
    client.force_login(citizen)
    url = reverse("consultations_comment_new", args=[open_consultation.pk])
    data = form_data()
    first, second = client.post(url, data), client.post(url, data)
    assert first.status_code == second.status_code == 302
    assert first.url == second.url
    assert Comment.objects.filter(author=citizen).count() == 1


def test_honeypot_and_rate_limit(client, citizen, open_consultation, settings):
    client.force_login(citizen)
    url = reverse("consultations_comment_new", args=[open_consultation.pk])
    trapped = client.post(url, form_data(website="http://spam.example"))
    assert trapped.status_code == 400 and not Comment.objects.filter(author=citizen).exists()
    settings.ACCOUNT_RATE_LIMITS = {"comment": "2/m/user"}
    first = form_data()
    assert client.post(url, first).status_code == 302
    # The same submission again (a retry, a double click) is the same comment: not counted.
    assert client.post(url, first).status_code == 302
    assert client.post(url, form_data(body="Yang kedua.")).status_code == 302
    limited = client.post(url, form_data(body="Yang ketiga."))
    assert limited.status_code == 429 and 0 < int(limited["Retry-After"]) <= 60
    told = limited.content.decode()
    wait = int(limited["Retry-After"])
    words = f"{wait} detik" if wait < 60 else "1 menit"  # the wait the header gives, in words
    assert "terlalu cepat" in told and f"Silakan coba lagi dalam {words}." in told
    assert "Yang ketiga." in told
    assert Comment.objects.filter(author=citizen).count() == 2


def test_the_wait_told_is_the_time_left(settings):
    """Retry-After says when an attempt is admitted again, not always a minute."""
    from accounts import ratelimits

    settings.ACCOUNT_RATE_LIMITS = {"comment": "2/m/user,3/h/ip"}
    ratelimits.consume("comment", user_id=1, ip="10.0.0.1", now=1000)
    ratelimits.consume("comment", user_id=1, ip="10.0.0.1", now=1010)
    with pytest.raises(ratelimits.RateLimited) as refused:
        ratelimits.consume("comment", user_id=1, ip="10.0.0.1", now=1020)
    assert refused.value.retry_after == 40  # the first attempt leaves the minute at 1060
    ratelimits.consume("comment", user_id=1, ip="10.0.0.1", now=1061)
    with pytest.raises(ratelimits.RateLimited) as refused:  # the address's hour is used up
        ratelimits.consume("comment", user_id=2, ip="10.0.0.1", now=1100)
    assert refused.value.retry_after == 3600 - 100
    with pytest.raises(ValueError, match="Unreadable rate limit"):
        ratelimits.parse_rates("5 per minute")


def test_anonymous_visitors_read_but_are_sent_to_sign_in_to_comment(client, open_consultation):
    assert client.get(open_consultation.draft.url).status_code == 200
    response = client.get(reverse("consultations_comment_new", args=[open_consultation.pk]))
    assert response.status_code == 302 and "/akun/login/" in response.url


def test_anonymous_choice_hides_the_name_from_the_public_but_not_moderators(
    client, citizen, open_consultation, staff_login, moderator
):
    comment, _ = create(open_consultation, citizen, show_name=False, body="Tanpa nama.")
    public = client.get(reverse("consultations_comment", args=[comment.pk])).content.decode()
    assert "Anonim" in public and "Warga Uji" not in public and citizen.email not in public
    staff_login(moderator)
    staff = client.get(reverse("consultations_comment", args=[comment.pk])).content.decode()
    assert citizen.email in staff


def test_load_more_pages_through_comments_by_cursor(
    client, open_consultation, clause_keys, user_factory
):
    key = clause_keys[8]
    authors = [user_factory() for _ in range(5)]
    for number in range(25):
        create(
            open_consultation,
            authors[number % 5],
            clause_key=key,
            body=f"Komentar nomor {number:02d}.",
        )
    draft_html = client.get(open_consultation.draft.url).content.decode()
    section = clause_section(draft_html, key)
    assert "Komentar nomor 02." in section and "Komentar nomor 03." not in section
    more = section.split('class="load-more" href="', 1)[1].split('"', 1)[0].replace("&amp;", "&")
    page = client.get(more).content.decode()
    assert "Komentar nomor 03." in page and "Komentar nomor 22." in page
    assert "Komentar nomor 23." not in page
    nxt = page.split('rel="next" href="', 1)[1].split('"', 1)[0].replace("&amp;", "&")
    last = client.get(
        f"{reverse('consultations_clause_comments', args=[open_consultation.pk])}{nxt}"
    ).content.decode()
    assert "Komentar nomor 24." in last and 'rel="next"' not in last
    assert client.get(f"{more.split('?')[0]}?ayat=tidak-ada").status_code == 404
    assert client.get(f"{more.split('?')[0]}?ayat={key}&setelah=abc").status_code == 200


def test_each_clause_shows_its_own_first_three_comments(
    client, open_consultation, clause_keys, user_factory
):
    """Comments arriving on several clauses at once: each clause lists its own earliest three."""
    keys = clause_keys[3], clause_keys[9]
    authors = [user_factory() for _ in range(4)]
    for number in range(4):
        for key in keys:
            create(
                open_consultation, authors[number], clause_key=key, body=f"{key} nomor {number}."
            )
    html = client.get(open_consultation.draft.url).content.decode()
    for key, other in (keys, keys[::-1]):
        section = clause_section(html, key)
        assert [f"{key} nomor {n}." in section for n in range(4)] == [True, True, True, False]
        assert other not in section.split('class="comments"', 1)[1]


def test_draft_page_queries_do_not_grow_with_comments(
    client, open_consultation, clause_keys, user_factory
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    url = open_consultation.draft.url
    client.get(url)
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    author = user_factory()
    for number in range(40):
        create(open_consultation, author, clause_key=clause_keys[number % len(clause_keys)])
    client.get(url)
    with CaptureQueriesContext(connection) as many:
        client.get(url)
    assert len(many) <= len(few)


def test_staff_record_a_letter_through_the_staff_page(
    client, open_consultation, staff_login, moderator, citizen
):
    staff_login(moderator)
    url = reverse("consultations_offline", args=[open_consultation.pk])
    assert client.get(url).status_code == 200
    data = form_data(submitter_name="Ibu Suryani", channel="letter", body="Surat keberatan.")
    del data["website"]
    response = client.post(url, {**data, "attachments": SimpleUploadedFile("surat.pdf", PDF)})
    assert response.status_code == 302
    comment = Comment.objects.get(submitter_name="Ibu Suryani")
    assert (comment.channel, comment.entered_by, comment.author) == ("letter", moderator, None)
    assert comment.attachments.count() == 1
    client.force_login(citizen)
    assert client.get(url).status_code in (302, 403)


def test_attachments_download_for_those_who_may_see_the_comment(
    client, open_consultation, citizen, user_factory
):
    comment, _ = create(
        open_consultation, citizen, attachments=[SimpleUploadedFile("Surat Saya.pdf", PDF)]
    )
    attachment = comment.attachments.get()
    url = reverse("consultations_attachment", args=[comment.pk, attachment.pk])
    assert url in client.get(reverse("consultations_comment", args=[comment.pk])).content.decode()
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;")
    assert b"".join(response.streaming_content) == PDF
    comment.status = CommentStatus.HIDDEN
    comment.save()
    assert client.get(url).status_code == 404
    client.force_login(citizen)  # the author still can
    assert client.get(url).status_code == 200
    other = reverse("consultations_attachment", args=[comment.pk + 1000, attachment.pk])
    assert client.get(other).status_code == 404


def test_my_data_download_names_what_the_codes_stand_for(
    client, citizen, open_consultation, clause_keys
):
    """Codes such as clause_key "y4uxav9u" and province "33" come with their names."""
    create(open_consultation, citizen, clause_key=clause_keys[2], province="33", stance="amend")
    client.force_login(citizen)
    (comment,) = client.post(reverse("accounts_data_download")).json()["consultations"]
    assert comment["clause"] == open_consultation.clause_label(clause_keys[2])
    assert comment["clause"].startswith("Pasal ")
    assert (comment["province"], comment["province_name"]) == ("33", "Jawa Tengah")
    assert comment["stance_name"] == "Mengusulkan rumusan lain"
    assert comment["status_name"] == "Diterbitkan"


def test_a_cache_outage_admits_comments_and_is_logged(settings, monkeypatch, caplog):
    """Redis restarting must not refuse every comment: the limit is skipped, and said so."""
    from accounts import ratelimits

    settings.ACCOUNT_RATE_LIMITS = {"comment": "1/m/user"}

    def down(*args, **kwargs):
        raise ConnectionError("cache down")

    monkeypatch.setattr(ratelimits.cache, "get", down)
    ratelimits.consume("comment", user_id=7, ip="10.0.0.2")
    ratelimits.consume("comment", user_id=7, ip="10.0.0.2")
    assert "not checked: the cache is unavailable" in caplog.text
