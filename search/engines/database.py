"""The embedded engine: PostgreSQL full-text search or SQLite FTS5 over the terms of the
Indonesian analysis pipeline (search.analysis), the same terms Elasticsearch indexes. Facets are
grouped counts over the filtered rows."""

from __future__ import annotations

import datetime as dt
import functools
from collections import Counter

from django.conf import settings
from django.db import OperationalError, connection, transaction
from django.db.models import Count, QuerySet
from django.db.models.expressions import RawSQL
from django.utils import timezone
from psycopg import ClientCursor

from search.analysis import default_pipeline
from search.documents import CommentDocument, document_fields
from search.engines.base import (
    FACETS,
    Hit,
    SearchEngine,
    SearchQuery,
    SearchResult,
    SearchUnavailable,
    Term,
)
from search.models import CampaignMember, CommentCode, IndexedComment
from search.text import (
    STOP_WORDS,
    AnalysedQuery,
    ParsedQuery,
    analyse_query,
    highlight,
    parse_query,
    stems,
    stop_terms,
    words,
)

# SQL for the FTS5 table, as literals: user text only ever travels as a parameter.
FTS_DELETE = "DELETE FROM rembuk_search_fts WHERE rowid = %s"
FTS_INSERT = "INSERT INTO rembuk_search_fts (rowid, stems) VALUES (%s, %s)"
FTS_MATCHING_IDS = (
    "comment_id IN (SELECT rowid FROM rembuk_search_fts WHERE rembuk_search_fts MATCH %s)"
)
FTS_RANK = (
    "(SELECT -bm25(rembuk_search_fts) FROM rembuk_search_fts WHERE rembuk_search_fts MATCH %s "
    "AND rembuk_search_fts.rowid = rembuk_search_indexedcomment.comment_id)"
)
FACET_SIZE = 40

# How a CommentDocument becomes an IndexedComment row. Two fields are columns of another name;
# codes and campaign are not copied but read from their own tables at search time (so a coding
# is searchable at once); every other field is the column of the same name.
RENAMED = {"consultation": "consultation_id", "clause": "clause_key"}
READ_FROM_TABLES = {"codes": (CommentCode, "code_id"), "campaign": (CampaignMember, "campaign_id")}
COLUMNS = {
    field: RENAMED.get(field, field)
    for field in sorted(document_fields())
    if field not in READ_FROM_TABLES
}
# Facets (search.engines.base.FACETS) as columns of IndexedComment or as (table, column).
FACET_COLUMNS = {name: COLUMNS[field] for name, field in FACETS.items() if field in COLUMNS}
FACET_TABLES = {
    name: READ_FROM_TABLES[field] for name, field in FACETS.items() if field in READ_FROM_TABLES
}
THEME_SAMPLE = 20_000
ORDERING = {
    "relevance": ["-created_at", "-comment_id"],  # without words to rank by: newest first
    "newest": ["-created_at", "-comment_id"],
    "oldest": ["created_at", "comment_id"],
    "support": ["-support_count", "-created_at"],
}


def indexed_row(document: CommentDocument) -> IndexedComment:
    """The database engine's row for a comment document."""
    return IndexedComment(
        comment_id=document.comment_id,
        **{column: getattr(document, field) for field, column in COLUMNS.items()},
    )


def _unavailable_on_database_errors(method):
    """The database refusing or dropping the connection (OperationalError) is the engine being
    unavailable; any other exception is a bug and propagates as it is."""

    @functools.wraps(method)
    def call(*args, **kwargs):
        try:
            return method(*args, **kwargs)
        except OperationalError as error:
            raise SearchUnavailable(f"{type(error).__name__}: {error}") from error

    return call


def _fts5_match(query: AnalysedQuery) -> str:
    """The FTS5 query: every unit a quoted string of terms (a phrase when it holds several), so
    user text is never syntax; terms hold letters and digits only."""

    def quoted(unit: tuple[str, ...]) -> str:
        return '"' + " ".join(unit).replace('"', "") + '"'

    parts = [quoted(u) for u in (*query.required, *query.phrases)]
    parts += ["(" + " OR ".join(quoted(u) for u in group) + ")" for group in query.any_of]
    match = " AND ".join(parts)
    for unit in query.excluded:
        match += f" NOT {quoted(unit)}"
    return match


def _tsquery(query: AnalysedQuery) -> str:
    """The same query in PostgreSQL's to_tsquery syntax over the ``simple`` configuration:
    terms quoted as lexemes, units of several terms as phrases (<->)."""

    def lexeme(term: str) -> str:
        return "'" + term.replace("'", "").replace("\\", "") + "'"

    def unit(terms: tuple[str, ...]) -> str:
        return lexeme(terms[0]) if len(terms) == 1 else "(" + " <-> ".join(map(lexeme, terms)) + ")"

    parts = [unit(u) for u in (*query.required, *query.phrases)]
    parts += ["(" + " | ".join(unit(u) for u in group) + ")" for group in query.any_of]
    parts += ["!" + unit(u) for u in query.excluded]
    return " & ".join(parts)


class DatabaseEngine(SearchEngine):
    name = "database"

    @property
    def postgres(self) -> bool:
        return connection.vendor == "postgresql"

    @_unavailable_on_database_errors
    def health(self) -> dict[str, str]:
        IndexedComment.objects.exists()  # one indexed lookup; fails if the table cannot be read
        return {"engine": self.name, "database": connection.vendor}

    # Writing -----------------------------------------------------------------------------
    @_unavailable_on_database_errors
    def index(self, documents: list[CommentDocument]) -> None:
        if not documents:
            return
        rows = [indexed_row(document) for document in documents]
        with transaction.atomic():
            IndexedComment.objects.bulk_create(
                rows,
                update_conflicts=True,
                unique_fields=["comment_id"],
                update_fields=list(COLUMNS.values()),
            )
            if not self.postgres:
                with connection.cursor() as cursor:
                    cursor.executemany(FTS_DELETE, [(row.comment_id,) for row in rows])
                    cursor.executemany(
                        FTS_INSERT,
                        [(row.comment_id, f"{row.body_terms} {row.proposed_wording_terms}")
                         for row in rows],
                    )  # fmt: skip

    @_unavailable_on_database_errors
    def delete(self, comment_ids: list[int]) -> None:
        with transaction.atomic():
            IndexedComment.objects.filter(comment_id__in=comment_ids).delete()
            if not self.postgres:
                with connection.cursor() as cursor:
                    cursor.executemany(FTS_DELETE, [(i,) for i in comment_ids])

    @_unavailable_on_database_errors
    def indexed_ids(self) -> set[int]:
        return set(IndexedComment.objects.values_list("comment_id", flat=True).iterator(10_000))

    @_unavailable_on_database_errors
    def rebuild(self, batches, *, progress=None) -> int:
        """Upsert every document, then drop entries no longer in the database: readers see the
        old entries until the new ones replace them, so there is no empty moment."""
        seen = 0
        kept: set[int] = set()
        for batch in batches:
            self.index(batch)
            kept.update(document.comment_id for document in batch)
            seen += len(batch)
            if progress:
                progress(len(batch))
        stale = self.indexed_ids() - kept
        for chunk in _chunks(sorted(stale), 1000):
            self.delete(chunk)
        if self.postgres:  # fresh statistics, or the planner misjudges the new rows
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE rembuk_search_indexedcomment")
        return seen

    # Reading -----------------------------------------------------------------------------
    def _filtered(self, query: SearchQuery, *, with_text: bool = True) -> QuerySet:
        rows = IndexedComment.objects.all()
        if query.consultations:
            rows = rows.filter(consultation_id__in=query.consultations)
        if query.clauses:
            rows = rows.filter(clause_key__in=query.clauses)
        if query.stances:
            rows = rows.filter(stance__in=query.stances)
        if query.respondent_types:
            rows = rows.filter(respondent_type__in=query.respondent_types)
        if query.provinces:
            rows = rows.filter(province__in=query.provinces)
        if query.effective_statuses():
            rows = rows.filter(status__in=query.effective_statuses())
        if not query.include_replies:
            rows = rows.filter(is_reply=False)
        if query.date_from:
            rows = rows.filter(created_at__gte=_day_start(query.date_from))
        if query.date_to:
            rows = rows.filter(created_at__lt=_day_start(query.date_to + dt.timedelta(days=1)))
        for code in query.codes:  # all chosen codes (an AND, as analysts expect)
            rows = rows.filter(
                comment_id__in=CommentCode.objects.filter(code_id=code).values("comment_id")
            )
        if query.campaigns:
            rows = rows.filter(
                comment_id__in=CampaignMember.objects.filter(
                    campaign_id__in=query.campaigns
                ).values("comment_id")
            )
        parsed = parse_query(query.text)
        if with_text and not parsed.is_empty:
            rows = self._matching(rows, parsed)
        return rows

    def _matching(self, rows: QuerySet, parsed: ParsedQuery) -> QuerySet:
        analysed = analyse_query(parsed)
        if analysed.is_empty:  # words that are no terms (only signs): nothing can match
            return rows.none()
        if self.postgres:
            return rows.extra(  # noqa: S610 - literal SQL, the query text is a parameter
                where=["search_vector @@ to_tsquery('simple', %s)"], params=[_tsquery(analysed)]
            )
        return rows.extra(where=[FTS_MATCHING_IDS], params=[_fts5_match(analysed)])  # noqa: S610

    def _relevance(self, parsed: ParsedQuery) -> RawSQL:
        analysed = analyse_query(parsed)
        if self.postgres:
            return RawSQL(  # noqa: S611 - literal SQL, the query text is a parameter
                "ts_rank_cd(search_vector, to_tsquery('simple', %s), 32)", [_tsquery(analysed)]
            )
        return RawSQL(FTS_RANK, [_fts5_match(analysed)])  # noqa: S611

    @_unavailable_on_database_errors
    def search(self, query: SearchQuery) -> SearchResult:
        parsed = parse_query(query.text)
        if not parsed.is_empty and analyse_query(parsed).is_empty:
            return SearchResult(total=0, hits=[])  # words with no terms: nothing can match
        rows = self._filtered(query)
        relevance = query.sort == "relevance" and not parsed.is_empty
        if self.postgres:
            total, facets, page = self._search_postgres(query, parsed, rows, relevance=relevance)
        else:
            total = rows.count()
            facets = self._facets(rows) if query.facets and total else {}
            if relevance:
                ranked = rows.annotate(score=self._relevance(parsed))
                ranked = ranked.order_by("-score", "-comment_id")
            else:
                ranked = rows.annotate(score=RawSQL("0", [])).order_by(
                    *ORDERING.get(query.sort, ORDERING["newest"])
                )
            page = list(
                ranked.values_list("comment_id", "score")[query.offset : query.offset + query.limit]
            )
        texts = IndexedComment.objects.in_bulk([pk for pk, _ in page])
        wanted = parsed.positive_stems()
        hits = []
        for pk, score in page:
            body, wording = texts[pk].body, texts[pk].proposed_wording
            shown = body if not wanted or _has(body, wanted) or not wording else wording
            hits.append(
                Hit(comment_id=pk, score=float(score or 0), snippet=highlight(shown, wanted))
            )
        return SearchResult(total=total, hits=hits, facets=facets)

    def _search_postgres(self, query, parsed, rows, *, relevance: bool):
        """One statement: the filtered rows are found once (a materialised CTE, with their rank
        when sorting by relevance); the total, every facet and the requested page are read from
        them. Bitmaps stay exact with a larger work_mem for this transaction only."""
        columns = ["comment_id", *FACET_COLUMNS.values(), "created_at", "support_count"]
        score = self._relevance(parsed) if relevance else RawSQL("0::float8", [])  # noqa: S611
        sql, params = (
            rows.order_by().annotate(score=score).values_list(*columns, "score")
            .query.sql_with_params()
        )  # fmt: skip
        order = {
            "relevance": "score DESC, comment_id DESC" if relevance else None,
            "newest": "created_at DESC, comment_id DESC",
            "oldest": "created_at ASC, comment_id ASC",
            "support": "support_count DESC, created_at DESC",
        }
        ordering = order.get(query.sort) or order["newest"]
        parts = ["SELECT 'total', NULL, count(*), 0::float8 FROM hits"]
        if query.facets:
            parts += [
                f"SELECT '{name}', {column}::text, count(*), 0 FROM hits GROUP BY {column}"  # noqa: S608
                for name, column in FACET_COLUMNS.items()
            ]
            parts += [
                f"SELECT '{name}', t.{column}::text, count(*), 0 "  # noqa: S608 - names from code
                f"FROM {model._meta.db_table} t JOIN hits USING (comment_id) GROUP BY t.{column}"
                for name, (model, column) in FACET_TABLES.items()
            ]
        parts.append(
            f"(SELECT 'hit', comment_id::text, row_number() OVER (ORDER BY {ordering}), score "  # noqa: S608
            f"FROM hits ORDER BY {ordering} LIMIT %s OFFSET %s)"
        )
        statement = f"WITH hits AS MATERIALIZED ({sql}) " + " UNION ALL ".join(parts)
        counts: dict[str, list[tuple[str, int]]] = {name: [] for name in FACETS}
        total, page = 0, []
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute("SET LOCAL work_mem = %s", [settings.SEARCH_WORK_MEM])
            cursor.execute("SET LOCAL jit = off")  # compiling costs more than these queries
            cursor.execute(statement, [*params, query.limit, query.offset])
            for name, value, count, rank in cursor.fetchall():
                if name == "total":
                    total = count
                elif name == "hit":
                    page.append((count, int(value), rank))
                elif value not in ("", None):
                    counts[name].append((value, count))
        for name in counts:
            counts[name].sort(key=lambda item: (-item[1], item[0]))
            del counts[name][FACET_SIZE:]
        page.sort()
        return total, (counts if total and query.facets else {}), [(pk, r) for _, pk, r in page]

    def _facets(self, rows: QuerySet) -> dict[str, list[tuple[str, int]]]:
        facets = {}
        for name, column in FACET_COLUMNS.items():
            counts = (
                rows.order_by()
                .values_list(column)
                .annotate(n=Count("comment_id"))
                .order_by("-n", column)[:FACET_SIZE]
            )
            facets[name] = [(str(value), n) for value, n in counts if value not in ("", None)]
        ids = rows.order_by().values("comment_id")
        for name, (model, column) in FACET_TABLES.items():
            counts = (
                model.objects.filter(comment_id__in=ids)
                .values_list(column)
                .annotate(n=Count("id"))
                .order_by("-n", column)[:FACET_SIZE]
            )
            facets[name] = [(str(value), n) for value, n in counts]
        return facets

    # Analysis ----------------------------------------------------------------------------
    @_unavailable_on_database_errors
    def significant_terms(self, query: SearchQuery, *, size: int = 10) -> list[Term]:
        """Terms much more frequent in the selection than in its consultations (the JLH score
        Elasticsearch's significant_text uses by default), at least 3 comments each."""
        foreground = self._filtered(query)
        background = self._filtered(
            SearchQuery(consultations=query.consultations, statuses=query.statuses,
                        public_only=query.public_only),
            with_text=False,
        )  # fmt: skip
        fg_total, bg_total = foreground.count(), background.count()
        if not fg_total or not bg_total:
            return []
        if self.postgres:
            fg_counts, bg_counts = self._ts_stat(foreground), self._ts_stat(background)
        else:
            fg_counts, bg_counts = _doc_frequencies(foreground), _doc_frequencies(background)
        stop_stems = stop_terms()
        terms = []
        for term, fg in fg_counts.items():
            bg = bg_counts.get(term, fg)
            if fg < 3 or term in stop_stems or len(term) < 3 or term.isdigit():
                continue
            fg_pct, bg_pct = fg / fg_total, bg / bg_total
            if fg_pct <= bg_pct:
                continue
            score = (fg_pct - bg_pct) * (fg_pct / bg_pct)
            terms.append((score, fg, term))
        terms.sort(reverse=True)
        top = terms[:size]
        surface = _surface_forms(foreground, {t for _, _, t in top})
        return [Term(word=surface.get(t, t), count=fg, score=round(s, 4)) for s, fg, t in top]

    def _ts_stat(self, rows: QuerySet) -> dict[str, int]:
        sql, params = rows.order_by().values("comment_id").query.sql_with_params()
        with connection.cursor() as cursor:
            with ClientCursor(connection.connection) as client:
                inner = client.mogrify(sql, params)
            table = IndexedComment._meta.db_table
            cursor.execute(
                "SELECT word, ndoc FROM ts_stat(%s)",
                # ts_stat takes its rows as SQL text: the ORM's own query, parameters inlined
                # by psycopg's client-side quoting.
                [f"SELECT search_vector FROM {table} WHERE comment_id IN ({inner})"],  # noqa: S608
            )
            return dict(cursor.fetchall())

    @_unavailable_on_database_errors
    def similar(
        self, text: str, *, consultation_id: int, clause_key: str | None, limit: int = 3
    ) -> list[int]:
        """Published comments on the same clause sharing the most distinctive words with
        ``text``: an OR query of its content words, re-ranked by overlap of stems."""
        content = [w for w in dict.fromkeys(words(text)) if w not in STOP_WORDS and len(w) > 2]
        if len(content) < 3:
            return []
        own = set(stems(" ".join(content)))
        query = SearchQuery(
            text=" OR ".join(content[:30]), consultations=(consultation_id,),
            clauses=(clause_key,) if clause_key is not None else (), public_only=True,
            include_replies=False, limit=30, facets=False,
        )  # fmt: skip
        hits = self.search(query).hits
        bodies = dict(
            IndexedComment.objects.filter(comment_id__in=[h.comment_id for h in hits]).values_list(
                "comment_id", "body"
            )
        )
        scored = []
        for pk, body in bodies.items():
            theirs = set(stems(body, drop_stop_words=True))
            overlap = len(own & theirs) / max(len(own | theirs), 1)
            if overlap >= 0.2:
                scored.append((overlap, pk))
        return [pk for _, pk in sorted(scored, reverse=True)[:limit]]


def _has(text: str, wanted: set[str]) -> bool:
    return bool(wanted.intersection(stems(text)))


def _day_start(day: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time.min))


def _chunks(items: list, size: int):
    for start in range(0, len(items), size):
        yield items[start : start + size]


def _doc_frequencies(rows: QuerySet) -> Counter:
    counts: Counter = Counter()
    texts = rows.values_list("body_terms", "proposed_wording_terms")[:THEME_SAMPLE]
    for body_terms, wording_terms in texts:  # the terms as indexed: no second analysis
        counts.update(set(f"{body_terms} {wording_terms}".split()))
    return counts


def _surface_forms(rows: QuerySet, wanted: set[str]) -> dict[str, str]:
    """The word people actually wrote for each stem (its most frequent form in the selection)."""
    seen: dict[str, Counter] = {t: Counter() for t in wanted}
    pipeline = default_pipeline()
    # The same texts the terms were counted in: a theme may come from proposed wording alone.
    # Read until every stem has been seen written a few times (usually the first few hundred).
    texts = rows.values_list("body", "proposed_wording")[:THEME_SAMPLE]
    for number, (body, wording) in enumerate(texts.iterator(chunk_size=500), start=1):
        for word in words(f"{body} {wording}"):
            for term in pipeline.word_terms(word):
                if term in seen:
                    seen[term][word] += 1
        if number % 500 == 0 and all(sum(c.values()) >= 5 for c in seen.values()):
            break
    return {t: c.most_common(1)[0][0] for t, c in seen.items() if c}
