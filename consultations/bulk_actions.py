"""Moderation decisions as Wagtail bulk actions: a moderator selects comments in the queue,
chooses publish, hide or reject, confirms with a reason and a note, and returns to the queue.
Each decision goes through `services.comment_moderate`, as every other way of moderating does."""

from __future__ import annotations

from django import forms
from django.http import Http404
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from wagtail.admin.views.bulk_action import BulkAction

from consultations import services
from consultations.forms import error_message
from consultations.models import Comment, FlagReason, ModerationAction
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


class CommentModerationBulkAction(BulkAction):
    models = [Comment]
    form_class = DecisionForm
    template_name = "consultations/staff/confirm_bulk_moderation.html"
    moderation_action: str = ""
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
        # The queue offers no "select everything": a decision applies to comments a person saw.
        raise Http404("Select the comments to decide on")

    def check_perm(self, comment):
        return self.request.user.has_perm("consultations.moderate", comment.consultation)

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "question": self.question,
                "action_label": self.display_name, "header_icon": "comment"}  # fmt: skip

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

    def get_success_message(self, num_parent_objects, num_child_objects):
        return ngettext(
            "%(count)s comment updated.", "%(count)s comments updated.", num_parent_objects
        ) % {"count": num_parent_objects}


class PublishComments(CommentModerationBulkAction):
    display_name = _("Publish")
    action_type = "publish"
    aria_label = _("Publish the selected comments")
    action_priority = 10
    moderation_action = ModerationAction.APPROVE
    question = _("Publish these comments?")


class HideComments(CommentModerationBulkAction):
    display_name = _("Hide")
    action_type = "hide"
    aria_label = _("Hide the selected comments")
    action_priority = 20
    moderation_action = ModerationAction.HIDE
    question = _("Hide these comments? Their authors are told the reason and may appeal.")


class RejectComments(CommentModerationBulkAction):
    display_name = _("Reject")
    action_type = "reject"
    aria_label = _("Reject the selected comments")
    action_priority = 30
    moderation_action = ModerationAction.REJECT
    question = _("Reject these comments? Their authors are told the reason and may appeal.")


class RestoreComments(CommentModerationBulkAction):
    display_name = _("Restore")
    action_type = "restore"
    aria_label = _("Restore the selected comments")
    action_priority = 40
    moderation_action = ModerationAction.RESTORE
    question = _("Restore these comments to the public?")


BULK_ACTIONS = [PublishComments, HideComments, RejectComments, RestoreComments]
