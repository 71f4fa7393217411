"""Live reader counts without a shared store or a round trip per reader.

Each server process counts its own open screens per thread and announces that number to the
thread's group: after a change (at most once per interval) and every HEARTBEAT seconds while it
has readers. Every process keeps the latest number heard from each process and shows the sum; a
process that stops announcing (it crashed or lost Redis) drops out of the sum after EXPIRY. A join
or a leave costs a dictionary update, so a crowd arriving at once costs no Redis traffic.
"""

from __future__ import annotations

import asyncio
import time
import uuid

PROCESS = uuid.uuid4().hex[:12]
HEARTBEAT_SECONDS = 30.0
EXPIRY_SECONDS = 75.0
# Above this many readers in one process, changes are announced with the heartbeat only: a
# crowd arriving at once must not cost every reader a frame every few seconds (measured with
# bench/fanout.py: at 5,000 readers, frequent counts delayed and lost posts).
CROWD = 100

_local: dict[int, int] = {}
_heard: dict[int, dict[str, tuple[int, float]]] = {}
_changed: dict[int, asyncio.Event] = {}
_announcers: dict[int, asyncio.Task] = {}


def reset() -> None:
    """Forget everything (tests run each scenario in a fresh event loop)."""
    _local.clear()
    _heard.clear()
    _changed.clear()
    _announcers.clear()


def join(thread_id: int) -> None:
    _local[thread_id] = _local.get(thread_id, 0) + 1
    _signal(thread_id)


def leave(thread_id: int) -> None:
    _local[thread_id] = max(_local.get(thread_id, 0) - 1, 0)
    _signal(thread_id)


def heard(thread_id: int, process: str, count: int) -> None:
    if process != PROCESS:
        _heard.setdefault(thread_id, {})[process] = (count, time.monotonic())


def total(thread_id: int) -> int:
    now = time.monotonic()
    others = sum(
        count for count, at in _heard.get(thread_id, {}).values() if now - at < EXPIRY_SECONDS
    )
    return _local.get(thread_id, 0) + others


def message(thread_id: int) -> dict:
    return {
        "type": "thread.readers",
        "thread": thread_id,
        "process": PROCESS,
        "count": _local.get(thread_id, 0),
    }


def _signal(thread_id: int) -> None:
    event = _changed.get(thread_id)
    if event is not None:
        event.set()


async def announce(layer, group: str, thread_id: int, *, interval: float) -> None:
    """Make sure this process's count reaches the group: at once when ``interval`` is 0,
    otherwise through one announcer task per thread (changes debounced by ``interval``, or by
    the heartbeat once the process has a crowd of readers; heartbeats while there are any)."""
    if not interval:
        await _send(layer, group, thread_id)
        return
    running = _announcers.get(thread_id)
    if running is not None and not running.done():
        return
    _changed[thread_id] = asyncio.Event()
    _announcers[thread_id] = asyncio.ensure_future(_announcer(layer, group, thread_id, interval))


async def _announcer(layer, group: str, thread_id: int, interval: float) -> None:
    changed = _changed[thread_id]
    while True:
        crowded = _local.get(thread_id, 0) >= CROWD
        await asyncio.sleep(HEARTBEAT_SECONDS if crowded else interval)
        changed.clear()
        await _send(layer, group, thread_id)
        if not _local.get(thread_id):
            _announcers.pop(thread_id, None)
            return
        try:
            await asyncio.wait_for(changed.wait(), timeout=HEARTBEAT_SECONDS)
        except TimeoutError:
            pass


async def _send(layer, group: str, thread_id: int) -> None:
    try:
        await layer.group_send(group, message(thread_id))
    except Exception:  # noqa: BLE001 - Redis away: the next change or heartbeat tries again
        return
