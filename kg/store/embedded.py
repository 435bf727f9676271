"""The embedded backend: an Oxigraph (RocksDB) database opened by this process.

Reads go through rdflib (oxrdflib's ``"Oxigraph"`` store under a Dataset) so that query
results are the rdflib objects the rest of kg reads; writes go to :mod:`pyoxigraph`
directly, as quads: ``extend`` (atomic) for a small batch, the bulk loader (not atomic,
several times faster) once a batch has :data:`BULK_MINIMUM` quads.

RocksDB lets one process open a folder read-write at a time; a read-only open takes no
lock. Reading while another process writes is undefined behaviour in Oxigraph.
"""

from __future__ import annotations

import gc
import os
from itertools import chain
from collections.abc import Iterator, Mapping, Sequence

import pyoxigraph as ox
from rdflib import Dataset, Node
from rdflib.query import Result

from kg.errors import StoreError
from kg.rdf import bind_prefixes
from kg.store.backend import Backend
from kg.store.edge import store_errors
from kg.store.locations import oxigraph_dir
from kg.store.terms import NamedGraph

__all__ = ["BULK_MINIMUM", "BULK_THRESHOLD", "EmbeddedBackend", "open_oxigraph"]

#: How many quads of new documents a build collects before writing them (one bulk load).
BULK_THRESHOLD = 50_000

#: A batch with fewer quads is written with ``extend`` (one transaction), a larger one
#: through the bulk loader, several times faster but with a fixed cost per call. Either is
#: safe to interrupt: the content hashes go in last.
BULK_MINIMUM = 5_000


def open_oxigraph(location: str | os.PathLike[str], *, read_only: bool = False, create: bool = True) -> ox.Store:
    """Open the Oxigraph database of the store folder ``location``.

    A writer takes RocksDB's lock on the folder; a read-only open does not.

    Raises
    ------
    StoreError
        When there is no store there (read-only or ``create=False``), when another
        process holds the write lock, or when the database is damaged or cannot be opened.
    """
    database = oxigraph_dir(location)
    if (read_only or not create) and not (database / "CURRENT").is_file():
        raise StoreError(f"no kg store at {location} (build one with: kg build PATH -o OUT)")
    with store_errors(str(location), "open"):
        if read_only:
            return ox.Store.read_only(str(database))
        database.mkdir(parents=True, exist_ok=True)
        return ox.Store(str(database))
    raise AssertionError("unreachable")  # pragma: no cover - store_errors re-raises


class EmbeddedBackend(Backend):
    """An open pyoxigraph store (a folder, or memory).

    Parameters
    ----------
    store
        The pyoxigraph store (see :func:`open_oxigraph`).
    location
        Its folder, or ``":memory:"``.
    """

    remote = False

    def __init__(self, store: ox.Store, location: str) -> None:
        self.location = location
        self._ox: ox.Store | None = store
        self._dataset: Dataset | None = None

    @property  # type: ignore[override]
    def dataset(self) -> Dataset:
        """The rdflib view of the store, made on first use: oxrdflib brings rdflib's SPARQL
        engine with it (0.2 s of CPU to import), and a build never reads through it."""
        if self._dataset is None:
            from oxrdflib.store import OxigraphStore

            self._dataset = Dataset(store=OxigraphStore(store=self.oxigraph), default_union=True)
            bind_prefixes(self._dataset)
        return self._dataset

    @property
    def oxigraph(self) -> ox.Store:
        if self._ox is None:
            raise StoreError(f"the store {self.location} is closed")
        return self._ox

    def query(self, query: str, bindings: Mapping[str, Node]) -> Result:
        with store_errors(self.location, "read", queries=True):
            return self.dataset.query(query, initBindings=dict(bindings))

    def lexical_rows(self, query: str) -> list[dict[str, str | None]]:
        # pyoxigraph directly: converting every term to rdflib costs more than the query itself.
        with store_errors(self.location, "read", queries=True):
            solutions = self.oxigraph.query(query)
            names = [v.value for v in solutions.variables]
            return [{n: (s[n].value if s[n] is not None else None) for n in names} for s in solutions]

    def update(self, update: str) -> None:
        with store_errors(self.location, "write to"):
            self.oxigraph.update(update)

    def count(self) -> int:
        with store_errors(self.location, "read"):
            return len(self.oxigraph)

    def holds(self, graph: NamedGraph) -> bool:
        with store_errors(self.location, "read"):
            stored = {q.triple for q in self.oxigraph.quads_for_pattern(None, None, None, graph.name)}
        return stored == {q.triple for q in graph.quads}

    def add_new(self, graphs: Sequence[NamedGraph]) -> None:
        store = self.oxigraph
        with store_errors(self.location, "write to"):
            for graph in graphs:
                # Leftovers of an interrupted bulk load: a graph without its hash.
                if store.contains_named_graph(graph.name):
                    store.remove_graph(graph.name)
            if sum(len(g) for g in graphs) < BULK_MINIMUM:
                store.extend(chain.from_iterable(graph.quads for graph in graphs))
                return
            # Slices chained in C: no Python code runs per quad on the way to the loader.
            store.bulk_extend(chain.from_iterable(graph.body for graph in graphs))
            store.extend(chain.from_iterable(graph.tail for graph in graphs))

    def matching(
        self, subject: ox.NamedNode | None, predicate: ox.NamedNode | None, graph: ox.NamedNode, obj: ox.NamedNode | None = None
    ) -> set[ox.Quad]:
        with store_errors(self.location, "read"):
            return set(self.oxigraph.quads_for_pattern(subject, predicate, obj, graph))

    def change(self, remove: set[ox.Quad], add: set[ox.Quad]) -> None:
        store = self.oxigraph
        with store_errors(self.location, "write to"):
            for quad in remove:
                store.remove(quad)
            store.extend(add)

    def quads(self) -> Iterator[ox.Quad]:
        store = self.oxigraph
        with store_errors(self.location, "read"):
            iterator = iter(store.quads_for_pattern(None, None, None, None))
        while True:
            with store_errors(self.location, "read"):
                quad = next(iterator, None)
            if quad is None:
                return
            if not isinstance(quad.graph_name, ox.DefaultGraph):
                yield quad

    def snapshot(self) -> Dataset:
        copy = Dataset(default_union=True)
        bind_prefixes(copy)
        with store_errors(self.location, "read"):
            data = self.oxigraph.dump(format=ox.RdfFormat.N_QUADS)
        copy.parse(data=data.decode("utf-8"), format="nquads")
        return copy

    def to_dataset(self) -> Dataset:
        return self.dataset

    def close(self, *, flush: bool) -> None:
        if self._ox is not None and flush:
            with store_errors(self.location, "flush"):
                self._ox.flush()
        # RocksDB releases its lock only when the last reference to the store is gone;
        # oxrdflib's Store and the Dataset both hold one.
        if self._dataset is not None:
            self._dataset.store.close()
        self._ox = None
        self._dataset = None
        gc.collect()
