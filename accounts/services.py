"""State-changing use cases for accounts: profile, roles, representation, privacy."""

from __future__ import annotations

import datetime as dt
from typing import Any

from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from django.conf import settings
from django.contrib.auth import get_user_model, password_validation
from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django.db import IntegrityError, transaction
from django.utils import timezone
from wagtail.log_actions import log
from wagtail.models import ModelLogEntry

from accounts.choices import RespondentType
from accounts.models import (
    AgencyRepresentative,
    RepresentationStatus,
    RoleAssignment,
    User,
)
from accounts.privacy import personal_data_sources


class RepresentationAlreadyRequested(Exception):
    """The user already asked to represent this agency."""


class RepresentationAlreadyDecided(Exception):
    """An admin already verified or rejected this request."""


class AccountAlreadyExists(Exception):
    """An account with this email address exists (addresses compare case-insensitively)."""


PROFILE_FIELDS = (
    "display_name",
    "respondent_type",
    "organisation",
    "province",
    "notify_replies",
    "notify_moderation",
    "notify_followed",
)


def profile_update(*, user: User, **fields: Any) -> User:
    unknown = set(fields) - set(PROFILE_FIELDS)
    if unknown:
        raise TypeError(f"Not profile fields: {', '.join(sorted(unknown))}")
    for name, value in fields.items():
        setattr(user, name, value.strip() if isinstance(value, str) else value)
    user.save(update_fields=list(fields))
    return user


@transaction.atomic
def user_create(
    *,
    email: str,
    display_name: str = "",
    password: str | None = None,
    respondent_type: str = RespondentType.INDIVIDUAL,
    organisation: str = "",
    province: str = "",
    email_verified: bool = False,
) -> User:
    """An account made by staff or a command instead of by sign-up (an invited reviewer, a
    participant helped at a hearing). ``email_verified`` records that the address was confirmed
    another way, so the person may take part at once; without a password the account signs in
    only after a password reset."""
    email = User.objects.normalize_email(email.strip()).lower()
    if User.objects.filter(email__iexact=email).exists():
        raise AccountAlreadyExists
    user = User.objects.create_user(
        email, password, display_name=display_name.strip(), respondent_type=respondent_type,
        organisation=organisation.strip(), province=province,
    )  # fmt: skip
    EmailAddress.objects.create(user=user, email=email, verified=email_verified, primary=True)
    return user


def user_password_set(*, user: User, password: str) -> User:
    """Give an account a new password (a reset by support, a command). It must pass the
    password validators (``ValidationError`` otherwise); the old password stops working."""
    password_validation.validate_password(password, user)
    user.set_password(password)
    user.save(update_fields=["password"])
    return user


def site_admin_grant(*, user: User, granted_by: User | None) -> User:
    """Make a user a site admin (every permission, the whole admin), as ``createsuperuser`` does
    for the first one; logged as a staff role granted (``granted_by`` is None for a command)."""
    if user.is_superuser and user.is_staff:
        return user
    user.is_superuser = user.is_staff = True
    user.save(update_fields=["is_superuser", "is_staff"])
    log(
        instance=user,
        action="rembuk.role_granted",
        user=granted_by,
        title=f"#{user.pk}",
        data={"user_id": user.pk, "role": "site_admin"},
    )
    return user


def group_membership_grant(*, user: User, group: Group, granted_by: User | None) -> None:
    """Put a user in a staff group, e.g. the editorial workflow's *Editor kebijakan* or *Peninjau
    hukum*, as the admin's user form does; logged as a staff role granted, once."""
    if user.groups.filter(pk=group.pk).exists():
        return
    user.groups.add(group)
    log(
        instance=user,
        action="rembuk.role_granted",
        user=granted_by,
        title=f"#{user.pk}",
        data={"user_id": user.pk, "group": group.name},
    )


def role_grant(*, user: User, role: str, agency, granted_by: User) -> RoleAssignment:
    assignment, created = RoleAssignment.objects.get_or_create(user=user, role=role, agency=agency)
    if created:
        log(
            instance=assignment,
            action="rembuk.role_granted",
            user=granted_by,
            title=f"#{assignment.pk}",
            data={"user_id": user.pk, "role": role, "agency_id": agency.pk},
        )
    return assignment


def role_revoke(*, assignment: RoleAssignment, revoked_by: User) -> None:
    log(
        instance=assignment,
        action="rembuk.role_revoked",
        user=revoked_by,
        title=f"#{assignment.pk}",
        data={
            "user_id": assignment.user_id,
            "role": assignment.role,
            "agency_id": assignment.agency_id,
        },
    )
    assignment.delete()


def agency_representation_request(*, user: User, agency, position: str) -> AgencyRepresentative:
    try:
        with transaction.atomic():
            return AgencyRepresentative.objects.create(
                user=user, agency=agency, position=position.strip()
            )
    except IntegrityError:
        raise RepresentationAlreadyRequested from None


@transaction.atomic
def agency_representation_decide(
    *, representation: AgencyRepresentative, decided_by: User, approve: bool, note: str = ""
) -> AgencyRepresentative:
    representation = AgencyRepresentative.objects.select_for_update().get(pk=representation.pk)
    if representation.status != RepresentationStatus.PENDING:
        raise RepresentationAlreadyDecided
    representation.status = (
        RepresentationStatus.VERIFIED if approve else RepresentationStatus.REJECTED
    )
    representation.decided_at = timezone.now()
    representation.decision_note = note.strip()
    representation.save(update_fields=["status", "decided_at", "decision_note"])
    if approve:
        user = representation.user
        user.respondent_type = RespondentType.GOVERNMENT
        user.organisation = representation.agency.name
        user.save(update_fields=["respondent_type", "organisation"])
    log(
        instance=representation,
        action="rembuk.representative_verified" if approve else "rembuk.representative_rejected",
        user=decided_by,
        title=f"#{representation.pk}",
        data={"user_id": representation.user_id, "agency_id": representation.agency_id},
    )
    return representation


def personal_data_export(*, user: User, requested_by: User) -> dict:
    """Everything the platform holds about ``user``, from every registered source."""
    data: dict[str, Any] = {"generated_at": timezone.now().isoformat(), "user_id": user.pk}
    for source in personal_data_sources():
        data[source.name] = source.export(user)
    log(
        instance=user,
        action="rembuk.personal_data_exported",
        user=requested_by,
        title=f"#{user.pk}",
        data={"subject_user_id": user.pk},
    )
    return data


@transaction.atomic
def account_delete(*, user: User) -> None:
    """Erase a user: contributions are anonymised by their apps, the account is removed."""
    user_id = user.pk
    for source in personal_data_sources():
        source.erase(user)
    log(
        instance=user,
        action="rembuk.account_deleted",
        user=None,
        title=f"#{user_id}",
        data={"user_id": user_id},
    )
    user.delete()


def export_account_data(user: User) -> dict:
    return {
        "email": user.email,
        "display_name": user.display_name,
        "first_name": user.first_name,
        "last_name": user.last_name,
        "respondent_type": user.respondent_type,
        "respondent_type_name": user.get_respondent_type_display() if user.respondent_type else "",
        "organisation": user.organisation,
        "province": user.province,
        "province_name": user.get_province_display() if user.province else "",
        "notifications": {
            "replies": user.notify_replies,
            "moderation": user.notify_moderation,
            "followed_policies": user.notify_followed,
        },
        "date_joined": user.date_joined.isoformat(),
        "last_login": user.last_login.isoformat() if user.last_login else None,
        "email_addresses": [
            {"email": a.email, "verified": a.verified, "primary": a.primary}
            for a in user.emailaddress_set.all()
        ],
        "second_factors": sorted(
            Authenticator.objects.filter(user=user).values_list("type", flat=True)
        ),
        "groups": sorted(user.groups.values_list("name", flat=True)),
        "staff_roles": [
            {"role": r.role, "agency": r.agency.name}
            for r in user.role_assignments.select_related("agency")
        ],
        "agency_representations": [
            {
                "agency": r.agency.name,
                "position": r.position,
                "status": r.status,
                "requested_at": r.requested_at.isoformat(),
            }
            for r in user.agency_representations.select_related("agency")
        ],
    }


def erase_account_data(user: User) -> None:
    """The account row goes with the deletion; audit entries about it keep only its number."""
    ModelLogEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(get_user_model()),
        object_id=str(user.pk),
    ).update(label=f"#{user.pk}")


def purge_expired_audit_entries() -> int:
    """Remove account and moderation audit entries older than MODERATION_LOG_RETENTION_DAYS."""
    cutoff = timezone.now() - dt.timedelta(days=settings.MODERATION_LOG_RETENTION_DAYS)
    deleted, _ = ModelLogEntry.objects.filter(
        action__startswith="rembuk.", timestamp__lt=cutoff
    ).delete()
    return deleted


def staff_home_visit(*, user, at: dt.datetime | None = None) -> dt.datetime | None:
    """Record that a staff member opened the admin home; return their previous visit (None on
    the first), from which the home marks what is new."""
    previous = user.staff_home_seen_at
    user.staff_home_seen_at = at or timezone.now()
    User.objects.filter(pk=user.pk).update(staff_home_seen_at=user.staff_home_seen_at)
    return previous
