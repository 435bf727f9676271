"""Actor–target analysis: the claims of a kg graph as a networkx graph, and what to ask it.

:func:`claim_records` reads every claim of a kg graph with SPARQL (over the union of the
named graphs of a :class:`~rdflib.Dataset`, so it works on an in-memory dataset, a parsed
``graph.trig`` and the Oxigraph store alike). :func:`actor_target_graph` aggregates them
into a :class:`networkx.DiGraph` with one edge per (actor, target) pair; the other functions
measure and query that graph, and export it for Gephi.

Examples
--------
>>> from kg.model import Claim, Document, Hedge, Mention, Predicate
>>> from kg.rdf import document_graph, new_run
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
>>> G = actor_target_graph(ds)
>>> [r["label"] for r in who_targets(G, "Biden")]
['Russia']
>>> G.edges[find_node(G, "Russia"), find_node(G, "Biden")]["likelihood"]
'likely'
"""

from __future__ import annotations

import json
import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from pathlib import Path
from typing import Any
from urllib.parse import unquote

import networkx as nx
from rdflib import ConjunctiveGraph, Graph

from kg.ontology import KGO, KGR, LIKELIHOOD_BANDS, RELATIONS, TARGET_RELATIONS, relation_family, sparql_prefixes
from kg.outputs import atomic_write

__all__ = [
    "LIKELIHOODS",
    "likelihood_rank",
    "claim_records",
    "actor_target_graph",
    "measures",
    "communities",
    "who_targets",
    "common_targets",
    "paths",
    "find_node",
    "scalar_graph",
    "xml_text",
    "write_graphml",
    "write_gexf",
]

#: ICD 203 likelihood bands, weakest first (the model's names, as in ``claims.jsonl``).
LIKELIHOODS: tuple[str, ...] = tuple(LIKELIHOOD_BANDS)
_BAND_OF_IRI = {str(iri): name for name, iri in LIKELIHOOD_BANDS.items()}
_KGO = str(KGO._NS)
_ENTITY_PREFIX = str(KGR["entity/"])

#: When an entity is typed with several classes (in several documents), the most specific
#: wins: a Candidate is also a Target, a State also an Actor.
_CLASS_PRIORITY = (
    "State", "Organisation", "Person", "Group", "Candidate", "PoliticalParty", "Election",
    "Institution", "Audience", "Operation", "Campaign", "Tactic", "Instrument", "Actor", "Target",
)  # fmt: skip


def likelihood_rank(band: str | None) -> int | None:
    """The rank of an ICD 203 band, 0 (almost no chance) to 6 (almost certain).

    Accepts the model's names (``very_likely``), the ontology's local names
    (``VeryLikely``) or their IRIs; None for None.

    >>> likelihood_rank("likely"), likelihood_rank("AlmostCertain"), likelihood_rank(None)
    (4, 6, None)

    Raises
    ------
    ValueError
        For a name that is not a band.
    """
    if band is None:
        return None
    name = _BAND_OF_IRI.get(str(band), str(band))
    folded = name.replace("_", "").replace("-", "").replace(" ", "").casefold()
    for rank, known in enumerate(LIKELIHOODS):
        if known.replace("_", "") == folded:
            return rank
    raise ValueError(f"unknown likelihood band {band!r}; expected one of {', '.join(LIKELIHOODS)}")


# Claims live in one named graph per document; GRAPH ?g reads the union of them. The
# optional parts are separate queries rather than OPTIONALs with GROUP_CONCAT so that
# both rdflib's evaluator and Oxigraph answer quickly and alike.
_CLAIMS = """
SELECT ?claim ?s ?p ?o ?sentence ?doc ?file ?date ?band ?attr ?negated ?kind ?plabel WHERE {
  %s
}"""
_CLAIMS_BODY = """
    ?claim a kgo:Claim ; rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o .
    OPTIONAL { ?claim kgo:sentence ?sentence }
    OPTIONAL { ?claim kgo:negated ?negated }
    OPTIONAL { ?claim kgo:likelihood ?band }
    OPTIONAL { ?claim kgo:attributionText ?attr }
    OPTIONAL { ?claim kgo:hedgeKind ?kind }
    OPTIONAL { ?p rdfs:label ?plabel }
    OPTIONAL { ?claim prov:wasDerivedFrom ?doc .
               OPTIONAL { ?doc kgo:fileName ?file }
               OPTIONAL { ?doc kgo:documentDate ?date } }
"""
_CUES = "SELECT ?claim ?cue WHERE { %s }"
_CUES_BODY = "?claim a kgo:Claim ; kgo:hedgeCue ?cue ."
_ENTITIES = "SELECT ?e ?label ?type WHERE { %s }"
_ENTITIES_BODY = "?e skos:prefLabel ?label . OPTIONAL { ?e a ?type }"
# Written into the query text: oxrdflib accepts initNs only as plain strings.
_PREFIXES = sparql_prefixes()


def _select(graph: Graph, query: str, body: str) -> Iterable[Any]:
    # A Dataset (or ConjunctiveGraph, or the Oxigraph store's view) keeps claims in named
    # graphs; a plain Graph is one document's graph or a merged one.
    where = f"GRAPH ?g {{ {body} }}" if isinstance(graph, ConjunctiveGraph) else body
    return graph.query(_PREFIXES + query % where)


def _relation_name(p: str, label: Any) -> tuple[str, bool]:
    """The relation's name and whether it is an open relation (outside the ontology)."""
    if p.startswith(_KGO):
        return p[len(_KGO) :], False
    if label is not None:
        return str(label), True
    return unquote(p.rstrip("/").rsplit("/", 1)[-1]), True


def _entity_table(graph: Graph) -> dict[str, tuple[str, str | None]]:
    labels: dict[str, str] = {}
    kinds: dict[str, set[str]] = defaultdict(set)
    for e, label, type_ in _select(graph, _ENTITIES, _ENTITIES_BODY):
        labels.setdefault(str(e), str(label))
        if type_ is not None and str(type_).startswith(_KGO):
            kinds[str(e)].add(str(type_)[len(_KGO) :])
    table = {}
    for e, label in labels.items():
        kind = next((k for k in _CLASS_PRIORITY if k in kinds[e]), None)
        table[e] = (label, kind)
    return table


def _matches(value: str, label: str, wanted: set[str]) -> bool:
    key = unquote(value[len(_ENTITY_PREFIX) :]) if value.startswith(_ENTITY_PREFIX) else value
    return bool({value, label.casefold(), key.casefold()} & wanted)


def _as_set(value: str | Iterable[str] | None) -> set[str] | None:
    if value is None:
        return None
    return {value} if isinstance(value, str) else set(value)


def _with_subproperties(wanted: set[str] | None) -> set[str] | None:
    if wanted is None:
        return None
    return wanted | {r for r in RELATIONS if relation_family(r) in wanted}


def _hostile(data: dict[str, Any]) -> bool:
    # An edge from the projection says which relations support it; only the targets
    # family is "targeting" (supports, uses, conducts and affiliatedWith are not).
    relations = data.get("relations")
    return relations is None or any(r in TARGET_RELATIONS for r in relations)


def claim_records(
    graph: Graph,
    *,
    actor: str | Iterable[str] | None = None,
    relations: str | Iterable[str] | None = None,
    min_likelihood: str | None = None,
    include_negated: bool = False,
) -> list[dict[str, Any]]:
    """Every claim of a kg graph as a flat record, oldest document first.

    Parameters
    ----------
    graph
        A kg graph: an rdflib :class:`~rdflib.Dataset` or ``ConjunctiveGraph`` whose
        named graphs hold the documents (as ``kg build`` writes them, or as the store
        holds them), or a plain :class:`~rdflib.Graph`.
    actor
        Keep only claims whose actor (subject) is this entity, or one of these: a label
        (case-insensitive), an entity key (``"russia"``) or an IRI.
    relations
        Keep only these relations (ontology local names such as ``"denigrates"``, or the
        lemma of an open relation). A family name stands for its sub-properties too, as in
        the named queries: ``"targets"`` keeps ``denigrates``, ``undermines`` and the rest.
        Default: the ontology's relations, so open relations are left out unless named.
    min_likelihood
        Keep only claims with an ICD 203 band at least this strong (``"likely"`` keeps
        likely, very likely and almost certain). Claims without a band are left out then:
        an unhedged sentence is not an estimate.
    include_negated
        Keep claims the text negates ("X did not target Y"); they are left out by default
        because they are not evidence of the relation.

    Returns
    -------
    list of dict
        One dict per claim with keys ``claim``, ``actor``, ``actor_label``,
        ``actor_kind``, ``relation``, ``open``, ``target``, ``target_label``,
        ``target_kind``, ``sentence``, ``document``, ``date``, ``likelihood``,
        ``likelihood_rank``, ``hedge``, ``hedge_kind``, ``attribution`` and ``negated``:
        ready for ``pandas.DataFrame``.
    """
    wanted_actor = {a.casefold() if not a.startswith("http") else a for a in _as_set(actor)} if actor else None
    wanted_relations = _with_subproperties(_as_set(relations))
    floor = likelihood_rank(min_likelihood)
    entities = _entity_table(graph)
    cues: dict[str, list[str]] = defaultdict(list)
    for claim, cue in _select(graph, _CUES, _CUES_BODY):
        if str(cue) not in cues[str(claim)]:
            cues[str(claim)].append(str(cue))
    records: dict[str, dict[str, Any]] = {}
    for row in _select(graph, _CLAIMS, _CLAIMS_BODY):
        claim = str(row.claim)
        if claim in records:
            continue  # the same claim seen through a second graph or optional value
        negated = row.negated is not None and row.negated.toPython() is True
        if negated and not include_negated:
            continue
        relation, is_open = _relation_name(str(row.p), row.plabel)
        if wanted_relations is None:
            if relation not in RELATIONS:
                continue
        elif relation not in wanted_relations:
            continue
        rank = likelihood_rank(str(row.band)) if row.band is not None else None
        if floor is not None and (rank is None or rank < floor):
            continue
        s, o = str(row.s), str(row.o)
        s_label, s_kind = entities.get(s, (_local(s), None))
        o_label, o_kind = entities.get(o, (_local(o), None))
        if wanted_actor is not None and not _matches(s, s_label, wanted_actor):
            continue
        records[claim] = {
            "claim": claim,
            "actor": s,
            "actor_label": s_label,
            "actor_kind": s_kind,
            "relation": relation,
            "open": is_open,
            "target": o,
            "target_label": o_label,
            "target_kind": o_kind,
            "sentence": str(row.sentence) if row.sentence is not None else None,
            "document": str(row.file) if row.file is not None else (str(row.doc) if row.doc is not None else None),
            "date": str(row.date) if row.date is not None else None,
            "likelihood": LIKELIHOODS[rank] if rank is not None else None,
            "likelihood_rank": rank,
            "hedge": " / ".join(cues.get(claim, ())) or None,
            "hedge_kind": str(row.kind) if row.kind is not None else None,
            "attribution": str(row.attr) if row.attr is not None else None,
            "negated": negated,
        }
    # Sorted so that output (pages, exports) does not depend on the store's row order.
    return sorted(records.values(), key=lambda r: (r["date"] or "", r["document"] or "", r["claim"]))


def _local(iri: str) -> str:
    return unquote(iri.rstrip("/").rsplit("/", 1)[-1])


def actor_target_graph(
    graph: Graph,
    *,
    actor: str | Iterable[str] | None = None,
    relations: str | Iterable[str] | None = None,
    min_likelihood: str | None = None,
) -> nx.DiGraph:
    """The actor → target projection of a kg graph: one edge per pair, weighted by claims.

    Parameters
    ----------
    graph
        A kg graph (see :func:`claim_records`).
    actor, relations, min_likelihood
        Filters on the claims, as in :func:`claim_records`.

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
    >>> G = actor_target_graph(Graph())
    >>> G.number_of_nodes()
    0
    """
    G = nx.DiGraph()
    relation_counts: dict[tuple[str, str], Counter] = defaultdict(Counter)
    for r in claim_records(graph, actor=actor, relations=relations, min_likelihood=min_likelihood):
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
        if r["likelihood_rank"] is not None and (
            data["likelihood"] is None or r["likelihood_rank"] > likelihood_rank(data["likelihood"])
        ):
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


def scalar_graph(G: nx.Graph) -> nx.Graph:
    """A copy of ``G`` whose attributes GraphML and GEXF can hold.

    Lists become ``"; "``-joined strings, dicts and lists of dicts (``evidence``) become
    JSON, None values are dropped, and characters XML cannot hold (control codes) in
    names and values become U+FFFD (:func:`xml_text`). ``G`` is not changed.

    >>> H = scalar_graph(nx.DiGraph([("a", "b", {"relations": ["x", "y"], "likelihood": None})]))
    >>> H.edges["a", "b"]
    {'relations': 'x; y'}
    """

    def scalar(attrs: dict[str, Any]) -> dict[str, Any]:
        out = {}
        for key, value in attrs.items():
            if value is None:
                continue
            if isinstance(value, (list, tuple, set)) and all(isinstance(x, str) for x in value):
                value = "; ".join(value)
            elif isinstance(value, (list, tuple, set, dict)):
                value = json.dumps(value, ensure_ascii=False, sort_keys=True)
            out[xml_text(key)] = xml_text(value) if isinstance(value, str) else value
        return out

    def node(n: Any) -> Any:
        return xml_text(n) if isinstance(n, str) else n

    H = G.__class__()
    H.graph.update(scalar(G.graph))
    H.add_nodes_from((node(n), scalar(d)) for n, d in G.nodes(data=True))
    H.add_edges_from((node(u), node(v), scalar(d)) for u, v, d in G.edges(data=True))
    return H


# Characters XML 1.0 cannot hold even escaped: C0 controls but tab, LF and CR, lone
# surrogates, U+FFFE and U+FFFF. Document text can carry them (a pasted control code).
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def xml_text(text: str) -> str:
    """``text`` with the characters XML cannot hold replaced by U+FFFD.

    >>> xml_text("Russia\\x00\\x1b[31m") == "Russia\\ufffd\\ufffd[31m"
    True
    """
    return _NOT_XML.sub("\ufffd", text)


def _projection(source: Graph | nx.Graph) -> nx.Graph:
    return source if isinstance(source, nx.Graph) else actor_target_graph(source)


def write_graphml(source: Graph | nx.Graph, path: str | Path) -> Path:
    """Write the actor–target graph as GraphML (for Gephi, yEd, Cytoscape), atomically.

    Parameters
    ----------
    source
        A networkx graph from :func:`actor_target_graph`, or a kg rdflib graph to project.
    path
        The ``.graphml`` file to write.
    """
    H = scalar_graph(_projection(source))
    return atomic_write(path, lambda f: f.writelines(line + "\n" for line in nx.generate_graphml(H)))


def write_gexf(source: Graph | nx.Graph, path: str | Path) -> Path:
    """Write the actor–target graph as GEXF 1.2 (Gephi's format), atomically.

    See :func:`write_graphml` for the parameters.
    """
    H = scalar_graph(_projection(source))
    return atomic_write(path, lambda f: f.writelines(line + "\n" for line in nx.generate_gexf(H)))
