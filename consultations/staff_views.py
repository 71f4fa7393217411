"""Staff pages of a consultation in the Wagtail admin: its workspace, the moderation queue,
offline input, responses and the full export. Thin: parse, check, call the services."""

from __future__ import annotations

import rules
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.admin.ui.tables import BaseColumn, BulkActionsCheckboxColumn, Column, DateColumn
from wagtail.admin.views.generic.base import BaseListingView
from wagtail.log_actions import log

from consultations import selectors, services
from consultations.bulk_actions import (
    MODERATION_ACTIONS,
    RESPONSE_ACTIONS,
    bulk_action_buttons,
)
from consultations.exports import FORMATS, FULL
from consultations.filters import ModerationQueueFilterSet, ResponseQueueFilterSet
from consultations.forms import (
    ClauseResponseForm,
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
    if not request.user.has_perm("consultations.open_moderation"):
        raise PermissionDenied
    sections = [
        section for section in selectors.moderation_sections.gather(user=request.user) if section
    ]
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


class TemplateColumn(BaseColumn):
    """A listing column whose cells a template of ours renders from the row (``instance``)."""

    def __init__(self, *args, template: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.cell_template_name = template


class ConsultationCommentsView(BaseListingView):
    """A consultation's comments in Wagtail's listing, for one staff task: filters in the admin's
    filter panel, the task's decisions as bulk actions on the selected comments
    (consultations/bulk_actions.py). Subclasses name the task, its URLs, filters and selector."""

    template_name = "consultations/staff/comment_listing.html"
    results_template_name = "consultations/staff/comment_listing_results.html"
    paginate_by = 50
    header_icon = "comment"
    table_classname = "staff-queue"  # stacked on a phone (static/css/staff.css)
    title = ""
    url_name = ""
    selector = None
    bulk_actions: tuple = ()
    permission = "consultations.moderate"

    def dispatch(self, request, *args, **kwargs):
        self.consultation = consultation_for_staff(request, kwargs["consultation_id"])
        if not request.user.has_perm(self.permission, self.consultation):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_page_title(self):
        return str(self.title)

    parent_title = ""
    parent_url_name = ""

    def get_breadcrumbs_items(self):
        parent = None
        if self.parent_url_name:
            url = reverse(self.parent_url_name, args=[self.consultation.pk])
            parent = (str(self.parent_title), url)
        return staff_page(str(self.title), consultation=self.consultation, parent=parent)[
            "breadcrumbs_items"
        ]

    def get_index_url(self):
        return reverse(self.url_name, args=[self.consultation.pk])

    def get_index_results_url(self):
        return reverse(f"{self.url_name}_results", args=[self.consultation.pk])

    def get_filterset_kwargs(self):
        choices = selectors.clause_choices(consultation=self.consultation)
        return {**super().get_filterset_kwargs(), "clause_choices": [c for c in choices if c[0]]}

    def get_queryset(self):
        queryset = type(self).selector(
            consultation=self.consultation, **self.filters.selector_arguments()
        )
        return self.order_queryset(queryset) if self.is_explicitly_ordered else queryset

    def paginate_queryset(self, queryset, page_size):
        paginator, page, object_list, is_paginated = super().paginate_queryset(queryset, page_size)
        page.object_list = list(object_list)
        for comment in page.object_list:
            comment.consultation = self.consultation  # clause names without a query per row
        return paginator, page, page.object_list, is_paginated

    def get_context_data(self, **kwargs):
        return {
            **super().get_context_data(**kwargs),
            "consultation": self.consultation,
            "bulk_buttons": bulk_action_buttons(self.bulk_actions),
        }


class ModerationQueueView(ConsultationCommentsView):
    """What waits for a moderation decision, what readers reported, what authors appealed."""

    title = gettext_lazy("Moderation")
    url_name = "consultations_moderation"
    selector = selectors.moderation_queue
    filterset_class = ModerationQueueFilterSet
    bulk_actions = MODERATION_ACTIONS
    columns = [
        BulkActionsCheckboxColumn("bulk_actions", obj_type="comment"),
        TemplateColumn("body", label=gettext_lazy("Comment"), template="consultations/staff/queue_comment_cell.html"),
        TemplateColumn("author", label=gettext_lazy("Author"), template="consultations/staff/queue_author_cell.html"),
        TemplateColumn("status", label=gettext_lazy("Status"), template="consultations/staff/queue_status_cell.html"),
        TemplateColumn("flag_count", label=gettext_lazy("Reports"), sort_key="flag_count",
                       template="consultations/staff/queue_reports_cell.html"),
        DateColumn("created_at", label=gettext_lazy("Received"), sort_key="created_at"),
    ]  # fmt: skip

    def get_valid_orderings(self):
        return ["flag_count", "-flag_count", "created_at", "-created_at"]

    def get_context_data(self, **kwargs):
        statistics = selectors.moderation_statistics(consultation=self.consultation)
        summary = (
            _("%(published)s published, %(pending)s waiting, %(hidden)s hidden or rejected.")
            % statistics
        )
        return {
            **super().get_context_data(**kwargs),
            "summary": f"{summary} {_('Select comments to publish, hide or reject them.')}",
        }


class ResponseQueueView(ConsultationCommentsView):
    """The published comments a drafter answers, alone or several together."""

    title = gettext_lazy("Answer comments")
    url_name = "consultations_answer"
    parent_title = gettext_lazy("Responses")
    parent_url_name = "consultations_responses"
    selector = selectors.comments_to_answer
    filterset_class = ResponseQueueFilterSet
    bulk_actions = RESPONSE_ACTIONS
    permission = "consultations.respond"
    columns = [
        BulkActionsCheckboxColumn("bulk_actions", obj_type="comment"),
        TemplateColumn("body", label=gettext_lazy("Comment"), template="consultations/staff/queue_comment_cell.html"),
        Column("stance", label=gettext_lazy("Stance"), accessor="get_stance_display"),
        TemplateColumn("responses", label=gettext_lazy("Responses"),
                       template="consultations/staff/queue_responses_cell.html"),
    ]  # fmt: skip

    def get_context_data(self, **kwargs):
        to_answer = selectors.comments_to_answer(consultation=self.consultation)
        unanswered = to_answer.filter(responses__isnull=True).count()
        summary = _(
            "%(unanswered)s of %(total)s comments not answered yet. Select one comment, or several "
            "that say the same, and answer them together."
        ) % {"unanswered": unanswered, "total": to_answer.count()}
        return {**super().get_context_data(**kwargs), "summary": summary}


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
    """The response report in the making: how many comments are answered (answering is its own
    listing, `ResponseQueueView`), responses per clause and theme, then publication."""
    consultation = consultation_for_staff(request, consultation_id)
    if not request.user.has_perm("consultations.respond", consultation):
        raise PermissionDenied
    action = request.POST.get("action") if request.method == "POST" else None
    theme_form = ThemeResponseForm(request.POST if action == "theme" else None)
    publish_form = PublishResponseForm(
        request.POST if action == "publish" else None,
        initial={"summary": consultation.response_summary},
    )
    clause_form = ClauseResponseForm(request.POST if action == "clause" else None)
    try:
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

    to_answer = selectors.comments_to_answer(consultation=consultation)
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
            "to_answer": to_answer.count(),
            "unanswered": to_answer.filter(responses__isnull=True).count(),
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
