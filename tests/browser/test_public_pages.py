"""Every kind of public page, in Indonesian and English, on a desktop and on a 360 px phone:
it loads, nothing is wider than the screen, no console error, no Content-Security-Policy
violation, and axe-core finds nothing serious or critical. The axe findings of every impact
are written to artifacts/browser/axe-<width>.json, a screenshot of each page beside them."""

import json
import re

import pytest

from tests.browser.artifacts import ARTIFACTS, end_state
from tests.browser.staff import DESKTOP, PHONE, sign_in
from tests.browser.test_phone import WIDER_THAN_SCREEN, write_long_addresses

pytestmark = pytest.mark.browser

CITIZEN = "warga@rembuk.example"
DRAFT = "/kebijakan/pengembangan-e-government/draf-2/"
# Content-Security-Policy violations, recorded by the page itself before any of its scripts.
RECORD_CSP = """document.addEventListener('securitypolicyviolation', (e) => {
    (window.__cspViolations = window.__cspViolations || [])
        .push(`${e.violatedDirective} blocked ${e.blockedURI || 'inline'}`);
});"""


def first_link(page, path: str, pattern: str) -> str:
    """The first address on a page matching a pattern: pages found the way a reader finds them."""
    page.goto(path)
    for href in page.eval_on_selector_all(
        "a[href]", "links => links.map(a => a.getAttribute('href'))"
    ):
        if re.search(pattern, href):
            return href
    raise AssertionError(f"no link matching {pattern} on {path}")


def public_pages(page) -> dict[str, str]:
    thread = first_link(page, "/forum/", r"^/forum/\d+/$")
    return {
        "beranda": "/",
        "daftar kebijakan": "/kebijakan/",
        "kebijakan": "/kebijakan/pengembangan-e-government/",
        "draf dengan konsultasi terbuka": DRAFT,
        "draf dalam analisis": "/kebijakan/pengembangan-e-government/draf-1/",
        "komentar satu ayat": first_link(page, DRAFT, r"^/konsultasi/\d+/komentar/\?ayat="),
        "satu komentar": first_link(page, DRAFT, r"^/komentar/\d+/$"),
        "perbandingan versi": first_link(page, DRAFT, r"/bandingkan/\?"),
        "berita": "/berita/",
        "satu berita": first_link(page, "/berita/", r"^/berita/.+/$"),
        "tentang": "/tentang/",
        "privasi": "/privasi/",
        "forum": "/forum/",
        "utas diskusi": thread,
        "pencarian": "/cari/?q=layanan+publik",
        "pencarian tanpa hasil": "/cari/?q=zzzz+qqqq",
        "masuk": "/akun/login/",
        "daftar akun": "/akun/signup/",
        "halaman tidak ditemukan": "/tidak-ada-halaman-ini/",
        "English home": "/en/",
        "English policies": "/en/policies/",
        "English draft": "/en/policies/e-government-development/draft-2/",
        "English not translated": first_link(
            page, "/kebijakan/interoperabilitas-data/", r"^/en/belum-diterjemahkan/\d+/$"
        ),
    }


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_every_public_page_type_is_clean(new_page, demo_passwords, viewport):
    from axe_playwright_python.sync_playwright import Axe

    writer = new_page(viewport)
    sign_in(writer, CITIZEN, demo_passwords[CITIZEN])
    write_long_addresses(writer)  # the pages hold a 200-character web address

    page = new_page(viewport)
    page.add_init_script(RECORD_CSP)
    axe = Axe()
    findings, problems = {}, []
    for name, path in public_pages(page).items():
        seen = len(page.problems)
        response = page.goto(path)
        expected = 404 if name == "halaman tidak ditemukan" else 200
        if expected == 404:  # answered 404 on purpose: the browser's report of it is expected
            del page.problems[seen:]
        if response.status != expected:
            problems.append(f"{name} ({path}): HTTP {response.status}")
        if page.evaluate("document.documentElement.scrollWidth > window.innerWidth"):
            problems.append(f"{name}: wider than the screen: {page.evaluate(WIDER_THAN_SCREEN)}")
        for violation in page.evaluate("window.__cspViolations || []"):
            problems.append(f"{name}: CSP {violation}")
        violations = axe.run(page).response["violations"]
        findings[name] = [
            {
                "rule": v["id"],
                "impact": v["impact"],
                "nodes": [" ".join(n["target"]) for n in v["nodes"]],
            }
            for v in violations
        ]
        for violation in findings[name]:
            if violation["impact"] in {"serious", "critical"}:
                problems.append(
                    f"{name}: axe {violation['rule']} ({violation['impact']}) on {violation['nodes'][:3]}"
                )
        slug = re.sub(r"\W+", "-", name)
        end_state(page, f"public-{viewport['width']}-{slug}")
    (ARTIFACTS / f"axe-{viewport['width']}.json").write_text(json.dumps(findings, indent=1))
    assert problems + page.problems == [], "\n".join(["", *problems, *page.problems])
