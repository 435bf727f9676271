"""``kg render``: rebuild the interactive graph page from the store, with filters."""

from __future__ import annotations

import argparse

__all__ = ["register"]


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add the ``render`` command."""
    p = subparsers.add_parser(
        "render",
        help="write the interactive graph page (graph.html), optionally filtered",
        description="Rebuild graph.html from the store (or from an RDF file such as graph.trig), keeping only "
        "the claims that pass the filters. The page is self-contained and opens without a network.",
    )
    source = p.add_mutually_exclusive_group()
    source.add_argument("--store", default="output/store", metavar="DIR|URL", help="store folder (or the folder kg build wrote) or URL (default: output/store)")
    source.add_argument("--from", dest="source", metavar="FILE", help="read an RDF file (.trig, .nq, .ttl, .jsonld) instead of the store")
    p.add_argument("-o", "--output", metavar="FILE", help="page to write (default: graph.html beside the store folder, or beside the --from file)")
    p.add_argument("--actor", action="append", metavar="NAME", help="only claims by this actor (label, key or IRI); repeatable")
    p.add_argument("--relation", action="append", metavar="REL", help="only this relation, e.g. denigrates; repeatable")
    p.add_argument(
        "--min-likelihood",
        metavar="BAND",
        help="only claims with an ICD 203 band at least this strong: almost_no_chance, very_unlikely, unlikely, "
        "roughly_even_chance, likely, very_likely, almost_certain",
    )
    p.add_argument(
        "--min-reliability",
        metavar="A-E",
        help="only claims whose source an analyst rated at least this well (Admiralty scale, a 'rate' line of "
        "the decisions file); unrated sources are left out",
    )
    p.add_argument("--title", help="page title")
    p.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    """Read the graph, write the page, say where and how big it is; 1 when no claim passes the filters."""
    import sys

    from kg.errors import InputError
    from kg.records import ClaimFilter, read_claims
    from kg.render import write_graph_html

    try:
        where = ClaimFilter.of(
            actor=args.actor, relation=args.relation, min_likelihood=args.min_likelihood, min_reliability=args.min_reliability
        )
    except ValueError as err:
        raise InputError(str(err)) from err
    title = args.title or _title(args)
    if args.source:
        from kg.export import read_dataset

        records = read_claims(read_dataset(args.source), where)
    else:
        from kg.store import open_store

        # Read-only: rendering must not take the store's write lock from a running build.
        with open_store(args.store, read_only=True) as store:
            records = read_claims(store, where)
    if not records and where.narrowing:
        print(f"kg render: no claim matches {where.describe()}; no page written", file=sys.stderr)
        return 1
    path = write_graph_html(None, args.output or _default_output(args), records=records, where=where, title=title)
    print(f"wrote {path} ({len(records)} claims)")
    return 0


def _default_output(args: argparse.Namespace):
    """graph.html where kg build puts it: in the folder that holds the store (or the --from file)."""
    from pathlib import Path

    from kg.store import is_remote, store_folder

    if args.source:
        return Path(args.source).parent / "graph.html"
    if is_remote(args.store):
        return Path("graph.html")
    return store_folder(args.store).parent / "graph.html"


def _title(args: argparse.Namespace) -> str:
    from kg.render import DEFAULT_TITLE

    bits = []
    if args.actor:
        bits.append(", ".join(args.actor))
    if args.relation:
        bits.append(", ".join(args.relation))
    if args.min_likelihood:
        bits.append(f"at least {args.min_likelihood.replace('_', ' ')}")
    if args.min_reliability:
        bits.append(f"sources rated {args.min_reliability.upper()} or better")
    return DEFAULT_TITLE + (f" ({'; '.join(bits)})" if bits else "")
