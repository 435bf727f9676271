"""DISARM technique tagging: cues, the RDF it adds, the data file and the named query."""

from __future__ import annotations

import csv

import pytest
from rdflib import Literal

from kg.model import Claim, Mention, Predicate
from kg.ontology import KGO
from kg.query import run_named
from kg.rdf import claim_iri, document_graph, new_run
from kg.store import open_store
from kg.lexicon import load_lexicon
from kg.techniques import technique_info, techniques_for
from kg.validate import validate
from store_fixtures import document

LEXICON = load_lexicon()

RUSSIA = Mention("Russia", 0, 6, "Russia", "State", "russia")


def claim(lemma: str, obj: str, relation: str | None = "uses", start: int = 0, negated: bool = False) -> Claim:
    sentence = f"Russia {lemma} {obj}."
    return Claim("t.txt", start, start + len(sentence), sentence, RUSSIA, Predicate(lemma, lemma, relation, 7, 7 + len(lemma)),
                 Mention(obj, 8 + len(lemma), 8 + len(lemma) + len(obj)), negated=negated)


@pytest.mark.parametrize(
    ("lemma", "relation", "obj", "expected"),
    [
        ("create", "uses", "inauthentic accounts on Facebook", {"T0143.002", "T0146"}),
        ("operate", "uses", "a network of bots", {"T0146.007"}),
        ("use", "uses", "troll accounts", {"T0091.003"}),
        ("pay", "uses", "influencers", {"T0100.003"}),
        ("impersonate", None, "news outlets", {"T0143.003"}),
        ("leak", None, "stolen documents", {"T0089"}),
        ("amplify", None, "conspiracy theories about vaccines", {"T0118", "T0022.001"}),
        ("smear", "denigrates", "the candidate", {"T0135.001"}),
        ("fund", "uses", "proxies in Africa", {"T0093.001"}),
        # no technique: the verb is not one, and the object is not an instrument of a use
        ("praise", None, "the government", set()),
        ("criticise", None, "bots", set()),
        ("target", "targets", "accounts of journalists", set()),
    ],
)
def test_cues(lemma, relation, obj, expected):
    assert set(techniques_for(claim(lemma, obj, relation), LEXICON)) == expected


def test_every_cue_names_a_technique_in_the_table(shared_dir):
    from kg.techniques import _lexicon

    with (shared_dir / "disarm" / "disarm_techniques.csv").open(encoding="utf-8", newline="") as f:
        table = {row["disarm_id"]: row["name"].strip() for row in csv.DictReader(f)}
    lex = _lexicon()
    cues = [*lex.lemma.values(), *lex.head.values(), *lex.lemma_head.values(), *lex.modifier_head.values()]
    assert cues and set(cues) <= set(table)
    assert {t.id: t.name for t in lex.techniques.values()} == table
    assert technique_info("T0146").tactic_phase == "establish-assets"


def test_claims_are_tagged_in_rdf_and_conform_to_the_shapes():
    tagged, plain = claim("create", "fake accounts"), claim("praise", "the government", None, start=40)
    graph = document_graph(document("t.txt", "x" * 80), [tagged, plain], new_run())
    assert set(graph.objects(claim_iri(tagged), KGO.technique)) == {Literal("T0143.002"), Literal("T0146")}
    assert not set(graph.objects(claim_iri(plain), KGO.technique))
    assert validate(graph).conforms


def test_techniques_by_actor_query():
    claims = [
        claim("create", "fake accounts"),
        claim("use", "fake personas", start=40),
        claim("create", "fake accounts", start=80, negated=True),  # not asserted: not counted
    ]
    with open_store(None) as store:
        store.ensure_ontology()
        store.add_documents([document_graph(document("t.txt", "x" * 200), claims, new_run())])
        rows = [{k: str(v) for k, v in r.asdict().items()} for r in run_named(store, "techniques-by-actor")]
        only = [r["technique"] for r in run_named(store, "techniques-by-actor", {"actor": "russia"})]
    counts = {(r["actor"], r["technique"]): int(r["claims"]) for r in rows}
    assert counts == {("Russia", "T0143.002"): 2, ("Russia", "T0146"): 1, ("Russia", "T0097"): 1}
    assert str(only[0]) == "T0143.002"
