"""``/healthz``: the state of each component, for load balancers and operators.

Only the database is required: without it the answer is 503. The cache and channel layer (Redis),
the search engine and the task queue are reported but optional: pages and posting keep working
while they are away (live updates fall back to catch-up), so the answer is 200 "degraded" and a load
balancer does not take every worker out of service because Redis restarts.
"""

from __future__ import annotations

import asyncio
import time
import uuid
from collections.abc import Awaitable, Callable

from asgiref.sync import sync_to_async
from channels.layers import get_channel_layer
from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.http import HttpRequest, JsonResponse
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django_tasks_db.models import DBTaskResult

from search.engine import get_engine
from search.services import pending_count

CHECK_TIMEOUT_SECONDS = 3.0


def _check_database() -> dict:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()
    return {"engine": connection.vendor}


def _check_cache() -> dict:
    key = f"healthz:{uuid.uuid4().hex}"
    cache.set(key, "1", timeout=10)
    if cache.get(key) != "1":
        raise RuntimeError("value written to the cache could not be read back")
    cache.delete(key)
    return {"backend": settings.CACHES["default"]["BACKEND"].rsplit(".", 1)[-1]}


async def _check_channel_layer() -> dict:
    layer = get_channel_layer()
    if layer is None:
        raise RuntimeError("no channel layer configured")
    channel = await layer.new_channel("healthz.")
    await layer.send(channel, {"type": "healthz.ping"})
    message = await layer.receive(channel)
    if message.get("type") != "healthz.ping":
        raise RuntimeError("channel layer returned an unexpected message")
    return {"backend": type(layer).__name__}


def _check_search() -> dict:
    """The comment search engine answers (its ``health()`` raises otherwise), with the number
    of comment updates waiting in the outbox: they pile up while the engine is away."""
    return {**get_engine().health(), "pending_updates": pending_count()}


QUEUE_STALE_AFTER = 10 * 60


def _check_tasks() -> dict:
    """With the database queue, report how long the oldest task has waited: a long wait means
    no worker is running (emails and indexing pile up, nothing is lost)."""
    backend = settings.TASKS["default"]["BACKEND"]
    details = {"backend": backend.rsplit(".", 1)[-1]}
    if backend == "django_tasks_db.DatabaseBackend":
        oldest = (
            DBTaskResult.objects.ready()
            .order_by("enqueued_at")
            .values_list("enqueued_at", flat=True)
            .first()
        )
        waited = (timezone.now() - oldest).total_seconds() if oldest else 0
        details["oldest_waiting_seconds"] = round(waited)
        if waited > QUEUE_STALE_AFTER:
            raise RuntimeError(
                f"tasks have waited {round(waited)} s: is `manage.py db_worker` running?"
            )
    return details


async def _run(check: Callable[[], Awaitable[dict]]) -> dict:
    started = time.perf_counter()
    try:
        details = await asyncio.wait_for(check(), timeout=CHECK_TIMEOUT_SECONDS)
        status = "ok"
    except Exception as exc:  # a health check reports every failure instead of raising it
        details = {"error": f"{type(exc).__name__}: {exc}"[:300]}
        status = "down"
    elapsed_ms = round((time.perf_counter() - started) * 1000, 1)
    return {"status": status, "latency_ms": elapsed_ms, **details}


@never_cache
async def healthz(request: HttpRequest) -> JsonResponse:
    checks = {
        "database": (True, sync_to_async(_check_database)),
        "cache": (False, sync_to_async(_check_cache)),
        "channel_layer": (False, _check_channel_layer),
        "search": (False, sync_to_async(_check_search)),
        "tasks": (False, sync_to_async(_check_tasks)),
    }
    results = await asyncio.gather(*(_run(check) for _, check in checks.values()))
    components = {}
    required_down = optional_down = False
    for (name, (required, _)), result in zip(checks.items(), results, strict=True):
        components[name] = {"required": required, **result}
        if result["status"] != "ok":
            required_down = required_down or required
            optional_down = optional_down or not required
    overall = "down" if required_down else ("degraded" if optional_down else "ok")
    return JsonResponse(
        {"status": overall, "components": components}, status=503 if required_down else 200
    )
