"""The Elasticsearch engine without a cluster: its mappings and requests as the real
elasticsearch-dsl client generates them, and its behaviour when the cluster does not answer."""

import datetime as dt

import pytest

from search.documents import CommentDocument
from search.engines.base import SearchQuery
from search.engines.elasticsearch import build_search, build_themes, simple_query_string
from search.text import parse_query


def test_mapping_analyses_indonesian_with_an_english_subfield_and_keyword_facets():
    body = CommentDocument._index.clone("x").to_dict()
    analysis = body["settings"]["analysis"]
    assert analysis["analyzer"]["rembuk_indonesian"]["filter"] == [
        "lowercase", "rembuk_indonesian_stop", "rembuk_indonesian_stemmer",
    ]  # fmt: skip
    assert analysis["filter"]["rembuk_indonesian_stemmer"] == {
        "type": "stemmer", "language": "indonesian",
    }  # fmt: skip
    assert analysis["filter"]["rembuk_indonesian_stop"]["stopwords"] == "_indonesian_"
    fields = body["mappings"]["properties"]
    assert fields["body"]["analyzer"] == "rembuk_indonesian"
    assert fields["body"]["fields"]["en"] == {"type": "text", "analyzer": "english"}
    for facet in ("clause", "stance", "respondent_type", "province", "status", "channel"):
        assert fields[facet] == {"type": "keyword"}
    assert fields["created_at"] == {"type": "date"}
    assert fields["codes"]["type"] == fields["consultation"]["type"] == "long"


def test_query_language_becomes_simple_query_string_without_injection():
    assert (
        simple_query_string(parse_query('pelayanan "data pribadi" -iklan desa OR kota'))
        == 'pelayanan (desa | kota) "data pribadi" -iklan'
    )
    # Operators typed by users are words, never syntax.
    assert simple_query_string(parse_query('a"b | c*')) == "a b c"


def test_filters_sorting_highlighting_and_facets_in_the_request():
    query = SearchQuery(
        text="layanan", consultations=(4,), stances=("oppose",), codes=(7, 8),
        date_from=dt.date(2026, 11, 1), date_to=dt.date(2026, 11, 30), public_only=True,
        sort="support", offset=20, limit=20,
    )  # fmt: skip
    body = build_search(query, index="rembuk-comments").to_dict()
    filters = body["query"]["bool"]["filter"]
    assert {"terms": {"consultation": [4]}} in filters
    assert {"terms": {"status": ["published"]}} in filters  # public search: published only
    assert {"term": {"codes": 7}} in filters and {"term": {"codes": 8}} in filters
    assert {"range": {"created_at": {"gte": "2026-11-01", "lt": "2026-12-01",
                                     "time_zone": "Asia/Jakarta"}}} in filters  # fmt: skip
    assert body["sort"] == [{"support_count": {"order": "desc"}}, {"created_at": {"order": "desc"}}]
    assert body["from"] == 20 and body["size"] == 20 and body["track_total_hits"] is True
    assert body["highlight"]["encoder"] == "html" and body["highlight"]["pre_tags"] == ["<mark>"]
    assert set(body["aggs"]) == {"consultation", "clause", "stance", "respondent_type",
                                 "province", "status", "code", "campaign"}  # fmt: skip
    relevance = build_search(SearchQuery(text="layanan"), index="x").to_dict()
    assert "sort" not in relevance  # scored by relevance


def test_themes_use_significant_text_against_the_consultation():
    body = build_themes(
        SearchQuery(consultations=(4,), stances=("oppose",)), index="x", size=8
    ).to_dict()
    themes = body["aggs"]["sample"]["aggs"]["themes"]["significant_text"]
    assert themes["field"] == "body.exact" and themes["size"] == 8
    assert themes["background_filter"] == {"terms": {"consultation": [4]}}
    assert "yang" in themes["exclude"]
    assert body["size"] == 0


@pytest.mark.django_db
def test_an_unreachable_cluster_keeps_updates_queued(settings, user_factory, egov_policy):
    """The real client against a port where nothing listens: the comment is stored, the
    update stays in the outbox with back-off and its error, nothing is lost."""
    from elasticsearch import Elasticsearch

    from search import engine as engine_module
    from search.models import PendingIndexUpdate
    from search.services import apply_pending_updates, queue_comment_updates

    settings.ELASTICSEARCH_URL = "http://127.0.0.1:9"
    engine_module.elasticsearch_client.cache_clear()
    try:
        assert isinstance(engine_module.elasticsearch_client(), Elasticsearch)
        from consultations.models import Comment

        comment = Comment.objects.filter(status="published").first()
        queue_comment_updates([comment.pk])
        result = apply_pending_updates()
    finally:
        engine_module.elasticsearch_client.cache_clear()
    assert result == {"indexed": 0, "failed": 1}
    pending = PendingIndexUpdate.objects.get(comment_id=comment.pk)
    assert pending.attempts == 1 and "Connection" in pending.last_error
