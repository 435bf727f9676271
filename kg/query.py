"""SPARQL over the store: ad-hoc queries, a library of named queries, result formatting.

Named queries are the ``.rq`` files in ``kg/queries``. Each starts with comment lines: a
description, then one line per parameter::

    # Actors and what they target, with claim counts and one evidence sentence.
    # param: actor (label, optional) — canonical actor label, e.g. "Russia"

Parameters are bound with rdflib's ``initBindings`` (substitutions in Oxigraph), never
pasted into the query text, so a value such as ``Russia" } ; DROP ALL #`` is only ever a
literal that matches nothing. Each parameter has a type that makes the right RDF term:

``label``
    A canonical name, stored as ``"Cuba"@en`` (``skos:prefLabel``). The user's text is
    matched case-insensitively against the labels in the store and the stored literal is
    bound, so ``russia`` finds ``"Russia"@en`` and the query still matches by index.
``band``
    An ICD 203 likelihood band (``likely``, ``almost certain``...) → ``kgo:Likely``...
``relation``
    An ontology relation (``targets``, ``kgo:supports``...) → its property IRI.
``date``, ``integer``, ``boolean``, ``string``, ``iri``
    Typed literals (``xsd:date``, ``xsd:integer``, ``xsd:boolean`` from true/false/yes/no),
    a plain string, an IRI.

An optional parameter left out stays unbound: the query then covers every actor (band,
relation...). Oxigraph only substitutes variables that the query projects and applies the
value in triple patterns (not inside ``FILTER`` expressions), so every parameter of a
named query is a ``SELECT`` column and is used in a triple pattern.

Sub-properties
--------------
Asking for ``targets`` must also find ``denigrates``, ``undermines``, ``interferesIn``,
``seeksToInfluence`` and ``exploits``. The named queries do this with the property path
``?p rdfs:subPropertyOf* kgo:targets`` over the ontology graph the store holds, rather
than by materialising RDFS entailment (adding ``actor kgo:targets target`` beside every
``kgo:denigrates`` edge). The path costs one lookup in a few hundred ontology triples, it
stays right when the ontology changes (materialised triples would have to be recomputed
in every document graph), it keeps each document's named graph exactly what extraction
produced (so replacing a document cannot leave inferred triples behind), and it works
the same on any SPARQL 1.1 store without an inference engine. Claims are matched through
their ``rdf:predicate`` rather than the direct edge so that counts are counts of claims
and each row can carry its evidence.

Graph scoping
-------------
Each document's graph states the labels of the entities it mentions, so ``"Cuba"@en``
is stated once per document, and a union default graph (Oxigraph's) keeps every copy: a
query joining claims to labels across the union multiplies rows by the number of
documents and slowed a 50k-triple store to seconds. The named queries therefore match a
claim and its labels, document and source inside one ``GRAPH ?g`` (the claim's own
document), and the ontology in ``GRAPH <https://w3id.org/kg/influence>``. The joins
stay local, each claim is one row, and the queries need no union default graph, so
they run unchanged on Fuseki or GraphDB.

Examples
--------
>>> from kg.store import open_store
>>> with open_store(None) as store:
...     store.ensure_ontology()
...     result = run_named(store, "actors-targets")
...     result.vars
True
[rdflib.term.Variable('actor'), rdflib.term.Variable('target'), rdflib.term.Variable('claims'), rdflib.term.Variable('relations'), rdflib.term.Variable('evidence')]
"""

from __future__ import annotations

import io
import json
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

from pyparsing import ParseBaseException
from rdflib import XSD, BNode, Graph, Literal, Node, URIRef
from rdflib.namespace import SKOS
from rdflib.query import Result

from kg.errors import QueryError, StoreError
from kg.ontology import KGO, KGR, LIKELIHOOD_BANDS, PREFIXES, RELATIONS
from kg.store import KGStore
from kg.store.answers import AnswerRows
from kg.summaries import answer_rows, read_rows, read_summary, summarised, term_of
from kg.tabular import write_table

__all__ = [
    "FORMATS",
    "NamedQuery",
    "Param",
    "named_queries",
    "get_named",
    "bind_params",
    "run_query",
    "run_named",
    "format_result",
    "format_rows",
    "describe_queries",
    "read_query_file",
    "query_store",
]

#: Output formats of :func:`format_result`.
FORMATS = ("table", "csv", "tsv", "json", "sparql-json")

PARAM_TYPES = ("label", "band", "relation", "date", "integer", "boolean", "string", "iri")

_PARAM_LINE = re.compile(r"^#\s*param:\s*(?P<name>\w+)\s*\((?P<spec>[^)]*)\)\s*(?:[—–-]+\s*(?P<doc>.*))?$")


@dataclass(frozen=True)
class Param:
    """A parameter of a named query, from its ``# param:`` line."""

    name: str
    type: str
    optional: bool = False
    description: str = ""

    def __str__(self) -> str:
        shown = f"{self.name}=<{self.type}>"
        return f"[{shown}]" if self.optional else shown


@dataclass(frozen=True)
class NamedQuery:
    """One ``.rq`` file of the query library."""

    name: str
    description: str
    params: tuple[Param, ...]
    text: str


@cache
def named_queries() -> dict[str, NamedQuery]:
    """The query library, by name (the ``.rq`` file name without its suffix).

    >>> "actors-targets" in named_queries()
    True
    """
    found = {}
    for entry in sorted(resources.files("kg").joinpath("queries").iterdir(), key=lambda e: e.name):
        if entry.name.endswith(".rq"):
            name = entry.name[: -len(".rq")]
            found[name] = _parse_named(name, entry.read_text(encoding="utf-8"))
    return found


def _parse_named(name: str, text: str) -> NamedQuery:
    description: list[str] = []
    params: list[Param] = []
    for line in text.splitlines():
        if not line.startswith("#"):
            break
        match = _PARAM_LINE.match(line)
        if match:
            spec = [part.strip() for part in match["spec"].split(",")]
            if spec[0] not in PARAM_TYPES:
                raise QueryError(f"named query {name}: parameter {match['name']} has unknown type {spec[0]!r}")
            params.append(Param(match["name"], spec[0], "optional" in spec[1:], (match["doc"] or "").strip()))
        elif not params:
            description.append(line.lstrip("#").strip())
    return NamedQuery(name, " ".join(d for d in description if d), tuple(params), text)


def get_named(name: str) -> NamedQuery:
    """The named query ``name``.

    Raises
    ------
    QueryError
        When there is no such query; the message lists the ones there are.
    """
    queries = named_queries()
    if name not in queries:
        raise QueryError(f"no named query {name!r}; there are: {', '.join(queries)}")
    return queries[name]


def describe_queries() -> str:
    """The query library as text: name, parameters, description (for ``kg query --list``)."""
    lines = []
    for query in named_queries().values():
        lines.append(" ".join([query.name, *map(str, query.params)]))
        lines.append(f"    {query.description}")
        for param in query.params:
            lines.append(f"    {param.name}: {param.description}")
    return "\n".join(lines)


# -- parameters -----------------------------------------------------------------------


def bind_params(
    query: NamedQuery, values: Mapping[str, str], target: KGStore | Graph | None = None
) -> dict[str, Node]:
    """The ``initBindings`` for the text values of a named query's parameters.

    Parameters
    ----------
    query
        The named query, whose ``# param:`` lines give names and types.
    values
        Parameter name → the text the user gave.
    target
        The store or graph to resolve ``label`` values against (case-insensitively);
        without it a label binds as ``Literal(value, lang="en")``.

    Raises
    ------
    QueryError
        For an unknown parameter, a missing required one, or a value of the wrong type.

    Examples
    --------
    >>> bind_params(get_named("claims-by-likelihood"), {"likelihood": "almost certain"})
    {'likelihood': rdflib.term.URIRef('https://w3id.org/kg/influence#AlmostCertain')}
    """
    declared = {p.name: p for p in query.params}
    unknown = sorted(set(values) - set(declared))
    if unknown:
        allowed = ", ".join(declared) or "none"
        raise QueryError(f"{query.name} has no parameter {', '.join(unknown)} (parameters: {allowed})")
    missing = [p.name for p in query.params if not p.optional and p.name not in values]
    if missing:
        raise QueryError(f"{query.name} needs --param {missing[0]}=... ({declared[missing[0]].description})")
    return {name: _term(declared[name], value, target) for name, value in values.items()}


def _term(param: Param, value: str, target: KGStore | Graph | None) -> Node:
    kind = param.type
    if kind == "label":
        return _resolve_label(value, target) if target is not None else Literal(value, lang="en")
    if kind == "string":
        return Literal(value)
    if kind == "integer":
        try:
            return Literal(int(value), datatype=XSD.integer)
        except ValueError as err:
            raise QueryError(f"--param {param.name}: {value!r} is not a whole number") from err
    if kind == "boolean":
        flag = value.strip().lower()
        if flag in ("true", "yes", "1", "false", "no", "0"):
            return Literal(flag in ("true", "yes", "1"))
        raise QueryError(f"--param {param.name}: {value!r} is not true or false")
    if kind == "date":
        try:
            return Literal(date.fromisoformat(value).isoformat(), datatype=XSD.date)
        except ValueError as err:
            raise QueryError(f"--param {param.name}: {value!r} is not a date (YYYY-MM-DD)") from err
    if kind == "band":
        key = re.sub(r"[\s-]+", "_", value.strip().lower())
        if key in LIKELIHOOD_BANDS:
            return LIKELIHOOD_BANDS[key]
        raise QueryError(f"--param {param.name}: {value!r} is not a likelihood band ({', '.join(LIKELIHOOD_BANDS)})")
    if kind == "relation":
        local = value.removeprefix("kgo:").removeprefix(str(KGO._NS))
        if local in RELATIONS:
            return KGO[local]
        raise QueryError(f"--param {param.name}: {value!r} is not an ontology relation ({', '.join(sorted(RELATIONS))})")
    if kind == "iri":
        if value.startswith("kgr:"):
            return KGR[value[4:]]
        if not re.match(r"^[a-z][a-z0-9+.-]*:[^\s<>\"{}|^`\\]*$", value, re.IGNORECASE):
            raise QueryError(f"--param {param.name}: {value!r} is not an IRI")
        return URIRef(value)
    raise QueryError(f"unknown parameter type {kind!r}")  # pragma: no cover - checked when parsing


_LABELS_QUERY = "SELECT DISTINCT ?label WHERE { ?entity <http://www.w3.org/2004/02/skos/core#prefLabel> ?label }"


def _resolve_label(value: str, target: KGStore | Graph) -> Literal:
    """The stored ``skos:prefLabel`` literal matching ``value`` regardless of case.

    Exact case wins; with no match the value binds as an English literal (and the query
    simply finds nothing). The comparison is done here rather than in a SPARQL FILTER
    because Oxigraph's substitutions do not reach FILTER expressions.
    """
    # The label as typed, in English, is how kg stores names: one index lookup, where
    # comparing every label in the store costs 0.1 s at a million triples.
    # (Not over HTTP: rdflib's SPARQL connector writes the term into the query with n3().)
    exact = Literal(value, lang="en")
    if not (isinstance(target, KGStore) and target.remote):
        source = target.dataset if isinstance(target, KGStore) else target
        if (None, SKOS.prefLabel, exact) in source:
            return exact
    wanted = value.casefold()
    labels = sorted(
        (row[0] for row in run_query(target, _LABELS_QUERY) if str(row[0]).casefold() == wanted), key=str
    )
    exact = [label for label in labels if str(label) == value]
    return (exact or labels or [Literal(value, lang="en")])[0]


# -- running --------------------------------------------------------------------------


def run_query(target: KGStore | Graph, sparql: str, bindings: Mapping[str, Node] | None = None) -> Result:
    """Run a SPARQL query on a store or an rdflib graph, with pre-bound variables.

    Parameters
    ----------
    target
        A :class:`~kg.store.KGStore`, or any rdflib Graph/Dataset (a Dataset should have
        ``default_union=True`` for the named queries to see every document).
    sparql
        The query text; the kg prefixes (``kgo:``, ``kgr:``, ``skos:``, ``prov:``...) are
        predeclared on local stores.
    bindings
        Variable name → RDF term, bound through ``initBindings``.

    Raises
    ------
    QueryError
        For a malformed query, with the parser's line, column and message, and the line
        itself with a caret under the position.
    StoreError
        When the store cannot be read.
    """
    try:
        if isinstance(target, KGStore):
            result = target.query(sparql, bindings)
        else:
            result = target.query(sparql, initBindings=dict(bindings or {}))
        if result.type == "SELECT":
            # Oxigraph and rdflib both evaluate lazily: an error in evaluation (or a
            # syntax error rdflib only notices late) surfaces here, not on iteration.
            result.bindings = list(result.bindings)
        return result
    except SyntaxError as err:  # pyoxigraph's parser, or a remote store's 400
        raise QueryError(_syntax_message(sparql, str(err))) from err
    except ParseBaseException as err:  # rdflib's parser
        raise QueryError(_position_message(sparql, err.lineno, err.col, err.msg)) from err
    except (ValueError, TypeError) as err:
        raise QueryError(f"the query cannot be evaluated: {err}") from err
    except StoreError:
        raise
    except (OSError, RuntimeError) as err:  # RuntimeError: RocksDB met a damaged block while reading
        raise StoreError(f"cannot read the store: {err}") from err


def run_named(
    target: KGStore | Graph, name: str, params: Mapping[str, str] | None = None
) -> Result:
    """Run the named query ``name`` with text parameter values (see :func:`bind_params`).

    A store that keeps the query's rows (:mod:`kg.summaries`) answers from them; any other
    store or graph runs the ``.rq`` itself. The answer is the same.
    """
    query = get_named(name)
    bindings = bind_params(query, params or {}, target)
    if isinstance(target, KGStore) and summarised(target, name):
        return read_summary(target, name, bindings)
    return run_query(target, query.text, bindings)


_OX_POSITION = re.compile(r"^error at (\d+):(\d+):\s*(.*)$", re.DOTALL)
_EXCEPTION_PREFIX = re.compile(r"^(?:Exception|Error):\s*")


def _syntax_message(sparql: str, message: str) -> str:
    match = _OX_POSITION.match(message.strip())
    if match:
        return _position_message(sparql, int(match[1]), int(match[2]), match[3])
    return f"SPARQL syntax error: {message}"


def _position_message(sparql: str, line: int, column: int, message: str) -> str:
    message = " ".join(message.split())
    if len(message) > 160:  # Oxigraph lists every character class it could have accepted
        message = message[:160].rsplit(",", 1)[0] + ", …"
    lines = sparql.splitlines() or [""]
    text = lines[line - 1] if 0 < line <= len(lines) else ""
    caret = " " * max(column - 1, 0) + "^"
    return f"SPARQL syntax error at line {line}, column {column}: {message}\n  {text}\n  {caret}"


# -- formatting -----------------------------------------------------------------------

_PREFIXES = tuple((f"{name}:", namespace) for name, namespace in PREFIXES.items())


def _cell(value: Node | None, short: bool = True) -> str:
    if value is None:
        return ""
    if isinstance(value, URIRef) and short:
        text = str(value)
        for prefix, namespace in _PREFIXES:
            if text.startswith(namespace):
                return prefix + text[len(namespace) :]
        return text
    if isinstance(value, BNode):
        return f"_:{value}"
    return str(value)


def _json_value(value: Node | None) -> Any:
    if value is None:
        return None
    if isinstance(value, Literal):
        python = value.toPython()
        if isinstance(python, bool | int | float):
            return python
        if isinstance(python, Decimal):
            return float(python)
    return _cell(value)


def format_result(result: Result, fmt: str = "table", *, width: int = 60) -> str:
    """A query result as text.

    Parameters
    ----------
    result
        A SELECT, ASK or CONSTRUCT/DESCRIBE result.
    fmt
        ``table`` (aligned columns, cells cut to ``width`` characters), ``csv``, ``tsv``
        (full values; a cell a spreadsheet would run as a formula starts with ``'``) or ``json`` (a list of row objects with numbers and booleans as JSON
        values); all four write IRIs as compact names (``kgo:Likely``) where a kg prefix
        fits. ``sparql-json`` is the standard SPARQL 1.1 results JSON, full IRIs and all.
        CONSTRUCT results are N-Triples whatever ``fmt`` says.

    Examples
    --------
    >>> from rdflib import Graph
    >>> r = Graph().query('SELECT ?a ?b WHERE { VALUES (?a ?b) { ("x" 1) } }')
    >>> print(format_result(r, "table"))
    a | b
    --+--
    x | 1
    >>> print(format_result(r, "json"))
    [
      {"a": "x", "b": 1}
    ]
    """
    if fmt not in FORMATS:
        raise QueryError(f"unknown output format {fmt!r} (one of {', '.join(FORMATS)})")
    if fmt == "sparql-json" and result.type in ("SELECT", "ASK"):
        return result.serialize(format="json").decode("utf-8")
    if result.type == "ASK":
        answer = bool(result.askAnswer)
        return json.dumps({"boolean": answer}) if fmt == "json" else str(answer).lower()
    if result.type in ("CONSTRUCT", "DESCRIBE"):
        return result.graph.serialize(format="nt").rstrip("\n")
    names = [str(v) for v in result.vars or []]
    rows = [[row[i] if i < len(row) else None for i in range(len(names))] for row in result]
    if fmt == "json":
        return _emit(names, ([_json_value(v) for v in row] for row in rows), fmt, width)
    return _emit(names, ([_cell(v) for v in row] for row in rows), fmt, width)


def format_rows(found: AnswerRows, fmt: str = "table", *, width: int = 60) -> str:
    """A kept answer (:func:`kg.summaries.answer_rows`) as :func:`format_result` writes the
    same rows, without making an rdflib term of any value (``sparql-json`` excepted).

    Examples
    --------
    >>> found = AnswerRows(("actor", "claims"), [("Cuba", 2)], ["@en\\t^xsd:integer"])
    >>> print(format_rows(found, "json"))
    [
      {"actor": "Cuba", "claims": 2}
    ]
    """
    if fmt not in FORMATS:
        raise QueryError(f"unknown output format {fmt!r} (one of {', '.join(FORMATS)})")
    rows = zip(found.rows, (kinds.split("\t") for kinds in found.kinds))
    if fmt == "sparql-json":
        return format_result(read_rows(found), fmt, width=width)
    if fmt == "json":
        return _emit(list(found.columns), ([_plain_json(v, k) for v, k in zip(*row)] for row in rows), fmt, width)
    if fmt == "table":
        return _plain_table(found, width)
    return _emit(list(found.columns), ([_plain_cell(v, k) for v, k in zip(*row)] for row in rows), fmt, width)


def _plain_table(found: AnswerRows, width: int) -> str:
    """:func:`format_rows`' text table, made a column at a time: the same text as
    :func:`_emit`'s cell by cell, in a third of the time for a column of plain short text
    (the usual kind), which is taken as it is once the whole column was tested."""
    split = {kinds: kinds.split("\t") for kinds in set(found.kinds)}
    columns = list(zip(*found.rows)) if found.rows else [() for _ in found.columns]
    cells = []
    for i, values in enumerate(columns):
        plain = set(map(type, values)) <= {str} and not any(cut[i] in ("<", "_") for cut in split.values())
        if not plain:  # IRIs to prefix, blank nodes, numbers, unbound cells: each written as its term
            values = tuple(_plain_cell(v, split[k][i]) for v, k in zip(values, found.kinds))
        cells.append(_cut_column(values, width))
    return _column_table(list(found.columns), cells)


def _cut_column(cells: Sequence[str], width: int) -> Sequence[str]:
    """:func:`_cut` of every cell; a column whose every cell is already one short line is
    tested at once and kept."""
    if not cells or max(map(len, cells)) > width:
        return [_cut(c, width) for c in cells]
    # Joined by a printable "|": printable, with no double space and no space at either end
    # of a cell when the whole is so ("| " or " |" may also be a cell's own: then cell by cell).
    joined = "|".join(cells)
    if joined.isprintable() and "  " not in joined and "| " not in joined and " |" not in joined and joined == joined.strip():
        return cells
    return [_cut(c, width) for c in cells]


def _column_table(names: Sequence[str], columns: Sequence[Sequence[str]]) -> str:
    """:func:`_table` of rows given as columns."""
    widths = [max(len(n), max(map(len, col), default=0)) for n, col in zip(names, columns)]
    pattern = " | ".join(f"{{:<{w}}}" for w in widths)
    rule = "-+-".join("-" * w for w in widths)
    return "\n".join([pattern.format(*names).rstrip(), rule, *(pattern.format(*row).rstrip() for row in zip(*columns))])


def _emit(names: list[str], rows: Iterable[list[Any]], fmt: str, width: int) -> str:
    """Rows of cells (text; for json, JSON values) in a format of :data:`FORMATS`."""
    if fmt == "json":
        lines = [json.dumps(dict(zip(names, row)), ensure_ascii=False) for row in rows]
        return "[\n" + ",\n".join(f"  {line}" for line in lines) + "\n]" if lines else "[]"
    if fmt in ("csv", "tsv"):
        # Cells a spreadsheet would run as formulas get a leading ' (see kg.tabular).
        buffer = io.StringIO()
        write_table(buffer, names, rows, delimiter="," if fmt == "csv" else "\t")
        return buffer.getvalue().rstrip("\n")
    return _table(names, [[_cut(cell, width) for cell in row] for row in rows])


def _plain_cell(value: str | int | None, kind: str) -> str:
    """A kept value as :func:`_cell` writes its term."""
    if value is None:
        return ""
    text = str(value)
    if kind == "<":
        for prefix, namespace in _PREFIXES:
            if text.startswith(namespace):
                return prefix + text[len(namespace) :]
    elif kind == "_":
        return f"_:{text}"
    return text


_JSON_NUMBERS = {f"^xsd:{t}" for t in ("decimal", "double", "float")}


def _plain_json(value: str | int | None, kind: str) -> Any:
    """A kept value as :func:`_json_value` writes its term: numbers and booleans as JSON's."""
    if value is None or isinstance(value, int):
        return value  # unbound; or kept as an integer: an xsd integer type, in its canonical form
    if value is not None and (kind in _JSON_NUMBERS or kind == "^xsd:boolean"):
        return _json_value(term_of(value, kind))
    return _plain_cell(value, kind)


def _cut(text: str, width: int) -> str:
    if len(text) <= width and text.isprintable() and "  " not in text and text == text.strip():
        return text  # most cells: already one short line (tested in C, a third of the cost)
    text = " ".join(text.split())  # a sentence with line breaks would break the table
    return text if len(text) <= width else text[: width - 1] + "…"


def _table(names: Sequence[str], rows: Sequence[Sequence[str]]) -> str:
    widths = [max([len(n), *(len(r[i]) for r in rows)]) for i, n in enumerate(names)]

    def line(cells: Sequence[str]) -> str:
        return " | ".join(c.ljust(w) for c, w in zip(cells, widths)).rstrip()

    rule = "-+-".join("-" * w for w in widths)
    return "\n".join([line(names), rule, *(line(r) for r in rows)])


def read_query_file(path: str | Path) -> str:
    """The text of a ``.rq`` file; QueryError when it cannot be read."""
    try:
        return Path(path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as err:
        raise QueryError(f"cannot read the query file {path}: {err}") from err


def query_store(
    location: str | Path,
    *,
    sparql: str | None = None,
    name: str | None = None,
    params: Mapping[str, str] | None = None,
    fmt: str = "table",
    width: int = 60,
    limit: int | None = None,
) -> str:
    """Open a store read-only, run one query (text or named) and format the answer.

    Exactly one of ``sparql`` and ``name`` is given; ``params`` bind the named query's
    parameters, or, for a text query, variables of the same name (as plain strings);
    ``limit`` keeps the first rows of a SELECT. See :func:`answer_query` for the same
    with the number of rows.
    """
    return answer_query(location, sparql=sparql, name=name, params=params, fmt=fmt, width=width, limit=limit)[0]


def answer_query(
    location: str | Path,
    *,
    sparql: str | None = None,
    name: str | None = None,
    params: Mapping[str, str] | None = None,
    fmt: str = "table",
    width: int = 60,
    limit: int | None = None,
) -> tuple[str, int | None]:
    """What ``kg query`` does: :func:`query_store`, and the number of rows of a SELECT (else None).

    With ``limit``, only the first rows of a SELECT are read (a kept answer: from the index,
    so a first page of millions of rows costs what it shows) and written.

    Raises
    ------
    QueryError
        For a malformed query, an unknown named query or parameter, or a bad value.
    StoreError
        When there is no store at ``location`` or it cannot be read.
    """
    from kg.store import open_store

    if (sparql is None) == (name is None):
        raise QueryError("give either a SPARQL query or a named query, not both or neither")
    if fmt not in FORMATS:
        raise QueryError(f"unknown output format {fmt!r} (one of {', '.join(FORMATS)})")
    with open_store(location, read_only=True) as store:
        if name is not None:
            query = get_named(name)
            bindings = bind_params(query, params or {}, store)
            if summarised(store, name):
                found = answer_rows(store, name, bindings, limit)  # plain values: no rdflib term made
                return format_rows(found, fmt, width=width), len(found.rows)
            result = run_query(store, query.text, bindings)
        else:
            bindings = {key: Literal(value) for key, value in (params or {}).items()}
            result = run_query(store, sparql or "", bindings)
        if limit is not None and result.type == "SELECT":
            result.bindings = result.bindings[:limit]
        rows = len(result.bindings) if result.type == "SELECT" else None
        return format_result(result, fmt, width=width), rows
