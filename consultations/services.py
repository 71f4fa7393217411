"""Use cases of a consultation: commenting, replying, supporting, flagging, moderating.

Every path that creates or changes a comment (web form, staff entry, later API and WebSocket)
comes through these functions, so the rules live in one place.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Iterable

import rules
from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from accounts import ratelimits
from accounts.choices import RespondentType, organisation_missing
from cms.documents import is_pdf
from consultations.models import (
    Appeal,
    Channel,
    ClauseResponse,
    Comment,
    CommentAttachment,
    CommentFlag,
    CommentResponse,
    CommentRevision,
    CommentStatus,
    CommentSupport,
    Consultation,
    ModerationAction,
    ModerationDecision,
    ModerationMode,
    Outcome,
    PolicyFollow,
    Stance,
    ThemeResponse,
)
from consultations.phases import consultation_phase
from consultations.signals import announce_comments_changed
from consultations.tasks import notify_followers, notify_moderation, notify_reply


class CommentError(Exception):
    """A rule of the consultation was broken; ``code`` says which, for the user's message."""

    code = "invalid"

    def __init__(self, code: str | None = None):
        super().__init__(code or self.code)
        self.code = code or self.code


class CommentRateLimited(CommentError):
    """Too many comments too quickly (per person and per address, whichever way they came);
    ``retry_after`` says in how many seconds one is admitted again."""

    code = "rate_limited"

    def __init__(self, retry_after: int):
        super().__init__()
        self.retry_after = retry_after


class ConsultationNotOpen(CommentError):
    code = "not_open"


class UnknownClause(CommentError):
    code = "unknown_clause"


class NotAllowed(CommentError):
    code = "not_allowed"


class EditWindowPassed(CommentError):
    code = "edit_window_passed"


class AlreadyAppealed(CommentError):
    code = "already_appealed"


class InvalidAttachment(CommentError):
    code = "invalid_attachment"


def mark_activity(consultation: Consultation) -> None:
    """Mark activity (comments, discussions): cached draft pages key on this time."""
    Consultation.objects.filter(pk=consultation.pk).update(activity_at=timezone.now())


def _recorded_at(at: dt.datetime | None) -> dt.datetime:
    """When an action happened: now, or an earlier time given by a caller that records history
    (input received offline last week, demo data). A time still to come is a caller's bug."""
    now = timezone.now()
    if at is None:
        return now
    if at > now:
        raise ValueError("An action cannot be recorded at a time still to come.")
    return at


def _reindex(*comment_ids: int) -> None:
    """Tell the apps above (search) that the comments changed, in the current transaction."""
    announce_comments_changed(comment_ids)


def _check_attachments(attachments: Iterable) -> list:
    files = list(attachments)
    if len(files) > settings.COMMENT_ATTACHMENTS_MAX:
        raise InvalidAttachment("too_many_attachments")
    for upload in files:
        if upload.size > settings.COMMENT_ATTACHMENT_MAX_BYTES:
            raise InvalidAttachment("attachment_too_large")
        if not is_pdf(upload):
            raise InvalidAttachment("attachment_not_pdf")
    return files


@transaction.atomic
def comment_create(
    *,
    consultation: Consultation,
    author,
    body: str,
    clause_key: str = "",
    stance: str = "",
    proposed_wording: str = "",
    respondent_type: str = RespondentType.INDIVIDUAL,
    organisation: str = "",
    province: str = "",
    show_name: bool = True,
    consent: bool,
    submission_key: uuid.UUID | None = None,
    attachments: Iterable = (),
    ip_address: str | None = None,
    parent: Comment | None = None,
    channel: str = Channel.ONLINE,
    entered_by=None,
    submitter_name: str = "",
    at: dt.datetime | None = None,
) -> tuple[Comment, bool]:
    """Create a comment or reply; return it and whether it is new.

    A repeated ``submission_key`` (double click, retry after a timeout) returns the comment
    already stored instead of a second one. ``at`` records a comment made earlier (default now):
    it is the comment's time, and a participant's comment needs the consultation open then.
    """
    if submission_key is not None:
        existing = Comment.objects.filter(submission_key=submission_key).first()
        if existing is not None:
            if existing.author_id != getattr(author, "pk", None):
                raise NotAllowed
            return existing, False

    staff_entry = entered_by is not None
    if staff_entry:
        if not entered_by.has_perm("consultations.moderate", consultation):
            raise NotAllowed
    elif channel != Channel.ONLINE or not author.has_perm("consultations.comment"):
        raise NotAllowed
    made_at = _recorded_at(at)
    if not consultation_phase(consultation, at=made_at).accepts_comments and not staff_entry:
        raise ConsultationNotOpen
    if not consent:
        raise CommentError("consent_required")
    body = body.strip()
    if not body:
        raise CommentError("empty")
    if (
        len(body) > settings.COMMENT_MAX_LENGTH
        or len(proposed_wording) > settings.COMMENT_MAX_LENGTH
    ):
        raise CommentError("too_long")
    if parent is not None:
        if parent.consultation_id != consultation.pk or parent.parent_id is not None:
            raise CommentError("reply_depth")
        if parent.status != CommentStatus.PUBLISHED:
            raise CommentError("reply_to_hidden")
        clause_key, stance, proposed_wording = parent.clause_key, "", ""
    elif clause_key and clause_key not in consultation.clause_keys:
        raise UnknownClause
    if stance and stance not in Stance.values:
        raise CommentError("invalid_stance")
    if organisation_missing(respondent_type, organisation):
        raise CommentError("organisation_required")
    files = _check_attachments(attachments)
    if not staff_entry and at is None:  # a repeated submission_key returned above: not counted
        try:
            ratelimits.consume("comment", user_id=author.pk, ip=ip_address)
        except ratelimits.RateLimited as limited:
            raise CommentRateLimited(limited.retry_after) from None

    status = (
        CommentStatus.PENDING
        if consultation.moderation_mode == ModerationMode.PRE and not staff_entry
        else CommentStatus.PUBLISHED
    )
    try:
        with transaction.atomic():
            comment = Comment.objects.create(
                consultation=consultation,
                clause_key=clause_key,
                parent=parent,
                author=author,
                show_name=show_name,
                body=body,
                stance=stance,
                proposed_wording=proposed_wording.strip(),
                respondent_type=respondent_type,
                organisation=organisation.strip()
                if respondent_type != RespondentType.INDIVIDUAL
                else "",
                province=province,
                channel=channel,
                entered_by=entered_by,
                submitter_name=submitter_name.strip(),
                status=status,
                consent_given_at=made_at,
                submission_key=submission_key or uuid.uuid4(),
                ip_address=ip_address,
            )
            if at is not None:  # auto_now_add ignores a given value
                Comment.objects.filter(pk=comment.pk).update(created_at=made_at)
                comment.created_at = made_at
            _reindex(comment.pk)
    except IntegrityError:
        # Two identical submissions raced; the other one won and is the comment to return.
        return Comment.objects.get(submission_key=submission_key), False
    for upload in files:
        CommentAttachment.objects.create(
            comment=comment, file=upload, original_name=upload.name[:255], size=upload.size
        )
    mark_activity(consultation)
    if parent is not None and parent.author_id and parent.author_id != getattr(author, "pk", None):
        transaction.on_commit(lambda: notify_reply.enqueue(comment.pk))
    return comment, True


def comment_edit(*, comment: Comment, user, body: str, proposed_wording: str = "") -> Comment:
    if comment.author_id != user.pk or comment.status == CommentStatus.WITHDRAWN:
        raise NotAllowed
    window = dt.timedelta(minutes=settings.COMMENT_EDIT_WINDOW_MINUTES)
    if timezone.now() > comment.created_at + window:
        raise EditWindowPassed
    body = body.strip()
    if not body:
        raise CommentError("empty")
    if len(body) > settings.COMMENT_MAX_LENGTH:
        raise CommentError("too_long")
    with transaction.atomic():
        CommentRevision.objects.create(
            comment=comment, body=comment.body, proposed_wording=comment.proposed_wording
        )
        comment.body = body
        comment.proposed_wording = proposed_wording.strip() if not comment.is_reply else ""
        comment.edited_at = timezone.now()
        comment.save(update_fields=["body", "proposed_wording", "edited_at"])
        mark_activity(comment.consultation)
        _reindex(comment.pk)
    return comment


def comment_withdraw(*, comment: Comment, user) -> Comment:
    if comment.author_id != user.pk:
        raise NotAllowed
    with transaction.atomic():
        comment.status = CommentStatus.WITHDRAWN
        comment.save(update_fields=["status"])
        mark_activity(comment.consultation)
        _reindex(comment.pk)
    return comment


def comment_support_toggle(*, comment: Comment, user) -> bool:
    """Add or remove the user's support; return whether they now support it."""
    if comment.status != CommentStatus.PUBLISHED or not user.has_perm("consultations.comment"):
        raise NotAllowed
    if comment.author_id == user.pk:
        raise CommentError("own_comment")  # support says others share a view, not its author
    with transaction.atomic():
        deleted, _ = CommentSupport.objects.filter(comment=comment, user=user).delete()
        _reindex(comment.pk)  # the support count is a sort key
        if deleted:
            Comment.objects.filter(pk=comment.pk).update(support_count=F("support_count") - 1)
            return False
        CommentSupport.objects.create(comment=comment, user=user)
        Comment.objects.filter(pk=comment.pk).update(support_count=F("support_count") + 1)
        return True


@transaction.atomic
def comment_flag(*, comment: Comment, user, reason: str) -> bool:
    """Report a comment; return False if this user had already reported it."""
    if not user.is_authenticated:
        raise NotAllowed
    try:
        with transaction.atomic():
            CommentFlag.objects.create(comment=comment, user=user, reason=reason)
    except IntegrityError:
        return False
    Comment.objects.filter(pk=comment.pk).update(flag_count=F("flag_count") + 1)
    comment.refresh_from_db(fields=["flag_count", "status"])
    consultation = comment.consultation
    if (
        consultation.moderation_mode == ModerationMode.POST
        and comment.status == CommentStatus.PUBLISHED
        and comment.flag_count >= consultation.flag_threshold
    ):
        comment.status = CommentStatus.HIDDEN
        comment.save(update_fields=["status"])
        ModerationDecision.objects.create(
            comment=comment, moderator=None, action=ModerationAction.AUTO_HIDE, reason=reason
        )
        mark_activity(consultation)
        _reindex(comment.pk)
    return True


_ACTION_STATUS = {
    ModerationAction.APPROVE: CommentStatus.PUBLISHED,
    ModerationAction.RESTORE: CommentStatus.PUBLISHED,
    ModerationAction.REJECT: CommentStatus.REJECTED,
    ModerationAction.HIDE: CommentStatus.HIDDEN,
}


@transaction.atomic
def comment_moderate(
    *,
    comments: Iterable[Comment],
    moderator,
    action: str,
    reason: str = "",
    note: str = "",
    at: dt.datetime | None = None,
) -> int:
    """Apply one decision to several comments; each gets its own log entry. Text is kept.
    ``at`` records a decision taken earlier (default now) as the log entries' time."""
    if action not in _ACTION_STATUS:
        raise CommentError("invalid_action")
    if action in (ModerationAction.REJECT, ModerationAction.HIDE) and not reason:
        raise CommentError("reason_required")
    decided_at = _recorded_at(at)
    changed = 0
    touched = set()
    for comment in comments:
        if not moderator.has_perm("consultations.moderate", comment.consultation):
            raise NotAllowed
        if comment.status == CommentStatus.WITHDRAWN:
            continue
        comment.status = _ACTION_STATUS[action]
        comment.save(update_fields=["status"])
        decision = ModerationDecision.objects.create(
            comment=comment, moderator=moderator, action=action, reason=reason, note=note.strip()
        )
        if at is not None:  # auto_now_add ignores a given value
            ModerationDecision.objects.filter(pk=decision.pk).update(created_at=decided_at)
        Appeal.objects.filter(comment=comment, resolved_at__isnull=True).update(
            resolved_at=decided_at
        )
        touched.add(comment.consultation_id)
        _reindex(comment.pk)
        changed += 1
        if comment.author_id:
            decision_comment = comment.pk
            transaction.on_commit(lambda pk=decision_comment: notify_moderation.enqueue(pk))
    Consultation.objects.filter(pk__in=touched).update(activity_at=timezone.now())
    return changed


def comment_appeal(*, comment: Comment, user, text: str) -> Appeal:
    if comment.author_id != user.pk or comment.status not in (
        CommentStatus.HIDDEN,
        CommentStatus.REJECTED,
    ):
        raise NotAllowed
    if not text.strip():
        raise CommentError("empty")
    try:
        with transaction.atomic():
            return Appeal.objects.create(comment=comment, text=text.strip())
    except IntegrityError:
        raise AlreadyAppealed from None


def _require_respond(user, consultation: Consultation) -> None:
    if not user.has_perm("consultations.respond", consultation):
        raise NotAllowed
    if not rules.test_rule("consultations.write_response", user, consultation):
        raise CommentError("responses_not_open")


@transaction.atomic
def comment_response_create(
    *, consultation: Consultation, author, comments: Iterable[Comment], outcome: str, text: str
):
    _require_respond(author, consultation)
    comments = [c for c in comments if c.consultation_id == consultation.pk and not c.is_reply]
    if not comments:
        raise CommentError("no_comments_selected")
    if outcome not in Outcome.values:
        raise CommentError("invalid_outcome")
    if not text.strip():
        raise CommentError("empty")
    response = CommentResponse.objects.create(
        consultation=consultation, outcome=outcome, text=text.strip(), author=author
    )
    response.comments.set(comments)
    return response


def clause_response_save(*, consultation: Consultation, author, clause_key: str, text: str):
    _require_respond(author, consultation)
    if clause_key and clause_key not in consultation.clause_keys:
        raise UnknownClause
    if not text.strip():
        ClauseResponse.objects.filter(consultation=consultation, clause_key=clause_key).delete()
        return None
    response, _ = ClauseResponse.objects.update_or_create(
        consultation=consultation, clause_key=clause_key, defaults={"text": text.strip()}
    )
    return response


def theme_response_create(
    *, consultation: Consultation, author, title: str, text: str, comment_count: int = 0
):
    _require_respond(author, consultation)
    if not title.strip() or not text.strip():
        raise CommentError("empty")
    return ThemeResponse.objects.create(
        consultation=consultation, title=title.strip(), text=text.strip(),
        comment_count=max(comment_count, 0),
    )  # fmt: skip


def consultation_create(
    *,
    policy,
    draft,
    title: str,
    opens_at: dt.datetime,
    closes_at: dt.datetime,
    moderation_mode: str = ModerationMode.POST,
    flag_threshold: int = 3,
    created_by,
) -> Consultation:
    """Open a draft version of a policy for comment between two times, for the site admins and
    drafters who run the policy's consultations (staff pages, API, commands). Raises Django's
    ``ValidationError`` with the fields' messages, as the admin form shows them, when the draft
    is not the policy's or the consultation would close before it opens."""
    if not created_by.has_perm("consultations.respond", policy):
        raise NotAllowed
    consultation = Consultation(
        policy=policy, draft=draft, title=title.strip(), opens_at=opens_at, closes_at=closes_at,
        moderation_mode=moderation_mode, flag_threshold=flag_threshold,
    )  # fmt: skip
    consultation.full_clean()
    consultation.save()
    return consultation


def consultation_start_analysis(
    *, consultation: Consultation, user, at: dt.datetime | None = None
) -> Consultation:
    """Mark the start of analysis. ``at`` records an earlier start (default now); the
    consultation must have been closed at that time too."""
    if not user.has_perm("consultations.respond", consultation):
        raise NotAllowed
    if not rules.test_rule("consultations.start_analysis", user, consultation):
        raise CommentError("not_closed")
    started_at = _recorded_at(at)
    if not consultation_phase(consultation, at=started_at).analysis_can_start:
        raise CommentError("not_closed")
    consultation.analysis_started_at = started_at
    consultation.save(update_fields=["analysis_started_at"])
    return consultation


def consultation_publish_response(
    *, consultation: Consultation, user, summary: str
) -> Consultation:
    """Publish the 'what we heard' report once the consultation has closed; followers are told
    by the scheduler."""
    _require_respond(user, consultation)
    if not rules.test_rule("consultations.publish_response", user, consultation):
        raise CommentError("report_before_closing")
    if not summary.strip():
        raise CommentError("summary_required")
    now = timezone.now()
    consultation.analysis_started_at = consultation.analysis_started_at or now
    consultation.response_summary = summary.strip()
    consultation.response_published_at = now
    consultation.save(
        update_fields=["analysis_started_at", "response_summary", "response_published_at"]
    )
    mark_activity(consultation)
    return consultation


def policy_follow(*, user, policy) -> None:
    PolicyFollow.objects.get_or_create(user=user, policy=policy)


def policy_unfollow(*, user, policy) -> None:
    PolicyFollow.objects.filter(user=user, policy=policy).delete()


CLOSING_NOTICE_BEFORE = dt.timedelta(hours=48)


def send_due_consultation_notices(*, now: dt.datetime | None = None) -> int:
    """Tell followers that a consultation opened, closes within 48 hours, or has published its
    response. Each notice goes out once; run by the scheduler every minute."""
    now = now or timezone.now()
    due = {
        "opened": Consultation.objects.filter(
            opened_notice_sent_at__isnull=True, opens_at__lte=now, closes_at__gt=now
        ),
        "closing": Consultation.objects.filter(
            closing_notice_sent_at__isnull=True,
            closes_at__gt=now,
            closes_at__lte=now + CLOSING_NOTICE_BEFORE,
        ),
        "response": Consultation.objects.filter(
            response_notice_sent_at__isnull=True, response_published_at__lte=now
        ),
    }
    sent = 0
    for kind, consultations in due.items():
        for consultation_id in consultations.values_list("pk", flat=True):
            # Claim the notice first, so two schedulers never send it twice.
            claimed = Consultation.objects.filter(
                pk=consultation_id, **{f"{kind}_notice_sent_at__isnull": True}
            ).update(**{f"{kind}_notice_sent_at": now})
            if claimed:
                notify_followers.enqueue(consultation_id, kind)
                sent += 1
    return sent
