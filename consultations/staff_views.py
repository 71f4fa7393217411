"""Staff pages of a consultation in the Wagtail admin: its workspace, the moderation queue,
offline input, responses and the full export. Thin: parse, check, call the services."""

from __future__ import annotations

import rules
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from wagtail.log_actions import log

from consultations import selectors, services
from consultations.exports import FORMATS, FULL
from consultations.forms import (
    ClauseResponseForm,
    GroupResponseForm,
    ModerationForm,
    OfflineInputForm,
    PublishResponseForm,
    ThemeResponseForm,
    error_message,
)
from consultations.models import Comment, CommentStatus, Consultation
from consultations.services import CommentError
from consultations.staff import staff_page
from consultations.views import export_response


def consultation_for_staff(request, consultation_id: int) -> Consultation:
    """The consultation, for its moderators, drafters and site admins only (403 otherwise)."""
    consultation = get_object_or_404(
        Consultation.objects.select_related("policy__agency", "draft"), pk=consultation_id
    )
    if not request.user.has_perm("consultations.moderate", consultation):
        raise PermissionDenied
    return consultation


@login_required
def moderation_overview(request):
    """One queue for everything a person moderates: each app contributes its section."""
    sections = [
        section for section in selectors.moderation_sections.gather(user=request.user) if section
    ]
    if not sections:
        raise PermissionDenied
    return render(
        request,
        "consultations/staff/moderation_overview.html",
        {"sections": sections, **staff_page(_("Moderation"))},
    )


@login_required
def workspace(request, consultation_id: int):
    """Everything staff do with one consultation, with what needs attention counted."""
    consultation = consultation_for_staff(request, consultation_id)
    user = request.user
    return render(
        request,
        "consultations/staff/workspace.html",
        {
            "consultation": consultation,
            "statistics": selectors.moderation_statistics(consultation=consultation),
            "flagged": Comment.objects.filter(
                consultation=consultation, flag_count__gt=0, status=CommentStatus.PUBLISHED
            ).count(),
            "may_respond": user.has_perm("consultations.respond", consultation),
            "may_edit": user.has_perm("consultations.respond", consultation),
            "consultation_slots": selectors.template_slots,
            **staff_page(consultation.title, in_consultations=True),
        },
    )


@login_required
def moderation_queue(request, consultation_id: int):
    consultation = consultation_for_staff(request, consultation_id)
    status = request.GET.get("status", CommentStatus.PENDING)
    if status not in CommentStatus.values and status != "semua":
        status = CommentStatus.PENDING
    clause_key = request.GET.get("ayat") or None
    if clause_key not in consultation.clause_keys:
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
            "clause_key": clause_key,
            "querystring": _without_page(request),
            "clause_choices": selectors.clause_choices(consultation=consultation),
            "statistics": selectors.moderation_statistics(consultation=consultation),
            **staff_page(_("Moderation"), consultation=consultation),
        },
        status=400 if request.method == "POST" else 200,
    )


def _without_page(request) -> str:
    params = request.GET.copy()
    params.pop("page", None)
    return params.urlencode()


@login_required
def full_export(request, consultation_id: int, fmt: str):
    """Everything, including hidden, withdrawn and rejected comments, marked with state and
    reason. It holds personal data, so each download is written to the audit log."""
    if fmt not in FORMATS:
        raise Http404("Unknown format")
    consultation = consultation_for_staff(request, consultation_id)
    log(
        instance=consultation,
        action="rembuk.comments_exported",
        user=request.user,
        data={"scope": "full", "format": fmt},
    )
    return export_response(consultation, FULL, fmt, f"rembuk-komentar-{consultation.pk}-lengkap")


@login_required
def responses(request, consultation_id: int):
    """Drafters answer comments (one by one or in groups), clauses and themes, then publish."""
    consultation = consultation_for_staff(request, consultation_id)
    if not request.user.has_perm("consultations.respond", consultation):
        raise PermissionDenied
    comments = list(
        selectors.published_comments(consultation=consultation)
        .select_related("author")
        .prefetch_related("responses")
        .order_by("clause_key", "id")
    )
    action = request.POST.get("action") if request.method == "POST" else None
    group_form = GroupResponseForm(
        request.POST if action == "respond" else None, comment_ids=[c.pk for c in comments]
    )
    theme_form = ThemeResponseForm(request.POST if action == "theme" else None)
    publish_form = PublishResponseForm(
        request.POST if action == "publish" else None,
        initial={"summary": consultation.response_summary},
    )
    clause_form = ClauseResponseForm(request.POST if action == "clause" else None)
    try:
        if action == "respond" and group_form.is_valid():
            chosen = [c for c in comments if c.pk in set(group_form.cleaned_data["comments"])]
            services.comment_response_create(
                consultation=consultation, author=request.user, comments=chosen,
                outcome=group_form.cleaned_data["outcome"], text=group_form.cleaned_data["text"],
            )  # fmt: skip
            messages.success(request, _("The response has been saved."))
            return redirect(request.path)
        if action == "clause" and clause_form.is_valid():
            services.clause_response_save(
                consultation=consultation, author=request.user, **clause_form.cleaned_data
            )
            messages.success(request, _("The response has been saved."))
            return redirect(request.path)
        if action == "theme" and theme_form.is_valid():
            services.theme_response_create(
                consultation=consultation, author=request.user, **theme_form.cleaned_data
            )
            messages.success(request, _("The response has been saved."))
            return redirect(request.path)
        if action == "analysis":
            services.consultation_start_analysis(consultation=consultation, user=request.user)
            messages.success(request, _("Analysis has started."))
            return redirect(request.path)
        if action == "publish" and publish_form.is_valid():
            services.consultation_publish_response(
                consultation=consultation, user=request.user,
                summary=publish_form.cleaned_data["summary"],
            )  # fmt: skip
            messages.success(request, _("The response report is published."))
            return redirect("consultations_report", consultation.pk)
    except CommentError as error:
        messages.error(request, error_message(error.code))

    clause_responses = {r.clause_key: r.text for r in consultation.clause_responses.all()}
    clauses = [
        (key, label, clause_responses.get(key, ""))
        for key, label in consultation.clause_labels().items()
    ]
    return render(
        request,
        "consultations/staff/responses.html",
        {
            "consultation": consultation,
            "comments": comments,
            "group_form": group_form,
            "theme_form": theme_form,
            "publish_form": publish_form,
            "clauses": clauses,
            "themes": consultation.theme_responses.all(),
            "can_publish": rules.test_rule(
                "consultations.publish_response", request.user, consultation
            ),
            **staff_page(_("Responses"), consultation=consultation),
        },
        status=400 if action and request.method == "POST" else 200,
    )


@login_required
def offline_input(request, consultation_id: int):
    consultation = consultation_for_staff(request, consultation_id)
    form = OfflineInputForm(
        request.POST or None,
        request.FILES or None,
        clause_choices=selectors.clause_choices(consultation=consultation),
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            comment, _created = services.comment_create(
                consultation=consultation, author=None, entered_by=request.user,
                channel=data["channel"], submitter_name=data["submitter_name"], body=data["body"],
                clause_key=data["clause_key"], stance=data["stance"],
                proposed_wording=data["proposed_wording"],
                respondent_type=data["respondent_type"], organisation=data["organisation"],
                province=data["province"], show_name=data["show_name"], consent=data["consent"],
                submission_key=data["submission_key"], attachments=data["attachments"],
            )  # fmt: skip
        except CommentError as error:
            form.add_error(None, error_message(error.code))
        else:
            messages.success(
                request, _("The input has been recorded as comment #%(id)s.") % {"id": comment.pk}
            )
            return redirect("consultations_offline", consultation.pk)
    return render(
        request,
        "consultations/staff/offline_input.html",
        {
            "consultation": consultation,
            "form": form,
            **staff_page(_("Enter offline input"), consultation=consultation),
        },
        status=400 if request.method == "POST" else 200,
    )
