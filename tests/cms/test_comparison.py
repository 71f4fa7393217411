"""Comparing two draft versions clause by clause."""

import pytest

from cms.comparison import (
    ChangeKind,
    SegmentKind,
    changed_clause_keys,
    compare_outlines,
    word_diff,
)
from cms.drafts import Article, Chapter, Clause


def outline(*articles):
    """Build an outline: each article is (key, [(clause_key, text), ...])."""
    chapter = Chapter(key="bab", number=1, title="Bab")
    for number, (article_key, clauses) in enumerate(articles, start=1):
        article = Article(key=article_key, number=number, heading="")
        for clause_number, (key, text) in enumerate(clauses, start=1):
            article.clauses.append(
                Clause(key=key, number=clause_number, text=text, article_key=article_key,
                       article_number=number, chapter_key="bab", chapter_number=1,
                       is_only_clause=len(clauses) == 1)
            )  # fmt: skip
        chapter.articles.append(article)
    return [chapter]


def kinds(comparison):
    return [(change.key, change.kind) for change in comparison.changes]


def test_word_diff_marks_only_the_changed_words():
    segments = word_diff("Layanan publik murah dan mudah.", "Layanan publik terjangkau dan mudah.")
    assert [(s.kind, s.text) for s in segments if s.kind != SegmentKind.EQUAL] == [
        (SegmentKind.DELETED, "murah"),
        (SegmentKind.INSERTED, "terjangkau"),
    ]
    assert "".join(s.text for s in segments if s.kind != SegmentKind.INSERTED) == (
        "Layanan publik murah dan mudah."
    )


def test_added_removed_and_changed_clauses():
    old = outline(("p1", [("a", "Satu."), ("b", "Dua."), ("c", "Tiga.")]))
    new = outline(("p1", [("a", "Satu."), ("c", "Tiga diubah."), ("d", "Empat.")]))
    assert kinds(compare_outlines(old, new)) == [
        ("a", ChangeKind.UNCHANGED),
        ("b", ChangeKind.REMOVED),
        ("c", ChangeKind.CHANGED),
        ("d", ChangeKind.ADDED),
    ]


def test_renumbering_alone_is_not_a_change():
    old = outline(("p1", [("a", "Satu."), ("b", "Dua.")]))
    new = outline(("p1", [("x", "Baru."), ("a", "Satu."), ("b", "Dua.")]))
    comparison = compare_outlines(old, new)
    assert kinds(comparison) == [
        ("x", ChangeKind.ADDED), ("a", ChangeKind.UNCHANGED), ("b", ChangeKind.UNCHANGED),
    ]  # fmt: skip
    assert comparison.summary["added"] == 1


def test_reordered_clause_is_moved_and_a_moved_changed_one_says_both():
    old = outline(("p1", [("a", "Satu."), ("b", "Dua."), ("c", "Tiga.")]))
    new = outline(("p1", [("c", "Tiga, diubah."), ("a", "Satu."), ("b", "Dua.")]))
    assert kinds(compare_outlines(old, new))[0] == ("c", ChangeKind.MOVED_AND_CHANGED)


def test_clause_moved_to_another_article_in_the_same_order_is_moved():
    old = outline(("p1", [("a", "Satu."), ("b", "Dua.")]), ("p2", [("c", "Tiga.")]))
    new = outline(("p1", [("a", "Satu.")]), ("p2", [("b", "Dua."), ("c", "Tiga.")]))
    change = dict(kinds(compare_outlines(old, new)))
    assert change["b"] == ChangeKind.MOVED
    assert change["a"] == change["c"] == ChangeKind.UNCHANGED


def test_removed_first_clause_is_shown_first():
    old = outline(("p1", [("a", "Satu."), ("b", "Dua.")]))
    new = outline(("p1", [("b", "Dua.")]))
    assert kinds(compare_outlines(old, new)) == [
        ("a", ChangeKind.REMOVED), ("b", ChangeKind.UNCHANGED),
    ]  # fmt: skip


def test_changed_clause_keys_are_the_clauses_a_comparison_marks_changed():
    old = outline(
        ("p1", [("a", "Satu."), ("b", "Dua."), ("c", "Tiga.")]), ("p2", [("d", "Empat.")])
    )
    new = outline(
        ("p1", [("c", "Tiga, diubah."), ("a", "Satu.")]), ("p2", [("d", "Empat."), ("e", "Lima.")])
    )
    marked = {
        change.key
        for change in compare_outlines(old, new).changes
        if change.kind in (ChangeKind.CHANGED, ChangeKind.MOVED_AND_CHANGED)
    }
    assert changed_clause_keys(old, new) == marked == {"c"}


@pytest.mark.django_db
def test_two_versions_differ_in_every_way_a_revision_can(egov_drafts):
    from cms.selectors import draft_comparison

    comparison = draft_comparison(old=egov_drafts[0], new=egov_drafts[1])
    summary = comparison.summary
    assert summary["added"] == 1
    assert summary["removed"] == 1
    assert summary["moved"] == 1  # two clauses of Pasal 4 swapped: one moved
    assert summary["moved_changed"] == 1  # to another article, reworded to fit there
    assert summary["changed"] == 3  # reworded goal, two typo fixes
    moved = next(c for c in comparison.changes if c.kind == ChangeKind.MOVED_AND_CHANGED)
    assert (moved.old.label, moved.new.label) == ("Pasal 6 ayat (2)", "Pasal 7 ayat (1)")
