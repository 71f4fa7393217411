"""Who may do what in each phase: one case per permission × phase × role (the rules combine
a role with the flags of the consultation's phase)."""

import datetime as dt

import pytest
import rules
from django.contrib.auth.models import AnonymousUser
from django.utils import timezone

from accounts.models import RoleAssignment, StaffRole
from consultations.models import Consultation
from consultations.phases import PHASES

NOW = timezone.now()
DAY = dt.timedelta(days=1)

# What each phase's consultation looks like on the clock and in its decisions.
PHASE_SETUP = {
    "upcoming": {"opens_at": NOW + DAY, "closes_at": NOW + 10 * DAY},
    "open": {"opens_at": NOW - DAY, "closes_at": NOW + 10 * DAY},
    "closed": {"opens_at": NOW - 10 * DAY, "closes_at": NOW - DAY},
    "analysis": {
        "opens_at": NOW - 10 * DAY, "closes_at": NOW - 2 * DAY, "analysis_started_at": NOW - DAY,
    },
    "response": {
        "opens_at": NOW - 10 * DAY, "closes_at": NOW - 2 * DAY, "analysis_started_at": NOW - DAY,
        "response_published_at": NOW - DAY,
    },
}  # fmt: skip


@pytest.fixture
def in_phase(egov_policy, egov_drafts):
    def make(key):
        consultation = Consultation(
            policy=egov_policy, draft=egov_drafts[0], title=key, **PHASE_SETUP[key]
        )
        assert consultation.phase.key == key
        return consultation

    return make


@pytest.fixture
def people(user_factory, agency_factory, egov_policy):
    other_agency = agency_factory()
    drafter = user_factory()
    RoleAssignment.objects.create(user=drafter, role=StaffRole.DRAFTER, agency=egov_policy.agency)
    outsider = user_factory()
    RoleAssignment.objects.create(user=outsider, role=StaffRole.DRAFTER, agency=other_agency)
    moderator = user_factory()
    RoleAssignment.objects.create(
        user=moderator, role=StaffRole.MODERATOR, agency=egov_policy.agency
    )
    return {
        "anonymous": AnonymousUser(),
        "citizen": user_factory(),
        "moderator": moderator,
        "drafter of another agency": outsider,
        "drafter": drafter,
        "site admin": user_factory(is_superuser=True),
    }


# rule → the phases in which the agency's drafter (and a site admin) have it
STAFF_PHASES = {
    "consultations.write_response": {"open", "closed", "analysis", "response"},
    "consultations.publish_response": {"closed", "analysis", "response"},
    "consultations.start_analysis": {"closed"},
    "consultations.view_report": set(PHASES),
}


@pytest.mark.django_db
@pytest.mark.parametrize("permission", sorted(STAFF_PHASES))
@pytest.mark.parametrize("phase", sorted(PHASES))
def test_phase_bound_rules(in_phase, people, permission, phase):
    consultation = in_phase(phase)
    allowed = {
        who for who, user in people.items() if rules.test_rule(permission, user, consultation)
    }
    expected = {"drafter", "site admin"} if phase in STAFF_PHASES[permission] else set()
    if permission == "consultations.view_report" and phase == "response":
        expected = set(people)  # the published report is public
    assert allowed == expected


@pytest.mark.django_db
@pytest.mark.parametrize("phase", sorted(PHASES))
def test_only_the_open_phase_takes_comments_and_only_then_shows_no_opening_time(in_phase, phase):
    flags = in_phase(phase).phase
    assert flags.accepts_comments is (phase == "open")
    assert flags.shows_opening_time is (phase == "upcoming")
    assert flags.report_public is (phase == "response")
