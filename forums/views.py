"""Thread pages that work without JavaScript, and the HTTP catch-up used when WebSockets are
blocked. Thin: parse, authorise through the services, render."""

from __future__ import annotations

import asyncio

from asgiref.sync import sync_to_async
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.http import safe_next
from cms.models import PolicyPage
from consultations.staff import staff_page
from forums import selectors, services
from forums.errors import error_message
from forums.forms import PostForm, ThreadForm
from forums.fragments import owner_key, post_context
from forums.models import Post, Thread

PAGE_SIZE = 50
LONG_POLL_SECONDS = 20


def thread_index(request):
    page = Paginator(selectors.threads_listed(), 30).get_page(request.GET.get("page"))
    return render(request, "forums/thread_index.html", {"threads": page, "form": ThreadForm()})


@login_required
def thread_new(request):
    consultation, clause_key, clause_label = selectors.discussion_target(
        consultation_id=request.GET.get("konsultasi"), clause_key=request.GET.get("ayat", "")
    )
    policy = (
        consultation.policy
        if consultation
        else PolicyPage.objects.filter(pk=_int_or_zero(request.GET.get("kebijakan"))).first()
    )
    form = ThreadForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            thread = services.thread_create(
                author=request.user, policy=policy, consultation=consultation,
                clause_key=clause_key, **form.cleaned_data,
            )  # fmt: skip
        except services.ForumError as error:
            form.add_error(None, error_message(error.code))
        else:
            return redirect("forums_thread", thread.pk)
    context = {"form": form, "policy": policy, "consultation": consultation,
               "clause_label": clause_label,
               "existing": selectors.threads_on(consultation=consultation, clause_key=clause_key)}  # fmt: skip
    return render(request, "forums/thread_new.html", context,
                  status=400 if request.method == "POST" else 200)  # fmt: skip


def _int_or_zero(value) -> int:
    try:
        return int(value or 0)
    except ValueError:
        return 0


def thread_detail(request, thread_id: int, form=None, status=200):
    thread = get_object_or_404(
        Thread.objects.select_related("policy", "consultation__draft"), pk=thread_id
    )
    posts = selectors.thread_posts(thread=thread).select_related("reply_to")
    page = Paginator(posts, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "forums/thread_detail.html",
        {
            "thread": thread,
            "page": page,
            "form": form or PostForm(),
            "can_moderate": request.user.has_perm("forums.moderate", thread),
            "viewer_key": owner_key(request.user.pk),
            "clause_label": selectors.clause_label(thread),
            **post_context(
                reaction_counts=selectors.reaction_counts(posts=list(page.object_list)),
                post_max_length=services.post_max_length(),
            ),
        },
        status=status,
    )


@login_required
@require_POST
def post_new(request, thread_id: int):
    thread = get_object_or_404(Thread, pk=thread_id)
    form = PostForm(request.POST)
    if form.is_valid():
        try:
            post = services.post_create(
                thread=thread, author=request.user, body=form.cleaned_data["body"],
                reply_to_id=form.cleaned_data["reply_to"],
            )  # fmt: skip
        except services.ForumError as error:
            form.add_error(None, error_message(error.code))
        else:
            last_page = (thread.posts.count() - 1) // PAGE_SIZE + 1
            return redirect(
                f"{reverse('forums_thread', args=[thread.pk])}?page={last_page}#post-{post.seq}"
            )
    return thread_detail(request, thread_id, form=form, status=400)


@login_required
@require_POST
def post_action(request, post_id: int, action: str):
    """Edit, delete, react, hide, restore: one endpoint per action, each through a service."""
    post = get_object_or_404(Post.objects.select_related("thread"), pk=post_id)
    try:
        if action == "ubah":
            services.post_edit(post=post, user=request.user, body=request.POST.get("body", ""))
        elif action == "hapus":
            services.post_delete(post=post, user=request.user)
        elif action == "reaksi":
            services.post_react(post=post, user=request.user, kind=request.POST.get("kind", ""))
        elif action in ("sembunyikan", "pulihkan"):
            services.post_moderate(
                post=post, moderator=request.user, hide=action == "sembunyikan",
                reason=request.POST.get("reason", ""), note=request.POST.get("note", "")[:2000],
            )  # fmt: skip
        else:
            raise Http404("Unknown action")
    except services.ForumError as error:
        messages.error(request, error_message(error.code))
    thread_url = f"{reverse('forums_thread', args=[post.thread_id])}#post-{post.seq}"
    return redirect(safe_next(request, thread_url))  # the admin's moderation queue sends `next`


@login_required
@require_POST
def thread_lock(request, thread_id: int):
    thread = get_object_or_404(Thread, pk=thread_id)
    try:
        services.thread_set_locked(
            thread=thread, moderator=request.user, locked=request.POST.get("locked") == "1"
        )
    except services.ForumError as error:
        messages.error(request, error_message(error.code))
    return redirect("forums_thread", thread.pk)


@login_required
@require_POST
def thread_pin(request, thread_id: int):
    thread = get_object_or_404(Thread, pk=thread_id)
    try:
        services.thread_set_pinned(
            thread=thread, moderator=request.user, pinned=request.POST.get("pinned") == "1"
        )
    except services.ForumError as error:
        messages.error(request, error_message(error.code))
    return redirect("forums_thread", thread.pk)


async def thread_events(request, thread_id: int):
    """HTTP catch-up: events after ``setelah``; with ``tunggu=1`` waits up to 20 s for new ones
    (long polling), for networks that block WebSockets. Same sequence rules as the socket."""
    thread = await Thread.objects.filter(pk=thread_id).afirst()
    if thread is None:
        raise Http404("No such thread")
    try:
        after = max(int(request.GET.get("setelah", "0")), 0)
    except ValueError:
        return JsonResponse(
            {"error": "bad_request", "message": error_message("bad_request")}, status=400
        )
    wait = request.GET.get("tunggu") == "1"
    loop = asyncio.get_running_loop()
    deadline = loop.time() + LONG_POLL_SECONDS
    while True:
        events = await sync_to_async(selectors.events_after)(thread=thread, after=after)
        if events or not wait or loop.time() >= deadline:
            break
        await asyncio.sleep(1)
    return HttpResponse(
        services.to_json(
            {"thread": thread.pk, "events": [services.event_message(e) for e in events]}
        ),
        content_type="application/json",
        headers={"Cache-Control": "no-store"},
    )


@login_required
def moderation_log(request):
    """Hidden and restored posts with reasons and the text as it was, for moderators."""
    if not request.user.has_perm("forums.review_moderation_log"):
        raise PermissionDenied
    page = Paginator(selectors.moderation_log(user=request.user), 50).get_page(
        request.GET.get("page")
    )
    return render(request, "forums/moderation_log.html", {
        "page": page, **staff_page(_("Forum moderation log")),
    })  # fmt: skip
