"""Search quality by pipeline and engine, side by side in one run.

Indexes the judged collection (tests/search/relevance/collection.json: Indonesian comments,
queries and graded judgments written before any pipeline was scored) with each analysis
pipeline (search.analysis: the Snowball and the dictionary stemmer, each with and without
normalisation of informal writing) into every engine present, and prints recall@20, nDCG@10 and
recall@20 on the morphological queries (prefix, suffix, confix, reduplication).

Engines: the database engine on SQLite (always), on PostgreSQL (BENCH_DATABASE_URL, default
postgres://postgres@127.0.0.1:5432/rembuk_bench_relevance, recreated; skipped if unreachable)
and Elasticsearch when ELASTICSEARCH_URL is set. The default pipeline must beat Snowball on
both measures with morphological recall >= 0.95: the run exits 1 otherwise.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
POSTGRES_URL = os.environ.get(
    "BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/rembuk_bench_relevance"
)
CONSULTATION = 1

RUN = r"""
import io, json, os, sys, datetime as dt
import django
django.setup()
from django.conf import settings
from django.core.management import call_command
from django.db import connection
call_command("migrate", verbosity=0, stdout=io.StringIO())
from search.analysis import PIPELINES
from search.documents import CommentDocument
from search.engines.base import SearchQuery
from search.evaluation import load_collection, score
from search.models import IndexedComment

comments, queries = load_collection()
default = settings.SEARCH_PIPELINE
engines = {"database (" + connection.vendor + ")": None}
if os.environ.get("ELASTICSEARCH_URL"):
    engines["elasticsearch"] = "elasticsearch"


def engine_for(kind):
    from search.engine import get_engine
    if kind is None:
        from search.engines.database import DatabaseEngine
        return DatabaseEngine()
    return get_engine()


now = dt.datetime(2026, 11, 1, tzinfo=dt.timezone.utc)
rows = []
for name, pipeline in PIPELINES.items():
    settings.SEARCH_PIPELINE = name
    documents = [
        CommentDocument(
            comment_id=pk, consultation=1, clause="", is_reply=False, stance="",
            respondent_type="individual", province="", status="published", channel="web",
            created_at=now, support_count=0, body=text, proposed_wording="",
            body_terms=" ".join(pipeline.terms(text)), proposed_wording_terms="",
            codes=[], campaign=None,
        )
        for pk, text in comments.items()
    ]
    for label, kind in engines.items():
        engine = engine_for(kind)
        engine.rebuild([documents])
        engine.refresh()
        runs = {
            q.id: [h.comment_id for h in engine.search(
                SearchQuery(text=q.text, limit=20, facets=False)).hits]
            for q in queries
        }
        s = score(runs, queries)
        rows.append([label, name, s.recall, s.ndcg, s.morphological_recall])
print(json.dumps({"rows": rows, "default": default,
                  "comments": len(comments), "queries": len(queries)}))
"""


def run(database_url: str, env_extra: dict[str, str]) -> dict | None:
    import json

    env = {
        **os.environ, "DJANGO_SETTINGS_MODULE": "config.settings.test",
        "DATABASE_URL": database_url, "PYTHONPATH": str(ROOT), **env_extra,
    }  # fmt: skip
    env.pop("REDIS_URL", None)
    result = subprocess.run(
        [sys.executable, "-c", RUN], cwd=ROOT, env=env, capture_output=True, text=True
    )
    if result.returncode != 0:
        print(result.stderr[-3000:], file=sys.stderr)
        return None
    return json.loads(result.stdout.strip().splitlines()[-1])


def postgres_database() -> str | None:
    """Recreate the benchmark's PostgreSQL database; None when PostgreSQL is not reachable."""
    import psycopg

    base, name = POSTGRES_URL.rsplit("/", 1)
    try:
        with psycopg.connect(f"{base}/postgres", autocommit=True, connect_timeout=3) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
            conn.execute(f'CREATE DATABASE "{name}"')
    except psycopg.OperationalError as error:
        print(f"PostgreSQL not reachable ({error}); measuring SQLite only")
        return None
    return POSTGRES_URL


def main() -> int:
    results = []
    with tempfile.TemporaryDirectory() as tmp:
        sqlite = run(f"sqlite:///{tmp}/relevance.sqlite3", {})
        if sqlite is None:
            return 1
        results.append(sqlite)
    postgres = postgres_database()
    if postgres:
        found = run(postgres, {})
        if found is None:
            return 1
        results.append(found)
    first = results[0]
    default = first["default"]
    print(
        f"Search relevance: {first['comments']} judged comments, {first['queries']} queries "
        "(tests/search/relevance/collection.json)"
    )
    print(f"{'engine':22} {'pipeline':24} {'recall@20':>9} {'nDCG@10':>8} {'morph. recall@20':>17}")
    failed = False
    for result in results:
        by_name = {}
        for label, name, recall, ndcg, morph in result["rows"]:
            by_name[(label, name)] = (recall, ndcg, morph)
            mark = "  <- default" if name == default else ""
            print(f"{label:22} {name:24} {recall:9.3f} {ndcg:8.3f} {morph:17.3f}{mark}")
        for label in {label for label, _ in by_name}:
            recall, ndcg, morph = by_name[(label, default)]
            base_recall, base_ndcg, _ = by_name[(label, "snowball")]
            ok = recall > base_recall and ndcg > base_ndcg and morph >= 0.95
            failed |= not ok
            print(
                f"{label}: default {'beats' if ok else 'does NOT beat'} Snowball "
                f"(recall {recall:.3f} vs {base_recall:.3f}, nDCG {ndcg:.3f} vs {base_ndcg:.3f}); "
                f"morphological recall {morph:.3f} (target >= 0.95)"
            )
    return 1 if failed else 0


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    raise SystemExit(main())
