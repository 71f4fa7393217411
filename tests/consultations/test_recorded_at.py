"""Recording what happened earlier (``at=``): input received offline last week, a consultation's
history. The rules hold at the time given; without ``at`` everything is as for a person now."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from accounts.models import RoleAssignment, StaffRole
from consultations.models import Comment, CommentStatus, ModerationAction, ModerationMode
from consultations.services import (
    CommentError,
    ConsultationNotOpen,
    NotAllowed,
    comment_create,
    comment_moderate,
    consultation_create,
    consultation_start_analysis,
)

pytestmark = pytest.mark.django_db

OPENS = dt.datetime(2026, 3, 2, 2, tzinfo=dt.UTC)
CLOSES = dt.datetime(2026, 4, 30, 16, 59, tzinfo=dt.UTC)
WHILE_OPEN = OPENS + dt.timedelta(days=3)


def _staff(user_factory, role, agency):
    user = user_factory()
    RoleAssignment.objects.create(user=user, role=role, agency=agency)
    return user


@pytest.fixture
def drafter(user_factory, egov_policy):
    return _staff(user_factory, StaffRole.DRAFTER, egov_policy.agency)


@pytest.fixture
def moderator(user_factory, egov_policy):
    return _staff(user_factory, StaffRole.MODERATOR, egov_policy.agency)


@pytest.fixture
def past_consultation(egov_policy, egov_drafts, drafter):
    """Open from March to April 2026 (closed now), pre-moderated."""
    return consultation_create(
        policy=egov_policy, draft=egov_drafts[1], title="Konsultasi yang sudah ditutup",
        opens_at=OPENS, closes_at=CLOSES, moderation_mode=ModerationMode.PRE, created_by=drafter,
    )  # fmt: skip


def _comment(consultation, author, **extra):
    comment, _created = comment_create(
        consultation=consultation, author=author, body="Masukan saya tentang rancangan ini.",
        consent=True, **extra,
    )  # fmt: skip
    return comment


def test_a_comment_made_while_the_consultation_was_open_is_recorded_at_that_time(
    past_consultation, citizen
):
    comment = _comment(past_consultation, citizen, at=WHILE_OPEN)

    stored = Comment.objects.get(pk=comment.pk)
    assert stored.created_at == WHILE_OPEN
    assert stored.consent_given_at == WHILE_OPEN
    assert stored.status == CommentStatus.PENDING  # pre-moderation applies as it did then


@pytest.mark.parametrize(
    "at", [OPENS - dt.timedelta(minutes=1), CLOSES, CLOSES + dt.timedelta(days=10)]
)
def test_a_time_when_the_consultation_was_not_open_is_refused(past_consultation, citizen, at):
    with pytest.raises(ConsultationNotOpen):
        _comment(past_consultation, citizen, at=at)


def test_without_a_time_a_closed_consultation_still_refuses_comments(past_consultation, citizen):
    with pytest.raises(ConsultationNotOpen):
        _comment(past_consultation, citizen)


def test_a_time_still_to_come_is_refused(open_consultation, citizen):
    with pytest.raises(ValueError, match="still to come"):
        _comment(open_consultation, citizen, at=timezone.now() + dt.timedelta(hours=1))


def test_without_a_time_a_comment_is_made_now(open_consultation, citizen):
    before = timezone.now()
    comment = _comment(open_consultation, citizen)
    assert before <= Comment.objects.get(pk=comment.pk).created_at <= timezone.now()


def test_a_moderation_decision_is_logged_at_the_time_it_was_taken(
    past_consultation, citizen, moderator
):
    comment = _comment(past_consultation, citizen, at=WHILE_OPEN)
    approved_at = WHILE_OPEN + dt.timedelta(hours=1)

    comment_moderate(
        comments=[comment], moderator=moderator, action=ModerationAction.APPROVE, at=approved_at
    )

    decision = comment.decisions.get()
    assert (decision.action, decision.created_at) == (ModerationAction.APPROVE, approved_at)
    assert Comment.objects.get(pk=comment.pk).status == CommentStatus.PUBLISHED


def test_analysis_may_be_recorded_as_started_after_closing_but_not_before(
    past_consultation, drafter
):
    with pytest.raises(CommentError, match="not_closed"):
        consultation_start_analysis(
            consultation=past_consultation, user=drafter, at=CLOSES - dt.timedelta(hours=1)
        )

    started_at = CLOSES + dt.timedelta(days=1)
    consultation_start_analysis(consultation=past_consultation, user=drafter, at=started_at)

    past_consultation.refresh_from_db()
    assert past_consultation.analysis_started_at == started_at
    assert past_consultation.phase.key == "analysis"


def test_drafters_open_a_consultation_on_their_agencys_policy(past_consultation, drafter):
    assert past_consultation.policy.agency == drafter.role_assignments.get().agency
    assert past_consultation.phase.key == "closed"


def test_others_cannot_open_a_consultation(
    egov_policy, egov_drafts, moderator, citizen, user_factory, agency_factory
):
    elsewhere = agency_factory()
    drafter_elsewhere = _staff(user_factory, StaffRole.DRAFTER, elsewhere)
    for user in (moderator, citizen, drafter_elsewhere):
        with pytest.raises(NotAllowed):
            consultation_create(
                policy=egov_policy, draft=egov_drafts[1], title="Tidak boleh",
                opens_at=OPENS, closes_at=CLOSES, created_by=user,
            )  # fmt: skip


def test_a_consultation_must_close_after_it_opens_and_consult_on_its_own_policys_draft(
    egov_policy, egov_drafts, drafter
):
    from cms.models import DraftPage

    with pytest.raises(ValidationError) as closes_first:
        consultation_create(
            policy=egov_policy, draft=egov_drafts[1], title="Terbalik",
            opens_at=CLOSES, closes_at=OPENS, created_by=drafter,
        )  # fmt: skip
    assert "closes_at" in closes_first.value.message_dict

    other_draft = (
        DraftPage.objects.filter(locale__language_code="id")
        .exclude(pk__in=[d.pk for d in egov_drafts])
        .first()
    )
    with pytest.raises(ValidationError) as elsewhere:
        consultation_create(
            policy=egov_policy, draft=other_draft, title="Draf lain",
            opens_at=OPENS, closes_at=CLOSES, created_by=drafter,
        )  # fmt: skip
    assert "draft" in elsewhere.value.message_dict
