"""Who can reach what: object ownership, scoped roles, verification and staff second factors."""

import json

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

from accounts.models import RoleAssignment, StaffRole
from cms.models import PolicyPage
from tests.conftest import enrol_second_factor
from tests.http import sent_to_sign_in

pytestmark = pytest.mark.django_db


@pytest.fixture
def agencies(egov_policy, kemendagri, policy_page_factory, policy_index_page):
    """Two agencies, each issuing a policy: `komdigi` the e-government one."""
    policy_page_factory(parent=policy_index_page, agency=kemendagri,
                        title="Penataan Administrasi Kependudukan")  # fmt: skip
    return egov_policy.agency, kemendagri


def staff(user_factory, role, agency):
    user = user_factory()
    RoleAssignment.objects.create(user=user, role=role, agency=agency)
    return user


@pytest.mark.parametrize(
    ("role", "own_agency", "moderate", "respond"),
    [
        (StaffRole.MODERATOR, True, True, False),
        (StaffRole.MODERATOR, False, False, False),
        (StaffRole.DRAFTER, True, True, True),
        (StaffRole.DRAFTER, False, False, False),
    ],
)
def test_roles_are_scoped_to_their_agency(
    user_factory, agencies, role, own_agency, moderate, respond
):
    agency_a, agency_b = agencies
    user = staff(user_factory, role, agency_a)
    target = agency_a if own_agency else agency_b
    policy = PolicyPage.objects.filter(agency=target).first()
    for obj in (target, policy):
        assert user.has_perm("consultations.moderate", obj) is moderate
        assert user.has_perm("consultations.respond", obj) is respond


def test_site_admin_may_do_everything_and_citizens_nothing(site_admin, citizen, agencies):
    admin = site_admin
    for permission in ("consultations.moderate", "consultations.respond"):
        assert admin.has_perm(permission, agencies[0])
        assert not citizen.has_perm(permission, agencies[0])
    for permission in (
        "accounts.manage_roles",
        "accounts.verify_agency_representative",
        "accounts.view_audit_log",
        "accounts.export_personal_data_of_others",
    ):
        assert admin.has_perm(permission)
        assert not citizen.has_perm(permission)  # fmt: skip


def test_only_users_with_a_verified_email_may_comment(user_factory):
    assert user_factory().has_perm("consultations.comment")
    assert not user_factory(verified=False).has_perm("consultations.comment")


def test_a_participant_downloads_only_their_own_data(client, user_factory):
    alice = user_factory(email="alice@example.id")
    bob = user_factory(email="bob@example.id")
    client.force_login(bob)
    exported = json.loads(client.post(reverse("accounts_data_download")).content)
    assert exported["user_id"] == bob.pk
    assert "alice@example.id" not in json.dumps(exported)
    assert alice.pk != bob.pk


def test_participants_and_editors_cannot_open_role_or_representative_admin(
    client, user_factory, staff_login
):
    citizen = user_factory()
    client.force_login(citizen)
    for name in ("accounts_staff_roles", "accounts_representatives"):
        response = client.get(reverse(name))
        assert sent_to_sign_in(response)
    editor = user_factory()
    editor.groups.add(Group.objects.get(name="Editor kebijakan"))
    staff_login(editor)
    for name in ("accounts_staff_roles", "accounts_representatives"):
        response = client.get(reverse(name))
        # Wagtail turns a refusal inside the admin into a redirect to the dashboard.
        assert response.status_code == 302 and response.url == "/admin/"


def test_participant_cannot_decide_their_own_representation_request(
    client, user_factory, agency_representative_factory, komdigi
):
    user = user_factory()
    request = agency_representative_factory(user=user, agency=komdigi, position="Kepala")
    client.force_login(user)
    client.post(
        reverse("accounts_representative_decide", args=[request.pk]), {"decision": "verify"}
    )
    request.refresh_from_db()
    assert request.status == "pending"


@pytest.mark.parametrize("kind", ["superuser", "editor", "reviewer", "drafter"])
def test_staff_without_a_second_factor_are_stopped(client, user_factory, komdigi, kind):
    user = user_factory(is_superuser=kind == "superuser", is_staff=kind == "superuser")
    if kind == "editor":
        user.groups.add(Group.objects.get(name="Editor kebijakan"))
    elif kind == "reviewer":
        user.groups.add(Group.objects.get(name="Peninjau hukum"))
    elif kind == "drafter":
        RoleAssignment.objects.create(user=user, role=StaffRole.DRAFTER, agency=komdigi)
    client.force_login(user)
    for url in ("/admin/", "/admin/pages/", reverse("accounts_staff_roles")):
        response = client.get(url)
        assert response.status_code == 302
        assert "/akun/2fa/totp/activate/" in response.url
    enrol_second_factor(user)
    if kind != "drafter":  # drafters work in the staff views of consultations, not the CMS
        assert client.get("/admin/").status_code == 200


def test_participants_are_not_asked_for_a_second_factor(client, user_factory):
    client.force_login(user_factory())
    assert client.get(reverse("accounts_profile")).status_code == 200


def test_wagtail_password_login_is_not_a_way_around_two_factor(client, site_admin):
    response = client.get("/admin/login/?next=/admin/")
    assert response.status_code == 302
    assert response.url.startswith("/akun/login/")
    response = client.post(
        "/admin/login/", {"username": site_admin.email, "password": "kata-sandi-rahasia-123"}
    )
    assert response.status_code in (302, 405)
    assert not response.wsgi_request.user.is_authenticated
