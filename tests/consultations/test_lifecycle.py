"""A consultation's phase follows from the clock and two decisions; no scheduled job needed."""

import datetime as dt

import pytest

from consultations.models import Consultation
from consultations.phases import consultation_phase

OPENS = dt.datetime(2026, 6, 1, 2, tzinfo=dt.UTC)
CLOSES = dt.datetime(2026, 8, 31, 17, tzinfo=dt.UTC)


def phase_at(when, **decisions):
    consultation = Consultation(opens_at=OPENS, closes_at=CLOSES, **decisions)
    return consultation_phase(consultation, at=when).key


@pytest.mark.parametrize(
    ("when", "expected"),
    [
        (OPENS - dt.timedelta(seconds=1), "upcoming"),
        (OPENS, "open"),
        (CLOSES - dt.timedelta(seconds=1), "open"),
        (CLOSES, "closed"),
        (CLOSES + dt.timedelta(days=30), "closed"),
    ],
)
def test_phase_by_time(when, expected):
    assert phase_at(when) == expected


def test_analysis_and_response_are_decisions():
    after = CLOSES + dt.timedelta(days=2)
    started = CLOSES + dt.timedelta(days=1)
    assert phase_at(after, analysis_started_at=started) == "analysis"
    assert phase_at(after, analysis_started_at=started, response_published_at=started) == "response"
    # A response scheduled for later is not published yet.
    assert phase_at(after, response_published_at=after + dt.timedelta(days=1)) == "closed"


def test_only_the_open_phase_accepts_comments():
    accepts = {
        key: consultation_phase(
            Consultation(opens_at=OPENS, closes_at=CLOSES), at=when
        ).accepts_comments
        for key, when in {"upcoming": OPENS - dt.timedelta(days=1), "open": OPENS,
                          "closed": CLOSES}.items()
    }  # fmt: skip
    assert accepts == {"upcoming": False, "open": True, "closed": False}


@pytest.mark.django_db
def test_draft_page_shows_phase_countdown_and_counts(client, open_consultation, input_on):
    input_on(open_consultation)
    html = client.get(open_consultation.draft.url).content.decode()
    assert "Konsultasi publik Draf 2" in html
    assert "Terbuka untuk komentar" in html
    assert "hari lagi" in html
    assert "6 komentar dari 5 peserta" in html  # 2 of them emails entered by staff
    assert "3 komentar disembunyikan oleh moderasi" in html
    assert "WIB" in html


@pytest.mark.django_db
def test_times_are_shown_in_the_readers_zone(client, open_consultation, user_factory):
    client.force_login(user_factory(province="94"))  # Papua Tengah: WIT
    html = client.get(open_consultation.draft.url).content.decode()
    assert "WIT<" in html
