"""What a visitor sees on the public pages, and what bad addresses give them."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from accounts.models import Agency
from cms.models import PolicyIndexPage, PolicyPage, PolicyStage, Topic

pytestmark = pytest.mark.django_db


PDF = b"%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"


def attach_pdf(draft, *, title):
    """Attach a PDF to a draft as an editor does in the admin."""
    from django.core.files.base import ContentFile
    from wagtail.documents import get_document_model

    from cms.models import DraftAttachment

    document = get_document_model()(title=title)
    document.file.save("naskah-akademik.pdf", ContentFile(PDF), save=False)
    document.save()
    DraftAttachment.objects.create(page=draft, document=document, title=title, sort_order=0)


def text(response):
    return response.content.decode()


def test_home_page_lists_policies_open_for_input(client, egov_policy):
    response = client.get("/")
    assert response.status_code == 200
    assert "Pengembangan E-Government untuk Meningkatkan Kualitas Pelayanan Publik" in text(
        response
    )
    assert '<html lang="id">' in text(response)


def test_policy_index_lists_published_policies_with_stage_agency_and_topics(client, policy_listing):
    response = client.get("/kebijakan/")
    html = text(response)
    assert response.status_code == 200
    assert "5 kebijakan ditemukan" in html
    assert "Kementerian Dalam Negeri (Kemendagri)" in html
    assert "Data dan Interoperabilitas" in html


@pytest.mark.parametrize(
    ("query", "expected", "absent"),
    [
        ("stage=adopted", "Tahapan Penyusunan Kebijakan Publik Daerah", "Kerangka Arsitektur"),
        ("topic=pelindungan-data", "Interoperabilitas Data antar Lembaga", "Kerangka Arsitektur"),
        ("agency=surabaya", "Sistem Informasi Manajemen Pelayanan Publik", "Kerangka Arsitektur"),
        ("year=2025", "Interoperabilitas Data antar Lembaga", "Kerangka Arsitektur"),
    ],
)
def test_policy_index_filters(client, policy_listing, query, expected, absent):
    html = text(client.get(f"/kebijakan/?{query}"))
    assert expected in html
    assert absent not in html


def test_unrecognised_filter_values_are_ignored_with_a_notice(client, policy_listing):
    response = client.get("/kebijakan/?year=abc&stage=nonsense&topic=tidak-ada")
    assert response.status_code == 200
    assert "5 kebijakan ditemukan" in text(response)
    assert "tidak dikenali" in text(response)


def test_page_number_out_of_range_shows_the_last_page(client, policy_listing):
    index = PolicyIndexPage.objects.get(locale__language_code="id")
    agency = Agency.objects.first()
    for number in range(12):
        index.add_child(
            instance=PolicyPage(title=f"Kebijakan uji {number}", slug=f"uji-{number}",
                                agency=agency, initiated_on=dt.date(2020, 1, 1), summary="Uji.")
        )  # fmt: skip
    for bad in ("999", "abc", "-1"):
        response = client.get(f"/kebijakan/?page={bad}")
        assert response.status_code == 200
    assert "Halaman 2 dari 2" in text(client.get("/kebijakan/?page=999"))
    assert 'rel="prev"' in text(client.get("/kebijakan/?page=999&stage=agenda"))


def test_policy_index_does_not_query_per_row(client, policy_listing):
    index = PolicyIndexPage.objects.get(locale__language_code="id")
    client.get("/kebijakan/")  # warm caches (site root paths, content types)
    with CaptureQueriesContext(connection) as few:
        client.get("/kebijakan/")
    agency, topics = Agency.objects.first(), list(Topic.objects.all())
    for number in range(5):
        policy = index.add_child(
            instance=PolicyPage(title=f"Baris {number}", slug=f"baris-{number}", agency=agency,
                                initiated_on=dt.date(2026, 1, 1), summary="Uji.")
        )  # fmt: skip
        policy.topics.set(topics)
        policy.save_revision().publish()
    with CaptureQueriesContext(connection) as many:
        response = client.get("/kebijakan/")
    assert "10 kebijakan ditemukan" in text(response)
    assert len(many) == len(few)


def test_policy_page_shows_the_timeline_and_versions(client, egov_policy, egov_drafts):
    html = text(client.get(egov_policy.url))
    assert 'aria-current="step"' in html
    assert "Konsultasi rancangan" in html
    assert "(tahap saat ini)" in html
    assert "Draf 1 dipublikasikan untuk konsultasi publik" in html
    assert "— Draf 2" in html
    assert "bandingkan/" in html


def test_draft_page_shows_numbered_chapters_articles_and_anchored_clauses(client, egov_drafts):
    draft = egov_drafts[1]
    html = text(client.get(draft.url))
    assert "Bab I" in html and "Bab IV" in html
    assert "Pasal 9" in html
    for clause in draft.outline[1].articles[0].clauses:
        assert f'id="{clause.anchor}"' in html
        assert f'href="#{clause.anchor}"' in html
    assert "Lihat perubahan sejak" in html


def test_comparison_page_shows_clause_changes_with_word_level_marks(
    client, egov_policy, egov_drafts
):
    response = client.get(f"{egov_policy.url}bandingkan/")
    html = text(response)
    assert response.status_code == 200
    assert "1 ditambahkan, 1 dihapus, 3 diubah, 1 dipindahkan, 1 dipindahkan dan diubah" in html
    assert '<del><span class="visually-hidden">[dihapus:] </span>menhadapi</del>' in html
    assert '<ins><span class="visually-hidden">[ditambahkan:] </span>menghadapi</ins>' in html


def test_comparison_in_either_direction_and_bad_versions(
    client, egov_policy, egov_drafts, policy_listing
):
    v1, v2 = egov_drafts
    backwards = text(client.get(f"{egov_policy.url}bandingkan/?dari={v2.pk}&ke={v1.pk}"))
    assert "1 ditambahkan, 1 dihapus" in backwards
    assert client.get(f"{egov_policy.url}bandingkan/?dari=abc&ke={v1.pk}").status_code == 404
    assert client.get(f"{egov_policy.url}bandingkan/?dari=999999&ke={v1.pk}").status_code == 404
    other = PolicyPage.objects.get(slug="kerangka-arsitektur")
    assert client.get(f"{other.url}bandingkan/").status_code == 404


def test_unknown_and_unpublished_pages_are_404(client, egov_drafts):
    draft = egov_drafts[1]
    draft.unpublish()
    assert client.get(draft.url_path.replace("/beranda", "", 1)).status_code == 404
    assert client.get("/tidak-ada/").status_code == 404
    assert client.get("/kebijakan/tidak-ada/").status_code == 404
    response = client.get("/tidak-ada/")
    assert "Halaman tidak ditemukan" in text(response)


def test_stage_labels_follow_the_policy_making_order():
    assert list(PolicyStage.values) == ["agenda", "consultation", "adopted", "evaluation"]


def test_draft_lists_its_pdf_attachment_which_downloads(client, egov_drafts):
    attach_pdf(egov_drafts[1], title="Naskah Akademik (ringkasan)")
    html = client.get(egov_drafts[1].url).content.decode()
    document = egov_drafts[1].attachments.get().document
    assert f'<a href="{document.url}">Naskah Akademik (ringkasan)</a>' in html
    response = client.get(document.url)
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")
    assert b"".join(response.streaming_content).startswith(b"%PDF-1.4")
