from __future__ import annotations

from urllib.parse import urlencode

from django import forms
from django.utils.translation import gettext_lazy as _

from accounts.models import Agency
from cms.models import DraftPage, PolicyIndexPage, PolicyStage, Topic
from cms.selectors import policy_years


class PolicyFilterForm(forms.Form):
    """Filters of the policy index. Invalid values are dropped so the listing still renders."""

    stage = forms.ChoiceField(
        label=_("Stage"), required=False, choices=[("", _("All stages")), *PolicyStage.choices]
    )
    topic = forms.ModelChoiceField(
        label=_("Topic"),
        required=False,
        queryset=Topic.objects.all(),
        to_field_name="slug",
        empty_label=_("All topics"),
    )
    agency = forms.ModelChoiceField(
        label=_("Issuing agency"),
        required=False,
        queryset=Agency.objects.all(),
        to_field_name="slug",
        empty_label=_("All agencies"),
    )
    year = forms.TypedChoiceField(label=_("Year"), required=False, coerce=int, empty_value=None)

    def __init__(self, *args, index_page: PolicyIndexPage, **kwargs):
        super().__init__(*args, **kwargs)
        years = policy_years(index_page=index_page)
        self.fields["year"].choices = [("", _("All years"))] + [(y, str(y)) for y in years]

    def valid_filters(self) -> dict:
        if not self.is_bound:
            return {}
        self.is_valid()
        return {
            name: value
            for name, value in self.cleaned_data.items()
            if name not in self.errors and value not in (None, "")
        }

    @staticmethod
    def querystring(filters: dict) -> str:
        """The active filters as a query string, for pagination links."""
        params = {}
        for name, value in filters.items():
            params[name] = value.slug if isinstance(value, Topic | Agency) else value
        return urlencode(params)


class DraftComparisonForm(forms.Form):
    """Choose two versions to compare; without a choice, the latest two are compared."""

    dari = forms.TypedChoiceField(label=_("Compare version"), coerce=int)
    ke = forms.TypedChoiceField(label=_("with version"), coerce=int)

    def __init__(self, *args, drafts: list[DraftPage], **kwargs):
        super().__init__(*args, **kwargs)
        self.drafts = {draft.pk: draft for draft in drafts}
        choices = [(draft.pk, draft.title) for draft in drafts]
        self.fields["dari"].choices = choices
        self.fields["ke"].choices = choices
        if len(drafts) >= 2:
            self.initial = {"dari": drafts[-2].pk, "ke": drafts[-1].pk}

    def chosen_pair(self) -> tuple[DraftPage | None, DraftPage | None]:
        if self.is_bound and self.is_valid():
            return self.drafts[self.cleaned_data["dari"]], self.drafts[self.cleaned_data["ke"]]
        if len(self.drafts) < 2:
            return None, None
        return self.drafts[self.initial["dari"]], self.drafts[self.initial["ke"]]
