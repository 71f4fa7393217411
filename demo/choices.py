"""The choices (enums) the demo's data is written with.

This is the one demo module that imports the apps' model modules, and it takes only choices from
them: everything the demo writes goes through the apps' services (the import-linter contract in
pyproject.toml and tests/demo keep it so).
"""

from accounts.models import StaffRole
from consultations.models import (
    Channel,
    CommentStatus,
    FlagReason,
    ModerationAction,
    ModerationMode,
    Stance,
)

__all__ = [
    "Channel",
    "CommentStatus",
    "FlagReason",
    "ModerationAction",
    "ModerationMode",
    "Stance",
    "StaffRole",
]
