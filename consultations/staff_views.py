"""Staff pages of a consultation: the moderation queue and offline input."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from consultations import selectors, services
from consultations.forms import ModerationForm, error_message
from consultations.models import Comment, CommentStatus, Consultation
from consultations.services import CommentError


def _consultation_for_staff(request, consultation_id: int) -> Consultation:
    consultation = get_object_or_404(
        Consultation.objects.select_related("policy__agency", "draft"), pk=consultation_id
    )
    if not request.user.has_perm("consultations.moderate", consultation):
        raise PermissionDenied
    return consultation


@login_required
def moderation_queue(request, consultation_id: int):
    consultation = _consultation_for_staff(request, consultation_id)
    status = request.GET.get("status", CommentStatus.PENDING)
    if status not in CommentStatus.values and status != "semua":
        status = CommentStatus.PENDING
    clause_key = request.GET.get("ayat")
    if clause_key is not None and clause_key and clause_key not in consultation.clause_keys:
        clause_key = None
    flagged_only = request.GET.get("dilaporkan") == "1"
    queue = selectors.moderation_queue(
        consultation=consultation,
        status=None if status == "semua" else status,
        clause_key=clause_key,
        flagged_only=flagged_only,
    )
    page = Paginator(queue, 50).get_page(request.GET.get("page"))
    form = ModerationForm(request.POST or None, comment_ids=[c.pk for c in page.object_list])
    if request.method == "POST":
        if form.is_valid():
            comments = Comment.objects.filter(
                pk__in=form.cleaned_data["comments"], consultation=consultation
            ).select_related("consultation__policy__agency")
            try:
                changed = services.comment_moderate(
                    comments=comments,
                    moderator=request.user,
                    action=form.cleaned_data["action"],
                    reason=form.cleaned_data["reason"],
                    note=form.cleaned_data["note"],
                )
            except CommentError as error:
                form.add_error(None, error_message(error.code))
            else:
                messages.success(request, _("%(count)s comments updated.") % {"count": changed})
                return redirect(request.get_full_path())
    return render(
        request,
        "consultations/staff/moderation_queue.html",
        {
            "consultation": consultation,
            "page": page,
            "form": form,
            "status": status,
            "statuses": CommentStatus.choices,
            "flagged_only": flagged_only,
            "statistics": selectors.moderation_statistics(consultation=consultation),
        },
        status=400 if request.method == "POST" else 200,
    )


@login_required
def full_export(request, consultation_id: int, fmt: str):
    """Everything, including hidden, withdrawn and rejected comments, marked with state and
    reason. It holds personal data, so each download is written to the audit log."""
    from django.http import Http404
    from wagtail.log_actions import log

    from consultations.exports import FORMATS, FULL
    from consultations.views import _export_response

    if fmt not in FORMATS:
        raise Http404("Unknown format")
    consultation = _consultation_for_staff(request, consultation_id)
    log(
        instance=consultation,
        action="rembuk.comments_exported",
        user=request.user,
        data={"scope": "full", "format": fmt},
    )
    return _export_response(consultation, FULL, fmt, f"rembuk-komentar-{consultation.pk}-lengkap")
