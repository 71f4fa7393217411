import time
from dataclasses import dataclass
from urllib.parse import urlsplit, urlunsplit

from allauth.account import app_settings as account_settings
from allauth.account.adapter import DefaultAccountAdapter
from allauth.account.authentication import get_authentication_records
from allauth.core import context
from django.conf import settings
from django.core.exceptions import ValidationError
from wagtail.models import Site

# How long a client stopped by a rate limit is told to wait (the 429 page says the same).
RETRY_AFTER_SECONDS = 300


@dataclass(frozen=True)
class SiteIdentity:
    """What account emails call the site and where they link: the Wagtail site's name and the
    address in SITE_URL (which `make run` sets to the address it serves), never the host a
    request happened to use."""

    name: str
    domain: str


def site_identity() -> SiteIdentity:
    site = Site.objects.filter(is_default_site=True).only("site_name").first()
    return SiteIdentity(
        name=(site.site_name if site else "") or "Rembuk",
        domain=urlsplit(settings.WAGTAILADMIN_BASE_URL).netloc,
    )


def on_site_url(url: str) -> str:
    """The same path (and query) under SITE_URL."""
    base = urlsplit(settings.WAGTAILADMIN_BASE_URL)
    parts = urlsplit(url)
    return urlunsplit((base.scheme, base.netloc, parts.path, parts.query, parts.fragment))


class AccountAdapter(DefaultAccountAdapter):
    def send_mail(self, template_prefix: str, email: str, context: dict) -> None:
        super().send_mail(template_prefix, email, {**context, "current_site": site_identity()})

    def get_email_confirmation_url(self, request, emailconfirmation) -> str:
        return on_site_url(super().get_email_confirmation_url(request, emailconfirmation))

    def get_reset_password_from_key_url(self, key: str) -> str:
        return on_site_url(super().get_reset_password_from_key_url(key))

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
