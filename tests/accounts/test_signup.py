"""Sign-up with a verified email address, sign-in, and password reset."""

import re

import pytest
from django.core import mail

from accounts.models import User

pytestmark = pytest.mark.django_db

PASSWORD = "kata-sandi-yang-kuat-2026"


def sign_up(client, **extra):
    data = {
        "email": "Rina@Example.ID",
        "password1": PASSWORD,
        "password2": PASSWORD,
        "display_name": "Rina",
        "respondent_type": "individual",
        "organisation": "",
        "province": "35",
        **extra,
    }
    return client.post("/akun/signup/", data)


def link_in(message):
    return re.search(r"https?://[^/\s]+(/\S+)", message.body).group(1)


def test_sign_up_requires_verifying_the_email_before_signing_in(client):
    response = sign_up(client)
    assert response.status_code == 302
    user = User.objects.get(email="rina@example.id")
    assert user.display_name == "Rina" and user.province == "35"
    assert len(mail.outbox) == 1
    assert "rina@example.id" in mail.outbox[0].to

    client.logout()
    response = client.post("/akun/login/", {"login": "rina@example.id", "password": PASSWORD})
    assert response.status_code == 302
    assert "confirm-email" in response.url or "verif" in response.url

    confirm = client.get(link_in(mail.outbox[-1]))
    assert confirm.status_code == 200
    client.post(link_in(mail.outbox[-1]))
    client.logout()
    response = client.post(
        "/akun/login/", {"login": "RINA@example.id", "password": PASSWORD}, follow=True
    )
    assert response.context["user"].is_authenticated

    # The link opened again says it was used, not that it expired; a broken link still says so.
    client.logout()
    again = client.get(link_in(mail.outbox[-1])).content.decode()
    assert "Alamat email ini sudah dikonfirmasi" in again and "kedaluwarsa" not in again
    broken = client.get(link_in(mail.outbox[-1]).rstrip("/") + "x/").content.decode()
    assert "kedaluwarsa" in broken and "sudah dikonfirmasi" not in broken


def test_representatives_must_name_their_organisation(client):
    response = sign_up(client, respondent_type="business", organisation="")
    assert response.status_code == 200
    assert "Sebutkan nama organisasi yang Anda wakili." in response.content.decode()
    assert not User.objects.filter(email="rina@example.id").exists()


def test_a_second_account_with_the_same_email_in_other_case_is_refused(client, user_factory):
    """No second account, and no hint to a stranger that the address is registered: the owner
    gets an email about the attempt instead (allauth's enumeration prevention)."""
    user_factory(email="rina@example.id")
    response = sign_up(client)
    assert response.status_code == 302
    assert User.objects.filter(email__iexact="rina@example.id").count() == 1
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["rina@example.id"]


def test_password_reset_sends_a_working_link(client, user_factory):
    user_factory(email="lupa@example.id")
    client.post("/akun/password/reset/", {"email": "lupa@example.id"})
    assert len(mail.outbox) == 1
    response = client.get(link_in(mail.outbox[0]), follow=True)
    assert response.status_code == 200
    new_password = "sandi-baru-yang-kuat-2026"
    client.post(response.redirect_chain[-1][0], {"password1": new_password,
                                                 "password2": new_password})  # fmt: skip
    assert User.objects.get(email="lupa@example.id").check_password(new_password)


def test_account_pages_use_the_site_layout(client):
    html = client.get("/akun/login/").content.decode()
    assert 'class="skip-link"' in html
    assert "Rembuk" in html


def test_changing_the_email_address_needs_the_new_one_verified(client, user_factory):
    from allauth.account.models import EmailAddress

    user = user_factory(email="lama@example.id")
    client.force_login(user)
    response = client.post("/akun/email/", {"action_add": "", "email": "baru@example.id"})
    assert response.status_code == 302
    assert mail.outbox[-1].to == ["baru@example.id"]
    new = EmailAddress.objects.get(user=user, email="baru@example.id")
    assert not new.verified
    user.refresh_from_db()
    assert user.email == "lama@example.id"  # unchanged until the new address is confirmed
    client.get(link_in(mail.outbox[-1]))
    client.post(link_in(mail.outbox[-1]))
    user.refresh_from_db()
    assert user.email == "baru@example.id"
    assert list(EmailAddress.objects.filter(user=user).values_list("email", flat=True)) == [
        "baru@example.id"
    ]


def test_account_emails_name_the_site_and_link_to_where_it_runs(client, settings, home_page):
    """Not the host a request came through ("Halo dari 127.0.0.1:8781!"): the site's name and
    SITE_URL, which `make run` sets to the address it serves."""
    from wagtail.models import Site

    Site.objects.filter(is_default_site=True).update(site_name="Rembuk")
    settings.WAGTAILADMIN_BASE_URL = "http://127.0.0.1:8123"
    sign_up(client)  # through the test client's host, "testserver"
    body = mail.outbox[0].body
    assert "Rembuk" in body and "testserver" not in body
    assert re.search(r"http://127\.0\.0\.1:8123/akun/confirm-email/\S+", body)
