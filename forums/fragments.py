"""A post as HTML, rendered once per event for every screen of a thread: live posts and loaded
posts come from the same template, so they read the same (time zone, language, formatting)."""

from __future__ import annotations

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.crypto import salted_hmac
from django.utils.translation import pgettext_lazy

from consultations.models import FlagReason
from forums.models import Post

POST_TEMPLATE = "forums/includes/post.html"
# Each reaction's symbol and its name: the name is what a screen reader says, with the count.
REACTIONS = [
    ("like", "👍", pgettext_lazy("forum reaction", "Like")),
    ("thanks", "🙏", pgettext_lazy("forum reaction", "Thanks")),
    ("idea", "💡", pgettext_lazy("forum reaction", "Good idea")),
]


def owner_key(user_id: int | None) -> str:
    """A stable mark of a post's author that the page can compare with its reader's own, so the
    browser can switch on the author's controls without the page showing account numbers."""
    if user_id is None:
        return ""
    return salted_hmac("forums.post-owner", str(user_id)).hexdigest()[:20]


def post_context(*, reaction_counts: dict, post_max_length: int) -> dict:
    """What the post template needs besides the post and its reader."""
    return {
        "reaction_kinds": REACTIONS,
        "reaction_counts": reaction_counts,
        "flag_reasons": FlagReason.choices,
        "post_max_length": post_max_length,
    }


def post_fragments(post: Post, *, reaction_counts: dict, post_max_length: int) -> dict[str, str]:
    """The post as no one in particular sees it, in each of the site's languages and in the
    site's time zone. The reader's own controls (edit and delete for the author, hide and
    restore for moderators) are in it but hidden; the thread script switches them on."""
    context = {
        "post": post,
        "neutral": True,
        **post_context(reaction_counts=reaction_counts, post_max_length=post_max_length),
    }
    fragments = {}
    with timezone.override(settings.TIME_ZONE):
        for code, _name in settings.LANGUAGES:
            with translation.override(code):
                fragments[code] = render_to_string(POST_TEMPLATE, context).strip()
    return fragments
