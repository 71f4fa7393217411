"""What consultations hold about a person, how it is exported, erased and retired."""

from __future__ import annotations

import datetime as dt
import uuid

from django.conf import settings
from django.db.models import F
from django.utils import timezone

from consultations.models import Comment, CommentFlag, CommentSupport, ModerationDecision
from consultations.signals import announce_comments_changed


def export_comments_of(user) -> list[dict]:
    return [
        {
            "id": comment.pk,
            # Codes are kept beside names a person can read ("Pasal 3 ayat (5)", "Jawa Timur").
            "consultation": comment.consultation.title,
            "clause_key": comment.clause_key,
            "clause": comment.consultation.clause_label(comment.clause_key),
            "reply_to": comment.parent_id,
            "status": comment.status,
            "status_name": comment.get_status_display(),
            "stance": comment.stance,
            "stance_name": comment.get_stance_display() if comment.stance else "",
            "body": comment.body,
            "proposed_wording": comment.proposed_wording,
            "respondent_type": comment.respondent_type,
            "respondent_type_name": (
                comment.get_respondent_type_display() if comment.respondent_type else ""
            ),
            "organisation": comment.organisation,
            "province": comment.province,
            "province_name": comment.get_province_display() if comment.province else "",
            "shown_with_name": comment.show_name,
            "created_at": comment.created_at.isoformat(),
            "edited_at": comment.edited_at.isoformat() if comment.edited_at else None,
            "earlier_versions": [r.body for r in comment.revisions.all()],
        }
        for comment in Comment.objects.filter(author=user)
        .select_related("consultation__draft")
        .prefetch_related("revisions")
        .order_by("id")
    ]


def erase_comments_of(user) -> None:
    """Published input stays as part of the public record, without any link to the person."""
    announce_comments_changed(Comment.objects.filter(author=user).values_list("pk", flat=True))
    Comment.objects.filter(author=user).update(
        author=None, show_name=False, organisation="", province="", ip_address=None,
        submitter_name="", erased_author_key=uuid.uuid4(),
    )  # fmt: skip
    # The counters shown beside comments stay true: each support and report removed lowers them.
    supported = list(CommentSupport.objects.filter(user=user).values_list("comment_id", flat=True))
    Comment.objects.filter(pk__in=supported).update(support_count=F("support_count") - 1)
    reported = list(CommentFlag.objects.filter(user=user).values_list("comment_id", flat=True))
    Comment.objects.filter(pk__in=reported).update(flag_count=F("flag_count") - 1)
    CommentSupport.objects.filter(user=user).delete()
    CommentFlag.objects.filter(user=user).delete()
    announce_comments_changed(supported)  # the support count is a search sort key


def purge_expired_ip_addresses() -> int:
    cutoff = timezone.now() - dt.timedelta(days=settings.IP_ADDRESS_RETENTION_DAYS)
    return Comment.objects.filter(created_at__lt=cutoff, ip_address__isnull=False).update(
        ip_address=None
    )


def purge_expired_moderation_log() -> int:
    cutoff = timezone.now() - dt.timedelta(days=settings.MODERATION_LOG_RETENTION_DAYS)
    deleted, _ = ModerationDecision.objects.filter(created_at__lt=cutoff).delete()
    return deleted
