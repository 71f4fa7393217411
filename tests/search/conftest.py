"""Search fixtures. ``consultation`` (registered from ``ConsultationFactory`` in tests/conftest.py)
is an open consultation on Draf 2 of ``egov_policy``, run by ``komdigi``, without input;
``analysed`` is one with input and analysis (tests/factories/search_state.py)."""

import pytest

from tests.factories.search_state import build_analysed_consultation


@pytest.fixture
def analysed(
    consultation_factory, egov_drafts, moderator, drafter, django_capture_on_commit_callbacks
):
    """An open consultation on Draf 2 with participants' comments, a reply, a hidden spam
    comment, a form-letter campaign entered by the moderator and the drafter's codebook; every
    search index update applied through the outbox, as after the commits."""
    consultation = consultation_factory(draft=egov_drafts[1], title="Konsultasi publik Draf 2")
    with django_capture_on_commit_callbacks(execute=True):
        state = build_analysed_consultation(consultation, moderator=moderator, drafter=drafter)
    return state
