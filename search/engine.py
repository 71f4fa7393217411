"""Which search engine serves this deployment, and whether it answers.

Elasticsearch when ``ELASTICSEARCH_URL`` is set, the database otherwise.
"""

from __future__ import annotations

from functools import cache

from django.conf import settings
from django.db import connection


@cache
def elasticsearch_client():
    """One client per process; it pools its own connections."""
    from elasticsearch import Elasticsearch

    return Elasticsearch(settings.ELASTICSEARCH_URL, request_timeout=2, max_retries=0)


def search_engine_name() -> str:
    return "elasticsearch" if settings.ELASTICSEARCH_URL else "database"


def get_engine():
    """The comment search engine chosen by settings: Elasticsearch when ``ELASTICSEARCH_URL`` is
    set, the database otherwise."""
    if settings.ELASTICSEARCH_URL:
        from search.engines.elasticsearch import ElasticsearchEngine

        return ElasticsearchEngine(elasticsearch_client(), prefix=settings.SEARCH_INDEX_PREFIX)
    from search.engines.database import DatabaseEngine

    return DatabaseEngine()


def search_engine_status() -> dict:
    """Raise when the engine does not answer; return what it reports otherwise, with the number
    of comment updates waiting in the outbox (they pile up while the engine is away)."""
    from search.services import pending_count

    if settings.ELASTICSEARCH_URL:
        health = elasticsearch_client().cluster.health()
        if health["status"] == "red":
            raise RuntimeError("Elasticsearch cluster status is red")
        return {"engine": "elasticsearch", "cluster_status": health["status"],
                "pending_updates": pending_count()}  # fmt: skip
    return {"engine": "database", "database": connection.vendor,
            "pending_updates": pending_count()}  # fmt: skip
