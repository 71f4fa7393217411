"""The comment document: what every search engine indexes of a comment, declared once.

Each field names its kind (keyword, text, long, ...); the Elasticsearch engine turns the kinds
into its mapping (``search.engines.elasticsearch.comment_index``) and the database engine maps
the same fields onto its ``IndexedComment`` row (``search.engines.database``). The document is
plain data so that a deployment on the database engine never loads the Elasticsearch client.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field, fields
from typing import Any

from consultations.models import Comment
from search.analysis import default_pipeline
from search.models import CampaignMember, CommentCode

# Field kinds. Facets are keyword or long (exact values); text is analysed for search.
# TERMS is text already analysed by the Indonesian pipeline (search.analysis): its terms,
# separated by spaces, indexed as they are (no engine analyses them again).
KEYWORD, TEXT, TERMS, LONG, INTEGER, BOOLEAN, DATE = (
    "keyword",
    "text",
    "terms",
    "long",
    "integer",
    "boolean",
    "date",
)


def _field(kind: str):
    return field(metadata={"kind": kind})


@dataclass(frozen=True, slots=True)
class CommentDocument:
    """One comment as the engines index it; ``comment_id`` is the document's id, the other
    attributes its fields. Build it with ``from_comments`` (or ``from_comment`` when codes and
    campaign are known)."""

    comment_id: int
    consultation: int = _field(LONG)
    clause: str = _field(KEYWORD)  # "" for a comment on the draft as a whole
    is_reply: bool = _field(BOOLEAN)
    stance: str = _field(KEYWORD)
    respondent_type: str = _field(KEYWORD)
    province: str = _field(KEYWORD)
    status: str = _field(KEYWORD)
    channel: str = _field(KEYWORD)
    created_at: dt.datetime = _field(DATE)
    support_count: int = _field(INTEGER)
    body: str = _field(TEXT)
    proposed_wording: str = _field(TEXT)
    body_terms: str = _field(TERMS)
    proposed_wording_terms: str = _field(TERMS)
    codes: list[int] = _field(LONG)  # multi-valued
    campaign: int | None = _field(LONG)

    @classmethod
    def from_comment(
        cls, comment: Comment, *, codes: Iterable[int] = (), campaign: int | None = None
    ) -> CommentDocument:
        """The document of one comment, given its codes and campaign (kept in other tables)."""
        return cls(
            comment_id=comment.pk,
            consultation=comment.consultation_id,
            clause=comment.clause_key,
            is_reply=comment.parent_id is not None,
            stance=comment.stance,
            respondent_type=comment.respondent_type,
            province=comment.province,
            status=comment.status,
            channel=comment.channel,
            created_at=comment.created_at,
            support_count=comment.support_count,
            body=comment.body,
            proposed_wording=comment.proposed_wording,
            body_terms=analysed(comment.body),
            proposed_wording_terms=analysed(comment.proposed_wording),
            codes=sorted(codes),
            campaign=campaign,
        )

    @classmethod
    def from_comments(cls, comment_ids: Iterable[int]) -> list[CommentDocument]:
        """Documents of these comments in three queries, whatever their number (callers pass
        batches); ids missing from the database are left out."""
        ids = list(comment_ids)
        codes: dict[int, list[int]] = {}
        for comment_id, code_id in CommentCode.objects.filter(comment_id__in=ids).values_list(
            "comment_id", "code_id"
        ):
            codes.setdefault(comment_id, []).append(code_id)
        campaigns = dict(
            CampaignMember.objects.filter(comment_id__in=ids).values_list(
                "comment_id", "campaign_id"
            )
        )
        comments = Comment.objects.filter(pk__in=ids).only(
            "consultation_id", "clause_key", "parent_id", "stance", "respondent_type", "province",
            "status", "channel", "created_at", "support_count", "body", "proposed_wording",
        )  # fmt: skip
        return [
            cls.from_comment(c, codes=codes.get(c.pk, ()), campaign=campaigns.get(c.pk))
            for c in comments
        ]

    def source(self) -> dict[str, Any]:
        """The indexed fields and their values, empty ones included."""
        return {name: getattr(self, name) for name in FIELD_KINDS}


def analysed(text: str) -> str:
    """A text's terms through the site's analysis pipeline, as the engines index them."""
    return " ".join(default_pipeline().terms(text))


# Field name -> kind, in declaration order.
FIELD_KINDS: dict[str, str] = {
    f.name: f.metadata["kind"] for f in fields(CommentDocument) if f.metadata
}


def document_fields() -> frozenset[str]:
    """The names of the document's fields."""
    return frozenset(FIELD_KINDS)
