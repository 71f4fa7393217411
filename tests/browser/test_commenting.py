"""A citizen comments on a clause and sees it beside the clause; then replies and supports."""

import pytest

from tests.browser.artifacts import end_state
from tests.browser.staff import DESKTOP, PHONE, sign_in

pytestmark = pytest.mark.browser


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
    end_state(page, "comment-on-a-clause-desktop")
    assert page.problems == []


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_reply_and_support_without_javascript(new_page, demo_passwords, viewport):
    page = new_page(viewport, javascript=False)
    sign_in(page, "usaha@rembuk.example", demo_passwords["usaha@rembuk.example"])
    page.goto("/kebijakan/pengembangan-e-government/draf-2/")
    # A different comment on each screen: the person supports each one once.
    page.get_by_role("link", name="Balas, dukung, atau laporkan").nth(
        0 if viewport is DESKTOP else 1
    ).click()
    page.get_by_role("button", name="Ini mewakili pendapat saya").click()
    assert page.get_by_text("Anda mendukung komentar ini.").count() == 1
    page.get_by_label("Balasan Anda").fill(
        f"Kami dari asosiasi usaha mendukung usulan ini ({viewport['width']} px)."
    )
    page.get_by_label("Saya setuju balasan saya diproses").check()
    page.get_by_role("button", name="Kirim balasan").click()
    assert page.get_by_text("Balasan Anda telah dikirim.").count() == 1
    assert (
        page.get_by_text(
            f"Kami dari asosiasi usaha mendukung usulan ini ({viewport['width']} px)."
        ).count()
        == 1
    )
    end_state(
        page, f"reply-and-support-without-javascript-{'phone' if viewport is PHONE else 'desktop'}"
    )


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_comment_on_a_clause_without_javascript(new_page, demo_passwords, viewport):
    """The whole comment journey works with scripts switched off (cheap phones, data savers)."""
    page = new_page(viewport, javascript=False)
    sign_in(page, "usaha@rembuk.example", demo_passwords["usaha@rembuk.example"])
    page.goto("/kebijakan/pengembangan-e-government/draf-2/")
    page.get_by_role("link", name="Komentari Pasal 3 ayat (2)").click()
    page.get_by_label("Mendukung").check()
    page.get_by_label("Komentar Anda").fill(
        f"Tanpa JavaScript pun komentar ini terkirim ({viewport['width']} px)."
    )
    page.get_by_label("Saya setuju komentar dan data di atas diproses").check()
    page.get_by_role("button", name="Kirim komentar").click()
    assert page.get_by_text("Komentar Anda telah diterbitkan").count() == 1
    assert (
        page.get_by_text(
            f"Tanpa JavaScript pun komentar ini terkirim ({viewport['width']} px)."
        ).count()
        == 1
    )
    assert page.get_by_role("link", name="Pasal 3 ayat (2)").count() == 1  # named by its clause
    end_state(page, f"comment-without-javascript-{'phone' if viewport is PHONE else 'desktop'}")
