import rules

from accounts.predicates import has_verified_email, is_moderator_for, is_site_admin

rules.add_perm("forums.post", has_verified_email)
rules.add_perm("forums.moderate", is_site_admin | is_moderator_for)
