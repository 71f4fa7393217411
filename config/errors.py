"""Error responses in the site's look that reveal nothing about the server."""

from django.shortcuts import render

from accounts.adapter import RETRY_AFTER_SECONDS


def rate_limited(request, exception=None):
    """allauth calls ``config.urls.handler429`` when a rate limit is hit."""
    response = render(
        request, "429.html", {"retry_after_minutes": RETRY_AFTER_SECONDS // 60}, status=429
    )
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    return response
