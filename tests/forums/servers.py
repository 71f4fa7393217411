"""Real uvicorn processes of the site for integration tests, and a private Redis server."""

from __future__ import annotations

import os
import re
import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[2]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for_port(port: int, seconds: float = 30) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        with socket.socket() as sock:
            if sock.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.1)
    raise TimeoutError(f"nothing listens on port {port} after {seconds} s")


class RedisServer:
    """A redis-server of the test's own on a spare port, to stop and start at will."""

    def __init__(self, folder: Path):
        self.folder, self.port, self.process = folder, free_port(), None
        self.binary = shutil.which("redis-server")
        assert self.binary, "this test needs redis-server on the PATH (Debian package redis-server)"

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self) -> None:
        self.process = subprocess.Popen(
            [self.binary, "--port", str(self.port), "--bind", "127.0.0.1", "--save", "",
             "--appendonly", "no", "--dir", str(self.folder)],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )  # fmt: skip
        wait_for_port(self.port)

    def stop(self) -> None:
        self.process.terminate()
        self.process.wait(timeout=10)


class Site:
    """The demo site on SQLite, served by ``count`` uvicorn processes sharing ``redis_url``."""

    def __init__(self, folder: Path, redis_url: str, count: int = 1):
        self.env = {
            **{k: v for k, v in os.environ.items() if k != "DATABASE_URL"},
            "DJANGO_SETTINGS_MODULE": "config.settings.test",
            "DATABASE_URL": f"sqlite:///{folder / 'shared.sqlite3'}",
            "REDIS_URL": redis_url,
            "MEDIA_ROOT": str(folder / "media"),
            "PYTEST_XDIST_WORKER": "gw9",  # its own Redis database, away from the suite's
        }
        for command in (["migrate", "--noinput"], ["load_demo", "--force"]):
            output = subprocess.run([sys.executable, "manage.py", *command], cwd=ROOT,
                                    env=self.env, check=True, capture_output=True,
                                    text=True).stdout  # fmt: skip
        self.passwords = dict(re.findall(r"(\S+@rembuk\.example)\s+(\S+)", output))
        self.processes, self.ports = [], []
        for _ in range(count):
            port = free_port()
            self.processes.append(subprocess.Popen(
                [sys.executable, "-m", "uvicorn", "config.asgi:application", "--host",
                 "127.0.0.1", "--port", str(port), "--log-level", "warning"],
                cwd=ROOT, env=self.env,
            ))  # fmt: skip
            self.ports.append(port)
        for port in self.ports:
            wait_for_port(port)

    def signed_in_client(self, port: int, email: str = "warga@rembuk.example") -> httpx.Client:
        client = httpx.Client(base_url=f"http://127.0.0.1:{port}", timeout=10)
        client.get("/akun/login/")
        login = client.post("/akun/login/", data={
            "login": email, "password": self.passwords[email],
            "csrfmiddlewaretoken": client.cookies["csrftoken"],
        })  # fmt: skip
        assert login.status_code == 302, login.text[:500]
        return client

    def stop(self) -> None:
        for process in self.processes:
            process.terminate()
            process.wait(timeout=10)


def post_form(client: httpx.Client, thread_id: int, body: str) -> httpx.Response:
    return client.post(
        f"/forum/{thread_id}/kirim/",
        data={"body": body, "csrfmiddlewaretoken": client.cookies["csrftoken"]},
    )


def demo_thread_id(client: httpx.Client) -> int:
    return int(re.search(r'href="/forum/(\d+)/"', client.get("/forum/").text).group(1))
