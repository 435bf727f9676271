"""The edges of the graph page, gathered from claims in bounded memory.

The page (:mod:`kg.render`) draws one edge per (actor, relation, target), sized by its
number of claims, with the claims' sentences as evidence. What an edge needs of its
claims is a count, the strongest likelihood band, the first and last dates and the
evidence of a bounded number of them (:data:`EVIDENCE_PER_EDGE`, the first in the
claims' order), so an :class:`EdgeTable` keeps only that: the claims can pass through it
one document at a time (:func:`store_edges`) and are never all in memory.

A store too big to draw (more entities than the page's ``max_nodes``) is drawn as a
bounded overview (:func:`bounded_overview`). Which edges it keeps is known only once
every claim was counted, so :func:`store_edges` reads the store twice then: counting
(the evidence is dropped as soon as the entities outnumber ``max_nodes``), then taking
the evidence of the kept edges only.

Examples
--------
>>> def claim(n, actor="a", target="x", rank=None, date=None):
...     return {"actor": actor, "actor_label": actor.upper(), "actor_kind": "State", "relation": "targets",
...             "target": target, "target_label": target.upper(), "target_kind": None,
...             "likelihood_rank": rank, "date": date, "document": "d.txt", "start": n, "claim": f"c{n}"}
>>> table = EdgeTable(evidence=2)
>>> for n, rank, date in ((3, 4, "2020-02-01"), (1, None, None), (2, 6, "2020-01-01")):
...     table.add(claim(n, rank=rank, date=date))
>>> edge = table.finish()[("a", "targets", "x")]
>>> edge.claims, edge.rank, edge.first_date, edge.last_date, [c["claim"] for c in edge.evidence]
(3, 6, '2020-01-01', '2020-02-01', ['c1', 'c2'])
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from kg.curation import Decisions
from kg.records import ClaimFilter, apply_decisions, iter_raw_graphs, read_decisions
from kg.store import KGStore

__all__ = [
    "EVIDENCE_PER_EDGE",
    "OVERVIEW_ACTORS",
    "OVERVIEW_EDGES",
    "Edge",
    "EdgeKey",
    "EdgeTable",
    "bounded_overview",
    "claim_order",
    "group_records",
    "store_edges",
]

#: The claims whose evidence an edge shows: the first this many in the claims' order.
#: Its width, tooltip and panel still count every claim; the panel says how many are not
#: shown and how to see them (an edge of a corpus of copies can carry thousands).
EVIDENCE_PER_EDGE = 50
#: The overview's actors (most claims first) and strongest edges per actor: at most
#: 40 + 40 × 25 = 1,040 entities.
OVERVIEW_ACTORS = 40
OVERVIEW_EDGES = 25

#: (actor IRI, relation, target IRI)
EdgeKey = tuple[str, str, str]


def claim_order(record: Mapping[str, Any]) -> tuple[str, str, int, str]:
    """The order of claims on the page, :func:`kg.records.read_claims`' order: oldest document first."""
    return (record["date"] or "", record["document"] or "", record["start"] or 0, record["claim"])


@dataclass
class Edge:
    """What the page shows of one (actor, relation, target): counts, extremes and some evidence."""

    actor: tuple[str, str | None]  #: the actor's label and kind
    target: tuple[str, str | None]  #: the target's label and kind
    claims: int = 0
    rank: int | None = None  #: the strongest likelihood rank among the claims
    first_date: str | None = None
    last_date: str | None = None
    #: The claims kept for their evidence, in :func:`claim_order` (at most the table's ``evidence``).
    evidence: list[Mapping[str, Any]] = field(default_factory=list)
    #: Where its first claim is in :func:`claim_order`.
    first: tuple[str, str, int, str] | None = None


class EdgeTable:
    """Claims grouped into edges, keeping at most ``evidence`` claims of each.

    Parameters
    ----------
    evidence
        How many claims of an edge are kept whole (the first in :func:`claim_order`); 0
        keeps none, only the counts.
    only
        Keep the claims of these edges only (the others are not counted either).
    """

    def __init__(self, evidence: int = EVIDENCE_PER_EDGE, only: Collection[EdgeKey] | None = None) -> None:
        self.evidence = evidence
        self.only = only
        self.edges: dict[EdgeKey, Edge] = {}
        self.entities: set[str] = set()

    def add(self, record: Mapping[str, Any]) -> None:
        """Count one claim record (:func:`kg.records.read_claims`) in its edge."""
        key = (record["actor"], record["relation"], record["target"])
        if self.only is not None and key not in self.only:
            return
        edge = self.edges.get(key)
        if edge is None:
            edge = self.edges[key] = Edge((record["actor_label"], record["actor_kind"]), (record["target_label"], record["target_kind"]))
            self.entities.update((key[0], key[2]))
        edge.claims += 1
        order = claim_order(record)
        if edge.first is None or order < edge.first:
            edge.first = order
        rank = record["likelihood_rank"]
        if rank is not None and (edge.rank is None or rank > edge.rank):
            edge.rank = rank
        date = record["date"]
        if date:
            edge.first_date = date if edge.first_date is None else min(edge.first_date, date)
            edge.last_date = date if edge.last_date is None else max(edge.last_date, date)
        if self.evidence:
            edge.evidence.append(record)
            # Trimmed now and then rather than on every claim: sorting is the cost.
            if len(edge.evidence) >= 2 * self.evidence:
                self._trim(edge)

    def drop_evidence(self) -> None:
        """Keep counting, without evidence from now on (and drop what was kept)."""
        self.evidence = 0
        for edge in self.edges.values():
            edge.evidence = []

    def finish(self) -> dict[EdgeKey, Edge]:
        """The edges in the order of their first claims, each one's evidence in :func:`claim_order`
        and cut to the table's ``evidence``.

        That order is the one claims read whole (:func:`kg.records.read_claims`) make the
        edges in, whatever order the claims came in: the page's layout depends on it.
        """
        for edge in self.edges.values():
            self._trim(edge)
        self.edges = dict(sorted(self.edges.items(), key=lambda kv: kv[1].first or ("", "", 0, "")))
        return self.edges

    def _trim(self, edge: Edge) -> None:
        edge.evidence.sort(key=claim_order)
        del edge.evidence[self.evidence :]


def bounded_overview(
    edges: Mapping[EdgeKey, Edge],
    *,
    actors: int = OVERVIEW_ACTORS,
    per_actor: int = OVERVIEW_EDGES,
) -> tuple[set[EdgeKey], dict[str, Any]]:
    """The edges a page too big to draw keeps: the top ``actors`` and each one's strongest ``per_actor`` edges.

    Actors rank by their number of claims; an actor's edges by claims, then by the
    strongest likelihood band among them. Returns the kept edges and what the page says
    about the rest.

    >>> def edge(n, rank=None):
    ...     return Edge(("", None), ("", None), claims=n, rank=rank)
    >>> edges = {("a", "targets", "x"): edge(3), ("a", "targets", "y"): edge(1, 5),
    ...          ("a", "uses", "z"): edge(1), ("b", "targets", "x"): edge(1)}
    >>> kept, note = bounded_overview(edges, actors=1, per_actor=2)
    >>> sorted(kept), note["entities"], note["edges"]
    ([('a', 'targets', 'x'), ('a', 'targets', 'y')], [3, 5], [2, 4])
    """
    by_actor: dict[str, list[EdgeKey]] = defaultdict(list)
    for key in edges:
        by_actor[key[0]].append(key)
    weight = {a: sum(edges[k].claims for k in keys) for a, keys in by_actor.items()}
    top = sorted(by_actor, key=lambda a: (-weight[a], a))[:actors]

    def strength(key: EdgeKey) -> tuple[int, int, EdgeKey]:
        rank = edges[key].rank
        return (-edges[key].claims, -(rank if rank is not None else -1), key)

    kept = {key for a in top for key in sorted(by_actor[a], key=strength)[:per_actor]}
    every = {e for a, _, t in edges for e in (a, t)}
    shown = {e for a, _, t in kept for e in (a, t)}
    note = {
        "actors": [len(top), len(by_actor)],
        "entities": [len(shown), len(every)],
        "edges": [len(kept), len(edges)],
        "per_actor": per_actor,
    }
    return kept, note


def group_records(
    records: Iterable[Mapping[str, Any]], max_nodes: int, evidence: int = EVIDENCE_PER_EDGE
) -> tuple[dict[EdgeKey, Edge], dict[str, Any] | None]:
    """The page's edges of claim records already read, and the overview note (None: drawn whole)."""
    table = EdgeTable(evidence)
    for r in records:
        table.add(r)
    if len(table.entities) <= max_nodes:
        return table.finish(), None
    kept, note = bounded_overview(table.edges)
    return {key: edge for key, edge in table.finish().items() if key in kept}, note


def store_edges(
    store: KGStore, where: ClaimFilter, max_nodes: int, evidence: int = EVIDENCE_PER_EDGE
) -> tuple[dict[EdgeKey, Edge], dict[str, Any] | None]:
    """The page's edges of a store's claims that pass ``where``, read one document graph at a time.

    The same edges as :func:`group_records` of :func:`kg.records.read_claims`, in memory
    bounded by the largest document, the edges and their kept evidence: a store too big
    to draw is read twice (see the module's docstring).
    """
    decisions = read_decisions(store)
    counted = EdgeTable(evidence)
    _fill(counted, store, decisions, where, max_nodes)
    if len(counted.entities) <= max_nodes:
        return counted.finish(), None
    kept, note = bounded_overview(counted.edges)
    chosen = EdgeTable(evidence, only=kept)
    _fill(chosen, store, decisions, where, max_nodes)
    return chosen.finish(), note


def _fill(table: EdgeTable, store: KGStore, decisions: Decisions, where: ClaimFilter, max_nodes: int) -> None:
    _, pieces = iter_raw_graphs(store)
    for piece in pieces:
        records, _ = apply_decisions(piece, decisions)
        for r in records:
            if where.keeps(r):
                table.add(r)
        if table.evidence and table.only is None and len(table.entities) > max_nodes:
            table.drop_evidence()  # an overview: which evidence it needs is known only at the end
