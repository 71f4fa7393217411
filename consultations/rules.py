"""Who may take part in and run consultations. The object is anything with an ``agency``
(an agency, a policy, and later a consultation), so a role scoped to agency A never reaches B."""

import rules

from accounts.predicates import has_verified_email, is_drafter_for, is_moderator_for, is_site_admin

rules.add_perm("consultations.comment", has_verified_email)
rules.add_perm("consultations.moderate", is_site_admin | is_moderator_for | is_drafter_for)
rules.add_perm("consultations.respond", is_site_admin | is_drafter_for)
