from django import forms
from django.utils.translation import gettext_lazy as _

from forums.services import post_max_length


class PostBodyForm(forms.Form):
    """The length of a post is checked by the services (same error over HTTP and WebSocket);
    the form only tells the browser the limit."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["body"].widget.attrs["maxlength"] = post_max_length()


class PostForm(PostBodyForm):
    body = forms.CharField(label=_("Your post"), widget=forms.Textarea(attrs={"rows": 4}))
    reply_to = forms.IntegerField(required=False, widget=forms.HiddenInput)


class ThreadForm(PostBodyForm):
    title = forms.CharField(label=_("Topic"), max_length=200)
    body = forms.CharField(label=_("First post"), widget=forms.Textarea(attrs={"rows": 5}))
