from allauth.account.adapter import DefaultAccountAdapter
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
