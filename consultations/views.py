"""Participant pages of a consultation. Thin: parse, authorise, call a service, render."""

from __future__ import annotations

import rules
from asgiref.sync import sync_to_async
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core import signing
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, StreamingHttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from cms.models import PolicyPage
from consultations import selectors, services
from consultations.exports import FORMATS, PUBLIC, csv_chunks, json_chunks, xlsx_file
from consultations.forms import (
    AppealForm,
    CommentForm,
    EditForm,
    FlagForm,
    ReplyForm,
    error_message,
)
from consultations.models import Comment, CommentAttachment, Consultation, PolicyFollow
from consultations.services import CommentError, CommentRateLimited


def _client_ip(request) -> str | None:
    return request.META.get("REMOTE_ADDR")


def _guard_submission(request, data: dict) -> None:
    """Refuse bots (the honeypot field is filled). Floods are the service's to refuse."""
    if data.get("website"):
        raise CommentError("honeypot")


def _wait(error: CommentError) -> int | None:
    return error.retry_after if isinstance(error, CommentRateLimited) else None


def _retry_after(response, error: CommentError | None):
    """Tell a client refused for sending too quickly when to try again."""
    if isinstance(error, CommentRateLimited):
        response["Retry-After"] = str(error.retry_after)
    return response


def _error_status(error: CommentError) -> int:
    return 429 if error.code == "rate_limited" else 400


def _draft_url(comment_or_consultation, clause_key: str = "") -> str:
    consultation = getattr(comment_or_consultation, "consultation", comment_or_consultation)
    anchor = f"#ayat-{clause_key}" if clause_key else "#konsultasi"
    return f"{consultation.draft.url}{anchor}"


@login_required
def comment_new(request, consultation_id: int):
    consultation = get_object_or_404(
        Consultation.objects.select_related("draft", "policy"), pk=consultation_id
    )
    user = request.user
    initial = {
        "clause_key": request.GET.get("ayat", ""),
        "respondent_type": user.respondent_type,
        "organisation": user.organisation,
        "province": user.province,
    }
    form = CommentForm(
        request.POST or None,
        request.FILES or None,
        initial=initial,
        clause_choices=selectors.clause_choices(consultation=consultation),
    )
    status, refusal = 200, None
    if request.method == "POST":
        if form.is_valid():
            data = form.cleaned_data
            try:
                _guard_submission(request, data)
                comment, created = services.comment_create(
                    consultation=consultation,
                    author=user,
                    body=data["body"],
                    clause_key=data["clause_key"],
                    stance=data["stance"],
                    proposed_wording=data["proposed_wording"],
                    respondent_type=data["respondent_type"],
                    organisation=data["organisation"],
                    province=data["province"],
                    show_name=data["show_name"],
                    consent=data["consent"],
                    submission_key=data["submission_key"],
                    attachments=data["attachments"],
                    ip_address=_client_ip(request),
                )
            except CommentError as error:
                form.add_error(None, error_message(error.code, wait=_wait(error)))
                status, refusal = _error_status(error), error
            else:
                if comment.status == "pending":
                    messages.success(
                        request,
                        _("Thank you. Your comment will appear after a moderator approves it."),
                    )
                else:
                    messages.success(request, _("Thank you. Your comment has been published."))
                return redirect(reverse("consultations_comment", args=[comment.pk]))
        else:
            status = 400
    response = render(
        request,
        "consultations/comment_form.html",
        {
            "consultation": consultation,
            "form": form,
            "phase": consultation.phase,
            "consultation_slots": selectors.template_slots,
        },
        status=status,
    )
    return _retry_after(response, refusal)


def clause_comments(request, consultation_id: int):
    """One page of comments on a clause: the "load more" page, which works without JS."""
    consultation = get_object_or_404(
        Consultation.objects.select_related("draft", "policy"), pk=consultation_id
    )
    clause_key = request.GET.get("ayat", "")
    if clause_key and clause_key not in consultation.clause_keys:
        raise Http404("Unknown clause")
    try:
        after = int(request.GET.get("setelah") or 0)
    except ValueError:
        after = 0
    page = selectors.comment_page(
        consultation=consultation,
        clause_key=clause_key,
        after=after,
        limit=settings.COMMENT_PAGE_SIZE,
    )
    clause = next(
        (
            label
            for key, label in selectors.clause_choices(consultation=consultation)
            if key == clause_key
        ),
        "",
    )
    return render(
        request,
        "consultations/clause_comments.html",
        {
            "consultation": consultation,
            "clause_key": clause_key,
            "clause": clause,
            "page": page,
            "after": after,
        },
    )


def comment_detail(request, comment_id: int):
    comment = get_object_or_404(
        Comment.objects.select_related("consultation__draft", "consultation__policy", "author"),
        pk=comment_id,
    )
    if not selectors.comment_visible_to(comment=comment, user=request.user):
        raise Http404("Comment not visible")
    return _render_detail(request, comment)


def _render_detail(request, comment, *, reply_form=None, status=200, **forms):
    replies = comment.replies.filter(status="published").select_related("author").order_by("id")
    user = request.user
    context = {
        "comment": comment,
        "consultation": comment.consultation,
        "replies": replies,
        "reply_form": reply_form or ReplyForm(),
        "flag_form": forms.get("flag_form") or FlagForm(),
        "appeal_form": forms.get("appeal_form") or AppealForm(),
        "is_author": user.is_authenticated and comment.author_id == user.pk,
        "supported": user.is_authenticated and comment.supports.filter(user=user).exists(),
        "can_moderate": user.has_perm("consultations.moderate", comment.consultation),
        "revisions": comment.revisions.order_by("-replaced_at"),
    }
    return render(request, "consultations/comment_detail.html", context, status=status)


def _own_comment(request, comment_id: int) -> Comment:
    comment = get_object_or_404(Comment.objects.select_related("consultation"), pk=comment_id)
    if comment.author_id != request.user.pk:
        raise PermissionDenied
    return comment


@login_required
@require_POST
def comment_reply(request, comment_id: int):
    parent = get_object_or_404(Comment.objects.select_related("consultation"), pk=comment_id)
    if not selectors.comment_visible_to(comment=parent, user=request.user):
        raise Http404("Comment not visible")
    form = ReplyForm(request.POST)
    status, refusal = 400, None
    if form.is_valid():
        data = form.cleaned_data
        try:
            _guard_submission(request, data)
            reply, _created = services.comment_create(
                consultation=parent.consultation,
                author=request.user,
                parent=parent,
                body=data["body"],
                show_name=data["show_name"],
                consent=data["consent"],
                submission_key=data["submission_key"],
                respondent_type=request.user.respondent_type,
                organisation=request.user.organisation,
                province=request.user.province,
                ip_address=_client_ip(request),
            )
        except CommentError as error:
            form.add_error(None, error_message(error.code, wait=_wait(error)))
            status, refusal = _error_status(error), error
        else:
            messages.success(request, _("Your reply has been sent."))
            return redirect(
                f"{reverse('consultations_comment', args=[parent.pk])}#komentar-{reply.pk}"
            )
    response = _render_detail(request, parent, reply_form=form, status=status)
    return _retry_after(response, refusal)


@login_required
def comment_edit(request, comment_id: int):
    comment = _own_comment(request, comment_id)
    form = EditForm(
        request.POST or None,
        initial={"body": comment.body, "proposed_wording": comment.proposed_wording},
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.comment_edit(comment=comment, user=request.user, **form.cleaned_data)
        except CommentError as error:
            form.add_error(None, error_message(error.code))
        else:
            messages.success(request, _("Your comment has been updated."))
            return redirect("consultations_comment", comment.pk)
    return render(
        request,
        "consultations/comment_edit.html",
        {"comment": comment, "form": form},
        status=400 if request.method == "POST" else 200,
    )


@login_required
@require_POST
def comment_withdraw(request, comment_id: int):
    comment = _own_comment(request, comment_id)
    services.comment_withdraw(comment=comment, user=request.user)
    messages.success(request, _("Your comment has been withdrawn and is no longer shown."))
    return redirect(_draft_url(comment, comment.clause_key))


@login_required
@require_POST
def comment_support(request, comment_id: int):
    comment = get_object_or_404(Comment.objects.select_related("consultation"), pk=comment_id)
    try:
        supported = services.comment_support_toggle(comment=comment, user=request.user)
    except CommentError as error:
        messages.error(request, error_message(error.code))
    else:
        messages.success(
            request,
            _("You support this comment.") if supported else _("Your support has been removed."),
        )
    return redirect("consultations_comment", comment.pk)


@login_required
@require_POST
def comment_flag(request, comment_id: int):
    comment = get_object_or_404(Comment.objects.select_related("consultation"), pk=comment_id)
    if not selectors.comment_visible_to(comment=comment, user=request.user):
        raise Http404("Comment not visible")
    form = FlagForm(request.POST)
    if not form.is_valid():
        return _render_detail(request, comment, flag_form=form, status=400)
    if services.comment_flag(comment=comment, user=request.user, **form.cleaned_data):
        messages.success(request, _("Thank you. A moderator will look at this comment."))
    else:
        messages.info(request, _("You have already reported this comment."))
    return redirect("consultations_comment", comment.pk)


@login_required
@require_POST
def comment_appeal(request, comment_id: int):
    comment = _own_comment(request, comment_id)
    form = AppealForm(request.POST)
    if form.is_valid():
        try:
            services.comment_appeal(comment=comment, user=request.user, **form.cleaned_data)
        except CommentError as error:
            form.add_error(None, error_message(error.code))
        else:
            messages.success(request, _("Your appeal has been sent to the moderators."))
            return redirect("consultations_comment", comment.pk)
    return _render_detail(request, comment, appeal_form=form, status=400)


def export_response(consultation, scope, fmt: str, filename: str):
    content_type, extension = FORMATS[fmt]
    if fmt == "xlsx":
        workbook = xlsx_file(consultation, scope)
        chunks = iter(lambda: workbook.read(256 * 1024), b"")
    else:
        rows = (csv_chunks if fmt == "csv" else json_chunks)(consultation, scope)
        chunks = (chunk.encode("utf-8") for chunk in rows)

    async def stream():
        # Each chunk is produced in a worker thread (database reads included), so the ASGI
        # server sends rows as they come instead of collecting the whole export first.
        read_next = sync_to_async(next, thread_sensitive=True)
        while (chunk := await read_next(chunks, None)) is not None:
            yield chunk

    response = StreamingHttpResponse(stream(), content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}.{extension}"'
    response["X-Content-Type-Options"] = "nosniff"
    return response


def comments_export(request, consultation_id: int, fmt: str):
    """Open data: published comments, without personal data unless the author chose a name."""
    if fmt not in FORMATS:
        raise Http404("Unknown format")
    consultation = get_object_or_404(
        Consultation.objects.select_related("draft"), pk=consultation_id
    )
    return export_response(consultation, PUBLIC, fmt, f"rembuk-komentar-{consultation.pk}")


def response_report(request, consultation_id: int):
    """'What we heard': statistics, the drafters' responses, and the next version's changes.
    Public once published; drafters can preview it before."""
    consultation = get_object_or_404(
        Consultation.objects.select_related("draft", "policy__agency"), pk=consultation_id
    )
    published = consultation.phase.report_public
    if not rules.test_rule("consultations.view_report", request.user, consultation):
        raise Http404("The response has not been published yet")
    next_draft = selectors.next_draft_version(consultation=consultation)
    return render(
        request,
        "consultations/response_report.html",
        {
            "consultation": consultation,
            "published": published,
            "statistics": selectors.report_statistics(consultation=consultation),
            "sections": selectors.report_sections.gather(consultation=consultation),
            "next_draft": next_draft,
            **selectors.report_responses(consultation=consultation),
        },
    )


@login_required
@require_POST
def policy_follow_toggle(request, policy_id: int):
    policy = get_object_or_404(PolicyPage.objects.live(), pk=policy_id)
    if request.POST.get("action") == "unfollow":
        services.policy_unfollow(user=request.user, policy=policy)
        messages.success(request, _("You no longer follow this policy."))
    else:
        services.policy_follow(user=request.user, policy=policy)
        messages.success(
            request,
            _("You follow this policy: we email you when a consultation opens, is about to "
              "close, or publishes its response."),
        )  # fmt: skip
    return redirect(policy.url)


def unfollow_by_link(request, token: str):
    """The link in every follow email: one button, no sign-in needed."""
    try:
        data = signing.loads(token, salt="rembuk.unfollow", max_age=60 * 60 * 24 * 365)
    except signing.BadSignature:
        return render(request, "consultations/unfollow.html", {"invalid": True}, status=400)
    policy = PolicyPage.objects.filter(pk=data["p"]).first()
    done = False
    if request.method == "POST":
        PolicyFollow.objects.filter(user_id=data["u"], policy_id=data["p"]).delete()
        done = True
    return render(request, "consultations/unfollow.html", {"policy": policy, "done": done})


def attachment_download(request, comment_id: int, attachment_id: int):
    """A comment's PDF, for whoever may see the comment; always a download, never inline."""
    attachment = get_object_or_404(
        CommentAttachment.objects.select_related("comment__consultation"),
        pk=attachment_id,
        comment_id=comment_id,
    )
    if not selectors.comment_visible_to(comment=attachment.comment, user=request.user):
        raise Http404("Comment not visible")
    response = FileResponse(
        attachment.file.open("rb"),
        as_attachment=True,
        filename=attachment.original_name,
        content_type="application/pdf",
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response
