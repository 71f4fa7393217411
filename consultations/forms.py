from __future__ import annotations

import uuid

from django import forms
from django.conf import settings
from django.core.validators import MaxLengthValidator
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from accounts.choices import ORGANISATION_REQUIRED, Province, RespondentType, organisation_missing
from consultations.models import Channel, FlagReason, ModerationAction, Stance

ERROR_MESSAGES = {
    "not_open": _("This consultation is not open for comments."),
    "unknown_clause": _("That clause is not part of this draft. Choose a clause from the list."),
    "not_allowed": _("You are not allowed to do this."),
    "edit_window_passed": _("Comments can only be edited shortly after they are sent."),
    "already_appealed": _("You have already appealed this decision."),
    "consent_required": _("Please agree to the processing of your personal data."),
    "empty": _("Please write your comment."),
    "too_long": _("Your comment is too long."),
    "reply_depth": _("You can reply to a comment, but not to a reply."),
    "reply_to_hidden": _("This comment can no longer be replied to."),
    "invalid_stance": _("Choose one of the stances offered."),
    "organisation_required": ORGANISATION_REQUIRED,
    "too_many_attachments": _("You can attach at most %(count)s files."),
    "attachment_too_large": _("Each attachment can be at most %(size)s MB."),
    "attachment_not_pdf": _("Attachments must be PDF documents."),
    "invalid_action": _("Choose a moderation action."),
    "reason_required": _("Choose a reason for hiding or rejecting."),
    "rate_limited": _("You are sending comments too quickly. Please try again in %(wait)s."),
    "honeypot": _("Your comment could not be accepted. Please try again."),
    "responses_not_open": _("Responses cannot be written in this phase of the consultation."),
    "report_before_closing": _(
        "The response report can be published once the consultation has closed. Until then "
        "your responses are saved and seen by staff only."
    ),
    "no_comments_selected": _("Select the comments this response answers."),
    "invalid_outcome": _("Choose an outcome."),
    "not_closed": _("Analysis can start once the consultation has closed."),
    "summary_required": _("Write a summary of what you heard."),
    "own_comment": _("You cannot support your own comment."),
}


def error_message(code: str, *, wait: int | None = None) -> str:
    """The message for a refusal's code; ``wait`` (seconds) says when to try again."""
    return str(ERROR_MESSAGES.get(code, ERROR_MESSAGES["not_allowed"])) % {
        "count": settings.COMMENT_ATTACHMENTS_MAX,
        "size": settings.COMMENT_ATTACHMENT_MAX_BYTES // (1024 * 1024),
        "wait": wait_in_words(wait or 60),
    }


def wait_in_words(seconds: int) -> str:
    """ "40 seconds", "5 minutes": how long until a limited action is admitted again."""
    if seconds < 60:
        return ngettext("%(n)s second", "%(n)s seconds", seconds) % {"n": seconds}
    minutes = -(-seconds // 60)
    return ngettext("%(n)s minute", "%(n)s minutes", minutes) % {"n": minutes}


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput(attrs={"accept": "application/pdf"}))
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        if isinstance(data, list | tuple):
            return [super(MultipleFileField, self).clean(item, initial) for item in data]
        return [super().clean(data, initial)] if data else []


class CommentForm(forms.Form):
    """A comment on the whole draft or one clause. Invalid input is shown back as typed."""

    clause_key = forms.ChoiceField(label=_("Comment on"), required=False)
    # Missing answers are told in the project's words, as the service would say them, rather
    # than Django's generic "This field is required."
    stance = forms.ChoiceField(
        label=_("Your position"), choices=Stance.choices, widget=forms.RadioSelect,
        error_messages={"required": ERROR_MESSAGES["invalid_stance"]},
    )  # fmt: skip
    body = forms.CharField(
        label=_("Your comment"),
        error_messages={"required": ERROR_MESSAGES["empty"]},
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_("Plain text. Leave an empty line between paragraphs; links are allowed."),
    )
    proposed_wording = forms.CharField(
        label=_("Proposed wording (optional)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("If you propose different wording for the clause, write it here in full."),
    )
    respondent_type = forms.ChoiceField(
        label=_("I take part as"), choices=RespondentType.choices,
        error_messages={"required": _("Say in which capacity you take part.")},
    )  # fmt: skip
    organisation = forms.CharField(label=_("Organisation"), max_length=200, required=False)
    province = forms.ChoiceField(
        label=_("Province"), choices=[("", _("— choose —")), *Province.choices], required=False
    )
    show_name = forms.TypedChoiceField(
        label=_("How your comment appears to the public"),
        choices=[("1", _("With my name")), ("0", _("Anonymously (moderators still see who I am)"))],
        coerce=lambda value: value == "1",
        widget=forms.RadioSelect,
        initial="1",
    )
    attachments = MultipleFileField(
        label=_("Attachments (PDF, optional)"),
        required=False,
    )
    consent = forms.BooleanField(
        label=_(
            "I agree that my comment and the details above are processed to take my input into "
            "account in this policy, as described in the privacy notice."
        ),
        error_messages={"required": ERROR_MESSAGES["consent_required"]},
    )
    website = forms.CharField(
        label=_("Leave this field empty"), required=False, widget=forms.TextInput(attrs={
            "autocomplete": "off", "tabindex": "-1"})
    )  # fmt: skip
    submission_key = forms.UUIDField(widget=forms.HiddenInput)

    def __init__(self, *args, clause_choices: list[tuple[str, str]], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["clause_key"].choices = clause_choices
        for name in ("body", "proposed_wording"):
            self.fields[name].validators.append(MaxLengthValidator(settings.COMMENT_MAX_LENGTH))
            self.fields[name].widget.attrs["maxlength"] = settings.COMMENT_MAX_LENGTH
        if not self.is_bound:
            self.initial.setdefault("submission_key", uuid.uuid4())

    def clean(self):
        cleaned = super().clean()
        if organisation_missing(cleaned.get("respondent_type"), cleaned.get("organisation")):
            self.add_error("organisation", ERROR_MESSAGES["organisation_required"])
        return cleaned


class ReplyForm(forms.Form):
    body = forms.CharField(label=_("Your reply"), widget=forms.Textarea(attrs={"rows": 4}))
    show_name = forms.BooleanField(label=_("Show my name"), required=False, initial=True)
    consent = forms.BooleanField(label=_("I agree to the processing of my reply as described in the privacy notice."))  # fmt: skip
    website = forms.CharField(label=_("Leave this field empty"), required=False)
    submission_key = forms.UUIDField(widget=forms.HiddenInput)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["body"].validators.append(MaxLengthValidator(settings.COMMENT_MAX_LENGTH))
        if not self.is_bound:
            self.initial.setdefault("submission_key", uuid.uuid4())


class EditForm(forms.Form):
    body = forms.CharField(label=_("Your comment"), widget=forms.Textarea(attrs={"rows": 8}))
    proposed_wording = forms.CharField(
        label=_("Proposed wording (optional)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )


class FlagForm(forms.Form):
    reason = forms.ChoiceField(
        label=_("Why are you reporting this comment?"), choices=FlagReason.choices
    )


class AppealForm(forms.Form):
    text = forms.CharField(
        label=_("Why should the decision be reconsidered?"),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=2000,
    )


class ModerationForm(forms.Form):
    comments = forms.TypedMultipleChoiceField(coerce=int, label=_("Comments"))
    action = forms.ChoiceField(
        label=_("Action"),
        choices=[
            (value, label)
            for value, label in ModerationAction.choices
            if value != ModerationAction.AUTO_HIDE
        ],
    )
    reason = forms.ChoiceField(
        label=_("Reason"), choices=[("", _("— choose —")), *FlagReason.choices], required=False
    )
    note = forms.CharField(label=_("Note"), required=False, max_length=2000)

    def __init__(self, *args, comment_ids: list[int], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["comments"].choices = [(pk, pk) for pk in comment_ids]


class ClauseResponseForm(forms.Form):
    clause_key = forms.CharField(required=False, widget=forms.HiddenInput)
    text = forms.CharField(
        label=_("Response"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )


class ThemeResponseForm(forms.Form):
    title = forms.CharField(label=_("Theme"), max_length=200)
    text = forms.CharField(label=_("Response"), widget=forms.Textarea(attrs={"rows": 3}))
    comment_count = forms.IntegerField(label=_("Comments on this theme"), min_value=0, initial=0)


class PublishResponseForm(forms.Form):
    summary = forms.CharField(
        label=_("What we heard: summary"),
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Shown at the top of the public report."),
    )


class OfflineInputForm(CommentForm):
    """Staff enter input received by letter, at a hearing, by email, or with assistance."""

    submitter_name = forms.CharField(label=_("Name of the person or organisation"), max_length=200)
    channel = forms.ChoiceField(label=_("Received by"), choices=[])
    consent = forms.BooleanField(
        label=_("The person agreed to the processing of their input and details.")
    )
    attachments = MultipleFileField(label=_("Scan of the letter or notes (PDF)"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["channel"].choices = [c for c in Channel.choices if c[0] != Channel.ONLINE]
        del self.fields["website"]
        self.order_fields(["submitter_name", "channel", "clause_key", "stance", "body"])
