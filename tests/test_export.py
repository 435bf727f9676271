"""Exports (Turtle, TriG, N-Quads, JSON-LD) and SHACL validation of the store."""

from __future__ import annotations

import json

import pytest
from rdflib import Dataset, Graph, URIRef

from kg.errors import StoreError
from kg.export import JSONLD_CONTEXT, export, export_store, guess_format, read_dataset
from kg.ontology import KGO
from kg.rdf import ONTOLOGY_GRAPH, document_graph_iri
from kg.store import open_store
from store_fixtures import sample_documents


@pytest.fixture(scope="module")
def store_dir(tmp_path_factory):
    location = tmp_path_factory.mktemp("export") / "store"
    with open_store(location) as store:
        store.ensure_ontology()
        store.add_documents([g for _, _, g in sample_documents()])
    return location


@pytest.mark.parametrize("fmt,parse", [("trig", "trig"), ("nquads", "nquads")])
def test_dataset_formats_keep_the_graphs(store_dir, tmp_path, fmt, parse):
    path = export_store(store_dir, tmp_path / f"g.{fmt}", fmt)
    dataset = Dataset()
    dataset.parse(path, format=parse)
    names = {g.identifier for g in dataset.graphs()}
    assert {document_graph_iri("a.txt"), document_graph_iri("b.txt"), ONTOLOGY_GRAPH} <= names
    with open_store(store_dir, read_only=True) as store:
        assert sum(len(g) for g in dataset.graphs()) == len(store)


def test_turtle_is_the_union(store_dir, tmp_path):
    path = export_store(store_dir, tmp_path / "g.ttl")
    graph = Graph().parse(path, format="turtle")
    cuba = URIRef("https://w3id.org/kg/id/entity/cuba")
    assert (cuba, KGO.denigrates, None) in graph
    assert (KGO.denigrates, None, KGO.targets) in graph  # the ontology is in it too


def test_jsonld_has_a_context(store_dir, tmp_path):
    path = export_store(store_dir, tmp_path / "g.jsonld", "jsonld")
    data = json.loads(path.read_text())
    assert data["@context"]["kgo"] == str(KGO._NS) and set(JSONLD_CONTEXT) <= set(data["@context"])
    assert "kgo:sentence" in path.read_text()
    back = Dataset(default_union=True)
    back.parse(path, format="json-ld")
    assert (URIRef("https://w3id.org/kg/id/entity/cuba"), KGO.denigrates, None) in back


def test_guess_format_and_errors(tmp_path):
    assert guess_format("x.ttl") == "turtle" and guess_format("x.nq") == "nquads"
    with pytest.raises(StoreError, match="cannot tell"):
        guess_format("x.csv")
    with pytest.raises(StoreError, match="unknown export format"):
        export(Dataset(), tmp_path / "x", "rdfxml")
    with pytest.raises(StoreError, match="no kg store"):
        export_store(tmp_path / "none", tmp_path / "x.ttl")


def test_export_cli(store_dir, tmp_path, capsys):
    from kg.cli import main

    assert main(["export", "--store", str(store_dir), "-o", str(tmp_path / "g.trig")]) == 0
    assert (tmp_path / "g.trig").stat().st_size > 1000


def test_graphml_goes_to_analysis(store_dir, tmp_path):
    import xml.etree.ElementTree as ET

    path = export_store(store_dir, tmp_path / "g.graphml")
    labels = {e.text for e in ET.parse(path).getroot().iter() if e.text}
    assert {"Cuba", "Russia"} <= labels


def test_store_conforms_and_broken_graph_does_not(store_dir, tmp_path, capsys):
    from kg.cli import main
    from kg.validate import validate

    dataset = read_dataset(store_dir)
    assert validate(dataset).conforms
    assert main(["validate", "--store", str(store_dir)]) == 0

    # Break one claim: drop its sentence.
    path = tmp_path / "broken.nq"
    export_store(store_dir, path, "nquads")
    lines = path.read_text().splitlines(keepends=True)
    kept = [line for line in lines if str(KGO.sentence) not in line or "Cuba conducted" not in line]
    assert len(kept) == len(lines) - 1
    path.write_text("".join(kept))
    report = validate(read_dataset(path))
    assert not report.conforms
    assert any(v.path == KGO.sentence for v in report.violations)
    assert main(["validate", str(path)]) == 1
    assert "sentence" in capsys.readouterr().out


@pytest.mark.model
@pytest.mark.slow
def test_seed_build_conforms_and_answers(shared_dir, tmp_path):
    from kg.build import BuildOptions, build
    from kg.query import run_named
    from kg.validate import validate

    report = build([shared_dir / "corpus" / "seeds"], tmp_path / "out", BuildOptions(html=False, progress=False))
    assert report.stored_documents == 3
    with open_store(tmp_path / "out" / "store", read_only=True) as store:
        rows = [(str(r["target"]), str(r["evidence"])) for r in run_named(store, "actors-targets", {"actor": "Cuba"})]
    assert any("candidates" in t and "Florida" in e for t, e in rows)
    result = validate(read_dataset(tmp_path / "out" / "store"))
    assert result.conforms, result.text


@pytest.mark.parametrize("fmt", ["graphml", "gexf"])
def test_control_characters_still_make_well_formed_xml(tmp_path, fmt):
    import xml.etree.ElementTree as ET

    import networkx as nx

    from kg.export import write_gexf, write_graphml

    hostile = "Russia\x00\x1b[31m\x07\ufffe"
    graph = nx.DiGraph()
    graph.add_edge(hostile, "voters\x0b", evidence=[{"sentence": "It said \x01 so."}], relations=["targets\x02"])
    path = (write_graphml if fmt == "graphml" else write_gexf)(graph, tmp_path / f"g.{fmt}")
    root = ET.parse(path).getroot()  # raises on XML that is not well-formed
    texts = " ".join(e.text or "" for e in root.iter()) + " ".join(v for e in root.iter() for v in e.attrib.values())
    assert "Russia\ufffd\ufffd[31m" in texts and "\x00" not in texts
