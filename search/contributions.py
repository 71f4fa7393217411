"""What search adds to consultations, which never imports it: an index update queued with every
comment change, codes and campaign in the staff export, campaigns in the response report.
Connected in `SearchConfig.ready()`."""

from __future__ import annotations

from django.db.models import OuterRef, QuerySet, Subquery
from django.dispatch import receiver

from consultations.exports import StaffExportColumns
from consultations.models import Comment
from consultations.signals import comments_changed
from search.models import CampaignMember
from search.selectors import campaign_summary
from search.services import queue_comment_updates


@receiver(comments_changed, dispatch_uid="search.queue_comment_updates")
def queue_index_updates(sender, *, comment_ids, **kwargs) -> None:
    """Write the outbox rows in the sender's transaction: no comment change commits without
    its index update queued."""
    queue_comment_updates(comment_ids)


def _with_codes_and_campaign(comments: QuerySet) -> QuerySet:
    return comments.prefetch_related("codings__code").annotate(
        campaign_id=Subquery(
            CampaignMember.objects.filter(comment=OuterRef("pk")).values("campaign_id")[:1]
        )
    )


def _codes_and_campaign(comment: Comment) -> dict:
    return {
        "codes": "; ".join(sorted(c.code.label for c in comment.codings.all())),
        "campaign": comment.campaign_id or "",
    }


STAFF_EXPORT_COLUMNS = StaffExportColumns(
    names=("codes", "campaign"), annotate=_with_codes_and_campaign, values=_codes_and_campaign
)


def report_campaigns_section(*, consultation) -> dict:
    """Campaigns in "what we heard": each counted once, with its size."""
    return {
        "template_name": "search/report_campaigns.html",
        "campaigns": campaign_summary(consultation=consultation),
    }
