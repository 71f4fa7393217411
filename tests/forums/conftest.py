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


DISCUSSION = [
    ("Di Bali banyak layanan sudah daring, tetapi warga lanjut usia masih kesulitan.", False),
    ("Di Papua Pegunungan masalahnya lebih mendasar: sinyal.", False),
    ("Terima kasih. Draf 2 menambahkan tujuan keterjangkauan di seluruh wilayah.", True),
    ("Untuk UMKM, yang penting satu akun untuk semua perizinan.", False),
    ("Dari pengalaman dinas kami, integrasi data butuh standar dari pusat.", False),
    ("Benar, standar data akan diatur dalam peraturan pelaksana.", True),
    ("Mohon pelindungan data pribadi diawasi lembaga independen.", False),
]


@pytest.fixture
def policy_discussion(egov_policy, drafter, thread_factory, post_factory, user_factory):
    """A pinned thread on the policy: five people ask, the agency's drafter answers twice
    (officially); seven posts in all."""
    thread = thread_factory(
        title="Layanan daring untuk desa dan daerah terpencil", policy=egov_policy, pinned=True
    )
    for body, by_drafter in DISCUSSION:
        post_factory(thread=thread, author=drafter if by_drafter else user_factory(), body=body)
    thread.refresh_from_db()
    return thread
