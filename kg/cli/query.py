"""``kg query``: SPARQL over the store, ad hoc or from the library of named queries."""

from __future__ import annotations

import argparse
import sys

from kg.errors import QueryError
from kg.query import FORMATS, answer_query, describe_queries, read_query_file

__all__ = ["register"]


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add the ``query`` command."""
    p = subparsers.add_parser(
        "query",
        help="run a SPARQL query (or a named one) on the store",
        description="Run a SPARQL query on the store and print the answer. The kgo:, kgr:, skos:, prov:, "
        "rdf:, rdfs: and xsd: prefixes are predeclared; the default graph is the union of every document's "
        "graph and the ontology. Examples: kg query --list; kg query --name actors-targets --param actor=Cuba; "
        "kg query 'SELECT DISTINCT ?l WHERE { ?e a kgo:State ; skos:prefLabel ?l }'. A query whose parameters match "
        "nothing says so and exits 1.",
    )
    source = p.add_mutually_exclusive_group(required=True)
    source.add_argument("sparql", nargs="?", metavar="SPARQL", help="the query text")
    source.add_argument("-f", "--file", metavar="FILE.rq", help="read the query from a file")
    source.add_argument("-n", "--name", metavar="NAME", help="run a named query (see --list)")
    source.add_argument("--list", action="store_true", help="list the named queries and their parameters")
    p.add_argument(
        "-p", "--param", action="append", default=[], metavar="KEY=VALUE",
        help="a parameter value (repeatable); bound as an RDF term, never pasted into the query",
    )
    p.add_argument("--store", default="output/store", metavar="DIR|URL", help="store folder (or the folder kg build wrote) or SPARQL endpoint URL (default: output/store)")
    p.add_argument("--format", dest="fmt", choices=FORMATS, default="table", help="output format (default: table; sparql-json: standard SPARQL results JSON)")
    p.add_argument("--width", type=int, default=60, help="widest table cell before it is cut (default: 60)")
    p.add_argument("--limit", type=_positive, metavar="N", help="print only the first N rows (a named query reads only those)")
    p.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    """Print the answer (or the list of named queries)."""
    if args.list:
        print(describe_queries())
        return 0
    params = dict(_split(item) for item in args.param)
    sparql = read_query_file(args.file) if args.file else args.sparql
    answer, rows = answer_query(
        args.store, sparql=sparql, name=args.name, params=params, fmt=args.fmt, width=args.width, limit=args.limit
    )
    sys.stdout.write(answer + "\n")
    if args.limit is not None and rows == args.limit:
        print(f"kg query: the first {rows} rows (--limit); there may be more", file=sys.stderr)
    if rows == 0:
        print(f"kg query: no rows{' match ' + ', '.join(args.param) if args.param else ''}", file=sys.stderr)
        # An empty answer to a question with parameters is most often a misspelt name.
        return 1 if args.param else 0
    return 0


def _positive(text: str) -> int:
    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError(f"must be 1 or more, not {value}")
    return value


def _split(item: str) -> tuple[str, str]:
    key, sep, value = item.partition("=")
    if not sep or not key:
        raise QueryError(f"--param {item!r}: expected KEY=VALUE")
    return key.strip(), value
