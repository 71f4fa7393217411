"""A visitor's first walk through the site in a real browser: no errors, no broken requests."""

import pytest

pytestmark = pytest.mark.browser


def test_walk_from_home_to_a_version_comparison(page):
    page.goto("/")
    assert page.locator("h1").inner_text() == "Rembuk: Dialog Kebijakan Publik"

    page.get_by_role("navigation", name="Utama").get_by_role("link", name="Kebijakan").click()
    assert page.locator("h1").inner_text() == "Kebijakan"
    page.get_by_label("Tahap").select_option("consultation")
    page.get_by_role("button", name="Terapkan saringan").click()
    assert "stage=consultation" in page.url
    assert "2 kebijakan ditemukan" in page.locator(".result-count").inner_text()

    page.get_by_role("link", name="Pengembangan E-Government untuk Meningkatkan Kualitas").click()
    assert page.locator("[aria-current=step]").count() == 1
    page.get_by_role(
        "link", name="Rancangan Peraturan tentang Pengembangan E-Government — Draf 2"
    ).click()
    clause = page.locator("li.clause").first
    anchor = clause.get_attribute("id")
    assert anchor.startswith("ayat-")
    clause.locator("a.clause-link").click()
    assert page.url.endswith(f"#{anchor}")

    page.get_by_role("link", name="Lihat perubahan sejak").click()
    assert page.locator("h1").inner_text() == "Bandingkan versi"
    assert page.locator("li.change-added").count() == 1
    assert page.locator("li.change-moved").count() == 1
    assert page.locator("li.change-moved_changed").count() == 1
    assert page.locator("li.change-removed del").count() == 1
    assert page.locator("li.change-changed ins").count() >= 3
    assert page.problems == []


def test_switch_language_on_a_draft_page(page):
    page.goto("/kebijakan/pengembangan-e-government/draf-2/")
    page.get_by_role("link", name="English").click()
    assert page.locator("html").get_attribute("lang") == "en"
    assert (
        page.locator("h1").inner_text() == "Draft Regulation on E-Government Development — Draft 2"
    )
    assert page.get_by_text("General Provisions").count() >= 1
    page.get_by_role("link", name="Bahasa Indonesia").click()
    assert page.locator("html").get_attribute("lang") == "id"
    assert page.problems == []


def test_site_works_without_javascript(browser, live_server_url):
    context = browser.new_context(base_url=live_server_url, java_script_enabled=False)
    page = context.new_page()
    page.goto("/kebijakan/?topic=pelindungan-data")
    assert "1 kebijakan ditemukan" in page.locator(".result-count").inner_text()
    page.goto("/kebijakan/pengembangan-e-government/bandingkan/")
    page.get_by_label("Bandingkan versi").select_option(index=1)
    page.get_by_label("dengan versi").select_option(index=0)
    page.get_by_role("button", name="Bandingkan", exact=True).click()
    assert "dari=" in page.url
    # Backwards, the clause version 2 removed reads as added.
    assert page.locator("li.change-added").count() == 1
    context.close()


def test_sign_up_page_and_keyboard_skip_link(page):
    page.goto("/akun/signup/")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.className") == "skip-link"
    page.keyboard.press("Enter")
    page.wait_for_url("**#main", timeout=2000)
    assert page.evaluate("document.activeElement.id") == "main"
    assert page.get_by_label("Saya berpartisipasi sebagai").count() == 1
    assert page.problems == []
