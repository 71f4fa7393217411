from __future__ import annotations

from allauth.mfa.models import Authenticator

from accounts.models import User


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
