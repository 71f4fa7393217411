import time

from allauth.account import app_settings as account_settings
from allauth.account.adapter import DefaultAccountAdapter
from allauth.account.authentication import get_authentication_records
from allauth.core import context
from django.core.exceptions import ValidationError

# How long a client stopped by a rate limit is told to wait (the 429 page says the same).
RETRY_AFTER_SECONDS = 300


class AccountAdapter(DefaultAccountAdapter):
    def pre_authenticate(self, request, **credentials):
        """Mark a login stopped by the failed-attempts limit so the response says 429 and
        Retry-After (allauth itself shows the message on the login form)."""
        try:
            super().pre_authenticate(request, **credentials)
        except ValidationError:
            request.rate_limited_retry_after = RETRY_AFTER_SECONDS
            raise

    def is_reauthentication_required(self, *, app: str, **kwargs) -> bool:
        """Enrolling a second factor right after signing in does not ask for the password a
        second time: a password given within the reauthentication timeout counts."""
        if not super().is_reauthentication_required(app=app, **kwargs):
            return False
        request = context.request
        if request is None or not request.user.is_authenticated:
            return True
        records = get_authentication_records(request, request.user)
        recent = [
            record for record in records
            if record.get("method") == "password"
            and time.time() - record.get("at", 0) < account_settings.REAUTHENTICATION_TIMEOUT
        ]  # fmt: skip
        return not recent
