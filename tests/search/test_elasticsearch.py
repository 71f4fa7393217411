"""The Elasticsearch engine without a cluster: its mappings and requests as the real
elasticsearch-dsl client generates them (against an in-memory node, tests/search/
fake_elasticsearch.py, that never returns a hit), and its behaviour when the cluster does not
answer."""

import datetime as dt
import time

import pytest
from elasticsearch import BadRequestError, Elasticsearch

from search import engine as engine_module
from search.analysis import Pipeline
from search.documents import CommentDocument
from search.engines.base import SearchQuery, SearchUnavailable
from search.engines.elasticsearch import (
    ElasticsearchEngine,
    build_search,
    build_themes,
    comment_index,
    simple_query_string,
)
from search.models import PendingIndexUpdate
from search.services import apply_pending_updates, queue_comment_updates
from search.text import analyse_query, parse_query
from tests.search.fake_elasticsearch import FakeCluster

UNREACHABLE = "http://127.0.0.1:9"  # nothing listens on the discard port


@pytest.fixture
def cluster():
    return FakeCluster()


@pytest.fixture
def engine(cluster):
    """An engine whose serving alias exists, as after the first deploy."""
    cluster.add_alias("test-comments", "test-comments-20260101000000000000")
    return ElasticsearchEngine(cluster.client(), prefix="test")


@pytest.fixture
def stored_comment_ids(consultation, comment_factory):
    """Store ``n`` published comments; their ids, in order."""

    def store(n: int) -> list[int]:
        return [c.pk for c in comment_factory.create_batch(n, consultation=consultation)]

    return store


def alias_lookups(cluster, alias="test-comments") -> int:
    return len(cluster.sent("HEAD", f"/_alias/{alias}"))


def test_mapping_analyses_indonesian_with_an_english_subfield_and_keyword_facets():
    body = comment_index("x").to_dict()
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
    """The analysed query (our pipeline's terms) in simple_query_string syntax."""
    pipeline = Pipeline("sastrawi", normalise=True)

    def rendered(text: str) -> str:
        return simple_query_string(analyse_query(parse_query(text), pipeline))

    assert (
        rendered('pelayanan "data pribadi" -iklan desa OR kota')
        == 'layan "data pribadi" (desa | kota) -iklan'
    )
    # An abbreviation is the phrase of its full form; operators typed by users are words.
    assert rendered("pemda berkeadilan") == '"perintah daerah" adil'
    assert rendered('a"b | c*') == 'a "b c"'  # the open quote closes at the end


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
    assert "highlight" not in body  # highlights are ours, from the same terms as the match
    assert body["query"]["bool"]["must"][0]["simple_query_string"]["fields"] == [
        "body_terms^2", "proposed_wording_terms"
    ]  # fmt: skip
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
def test_an_unreachable_cluster_keeps_updates_queued(settings, comment):
    """The real client against a port where nothing listens: the comment is stored, the
    update stays in the outbox with back-off and its error, nothing is lost."""
    settings.ELASTICSEARCH_URL = UNREACHABLE
    engine_module.elasticsearch_client.cache_clear()
    try:
        assert isinstance(engine_module.elasticsearch_client(), Elasticsearch)
        queue_comment_updates([comment.pk])
        result = apply_pending_updates()
    finally:
        engine_module.elasticsearch_client.cache_clear()
    assert result == {"indexed": 0, "failed": 1}
    pending = PendingIndexUpdate.objects.get(comment_id=comment.pk)
    assert pending.attempts == 1 and "Connection" in pending.last_error


# Aliases, looked up once per process -----------------------------------------------------------


def test_the_alias_is_looked_up_once_across_searches(cluster, engine):
    for text in ("layanan", "sinyal", "data pribadi"):
        engine.search(SearchQuery(text=text, consultations=(4,)))
    engine.significant_terms(SearchQuery(consultations=(4,)))
    engine.similar("Sinyal lemah membuat layanan daring gagal", consultation_id=4, clause_key="a")
    assert len(cluster.sent("POST", "/test-comments/_search")) == 5
    assert alias_lookups(cluster) == 1


def test_the_engine_is_kept_per_process_with_what_it_knows(settings):
    settings.ELASTICSEARCH_URL = UNREACHABLE
    engine_module.elasticsearch_client.cache_clear()
    try:
        assert engine_module.get_engine() is engine_module.get_engine()
        settings.SEARCH_INDEX_PREFIX = "other"
        assert engine_module.get_engine().alias == "other-comments"
    finally:
        engine_module.elasticsearch_client.cache_clear()


def test_a_missing_index_makes_the_engine_look_again(cluster, engine):
    """An index deleted by hand from behind the remembered alias: the engine forgets the alias,
    creates a new index behind it and answers."""
    engine.search(SearchQuery(text="layanan"))
    cluster.aliases.clear()
    result = engine.search(SearchQuery(text="layanan"))
    assert result.total == 0 and result.hits == []
    assert alias_lookups(cluster) == 2
    assert "test-comments" in cluster.aliases  # a new index behind the alias


@pytest.mark.django_db
def test_writes_look_up_the_rebuild_alias_once_in_a_while(cluster, engine, stored_comment_ids):
    documents = CommentDocument.from_comments(stored_comment_ids(3))
    engine.index(documents)
    engine.index(documents)
    assert alias_lookups(cluster) == 1 and alias_lookups(cluster, "test-comments-next") == 1
    assert all(r.params["require_alias"] == "true" for r in cluster.requests
               if r.path.endswith("/_bulk"))  # fmt: skip
    engine.alias_recheck_seconds = 0  # the interval has passed
    engine.index(documents)
    assert alias_lookups(cluster) == 1 and alias_lookups(cluster, "test-comments-next") == 2


@pytest.mark.django_db
def test_a_write_after_the_rebuild_alias_went_away_goes_to_the_serving_alias(
    cluster, engine, stored_comment_ids
):
    """Another process finished its rebuild (the -next alias is gone) while this one still
    remembers it: the refused write makes it look again; no stray index is created."""
    cluster.add_alias("test-comments-next", "test-comments-20270101000000000000")
    documents = CommentDocument.from_comments(stored_comment_ids(2))
    engine.index(documents)
    assert {r.path for r in cluster.requests if r.path.endswith("/_bulk")} == {
        "/test-comments/_bulk", "/test-comments-next/_bulk",
    }  # fmt: skip
    del cluster.aliases["test-comments-next"]
    cluster.requests.clear()
    engine.index(documents)
    bulks = [r.path for r in cluster.requests if r.path.endswith("/_bulk")]
    assert bulks == ["/test-comments/_bulk", "/test-comments-next/_bulk", "/test-comments/_bulk"]
    assert "test-comments-next" not in cluster.indices


@pytest.mark.django_db
def test_rebuild_saves_the_template_swaps_the_alias_and_forgets_what_it_knew(
    cluster, engine, stored_comment_ids
):
    engine.alias_recheck_seconds = 0
    engine.search(SearchQuery(text="layanan"))
    ids = stored_comment_ids(4)
    batches = [CommentDocument.from_comments(ids[:2]), CommentDocument.from_comments(ids[2:])]
    assert engine.rebuild(batches) == 4

    template = cluster.templates["test-comments"]
    expected = comment_index().to_dict()
    assert template["index_patterns"] == ["test-comments-*"]
    assert template["template"]["mappings"] == expected["mappings"]
    assert template["template"]["settings"] == expected["settings"]
    (new,) = cluster.aliases["test-comments"]
    assert cluster.indices[new] == {"aliases": {"test-comments-next": {}}}  # the rest: template
    assert "test-comments-20260101000000000000" not in cluster.indices  # the old one deleted
    assert "test-comments-next" not in cluster.aliases
    assert {pk for (index, pk) in cluster.bulk_sources() if index == new} == set(ids)
    before = alias_lookups(cluster)
    engine.search(SearchQuery(text="layanan"))
    assert alias_lookups(cluster) == before + 1  # looked up again after the swap


def test_setup_saves_the_template_and_creates_the_first_index_once(cluster):
    engine = ElasticsearchEngine(cluster.client(), prefix="fresh")
    engine.setup()
    engine.setup()
    assert len(cluster.sent("PUT", "/_index_template/fresh-comments")) == 2  # on every deploy
    (first,) = cluster.aliases["fresh-comments"]
    assert first.startswith("fresh-comments-") and list(cluster.indices) == [first]


# Health and errors --------------------------------------------------------------------------


def test_health_reports_the_cluster_status(cluster, engine):
    assert engine.health() == {"engine": "elasticsearch", "cluster_status": "green"}
    cluster.health_status = "yellow"  # a single node: replicas unassigned, searches work
    assert engine.health()["cluster_status"] == "yellow"
    cluster.health_status = "red"
    with pytest.raises(SearchUnavailable, match="red"):
        engine.health()


def test_health_of_an_unreachable_cluster_is_unavailable():
    engine = ElasticsearchEngine(Elasticsearch(UNREACHABLE, max_retries=0), prefix="test")
    started = time.monotonic()
    with pytest.raises(SearchUnavailable, match="ConnectionError"):
        engine.health()
    assert time.monotonic() - started < 5  # refused at once; the timeout bounds the rest


def test_overload_is_unavailable_but_a_rejected_request_is_a_bug(cluster, engine):
    cluster.failures[("POST", "_search")] = [
        (503, {"error": {"type": "cluster_block_exception"}, "status": 503}),
        (400, {"error": {"type": "parsing_exception"}, "status": 400}),
    ]
    with pytest.raises(SearchUnavailable):
        engine.search(SearchQuery(text="layanan"))
    with pytest.raises(BadRequestError):
        engine.search(SearchQuery(text="layanan"))
