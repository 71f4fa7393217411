"""Uploaded documents: PDF by content, size-limited, random names, always downloaded."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from wagtail.documents import get_document_model
from wagtail.models import Collection

pytestmark = pytest.mark.django_db

PDF = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj 2 0 obj<</Type/Pages/Kids[3 0 R]"
    b"/Count 1>>endobj 3 0 obj<</Type/Page/MediaBox[0 0 612 792]/Parent 2 0 R>>endobj\n"
    b"trailer<</Root 1 0 R>>\n%%EOF\n"
)


@pytest.fixture
def editor_client(client, staff_login, site_admin):
    return staff_login(site_admin)


@pytest.fixture
def documents_before(document_factory):
    """A document already in the library; tests compare against what was there."""
    document_factory()
    return set(get_document_model().objects.values_list("pk", flat=True))


def new_documents(before):
    return get_document_model().objects.exclude(pk__in=before)


def upload(client, name, content, content_type="application/pdf"):
    return client.post(
        reverse("wagtaildocs:add"),
        {"title": "Naskah akademik", "collection": Collection.get_first_root_node().pk,
         "file": SimpleUploadedFile(name, content, content_type=content_type)},
    )  # fmt: skip


def test_html_disguised_as_pdf_is_refused_and_nothing_is_stored(editor_client, documents_before):
    response = upload(editor_client, "naskah.pdf", b"<html><script>alert(1)</script></html>")
    assert response.status_code == 200
    assert "Berkas ini bukan dokumen PDF." in response.content.decode()
    assert not new_documents(documents_before).exists()


def test_other_extensions_are_refused(editor_client, documents_before):
    response = upload(editor_client, "naskah.html", PDF, "text/html")
    assert response.status_code == 200
    assert not new_documents(documents_before).exists()


def test_too_large_a_file_is_refused(editor_client, settings, documents_before):
    settings.WAGTAILDOCS_MAX_UPLOAD_SIZE = 100
    response = upload(editor_client, "naskah.pdf", PDF)
    assert response.status_code == 200
    assert not new_documents(documents_before).exists()


def test_pdf_is_stored_under_a_random_name_and_served_as_a_download(
    editor_client, client, documents_before
):
    response = upload(editor_client, "Naskah Akademik <script>.pdf", PDF)
    assert response.status_code == 302
    document = new_documents(documents_before).get()
    stored = document.file.name
    assert stored.startswith("documents/") and stored.endswith(".pdf")
    assert "Naskah" not in stored and "script" not in stored
    served = client.get(document.url)
    assert served.status_code == 200
    assert served["Content-Disposition"].startswith("attachment")
    assert served["Content-Type"] == "application/pdf"
    assert served["X-Content-Type-Options"] == "nosniff"
