"""Helpers for staff journeys in the browser: signing in with the authenticator app (enrolled
on first sign-in, answered after), screenshots for the README."""

import base64
import hashlib
import hmac
import os
import re
import struct
import time
from pathlib import Path

from playwright.sync_api import expect


def totp_code(secret: str, at: float | None = None) -> str:
    """RFC 6238 time-based code (30 s, 6 digits, SHA-1), as an authenticator app computes it."""
    key = base64.b32decode(secret.upper() + "=" * (-len(secret) % 8))
    counter = struct.pack(">Q", int((at or time.time()) // 30))
    digest = hmac.new(key, counter, hashlib.sha1).digest()
    offset = digest[-1] & 0x0F
    value = struct.unpack(">I", digest[offset : offset + 4])[0] & 0x7FFFFFFF
    return f"{value % 1_000_000:06d}"


ROOT = Path(__file__).resolve().parents[2]
SCREENSHOTS = ROOT / "docs" / "screenshots"
DESKTOP = {"width": 1280, "height": 800}
PHONE = {"width": 360, "height": 740}

# The server's database lives for the whole session, and so does each staff member's
# authenticator: the first sign-in enrols it, later ones answer its code.
SECRETS: dict[str, str] = {}
LAST_COUNTER: dict[str, int] = {}


def authenticator_code(page, email: str, *, remember: bool) -> str:
    """The app's current code, not typed in its last three seconds. The server takes a code
    once: a second sign-in within the same 30 seconds waits for the next code, as a person
    would."""
    while True:
        now = time.time()
        counter = int(now // 30)
        if now % 30 < 27 and not (remember and LAST_COUNTER.get(email) == counter):
            if remember:
                LAST_COUNTER[email] = counter
            return totp_code(SECRETS[email], now)
        page.wait_for_timeout(500)


def staff_sign_in(page, email: str, password: str) -> str:
    """Sign in on the way to the admin: enrol the authenticator app the first time, answer
    its code after that. Returns which of the two pages was shown."""
    page.goto("/admin/")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Kata sandi").fill(password)
    page.get_by_role("button", name="Masuk").click()
    page.wait_for_url(re.compile(r"/akun/2fa/(totp/activate|authenticate)/"))
    if "/totp/activate/" in page.url:
        SECRETS[email] = page.locator("#authenticator_secret").input_value()
        page.get_by_label("Kode autentikator").fill(authenticator_code(page, email, remember=False))
        page.get_by_role("button", name="Aktifkan").click()
        page.wait_for_url("**/akun/2fa/recovery-codes/")
        assert page.locator("#recovery_codes").input_value().count("\n") >= 9
        page.get_by_role("link", name="Lanjutkan ke ruang kerja staf").click()
        shown = "activate"
    else:
        assert email in SECRETS, f"{email} was enrolled outside this module; its secret is unknown"
        expect(page.get_by_text("Silakan masukkan kode autentikator")).to_be_visible()
        page.get_by_label("Kode", exact=False).fill(authenticator_code(page, email, remember=True))
        page.get_by_role("button", name="Masuk").click()
        shown = "authenticate"
    page.wait_for_url("**/admin/")
    return shown


def sign_in(page, email, password):
    page.goto("/akun/login/")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Kata sandi").fill(password)
    page.get_by_role("button", name="Masuk").click()
    page.wait_for_load_state()


def screenshot(page, name: str) -> None:
    """The top of the page as it is now, for the README, when asked for with
    ``SCREENSHOTS=1 make test-browser`` (CI does not rewrite the committed images)."""
    if os.environ.get("SCREENSHOTS") != "1":
        return
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.evaluate("window.scrollTo(0, 0)")
    page.wait_for_timeout(400)  # the admin's messages slide in
    page.screenshot(path=str(SCREENSHOTS / name))
