"""kg.analysis: the actor–target projection of hand-made claims and its measures; its GraphML/GEXF export."""

from __future__ import annotations

import doctest
import json

import networkx as nx
import pytest
from rdflib import Dataset, Graph

import kg.analysis
from kg.analysis import (
    actor_target_graph,
    common_targets,
    communities,
    find_node,
    measures,
    paths,
    who_targets,
)
from kg.export import scalar_graph, write_gexf, write_graphml
from kg.rdf import entity_iri
from kg.records import ClaimFilter, likelihood_rank, read_claims

from _view_samples import sample_dataset

RUSSIA, BIDEN, TRUMP = (str(entity_iri(key)) for key in ("russia", "joe-biden", "donald-trump"))


@pytest.fixture(scope="module")
def dataset() -> Dataset:
    return sample_dataset()


@pytest.fixture(scope="module")
def records(dataset) -> list[dict]:
    return read_claims(dataset)


@pytest.fixture(scope="module")
def G(records) -> nx.DiGraph:
    return actor_target_graph(records)


def claim_records(source, **fields) -> list[dict]:
    return read_claims(source, ClaimFilter.of(**fields))


def test_doctests():
    assert doctest.testmod(kg.analysis).failed == 0


def test_analysis_is_networkx_only():
    # The analysis reads no store and writes no file: records in, networkx out.
    import subprocess
    import sys

    code = "import sys, kg.analysis; print(sorted(m for m in ('kg.store', 'kg.records', 'kg.outputs', 'pyoxigraph') if m in sys.modules))"
    loaded = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.strip()
    assert loaded == "[]"


def test_likelihood_order():
    names = ["almost_no_chance", "very_unlikely", "unlikely", "roughly_even_chance", "likely", "very_likely", "almost_certain"]
    assert [likelihood_rank(n) for n in names] == list(range(7))
    assert likelihood_rank("VeryLikely") == likelihood_rank("very likely") == 5
    assert likelihood_rank("https://w3id.org/kg/influence#AlmostCertain") == 6
    with pytest.raises(ValueError, match="unknown likelihood"):
        likelihood_rank("certainly")


def test_claim_records_leave_out_negated_and_open_relations(dataset):
    records = claim_records(dataset)
    assert len(records) == 11
    assert all(not r["negated"] for r in records)
    assert "praise" not in {r["relation"] for r in records}
    assert [r["relation"] for r in claim_records(dataset, relation="praise")] == ["praise"]
    assert len(claim_records(dataset, include_negated=True)) == 12
    first = next(r for r in records if r["attribution"] == "ODNI")
    assert first["sentence"] == "ODNI assesses that Russia probably sought to denigrate Joe Biden."
    assert first["document"] == "odni-2021.txt" and first["date"] == "2021-03-10"
    assert first["likelihood"] == "likely" and first["hedge"] == "likely"
    assert first["actor_kind"] == "State" and first["target_kind"] == "Candidate"


def test_projection_aggregates_claims_per_pair(G):
    assert G.number_of_nodes() == 11
    edge = G.edges[RUSSIA, BIDEN]
    assert edge["weight"] == 3
    assert edge["relations"] == ["denigrates", "targets"]  # most supported first
    assert (edge["first_date"], edge["last_date"]) == ("2021-03-10", "2022-05-01")
    assert edge["likelihood"] == "almost_certain"
    assert edge["documents"] == ["odni-2021.txt", "report-2022.txt"]
    assert {e["relation"] for e in edge["evidence"]} == {"denigrates", "targets"}
    assert all(e["claim"].startswith("https://w3id.org/kg/id/claim/") for e in edge["evidence"])
    assert G.nodes[RUSSIA] == {"label": "Russia", "kind": "State", "iri": str(RUSSIA)}
    # An edge with no banded claim has no likelihood; dates come from one document.
    nato = G.edges[RUSSIA, str(entity_iri("nato"))]
    assert nato["likelihood"] is None and nato["first_date"] == nato["last_date"] == "2022-05-01"


def test_projection_filters(records):
    russia = actor_target_graph(records, ClaimFilter.of(actor="russia"))
    assert {u for u, _ in russia.edges} == {str(RUSSIA)}
    both = actor_target_graph(records, ClaimFilter.of(actor=["Russia", "Iran"]))
    assert set(both.nodes) >= {str(RUSSIA), str(entity_iri("iran"))}
    likely = actor_target_graph(records, ClaimFilter(min_likelihood="likely"))
    assert all(likelihood_rank(d["likelihood"]) >= 4 for *_, d in likely.edges(data=True))
    # Only the almost-certain claim survives on Russia → Biden, so its weight drops to 1.
    assert likely.edges[RUSSIA, BIDEN]["weight"] == 2
    assert actor_target_graph(records, ClaimFilter(min_likelihood="almost_certain")).edges[RUSSIA, BIDEN]["weight"] == 1
    denigrates = actor_target_graph(records, ClaimFilter.of(relation=["denigrates"]))
    assert {tuple(d["relations"]) for *_, d in denigrates.edges(data=True)} == {("denigrates",)}


def test_filtering_in_the_reader_or_in_the_projection_agree(dataset, records):
    where = ClaimFilter.of(actor="Russia", min_likelihood="likely")
    assert nx.to_dict_of_dicts(actor_target_graph(read_claims(dataset, where))) == nx.to_dict_of_dicts(
        actor_target_graph(records, where)
    )


def test_projection_does_not_need_a_dataset(dataset):
    merged = Graph()
    for g in dataset.graphs():
        merged += g
    assert set(actor_target_graph(read_claims(merged)).edges) == set(actor_target_graph(read_claims(dataset)).edges)


def test_projection_of_the_oxigraph_store_matches_memory(dataset):
    import kg.store as store_module
    with store_module.open_store(None) as store:
        store.ensure_ontology()
        store.add_documents([g for g in dataset.graphs() if len(g)])
        assert claim_records(store.to_dataset()) == claim_records(dataset)


def test_measures(G):
    rows = measures(G)
    assert len(rows) == G.number_of_nodes()
    assert sum(r["pagerank"] for r in rows) == pytest.approx(1.0)
    assert rows[0]["label"] == "Russia"  # most claims first
    assert [r["claims_in"] + r["claims_out"] for r in rows] == sorted((r["claims_in"] + r["claims_out"] for r in rows), reverse=True)
    russia = next(r for r in rows if r["label"] == "Russia")
    assert (russia["out_degree"], russia["claims_out"], russia["in_degree"]) == (3, 5, 0)
    trump = next(r for r in rows if r["label"] == "Donald Trump")
    assert trump["betweenness"] > 0  # the bridge between Russia and Iran
    assert measures(nx.DiGraph()) == []


def test_communities_cover_every_node(G):
    groups = communities(G)
    assert sorted(label for group in groups for label in group) == sorted(d["label"] for _, d in G.nodes(data=True))
    assert communities(G) == groups  # seeded, so stable


def test_who_targets_and_common_targets(G):
    # Russia supports Trump and Iran denigrates him: only Iran targets him.
    assert [(r["label"], r["weight"]) for r in who_targets(G, "donald trump")] == [("Iran", 1)]
    assert [r["label"] for r in who_targets(G, str(BIDEN))] == ["Russia"]
    assert common_targets(G, "Russia", "Iran") == []
    assert common_targets(G, "Russia", "China") == []
    with pytest.raises(nx.NodeNotFound):
        who_targets(G, "Atlantis")


def test_paths(G):
    assert paths(G, "Russia", "Iran") == [["Russia", "Donald Trump", "Iran"]]
    assert paths(G, "Cuba", "China") == [["Cuba", "2020 US election", "China"]]
    assert paths(G, "Russia", "China") == []  # separate components
    assert paths(G, "Russia", "Iran", directed=True) == []
    assert paths(G, "Russia", "Joe Biden", directed=True) == [["Russia", "Joe Biden"]]


def test_functions_do_not_change_their_input(G):
    before = nx.to_dict_of_dicts(G), dict(G.nodes(data=True))
    measures(G), communities(G), who_targets(G, "Joe Biden"), paths(G, "Russia", "Iran"), scalar_graph(G)
    assert (nx.to_dict_of_dicts(G), dict(G.nodes(data=True))) == before
    assert isinstance(G.edges[RUSSIA, BIDEN]["relations"], list)


def test_find_node(G):
    assert find_node(G, "RUSSIA") == find_node(G, "russia") == find_node(G, str(RUSSIA)) == str(RUSSIA)
    assert find_node(G, "joe-biden") == str(BIDEN)


@pytest.mark.parametrize(("writer", "reader"), [(write_graphml, nx.read_graphml), (write_gexf, nx.read_gexf)])
def test_graphml_and_gexf_round_trip(tmp_path, dataset, G, writer, reader):
    path = writer(dataset, tmp_path / "g.out")  # from the rdflib graph
    assert path == tmp_path / "g.out" and not list(tmp_path.glob(".*.tmp"))
    back = reader(path)
    assert back.is_directed()
    assert set(back.edges) == {(str(u), str(v)) for u, v in G.edges}
    edge = back.edges[str(RUSSIA), str(BIDEN)]
    assert int(edge["weight"]) == 3
    assert edge["relations"] == "denigrates; targets"
    assert edge["likelihood"] == "almost_certain" and edge["first_date"] == "2021-03-10"
    assert len(json.loads(edge["evidence"])) == 3
    label = back.nodes[str(RUSSIA)].get("label")
    assert label == "Russia"
    # From the networkx graph too, with the same result.
    again = reader(writer(G, tmp_path / "h.out"))
    assert set(again.edges) == set(back.edges)


@pytest.mark.parametrize(("writer", "reader"), [(write_graphml, nx.read_graphml), (write_gexf, nx.read_gexf)])
def test_graphml_and_gexf_take_the_claim_filter(tmp_path, dataset, writer, reader):
    where = ClaimFilter.of(actor="Russia")
    back = reader(writer(dataset, tmp_path / "g.out", where))
    assert back.number_of_edges() > 0
    assert {u for u, _ in back.edges} == {str(RUSSIA)}
    # Records from the reader, filtered by the writer, give the same file.
    assert (tmp_path / "g.out").read_text() == writer(read_claims(dataset), tmp_path / "h.out", where).read_text()


def test_who_targets_counts_only_the_targets_family():
    G = nx.DiGraph()
    G.add_edge("Russia", "Party", weight=2, relations=["denigrates"])
    G.add_edge("China", "Party", weight=5, relations=["supports"])
    assert [r["label"] for r in who_targets(G, "Party")] == ["Russia"]
    G.add_edge("Russia", "Voters", weight=1, relations=["undermines"])
    G.add_edge("China", "Voters", weight=1, relations=["uses"])
    assert common_targets(G, "Russia", "China") == []


def test_a_family_relation_filter_keeps_its_sub_properties(dataset):
    relations = {r["relation"] for r in claim_records(dataset, relation="targets")}
    assert {"denigrates", "targets"} <= relations and "supports" not in relations
