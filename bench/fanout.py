"""Fan-out of live posts: N WebSocket readers of one thread, spread over two uvicorn processes
sharing Redis, and one poster. Prints delivery latency (p50/p95/max), messages dropped, and
memory per idle connection, for each channel-layer choice, next to a raw baseline: a minimal
`websockets` broadcast server doing the same fan-out in one process.
Targets: nothing dropped at any N; p95 under 500 ms at N = 1,000.
"""

from __future__ import annotations

import asyncio
import json
import os
import re
import resource
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx
import websockets

ROOT = Path(__file__).resolve().parents[1]
SIZES = [int(n) for n in os.environ.get("BENCH_FANOUT_SIZES", "100,1000,5000").split(",")]
MESSAGES = int(os.environ.get("BENCH_FANOUT_MESSAGES", "20"))
REDIS_URL = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/8")

BASELINE_SERVER = """
import asyncio, sys, websockets
clients = set()
async def handler(socket):
    clients.add(socket)
    try:
        async for message in socket:
            websockets.broadcast(clients, message)
    finally:
        clients.discard(socket)
async def main():
    async with websockets.serve(handler, "127.0.0.1", int(sys.argv[1]), max_size=2**20):
        await asyncio.Future()
asyncio.run(main())
"""


def raise_open_files() -> None:
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    resource.setrlimit(resource.RLIMIT_NOFILE, (min(hard, 65536), hard))


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def wait_for(url: str) -> None:
    for _ in range(200):
        try:
            httpx.get(url, timeout=1)
            return
        except httpx.TransportError:
            time.sleep(0.2)
    raise RuntimeError(f"{url} did not answer")


def summary(latencies: list[float]) -> tuple[float, float, float]:
    ordered = sorted(latencies)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    return statistics.median(ordered), p95, ordered[-1]


async def open_readers(uris: list[str], count: int, subscribe: dict | None):
    readers = []
    for number in range(count):
        uri = uris[number % len(uris)]
        origin = uri.replace("ws://", "http://").split("/ws/")[0]
        reader = await websockets.connect(uri, origin=origin, max_size=2**20, open_timeout=30)
        if subscribe is not None:
            await reader.recv()  # hello
            await reader.send(json.dumps(subscribe))
            await reader.recv()  # subscribed
        readers.append(reader)
    return readers


async def collect(readers, expected: int, deadline: float) -> tuple[list[float], int]:
    latencies: list[float] = []
    received = 0

    async def read(reader):
        nonlocal received
        got = 0
        while got < expected:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                return
            try:
                raw = await asyncio.wait_for(reader.recv(), timeout=remaining)
            except (TimeoutError, websockets.ConnectionClosed):
                return
            message = json.loads(raw)
            body = message.get("data", {}).get("body") or message.get("body", "")
            match = re.search(r"t=(\d+\.\d+)", body)
            if match:
                latencies.append((time.time() - float(match.group(1))) * 1000)
                got += 1
                received += 1

    await asyncio.gather(*(read(reader) for reader in readers))
    return latencies, received


async def run_channels(size: int, ports: list[int], thread_id: int, poster: httpx.Client):
    uris = [f"ws://127.0.0.1:{port}/ws/forum/" for port in ports]
    readers = await open_readers(
        uris, size, {"type": "subscribe", "thread": thread_id, "after": 10**9}
    )
    collecting = asyncio.create_task(collect(readers, MESSAGES, time.monotonic() + 60 + size / 50))
    for number in range(MESSAGES):
        await asyncio.to_thread(
            poster.post, f"/forum/{thread_id}/kirim/",
            data={"body": f"bench {number} t={time.time():.6f}",
                  "csrfmiddlewaretoken": poster.cookies["csrftoken"]},
        )  # fmt: skip
        await asyncio.sleep(0.05)
    latencies, received = await collecting
    for reader in readers:
        await reader.close()
    return latencies, size * MESSAGES - received


async def run_baseline(size: int, port: int):
    uri = f"ws://127.0.0.1:{port}/"
    readers = await open_readers([uri], size, None)
    poster = await websockets.connect(uri)
    collecting = asyncio.create_task(collect(readers, MESSAGES, time.monotonic() + 60 + size / 50))
    for number in range(MESSAGES):
        await poster.send(json.dumps({"body": f"bench {number} t={time.time():.6f}"}))
        await asyncio.sleep(0.05)
    latencies, received = await collecting
    for reader in [*readers, poster]:
        await reader.close()
    # the poster receives its own broadcasts too; it is not counted as a reader
    return latencies, size * MESSAGES - received


def main() -> int:
    raise_open_files()
    try:
        import redis

        redis.Redis.from_url(REDIS_URL).ping()
    except Exception as error:  # noqa: BLE001
        print(f"Redis is needed for this benchmark ({error}); set BENCH_REDIS_URL.")
        return 1
    results = []
    with tempfile.TemporaryDirectory() as tmp:
        base_env = {
            **{k: v for k, v in os.environ.items() if k not in {"DATABASE_URL"}},
            # Local settings with debug off: production ones demand HTTPS cookies.
            "DJANGO_SETTINGS_MODULE": "config.settings.local", "DJANGO_DEBUG": "false",
            "SECRET_KEY": "benchmark-only-secret-key-0123456789-abcdefghijklmnopqrstuvwxyz",
            "ALLOWED_HOSTS": "127.0.0.1,localhost", "SECURE_SSL_REDIRECT": "false",
            "DATABASE_URL": f"sqlite:///{tmp}/fanout.sqlite3", "REDIS_URL": REDIS_URL,
            "TASK_BACKEND": "immediate", "LOG_LEVEL": "ERROR", "MEDIA_ROOT": f"{tmp}/media",
            "FORUM_POSTS_PER_MINUTE": "100000",  # one poster sends every message
        }  # fmt: skip
        for command in (["migrate", "--noinput"], ["collectstatic", "--noinput"]):
            subprocess.run([sys.executable, "manage.py", *command], cwd=ROOT, env=base_env,
                           check=True, capture_output=True)  # fmt: skip
        demo = subprocess.run([sys.executable, "manage.py", "load_demo", "--force"], cwd=ROOT,
                              env=base_env, check=True, capture_output=True, text=True).stdout  # fmt: skip
        password = re.search(r"warga@rembuk\.example\s+(\S+)", demo).group(1)

        for layer in ("core", "pubsub"):
            env = {**base_env, "CHANNEL_LAYER": layer}
            ports = [free_port(), free_port()]
            servers = [
                subprocess.Popen(
                    [
                        sys.executable,
                        "-m",
                        "uvicorn",
                        "config.asgi:application",
                        "--host",
                        "127.0.0.1",
                        "--port",
                        str(port),
                        "--no-access-log",
                        "--log-level",
                        "error",
                        "--ws-max-size",
                        "1048576",
                    ],
                    cwd=ROOT,
                    env=env,
                    preexec_fn=raise_open_files,
                )  # fmt: skip
                for port in ports
            ]
            try:
                for port in ports:
                    wait_for(f"http://127.0.0.1:{port}/healthz")
                poster = httpx.Client(base_url=f"http://127.0.0.1:{ports[0]}", timeout=60)
                poster.get("/akun/login/")
                poster.post("/akun/login/", data={"login": "warga@rembuk.example", "password": password,
                                                  "csrfmiddlewaretoken": poster.cookies["csrftoken"]})  # fmt: skip
                thread_id = int(
                    re.search(r'href="/forum/(\d+)/"', poster.get("/forum/").text).group(1)
                )
                for size in SIZES:
                    idle_before = sum(rss_mb(s.pid) for s in servers)
                    latencies, dropped = asyncio.run(run_channels(size, ports, thread_id, poster))
                    idle_after = sum(rss_mb(s.pid) for s in servers)
                    per_connection_kb = max(idle_after - idle_before, 0) * 1024 / size
                    results.append(
                        (
                            f"channels ({layer}), 2 processes",
                            size,
                            *summary(latencies or [0]),
                            dropped,
                            per_connection_kb,
                        )
                    )
            finally:
                for server in servers:
                    server.terminate()
                    server.wait(timeout=20)

        port = free_port()
        baseline = subprocess.Popen(
            [sys.executable, "-c", BASELINE_SERVER, str(port)], preexec_fn=raise_open_files
        )
        try:
            time.sleep(1)
            for size in SIZES:
                before = rss_mb(baseline.pid)
                latencies, dropped = asyncio.run(run_baseline(size, port))
                per_connection_kb = max(rss_mb(baseline.pid) - before, 0) * 1024 / size
                results.append(
                    (
                        "raw websockets broadcast, 1 process",
                        size,
                        *summary(latencies or [0]),
                        dropped,
                        per_connection_kb,
                    )
                )
        finally:
            baseline.terminate()

    print(f"Fan-out of {MESSAGES} posts to N readers of one thread")
    print(
        f"{'server':38} {'N':>6} {'p50 ms':>8} {'p95 ms':>8} {'max ms':>8} {'dropped':>8} {'KB/conn':>8}"
    )
    for name, size, p50, p95, worst, dropped, kb in results:
        print(f"{name:38} {size:6d} {p50:8.1f} {p95:8.1f} {worst:8.1f} {dropped:8d} {kb:8.1f}")
    baseline_p95 = {r[1]: r[3] for r in results if r[0].startswith("raw")}
    for name, size, _p50, p95, *_ in results:
        if not name.startswith("raw") and baseline_p95.get(size):
            print(f"ratio p95 {name} / baseline at N={size}: {p95 / baseline_p95[size]:.1f}x")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
