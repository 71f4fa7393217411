import rules

from accounts.models import RepresentationStatus
from accounts.predicates import has_verified_email, is_moderator_for, is_site_admin
from accounts.selectors import agency_ids_moderated_by, user_is_staff_member


@rules.predicate
def is_staff_member(user) -> bool:
    return user_is_staff_member(user)


@rules.predicate
def is_verified_representative_of_any_agency(user) -> bool:
    if not (user and user.is_authenticated and user.is_active):
        return False
    return user.agency_representations.filter(status=RepresentationStatus.VERIFIED).exists()


@rules.predicate
def moderates_any_agency(user) -> bool:
    return agency_ids_moderated_by(user).exists()


# Posts by staff and by verified agency representatives are marked as official answers.
speaks_officially = is_staff_member | is_verified_representative_of_any_agency

rules.add_perm("forums.post", has_verified_email)
rules.add_perm("forums.post_officially", speaks_officially)
rules.add_perm("forums.moderate", is_site_admin | is_moderator_for)
rules.add_perm("forums.review_moderation_log", is_site_admin | moderates_any_agency)
