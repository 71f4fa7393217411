"""Staff view: compare any two versions of a policy, including versions not yet published."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _

from cms.comparison import compare_outlines
from cms.forms import DraftComparisonForm
from cms.models import DraftPage, PolicyPage


def compare_drafts(request, policy_id: int):
    policy = get_object_or_404(PolicyPage, pk=policy_id)
    if not policy.permissions_for_user(request.user).can_edit():
        raise PermissionDenied
    versions = list(DraftPage.objects.child_of(policy).order_by("version_number"))
    # Staff compare what is being worked on: the latest revision of each version.
    latest = [draft.get_latest_revision_as_object() for draft in versions]
    form = DraftComparisonForm(request.GET or None, drafts=latest)
    if form.is_bound and not form.is_valid():
        raise Http404("Unknown draft version")
    old, new = form.chosen_pair()
    comparison = compare_outlines(old.outline, new.outline) if old is not None else None
    return TemplateResponse(
        request,
        "cms/admin/draft_comparison.html",
        {
            "policy": policy,
            "form": form,
            "old": old,
            "new": new,
            "comparison": comparison,
            "show_unchanged": request.GET.get("semua") == "1",
            "header_title": _("Compare versions: %(title)s") % {"title": policy.title},
        },
    )
