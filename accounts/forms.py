from django import forms
from django.utils.translation import gettext_lazy as _

from accounts.choices import Province, RespondentType
from accounts.models import User


class SignupProfileForm(forms.Form):
    """Extra fields on allauth's sign-up form; allauth calls ``signup()`` after creating the user."""

    display_name = forms.CharField(
        label=_("Display name"),
        max_length=120,
        required=False,
        help_text=_("Shown with your public contributions. Leave empty to stay anonymous."),
    )
    respondent_type = forms.ChoiceField(
        label=_("I take part as"), choices=RespondentType.choices, initial=RespondentType.INDIVIDUAL
    )
    organisation = forms.CharField(label=_("Organisation"), max_length=200, required=False)
    province = forms.ChoiceField(
        label=_("Province"), choices=[("", _("— choose —")), *Province.choices], required=False
    )

    def clean(self):
        cleaned = super().clean()
        needs_organisation = cleaned.get("respondent_type") not in (None, RespondentType.INDIVIDUAL)
        if needs_organisation and not cleaned.get("organisation", "").strip():
            self.add_error("organisation", _("Please name the organisation you represent."))
        return cleaned

    def signup(self, request, user: User) -> None:
        user.display_name = self.cleaned_data["display_name"].strip()
        user.respondent_type = self.cleaned_data["respondent_type"]
        user.organisation = self.cleaned_data["organisation"].strip()
        user.province = self.cleaned_data["province"]
        user.save(update_fields=["display_name", "respondent_type", "organisation", "province"])
