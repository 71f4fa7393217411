"""The Elasticsearch comment index, as elasticsearch-dsl definitions.

Text is analysed for Indonesian (standard tokenizer, lowercase, the ``_indonesian_`` stop list,
the Snowball ``indonesian`` stemmer: "pelayanan" finds "layanan"), with an English sub-field for
English input and an unstemmed ``exact`` sub-field from which themes are read as people wrote
them. Facet fields are keywords. Indexes are versioned (``<alias>-<timestamp>``) behind an alias.
"""

from __future__ import annotations

from elasticsearch.dsl import (
    Boolean,
    Date,
    Document,
    Integer,
    Keyword,
    Long,
    Text,
    analyzer,
    token_filter,
)

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
    consultation = Long()
    clause = Keyword()
    is_reply = Boolean()
    stance = Keyword()
    respondent_type = Keyword()
    province = Keyword()
    status = Keyword()
    channel = Keyword()
    created_at = Date()
    support_count = Integer()
    body = _text()
    proposed_wording = _text()
    codes = Long(multi=True)
    campaign = Long()

    class Index:
        name = "comments"  # replaced by the alias or a versioned name when used
        settings = {"number_of_shards": 1, "number_of_replicas": 0}


def source(document: dict) -> dict:
    """A comment document (search.services.comment_documents) as Elasticsearch stores it."""
    return {
        "consultation": document["consultation_id"],
        "clause": document["clause_key"],
        "is_reply": document["is_reply"],
        "stance": document["stance"],
        "respondent_type": document["respondent_type"],
        "province": document["province"],
        "status": document["status"],
        "channel": document["channel"],
        "created_at": document["created_at"].isoformat(),
        "support_count": document["support_count"],
        "body": document["body"],
        "proposed_wording": document["proposed_wording"],
        "codes": document["codes"],
        "campaign": document["campaign"],
    }
