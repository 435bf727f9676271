"""Actor–target analysis: claim records as a networkx graph, and what to ask it.

Pure functions over networkx, with no store and no file: :mod:`kg.records` reads the claims
(with the analysts' decisions applied) and narrows them with one
:class:`~kg.records.ClaimFilter`; :func:`actor_target_graph` aggregates those records into a
:class:`networkx.DiGraph` with one edge per (actor, target) pair; the other functions
measure and query that graph. The GraphML and GEXF writers live with the other exports
(:mod:`kg.export`).

Examples
--------
>>> from kg.model import Claim, Document, Hedge, Mention, Predicate
>>> from kg.rdf import document_graph, new_run
>>> from kg.records import ClaimFilter, read_claims
>>> from rdflib import Dataset
>>> def claim(start, actor, relation, target, band=None):
...     text = f"{actor} {relation} {target}."
...     p, o = start + len(actor) + 1, start + len(actor) + len(relation) + 2
...     hedges = (Hedge("likely", "likelihood", band),) if band else ()
...     return Claim("a.txt", start, start + len(text), text,
...                  Mention(actor, start, p - 1, actor, "State", actor.lower()),
...                  Predicate(relation, relation, relation, p, o - 1),
...                  Mention(target, o, o + len(target), target, "Candidate", target.lower()),
...                  hedges=hedges)
>>> ds = Dataset()
>>> g = document_graph(Document("a.txt", "a.txt", "", "0" * 64, date="2020-03-01"),
...                    [claim(0, "Russia", "denigrates", "Biden", "likely"),
...                     claim(30, "Iran", "denigrates", "Trump")], new_run())
>>> named = ds.graph(g.identifier)
>>> named += g
>>> G = actor_target_graph(read_claims(ds))
>>> [r["label"] for r in who_targets(G, "Biden")]
['Russia']
>>> G.edges[find_node(G, "Russia"), find_node(G, "Biden")]["likelihood"]
'likely'
>>> actor_target_graph(read_claims(ds), ClaimFilter(min_likelihood="likely")).number_of_edges()
1
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any
from urllib.parse import unquote

import networkx as nx

from kg.ontology import KGR, TARGET_RELATIONS

if TYPE_CHECKING:
    from kg.records import ClaimFilter

__all__ = [
    "actor_target_graph",
    "measures",
    "communities",
    "who_targets",
    "common_targets",
    "paths",
    "find_node",
]

_ENTITY_PREFIX = str(KGR["entity/"])


def _hostile(data: dict[str, Any]) -> bool:
    # An edge from the projection says which relations support it; only the targets
    # family is "targeting" (supports, uses, conducts and affiliatedWith are not).
    relations = data.get("relations")
    return relations is None or any(r in TARGET_RELATIONS for r in relations)


def actor_target_graph(records: Iterable[dict[str, Any]], where: ClaimFilter | None = None) -> nx.DiGraph:
    """The actor → target projection of claims: one edge per pair, weighted by claims.

    Parameters
    ----------
    records
        Claim records from :func:`kg.records.read_claims`.
    where
        Which of them to keep (:class:`~kg.records.ClaimFilter`); all when None (the
        reader has already filtered them).

    Returns
    -------
    networkx.DiGraph
        Nodes are entity IRIs with attributes ``label``, ``kind`` (ontology class local
        name or None) and ``iri``. An edge actor → target carries ``weight`` (number of
        supporting claims), ``relations`` (names, most supported first), ``first_date``
        and ``last_date`` (ISO dates of the documents, or None), ``likelihood`` (the
        strongest ICD 203 band among the claims, or None), ``documents`` and
        ``evidence``: one dict per claim with ``claim``, ``relation``, ``sentence``,
        ``document``, ``date``, ``hedge``, ``likelihood`` and ``attribution``.

    Examples
    --------
    >>> G = actor_target_graph([])
    >>> G.number_of_nodes()
    0
    """
    G = nx.DiGraph()
    relation_counts: dict[tuple[str, str], Counter] = defaultdict(Counter)
    strongest: dict[tuple[str, str], int] = {}
    for r in records:
        if where is not None and not where.keeps(r):
            continue
        for node, label, kind in ((r["actor"], r["actor_label"], r["actor_kind"]), (r["target"], r["target_label"], r["target_kind"])):
            if node not in G:
                G.add_node(node, label=label, kind=kind, iri=node)
        pair = (r["actor"], r["target"])
        if not G.has_edge(*pair):
            G.add_edge(*pair, weight=0, relations=[], first_date=None, last_date=None, likelihood=None, documents=[], evidence=[])
        data = G.edges[pair]
        data["weight"] += 1
        relation_counts[pair][r["relation"]] += 1
        if r["date"]:
            data["first_date"] = min(filter(None, (data["first_date"], r["date"])))
            data["last_date"] = max(filter(None, (data["last_date"], r["date"])))
        if r["likelihood_rank"] is not None and r["likelihood_rank"] > strongest.get(pair, -1):
            strongest[pair] = r["likelihood_rank"]
            data["likelihood"] = r["likelihood"]
        if r["document"] and r["document"] not in data["documents"]:
            data["documents"].append(r["document"])
        data["evidence"].append(
            {k: r[k] for k in ("claim", "relation", "sentence", "document", "date", "hedge", "likelihood", "attribution")}
        )
    for pair, counts in relation_counts.items():
        G.edges[pair]["relations"] = [name for name, _ in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))]
    return G


def find_node(G: nx.Graph, name: str) -> str:
    """The node of ``G`` named ``name``: its IRI, its label (case-insensitive) or its key.

    Raises
    ------
    networkx.NodeNotFound
        When no node has that name.

    Examples
    --------
    >>> G = nx.DiGraph()
    >>> G.add_node("https://w3id.org/kg/id/entity/russia", label="Russia")
    >>> find_node(G, "russia")
    'https://w3id.org/kg/id/entity/russia'
    """
    if name in G:
        return name
    folded = name.casefold()
    for node, label in G.nodes(data="label"):
        if label is not None and label.casefold() == folded:
            return node
    for node in G:
        if isinstance(node, str) and node.startswith(_ENTITY_PREFIX) and unquote(node[len(_ENTITY_PREFIX) :]) == folded:
            return node
    raise nx.NodeNotFound(f"no entity named {name!r} in the graph")


def _label(G: nx.Graph, node: str) -> str:
    return G.nodes[node].get("label") or str(node)


def measures(G: nx.DiGraph) -> list[dict[str, Any]]:
    """Degree, betweenness and PageRank of every node, most claims (in + out) first.

    Betweenness is computed on the undirected view: in an actor → target graph few paths
    follow the arrows, and an entity matters as a bridge between actors that share
    targets. PageRank follows the arrows, weighted by claims, so it ranks what is most
    targeted by actors that are themselves targeted.

    Returns
    -------
    list of dict
        ``node``, ``label``, ``kind``, ``in_degree``, ``out_degree``, ``claims_in``,
        ``claims_out`` (weighted degrees), ``betweenness`` and ``pagerank`` per node.

    Examples
    --------
    >>> G = nx.DiGraph([("a", "x"), ("b", "x")])
    >>> [(row["node"], row["in_degree"], round(row["pagerank"], 2)) for row in measures(G)]
    [('x', 2, 0.57), ('a', 0, 0.21), ('b', 0, 0.21)]
    """
    if G.number_of_nodes() == 0:
        return []
    betweenness = nx.betweenness_centrality(G.to_undirected(as_view=True))
    pagerank = nx.pagerank(G, weight="weight")
    rows = [
        {
            "node": node,
            "label": _label(G, node),
            "kind": G.nodes[node].get("kind"),
            "in_degree": G.in_degree(node),
            "out_degree": G.out_degree(node),
            "claims_in": G.in_degree(node, weight="weight"),
            "claims_out": G.out_degree(node, weight="weight"),
            "betweenness": betweenness[node],
            "pagerank": pagerank[node],
        }
        for node in G
    ]
    return sorted(rows, key=lambda row: (-(row["claims_in"] + row["claims_out"]), -row["pagerank"], row["label"]))


def communities(G: nx.Graph, *, seed: int = 0) -> list[list[str]]:
    """Groups of entities that target or are targeted together (Louvain, on claim weights).

    Returns
    -------
    list of list of str
        The sorted labels of each community, largest community first.

    Examples
    --------
    >>> G = nx.DiGraph([("a", "x"), ("a", "y"), ("b", "z"), ("c", "z")])
    >>> communities(G)
    [['a', 'x', 'y'], ['b', 'c', 'z']]
    """
    if G.number_of_nodes() == 0:
        return []
    groups = nx.community.louvain_communities(G.to_undirected(as_view=True), weight="weight", seed=seed)
    labelled = [sorted(_label(G, n) for n in group) for group in groups]
    return sorted(labelled, key=lambda group: (-len(group), group))


def _edge_row(G: nx.DiGraph, u: str, v: str, name: str, other: str) -> dict[str, Any]:
    data = G.edges[u, v]
    return {
        name: _label(G, other),
        "node": other,
        "weight": data.get("weight", 1),
        "relations": list(data.get("relations", ())),
        "likelihood": data.get("likelihood"),
        "first_date": data.get("first_date"),
        "last_date": data.get("last_date"),
    }


def who_targets(G: nx.DiGraph, target: str) -> list[dict[str, Any]]:
    """The actors with a claim against ``target``, most supported first.

    Only edges supported by the ``targets`` family count (``denigrates``,
    ``undermines``...): supporting or using an entity is not targeting it.

    Returns
    -------
    list of dict
        ``label``, ``node``, ``weight``, ``relations``, ``likelihood``, ``first_date``,
        ``last_date`` per actor.

    Raises
    ------
    networkx.NodeNotFound
        When ``target`` is not in the graph.

    Examples
    --------
    >>> G = nx.DiGraph()
    >>> G.add_edge("ru", "x", weight=3)
    >>> G.add_edge("cn", "x", weight=1)
    >>> [(r["label"], r["weight"]) for r in who_targets(G, "x")]
    [('ru', 3), ('cn', 1)]
    """
    node = find_node(G, target)
    rows = [_edge_row(G, actor, node, "label", actor) for actor in G.predecessors(node) if _hostile(G.edges[actor, node])]
    return sorted(rows, key=lambda r: (-r["weight"], r["label"]))


def common_targets(G: nx.DiGraph, a: str, b: str) -> list[dict[str, Any]]:
    """The entities that both ``a`` and ``b`` target, most supported first.

    As in :func:`who_targets`, only edges of the ``targets`` family count.

    Returns
    -------
    list of dict
        ``label``, ``node``, ``weight`` (claims of both), ``weight_a``, ``weight_b``,
        ``relations_a`` and ``relations_b`` per common target.

    Examples
    --------
    >>> G = nx.DiGraph([("ru", "x"), ("cn", "x"), ("ru", "y")])
    >>> [r["label"] for r in common_targets(G, "ru", "cn")]
    ['x']
    """
    u, v = find_node(G, a), find_node(G, b)
    rows = []
    for target in set(G.successors(u)) & set(G.successors(v)):
        ea, eb = G.edges[u, target], G.edges[v, target]
        if not (_hostile(ea) and _hostile(eb)):
            continue
        wa, wb = ea.get("weight", 1), eb.get("weight", 1)
        rows.append(
            {
                "label": _label(G, target),
                "node": target,
                "weight": wa + wb,
                "weight_a": wa,
                "weight_b": wb,
                "relations_a": list(ea.get("relations", ())),
                "relations_b": list(eb.get("relations", ())),
            }
        )
    return sorted(rows, key=lambda r: (-r["weight"], r["label"]))


def paths(G: nx.DiGraph, a: str, b: str, *, cutoff: int = 4, limit: int = 10, directed: bool = False) -> list[list[str]]:
    """The shortest simple paths between two entities, as lists of labels.

    Parameters
    ----------
    cutoff
        Longest path kept, in edges.
    limit
        Most paths returned.
    directed
        Follow the arrows (actor → target) only. By default a path may go against
        them: Russia → Biden ← China links two actors through a common target.

    Examples
    --------
    >>> G = nx.DiGraph([("ru", "x"), ("cn", "x")])
    >>> paths(G, "ru", "cn")
    [['ru', 'x', 'cn']]
    >>> paths(G, "ru", "cn", directed=True)
    []
    """
    u, v = find_node(G, a), find_node(G, b)
    view = G if directed else G.to_undirected(as_view=True)
    found: list[list[str]] = []
    try:
        for path in nx.shortest_simple_paths(view, u, v):
            if len(path) - 1 > cutoff or len(found) >= limit:
                break
            found.append([_label(G, n) for n in path])
    except nx.NetworkXNoPath:
        return []
    return found
