"""Summaries that keep the grouped named queries fast: their result rows, kept per group.

A grouped named query (``actors-targets``: one row per actor and target, counting the
claims of the whole targets family) re-joins about eight patterns per claim and groups
every claim of the store each time it runs: seconds at a million triples. Its answer,
though, changes only where a document changed. So each summarised query's result rows are
kept in the named graph :data:`SUMMARY_GRAPH`, one node per group (per actor and target
label pair, per target, per document...), and a build or ``kg remove`` recomputes only the
groups that the documents it added, replaced or removed touch (:func:`refresh_summaries`).
``kg query`` then reads the rows (:func:`read_summary`) instead of grouping the claims.

The ``.rq`` file stays the definition: a group is recomputed by running that very query
with the group's key bound (a ``VALUES`` block), so a summarised answer is the brute-force
answer by construction, and the tests compare the two on stores that were built, rebuilt
and had documents removed.

How the touched groups are found, without reading a removed document back: each group
node records the document graphs that contribute to it (``sum:graph``). For the changed
documents D, the touched groups are those recorded for D (what D contributed before) and
those D's current graphs yield (the query's keys, evaluated with ``?g`` bound to D's
graphs: what D contributes now). A group that no longer yields a row loses its row; a
group no graph contributes to disappears.

A store made before summaries existed, a remote store and an rdflib graph have no
``sum:covers`` marker for a query, and :mod:`kg.query` runs the ``.rq`` there.

Examples
--------
>>> from kg.store import open_store
>>> with open_store(None) as store:
...     store.ensure_ontology()
...     refresh_summaries(store)
...     summarised(store, "actors-targets")
True
0
True
"""

from __future__ import annotations

import functools
import hashlib
import json
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from functools import cache
from typing import Any

import pyoxigraph as ox
from rdflib import Literal, Node, URIRef, Variable
from rdflib.query import Result

from kg.errors import StoreError
from kg.ontology import KGR
from kg.rdf import document_graph_iri
from kg.store import KGStore

__all__ = [
    "SUMMARY_GRAPH",
    "SUMMARISED",
    "SummarySpec",
    "refresh_summaries",
    "summarised",
    "read_summary",
]

#: The named graph that holds the summaries.
SUMMARY_GRAPH = KGR["graph/summaries"]

_SUM = "https://w3id.org/kg/id/summary#"
_GRAPH = ox.NamedNode(str(SUMMARY_GRAPH))
_COVERS = ox.NamedNode(_SUM + "covers")  # SUMMARY_GRAPH sum:covers "name": the query's summary is complete
_KEY = ox.NamedNode(_SUM + "key")  # group node sum:key "name"
_LINK = ox.NamedNode(_SUM + "graph")  # group node sum:graph <document graph>
_OF = ox.NamedNode(_SUM + "group")  # row node sum:group <group node>: a group may yield several rows


@dataclass(frozen=True)
class SummarySpec:
    """A named query whose rows are kept: its name and the variables that key a group.

    Every key variable must be bound by the query's ``WHERE`` pattern (so a ``VALUES``
    block can restrict it), be a result column, and every parameter of the query must be a
    key: a parameter then selects rows, which is what it does to the grouped query.
    """

    name: str
    keys: tuple[str, ...]


#: The summarised named queries. ``claims-by-source`` is not among them: its groups are
#: made by a ``BIND`` (which a ``VALUES`` block cannot restrict), and the per-claim
#: queries (``timeline``, ``actor-activity``...) have a row per claim, nothing to group.
SUMMARISED: dict[str, SummarySpec] = {
    spec.name: spec
    for spec in (
        SummarySpec("actors-targets", ("actor", "target")),
        SummarySpec("shared-targets", ("target",)),
        SummarySpec("techniques-by-actor", ("actor", "technique")),
        SummarySpec("tactics-instruments", ("actor", "what")),  # and ?relation: a BIND, so not a key
        SummarySpec("documents", ("document",)),
    )
}

#: Above this many touched groups a refresh recomputes the whole query (one pass beats
#: thousands of bound lookups).
_WHOLE_QUERY_ABOVE = 2_000


# -- reading --------------------------------------------------------------------------


def summarised(store: KGStore, name: str) -> bool:
    """True when ``store`` keeps complete summary rows of the named query ``name``."""
    if name not in SUMMARISED or store.remote:
        return False
    marker = ox.Quad(_GRAPH, _COVERS, ox.Literal(name), _GRAPH)
    try:
        return marker in store.oxigraph
    except (OSError, RuntimeError) as err:
        raise StoreError(f"cannot read the store {store.location}: {err}") from err


def read_summary(store: KGStore, name: str, bindings: Mapping[str, Node] | None = None) -> Result:
    """The kept rows of ``name`` as a SELECT result: the ``.rq``'s columns, rows and order.

    ``bindings`` bind parameters, which are key columns: only the rows with those values.
    The rows are read from the index (one entry a row) and put in the ``ORDER BY`` of the
    ``.rq`` here (:func:`_sort_key`), which costs less than a SPARQL join per column.
    """
    columns = _columns(name)
    ox_store = store.oxigraph
    try:
        if bindings:
            nodes: set[ox.NamedNode] | None = None
            for var, value in bindings.items():
                found = {q.subject for q in ox_store.quads_for_pattern(None, _column(var), _ox_term(value), _GRAPH)}
                nodes = found if nodes is None else nodes & found
            quads = [q for n in nodes or () for q in ox_store.quads_for_pattern(n, _cells(name), None, _GRAPH)]
        else:
            quads = list(ox_store.quads_for_pattern(None, _cells(name), None, _GRAPH))
    except (OSError, RuntimeError) as err:
        raise StoreError(f"cannot read the store {store.location}: {err}") from err
    rows = [[_term(cell) for cell in json.loads(q.object.value)] for q in quads]
    rows.sort(key=_sort_key(name))
    result = Result("SELECT")
    result.vars = [Variable(v) for v in columns]
    result.bindings = [{Variable(v): t for v, t in zip(columns, row) if t is not None} for row in rows]
    return result


def _sort_key(name: str) -> Callable[[list[Node | None]], Any]:
    """The ``ORDER BY`` of the ``.rq`` as a Python sort key (numbers by value, text by code point)."""
    columns = _columns(name)
    order = [(columns.index(var), desc) for var, desc in _order(name)]

    def compare(a: list[Node | None], b: list[Node | None]) -> int:
        for i, desc in order:
            x, y = _orderable(a[i]), _orderable(b[i])
            if x != y:
                return (-1 if x < y else 1) * (-1 if desc else 1)
        return 0

    return functools.cmp_to_key(compare)


def _orderable(term: Node | None) -> tuple[int, Any]:
    # SPARQL's order: unbound first, then IRIs, then literals; numbers compare as numbers.
    if term is None:
        return (0, "")
    if isinstance(term, Literal):
        value = term.toPython()
        if isinstance(value, (int, float, Decimal)) and not isinstance(value, bool):
            return (2, float(value))
        return (3, str(term))
    return (1, str(term))


_ORDER_TERM = re.compile(r"(ASC|DESC)\(\s*\?(\w+)\s*\)|\?(\w+)", re.IGNORECASE)


@cache
def _order(name: str) -> tuple[tuple[str, bool], ...]:
    match = _ORDER.search(_definition(name))
    if match is None:
        return ()
    clause = match.group(1).split("#")[0].strip()
    terms = tuple(
        (m[2] or m[3], (m[1] or "").upper() == "DESC") for m in _ORDER_TERM.finditer(clause)
    )
    if _ORDER_TERM.sub("", clause).strip():
        raise StoreError(f"the ORDER BY of the named query {name} is not a list of variables; it cannot be summarised")
    return terms


# -- maintaining ----------------------------------------------------------------------


def refresh_summaries(store: KGStore, documents: Iterable[str] | None = None) -> int:
    """Bring the summaries up to date after documents were added, replaced or removed.

    Parameters
    ----------
    store
        An open, writable store. A remote store keeps no summaries (nothing is done).
    documents
        The ids of the documents added, replaced or removed since the last refresh;
        None, or a store without complete summaries, recomputes everything.

    Returns
    -------
    int
        How many groups were recomputed.
    """
    if store.remote:
        return 0
    documents = None if documents is None else sorted(set(documents))
    touched = 0
    try:
        for name in SUMMARISED:
            if documents is None or not summarised(store, name):
                touched += _recompute_all(store, name)
            elif documents:
                touched += _recompute_some(store, name, documents)
    except (OSError, RuntimeError) as err:
        raise StoreError(f"cannot write the summaries of the store {store.location}: {err}") from err
    return touched


def _recompute_all(store: KGStore, name: str) -> int:
    ox_store = store.oxigraph
    for quad in list(ox_store.quads_for_pattern(None, _KEY, ox.Literal(name), _GRAPH)):
        _drop_group(store, quad.subject)
    links = _links(store, name, None)
    rows = _rows(store, name, None)
    quads = [q for key in links.keys() | rows.keys() for q in _group_quads(name, key, links.get(key, ()), rows.get(key, ()))]
    ox_store.extend(quads)
    ox_store.add(ox.Quad(_GRAPH, _COVERS, ox.Literal(name), _GRAPH))
    return len(links.keys() | rows.keys())


def _recompute_some(store: KGStore, name: str, documents: Sequence[str]) -> int:
    ox_store = store.oxigraph
    changed = {ox.NamedNode(str(document_graph_iri(d))) for d in documents}
    # What the changed documents contributed before (recorded), and contribute now.
    nodes = {q.subject for g in changed for q in ox_store.quads_for_pattern(None, _LINK, g, _GRAPH)}
    nodes = {n for n in nodes if ox.Quad(n, _KEY, ox.Literal(name), _GRAPH) in ox_store}
    old_keys = {_stored_key(store, name, n) for n in nodes}
    new_links = _links(store, name, changed)
    keys = old_keys | set(new_links)
    if not keys:
        return 0
    links: dict[tuple[ox.Term, ...], list[ox.NamedNode]] = {}
    for key in keys:
        kept = [q.object for q in ox_store.quads_for_pattern(_node(name, key), _LINK, None, _GRAPH) if q.object not in changed]
        links[key] = [*kept, *new_links.get(key, ())]
    sources = {g for graphs in links.values() for g in graphs}
    rows = _rows(store, name, None if len(keys) > _WHOLE_QUERY_ABOVE else sources)
    for key in keys:
        _drop_group(store, _node(name, key))
        ox_store.extend(_group_quads(name, key, links[key], rows.get(key, ())))
    return len(keys)


def _group_quads(
    name: str, key: tuple[ox.Term, ...], graphs: Iterable[ox.NamedNode], rows: Sequence[dict[str, ox.Term]]
) -> list[ox.Quad]:
    """The quads of one group: its key, the graphs it comes from, the rows it yields (often one, maybe none)."""
    graphs = list(graphs)
    if not graphs and not rows:
        return []  # nothing contributes to the group any more
    node = _node(name, key)
    quads = [ox.Quad(node, _KEY, ox.Literal(name), _GRAPH)]
    quads += [ox.Quad(node, _column(var), term, _GRAPH) for var, term in zip(SUMMARISED[name].keys, key)]
    quads += [ox.Quad(node, _LINK, g, _GRAPH) for g in graphs]
    for i, row in enumerate(rows):
        row_node = ox.NamedNode(f"{node.value}/{i}")
        quads.append(ox.Quad(row_node, _OF, node, _GRAPH))
        # The whole row in one literal: reading a row is then one index entry, where a
        # triple per column costs a join per column (1.7 s for 17k rows at 1M triples).
        cells = json.dumps([_cell(row.get(var)) for var in _columns(name)], ensure_ascii=False)
        quads.append(ox.Quad(row_node, _cells(name), ox.Literal(cells), _GRAPH))
        quads += [ox.Quad(row_node, _column(var), row[var], _GRAPH) for var in SUMMARISED[name].keys if var in row]
    return quads


def _drop_group(store: KGStore, node: ox.NamedNode) -> None:
    ox_store = store.oxigraph
    stale = list(ox_store.quads_for_pattern(node, None, None, _GRAPH))
    for row in ox_store.quads_for_pattern(None, _OF, node, _GRAPH):
        stale += ox_store.quads_for_pattern(row.subject, None, None, _GRAPH)
    for quad in stale:
        ox_store.remove(quad)


def _stored_key(store: KGStore, name: str, node: ox.NamedNode) -> tuple[ox.Term, ...]:
    key = []
    for var in SUMMARISED[name].keys:
        found = next(iter(store.oxigraph.quads_for_pattern(node, _column(var), None, _GRAPH)), None)
        if found is None:
            raise StoreError(f"the summary {node.value} in {store.location} has no {var}; rebuild the summaries")
        key.append(found.object)
    return tuple(key)


def _links(store: KGStore, name: str, graphs: set[ox.NamedNode] | None) -> dict[tuple[ox.Term, ...], list[ox.NamedNode]]:
    """Group key → the document graphs that yield it (only ``graphs``, when given)."""
    keys = SUMMARISED[name].keys
    prologue, body = _parts(name)
    values = f"VALUES ?g {{ {' '.join(str(g) for g in sorted(graphs, key=str))} }}" if graphs is not None else ""
    query = f"{prologue}SELECT DISTINCT ?g {' '.join('?' + k for k in keys)} WHERE {{ {values}\n{body}"
    found: dict[tuple[ox.Term, ...], list[ox.NamedNode]] = {}
    for solution in store.oxigraph.query(query):
        key = tuple(solution[k] for k in keys)
        if solution["g"] is not None and None not in key:
            found.setdefault(key, []).append(solution["g"])
    return found


def _rows(
    store: KGStore, name: str, graphs: set[ox.NamedNode] | None
) -> dict[tuple[ox.Term, ...], list[dict[str, ox.Term]]]:
    """Group key → the query's result rows, from the claims of ``graphs`` only (all when None).

    A group's rows are exact when ``graphs`` holds every graph that contributes to it (its
    recorded links): the other graphs add nothing to it. Rows of groups that lie only
    partly in ``graphs`` are wrong and the caller drops them.
    """
    spec = SUMMARISED[name]
    text = _definition(name)
    if graphs is not None:
        # ?g bound first: Oxigraph starts from those graphs' claims (a VALUES block on the
        # keys, or a substitution, is joined after the whole pattern: minutes at 1M triples).
        match = _WHERE.search(text)
        assert match is not None  # checked by _parts
        values = " ".join(str(g) for g in sorted(graphs, key=str))
        text = f"{text[: match.end()]} VALUES ?g {{ {values} }}\n{text[match.end():]}"
    columns = _columns(name)
    found: dict[tuple[ox.Term, ...], list[dict[str, ox.Term]]] = {}
    for solution in store.oxigraph.query(text):
        key = tuple(solution[k] for k in spec.keys)
        if None not in key:
            found.setdefault(key, []).append({var: solution[var] for var in columns if solution[var] is not None})
    return found


def _node(name: str, key: tuple[ox.Term, ...]) -> ox.NamedNode:
    digest = hashlib.sha1("\x1f".join([name, *(str(t) for t in key)]).encode("utf-8")).hexdigest()
    return ox.NamedNode(f"{KGR}summary/{name}/{digest}")


def _column(var: str) -> ox.NamedNode:
    return ox.NamedNode(f"{_SUM}column-{var}")


def _cells(name: str) -> ox.NamedNode:
    return ox.NamedNode(f"{_SUM}cells-{name}")


def _cell(term: ox.Term | None) -> list[str | None] | None:
    """One result cell as JSON: [value, datatype, language], [IRI], or None when unbound."""
    if term is None:
        return None
    if isinstance(term, ox.Literal):
        return [term.value, term.datatype.value, term.language]
    return [term.value]


def _term(cell: list[str | None] | None) -> Node | None:
    # As oxrdflib gives them, so a kept row equals the row the .rq returns.
    if cell is None:
        return None
    if len(cell) == 1:
        return URIRef(cell[0] or "")
    value, datatype, language = cell
    return Literal(value, lang=language) if language else Literal(value, datatype=URIRef(datatype or ""))


def _ox_term(term: Node) -> ox.NamedNode | ox.Literal:
    if isinstance(term, Literal):
        if term.language:
            return ox.Literal(str(term), language=term.language)
        return ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype)) if term.datatype else None)
    return ox.NamedNode(str(term))


# -- the .rq text ---------------------------------------------------------------------

_WHERE = re.compile(r"\bWHERE\s*\{", re.IGNORECASE)
_SELECT = re.compile(r"^\s*SELECT\b", re.IGNORECASE | re.MULTILINE)
_GROUP = re.compile(r"^\s*GROUP\s+BY\b", re.IGNORECASE | re.MULTILINE)
_ORDER = re.compile(r"^\s*ORDER\s+BY\b(.*)$", re.IGNORECASE | re.MULTILINE | re.DOTALL)


def _definition(name: str) -> str:
    from kg.query import get_named  # kg.query reads this module: import when used

    return get_named(name).text


@cache
def _parts(name: str) -> tuple[str, str]:
    """The prologue (prefixes) and the ``WHERE`` group's inside plus its closing brace."""
    text = _definition(name)
    select, where, group = _SELECT.search(text), _WHERE.search(text), _GROUP.search(text)
    if select is None or where is None or group is None:
        raise StoreError(f"the named query {name} is not a grouped SELECT; it cannot be summarised")
    return text[: select.start()], text[where.end() : group.start()]


@cache
def _columns(name: str) -> tuple[str, ...]:
    # The query's own result columns, from Oxigraph's parse: on an empty store it costs a millisecond.
    return tuple(v.value for v in ox.Store().query(_definition(name)).variables)
