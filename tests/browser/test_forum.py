"""Two readers of one thread: a post written in one page appears in the other within 2 seconds."""

import time

import pytest

from tests.browser.test_commenting import sign_in

pytestmark = pytest.mark.browser


def open_thread(page):
    page.goto("/forum/")
    page.get_by_role("link", name="Layanan daring untuk desa dan daerah terpencil").click()
    page.wait_for_selector(".live-status:not([hidden])")


def test_a_post_appears_live_in_another_open_page(browser, live_server_url, demo_passwords):
    writer_context = browser.new_context(base_url=live_server_url)
    reader_context = browser.new_context(base_url=live_server_url)
    writer, reader = writer_context.new_page(), reader_context.new_page()
    problems = []
    for page in (writer, reader):
        page.on("console", lambda m: m.type == "error" and problems.append(m.text))
    sign_in(writer, "warga@rembuk.example", demo_passwords["warga@rembuk.example"])
    open_thread(writer)
    open_thread(reader)
    assert (
        reader.locator(".live-status").inner_text() == "Langsung: pesan baru muncul saat ditulis."
    )
    # Both screens count both readers: the first one hears of the second within moments.
    for page in (reader, writer):
        page.wait_for_function(
            "Number(document.querySelector('.reader-count').textContent) >= 2", timeout=2000
        )
    assert reader.locator(".readers").inner_text().startswith("Sedang membaca:")

    writer.get_by_label("Pesan Anda").fill("Apakah loket pendamping juga ada di desa?")
    started = time.monotonic()
    writer.get_by_role("button", name="Kirim", exact=True).click()
    reader.get_by_text("Apakah loket pendamping juga ada di desa?").wait_for(timeout=2000)
    assert time.monotonic() - started < 2.5  # includes the writer's own page load
    assert reader.locator(".post").last.locator(".post-author").inner_text() == "Dewi Warga"
    assert problems == []
    writer_context.close()
    reader_context.close()


def test_thread_works_without_javascript(browser, live_server_url, demo_passwords):
    context = browser.new_context(base_url=live_server_url, java_script_enabled=False)
    page = context.new_page()
    sign_in(page, "usaha@rembuk.example", demo_passwords["usaha@rembuk.example"])
    page.goto("/forum/")
    page.get_by_role("link", name="Layanan daring untuk desa dan daerah terpencil").click()
    page.get_by_label("Pesan Anda").fill("Tanpa JavaScript pun bisa ikut berdiskusi.")
    page.get_by_role("button", name="Kirim", exact=True).click()
    assert (
        page.locator(".post-body", has_text="Tanpa JavaScript pun bisa ikut berdiskusi.").count()
        == 1
    )
    assert page.get_by_text("Tanggapan resmi").count() >= 1  # the drafter's answers
    context.close()
