"""What a kg store needs of the database under it, whatever it is.

Two backends implement it: :class:`~kg.store.embedded.EmbeddedBackend` (pyoxigraph in this
process) and :class:`~kg.store.remote.RemoteBackend` (a SPARQL 1.1 server over HTTP).
:class:`~kg.store.kgstore.KGStore` is written once against this interface, so a build
takes the same path into either. A backend raises only kg's errors: it wraps its calls
into the libraries in :func:`kg.store.edge.store_errors`.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Iterator, Mapping, Sequence

import pyoxigraph as ox
from rdflib import Dataset, Node
from rdflib.query import Result

from kg.errors import StoreError
from kg.store.terms import NamedGraph, ntriples

__all__ = ["Backend", "replace_request"]


def replace_request(graphs: Sequence[NamedGraph]) -> str:
    """One SPARQL Update request that drops each of ``graphs`` and inserts its new quads.

    Oxigraph (embedded and served), Fuseki and GraphDB apply a request atomically: a reader
    sees the old graphs or the new ones, never neither.

    >>> g = NamedGraph(ox.NamedNode("http://g"), (ox.Quad(ox.NamedNode("http://s"), ox.NamedNode("http://p"), ox.Literal("o"), ox.NamedNode("http://g")),))
    >>> print(replace_request([g]))
    DROP SILENT GRAPH <http://g> ;
    INSERT DATA { GRAPH <http://g> {
    <http://s> <http://p> "o" .
    } }
    """
    return " ;\n".join(
        f"DROP SILENT GRAPH {graph.name} ;\nINSERT DATA {{ GRAPH {graph.name} {{\n{ntriples(graph.quads)}}} }}"
        for graph in graphs
    )


class Backend(ABC):
    """The database under a :class:`~kg.store.kgstore.KGStore`.

    Attributes
    ----------
    location : str
        The folder or URL (``":memory:"`` for an in-memory store), for messages.
    dataset : rdflib.Dataset
        The same data through rdflib (``default_union`` on), for code written against rdflib.
    remote : bool
    """

    location: str
    dataset: Dataset
    remote: bool

    @property
    def oxigraph(self) -> ox.Store:
        """The pyoxigraph store of an embedded backend."""
        raise StoreError(f"{self.location} is a remote store; it has no embedded Oxigraph database")

    @abstractmethod
    def query(self, query: str, bindings: Mapping[str, Node]) -> Result:
        """Run a SPARQL query over the union of the graphs; a bad query raises ``SyntaxError``."""

    def lexical_rows(self, query: str) -> list[dict[str, str | None]]:
        """A SELECT's rows as variable → lexical value (None when unbound)."""
        return [
            {str(k): (str(v) if v is not None else None) for k, v in row.asdict().items()}
            for row in self.query(query, {})
        ]

    @abstractmethod
    def update(self, update: str) -> None:
        """Run one SPARQL Update request, atomically."""

    @abstractmethod
    def count(self) -> int:
        """The number of quads in named graphs."""

    @abstractmethod
    def holds(self, graph: NamedGraph) -> bool:
        """True when the store's graph ``graph.name`` already has exactly this content (or, remotely, size)."""

    @abstractmethod
    def add_new(self, graphs: Sequence[NamedGraph]) -> None:
        """Add graphs the store does not hold yet (leftovers of an interrupted load are cleared).

        Each graph's marks (:attr:`NamedGraph.marks`: the documents' content hashes, which
        mark a document as stored) go in last, so that an interrupted load leaves
        documents without one.
        """

    def replace(self, graph: NamedGraph) -> None:
        """Drop the graph ``graph.name`` and insert ``graph``, atomically."""
        self.update(replace_request([graph]))

    def matching(
        self, subject: ox.NamedNode | None, predicate: ox.NamedNode | None, graph: ox.NamedNode, obj: ox.NamedNode | None = None
    ) -> set[ox.Quad]:
        """The quads of ``graph`` with this subject, predicate and object (None: any)."""
        raise StoreError(f"{self.location} is a remote store; kg changes its quads by whole graphs")

    def change(self, remove: set[ox.Quad], add: set[ox.Quad]) -> None:
        """Remove ``remove`` and add ``add`` (two steps: for a store no one else reads meanwhile)."""
        raise StoreError(f"{self.location} is a remote store; kg changes its quads by whole graphs")

    @abstractmethod
    def quads(self) -> Iterator[ox.Quad]:
        """Every quad of the named graphs, streamed."""

    @abstractmethod
    def snapshot(self) -> Dataset:
        """A copy of the store in an rdflib memory Dataset (literals as rdflib makes them)."""

    @abstractmethod
    def to_dataset(self) -> Dataset:
        """The store as an rdflib Dataset: a view when embedded, a copy when remote."""

    @abstractmethod
    def close(self, *, flush: bool) -> None:
        """Release the database (``flush`` first when it was written)."""
