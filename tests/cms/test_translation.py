"""Pages in Bahasa Indonesia with English translations, and the language switcher."""

import pytest

pytestmark = pytest.mark.django_db


def test_indonesian_is_the_default_and_english_lives_under_en(client, english_pages):
    indonesian = client.get("/").content.decode()
    english = client.get("/en/").content.decode()
    assert (
        '<html lang="id">' in indonesian
        and "Kebijakan yang terbuka untuk masukan Anda" in indonesian
    )
    assert '<html lang="en">' in english and "Policies open for your input" in english


def test_switcher_links_to_the_translation_of_the_same_page(client, egov_drafts, english_pages):
    draft = egov_drafts[1]
    english = draft.get_translation(draft.locale.__class__.objects.get(language_code="en"))
    html = client.get(draft.url).content.decode()
    assert f'href="{english.url}" lang="en"' in html
    english_html = client.get(english.url).content.decode()
    assert "Draft Regulation on E-Government Development — Draft 2" in english_html
    assert f'href="{draft.url}" lang="id"' in english_html


def test_translation_keeps_clause_identifiers(egov_drafts, english_pages):
    from wagtail.models import Locale

    draft = egov_drafts[1]
    english = draft.get_translation(Locale.objects.get(language_code="en")).specific
    keys = [c.key for ch in draft.outline for a in ch.articles for c in a.clauses]
    english_keys = [c.key for ch in english.outline for a in ch.articles for c in a.clauses]
    assert keys == english_keys
    assert english.outline[0].title == "General Provisions"


def test_an_untranslated_page_says_so_and_offers_the_language_it_has(
    client, english_pages, policy_index_page, policy_page_factory
):
    """Not a silent drop on the English home page: the reader is told the page is not in
    English yet and offered it in Indonesian."""
    policy = policy_page_factory(
        parent=policy_index_page, slug="interoperabilitas-data", title="Interoperabilitas Data"
    )
    html = client.get("/kebijakan/interoperabilitas-data/").content.decode()
    notice = f"/en/belum-diterjemahkan/{policy.pk}/"
    assert f'href="{notice}" lang="en"' in html
    english = client.get(notice)
    assert english.status_code == 200 and english["X-Robots-Tag"] == "noindex"
    page = english.content.decode()
    assert '<html lang="en">' in page
    assert "This page is not available in this language yet" in page
    assert "“Interoperabilitas Data” is published in Bahasa Indonesia only." in page
    assert 'href="/kebijakan/interoperabilitas-data/" lang="id"' in page
    assert 'href="/en/"' in page  # and the English home, for what is in English
    assert client.get("/en/belum-diterjemahkan/999999/").status_code == 404


def test_non_page_views_switch_by_url_prefix(client, english_pages):
    html = client.get("/akun/login/").content.decode()
    assert 'href="/en/akun/login/" lang="en"' in html


def test_dates_are_localised(client, egov_policy):
    assert "10 Februari 2026" in client.get(egov_policy.url).content.decode()


def test_the_english_home_lists_every_open_policy(
    client, english_pages, policy_index_page, policy_page_factory
):
    """Those not translated yet are listed in the language they have, marked as such."""
    policy_page_factory(parent=policy_index_page, title="Interoperabilitas Data")
    html = client.get("/en/").content.decode()
    assert "E-Government Development to Improve the Quality of Public Services" in html
    assert "Interoperabilitas Data" in html and "In Bahasa Indonesia only" in html
    assert "Pengembangan E-Government untuk Meningkatkan" not in html  # its English title instead


def test_an_english_reader_takes_part_on_the_english_page_of_the_draft(
    client, english_pages, open_consultation, egov_drafts, citizen
):
    """The consultation is the same on every translation of its draft: the banner, the
    comments beside each clause, and the links to comment and discuss."""
    from cms.drafts import outline_clauses
    from consultations.services import comment_create

    clause_keys = [clause.key for clause in outline_clauses(egov_drafts[1].outline)]
    comment_create(consultation=open_consultation, author=citizen, body="Komentar tentang ayat.",
                   clause_key=clause_keys[2], consent=True)  # fmt: skip
    english = english_pages["drafts"][1]
    english.refresh_from_db()  # its address as published
    html = client.get(english.url).content.decode()
    assert open_consultation.title in html
    clause = html.split(f'id="ayat-{clause_keys[2]}"', 1)[1].split('<li id="ayat-', 1)[0]
    assert "Komentar tentang ayat." in clause
    assert f"/en/konsultasi/{open_consultation.pk}/komentar/baru/?ayat={clause_keys[2]}" in clause
    assert "/en/forum/baru/?konsultasi=" in clause
