"""The Elasticsearch engine, through elasticsearch-dsl. Reads and writes go through an alias;
``rebuild`` fills a new versioned index (also written to by live updates under a second alias
while it fills) and swaps the alias in one atomic call."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

from django.utils.safestring import mark_safe
from elasticsearch import helpers
from elasticsearch.dsl import A, Q, Search

from search.documents import CommentDocument, source
from search.engines.base import FACETS, Hit, SearchEngine, SearchQuery, SearchResult, Term
from search.text import STOP_WORDS, ParsedQuery, highlight, parse_query, stems, words

FACET_FIELDS = {
    "consultation": "consultation", "clause": "clause", "stance": "stance",
    "respondent_type": "respondent_type", "province": "province", "status": "status",
    "code": "codes", "campaign": "campaign",
}  # fmt: skip
FACET_SIZE = 40


def simple_query_string(parsed: ParsedQuery) -> str:
    """Our query language in Elasticsearch's simple_query_string syntax (user text quoted so it
    cannot inject operators)."""

    def term(word: str) -> str:
        return word.replace('"', "")

    parts = [term(w) for w in parsed.required]
    parts += ["(" + " | ".join(term(w) for w in group) + ")" for group in parsed.any_of]
    parts += ['"' + " ".join(term(w) for w in phrase) + '"' for phrase in parsed.phrases]
    parts += ["-" + term(w) for w in parsed.excluded]
    return " ".join(parts)


def build_search(query: SearchQuery, *, index: str = "comments") -> Search:
    """The Elasticsearch request for a query: filters in filter context (cached, unscored),
    the text as a simple_query_string over the Indonesian field and its English sub-field."""
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
    must = []
    if not parsed.is_empty:
        must.append(
            Q(
                "simple_query_string",
                query=simple_query_string(parsed),
                fields=["body^2", "body.en", "proposed_wording", "proposed_wording.en"],
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
    search = search.highlight("body", "proposed_wording").highlight_options(
        fragment_size=240, number_of_fragments=1, no_match_size=240, pre_tags=["<mark>"],
        post_tags=["</mark>"], encoder="html",
    )  # fmt: skip
    search = search.source(["body"]).extra(track_total_hits=True)
    search = search[query.offset : query.offset + query.limit]
    if query.facets:
        for name in FACETS:
            search.aggs.bucket(name, A("terms", field=FACET_FIELDS[name], size=FACET_SIZE))
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


class ElasticsearchEngine(SearchEngine):
    name = "elasticsearch"

    def __init__(self, client, *, prefix: str):
        self.client = client
        self.alias = f"{prefix}-comments"
        self.next_alias = f"{self.alias}-next"

    # Writing -----------------------------------------------------------------------------
    def _create_index(self, name: str, aliases: dict) -> None:
        body = CommentDocument._index.clone(name).to_dict()
        self.client.indices.create(
            index=name, settings=body.get("settings"), mappings=body["mappings"], aliases=aliases
        )

    def ensure_index(self) -> None:
        if not self.client.indices.exists_alias(name=self.alias):
            self._create_index(self._versioned_name(), {self.alias: {}})

    def _versioned_name(self) -> str:
        return f"{self.alias}-{dt.datetime.now(dt.UTC):%Y%m%d%H%M%S%f}"

    def _targets(self) -> list[str]:
        targets = [self.alias]
        if self.client.indices.exists_alias(name=self.next_alias):
            targets.append(self.next_alias)
        return targets

    def index(self, documents: list[dict]) -> None:
        if not documents:
            return
        self.ensure_index()
        actions = [
            {"_op_type": "index", "_index": target, "_id": d["id"], "_source": source(d)}
            for target in self._targets()
            for d in documents
        ]
        helpers.bulk(self.client, actions, refresh=False)

    def refresh(self) -> None:
        self.client.indices.refresh(index=self.alias)

    def delete(self, comment_ids: list[int]) -> None:
        if not comment_ids or not self.client.indices.exists_alias(name=self.alias):
            return
        actions = [
            {"_op_type": "delete", "_index": target, "_id": comment_id}
            for target in self._targets()
            for comment_id in comment_ids
        ]
        helpers.bulk(self.client, actions, raise_on_error=False)

    def indexed_ids(self) -> set[int]:
        if not self.client.indices.exists_alias(name=self.alias):
            return set()
        return {
            int(hit["_id"])
            for hit in helpers.scan(self.client, index=self.alias, _source=False, size=5000)
        }

    def rebuild(self, batches, *, progress=None) -> int:
        new = self._versioned_name()
        self._create_index(new, {self.next_alias: {}})
        seen = 0
        for batch in batches:
            helpers.bulk(
                self.client,
                [{"_index": new, "_id": d["id"], "_source": source(d)} for d in batch],
            )
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
        for name in old:
            self.client.indices.delete(index=name)
        return seen

    # Reading -----------------------------------------------------------------------------
    def search(self, query: SearchQuery) -> SearchResult:
        self.ensure_index()
        response = build_search(query, index=self.alias).using(self.client).execute()
        parsed = parse_query(query.text)
        hits = []
        for hit in response.hits:
            fragments = getattr(hit.meta, "highlight", None)
            if fragments and "body" in fragments:
                snippet = mark_safe(fragments["body"][0])  # noqa: S308 - encoder=html escapes
            else:
                snippet = highlight(getattr(hit, "body", ""), parsed.positive_stems())
            hits.append(Hit(int(hit.meta.id), float(hit.meta.score or 0), snippet))
        facets = {}
        if query.facets and hasattr(response, "aggregations"):
            for name in FACETS:
                buckets = getattr(response.aggregations, name).buckets
                facets[name] = [(str(b.key), b.doc_count) for b in buckets]
        return SearchResult(total=response.hits.total.value, hits=hits, facets=facets)

    def significant_terms(self, query: SearchQuery, *, size: int = 10) -> list[Term]:
        self.ensure_index()
        response = build_themes(query, index=self.alias, size=size).using(self.client).execute()
        buckets = response.aggregations.sample.themes.buckets
        return [Term(word=b.key, count=b.doc_count, score=round(b.score, 4)) for b in buckets]

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
