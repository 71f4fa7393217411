"""How often a person, or an address, may do something: sliding windows kept in the cache
(shared by every process when Redis is configured), written in allauth's notation
("5/m/user,30/h/user,60/h/ip") so one setting style covers signing in and taking part.

Services ask it, not views: a form, the WebSocket and the API are limited alike. A refusal
records nothing and says how long until an attempt is admitted again (for ``Retry-After``)."""

from __future__ import annotations

import logging
import math
import re
import time
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache

logger = logging.getLogger(__name__)
UNITS = {"s": 1, "m": 60, "h": 3600, "d": 86400}
_RATE = re.compile(r"^(\d+)/(\d*)([smhd])/(user|ip)$")


@dataclass(frozen=True)
class Rate:
    amount: int
    seconds: int
    per: str  # "user" or "ip"


class RateLimited(Exception):
    def __init__(self, retry_after: int):
        super().__init__(f"retry after {retry_after} s")
        self.retry_after = retry_after


def parse_rates(spec: str | None) -> list[Rate]:
    """``"5/m/user,60/h/ip"`` → rates; a malformed part is a configuration error."""
    rates = []
    for part in filter(None, (p.strip() for p in (spec or "").split(","))):
        match = _RATE.match(part)
        if match is None:
            raise ValueError(f"Unreadable rate limit {part!r} (expected e.g. 5/m/user)")
        amount, count, unit, per = match.groups()
        rates.append(Rate(int(amount), int(count or 1) * UNITS[unit], per))
    return rates


def configured_rates(action: str) -> list[Rate]:
    """The rates for ``action`` in ``ACCOUNT_RATE_LIMITS`` (none when limits are switched off,
    as the test settings do)."""
    limits = getattr(settings, "ACCOUNT_RATE_LIMITS", None) or {}
    return parse_rates(limits.get(action))


def consume(action: str, *, user_id=None, ip: str | None = None, now: float | None = None) -> None:
    """Record one attempt at ``action``, or raise `RateLimited` with the seconds until every
    refusing window admits one again."""
    now = time.time() if now is None else now
    rates = configured_rates(action)  # a malformed setting is an error, not a cache outage
    try:
        _consume(action, rates, user_id=user_id, ip=ip, now=now)
    except RateLimited:
        raise
    except Exception:  # noqa: BLE001 - the cache (Redis) is down: admit rather than refuse all
        logger.warning("Rate limit for %s not checked: the cache is unavailable", action,
                       exc_info=True)  # fmt: skip


def _consume(action: str, rates: list[Rate], *, user_id, ip: str | None, now: float) -> None:
    wait = 0
    admitted = []
    for rate in rates:
        who = user_id if rate.per == "user" else ip
        if who is None:
            continue
        key = f"rembuk:ratelimit:{action}:{rate.amount}/{rate.seconds}/{rate.per}:{who}"
        history = sorted(t for t in cache.get(key, []) if t > now - rate.seconds)
        if len(history) >= rate.amount:
            # Admitted again when enough of the oldest attempts have left the window.
            frees_at = history[len(history) - rate.amount] + rate.seconds
            wait = max(wait, math.ceil(frees_at - now))
        admitted.append((key, rate, history))
    if wait:
        raise RateLimited(max(wait, 1))
    for key, rate, history in admitted:
        cache.set(key, [*history, now], rate.seconds)
