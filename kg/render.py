"""``graph.html``: the claims as an interactive network page that works offline and safely.

pyvis assembles the network (nodes, edges, their vis-network options); the page around it
is kg's own template (``kg/render_assets``), because pyvis's template loads vis-network
and bootstrap from CDNs. The page is self-contained:

* vis-network's JavaScript and CSS are inlined from the copy shipped inside the pyvis
  package, our own script and style too; there is no URL to fetch anywhere, and a
  Content-Security-Policy forbids fetching anything (``default-src 'none'``).
* Documents are untrusted, so their text reaches the page only as JSON in a
  ``<script type="application/json">`` block, with ``<``, ``>``, ``&`` and U+2028/U+2029
  written as ``\\uXXXX`` escapes so that no string can close the block; the page script
  puts strings into the DOM with ``textContent`` only. The policy allows exactly the page's
  own inline scripts (by SHA-256), so injected markup could not run even if it got in.

Positions are computed here beforehand (:func:`layout_positions`) and physics is off, so
the page is interactive as soon as it is drawn, at every size: vis-network's physics took
3.4-3.9 s to settle 388 nodes before the page would answer. Above ``layout_threshold``
nodes edges are straight and their labels are in the tooltips only, which keeps frames fast.

A store too big to draw whole (more than ``max_nodes`` entities) gets a bounded overview
(:func:`bounded_overview`): the actors with the most claims and each one's strongest edges,
with a note on the page saying what was left out and how to narrow the page instead.
"""

from __future__ import annotations

import base64
import hashlib
import html
import itertools
import json
import math
import random
import re
from collections import defaultdict
from collections.abc import Iterable
from importlib import resources
from pathlib import Path
from typing import Any

import networkx as nx
from rdflib import Graph

from kg import __version__
from kg.records import LIKELIHOODS, ClaimFilter, likelihood_rank, read_claims
from kg.corroboration import claim_corroboration
from kg.errors import KGError
from kg.outputs import atomic_write
from kg.page_edges import OVERVIEW_ACTORS, OVERVIEW_EDGES, bounded_overview, group_records, store_edges
from kg.store import KGStore

__all__ = [
    "CLASS_STYLES",
    "DEFAULT_TITLE",
    "MAX_NODES",
    "OVERVIEW_ACTORS",
    "OVERVIEW_EDGES",
    "bounded_overview",
    "page_data",
    "graph_html",
    "write_graph_html",
    "layout_positions",
]

#: More entities than this and the page is a bounded overview (:func:`bounded_overview`):
#: about as many as draw in under a second on a 2-core machine (benchmarks/page_interactive.py).
MAX_NODES = 1_200

DEFAULT_TITLE = "kg: influence claims"

#: Colour, vis-network shape and legend glyph of each ontology class. Shapes are those
#: that draw the label below the node, so that node size does not depend on its label.
CLASS_STYLES: dict[str, tuple[str, str, str]] = {
    "State": ("#d62728", "dot", "●"),
    "Organisation": ("#ff7f0e", "diamond", "◆"),
    "Person": ("#9467bd", "triangle", "▲"),
    "Group": ("#8c564b", "triangleDown", "▼"),
    "IntelligenceAgency": ("#b5442b", "diamond", "◆"),
    "MilitaryUnit": ("#7b2d26", "diamond", "◆"),
    "Company": ("#e6a23c", "diamond", "◆"),
    "MediaOutlet": ("#c49c94", "square", "■"),
    "Persona": ("#c5b0d5", "triangle", "▲"),
    "Network": ("#98df8a", "star", "★"),
    "Actor": ("#e7969c", "dot", "●"),
    "Candidate": ("#1f77b4", "square", "■"),
    "PoliticalParty": ("#17becf", "square", "■"),
    "Election": ("#2ca02c", "hexagon", "⬢"),
    "Institution": ("#7f7f7f", "hexagon", "⬢"),
    "Audience": ("#bcbd22", "triangle", "▲"),
    "Operation": ("#e377c2", "star", "★"),
    "Campaign": ("#e377c2", "star", "★"),
    "Tactic": ("#f7b6d2", "star", "★"),
    "Instrument": ("#6baed6", "diamond", "◆"),
    "Target": ("#9e9e9e", "dot", "●"),
}
_UNTYPED = ("#c7c7c7", "dot", "●")

_VIS_DIR = ("templates", "lib", "vis-9.1.2")
_MARKER = re.compile(r"@@KG_([A-Z_]+)@@")


def _asset(name: str) -> str:
    return resources.files("kg").joinpath("render_assets", name).read_text(encoding="utf-8")


def _vis_asset(name: str) -> str:
    # The page inlines the vis-network copy that pyvis ships; a pyvis release that moves
    # it must fail with a message, never fall back to a CDN.
    try:
        return resources.files("pyvis").joinpath(*_VIS_DIR, name).read_text(encoding="utf-8")
    except FileNotFoundError as err:
        raise KGError(
            f"vis-network is not where kg expects it inside pyvis ({'/'.join(_VIS_DIR)}/{name}); "
            "install pyvis 0.3.2, the version kg's page is built for"
        ) from err


def _script_json(value: Any) -> str:
    """JSON that is safe inside ``<script>``: nothing in it can end the element or a line."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    return (
        text.replace("&", "\\u0026")
        .replace("<", "\\u003c")
        .replace(">", "\\u003e")
        .replace("\u2028", "\\u2028")
        .replace("\u2029", "\\u2029")
    )


def _csp_hash(source: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(source.encode("utf-8")).digest()).decode("ascii") + "'"


def layout_positions(G: nx.Graph, *, seed: int = 0, max_hubs: int = 300, spacing: float = 32.0) -> dict[Any, tuple[float, float]]:
    """Positions for a large graph, in vis-network pixels, computed in well under a second.

    A graph of at most ``max_hubs`` nodes gets a force-directed layout
    (:func:`networkx.spring_layout`). One of thousands of nodes takes tens of seconds in
    networkx, so there only the hubs (the ``max_hubs`` best-connected nodes, usually the actors) get one:
    :func:`networkx.spring_layout` on the hubs, joined where they share neighbours. Every
    other node then goes on a spiral around its only hub, between its hubs when it has
    several, or next to its placed neighbours; what is left (components without a hub)
    goes on a grid below.

    Parameters
    ----------
    G
        Any networkx graph; directions are ignored. It is not changed.
    seed
        Seed of the spring layout and of the jitter, so a page is reproducible.
    max_hubs
        How many nodes get a force-directed position.
    spacing
        Roughly the distance between neighbouring nodes, in pixels.

    Returns
    -------
    dict
        Node → (x, y).

    Examples
    --------
    >>> pos = layout_positions(nx.star_graph(400))  # above max_hubs: hub and spiral
    >>> len(pos), pos[0]
    (401, (0.0, 0.0))
    """
    U = nx.Graph(G)  # a copy: undirected, and our own
    if U.number_of_nodes() == 0:
        return {}
    if U.number_of_nodes() <= max_hubs:
        return _small_layout(U, seed, spacing)
    rng = random.Random(seed)
    degree = dict(U.degree())
    ranked = sorted(U, key=lambda v: (-degree[v], str(v)))
    hubs = [v for v in ranked[:max_hubs] if degree[v] >= 2] or ranked[:1]
    hub_set = set(hubs)

    H = nx.Graph()
    H.add_nodes_from(hubs)
    anchors: dict[Any, list[Any]] = {}
    for v in U:
        if v in hub_set:
            continue
        anchors[v] = sorted((u for u in U[v] if u in hub_set), key=str)
        for a, b in itertools.combinations(anchors[v][:8], 2):
            H.add_edge(a, b, weight=H.get_edge_data(a, b, {"weight": 0})["weight"] + 1)
    for a, b in U.edges():
        if a in hub_set and b in hub_set:
            H.add_edge(a, b, weight=H.get_edge_data(a, b, {"weight": 0})["weight"] + 1)

    scale = spacing * math.sqrt(U.number_of_nodes())
    if len(hubs) == 1:
        hub_pos = {hubs[0]: (0.0, 0.0)}
    else:
        raw = nx.spring_layout(H, weight="weight", seed=seed, iterations=100)
        hub_pos = {h: (float(x) * scale, float(y) * scale) for h, (x, y) in raw.items()}

    pos: dict[Any, tuple[float, float]] = dict(hub_pos)
    satellites: dict[Any, int] = defaultdict(int)
    golden = math.pi * (3 - math.sqrt(5))
    pending = []
    for v, hs in anchors.items():
        if len(hs) == 1:
            hub = hs[0]
            i = satellites[hub] = satellites[hub] + 1
            r = spacing * (1.2 + 0.5 * math.sqrt(i))
            hx, hy = hub_pos[hub]
            pos[v] = (hx + r * math.cos(i * golden), hy + r * math.sin(i * golden))
        elif hs:
            xs, ys = zip(*(hub_pos[h] for h in hs))
            pos[v] = (sum(xs) / len(xs) + rng.gauss(0, spacing / 2), sum(ys) / len(ys) + rng.gauss(0, spacing / 2))
        else:
            pending.append(v)
    # Nodes without a hub neighbour: next to whatever neighbour is placed, repeatedly.
    while pending:
        left = []
        for v in pending:
            placed = [pos[u] for u in U[v] if u in pos]
            if placed:
                xs, ys = zip(*placed)
                pos[v] = (sum(xs) / len(xs) + rng.gauss(0, spacing), sum(ys) / len(ys) + rng.gauss(0, spacing))
            else:
                left.append(v)
        if len(left) == len(pending):
            break
        pending = left
    if pending:
        bottom = max(y for _, y in pos.values()) + 3 * spacing
        left_edge = min(x for x, _ in pos.values())
        width = max(1, int(math.sqrt(len(pending)) * 2))
        for i, v in enumerate(sorted(pending, key=str)):
            pos[v] = (left_edge + (i % width) * spacing * 1.5, bottom + (i // width) * spacing * 1.5)
    return {v: (round(x, 1), round(y, 1)) for v, (x, y) in pos.items()}


def _small_layout(U: nx.Graph, seed: int, spacing: float) -> dict[Any, tuple[float, float]]:
    """Every node of a small graph placed by force: each component on its own, side by side.

    One spring layout of several components pushes them apart and crowds each; laid out
    apart (networkx's spring layout: half a second at 300 nodes) and packed in
    rows, each keeps its room.
    """
    parts = sorted(nx.connected_components(U), key=lambda c: (-len(c), min(map(str, c))))
    placed: list[dict[Any, tuple[float, float]]] = []
    for part in parts:
        # In U's order: a subgraph view would list its nodes in the order of the set
        # ``part``, which changes from process to process (string hashing), and the spring
        # layout starts from the node order, so the same page came out differently each build.
        nodes = [v for v in U if v in part]
        sub = nx.Graph()
        sub.add_nodes_from(nodes)
        sub.add_edges_from(U.edges(nodes))
        if len(part) == 1:
            raw = {next(iter(part)): (0.0, 0.0)}
        elif len(part) == 2:
            a, b = sorted(part, key=str)
            raw = {a: (-0.5, 0.0), b: (0.5, 0.0)}
        else:
            raw = nx.spring_layout(sub, seed=seed, iterations=50, scale=math.sqrt(len(part)) * 0.8)
        placed.append({v: (float(x) * spacing * 1.6, float(y) * spacing * 1.6) for v, (x, y) in raw.items()})
    # Shelves: left to right, a new row when the row is as wide as the whole is tall.
    widths = [max(x for x, _ in p.values()) - min(x for x, _ in p.values()) + 2 * spacing for p in placed]
    heights = [max(y for _, y in p.values()) - min(y for _, y in p.values()) + 2 * spacing for p in placed]
    row_width = max(max(widths), math.sqrt(sum(w * h for w, h in zip(widths, heights))) * 1.3)
    pos: dict[Any, tuple[float, float]] = {}
    x0 = y0 = row_height = 0.0
    for part, width, height in zip(placed, widths, heights):
        if x0 > 0 and x0 + width > row_width:
            x0, y0, row_height = 0.0, y0 + row_height, 0.0
        left, top = min(x for x, _ in part.values()), min(y for _, y in part.values())
        for v, (x, y) in part.items():
            pos[v] = (round(x - left + x0 + spacing, 1), round(y - top + y0 + spacing, 1))
        x0 += width
        row_height = max(row_height, height)
    return pos


def _options(n_nodes: int, large: bool) -> dict[str, Any]:
    options: dict[str, Any] = {
        "autoResize": True,
        "nodes": {
            "borderWidth": 1,
            "font": {"size": 14, "face": "system-ui, sans-serif", "strokeWidth": 3, "strokeColor": "#ffffff"},
            # Labels keep their size whatever the node's: a small target must stay readable.
            "scaling": {"min": 8, "max": 30, "label": {"enabled": False}},
        },
        "edges": {
            "arrows": {"to": {"enabled": True, "scaleFactor": 0.5}},
            "color": {"inherit": "from", "opacity": 0.55},
            "font": {"size": 11, "align": "middle", "color": "#444444", "strokeWidth": 3, "strokeColor": "#ffffff"},
            "scaling": {"min": 1, "max": 8, "label": {"enabled": False}},
            # Curves are costly to draw and hit-test; a large page keeps straight lines.
            "smooth": False if large else {"enabled": True, "type": "dynamic"},
        },
        "interaction": {
            "hover": True,
            "tooltipDelay": 150,
            "hideEdgesOnDrag": large,
            "hideEdgesOnZoom": large,
            "multiselect": False,
        },
        # Every node comes with its position (layout_positions): nothing to lay out or settle.
        "layout": {"improvedLayout": False, "randomSeed": 7},
        "physics": False,
    }
    return options


def page_data(
    graph: Graph | KGStore | None,
    *,
    where: ClaimFilter | None = None,
    records: list[dict[str, Any]] | None = None,
    actor: str | Iterable[str] | None = None,
    relation: str | Iterable[str] | None = None,
    min_likelihood: str | None = None,
    title: str = DEFAULT_TITLE,
    layout_threshold: int = 500,
    seed: int = 0,
    entity_url: str | None = None,
    max_nodes: int = MAX_NODES,
) -> dict[str, Any]:
    """Everything the page shows, as JSON-ready data: nodes, edges, options, legend.

    There is one edge per (actor, relation, target) with the first claims that support it
    (:data:`kg.page_edges.EVIDENCE_PER_EDGE`) as ``evidence``; ``value`` (the width) and
    ``weight`` are their number. The claims are ``records`` when given, else those of
    ``graph`` that pass ``where`` (:class:`kg.records.ClaimFilter`; a store is read one
    document graph at a time, :func:`kg.page_edges.store_edges`;
    ``actor``, ``relation`` and ``min_likelihood`` are shorthand for one). Every node has
    its position (``x``, ``y``); above ``layout_threshold`` nodes edges are straight and
    unlabelled; above ``max_nodes`` the page is a bounded overview, and ``overview`` in
    the data says what it left out (None otherwise).
    """
    from pyvis.network import Network  # pyvis pulls in IPython and jinja2: only when rendering

    where = where or ClaimFilter.of(actor=actor, relation=relation, min_likelihood=min_likelihood)
    corroboration: dict[str, dict[str, object]] = {}
    if records is None and isinstance(graph, KGStore):
        # Read one document graph at a time, never the whole store: a build's page costs
        # memory bounded by the largest document, the edges and their kept evidence. Each
        # record carries its own corroboration, so claim_corroboration has nothing to add.
        groups, overview = store_edges(graph, where, max_nodes)
    else:
        if records is None:
            records = read_claims(graph, where)
        # How many documents and independent sources carry each claim's assertion (kg.corroboration).
        corroboration = claim_corroboration(graph) if graph is not None else {}
        groups, overview = group_records(records, max_nodes)
    entities: dict[str, tuple[str, str | None]] = {}
    claims_out: dict[str, int] = defaultdict(int)
    claims_in: dict[str, int] = defaultdict(int)
    for (a, _, t), edge in groups.items():
        entities.setdefault(a, edge.actor)
        entities.setdefault(t, edge.target)
        claims_out[a] += edge.claims
        claims_in[t] += edge.claims

    large = len(entities) > layout_threshold
    skeleton = nx.Graph()
    skeleton.add_nodes_from(entities)
    skeleton.add_edges_from((a, t) for a, _, t in groups)
    # Labelled nodes of a small page need room: about an edge label's length apart.
    positions = layout_positions(skeleton, seed=seed, spacing=32.0 if large else 90.0)

    net = Network(directed=True)
    for node in sorted(entities, key=lambda n: (entities[n][0].casefold(), n)):
        label, kind = entities[node]
        color, shape, _ = CLASS_STYLES.get(kind or "", _UNTYPED)
        extra: dict[str, Any] = {"x": positions[node][0], "y": positions[node][1]}
        if claims_out[node]:
            extra["font"] = {"size": 20}  # actors stand out from their targets
        net.add_node(
            node,
            label=label,
            shape=shape,
            color=color,
            value=claims_in[node] + claims_out[node],
            kind=kind,
            claims_in=claims_in[node],
            claims_out=claims_out[node],
            **extra,
        )
    parallel: dict[tuple[str, str], int] = defaultdict(int)
    for i, ((a, rel, t), edge) in enumerate(sorted(groups.items(), key=lambda kv: kv[0])):
        # vis-network draws every edge label, on screen or not: on a large page that costs
        # seconds per frame once zoomed in, so there the relation is in the tooltip only.
        extra = {} if large else {"label": rel}
        if not large:
            # Several relations between one pair: bend each by a different amount.
            count = parallel[a, t] = parallel[a, t] + 1
            if count > 1:
                side = "curvedCW" if count % 2 == 0 else "curvedCCW"
                extra["smooth"] = {"enabled": True, "type": side, "roundness": 0.3 * (count // 2)}
        net.add_edge(
            a,
            t,
            id=f"e{i}",
            relation=rel,
            value=edge.claims,
            weight=edge.claims,
            rank=edge.rank,
            likelihood=LIKELIHOODS[edge.rank] if edge.rank is not None else None,
            first_date=edge.first_date,
            last_date=edge.last_date,
            # The first EVIDENCE_PER_EDGE claims (kg.page_edges); the page says how many more.
            evidence=[
                {
                    **{k: c.get(k) for k in ("claim", "sentence", "document", "title", "date", "hedge", "likelihood", "attribution", "rating", "rated_source")},
                    "corroboration": c.get("corroboration") or corroboration.get(c.get("claim")),
                }
                for c in edge.evidence
            ],
            **extra,
        )

    kinds = {kind for _, kind in entities.values()}
    classes = [
        {"name": name, "color": color, "shape": shape, "glyph": glyph}
        for name, (color, shape, glyph) in CLASS_STYLES.items()
        if name in kinds
    ]
    if None in kinds:
        classes.append({"name": "untyped", "color": _UNTYPED[0], "shape": _UNTYPED[1], "glyph": _UNTYPED[2]})
    actors = sorted({a for a, _, _ in groups}, key=lambda n: entities[n][0].casefold())
    return {
        "title": title,
        # Served by the workbench: where an entity's page is (its key appended).
        "entity_url": entity_url,
        "nodes": net.nodes,
        "edges": net.edges,
        "options": _options(len(entities), large),
        "overview": overview,
        "classes": classes,
        "actors": [{"id": a, "label": entities[a][0]} for a in actors],
        "relations": sorted({rel for _, rel, _ in groups}),
        "likelihoods": list(LIKELIHOODS),
        "filters": {
            "actor": sorted(where.actors) if where.actors else None,
            "relation": sorted(where.relations) if where.relations else None,
            "min_likelihood": LIKELIHOODS[likelihood_rank(where.min_likelihood)] if where.min_likelihood else None,
            "description": where.describe() if where.narrowing else None,
        },
    }


def graph_html(
    graph: Graph | KGStore | None,
    *,
    where: ClaimFilter | None = None,
    records: list[dict[str, Any]] | None = None,
    actor: str | Iterable[str] | None = None,
    relation: str | Iterable[str] | None = None,
    min_likelihood: str | None = None,
    title: str = DEFAULT_TITLE,
    layout_threshold: int = 500,
    entity_url: str | None = None,
    max_nodes: int = MAX_NODES,
) -> str:
    """The self-contained page as a string (for a notebook's ``IFrame``/``srcdoc``).

    See :func:`write_graph_html` for the parameters.
    """
    data = page_data(
        graph,
        where=where,
        records=records,
        actor=actor,
        relation=relation,
        min_likelihood=min_likelihood,
        title=title,
        layout_threshold=layout_threshold,
        entity_url=entity_url,
        max_nodes=max_nodes,
    )
    vis_js, page_js = _vis_asset("vis-network.min.js"), _asset("page.js")
    for name, script in (("vis-network.min.js", vis_js), ("page.js", page_js)):
        # A script that contains "</script" or "<!--" would end or confuse its element.
        if re.search(r"</script|<!--", script, re.IGNORECASE):
            raise ValueError(f"{name} cannot be inlined: it contains '</script' or '<!--'")
    csp = "; ".join(
        [
            "default-src 'none'",
            f"script-src {_csp_hash(vis_js)} {_csp_hash(page_js)}",
            # vis-network styles its elements at run time; styles cannot run code.
            "style-src 'unsafe-inline'",
            "img-src data:",
            "base-uri 'none'",
            "form-action 'none'",
        ]
    )
    parts = {
        "CSP": csp,
        "VERSION": html.escape(__version__),
        "TITLE": html.escape(title),
        "VIS_CSS": _vis_asset("vis-network.css"),
        "PAGE_CSS": _asset("page.css"),
        "DATA": _script_json(data),
        "VIS_JS": vis_js,
        "PAGE_JS": page_js,
    }
    # One pass over the template: a marker inside inserted text (a hostile sentence could
    # contain "@@KG_VIS_JS@@") is never expanded.
    return _MARKER.sub(lambda m: parts[m.group(1)], _asset("page.html"))


def write_graph_html(
    graph: Graph | KGStore | None,
    path: str | Path,
    *,
    where: ClaimFilter | None = None,
    records: list[dict[str, Any]] | None = None,
    actor: str | Iterable[str] | None = None,
    relation: str | Iterable[str] | None = None,
    min_likelihood: str | None = None,
    title: str = DEFAULT_TITLE,
    layout_threshold: int = 500,
    max_nodes: int = MAX_NODES,
) -> Path:
    """Write the interactive page of a kg graph, self-contained and atomic.

    Parameters
    ----------
    graph
        A kg graph: a store (read one document graph at a time, in bounded memory), an
        rdflib Dataset (named graph per document), a parsed ``graph.trig`` or the store's
        Dataset view.
    path
        The ``.html`` file to write.
    where
        Which claims (:class:`kg.records.ClaimFilter`); ``actor``, ``relation`` and
        ``min_likelihood`` are shorthand for one.
    records
        Claim records already read (:func:`kg.records.read_claims`), instead of ``graph``.
    actor
        Only claims by this actor (label, key or IRI), or these actors.
    relation
        Only this relation (or these), e.g. ``"denigrates"``.
    min_likelihood
        Only claims with an ICD 203 band at least this strong, e.g. ``"likely"``.
    title
        The page's title.
    layout_threshold
        Above this many nodes, edges are straight and unlabelled (their relation is in the tooltip).
    max_nodes
        Above this many entities, the page is a bounded overview (:func:`bounded_overview`).

    Returns
    -------
    Path
        ``path``.
    """
    page = graph_html(
        graph,
        where=where,
        records=records,
        actor=actor,
        relation=relation,
        min_likelihood=min_likelihood,
        title=title,
        layout_threshold=layout_threshold,
        max_nodes=max_nodes,
    )
    return atomic_write(path, lambda f: f.write(page))
