"""Every user-text field, rendered everywhere it appears, stays text."""

import json

import pytest
from django.core import mail
from django.urls import reverse

from accounts.models import AgencyRepresentative
from tests.security.payloads import XSS_PAYLOADS, assert_rendered_safely

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("payload", XSS_PAYLOADS)
def test_profile_text_is_escaped_in_pages_admin_json_and_email(
    client, user_factory, site_admin, staff_login, egov_policy, komdigi, payload
):
    user = user_factory(email="penyerang@example.id")
    client.force_login(user)
    response = client.post(
        reverse("accounts_profile"),
        {"display_name": payload[:120], "respondent_type": "business",
         "organisation": payload[:200], "province": "", "notify_replies": "on"},
    )  # fmt: skip
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.display_name == payload[:120].strip()

    client.post(
        reverse("accounts_representation"),
        {"agency": komdigi.pk, "position": payload[:200]},
    )
    for url in (reverse("accounts_profile"), "/", "/kebijakan/"):
        response = client.get(url)
        assert response.status_code == 200
        assert_rendered_safely(response.content.decode(), payload[:120].strip())

    download = client.post(reverse("accounts_data_download"))
    assert download["Content-Type"] == "application/json"
    assert download["Content-Disposition"].startswith("attachment;")
    exported = json.loads(download.content)
    assert exported["account"]["display_name"] == payload[:120].strip()

    client.logout()
    client.post("/akun/password/reset/", {"email": user.email})
    for message in mail.outbox:
        for content, mimetype in getattr(message, "alternatives", []):
            if mimetype == "text/html":
                assert_rendered_safely(content, payload[:120].strip())

    staff_login(site_admin)
    assert AgencyRepresentative.objects.filter(user=user).exists()
    for url in (reverse("accounts_representatives"), "/admin/users/"):
        html = client.get(url).content.decode()
        assert user.email in html  # the listing shows the participant's request and account
        assert_rendered_safely(html, payload[:120].strip())
        assert_rendered_safely(html, payload[:200].strip())


@pytest.mark.parametrize("payload", XSS_PAYLOADS[:12])
def test_sign_up_form_redisplays_bad_input_escaped(client, payload):
    response = client.post(
        "/akun/signup/",
        {"email": "bukan-email", "password1": "x", "password2": "y",
         "display_name": payload, "respondent_type": "individual", "organisation": payload},
    )  # fmt: skip
    assert response.status_code == 200
    assert_rendered_safely(response.content.decode(), payload)


def test_payload_corpus_is_large_enough():
    assert len(XSS_PAYLOADS) >= 30
