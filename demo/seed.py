"""Reads the Indonesian e-government overview the project started from into structured parts."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

SEED_PATH = Path(__file__).with_name("e-government-overview.id.txt")
_STAGE = re.compile(r"^Tingkat (\d) [–-] (\w+)")


@dataclass
class SeedText:
    paragraphs: list[str]
    definition: list[str]
    activities: list[str]
    goals: list[str]
    stages: list[tuple[str, list[str]]] = field(default_factory=list)
    related_topics: list[str] = field(default_factory=list)


def _bullets_after(lines: list[str], marker: str) -> tuple[list[str], int]:
    start = next(i for i, line in enumerate(lines) if marker in line) + 1
    items = []
    index = start
    while index < len(lines) and lines[index].startswith("- "):
        items.append(lines[index][2:].strip())
        index += 1
    return items, index


def read_seed(path: Path = SEED_PATH) -> SeedText:
    lines = [line.strip() for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    definition = [s.strip() + "." for s in lines[0].split(".") if s.strip()]
    activities, _ = _bullets_after(lines, "2 (dua) aktivitas")
    goals, _ = _bullets_after(lines, "4 (empat) tujuan")
    stage_lines, end = _bullets_after(lines, "4 (empat) tingkatan")
    stages: list[tuple[str, list[str]]] = []
    for item in stage_lines:
        match = _STAGE.match(item)
        if match:
            stages.append((match.group(2), []))
        else:
            stages[-1][1].append(item)
    # The last stage's description follows as a plain line after the bullet list.
    if end < len(lines) and not lines[end].endswith(":"):
        stages[-1][1].append(lines[end])
    related, _ = _bullets_after(lines, "Pembahasan lain")
    paragraphs = [line for line in lines if not line.startswith("- ") and not line.endswith(":")]
    return SeedText(
        paragraphs=paragraphs,
        definition=definition,
        activities=activities,
        goals=goals,
        stages=stages,
        related_topics=related,
    )
