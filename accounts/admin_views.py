"""Staff UI in the Wagtail admin: grant and revoke scoped roles, verify agency representatives."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from accounts.models import (
    Agency,
    AgencyRepresentative,
    RepresentationStatus,
    RoleAssignment,
    StaffRole,
    User,
)
from accounts.services import (
    RepresentationAlreadyDecided,
    agency_representation_decide,
    role_grant,
    role_revoke,
)


class RoleGrantForm(forms.Form):
    email = forms.EmailField(label=gettext_lazy("User's email address"))
    role = forms.ChoiceField(label=gettext_lazy("Role"), choices=StaffRole.choices)
    agency = forms.ModelChoiceField(label=gettext_lazy("Agency"), queryset=None)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agency"].queryset = Agency.objects.all()

    def clean_email(self):
        email = self.cleaned_data["email"]
        user = User.objects.filter(email__iexact=email, is_active=True).first()
        if user is None:
            raise forms.ValidationError(_("No active account uses this email address."))
        self.cleaned_data["user"] = user
        return email


def _require(request, permission: str) -> None:
    if not request.user.has_perm(permission):
        raise PermissionDenied


def staff_roles(request):
    _require(request, "accounts.manage_roles")
    form = RoleGrantForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        role_grant(
            user=form.cleaned_data["user"],
            role=form.cleaned_data["role"],
            agency=form.cleaned_data["agency"],
            granted_by=request.user,
        )
        messages.success(request, _("The role has been granted."))
        return redirect("accounts_staff_roles")
    assignments = RoleAssignment.objects.select_related("user", "agency").order_by(
        "agency__name", "role", "user__email"
    )
    return TemplateResponse(
        request,
        "accounts/admin/staff_roles.html",
        {"form": form, "assignments": assignments, "header_title": _("Staff roles")},
    )


@require_POST
def staff_role_revoke(request, assignment_id: int):
    _require(request, "accounts.manage_roles")
    assignment = get_object_or_404(RoleAssignment, pk=assignment_id)
    role_revoke(assignment=assignment, revoked_by=request.user)
    messages.success(request, _("The role has been revoked."))
    return redirect("accounts_staff_roles")


def representatives(request):
    _require(request, "accounts.verify_agency_representative")
    status = request.GET.get("status", RepresentationStatus.PENDING)
    if status not in RepresentationStatus.values:
        status = RepresentationStatus.PENDING
    items = (
        AgencyRepresentative.objects.filter(status=status)
        .select_related("user", "agency")
        .order_by("requested_at")
    )
    return TemplateResponse(
        request,
        "accounts/admin/representatives.html",
        {
            "items": items,
            "status": status,
            "statuses": RepresentationStatus.choices,
            "header_title": _("Agency representatives"),
        },
    )


@require_POST
def representative_decide(request, representation_id: int):
    _require(request, "accounts.verify_agency_representative")
    representation = get_object_or_404(AgencyRepresentative, pk=representation_id)
    decision = request.POST.get("decision")
    if decision not in ("verify", "reject"):
        messages.error(request, _("Choose whether to verify or reject the request."))
        return redirect("accounts_representatives")
    try:
        agency_representation_decide(
            representation=representation,
            decided_by=request.user,
            approve=decision == "verify",
            note=request.POST.get("note", "")[:2000],
        )
    except RepresentationAlreadyDecided:
        messages.error(request, _("This request has already been decided."))
    else:
        messages.success(request, _("The decision has been recorded."))
    return redirect("accounts_representatives")
