"""Write the store (or any rdflib dataset) out as Turtle, TriG, N-Quads or JSON-LD.

TriG and N-Quads keep the named graphs (one per document, plus the ontology); Turtle has
no graphs, so it holds the union of them, each triple once. JSON-LD is written with a
``@context`` that maps the ``kgo``, ``kgr``, ``skos``, ``prov``, ``dcterms``, ``rdf``,
``rdfs`` and ``xsd`` prefixes, so its keys read ``kgo:sentence`` rather than full IRIs.
GraphML and GEXF (for Gephi, yEd, Cytoscape) hold the actor–target projection
(:func:`kg.analysis.actor_target_graph`) of the claims :mod:`kg.records` reads, narrowed by
the same :class:`~kg.records.ClaimFilter` as every other view; the STIX 2.1 bundle (for
OpenCTI, MISP) is written by :mod:`kg.stix`. The path ``-`` writes any format to standard
output.

An embedded store is dumped by Oxigraph itself, streaming, which is what keeps
``graph.trig`` of a large store cheap; every file is written atomically.

Examples
--------
>>> import tempfile, pathlib
>>> from kg.store import open_store
>>> with open_store(None) as store, tempfile.TemporaryDirectory() as tmp:
...     _ = store.ensure_ontology()
...     path = export(store, pathlib.Path(tmp) / "graph.nq", "nquads")
...     path.read_text().count(" .\\n") > 100
True
"""

from __future__ import annotations

import json
import re
import shutil
import sys
import tempfile
from pathlib import Path
from collections.abc import Iterable
from typing import IO, TYPE_CHECKING, Any

import pyoxigraph as ox
from rdflib import Dataset, Graph

from kg.errors import StoreError
from kg.ontology import PREFIXES
from kg.outputs import atomic_write
from kg.store import KGStore, is_remote, open_store

if TYPE_CHECKING:
    import networkx as nx

    from kg.records import ClaimFilter

__all__ = [
    "FORMATS",
    "JSONLD_CONTEXT",
    "export",
    "export_store",
    "guess_format",
    "read_dataset",
    "scalar_graph",
    "xml_text",
    "write_graphml",
    "write_gexf",
]

#: Export formats, and the file suffix each is usually given.
FORMATS: dict[str, str] = {
    "turtle": ".ttl",
    "trig": ".trig",
    "nquads": ".nq",
    "jsonld": ".jsonld",
    "graphml": ".graphml",
    "gexf": ".gexf",
    "stix": ".stix.json",
}

#: The JSON-LD ``@context`` of kg's exports.
JSONLD_CONTEXT: dict[str, str] = dict(PREFIXES)

_OX_FORMATS = {"trig": ox.RdfFormat.TRIG, "nquads": ox.RdfFormat.N_QUADS}


def guess_format(path: str | Path) -> str:
    """The export format a file name suggests.

    >>> guess_format("claims.trig"), guess_format("g.nq"), guess_format("x.json"), guess_format("b.stix.json")
    ('trig', 'nquads', 'jsonld', 'stix')
    """
    if str(path).lower().endswith(FORMATS["stix"]):
        return "stix"
    suffix = Path(path).suffix.lower()
    aliases = {".json": "jsonld", ".nquads": "nquads", ".turtle": "turtle"}
    for fmt, known in FORMATS.items():
        if suffix == known:
            return fmt
    if suffix in aliases:
        return aliases[suffix]
    raise StoreError(f"cannot tell the export format from {path}; give --format ({', '.join(FORMATS)})")


def export(source: KGStore | Dataset, path: str | Path, fmt: str | None = None, where: ClaimFilter | None = None) -> Path:
    """Write ``source`` to ``path`` in format ``fmt`` (guessed from the suffix when None).

    Parameters
    ----------
    source
        An open store, or an rdflib Dataset.
    path
        The file to write (atomically), or ``-`` for standard output.
    fmt
        One of :data:`FORMATS`.
    where
        Which claims GraphML, GEXF and STIX hold (default: GraphML and GEXF, asserted,
        unrejected claims of the ontology's relations; STIX, every unrejected claim); the
        RDF formats hold the whole graph.

    Returns
    -------
    pathlib.Path
        The file written.

    Raises
    ------
    StoreError
        For an unknown format, or when the store cannot be read or the file written.
    """
    if str(path) == "-":
        if fmt is None:
            raise StoreError(f"give --format to write to standard output ({', '.join(FORMATS)})")
        return _export_to_stdout(source, fmt, where)
    fmt = fmt or guess_format(path)
    if fmt not in FORMATS:
        raise StoreError(f"unknown export format {fmt!r} (one of {', '.join(FORMATS)})")
    path = Path(path)
    if fmt == "stix":
        from kg.stix import write_bundle  # stix2 is only needed for this format

        dataset = source.to_dataset() if isinstance(source, KGStore) else source
        return atomic_write(path, lambda handle: write_bundle(dataset, handle, where))
    if fmt in ("graphml", "gexf"):
        return (write_graphml if fmt == "graphml" else write_gexf)(source, path, where)
    try:
        if isinstance(source, KGStore) and not source.remote and fmt in _OX_FORMATS:
            return atomic_write(path, lambda handle: _ox_dump(source.oxigraph, handle, fmt))
        if isinstance(source, KGStore) and not source.remote and fmt == "turtle":
            return atomic_write(path, lambda handle: _ox_union_turtle(source.oxigraph, handle))
        dataset = source.snapshot() if isinstance(source, KGStore) else source
        return atomic_write(path, lambda handle: handle.write(_rdflib_serialize(dataset, fmt)))
    except (OSError, ValueError) as err:
        raise StoreError(f"cannot export to {path}: {err}") from err


def _export_to_stdout(source: KGStore | Dataset, fmt: str, where: ClaimFilter | None) -> Path:
    # Every writer makes a file atomically; writing one in a private folder and copying it
    # out keeps a single code path per format (and nothing half-written reaches a pipe).
    with tempfile.TemporaryDirectory(prefix="kg-export-") as tmp:
        written = export(source, Path(tmp) / f"export{FORMATS.get(fmt, '')}", fmt, where)
        sys.stdout.flush()
        with written.open("rb") as handle:
            shutil.copyfileobj(handle, sys.stdout.buffer)
        sys.stdout.buffer.flush()
    return Path("-")


def _ox_prefixes() -> dict[str, str]:
    # Not kgr: its IRIs (kgr:claim/...) would need "\/" escapes as prefixed names.
    return {prefix: iri for prefix, iri in JSONLD_CONTEXT.items() if prefix != "kgr"}


def _ox_dump(store: ox.Store, handle: IO[str], fmt: str) -> None:
    handle.flush()
    prefixes = _ox_prefixes() if fmt == "trig" else None
    store.dump(handle.buffer, _OX_FORMATS[fmt], prefixes=prefixes)  # type: ignore[attr-defined]


def _ox_union_turtle(store: ox.Store, handle: IO[str]) -> None:
    # A triple stated in several document graphs (an entity's label) is written once.
    triples = {quad.triple for quad in store}
    handle.flush()
    ox.serialize(sorted(triples, key=str), handle.buffer, ox.RdfFormat.TURTLE, prefixes=_ox_prefixes())  # type: ignore[attr-defined]


def _rdflib_serialize(dataset: Dataset, fmt: str) -> str:
    if fmt == "turtle":
        union = Graph()
        for prefix, namespace in JSONLD_CONTEXT.items():
            union.bind(prefix, namespace)
        for s, p, o, _ in dataset.quads((None, None, None, None)):
            union.add((s, p, o))
        return union.serialize(format="turtle")
    if fmt == "jsonld":
        context: dict[str, Any] = dict(JSONLD_CONTEXT)
        text = dataset.serialize(format="json-ld", context=context, auto_compact=True)
        # Re-indent: rdflib's output is valid but one key a line at four spaces.
        return json.dumps(json.loads(text), ensure_ascii=False, indent=2) + "\n"
    return dataset.serialize(format={"trig": "trig", "nquads": "nquads"}[fmt])


# -- GraphML and GEXF -------------------------------------------------------------------


def scalar_graph(G: nx.Graph) -> nx.Graph:
    """A copy of ``G`` whose attributes GraphML and GEXF can hold.

    Lists become ``"; "``-joined strings, dicts and lists of dicts (``evidence``) become
    JSON, None values are dropped, and characters XML cannot hold (control codes) in
    names and values become U+FFFD (:func:`xml_text`). ``G`` is not changed.

    >>> import networkx as nx
    >>> H = scalar_graph(nx.DiGraph([("a", "b", {"relations": ["x", "y"], "likelihood": None})]))
    >>> H.edges["a", "b"]
    {'relations': 'x; y'}
    """

    def scalar(attrs: dict[str, Any]) -> dict[str, Any]:
        out = {}
        for key, value in attrs.items():
            if value is None:
                continue
            if isinstance(value, (list, tuple, set)) and all(isinstance(x, str) for x in value):
                value = "; ".join(value)
            elif isinstance(value, (list, tuple, set, dict)):
                value = json.dumps(value, ensure_ascii=False, sort_keys=True)
            out[xml_text(key)] = xml_text(value) if isinstance(value, str) else value
        return out

    def node(n: Any) -> Any:
        return xml_text(n) if isinstance(n, str) else n

    H = G.__class__()
    H.graph.update(scalar(G.graph))
    H.add_nodes_from((node(n), scalar(d)) for n, d in G.nodes(data=True))
    H.add_edges_from((node(u), node(v), scalar(d)) for u, v, d in G.edges(data=True))
    return H


# Characters XML 1.0 cannot hold even escaped: C0 controls but tab, LF and CR, lone
# surrogates, U+FFFE and U+FFFF. Document text can carry them (a pasted control code).
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def xml_text(text: str) -> str:
    """``text`` with the characters XML cannot hold replaced by U+FFFD.

    >>> xml_text("Russia\\x00\\x1b[31m") == "Russia\\ufffd\\ufffd[31m"
    True
    """
    return _NOT_XML.sub("\ufffd", text)


def _projection(source: nx.Graph | KGStore | Graph | Iterable[dict[str, Any]], where: ClaimFilter | None) -> nx.Graph:
    import networkx as nx  # only these two formats need it

    from kg.analysis import actor_target_graph
    from kg.records import read_claims

    if isinstance(source, nx.Graph):
        return source
    if isinstance(source, (KGStore, Graph)):
        return actor_target_graph(read_claims(source, where))
    return actor_target_graph(source, where)


def write_graphml(source: nx.Graph | KGStore | Graph | Iterable[dict[str, Any]], path: str | Path, where: ClaimFilter | None = None) -> Path:
    """Write the actor–target graph as GraphML (for Gephi, yEd, Cytoscape), atomically.

    Parameters
    ----------
    source
        A networkx graph from :func:`kg.analysis.actor_target_graph`, claim records from
        :func:`kg.records.read_claims`, or a store or rdflib graph to read them from.
    path
        The ``.graphml`` file to write.
    where
        Which claims (for records, a store or a graph); the default view's when None.

    Returns
    -------
    pathlib.Path
        The file written.
    """
    import networkx as nx

    H = scalar_graph(_projection(source, where))
    return atomic_write(path, lambda f: f.writelines(line + "\n" for line in nx.generate_graphml(H)))


def write_gexf(source: nx.Graph | KGStore | Graph | Iterable[dict[str, Any]], path: str | Path, where: ClaimFilter | None = None) -> Path:
    """Write the actor–target graph as GEXF 1.2 (Gephi's format), atomically.

    See :func:`write_graphml` for the parameters.
    """
    import networkx as nx

    H = scalar_graph(_projection(source, where))
    return atomic_write(path, lambda f: f.writelines(line + "\n" for line in nx.generate_gexf(H)))


def export_store(location: str | Path, path: str | Path, fmt: str | None = None) -> Path:
    """Open the store at ``location`` read-only and :func:`export` it (what ``kg export`` does)."""
    with open_store(location, read_only=True) as store:
        return export(store, path, fmt)


_PARSE_FORMATS = {".trig": "trig", ".nq": "nquads", ".nquads": "nquads", ".ttl": "turtle", ".jsonld": "json-ld", ".json": "json-ld", ".nt": "nt"}


def read_dataset(location: str | Path) -> Dataset:
    """An in-memory Dataset of a store folder or URL, or of an RDF file (by its suffix).

    Raises
    ------
    StoreError
        When the file cannot be read or parsed, or the store cannot be opened.
    """
    path = Path(location)
    if is_remote(str(location)) or path.is_dir():
        with open_store(location, read_only=not is_remote(str(location))) as store:
            return store.snapshot()
    fmt = _PARSE_FORMATS.get(path.suffix.lower())
    if fmt is None and not path.exists():
        raise StoreError(f"no kg store or RDF file at {path} (build one with: kg build PATH -o OUT)")
    if fmt is None:
        raise StoreError(f"cannot tell the RDF format of {path} (.trig, .nq, .ttl, .jsonld or .nt)")
    dataset = Dataset(default_union=True)
    try:
        dataset.parse(path, format=fmt)
    except FileNotFoundError as err:
        raise StoreError(f"no such file or store: {path}") from err
    except (OSError, SyntaxError, ValueError) as err:
        # rdflib's BadSyntax derives from SyntaxError; bad literals and IRIs raise ValueError.
        raise StoreError(f"cannot read {path}: {err}") from err
    return dataset
