"""What a consultation's phase allows, as django-rules predicates that the rules combine with
roles (see consultations/rules.py). The object is a consultation; anything else (an agency, a
policy) has no phase and allows nothing phase-bound."""

from __future__ import annotations

import rules


def _phase(obj):
    return getattr(obj, "phase", None)


@rules.predicate
def phase_responses_editable(user, consultation) -> bool:
    phase = _phase(consultation)
    return bool(phase and phase.responses_editable)


@rules.predicate
def phase_response_publishable(user, consultation) -> bool:
    phase = _phase(consultation)
    return bool(phase and phase.response_publishable)


@rules.predicate
def phase_analysis_can_start(user, consultation) -> bool:
    phase = _phase(consultation)
    return bool(phase and phase.analysis_can_start)


@rules.predicate
def phase_report_public(user, consultation) -> bool:
    phase = _phase(consultation)
    return bool(phase and phase.report_public)
