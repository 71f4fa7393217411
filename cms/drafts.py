"""The numbered outline of a draft: chapters (Bab), articles (Pasal) and clauses (ayat).

Numbers follow position (Pasal numbering runs through the whole text, ayat restarts in each
Pasal); keys never change, so anchors are built from keys, not numbers.
"""

from __future__ import annotations

import secrets
import string
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

KEY_PATTERN = r"^[a-z0-9][a-z0-9-]{1,31}$"
_KEY_ALPHABET = string.ascii_lowercase + string.digits


def new_structure_key() -> str:
    """Eight random characters: about 2.8e12 values, so collisions within a draft are negligible."""
    return "".join(secrets.choice(_KEY_ALPHABET) for _ in range(8))


def roman_numeral(number: int) -> str:
    numerals = [
        (1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
        (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"),
    ]  # fmt: skip
    result = []
    for value, letters in numerals:
        count, number = divmod(number, value)
        result.append(letters * count)
    return "".join(result)


@dataclass(frozen=True)
class Clause:
    key: str
    number: int
    text: str
    article_key: str
    article_number: int
    chapter_key: str
    chapter_number: int
    is_only_clause: bool

    @property
    def anchor(self) -> str:
        return f"ayat-{self.key}"

    @property
    def label(self) -> str:
        if self.is_only_clause:
            return _("Article %(article)s") % {"article": self.article_number}
        return _("Article %(article)s clause (%(clause)s)") % {
            "article": self.article_number,
            "clause": self.number,
        }


@dataclass(frozen=True)
class Article:
    key: str
    number: int
    heading: str
    clauses: list[Clause] = field(default_factory=list)

    @property
    def anchor(self) -> str:
        return f"pasal-{self.key}"


@dataclass(frozen=True)
class Chapter:
    key: str
    number: int
    title: str
    articles: list[Article] = field(default_factory=list)

    @property
    def anchor(self) -> str:
        return f"bab-{self.key}"

    @property
    def roman(self) -> str:
        return roman_numeral(self.number)


def draft_outline(body: Iterable) -> list[Chapter]:
    """Number a draft body (a StreamValue of ``chapter`` blocks) into an outline."""
    chapters: list[Chapter] = []
    article_number = 0
    for chapter_number, chapter_block in enumerate(body, start=1):
        chapter_value = chapter_block.value
        chapter = Chapter(
            key=chapter_value["key"], number=chapter_number, title=chapter_value["title"]
        )
        for article_value in chapter_value["articles"]:
            article_number += 1
            article = Article(
                key=article_value["key"],
                number=article_number,
                heading=article_value.get("heading") or "",
            )
            clause_values = list(article_value["clauses"])
            for clause_number, clause_value in enumerate(clause_values, start=1):
                article.clauses.append(
                    Clause(
                        key=clause_value["key"],
                        number=clause_number,
                        text=clause_value["text"],
                        article_key=article.key,
                        article_number=article.number,
                        chapter_key=chapter.key,
                        chapter_number=chapter.number,
                        is_only_clause=len(clause_values) == 1,
                    )
                )
            chapter.articles.append(article)
        chapters.append(chapter)
    return chapters


def outline_clauses(outline: list[Chapter]) -> Iterator[Clause]:
    for chapter in outline:
        for article in chapter.articles:
            yield from article.clauses


def _structure_values(body: Iterable) -> Iterator[dict]:
    for chapter_block in body:
        chapter_value = chapter_block.value
        yield chapter_value
        for article_value in chapter_value["articles"]:
            yield article_value
            yield from article_value["clauses"]


def assign_missing_keys(body: Iterable) -> int:
    """Give every chapter, article and clause without a key a new one; return how many."""
    assigned = 0
    for value in _structure_values(body):
        if not value.get("key"):
            value["key"] = new_structure_key()
            assigned += 1
    return assigned


def renew_duplicate_keys(body: Iterable) -> int:
    """A chapter, article or clause copied in the editor arrives with its original's key: the
    first in document order keeps it (Wagtail puts a copy after its original, so comments stay
    with the original), every later one gets a new key. Returns how many were renewed."""
    seen: set[str] = set()
    renewed = 0
    for value in _structure_values(body):
        if value.get("key") in seen:
            value["key"] = new_structure_key()
            renewed += 1
        seen.add(value["key"])
    return renewed


def empty_clause_labels(body: Iterable) -> list[str]:
    return [
        clause.label for clause in outline_clauses(draft_outline(body)) if not clause.text.strip()
    ]
