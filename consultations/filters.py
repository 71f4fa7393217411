"""The moderation queue's filters, shown in the Wagtail admin's filter panel. The filtering
itself is `selectors.moderation_queue`: this only reads and checks what the person chose."""

from __future__ import annotations

import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import WagtailFilterSet

from consultations.models import Comment, CommentStatus, Stance

ALL_STATUSES = "semua"
DEFAULT_STATUS = CommentStatus.PENDING
YES = "1"


class ModerationQueueFilterSet(WagtailFilterSet):
    status = django_filters.ChoiceFilter(
        label=_("Status"),
        choices=[(ALL_STATUSES, _("All")), *CommentStatus.choices],
        empty_label=None,
        widget=forms.RadioSelect,
        method="chosen",
    )
    ayat = django_filters.ChoiceFilter(
        label=_("Clause"), choices=[], empty_label=_("All clauses"), method="chosen"
    )
    dilaporkan = django_filters.ChoiceFilter(
        label=_("Reported"),
        choices=[(YES, _("Reported only"))],
        empty_label=_("All"),
        widget=forms.RadioSelect,
        method="chosen",
    )
    banding = django_filters.ChoiceFilter(
        label=_("Appeals"),
        choices=[(YES, _("Open appeals only"))],
        empty_label=_("All"),
        widget=forms.RadioSelect,
        method="chosen",
    )

    class Meta:
        model = Comment
        fields: list[str] = []

    def __init__(self, data=None, *args, clause_choices=(), **kwargs):
        if data is not None and not data.get("status"):
            data = data.copy()
            data["status"] = DEFAULT_STATUS  # the queue opens on what waits for a decision
        super().__init__(data, *args, **kwargs)
        self.filters["ayat"].extra["choices"] = list(clause_choices)
        # Not a filter the person set: no "remove filter" button for it.
        self.filters["status"].extra["initial"] = DEFAULT_STATUS

    def chosen(self, queryset, name, value):
        return queryset  # the selector filters (see `selector_arguments`)

    def selector_arguments(self) -> dict:
        """What `selectors.moderation_queue` takes, from valid choices (the defaults otherwise)."""
        chosen = self.form.cleaned_data if self.is_valid() else {}
        status = chosen.get("status") or DEFAULT_STATUS
        return {
            "status": None if status == ALL_STATUSES else status,
            "clause_key": chosen.get("ayat") if chosen.get("ayat") else None,
            "flagged_only": chosen.get("dilaporkan") == YES,
            "open_appeals_only": chosen.get("banding") == YES,
        }


ANSWERED, NOT_ANSWERED = "ya", "belum"


class ResponseQueueFilterSet(WagtailFilterSet):
    """The comments a drafter answers: by clause, stance, and whether answered yet."""

    ayat = django_filters.ChoiceFilter(
        label=_("Clause"), choices=[], empty_label=_("All clauses"), method="chosen"
    )
    sikap = django_filters.ChoiceFilter(
        label=_("Stance"), choices=Stance.choices, empty_label=_("All"),
        widget=forms.RadioSelect, method="chosen",
    )  # fmt: skip
    dijawab = django_filters.ChoiceFilter(
        label=_("Answered"),
        choices=[(NOT_ANSWERED, _("Not answered yet")), (ANSWERED, _("Answered"))],
        empty_label=_("All"), widget=forms.RadioSelect, method="chosen",
    )  # fmt: skip

    class Meta:
        model = Comment
        fields: list[str] = []

    def __init__(self, *args, clause_choices=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.filters["ayat"].extra["choices"] = list(clause_choices)

    def chosen(self, queryset, name, value):
        return queryset  # the selector filters (see `selector_arguments`)

    def selector_arguments(self) -> dict:
        """What `selectors.comments_to_answer` takes, from valid choices."""
        chosen = self.form.cleaned_data if self.is_valid() else {}
        answered = {ANSWERED: True, NOT_ANSWERED: False}.get(chosen.get("dijawab"))
        return {
            "clause_key": chosen.get("ayat") or None,
            "stance": chosen.get("sikap") or None,
            "answered": answered,
        }
