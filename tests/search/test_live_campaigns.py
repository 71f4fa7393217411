"""Campaigns as comments arrive: a new copy of a form letter joins its campaign the moment it
is indexed, five new copies of an unknown letter form one, and nothing else is swept in."""

import logging

import pytest
from django.urls import reverse

from consultations.models import Channel, Stance
from consultations.services import comment_create, comment_withdraw
from search.models import Campaign, CampaignMember, CommentSignature
from tests.factories.search_state import FORM_LETTER

pytestmark = pytest.mark.django_db

NEW_LETTER = (
    "Sebagai pedagang pasar di {place} kami meminta retribusi los pasar tidak dinaikkan sebelum "
    "atap pasar yang bocor diperbaiki dan saluran air dibersihkan oleh dinas terkait.{extra}"
)


@pytest.fixture
def arrive(analysed, moderator, django_capture_on_commit_callbacks):
    """Enter a comment as the moderator would (a letter by email), with the index update it
    queues applied as after the commit (the immediate task backend)."""

    def enter(body: str, **extra):
        with django_capture_on_commit_callbacks(execute=True):
            return comment_create(
                consultation=analysed.consultation, author=None, entered_by=moderator,
                channel=Channel.EMAIL, submitter_name="Warga", show_name=False, body=body,
                stance=Stance.OPPOSE, respondent_type="individual", consent=True, **extra,
            )[0]  # fmt: skip

    return enter


def test_a_new_copy_of_a_known_letter_joins_its_campaign_at_once(analysed, arrive):
    campaign = analysed.campaign
    size = campaign.size
    letter = arrive(FORM_LETTER.format(place="Ternate", extra=" Salam."))
    membership = CampaignMember.objects.get(comment=letter)
    assert membership.campaign_id == campaign.pk and membership.similarity >= 0.65
    campaign.refresh_from_db()
    assert campaign.size == size + 1


def test_five_copies_of_a_new_letter_form_a_campaign_when_the_fifth_arrives(analysed, arrive):
    places = ["Aceh", "Padang", "Jambi", "Bengkulu", "Lampung", "Serang"]
    letters = []
    for number, place in enumerate(places, start=1):
        letters.append(
            arrive(NEW_LETTER.format(place=place, extra="" if number % 2 else " Terima kasih."))
        )
        formed = Campaign.objects.filter(consultation=analysed.consultation).exclude(
            pk=analysed.campaign.pk
        )
        assert formed.count() == (1 if number >= 5 else 0), number
    campaign = formed.get()
    assert campaign.size == 6
    assert set(campaign.members.values_list("comment_id", flat=True)) == {c.pk for c in letters}


def test_an_ordinary_comment_joins_nothing(analysed, arrive):
    ordinary = arrive(
        "Data pribadi harus dilindungi, tetapi saya lebih khawatir soal sinyal di desa kami."
    )
    assert not CampaignMember.objects.filter(comment=ordinary).exists()
    assert CommentSignature.objects.filter(pk=ordinary.pk).exists()  # kept, as a neighbour


def test_the_staff_search_facet_counts_the_new_member(
    client, staff_login, moderator, analysed, arrive
):
    arrive(FORM_LETTER.format(place="Ambon", extra=""))
    staff_login(moderator)
    html = client.get(
        reverse("search_staff"),
        {"konsultasi": analysed.consultation.pk, "kampanye": analysed.campaign.pk},
    ).content.decode()
    assert f"{analysed.campaign.size + 1} komentar ditemukan" in html


def test_a_withdrawn_comment_is_no_ones_neighbour(
    analysed, citizen, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        comment = comment_create(
            consultation=analysed.consultation, author=citizen, consent=True,
            body=NEW_LETTER.format(place="Palu", extra=""),
        )[0]  # fmt: skip
    assert CommentSignature.objects.filter(pk=comment.pk).exists()
    with django_capture_on_commit_callbacks(execute=True):
        comment_withdraw(comment=comment, user=citizen)
    assert not CommentSignature.objects.filter(pk=comment.pk).exists()


def test_a_failure_is_logged_and_indexing_goes_on(analysed, arrive, monkeypatch, caplog):
    from search import services
    from search.models import IndexedComment, PendingIndexUpdate

    def broken(**kwargs):
        raise RuntimeError("signature store unreachable")

    monkeypatch.setattr(services, "campaigns_join", broken)
    with caplog.at_level(logging.ERROR, logger="search.services"):
        letter = arrive(FORM_LETTER.format(place="Sabang", extra=""))
    assert "Live campaign detection failed" in caplog.text
    assert IndexedComment.objects.filter(pk=letter.pk).exists()
    assert not PendingIndexUpdate.objects.filter(pk=letter.pk).exists()


def test_the_scheduler_runs_a_full_pass_over_consultations_with_new_input(analysed, arrive):
    """Live joining places each arrival; the full pass, queued by run_scheduler for each
    consultation with new input, rebuilds the groups from every comment (here the campaign
    was lost, and is found again)."""
    import io

    from django.core.management import call_command

    CampaignMember.objects.filter(campaign=analysed.campaign).delete()
    Campaign.objects.all().delete()  # as if the letters had never been grouped
    call_command("run_scheduler", "--once", stdout=io.StringIO())
    (campaign,) = Campaign.objects.filter(consultation=analysed.consultation)
    assert campaign.size == len(analysed.letters)
    assert set(campaign.members.values_list("comment_id", flat=True)) == {
        c.pk for c in analysed.letters
    }
