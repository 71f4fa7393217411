"""Drafters answer the input and publish 'what we heard'; input is carried to the next version."""

from urllib.parse import urlencode

import pytest
from django.urls import reverse

from accounts.models import RoleAssignment, StaffRole
from consultations.models import Comment
from consultations.services import (
    CommentError,
    NotAllowed,
    clause_response_save,
    comment_response_create,
    consultation_publish_response,
)
from tests.http import refused

pytestmark = pytest.mark.django_db


@pytest.fixture
def closed_consultation(consultation_factory, egov_drafts, input_on):
    """The consultation on Draf 1: closed, in analysis, with input to answer."""
    consultation = consultation_factory(
        draft=egov_drafts[0], title="Konsultasi publik Draf 1", in_analysis=True,
        premoderated=True,
    )  # fmt: skip
    input_on(consultation)
    return consultation


@pytest.fixture
def drafter(user_factory, closed_consultation):
    user = user_factory(email="penyusun.uji@example.id")
    RoleAssignment.objects.create(
        user=user, role=StaffRole.DRAFTER, agency=closed_consultation.agency
    )
    return user


def test_responses_are_drafted_while_open_and_published_after_closing(
    client, open_consultation, input_on, user_factory, staff_login
):
    """Drafters prepare answers while comments come in; nobody else sees them until the
    report is published, which waits for the consultation to close."""
    input_on(open_consultation)
    drafter = user_factory()
    RoleAssignment.objects.create(
        user=drafter, role=StaffRole.DRAFTER, agency=open_consultation.agency
    )
    comment = Comment.objects.filter(
        consultation=open_consultation, status="published", parent=None
    ).first()
    staff_login(drafter)
    url = reverse("consultations_responses", args=[open_consultation.pk])
    saved = client.post(answer_url([comment]), {"outcome": "accepted",
                                                "text": "Diterima di Pasal 2."}, follow=True)  # fmt: skip
    assert "Tanggapan untuk 1 komentar telah disimpan." in saved.content.decode()
    assert comment.responses.get().text == "Diterima di Pasal 2."
    refused = client.post(url, {"action": "publish", "summary": "Ringkasan."}, follow=True)
    assert "dapat diterbitkan setelah konsultasi ditutup" in refused.content.decode()
    open_consultation.refresh_from_db()
    assert open_consultation.response_published_at is None
    with pytest.raises(CommentError, match="report_before_closing"):
        consultation_publish_response(consultation=open_consultation, user=drafter, summary="x")
    client.logout()
    public = client.get(reverse("consultations_comment", args=[comment.pk])).content.decode()
    assert comment.body[:40] in public and "Diterima di Pasal 2." not in public


def test_moderators_and_other_agencies_cannot_respond(closed_consultation, user_factory):
    moderator = user_factory()
    RoleAssignment.objects.create(
        user=moderator, role=StaffRole.MODERATOR, agency=closed_consultation.agency
    )
    comment = Comment.objects.filter(consultation=closed_consultation).first()
    with pytest.raises(NotAllowed):
        comment_response_create(consultation=closed_consultation, author=moderator,
                                comments=[comment], outcome="accepted", text="x")  # fmt: skip


def test_published_report_shows_statistics_responses_and_the_next_version(
    client, closed_consultation, drafter, staff_login
):
    comments = list(
        Comment.objects.filter(consultation=closed_consultation, status="published", parent=None)[
            :3
        ]
    )
    comment_response_create(consultation=closed_consultation, author=drafter, comments=comments[:2],
                            outcome="partly", text="Aksesibilitas kini diatur di Pasal 3.")  # fmt: skip
    clause_response_save(consultation=closed_consultation, author=drafter,
                         clause_key=comments[0].clause_key, text="Rumusan tujuan diperbaiki.")  # fmt: skip
    report_url = reverse("consultations_report", args=[closed_consultation.pk])
    assert client.get(report_url).status_code == 404  # not public yet
    staff_login(drafter)
    preview = client.get(report_url).content.decode()
    assert "belum publik" in preview
    client.logout()

    consultation_publish_response(consultation=closed_consultation, user=drafter,
                                  summary="Kami menerima 6 masukan dari 5 peserta.")  # fmt: skip
    html = client.get(report_url).content.decode()
    assert "Kami menerima 6 masukan dari 5 peserta." in html
    assert "6 komentar diterima" in html
    assert "Menurut sikap" in html and "Menurut provinsi" in html and "Mendukung" in html
    assert "Aksesibilitas kini diatur di Pasal 3." in html and "Diterima sebagian" in html
    assert "Rumusan tujuan diperbaiki." in html
    assert "bandingkan/?dari=" in html
    detail = client.get(reverse("consultations_comment", args=[comments[0].pk])).content.decode()
    assert "Tanggapan penyusun:" in detail and "Aksesibilitas kini diatur" in detail


def test_drafters_answer_through_the_staff_pages(client, closed_consultation, drafter, staff_login):
    """The comments to answer are a listing of their own (filters: clause, stance, answered);
    the answer is a bulk action on the selected comments; the report is published on the
    responses page."""
    staff_login(drafter)
    url = reverse("consultations_responses", args=[closed_consultation.pk])
    page = client.get(url)
    assert page.status_code == 200
    comments = list(
        Comment.objects.filter(consultation=closed_consultation, status="published", parent=None)
    )
    listing = reverse("consultations_answer", args=[closed_consultation.pk])
    assert f"{listing}?dijawab=belum" in page.content.decode()
    assert all(c.body[:30] in client.get(listing).content.decode() for c in comments[:5])
    missing = client.post(answer_url(comments[:2]), {"outcome": "accepted", "text": " "})
    assert missing.status_code == 400 and not comments[0].responses.exists()
    done = client.post(answer_url(comments[:2], next_url=listing),
                       {"outcome": "accepted", "text": "Diterima seluruhnya."})  # fmt: skip
    assert done.status_code == 302 and done.url == listing
    assert comments[0].responses.get().outcome == "accepted"
    assert comments[1].responses.get() == comments[0].responses.get()  # one answer for both
    unanswered = client.get(listing, {"dijawab": "belum"}).content.decode()
    assert comments[0].body[:30] not in unanswered and comments[2].body[:30] in unanswered
    answered = client.get(listing, {"dijawab": "ya"}).content.decode()
    assert comments[0].body[:30] in answered and "Diterima seluruhnya." in answered
    published = client.post(url, {"action": "publish", "summary": "Ringkasan."})
    assert published.status_code == 302
    closed_consultation.refresh_from_db()
    assert closed_consultation.phase.key == "response"


def test_a_moderator_cannot_answer_through_the_bulk_action(
    client, closed_consultation, staff_login, user_factory
):
    moderator = user_factory()
    RoleAssignment.objects.create(
        user=moderator, role=StaffRole.MODERATOR, agency=closed_consultation.agency
    )
    comment = Comment.objects.filter(consultation=closed_consultation, parent=None).first()
    staff_login(moderator)
    client.post(answer_url([comment]), {"outcome": "accepted", "text": "Ya."})
    assert not comment.responses.exists()
    listing = reverse("consultations_answer", args=[closed_consultation.pk])
    assert refused(client.get(listing))


def test_new_version_shows_earlier_input_and_whether_the_clause_changed(
    client, egov_drafts, closed_consultation
):
    html = client.get(egov_drafts[1].url).content.decode()
    assert "komentar pada Rancangan Peraturan tentang Pengembangan E-Government — Draf 1" in html
    assert "diubah dalam versi ini" in html
    assert "tidak berubah dalam versi ini" in html


def test_a_version_rewritten_from_scratch_shows_no_earlier_input(
    client, egov_policy, egov_drafts, closed_consultation
):
    """No clause kept from the commented version: nothing is carried forward, and no clause
    renders an empty part for it."""
    from demo.drafts import with_keys
    from tests.factories import DraftPageFactory

    spec = [{"title": "Bab baru", "articles": [{"heading": "", "clauses": ["Ayat baru."]}]}]
    rewritten = DraftPageFactory(
        parent=egov_policy, version_number=3, title="Draf 3", slug="draf-3", body=with_keys(spec)
    )
    html = client.get(rewritten.url).content.decode()
    assert "Ayat baru." in html
    assert "earlier-input" not in html and "clause-parts" not in html
    assert "earlier-input" in client.get(egov_drafts[1].url).content.decode()


def answer_url(comments, next_url: str = "/admin/") -> str:
    """Where the "Answer" button of the comments listing leads, for the selected comments."""
    query = urlencode([("next", next_url), *(("id", comment.pk) for comment in comments)])
    return f"{reverse('wagtail_bulk_action', args=['consultations', 'comment', 'respond'])}?{query}"


def test_a_closed_consultation_offers_no_new_comment(
    client, closed_consultation, open_consultation
):
    """Its comments can still be read, clause by clause; nothing invites a comment it would
    refuse."""
    comment = Comment.objects.filter(
        consultation=closed_consultation, status="published", parent=None
    ).first()
    listing = reverse("consultations_clause_comments", args=[closed_consultation.pk])
    html = client.get(listing, {"ayat": comment.clause_key}).content.decode()
    assert comment.body[:30] in html
    assert "Tambahkan komentar Anda" not in html
    assert reverse("consultations_comment_new", args=[closed_consultation.pk]) not in html
    still_open = reverse("consultations_clause_comments", args=[open_consultation.pk])
    assert "Tambahkan komentar Anda" in client.get(still_open, {"ayat": ""}).content.decode()
