"""Who may analyse which consultation: the same rule as the ``consultations.moderate``
permission (accounts/predicates.py), so the analysis scope never outlives a deactivated account."""

import pytest

from accounts.models import RoleAssignment, StaffRole
from consultations.models import Consultation
from search.selectors import analyst_consultations

pytestmark = pytest.mark.django_db


@pytest.fixture
def elsewhere(policy_index_page, policy_page_factory, draft_page_factory, consultation_factory):
    """A consultation of another agency, beside komdigi's `consultation`."""
    policy = policy_page_factory(parent=policy_index_page)
    return consultation_factory(draft=draft_page_factory(parent=policy, version_number=1))


def may_moderate(user) -> set[int]:
    return {c.pk for c in Consultation.objects.all() if user.has_perm("consultations.moderate", c)}


def scope(user) -> set[int]:
    return set(analyst_consultations(user).values_list("pk", flat=True))


@pytest.mark.parametrize("role", [StaffRole.MODERATOR, StaffRole.DRAFTER])
def test_a_deactivated_staff_account_loses_its_analysis_scope(user_factory, consultation, role):
    user = user_factory()
    RoleAssignment.objects.create(user=user, role=role, agency=consultation.policy.agency)
    assert consultation.pk in scope(user)
    user.is_active = False
    user.save()
    assert scope(user) == set() == may_moderate(user)


def test_analysis_scope_is_the_moderate_permission(
    user_factory, moderator, drafter, consultation, elsewhere
):
    admin = user_factory(is_superuser=True)
    inactive_admin = user_factory(is_superuser=True, is_active=False)
    citizen = user_factory()
    for person in (moderator, drafter, citizen, admin, inactive_admin):
        assert scope(person) == may_moderate(person), person
    assert scope(moderator) == scope(drafter) == {consultation.pk}  # komdigi's only
    assert scope(admin) == {consultation.pk, elsewhere.pk}
    assert scope(inactive_admin) == set()
