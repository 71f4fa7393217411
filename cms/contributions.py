"""How apps above a lower one add to what it shows, without the lower app importing them.

A lower app owns a `Contributions` list (for example `DraftPage.context_contributions`); an app
above registers functions on it in its ``AppConfig.ready()``; the lower app calls them when it
renders. The same pattern as the personal-data registry in `accounts/privacy.py`.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any


class Contributions:
    """Functions registered by apps above, called with the same keyword arguments."""

    def __init__(self, purpose: str) -> None:
        self.purpose = purpose
        self._functions: list[Callable[..., Any]] = []

    def __repr__(self) -> str:
        return f"<Contributions {self.purpose}: {len(self._functions)}>"

    def register(self, function: Callable[..., Any]) -> Callable[..., Any]:
        """Add a function once (``ready()`` may run more than once in tests)."""
        if function not in self._functions:
            self._functions.append(function)
        return function

    def gather(self, **kwargs) -> list[Any]:
        """What each registered function returns, in registration order."""
        return [function(**kwargs) for function in self._functions]

    def merged(self, **kwargs) -> dict[str, Any]:
        """The registered functions' dictionaries merged into one (template context parts)."""
        merged: dict[str, Any] = {}
        for part in self.gather(**kwargs):
            merged.update(part)
        return merged


class TemplateSlots:
    """Named places in a page's template where apps above include templates of their own, so a
    page shows their parts (a follow button, discussions) without cms knowing what they are.
    Apps add to a slot in ``ready()``; the template includes each name in order."""

    def __init__(self, *names: str) -> None:
        self._templates: dict[str, list[str]] = {name: [] for name in names}

    def __repr__(self) -> str:
        return f"<TemplateSlots {self._templates}>"

    def add(self, slot: str, template_name: str) -> None:
        """An unknown slot is a ``KeyError``: a typo, not a part that silently never shows."""
        templates = self._templates[slot]
        if template_name not in templates:
            templates.append(template_name)

    def __getitem__(self, slot: str) -> list[str]:
        return self._templates[slot]
