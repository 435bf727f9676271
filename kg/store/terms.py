"""RDF terms between rdflib and pyoxigraph, and SPARQL text that cannot be injected into.

kg makes its quads with pyoxigraph (:mod:`kg.quads`); rdflib graphs still come in from
users, tests and the few modules that build small graphs (the ontology, curation), and
are converted here once, at the store's door.

Examples
--------
>>> from rdflib import Graph, Literal, URIRef
>>> g = Graph(identifier=URIRef("http://g"))
>>> _ = g.add((URIRef("http://a"), URIRef("http://p"), Literal("x")))
>>> [str(quad) for quad in NamedGraph.from_rdflib(g).quads]
['<http://a> <http://p> "x" <http://g>']
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

import pyoxigraph as ox
from rdflib import Graph, Literal, Node, URIRef, Variable

from kg.errors import QueryError, StoreError
from kg.store.edge import store_errors

__all__ = ["NamedGraph", "ox_term", "ox_triples", "sparql_term", "inline_values", "ntriples"]


@dataclass(frozen=True)
class NamedGraph:
    """The quads of one named graph (a document's, the ontology's, ...), ready for the store.

    Attributes
    ----------
    name : pyoxigraph.NamedNode
    quads : tuple of pyoxigraph.Quad
        Every quad is in graph ``name``; no duplicates.
    marks : int
        How many of the last quads mark the graph as complete (a document's content hash):
        a bulk load writes them after all the others, so that an interrupted load leaves
        the graph unmarked. They are kept last so that the loader can take the rest as
        one slice, without looking at every quad in Python.
    """

    name: ox.NamedNode
    quads: tuple[ox.Quad, ...]
    marks: int = 0

    def __len__(self) -> int:
        return len(self.quads)

    @property
    def body(self) -> tuple[ox.Quad, ...]:
        """The quads but the marks."""
        return self.quads[: len(self.quads) - self.marks]

    @property
    def tail(self) -> tuple[ox.Quad, ...]:
        """The marks."""
        return self.quads[len(self.quads) - self.marks :]

    def marked_by(self, predicate: ox.NamedNode) -> NamedGraph:
        """This graph with the quads of ``predicate`` last, as its marks."""
        marks = tuple(q for q in self.quads if q.predicate == predicate)
        return NamedGraph(self.name, tuple(q for q in self.quads if q.predicate != predicate) + marks, len(marks))

    @classmethod
    def from_rdflib(cls, graph: Graph) -> NamedGraph:
        """The quads of an rdflib graph, named by its identifier."""
        with store_errors(f"graph <{graph.identifier}>", "write to"):  # Oxigraph refuses a bad IRI
            name = ox.NamedNode(str(graph.identifier))
            return cls(name, tuple(ox.Quad(ox_term(s), ox_term(p), ox_term(o), name) for s, p, o in graph))
        raise AssertionError("unreachable")  # pragma: no cover - store_errors re-raises


def as_named_graph(graph: Graph | NamedGraph) -> NamedGraph:
    """``graph`` as a :class:`NamedGraph` (converted when it is an rdflib graph)."""
    return graph if isinstance(graph, NamedGraph) else NamedGraph.from_rdflib(graph)


def ntriples(quads: Iterable[ox.Quad]) -> str:
    """The triples of ``quads`` in N-Triples, one a line (the body of an ``INSERT DATA`` graph block).

    pyoxigraph writes each term escaped, so a literal cannot end the block early.
    """
    return "".join(f"{quad.triple} .\n" for quad in quads)


def ox_term(term: Any) -> Any:
    """An rdflib IRI, literal or blank node as the pyoxigraph term of the same value."""
    if isinstance(term, URIRef):
        return ox.NamedNode(term)
    if isinstance(term, Literal):
        if term.language:
            return ox.Literal(str(term), language=term.language)
        return ox.Literal(str(term), datatype=ox.NamedNode(term.datatype) if term.datatype else None)
    if isinstance(term, Variable):  # pragma: no cover - graphs never hold variables
        raise StoreError(f"cannot store a variable: {term}")
    return ox.BlankNode(str(term))


def ox_triples(graph: Graph) -> set[ox.Triple]:
    """The triples of an rdflib graph as pyoxigraph triples."""
    return {ox.Triple(ox_term(s), ox_term(p), ox_term(o)) for s, p, o in graph}


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
        return str(ox_term(term))
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
