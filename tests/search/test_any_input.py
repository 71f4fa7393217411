"""No search input can fail: every search box and ``q=`` goes through one parser that turns any
text into a valid query for the comment engine and for Wagtail's page search. Each entry point
answers with results or a clear message, never a server error, and an empty result is never
how an error is hidden."""

import re

import pytest
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from consultations.models import Comment

pytestmark = pytest.mark.django_db

# What people typed that once answered 500 on /cari/ (FTS5 and tsquery syntax errors).
ORDINARY_TYPING = [
    'pelayanan "publik', '"-"', '-"pelayanan publik"', "(( -- OR || AND*", "OR", "OR OR",
    "pelayanan OR", '"', '""', "*", "a*", "NEAR(a b)", "col:val", "^", "'", "\\", "AND NOT",
    "kebijakan-kebijakan", "e-government", "pasal 3 ayat (2)", "100%", "{}", "[]", "\x00data",
    '"' + "pelayanan publik " * 30, "pelayanan \"publik\" -iklan OR",
]  # fmt: skip
any_text = st.text(max_size=120)


def results(html: str) -> tuple[list[str], list[str]]:
    """The page titles and comment links the public search lists."""
    pages = html.split('id="pages-heading"', 1)[1].split("</section>", 1)[0]
    comments = html.split('id="comments-heading"', 1)[1].split("</section>", 1)[0]
    return re.findall(r'<li><a href="[^"]+">([^<]+)</a>', pages), re.findall(
        r'href="(/komentar/\d+/)"', comments
    )


@pytest.fixture
def consultation(analysed):
    return analysed.consultation


@pytest.mark.parametrize("text", ORDINARY_TYPING)
def test_public_search_answers_whatever_is_typed(client, consultation, text):
    response = client.get(reverse("search_public"), {"q": text})
    assert response.status_code == 200
    html = response.content.decode()
    assert ("Halaman" in html and "Komentar yang diterbitkan" in html) or (
        "Tulis paling sedikit satu kata yang dicari" in html
    )


def test_an_open_quote_closes_at_the_end(client, consultation):
    url = reverse("search_public")
    closed = results(client.get(url, {"q": '"data pribadi"'}).content.decode())
    assert closed[1], "the phrase is in the test comments"
    assert results(client.get(url, {"q": '"data pribadi'}).content.decode()) == closed
    pages = results(client.get(url, {"q": 'pengembangan "pelayanan publik'}).content.decode())[0]
    assert (
        pages
        == results(client.get(url, {"q": 'pengembangan "pelayanan publik"'}).content.decode())[0]
    )
    assert any("Pengembangan E-Government" in title for title in pages)


def test_excluded_words_leave_pages_and_comments_out(client, consultation):
    url = reverse("search_public")
    pages, comments = results(client.get(url, {"q": "data"}).content.decode())
    assert comments
    fewer_pages, fewer = results(client.get(url, {"q": "data -independen"}).content.decode())
    assert fewer and set(fewer) < set(comments)
    assert set(fewer_pages) <= set(pages)
    excluded = Comment.objects.filter(body__icontains="independen", status="published")
    assert not {f"/komentar/{c.pk}/" for c in excluded} & set(fewer)


def test_only_excluded_words_say_what_to_type(client, consultation):
    html = client.get(reverse("search_public"), {"q": "-iklan"}).content.decode()
    assert "Tulis paling sedikit satu kata yang dicari" in html
    assert 'id="pages-heading"' not in html  # not an empty result pretending to be one


def test_a_repeated_parameter_searches_for_every_value(client, consultation):
    url = reverse("search_public")
    both = client.get(f"{url}?q=data&q=%22pribadi")
    assert both.status_code == 200
    assert results(both.content.decode()) == results(
        client.get(url, {"q": 'data "pribadi"'}).content.decode()
    )


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(text=any_text, extra=any_text)
def test_public_search_never_fails(client, consultation, text, extra):
    response = client.get(reverse("search_public"), {"q": [text, extra]})
    assert response.status_code == 200


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(text=any_text)
def test_staff_search_never_fails(client, signed_in_moderator, consultation, text):
    response = client.get(reverse("search_staff"), {"q": text, "konsultasi": consultation.pk})
    assert response.status_code == 200
    assert "komentar ditemukan" in response.content.decode()


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(text=st.text(max_size=400), clause=st.one_of(st.just(""), any_text))
def test_similar_comments_never_fail(client, consultation, text, clause):
    response = client.get(
        reverse("search_similar", args=[consultation.pk]), {"teks": text, "ayat": clause}
    )
    if clause and clause not in consultation.clause_keys:
        assert response.status_code == 400 and response.json()["error"]
    else:
        assert response.status_code == 200 and isinstance(response.json()["comments"], list)
