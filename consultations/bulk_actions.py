"""Decisions on selected comments as Wagtail bulk actions. A moderator selects comments in the
queue, chooses publish, hide, reject or restore, confirms with a reason and a note; a drafter
selects comments that say the same and answers them together. Each goes through the service
every other way of doing it uses (`comment_moderate`, `comment_response_create`)."""

from __future__ import annotations

from collections import defaultdict

from django import forms
from django.http import Http404
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from wagtail.admin.views.bulk_action import BulkAction
from wagtail.admin.widgets.button import ListingButton

from consultations import services
from consultations.forms import error_message
from consultations.models import Comment, FlagReason, ModerationAction, Outcome
from consultations.services import CommentError


class DecisionForm(forms.Form):
    reason = forms.ChoiceField(
        label=_("Reason"), choices=[("", _("— choose —")), *FlagReason.choices], required=False
    )
    note = forms.CharField(
        label=_("Note"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("For the moderation log; the author is told the reason, not the note."),
    )


class CommentBulkAction(BulkAction):
    """A decision on comments selected in a consultation's listing, confirmed on a page that
    lists them; a refusal by the service (a missing reason, a closed phase) is shown there."""

    models = [Comment]
    template_name = "consultations/staff/confirm_bulk_action.html"
    question = ""

    @classmethod
    def get_queryset(cls, model, object_ids):
        ids = [int(pk) for pk in object_ids if str(pk).isdigit()]
        comments = list(
            Comment.objects.filter(pk__in=ids).select_related(
                "consultation__policy__agency", "consultation__draft", "author"
            )
        )
        if not comments:
            raise Http404("No such comments")
        return comments

    def get_all_objects_in_listing_query(self, parent_id):
        # The listings offer no "select everything": a decision applies to comments a person saw.
        raise Http404("Select the comments to decide on")

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "question": self.question,
                "action_label": self.display_name, "header_icon": "comment"}  # fmt: skip

    def form_valid(self, form):
        try:
            return super().form_valid(form)
        except CommentError as error:  # e.g. hiding without a reason: say so, change nothing
            form.add_error(None, error_message(error.code))
            return self.form_invalid(form)

    def form_invalid(self, form):
        response = super().form_invalid(form)
        response.status_code = 400
        return response


class ModerateComments(CommentBulkAction):
    form_class = DecisionForm
    moderation_action: str = ""

    def check_perm(self, comment):
        return self.request.user.has_perm("consultations.moderate", comment.consultation)

    def get_execution_context(self):
        return {
            "moderator": self.request.user,
            "action": self.moderation_action,
            "reason": self.cleaned_form.cleaned_data["reason"],
            "note": self.cleaned_form.cleaned_data["note"],
        }

    @classmethod
    def execute_action(cls, objects, *, moderator, action, reason, note, **kwargs):
        changed = services.comment_moderate(
            comments=objects, moderator=moderator, action=action, reason=reason, note=note
        )
        return changed, 0

    def get_success_message(self, num_parent_objects, num_child_objects):
        return ngettext(
            "%(count)s comment updated.", "%(count)s comments updated.", num_parent_objects
        ) % {"count": num_parent_objects}


class PublishComments(ModerateComments):
    display_name = _("Publish")
    action_type = "publish"
    aria_label = _("Publish the selected comments")
    action_priority = 10
    moderation_action = ModerationAction.APPROVE
    question = _("Publish these comments?")


class HideComments(ModerateComments):
    display_name = _("Hide")
    action_type = "hide"
    aria_label = _("Hide the selected comments")
    action_priority = 20
    moderation_action = ModerationAction.HIDE
    question = _("Hide these comments? Their authors are told the reason and may appeal.")


class RejectComments(ModerateComments):
    display_name = _("Reject")
    action_type = "reject"
    aria_label = _("Reject the selected comments")
    action_priority = 30
    moderation_action = ModerationAction.REJECT
    question = _("Reject these comments? Their authors are told the reason and may appeal.")


class RestoreComments(ModerateComments):
    display_name = _("Restore")
    action_type = "restore"
    aria_label = _("Restore the selected comments")
    action_priority = 40
    moderation_action = ModerationAction.RESTORE
    question = _("Restore these comments to the public?")


class ResponseForm(forms.Form):
    outcome = forms.ChoiceField(label=_("Outcome"), choices=Outcome.choices)
    text = forms.CharField(
        label=_("Explanation"),
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Published with the response report, beside each comment answered."),
    )


class AnswerComments(CommentBulkAction):
    """One response to the selected comments (they say the same); staff only until the report
    is published."""

    display_name = _("Answer")
    action_type = "respond"
    aria_label = _("Answer the selected comments together")
    action_priority = 10
    form_class = ResponseForm
    question = _("Answer these comments with one response?")

    def check_perm(self, comment):
        return self.request.user.has_perm("consultations.respond", comment.consultation)

    def get_execution_context(self):
        return {
            "author": self.request.user,
            "outcome": self.cleaned_form.cleaned_data["outcome"],
            "text": self.cleaned_form.cleaned_data["text"],
        }

    @classmethod
    def execute_action(cls, objects, *, author, outcome, text, **kwargs):
        by_consultation = defaultdict(list)
        for comment in objects:
            by_consultation[comment.consultation].append(comment)
        for consultation, comments in by_consultation.items():
            services.comment_response_create(
                consultation=consultation, author=author, comments=comments,
                outcome=outcome, text=text,
            )  # fmt: skip
        return len(objects), 0

    def get_success_message(self, num_parent_objects, num_child_objects):
        return ngettext(
            "The response to %(count)s comment has been saved.",
            "The response to %(count)s comments has been saved.",
            num_parent_objects,
        ) % {"count": num_parent_objects}


MODERATION_ACTIONS = (PublishComments, HideComments, RejectComments, RestoreComments)
RESPONSE_ACTIONS = (AnswerComments,)
BULK_ACTIONS = [*MODERATION_ACTIONS, *RESPONSE_ACTIONS]


def bulk_action_buttons(actions) -> list[ListingButton]:
    """The buttons of a listing's bulk action bar: only its own task's actions (Wagtail's bar
    would offer every action registered for comments)."""
    return [
        ListingButton(
            action.display_name,
            reverse("wagtail_bulk_action", args=["consultations", "comment", action.action_type]),
            attrs={"aria-label": action.aria_label, "data-bulk-action-button": ""},
            priority=action.action_priority,
            classname=" ".join(action.classes | {"bulk-action-btn"}),
        )
        for action in actions
    ]
