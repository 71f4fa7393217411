"""The participant's own account pages: profile, representation, personal data, deletion."""

from __future__ import annotations

import json

from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.forms import AccountDeleteForm, ProfileForm, RepresentationRequestForm
from accounts.http import safe_next
from accounts.models import User
from accounts.services import (
    RepresentationAlreadyRequested,
    account_delete,
    agency_representation_request,
    personal_data_export,
    profile_update,
)


def staff_sign_in(request):
    """Where the Wagtail admin sends whoever it does not let in. Visitors sign in through
    allauth (with the second factor); a signed-in person without staff access is told so once,
    instead of being sent back to the admin (which would send them here again, in a loop)."""
    if not request.user.is_authenticated:
        return redirect(f"{reverse('account_login')}?{request.GET.urlencode()}")
    admin_home = reverse("wagtailadmin_home")
    if request.user.has_perm("wagtailadmin.access_admin"):
        return redirect(safe_next(request, admin_home))
    # The admin's own "no permission" notice is consumed and not shown: the page says it.
    list(messages.get_messages(request))
    return render(request, "accounts/no_staff_access.html", {"messages": []}, status=403)


@login_required
def profile(request):
    # The form edits a copy, so an invalid submission never shows up in the page header.
    form = ProfileForm(request.POST or None, instance=User.objects.get(pk=request.user.pk))
    if request.method == "POST" and form.is_valid():
        profile_update(user=request.user, **{f: form.cleaned_data[f] for f in form.fields})
        messages.success(request, _("Your profile has been saved."))
        return redirect("accounts_profile")
    return render(
        request,
        "accounts/profile.html",
        {
            "form": form,
            "representation_form": RepresentationRequestForm(),
            "representations": request.user.agency_representations.select_related("agency"),
        },
    )


@login_required
@require_POST
def representation_request(request):
    form = RepresentationRequestForm(request.POST)
    if form.is_valid():
        try:
            agency_representation_request(user=request.user, **form.cleaned_data)
        except RepresentationAlreadyRequested:
            messages.error(request, _("You have already asked to represent this agency."))
        else:
            messages.success(
                request,
                _("Your request has been sent. An administrator will verify it."),
            )
        return redirect("accounts_profile")
    return render(
        request,
        "accounts/profile.html",
        {
            "form": ProfileForm(instance=request.user),
            "representation_form": form,
            "representations": request.user.agency_representations.select_related("agency"),
        },
        status=400,
    )


@login_required
def privacy(request):
    return render(request, "accounts/privacy.html")


@login_required
@require_POST
def personal_data_download(request):
    data = personal_data_export(user=request.user, requested_by=request.user)
    response = HttpResponse(
        json.dumps(data, ensure_ascii=False, indent=2), content_type="application/json"
    )
    filename = f"rembuk-data-saya-{timezone.localdate():%Y-%m-%d}.json"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@login_required
def delete_account(request):
    form = AccountDeleteForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        user = request.user
        logout(request)
        account_delete(user=user)
        messages.success(request, _("Your account has been deleted."))
        return redirect("/")
    return render(request, "accounts/delete.html", {"form": form})
