"""Personal data held about a user, gathered from every app that holds some.

Each app registers a source in its ``AppConfig.ready()``: how to export what it holds about a user,
and how to erase it (published contributions are anonymised, not destroyed). Exports and account
deletion go through every registered source, so a new app cannot be forgotten.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class PersonalDataSource:
    name: str
    export: Callable[[Any], Any]
    erase: Callable[[Any], None]


_sources: dict[str, PersonalDataSource] = {}


def register_personal_data_source(
    name: str, *, export: Callable[[Any], Any], erase: Callable[[Any], None]
) -> None:
    _sources[name] = PersonalDataSource(name=name, export=export, erase=erase)


def personal_data_sources() -> list[PersonalDataSource]:
    return list(_sources.values())
