from __future__ import annotations

from allauth.account import app_settings as account_settings
from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from django.core import signing
from django.db.models import QuerySet

from accounts.models import RoleAssignment, User


def user_is_staff_member(user) -> bool:
    """Staff: site admins, CMS editors and reviewers (admin access), drafters and moderators."""
    if not (user and user.is_authenticated and user.is_active):
        return False
    if user.is_superuser or user.is_staff:
        return True
    if user.role_assignments.exists():
        return True
    return user.has_perm("wagtailadmin.access_admin")


def user_has_second_factor(user: User) -> bool:
    return Authenticator.objects.filter(
        user=user, type__in=[Authenticator.Type.TOTP, Authenticator.Type.WEBAUTHN]
    ).exists()


def agency_ids_with_role(user, *roles: str) -> QuerySet:
    """Ids of the agencies where a user holds one of these staff roles, for filtering with
    ``agency__in``: none for an anonymous or deactivated account. The role predicates
    (``is_moderator_for``, ``is_drafter_for``) ask this too, so lists and checks agree."""
    if not (user and user.is_authenticated and user.is_active):
        return RoleAssignment.objects.none().values_list("agency_id", flat=True)
    return RoleAssignment.objects.filter(user=user, role__in=roles).values_list(
        "agency_id", flat=True
    )


def confirmation_link_already_used(key: str) -> bool:
    """Whether an email confirmation link that no longer confirms anything was for an address
    already confirmed (opened a second time) rather than expired or mistyped: the page then
    says so and offers to sign in."""
    try:
        pk = signing.loads(key, salt=account_settings.SALT)
    except signing.BadSignature:
        return False
    return EmailAddress.objects.filter(pk=pk, verified=True).exists()
