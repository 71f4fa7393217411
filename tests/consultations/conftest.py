import datetime as dt

import pytest
from django.utils import timezone

from cms.drafts import outline_clauses
from consultations.models import Consultation, ModerationMode


@pytest.fixture
def open_consultation(egov_policy, egov_drafts):
    """The demo's open consultation on Draf 2 (post-moderation)."""
    return Consultation.objects.get(policy=egov_policy, draft=egov_drafts[1])


@pytest.fixture
def premoderated(egov_policy, egov_drafts):
    now = timezone.now()
    return Consultation.objects.create(
        policy=egov_policy,
        draft=egov_drafts[1],
        title="Konsultasi pramoderasi",
        opens_at=now - dt.timedelta(days=1),
        closes_at=now + dt.timedelta(days=10),
        moderation_mode=ModerationMode.PRE,
    )


@pytest.fixture
def clause_keys(egov_drafts):
    return [clause.key for clause in outline_clauses(egov_drafts[1].outline)]


@pytest.fixture
def citizen(user_factory):
    return user_factory(email="warga.uji@example.id", display_name="Warga Uji", province="51")
