"""Staff at work in the admin: a moderator hides a comment and reads the author's appeal, a
drafter searches, codes, reads the dashboard and answers comments, the moderation queue on a
phone, and axe-core on the staff pages."""

import re

import pytest
from playwright.sync_api import expect

from tests.browser.staff import (
    DESKTOP,
    PHONE,
    screenshot,
    sign_in,
    staff_sign_in,
)

pytestmark = pytest.mark.browser

MODERATOR = "moderator@rembuk.example"
DRAFTER = "penyusun@rembuk.example"
CITIZEN = "warga@rembuk.example"  # demo participants (peserta01..) have no password
OPEN_CONSULTATION = "Konsultasi publik Draf 2"


def open_workspace_from_home(page):
    panel = page.locator("#consultations-at-a-glance-section")
    expect(panel.get_by_role("heading", name="Konsultasi Anda")).to_be_visible()
    row = panel.locator("tr").filter(has_text=OPEN_CONSULTATION)
    expect(row).to_contain_text("Terbuka untuk komentar")
    row.get_by_role("link", name=OPEN_CONSULTATION).click()
    page.wait_for_url(re.compile(r"/admin/konsultasi/\d+/$"))
    expect(page.get_by_role("heading", name=OPEN_CONSULTATION, level=1)).to_be_visible()
    return int(re.search(r"/konsultasi/(\d+)/", page.url).group(1))


def result_count(page) -> int:
    status = page.locator("p[role=status]").filter(has_text="komentar ditemukan")
    expect(status).to_be_visible()
    return int(re.match(r"\s*(\d+)", status.inner_text()).group(1))


def click_facet_narrowing(page, title: str, total: int, *, at_least: int = 1) -> int:
    """Click the first value of a facet that holds fewer comments than the results (and at
    least `at_least`); return the count the facet promised."""
    facet = page.locator("ul.facet").nth(
        [t.strip() for t in page.locator("h2.facet-title").all_inner_texts()].index(title)
    )
    for item in facet.locator("li").all():
        count = int(item.locator(".staff-meta").inner_text())
        if at_least <= count < total:
            item.get_by_role("link").click()
            page.wait_for_load_state()
            return count
    raise AssertionError(f"no value of {title} narrows {total} results")


def test_moderator_menyembunyikan_komentar_dan_membaca_banding(page, new_page, demo_passwords):
    """A citizen writes; the moderator (second factor enrolled, then answered) hides the
    comment with a reason; the author reads the reason and appeals; the moderator sees it."""
    page.set_viewport_size(DESKTOP)
    # A comment by a citizen who can sign in (the demo's own participants have no password).
    citizen = new_page()
    sign_in(citizen, CITIZEN, demo_passwords[CITIZEN])
    citizen.goto("/kebijakan/pengembangan-e-government/draf-2/")
    citizen.get_by_role("link", name="Komentari Pasal 2 ayat (1)").click()
    citizen.get_by_label("Netral").check()
    body = "Uji moderasi: kios layanan daring di kantor desa perlu pendamping."
    citizen.get_by_label("Komentar Anda").fill(body)
    citizen.get_by_label("Saya setuju komentar dan data di atas diproses").check()
    citizen.get_by_role("button", name="Kirim komentar").click()
    expect(citizen.get_by_text("Komentar Anda telah diterbitkan")).to_be_visible()
    comment_id = int(re.search(r"/komentar/(\d+)/", citizen.url).group(1))

    staff_sign_in(page, MODERATOR, demo_passwords[MODERATOR])
    expect(page.locator("#consultations-at-a-glance-section")).to_contain_text(OPEN_CONSULTATION)
    page.goto("/akun/logout/")
    page.locator("main").get_by_role("button", name="Keluar").click()
    page.wait_for_load_state()
    page.goto("/admin/")
    assert "/akun/login/" in page.url  # signed out: the admin asks again
    assert staff_sign_in(page, MODERATOR, demo_passwords[MODERATOR]) == "authenticate"
    expect(page.locator("#consultations-at-a-glance-section")).to_be_visible()
    screenshot(page, "staff-home.png")

    open_workspace_from_home(page)
    page.locator("main").get_by_role("link", name="Antrean moderasi").click()
    expect(page.get_by_role("heading", name="Moderasi", level=1)).to_be_visible()
    # The admin's filter panel: every status, not only comments waiting for a decision.
    page.get_by_role("button", name="Tampilkan saringan").click()
    page.get_by_role("button", name="Status").click()
    page.locator("input[name=status][value=semua]").check()
    page.wait_for_url("**status=semua**")
    page.keyboard.press("Escape")
    row = page.locator("table.staff-queue tbody tr").filter(has_text=body)
    expect(row).to_contain_text("Diterbitkan")
    expect(row).to_contain_text(CITIZEN)
    expect(row).to_contain_text("Pasal 2 ayat (1)")
    row.get_by_role("checkbox").check()
    # Down at the row, the bulk action bar is in view at the bottom of the window.
    bar = page.locator("[data-bulk-action-footer]")
    expect(bar).to_be_in_viewport(ratio=1)
    expect(bar).to_contain_text("1 item dipilih")
    bar.get_by_role("link", name="Sembunyikan komentar terpilih").click()
    expect(page.get_by_text("Sembunyikan komentar ini?")).to_be_visible()
    expect(page.locator("main li").filter(has_text=body)).to_contain_text("Pasal 2 ayat (1)")
    page.get_by_label("Alasan").select_option(label="Di luar topik")
    page.get_by_label("Catatan").fill("Lebih cocok di forum diskusi.")
    page.get_by_role("button", name="Terapkan", exact=True).click()
    page.wait_for_url("**/moderasi/?status=semua")  # back to the queue as it was
    expect(page.get_by_text("1 komentar diperbarui.")).to_be_visible()
    screenshot(page, "staff-moderation-queue.png")
    expect(row).to_contain_text("Disembunyikan oleh moderasi")
    expect(row).to_contain_text("Sembunyikan: Di luar topik")

    citizen.goto(f"/komentar/{comment_id}/")
    expect(
        citizen.get_by_role("status").filter(has_text="Disembunyikan oleh moderasi")
    ).to_contain_text("Di luar topik")
    appeal = "Komentar saya membahas layanan daring pada ayat ini, bukan topik lain."
    citizen.get_by_label("Mengapa keputusan perlu ditinjau ulang?").fill(appeal)
    citizen.get_by_role("button", name="Ajukan banding").click()
    expect(
        citizen.get_by_text("Banding Anda telah dikirim kepada moderator.").first
    ).to_be_visible()
    expect(citizen.get_by_label("Mengapa keputusan perlu ditinjau ulang?")).to_have_count(0)

    page.reload()
    expect(row.locator(".help-warning")).to_have_text(f"Banding: {appeal}")
    assert citizen.problems == []
    assert page.problems == []


def answer_comments(page, text: str, outcome: str, answer: str) -> None:
    """From the responses page: open the comments not answered yet, select the one saying
    ``text``, answer it with the bulk action, and see it answered in the listing."""
    page.locator("main").get_by_role("link", name="Tanggapi komentar").click()
    expect(page.get_by_role("heading", name="Tanggapi komentar", level=1)).to_be_visible()
    row = page.locator("table.staff-queue tbody tr").filter(has_text=text)
    expect(row).to_contain_text("belum ditanggapi")
    row.get_by_role("checkbox").check()
    page.locator("[data-bulk-action-footer]").get_by_role(
        "link", name="Tanggapi komentar terpilih sekaligus"
    ).click()
    expect(page.get_by_text("Tanggapi komentar ini dengan satu tanggapan?")).to_be_visible()
    page.get_by_label("Hasil").select_option(label=outcome)
    page.get_by_label("Penjelasan").fill(answer)
    page.get_by_role("button", name="Terapkan", exact=True).click()
    expect(page.get_by_text("Tanggapan untuk 1 komentar telah disimpan.")).to_be_visible()
    # Back at the comments not answered yet: this one has left them.
    expect(page.locator("table.staff-queue tbody tr").filter(has_text=text)).to_have_count(0)


def test_penyusun_mencari_memberi_kode_membaca_dasbor_dan_menanggapi(page, demo_passwords):
    """The drafter narrows a search by stance and province, codes two comments with a new code,
    finds every dashboard chart drawn, and answers a comment while the consultation is open."""
    page.set_viewport_size(DESKTOP)
    staff_sign_in(page, DRAFTER, demo_passwords[DRAFTER])
    consultation = open_workspace_from_home(page)

    # Search, then narrow by stance and by province.
    page.locator("main").get_by_role("link", name="Cari komentar").click()
    page.get_by_label('Kata, "frasa", -dikecualikan, ini OR itu').fill("layanan")
    page.get_by_role("button", name="Cari", exact=True).click()
    page.wait_for_url("**q=layanan**")
    total = result_count(page)
    assert total >= 3
    by_stance = click_facet_narrowing(page, "Sikap", total, at_least=2)
    assert result_count(page) == by_stance < total
    chosen_values = page.locator("ul.facet a.selected[aria-current=true]")
    expect(chosen_values).to_have_count(2)  # the consultation and the stance
    by_province = click_facet_narrowing(page, "Provinsi", by_stance)
    assert result_count(page) == by_province < by_stance
    expect(chosen_values).to_have_count(3)

    # A new code in the codebook, given to two comments found by the search.
    page.goto(f"/admin/konsultasi/{consultation}/kode/")
    page.get_by_label("Kode", exact=False).fill("Layanan di desa")
    page.get_by_label("Keterangan").fill("Kios, loket dan pendamping layanan daring di desa")
    page.get_by_role("button", name="Tambahkan ke buku kode").click()
    expect(page.locator("table.listing")).to_contain_text("Layanan di desa")
    page.locator("main").get_by_role("link", name="Cari komentar").click()
    page.get_by_label('Kata, "frasa", -dikecualikan, ini OR itu').fill("layanan")
    page.get_by_role("button", name="Cari", exact=True).click()
    page.wait_for_url("**q=layanan**")
    results = page.locator("li.search-result")
    chosen = [results.nth(0), results.nth(1)]
    for result in chosen:
        expect(result.locator(".tags li", has_text="Layanan di desa")).to_have_count(0)
        result.get_by_role("checkbox").check()
    page.get_by_label("Beri kode pada komentar terpilih").select_option(label="Layanan di desa")
    page.get_by_role("button", name="Tambahkan kode").click()
    expect(page.get_by_text("2 komentar diberi kode “Layanan di desa”.")).to_be_visible()
    for result in chosen:
        expect(result.locator(".tags")).to_contain_text("Layanan di desa")

    # The dashboard: every chart drawn.
    page.locator("main").get_by_role("link", name="Dasbor analisis").click()
    expect(page.get_by_role("heading", name="Analisis", level=1)).to_be_visible()
    charts = page.locator("svg[role=img]")
    assert charts.count() >= 4
    for chart in charts.all():
        assert chart.get_attribute("aria-labelledby")
        ys = chart.locator("rect").evaluate_all("rects => rects.map(r => r.getAttribute('y'))")
        assert ys, chart.get_attribute("aria-labelledby")
        assert all(re.fullmatch(r"-?\d+(\.\d+)?", y or "") for y in ys), ys
    screenshot(page, "staff-dashboard.png")
    assert page.problems == []

    # Responses while the consultation is still open.
    page.goto(f"/admin/konsultasi/{consultation}/")
    page.locator("main").get_by_role("link", name="Tanggapan dan laporan").click()
    expect(page.get_by_role("heading", name="Tanggapan", level=1)).to_be_visible()
    responses = page.url
    answer_comments(
        page,
        "Secara umum rancangan ini baik.",
        "Diterima sebagian",
        "Peta jalan akan dilampirkan; anggaran diatur dalam peraturan pelaksana.",
    )
    page.goto(responses)
    expect(
        page.get_by_text(re.compile(r"^\d+ dari \d+ komentar belum ditanggapi\.$"))
    ).to_be_visible()
    publish = page.locator("section").filter(
        has=page.get_by_role("heading", name="Terbitkan laporan tanggapan")
    )
    expect(publish).to_contain_text(
        "Laporan tanggapan dapat diterbitkan setelah konsultasi ditutup."
    )
    expect(publish.get_by_role("button", name="Terbitkan")).to_have_count(0)
    screenshot(page, "staff-responses.png")
    assert page.problems == []


def test_penyusun_menerbitkan_laporan_setelah_konsultasi_ditutup(page, new_page, demo_passwords):
    """On the closed Draf 1 consultation the drafter answers a comment and publishes the
    response report; a reader then finds the summary and the answer on the public report."""
    page.set_viewport_size(DESKTOP)
    staff_sign_in(page, DRAFTER, demo_passwords[DRAFTER])
    page.locator("#wagtail-sidebar").get_by_role("link", name="Konsultasi").click()
    page.get_by_role("link", name="Konsultasi publik Draf 1").click()
    expect(page.get_by_role("heading", name="Konsultasi publik Draf 1", level=1)).to_be_visible()
    page.locator("main").get_by_role("link", name="Tanggapan dan laporan").click()
    report = page.locator("main").get_by_role("link", name="Pratinjau laporan tanggapan")
    report_url = report.get_attribute("href")
    responses = page.url
    comment = "Aksesibilitas bagi penyandang disabilitas"
    answer = "Usulan ini dimasukkan ke Draf 2 sebagai ayat tentang keterjangkauan."
    answer_comments(page, comment, "Diterima", answer)
    page.goto(responses)

    publish = page.locator("section").filter(
        has=page.get_by_role("heading", name="Terbitkan laporan tanggapan")
    )
    summary = "Kami menerima masukan tentang keterjangkauan, aksesibilitas dan data pribadi."
    publish.get_by_label("Yang kami dengar: ringkasan").fill(summary)
    publish.get_by_role("button", name="Terbitkan").click()
    expect(page.get_by_text("Laporan tanggapan telah diterbitkan.")).to_be_visible()
    assert page.problems == []

    reader = new_page()
    reader.goto(report_url)
    expect(reader.get_by_text(summary)).to_be_visible()
    answered = reader.locator("li, article").filter(has_text=comment).filter(has_text=answer)
    expect(answered.first).to_be_visible()
    assert reader.problems == []


def test_pencarian_menamai_ayat_menurut_draf_konsultasinya(page, demo_passwords):
    """Clause keys live on from Draf 1 to Draf 2 while clauses are renumbered: the search within
    the Draf 2 consultation names each clause as Draf 2 numbers it, as its moderation queue,
    dashboard and responses do."""
    staff_sign_in(page, DRAFTER, demo_passwords[DRAFTER])
    consultation = open_workspace_from_home(page)
    page.goto(f"/admin/cari/?konsultasi={consultation}&q=fotokopi")
    result = page.locator("li.search-result").filter(has_text="Keterhubungan antarlembaga")
    expect(result.locator(".staff-meta")).to_contain_text(f"{OPEN_CONSULTATION} · Pasal 6 ·")
    assert page.problems == []


def test_antrean_moderasi_di_ponsel(new_page, demo_passwords):
    """At 360 px the queue needs no sideways scrolling: each comment stacks its details, and the
    bulk action bar is whole and in view once a comment is selected."""
    page = new_page(viewport=PHONE)
    staff_sign_in(page, MODERATOR, demo_passwords[MODERATOR])
    consultation = open_workspace_from_home(page)
    page.goto(f"/admin/konsultasi/{consultation}/moderasi/?status=semua")
    row = page.locator("table.staff-queue tbody tr").nth(3)
    row.scroll_into_view_if_needed()
    row.get_by_role("checkbox").check()
    bar = page.locator("[data-bulk-action-footer]")
    expect(bar).to_be_in_viewport(ratio=1)
    for action in ("Terbitkan", "Sembunyikan", "Tolak", "Pulihkan"):
        expect(bar.get_by_role("link", name=f"{action} komentar terpilih")).to_be_in_viewport(
            ratio=1
        )
    screenshot(page, "staff-moderation-queue-phone.png")
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"] + 1
    # Nothing cut off at the right edge either (the admin's main area hides what overflows).
    overflowing = page.evaluate(
        """width => [...document.querySelectorAll('table.staff-queue td, [data-bulk-action-footer] a')]
            .filter(el => el.getBoundingClientRect().right > width + 1)
            .map(el => `${el.tagName.toLowerCase()} right=${Math.round(el.getBoundingClientRect().right)}`)""",
        PHONE["width"],
    )
    assert overflowing == []
    assert page.problems == []


AXE_PAGES = {
    "ruang kerja": "/admin/konsultasi/{id}/",
    "antrean moderasi": "/admin/konsultasi/{id}/moderasi/?status=semua",
    "pencarian": "/admin/cari/?konsultasi={id}&q=layanan",
    "dasbor": "/admin/konsultasi/{id}/analisis/",
    "tanggapan": "/admin/konsultasi/{id}/tanggapan/",
}

# Where each failing node sits: our content (the admin's main area) or Wagtail's chrome.
WHERE = """targets => targets.map(target => {
    const selector = Array.isArray(target) ? target[0] : target;
    const el = document.querySelector(selector);
    if (!el || el.closest('#wagtail-sidebar') || el.closest('header')) return 'wagtail';
    return el.closest('main') ? 'ours' : 'wagtail';
})"""


def test_axe_halaman_staf(page, demo_passwords):
    """No serious or critical axe-core finding in what these pages draw themselves; findings in
    Wagtail's sidebar and header are printed, not asserted."""
    from axe_playwright_python.sync_playwright import Axe

    page.set_viewport_size(DESKTOP)
    staff_sign_in(page, DRAFTER, demo_passwords[DRAFTER])
    consultation = open_workspace_from_home(page)
    axe = Axe()
    found = {"ours": {}, "wagtail": {}}  # (page, rule, impact) -> failing nodes' selectors
    for name, url in AXE_PAGES.items():
        page.goto(url.format(id=consultation))
        expect(page.locator("main .nice-padding").first).to_be_visible()
        for violation in axe.run(page).response["violations"]:
            if violation["impact"] not in {"serious", "critical"}:
                continue
            targets = [node["target"] for node in violation["nodes"]]
            for target, where in zip(targets, page.evaluate(WHERE, targets), strict=True):
                key = (name, violation["id"], violation["impact"])
                found[where].setdefault(key, []).append(" ".join(target))

    def summary(findings):
        return [
            f"{name}: {rule} ({impact}) on {len(nodes)} element(s), e.g. {', '.join(nodes[:3])}"
            for (name, rule, impact), nodes in findings.items()
        ]

    print("In Wagtail's own chrome:", *summary(found["wagtail"]) or ["nothing"], sep="\n  ")
    ours = summary(found["ours"])
    assert ours == [], "\n".join(["", *ours])
    assert page.problems == []
