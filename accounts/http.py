"""Small helpers for views of every app."""

from __future__ import annotations

from django.utils.http import url_has_allowed_host_and_scheme


def safe_next(request, fallback: str) -> str:
    """The request's ``next`` address (POST, then GET) when it leads to this site, else
    ``fallback``: a ``next`` of ``//other.host`` or ``https://other.host`` is never followed."""
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return fallback
