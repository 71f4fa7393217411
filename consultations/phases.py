"""The lifecycle of a consultation as data: what each phase allows.

The phase is derived from the clock and from two decisions (analysis started, response
published), so no scheduled job is needed to open or close a consultation.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Phase:
    """What a phase allows. Rules, services and templates read these flags; nothing outside
    this module compares phase keys (the key is for CSS classes and exports)."""

    key: str
    label: Promise
    accepts_comments: bool  # participants comment, reply and support
    accepts_moderation: bool  # moderators decide on comments and appeals
    responses_editable: (
        bool  # drafters draft and edit responses (seen by staff only until published)
    )
    response_publishable: bool  # the "what we heard" report may be published
    analysis_can_start: bool  # drafters may mark the start of analysis
    report_public: bool  # "what we heard" is public
    shows_opening_time: bool  # the banner announces when comments open


UPCOMING = Phase("upcoming", _("Upcoming"), False, False, False, False, False, False, True)
# Drafters prepare responses while comments come in; they are published after closing.
OPEN = Phase("open", _("Open for comments"), True, True, True, False, False, False, False)
CLOSED = Phase("closed", _("Closed"), False, True, True, True, True, False, False)
UNDER_ANALYSIS = Phase(
    "analysis", _("Under analysis"), False, True, True, True, False, False, False
)
RESPONSE_PUBLISHED = Phase(
    "response", _("Response published"), False, True, True, True, False, True, False
)

PHASES = {
    phase.key: phase for phase in (UPCOMING, OPEN, CLOSED, UNDER_ANALYSIS, RESPONSE_PUBLISHED)
}


def consultation_phase(consultation, *, at: dt.datetime | None = None) -> Phase:
    at = at or timezone.now()
    if consultation.response_published_at and consultation.response_published_at <= at:
        return RESPONSE_PUBLISHED
    if consultation.analysis_started_at and consultation.analysis_started_at <= at:
        return UNDER_ANALYSIS
    if at < consultation.opens_at:
        return UPCOMING
    if at < consultation.closes_at:
        return OPEN
    return CLOSED
