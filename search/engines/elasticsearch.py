"""The Elasticsearch engine, through elasticsearch-dsl. Reads and writes go through an alias;
``rebuild`` fills a new versioned index (also written to by live updates under a second alias
while it fills) and swaps the alias in one atomic call. Settings and mappings come from a
composable index template (``comment_index``: the comment document's fields as Elasticsearch
mappings) saved by ``setup`` and ``rebuild``.

Searches match the term fields: text already analysed by our Indonesian pipeline
(search.analysis), indexed with the whitespace analyzer, so this engine finds exactly what the
database engines find. The raw text fields stay for showing, highlighting (ours) and themes (read
from their unstemmed ``exact`` sub-field, as people wrote them). Facet fields are keywords or
longs."""

from __future__ import annotations

import datetime as dt
import functools
import time
from dataclasses import replace

from elasticsearch import ApiError, NotFoundError, SerializationError, TransportError, helpers
from elasticsearch.dsl import (
    A,
    Boolean,
    Date,
    Index,
    Integer,
    Keyword,
    Long,
    Mapping,
    Q,
    Search,
    Text,
    analyzer,
    token_filter,
)

from search.documents import (
    BOOLEAN,
    DATE,
    FIELD_KINDS,
    INTEGER,
    KEYWORD,
    LONG,
    TERMS,
    TEXT,
    CommentDocument,
)
from search.engines.base import (
    FACETS,
    Hit,
    SearchEngine,
    SearchQuery,
    SearchResult,
    SearchUnavailable,
    Term,
)
from search.text import (
    STOP_WORDS,
    AnalysedQuery,
    analyse_query,
    highlight,
    parse_query,
    stems,
    words,
)

FACET_SIZE = 40
TEMPLATE_PRIORITY = 100
HEALTH_TIMEOUT_SECONDS = 1.0
# Answers that mean "the cluster cannot serve now" rather than "this request is wrong".
UNAVAILABLE_STATUSES = frozenset({429, 502, 503, 504})


indonesian_stop = token_filter("rembuk_indonesian_stop", "stop", stopwords="_indonesian_")
indonesian_stemmer = token_filter("rembuk_indonesian_stemmer", "stemmer", language="indonesian")
indonesian = analyzer(
    "rembuk_indonesian",
    tokenizer="standard",
    filter=["lowercase", indonesian_stop, indonesian_stemmer],
)
INDEX_SETTINGS = {"number_of_shards": 1, "number_of_replicas": 0}


def _analysed_text() -> Text:
    return Text(
        analyzer=indonesian,
        fields={"en": Text(analyzer="english"), "exact": Text(analyzer="standard")},
    )


def _terms_text() -> Text:
    """Terms from our analysis pipeline: split on spaces and indexed as they are, so this
    engine matches exactly what the database engines match."""
    return Text(analyzer="whitespace")


MAPPED_KINDS = {
    KEYWORD: Keyword, LONG: Long, INTEGER: Integer, BOOLEAN: Boolean, DATE: Date,
    TEXT: _analysed_text, TERMS: _terms_text,
}  # fmt: skip


def comment_index(name: str = "comments") -> Index:
    """The comment index's settings and mappings, from the document's declared fields."""
    mapping = Mapping()
    for field, kind in FIELD_KINDS.items():
        mapping.field(field, MAPPED_KINDS[kind]())
    index = Index(name)
    index.settings(**INDEX_SETTINGS)
    index.mapping(mapping)
    return index


def bulk_actions(documents: list[CommentDocument]) -> list[dict]:
    return [{"_id": document.comment_id, "_source": document.source()} for document in documents]


def simple_query_string(query: AnalysedQuery) -> str:
    """Our analysed query in simple_query_string syntax over the term fields: a unit of several
    terms is a quoted phrase; terms hold letters and digits only, so nothing is an operator."""

    def unit(terms: tuple[str, ...]) -> str:
        text = " ".join(t.replace('"', "") for t in terms)
        return f'"{text}"' if len(terms) > 1 else text

    parts = [unit(u) for u in (*query.required, *query.phrases)]
    parts += ["(" + " | ".join(unit(u) for u in group) + ")" for group in query.any_of]
    parts += ["-" + unit(u) for u in query.excluded]
    return " ".join(parts)


def build_search(query: SearchQuery, *, index: str = "comments") -> Search:
    """The Elasticsearch request for a query: filters in filter context (cached, unscored),
    the text, analysed by our pipeline, as a simple_query_string over the term fields."""
    search = Search(index=index)
    filters = []
    for field, values in (
        ("consultation", query.consultations), ("clause", query.clauses),
        ("stance", query.stances), ("respondent_type", query.respondent_types),
        ("province", query.provinces), ("status", query.effective_statuses()),
        ("campaign", query.campaigns),
    ):  # fmt: skip
        if values:
            filters.append(Q("terms", **{field: list(values)}))
    filters += [Q("term", codes=code) for code in query.codes]
    if not query.include_replies:
        filters.append(Q("term", is_reply=False))
    dates = {}
    if query.date_from:
        dates["gte"] = query.date_from.isoformat()
    if query.date_to:
        dates["lt"] = (query.date_to + dt.timedelta(days=1)).isoformat()
    if dates:
        filters.append(Q("range", created_at={**dates, "time_zone": "Asia/Jakarta"}))
    parsed = parse_query(query.text)
    analysed = analyse_query(parsed)
    must = []
    if not parsed.is_empty:
        if analysed.is_empty:  # words that are no terms (only signs): nothing can match
            must.append(Q("match_none"))
        else:
            must.append(
                Q(
                    "simple_query_string",
                    query=simple_query_string(analysed),
                    fields=["body_terms^2", "proposed_wording_terms"],
                    default_operator="and",
                    flags="AND|OR|NOT|PHRASE|PRECEDENCE|WHITESPACE",
                )
            )
    search = search.query(Q("bool", must=must or [Q("match_all")], filter=filters))
    sorts = {
        "newest": ["-created_at", "-_doc"], "oldest": ["created_at"],
        "support": ["-support_count", "-created_at"],
    }  # fmt: skip
    if query.sort != "relevance" or parsed.is_empty:
        search = search.sort(*sorts.get(query.sort, sorts["newest"]))
    # Highlights are ours (search.text.highlight), from the same terms as the match.
    search = search.source(["body", "proposed_wording"]).extra(track_total_hits=True)
    search = search[query.offset : query.offset + query.limit]
    if query.facets:
        for name in FACETS:
            search.aggs.bucket(name, A("terms", field=FACETS[name], size=FACET_SIZE))
    return search


def build_themes(query: SearchQuery, *, index: str, size: int) -> Search:
    """Significant words of the selection against its consultations (significant_text, read
    from the unstemmed sub-field so themes appear as people wrote them)."""
    search = build_search(replace(query, facets=False, limit=0, offset=0), index=index)
    sampler = A("sampler", shard_size=2000)
    sampler.bucket(
        "themes", "significant_text", field="body.exact", size=size, min_doc_count=3,
        filter_duplicate_text=True, exclude=sorted(STOP_WORDS),
        background_filter=Q("terms", consultation=list(query.consultations))
        if query.consultations else Q("match_all"),
    )  # fmt: skip
    search.aggs.bucket("sample", sampler)
    return search.extra(size=0)


def _engine_call(*, retry_if_index_missing: bool = False):
    """Connection, timeout and overload errors become ``SearchUnavailable``; anything else (a
    rejected request, a serialisation error) is a bug and propagates. With
    ``retry_if_index_missing``, an index gone from behind a remembered alias (deleted by hand)
    makes the engine forget what it knows of its aliases and try once more."""

    def decorate(method):
        @functools.wraps(method)
        def call(self, *args, **kwargs):
            try:
                try:
                    return method(self, *args, **kwargs)
                except NotFoundError:
                    if not retry_if_index_missing:
                        raise
                    self.forget_aliases()
                    return method(self, *args, **kwargs)
            except SerializationError:
                raise
            except TransportError as error:
                raise SearchUnavailable(
                    f"Elasticsearch did not answer: {type(error).__name__}: {error}"
                ) from error
            except ApiError as error:
                if error.meta.status not in UNAVAILABLE_STATUSES:
                    raise
                raise SearchUnavailable(
                    f"Elasticsearch cannot serve now: {type(error).__name__}: {error}"
                ) from error

        return call

    return decorate


class ElasticsearchEngine(SearchEngine):
    """Hold one per process (``search.engine.get_engine``): it remembers which of its aliases
    exist, so searches and writes do not ask the cluster each time. The serving alias, once
    seen, is remembered until ``forget_aliases`` (a rebuild swaps what it points to but never
    removes it). The rebuild's ``-next`` alias is added and removed by another process, so it is
    looked up again after ``alias_recheck_seconds``, and a rebuild waits that long after adding
    it before it reads comments: every later change reaches the new index too."""

    name = "elasticsearch"
    alias_recheck_seconds = 5.0

    def __init__(self, client, *, prefix: str):
        self.client = client
        self.alias = f"{prefix}-comments"
        self.next_alias = f"{self.alias}-next"
        self._aliases_seen: dict[str, tuple[bool, float]] = {}

    # Aliases -----------------------------------------------------------------------------
    def _alias_exists(self, name: str) -> bool:
        now = time.monotonic()
        seen = self._aliases_seen.get(name)
        if seen is not None:
            exists, seen_at = seen
            if name == self.alias and exists:
                return True
            if name != self.alias and now - seen_at < self.alias_recheck_seconds:
                return exists
        exists = bool(self.client.indices.exists_alias(name=name))
        self._aliases_seen[name] = (exists, now)
        return exists

    def forget_aliases(self) -> None:
        """Look every alias up again on next use (after a swap, or when an index was missing)."""
        self._aliases_seen.clear()

    def _targets(self) -> list[str]:
        """The serving alias, and the rebuild's alias while a rebuild fills its index."""
        return [self.alias, *([self.next_alias] if self._alias_exists(self.next_alias) else [])]

    # Setting up --------------------------------------------------------------------------
    def save_template(self) -> None:
        """Save the index template (the comment index's settings and mappings) that every new
        versioned index ``<alias>-<timestamp>`` takes, replacing an older one."""
        template = comment_index().as_composable_template(
            self.alias, f"{self.alias}-*", priority=TEMPLATE_PRIORITY
        )
        template.save(using=self.client)

    def _versioned_name(self) -> str:
        return f"{self.alias}-{dt.datetime.now(dt.UTC):%Y%m%d%H%M%S%f}"

    def ensure_index(self) -> None:
        """Create the first index behind the alias (and its template), if there is none yet."""
        if not self._alias_exists(self.alias):
            self.save_template()
            self._create_first_index()

    def _create_first_index(self) -> None:
        self.client.indices.create(index=self._versioned_name(), aliases={self.alias: {}})
        self._aliases_seen[self.alias] = (True, time.monotonic())

    @_engine_call()
    def setup(self) -> None:
        self.save_template()
        if not self._alias_exists(self.alias):
            self._create_first_index()

    @_engine_call()
    def health(self) -> dict[str, str]:
        report = self.client.options(request_timeout=HEALTH_TIMEOUT_SECONDS).cluster.health()
        if report["status"] == "red":
            raise SearchUnavailable("Elasticsearch cluster status is red")
        return {"engine": self.name, "cluster_status": report["status"]}

    # Writing -----------------------------------------------------------------------------
    @_engine_call()
    def index(self, documents: list[CommentDocument]) -> None:
        if not documents:
            return
        self.ensure_index()
        try:
            self._write(documents)
        except helpers.BulkIndexError as error:
            if not all(item[op]["status"] == 404 for item in error.errors for op in item):
                raise
            # An alias went away since it was looked up (a rebuild finished): look again.
            self.forget_aliases()
            self.ensure_index()
            self._write(documents)

    def _write(self, documents: list[CommentDocument]) -> None:
        for target in self._targets():
            helpers.bulk(
                self.client,
                bulk_actions(documents),
                index=target,
                require_alias=True,  # a vanished alias fails, never auto-creates an index
                refresh=False,
            )

    @_engine_call()
    def refresh(self) -> None:
        self.client.indices.refresh(index=self.alias)

    @_engine_call()
    def delete(self, comment_ids: list[int]) -> None:
        if not comment_ids or not self._alias_exists(self.alias):
            return
        actions = [
            {"_op_type": "delete", "_index": target, "_id": comment_id}
            for target in self._targets()
            for comment_id in comment_ids
        ]
        helpers.bulk(self.client, actions, raise_on_error=False, require_alias=True)

    @_engine_call(retry_if_index_missing=True)
    def indexed_ids(self) -> set[int]:
        if not self._alias_exists(self.alias):
            return set()
        return {
            int(hit["_id"])
            for hit in helpers.scan(self.client, index=self.alias, _source=False, size=5000)
        }

    @_engine_call()
    def rebuild(self, batches, *, progress=None) -> int:
        self.save_template()
        new = self._versioned_name()
        self.client.indices.create(index=new, aliases={self.next_alias: {}})
        time.sleep(self.alias_recheck_seconds)  # until every process writes to both indexes
        seen = 0
        for batch in batches:
            helpers.bulk(self.client, bulk_actions(batch), index=new)
            seen += len(batch)
            if progress:
                progress(len(batch))
        self.client.indices.refresh(index=new)
        old = (
            list(self.client.indices.get_alias(name=self.alias))
            if self.client.indices.exists_alias(name=self.alias)
            else []
        )
        actions = [{"remove": {"index": name, "alias": self.alias}} for name in old]
        actions += [
            {"add": {"index": new, "alias": self.alias}},
            {"remove": {"index": new, "alias": self.next_alias}},
        ]
        self.client.indices.update_aliases(actions=actions)
        self.forget_aliases()
        for name in old:
            self.client.indices.delete(index=name)
        return seen

    # Reading -----------------------------------------------------------------------------
    @_engine_call(retry_if_index_missing=True)
    def search(self, query: SearchQuery) -> SearchResult:
        self.ensure_index()
        response = build_search(query, index=self.alias).using(self.client).execute()
        wanted = parse_query(query.text).positive_stems()
        hits = []
        for hit in response.hits:
            body, wording = getattr(hit, "body", ""), getattr(hit, "proposed_wording", "")
            shown = body if not wanted or _has(body, wanted) or not wording else wording
            snippet = highlight(shown, wanted)
            hits.append(Hit(int(hit.meta.id), float(hit.meta.score or 0), snippet))
        facets = {}
        if query.facets and hasattr(response, "aggregations"):
            for name in FACETS:
                buckets = getattr(response.aggregations, name).buckets
                facets[name] = [(str(b.key), b.doc_count) for b in buckets]
        return SearchResult(total=response.hits.total.value, hits=hits, facets=facets)

    @_engine_call(retry_if_index_missing=True)
    def significant_terms(self, query: SearchQuery, *, size: int = 10) -> list[Term]:
        self.ensure_index()
        response = build_themes(query, index=self.alias, size=size).using(self.client).execute()
        buckets = response.aggregations.sample.themes.buckets
        return [Term(word=b.key, count=b.doc_count, score=round(b.score, 4)) for b in buckets]

    @_engine_call(retry_if_index_missing=True)
    def similar(
        self, text: str, *, consultation_id: int, clause_key: str | None, limit: int = 3
    ) -> list[int]:
        content = [w for w in dict.fromkeys(words(text)) if w not in STOP_WORDS and len(w) > 2]
        if len(content) < 3:
            return []
        self.ensure_index()
        filters = [
            Q("term", consultation=consultation_id), Q("term", status="published"),
            Q("term", is_reply=False),
        ]  # fmt: skip
        if clause_key is not None:
            filters.append(Q("term", clause=clause_key))
        search = (
            Search(index=self.alias)
            .using(self.client)
            .query(Q("bool", must=[Q("more_like_this", fields=["body"], like=text,
                                     min_term_freq=1, min_doc_freq=1)], filter=filters))
            .source(["body"])[:30]
        )  # fmt: skip
        own = set(stems(" ".join(content)))
        scored = []
        for hit in search.execute().hits:
            theirs = set(stems(hit.body, drop_stop_words=True))
            overlap = len(own & theirs) / max(len(own | theirs), 1)
            if overlap >= 0.2:
                scored.append((overlap, int(hit.meta.id)))
        return [pk for _, pk in sorted(scored, reverse=True)[:limit]]


def _has(text: str, wanted: set[str]) -> bool:
    return bool(wanted.intersection(stems(text)))
