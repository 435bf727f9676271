"""``kg serve``, ``kg remove``, ``kg export`` and ``kg validate``: working with the store."""

from __future__ import annotations

import argparse
import sys

from kg.export import FORMATS

__all__ = ["register"]

_STORE_HELP = "store folder (default: output/store)"


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add the ``serve``, ``remove``, ``export`` and ``validate`` commands."""
    p = subparsers.add_parser(
        "serve",
        help="serve the analyst's workbench and a read-only SPARQL endpoint",
        description="Serve the analyst's workbench at http://HOST:PORT/ (entity and document pages, the graph, a "
        "SPARQL console, review) and the store over the SPARQL 1.1 Protocol at http://HOST:PORT/query, read-only "
        "and on 127.0.0.1 unless told otherwise. --sparql-only (or --writable) serves Oxigraph's endpoint alone.",
    )
    p.add_argument("--store", default="output/store", metavar="DIR", help=_STORE_HELP)
    p.add_argument("--host", default="127.0.0.1", help="address to listen on (default: 127.0.0.1)")
    p.add_argument("--port", type=int, default=7878, help="port (default: 7878)")
    p.add_argument(
        "--writable",
        action="store_true",
        help="also accept SPARQL Update (and builds with --store URL). The server has no "
        "authentication: any program on this machine can then change or erase the store. Use it only for the length of a build, and keep a copy",
    )
    p.add_argument("--cors", action="store_true", help="allow cross-origin requests (for a YASGUI page elsewhere); implies --sparql-only")
    p.add_argument("--sparql-only", dest="app", action="store_false", help="serve Oxigraph's SPARQL endpoint alone, without the workbench")
    p.add_argument("--decisions", metavar="FILE", help="the analysts' decisions file (default: decisions.tsv beside the store folder)")
    p.add_argument(
        "--allow-host", action="append", default=[], metavar="NAME",
        help="also answer requests addressed to NAME:PORT (a DNS name of this machine); others are refused",
    )  # fmt: skip
    p.set_defaults(handler=_serve)

    p = subparsers.add_parser("remove", help="drop documents from the store", description="Drop documents (by file name) from the store.")
    p.add_argument("documents", nargs="+", metavar="DOC", help="document file names, e.g. 000_2f073e86d4c36990.txt")
    p.add_argument("--store", default="output/store", metavar="DIR|URL", help=_STORE_HELP)
    p.set_defaults(handler=_remove)

    p = subparsers.add_parser(
        "export",
        help="write the store as Turtle, TriG, N-Quads, JSON-LD, GraphML, GEXF or a STIX 2.1 bundle",
        description="Write the store's graph to a file, or to standard output with -o - (then give --format). "
        "The format is guessed from the file suffix unless given (.stix.json: STIX 2.1).",
    )
    p.add_argument("-o", "--output", required=True, metavar="FILE", help="file to write, or - for standard output")
    p.add_argument("--format", dest="fmt", choices=list(FORMATS), help="export format (default: from the suffix)")
    p.add_argument("--store", default="output/store", metavar="DIR|URL", help=_STORE_HELP)
    p.set_defaults(handler=_export)

    p = subparsers.add_parser(
        "validate",
        help="check the graph against the SHACL shapes",
        description="Validate the store (or an RDF file: .trig, .nq, .ttl, .jsonld) against ontologies/shapes.ttl. "
        "Exits 1 when the graph does not conform.",
    )
    where = p.add_mutually_exclusive_group()
    where.add_argument("--store", metavar="DIR|URL", help=_STORE_HELP)
    where.add_argument("file", nargs="?", metavar="FILE", help="an RDF file instead of the store")
    p.set_defaults(handler=_validate)


def _serve(args: argparse.Namespace) -> int:
    from kg.serve import serve

    return serve(args.store, args.host, args.port, writable=args.writable, cors=args.cors, app=args.app, decisions=args.decisions, hosts=tuple(args.allow_host))


def _remove(args: argparse.Namespace) -> int:
    from kg.store import remove_documents

    removed, missing = remove_documents(args.store, args.documents)
    for doc in missing:
        print(f"kg remove: {doc}: not in the store", file=sys.stderr)
    print(f"removed {len(removed)} documents from {args.store}")
    return 1 if missing else 0


def _export(args: argparse.Namespace) -> int:
    from kg.export import export_store

    path = export_store(args.store, args.output, args.fmt)
    if args.output != "-":  # standard output holds the export itself
        print(f"wrote {path}")
    return 0


def _validate(args: argparse.Namespace) -> int:
    from kg.export import read_dataset
    from kg.validate import validate

    report = validate(read_dataset(args.file or args.store or "output/store"))
    for v in report.violations:
        path = f" {v.path}" if v.path is not None else ""
        print(f"{v.severity}: {v.focus}{path}: {v.message}")
    if report.conforms:
        print("the graph conforms to the shapes")
        return 0
    print(f"kg validate: the graph does not conform ({len(report.violations)} results)", file=sys.stderr)
    return 1
