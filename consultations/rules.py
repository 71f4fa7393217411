"""Who may take part in and run consultations, and when. The object is anything with an
``agency`` (an agency, a policy, a consultation), so a role scoped to agency A never reaches B;
phase-bound permissions combine a role with what the consultation's phase allows."""

import rules

from accounts.predicates import (
    has_verified_email,
    holds_staff_role,
    is_drafter_for,
    is_moderator_for,
    is_site_admin,
)
from consultations.predicates import (
    phase_analysis_can_start,
    phase_report_public,
    phase_response_publishable,
    phase_responses_editable,
)

runs_consultation = is_site_admin | is_drafter_for

rules.add_perm("consultations.comment", has_verified_email)
rules.add_perm("consultations.moderate", is_site_admin | is_moderator_for | is_drafter_for)
# The moderation overview (and its menu item): for whoever may moderate somewhere; one cheap
# question, asked on every admin page, rather than gathering each app's section.
rules.add_perm("consultations.open_moderation", is_site_admin | holds_staff_role)
# Analysis tools (dashboard, codes, campaigns) at any time; responses only when the phase allows.
rules.add_perm("consultations.respond", runs_consultation)

# Phase-bound rules are tested with `rules.test_rule`, not `user.has_perm`: Django grants every
# permission to an active superuser, while a phase allows or forbids an action for everyone.
rules.add_rule("consultations.write_response", runs_consultation & phase_responses_editable)
rules.add_rule("consultations.publish_response", runs_consultation & phase_response_publishable)
rules.add_rule("consultations.start_analysis", runs_consultation & phase_analysis_can_start)
rules.add_rule("consultations.view_report", phase_report_public | runs_consultation)
