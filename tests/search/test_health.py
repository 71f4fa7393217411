"""Each engine says whether it answers, cheaply: /healthz asks it on every probe."""

import pytest
from django.db import OperationalError, connection

from search.engines.base import SearchUnavailable
from search.engines.database import DatabaseEngine
from search.models import IndexedComment

pytestmark = pytest.mark.django_db


def test_database_engine_health_is_one_cheap_query(django_assert_num_queries):
    with django_assert_num_queries(1):
        assert DatabaseEngine().health() == {"engine": "database", "database": connection.vendor}


def test_database_errors_make_the_engine_unavailable(monkeypatch):
    def refused():
        raise OperationalError("connection to server refused")

    monkeypatch.setattr(IndexedComment.objects, "exists", refused)
    with pytest.raises(SearchUnavailable, match="refused") as raised:
        DatabaseEngine().health()
    assert isinstance(raised.value.__cause__, OperationalError)
