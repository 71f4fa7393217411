"""Not yet moved to factories: these tests still read the demo site (see the report on the
`factories` branch). The demo is loaded once per module and rolled back after it."""

import pytest


@pytest.fixture(autouse=True)
def _demo_site_for_now(demo_site):
    """Until these tests build their own state."""


@pytest.fixture
def egov_policy(db):
    from cms.models import PolicyPage

    return PolicyPage.objects.get(slug="pengembangan-e-government", locale__language_code="id")


@pytest.fixture
def egov_drafts(egov_policy):
    from cms.models import DraftPage

    return list(DraftPage.objects.child_of(egov_policy).order_by("version_number"))
