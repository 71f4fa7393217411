"""How a test tells that a page refused someone, in the ways the site refuses."""

from django.urls import reverse


def sent_to_sign_in(response) -> bool:
    return response.status_code == 302 and "/login/" in response.headers.get("location", "")


def refused(response) -> bool:
    """403; a visitor or participant sent to sign in; or a signed-in staff member sent to the
    admin home, which says "you do not have permission" (Wagtail's way in its admin)."""
    location = response.headers.get("location", "")
    return (
        response.status_code == 403
        or sent_to_sign_in(response)
        or (response.status_code == 302 and location == reverse("wagtailadmin_home"))
    )
