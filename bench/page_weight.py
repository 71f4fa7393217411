"""Page weight and speed budget of public pages, as a reader's browser meets them.

Debian's Chromium (Playwright) with the browser cache disabled loads the home page, the policy
index, a draft page with an open consultation and a discussion thread from a production-settings
server with the demo content. For each page it prints the requests made, the bytes as a
compressing proxy would send them (the gzip size of every response body, level 6) and the
Largest Contentful Paint under Chromium's network emulation of a slow mobile connection
(1.6 Mbit/s down, 750 kbit/s up, 150 ms latency; median of three loads).

Budget (issue: citizens' journeys): the draft page at most 30 KB, at most 6 requests, LCP at
most 2.5 s. Exits 1 when the draft page is over it; `.ci/run` runs this.
"""

from __future__ import annotations

import gzip
import os
import re
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

import httpx

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from bench.draft_render import ROOT, bench_environment  # noqa: E402
from bench.fanout import wait_for  # noqa: E402

CHROMIUM = "/usr/bin/chromium"
SLOW_MOBILE = {  # Chromium's network emulation: bytes per second and milliseconds
    "offline": False,
    "latency": 150,
    "downloadThroughput": 1_600_000 / 8,
    "uploadThroughput": 750_000 / 8,
}
BUDGET = {"kb": 30, "requests": 6, "lcp_s": 2.5}
LCP_LOADS = 3
SETUP = """
import django, io
django.setup()
from django.core.management import call_command
call_command("migrate", verbosity=0)
call_command("collectstatic", "--noinput", verbosity=0)
call_command("load_demo", force=True, stdout=io.StringIO())
"""
RECORD_LCP = """new PerformanceObserver((list) => {
    const entries = list.getEntries();
    window.__lcp = entries[entries.length - 1].startTime;
}).observe({type: 'largest-contentful-paint', buffered: true});"""


def thread_path(base: str) -> str:
    return re.search(r'href="(/forum/\d+/)"', httpx.get(f"{base}/forum/").text).group(1)


def weigh(browser, base: str, path: str) -> tuple[int, int, list[str]]:
    """Requests and compressed bytes of one cold load."""
    context = browser.new_context(base_url=base)
    page = context.new_page()
    cdp = context.new_cdp_session(page)
    cdp.send("Network.enable")
    cdp.send("Network.setCacheDisabled", {"cacheDisabled": True})
    responses = []
    page.on("response", lambda response: responses.append(response))
    page.goto(path, wait_until="load")
    page.wait_for_timeout(300)  # late requests (scripts that fetch) count too
    total, names = 0, []
    for response in responses:
        if response.url.startswith("data:"):
            continue
        body = response.body() if response.status < 300 or response.status >= 400 else b""
        total += len(gzip.compress(body, compresslevel=6))
        names.append(response.url.removeprefix(base))
    context.close()
    return len(names), total, names


def largest_contentful_paint(browser, base: str, path: str) -> float:
    """Seconds to the largest paint of one cold load over the emulated slow connection."""
    context = browser.new_context(base_url=base)
    page = context.new_page()
    page.add_init_script(RECORD_LCP)
    cdp = context.new_cdp_session(page)
    cdp.send("Network.enable")
    cdp.send("Network.setCacheDisabled", {"cacheDisabled": True})
    cdp.send("Network.emulateNetworkConditions", SLOW_MOBILE)
    page.goto(path, wait_until="load", timeout=60_000)
    for _ in range(100):  # the page's CSP forbids wait_for_function's eval: poll instead
        page.wait_for_timeout(100)
        lcp = page.evaluate("window.__lcp")
        if lcp is not None:
            break
    else:
        raise RuntimeError(f"no largest-contentful-paint entry for {path}")
    page.wait_for_timeout(200)  # a larger paint right after load replaces the entry
    lcp = page.evaluate("window.__lcp") / 1000
    context.close()
    return lcp


def main() -> int:
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as tmp:
        env = bench_environment(Path(tmp))
        subprocess.run([sys.executable, "-c", SETUP], cwd=ROOT, env=env, check=True)
        port = 8500 + os.getpid() % 200
        server = subprocess.Popen(
            [sys.executable, "-m", "uvicorn", "config.asgi:application", "--host", "127.0.0.1",
             "--port", str(port), "--no-access-log", "--log-level", "warning"],
            cwd=ROOT, env=env,
        )  # fmt: skip
        base = f"http://127.0.0.1:{port}"
        try:
            wait_for(f"{base}/healthz")
            pages = {
                "home": "/",
                "policy index": "/kebijakan/",
                "draft, open consultation": "/kebijakan/pengembangan-e-government/draf-2/",
                "discussion thread": thread_path(base),
            }
            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(
                    executable_path=CHROMIUM, headless=True, args=["--no-sandbox"]
                )
                rows = {}
                for name, path in pages.items():
                    requests, size, names = weigh(browser, base, path)
                    lcps = [largest_contentful_paint(browser, base, path) for _ in range(LCP_LOADS)]
                    rows[name] = (requests, size / 1024, statistics.median(lcps), names)
                browser.close()
        finally:
            server.terminate()
            server.wait(timeout=10)

    print("Page weight and speed, cache disabled; LCP at 1.6 Mbit/s, 150 ms latency")
    print(f"{'page':26} {'requests':>8} {'KB (gzip)':>10} {'LCP s':>6}   budget (draft page)")
    for name, (requests, kb, lcp, names) in rows.items():
        budget = ""
        if name.startswith("draft"):
            budget = (
                f"≤ {BUDGET['requests']} requests, ≤ {BUDGET['kb']} KB, LCP ≤ {BUDGET['lcp_s']} s"
            )
        print(f"{name:26} {requests:8d} {kb:10.1f} {lcp:6.2f}   {budget}")
        print(f"{'':26} {', '.join(names)}")
    requests, kb, lcp, _ = rows["draft, open consultation"]
    over = [
        f"{what} {value} > {limit}"
        for what, value, limit in (
            ("requests", requests, BUDGET["requests"]),
            ("KB", round(kb, 1), BUDGET["kb"]),
            ("LCP s", round(lcp, 2), BUDGET["lcp_s"]),
        )
        if value > limit
    ]
    if over:
        print("Draft page over budget: " + "; ".join(over))
        return 1
    print("Draft page within budget.")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
