"""Corroboration end to end: texts written for the tests, built with the real model, read by the named query."""

from __future__ import annotations

import pytest
from rdflib import RDF, Literal

from kg.build import BuildOptions, build
from kg.errors import QueryError
from kg.query import bind_params, get_named, run_named
from kg.store import open_store, remove_documents
from kg.validate import validate
from test_browser import driver  # noqa: F401 -- the browser fixture

pytestmark = pytest.mark.model

TEXTS = {
    # Three reports of one assessment, in three outlets, naming it three ways.
    "ic_harbor.txt": "date 2024-03-04\nHarbor Times\n\nRussia sought to denigrate candidates in Ohio, according to a "
    "report by the National Intelligence Council. The report said that Moscow also used state media to amplify "
    "its messages.\n",
    "ic_valley.txt": "date 2024-03-05\nValley Post\n\nThe report, released by the Office of the Director of National "
    "Intelligence, said that Russia tried to denigrate specific candidates in Ohio. Officials said the effort was "
    "small.\n",
    "ic_coast.txt": "date 2024-03-05\nCoast Herald\n\nU.S. intelligence officials said that Russia worked to "
    "denigrate candidates in Ohio during the primaries.\n",
    # Two reports from independent sources.
    "indep_a.txt": "date 2024-04-10\nHarbor Times\n\nAccording to Microsoft, Iran targeted voters in Arizona with "
    "fake news sites.\n",
    "indep_b.txt": "date 2024-04-12\nValley Post\n\nAccording to Google, Iran targeted voters in Arizona through a "
    "network of fake accounts.\n",
    # A denial.
    "deny_a.txt": "date 2024-06-01\nHarbor Times\n\nCuba sought to denigrate candidates in Florida, the intelligence "
    "community said.\n",
    "deny_b.txt": "date 2024-06-02\nValley Post\n\nCuba did not denigrate candidates in Florida, the Cuban foreign "
    "ministry said.\n",
    # A reprint (and another outlet's own article on the same story).
    "reprint_first.txt": "date 2024-07-01\nHarbor Times\n\nChina used a network of fake accounts to denigrate "
    "candidates in Texas during the spring. The accounts posted thousands of messages that mocked local officials "
    "and praised Beijing. Many of the accounts used stolen photographs and posted at the same hours every day, "
    "which suggests that a single team ran them from an office abroad.\n",
    "reprint_other.txt": "date 2024-07-03\nCoast Herald\n\nChina tried to denigrate candidates in Texas this spring "
    "with a swarm of invented personas.\n",
    # A translation: the same article in other words, same day, same (no) sources.
    "transl_en.txt": "date 2024-08-01\nEl Faro English\n\nVenezuela sought to denigrate candidates in Colombia. "
    "Venezuela also tried to undermine the electoral council of Colombia. Venezuela supported the Historic Pact.\n",
    "transl_copy.txt": "date 2024-08-01\nNoticias Hoy\n\nVenezuela attempted to discredit candidates in Colombia. "
    "In addition, Venezuela tried to weaken the electoral council of Colombia. Venezuela backed the Historic Pact.\n",
}
REPRINT = TEXTS["reprint_first.txt"].replace("2024-07-01\nHarbor Times", "2024-07-02\nMetro Daily")


@pytest.fixture(scope="module")
def corpus(tmp_path_factory, nlp):
    folder = tmp_path_factory.mktemp("corroboration")
    texts = folder / "texts"
    texts.mkdir()
    for name, text in TEXTS.items():
        (texts / name).write_text(text, encoding="utf-8")
    (texts / "reprint_copy.txt").write_text(REPRINT, encoding="utf-8")
    out = folder / "out"
    report = build([texts], out, BuildOptions(progress=False, html=False))
    assert not report.problems
    return texts, out


def assertions(store_path, **params):
    with open_store(store_path, read_only=True) as store:
        result = run_named(store, "assertions", {k: str(v) for k, v in params.items()})
        return [{str(k): (str(v) if v is not None else None) for k, v in row.asdict().items()} for row in result]


def row_for(rows, actor, canonical):
    found = [r for r in rows if r["actor"] == actor and r["canonical"] == canonical]
    assert len(found) == 1, [(r["actor"], r["canonical"]) for r in rows]
    return found[0]


def test_three_reports_of_one_assessment_are_one_source(corpus):
    row = row_for(assertions(corpus[1] / "store", actor="Russia"), "Russia", "class:candidate@ohio")
    assert (row["documents"], row["sources"]) == ("3", "1")
    assert row["independent_sources"] == "U.S. intelligence community"
    assert "ic_valley.txt [Valley Post] ← The report" in row["chains"]


def test_two_reports_from_independent_sources(corpus):
    row = row_for(assertions(corpus[1] / "store"), "Iran", "class:voter@arizona")
    assert (row["documents"], row["sources"]) == ("2", "2")
    assert set(row["independent_sources"].split(" | ")) == {"Microsoft", "Google"}


def test_a_denial_makes_the_assertion_disputed(corpus):
    rows = assertions(corpus[1] / "store", disputed="true")
    assert [(r["actor"], r["canonical"]) for r in rows] == [("Cuba", "class:candidate@florida")]
    assert (rows[0]["dissenting"], rows[0]["sources"]) == ("1", "2")
    assert "denies: deny_b.txt [Valley Post]" in rows[0]["chains"]


def test_a_reprint_counts_once(corpus):
    row = row_for(assertions(corpus[1] / "store", actor="China"), "China", "class:candidate@texas")
    # The first edition, its reprint and another outlet's article: two independent sources.
    assert (row["documents"], row["sources"]) == ("3", "2")
    assert set(row["independent_sources"].split(" | ")) == {"Harbor Times", "Coast Herald"}


def test_a_translation_counts_once(corpus):
    rows = assertions(corpus[1] / "store", actor="Venezuela")
    assert len(rows) == 3
    assert {(r["documents"], r["sources"]) for r in rows} == {("2", "1")}


def test_minimum_sources_and_relation_filter(corpus):
    rows = assertions(corpus[1] / "store", min_sources=2)
    assert {(r["actor"], r["canonical"]) for r in rows} == {
        ("Iran", "class:voter@arizona"), ("Cuba", "class:candidate@florida"), ("China", "class:candidate@texas")}
    carried = assertions(corpus[1] / "store", min_documents=3)
    assert {(r["actor"], r["canonical"]) for r in carried} == {
        ("Russia", "class:candidate@ohio"), ("China", "class:candidate@texas")}
    supports = assertions(corpus[1] / "store", relation="supports")
    assert {r["family"] for r in supports} == {"supports"} and supports
    denigrates = assertions(corpus[1] / "store", relation="denigrates")
    assert {r["family"] for r in denigrates} == {"targets"}  # the family of the relation asked for


def test_the_disputed_parameter_is_a_boolean():
    assert bind_params(get_named("assertions"), {"disputed": "yes"}) == {"disputed": Literal(True)}
    with pytest.raises(QueryError, match="true or false"):
        bind_params(get_named("assertions"), {"disputed": "maybe"})


def test_summaries_written_document_by_document_equal_a_full_recount(corpus, tmp_path):
    texts, _ = corpus
    out = tmp_path / "out"
    for name in sorted(p.name for p in texts.iterdir()):  # one build per document, in file order
        build([texts / name], out, BuildOptions(progress=False, html=False))
    assert_incremental_is_full(out / "store")
    row = row_for(assertions(out / "store", actor="China"), "China", "class:candidate@texas")
    assert (row["documents"], row["sources"]) == ("3", "2")


def test_the_store_with_assertions_conforms_to_the_shapes(corpus):
    with open_store(corpus[1] / "store", read_only=True) as store:
        report = validate(store.snapshot())
    assert report.conforms, report.text


def test_new_documents_join_and_removed_ones_leave_stored_assertions(corpus, tmp_path):
    texts, _ = corpus
    out = tmp_path / "out"
    first = [texts / "ic_harbor.txt", texts / "ic_valley.txt"]
    build(first, out, BuildOptions(progress=False, html=False))
    row = row_for(assertions(out / "store"), "Russia", "class:candidate@ohio")
    assert (row["documents"], row["sources"]) == ("2", "1")
    report = build([*first, texts / "ic_coast.txt"], out, BuildOptions(progress=False, html=False))
    assert report.unchanged == 2 and report.added == 1
    assert row_for(assertions(out / "store"), "Russia", "class:candidate@ohio")["documents"] == "3"
    assert_incremental_is_full(out / "store")
    remove_documents(out / "store", ["ic_valley.txt", "ic_coast.txt"])
    assert row_for(assertions(out / "store"), "Russia", "class:candidate@ohio")["documents"] == "1"
    assert_incremental_is_full(out / "store")


def summaries(store) -> set:
    """The assertion summaries and same-article links (shared labels left out)."""
    from kg.corroboration import ASSERTIONS_GRAPH
    from kg.ontology import KGO

    graph = store.dataset.graph(ASSERTIONS_GRAPH)
    nodes = set(graph.subjects(RDF.type, KGO.Assertion))
    return {t for t in graph if t[0] in nodes or t[1] == KGO.sameArticleAs}


def assert_incremental_is_full(path):
    from kg.corroboration import refresh_assertions

    with open_store(path) as store:
        incremental = summaries(store)
        refresh_assertions(store)  # every assertion from every claim
        assert summaries(store) == incremental and incremental


def test_the_assertion_shape_rejects_a_broken_summary():
    from rdflib import XSD, Dataset

    from kg.assertions import Evidence, summarise
    from kg.corroboration import ASSERTIONS_GRAPH, assertions_graph
    from kg.ontology import KGO
    from kg.rdf import ONTOLOGY_GRAPH, load_ontology

    evidence = [Evidence("c1", "a.txt", "cuba", "Cuba", "targets", "class:candidate", "candidates", object_entity="x")]
    graph = assertions_graph(summarise(evidence, {}))
    dataset = Dataset(default_union=True)
    ontology = dataset.graph(ONTOLOGY_GRAPH)
    ontology += load_ontology()
    named = dataset.graph(ASSERTIONS_GRAPH)
    named += graph
    assert validate(dataset).conforms
    node = next(named.subjects(KGO.documentCount, None))
    named.set((node, KGO.documentCount, Literal(0, datatype=XSD.integer)))
    named.set((node, KGO.relationFamily, KGO.denigrates))
    report = validate(dataset)
    assert not report.conforms
    assert "documentCount" in report.text and "relationFamily" in report.text


def test_the_page_shows_each_claims_assertion(corpus):
    from kg.render import page_data

    with open_store(corpus[1] / "store", read_only=True) as store:
        data = page_data(store.to_dataset())
    shown = [ev for edge in data["edges"] for ev in edge["evidence"] if ev["document"] == "ic_coast.txt"]
    assert shown and all(ev["corroboration"] for ev in shown)
    ohio = next(ev["corroboration"] for ev in shown if "Ohio" in ev["sentence"])
    assert ohio["documents"] == 3 and ohio["sources"] == 1 and not ohio["disputed"]
    assert ohio["independent"] == ["U.S. intelligence community"]


@pytest.mark.browser
def test_the_edge_panel_says_how_corroborated_a_claim_is(corpus, driver, tmp_path):
    from test_browser import _open

    from kg.render import write_graph_html

    with open_store(corpus[1] / "store", read_only=True) as store:
        page = write_graph_html(store.to_dataset(), tmp_path / "graph.html")
    console, _ = _open(driver, page)
    assert [e for e in console if e["level"] == "SEVERE"] == []
    driver.execute_script(
        "kgShowEdge(kgEdges.get().find(e => e.evidence.some(ev => ev.document === 'deny_a.txt')).id)"
    )
    text = driver.find_element("id", "kg-evidence-body").text
    assert "assertion: 2 documents, 2 independent sources" in text
    assert "disputed" in text


def test_relink_moves_claims_after_a_merge(corpus, tmp_path):
    from kg.corroboration import relink

    texts, _ = corpus
    out = tmp_path / "out"
    build([texts / "indep_a.txt", texts / "indep_b.txt"], out, BuildOptions(progress=False, html=False))
    with open_store(out / "store") as store:
        # What a curation merge does to one document: its subject becomes another entity.
        store.update(
            "PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>\n"
            "PREFIX skos: <http://www.w3.org/2004/02/skos/core#>\n"
            "DELETE { GRAPH ?g { ?c rdf:subject <https://w3id.org/kg/id/entity/iran> } }\n"
            "INSERT { GRAPH ?g { ?c rdf:subject <https://w3id.org/kg/id/entity/iranian-proxy> ."
            " <https://w3id.org/kg/id/entity/iranian-proxy> skos:prefLabel \"Iranian proxy\"@en } }\n"
            "WHERE { GRAPH ?g { ?c rdf:subject <https://w3id.org/kg/id/entity/iran> } "
            "FILTER(?g = <https://w3id.org/kg/id/graph/indep_b.txt>) }"
        )
        assert relink(store) == {"indep_b.txt"}
        assert relink(store) == set()  # nothing left to move
    rows = assertions(out / "store")
    assert {(r["actor"], r["documents"]) for r in rows if r["canonical"] == "class:voter@arizona"} == {
        ("Iran", "1"), ("Iranian proxy", "1")}
    chains = {r["actor"]: r["chains"] for r in rows if r["canonical"] == "class:voter@arizona"}
    assert "indep_b.txt" in chains["Iranian proxy"] and "indep_b.txt" not in chains["Iran"]


def test_stix_gives_one_relationship_per_assertion_and_opinions_where_sources_disagree(corpus, tmp_path):
    import json

    from stix2validator import ValidationOptions, validate_string

    from kg.export import export_store
    from kg.stix import EXTENSION_ID, stix_id

    path = export_store(corpus[1] / "store", tmp_path / "bundle.stix.json")
    result = validate_string(path.read_text(), ValidationOptions(version="2.1"))
    assert result.is_valid, [str(e) for e in result.errors]
    # Only the warnings the STIX tests accept: deterministic (v5) ids, links without hashes.
    assert {w.split("{")[1].split("}")[0] for w in map(str, result.warnings)} <= {"103", "302"}
    objects = json.loads(path.read_text())["objects"]
    relationships = [o for o in objects if o["type"] == "relationship"]

    def assertion(actor: str, canonical: str) -> dict:
        found = [
            r for r in relationships
            if r["extensions"][EXTENSION_ID].get("kind") == "Assertion"
            and r["extensions"][EXTENSION_ID]["canonical_object"] == canonical
            and r["extensions"][EXTENSION_ID]["assertion"].startswith(actor)
        ]  # fmt: skip
        assert len(found) == 1, [r["description"] for r in relationships]
        return found[0]

    # Three reports of one assessment: one relationship, every claim's evidence in it.
    ohio = assertion("Russia", "class:candidate@ohio")
    detail = ohio["extensions"][EXTENSION_ID]
    assert (detail["document_count"], detail["independent_source_count"]) == (3, 1)
    assert sorted(ref["external_id"] for ref in ohio["external_references"]) == ["ic_coast.txt", "ic_harbor.txt", "ic_valley.txt"]
    assert all("Ohio" in ref["description"] for ref in ohio["external_references"])
    assert {c["document"] for c in detail["claims"]} == {"ic_coast.txt", "ic_harbor.txt", "ic_valley.txt"}
    assert {c.get("publisher") for c in detail["claims"]} == {"Harbor Times", "Valley Post", "Coast Herald"}
    assert ohio["relationship_type"] == "targets"
    # ... and the claims are not exported again one by one.
    ids = {o["id"] for o in objects}
    assert not {stix_id("relationship", c["iri"]) for c in detail["claims"]} & ids
    assert not [o for o in objects if o["type"] == "opinion" and ohio["id"] in o["object_refs"]]

    # A denial: the sources disagree, so each claim gives its opinion of the relationship.
    florida = assertion("Cuba", "class:candidate@florida")
    assert florida["extensions"][EXTENSION_ID]["disputed"] is True
    opinions = [o for o in objects if o["type"] == "opinion" and florida["id"] in o["object_refs"]]
    assert sorted((o["opinion"], o["extensions"][EXTENSION_ID]["document"]) for o in opinions) == [
        ("agree", "deny_a.txt"),
        ("disagree", "deny_b.txt"),
    ]
    assert all(o["explanation"] for o in opinions)
    # The reports that carry the assertion reference it and its opinions.
    report = next(o for o in objects if o["type"] == "report" and o["external_references"][0]["external_id"] == "deny_b.txt")
    assert florida["id"] in report["object_refs"] and {o["id"] for o in opinions} & set(report["object_refs"])


def _rate(path, *lines: str) -> None:
    path.write_text("".join(f"2026-12-02T09:00:00Z\tann\trate\t{line}\n" for line in lines), encoding="utf-8")


def test_ratings_show_beside_claims_and_filter_views(corpus, tmp_path):
    from kg.curation import load_decisions
    from kg.records import ClaimFilter, read_claims

    decisions = tmp_path / "decisions.tsv"
    _rate(decisions, "Harbor Times\tB\t", "Google\tE\t")
    with open_store(corpus[1] / "store", read_only=True) as store:
        everything = read_claims(store, decisions=load_decisions(decisions))
        rated_b = read_claims(store, ClaimFilter(min_reliability="B"), decisions=load_decisions(decisions))
        unrated = read_claims(store)  # no decisions: kg never invents a rating
    assert all(r["rating"] is None for r in unrated)
    harbor = [r for r in everything if r["publisher"] == "Harbor Times"]
    assert {r["document"] for r in harbor} >= {"ic_harbor.txt", "indep_a.txt", "deny_a.txt"}
    assert harbor and {(r["rating"], r["rated_source"]) for r in harbor} == {("B", "Harbor Times")}
    google = [r for r in everything if r["document"] == "indep_b.txt" and r["origin"] == "Google"]
    assert google and {r["rating"] for r in google} == {"E"}  # the original source's rating comes first
    assert {r["document"] for r in rated_b} == {r["document"] for r in harbor}  # E is below B, unrated never passes
    assert all(r["rating"] == "B" for r in rated_b)


def test_the_workbench_shows_assertions_and_ratings(corpus, tmp_path):
    import re

    from test_web import make_client

    decisions = tmp_path / "decisions.tsv"
    _rate(decisions, "Valley Post\tA\t")
    client = make_client(corpus[1] / "store", decisions)
    page = client.get("/entity/russia").text
    text = " ".join(re.sub(r"<[^>]+>", " ", page).split())
    # The assertion of three reports resting on one assessment, and each report's chain.
    assert "Assertions" in text and "3 documents · 1 independent source" in text
    assert re.search(r"\[Valley Post\] ← “[^”]+” → U\.S\. intelligence community", text)
    assert "rated A" in text and "unrated" in text  # Valley Post rated; Harbor Times and Coast Herald not
    cuba = " ".join(re.sub(r"<[^>]+>", " ", client.get("/entity/cuba").text).split())
    assert "disputed" in cuba and "denies" in cuba
    document = client.get("/doc/ic_valley.txt").text
    assert 'class="kg-rating kg-rating-A"' in document
    # The graph view filters by rating: only the Valley Post's claims are left.
    graph = client.get("/graph", params={"min_reliability": "A"})
    assert graph.status_code == 200 and "ic_valley.txt" in graph.text and "ic_harbor.txt" not in graph.text
    # Its edge panel has each claim's assertion and rating (from the records, not the store's graph).
    assert '"rating":"A","rated_source":"Valley Post","corroboration":{"assertion":' in graph.text
    assert client.get("/graph", params={"min_reliability": "Z"}).status_code == 400
