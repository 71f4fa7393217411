"""Who a user is, as django-rules predicates. Permissions are declared in each app's rules.py."""

from __future__ import annotations

import rules
from allauth.account.models import EmailAddress

from accounts.models import RepresentationStatus, StaffRole
from accounts.selectors import agency_ids_with_role


def agency_of(obj):
    """The agency an object belongs to: an Agency itself, or anything with an ``agency``."""
    return getattr(obj, "agency", obj)


@rules.predicate
def is_site_admin(user) -> bool:
    return bool(user and user.is_active and user.is_superuser)


@rules.predicate
def holds_staff_role(user) -> bool:
    """A drafter or moderator of some agency: they work in the Wagtail admin."""
    if not (user and user.is_authenticated and user.is_active):
        return False
    return user.role_assignments.exists()


@rules.predicate
def has_verified_email(user) -> bool:
    if not (user and user.is_authenticated and user.is_active):
        return False
    return EmailAddress.objects.filter(user=user, verified=True).exists()


def _has_role(user, role: str, obj) -> bool:
    """The same condition as the staff scope that lists use (`agency_ids_with_role`)."""
    if obj is None:
        return False
    return agency_ids_with_role(user, role).filter(agency_id=agency_of(obj).pk).exists()


@rules.predicate
def is_moderator_for(user, obj) -> bool:
    return _has_role(user, StaffRole.MODERATOR, obj)


@rules.predicate
def is_drafter_for(user, obj) -> bool:
    return _has_role(user, StaffRole.DRAFTER, obj)


@rules.predicate
def is_verified_representative_of(user, obj) -> bool:
    if not (user and user.is_authenticated) or obj is None:
        return False
    return user.agency_representations.filter(
        agency_id=agency_of(obj).pk, status=RepresentationStatus.VERIFIED
    ).exists()


@rules.predicate
def is_verified_representative(user) -> bool:
    """Verified as speaking for some agency (G2G), whichever it is."""
    if not (user and user.is_authenticated and user.is_active):
        return False
    return user.agency_representations.filter(status=RepresentationStatus.VERIFIED).exists()
