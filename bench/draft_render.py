"""Draft page rendering through the full ASGI stack (uvicorn + Django + Wagtail).

Measures the demo draft page and a synthetic draft of 500 clauses: median and p95 latency over
sequential requests, and the page weight a browser downloads (HTML + CSS + JS, gzip).
Targets: p95 < 150 ms for 500 clauses; < 60 KB gzip for the demo draft page.
"""

from __future__ import annotations

import gzip
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[1]
REQUESTS = int(os.environ.get("BENCH_REQUESTS", "200"))
WARMUP = 20


def bench_environment(folder: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k != "REDIS_URL"}
    env.update(
        DJANGO_SETTINGS_MODULE="config.settings.production",
        DJANGO_DEBUG="false",
        SECRET_KEY="benchmark-only-secret-key-0123456789-abcdefghijklmnopqrstuvwxyz",
        ALLOWED_HOSTS="127.0.0.1,localhost",
        SECURE_SSL_REDIRECT="false",
        LOG_LEVEL="ERROR",
    )
    env.setdefault("DATABASE_URL", f"sqlite:///{folder / 'bench.sqlite3'}")
    return env


SETUP = """
import django, io
django.setup()
from django.core.management import call_command
call_command("migrate", verbosity=0)
call_command("collectstatic", "--noinput", verbosity=0)
call_command("load_demo", force=True, stdout=io.StringIO())
from cms.models import DraftPage, PolicyPage
from demo.drafts import with_keys
policy = PolicyPage.objects.get(slug="pengembangan-e-government", locale__language_code="id")
if not DraftPage.objects.filter(slug="draf-sintetis-500").exists():
    sentence = ("Setiap penyelenggara pelayanan publik wajib menyediakan informasi layanan secara "
                "elektronik yang mudah diakses, mutakhir, dan dapat dipertanggungjawabkan ayat {n}.")
    spec = [{"title": f"Bab uji {c}", "articles": [
        {"heading": f"Pasal uji {c}.{a}", "clauses": [sentence.format(n=f"{c}.{a}.{k}") for k in range(5)]}
        for a in range(4)]} for c in range(25)]
    draft = DraftPage(title="Draf sintetis 500 ayat", slug="draf-sintetis-500", version_number=99,
                      body=with_keys(spec))
    policy.add_child(instance=draft)
    draft.save_revision().publish()

# Cold renders (fragment cache emptied before each request), in-process through Django's handler.
import statistics, time
from django.core.cache import cache
from django.test import Client
client = Client(HTTP_HOST="127.0.0.1")
for name, path in [("demo draft (Draf 2)", "/kebijakan/pengembangan-e-government/draf-2/"),
                   ("synthetic draft, 500 clauses", "/kebijakan/pengembangan-e-government/draf-sintetis-500/")]:
    timings = []
    for _ in range(40):
        cache.clear()
        started = time.perf_counter()
        assert client.get(path).status_code == 200
        timings.append((time.perf_counter() - started) * 1000)
    timings.sort()
    print(f"cold render, cache emptied: {name:30} median {statistics.median(timings):6.1f} ms"
          f"   p95 {timings[int(0.95 * (len(timings) - 1))]:6.1f} ms")
"""


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


def page_weight(client: httpx.Client, path: str) -> dict[str, int]:
    html = client.get(path).text
    weights = {"html": len(gzip.compress(html.encode(), compresslevel=6))}
    assets = re.findall(r'<(?:link[^>]+rel="stylesheet"[^>]+href|script[^>]+src)="([^"]+)"', html)
    css_js = 0
    for asset in assets:
        response = client.get(asset, headers={"Accept-Encoding": "gzip"})
        response.raise_for_status()
        css_js += int(response.headers.get("content-length") or len(response.content))
    weights["css_js"] = css_js
    weights["total"] = weights["html"] + css_js
    return weights


def measure(client: httpx.Client, path: str) -> list[float]:
    for _ in range(WARMUP):
        client.get(path).raise_for_status()
    timings = []
    for _ in range(REQUESTS):
        started = time.perf_counter()
        response = client.get(path)
        timings.append((time.perf_counter() - started) * 1000)
        response.raise_for_status()
    return timings


def main() -> int:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        env = bench_environment(folder)
        subprocess.run([sys.executable, "-c", SETUP], cwd=ROOT, env=env, check=True)
        port = 8700 + os.getpid() % 200
        server = subprocess.Popen(
            [sys.executable, "-m", "uvicorn", "config.asgi:application", "--host", "127.0.0.1",
             "--port", str(port), "--no-access-log"],
            cwd=ROOT, env=env,
        )  # fmt: skip
        try:
            base = f"http://127.0.0.1:{port}"
            with httpx.Client(base_url=base, timeout=10) as client:
                for _ in range(100):
                    try:
                        client.get("/healthz")
                        break
                    except httpx.TransportError:
                        time.sleep(0.2)
                pages = {
                    "demo draft (Draf 2)": "/kebijakan/pengembangan-e-government/draf-2/",
                    "synthetic draft, 500 clauses": "/kebijakan/pengembangan-e-government/draf-sintetis-500/",
                    "policy index": "/kebijakan/",
                    "version comparison": "/kebijakan/pengembangan-e-government/bandingkan/",
                }
                print(
                    f"Draft rendering through uvicorn (ASGI), {REQUESTS} sequential requests each"
                )
                print(
                    f"{'page':32} {'median ms':>10} {'p95 ms':>8} {'HTML gz KB':>11} {'total gz KB':>12}"
                )
                for name, path in pages.items():
                    timings = measure(client, path)
                    weight = page_weight(client, path)
                    print(
                        f"{name:32} {statistics.median(timings):10.1f} "
                        f"{percentile(timings, 0.95):8.1f} {weight['html'] / 1024:11.1f} "
                        f"{weight['total'] / 1024:12.1f}"
                    )
        finally:
            server.terminate()
            server.wait(timeout=10)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
