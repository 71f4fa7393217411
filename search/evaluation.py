"""Measuring search quality on a judged collection (tests/search/relevance/collection.json):
recall@20 and nDCG@10 per pipeline and engine (bench/relevance.py), and a reference matcher in
plain Python that says which comments a query must find, so every engine can be held to the
same hit set (tests/search/test_relevance.py)."""

from __future__ import annotations

import json
import math
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from search.analysis import Pipeline
from search.text import AnalysedQuery, analyse_query, parse_query

COLLECTION = (
    Path(__file__).resolve().parents[1] / "tests" / "search" / "relevance" / "collection.json"
)
MORPHOLOGICAL = frozenset({"prefix", "suffix", "confix", "reduplication"})


@dataclass(frozen=True)
class Judged:
    """One query of the collection: its text, kind and graded judgments (2 relevant,
    1 mentioned in passing) by comment number."""

    id: str
    text: str
    kind: str
    relevant: dict[int, int]
    variants: frozenset[int] = frozenset()  # relevant comments holding a form of its words


def comment_number(comment_id: str) -> int:
    return int(comment_id.lstrip("c"))


def load_collection(path: Path = COLLECTION) -> tuple[dict[int, str], list[Judged]]:
    data = json.loads(path.read_text("utf-8"))
    comments = {comment_number(c["id"]): c["text"] for c in data["comments"]}
    roots = {comment_number(c["id"]): set(c["roots"]) for c in data["comments"]}
    queries = []
    for q in data["queries"]:
        relevant = {comment_number(c): int(g) for c, g in q["relevant"].items()}
        wanted = set(q.get("roots", ()))
        variants = frozenset(pk for pk in relevant if wanted and wanted <= roots[pk])
        queries.append(Judged(q["id"], q["text"], q["kind"], relevant, variants))
    return comments, queries


def _contains(terms: list[str], unit: tuple[str, ...]) -> bool:
    n = len(unit)
    return any(tuple(terms[i : i + n]) == unit for i in range(len(terms) - n + 1))


def matches(query: AnalysedQuery, terms: list[str]) -> bool:
    """Whether a text with these terms matches: every required unit and phrase, one unit of
    each OR group, no excluded unit (units of several terms side by side)."""
    if query.is_empty:
        return False
    return (
        all(_contains(terms, u) for u in (*query.required, *query.phrases))
        and all(any(_contains(terms, u) for u in group) for group in query.any_of)
        and not any(_contains(terms, u) for u in query.excluded)
    )


def reference_hits(text: str, comments: dict[int, str], pipeline: Pipeline) -> set[int]:
    """The comments a query finds by the pipeline's own rules, without any engine."""
    query = analyse_query(parse_query(text), pipeline)
    return {pk for pk, body in comments.items() if matches(query, pipeline.terms(body))}


def recall_at(ranked: list[int], relevant: dict[int, int], k: int = 20) -> float:
    if not relevant:
        return 1.0
    return len(set(ranked[:k]) & set(relevant)) / len(relevant)


def ndcg_at(ranked: list[int], relevant: dict[int, int], k: int = 10) -> float:
    def dcg(gains: Iterable[int]) -> float:
        return sum((2**g - 1) / math.log2(i + 2) for i, g in enumerate(gains))

    ideal = dcg(sorted(relevant.values(), reverse=True)[:k])
    return dcg(relevant.get(pk, 0) for pk in ranked[:k]) / ideal if ideal else 1.0


@dataclass
class Scores:
    recall: float
    ndcg: float
    morphological_recall: float


def score(runs: dict[str, list[int]], queries: list[Judged]) -> Scores:
    """Mean recall@20 and nDCG@10 over all queries, and recall on morphological variants: for
    the prefix, suffix, confix and reduplication queries, recall@20 of the relevant comments
    that hold a form of the query's words (whatever affixes they carry)."""
    recalls = {q.id: recall_at(runs[q.id], q.relevant) for q in queries}
    ndcgs = [ndcg_at(runs[q.id], q.relevant) for q in queries]
    morphological = [
        recall_at(runs[q.id], dict.fromkeys(q.variants, 1))
        for q in queries
        if q.kind in MORPHOLOGICAL and q.variants
    ]
    return Scores(
        recall=sum(recalls.values()) / len(recalls),
        ndcg=sum(ndcgs) / len(ndcgs),
        morphological_recall=sum(morphological) / len(morphological) if morphological else 1.0,
    )
