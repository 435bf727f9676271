"""``kg entities`` and ``kg review``: list and correct entities, confirm or reject claims.

Every change is a decision (:mod:`kg.curation`) appended to the decisions file
(``OUT/decisions.tsv`` beside the store, or ``--decisions FILE``) and mirrored into the
store's curation graph; the views apply them and every rebuild keeps them.
"""

from __future__ import annotations

import argparse
import sys

__all__ = ["register"]

_STORE_HELP = "store folder, the folder kg build wrote, or a URL (default: output/store)"
_DECISIONS_HELP = "the decisions file (default: decisions.tsv beside the store folder)"


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add the ``entities`` and ``review`` commands."""
    p = subparsers.add_parser(
        "entities",
        help="list entities, show one, merge, split or rename them",
        description="Without a subcommand, list the entities with their kind, aliases and numbers of claims and "
        "documents. merge/split/rename record an analyst's decision in the decisions file and the store; "
        "rebuilds keep it. Example: kg entities merge 'Fancy Bear' APT28",
    )
    _common(p)
    p.add_argument("--kind", help="only entities of this kind (State, Organisation, Person, ...)")
    p.add_argument("--search", metavar="TEXT", help="only entities whose label or an alias contains TEXT")
    p.add_argument("--limit", type=int, default=50, help="list at most N entities (default: 50; 0 for all)")
    p.set_defaults(handler=_list)
    actions = p.add_subparsers(dest="action", metavar="ACTION", help="show, merge, split or rename (default: list)")

    q = actions.add_parser("show", help="everything known about one entity", description="Show one entity: label, "
                           "kind, aliases, affiliations, decisions and its claims by relation.")
    q.add_argument("name", help="label, alias, key or IRI")
    _common(q)
    q.set_defaults(handler=_show)

    q = actions.add_parser("merge", help="merge one entity into another", description="Merge NAME into INTO: its "
                           "claims become INTO's and its labels INTO's aliases.")
    q.add_argument("name", help="the entity that goes")
    q.add_argument("into", help="the entity that stays")
    _common(q, note=True)
    q.set_defaults(handler=_merge)

    q = actions.add_parser("split", help="make an alias an entity of its own", description="Claims whose subject "
                           "or object text is ALIAS (any case) move from NAME to a new entity labelled ALIAS.")
    q.add_argument("name", help="label, alias, key or IRI")
    q.add_argument("alias", help="the name to split off, as the text writes it")
    _common(q, note=True)
    q.set_defaults(handler=_split)

    q = actions.add_parser("rename", help="change an entity's preferred label", description="Give NAME a new "
                           "preferred label; the old one becomes an alias.")
    q.add_argument("name", help="label, alias, key or IRI")
    q.add_argument("label", help="the new preferred label")
    _common(q, note=True)
    q.set_defaults(handler=_rename)

    p = subparsers.add_parser(
        "review",
        help="confirm or reject a claim",
        description="Mark a claim (its ID, as shown by kg entities show, or its IRI) confirmed or rejected, or "
        "take the mark away. Rejected claims leave the views and exports.",
    )
    p.add_argument("verdict", choices=["confirm", "reject", "unreview"], help="what to mark the claims")
    p.add_argument("claims", nargs="+", metavar="CLAIM", help="claim/ID (from kg entities show) or a claim IRI")
    _common(p, note=True)
    p.set_defaults(handler=_review)

    p = subparsers.add_parser(
        "rate",
        help="rate a publisher or source (Admiralty scale A-F)",
        description="Record your rating of a publisher or original source in the decisions file (the file of "
        "entity decisions). The rating shows beside every claim from that source, and kg render --min-reliability "
        "filters by it; kg never rates a source itself. Example: kg rate 'Harbor Times' B --note 'checked 2024'",
    )
    p.add_argument("source", help="the source's name as documents give it (CNN, ODNI) or source/KEY")
    p.add_argument("reliability", help="A completely reliable, B usually, C fairly, D not usually, E unreliable, F cannot be judged")
    _common(p, note=True)
    p.set_defaults(handler=lambda args: _decide(args, "rate", args.source, args.reliability))


def _common(p: argparse.ArgumentParser, note: bool = False) -> None:
    p.add_argument("--store", default=argparse.SUPPRESS, metavar="DIR|URL", help=_STORE_HELP)
    p.add_argument("--decisions", "--aliases", dest="decisions", default=argparse.SUPPRESS, metavar="FILE", help=_DECISIONS_HELP)
    if note:
        p.add_argument("--note", default="", help="why (kept with the decision)")


def _where(args: argparse.Namespace) -> tuple[str, str | None]:
    return getattr(args, "store", "output/store"), getattr(args, "decisions", None)


def _summaries(args: argparse.Namespace):
    from kg.curation import default_decisions_path, load_decisions
    from kg.records import summarise_entities
    from kg.store import is_remote, open_store, store_folder

    location, path = _where(args)
    if path is None and not is_remote(location):
        path = default_decisions_path(store_folder(location))
    decisions = load_decisions(path)
    with open_store(location, read_only=not is_remote(location), create=False) as store:
        return summarise_entities(store, decisions), decisions


def _list(args: argparse.Namespace) -> int:
    summaries, _ = _summaries(args)
    if args.kind:
        summaries = [s for s in summaries if (s.kind or "").casefold() == args.kind.casefold()]
    if args.search:
        text = args.search.casefold()
        summaries = [s for s in summaries if text in s.label.casefold() or any(text in a.casefold() for a in s.aliases)]
    if not summaries:
        print("kg entities: no entity matches", file=sys.stderr)
        return 1
    shown = summaries if args.limit <= 0 else summaries[: args.limit]
    from kg.query import _table  # the same aligned table as kg query

    rows = [
        [s.label, s.key, s.kind or "", str(s.claims), str(s.documents), _cut("; ".join(s.aliases), 50)]
        for s in shown
    ]
    print(_table(["label", "key", "kind", "claims", "documents", "aliases"], rows))
    if len(shown) < len(summaries):
        print(f"... {len(summaries) - len(shown)} more (--limit 0 lists all)", file=sys.stderr)
    return 0


def _cut(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


def _find(summaries, name: str):
    from kg.errors import InputError
    from kg.records import find_entity

    try:
        return find_entity(summaries, name)
    except KeyError as err:
        raise InputError(err.args[0]) from err


def _show(args: argparse.Namespace) -> int:
    from kg.curation import describe
    from kg.records import ClaimFilter, affiliation_chain, entity_table, read_claims
    from kg.store import is_remote, open_store

    summaries, decisions = _summaries(args)
    found = _find(summaries, args.name)
    print(f"{found.label}   ({found.kind or 'entity'}, key {found.key})")
    print(f"  IRI: {found.iri}")
    if found.aliases:
        print(f"  aliases: {'; '.join(found.aliases)}")
    location, _ = _where(args)
    with open_store(location, read_only=not is_remote(location), create=False) as store:
        chain = affiliation_chain(entity_table(store, decisions), found.iri)
    if chain:
        print(f"  part of / affiliated with: {' → '.join(label for _, label in chain)}")
    print(f"  {found.claims} claims in {found.documents} documents")
    for d in decisions.about(found.iri):
        print(f"  decision: {describe(d)}")
    where = ClaimFilter(entities=frozenset({found.iri}), include_negated=True, include_open=True, include_rejected=True)
    with open_store(location, read_only=not is_remote(location), create=False) as store:
        records = read_claims(store, where, decisions=decisions)
    for r in records:
        mark = {"rejected": " [rejected]", "confirmed": " [confirmed]"}.get(r["status"] or "", "")
        neg = " (not asserted)" if r["negated"] else ""
        print(f"- {r['actor_label']} {r['relation']} {r['target_label']}{neg}{mark}")
        print(f"    {_cut(' '.join((r['sentence'] or '').split()), 160)}")
        bits = [r["document"] or "?", r["date"] or "undated"]
        if r["likelihood"]:
            bits.append(r["likelihood"].replace("_", " "))
        if r["attribution"]:
            bits.append(f"according to {r['attribution']}")
        if r["rating"]:
            bits.append(f"source rated {r['rating']} ({r['rated_source']})")
        print(f"    {' · '.join(bits)} · claim/{r['claim'].rsplit('/', 1)[-1]}")
    return 0


def _decide(args: argparse.Namespace, action: str, target: str, value: str = "") -> int:
    from kg.curation import decide, decision, describe

    location, path = _where(args)
    made = decision(action, target, value, note=getattr(args, "note", ""))
    _, mirrored = decide(location, made, path)
    print(describe(made))
    if not mirrored:
        print("kg: the store is in use (a build, or kg serve): the decision is in the file, and the next build "
              "puts it in the store's curation graph", file=sys.stderr)
    return 0


def _merge(args: argparse.Namespace) -> int:
    summaries, _ = _summaries(args)
    a, b = _find(summaries, args.name), _find(summaries, args.into)
    return _decide(args, "merge", a.iri, b.iri)


def _split(args: argparse.Namespace) -> int:
    from kg.errors import InputError

    summaries, _ = _summaries(args)
    found = _find(summaries, args.name)
    if args.alias.casefold() == found.label.casefold() and not found.aliases:
        raise InputError(f"{args.alias!r} is {found.key}'s only name; there is nothing to split off")
    return _decide(args, "split", found.iri, args.alias)


def _rename(args: argparse.Namespace) -> int:
    summaries, _ = _summaries(args)
    return _decide(args, "rename", _find(summaries, args.name).iri, args.label)


def _review(args: argparse.Namespace) -> int:
    for item in args.claims:
        _decide(args, args.verdict, item)
    return 0
