"""Every deploy-time value is read here, from environment variables, with a safe default.

A bad value raises ``InvalidEnvironment`` whose message names the variable, so an operator sees
one clear line instead of a traceback (``manage.py`` and ``config/asgi.py`` print it).
"""

from __future__ import annotations

import os
from urllib.parse import urlsplit

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", ""}


class InvalidEnvironment(ImproperlyConfigured):
    """An environment variable is missing or malformed."""


def env_str(name: str, default: str = "") -> str:
    return os.environ.get(name, default).strip()


def env_required(name: str, why: str) -> str:
    value = env_str(name)
    if not value:
        raise InvalidEnvironment(f"Environment variable {name} is required {why}.")
    return value


def env_bool(name: str, default: bool) -> bool:
    raw = os.environ.get(name)
    if raw is None:
        return default
    value = raw.strip().lower()
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    raise InvalidEnvironment(
        f"Environment variable {name} must be true or false (1/0, yes/no, on/off), got {raw!r}."
    )


def env_int(name: str, default: int, *, minimum: int = 0) -> int:
    raw = os.environ.get(name)
    if raw is None or not raw.strip():
        return default
    try:
        value = int(raw)
    except ValueError:
        raise InvalidEnvironment(
            f"Environment variable {name} must be a whole number, got {raw!r}."
        ) from None
    if value < minimum:
        raise InvalidEnvironment(
            f"Environment variable {name} must be at least {minimum}, got {value}."
        )
    return value


def env_list(name: str, default: list[str]) -> list[str]:
    raw = os.environ.get(name)
    if raw is None:
        return default
    return [item.strip() for item in raw.split(",") if item.strip()]


def env_url(name: str, *, schemes: tuple[str, ...]) -> str:
    """A URL with one of ``schemes`` and a host, or "" when unset."""
    raw = env_str(name)
    if not raw:
        return ""
    parts = urlsplit(raw)
    if parts.scheme not in schemes or not parts.hostname:
        raise InvalidEnvironment(
            f"Environment variable {name} must be a URL like {schemes[0]}://host:port, got {raw!r}."
        )
    return raw


def env_database(name: str, default: str) -> dict:
    raw = env_str(name) or default
    try:
        config = dj_database_url.parse(raw, conn_max_age=0, conn_health_checks=True)
    except Exception as exc:  # dj-database-url raises several types for a bad URL
        raise InvalidEnvironment(
            f"Environment variable {name} is not a valid database URL ({exc}); "
            "use e.g. sqlite:///path/db.sqlite3 or postgres://user@host:5432/name."
        ) from None
    if not config.get("ENGINE"):
        raise InvalidEnvironment(f"Environment variable {name} names an unknown database: {raw!r}.")
    return config
