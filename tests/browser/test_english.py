"""An English reader takes part on the English page of the same draft: the consultation, the
comments beside each clause and the comment form are there in English (they used to be missing
on /en/ pages), and the comment joins the same consultation the Indonesian page shows."""

import re

import pytest
from playwright.sync_api import expect

from tests.browser.artifacts import end_state
from tests.browser.staff import DESKTOP, PHONE, sign_in

pytestmark = pytest.mark.browser

CITIZEN = "warga@rembuk.example"
ENGLISH_DRAFT = "/en/policies/e-government-development/draft-2/"


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_an_english_reader_comments_on_the_english_page(new_page, demo_passwords, viewport):
    page = new_page(viewport)
    sign_in(page, CITIZEN, demo_passwords[CITIZEN])
    page.goto("/en/")
    expect(page.locator("html")).to_have_attribute("lang", "en")
    open_policies = page.locator("section").filter(
        has=page.get_by_role("heading", name="Policies open for your input")
    )
    expect(open_policies.locator(".card")).to_have_count(2)  # both, one only in Indonesian
    expect(open_policies).to_contain_text("In Bahasa Indonesia only")

    page.goto(ENGLISH_DRAFT)
    expect(page.locator(".consultation-banner")).to_contain_text("Konsultasi publik Draf 2")
    link = page.get_by_role("link", name=re.compile(r"^Comment on Article 2")).first
    expect(link).to_be_visible()
    key = re.search(r"ayat=(\w+)", link.get_attribute("href")).group(1)
    before = comment_count(page, key)
    link.click()
    page.get_by_label("Neutral").check()
    body = f"In English ({viewport['width']} px): village service counters need trained staff."
    page.get_by_label("Your comment").fill(body)
    page.get_by_label("I agree that my comment and the details above are processed").check()
    page.get_by_role("button", name="Send comment").click()
    expect(page.get_by_text("Thank you. Your comment has been published.")).to_be_visible()
    expect(page.get_by_text(body)).to_be_visible()
    assert "/en/komentar/" in page.url

    # One consultation on both pages: the clause counts the new comment in either language.
    page.goto("/kebijakan/pengembangan-e-government/draf-2/")
    assert comment_count(page, key) == before + 1
    page.goto(ENGLISH_DRAFT)
    assert comment_count(page, key) == before + 1
    end_state(page, f"english-comment-{'phone' if viewport is PHONE else 'desktop'}")
    assert page.problems == []


def comment_count(page, key: str) -> int:
    """The count a clause's comment bar shows ("3 comments", "3 komentar"), 0 when none."""
    count = page.locator(f"#ayat-{key} .clause-comment-bar .count")
    return int(re.match(r"\d+", count.inner_text()).group()) if count.count() else 0
