"""Every state-changing endpoint refuses a request without a valid CSRF token."""

import pytest
from django.core import mail
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from accounts.models import RoleAssignment, StaffRole, User
from tests.conftest import enrol_second_factor

pytestmark = pytest.mark.django_db


def all_callbacks(resolver=None, prefix=""):
    resolver = resolver or get_resolver()
    for pattern in resolver.url_patterns:
        if isinstance(pattern, URLResolver):
            yield from all_callbacks(pattern, prefix + str(pattern.pattern))
        elif isinstance(pattern, URLPattern):
            yield prefix + str(pattern.pattern), pattern.callback


def test_no_project_view_is_csrf_exempt():
    project_apps = ("accounts.", "cms.", "config.", "consultations.", "forums.", "search.")
    exempt = [
        route
        for route, callback in all_callbacks()
        if getattr(callback, "csrf_exempt", False) and callback.__module__.startswith(project_apps)
    ]
    assert exempt == []


@pytest.fixture
def csrf_client():
    return Client(enforce_csrf_checks=True)


@pytest.fixture
def admin_user(site_admin):
    enrol_second_factor(site_admin)
    return site_admin


PARTICIPANT_ENDPOINTS = [
    ("accounts_profile", {"display_name": "Diubah", "respondent_type": "individual"}),
    ("accounts_representation", {"position": "Kepala Bagian"}),
    ("accounts_data_download", {}),
    ("accounts_delete", {"password": "kata-sandi-rahasia-123", "confirm": "on"}),
    ("account_email", {"email": "baru@example.id", "action_add": ""}),
    ("account_change_password", {"oldpassword": "kata-sandi-rahasia-123",
                                 "password1": "sandi-baru-yang-kuat-1",
                                 "password2": "sandi-baru-yang-kuat-1"}),
    ("account_logout", {}),
    ("mfa_activate_totp", {"code": "123456"}),
]  # fmt: skip


@pytest.mark.parametrize(("name", "data"), PARTICIPANT_ENDPOINTS)
def test_participant_endpoints_need_a_token(csrf_client, user_factory, name, data):
    user = user_factory(email="korban@example.id", display_name="Asli")
    csrf_client.force_login(user)
    response = csrf_client.post(reverse(name), data)
    assert response.status_code == 403
    assert "Formulir sudah kedaluwarsa" in response.content.decode()
    user.refresh_from_db()
    assert User.objects.filter(pk=user.pk).exists()
    assert user.display_name == "Asli"
    assert user.check_password("kata-sandi-rahasia-123")


@pytest.mark.parametrize(
    ("url", "data"),
    [
        ("/akun/signup/", {"email": "x@example.id", "password1": "a", "password2": "a"}),
        ("/akun/login/", {"login": "warga.uji@example.id", "password": "kata-sandi-rahasia-123"}),
        ("/akun/password/reset/", {"email": "warga.uji@example.id"}),
    ],
)
def test_anonymous_endpoints_need_a_token(csrf_client, citizen, url, data):
    response = csrf_client.post(url, data)
    assert response.status_code == 403
    assert not response.wsgi_request.user.is_authenticated
    assert not mail.outbox


def test_staff_endpoints_need_a_token(csrf_client, admin_user, user_factory, komdigi, egov_drafts):
    csrf_client.force_login(admin_user)
    target = user_factory()
    agency = komdigi
    assignment = RoleAssignment.objects.create(user=target, role=StaffRole.MODERATOR, agency=agency)
    responses = [
        csrf_client.post(
            reverse("accounts_staff_roles"),
            {"email": target.email, "role": "drafter", "agency": agency.pk},
        ),
        csrf_client.post(reverse("accounts_staff_role_revoke", args=[assignment.pk])),
        csrf_client.post(reverse("wagtailadmin_pages:edit", args=[egov_drafts[1].pk]), {}),
        csrf_client.post(reverse("wagtailadmin_pages:delete", args=[egov_drafts[1].pk]), {}),
    ]
    assert [r.status_code for r in responses] == [403, 403, 403, 403]
    assert RoleAssignment.objects.filter(user=target).count() == 1


def test_consultation_endpoints_need_a_token(
    csrf_client, user_factory, submitted_comment_factory, moderator, egov_policy, open_consultation
):
    from consultations.models import Comment

    consultation = open_consultation
    author = user_factory(email="penulis@example.id")
    comment = submitted_comment_factory(consultation=consultation, author=author, body="Asli.")
    csrf_client.force_login(author)
    before = Comment.objects.count()
    posts = [
        (
            reverse("consultations_comment_new", args=[consultation.pk]),
            {"body": "x", "consent": "on"},
        ),
        (reverse("consultations_reply", args=[comment.pk]), {"body": "x", "consent": "on"}),
        (reverse("consultations_edit", args=[comment.pk]), {"body": "Diubah."}),
        (reverse("consultations_withdraw", args=[comment.pk]), {}),
        (reverse("consultations_support", args=[comment.pk]), {}),
        (reverse("consultations_flag", args=[comment.pk]), {"reason": "spam"}),
        (reverse("consultations_appeal", args=[comment.pk]), {"text": "x"}),
        (reverse("consultations_follow", args=[egov_policy.pk]), {}),
    ]
    assert [csrf_client.post(url, data).status_code for url, data in posts] == [403] * len(posts)
    comment.refresh_from_db()
    assert (comment.body, comment.status, comment.support_count, comment.flag_count) == (
        "Asli.", "published", 0, 0,
    )  # fmt: skip
    assert Comment.objects.count() == before

    enrol_second_factor(moderator)
    csrf_client.force_login(moderator)
    staff_posts = [
        (reverse("wagtail_bulk_action", args=["consultations", "comment", "hide"])
         + f"?id={comment.pk}", {"reason": "spam"}),
        (reverse("consultations_offline", args=[consultation.pk]), {"body": "x"}),
    ]  # fmt: skip
    assert [csrf_client.post(url, data).status_code for url, data in staff_posts] == [403, 403]
    comment.refresh_from_db()
    assert comment.status == "published"
