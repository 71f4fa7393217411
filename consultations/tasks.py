"""Background work: notification emails. Tasks fetch by id and respect the user's preferences."""

from __future__ import annotations

from django.conf import settings
from django.core import signing
from django.core.mail import EmailMessage, send_mail
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django_tasks import task

from consultations.models import Comment, Consultation, PolicyFollow


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


def unsubscribe_token(user_id: int, policy_id: int) -> str:
    return signing.dumps({"u": user_id, "p": policy_id}, salt="rembuk.unfollow")


@task()
def notify_followers(consultation_id: int, kind: str) -> int:
    """Email everyone who follows the consultation's policy and wants such news."""
    consultation = Consultation.objects.select_related("policy", "draft").get(pk=consultation_id)
    follows = PolicyFollow.objects.filter(
        policy=consultation.policy, user__notify_followed=True, user__is_active=True
    ).select_related("user")
    sent = 0
    for follow in follows.iterator():
        with translation.override(settings.LANGUAGE_CODE):
            unsubscribe = settings.WAGTAILADMIN_BASE_URL + reverse(
                "consultations_unfollow", args=[unsubscribe_token(follow.user_id, follow.policy_id)]
            )
            context = {
                "consultation": consultation,
                "kind": kind,
                "site_url": settings.WAGTAILADMIN_BASE_URL,
                "unsubscribe_url": unsubscribe,
            }
            subject = render_to_string("consultations/email/follow_subject.txt", context).strip()
            body = render_to_string("consultations/email/follow_body.txt", context)
        message = EmailMessage(
            subject, body, to=[follow.user.email], headers={"List-Unsubscribe": f"<{unsubscribe}>"}
        )
        message.send()
        sent += 1
    return sent
