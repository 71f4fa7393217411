"""The forum's error codes and what each tells a person: one table for the HTTP views and the
WebSocket consumer (codes are part of the protocol, docs/forum-protocol.md). Messages are lazy,
so each is translated when shown, in the language of that request or frame."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

MESSAGES = {
    # Refused by the services, whichever transport asked.
    "not_allowed": _("Sign in with a verified email address to take part."),
    "locked": _("This thread is locked."),
    "empty": _("Please write something."),
    "too_long": _("Your post is too long."),
    "reply_elsewhere": _("That post is not in this thread."),
    "bad_request": _("That request was not understood."),
    "rate_limited": _("You are posting too quickly. Please wait a minute and try again."),
    "reason_required": _("Choose a reason for hiding the post."),
    "duplicate_thread": _(
        "A discussion with this title already exists here. Join it, or give yours a title that "
        "says what is different."
    ),
    # Refused by the WebSocket consumer before any service is asked.
    "bad_json": _("Frame is not valid JSON."),
    "too_large": _("Frame is larger than 16 KB."),
    "unknown_type": _("Unknown message type."),
    "not_subscribed": _("Subscribe to a thread first."),
    "no_thread": _("No such thread."),
}


def error_message(code: str) -> str:
    """The message for an error code in the active language; an unknown code reads as
    ``bad_request`` rather than failing while an error is being reported."""
    return str(MESSAGES.get(code, MESSAGES["bad_request"]))
