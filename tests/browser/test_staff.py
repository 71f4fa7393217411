"""A staff member signs in, is made to enrol an authenticator app, and reaches the admin."""

import time

import pytest
from playwright.sync_api import expect

from tests.browser.staff import LAST_COUNTER, SECRETS, totp_code

pytestmark = pytest.mark.browser


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
    # Later journeys sign in as this editor again: they answer the same authenticator.
    SECRETS["editor@rembuk.example"] = secret
    LAST_COUNTER["editor@rembuk.example"] = int(time.time() // 30)
    page.get_by_label("Kode autentikator").fill(totp_code(secret))
    page.get_by_role("button", name="Aktifkan").click()

    assert "/akun/2fa/recovery-codes/" in page.url
    assert page.locator("#recovery_codes").input_value().count("\n") >= 9
    page.get_by_role("link", name="Lanjutkan ke ruang kerja staf").click()
    page.wait_for_url("**/admin/")  # the page wanted last
    expect(page.locator("#wagtail-sidebar").get_by_role("link", name="Dokumen")).to_have_count(1)
    assert page.problems == []
