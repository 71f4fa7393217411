"""Who sees and changes consultations in the Wagtail admin, as a Wagtail permission policy that
asks the rules (consultations/rules.py): site admins all, drafters their agencies' (to create
and edit), moderators their agencies' (to open the workspace). Wagtail's listing, edit and
delete views and the menu item all ask this one policy."""

from __future__ import annotations

from django.db.models import Q, QuerySet
from wagtail.permission_policies.base import BasePermissionPolicy

from accounts.models import StaffRole, User
from accounts.predicates import is_site_admin
from accounts.selectors import agency_ids_with_role
from consultations.models import Consultation

VIEW_ACTIONS = {"view"}
RUN_ACTIONS = {"add", "change", "delete"}


class ConsultationPermissionPolicy(BasePermissionPolicy):
    def __init__(self):
        super().__init__(Consultation)

    def _roles(self, action: str) -> tuple[str, ...]:
        if action in VIEW_ACTIONS:
            return (StaffRole.DRAFTER, StaffRole.MODERATOR)
        if action in RUN_ACTIONS:
            return (StaffRole.DRAFTER,)
        return ()

    def user_has_permission(self, user, action: str) -> bool:
        if is_site_admin(user):
            return True
        roles = self._roles(action)
        return bool(roles) and agency_ids_with_role(user, *roles).exists()

    def user_has_permission_for_instance(self, user, action: str, instance) -> bool:
        if action in VIEW_ACTIONS:
            return user.has_perm("consultations.moderate", instance)
        if action in RUN_ACTIONS:
            return user.has_perm("consultations.respond", instance)
        return is_site_admin(user)

    def instances_user_has_permission_for(self, user, action: str) -> QuerySet:
        consultations = Consultation.objects.all()
        if is_site_admin(user):
            return consultations
        roles = self._roles(action)
        if not roles:
            return consultations.none()
        return consultations.filter(policy__agency__in=agency_ids_with_role(user, *roles))

    def instances_user_has_any_permission_for(self, user, actions) -> QuerySet:
        consultations = Consultation.objects.none()
        for action in actions:
            consultations = consultations | self.instances_user_has_permission_for(user, action)
        return consultations

    def users_with_any_permission(self, actions) -> QuerySet:
        """Active site admins and the holders of a role that allows one of the actions."""
        return self._users(actions, Q())

    def users_with_any_permission_for_instance(self, actions, instance) -> QuerySet:
        return self._users(actions, Q(role_assignments__agency_id=instance.policy.agency_id))

    def _users(self, actions, scope: Q) -> QuerySet:
        roles = {role for action in actions for role in self._roles(action)}
        holders = Q(role_assignments__role__in=roles) & scope if roles else Q(pk__in=[])
        return User.objects.filter(Q(is_superuser=True) | holders, is_active=True).distinct()
