"""Error pages tell the visitor what happened and nothing about the server."""

import pytest
from django.test import Client

from cms.models import HomePage

pytestmark = pytest.mark.django_db


def test_server_error_page_leaks_nothing(monkeypatch, home_page):
    def broken(self, request, *args, **kwargs):
        raise RuntimeError("rahasia-internal: kata sandi basis data salah")

    monkeypatch.setattr(HomePage, "get_context", broken)
    response = Client(raise_request_exception=False).get("/")
    html = response.content.decode()
    assert response.status_code == 500
    assert "Terjadi kesalahan pada server" in html
    assert "rahasia" not in html and "Traceback" not in html and "RuntimeError" not in html


def test_not_found_page_does_not_list_url_patterns(client):
    html = client.get("/akun/tidak-ada/").content.decode()
    assert "Halaman tidak ditemukan" in html
    assert "URLconf" not in html and "akun/profil/" not in html
