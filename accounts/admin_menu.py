"""Admin menu items shown by a rule about the person, for every app's wagtail_hooks."""

from __future__ import annotations

from collections.abc import Callable

from wagtail.admin.menu import MenuItem


class RuleMenuItem(MenuItem):
    """A menu item shown to whoever ``shown_to(user)`` allows (a rules permission, a role):
    the same rules that decide the views decide the menus."""

    def __init__(self, *args, shown_to: Callable[..., bool], **kwargs):
        super().__init__(*args, **kwargs)
        self.shown_to = shown_to

    def is_shown(self, request) -> bool:
        return bool(self.shown_to(request.user))


def with_permission(permission: str) -> Callable[..., bool]:
    return lambda user: user.has_perm(permission)
