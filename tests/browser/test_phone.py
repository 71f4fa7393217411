"""Public pages on a phone: nothing wider than the screen, also when a comment or a forum post
holds a 200-character web address (long words used to widen the draft page to 533 px and the
thread to 486 px; the policy filters to 731 px and the version selectors to 603 px)."""

import re

import pytest
from playwright.sync_api import expect

from tests.browser.staff import sign_in

pytestmark = pytest.mark.browser

CITIZEN = "warga@rembuk.example"
LONG_ADDRESS = "https://layanan.contoh.go.id/" + "rincian-pelayanan-publik-daring-" * 6
DRAFT = "/kebijakan/pengembangan-e-government/draf-2/"
THREAD = "Layanan daring untuk desa dan daerah terpencil"

# Elements reaching past the right edge, named so that a failure says where.
WIDER_THAN_SCREEN = """() => [...document.querySelectorAll('body *')]
    .filter(el => el.getBoundingClientRect().right > window.innerWidth + 1
                  && getComputedStyle(el).position !== 'fixed')
    .slice(0, 5)
    .map(el => `${el.tagName.toLowerCase()}.${el.className}`
               + ` right=${Math.round(el.getBoundingClientRect().right)}`)"""


def write_long_addresses(page) -> None:
    """A comment (with proposed wording) and a forum post holding the long address, written
    once for the session's server, whichever width runs first."""
    body = f"Rincian ada di {LONG_ADDRESS} untuk warga desa."
    page.goto(DRAFT)
    if page.get_by_text("Rincian ada di").count() == 0:
        # A clause nobody has commented on yet (other journeys comment too): the comment is
        # then sure to be listed beside it on the draft page.
        quiet = page.locator("li.clause").filter(has_not=page.locator(".clause-comment-bar .count"))
        quiet.first.get_by_role("link", name=re.compile("^Komentari ")).click()
        page.get_by_label("Mengusulkan rumusan lain").check()
        page.get_by_label("Komentar Anda").fill(body)
        page.get_by_label("Usulan rumusan (opsional)").fill(f"Informasi lengkap di {LONG_ADDRESS}.")
        page.get_by_label("Saya setuju komentar dan data di atas diproses").check()
        page.get_by_role("button", name="Kirim komentar").click()
        expect(page.get_by_text("Komentar Anda telah diterbitkan")).to_be_visible()
    page.goto("/forum/")
    page.get_by_role("link", name=THREAD).click()
    if page.locator(".post-body", has_text="Rincian ada di").count() == 0:
        # The form for a new post (the person's earlier posts have edit forms of their own).
        new_post = page.locator("form").filter(has=page.get_by_role("button", name="Kirim"))
        new_post.get_by_label("Pesan Anda").fill(body)
        new_post.get_by_role("button", name="Kirim", exact=True).click()
        expect(page.locator(".post-body", has_text="Rincian ada di")).to_have_count(1)


@pytest.mark.parametrize("width", [360, 390])
def test_halaman_publik_tidak_melebar_di_ponsel(new_page, demo_passwords, width):
    page = new_page(viewport={"width": width, "height": 800})
    sign_in(page, CITIZEN, demo_passwords[CITIZEN])
    write_long_addresses(page)

    page.goto("/forum/")
    page.get_by_role("link", name=THREAD).click()
    thread = page.url
    pages = {
        "beranda": "/",
        "daftar kebijakan": "/kebijakan/",
        "perbandingan versi": "/kebijakan/pengembangan-e-government/bandingkan/",
        "draf dengan komentar berisi alamat panjang": DRAFT,
        "utas dengan pesan berisi alamat panjang": thread,
    }
    wide = {}
    for name, path in pages.items():
        page.goto(path)
        if "alamat panjang" in name:
            expect(page.get_by_text(re.compile("Rincian ada di")).first).to_be_attached()
        if page.evaluate("document.documentElement.scrollWidth > window.innerWidth"):
            wide[name] = page.evaluate(WIDER_THAN_SCREEN)
    assert wide == {}
    assert page.problems == []


def test_komentar_ayat_sejajar_di_layar_lebar(page):
    """On a wide screen every clause keeps its comments and links in the same right-hand
    column, whether it has comments or not (they used to drop under the text for clauses with
    comments)."""
    page.set_viewport_size({"width": 1280, "height": 800})
    page.goto(DRAFT)
    columns = page.locator("li.clause").evaluate_all(
        """clauses => clauses.map(clause => {
            const text = clause.querySelector('.clause-text').getBoundingClientRect();
            const parts = clause.querySelector('.clause-parts');
            const box = parts.getBoundingClientRect();
            return {left: Math.round(box.left), beside: box.left >= text.right - 1,
                    comments: parts.querySelectorAll('.comment').length};
        })"""
    )
    assert any(c["comments"] for c in columns) and any(not c["comments"] for c in columns)
    assert {c["left"] for c in columns} == {columns[0]["left"]}
    assert all(c["beside"] for c in columns)
    assert page.problems == []
