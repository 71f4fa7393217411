"""The query language and highlighting: what people type never breaks a search, and what
comments contain is never read as markup."""

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from search.engines.base import SearchQuery
from search.engines.database import DatabaseEngine
from search.text import highlight, parse_query, stems
from tests.security.payloads import XSS_PAYLOADS


def test_query_language():
    parsed = parse_query('pelayanan "data pribadi" -iklan desa OR kota OR kampung izin')
    assert parsed.required == ("pelayanan", "izin")
    assert parsed.any_of == (("desa", "kota", "kampung"),)
    assert parsed.phrases == (("data", "pribadi"),)
    assert parsed.excluded == ("iklan",)
    assert parse_query("   ").is_empty and parse_query("-iklan").is_empty


def test_indonesian_stems():
    assert stems("pelayanan") == stems("layanan") == ["layan"]
    assert stems("perizinan") == stems("izin")


@pytest.mark.parametrize("payload", XSS_PAYLOADS)
def test_highlights_escape_every_payload(payload):
    snippet = str(highlight(f"layanan {payload} layanan", {"layan"}))
    assert "<script" not in snippet.lower() and "<img" not in snippet.lower()
    assert "<svg" not in snippet.lower() and "<iframe" not in snippet.lower()
    assert snippet.count("<mark>") == 2


@pytest.mark.django_db
@pytest.mark.usefixtures("analysed")
@settings(
    max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.text(max_size=80))
def test_any_typed_text_searches_without_error(text):
    """FTS5 and websearch_to_tsquery syntax never leaks: every input is a valid search of an
    index that holds comments."""
    result = DatabaseEngine().search(SearchQuery(text=text, limit=5))
    assert result.total >= 0


@pytest.mark.django_db
@pytest.mark.usefixtures("analysed")
@pytest.mark.parametrize(
    "text", ['"', '"""', "OR", "OR OR", "-", "- -", "*", "a*", "NEAR(a b)", "a AND", "(", ")",
             "col:val", "^", "'", "\\", "AND NOT", "\x00"],
)  # fmt: skip
def test_operator_soup_is_harmless(text):
    assert DatabaseEngine().search(SearchQuery(text=text, limit=5)).total >= 0


def test_an_excluded_phrase_excludes_the_phrase_and_an_or_before_a_phrase_is_no_word():
    parsed = parse_query('pajak -"tidak setuju"')
    assert parsed.required == ("pajak",) and parsed.excluded == ()
    assert parsed.excluded_phrases == (("tidak", "setuju"),)
    parsed = parse_query('pajak OR "pajak daerah"')
    assert "or" not in parsed.required and parsed.phrases == (("pajak", "daerah"),)


def test_roman_numerals_and_short_words_before_a_2_keep_their_letters():
    from search.analysis import PIPELINES

    pipeline = PIPELINES["sastrawi+normalisation"]
    assert pipeline.terms("BAB III") != pipeline.terms("BAB I")
    assert pipeline.terms("emisi CO2") == ["emisi", "co2"]
    assert pipeline.terms("oknum2 tiba2") == ["oknum", "tiba"]
