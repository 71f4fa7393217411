from django import forms
from django.utils.translation import gettext_lazy as _

from forums.services import MAX_POST_LENGTH


class PostForm(forms.Form):
    body = forms.CharField(
        label=_("Your post"), max_length=MAX_POST_LENGTH, widget=forms.Textarea(attrs={"rows": 4})
    )
    reply_to = forms.IntegerField(required=False, widget=forms.HiddenInput)


class ThreadForm(forms.Form):
    title = forms.CharField(label=_("Topic"), max_length=200)
    body = forms.CharField(
        label=_("First post"), max_length=MAX_POST_LENGTH, widget=forms.Textarea(attrs={"rows": 5})
    )
