"""A real server (uvicorn, the project's ASGI app, demo content) and Debian's chromium."""

import os
import re
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = "/usr/bin/chromium"
DEMO_PASSWORDS: dict[str, str] = {}  # demo account → password printed by load_demo
OUTBOX: list[Path] = []  # the server's outbox folder: one file per email sent
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="session")
def live_server_url(tmp_path_factory):
    folder = tmp_path_factory.mktemp("server")
    env = {
        **{k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "REDIS_URL"}},
        "DJANGO_SETTINGS_MODULE": "config.settings.test",
        "DATABASE_URL": f"sqlite:///{folder / 'browser.sqlite3'}",
        "MEDIA_ROOT": str(folder / "media"),
        "EMAIL_FILE_PATH": str(folder / "outbox"),
    }
    outputs = [
        subprocess.run(
            [sys.executable, "manage.py", *command], cwd=ROOT, env=env, check=True,
            capture_output=True, text=True,
        ).stdout
        for command in (["migrate", "--noinput"], ["load_demo", "--force"])
    ]  # fmt: skip
    passwords = dict(re.findall(r"^\s+(\S+@rembuk\.example)\s+(\S+)", outputs[1], re.MULTILINE))
    port = free_port()
    log = (folder / "server.log").open("w")
    server = subprocess.Popen(
        [sys.executable, "-m", "uvicorn", "config.asgi:application", "--host", "127.0.0.1",
         "--port", str(port)],
        cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT,
    )  # fmt: skip
    url = f"http://127.0.0.1:{port}"
    DEMO_PASSWORDS.update(passwords)
    OUTBOX.append(folder / "outbox")
    deadline = time.monotonic() + 30
    while True:
        try:
            urllib.request.urlopen(f"{url}/healthz", timeout=2)
            break
        except OSError:
            if time.monotonic() > deadline or server.poll() is not None:
                server.kill()
                raise RuntimeError((folder / "server.log").read_text()) from None
            time.sleep(0.2)
    yield url
    server.terminate()
    server.wait(timeout=10)


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
        )
        yield browser
        browser.close()


def watch(page):
    """Record console errors, failed requests and HTTP errors in ``page.problems``."""
    page.problems = []
    page.on(
        "console",
        lambda message: (
            message.type == "error" and page.problems.append(f"console: {message.text}")
        ),
    )
    page.on("pageerror", lambda error: page.problems.append(f"page error: {error}"))
    # A request aborted because the test navigated on is not a failure of the site.
    page.on(
        "requestfailed",
        lambda request: (
            request.failure != "net::ERR_ABORTED"
            and page.problems.append(f"failed: {request.url} ({request.failure})")
        ),
    )
    page.on(
        "response",
        lambda response: (
            response.status >= 400
            and page.problems.append(f"HTTP {response.status}: {response.url}")
        ),
    )
    return page


@pytest.fixture
def page(browser, live_server_url):
    """A fresh page that records console errors and failed requests."""
    context = browser.new_context(base_url=live_server_url)
    page = watch(context.new_page())
    yield page
    context.close()


@pytest.fixture
def demo_passwords(live_server_url):
    return DEMO_PASSWORDS


@pytest.fixture
def outbox(live_server_url):
    """Read the emails the server sent to an address, newest last (the file email backend)."""
    import email
    from email import policy

    def messages_to(address: str) -> list:
        found = []
        for path in sorted(OUTBOX[0].glob("*.log"), key=lambda p: p.stat().st_mtime):
            for raw in path.read_text().split("-" * 79 + "\n"):
                if raw.strip():
                    message = email.message_from_string(raw, policy=policy.default)
                    if address in (message["To"] or ""):
                        found.append(message)
        return found

    return messages_to


@pytest.fixture
def new_page(browser, live_server_url):
    """Pages in contexts of their own (another person, another screen), closed afterwards."""
    contexts = []

    def make(viewport=None, *, javascript: bool = True):
        contexts.append(
            browser.new_context(
                base_url=live_server_url, viewport=viewport or {"width": 1280, "height": 800},
                java_script_enabled=javascript,
            )
        )  # fmt: skip
        return watch(contexts[-1].new_page())

    yield make
    for context in contexts:
        context.close()
