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

import hashlib
import json
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any

import pyoxigraph as ox
from rdflib import XSD, Literal, Node, URIRef, Variable
from rdflib.query import Result

from kg.errors import StoreError
from kg.ontology import KGR
from kg.rdf import document_graph_iri
from kg.store import KGStore

__all__ = [
    "SUMMARY_GRAPH",
    "SUMMARISED",
    "SummarySpec",
    "mark_pending",
    "refresh_summaries",
    "summarised",
    "read_summary",
    "summary_rows",
]

#: The named graph that holds the summaries.
SUMMARY_GRAPH = KGR["graph/summaries"]

_SUM = "https://w3id.org/kg/id/summary#"
_GRAPH = ox.NamedNode(str(SUMMARY_GRAPH))
_COVERS = ox.NamedNode(_SUM + "covers")  # SUMMARY_GRAPH sum:covers "name": the query's summary is complete
_KEY = ox.NamedNode(_SUM + "key")  # group node sum:key "name"
_LINK = ox.NamedNode(_SUM + "graph")  # group node sum:graph <document graph>
_PENDING = ox.NamedNode(_SUM + "pending")  # SUMMARY_GRAPH sum:pending "doc": written, not yet summarised


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
    """True when ``store`` keeps complete, current summary rows of the named query ``name``.

    Not while documents written are still waiting for their refresh (:func:`mark_pending`):
    a build killed in between leaves the summaries behind the documents.
    """
    if name not in SUMMARISED or store.remote:
        return False
    marker = ox.Quad(_GRAPH, _COVERS, ox.Literal(name), _GRAPH)
    try:
        pending = next(iter(store.oxigraph.quads_for_pattern(_GRAPH, _PENDING, None, _GRAPH)), None)
        return pending is None and marker in store.oxigraph
    except (OSError, RuntimeError) as err:
        raise StoreError(f"cannot read the store {store.location}: {err}") from err


def read_summary(store: KGStore, name: str, bindings: Mapping[str, Node] | None = None) -> Result:
    """The kept rows of ``name`` as a SELECT result: the ``.rq``'s columns, rows and order.

    ``bindings`` bind parameters, which are key columns: only the rows with those values.
    See :func:`summary_rows`; this adds the rdflib terms (as oxrdflib makes them, so a
    kept row equals the row of the ``.rq``).
    """
    columns = _columns(name)
    made: dict[str, Node | None] = {}  # labels and counts repeat from row to row: one term each

    def term(cell: str | list[str] | None) -> Node | None:
        text = json.dumps(cell)
        if text not in made:
            made[text] = _term(cell)
        return made[text]

    result = Result("SELECT")
    result.vars = [Variable(v) for v in columns]
    result.bindings = [
        {Variable(v): t for v, t in zip(columns, map(term, row)) if t is not None} for row in summary_rows(store, name, bindings)
    ]
    return result


def summary_rows(
    store: KGStore, name: str, bindings: Mapping[str, Node] | None = None
) -> list[list[str | list[str] | None]]:
    """The kept rows of ``name`` in the ``.rq``'s order, each cell as JSON (see :func:`_cell`).

    Rows are kept in one literal per value of the first key (per actor, say), each row with
    its sort key: reading every row of ``actors-targets`` is then a few hundred index
    entries, one JSON parse and a sort on ready keys, where a triple per row and column
    cost a join per column (1.7 s for 17,694 rows at a million triples). A parameter on
    the first key reads one literal; others filter the rows.
    """
    spec = SUMMARISED[name]
    columns = _columns(name)
    bound = {var: _cell(_ox_term(value)) for var, value in (bindings or {}).items()}
    ox_store = store.oxigraph
    try:
        if spec.keys[0] in bound:
            first = _bucket(name, _ox_term(bindings[spec.keys[0]]))  # type: ignore[index]
            quads = list(ox_store.quads_for_pattern(first, _cells(name), None, _GRAPH))
        else:
            quads = list(ox_store.quads_for_pattern(None, _cells(name), None, _GRAPH))
    except (OSError, RuntimeError) as err:
        raise StoreError(f"cannot read the store {store.location}: {err}") from err
    keyed = [row for q in quads for rows in json.loads(q.object.value).values() for row in rows]
    keyed.sort(key=lambda row: row[0])
    where = [(columns.index(var), cell) for var, cell in bound.items()]
    return [row[1] for row in keyed if all(row[1][i] == cell for i, cell in where)]


def _sort_key(name: str, row: dict[str, ox.Term]) -> list[list[Any]]:
    """A row's place in the ``ORDER BY`` of the ``.rq``, as JSON that sorts in Python.

    SPARQL's order: unbound first, then IRIs, then literals; numbers by value, text by
    code point. ``DESC`` negates: exact for numbers, which is what the queries sort down by
    (text sorted down would have to be reversed character by character).
    """
    key: list[list[Any]] = []
    for var, desc in _order(name):
        term = row.get(var)
        if term is None:
            rank, value = 0, 0.0
        elif isinstance(term, ox.Literal) and term.datatype.value in _NUMERIC:
            rank, value = 2, float(term.value)
        else:
            rank, value = (3 if isinstance(term, ox.Literal) else 1), term.value
        if desc:
            rank, value = -rank, (-value if isinstance(value, float) else 0.0)
        key.append([rank, value])
    return key


_NUMERIC = {str(XSD[t]) for t in ("integer", "decimal", "double", "float", "long", "int", "nonNegativeInteger")}
_ORDER_TERM = re.compile(r"(ASC|DESC)\(\s*\?(\w+)\s*\)|\?(\w+)", re.IGNORECASE)


@cache
def _order(name: str) -> tuple[tuple[str, bool], ...]:
    match = _ORDER.search(_definition(name))
    if match is None:
        return ()
    clause = match.group(1).split("#")[0].strip()
    terms = tuple((m[2] or m[3], (m[1] or "").upper() == "DESC") for m in _ORDER_TERM.finditer(clause))
    if _ORDER_TERM.sub("", clause).strip():
        raise StoreError(f"the ORDER BY of the named query {name} is not a list of variables; it cannot be summarised")
    return terms


# -- maintaining ----------------------------------------------------------------------


def mark_pending(store: KGStore, documents: Iterable[str]) -> None:
    """Record that these documents are about to be written, added or removed.

    Call before the writes; :func:`refresh_summaries` clears the record. Until then the
    named queries run in full, and a refresh after a killed build includes these
    documents, so the summaries never lag behind the documents.
    """
    if store.remote:
        return
    try:
        store.oxigraph.extend([ox.Quad(_GRAPH, _PENDING, ox.Literal(d), _GRAPH) for d in documents])
    except (OSError, RuntimeError) as err:
        raise StoreError(f"cannot write to the store {store.location}: {err}") from err


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
    touched = 0
    try:
        pending = list(store.oxigraph.quads_for_pattern(_GRAPH, _PENDING, None, _GRAPH))
        if documents is not None:
            # Documents of an earlier build that stopped before its refresh come along.
            documents = sorted({*documents, *(q.object.value for q in pending)})
        for name in SUMMARISED:
            complete = ox.Quad(_GRAPH, _COVERS, ox.Literal(name), _GRAPH) in store.oxigraph
            if documents is None or not complete:
                touched += _recompute_all(store, name)
            elif documents:
                touched += _recompute_some(store, name, documents)
        _remove_all(store, pending)
    except (OSError, RuntimeError) as err:
        raise StoreError(f"cannot write the summaries of the store {store.location}: {err}") from err
    return touched


def _recompute_all(store: KGStore, name: str) -> int:
    ox_store = store.oxigraph
    for quad in list(ox_store.quads_for_pattern(None, _KEY, ox.Literal(name), _GRAPH)):
        _remove_all(store, ox_store.quads_for_pattern(quad.subject, None, None, _GRAPH))
    _remove_all(store, ox_store.quads_for_pattern(None, _cells(name), None, _GRAPH))
    links = _links(store, name, None)
    rows = _rows(store, name, None)
    keys = links.keys() | rows.keys()
    ox_store.extend([q for key in keys for q in _group_quads(name, key, links.get(key, ()))])
    _write_rows(store, name, {key: rows.get(key, []) for key in keys})
    ox_store.add(ox.Quad(_GRAPH, _COVERS, ox.Literal(name), _GRAPH))
    return len(keys)


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
        _remove_all(store, ox_store.quads_for_pattern(_node(name, key), None, None, _GRAPH))
        ox_store.extend(_group_quads(name, key, links[key]))
    _write_rows(store, name, {key: rows.get(key, []) for key in keys})
    return len(keys)


def _group_quads(name: str, key: tuple[ox.Term, ...], graphs: Iterable[ox.NamedNode]) -> list[ox.Quad]:
    """The quads of one group: its key and the document graphs it comes from (none: no group)."""
    graphs = list(graphs)
    if not graphs:
        return []
    node = _node(name, key)
    quads = [ox.Quad(node, _KEY, ox.Literal(name), _GRAPH)]
    quads += [ox.Quad(node, _column(var), term, _GRAPH) for var, term in zip(SUMMARISED[name].keys, key)]
    return quads + [ox.Quad(node, _LINK, g, _GRAPH) for g in graphs]


def _write_rows(store: KGStore, name: str, rows: Mapping[tuple[ox.Term, ...], list[dict[str, ox.Term]]]) -> None:
    """Put the rows of these groups (none: the group yields no row) into their buckets.

    A bucket holds the rows of every group with the same first key, as JSON: group →
    [[sort key, cells], ...].
    """
    ox_store = store.oxigraph
    by_bucket: dict[ox.Term, list[tuple[ox.Term, ...]]] = {}
    for key in rows:
        by_bucket.setdefault(key[0], []).append(key)
    columns = _columns(name)
    for first, keys in by_bucket.items():
        node = _bucket(name, first)
        old = list(ox_store.quads_for_pattern(node, _cells(name), None, _GRAPH))
        groups: dict[str, Any] = json.loads(old[0].object.value) if old else {}
        for key in keys:
            group = _node(name, key).value.rsplit("/", 1)[-1][:16]
            groups.pop(group, None)
            if rows[key]:
                groups[group] = [[_sort_key(name, row), [_cell(row.get(v)) for v in columns]] for row in rows[key]]
        # Rows sorted within the bucket: the buckets read together are then sorted runs,
        # which Python's sort merges in close to linear time.
        groups = dict(sorted(groups.items(), key=lambda item: min(row[0] for row in item[1])))
        _remove_all(store, old)
        if groups:
            cells = json.dumps(groups, ensure_ascii=False, separators=(",", ":"))
            ox_store.add(ox.Quad(node, _cells(name), ox.Literal(cells), _GRAPH))


def _remove_all(store: KGStore, quads: Iterable[ox.Quad]) -> None:
    for quad in list(quads):
        store.oxigraph.remove(quad)


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


def _bucket(name: str, first: ox.Term) -> ox.NamedNode:
    digest = hashlib.sha1("\x1f".join([name, str(first)]).encode("utf-8")).hexdigest()
    return ox.NamedNode(f"{KGR}summary/{name}/rows/{digest}")


def _column(var: str) -> ox.NamedNode:
    return ox.NamedNode(f"{_SUM}column-{var}")


def _cells(name: str) -> ox.NamedNode:
    return ox.NamedNode(f"{_SUM}cells-{name}")


_XSD = str(XSD)


def _cell(term: ox.Term | None) -> str | list[str] | None:
    """One result cell as compact JSON (a bucket of rows is parsed whole on every read).

    A plain string is itself; ``[IRI]``; ``[value, "@lang"]``; ``[value, datatype]``
    with ``xsd:`` written short; None when unbound.

    >>> _cell(ox.Literal("x")), _cell(ox.Literal("Cuba", language="en")), _cell(ox.Literal("3", datatype=ox.NamedNode(_XSD + "integer")))
    ('x', ['Cuba', '@en'], ['3', 'xsd:integer'])
    """
    if term is None:
        return None
    if isinstance(term, ox.Literal):
        if term.language:
            return [term.value, "@" + term.language]
        datatype = term.datatype.value
        if datatype == _XSD + "string":
            return term.value
        return [term.value, "xsd:" + datatype[len(_XSD) :] if datatype.startswith(_XSD) else datatype]
    return [term.value]


def _term(cell: str | list[str] | None) -> Node | None:
    # As oxrdflib gives them, so a kept row equals the row the .rq returns.
    if cell is None:
        return None
    if isinstance(cell, str):
        return Literal(cell, datatype=XSD.string)
    if len(cell) == 1:
        return URIRef(cell[0])
    value, kind = cell
    if kind.startswith("@"):
        return Literal(value, lang=kind[1:])
    return Literal(value, datatype=URIRef(_XSD + kind[4:] if kind.startswith("xsd:") else kind))


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
