"""State the security tests share, built with the factories: a second agency beside `komdigi`."""

import pytest


@pytest.fixture
def kemendagri(agency_factory):
    """An agency other than `komdigi`, whose staff must not reach `komdigi`'s policies."""
    return agency_factory(name="Kementerian Dalam Negeri", acronym="Kemendagri", slug="kemendagri")
