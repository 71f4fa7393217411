"""Discussion threads whose every change is an event with a per-thread sequence number.

Posts, edits, deletions, hidden posts and reactions are stored as ``ThreadEvent`` rows before they
are broadcast; a client that reconnects asks for the events after the last sequence it saw and
gets them in order, with no gaps and no duplicates.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from consultations.models import FlagReason


class Thread(models.Model):
    title = models.CharField(_("title"), max_length=200)
    policy = models.ForeignKey(
        "cms.PolicyPage", on_delete=models.CASCADE, null=True, blank=True, related_name="threads"
    )
    consultation = models.ForeignKey(
        "consultations.Consultation",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="threads",
    )
    clause_key = models.CharField(_("clause"), max_length=32, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    pinned = models.BooleanField(_("pinned"), default=False)
    locked = models.BooleanField(_("locked"), default=False)
    last_seq = models.PositiveBigIntegerField(default=0, editable=False)

    class Meta:
        ordering = ["-pinned", "-created_at"]
        verbose_name = _("discussion thread")
        verbose_name_plural = _("discussion threads")

    def __str__(self) -> str:
        return self.title

    @property
    def agency(self):
        """Moderation rights follow the agency of the policy the thread belongs to."""
        if self.consultation_id:
            return self.consultation.agency
        if self.policy_id:
            return self.policy.agency
        return None


class Post(models.Model):
    thread = models.ForeignKey(Thread, on_delete=models.CASCADE, related_name="posts")
    seq = models.PositiveBigIntegerField(editable=False)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="forum_posts"
    )
    reply_to = models.ForeignKey(
        "self", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    body = models.TextField(_("post"))
    official = models.BooleanField(default=False)
    created_at = models.DateTimeField(auto_now_add=True)
    edited_at = models.DateTimeField(null=True, blank=True)
    deleted = models.BooleanField(default=False)
    hidden = models.BooleanField(default=False)

    class Meta:
        ordering = ["seq"]
        constraints = [models.UniqueConstraint(fields=["thread", "seq"], name="post_seq_unique")]

    def __str__(self) -> str:
        return f"{self.thread_id}#{self.seq}"

    @property
    def visible(self) -> bool:
        return not (self.deleted or self.hidden)


class EventKind(models.TextChoices):
    CREATED = "post.created"
    EDITED = "post.edited"
    DELETED = "post.deleted"
    HIDDEN = "post.hidden"
    RESTORED = "post.restored"
    REACTED = "post.reacted"
    LOCKED = "thread.locked"
    UNLOCKED = "thread.unlocked"


class ThreadEvent(models.Model):
    """One numbered change to a thread, kept so that clients can catch up after a drop."""

    thread = models.ForeignKey(Thread, on_delete=models.CASCADE, related_name="events")
    seq = models.PositiveBigIntegerField()
    kind = models.CharField(max_length=20, choices=EventKind.choices)
    post = models.ForeignKey(Post, on_delete=models.CASCADE, null=True, related_name="+")
    payload = models.JSONField(default=dict)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["seq"]
        constraints = [models.UniqueConstraint(fields=["thread", "seq"], name="event_seq_unique")]

    def __str__(self) -> str:
        return f"{self.thread_id}@{self.seq} {self.kind}"


class Reaction(models.Model):
    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="reactions")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(
        max_length=10, choices=[("like", "👍"), ("thanks", "🙏"), ("idea", "💡")]
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["post", "user", "kind"], name="one_reaction_each")
        ]

    def __str__(self) -> str:
        return f"{self.kind} on {self.post_id}"


class PostModeration(models.Model):
    """Append-only log of moderators hiding and restoring posts, with the reason and the text as
    it was, so a decision can be reviewed after the post is hidden from everyone else. Kept as
    long as the consultations moderation log (MODERATION_LOG_RETENTION_DAYS)."""

    class Action(models.TextChoices):
        HIDE = "hide", _("Hidden")
        RESTORE = "restore", _("Restored")

    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="moderation_log")
    moderator = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    action = models.CharField(_("action"), max_length=10, choices=Action.choices)
    reason = models.CharField(_("reason"), max_length=20, blank=True)
    note = models.TextField(_("note"), blank=True)
    body = models.TextField(_("text at the time"))
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("forum moderation decision")
        verbose_name_plural = _("forum moderation log")

    def __str__(self) -> str:
        return f"{self.action} {self.post}"

    @property
    def reason_label(self) -> str:
        return dict(FlagReason.choices).get(self.reason, self.reason)
