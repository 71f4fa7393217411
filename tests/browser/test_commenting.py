"""A citizen comments on a clause and sees it beside the clause; then replies and supports."""

import pytest

pytestmark = pytest.mark.browser


def sign_in(page, email, password):
    page.goto("/akun/login/")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Kata sandi").fill(password)
    page.get_by_role("button", name="Masuk").click()


def test_citizen_comments_on_a_clause(page, demo_passwords):
    sign_in(page, "warga@rembuk.example", demo_passwords["warga@rembuk.example"])
    page.goto("/kebijakan/pengembangan-e-government/draf-2/")
    assert page.get_by_text("Terbuka untuk komentar").count() >= 1
    page.get_by_role("link", name="Komentari Pasal 1 ayat (1)").click()
    page.get_by_label("Mengusulkan rumusan lain").check()
    page.get_by_label("Komentar Anda").fill("Definisi ini perlu menyebut layanan luring juga.")
    page.get_by_label("Usulan rumusan (opsional)").fill(
        "Pengembangan E-Government mencakup layanan daring dan luring."
    )
    page.get_by_label("Saya setuju komentar dan data di atas diproses").check()
    page.get_by_role("button", name="Kirim komentar").click()
    assert page.get_by_text("Komentar Anda telah diterbitkan").count() == 1
    assert page.get_by_text("Definisi ini perlu menyebut layanan luring juga.").count() == 1

    page.goto("/kebijakan/pengembangan-e-government/draf-2/")
    clause = page.locator("li.clause").first
    assert clause.get_by_text("Definisi ini perlu menyebut layanan luring juga.").count() == 1
    assert clause.get_by_text("Dewi Warga").count() == 1
    assert page.problems == []


def test_reply_and_support_without_javascript(browser, live_server_url, demo_passwords):
    context = browser.new_context(base_url=live_server_url, java_script_enabled=False)
    page = context.new_page()
    sign_in(page, "usaha@rembuk.example", demo_passwords["usaha@rembuk.example"])
    page.goto("/kebijakan/pengembangan-e-government/draf-2/")
    page.get_by_role("link", name="Balas, dukung, atau laporkan").first.click()
    page.get_by_role("button", name="Ini mewakili pendapat saya").click()
    assert page.get_by_text("Anda mendukung komentar ini.").count() == 1
    page.get_by_label("Balasan Anda").fill("Kami dari asosiasi usaha mendukung usulan ini.")
    page.get_by_label("Saya setuju balasan saya diproses").check()
    page.get_by_role("button", name="Kirim balasan").click()
    assert page.get_by_text("Balasan Anda telah dikirim.").count() == 1
    assert page.get_by_text("Kami dari asosiasi usaha mendukung usulan ini.").count() == 1
    context.close()


def test_comment_on_a_clause_without_javascript(browser, live_server_url, demo_passwords):
    """The whole comment journey works with scripts switched off (cheap phones, data savers)."""
    context = browser.new_context(base_url=live_server_url, java_script_enabled=False)
    page = context.new_page()
    sign_in(page, "usaha@rembuk.example", demo_passwords["usaha@rembuk.example"])
    page.goto("/kebijakan/pengembangan-e-government/draf-2/")
    page.get_by_role("link", name="Komentari Pasal 3 ayat (2)").click()
    page.get_by_label("Mendukung").check()
    page.get_by_label("Komentar Anda").fill("Tanpa JavaScript pun komentar ini terkirim.")
    page.get_by_label("Saya setuju komentar dan data di atas diproses").check()
    page.get_by_role("button", name="Kirim komentar").click()
    assert page.get_by_text("Komentar Anda telah diterbitkan").count() == 1
    assert page.get_by_text("Tanpa JavaScript pun komentar ini terkirim.").count() == 1
    assert page.get_by_role("link", name="Pasal 3 ayat (2)").count() == 1  # named by its clause
    context.close()
