"""Property-based fuzzing: no input to the account forms causes a server error."""

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

pytestmark = pytest.mark.django_db

any_text = st.text(max_size=400)
choice_or_junk = st.one_of(
    st.sampled_from(["individual", "business", "government", "", "academic"]), any_text
)


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    email=any_text,
    display_name=any_text,
    organisation=any_text,
    respondent_type=choice_or_junk,
    province=st.one_of(st.sampled_from(["", "31", "96"]), any_text),
)
def test_sign_up_never_errors(client, email, display_name, organisation, respondent_type, province):
    response = client.post(
        "/akun/signup/",
        {"email": email, "password1": "kata-sandi-yang-kuat-1",
         "password2": "kata-sandi-yang-kuat-1", "display_name": display_name,
         "organisation": organisation, "respondent_type": respondent_type,
         "province": province},
    )  # fmt: skip
    assert response.status_code in (200, 302)


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    display_name=any_text,
    organisation=any_text,
    respondent_type=choice_or_junk,
    position=any_text,
    agency=st.one_of(st.integers(), any_text),
)
def test_profile_and_representation_never_error(
    client, user_factory, display_name, organisation, respondent_type, position, agency
):
    client.force_login(user_factory())
    profile = client.post(
        "/akun/profil/",
        {"display_name": display_name, "organisation": organisation,
         "respondent_type": respondent_type},
    )  # fmt: skip
    assert profile.status_code in (200, 302)
    representation = client.post(
        "/akun/profil/perwakilan/", {"agency": agency, "position": position}
    )
    assert representation.status_code in (302, 400)


@settings(
    max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    body=any_text,
    proposed=any_text,
    stance=st.one_of(st.sampled_from(["support", "oppose", "amend", ""]), any_text),
    clause_key=st.one_of(st.just(""), any_text),
    organisation=any_text,
    respondent_type=choice_or_junk,
    show_name=st.one_of(st.sampled_from(["0", "1"]), any_text),
    submission_key=st.one_of(st.uuids().map(str), any_text),
)
def test_comment_form_never_errors(
    client,
    user_factory,
    open_consultation,
    body,
    proposed,
    stance,
    clause_key,
    organisation,
    respondent_type,
    show_name,
    submission_key,
):
    from django.urls import reverse

    client.force_login(user_factory())
    response = client.post(
        reverse("consultations_comment_new", args=[open_consultation.pk]),
        {"body": body, "proposed_wording": proposed, "stance": stance, "clause_key": clause_key,
         "organisation": organisation, "respondent_type": respondent_type,
         "show_name": show_name, "consent": "on", "submission_key": submission_key},
    )  # fmt: skip
    assert response.status_code in (302, 400)
