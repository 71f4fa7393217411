import rules

from accounts.models import StaffRole
from accounts.predicates import (
    has_verified_email,
    is_moderator_for,
    is_site_admin,
    is_verified_representative,
)
from accounts.selectors import agency_ids_with_role, user_is_staff_member


@rules.predicate
def is_staff_member(user) -> bool:
    return user_is_staff_member(user)


@rules.predicate
def moderates_any_agency(user) -> bool:
    return agency_ids_with_role(user, StaffRole.MODERATOR).exists()


# Posts by staff and by verified agency representatives are marked as official answers.
speaks_officially = is_staff_member | is_verified_representative

rules.add_perm("forums.post", has_verified_email)
rules.add_perm("forums.post_officially", speaks_officially)
rules.add_perm("forums.moderate", is_site_admin | is_moderator_for)
rules.add_perm("forums.review_moderation_log", is_site_admin | moderates_any_agency)
