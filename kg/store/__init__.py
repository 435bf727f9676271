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

    STORE/oxigraph/              the RocksDB database (what ``oxigraph serve --location`` opens)
    STORE/claims/claims.sqlite   the claim rows, texts and extraction records (:mod:`kg.store.rows`),
                                 and the named queries' kept answers (:mod:`kg.store.answers`)

The rows are kept beside the graph because the ``claims.jsonl`` export needs fields the
RDF does not carry (mention offsets, the order of hedge cues). See :meth:`KGStore.iter_rows`.

The package's modules, from the bottom up: :mod:`~kg.store.locations` (folder or URL),
:mod:`~kg.store.terms` (rdflib and pyoxigraph terms, SPARQL text), :mod:`~kg.store.edge`
(the one place where the libraries' exceptions become :class:`~kg.errors.StoreError`),
:mod:`~kg.store.http` (the SPARQL Protocol client), :mod:`~kg.store.backend` with
:mod:`~kg.store.embedded` and :mod:`~kg.store.remote` (the databases),
:mod:`~kg.store.rows` (the claim rows), :mod:`~kg.store.answers` (tables beside them),
:mod:`~kg.store.kgstore` (the face) and
:mod:`~kg.store.opening`.

A ``http(s)://`` location is a shared SPARQL 1.1 store (Oxigraph, Fuseki, GraphDB...),
see :mod:`kg.store.remote`.

Transactions
------------
Replacing a document is one SPARQL Update request, ``DROP SILENT GRAPH <g> ; INSERT DATA
{ GRAPH <g> { ... } }``, which Oxigraph (embedded and served), Fuseki and GraphDB apply
atomically: a reader sees the old graph or the new one, never neither. oxrdflib's
``commit``/``rollback`` are no-ops, so rdflib's transaction API is not relied on.

New documents are added in batches with ``Store.extend`` (also atomic), or with the bulk
loader (``bulk_extend``, not atomic but several times faster) once a batch has
:data:`~kg.store.embedded.BULK_MINIMUM` quads (a build writes new documents in batches of
:data:`BULK_THRESHOLD` quads). A document counts as stored only when its
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

from kg.store.embedded import BULK_THRESHOLD, open_oxigraph
from kg.store.kgstore import KGStore
from kg.store.locations import is_remote, oxigraph_dir, store_folder
from kg.store.opening import open_store, remove_documents
from kg.store.terms import NamedGraph, inline_values, sparql_term

__all__ = [
    "BULK_THRESHOLD",
    "KGStore",
    "NamedGraph",
    "open_store",
    "open_oxigraph",
    "remove_documents",
    "is_remote",
    "oxigraph_dir",
    "store_folder",
    "inline_values",
    "sparql_term",
]
