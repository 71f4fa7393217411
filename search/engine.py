"""Which search engine serves this deployment: Elasticsearch when ``ELASTICSEARCH_URL`` is set,
the database otherwise."""

from __future__ import annotations

from functools import cache
from typing import TYPE_CHECKING

from django.conf import settings

from search.engines.base import SearchEngine
from search.engines.database import DatabaseEngine

if TYPE_CHECKING:
    from elasticsearch import Elasticsearch


@cache
def elasticsearch_client() -> Elasticsearch:
    """One client per process; it pools its own connections."""
    # Imported here, not above: a worker on the database engine never loads the client
    # (about 40 MB of memory per worker and a third of a second at start).
    from elasticsearch import Elasticsearch

    return Elasticsearch(settings.ELASTICSEARCH_URL, request_timeout=2, max_retries=0)


@cache
def _elasticsearch_engine(client: Elasticsearch, prefix: str) -> SearchEngine:
    """One engine per process and client, so what it remembers of its aliases is kept."""
    # Imported here for the same reason as the client.
    from search.engines.elasticsearch import ElasticsearchEngine

    return ElasticsearchEngine(client, prefix=prefix)


def search_engine_name() -> str:
    return "elasticsearch" if settings.ELASTICSEARCH_URL else "database"


def get_engine() -> SearchEngine:
    """The comment search engine chosen by settings."""
    if settings.ELASTICSEARCH_URL:
        return _elasticsearch_engine(elasticsearch_client(), settings.SEARCH_INDEX_PREFIX)
    return DatabaseEngine()
