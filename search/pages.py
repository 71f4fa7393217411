"""Page search (Wagtail's search backend) from the same parsed query as comment search, so a
search box never hands raw text to SQLite FTS5, PostgreSQL or Elasticsearch syntax."""

from __future__ import annotations

from django.db.models import QuerySet
from wagtail.models import Page
from wagtail.search.query import And, Phrase, PlainText, SearchQuery

from search.text import ParsedQuery

# Pages matching an excluded word are looked up among this many, then left out of the results.
EXCLUDED_LOOKUP = 500


def page_query(parsed: ParsedQuery) -> SearchQuery | None:
    """Wagtail's query objects for the positive part of a parsed query: every term a plain
    word or phrase of words (no quote or operator reaches the backend); None when there is
    nothing to look for."""
    parts: list[SearchQuery] = []
    if parsed.required:
        parts.append(PlainText(" ".join(parsed.required), operator="and"))
    parts.extend(PlainText(" ".join(group), operator="or") for group in parsed.any_of)
    parts.extend(Phrase(" ".join(phrase)) for phrase in parsed.phrases)
    if not parts:
        return None
    return parts[0] if len(parts) == 1 else And(parts)


def search_pages(parsed: ParsedQuery, pages: QuerySet[Page], *, limit: int = 10) -> list[Page]:
    """Live pages matching the query, best first. Excluded words are applied here, the same
    on every backend (Wagtail's SQLite backend ignores a ``Not`` inside ``And``)."""
    query = page_query(parsed)
    if query is None:
        return []
    excluded: set[int] = set()
    unwanted: list[SearchQuery] = [Phrase(" ".join(p)) for p in parsed.excluded_phrases]
    if parsed.excluded:
        unwanted.append(PlainText(" ".join(parsed.excluded), operator="or"))
    for query_part in unwanted:
        excluded |= {page.pk for page in pages.search(query_part)[:EXCLUDED_LOOKUP]}
    found = []
    for page in pages.search(query)[: limit + len(excluded)]:
        if page.pk not in excluded:
            found.append(page)
        if len(found) == limit:
            break
    return found
