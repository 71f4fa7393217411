"""Accounts made and given access by staff or a command (not by sign-up), as the demo does."""

import pytest
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from wagtail.models import ModelLogEntry

from accounts.choices import Province, RespondentType
from accounts.services import (
    AccountAlreadyExists,
    group_membership_grant,
    site_admin_grant,
    user_create,
    user_password_set,
)

pytestmark = pytest.mark.django_db


def test_an_account_with_a_confirmed_address_may_take_part_at_once():
    user = user_create(
        email=" Rina.Warga@Example.id ", display_name="Rina", province=Province.BALI,
        respondent_type=RespondentType.ACADEMIC, organisation="Universitas Udayana",
        email_verified=True,
    )  # fmt: skip

    assert user.email == "rina.warga@example.id"
    assert (user.display_name, user.province, user.organisation) == (
        "Rina",
        Province.BALI,
        "Universitas Udayana",
    )
    assert user.has_perm("consultations.comment")
    assert not user.has_usable_password()  # signs in after a password reset


def test_an_unconfirmed_address_must_be_confirmed_first():
    user = user_create(email="belum@example.id", password="kata-sandi-panjang-789")

    assert user.check_password("kata-sandi-panjang-789")
    assert not user.has_perm("consultations.comment")


def test_one_account_per_address_whatever_its_case(user_factory):
    user_factory(email="ada@example.id")
    with pytest.raises(AccountAlreadyExists):
        user_create(email="ADA@example.id")


def test_a_new_password_replaces_the_old_one_and_must_pass_the_validators(user_factory):
    user = user_factory()
    user_password_set(user=user, password="sandi-baru-yang-panjang-42")
    assert user.check_password("sandi-baru-yang-panjang-42")

    with pytest.raises(ValidationError):
        user_password_set(user=user, password="123")
    assert user.check_password("sandi-baru-yang-panjang-42")


def _grants(user):
    return list(
        ModelLogEntry.objects.filter(action="rembuk.role_granted", object_id=str(user.pk))
        .order_by("pk")
        .values_list("data", flat=True)
    )


def test_making_a_site_admin_is_logged_once(user_factory):
    admin, user = user_factory(is_superuser=True, is_staff=True), user_factory()

    site_admin_grant(user=user, granted_by=admin)
    site_admin_grant(user=user, granted_by=admin)

    user.refresh_from_db()
    assert user.is_superuser and user.is_staff
    assert _grants(user) == [{"user_id": user.pk, "role": "site_admin"}]


def test_joining_an_editorial_group_is_logged_once(user_factory):
    admin, user = user_factory(is_superuser=True, is_staff=True), user_factory()
    editors = Group.objects.get(name="Editor kebijakan")

    group_membership_grant(user=user, group=editors, granted_by=admin)
    group_membership_grant(user=user, group=editors, granted_by=admin)

    assert list(user.groups.values_list("name", flat=True)) == ["Editor kebijakan"]
    assert user.has_perm("wagtailadmin.access_admin")
    assert _grants(user) == [{"user_id": user.pk, "group": "Editor kebijakan"}]
