"""Rate limits hold and answer with a clear message and Retry-After."""

import pytest
from django.core import mail

pytestmark = pytest.mark.django_db

LIMITS = {"login_failed": "100/m/ip,3/5m/key", "signup": "2/h/ip", "reset_password": "2/h/ip"}


@pytest.fixture(autouse=True)
def limits(settings):
    settings.ACCOUNT_RATE_LIMITS = LIMITS


def assert_rate_limited(response, message="coba lagi dalam 5 menit"):
    assert response.status_code == 429
    assert int(response["Retry-After"]) > 0
    assert message in response.content.decode()


def test_repeated_failed_logins_are_stopped_even_with_the_right_password(client, user_factory):
    user = user_factory(email="target@example.id")
    for _ in range(3):
        response = client.post("/akun/login/", {"login": user.email, "password": "salah"})
        assert response.status_code == 200
    response = client.post(
        "/akun/login/", {"login": user.email, "password": "kata-sandi-rahasia-123"}
    )
    assert_rate_limited(response, message="Terlalu banyak percobaan masuk yang gagal")
    assert not response.wsgi_request.user.is_authenticated


def test_sign_up_floods_are_stopped(client):
    for number in range(2):
        client.post(
            "/akun/signup/",
            {"email": f"bot{number}@example.id", "password1": "kata-sandi-yang-kuat-1",
             "password2": "kata-sandi-yang-kuat-1", "respondent_type": "individual"},
        )  # fmt: skip
    assert_rate_limited(
        client.post(
            "/akun/signup/",
            {
                "email": "bot9@example.id",
                "password1": "kata-sandi-yang-kuat-1",
                "password2": "kata-sandi-yang-kuat-1",
                "respondent_type": "individual",
            },
        )  # fmt: skip
    )


def test_password_reset_floods_are_stopped(client, citizen):
    for _ in range(2):
        client.post("/akun/password/reset/", {"email": citizen.email})
    assert len(mail.outbox) == 2
    assert_rate_limited(client.post("/akun/password/reset/", {"email": citizen.email}))
    assert len(mail.outbox) == 2
