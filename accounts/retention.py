"""Retention rules: personal data kept for accountability is removed when its time is up.

Apps register a rule (a name and a function that purges what is older than its limit and returns
how many records it changed); ``manage.py apply_retention`` runs them all, and ``run_scheduler``
runs it once a day.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class RetentionRule:
    name: str
    purge: Callable[[], int]


_rules: dict[str, RetentionRule] = {}


def register_retention_rule(name: str, purge: Callable[[], int]) -> None:
    _rules[name] = RetentionRule(name=name, purge=purge)


def retention_rules() -> list[RetentionRule]:
    return list(_rules.values())
