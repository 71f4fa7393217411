from __future__ import annotations

import functools

from django.conf import settings
from django.contrib import messages
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from accounts.selectors import user_has_second_factor, user_is_staff_member

# Session key: the staff page a person wanted before enrolling a second factor.
MFA_ONBOARDING_NEXT = "rembuk_mfa_onboarding_next"


@functools.cache
def _admin_assets() -> frozenset[str]:
    """What the admin's look loads besides the page (its JavaScript catalogue, its icons): the
    enrolment page shown in that look needs them too, so they are never redirected to it."""
    return frozenset({reverse("wagtailadmin_javascript_catalog"), reverse("wagtailadmin_sprite")})


def _is_staff_area(path: str) -> bool:
    prefixes = [f"/{settings.ADMIN_URL_PATH}/"]
    for code, _name in settings.LANGUAGES:
        prefixes.append(f"/{code}/staf/")
    prefixes.append("/staf/")
    return any(path.startswith(prefix) for prefix in prefixes)


class StaffTwoFactorMiddleware:
    """Staff reach the admin and staff views only after enrolling a second factor."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = request.user
        if (
            _is_staff_area(request.path)
            and request.path not in _admin_assets()
            and user.is_authenticated
            and user_is_staff_member(user)
        ):
            if user_has_second_factor(user):
                request.session.pop(MFA_ONBOARDING_NEXT, None)
                return self.get_response(request)
            # Said once, however often the person tries a staff page before enrolling; the
            # page they wanted is kept for the "continue" link after the recovery codes.
            if request.session.get(MFA_ONBOARDING_NEXT) is None:
                messages.warning(
                    request,
                    _(
                        "Staff accounts must use two-factor authentication. Set up an "
                        "authenticator app to continue."
                    ),
                )
            request.session[MFA_ONBOARDING_NEXT] = request.get_full_path()
            activate = reverse("mfa_activate_totp")
            return redirect(f"{activate}?{urlencode({'next': request.get_full_path()})}")
        return self.get_response(request)


class RateLimitResponseMiddleware:
    """A request stopped by a rate limit inside a form answers 429 with Retry-After."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        retry_after = getattr(request, "rate_limited_retry_after", None)
        if retry_after and response.status_code == 200:
            response.status_code = 429
            response["Retry-After"] = str(retry_after)
        return response
