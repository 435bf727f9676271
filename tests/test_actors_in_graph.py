"""Known actors in the graph: one node, the chain of bodies they belong to, and roll-ups."""

from __future__ import annotations

import pytest
from rdflib import Literal
from rdflib.namespace import SKOS

from kg.model import Claim, Document, Mention, Predicate
from kg.ontology import KGO
from kg.query import run_named
from kg.rdf import document_graph, entity_iri, new_run
from kg.store import open_store

SENTENCE = "Fancy Bear hacked the party's servers."


def _claim(subject: Mention, doc: str = "a.txt") -> Claim:
    return Claim(
        doc=doc, start=0, end=len(SENTENCE), sentence=SENTENCE, subject=subject,
        predicate=Predicate("hacked", "hack", "targets", 11, 17),
        object=Mention("the party's servers", 18, 37, "party's servers", "Instrument", "party-s-servers"),
    )


FANCY_BEAR = Mention("Fancy Bear", 0, 10, "Unit 26165", "MilitaryUnit", "unit-26165", "kb: Fancy Bear")


def _graph(claims, doc: str = "a.txt"):
    document = Document(doc, doc, SENTENCE, "0" * 64)
    return document_graph(document, claims, new_run())


def test_known_actor_carries_its_chain_up_to_the_state():
    g = _graph([_claim(FANCY_BEAR)])
    unit, gru, russia = entity_iri("unit-26165"), entity_iri("gru"), entity_iri("russia")
    assert (unit, KGO.partOf, gru) in g
    assert (gru, KGO.partOf, russia) in g
    assert (gru, SKOS.prefLabel, Literal("Main Intelligence Directorate (GRU)", lang="en")) in g


def test_every_merge_is_explained_on_the_claim():
    g = _graph([_claim(FANCY_BEAR)])
    assert Literal("kb: Fancy Bear") in set(g.objects(None, KGO.subjectResolution))


def test_minted_entities_have_no_chain():
    minted = Mention("Acme", 0, 4, "Acme", "Organisation", "acme")
    g = _graph([_claim(minted)])
    assert not list(g.triples((None, KGO.partOf, None)))


@pytest.fixture()
def store(tmp_path):
    with open_store(tmp_path / "store") as store:
        store.ensure_ontology()
        china = Mention("China", 0, 5, "China", "State", "china")
        store.add_documents([_graph([_claim(FANCY_BEAR)], "a.txt"), _graph([_claim(china, "b.txt")], "b.txt")])
        yield store


@pytest.mark.parametrize("whole", ["Unit 26165", "Main Intelligence Directorate (GRU)", "Russia"])
def test_claims_about_a_unit_roll_up_to_its_service_and_state(store, whole):
    rows = [row.asdict() for row in run_named(store, "actor-rollup", {"actor": whole})]
    assert [(str(r["part"]), str(r["relation"])) for r in rows] == [("Unit 26165", "targets")]


def test_roll_up_does_not_reach_other_states(store):
    rows = [row.asdict() for row in run_named(store, "actor-rollup", {"actor": "China"})]
    assert [str(r["part"]) for r in rows] == ["China"]


@pytest.mark.model
def test_one_company_across_documents_is_one_node(tmp_path, nlp):
    import json

    from kg.build import BuildOptions, build

    corpus = tmp_path / "in"
    corpus.mkdir()
    (corpus / "a.txt").write_text("Northwind Strategic Media LLC targeted voters in Ohio.\n", encoding="utf-8")
    (corpus / "b.txt").write_text("The Northwind Strategic Media hired hackers.\n", encoding="utf-8")
    (corpus / "c.txt").write_text("Ivan Petrovich Sidorov contacted activists. Sidorov also paid bloggers.\n", encoding="utf-8")
    build([corpus], tmp_path / "out", BuildOptions(progress=False, html=False))
    rows = [json.loads(line) for line in (tmp_path / "out" / "claims.jsonl").read_text().splitlines()]
    northwind = {r["subject"]["label"] for r in rows if r["doc"] in {"a.txt", "b.txt"}}
    assert northwind == {"Northwind Strategic Media LLC"}
    sidorov = {r["subject"]["label"] for r in rows if r["doc"] == "c.txt" and r["predicate"]["relation"] in {"targets", "uses"}}
    assert sidorov == {"Ivan Sidorov"}
    assert any("same name" in (r["subject"].get("resolution") or "") for r in rows if r["doc"] == "b.txt")
