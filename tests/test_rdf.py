"""Claims become n-ary nodes with evidence, beside the direct actor→target edge."""

from __future__ import annotations

from rdflib import RDF, Literal
from rdflib.namespace import PROV, SKOS

from kg.ingest import document_from_text
from kg.model import Claim, Hedge, Mention, Predicate
from kg.ontology import KGO
from kg.rdf import claim_iri, document_graph, document_graph_iri, document_iri, entity_iri, new_run

TEXT = "Moscow almost certainly sought to denigrate the Democratic Party, the report said."


def make_claim(relation="denigrates", negated=False, hedges=(), attribution=None, lemma="denigrate"):
    return Claim(
        doc="a.txt",
        start=0,
        end=len(TEXT),
        sentence=TEXT,
        subject=Mention("Moscow", 0, 6, "Russia", "State", "russia"),
        predicate=Predicate("sought to denigrate", lemma, relation, 24, 43),
        object=Mention("the Democratic Party", 44, 64, "Democratic Party", "PoliticalParty", "democratic-party"),
        negated=negated,
        hedges=hedges,
        attribution=attribution,
    )


def graph_of(*claims):
    return document_graph(document_from_text("a.txt", TEXT), claims, new_run())


def test_claim_node_keeps_its_evidence_and_the_direct_edge_is_asserted():
    claim = make_claim(
        hedges=(Hedge("almost certainly", "likelihood", likelihood="almost_certain"),), attribution="the report"
    )
    g = graph_of(claim)
    node = claim_iri(claim)
    russia, party = entity_iri("russia"), entity_iri("democratic-party")
    assert g.identifier == document_graph_iri("a.txt")
    assert (node, RDF.type, KGO.Claim) in g
    assert g.value(node, RDF.subject) == russia and g.value(node, RDF.object) == party
    assert g.value(node, RDF.predicate) == KGO.denigrates
    assert str(g.value(node, KGO.sentence)) == TEXT
    assert g.value(node, KGO.startOffset).toPython() == 0
    assert g.value(node, KGO.likelihood) == KGO.AlmostCertain
    assert str(g.value(node, KGO.hedgeCue)) == "almost certainly"
    assert str(g.value(node, KGO.attributionText)) == "the report"
    assert g.value(node, PROV.wasDerivedFrom) == document_iri("a.txt")
    assert (russia, KGO.denigrates, party) in g
    # Canonical entity, surface text kept as an alias.
    assert g.value(russia, SKOS.prefLabel) == Literal("Russia", lang="en")
    assert Literal("Moscow", lang="en") in set(g.objects(russia, SKOS.altLabel))
    assert (russia, RDF.type, KGO.State) in g


def test_negated_claim_has_no_direct_edge():
    g = graph_of(make_claim(negated=True))
    assert (entity_iri("russia"), KGO.denigrates, entity_iri("democratic-party")) not in g
    assert g.value(claim_iri(make_claim(negated=True)), KGO.negated).toPython() is True


def test_open_relation_is_kept_but_not_a_direct_edge():
    claim = make_claim(relation=None, lemma="praise")
    g = graph_of(claim)
    relation = g.value(claim_iri(claim), RDF.predicate)
    assert relation.endswith("relation/praise")
    assert g.value(relation, KGO.isOpenRelation).toPython() is True
    assert not list(g.triples((entity_iri("russia"), relation, None)))


def test_claim_iri_is_stable_and_distinguishes_claims():
    assert claim_iri(make_claim()) == claim_iri(make_claim())
    assert claim_iri(make_claim()) != claim_iri(make_claim(relation="undermines", lemma="undermine"))


def test_document_date_is_typed():
    doc = document_from_text("d.txt", "date 2024-01-02 Iran sought to exploit divisions.")
    g = document_graph(doc, [], new_run())
    assert str(g.value(document_iri("d.txt"), KGO.documentDate).datatype).endswith("#date")
