"""/healthz reports each component and answers 503 when a required one is down."""

import pytest

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
    from search.engine import elasticsearch_client

    elasticsearch_client.cache_clear()
    try:
        response = client.get("/healthz")
    finally:
        elasticsearch_client.cache_clear()
    assert response.status_code == 200
    assert response.json()["status"] == "degraded"
    assert response.json()["components"]["search"]["status"] == "down"
