"""One comment document for every engine: Elasticsearch stores ``CommentDocument`` as it is, the
database engine maps the same document onto its ``IndexedComment`` row."""

import pytest

from consultations.models import Comment
from search.analysis import default_pipeline
from search.documents import CommentDocument, document_fields
from search.engines.base import FACETS
from search.engines.database import COLUMNS, FACET_COLUMNS, FACET_TABLES, DatabaseEngine
from search.engines.elasticsearch import ElasticsearchEngine, comment_index
from search.models import CampaignMember, CommentCode, IndexedComment
from tests.search.fake_elasticsearch import FakeCluster

pytestmark = pytest.mark.django_db


@pytest.fixture
def comment_ids(analysed):
    """Comments with every kind of document: coded, in the campaign, a reply, on the draft as
    a whole, hidden."""
    ids = {
        *(letter.pk for letter in analysed.letters[:3]),
        *(comment.pk for comment in analysed.participants),
        analysed.reply.pk,
        analysed.hidden.pk,
    }
    return sorted(ids)


def test_both_engines_index_the_same_document(comment_ids):
    """The bulk body sent to Elasticsearch and the database row come from the same documents,
    and hold what the comment says."""
    documents = CommentDocument.from_comments(comment_ids)
    assert sorted(d.comment_id for d in documents) == comment_ids

    cluster = FakeCluster()
    elasticsearch = ElasticsearchEngine(cluster.client(), prefix="test")
    elasticsearch.index(documents)
    sources = {pk: source for (index, pk), source in cluster.bulk_sources().items()}
    assert set(sources) == set(comment_ids)
    DatabaseEngine().index(documents)
    rows = IndexedComment.objects.in_bulk(comment_ids)

    comments = Comment.objects.in_bulk(comment_ids)
    codes = {pk: [] for pk in comment_ids}
    for comment_id, code_id in CommentCode.objects.filter(comment_id__in=comment_ids).values_list(
        "comment_id", "code_id"
    ):
        codes[comment_id].append(code_id)
    campaigns = dict(
        CampaignMember.objects.filter(comment_id__in=comment_ids).values_list(
            "comment_id", "campaign_id"
        )
    )
    assert any(codes.values()) and campaigns  # the sample has codes and a campaign
    for pk in comment_ids:
        comment, source, row = comments[pk], sources[pk], rows[pk]
        assert set(source) == document_fields()  # every field, empty ones included
        assert source == {
            "consultation": comment.consultation_id, "clause": comment.clause_key,
            "is_reply": comment.parent_id is not None, "stance": comment.stance,
            "respondent_type": comment.respondent_type, "province": comment.province,
            "status": comment.status, "channel": comment.channel,
            "created_at": comment.created_at.isoformat(), "support_count": comment.support_count,
            "body": comment.body, "proposed_wording": comment.proposed_wording,
            "body_terms": " ".join(default_pipeline().terms(comment.body)),
            "proposed_wording_terms": " ".join(default_pipeline().terms(comment.proposed_wording)),
            "codes": sorted(codes[pk]), "campaign": campaigns.get(pk),
        }  # fmt: skip
        for field, column in COLUMNS.items():
            value = getattr(row, column)
            assert (value.isoformat() if field == "created_at" else value) == source[field]


def test_documents_of_a_batch_take_three_queries(comment_ids, django_assert_num_queries):
    with django_assert_num_queries(3):  # codes, campaigns, comments
        assert len(CommentDocument.from_comments(comment_ids)) == len(comment_ids)
    with django_assert_num_queries(3):
        assert CommentDocument.from_comments([10**9]) == []  # unknown ids are left out


def test_the_database_row_and_facets_are_derived_from_the_document():
    indexed_columns = {f.column for f in IndexedComment._meta.concrete_fields} - {"comment_id"}
    assert set(COLUMNS.values()) == indexed_columns  # every column, each from one field
    assert set(COLUMNS) | {"codes", "campaign"} == document_fields()
    assert set(FACETS.values()) <= document_fields()
    assert list(FACET_COLUMNS) + list(FACET_TABLES) == list(FACETS)
    mapping = comment_index().to_dict()["mappings"]["properties"]
    for field in FACETS.values():  # facets count exact values
        assert mapping[field]["type"] in ("keyword", "long")
