"""Kept answers that keep the named queries fast: every row, maintained per document.

A named query re-joins six to ten patterns per claim, and the grouped ones group every
claim of the store, each time they run: seconds at a million triples. Their answers,
though, change only where a document changed. So each kept query's answer rows are kept
in an SQLite table beside the claim rows (:mod:`kg.store.answers`), as plain values,
and a build or ``kg remove`` recomputes only what the documents it added, replaced or
removed give (:func:`refresh_summaries`). ``kg query`` then reads the rows
(:func:`answer_rows`): an ordered scan, or an index range for a parameter.

The ``.rq`` file stays the definition; the kept rows come from running it:

- A query whose every row comes from one document (:attr:`KeptQuery.spans_documents`
  False: a row per claim, or per document) runs as written with ``?g`` bound to the
  changed documents' graphs, grouped by ``?g`` too; its rows are kept per document.
- A query whose groups gather claims of many documents (``actors-targets``: one row per
  actor and target) runs its ``WHERE`` pattern alone over the changed documents' graphs.
  Each document's part of each group is kept (the distinct values its aggregates read),
  and a touched group's row is aggregated again from its parts: ``COUNT(DISTINCT)`` of
  the union, ``GROUP_CONCAT(DISTINCT)`` of the union, ``SAMPLE`` of any part, ``HAVING``
  on the union -- what the aggregate of the query in full gives.
- A roll-up (``actor-rollup``: the claims of a whole and of every body under it) keeps
  its ``GRAPH ?g`` block's rows per document with the claim's subject node; a read finds
  the wholes with the asked label and their parts along ``kgo:partOf+`` (in any graph,
  what the ``.rq``'s ``FILTER`` accepts, two index lookups) and reads those subjects' rows.

The tests compare every kept answer with the ``.rq`` run in full on stores that were
built, rebuilt, had documents replaced and removed. Where there is nothing kept -- a
store made before this existed, or whose ``.rq`` changed since, a remote store (its claim
rows cover this machine's documents only), an rdflib graph, a query not kept (below) --
:mod:`kg.query` runs the ``.rq``.

Not kept: ``assertions`` (it reads the assertions graph, which :mod:`kg.corroboration`
keeps up to date itself).

Examples
--------
>>> from kg.store import open_store
>>> with open_store(None) as store:
...     store.ensure_ontology()
...     refresh_summaries(store)
...     summarised(store, "actors-targets"), answer_rows(store, "documents").rows
True
0
(True, [])
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from functools import cache

import pyoxigraph as ox
from rdflib import XSD, BNode, Literal, Node, URIRef, Variable
from rdflib.query import Result

from kg.errors import StoreError
from kg.ontology import KGR
from kg.rdf import document_graph_iri
from kg.store import KGStore
from kg.store.answers import AnswerRows, KeptAnswers, KeptRow, TableLayout
from kg.store.edge import store_errors

__all__ = [
    "KeptQuery",
    "KEPT",
    "SUMMARISED",
    "answer_rows",
    "cell_kind",
    "mark_pending",
    "read_rows",
    "read_summary",
    "refresh_summaries",
    "summarised",
    "term_of",
]


@dataclass(frozen=True)
class KeptQuery:
    """A named query whose answer rows are kept, and whether its groups span documents.

    A roll-up names its parameter that labels the whole (``whole``) and the variable of
    the node that must be the whole or lie under it (``part``).

    ``graph_values``: how the changed documents' graphs reach Oxigraph. False (most): one
    run per graph, ``?g`` substituted; a ``VALUES ?g`` block instead makes Oxigraph
    evaluate the ``OPTIONAL`` parts over every graph (3.7 s of CPU for one document of
    ``actor-activity`` at a million triples, against 4 ms). True: one run per batch of
    graphs in a ``VALUES`` block, which Oxigraph starts from; ``claims-by-relation`` needs
    it (substituted, it starts from the ontology's sub-property paths: 167 ms a document).
    """

    name: str
    spans_documents: bool
    whole: str | None = None
    part: str | None = None
    graph_values: bool = False


#: The kept named queries.
KEPT: dict[str, KeptQuery] = {
    q.name: q
    for q in (
        KeptQuery("actor-activity", False),
        KeptQuery("timeline", False),
        KeptQuery("claims-by-relation", False, graph_values=True),
        KeptQuery("claims-by-likelihood", False),
        KeptQuery("documents", False),
        KeptQuery("actor-rollup", False, whole="actor", part="a"),
        KeptQuery("actors-targets", True),
        KeptQuery("shared-targets", True),
        KeptQuery("techniques-by-actor", True),
        KeptQuery("tactics-instruments", True),
        KeptQuery("claims-by-source", True),
    )
}
#: The same, under the name kg used when only grouped queries were kept.
SUMMARISED = KEPT

#: The graph where kg kept grouped rows before they moved to SQLite; a refresh drops it.
_OLD_SUMMARY_GRAPH = KGR["graph/summaries"]
#: Document graphs evaluated per query run (a VALUES block of this many IRIs).
_GRAPHS_PER_RUN = 200


# -- reading --------------------------------------------------------------------------


def summarised(store: KGStore, name: str) -> bool:
    """True when ``store`` keeps the complete, current answer of the named query ``name``.

    Not while documents written are still waiting for their refresh (:func:`mark_pending`):
    a build killed in between leaves the kept answers behind the documents.
    """
    if name not in KEPT or store.remote:
        return False
    return KeptAnswers(store.claim_rows).ready(name, _digest(name))


def answer_rows(
    store: KGStore, name: str, bindings: Mapping[str, Node] | None = None, limit: int | None = None
) -> AnswerRows:
    """The kept answer of ``name``: the ``.rq``'s columns and order, values as Python text and ints.

    ``bindings`` bind parameters (each a result column): only the rows with those terms.
    ``limit``: only the first rows (a parameter value that matches a value of another
    kind can leave fewer). Call when :func:`summarised` says the answer is kept. (A
    roll-up without its whole bound, which the ``.rq`` requires, gives every kept claim
    row, the whole unbound.)
    """
    layout = _layout(name)
    query = KEPT[name]
    if query.whole is not None and query.part is not None and query.whole in (bindings or {}):
        return _rolled_up(store, layout, query.whole, query.part, (bindings or {})[query.whole], limit)
    where = {var: _sql_value(*_cell(_ox_term(term))) for var, term in (bindings or {}).items()}
    found = KeptAnswers(store.claim_rows).read(layout, where, limit)
    if not bindings:
        return found
    # The value matched; the term must too ("Cuba"@en is not "Cuba"). Rows share a few
    # kinds strings: each is tested once.
    wanted = {layout.columns.index(var): _cell(_ox_term(term))[1] for var, term in bindings.items()}
    fits = {kinds: all(kinds.split("\t")[c] == k for c, k in wanted.items()) for kinds in set(found.kinds)}
    if all(fits.values()):
        return found
    keep = [i for i, kinds in enumerate(found.kinds) if fits[kinds]]
    return AnswerRows(found.columns, [found.rows[i] for i in keep], [found.kinds[i] for i in keep])


_WHOLES = "SELECT DISTINCT ?whole ?label WHERE { GRAPH ?wg { ?whole <http://www.w3.org/2004/02/skos/core#prefLabel> ?label } }"
_PARTS = "SELECT DISTINCT ?part ?whole WHERE { GRAPH ?cg { ?part <https://w3id.org/kg/influence#partOf>+ ?whole } }"


def _rolled_up(store: KGStore, layout: TableLayout, whole: str, part: str, label: Node, limit: int | None) -> AnswerRows:
    """The kept rows of the claims whose subject is a whole labelled ``label`` or lies under one."""
    term = _ox_term(label)
    value, kind = _cell(term)
    database = store.backend.oxigraph  # a read: store.oxigraph would count a writable store as changed
    with store_errors(store.location, "read"):
        wholes = [s["whole"] for s in database.query(_WHOLES, substitutions={ox.Variable("label"): term})]
        nodes = set(wholes)
        for node in wholes:
            nodes.update(s["part"] for s in database.query(_PARTS, substitutions={ox.Variable("whole"): node}))
    keys = tuple(sorted(str(_sql_value(*_cell(n))) for n in nodes))
    found = KeptAnswers(store.claim_rows).read(layout, {part: keys}, limit)
    # The whole's label is the parameter: the same in every row (kept as unbound).
    at = layout.columns.index(whole)
    rows = [(*row[:at], value, *row[at + 1 :]) for row in found.rows]
    kinds = []
    for cells in found.kinds:
        split = cells.split("\t")
        split[at] = kind
        kinds.append("\t".join(split))
    return AnswerRows(found.columns, rows, kinds)


def read_summary(store: KGStore, name: str, bindings: Mapping[str, Node] | None = None) -> Result:
    """The kept answer of ``name`` as an rdflib SELECT result (for callers that want terms)."""
    return read_rows(answer_rows(store, name, bindings))


def read_rows(found: AnswerRows) -> Result:
    """A kept answer as an rdflib SELECT result, each term as oxrdflib makes it."""
    made: dict[tuple[str | int, str], Node] = {}  # labels repeat from row to row: one term each

    def term(value: str | int | None, kind: str) -> Node | None:
        if value is None:
            return None
        if (value, kind) not in made:
            made[value, kind] = term_of(value, kind)
        return made[value, kind]

    names = [Variable(v) for v in found.columns]
    result = Result("SELECT")
    result.vars = names
    result.bindings = []
    for row, kinds in zip(found.rows, found.kinds):
        terms = map(term, row, kinds.split("\t"))
        result.bindings.append({v: t for v, t in zip(names, terms) if t is not None})
    return result


_XSD = str(XSD)
_INTEGERS = {f"xsd:{t}" for t in ("integer", "int", "long", "short", "nonNegativeInteger", "positiveInteger")}


def cell_kind(term: ox.Term | None) -> str:
    """What RDF term a kept value is: ``<`` an IRI, ``_`` a blank node, ``@en`` a language,
    ``^xsd:integer`` a datatype (``xsd:`` short), empty for a plain string or unbound.

    >>> cell_kind(ox.NamedNode("https://x")), cell_kind(ox.Literal("Cuba", language="en")), cell_kind(ox.Literal("a"))
    ('<', '@en', '')
    """
    return _cell(term)[1]


def term_of(value: str | int, kind: str) -> Node:
    """The rdflib term of a kept value, as oxrdflib makes it (so it equals the ``.rq``'s).

    >>> term_of("Cuba", "@en"), term_of(3, "^xsd:integer")
    (rdflib.term.Literal('Cuba', lang='en'), rdflib.term.Literal('3', datatype=rdflib.term.URIRef('http://www.w3.org/2001/XMLSchema#integer')))
    """
    text = str(value)
    if kind == "<":
        return URIRef(text)
    if kind == "_":
        return BNode(text)
    if kind.startswith("@"):
        return Literal(text, lang=kind[1:])
    if kind.startswith("^"):
        datatype = kind[1:]
        return Literal(text, datatype=URIRef(_XSD + datatype[4:] if datatype.startswith("xsd:") else datatype))
    return Literal(text, datatype=XSD.string)


def _cell(term: ox.Term | None) -> tuple[str | None, str]:
    if term is None:
        return None, ""
    if isinstance(term, ox.NamedNode):
        return term.value, "<"
    if isinstance(term, ox.BlankNode):
        return term.value, "_"
    assert isinstance(term, ox.Literal)
    if term.language:
        return term.value, "@" + term.language
    datatype = term.datatype.value
    if datatype == _XSD + "string":
        return term.value, ""
    return term.value, "^" + ("xsd:" + datatype[len(_XSD) :] if datatype.startswith(_XSD) else datatype)


def _sql_value(value: str | None, kind: str) -> str | int | None:
    """Integers as SQLite integers, so that they sort by value (SPARQL's order); the rest as text."""
    if value is not None and kind[1:] in _INTEGERS and value.lstrip("-").isdigit() and str(int(value)) == value:
        return int(value)
    return value


def _ox_term(term: Node) -> ox.NamedNode | ox.Literal | ox.BlankNode:
    if isinstance(term, Literal):
        if term.language:
            return ox.Literal(str(term), language=term.language)
        return ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype or XSD.string)))
    if isinstance(term, BNode):
        return ox.BlankNode(str(term))
    return ox.NamedNode(str(term))


# -- maintaining ----------------------------------------------------------------------


def mark_pending(store: KGStore, documents: Iterable[str]) -> None:
    """Record (and commit) that these documents are about to be written, added or removed.

    Call before the writes; :func:`refresh_summaries` clears the record. Until then the
    named queries run in full, and a refresh after a killed build includes these
    documents, so the kept answers never lag behind the documents.
    """
    if not store.remote:
        KeptAnswers(store.claim_rows).mark_pending(documents)


def refresh_summaries(store: KGStore, documents: Iterable[str] | None = None) -> int:
    """Bring the kept answers up to date after documents were added, replaced or removed.

    Parameters
    ----------
    store
        An open, writable store. A remote store keeps none (nothing is done).
    documents
        The ids of the documents added, replaced or removed since the last refresh; None
        recomputes everything, and so does a query whose table is missing or was made
        for another version of its ``.rq``.

    Returns
    -------
    int
        How many rows (per-document queries) and groups (the others) were recomputed.
    """
    if store.remote:
        return 0
    kept = KeptAnswers(store.claim_rows)
    pending = kept.pending()
    stored = store.documents()
    changed = None if documents is None else sorted({*documents, *pending})
    touched = 0
    committed = False
    try:
        for query in KEPT.values():
            layout = _layout(query.name)
            whole = changed is None or kept.kept_definition(query.name) != _digest(query.name)
            if whole:
                kept.reset(layout)
            docs = sorted(stored) if whole else changed
            if docs:
                refresh = _refresh_groups if query.spans_documents else _refresh_documents
                touched += refresh(store, kept, layout, docs, stored, whole)
            kept.mark_complete(query.name, _digest(query.name))
        kept.clear_pending()
        store.claim_rows.commit()  # the whole refresh is one transaction
        committed = True
    finally:
        if not committed:
            # Half a refresh would have lost which groups the changed documents fed; the
            # documents stay pending and the next refresh starts from the last commit.
            store.claim_rows.rollback()
    _drop_old_summary_graph(store)
    return touched


def _refresh_documents(
    store: KGStore, kept: KeptAnswers, layout: TableLayout, docs: Sequence[str], stored: Mapping[str, str], whole: bool
) -> int:
    """Rows of a query whose rows each come from one document: the ``.rq`` per document graph."""
    text = _per_document_text(layout.name)
    count = 0
    for batch in _batches([d for d in docs if d in stored]):
        found: dict[str, list[KeptRow]] = {d: [] for d in batch}
        for doc, solution in _solutions(store, text, batch, KEPT[layout.name].graph_values):
            found[doc].append(_kept_row(layout, solution))
        for doc, rows in found.items():
            kept.put_document_rows(layout, doc, rows)
            count += len(rows)
    if not whole:
        for doc in docs:
            if doc not in stored:  # removed: its rows go
                kept.put_document_rows(layout, doc, [])
    return count


def _refresh_groups(
    store: KGStore, kept: KeptAnswers, layout: TableLayout, docs: Sequence[str], stored: Mapping[str, str], whole: bool
) -> int:
    """Rows of a query whose groups span documents: each document's part, then the touched groups."""
    shape = _shape(layout.name)
    text = _pattern_text(layout.name)
    touched = set() if whole else kept.groups_of(layout.name, docs)
    for batch in _batches([d for d in docs if d in stored]):
        parts: dict[str, dict[str, _Part]] = {d: {} for d in batch}
        for doc, solution in _solutions(store, text, batch, KEPT[layout.name].graph_values):
            key = tuple(_cell(solution[v]) for v in shape.keys)
            grp = _group_id(key)
            part = parts[doc].setdefault(grp, _Part(key))
            for var in shape.inner:
                part.add(var, solution[var])
        for doc, groups in parts.items():
            kept.put_partials(layout.name, doc, {grp: part.to_json() for grp, part in groups.items()})
            touched.update(groups)
    if not whole:
        for doc in docs:
            if doc not in stored:
                kept.put_partials(layout.name, doc, {})
    bodies = kept.partials_of(layout.name, None if whole else touched)
    rows = {grp: _group_rows(layout, shape, bodies.get(grp, [])) for grp in (bodies if whole else touched)}
    kept.put_group_rows(layout, rows)
    return len(rows)


def _solutions(store: KGStore, text: str, docs: Sequence[str], values: bool) -> Iterator[tuple[str, ox.QuerySolution]]:
    """(document, solution) of ``text`` with ``?g`` bound to these documents' graphs
    (a VALUES block of them all, or each graph substituted in turn: :class:`KeptQuery`)."""
    graphs = {str(document_graph_iri(d)): d for d in docs}
    database = store.oxigraph
    with store_errors(store.location, "read"):
        if values:
            block = "VALUES ?g { " + " ".join(f"<{g}>" for g in graphs) + " }"
            runs = iter([database.query(text.replace(_GRAPHS_MARK, block), use_default_graph_as_union=True)])
        else:
            alone = text.replace(_GRAPHS_MARK, "")
            runs = (
                database.query(alone, use_default_graph_as_union=True, substitutions={ox.Variable("g"): ox.NamedNode(g)})
                for g in graphs
            )
        for run in runs:
            for solution in run:
                graph = solution["g"]
                if graph is not None and graph.value in graphs:
                    yield graphs[graph.value], solution


def _batches(docs: Sequence[str]) -> Iterator[list[str]]:
    for start in range(0, len(docs), _GRAPHS_PER_RUN):
        yield list(docs[start : start + _GRAPHS_PER_RUN])


def _kept_row(layout: TableLayout, solution: ox.QuerySolution) -> KeptRow:
    cells = [_cell(solution[v]) for v in layout.stored]
    kinds = "\t".join(kind for _, kind in cells[: len(layout.columns)])
    return [_sql_value(value, kind) for value, kind in cells], kinds


def _group_id(key: tuple[tuple[str | None, str], ...]) -> str:
    return hashlib.sha1(json.dumps(key, ensure_ascii=False).encode("utf-8")).hexdigest()


def _drop_old_summary_graph(store: KGStore) -> None:
    # Stores of the previous kg kept grouped rows in a named graph: it would be exported.
    graph = ox.NamedNode(str(_OLD_SUMMARY_GRAPH))
    with store_errors(store.location, "write to"):
        if next(iter(store.oxigraph.quads_for_pattern(None, None, None, graph)), None) is not None:
            store.oxigraph.remove_graph(graph)


# -- aggregating a group from its documents' parts ------------------------------------


class _Part:
    """One document's part of one group: its key cells and, per variable an aggregate
    reads, the distinct values (as ``kind\\x1fvalue``)."""

    def __init__(self, key: tuple[tuple[str | None, str], ...]) -> None:
        self.key = key
        self.values: dict[str, set[str]] = {}

    def add(self, var: str, term: ox.Term | None) -> None:
        values = self.values.setdefault(var, set())
        if term is not None:
            value, kind = _cell(term)
            values.add(f"{kind}\x1f{value}")

    def to_json(self) -> str:
        return json.dumps({"k": self.key, "v": {var: sorted(v) for var, v in self.values.items()}}, ensure_ascii=False)


def _group_rows(layout: TableLayout, shape: _Shape, bodies: Sequence[str]) -> list[KeptRow]:
    """The group's row from its documents' parts (none: no part, or HAVING says no)."""
    if not bodies:
        return []
    parts = [json.loads(body) for body in bodies]
    key = dict(zip(shape.keys, (tuple(cell) for cell in parts[0]["k"])))
    union: dict[str, set[str]] = {var: set() for var in shape.inner}
    for part in parts:
        for var, values in part["v"].items():
            union[var].update(values)
    if shape.having is not None:
        var, test, bound = shape.having
        if not _COMPARE[test](len(union[var]), bound):
            return []
    cells: dict[str, tuple[str | None, str]] = dict(key)
    for function, var, separator, name in shape.aggregates:
        values = sorted(union[var])
        if function == "COUNT":
            cells[name] = (str(len(values)), "^xsd:integer")
        elif function == "SAMPLE":
            cells[name] = tuple(values[0].split("\x1f", 1)[::-1]) if values else (None, "")  # type: ignore[assignment]
        else:  # GROUP_CONCAT: a language all its values share stays (Oxigraph does so)
            kinds = {v.split("\x1f", 1)[0] for v in values}
            kind = kinds.pop() if len(kinds) == 1 and next(iter(kinds), "").startswith("@") else ""
            cells[name] = (separator.join(v.split("\x1f", 1)[1] for v in values), kind)
    stored = [cells.get(v, (None, "")) for v in layout.stored]
    kinds = "\t".join(kind for _, kind in stored[: len(layout.columns)])
    return [([_sql_value(value, kind) for value, kind in stored], kinds)]


_COMPARE = {">": int.__gt__, ">=": int.__ge__, "<": int.__lt__, "<=": int.__le__, "=": int.__eq__}


# -- the .rq text ---------------------------------------------------------------------

_GRAPHS_MARK = "\x00graphs\x00"
_WHERE = re.compile(r"\bWHERE\s*\{", re.IGNORECASE)
_SELECT = re.compile(r"^\s*SELECT\b", re.IGNORECASE | re.MULTILINE)
_GROUP = re.compile(r"^\s*GROUP\s+BY\b", re.IGNORECASE | re.MULTILINE)
_HAVING = re.compile(r"^\s*HAVING\b(.*?)$", re.IGNORECASE | re.MULTILINE)
_ORDER = re.compile(r"^\s*ORDER\s+BY\b(.*)$", re.IGNORECASE | re.MULTILINE | re.DOTALL)
_ORDER_TERM = re.compile(r"(ASC|DESC)\(\s*\?(\w+)\s*\)|\?(\w+)", re.IGNORECASE)
_AGGREGATE = re.compile(
    r'\(\s*(COUNT|GROUP_CONCAT|SAMPLE)\(\s*(DISTINCT\s+)?\?(\w+)\s*(?:;\s*separator\s*=\s*"([^"\\]*)"\s*)?\)\s+AS\s+\?(\w+)\s*\)',
    re.IGNORECASE,
)
_PLAIN = re.compile(r"\?(\w+)")
_HAVING_COUNT = re.compile(r"^\(\s*COUNT\(\s*DISTINCT\s+\?(\w+)\s*\)\s*(>=|<=|>|<|=)\s*(\d+)\s*\)$", re.IGNORECASE)


@dataclass(frozen=True)
class _Shape:
    """What the Python aggregation of a group needs from the ``.rq``."""

    keys: tuple[str, ...]  # the GROUP BY variables
    inner: tuple[str, ...]  # the variables the aggregates read
    aggregates: tuple[tuple[str, str, str, str], ...]  # (function, variable, separator, result name)
    having: tuple[str, str, int] | None  # COUNT(DISTINCT ?var) test bound


def _definition(name: str) -> str:
    from kg.query import get_named  # kg.query reads this module: import when used

    return get_named(name).text


#: The layout of the kept tables (kg.store.answers): a kg that lays them out otherwise remakes them.
_LAYOUT_VERSION = "3"  # 3: the kinds written to each table are recorded (answers_kinds)


@cache
def _digest(name: str) -> str:
    """The version of a kept table: the ``.rq`` it was made from and the layout (either edited remakes it)."""
    return hashlib.sha256(f"{_LAYOUT_VERSION}\n{_definition(name)}".encode("utf-8")).hexdigest()


@cache
def _clauses(name: str) -> tuple[str, str, str, str, str]:
    """The prologue, the SELECT list, the WHERE group's inside (with its closing brace),
    the GROUP BY list and the HAVING line of the ``.rq``."""
    text = _definition(name)
    select, where, group = _SELECT.search(text), _WHERE.search(text), _GROUP.search(text)
    if select is None or where is None or group is None:
        raise StoreError(f"the named query {name} is not a grouped SELECT; its answer cannot be kept")
    rest = text[group.end() :]
    order = _ORDER.search(rest)
    having = _HAVING.search(rest)
    group_end = min([m.start() for m in (order, having) if m is not None], default=len(rest))
    return (
        text[: select.start()],
        text[select.end() : where.start()],
        text[where.end() : group.start()],
        rest[:group_end],
        having.group(1).strip() if having else "",
    )


@cache
def _layout(name: str) -> TableLayout:
    from kg.query import get_named

    columns = tuple(v.value for v in ox.Store().query(_definition(name)).variables)
    order = _ORDER.search(_definition(name))
    sorts: tuple[tuple[str, bool], ...] = ()
    if order is not None:
        clause = order.group(1).split("#")[0].strip()
        if _ORDER_TERM.sub("", clause).strip():
            raise StoreError(f"the ORDER BY of the named query {name} is not a list of variables; its answer cannot be kept")
        sorts = tuple((m[2] or m[3], (m[1] or "").upper() == "DESC") for m in _ORDER_TERM.finditer(clause))
    params = tuple(p.name for p in get_named(name).params)
    if not set(params) <= set(columns):
        raise StoreError(f"a parameter of the named query {name} is not a result column; its answer cannot be kept")
    query = KEPT[name]
    if query.whole is not None and query.part is not None:
        # A roll-up's rows are selected by their subject node, not by the whole's label.
        return TableLayout(name, columns, sorts, (query.part,), extra=(query.part,))
    return TableLayout(name, columns, sorts, params)


@cache
def _shape(name: str) -> _Shape:
    _, select, _, group, having = _clauses(name)
    aggregates = tuple((m[1].upper(), m[3], m[4] or " ", m[5]) for m in _AGGREGATE.finditer(select))
    plain = _PLAIN.findall(_AGGREGATE.sub("", select))
    if _PLAIN.sub("", _AGGREGATE.sub("", select)).strip():
        raise StoreError(f"the named query {name} selects an expression kg cannot keep")
    for match in _AGGREGATE.finditer(select):
        if match[1].upper() != "SAMPLE" and not match[2]:
            raise StoreError(f"the named query {name} aggregates without DISTINCT; its answer cannot be kept")
    keys = tuple(_PLAIN.findall(group))
    if not set(plain) <= set(keys):
        raise StoreError(f"the named query {name} selects a variable it does not group by")
    test = None
    if having:
        found = _HAVING_COUNT.match(having)
        if found is None:
            raise StoreError(f"the HAVING of the named query {name} is not a COUNT(DISTINCT) test; its answer cannot be kept")
        test = (found[1], found[2], int(found[3]))
    inner = tuple(dict.fromkeys([*(a[1] for a in aggregates), *([test[0]] if test else [])]))
    return _Shape(keys, inner, aggregates, test)


@cache
def _per_document_text(name: str) -> str:
    """The ``.rq`` over some document graphs, grouped by graph too, with its sort-only
    variables selected and no ORDER BY (the table is read in order)."""
    prologue, select, where, group, having = _clauses(name)
    layout = _layout(name)
    extra = " ".join(f"?{v}" for v in layout.stored[len(layout.columns) :])
    whole = KEPT[name].whole
    if whole is not None:
        # A roll-up: the claims' own graph block, each row with its subject node (the
        # whole is joined at read time); the whole's label is not selected.
        select = " ".join(f"?{v}" for v in layout.columns if v != whole)
        kept = [v for v in _PLAIN.findall(group) if v != whole] + list(layout.stored[len(layout.columns) :])
        group = " ".join(f"?{v}" for v in dict.fromkeys(kept))
        where = f"GRAPH ?g {{{_graph_block(name, where)}}}\n}}\n"
    having_line = f"HAVING {having}\n" if having else ""
    return (
        f"{prologue}SELECT ?g {select} {extra}\nWHERE {{ {_GRAPHS_MARK}\n{where}"
        f"GROUP BY ?g {group}\n{having_line}"
    )


def _graph_block(name: str, where: str) -> str:
    """The inside of the ``GRAPH ?g { ... }`` block of a WHERE group."""
    start = re.search(r"GRAPH\s+\?g\s*\{", where)
    if start is None:
        raise StoreError(f"the named query {name} has no GRAPH ?g block; its answer cannot be kept")
    depth = 1
    for at in range(start.end(), len(where)):
        depth += {"{": 1, "}": -1}.get(where[at], 0)
        if depth == 0:
            return where[start.end() : at]
    raise StoreError(f"the GRAPH ?g block of the named query {name} is not closed")


@cache
def _pattern_text(name: str) -> str:
    """The ``.rq``'s WHERE pattern over some document graphs: distinct values of the group
    keys and of what the aggregates read."""
    prologue, _, where, _, _ = _clauses(name)
    shape = _shape(name)
    variables = " ".join(f"?{v}" for v in dict.fromkeys(("g", *shape.keys, *shape.inner)))
    return f"{prologue}SELECT DISTINCT {variables}\nWHERE {{ {_GRAPHS_MARK}\n{where}"
