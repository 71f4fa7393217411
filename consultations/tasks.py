"""Background work: notification emails. Tasks fetch by id and respect the user's preferences."""

from __future__ import annotations

from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.utils import translation
from django_tasks import task

from consultations.models import Comment


def _send(user, subject_template: str, body_template: str, context: dict) -> None:
    with translation.override(settings.LANGUAGE_CODE):
        subject = render_to_string(subject_template, context).strip()
        body = render_to_string(body_template, context)
    send_mail(subject, body, None, [user.email])


@task()
def notify_reply(comment_id: int) -> None:
    reply = Comment.objects.select_related("parent__author", "consultation").get(pk=comment_id)
    recipient = reply.parent.author
    if recipient is None or not recipient.notify_replies or reply.status != "published":
        return
    _send(
        recipient,
        "consultations/email/reply_subject.txt",
        "consultations/email/reply_body.txt",
        {"reply": reply, "site_url": settings.WAGTAILADMIN_BASE_URL},
    )


@task()
def notify_moderation(comment_id: int) -> None:
    comment = Comment.objects.select_related("author", "consultation").get(pk=comment_id)
    decision = comment.decisions.first()
    if comment.author is None or not comment.author.notify_moderation or decision is None:
        return
    _send(
        comment.author,
        "consultations/email/moderation_subject.txt",
        "consultations/email/moderation_body.txt",
        {"comment": comment, "decision": decision, "site_url": settings.WAGTAILADMIN_BASE_URL},
    )
