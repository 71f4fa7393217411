"""Commenting on a clause with the keyboard alone: every step reached with Tab, used with
Enter or Space, and the element in focus always visibly marked."""

import pytest
from playwright.sync_api import expect

from tests.browser.artifacts import end_state
from tests.browser.staff import DESKTOP, PHONE, sign_in

pytestmark = pytest.mark.browser

CITIZEN = "warga@rembuk.example"

# What has the focus: its accessible text and whether a focus ring is drawn around it.
FOCUSED = """() => {
    const el = document.activeElement;
    const style = getComputedStyle(el);
    const label = el.labels && el.labels.length ? el.labels[0].textContent : '';
    return {text: (el.getAttribute('aria-label') || el.textContent || label || el.value || '').trim(),
            label: label.trim(), tag: el.tagName.toLowerCase(), type: el.type || '',
            ring: style.outlineStyle !== 'none' || style.boxShadow !== 'none'};
}"""


def tab_to(page, wanted, *, limit: int = 400) -> dict:
    """Press Tab until the focused element matches ``wanted``; fail if it is never reached or
    if anything reached on the way has no visible focus."""
    unmarked, visited = [], []
    for _ in range(limit):
        page.keyboard.press("Tab")
        focused = page.evaluate(FOCUSED)
        visited.append(focused["text"][:30] or focused["tag"])
        if not focused["ring"]:
            unmarked.append(focused["text"][:40] or focused["tag"])
        if wanted(focused):
            assert unmarked == [], f"focus not visible on: {unmarked}"
            return focused
    raise AssertionError(f"not reachable with the Tab key; reached: {visited[:60]}")


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_warga_berkomentar_hanya_dengan_papan_ketik(new_page, demo_passwords, viewport):
    page = new_page(viewport)
    sign_in(page, CITIZEN, demo_passwords[CITIZEN])
    page.goto("/kebijakan/pengembangan-e-government/draf-2/")
    tab_to(page, lambda f: f["tag"] == "a" and f["text"] == "Komentari Pasal 4 ayat (1)")
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    tab_to(page, lambda f: f["type"] == "radio")
    # Arrow keys move within the stance choices; Space picks the one in focus.
    while page.evaluate(FOCUSED)["label"] != "Netral":
        page.keyboard.press("ArrowDown")
    page.keyboard.press("Space")
    tab_to(page, lambda f: f["tag"] == "textarea" and f["label"].startswith("Komentar Anda"))
    body = f"Ditulis dengan papan ketik saja ({viewport['width']} px): ayat ini jelas."
    page.keyboard.type(body)
    tab_to(page, lambda f: f["type"] == "checkbox" and f["label"].startswith("Saya setuju"))
    page.keyboard.press("Space")
    tab_to(page, lambda f: f["tag"] == "button" and f["text"] == "Kirim komentar")
    page.keyboard.press("Enter")
    expect(page.get_by_text("Komentar Anda telah diterbitkan")).to_be_visible()
    expect(page.get_by_text(body)).to_be_visible()
    end_state(page, f"keyboard-comment-{'phone' if viewport is PHONE else 'desktop'}")
    assert page.problems == []
