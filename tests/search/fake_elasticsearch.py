"""An Elasticsearch node in memory, for the real client (``Elasticsearch(node_class=...)``).

It records every request the client sends (method, path, query string, decoded body) and
answers the few APIs the comment engine uses like a cluster holding no comments: it never
returns a search hit, so no test can pass on a faked result. Aliases, indices and templates are
kept, so alias lookups, swaps and ``require_alias`` failures behave as on a real cluster.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from urllib.parse import parse_qs

from elastic_transport import ApiResponseMeta, BaseNode, HttpHeaders
from elastic_transport._node import NodeApiResponse  # what a node returns (not re-exported)
from elasticsearch import Elasticsearch


@dataclass
class Request:
    method: str
    path: str
    params: dict[str, str]
    body: object


@dataclass
class FakeCluster:
    aliases: dict[str, set[str]] = field(default_factory=dict)  # alias -> indices
    indices: dict[str, dict] = field(default_factory=dict)  # index -> creation body
    templates: dict[str, dict] = field(default_factory=dict)
    health_status: str = "green"
    requests: list[Request] = field(default_factory=list)
    # (method, last path segment) -> [(status, body)], answered once each before the normal answer
    failures: dict[tuple[str, str], list[tuple[int, dict]]] = field(default_factory=dict)

    def client(self) -> Elasticsearch:
        cluster = self

        class Node(FakeNode):
            pass

        Node.cluster = cluster
        return Elasticsearch("http://es.invalid:9200", node_class=Node, max_retries=0)

    def add_alias(self, alias: str, index: str) -> None:
        self.indices.setdefault(index, {})
        self.aliases.setdefault(alias, set()).add(index)

    def sent(self, method: str, path: str) -> list[Request]:
        return [r for r in self.requests if r.method == method and r.path == path]

    def bulk_sources(self) -> dict[tuple[str, int], dict]:
        """Every document written with the bulk API, by (index or alias, id)."""
        written = {}
        for request in self.requests:
            if request.path.endswith("/_bulk"):
                target = request.path.split("/")[1]
                lines = request.body
                for action, source in zip(lines[::2], lines[1::2], strict=True):
                    meta = action["index"]
                    written[(meta.get("_index", target), int(meta["_id"]))] = source
        return written

    # Answers -----------------------------------------------------------------------------
    def answer(self, request: Request) -> tuple[int, dict]:
        key = (request.method, request.path.rsplit("/", 1)[-1])
        if self.failures.get(key):
            return self.failures[key].pop(0)
        parts = request.path.strip("/").split("/")
        method = request.method
        if method == "HEAD" and parts[0] == "_alias":
            return (200 if parts[1] in self.aliases else 404), {}
        if method == "GET" and parts[0] == "_alias":
            if parts[1] not in self.aliases:
                return 404, _error("aliases_not_found_exception")
            return 200, {index: {"aliases": {parts[1]: {}}} for index in self.aliases[parts[1]]}
        if method == "PUT" and parts[0] == "_index_template":
            self.templates[parts[1]] = request.body
            return 200, {"acknowledged": True}
        if method == "GET" and parts == ["_cluster", "health"]:
            return 200, {"cluster_name": "fake", "status": self.health_status}
        if method == "POST" and parts == ["_aliases"]:
            for action in request.body["actions"]:
                ((kind, target),) = action.items()
                if kind == "add":
                    self.add_alias(target["alias"], target["index"])
                else:
                    self.aliases.get(target["alias"], set()).discard(target["index"])
                    if not self.aliases.get(target["alias"]):
                        self.aliases.pop(target["alias"], None)
            return 200, {"acknowledged": True}
        if parts[-1] == "_bulk":
            return 200, self._bulk(request, default_index=parts[0] if len(parts) == 2 else None)
        if method == "PUT" and len(parts) == 1:
            self.indices[parts[0]] = request.body or {}
            for alias in (request.body or {}).get("aliases", {}):
                self.add_alias(alias, parts[0])
            return 200, {"acknowledged": True, "shards_acknowledged": True, "index": parts[0]}
        if method == "DELETE" and len(parts) == 1:
            self.indices.pop(parts[0], None)
            return 200, {"acknowledged": True}
        if parts[-1] == "_refresh":
            return 200, {"_shards": {"total": 1, "successful": 1, "failed": 0}}
        if parts[-1] == "_search":
            if parts[0] not in self.aliases and parts[0] not in self.indices:
                return 404, _error("index_not_found_exception")
            return 200, _empty_search(request.body or {})
        return 400, _error("unexpected_request_in_fake")

    def _bulk(self, request: Request, *, default_index: str | None) -> dict:
        items = []
        lines = request.body
        position = 0
        while position < len(lines):
            ((operation, meta),) = lines[position].items()
            position += 1 if operation == "delete" else 2
            target = meta.get("_index", default_index)
            if request.params.get("require_alias") == "true" and target not in self.aliases:
                error = _error("index_not_found_exception")["error"]
                items.append({operation: {"_index": target, "status": 404, "error": error}})
            else:
                items.append({operation: {"_index": target, "_id": meta["_id"], "status": 200}})
        return {"took": 1, "errors": any(i[op]["status"] >= 300 for i in items for op in i),
                "items": items}  # fmt: skip


class FakeNode(BaseNode):
    _CLIENT_META_HTTP_CLIENT = ("fk", "1.0")
    cluster: FakeCluster

    def perform_request(self, method, target, body=None, headers=None, request_timeout=None):
        path, _, query = target.partition("?")
        params = {name: values[-1] for name, values in parse_qs(query).items()}
        request = Request(method, path, params, _decode(body))
        self.cluster.requests.append(request)
        status, answer = self.cluster.answer(request)
        meta = ApiResponseMeta(
            status=status, http_version="1.1", duration=0.0, node=self.config,
            headers=HttpHeaders({"content-type": "application/json",
                                 "x-elastic-product": "Elasticsearch"}),
        )  # fmt: skip
        return NodeApiResponse(meta, b"" if method == "HEAD" else json.dumps(answer).encode())


def _decode(body: bytes | None):
    if not body:
        return None
    text = body.decode()
    if text.endswith("\n"):  # NDJSON (bulk)
        return [json.loads(line) for line in text.splitlines() if line]
    return json.loads(text)


def _error(kind: str) -> dict:
    return {"error": {"type": kind, "reason": kind}, "status": 404}


def _empty_search(body: dict) -> dict:
    def aggregations(aggs: dict) -> dict:
        out = {}
        for name, agg in aggs.items():
            nested = aggregations(agg.get("aggs", {}))
            if "sampler" in agg:
                out[name] = {"doc_count": 0, **nested}
            elif "significant_text" in agg:
                out[name] = {"doc_count": 0, "bg_count": 0, "buckets": []}
            else:
                out[name] = {"doc_count_error_upper_bound": 0, "sum_other_doc_count": 0,
                             "buckets": []}  # fmt: skip
        return out

    response = {
        "took": 1, "timed_out": False,
        "_shards": {"total": 1, "successful": 1, "skipped": 0, "failed": 0},
        "hits": {"total": {"value": 0, "relation": "eq"}, "max_score": None, "hits": []},
    }  # fmt: skip
    if body.get("aggs"):
        response["aggregations"] = aggregations(body["aggs"])
    return response
