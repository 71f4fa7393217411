"""Search fixtures: ``consultation`` (registered from ``ConsultationFactory`` in tests/conftest.py)
is an open consultation on Draf 2 of ``egov_policy``, run by ``komdigi``, without input;
``analysed`` (tests/conftest.py) is one with input and analysis; ``engine`` is each search
engine present (the database engine always, Elasticsearch when ELASTICSEARCH_URL is set), for the
contract and relevance suites."""

import os
import uuid

import pytest

from search.engines.database import DatabaseEngine

ENGINES = ["database"] + (["elasticsearch"] if os.environ.get("ELASTICSEARCH_URL") else [])


@pytest.fixture(params=ENGINES)
def engine(request):
    if request.param == "database":
        yield DatabaseEngine()
        return
    from elasticsearch import Elasticsearch

    from search.engines.elasticsearch import ElasticsearchEngine

    client = Elasticsearch(os.environ["ELASTICSEARCH_URL"])
    engine = ElasticsearchEngine(client, prefix=f"contract-{uuid.uuid4().hex[:8]}")
    yield engine
    client.indices.delete(index=f"{engine.alias}*", ignore_unavailable=True)


@pytest.fixture
def signed_in_moderator(staff_login, moderator):
    """The agency's moderator, signed in with a second factor (`client`); once per test, so
    also once for all of a Hypothesis test's examples (fixtures are not rerun between them)."""
    staff_login(moderator)
    return moderator
