"""Themes from counts kept as comments change: the dashboard reads sums, not a pass over every
comment, and they follow every path that changes what is published (new comment, edit, hide,
restore, withdraw), the same as a full recount."""

import pytest
from django.urls import reverse

from consultations.services import comment_create, comment_moderate
from search.models import ThemeCount, ThemeWord
from search.selectors import counted_themes
from search.services import themes_recount

pytestmark = pytest.mark.django_db


def counts(consultation) -> dict:
    return {
        (row.stance, row.clause_key, row.term): row.comments
        for row in ThemeCount.objects.filter(consultation_id=consultation.pk)
    }


def uses(consultation) -> dict:
    return {
        (row.term, row.word): row.uses
        for row in ThemeWord.objects.filter(consultation_id=consultation.pk)
    }


def commented(term: str, consultation) -> int:
    return sum(n for (_s, _c, t), n in counts(consultation).items() if t == term)


def test_the_dashboard_shows_themes_from_the_counts(client, staff_login, moderator, analysed):
    themes = counted_themes(consultation_id=analysed.consultation.pk, stances=("oppose",))
    words = [t.word for t in themes["oppose"]]
    assert "independen" in words  # the form letters oppose, about independent oversight
    staff_login(moderator)
    html = client.get(reverse("search_dashboard", args=[analysed.consultation.pk])).content.decode()
    assert "independen" in html


def test_counts_follow_every_change_and_equal_a_recount(
    analysed, moderator, citizen, django_capture_on_commit_callbacks
):
    consultation = analysed.consultation

    def change(function, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return function(**kwargs)

    before = commented("sinyal", consultation)
    comment = change(
        comment_create, consultation=consultation, author=citizen, consent=True,
        body="Sinyal di kampung kami hilang setiap hujan; warga tidak bisa mengurus layanan.",
    )[0]  # fmt: skip
    assert commented("sinyal", consultation) == before + 1
    assert uses(consultation)[("sinyal", "sinyal")] >= 1
    change(comment_moderate, comments=[comment], moderator=moderator, action="hide", reason="spam")
    assert commented("sinyal", consultation) == before  # hidden: not counted
    change(comment_moderate, comments=[comment], moderator=moderator, action="restore")
    assert commented("sinyal", consultation) == before + 1
    from consultations.services import comment_edit, comment_withdraw

    change(comment_edit, comment=comment, user=citizen, body="Jaringan di kampung kami hilang.")
    assert commented("sinyal", consultation) == before and commented("jaring", consultation) >= 1
    incremental, words = counts(consultation), uses(consultation)
    themes_recount(consultation_ids=[consultation.pk])
    assert counts(consultation) == incremental and uses(consultation) == words
    network = commented("jaring", consultation)
    change(comment_withdraw, comment=comment, user=citizen)
    assert commented("jaring", consultation) == network - 1
