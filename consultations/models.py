from __future__ import annotations

import uuid
from functools import lru_cache

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.utils.functional import cached_property
from django.utils.translation import get_language, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from accounts.choices import Province, RespondentType
from cms.drafts import outline_clauses
from consultations.phases import Phase, consultation_phase


class ModerationMode(models.TextChoices):
    PRE = "pre", _("Pre-moderation: comments appear after approval")
    POST = "post", _("Post-moderation: comments appear at once and can be removed")


class Consultation(models.Model):
    """A period in which one published draft version is open for public comment."""

    policy = models.ForeignKey(
        "cms.PolicyPage",
        on_delete=models.CASCADE,
        related_name="consultations",
        verbose_name=_("policy"),
    )
    draft = models.ForeignKey(
        "cms.DraftPage",
        on_delete=models.PROTECT,
        related_name="consultations",
        verbose_name=_("draft version"),
    )
    title = models.CharField(_("title"), max_length=200)
    opens_at = models.DateTimeField(_("opens at"))
    closes_at = models.DateTimeField(_("closes at"))
    moderation_mode = models.CharField(
        _("moderation"),
        max_length=10,
        choices=ModerationMode.choices,
        default=ModerationMode.POST,
    )
    flag_threshold = models.PositiveSmallIntegerField(
        _("flags before a comment is hidden for review"), default=3
    )
    analysis_started_at = models.DateTimeField(_("analysis started at"), null=True, blank=True)
    response_published_at = models.DateTimeField(_("response published at"), null=True, blank=True)
    response_summary = models.TextField(_("what we heard: summary"), blank=True)
    opened_notice_sent_at = models.DateTimeField(null=True, blank=True, editable=False)
    closing_notice_sent_at = models.DateTimeField(null=True, blank=True, editable=False)
    response_notice_sent_at = models.DateTimeField(null=True, blank=True, editable=False)
    activity_at = models.DateTimeField(
        _("last comment activity"),
        auto_now_add=True,
        help_text=_("Changes whenever a comment is added, edited or moderated."),
    )

    class Meta:
        verbose_name = _("consultation")
        verbose_name_plural = _("consultations")
        ordering = ["-opens_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(closes_at__gt=F("opens_at")),
                name="consultation_closes_after_it_opens",
            )
        ]

    def __str__(self) -> str:
        return self.title

    def clean(self) -> None:
        errors = {}
        if self.draft_id and self.policy_id and self.draft.get_parent().pk != self.policy_id:
            errors["draft"] = _("Choose a draft version of this policy.")
        if self.opens_at and self.closes_at and self.closes_at <= self.opens_at:
            errors["closes_at"] = _("The consultation must close after it opens.")
        if errors:
            raise ValidationError(errors)

    @property
    def agency(self):
        """The policy's issuing agency: drafter and moderator roles are scoped by it."""
        return self.policy.agency

    @property
    def phase(self) -> Phase:
        return consultation_phase(self)

    @cached_property
    def clause_keys(self) -> frozenset[str]:
        return frozenset(key for key, _label, _text in self.clauses)

    def clause_labels(self) -> dict[str, str]:
        """Each clause key and how people name it ("Pasal 3 ayat (5)"), with "" for the draft
        as a whole, in the active language."""
        return {"": str(_("The draft as a whole"))} | {k: label for k, label, _t in self.clauses}

    def clause_label(self, key: str) -> str:
        """The name of one clause, wherever a person sees a clause: staff lists, search
        results, exports, comment pages, emails. A key the draft no longer has (the text
        changed after the comment) is named as such rather than shown as a code."""
        label = self.clause_labels().get(key)
        if label is None:
            return str(_("A clause no longer in this draft"))
        return label

    @property
    def clauses(self) -> tuple[tuple[str, str, str], ...]:
        """(key, label, text) of every clause of the draft, parsed once per published revision."""
        draft = self.draft.specific
        return _draft_clauses(draft.pk, draft.live_revision_id, get_language(), draft)


@lru_cache(maxsize=256)
def _draft_clauses(draft_id, revision_id, language, draft) -> tuple[tuple[str, str, str], ...]:
    # Django models hash and compare by primary key, so the draft adds nothing to the key: a
    # new published revision (or another language) is what makes a new entry.
    return tuple((c.key, c.label, c.text) for c in outline_clauses(draft.outline))


class Stance(models.TextChoices):
    SUPPORT = "support", _("Support")
    OPPOSE = "oppose", _("Oppose")
    NEUTRAL = "neutral", _("Neutral")
    AMEND = "amend", _("Propose different wording")


class CommentStatus(models.TextChoices):
    PENDING = "pending", _("Waiting for moderation")
    PUBLISHED = "published", _("Published")
    HIDDEN = "hidden", _("Hidden by moderation")
    REJECTED = "rejected", _("Rejected by moderation")
    WITHDRAWN = "withdrawn", _("Withdrawn by the author")


class Channel(models.TextChoices):
    ONLINE = "online", _("Online")
    LETTER = "letter", _("Letter")
    HEARING = "hearing", _("Public hearing")
    EMAIL = "email", _("Email")
    ASSISTED = "assisted", _("Assisted by staff")


class Comment(models.Model):
    """Input on a draft: on the whole text (empty clause key) or on one clause; or a reply."""

    consultation = models.ForeignKey(
        Consultation, on_delete=models.CASCADE, related_name="comments"
    )
    clause_key = models.CharField(_("clause"), max_length=32, blank=True)
    parent = models.ForeignKey(
        "self", on_delete=models.CASCADE, null=True, blank=True, related_name="replies"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="comments",
    )
    show_name = models.BooleanField(_("show my name publicly"), default=True)
    body = models.TextField(_("comment"))
    stance = models.CharField(_("stance"), max_length=10, choices=Stance.choices, blank=True)
    proposed_wording = models.TextField(_("proposed wording"), blank=True)
    respondent_type = models.CharField(
        _("respondent type"), max_length=20, choices=RespondentType.choices
    )
    organisation = models.CharField(_("organisation"), max_length=200, blank=True)
    province = models.CharField(_("province"), max_length=2, choices=Province.choices, blank=True)
    channel = models.CharField(
        _("channel"), max_length=10, choices=Channel.choices, default=Channel.ONLINE
    )
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("entered by staff"),
    )
    submitter_name = models.CharField(
        _("name of the person (offline input)"), max_length=200, blank=True
    )
    status = models.CharField(
        _("status"), max_length=10, choices=CommentStatus.choices, default=CommentStatus.PUBLISHED
    )
    consent_given_at = models.DateTimeField(_("consent to processing given at"))
    submission_key = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    # Set when the author's account is erased: one random key on all of that person's comments,
    # linked to no one, so they still count as one participant and not one each.
    erased_author_key = models.UUIDField(null=True, blank=True, editable=False)
    ip_address = models.GenericIPAddressField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    edited_at = models.DateTimeField(null=True, blank=True)
    support_count = models.PositiveIntegerField(default=0)
    flag_count = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("comment")
        verbose_name_plural = _("comments")
        indexes = [
            models.Index(
                fields=["consultation", "clause_key", "status", "id"],
                name="comment_clause_page",
            ),
            models.Index(fields=["consultation", "status", "id"], name="comment_queue"),
            # Counting published comments per clause reads only this small index.
            models.Index(
                fields=["consultation", "clause_key"],
                condition=Q(status="published", parent__isnull=True),
                name="comment_published_per_clause",
            ),
        ]

    def __str__(self) -> str:
        return f"#{self.pk}"

    @property
    def is_reply(self) -> bool:
        return self.parent_id is not None

    @property
    def public_author_name(self) -> str:
        """The name the public sees; moderators see the account behind it."""
        if self.channel != Channel.ONLINE and self.submitter_name and self.show_name:
            return self.submitter_name
        if not self.show_name or self.author is None:
            return ""
        return self.author.public_name


class CommentRevision(models.Model):
    """The text of a comment before an edit: earlier wording is kept, never overwritten."""

    comment = models.ForeignKey(Comment, on_delete=models.CASCADE, related_name="revisions")
    body = models.TextField()
    proposed_wording = models.TextField(blank=True)
    replaced_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return f"#{self.comment_id} before {self.replaced_at:%Y-%m-%d %H:%M}"


class CommentSupport(models.Model):
    """'This reflects my view': one per user per comment."""

    comment = models.ForeignKey(Comment, on_delete=models.CASCADE, related_name="supports")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["comment", "user"], name="one_support_per_user")
        ]

    def __str__(self) -> str:
        return f"support for #{self.comment_id}"


class FlagReason(models.TextChoices):
    SPAM = "spam", _("Spam or advertising")
    ABUSIVE = "abusive", _("Abusive or hateful")
    OFF_TOPIC = "off_topic", _("Off topic")
    PERSONAL_DATA = "personal_data", _("Contains personal data")
    DUPLICATE = "duplicate", _("Duplicate")
    OTHER = "other", _("Other")


class CommentFlag(models.Model):
    comment = models.ForeignKey(Comment, on_delete=models.CASCADE, related_name="flags")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    reason = models.CharField(_("reason"), max_length=20, choices=FlagReason.choices)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["comment", "user"], name="one_flag_per_user")
        ]

    def __str__(self) -> str:
        return f"{self.reason} on #{self.comment_id}"


class ModerationAction(models.TextChoices):
    APPROVE = "approve", _("Approve")
    REJECT = "reject", _("Reject")
    HIDE = "hide", _("Hide")
    RESTORE = "restore", _("Restore")
    AUTO_HIDE = "auto_hide", _("Hidden automatically after flags")


# What a decision did to the comment, as its author is told ("Your comment ...: hidden").
DECISION_OUTCOMES = {
    ModerationAction.APPROVE: pgettext_lazy("moderation outcome", "published"),
    ModerationAction.REJECT: pgettext_lazy("moderation outcome", "rejected"),
    ModerationAction.HIDE: pgettext_lazy("moderation outcome", "hidden"),
    ModerationAction.RESTORE: pgettext_lazy("moderation outcome", "shown again"),
    ModerationAction.AUTO_HIDE: pgettext_lazy(
        "moderation outcome", "hidden after reports from readers, until a moderator reviews it"
    ),
}


class ModerationDecision(models.Model):
    """Append-only moderation log: who decided what about which comment, when and why."""

    comment = models.ForeignKey(Comment, on_delete=models.CASCADE, related_name="decisions")
    moderator = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    action = models.CharField(_("action"), max_length=10, choices=ModerationAction.choices)
    reason = models.CharField(_("reason"), max_length=20, choices=FlagReason.choices, blank=True)
    note = models.TextField(_("note"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("moderation decision")
        verbose_name_plural = _("moderation log")

    def __str__(self) -> str:
        return f"{self.action} #{self.comment_id}"

    @property
    def outcome(self) -> str:
        """What the decision did, in words for the comment's author."""
        return str(DECISION_OUTCOMES.get(self.action, self.get_action_display()))


class Appeal(models.Model):
    """An author's one appeal against a moderation decision on their comment."""

    comment = models.OneToOneField(Comment, on_delete=models.CASCADE, related_name="appeal")
    text = models.TextField(_("why the decision should be reconsidered"))
    created_at = models.DateTimeField(auto_now_add=True)
    resolved_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"appeal on #{self.comment_id}"


def attachment_path(instance, filename: str) -> str:
    return f"attachments/{uuid.uuid4().hex}.pdf"


class CommentAttachment(models.Model):
    """A PDF sent with a comment (or a scan of a letter). Random name; always a download."""

    comment = models.ForeignKey(Comment, on_delete=models.CASCADE, related_name="attachments")
    file = models.FileField(upload_to=attachment_path)
    original_name = models.CharField(max_length=255)
    size = models.PositiveIntegerField()

    def __str__(self) -> str:
        return self.original_name


class Outcome(models.TextChoices):
    ACCEPTED = "accepted", _("Accepted")
    PARTLY = "partly", _("Partly accepted")
    NOT_ACCEPTED = "not_accepted", _("Not accepted")
    OUT_OF_SCOPE = "out_of_scope", _("Out of scope")


class CommentResponse(models.Model):
    """The drafters' public answer to one comment or to a group of similar comments."""

    consultation = models.ForeignKey(
        Consultation, on_delete=models.CASCADE, related_name="comment_responses"
    )
    comments = models.ManyToManyField(Comment, related_name="responses")
    outcome = models.CharField(_("outcome"), max_length=20, choices=Outcome.choices)
    text = models.TextField(_("explanation"))
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("response to comments")
        verbose_name_plural = _("responses to comments")

    def __str__(self) -> str:
        return f"{self.get_outcome_display()} ({self.consultation_id})"


class ClauseResponse(models.Model):
    """The drafters' answer to what was said about one clause, or (empty key) the whole draft."""

    consultation = models.ForeignKey(
        Consultation, on_delete=models.CASCADE, related_name="clause_responses"
    )
    clause_key = models.CharField(max_length=32, blank=True)
    text = models.TextField(_("response"))
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["consultation", "clause_key"], name="one_response_per_clause"
            )
        ]

    def __str__(self) -> str:
        return f"{self.consultation_id}:{self.clause_key or 'draft'}"


class ThemeResponse(models.Model):
    """An answer to a theme that ran through many comments (e.g. accessibility)."""

    consultation = models.ForeignKey(
        Consultation, on_delete=models.CASCADE, related_name="theme_responses"
    )
    title = models.CharField(_("theme"), max_length=200)
    text = models.TextField(_("response"))
    comment_count = models.PositiveIntegerField(_("comments on this theme"), default=0)

    def __str__(self) -> str:
        return self.title


class PolicyFollow(models.Model):
    """A participant who wants to hear when a policy's consultations open, close or answer."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="followed_policies"
    )
    policy = models.ForeignKey("cms.PolicyPage", on_delete=models.CASCADE, related_name="followers")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "policy"], name="follow_policy_once")
        ]

    def __str__(self) -> str:
        return f"{self.user_id} → {self.policy_id}"
