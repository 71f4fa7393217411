"""Two real uvicorn processes sharing Redis: a post made on one reaches a reader on the other."""

import asyncio
import json
import os
import re
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest
import websockets

pytestmark = pytest.mark.redis

ROOT = Path(__file__).resolve().parents[2]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="module")
def servers(tmp_path_factory):
    redis_url = os.environ.get("REDIS_URL")
    assert redis_url, "this test needs REDIS_URL (run by .ci/run with the local Redis)"
    folder = tmp_path_factory.mktemp("two-servers")
    env = {
        **{k: v for k, v in os.environ.items() if k != "DATABASE_URL"},
        "DJANGO_SETTINGS_MODULE": "config.settings.test",
        "DATABASE_URL": f"sqlite:///{folder / 'shared.sqlite3'}",
        "REDIS_URL": redis_url,
        "MEDIA_ROOT": str(folder / "media"),
        "PYTEST_XDIST_WORKER": "gw9",  # its own Redis database, away from the suite's
    }
    for command in (["migrate", "--noinput"], ["load_demo", "--force"]):
        output = subprocess.run([sys.executable, "manage.py", *command], cwd=ROOT, env=env,
                                check=True, capture_output=True, text=True).stdout  # fmt: skip
    password = re.search(r"warga@rembuk\.example\s+(\S+)", output).group(1)
    processes, ports = [], []
    for _ in range(2):
        port = free_port()
        processes.append(subprocess.Popen(
            [sys.executable, "-m", "uvicorn", "config.asgi:application", "--host", "127.0.0.1",
             "--port", str(port), "--log-level", "warning"], cwd=ROOT, env=env,
        ))  # fmt: skip
        ports.append(port)
    for port in ports:
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                httpx.get(f"http://127.0.0.1:{port}/healthz", timeout=1)
                break
            except httpx.TransportError:
                time.sleep(0.2)
    yield ports, password
    for process in processes:
        process.terminate()
        process.wait(timeout=10)


def test_post_on_one_server_reaches_a_reader_on_the_other(servers):
    (port_a, port_b), password = servers
    writer = httpx.Client(base_url=f"http://127.0.0.1:{port_b}", timeout=10)
    writer.get("/akun/login/")
    token = writer.cookies["csrftoken"]
    login = writer.post("/akun/login/", data={"login": "warga@rembuk.example", "password": password,
                                              "csrfmiddlewaretoken": token})  # fmt: skip
    assert login.status_code == 302
    thread_page = writer.get("/forum/").text
    thread_id = int(re.search(r'href="/forum/(\d+)/"', thread_page).group(1))

    async def scenario():
        uri = f"ws://127.0.0.1:{port_a}/ws/forum/"
        async with websockets.connect(uri, origin=f"http://127.0.0.1:{port_a}") as reader:
            assert json.loads(await reader.recv())["type"] == "hello"
            await reader.send(
                json.dumps({"type": "subscribe", "thread": thread_id, "after": 10_000})
            )
            subscribed = json.loads(await reader.recv())
            assert subscribed["type"] == "subscribed"

            started = time.monotonic()
            response = await asyncio.to_thread(
                writer.post, f"/forum/{thread_id}/kirim/",
                data={"body": "Dari server B.", "csrfmiddlewaretoken": writer.cookies["csrftoken"]},
            )  # fmt: skip
            assert response.status_code == 302
            event = json.loads(await asyncio.wait_for(reader.recv(), timeout=5))
            assert event["kind"] == "post.created" and event["data"]["body"] == "Dari server B."
            assert event["seq"] == subscribed["last_seq"] + 1
            return time.monotonic() - started

    assert asyncio.run(scenario()) < 5
