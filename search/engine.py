"""Which search engine serves this deployment: Elasticsearch when ``ELASTICSEARCH_URL`` is set,
the database otherwise."""

from __future__ import annotations

from functools import cache

from django.conf import settings
from elasticsearch import Elasticsearch

from search.engines.base import SearchEngine
from search.engines.database import DatabaseEngine
from search.engines.elasticsearch import ElasticsearchEngine


@cache
def elasticsearch_client() -> Elasticsearch:
    """One client per process; it pools its own connections."""
    return Elasticsearch(settings.ELASTICSEARCH_URL, request_timeout=2, max_retries=0)


@cache
def _elasticsearch_engine(client: Elasticsearch, prefix: str) -> ElasticsearchEngine:
    """One engine per process and client, so what it remembers of its aliases is kept."""
    return ElasticsearchEngine(client, prefix=prefix)


def search_engine_name() -> str:
    return "elasticsearch" if settings.ELASTICSEARCH_URL else "database"


def get_engine() -> SearchEngine:
    """The comment search engine chosen by settings."""
    if settings.ELASTICSEARCH_URL:
        return _elasticsearch_engine(elasticsearch_client(), settings.SEARCH_INDEX_PREFIX)
    return DatabaseEngine()
