"""Search and analysis of citizen input.

``IndexedComment`` is the database engine's index (what Elasticsearch holds in its comment index);
``PendingIndexUpdate`` is the outbox that carries every comment change to whichever engine is in
use, written in the same transaction as the change so nothing is lost while the engine is down.
Codes (a codebook per consultation) and campaigns (groups of near-identical comments) belong to
the analysis and are facets of the search.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class IndexedComment(models.Model):
    """One comment as the database engine searches it. On PostgreSQL a generated ``tsvector``
    column of the pipeline's terms (``simple`` configuration: the terms are final) with a GIN
    index is added by migration; on SQLite an FTS5 table holds the terms. The primary key is the comment's id, like an Elasticsearch
    document id: it is not a foreign key, so ``search_index --check`` can find and repair drift."""

    comment_id = models.BigIntegerField(primary_key=True)
    consultation_id = models.BigIntegerField(db_index=True)
    clause_key = models.CharField(max_length=32, blank=True)
    is_reply = models.BooleanField(default=False)
    stance = models.CharField(max_length=10, blank=True)
    respondent_type = models.CharField(max_length=20, blank=True)
    province = models.CharField(max_length=2, blank=True)
    status = models.CharField(max_length=10)
    channel = models.CharField(max_length=10, blank=True)
    created_at = models.DateTimeField()
    support_count = models.PositiveIntegerField(default=0)
    body = models.TextField()
    proposed_wording = models.TextField(blank=True)
    # The texts' terms from the analysis pipeline (search.analysis): PostgreSQL's tsvector and
    # SQLite's FTS5 table are built from these, never from the raw text.
    body_terms = models.TextField(blank=True, default="")
    proposed_wording_terms = models.TextField(blank=True, default="")

    class Meta:
        indexes = [
            models.Index(
                fields=["consultation_id", "status", "created_at"], name="indexed_by_time"
            ),
            models.Index(fields=["consultation_id", "clause_key"], name="indexed_by_clause"),
            # One per facet field, so PostgreSQL can AND their bitmaps with the text match.
            models.Index(fields=["stance"], name="indexed_by_stance"),
            models.Index(fields=["province"], name="indexed_by_province"),
            models.Index(fields=["respondent_type"], name="indexed_by_type"),
            models.Index(fields=["clause_key"], name="indexed_by_clause_key"),
        ]

    def __str__(self) -> str:
        return f"indexed #{self.comment_id}"


class PendingIndexUpdate(models.Model):
    """A comment whose index entry must be written or removed. Replayed until it succeeds."""

    comment_id = models.BigIntegerField(primary_key=True)
    changed_at = models.DateTimeField()
    attempts = models.PositiveIntegerField(default=0)
    next_attempt_at = models.DateTimeField(db_index=True)
    last_error = models.CharField(max_length=300, blank=True)

    def __str__(self) -> str:
        return f"pending #{self.comment_id}"


class Code(models.Model):
    """One entry of a consultation's codebook (for example "Biaya", "Akses di desa")."""

    consultation = models.ForeignKey(
        "consultations.Consultation", on_delete=models.CASCADE, related_name="codes"
    )
    label = models.CharField(_("code"), max_length=80)
    description = models.CharField(_("description"), max_length=300, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["label"]
        verbose_name = _("code")
        verbose_name_plural = _("codebook")
        constraints = [
            models.UniqueConstraint(fields=["consultation", "label"], name="code_label_unique")
        ]

    def __str__(self) -> str:
        return self.label


class CommentCode(models.Model):
    comment = models.ForeignKey(
        "consultations.Comment", on_delete=models.CASCADE, related_name="codings"
    )
    code = models.ForeignKey(Code, on_delete=models.CASCADE, related_name="codings")
    coded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    coded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["comment", "code"], name="one_coding_each")]

    def __str__(self) -> str:
        return f"{self.code} on #{self.comment_id}"


class Campaign(models.Model):
    """A group of near-identical comments (a form letter with small edits), found by
    ``search.campaigns``. The response report counts it once, with its size."""

    consultation = models.ForeignKey(
        "consultations.Consultation", on_delete=models.CASCADE, related_name="campaigns"
    )
    representative = models.ForeignKey(
        "consultations.Comment", on_delete=models.CASCADE, related_name="+"
    )
    size = models.PositiveIntegerField()
    detected_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-size"]
        verbose_name = _("campaign")
        verbose_name_plural = _("campaigns")

    def __str__(self) -> str:
        return f"campaign of {self.size}"


class CampaignMember(models.Model):
    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="members")
    comment = models.OneToOneField(
        "consultations.Comment", on_delete=models.CASCADE, related_name="campaign_membership"
    )
    similarity = models.FloatField()

    def __str__(self) -> str:
        return f"#{self.comment_id} in {self.campaign_id}"


PROBE_BANDS = 8  # bands of the signature kept as indexed columns (search.campaigns)


class CommentSignature(models.Model):
    """A comment's MinHash signature (``search.campaigns``) and its first bands as indexed
    keys: a new comment finds its near-identical neighbours in its consultation by these keys
    the moment it is indexed, and joins (or forms) a campaign without waiting for a full pass.
    Like ``IndexedComment`` it is derived data: the full pass rewrites it."""

    comment_id = models.BigIntegerField(primary_key=True)
    consultation_id = models.BigIntegerField()
    signature = models.BinaryField()
    band_0 = models.BigIntegerField()
    band_1 = models.BigIntegerField()
    band_2 = models.BigIntegerField()
    band_3 = models.BigIntegerField()
    band_4 = models.BigIntegerField()
    band_5 = models.BigIntegerField()
    band_6 = models.BigIntegerField()
    band_7 = models.BigIntegerField()

    class Meta:
        indexes = [
            models.Index(fields=["consultation_id", f"band_{n}"], name=f"signature_band_{n}")
            for n in range(PROBE_BANDS)
        ]

    def __str__(self) -> str:
        return f"signature of #{self.comment_id}"


class ThemeCount(models.Model):
    """How many published comments of one consultation, stance and clause use a term (one
    count per comment): the dashboard's themes are read from these sums, kept up to date as
    comments are indexed, so they cost the same at a million comments as at a hundred. The row
    with the empty term counts the comments themselves."""

    consultation_id = models.BigIntegerField()
    stance = models.CharField(max_length=10, blank=True)
    clause_key = models.CharField(max_length=32, blank=True)
    term = models.CharField(max_length=100, blank=True)
    comments = models.IntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["consultation_id", "stance", "clause_key", "term"], name="one_theme_count"
            )
        ]
        indexes = [models.Index(fields=["consultation_id", "term"], name="theme_count_by_term")]

    def __str__(self) -> str:
        return f"{self.term}: {self.comments}"


class ThemeWord(models.Model):
    """How often each written word stands for a term in a consultation's published comments:
    a theme is shown as the word people wrote most ("pelayanan"), not as its stem."""

    consultation_id = models.BigIntegerField()
    term = models.CharField(max_length=100)
    word = models.CharField(max_length=100)
    uses = models.IntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["consultation_id", "term", "word"], name="one_theme_word"
            )
        ]

    def __str__(self) -> str:
        return f"{self.word} ({self.term})"


class ThemeContribution(models.Model):
    """What one comment adds to the theme counts now (its group and its terms and words), so
    an edit, a hide or a deletion takes exactly that away again."""

    comment_id = models.BigIntegerField(primary_key=True)
    consultation_id = models.BigIntegerField()
    stance = models.CharField(max_length=10, blank=True)
    clause_key = models.CharField(max_length=32, blank=True)
    words = models.JSONField(default=dict)  # term -> the word written for it

    def __str__(self) -> str:
        return f"themes of #{self.comment_id}"


class ThemeCountState(models.Model):
    """A consultation whose theme counts are complete: counted from all its comments once
    (``themes_recount``) and kept since. Until then its dashboard asks the search engine."""

    consultation_id = models.BigIntegerField(primary_key=True)
    counted_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"themes of consultation {self.consultation_id} counted"
