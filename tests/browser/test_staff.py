"""A staff member signs in, is made to enrol an authenticator app, and reaches the admin."""

import base64
import hashlib
import hmac
import struct
import time

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


def totp_code(secret: str, at: float | None = None) -> str:
    """RFC 6238 time-based code (30 s, 6 digits, SHA-1), as an authenticator app computes it."""
    key = base64.b32decode(secret.upper() + "=" * (-len(secret) % 8))
    counter = struct.pack(">Q", int((at or time.time()) // 30))
    digest = hmac.new(key, counter, hashlib.sha1).digest()
    offset = digest[-1] & 0x0F
    value = struct.unpack(">I", digest[offset : offset + 4])[0] & 0x7FFFFFFF
    return f"{value % 1_000_000:06d}"


def test_staff_enrol_a_second_factor_before_reaching_the_admin(page, demo_passwords):
    """Asked for the password once (at sign-in), told once why, and led back to where they
    were going after saving the recovery codes."""
    page.goto("/akun/login/")
    page.get_by_label("Email").fill("editor@rembuk.example")
    page.get_by_label("Kata sandi").fill(demo_passwords["editor@rembuk.example"])
    page.get_by_role("button", name="Masuk").click()

    notice = page.get_by_text("Akun staf wajib memakai autentikasi dua faktor")
    page.goto("/admin/pages/")
    assert "/akun/2fa/totp/activate/" in page.url  # no second password prompt on the way
    assert notice.count() == 1
    page.goto("/admin/")  # a second try before enrolling: the notice is not stacked
    assert "/akun/2fa/totp/activate/" in page.url and notice.count() == 0
    secret = page.locator("#authenticator_secret").input_value()
    page.get_by_label("Kode autentikator").fill(totp_code(secret))
    page.get_by_role("button", name="Aktifkan").click()

    assert "/akun/2fa/recovery-codes/" in page.url
    assert page.locator("#recovery_codes").input_value().count("\n") >= 9
    page.get_by_role("link", name="Lanjutkan ke ruang kerja staf").click()
    page.wait_for_url("**/admin/")  # the page wanted last
    expect(page.locator("#wagtail-sidebar").get_by_role("link", name="Dokumen")).to_have_count(1)
    assert page.problems == []
