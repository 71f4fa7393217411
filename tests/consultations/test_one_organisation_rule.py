"""Anyone who takes part as other than an individual names their organisation: one rule, and
the same message, on the sign-up form, the profile, the comment form and the comment service."""

import pytest
from django.urls import reverse
from django.utils.translation import override

from accounts.choices import ORGANISATION_REQUIRED, organisation_missing
from consultations.services import CommentError, comment_create

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("respondent_type", "organisation", "missing"),
    [
        ("individual", "", False),
        ("business", "PT Maju", False),
        ("business", "   ", True),
        ("government", None, True),
        ("academic", "", True),
        (None, "", False),
    ],
)
def test_the_rule(respondent_type, organisation, missing):
    assert organisation_missing(respondent_type, organisation) is missing


def test_the_service_refuses_a_business_without_its_name(open_consultation, citizen):
    with pytest.raises(CommentError) as refused:
        comment_create(
            consultation=open_consultation, author=citizen, body="Masukan.", consent=True,
            respondent_type="business", organisation="",
        )  # fmt: skip
    assert refused.value.code == "organisation_required"


def test_profile_and_comment_form_say_the_same_in_indonesian(client, open_consultation, citizen):
    client.force_login(citizen)
    with override("id"):
        expected = str(ORGANISATION_REQUIRED)
    profile = client.post(
        reverse("accounts_profile"),
        {"display_name": "Warga", "respondent_type": "business", "organisation": ""},
        HTTP_ACCEPT_LANGUAGE="id",
    )
    comment = client.post(
        reverse("consultations_comment_new", args=[open_consultation.pk]),
        {"body": "Masukan saya.", "stance": "support", "consent": "on",
         "respondent_type": "civil_society", "organisation": " "},
        HTTP_ACCEPT_LANGUAGE="id",
    )  # fmt: skip
    assert expected != "Please name the organisation you represent."
    assert expected in profile.content.decode()
    assert expected in comment.content.decode()
