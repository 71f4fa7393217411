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


def test_untranslated_page_switches_to_the_other_language_home(
    client, english_pages, policy_index_page, policy_page_factory
):
    policy_page_factory(parent=policy_index_page, slug="interoperabilitas-data")
    html = client.get("/kebijakan/interoperabilitas-data/").content.decode()
    assert 'href="/en/" lang="en"' in html


def test_non_page_views_switch_by_url_prefix(client, english_pages):
    html = client.get("/akun/login/").content.decode()
    assert 'href="/en/akun/login/" lang="en"' in html


def test_dates_are_localised(client, egov_policy):
    assert "10 Februari 2026" in client.get(egov_policy.url).content.decode()
