"""An editor writes a new draft version in the admin and submits it to legal review; the legal
reviewer finds it waiting on their home page and approves it, which publishes it. In Indonesian,
as both of them work."""

import re

import pytest
from playwright.sync_api import expect

from tests.browser.staff import DESKTOP, screenshot, staff_sign_in

pytestmark = pytest.mark.browser

EDITOR = "editor@rembuk.example"
REVIEWER = "peninjau@rembuk.example"
POLICY = "Pengembangan E-Government untuk Meningkatkan Kualitas Pelayanan Publik"
TITLE = "Rancangan Peraturan tentang Pengembangan E-Government — Draf 3"
CLAUSE = "Setiap pemerintah daerah menyediakan mal pelayanan publik daring."


def test_editor_mengajukan_draf_baru_dan_peninjau_menerbitkannya(page, new_page, demo_passwords):
    page.set_viewport_size(DESKTOP)
    staff_sign_in(page, EDITOR, demo_passwords[EDITOR])
    # Through the page tree, as an editor finds the policy.
    page.goto("/admin/pages/")
    page.get_by_role(
        "link", name="Jelajahi halaman turunan dari 'Rembuk: Dialog Kebijakan Publik'"
    ).click()
    page.get_by_role("link", name="Jelajahi halaman turunan dari 'Kebijakan'").click()
    page.get_by_role("link", name=f"Jelajahi halaman turunan dari '{POLICY}'").click()
    page.get_by_role("link", name="Tambahkan halaman turunan", exact=True).click()
    page.wait_for_url(re.compile(r"/admin/pages/add/cms/draftpage/\d+/$"))

    # The next version number is proposed; the editor never sees clause identifiers.
    expect(page.get_by_role("spinbutton", name="Nomor versi*")).to_have_value("3")
    page.get_by_role("textbox", name="Judul*").fill(TITLE)
    page.get_by_role("textbox", name="Apa yang berubah dalam versi ini").fill(
        "Bab baru tentang mal pelayanan publik daring."
    )
    body = page.locator("[data-contentpath=body]")
    body.get_by_role("button", name="Sisipkan blok").click()  # a chapter with one article
    body.get_by_label("Judul bab*").fill("Layanan Terpadu")
    body.get_by_label("Judul (opsional)").fill("Mal pelayanan publik daring")
    body.get_by_label("Teks ayat*").fill(CLAUSE)
    expect(body.get_by_label("Pengenal")).to_have_count(0)
    screenshot(page, "staff-editor-new-version.png")
    page.get_by_role("button", name="Tindakan lain").click()
    page.get_by_role("button", name="Ajukan ke Penyusunan → tinjauan hukum → terbit").click()
    expect(
        page.get_by_text(f"Halaman '{TITLE}' telah dibuat dan diajukan untuk ditinjau.")
    ).to_be_visible()
    row = page.locator("main table tr").filter(has_text=TITLE)
    expect(row).to_contain_text("dalam tinjauan")
    assert page.problems == []

    # Not public before review.
    reader = new_page()
    response = reader.goto("/kebijakan/pengembangan-e-government/draf-3/")
    assert response.status == 404
    reader.problems.clear()

    reviewer = new_page()
    staff_sign_in(reviewer, REVIEWER, demo_passwords[REVIEWER])
    waiting = reviewer.locator("section").filter(has_text="Menunggu tinjauan anda").last
    expect(waiting).to_contain_text(TITLE)
    expect(waiting).to_contain_text("Sari Editor")
    waiting.get_by_role("link", name=TITLE).click()
    reviewer.wait_for_url(re.compile(r"/admin/pages/\d+/edit/$"))
    expect(reviewer.locator("[data-contentpath=body]").get_by_label("Teks ayat*")).to_have_value(
        CLAUSE
    )
    reviewer.get_by_role("button", name="Tindakan lain").click()
    reviewer.get_by_role("button", name="Setujui dan terbitkan", exact=True).click()
    expect(reviewer.get_by_text(f"'{TITLE}'").first).to_be_visible()
    assert reviewer.problems == []

    # Published under the draf-N address, its text and the way to what changed.
    reader.goto("/kebijakan/pengembangan-e-government/draf-3/")
    expect(reader.get_by_role("heading", name=TITLE, level=1)).to_be_visible()
    expect(reader.get_by_text(CLAUSE)).to_be_visible()
    expect(
        reader.get_by_role("link", name=re.compile("Lihat perubahan sejak .*Draf 2"))
    ).to_be_visible()
    assert reader.problems == []
