"""The triple store: persistent, incremental, one named graph per document.

kg keeps its graph in `Oxigraph <https://github.com/oxigraph/oxigraph>`_, an embedded
RocksDB-backed SPARQL 1.1 store, used through rdflib's API (``oxrdflib``'s ``"Oxigraph"``
store under an rdflib :class:`~rdflib.Dataset`) so the rest of kg and its users keep
writing ordinary rdflib code; the few things rdflib's Store API cannot say -- a
transaction, a bulk load, a fast dump -- go to :mod:`pyoxigraph` directly, on the same
open store. Oxigraph rather than another rdflib back end because it is embedded (no
server to run), answers grouped queries about a hundred times faster than rdflib's memory
store, and ships an HTTP server (``oxigraph serve``) that opens the very same folder.

A store folder made by kg holds two things::

    STORE/oxigraph/   the RocksDB database (what ``oxigraph serve --location`` opens)
    STORE/claims/     each stored document's claims.jsonl rows, <doc>.<sha>.jsonl

The rows are kept beside the graph because the ``claims.jsonl`` export needs fields the
RDF does not carry (mention offsets, the order of hedge cues), and a file per document
is replaced together with that document's graph. See :meth:`KGStore.rows`.

A ``http(s)://`` location is a shared SPARQL 1.1 store (Oxigraph, Fuseki, GraphDB...):
``BASE`` means ``BASE/query`` and ``BASE/update`` (Oxigraph's and Fuseki's layout); give
``update_url`` for other layouts. Its :attr:`KGStore.dataset` is an rdflib Dataset over
``SPARQLUpdateStore`` for rdflib-style use, but kg's own reads and writes post SPARQL
1.1 Protocol requests directly, because rdflib's connector replaces the server's error
message (the parser's position in a bad query) with a generic one.

Transactions
------------
Replacing a document is one SPARQL Update request, ``DROP SILENT GRAPH <g> ; INSERT DATA
{ GRAPH <g> { ... } }``, which Oxigraph (embedded and served), Fuseki and GraphDB apply
atomically: a reader sees the old graph or the new one, never neither. oxrdflib's
``commit``/``rollback`` are no-ops, so rdflib's transaction API is not relied on.

New documents are added in batches with ``Store.extend`` (also atomic), or with the bulk
loader (``bulk_extend``, not atomic but several times faster) once a batch passes
:data:`BULK_THRESHOLD` triples. A document counts as stored only when its
``kgo:contentHash`` triple is there, and those triples are written after the bulk load, so
an interrupted bulk load leaves documents without a hash, which the next build replaces.

Locking
-------
RocksDB lets one process open a folder read-write at a time; a second writer gets
:class:`~kg.errors.StoreError`. Read-only opens (``read_only=True``, ``oxigraph
serve-read-only``) do not take the lock and may run side by side, but reading while
another process writes is undefined behaviour in Oxigraph: stop ``kg serve`` before
building into the same folder, or serve with ``--writable`` and build against its URL.

Examples
--------
>>> with open_store(None) as store:   # None: an in-memory store
...     store.ensure_ontology()
...     len(store.documents())
True
0
"""

from __future__ import annotations

import gc
import http.client
import json
import logging
import os
import re
import socket
import threading
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any
from collections.abc import Mapping
from io import BytesIO
from urllib.error import URLError
from urllib.parse import quote, urlsplit

import pyoxigraph as ox
from rdflib import Dataset, Graph, Literal, Node, URIRef, Variable
from rdflib.query import Result

from kg.errors import QueryError, StoreError
from kg.locks import refuse_if_served
from kg.ontology import KGO
from kg.outputs import write_jsonl
from kg.rdf import ONTOLOGY_GRAPH, bind_prefixes, document_graph_iri, load_ontology

__all__ = [
    "BULK_THRESHOLD",
    "KGStore",
    "open_store",
    "open_oxigraph",
    "remove_documents",
    "is_remote",
    "oxigraph_dir",
    "store_folder",
    "inline_values",
    "sparql_term",
]

log = logging.getLogger(__name__)

_DAMAGED_HINT = "move it aside and rebuild it with kg build (the input files are the source of truth)"

#: A batch of new documents with at least this many triples goes through the bulk loader.
BULK_THRESHOLD = 50_000

_DOCUMENTS_QUERY = """
PREFIX kgo: <https://w3id.org/kg/influence#>
SELECT ?g ?name ?hash WHERE {
  GRAPH ?g { ?doc a kgo:Document ; kgo:fileName ?name ; kgo:contentHash ?hash }
}"""


def is_remote(location: str | os.PathLike[str] | None) -> bool:
    """True when ``location`` is an http(s) URL rather than a folder.

    >>> is_remote("http://127.0.0.1:7878"), is_remote("output/store")
    (True, False)
    """
    return isinstance(location, str) and urlsplit(location).scheme in ("http", "https")


def store_folder(location: str | os.PathLike[str]) -> Path:
    """The store folder a user means: ``location``, or ``location/store`` when given a build folder.

    ``kg build corpus -o OUT`` keeps its store in ``OUT/store``; commands that read the
    store accept ``OUT`` too.
    """
    path = Path(location)
    if not (path / "CURRENT").is_file() and not (path / "oxigraph" / "CURRENT").is_file():
        if (path / "store" / "oxigraph" / "CURRENT").is_file():
            return path / "store"
    return path


def oxigraph_dir(location: str | os.PathLike[str]) -> Path:
    """The RocksDB folder of a store folder: ``STORE/oxigraph``, or STORE itself when it is one.

    Accepting a bare Oxigraph folder (one with a ``CURRENT`` file) lets kg query and serve
    databases made by ``oxigraph load`` too, and a build folder (``OUT``) stands for its store.
    """
    path = store_folder(location)
    return path if (path / "CURRENT").is_file() else path / "oxigraph"


class KGStore:
    """An open kg store: an rdflib :class:`~rdflib.Dataset` plus the operations kg needs.

    Use :func:`open_store` to make one, and close it (or use it as a context manager):
    an embedded store keeps its folder locked while open.

    Attributes
    ----------
    location : str
        The folder or URL it was opened from (``":memory:"`` for an in-memory store).
    dataset : rdflib.Dataset
        The whole store through rdflib, with ``default_union`` on so that a query without
        ``GRAPH`` sees every document's graph and the ontology.
    read_only : bool
    rows_dir : pathlib.Path or None
        Where the per-document claim rows are kept; None keeps them in memory.
    """

    def __init__(
        self,
        location: str,
        dataset: Dataset,
        *,
        oxstore: ox.Store | None = None,
        read_only: bool = False,
        rows_dir: Path | None = None,
    ) -> None:
        self.location = location
        self.dataset = dataset
        self.read_only = read_only
        self.rows_dir = rows_dir
        self._ox = oxstore
        self._memory_rows: dict[str, list[dict[str, Any]]] = {}

    # -- lifecycle ---------------------------------------------------------------------

    @property
    def remote(self) -> bool:
        """True for a store reached over HTTP."""
        return self._ox is None

    @property
    def oxigraph(self) -> ox.Store:
        """The underlying :class:`pyoxigraph.Store` of an embedded store.

        Raises
        ------
        StoreError
            For a remote store.
        """
        if self._ox is None:
            raise StoreError(f"{self.location} is a remote store; it has no embedded Oxigraph database")
        return self._ox

    def close(self) -> None:
        """Flush and release the store (and, for an embedded one, its folder lock)."""
        if self._ox is not None and not self.read_only:
            try:
                self._ox.flush()
            except OSError as err:
                raise StoreError(f"cannot flush the store {self.location}: {err}") from err
        # RocksDB releases its lock only when the last reference to the store is gone;
        # oxrdflib's Store and the Dataset both hold one.
        self.dataset.store.close()
        self._ox = None
        self.dataset = None  # type: ignore[assignment]
        gc.collect()

    def __enter__(self) -> KGStore:
        return self

    def __exit__(self, *exc: object) -> None:
        if self.dataset is not None:
            self.close()

    def __repr__(self) -> str:
        return f"<KGStore {self.location}{' read-only' if self.read_only else ''}>"

    # -- reading -----------------------------------------------------------------------

    def documents(self) -> dict[str, str]:
        """The stored documents: document id (file name) → content hash (sha256)."""
        found = {}
        for row in self._select(_DOCUMENTS_QUERY):
            if row["g"] == document_graph_iri(str(row["name"])):
                found[str(row["name"])] = str(row["hash"])
        return found

    def stored_hash(self, doc_id: str) -> str | None:
        """The content hash the store holds for ``doc_id``, or None when it is not stored."""
        rows = self._select(_DOCUMENTS_QUERY, {"g": document_graph_iri(doc_id), "name": Literal(doc_id)})
        return next((str(row["hash"]) for row in rows), None)

    def __len__(self) -> int:
        """Number of quads in the store."""
        if self._ox is not None:
            return len(self._ox)
        rows = self._select("SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }")
        return int(rows[0]["n"]) if rows else 0

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
        if self._ox is None:
            return _http_query(self.dataset.store.query_endpoint, query, bindings or {})
        try:
            return self.dataset.query(query, initBindings=dict(bindings or {}))
        except OSError as err:
            raise StoreError(f"cannot read the store {self.location}: {err}") from err
        except RuntimeError as err:  # RocksDB: a damaged block
            raise StoreError(f"the store {self.location} is damaged ({err}); {_DAMAGED_HINT}") from err

    def preferred_labels(self) -> dict[str, str]:
        """Entity and source IRI → the skos:prefLabel the store already gives it.

        A build seeds :func:`kg.rdf.document_graph` with these, so a new document labels
        an entity the way the stored ones do.
        """
        labels: dict[str, str] = {}
        for row in self._select(_PREF_LABELS):
            labels.setdefault(str(row["node"]), str(row["label"]))
        return labels

    def _select(self, query: str, bindings: Mapping[str, Node] | None = None) -> list[dict[str, Any]]:
        return [row.asdict() for row in self.query(query, bindings)]

    # -- writing -----------------------------------------------------------------------

    def ensure_ontology(self) -> bool:
        """Put the ontology in its named graph unless the store already has this version.

        Returns True when it was (re)loaded. The stored copy is compared with
        ``ontologies/influence.ttl`` as a set of triples, so an edited ontology replaces
        the old one on the next build.
        """
        ontology = load_ontology()
        if not self.remote and self._graph_triples(ONTOLOGY_GRAPH) == _ox_triples(ontology):
            return False
        if self.remote and self._ask_graph(ONTOLOGY_GRAPH, len(ontology)):
            return False
        self.replace_graph(ontology)
        return True

    def _graph_triples(self, name: URIRef) -> set[ox.Triple]:
        return {q.triple for q in self.oxigraph.quads_for_pattern(None, None, None, ox.NamedNode(name))}

    def _ask_graph(self, name: URIRef, size: int) -> bool:
        # Over HTTP a full comparison costs a download; the version and size are enough.
        query = f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{name}> {{ ?s ?p ?o }} }}"
        rows = self._select(query)
        return bool(rows) and int(rows[0]["n"]) == size

    def replace_document(self, graph: Graph) -> None:
        """Replace one document's named graph by ``graph``, in one transaction.

        ``graph.identifier`` names the graph (:func:`kg.rdf.document_graph_iri`); the old
        graph, if any, is dropped in the same SPARQL Update request.
        """
        self.replace_graph(graph)

    def replace_graph(self, graph: Graph) -> None:
        """Drop the named graph ``graph.identifier`` and insert ``graph``, atomically."""
        self._writable()
        name = graph.identifier
        body = graph.serialize(format="nt")
        self._update(f"DROP SILENT GRAPH <{name}> ;\nINSERT DATA {{ GRAPH <{name}> {{\n{body}}} }}")

    def add_documents(self, graphs: Iterable[Graph]) -> int:
        """Add the graphs of documents the store does not hold yet; returns the triple count.

        A batch under :data:`BULK_THRESHOLD` triples is one atomic ``extend``; a larger one
        goes through Oxigraph's bulk loader, content hashes last (see the module notes).
        A remote store gets one replace request per document.
        """
        self._writable()
        graphs = list(graphs)
        if self.remote:
            for graph in graphs:
                self.replace_graph(graph)
            return sum(len(g) for g in graphs)
        store = self.oxigraph
        names = [ox.NamedNode(g.identifier) for g in graphs]
        try:
            for name in names:
                # Leftovers of an interrupted bulk load: a graph without its hash.
                if store.contains_named_graph(name):
                    store.remove_graph(name)
            total = sum(len(g) for g in graphs)
            if total < BULK_THRESHOLD:
                store.extend([q for g, n in zip(graphs, names) for q in _ox_quads(g, n)])
            else:
                hash_quads: list[ox.Quad] = []

                def body() -> Iterator[ox.Quad]:
                    for graph, name in zip(graphs, names):
                        for quad in _ox_quads(graph, name):
                            if quad.predicate.value == str(KGO.contentHash):
                                hash_quads.append(quad)
                            else:
                                yield quad

                store.bulk_extend(body())
                store.extend(hash_quads)
        except (OSError, ValueError, RuntimeError) as err:
            raise StoreError(f"cannot write to the store {self.location}: {err}") from err
        return total

    def remove_document(self, doc_id: str) -> bool:
        """Drop a document's named graph and its claim rows; False when it was not stored."""
        self._writable()
        stored = self.stored_hash(doc_id)
        if stored is None:
            return False
        self._update(f"DROP SILENT GRAPH <{document_graph_iri(doc_id)}>")
        self.drop_rows(doc_id)
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
        self._update(update)

    def _update(self, update: str) -> None:
        try:
            if self._ox is not None:
                self._ox.update(update)
            else:
                _http_update(self.dataset.store.update_endpoint, update)
        except SyntaxError as err:  # a kg bug, but say where
            raise StoreError(f"the store rejected an update: {err}") from err
        except (OSError, URLError, ValueError, RuntimeError) as err:
            raise StoreError(f"cannot write to the store {self.location}: {err}") from err

    def _writable(self) -> None:
        if self.read_only:
            raise StoreError(f"the store {self.location} is open read-only")

    # -- claim rows --------------------------------------------------------------------

    def write_rows(self, doc_id: str, sha256: str, rows: Iterable[dict[str, Any]]) -> None:
        """Keep one document's ``claims.jsonl`` rows; call before its graph is replaced.

        The file name carries the content hash, so rows written for a version of the
        document that never reached the graph (a crash in between) are never read.
        """
        rows = list(rows)
        if self.rows_dir is None:
            self._memory_rows[f"{doc_id}\x1f{sha256}"] = rows
            return
        write_jsonl(self._rows_path(doc_id, sha256), rows)

    def drop_rows(self, doc_id: str, keep: str | None = None) -> None:
        """Delete a document's stored rows, except those of the hash ``keep``."""
        if self.rows_dir is None:
            for key in [k for k in self._memory_rows if k.split("\x1f")[0] == doc_id]:
                if key.split("\x1f")[1] != keep:
                    del self._memory_rows[key]
            return
        prefix = f"{quote(doc_id, safe='')}."
        for folder, suffix in ((self.rows_dir, ".jsonl"), (self.rows_dir.parent / "texts", ".txt")):
            for path in folder.glob(f"{_glob_escape(prefix)}*{suffix}"):
                sha = path.name[len(prefix) : -len(suffix)]
                # "a.txt." is also the start of "a.txt.b.txt."; a hash has no dot.
                if "." not in sha and sha != keep:
                    path.unlink(missing_ok=True)

    def write_text(self, doc_id: str, sha256: str, text: str) -> None:
        """Keep one document's cleaned text (``STORE/texts``), for pages that show it whole.

        Named by content hash like the rows, and dropped with them by :meth:`drop_rows`.
        """
        if self.rows_dir is None:
            self._memory_rows[f"{doc_id}\x1f{sha256}\x1ftext"] = [{"text": text}]
            return
        from kg.outputs import atomic_write

        atomic_write(self._text_path(doc_id, sha256), lambda handle: handle.write(text))

    def text(self, doc_id: str) -> str | None:
        """The stored text of a document, or None (not stored, or built before texts were kept)."""
        sha = self.stored_hash(doc_id)
        if sha is None:
            return None
        if self.rows_dir is None:
            found = self._memory_rows.get(f"{doc_id}\x1f{sha}\x1ftext")
            return found[0]["text"] if found else None
        try:
            return self._text_path(doc_id, sha).read_text(encoding="utf-8")
        except FileNotFoundError:
            return None
        except (OSError, UnicodeDecodeError) as err:
            raise StoreError(f"cannot read the text of {doc_id}: {err}") from err

    def _text_path(self, doc_id: str, sha256: str) -> Path:
        assert self.rows_dir is not None
        return self.rows_dir.parent / "texts" / f"{quote(doc_id, safe='')}.{sha256}.txt"

    def rows(self) -> tuple[list[dict[str, Any]], list[str]]:
        """The claims.jsonl rows of every stored document, and the documents without rows.

        Documents come in file-name order, each document's rows in extraction order. A
        document has no rows when it was added to a shared store by another machine.
        """
        found: list[dict[str, Any]] = []
        missing: list[str] = []
        for doc_id, sha in sorted(self.documents().items()):
            if self.rows_dir is None:
                rows = self._memory_rows.get(f"{doc_id}\x1f{sha}")
                if rows is None:
                    missing.append(doc_id)
                else:
                    found.extend(rows)
                continue
            path = self._rows_path(doc_id, sha)
            try:
                with open(path, encoding="utf-8") as handle:
                    found.extend(json.loads(line) for line in handle if line.strip())
            except FileNotFoundError:
                missing.append(doc_id)
            except (OSError, ValueError) as err:
                raise StoreError(f"cannot read the claim rows {path}: {err}") from err
        return found, missing

    def _rows_path(self, doc_id: str, sha256: str) -> Path:
        assert self.rows_dir is not None
        return self.rows_dir / f"{quote(doc_id, safe='')}.{sha256}.jsonl"

    # -- export ------------------------------------------------------------------------

    def snapshot(self) -> Dataset:
        """A copy of the store in an rdflib memory Dataset (``default_union`` on).

        Unlike :meth:`to_dataset`, literals come back as rdflib makes them (a plain
        string is ``Literal("x")``, not ``Literal("x", datatype=XSD.string)`` as
        through oxrdflib), which serialisers and pyshacl expect. Meant for graphs that
        fit in memory: validation, JSON-LD.
        """
        if self.remote:
            return self.to_dataset()
        copy = Dataset(default_union=True)
        bind_prefixes(copy)
        try:
            data = self.oxigraph.dump(format=ox.RdfFormat.N_QUADS)
        except OSError as err:
            raise StoreError(f"cannot read the store {self.location}: {err}") from err
        copy.parse(data=data.decode("utf-8"), format="nquads")
        return copy

    def to_dataset(self) -> Dataset:
        """The store's content as an rdflib Dataset: a view of an embedded store, a copy of a remote one."""
        if not self.remote:
            return self.dataset
        copy = Dataset(default_union=True)
        bind_prefixes(copy)
        query = "SELECT ?g ?s ?p ?o WHERE { GRAPH ?g { ?s ?p ?o } }"
        for row in self._select(query):
            copy.graph(row["g"]).add((row["s"], row["p"], row["o"]))
        return copy


_PREF_LABELS = """
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
SELECT ?node ?label WHERE { GRAPH ?g { ?node skos:prefLabel ?label } }
"""


def open_store(
    location: str | os.PathLike[str] | None,
    *,
    read_only: bool = False,
    create: bool = True,
    update_url: str | None = None,
    rows_dir: str | os.PathLike[str] | None = None,
) -> KGStore:
    """Open (or create) a kg store.

    Parameters
    ----------
    location
        A store folder (created when missing unless ``create`` is False or ``read_only``),
        an ``http(s)://`` URL of a SPARQL 1.1 store, or None for a throwaway in-memory store.
    read_only
        Open without the write lock: several readers may share the folder.
    update_url
        The SPARQL Update endpoint of a remote store, when it is not ``URL/update``.
    rows_dir
        Where to keep the claim rows; defaults to ``STORE/claims`` for a folder, and to
        memory for a URL or None.

    Raises
    ------
    StoreError
        When the folder is locked by another process, is not a store, or does not exist
        (read-only or ``create=False``).
    """
    rows = Path(rows_dir) if rows_dir is not None else None
    if location is None:
        return _embedded(ox.Store(), ":memory:", read_only=False, rows_dir=rows)
    if is_remote(location):
        return _remote(str(location), update_url, read_only=read_only, rows_dir=rows)
    folder = store_folder(location)
    database = oxigraph_dir(folder)
    if not read_only and (create or (database / "CURRENT").is_file()):
        refuse_if_served(folder)  # a read-only server takes no RocksDB lock; kg serve takes this one
    oxstore = open_oxigraph(folder, read_only=read_only, create=create)
    if rows is None and database != folder:
        rows = folder / "claims"
    return _embedded(oxstore, str(folder), read_only=read_only, rows_dir=rows)


def open_oxigraph(location: str | os.PathLike[str], *, read_only: bool = False, create: bool = True) -> ox.Store:
    """Open the Oxigraph database of the store folder ``location``.

    A writer takes RocksDB's lock on the folder; a read-only open does not.

    Raises
    ------
    StoreError
        When there is no store there (read-only or ``create=False``), when another
        process holds the write lock, or when the database cannot be opened.
    """
    database = oxigraph_dir(location)
    if (read_only or not create) and not (database / "CURRENT").is_file():
        raise StoreError(f"no kg store at {location} (build one with: kg build PATH -o OUT)")
    try:
        if read_only:
            return ox.Store.read_only(str(database))
        database.mkdir(parents=True, exist_ok=True)
        return ox.Store(str(database))
    except OSError as err:
        if "lock" in str(err).lower():
            raise StoreError(
                f"the store {location} is in use by another process, open for writing (a build, or "
                "kg serve --writable); only one process may write to it at a time, and none may read "
                "it meanwhile (serve it with --writable and build against its URL instead)"
            ) from err
        raise StoreError(f"cannot open the store {location}: {err}") from err
    except RuntimeError as err:
        # RocksDB reports a damaged database (a truncated MANIFEST, a bad block) this way.
        raise StoreError(f"the store {location} is damaged and cannot be opened ({err}); {_DAMAGED_HINT}") from err


def remove_documents(location: str | os.PathLike[str], doc_ids: Iterable[str]) -> tuple[list[str], list[str]]:
    """Drop documents from the store at ``location``; returns (removed, not found).

    Each document is one transaction; the outputs in the build folder are not rewritten
    (the next ``kg build`` does that).
    """
    from kg.corroboration import refresh_assertions  # it reads the store: import when used
    from kg.summaries import mark_pending, refresh_summaries  # kg.summaries: the named queries' kept rows

    removed: list[str] = []
    missing: list[str] = []
    with open_store(location, create=False) as store:
        doc_ids = list(doc_ids)
        mark_pending(store, doc_ids)  # kg.summaries: refreshed below, even after a kill
        for doc_id in doc_ids:
            (removed if store.remove_document(doc_id) else missing).append(doc_id)
        if removed:
            # The removed documents' claims no longer count towards any assertion.
            refresh_assertions(store, removed)
        refresh_summaries(store, removed)  # kg.summaries: the named queries' kept rows
    return removed, missing


def _embedded(oxstore: ox.Store, location: str, *, read_only: bool, rows_dir: Path | None) -> KGStore:
    from oxrdflib.store import OxigraphStore

    dataset = Dataset(store=OxigraphStore(store=oxstore), default_union=True)
    bind_prefixes(dataset)
    return KGStore(location, dataset, oxstore=oxstore, read_only=read_only, rows_dir=rows_dir)


def _remote(url: str, update_url: str | None, *, read_only: bool, rows_dir: Path | None) -> KGStore:
    from rdflib.plugins.stores.sparqlstore import SPARQLUpdateStore

    base = url.rstrip("/")
    if base.endswith(("/query", "/sparql")):
        query_url = base
        base = base.rsplit("/", 1)[0]
    else:
        query_url = f"{base}/query"
    store = SPARQLUpdateStore(
        query_endpoint=query_url,
        update_endpoint=update_url or f"{base}/update",
        autocommit=True,
        context_aware=True,
        returnFormat="json",
    )
    dataset = Dataset(store=store, default_union=True)
    bind_prefixes(dataset)
    return KGStore(url, dataset, read_only=read_only, rows_dir=rows_dir)


#: How long a request to a remote store may take in all before kg gives up, in seconds.
HTTP_TIMEOUT = 60.0

_WHERE = re.compile(r"\bWHERE\s*\{", re.IGNORECASE)
# SPARQL 1.1 VARNAME, ASCII part: a name outside it could carry query text too.
_VARIABLE_NAME = re.compile(r"[A-Za-z0-9_][A-Za-z0-9_\u00B7\u00C0-\uFFFF]*")


def sparql_term(term: Node) -> str:
    """``term`` as SPARQL text, in the N-Triples form Oxigraph writes.

    Oxigraph's serialiser escapes every quote, backslash and line break of a literal
    (``"\\n"``, never a triple-quoted string) and refuses an IRI that could close its
    ``<...>``, so the text is always exactly one term. (rdflib's ``n3()`` writes a value
    with a line break as a long string without escaping its backslashes, and a value
    ending in a backslash then closes it early.)

    Raises
    ------
    QueryError
        For a blank node or variable (not allowed in ``VALUES``) or an invalid IRI.

    Examples
    --------
    >>> from rdflib import Literal, URIRef
    >>> print(sparql_term(Literal('x\\n\\\\"')), sparql_term(Literal("Cuba", lang="en")), sparql_term(URIRef("http://a/b")))
    "x\\n\\\\\\"" "Cuba"@en <http://a/b>
    """
    if not isinstance(term, (URIRef, Literal)):
        raise QueryError(f"cannot bind {term!r}: only IRIs and literals can be bound")
    try:
        return str(_ox_term(term))
    except ValueError as err:
        raise QueryError(f"cannot bind {term!r}: {err}") from err


def inline_values(query: str, bindings: Mapping[str, Node]) -> str:
    """``query`` with ``bindings`` as a ``VALUES`` block opening its first ``WHERE`` group.

    What rdflib's SPARQLStore does with ``initBindings`` -- append ``VALUES`` after the
    query -- joins after grouping and leaves variables used only in a ``FILTER`` unbound;
    putting the block first binds them before anything else is evaluated, as
    ``initBindings`` does locally. Terms are written by :func:`sparql_term`, so a value
    cannot close its literal and add query text.

    >>> from rdflib import Literal
    >>> print(inline_values('SELECT * WHERE { ?s ?p ?x }', {"x": Literal('a" } DROP ALL #')}))
    SELECT * WHERE { VALUES (?x) { ("a\\" } DROP ALL #") }  ?s ?p ?x }
    """
    if not bindings:
        return query
    for name in bindings:
        if not _VARIABLE_NAME.fullmatch(name):
            raise QueryError(f"cannot bind {name!r}: not a SPARQL variable name")
    names = " ".join(f"?{name}" for name in bindings)
    values = " ".join(sparql_term(term) for term in bindings.values())
    match = _WHERE.search(query)
    if match is None:
        raise StoreError("cannot bind parameters in a query without a WHERE clause")
    return f"{query[: match.end()]} VALUES ({names}) {{ ({values}) }} {query[match.end() :]}"


def _http_query(endpoint: str, query: str, bindings: Mapping[str, Node]) -> Result:
    body = inline_values(query, bindings).encode("utf-8")
    headers = {
        "Content-Type": "application/sparql-query; charset=utf-8",
        "Accept": "application/sparql-results+json, application/n-triples;q=0.9",
    }
    status, content_type, data = _post(endpoint, body, headers)
    if status >= 300:
        message = data.decode("utf-8", "replace").strip()
        if status == 400:
            raise SyntaxError(message or "bad request")
        raise StoreError(f"{endpoint} answered {status}: {message}")
    if content_type in ("application/n-triples", "text/plain", "text/turtle"):
        result = Result("CONSTRUCT")
        result.graph = Graph().parse(data=data.decode("utf-8"), format="nt" if "triples" in content_type else "turtle")
        return result
    return Result.parse(BytesIO(data), format="json")


def _http_update(endpoint: str, update: str) -> None:
    headers = {"Content-Type": "application/sparql-update; charset=utf-8"}
    status, _, data = _post(endpoint, update.encode("utf-8"), headers)
    if status >= 300:
        message = data.decode("utf-8", "replace").strip()
        raise StoreError(f"{endpoint} refused the update ({status}): {message}")


def _post(url: str, body: bytes, headers: dict[str, str], timeout: float | None = None) -> tuple[int, str, bytes]:
    """POST ``body`` to ``url``; (status, content type, whole answer), within ``timeout`` seconds in all.

    A socket timeout bounds each read, not the exchange: a server that sends a byte a
    second would hold the caller forever. A timer therefore shuts the connection down
    when the whole exchange has taken ``timeout`` (default :data:`HTTP_TIMEOUT`) seconds.

    Raises
    ------
    StoreError
        When the server cannot be reached or does not answer in time.
    """
    timeout = HTTP_TIMEOUT if timeout is None else timeout
    parts = urlsplit(url)
    connection_class = http.client.HTTPSConnection if parts.scheme == "https" else http.client.HTTPConnection
    connection = connection_class(parts.hostname or "", parts.port, timeout=timeout)
    expired = threading.Event()
    opened: list[socket.socket] = []  # the response keeps reading it after the connection lets go

    def abort() -> None:
        expired.set()
        for sock in opened:
            try:
                sock.shutdown(socket.SHUT_RDWR)  # wakes the blocked read
            except OSError:
                pass

    timer = threading.Timer(timeout, abort)
    timer.daemon = True
    timer.start()
    try:
        connection.connect()
        opened.append(connection.sock)
        if expired.is_set():
            abort()
        target = parts.path or "/"
        connection.request("POST", f"{target}?{parts.query}" if parts.query else target, body=body, headers=headers)
        response = connection.getresponse()
        data = response.read()
        if expired.is_set():
            raise OSError("cut off")
        content_type = (response.getheader("Content-Type") or "").split(";")[0].strip()
        return response.status, content_type, data
    except (OSError, http.client.HTTPException) as err:
        if expired.is_set():
            raise StoreError(f"the store {url} did not answer within {timeout:.0f} s") from err
        raise StoreError(f"cannot reach the store {url}: {err}") from err
    finally:
        timer.cancel()
        connection.close()


def _ox_term(term: Any) -> Any:
    if isinstance(term, URIRef):
        return ox.NamedNode(term)
    if isinstance(term, Literal):
        if term.language:
            return ox.Literal(str(term), language=term.language)
        return ox.Literal(str(term), datatype=ox.NamedNode(term.datatype) if term.datatype else None)
    if isinstance(term, Variable):  # pragma: no cover - graphs never hold variables
        raise StoreError(f"cannot store a variable: {term}")
    return ox.BlankNode(str(term))


def _ox_quads(graph: Graph, name: ox.NamedNode) -> Iterator[ox.Quad]:
    for s, p, o in graph:
        yield ox.Quad(_ox_term(s), _ox_term(p), _ox_term(o), name)


def _ox_triples(graph: Graph) -> set[ox.Triple]:
    return {ox.Triple(_ox_term(s), _ox_term(p), _ox_term(o)) for s, p, o in graph}


def _glob_escape(text: str) -> str:
    return "".join(f"[{c}]" if c in "*?[" else c for c in text)

