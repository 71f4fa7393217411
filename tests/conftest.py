import io

import pytest
from django.core.management import call_command
from pytest_factoryboy import register

from tests.factories import UserFactory

register(UserFactory)


@pytest.fixture(scope="session", autouse=True)
def media_in_tmp(tmp_path_factory):
    """Uploads (the demo's included) go to a temporary folder, never into the work tree."""
    from django.conf import settings

    settings.MEDIA_ROOT = str(tmp_path_factory.mktemp("media"))


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker, media_in_tmp):
    """Every test database starts with the demo site, as a newcomer's `make run` does."""
    with django_db_blocker.unblock():
        call_command("load_demo", force=True, stdout=io.StringIO())


@pytest.fixture(autouse=True)
def empty_cache():
    """Each test starts with an empty cache, whether local memory or a shared Redis."""
    from django.core.cache import cache

    cache.clear()


@pytest.fixture
def egov_policy(db):
    from cms.models import PolicyPage

    return PolicyPage.objects.get(slug="pengembangan-e-government", locale__language_code="id")


@pytest.fixture
def egov_drafts(egov_policy):
    from cms.models import DraftPage

    return list(DraftPage.objects.child_of(egov_policy).order_by("version_number"))


def enrol_second_factor(user):
    """Give a staff user a TOTP authenticator, as after enrolling in allauth's MFA pages."""
    from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret

    return TOTP.activate(user, generate_totp_secret())


@pytest.fixture
def staff_login(client):
    """Sign a staff user in with a second factor enrolled."""

    def login(user):
        enrol_second_factor(user)
        client.force_login(user)
        return client

    return login
