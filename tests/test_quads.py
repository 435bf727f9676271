"""The quads a build writes straight from the claims are the graph the rdflib path made.

``tests/rdf_reference.py`` keeps the rdflib code kg used before :mod:`kg.quads`; both are
given the same claims (extracted by the real pipeline from the sample corpus and the
seeds), the same run and label maps that evolve the same way, and must give the same
triples, term for term (no blank nodes, so equal sets are isomorphic graphs).
"""

from __future__ import annotations

import pytest
from rdflib import Graph

from conftest import REPO
from kg.corroboration import write_corroboration
from kg.engine import Analysis, analyse_with
from kg.ingest import read_documents
from kg.model import Document
from kg.quads import document_quads, to_rdflib
from kg.lexicon import load_lexicon
from kg.rdf import new_run
from kg.store import NamedGraph
from rdf_reference import reference_document_graph
from store_fixtures import sample_documents

LEXICON = load_lexicon()

pytestmark = pytest.mark.model


def _triples(graph: Graph | NamedGraph) -> set[str]:
    named = graph if isinstance(graph, NamedGraph) else NamedGraph.from_rdflib(graph)
    return {str(quad) for quad in named.quads}


def _analyses(nlp, folder) -> list[Analysis]:
    documents = [d for d in read_documents([folder]) if isinstance(d, Document)]
    return [a for a in analyse_with(nlp, documents) if isinstance(a, Analysis)]


@pytest.fixture(scope="module")
def corpora(nlp, shared_dir):
    return [_analyses(nlp, REPO / "corpus" / "sample"), _analyses(nlp, shared_dir / "corpus" / "seeds")]


def test_the_quad_path_gives_the_rdflib_paths_graph(corpora):
    run = new_run()
    compared = 0
    for analyses in corpora:
        old_labels: dict[str, str] = {}
        new_labels: dict[str, str] = {}
        for analysis in analyses:
            old = reference_document_graph(analysis.document, analysis.claims, run, old_labels)
            new = document_quads(analysis.document, analysis.claims, run, LEXICON, new_labels).graph()
            assert new.name.value == str(old.identifier)
            assert _triples(new) == _triples(old), analysis.document.id
            compared += len(new)
        assert new_labels == old_labels  # the same first labels were kept
    assert compared > 1000  # the corpora gave real graphs to compare


def test_corroboration_adds_to_the_same_graph_without_duplicates(corpora):
    analysis = next(a for a in corpora[1] if a.claims)
    writer = document_quads(analysis.document, analysis.claims, new_run(), LEXICON)
    before = len(writer)
    write_corroboration(writer, analysis.facts, analysis.claims)
    graph = writer.graph()
    assert len(graph) > before
    assert len(set(graph.quads)) == len(graph.quads)
    assert {quad.graph_name for quad in graph.quads} == {graph.name}


def test_rdflib_graphs_made_from_the_quads_round_trip():
    for document, claims, graph in sample_documents():
        assert _triples(NamedGraph.from_rdflib(to_rdflib(NamedGraph.from_rdflib(graph)))) == _triples(graph)
        reference = reference_document_graph(document, claims, new_run())
        assert len(reference) == len(graph)
