"""A reader of Draf 2 compares it with Draf 1 and follows a clause's earlier input: what was
said about the clause on the previous version, and whether its wording changed since."""

import re

import pytest
from playwright.sync_api import expect

from tests.browser.artifacts import end_state
from tests.browser.staff import DESKTOP, PHONE

pytestmark = pytest.mark.browser

DRAFT_2 = "/kebijakan/pengembangan-e-government/draf-2/"


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_pembaca_membandingkan_versi_dan_membuka_masukan_sebelumnya(new_page, viewport):
    page = new_page(viewport=viewport)
    page.goto(DRAFT_2)
    page.get_by_role("link", name=re.compile("^Lihat perubahan sejak .*Draf 1")).click()
    expect(page.get_by_role("heading", name="Bandingkan versi", level=1)).to_be_visible()
    changes = page.locator(".change")
    expect(changes.first).to_be_visible()
    assert page.locator(".change ins").count() > 0 and page.locator(".change del").count() > 0
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")

    page.goto(DRAFT_2)
    earlier = page.locator("p.earlier-input").filter(has_text="diubah dalam versi ini").first
    expect(earlier).to_be_visible()
    link = earlier.get_by_role("link")
    counted = int(re.match(r"\d+", link.inner_text()).group())
    link.click()
    expect(page.get_by_role("heading", name="Komentar", level=1)).to_be_visible()
    expect(page.locator("article.comment:not(.reply)")).to_have_count(min(counted, 20))
    end_state(page, f"compare-versions-{'phone' if viewport is PHONE else 'desktop'}")
    assert page.problems == []
