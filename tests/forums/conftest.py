import time

import pytest
from channels.layers import channel_layers

from forums import presence


@pytest.fixture(autouse=True)
def keep_the_test_transaction(monkeypatch):
    """Channels closes "old" database connections around each message, as it should in
    production; here that connection holds the test's transaction (PostgreSQL would drop it)."""

    async def nothing():
        return None

    monkeypatch.setattr("channels.consumer.aclose_old_connections", nothing)
    monkeypatch.setattr("channels.db.close_old_connections", lambda: None)


@pytest.fixture(autouse=True)
def fresh_channel_layer():
    """A new in-memory layer per test: each test runs in its own event loop, and groups left
    behind by an earlier test must not receive this test's messages."""
    channel_layers.backends = {}
    presence.reset()
    yield
    channel_layers.backends = {}
    presence.reset()


@pytest.fixture
def within_one_minute():
    """The per-person limit counts per clock minute: start a counting test well inside one."""
    if time.time() % 60 > 55:
        time.sleep(60 - time.time() % 60 + 0.1)
