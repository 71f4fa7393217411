"""Replies, support, reports, edits, withdrawal, moderation, appeals and notifications."""

import datetime as dt
import re
from urllib.parse import urlencode

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from accounts.models import RoleAssignment, StaffRole, User
from consultations.models import Comment, CommentStatus, ModerationDecision
from consultations.services import (
    AlreadyAppealed,
    CommentError,
    EditWindowPassed,
    NotAllowed,
    comment_appeal,
    comment_create,
    comment_edit,
    comment_flag,
    comment_moderate,
    comment_support_toggle,
)
from tests.http import refused

pytestmark = pytest.mark.django_db


@pytest.fixture
def comment(open_consultation, citizen, clause_keys):
    created, _ = comment_create(consultation=open_consultation, author=citizen, body="Asli.",
                                clause_key=clause_keys[4], stance="oppose", consent=True)  # fmt: skip
    return created


@pytest.fixture
def moderator(user_factory, open_consultation):
    user = user_factory(email="mod.uji@example.id")
    RoleAssignment.objects.create(
        user=user, role=StaffRole.MODERATOR, agency=open_consultation.agency
    )
    return user


def test_replies_are_one_level_deep_and_notify_the_author(
    comment, open_consultation, user_factory, django_capture_on_commit_callbacks
):
    other = user_factory()
    with django_capture_on_commit_callbacks(execute=True):
        reply, _ = comment_create(consultation=open_consultation, author=other, parent=comment,
                                  body="Saya tidak setuju.", consent=True)  # fmt: skip
    assert reply.clause_key == comment.clause_key
    assert len(mail.outbox) == 1 and mail.outbox[0].to == [comment.author.email]
    assert "Saya tidak setuju." in mail.outbox[0].body
    with pytest.raises(CommentError, match="reply_depth"):
        comment_create(consultation=open_consultation, author=other, parent=reply,
                       body="Balasan atas balasan.", consent=True)  # fmt: skip


def test_authors_who_opt_out_get_no_reply_email(
    comment, open_consultation, user_factory, django_capture_on_commit_callbacks
):
    User.objects.filter(pk=comment.author_id).update(notify_replies=False)
    with django_capture_on_commit_callbacks(execute=True):
        comment_create(consultation=open_consultation, author=user_factory(), parent=comment,
                       body="Balasan.", consent=True)  # fmt: skip
    assert mail.outbox == []


def test_support_is_one_per_person_and_toggles(comment, user_factory):
    fan = user_factory()
    assert comment_support_toggle(comment=comment, user=fan) is True
    comment.refresh_from_db()
    assert comment.support_count == 1
    assert comment_support_toggle(comment=comment, user=fan) is False
    comment.refresh_from_db()
    assert comment.support_count == 0


def test_enough_reports_hide_a_post_moderated_comment_pending_review(comment, user_factory):
    comment.consultation.flag_threshold = 2
    comment.consultation.save()
    reporter = user_factory()
    assert comment_flag(comment=comment, user=reporter, reason="spam")
    assert not comment_flag(comment=comment, user=reporter, reason="spam")  # once per person
    comment.refresh_from_db()
    assert comment.status == CommentStatus.PUBLISHED and comment.flag_count == 1
    comment_flag(comment=comment, user=user_factory(), reason="abusive")
    comment.refresh_from_db()
    assert comment.status == CommentStatus.HIDDEN
    assert comment.decisions.get().action == "auto_hide"
    assert comment.body == "Asli."  # hidden text is kept


def test_edits_keep_history_and_only_within_the_window(comment, citizen, user_factory, settings):
    comment_edit(comment=comment, user=citizen, body="Diperbaiki.")
    comment.refresh_from_db()
    assert comment.body == "Diperbaiki." and comment.edited_at
    assert list(comment.revisions.values_list("body", flat=True)) == ["Asli."]
    with pytest.raises(NotAllowed):
        comment_edit(comment=comment, user=user_factory(), body="Bukan milik saya.")
    type(comment).objects.filter(pk=comment.pk).update(
        created_at=timezone.now() - dt.timedelta(minutes=settings.COMMENT_EDIT_WINDOW_MINUTES + 1)
    )
    comment.refresh_from_db()
    with pytest.raises(EditWindowPassed):
        comment_edit(comment=comment, user=citizen, body="Terlambat.")


def test_withdrawn_comment_disappears_from_the_public_but_is_kept(client, comment, citizen):
    client.force_login(citizen)
    client.post(reverse("consultations_withdraw", args=[comment.pk]))
    comment.refresh_from_db()
    assert comment.status == CommentStatus.WITHDRAWN and comment.body == "Asli."
    client.logout()
    assert client.get(reverse("consultations_comment", args=[comment.pk])).status_code == 404


def test_another_user_cannot_edit_withdraw_or_appeal(client, comment, user_factory):
    client.force_login(user_factory())
    assert (
        client.post(reverse("consultations_edit", args=[comment.pk]), {"body": "x"}).status_code
        == 403
    )
    assert client.post(reverse("consultations_withdraw", args=[comment.pk])).status_code == 403
    assert (
        client.post(reverse("consultations_appeal", args=[comment.pk]), {"text": "x"}).status_code
        == 403
    )
    comment.refresh_from_db()
    assert comment.body == "Asli." and comment.status == CommentStatus.PUBLISHED


def test_moderation_is_logged_notified_and_appealable_once(
    comment, moderator, citizen, django_capture_on_commit_callbacks, settings
):
    settings.WAGTAILADMIN_BASE_URL = "http://127.0.0.1:8123"  # SITE_URL, as `make run` sets it
    with pytest.raises(CommentError, match="reason_required"):
        comment_moderate(comments=[comment], moderator=moderator, action="hide")
    with django_capture_on_commit_callbacks(execute=True):
        comment_moderate(comments=[comment], moderator=moderator, action="hide",
                         reason="off_topic", note="Di luar pokok bahasan.")  # fmt: skip
    comment.refresh_from_db()
    assert comment.status == CommentStatus.HIDDEN and comment.body == "Asli."
    decision = ModerationDecision.objects.get(comment=comment)
    assert (decision.moderator, decision.reason) == (moderator, "off_topic")
    body = mail.outbox[0].body
    assert "Di luar topik" in body
    # The outcome in words, the clause by name, links to where the site runs.
    assert "telah disembunyikan." in body and "Sembunyikan." not in body
    assert comment.consultation.clause_label(comment.clause_key) in body
    assert f"http://127.0.0.1:8123/komentar/{comment.pk}/" in body
    comment_appeal(comment=comment, user=citizen, text="Komentar saya relevan.")
    with pytest.raises(AlreadyAppealed):
        comment_appeal(comment=comment, user=citizen, text="Lagi.")
    comment_moderate(comments=[comment], moderator=moderator, action="restore")
    comment.refresh_from_db()
    assert comment.status == CommentStatus.PUBLISHED
    assert comment.appeal.resolved_at is not None
    assert comment.decisions.count() == 2


def test_a_moderator_of_another_agency_cannot_moderate(
    comment, user_factory, agency_factory, client, staff_login
):
    outsider = user_factory()
    RoleAssignment.objects.create(user=outsider, role=StaffRole.MODERATOR,
                                  agency=agency_factory(slug="surabaya"))  # fmt: skip
    with pytest.raises(NotAllowed):
        comment_moderate(comments=[comment], moderator=outsider, action="hide", reason="spam")
    staff_login(outsider)
    url = reverse("consultations_moderation", args=[comment.consultation_id])
    assert refused(client.get(url))
    comment.refresh_from_db()
    assert comment.status == CommentStatus.PUBLISHED


def bulk_url(action: str, comments, next_url: str = "/admin/") -> str:
    """Where the queue's bulk action buttons lead, for the selected comments."""
    query = urlencode([("next", next_url), *(("id", comment.pk) for comment in comments)])
    return f"{reverse('wagtail_bulk_action', args=['consultations', 'comment', action])}?{query}"


def test_moderation_queue_bulk_actions(
    client, open_consultation, moderator, staff_login, user_factory
):
    authors = [user_factory() for _ in range(3)]
    comments = [
        comment_create(consultation=open_consultation, author=a, body=f"Iklan {n}", consent=True)[0]
        for n, a in enumerate(authors)
    ]
    staff_login(moderator)
    url = reverse("consultations_moderation", args=[open_consultation.pk])
    page = client.get(f"{url}?status=published").content.decode()
    assert all(c.author.email in page for c in comments)
    assert f'data-object-id="{comments[0].pk}"' in page  # a checkbox per comment
    assert reverse("wagtail_bulk_action", args=["consultations", "comment", "hide"]) in page

    hide = bulk_url("hide", comments[:2], next_url=f"{url}?status=published")
    confirmation = client.get(hide).content.decode()
    assert "Iklan 0" in confirmation and "Iklan 1" in confirmation and "Iklan 2" not in confirmation
    assert "Sembunyikan komentar ini?" in confirmation
    missing_reason = client.post(hide, {"reason": "", "note": ""})
    assert missing_reason.status_code == 400
    assert "Pilih alasan" in missing_reason.content.decode()
    assert Comment.objects.filter(status="hidden").count() == 0  # nothing changed
    response = client.post(hide, {"reason": "spam", "note": "Promosi berulang."})
    assert response.status_code == 302 and response.url == f"{url}?status=published"
    statuses = sorted(
        Comment.objects.filter(pk__in=[c.pk for c in comments]).values_list("status", flat=True)
    )
    assert statuses == ["hidden", "hidden", "published"]
    decision = ModerationDecision.objects.filter(comment=comments[0]).latest("pk")
    assert (decision.action, decision.reason, decision.note) == (
        "hide",
        "spam",
        "Promosi berulang.",
    )
    assert "2 komentar diperbarui." in client.get(response.url).content.decode()

    restore = client.post(bulk_url("restore", comments[:1]), {"reason": "", "note": ""})
    assert restore.status_code == 302
    assert Comment.objects.get(pk=comments[0].pk).status == "published"


def test_the_queue_filters_by_status_clause_reports_and_open_appeals(
    client, open_consultation, moderator, staff_login, citizen, clause_keys, user_factory
):
    on_clause, reported, appealed = (
        comment_create(consultation=open_consultation, author=user_factory(), body=body,
                       clause_key=key, consent=True)[0]
        for body, key in (("Di ayat lima.", clause_keys[5]), ("Dilaporkan.", ""),
                          ("Dibanding.", ""))
    )  # fmt: skip
    Comment.objects.filter(pk=reported.pk).update(flag_count=2)
    comment_moderate(comments=[appealed], moderator=moderator, action="hide", reason="spam")
    comment_appeal(comment=appealed, user=appealed.author, text="Bukan iklan.")
    Comment.objects.filter(pk=on_clause.pk).update(status="pending")
    staff_login(moderator)
    url = reverse("consultations_moderation", args=[open_consultation.pk])

    def shown(**params) -> set[str]:
        html = client.get(url, params).content.decode()
        return {c.body for c in (on_clause, reported, appealed) if c.body in html}

    assert shown() == {"Di ayat lima."}  # the queue opens on what waits for a decision
    assert shown(status="semua") == {"Di ayat lima.", "Dilaporkan.", "Dibanding."}
    assert shown(status="semua", ayat=clause_keys[5]) == {"Di ayat lima."}
    assert shown(status="semua", dilaporkan="1") == {"Dilaporkan."}
    assert shown(status="semua", banding="1") == {"Dibanding."}
    assert (
        "Banding: Bukan iklan."
        in client.get(url, {"banding": "1", "status": "semua"}).content.decode()
    )
    # Nonsense in the address: the queue as it opens, not an error.
    assert shown(status="entah", ayat="tidak-ada", dilaporkan="x") == {"Di ayat lima."}
    results = client.get(reverse("consultations_moderation_results", args=[open_consultation.pk]),
                         {"status": "semua", "dilaporkan": "1"})  # fmt: skip
    assert results.status_code == 200 and "Dilaporkan." in results.content.decode()


def test_a_bulk_decision_leaves_comments_the_moderator_may_not_moderate(
    client, comment, open_consultation, moderator, staff_login, user_factory, agency_factory
):
    outsider = user_factory()
    RoleAssignment.objects.create(user=outsider, role=StaffRole.MODERATOR,
                                  agency=agency_factory(slug="surabaya"))  # fmt: skip
    staff_login(outsider)
    url = bulk_url("hide", [comment])
    assert f"#{comment.pk}" in client.get(url).content.decode()  # listed as out of reach
    client.post(url, {"reason": "spam", "note": ""})
    comment.refresh_from_db()
    assert comment.status == CommentStatus.PUBLISHED
    assert client.get(bulk_url("hide", []).replace("?", "?id=all&")).status_code == 404


def test_moderation_statistics_are_public(client, open_consultation, input_on):
    input_on(open_consultation)
    html = client.get(open_consultation.draft.url).content.decode()
    assert "Spam atau iklan: 1" in html
    assert "Berisi data pribadi: 1" in html


def test_staff_without_a_second_factor_cannot_open_the_queue(client, moderator, open_consultation):
    client.force_login(moderator)
    response = client.get(reverse("consultations_moderation", args=[open_consultation.pk]))
    assert response.status_code == 302 and "/2fa/totp/activate/" in response.url


def test_support_counts_stay_true_and_nobody_supports_their_own_comment(
    client, comment, citizen, user_factory
):
    """The count beside a comment is the number of other people who share its view: support
    and unsupport change it, its author cannot add to it, an erased account takes its
    support and its report away."""
    from accounts.services import account_delete

    with pytest.raises(CommentError, match="own_comment"):
        comment_support_toggle(comment=comment, user=citizen)
    supporters = [user_factory() for _ in range(3)]
    for person in supporters:
        assert comment_support_toggle(comment=comment, user=person) is True
    assert comment_support_toggle(comment=comment, user=supporters[0]) is False
    comment_flag(comment=comment, user=supporters[1], reason="spam")
    comment.refresh_from_db()
    assert (comment.support_count, comment.flag_count) == (2, 1)
    account_delete(user=supporters[1])
    comment.refresh_from_db()
    assert (comment.support_count, comment.flag_count) == (1, 0)
    assert comment.support_count == comment.supports.count()

    client.force_login(citizen)  # the author is not offered the button, and is told if they try
    page = client.get(reverse("consultations_comment", args=[comment.pk])).content.decode()
    assert "Ini mewakili pendapat saya" not in page
    response = client.post(reverse("consultations_support", args=[comment.pk]), follow=True)
    told = response.content.decode()
    assert "Anda tidak dapat mendukung komentar Anda sendiri." in told
    assert '<div role="status"><ul class="messages">' in told  # a list inside a live region
    client.force_login(supporters[2])
    page = client.get(reverse("consultations_comment", args=[comment.pk])).content.decode()
    assert page.index("Cabut dukungan saya") < page.index('id="replies-heading"')


def test_clause_counts_follow_every_path_that_changes_them(
    client, comment, citizen, moderator, user_factory
):
    """The counts on the draft page, beside a clause and in the consultation's banner: a new
    comment, a reply (not counted: it is shown under its comment), hiding, restoring,
    withdrawing, and erasing an account (its comments stay, still one participant)."""
    from accounts.services import account_delete
    from consultations.services import comment_withdraw
    from tests.consultations.test_commenting import clause_section

    consultation, key = comment.consultation, comment.clause_key

    def shown() -> tuple[str, str]:
        page = client.get(consultation.draft.url).content.decode()
        count = re.search(r'<span class="count">(\d+) komentar</span>', clause_section(page, key))
        banner = re.search(r"(\d+) komentar dari (\d+) peserta", page)
        return (count.group(1) if count else "0", " / ".join(banner.groups()) if banner else "-")

    assert shown() == ("1", "1 / 1")
    other_person = user_factory()
    other = comment_create(consultation=consultation, author=other_person, body="Kedua.",
                           clause_key=key, consent=True)[0]  # fmt: skip
    comment_create(consultation=consultation, author=other_person, body="Di pasal lain.",
                   clause_key="", consent=True)  # fmt: skip
    assert shown() == ("2", "3 / 2")
    comment_create(consultation=consultation, author=user_factory(), body="Balasan.",
                   parent=comment, consent=True)  # fmt: skip
    assert shown() == ("2", "3 / 2")
    comment_moderate(comments=[other], moderator=moderator, action="hide", reason="spam")
    assert shown() == ("1", "2 / 2")
    comment_moderate(comments=[other], moderator=moderator, action="restore")
    assert shown() == ("2", "3 / 2")
    account_delete(user=other_person)  # two comments, still one person
    assert shown() == ("2", "3 / 2")
    comment_withdraw(comment=comment, user=citizen)
    assert shown() == ("1", "2 / 1")
