"""/healthz reports each component and answers 503 when a required one is down."""

import pytest

from search.engine import elasticsearch_client
from search.engines.base import SearchUnavailable
from search.engines.database import DatabaseEngine

pytestmark = pytest.mark.django_db


def test_all_components_up(client):
    response = client.get("/healthz")
    body = response.json()
    assert response.status_code == 200
    assert body["status"] == "ok"
    assert set(body["components"]) == {"database", "cache", "channel_layer", "search", "tasks"}
    assert all(c["status"] == "ok" for c in body["components"].values())
    assert body["components"]["search"]["engine"] == "database"
    assert body["components"]["search"]["pending_updates"] == 0
    assert response["Cache-Control"].startswith("max-age=0")


def test_database_down_gives_503(client, monkeypatch):
    def broken():
        raise ConnectionError("database server refused the connection")

    monkeypatch.setattr("config.health._check_database", broken)
    response = client.get("/healthz")
    assert response.status_code == 503
    body = response.json()
    assert body["status"] == "down"
    assert body["components"]["database"]["status"] == "down"
    assert "refused" in body["components"]["database"]["error"]
    assert body["components"]["cache"]["status"] == "ok"


def test_redis_down_is_degraded_not_down(client, monkeypatch):
    """Pages and posting keep working without Redis, so workers stay in service."""

    def broken():
        raise ConnectionError("cache server refused the connection")

    monkeypatch.setattr("config.health._check_cache", broken)
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json()["status"] == "degraded"
    assert response.json()["components"]["cache"]["status"] == "down"


def test_search_engine_down_is_degraded_not_down(client, settings):
    settings.ELASTICSEARCH_URL = "http://127.0.0.1:9"  # nothing listens on the discard port
    elasticsearch_client.cache_clear()
    try:
        response = client.get("/healthz")
    finally:
        elasticsearch_client.cache_clear()
    assert response.status_code == 200
    assert response.json()["status"] == "degraded"
    search = response.json()["components"]["search"]
    assert search["status"] == "down" and "SearchUnavailable" in search["error"]
    assert "ConnectionError" in search["error"]


def test_search_is_checked_by_the_engine_health(client, monkeypatch):
    """The engine's own health() answers for search: when it says unavailable, workers stay in
    service (200, degraded) and the database is still up."""
    calls = []

    def unavailable(self):
        calls.append(self)
        raise SearchUnavailable("OperationalError: the index table cannot be read")

    monkeypatch.setattr(DatabaseEngine, "health", unavailable)
    response = client.get("/healthz")
    body = response.json()
    assert len(calls) == 1
    assert response.status_code == 200 and body["status"] == "degraded"
    assert body["components"]["search"]["status"] == "down"
    assert "index table cannot be read" in body["components"]["search"]["error"]
    assert body["components"]["database"]["status"] == "ok"
