"""The judged relevance collection (tests/search/relevance/collection.json) on every engine
present: each finds exactly the comments the analysis pipeline's own rules say a query finds
(so switching engines never changes results), and the site's pipeline finds what a drafter
looks for better than the Snowball stemmer did, whatever form of the word a citizen used."""

import datetime as dt

import pytest

from search.analysis import PIPELINES, default_pipeline
from search.documents import CommentDocument
from search.engines.base import SearchQuery
from search.evaluation import load_collection, reference_hits, score

pytestmark = pytest.mark.django_db
CREATED = dt.datetime(2026, 11, 1, tzinfo=dt.UTC)


@pytest.fixture(scope="module")
def collection():
    return load_collection()


def index_collection(search_engine, comments, pipeline) -> None:
    documents = [
        CommentDocument(
            comment_id=pk, consultation=1, clause="", is_reply=False, stance="",
            respondent_type="individual", province="", status="published", channel="web",
            created_at=CREATED, support_count=0, body=text, proposed_wording="",
            body_terms=" ".join(pipeline.terms(text)), proposed_wording_terms="", codes=[],
            campaign=None,
        )
        for pk, text in comments.items()
    ]  # fmt: skip
    search_engine.rebuild([documents])
    search_engine.refresh()


def found(search_engine, text: str, *, limit: int) -> list[int]:
    return [h.comment_id for h in search_engine.search(SearchQuery(text=text, limit=limit)).hits]


def test_every_engine_finds_the_same_comments_as_the_pipeline_rules(engine, collection):
    comments, queries = collection
    pipeline = default_pipeline()
    index_collection(engine, comments, pipeline)
    for query in queries:
        expected = reference_hits(query.text, comments, pipeline)
        assert set(found(engine, query.text, limit=len(comments))) == expected, query.text


def test_the_sites_pipeline_beats_snowball_and_finds_every_word_form(
    engine,
    collection,
    settings,
):
    comments, queries = collection
    scores = {}
    for name in ("snowball", settings.SEARCH_PIPELINE):
        settings.SEARCH_PIPELINE = name
        index_collection(engine, comments, PIPELINES[name])
        runs = {q.id: found(engine, q.text, limit=20) for q in queries}
        scores[name] = score(runs, queries)
    chosen, baseline = scores[name], scores["snowball"]
    assert chosen.recall > baseline.recall and chosen.ndcg > baseline.ndcg
    assert chosen.morphological_recall >= 0.95
