"""A new citizen's whole first journey, on a desktop and on a phone, in Indonesian: sign up,
confirm the address from the email the server sent, comment on a clause with a stance and
proposed wording, reply to someone, support someone else's comment."""

import re

import pytest
from playwright.sync_api import expect

from tests.browser.artifacts import end_state
from tests.browser.staff import DESKTOP, PHONE

pytestmark = pytest.mark.browser

DRAFT = "/kebijakan/pengembangan-e-government/draf-2/"


def confirmation_path(outbox, address: str) -> str:
    messages = outbox(address)
    assert len(messages) == 1, f"expected one email to {address}, found {len(messages)}"
    message = messages[0]
    text = message.get_body(preferencelist=("plain",)).get_content()
    assert "Rembuk" in message["Subject"] and "127.0.0.1" not in text.split("\n")[0]
    link = re.search(r"https?://[^/\s]+(/akun/[^\s]*confirm-email/[^\s]+)", text)
    assert link, text
    return link.group(1)


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_a_new_citizen_signs_up_confirms_comments_replies_and_supports(new_page, outbox, viewport):
    page = new_page(viewport)
    address = f"warga.baru.{viewport['width']}@contoh.id"
    page.goto("/")
    page.get_by_role("link", name="Daftar").first.click()
    page.get_by_label("Email").fill(address)
    page.get_by_label("Kata sandi:", exact=True).fill("rembuk-Sandi-yang-kuat-42")
    page.get_by_label("Kata sandi (lagi)").fill("rembuk-Sandi-yang-kuat-42")
    page.get_by_label("Nama tampilan").fill(f"Warga Baru {viewport['width']}")
    page.get_by_label("Provinsi").select_option(label="Jawa Tengah")
    page.get_by_role("button", name="Daftar").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Verifikasi Alamat Email Anda")

    path = confirmation_path(outbox, address)
    page.goto(path)
    page.get_by_role("button", name="Konfirmasi").click()
    expect(page.get_by_text(f"Anda telah mengonfirmasi {address}.")).to_be_visible()

    # A comment on a clause, with a stance and proposed wording.
    page.goto(DRAFT)
    page.get_by_role("link", name="Komentari Pasal 7 ayat (2)").click()
    page.get_by_label("Mengusulkan rumusan lain").check()
    body = f"Warga baru ({viewport['width']} px): layanan perlu bisa diakses lewat SMS juga."
    page.get_by_label("Komentar Anda").fill(body)
    page.get_by_label("Usulan rumusan (opsional)").fill("Layanan tersedia daring dan lewat SMS.")
    page.get_by_label("Saya setuju komentar dan data di atas diproses").check()
    page.get_by_role("button", name="Kirim komentar").click()
    expect(page.get_by_text("Komentar Anda telah diterbitkan")).to_be_visible()
    expect(page.get_by_text(body)).to_be_visible()
    expect(page.get_by_text("Layanan tersedia daring dan lewat SMS.")).to_be_visible()
    expect(page.get_by_role("link", name="Pasal 7 ayat (2)")).to_be_visible()
    # No supporting one's own comment.
    expect(page.get_by_role("button", name="Ini mewakili pendapat saya")).to_have_count(0)

    # Someone else's comment: support it, then reply to it.
    page.goto(DRAFT)
    others = page.locator("article.comment:not(.reply)").filter(has_not_text="Warga baru")
    others.first.get_by_role("link", name="Balas, dukung, atau laporkan").click()
    page.get_by_role("button", name="Ini mewakili pendapat saya").click()
    expect(page.get_by_text("Anda mendukung komentar ini.")).to_be_visible()
    expect(page.get_by_role("button", name="Cabut dukungan saya")).to_be_visible()
    page.get_by_label("Balasan Anda").fill("Saya sependapat; di desa kami sinyal data lemah.")
    page.get_by_label("Saya setuju balasan saya diproses").check()
    page.get_by_role("button", name="Kirim balasan").click()
    expect(page.get_by_text("Balasan Anda telah dikirim.")).to_be_visible()
    expect(page.get_by_text("Saya sependapat; di desa kami sinyal data lemah.")).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    end_state(page, f"signup-{'phone' if viewport is PHONE else 'desktop'}")
    assert page.problems == []
