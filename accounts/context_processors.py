"""Which layout the account pages (allauth's) use."""

from __future__ import annotations

from accounts.selectors import user_is_staff_member

STAFF_ACCOUNT_PATH = "/2fa/"


def account_layout(request) -> dict:
    """Second-factor pages of staff members in the admin's look (they enrol on their way to
    the admin); every other account page in the public site's. Only those paths ask who the
    person is, so other pages cost nothing."""
    if STAFF_ACCOUNT_PATH in request.path and user_is_staff_member(request.user):
        return {"account_layout": "staff/account_base.html"}
    return {"account_layout": "base.html"}
