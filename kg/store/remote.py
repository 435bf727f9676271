"""The remote backend: a SPARQL 1.1 store over HTTP (Oxigraph, Fuseki, GraphDB...).

``BASE`` means ``BASE/query`` and ``BASE/update`` (Oxigraph's and Fuseki's layout); give
``update_url`` for other layouts. kg posts its own SPARQL Protocol requests
(:mod:`kg.store.http`); :attr:`RemoteBackend.dataset` is an rdflib Dataset over
``SPARQLUpdateStore`` for rdflib-style use by others.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from io import BytesIO

import pyoxigraph as ox
from rdflib import Dataset, Graph, Node
from rdflib.query import Result

from kg.errors import StoreError
from kg.rdf import bind_prefixes
from kg.store import http
from kg.store.backend import Backend, replace_request
from kg.store.edge import store_errors
from kg.store.terms import NamedGraph, inline_values, ox_term

__all__ = ["RemoteBackend"]

#: New documents are sent in requests of at most this many quads.
REQUEST_QUADS = 20_000


class RemoteBackend(Backend):
    """A SPARQL 1.1 server at ``url`` (``update_url`` when updates go elsewhere than ``URL/update``)."""

    remote = True

    def __init__(self, url: str, update_url: str | None = None) -> None:
        from rdflib.plugins.stores.sparqlstore import SPARQLUpdateStore

        self.location = url
        base = url.rstrip("/")
        if base.endswith(("/query", "/sparql")):
            self.query_url = base
            base = base.rsplit("/", 1)[0]
        else:
            self.query_url = f"{base}/query"
        self.update_url = update_url or f"{base}/update"
        store = SPARQLUpdateStore(
            query_endpoint=self.query_url,
            update_endpoint=self.update_url,
            autocommit=True,
            context_aware=True,
            returnFormat="json",
        )
        self.dataset = Dataset(store=store, default_union=True)
        bind_prefixes(self.dataset)

    def query(self, query: str, bindings: Mapping[str, Node]) -> Result:
        body = inline_values(query, bindings).encode("utf-8")
        headers = {
            "Content-Type": "application/sparql-query; charset=utf-8",
            "Accept": "application/sparql-results+json, application/n-triples;q=0.9",
        }
        with store_errors(self.location, "read", queries=True):
            status, content_type, data = http.post(self.query_url, body, headers)
        if status >= 300:
            message = data.decode("utf-8", "replace").strip()
            if status == 400:
                raise SyntaxError(message or "bad request")
            raise StoreError(f"{self.query_url} answered {status}: {message}")
        with store_errors(self.location, "read"):
            if content_type in ("application/n-triples", "text/plain", "text/turtle"):
                result = Result("CONSTRUCT")
                fmt = "nt" if "triples" in content_type else "turtle"
                result.graph = Graph().parse(data=data.decode("utf-8"), format=fmt)
                return result
            return Result.parse(BytesIO(data), format="json")

    def update(self, update: str) -> None:
        headers = {"Content-Type": "application/sparql-update; charset=utf-8"}
        with store_errors(self.location, "write to"):
            status, _, data = http.post(self.update_url, update.encode("utf-8"), headers)
        if status >= 300:
            message = data.decode("utf-8", "replace").strip()
            raise StoreError(f"{self.update_url} refused the update ({status}): {message}")

    def _rows(self, query: str) -> list[dict]:
        return [row.asdict() for row in self.query(query, {})]

    def count(self) -> int:
        rows = self._rows("SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }")
        return int(rows[0]["n"]) if rows else 0

    def holds(self, graph: NamedGraph) -> bool:
        # Over HTTP a full comparison costs a download; the size is enough.
        rows = self._rows(f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH {graph.name} {{ ?s ?p ?o }} }}")
        return bool(rows) and int(rows[0]["n"]) == len(graph)

    def add_new(self, graphs: Sequence[NamedGraph]) -> None:
        # Each request replaces whole graphs and is atomic, hashes included: no ordering needed.
        batch: list[NamedGraph] = []
        size = 0
        for graph in graphs:
            batch.append(graph)
            size += len(graph)
            if size >= REQUEST_QUADS:
                self.update(replace_request(batch))
                batch, size = [], 0
        if batch:
            self.update(replace_request(batch))

    def quads(self) -> Iterator[ox.Quad]:
        for row in self._rows("SELECT ?g ?s ?p ?o WHERE { GRAPH ?g { ?s ?p ?o } }"):
            yield ox.Quad(ox_term(row["s"]), ox_term(row["p"]), ox_term(row["o"]), ox_term(row["g"]))

    def snapshot(self) -> Dataset:
        return self.to_dataset()

    def to_dataset(self) -> Dataset:
        copy = Dataset(default_union=True)
        bind_prefixes(copy)
        for row in self._rows("SELECT ?g ?s ?p ?o WHERE { GRAPH ?g { ?s ?p ?o } }"):
            copy.graph(row["g"]).add((row["s"], row["p"], row["o"]))
        return copy

    def close(self, *, flush: bool) -> None:
        self.dataset.store.close()
        self.dataset = None  # type: ignore[assignment]
