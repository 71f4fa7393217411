"""Production: everything hardened; a missing secret stops the process at start."""

from config.env import env_bool, env_int, env_str
from config.settings.base import *  # noqa: F403

if DEBUG:  # noqa: F405
    raise InvalidEnvironment(  # noqa: F405
        "Environment variable DJANGO_DEBUG must be off with config.settings.production."
    )

SECURE_PROXY_SSL_HEADER = (
    ("HTTP_X_FORWARDED_PROTO", "https") if env_bool("TRUST_X_FORWARDED_PROTO", True) else None
)
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", default=True)
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SESSION_COOKIE_HTTPONLY = True
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 31_536_000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", default=True)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", default=True)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
X_FRAME_OPTIONS = "DENY"
DATABASES["default"]["CONN_MAX_AGE"] = env_int("DATABASE_CONN_MAX_AGE", 0)  # noqa: F405
ACCOUNT_DEFAULT_HTTP_PROTOCOL = "https"
LOGGING["root"]["level"] = env_str("LOG_LEVEL", "WARNING")  # noqa: F405
