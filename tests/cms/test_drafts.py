"""Draft text structure: numbering, and identifiers that survive edits and revisions."""

import pytest
from django.core.exceptions import ValidationError

from cms.blocks import DraftBodyBlock
from cms.drafts import draft_outline, outline_clauses, roman_numeral
from cms.models import DraftPage


def raw_body(*chapters):
    return [
        {
            "type": "chapter",
            "value": {
                "key": chapter_key,
                "title": f"Bab {chapter_key}",
                "articles": [
                    {"key": article_key, "heading": "", "clauses": [
                        {"key": clause_key, "text": text} for clause_key, text in clauses
                    ]}
                    for article_key, clauses in articles
                ],
            },
        }
        for chapter_key, articles in chapters
    ]  # fmt: skip


def test_articles_are_numbered_through_the_text_and_clauses_within_each_article():
    draft = DraftPage(
        body=raw_body(
            ("bab1", [("p1", [("a1", "Satu."), ("a2", "Dua.")])]),
            ("bab2", [("p2", [("a3", "Tiga.")]), ("p3", [("a4", "Empat."), ("a5", "Lima.")])]),
        )
    )
    outline = draft_outline(draft.body)
    assert [chapter.roman for chapter in outline] == ["I", "II"]
    assert [article.number for chapter in outline for article in chapter.articles] == [1, 2, 3]
    labels = [clause.label for clause in outline_clauses(outline)]
    assert labels == [
        "Pasal 1 ayat (1)",
        "Pasal 1 ayat (2)",
        "Pasal 2",
        "Pasal 3 ayat (1)",
        "Pasal 3 ayat (2)",
    ]
    assert outline[1].articles[0].clauses[0].anchor == "ayat-a3"


def test_roman_numerals():
    assert [roman_numeral(n) for n in (1, 4, 9, 14, 40, 90, 400, 1994)] == [
        "I", "IV", "IX", "XIV", "XL", "XC", "CD", "MCMXCIV",
    ]  # fmt: skip


@pytest.mark.django_db
def test_a_repeated_identifier_is_renewed_after_its_first_use(egov_drafts):
    """A copy carries its original's key; the first in document order keeps it."""
    draft = egov_drafts[1]
    clauses = draft.body[0].value["articles"][0]["clauses"]
    first = clauses[0]["key"]
    clauses[1]["key"] = first
    draft.full_clean()
    assert clauses[0]["key"] == first and clauses[1]["key"] not in (first, "")
    keys = [c.key for c in outline_clauses(draft.outline)]
    assert len(keys) == len(set(keys))


@pytest.mark.django_db
def test_missing_identifiers_are_assigned_on_clean(egov_drafts):
    draft = egov_drafts[1]
    draft.body[0].value["articles"][0]["clauses"][0]["key"] = ""
    draft.full_clean()
    draft.save()
    draft.refresh_from_db()
    key = draft.body[0].value["articles"][0]["clauses"][0]["key"]
    assert len(key) == 8
    assert key not in {c.key for c in list(outline_clauses(draft.outline))[1:]}


def test_an_empty_clause_is_a_validation_error():
    block = DraftBodyBlock()
    value = block.to_python(raw_body(("bab1", [("p1", [("a1", "   ")])])))
    with pytest.raises(ValidationError):
        block.clean(value)


def test_a_new_clause_without_identifier_gets_one_from_the_block():
    block = DraftBodyBlock()
    value = block.clean(block.to_python(raw_body(("bab1", [("p1", [("", "Ayat baru.")])]))))
    clause = value[0].value["articles"][0]["clauses"][0]
    assert clause["key"] and clause["text"] == "Ayat baru."


@pytest.mark.django_db
def test_identifiers_survive_editing_renumbering_and_new_revisions(client, egov_drafts):
    draft = egov_drafts[1]
    before = {c.key: c for c in outline_clauses(draft.outline)}
    goals = draft.body[1].value["articles"][0]["clauses"]
    goal_key = goals[0]["key"]

    # An editor inserts a clause before the first goal and rewords that goal, in a new revision.
    goals.insert(0, {"key": "", "text": "Ayat sisipan baru."})
    goals[1]["text"] = "Pengembangan E-Government diarahkan untuk layanan yang lebih baik."
    draft.full_clean()
    draft.save_revision().publish()

    draft = DraftPage.objects.get(pk=draft.pk)
    after = {c.key: c for c in outline_clauses(draft.outline)}
    assert set(before) <= set(after)
    assert after[goal_key].number == before[goal_key].number + 1
    assert after[goal_key].text.endswith("lebih baik.")

    html = client.get(draft.url).content.decode()
    for key in before:
        assert f'id="ayat-{key}"' in html
    # The earlier revision still holds the earlier text under the same identifier.
    first_revision = draft.revisions.order_by("created_at").first().as_object()
    old = {c.key: c for c in outline_clauses(first_revision.outline)}
    assert old[goal_key].text == before[goal_key].text
