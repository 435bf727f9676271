"""KGStore: the one face of a kg store, whatever database is under it.

A store is a graph database (a :class:`~kg.store.backend.Backend`: embedded Oxigraph or a
SPARQL 1.1 server), one named graph per document, plus the claim rows kept beside it
(:class:`~kg.store.rows.ClaimRows`). A document counts as stored when its
``kgo:contentHash`` triple is in the graph; the rows of that version are then read.

Examples
--------
>>> from kg.store import open_store
>>> with open_store(None) as store:   # None: an in-memory store
...     store.ensure_ontology()
...     len(store.documents())
True
0
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from typing import Any

import pyoxigraph as ox
from rdflib import Dataset, Graph, Literal, Node
from rdflib.query import Result

from kg.errors import StoreError
from kg.ontology import KGO
from kg.rdf import document_graph_iri, load_ontology
from kg.store.backend import Backend
from kg.store.rows import ClaimRows, Extraction
from kg.store.terms import NamedGraph, as_named_graph

__all__ = ["KGStore"]

_DOCUMENTS_QUERY = """
PREFIX kgo: <https://w3id.org/kg/influence#>
SELECT ?g ?name ?hash WHERE {
  GRAPH ?g { ?doc a kgo:Document ; kgo:fileName ?name ; kgo:contentHash ?hash }
}"""

_PREF_LABELS = """
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
SELECT ?node ?label WHERE { GRAPH ?g { ?node skos:prefLabel ?label } }
"""

_HASH = ox.NamedNode(str(KGO.contentHash))


class KGStore:
    """An open kg store. Use :func:`kg.store.open_store` to make one, and close it.

    Attributes
    ----------
    location : str
        The folder or URL it was opened from (``":memory:"`` for an in-memory store).
    read_only : bool
    claim_rows : ClaimRows
        The claims.jsonl rows, texts and extraction records of the stored documents.
    """

    def __init__(self, backend: Backend, claim_rows: ClaimRows, *, read_only: bool = False) -> None:
        self.backend = backend
        self.claim_rows = claim_rows
        self.location = backend.location
        self.read_only = read_only
        self._open = True
        self._counted = False  # this opening's change is counted in the generation

    # -- lifecycle ---------------------------------------------------------------------

    @property
    def dataset(self) -> Dataset:
        """The whole store through rdflib, ``default_union`` on (every document and the ontology)."""
        return self.backend.dataset

    @property
    def remote(self) -> bool:
        """True for a store reached over HTTP."""
        return self.backend.remote

    @property
    def oxigraph(self) -> ox.Store:
        """The :class:`pyoxigraph.Store` of an embedded store; StoreError for a remote one.

        Code that takes the database itself may write to it, so on a writable store this
        counts as a change (:attr:`generation`).
        """
        database = self.backend.oxigraph
        if not self.read_only:
            self._changing()
        return database

    @property
    def generation(self) -> int:
        """A number that changes whenever the store is written through kg (kept with the rows).

        It goes up once per opening that writes (or takes :attr:`oxigraph`, which may write).
        """
        return self.claim_rows.generation()

    def close(self) -> None:
        """Flush and release the store (and, for an embedded one, its folder lock)."""
        if not self._open:
            return
        self._open = False
        try:
            self.claim_rows.close()
        finally:
            self.backend.close(flush=not self.read_only)

    def __enter__(self) -> KGStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"<KGStore {self.location}{' read-only' if self.read_only else ''}>"

    # -- reading -----------------------------------------------------------------------

    def documents(self) -> dict[str, str]:
        """The stored documents: document id (file name) → content hash (sha256)."""
        found = {}
        # Lexical values, not rdflib terms: a build reads the store only so, and need not
        # load rdflib's SPARQL engine (see EmbeddedBackend.dataset).
        for row in self.lexical_rows(_DOCUMENTS_QUERY):
            name = row["name"] or ""
            if row["g"] == str(document_graph_iri(name)):
                found[name] = row["hash"] or ""
        return found

    def stored_hash(self, doc_id: str) -> str | None:
        """The content hash the store holds for ``doc_id``, or None when it is not stored."""
        rows = self._select(_DOCUMENTS_QUERY, {"g": document_graph_iri(doc_id), "name": Literal(doc_id)})
        return next((str(row["hash"]) for row in rows), None)

    def extractions(self, documents: Mapping[str, str] | None = None) -> dict[str, Extraction | None]:
        """Stored document id → what made its claims (kg version, pipeline), None when unknown.

        Unknown means the rows of the stored version were not kept here: a store made by a
        kg that kept no such record, or a document another machine added to a shared store.
        """
        documents = self.documents() if documents is None else documents
        known = self.claim_rows.extractions()
        return {
            doc: next((e for e in known.get(doc, ()) if e.sha256 == sha), None) for doc, sha in documents.items()
        }

    def __len__(self) -> int:
        """Number of quads in the store."""
        return self.backend.count()

    def query(self, query: str, bindings: Mapping[str, Node] | None = None) -> Result:
        """Run a SPARQL query over the union of the store's graphs.

        ``bindings`` pre-bind variables to RDF terms (rdflib's ``initBindings``): an
        embedded store hands them to Oxigraph as substitutions; for a remote store they
        become a ``VALUES`` block at the start of the outermost ``WHERE`` group, each term
        written in its escaped N-Triples form -- never the raw text a user typed.

        Raises
        ------
        SyntaxError
            From the parser, with the position (kg.query turns it into QueryError).
        StoreError
            When the store cannot be read.
        """
        return self.backend.query(query, bindings or {})

    def lexical_rows(self, query: str) -> list[dict[str, str | None]]:
        """A SELECT's rows as variable → lexical value (None when unbound), without rdflib terms.

        For kg's own grouped reads of many rows (:mod:`kg.corroboration`), where making an
        rdflib term of every value costs more than the query.
        """
        return self.backend.lexical_rows(query)

    def preferred_labels(self) -> dict[str, str]:
        """Entity and source IRI → the skos:prefLabel the store already gives it.

        A build seeds :func:`kg.quads.document_quads` with these, so a new document labels
        an entity the way the stored ones do.
        """
        labels: dict[str, str] = {}
        for row in self.lexical_rows(_PREF_LABELS):  # strings, as documents() reads
            labels.setdefault(row["node"] or "", row["label"] or "")
        return labels

    def quads(self) -> Iterator[ox.Quad]:
        """Every quad of the store's named graphs, streamed."""
        return self.backend.quads()

    def _select(self, query: str, bindings: Mapping[str, Node] | None = None) -> list[dict[str, Any]]:
        return [row.asdict() for row in self.query(query, bindings)]

    # -- writing -----------------------------------------------------------------------

    def ensure_ontology(self) -> bool:
        """Put the ontology in its named graph unless the store already has this version.

        Returns True when it was (re)loaded. The stored copy is compared with
        ``ontologies/influence.ttl`` as a set of triples (over HTTP: by size), so an
        edited ontology replaces the old one on the next build.
        """
        ontology = NamedGraph.from_rdflib(load_ontology())  # named ONTOLOGY_GRAPH
        if self.backend.holds(ontology):
            return False
        self.replace_graph(ontology)
        return True

    def replace_document(self, graph: Graph | NamedGraph) -> None:
        """Replace one document's named graph by ``graph``, in one transaction."""
        self.replace_graph(graph)

    def replace_graph(self, graph: Graph | NamedGraph) -> None:
        """Drop the named graph ``graph`` names and insert ``graph``, atomically."""
        self._writable()
        self.backend.replace(as_named_graph(graph))

    def add_documents(self, graphs: Iterable[Graph | NamedGraph]) -> int:
        """Add the graphs of documents the store does not hold yet; returns the quad count.

        A small batch is one atomic write; a large one goes through the bulk loader with
        the content hashes last, so an interrupted load leaves documents without a hash,
        which the next build replaces.
        """
        self._writable()
        named = [_hash_last(as_named_graph(graph)) for graph in graphs]
        self.backend.add_new(named)
        return sum(len(graph) for graph in named)

    def matching(
        self, subject: ox.NamedNode | None, predicate: ox.NamedNode | None, graph: ox.NamedNode, obj: ox.NamedNode | None = None
    ) -> set[ox.Quad]:
        """The quads of named graph ``graph`` with this subject, predicate and object (None:
        any); embedded stores only."""
        return self.backend.matching(subject, predicate, graph, obj)

    def change_quads(self, remove: set[ox.Quad], add: set[ox.Quad]) -> None:
        """Remove and add single quads (embedded stores only; a remote one changes whole graphs).

        Two steps, not one transaction: for kg's own summaries (:mod:`kg.corroboration`),
        which only the writer reads while it holds the store.
        """
        self._writable()
        self.backend.change(remove, add)

    def remove_document(self, doc_id: str) -> bool:
        """Drop a document's named graph and its claim rows; False when it was not stored."""
        self._writable()
        if self.stored_hash(doc_id) is None:
            return False
        self.backend.update(f"DROP SILENT GRAPH <{document_graph_iri(doc_id)}>")
        self.drop_rows(doc_id)
        self.claim_rows.commit()
        return True

    def update(self, update: str) -> None:
        """Run one SPARQL 1.1 Update request (atomic on Oxigraph, Fuseki and GraphDB).

        For kg's own modules that rewrite triples in place (:func:`kg.corroboration.relink`);
        terms must be written with ``n3()``, never pasted from user text.

        Raises
        ------
        StoreError
            When the store is read-only or refuses the update.
        """
        self._writable()
        self.backend.update(update)

    def _writable(self) -> None:
        if self.read_only:
            raise StoreError(f"the store {self.location} is open read-only")
        self._changing()

    def _changing(self) -> None:
        # Counted once per opening, and committed before the first write: a build killed
        # in the middle of it must not leave the count saying that nothing changed.
        if not self._counted:
            self.claim_rows.bump()
            self.claim_rows.commit()
            self._counted = True

    # -- claim rows --------------------------------------------------------------------

    def write_rows(
        self,
        doc_id: str,
        sha256: str,
        rows: Iterable[dict[str, Any]],
        *,
        version: str | None = None,
        model: str | None = None,
    ) -> None:
        """Keep one document's ``claims.jsonl`` rows and what made them; call before its graph is written.

        The record is keyed by content hash, so rows written for a version of the
        document that never reached the graph (a crash in between) are never read.
        """
        self.claim_rows.write(doc_id, sha256, rows, version=version, model=model)

    def drop_rows(self, doc_id: str, keep: str | None = None) -> None:
        """Delete a document's stored rows and text, except those of the hash ``keep``."""
        self.claim_rows.drop(doc_id, keep)

    def write_text(self, doc_id: str, sha256: str, text: str) -> None:
        """Keep one document's cleaned text, for pages that show it whole."""
        self.claim_rows.write_text(doc_id, sha256, text)

    def text(self, doc_id: str) -> str | None:
        """The stored text of a document, or None (not stored, or built before texts were kept)."""
        sha = self.stored_hash(doc_id)
        return None if sha is None else self.claim_rows.text(doc_id, sha)

    def iter_rows(self, documents: Mapping[str, str] | None = None) -> Iterator[dict[str, Any]]:
        """The claims.jsonl rows of the stored documents, streamed in file-name order.

        ``documents`` (id → hash, :meth:`documents` when None) says which versions are stored.
        """
        self.claim_rows.commit()
        return self.claim_rows.stream(self.documents() if documents is None else documents)

    def rows(self) -> tuple[list[dict[str, Any]], list[str]]:
        """The claims.jsonl rows of every stored document, and the documents without rows.

        Documents come in file-name order, each document's rows in extraction order. A
        document has no rows when it was added to a shared store by another machine.
        (:meth:`iter_rows` streams them instead.)
        """
        documents = self.documents()
        return list(self.iter_rows(documents)), self.claim_rows.missing(documents)

    # -- export ------------------------------------------------------------------------

    def snapshot(self) -> Dataset:
        """A copy of the store in an rdflib memory Dataset (``default_union`` on).

        Unlike :meth:`to_dataset`, literals come back as rdflib makes them (a plain
        string is ``Literal("x")``, not ``Literal("x", datatype=XSD.string)`` as
        through oxrdflib), which serialisers and pyshacl expect. Meant for graphs that
        fit in memory: validation, JSON-LD.
        """
        return self.backend.snapshot()

    def to_dataset(self) -> Dataset:
        """The store's content as an rdflib Dataset: a view of an embedded store, a copy of a remote one."""
        return self.backend.to_dataset()


def _hash_last(graph: NamedGraph) -> NamedGraph:
    """``graph`` with its content hash as its mark (kg.quads writes graphs so already)."""
    if graph.marks and all(q.predicate == _HASH for q in graph.tail):
        return graph
    return graph.marked_by(_HASH)
