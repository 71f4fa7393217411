"""The comment document: what every search engine indexes of a comment, declared once.

Elasticsearch stores it as declared here. Text is analysed for Indonesian (standard tokenizer,
lowercase, the ``_indonesian_`` stop list, the Snowball ``indonesian`` stemmer: "pelayanan" finds
"layanan"), with an English sub-field for English input and an unstemmed ``exact`` sub-field from
which themes are read as people wrote them. Facet fields are keywords. Indexes are versioned
(``<alias>-<timestamp>``) behind an alias; their settings and mappings come from a composable
index template saved by ``manage.py search_index``. The database engine maps the same document
onto its ``IndexedComment`` row (``search.engines.database``).
"""

# No ``from __future__ import annotations`` here: elasticsearch.dsl reads the field annotations
# (``list[int]`` is a multi-valued field, ``int | None`` an optional one) as real types.

import datetime as dt
from collections.abc import Iterable

from elasticsearch.dsl import (
    Boolean,
    Date,
    Document,
    Integer,
    Keyword,
    Long,
    Text,
    analyzer,
    mapped_field,
    token_filter,
)

from consultations.models import Comment
from search.models import CampaignMember, CommentCode

indonesian_stop = token_filter("rembuk_indonesian_stop", "stop", stopwords="_indonesian_")
indonesian_stemmer = token_filter("rembuk_indonesian_stemmer", "stemmer", language="indonesian")
indonesian = analyzer(
    "rembuk_indonesian",
    tokenizer="standard",
    filter=["lowercase", indonesian_stop, indonesian_stemmer],
)


def _text() -> Text:
    return Text(
        analyzer=indonesian,
        fields={"en": Text(analyzer="english"), "exact": Text(analyzer="standard")},
    )


class CommentDocument(Document):
    """One comment as the engines index it; its id (``meta.id``) is the comment's id.
    Build it with ``from_comments`` (or ``from_comment`` when codes and campaign are known)."""

    consultation: int = mapped_field(Long())
    clause: str = mapped_field(Keyword())  # "" for a comment on the draft as a whole
    is_reply: bool = mapped_field(Boolean())
    stance: str = mapped_field(Keyword())
    respondent_type: str = mapped_field(Keyword())
    province: str = mapped_field(Keyword())
    status: str = mapped_field(Keyword())
    channel: str = mapped_field(Keyword())
    created_at: dt.datetime = mapped_field(Date())
    support_count: int = mapped_field(Integer())
    body: str = mapped_field(_text())
    proposed_wording: str = mapped_field(_text())
    codes: list[int] = mapped_field(Long())
    campaign: int | None = mapped_field(Long())

    class Index:
        name = "comments"  # the engine passes its alias or a versioned name when it writes
        settings = {"number_of_shards": 1, "number_of_replicas": 0}

    @classmethod
    def from_comment(
        cls, comment: Comment, *, codes: Iterable[int] = (), campaign: int | None = None
    ) -> "CommentDocument":
        """The document of one comment, given its codes and campaign (kept in other tables)."""
        return cls(
            meta={"id": comment.pk},
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
            codes=sorted(codes),
            campaign=campaign,
        )

    @classmethod
    def from_comments(cls, comment_ids: Iterable[int]) -> list["CommentDocument"]:
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

    @property
    def comment_id(self) -> int:
        return int(self.meta.id)


def document_fields() -> frozenset[str]:
    """The names of the document's fields."""
    return frozenset(CommentDocument._doc_type.mapping)
