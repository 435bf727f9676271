"""kg.render: graph.html is self-contained, escapes hostile text and honours its filters."""

from __future__ import annotations

import base64
import doctest
import hashlib
import json
import re
from collections import defaultdict

import pytest

import kg.render
from kg.records import read_claims
from kg.page_edges import EdgeTable
from kg.render import bounded_overview, graph_html, layout_positions, page_data, write_graph_html

from _view_samples import HOSTILE_ENTITY, HOSTILE_SENTENCE, hostile_dataset, sample_dataset


@pytest.fixture(scope="module")
def page() -> str:
    return graph_html(sample_dataset())


@pytest.fixture(scope="module")
def hostile_page() -> str:
    return graph_html(hostile_dataset(), title="<b>evil</b> title")


def _scripts(page: str) -> list[tuple[str, str]]:
    """(attributes, content) of every <script> element."""
    return re.findall(r"<script([^>]*)>(.*?)</script>", page, flags=re.DOTALL)


def _data(page: str) -> dict:
    (content,) = [body for attrs, body in _scripts(page) if 'id="kg-data"' in attrs]
    return json.loads(content)


def test_doctests():
    assert doctest.testmod(kg.render).failed == 0


def test_page_loads_nothing_from_outside(page):
    # No element or style points anywhere: no src/href/url()/@import with a scheme or //.
    assert not re.search(r"""\b(?:src|href|action|srcset)\s*=\s*["']?(?!data:)(?:[a-z][a-z0-9+.-]*:|//)""", page, re.I), (
        "an attribute loads a URL"
    )
    assert re.findall(r"""\bhref\s*=\s*["']?([^"'\s>]+)""", page) == ["data:,"]
    styles = "".join(re.findall(r"<style>(.*?)</style>", page, flags=re.DOTALL))
    assert "url(" in styles and not re.search(r"""\burl\(\s*(?!["']?data:)""", styles)
    assert "@import" not in styles
    assert "<script src" not in page and "<link rel=\"stylesheet\"" not in page
    for cdn in ("cdnjs", "jsdelivr", "unpkg", "bootstrap"):
        assert cdn not in page.lower()


def test_page_forbids_fetching_and_foreign_scripts(page):
    (csp,) = re.findall(r'<meta http-equiv="Content-Security-Policy" content="([^"]+)">', page)
    assert "default-src 'none'" in csp and "unsafe-inline" not in csp.split("script-src")[1].split(";")[0]
    # Exactly the page's own inline scripts are allowed, by hash.
    allowed = set(re.findall(r"'sha256-([^']+)'", csp))
    runnable = [body for attrs, body in _scripts(page) if "application/json" not in attrs]
    assert len(runnable) == 2
    assert {base64.b64encode(hashlib.sha256(body.encode()).digest()).decode() for body in runnable} == allowed


def test_page_data(page):
    data = _data(page)
    labels = {n["label"] for n in data["nodes"]}
    assert {"Cuba", "Russia", "China", "Iran", "Joe Biden", "Taiwan", "2020 US election"} <= labels
    edge = next(e for e in data["edges"] if e["label"] == "denigrates" and e["to"].endswith("/joe-biden"))
    assert edge["from"].endswith("/russia") and edge["value"] == edge["weight"] == 2
    assert edge["likelihood"] == "likely" and edge["rank"] == 4 and edge["arrows"] == "to"
    assert {ev["document"] for ev in edge["evidence"]} == {"odni-2021.txt", "report-2022.txt"}
    assert {c["name"] for c in data["classes"]} == {"State", "Candidate", "Election", "Organisation", "Audience"}
    russia = next(n for n in data["nodes"] if n["label"] == "Russia")
    assert russia["kind"] == "State" and russia["shape"] == "dot" and russia["claims_out"] == 5
    # Laid out beforehand at every size: the page need not wait for physics to settle.
    assert data["options"]["physics"] is False
    assert isinstance(russia["x"], float) and isinstance(russia["y"], float)
    assert data["overview"] is None


def test_hostile_text_is_escaped(hostile_page):
    page = hostile_page
    assert HOSTILE_ENTITY not in page and "<img" not in page.lower()
    assert "<svg onload" not in page.lower()
    assert "alert(2)</script>" not in page
    # The only </script> tags are those that close the three script elements.
    assert page.count("</script>") == 3
    assert "\u2028" not in page and "\u2029" not in page
    assert "<b>evil</b>" not in page and "&lt;b&gt;evil&lt;/b&gt; title" in page
    # The strings themselves arrive intact, as data.
    data = _data(page)
    assert HOSTILE_ENTITY in {n["label"] for n in data["nodes"]}
    sentences = {ev["sentence"] for e in data["edges"] for ev in e["evidence"]}
    assert HOSTILE_SENTENCE in sentences
    assert data["title"] == "<b>evil</b> title"


def test_template_markers_in_text_are_not_expanded(hostile_page):
    # HOSTILE_SENTENCE contains "@@KG_VIS_JS@@": it must stay text, not become vis-network.
    assert hostile_page.count("@version 9.1.2") == 1
    assert any(
        "@@KG_VIS_JS@@" in ev["sentence"] for e in _data(hostile_page)["edges"] for ev in e["evidence"]
    )


def test_filters_change_the_data():
    ds = sample_dataset()
    everything = page_data(ds)
    russia = page_data(ds, actor="Russia")
    assert {e["from"] for e in russia["edges"]} == {"https://w3id.org/kg/id/entity/russia"}
    assert len(russia["edges"]) < len(everything["edges"])
    assert [a["label"] for a in russia["actors"]] == ["Russia"]
    likely = page_data(ds, min_likelihood="likely")
    assert likely["edges"] and all(e["rank"] >= 4 for e in likely["edges"])
    assert all(ev["likelihood"] in {"likely", "very_likely", "almost_certain"} for e in likely["edges"] for ev in e["evidence"])
    denigrates = page_data(ds, relation="denigrates")
    assert {e["relation"] for e in denigrates["edges"]} == {"denigrates"}
    both = page_data(ds, actor="Russia", min_likelihood="likely")
    assert both["filters"] == {"actor": ["Russia"], "relation": None, "min_likelihood": "likely", "description": "actor Russia; at least likely"}
    assert {e["label"] for e in both["edges"]} == {"denigrates", "supports", "targets"}


def test_large_graphs_get_positions_and_no_physics():
    data = page_data(sample_dataset(), layout_threshold=5)
    assert data["options"]["physics"] is False
    assert all(isinstance(n["x"], float) and isinstance(n["y"], float) for n in data["nodes"])


def _many_actors():
    """Actor i makes i + 1 claims, each on its own target; actor 5 names Target 5-0 twice more."""
    from _view_samples import make_claim, make_dataset
    from kg.model import Document

    claims = [
        make_claim("big.txt", 100 * (10 * i + k), f"Actor {i}", "State", "targets", f"Target {i}-{k}", "Audience")
        for i in range(6) for k in range(i + 1)
    ] + [make_claim("big.txt", 100_000 + 100 * k, "Actor 5", "State", "targets", "Target 5-0", "Audience") for k in range(2)]
    return make_dataset([(Document("big.txt", "big.txt", "", "0" * 64), claims)])


def test_the_overview_keeps_the_busiest_actors_and_their_strongest_edges():
    table = EdgeTable()
    for r in read_claims(_many_actors()):
        table.add(r)
    edges = table.finish()
    kept, note = bounded_overview(edges, actors=2, per_actor=2)
    pairs = {(edges[key].actor[0], edges[key].target[0]) for key in kept}
    assert pairs == {("Actor 5", "Target 5-0"), ("Actor 5", "Target 5-1"), ("Actor 4", "Target 4-0"), ("Actor 4", "Target 4-1")}
    assert note == {"actors": [2, 6], "entities": [6, 27], "edges": [4, 21], "per_actor": 2}


def test_a_graph_too_big_to_draw_is_a_bounded_overview_and_says_so():
    ds = _many_actors()
    whole = page_data(ds)
    assert whole["overview"] is None and len(whole["nodes"]) == 6 + 21
    bounded = page_data(ds, max_nodes=10)
    assert bounded["overview"]["entities"][1] == 27 and bounded["overview"]["edges"][1] == 21
    assert len(bounded["nodes"]) == bounded["overview"]["entities"][0]
    assert len(bounded["edges"]) == bounded["overview"]["edges"][0]
    assert all("x" in n for n in bounded["nodes"])


def test_layout_positions_is_complete_and_reproducible():
    import networkx as nx
    G = nx.gnm_random_graph(800, 900, seed=3)
    G.add_nodes_from(range(800, 810))  # isolated nodes too
    pos = layout_positions(G, seed=1)
    assert set(pos) == set(G)
    assert pos == layout_positions(G, seed=1)
    assert len(set(pos.values())) > 790  # hardly any two nodes on one spot


def test_write_graph_html_is_atomic(tmp_path):
    path = write_graph_html(sample_dataset(), tmp_path / "sub" / "graph.html")
    assert path == tmp_path / "sub" / "graph.html"
    assert path.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    assert [p.name for p in path.parent.iterdir()] == ["graph.html"]


def test_empty_graph_renders(tmp_path):
    from rdflib import Dataset

    data = _data(write_graph_html(Dataset(), tmp_path / "empty.html").read_text(encoding="utf-8"))
    assert data["nodes"] == [] and data["edges"] == []


def test_render_command(tmp_path):
    from kg.cli import main

    trig = tmp_path / "graph.trig"
    sample_dataset().serialize(trig, format="trig")
    out = tmp_path / "russia.html"
    assert main(["render", "--from", str(trig), "-o", str(out), "--actor", "Russia", "--min-likelihood", "likely"]) == 0
    data = _data(out.read_text(encoding="utf-8"))
    assert {e["from"] for e in data["edges"]} == {"https://w3id.org/kg/id/entity/russia"}
    assert "Russia" in data["title"] and "at least likely" in data["title"]
    assert main(["render", "--from", str(trig), "-o", str(out), "--min-likelihood", "sure"]) == 1


def test_render_command_reads_the_store(tmp_path):
    import kg.store as store_module
    from kg.cli import main

    ds = sample_dataset()
    with store_module.open_store(tmp_path / "store") as store:
        store.ensure_ontology()
        store.add_documents([g for g in ds.graphs() if len(g)])
    out = tmp_path / "graph.html"
    assert main(["render", "--store", str(tmp_path / "store"), "-o", str(out)]) == 0
    labels = {n["label"] for n in _data(out.read_text(encoding="utf-8"))["nodes"]}
    assert {"Cuba", "Russia", "China", "Iran"} <= labels


def test_layout_positions_do_not_depend_on_string_hashing():
    # The same graph laid out in processes that hash strings differently gets the same positions.
    import os
    import subprocess
    import sys

    from conftest import REPO

    code = (
        "import json, networkx as nx\n"
        "from kg.render import layout_positions\n"
        "G = nx.Graph()\n"
        "G.add_edges_from([(f'actor{i}', f'target{i}-{k}') for i in range(12) for k in range(i % 4 + 1)])\n"
        "G.add_edges_from([('actor0', 'actor1'), ('actor2', 'target5-0')])\n"
        "print(json.dumps(sorted(layout_positions(G).items())))\n"
    )
    outputs = {
        subprocess.run(
            [sys.executable, "-c", code], capture_output=True, text=True, check=True,
            env={**os.environ, "PYTHONHASHSEED": str(seed), "PYTHONPATH": os.pathsep.join(filter(None, [str(REPO), os.environ.get("PYTHONPATH")]))},
        ).stdout
        for seed in (1, 2, 3)
    }  # fmt: skip
    assert len(outputs) == 1 and json.loads(outputs.pop())
