"""The analysis pages as drafters and moderators use them, and the public search."""

import logging
import re
from xml.etree import ElementTree

import pytest
from django.urls import reverse
from wagtail.users.models import UserProfile

from consultations.models import Comment
from search.engines.base import SearchUnavailable
from search.engines.database import DatabaseEngine
from search.models import Campaign, Code, CommentCode
from tests.factories.search_state import CAMPAIGN_SIZE
from tests.http import refused, sent_to_sign_in

pytestmark = pytest.mark.django_db


@pytest.fixture
def consultation(analysed):
    """The open consultation on Draf 2, with its input, campaign and codebook."""
    return analysed.consultation


def test_staff_search_finds_stems_with_highlights_and_facets(
    client, signed_in_moderator, consultation
):
    url = reverse("search_staff")
    html = client.get(url, {"q": "pelayanan", "konsultasi": consultation.pk}).content.decode()
    assert "<mark>layanan</mark>" in html.lower()
    assert "komentar ditemukan" in html
    assert "Sikap" in html and "Provinsi" in html  # facet headings
    # Choosing a facet value narrows the results; the count matches the facet's count.
    html = client.get(url, {"konsultasi": consultation.pk, "sikap": "oppose"}).content.decode()
    opposed = Comment.objects.filter(consultation=consultation, stance="oppose").count()
    assert f"{opposed} komentar ditemukan" in html
    themes = client.get(
        url, {"konsultasi": consultation.pk, "sikap": "oppose", "tema": "1"}
    ).content.decode()
    assert "Tema hasil ini" in themes and "independen" in themes.split("Tema hasil ini")[2]


def test_bad_filter_values_are_reported_and_left_out(client, signed_in_moderator, consultation):
    html = client.get(
        reverse("search_staff"),
        {"konsultasi": consultation.pk, "sikap": "marah", "dari": "kemarin", "q": "data"},
    ).content.decode()
    assert "tidak sah dan tidak dipakai" in html
    assert "komentar ditemukan" in html


@pytest.mark.usefixtures("consultation")
def test_search_is_for_staff_of_the_agency(client, user_factory):
    client.force_login(user_factory())
    assert sent_to_sign_in(client.get(reverse("search_staff")))


def test_coding_comments_in_bulk_makes_a_facet(
    client, staff_login, moderator, drafter, consultation
):
    code = Code.objects.create(consultation=consultation, label="Uji kode")
    ids = list(
        Comment.objects.filter(consultation=consultation, parent__isnull=True)
        .order_by("pk")
        .values_list("pk", flat=True)[:3]
    )
    apply = reverse("search_apply_code", args=[consultation.pk])
    staff_login(moderator)
    assert refused(client.post(apply, {"code": code.pk, "comments": ids}))  # moderators read
    assert not CommentCode.objects.filter(code=code).exists()

    staff_login(drafter)
    response = client.post(apply, {"code": code.pk, "comments": ids}, follow=True)
    assert "3 komentar diberi kode “Uji kode”." in response.content.decode()
    assert set(CommentCode.objects.filter(code=code).values_list("comment_id", flat=True)) == set(
        ids
    )
    html = client.get(
        reverse("search_staff"), {"konsultasi": consultation.pk, "kode": code.pk}
    ).content.decode()
    assert "3 komentar ditemukan" in html and "Uji kode" in html
    # Removing the code from one comment.
    client.post(apply, {"code": code.pk, "comments": ids[:1], "remove": "1"})
    assert CommentCode.objects.filter(code=code).count() == 2


def test_dashboard_shows_charts_with_tables_themes_and_the_campaign(
    client, signed_in_moderator, consultation
):
    html = client.get(reverse("search_dashboard", args=[consultation.pk])).content.decode()
    assert html.count('role="img"') >= 4 and html.count("<table") >= 5
    assert "Komentar per hari" in html and "Sikap per ayat" in html
    assert "independen" in html  # a theme of the opposing comments (the campaign's words)
    campaign = Campaign.objects.get(consultation=consultation)
    assert campaign.size == CAMPAIGN_SIZE
    assert reverse("search_campaign", args=[consultation.pk, campaign.pk]) in html
    detail = client.get(reverse("search_campaign", args=[consultation.pk, campaign.pk]))
    assert f"{CAMPAIGN_SIZE} komentar seperti “" in detail.content.decode()
    assert "<ins>" in detail.content.decode() or "<del>" in detail.content.decode()
    export = client.get(reverse("search_dashboard_export", args=[consultation.pk]))
    rows = export.content.decode("utf-8-sig").splitlines()
    assert rows[0] == "section,label,value" and any(r.startswith("campaigns,") for r in rows)


SVG_NUMBER_ATTRIBUTES = ("x", "y", "width", "height")


@pytest.mark.parametrize("language", ["id", "en"])
def test_every_chart_is_drawable_in_both_languages(
    client, signed_in_moderator, consultation, language
):
    """Browsers reject SVG lengths written with a decimal comma ("66,25"): each coordinate of
    every chart must parse as a number, in Indonesian as in English (the language each staff
    member chooses in their admin account)."""
    profile = UserProfile.get_for_user(signed_in_moderator)
    profile.preferred_language = language
    profile.save()
    response = client.get(reverse("search_dashboard", args=[consultation.pk]))
    html = response.content.decode()
    assert {"id": "Komentar per hari", "en": "Comments per day"}[language] in html
    charts = re.findall(r"<svg[^>]*role=\"img\".*?</svg>", html, flags=re.S)
    assert len(charts) >= 4
    fractional = 0
    for chart in charts:
        # The page under test, not untrusted input.
        root = ElementTree.fromstring(chart.replace("&nbsp;", " "))  # noqa: S314
        for element in root.iter():
            for name in SVG_NUMBER_ATTRIBUTES:
                value = element.get(name)
                if value is None:
                    continue
                float(value.removesuffix("%"))  # raises on "66,25"
                fractional += "." in value
        if root.get("viewBox"):
            assert all(float(part) >= 0 for part in root.get("viewBox").split())
    assert fractional  # the sample draws bars of fractional size, so the test can fail


def test_codebook_adds_and_refuses_duplicates(client, staff_login, drafter, consultation):
    staff_login(drafter)
    url = reverse("search_codebook", args=[consultation.pk])
    client.post(url, {"label": "Tarif", "description": "Biaya layanan"})
    assert Code.objects.filter(consultation=consultation, label="Tarif").exists()
    again = client.post(url, {"label": "tarif"})
    assert again.status_code == 400 and "sudah ada di buku kode" in again.content.decode()


def test_public_search_shows_pages_and_only_published_comments(client, consultation):
    html = client.get(reverse("search_public"), {"q": "pelayanan"}).content.decode()
    assert "Komentar yang diterbitkan" in html and "<mark>" in html
    assert client.get(reverse("search_public"), {"q": "data\x00pribadi"}).status_code == 200
    hidden = Comment.objects.filter(consultation=consultation, status="hidden").first()
    html = client.get(reverse("search_public"), {"q": "pinjaman online"}).content.decode()
    assert hidden.body[:30] not in html


def test_similar_comments_for_the_comment_form(client, consultation):
    letter = Comment.objects.filter(consultation=consultation, channel="email").first()
    response = client.get(
        reverse("search_similar", args=[consultation.pk]),
        {"teks": "Data pribadi warga harus aman dan diawasi lembaga independen",
         "ayat": letter.clause_key},
    )  # fmt: skip
    found = response.json()["comments"]
    assert 1 <= len(found) <= 3 and all("independen" in c["body"] for c in found)
    bad = client.get(reverse("search_similar", args=[consultation.pk]), {"ayat": "zzz"})
    assert bad.status_code == 400


def test_the_response_report_counts_the_campaign_once_with_its_size(
    client, staff_login, drafter, consultation
):
    staff_login(drafter)
    html = client.get(reverse("consultations_report", args=[consultation.pk])).content.decode()
    assert f"{CAMPAIGN_SIZE} dari komentar ini termasuk dalam 1 kampanye" in html
    assert "lembaga independen" in html


def test_codes_and_campaigns_are_in_the_full_export(client, staff_login, drafter, consultation):
    import csv
    import io

    staff_login(drafter)
    response = client.get(reverse("consultations_full_export", args=[consultation.pk, "csv"]))
    content = b"".join(response) if response.streaming else response.content
    rows = list(csv.DictReader(io.StringIO(content.decode("utf-8-sig"))))
    coded = {row["id"]: row["codes"] for row in rows if row["codes"]}
    expected = CommentCode.objects.filter(code__consultation=consultation).values_list(
        "comment_id", "code__label"
    )
    for comment_id, label in expected:
        assert label in coded[str(comment_id)]
    campaign = Campaign.objects.get(consultation=consultation)
    in_campaign = [row for row in rows if row["campaign"] == str(campaign.pk)]
    assert len(in_campaign) == CAMPAIGN_SIZE


def test_analysis_pages_are_closed_to_citizens_and_other_agencies(
    client, user_factory, agency_factory, staff_login, consultation
):
    from accounts.models import RoleAssignment

    campaign = Campaign.objects.get(consultation=consultation)
    urls = [
        reverse("search_dashboard", args=[consultation.pk]),
        reverse("search_dashboard_export", args=[consultation.pk]),
        reverse("search_codebook", args=[consultation.pk]),
        reverse("search_campaign", args=[consultation.pk, campaign.pk]),
    ]
    client.force_login(user_factory())
    assert all(sent_to_sign_in(client.get(url)) for url in urls)
    outsider = user_factory()
    surabaya = agency_factory(name="Pemerintah Kota Surabaya", slug="surabaya")
    RoleAssignment.objects.create(user=outsider, role="moderator", agency=surabaya)
    staff_login(outsider)
    assert all(refused(client.get(url)) for url in urls)
    # Surabaya runs no consultation: there is nothing this moderator may search.
    assert refused(client.get(reverse("search_staff"), {"q": "independen"}))


# An engine that is away, and a bug --------------------------------------------------------------

STAFF_UNAVAILABLE = "Mesin pencari sedang tidak tersedia"


def logged(caplog, logger: str, error: type) -> bool:
    return any(r.name == logger and r.exc_info and r.exc_info[0] is error for r in caplog.records)


def test_an_unavailable_engine_is_said_and_logged(
    client, signed_in_moderator, consultation, monkeypatch, caplog
):
    def away(self, *args, **kwargs):
        raise SearchUnavailable("ConnectionError: refused")

    monkeypatch.setattr(DatabaseEngine, "search", away)
    monkeypatch.setattr(DatabaseEngine, "significant_terms", away)
    monkeypatch.setattr(DatabaseEngine, "similar", away)
    with caplog.at_level(logging.ERROR):
        staff = client.get(reverse("search_staff"), {"q": "data", "konsultasi": consultation.pk})
        public = client.get(reverse("search_public"), {"q": "pelayanan"})
        dashboard = client.get(reverse("search_dashboard", args=[consultation.pk]))
        similar = client.get(
            reverse("search_similar", args=[consultation.pk]),
            {"teks": "Data pribadi warga harus aman dan diawasi lembaga independen"},
        )
    assert staff.status_code == 200 and STAFF_UNAVAILABLE in staff.content.decode()
    assert "Pencarian komentar sedang tidak tersedia" in public.content.decode()
    # The dashboard's themes come from the theme counts: they stay while the engine is away.
    assert dashboard.status_code == 200 and STAFF_UNAVAILABLE not in dashboard.content.decode()
    assert "independen" in dashboard.content.decode()
    assert similar.json() == {"comments": []}
    assert logged(caplog, "search.views", SearchUnavailable)  # with the traceback


@pytest.mark.parametrize("page", ["staff", "public"])
def test_a_bug_in_the_engine_is_logged_not_shown_as_unavailable(
    client, signed_in_moderator, consultation, monkeypatch, caplog, page
):
    def broken(self, *args, **kwargs):
        raise KeyError("a bug, not an outage")

    monkeypatch.setattr(DatabaseEngine, "search", broken)
    monkeypatch.setattr(DatabaseEngine, "significant_terms", broken)
    url, params = {
        "staff": (reverse("search_staff"), {"q": "data", "konsultasi": consultation.pk}),
        "public": (reverse("search_public"), {"q": "pelayanan"}),
    }[page]
    client.raise_request_exception = False
    with caplog.at_level(logging.ERROR):
        response = client.get(url, params)
    assert response.status_code == 500
    assert "tidak tersedia" not in response.content.decode()
    assert logged(caplog, "django.request", KeyError)
