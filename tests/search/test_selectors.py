"""Who may analyse which consultation: the same rule as the ``consultations.moderate``
permission (accounts/predicates.py), so the analysis scope never outlives a deactivated account."""

import pytest

from accounts.models import RoleAssignment, StaffRole, User
from consultations.models import Consultation
from search.selectors import analyst_consultations

pytestmark = pytest.mark.django_db


@pytest.fixture
def consultation(egov_policy, egov_drafts):
    return Consultation.objects.get(policy=egov_policy, draft=egov_drafts[1])


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


def test_analysis_scope_is_the_moderate_permission(user_factory, consultation):
    inactive_admin = user_factory(is_superuser=True, is_active=False)
    people = [
        User.objects.get(email="moderator@rembuk.example"),
        User.objects.get(email="penyusun@rembuk.example"),
        user_factory(),  # a citizen
        user_factory(is_superuser=True),
        inactive_admin,
    ]
    for person in people:
        assert scope(person) == may_moderate(person), person
    assert scope(people[0]) and scope(people[3]) == set(
        Consultation.objects.values_list("pk", flat=True)
    )
    assert scope(inactive_admin) == set()
