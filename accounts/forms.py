from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from accounts.choices import (
    ORGANISATION_REQUIRED,
    Province,
    RespondentType,
    organisation_missing,
)
from accounts.models import Agency, User


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
        if organisation_missing(cleaned.get("respondent_type"), cleaned.get("organisation")):
            self.add_error("organisation", ORGANISATION_REQUIRED)
        return cleaned

    def signup(self, request, user: User) -> None:
        user.display_name = self.cleaned_data["display_name"].strip()
        user.respondent_type = self.cleaned_data["respondent_type"]
        user.organisation = self.cleaned_data["organisation"].strip()
        user.province = self.cleaned_data["province"]
        user.save(update_fields=["display_name", "respondent_type", "organisation", "province"])


class ProfileForm(forms.ModelForm):
    class Meta:
        model = User
        fields = [
            "display_name",
            "respondent_type",
            "organisation",
            "province",
            "notify_replies",
            "notify_moderation",
            "notify_followed",
        ]

    def clean(self):
        cleaned = super().clean()
        if organisation_missing(cleaned.get("respondent_type"), cleaned.get("organisation")):
            self.add_error("organisation", ORGANISATION_REQUIRED)
        return cleaned


class RepresentationRequestForm(forms.Form):
    agency = forms.ModelChoiceField(label=_("Agency"), queryset=None, empty_label=_("— choose —"))
    position = forms.CharField(
        label=pgettext_lazy("job title", "Your position"),
        max_length=200,
        help_text=_("For example: Head of the Public Relations Division."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agency"].queryset = Agency.objects.all()

    def clean_position(self):
        position = self.cleaned_data["position"].strip()
        if not position:
            raise forms.ValidationError(_("Please give your position."))
        return position


class AccountDeleteForm(forms.Form):
    password = forms.CharField(
        label=_("Your password"),
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )
    confirm = forms.BooleanField(
        label=_("I understand that my account is deleted for good and cannot be restored."),
    )

    def __init__(self, *args, user: User, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user

    def clean_password(self):
        password = self.cleaned_data["password"]
        if not self.user.check_password(password):
            raise forms.ValidationError(_("That is not your password."))
        return password
