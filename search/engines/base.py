"""What every search engine offers. The contract tests (tests/search/test_contract.py) hold each
implementation to it."""

from __future__ import annotations

import datetime as dt
from abc import ABC, abstractmethod
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from django.utils.safestring import SafeString

if TYPE_CHECKING:  # for annotations only: the interface needs no model loaded
    from search.documents import CommentDocument

# Facets, in the order the staff search shows them: facet name -> the CommentDocument field
# (search.documents) it counts. Both engines derive their facet lists from this one mapping.
FACETS = {
    "consultation": "consultation", "clause": "clause", "stance": "stance",
    "respondent_type": "respondent_type", "province": "province", "status": "status",
    "code": "codes", "campaign": "campaign",
}  # fmt: skip
SORTS = ("relevance", "newest", "oldest", "support")


@dataclass(frozen=True)
class SearchQuery:
    text: str = ""
    consultations: tuple[int, ...] = ()
    clauses: tuple[str, ...] = ()
    stances: tuple[str, ...] = ()
    respondent_types: tuple[str, ...] = ()
    provinces: tuple[str, ...] = ()
    statuses: tuple[str, ...] = ()
    codes: tuple[int, ...] = ()
    campaigns: tuple[int, ...] = ()
    date_from: dt.date | None = None
    date_to: dt.date | None = None
    include_replies: bool = True
    public_only: bool = False
    sort: str = "relevance"
    offset: int = 0
    limit: int = 20
    facets: bool = True

    def effective_statuses(self) -> tuple[str, ...]:
        """Public searches see published comments only, whatever else was asked."""
        return ("published",) if self.public_only else self.statuses


@dataclass
class Hit:
    comment_id: int
    score: float
    snippet: SafeString


@dataclass
class SearchResult:
    total: int
    hits: list[Hit]
    facets: dict[str, list[tuple[str, int]]] = field(default_factory=dict)


@dataclass
class Term:
    """A significant term: the word people used, how many comments in the selection use it,
    and how much more often than in the whole consultation."""

    word: str
    count: int
    score: float


class SearchUnavailable(Exception):
    """The engine did not answer: unreachable, refused, timed out or overloaded. Engines raise
    it (with the cause chained) from their connection and transport errors only, so callers may
    show "search unavailable" and the outbox may wait; any other exception is a bug."""


class SearchEngine(ABC):
    """One comment search engine. Every method raises ``SearchUnavailable`` when the engine
    does not answer: the outbox (search.services) keeps updates, pages say the engine is away."""

    name = "base"

    def setup(self) -> None:
        """Prepare the engine for use; safe to repeat, run on every deploy (search_index
        --setup). The database engine's tables come from migrations: nothing to do."""
        return None

    @abstractmethod
    def health(self) -> dict[str, str]:
        """What the engine reports of itself, in a fraction of a second; raise
        ``SearchUnavailable`` when it does not answer or cannot serve searches."""

    @abstractmethod
    def index(self, documents: list[CommentDocument]) -> None:
        """Write (or overwrite) these comment documents."""

    def refresh(self) -> None:
        """Make everything indexed so far visible to searches (Elasticsearch does this about
        once a second by itself; tests and the rebuild ask for it at once)."""
        return None  # engines that see their writes at once (the database) need nothing

    @abstractmethod
    def delete(self, comment_ids: list[int]) -> None:
        """Remove these comments; ids that are not indexed are ignored."""

    @abstractmethod
    def search(self, query: SearchQuery) -> SearchResult:
        """Hits for one page, the total and (if asked) facet counts."""

    @abstractmethod
    def indexed_ids(self) -> set[int]:
        """Every comment id in the index (for search_index --check)."""

    @abstractmethod
    def rebuild(self, batches: Iterable[list[CommentDocument]], *, progress=None) -> int:
        """Build a complete new index from ``batches`` (lists of documents) and switch to it."""

    @abstractmethod
    def significant_terms(self, query: SearchQuery, *, size: int = 10) -> list[Term]:
        """Words much more frequent in the selection than in its consultations."""

    @abstractmethod
    def similar(
        self, text: str, *, consultation_id: int, clause_key: str | None, limit: int = 3
    ) -> list[int]:
        """Published comments on the same clause most like ``text``, best first."""
