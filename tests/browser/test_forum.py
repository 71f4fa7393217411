"""Readers of one thread: a post written in one page appears in the others, reads as it would
loaded afresh, and leaves every screen when a moderator hides it."""

import re
import time

import pytest
from playwright.sync_api import expect

from tests.browser.artifacts import end_state
from tests.browser.staff import DESKTOP, PHONE, sign_in, staff_sign_in

pytestmark = pytest.mark.browser
MODERATOR = "moderator@rembuk.example"
POST_TEXT = "Apakah loket pendamping juga ada di desa? https://contoh.go.id/" + "a" * 180 + " ({})"


def open_thread(page):
    page.goto("/forum/")
    page.get_by_role("link", name="Layanan daring untuk desa dan daerah terpencil").click()
    page.wait_for_selector(".live-status:not([hidden])")


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_a_live_post_reads_like_a_loaded_one_and_a_hidden_one_leaves_every_screen(
    browser, live_server_url, demo_passwords, viewport
):
    writer_context = browser.new_context(base_url=live_server_url, viewport=viewport)
    reader_context = browser.new_context(base_url=live_server_url, viewport=viewport)
    moderator_context = browser.new_context(base_url=live_server_url, viewport=viewport)
    writer, own_tab = writer_context.new_page(), writer_context.new_page()
    reader, moderator = reader_context.new_page(), moderator_context.new_page()
    pages = (writer, own_tab, reader, moderator)
    text = POST_TEXT.format(viewport["width"])
    problems = []
    for page in pages:
        page.on("console", lambda m: m.type == "error" and problems.append(m.text))
    sign_in(writer, "warga@rembuk.example", demo_passwords["warga@rembuk.example"])
    staff_sign_in(moderator, MODERATOR, demo_passwords[MODERATOR])
    for page in pages:
        open_thread(page)
    assert (
        reader.locator(".live-status").inner_text() == "Langsung: pesan baru muncul saat ditulis."
    )
    # Every screen counts every reader: each hears of the others within moments.
    for page in pages:  # (expect polls from outside the page: its CSP forbids eval)
        expect(page.locator(".reader-count")).to_have_text(re.compile(r"^([4-9]|\d\d+)$"))
    assert reader.locator(".readers").inner_text().startswith("Sedang membaca:")

    writer.get_by_role("textbox", name="Pesan Anda", exact=True).fill(text)
    started = time.monotonic()
    writer.get_by_role("button", name="Kirim", exact=True).click()
    reader.locator(".post-body", has_text=text).wait_for(timeout=10000)
    assert time.monotonic() - started < 10

    live = reader.locator(".post", has_text=text)
    live_post_id = live.get_attribute("data-post")
    assert live.locator(".post-author").inner_text() == "Dewi Warga"
    # The site's time zone and language, as on a loaded page: "29 November 2026 10.47".
    assert re.fullmatch(
        r"\d{1,2} [A-Z][a-z]+ \d{4} \d{2}\.\d{2}", live.locator("time").inner_text()
    )
    expect(live.get_by_role("button", name="Suka: 0")).to_be_visible()
    expect(live.get_by_text("Ubah", exact=True)).to_be_hidden()  # not the reader's post
    expect(live.get_by_text("Sembunyikan", exact=True)).to_be_hidden()  # not a moderator
    # Loaded afresh, the same post reads exactly the same.
    fresh = reader_context.new_page()
    fresh.goto(reader.url)
    assert fresh.locator(".post", has_text=text).inner_text() == live.inner_text()
    fresh.close()

    # The viewer's own controls are switched on in the browser: the author's other tab and the
    # moderator see theirs on the live post, and they work (the forms carry the page's token).
    own_live = own_tab.locator(".post", has_text=text)
    expect(own_live.get_by_text("Ubah", exact=True)).to_be_visible()
    expect(own_live.get_by_role("button", name="Hapus")).to_be_visible()
    moderated = moderator.locator(".post", has_text=text)
    expect(moderated.get_by_text("Sembunyikan", exact=True)).to_be_visible()
    expect(moderated.get_by_text("Ubah", exact=True)).to_be_hidden()
    own_live.get_by_role("button", name="Suka: 0").click()
    expect(own_tab.locator(".post", has_text=text).get_by_role("button", name="Suka: 1"))\
        .to_be_visible()  # fmt: skip
    expect(live.get_by_role("button", name="Suka: 1")).to_be_visible(timeout=10000)

    # A moderator hides it: it leaves every open screen, the author's too.
    moderated = moderator.locator(".post", has_text=text)
    moderated.get_by_text("Sembunyikan", exact=True).click()
    moderated.get_by_label("Alasan").select_option(index=1)
    moderated.get_by_role("button", name="Sembunyikan pesan").click()
    moderator.wait_for_load_state()
    for page in (reader, own_tab, moderator):
        expect(page.locator(".post-body", has_text=text)).to_have_count(0, timeout=10000)
    hidden = reader.locator(f'[data-post="{live_post_id}"]')
    expect(hidden).to_have_text("Pesan ini disembunyikan oleh moderator.", use_inner_text=True)
    expect(hidden.get_by_role("button", name="Pulihkan")).to_be_hidden()
    expect(
        own_tab.locator(f'[data-post="{live_post_id}"]').get_by_role("button", name="Pulihkan")
    ).to_be_hidden()
    expect(
        moderator.locator(f'[data-post="{live_post_id}"]').get_by_role("button", name="Pulihkan")
    ).to_be_visible()
    assert problems == []
    end_state(reader, f"live-thread-reader-{'phone' if viewport is PHONE else 'desktop'}")
    for context in (writer_context, reader_context, moderator_context):
        context.close()


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_thread_works_without_javascript(new_page, demo_passwords, viewport):
    page = new_page(viewport, javascript=False)
    sign_in(page, "usaha@rembuk.example", demo_passwords["usaha@rembuk.example"])
    page.goto("/forum/")
    page.get_by_role("link", name="Layanan daring untuk desa dan daerah terpencil").click()
    page.get_by_role("textbox", name="Pesan Anda", exact=True).fill(
        f"Tanpa JavaScript pun bisa ikut berdiskusi ({viewport['width']} px)."
    )
    page.get_by_role("button", name="Kirim", exact=True).click()
    assert (
        page.locator(
            ".post-body",
            has_text=f"Tanpa JavaScript pun bisa ikut berdiskusi ({viewport['width']} px).",
        ).count()
        == 1
    )
    assert page.get_by_text("Tanggapan resmi").count() >= 1  # the drafter's answers
    end_state(page, f"thread-without-javascript-{'phone' if viewport is PHONE else 'desktop'}")
