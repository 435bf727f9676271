"""End-to-end: build the seed corpus and check every output; bad input never stops a build."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from rdflib import Dataset, Graph
from rdflib.namespace import RDF

import kg.outputs
from kg.build import BuildOptions, build
from kg.cli import main
from kg.errors import OutputError
from kg.ontology import KGO, ONTOLOGY_PATH

pytestmark = pytest.mark.model


@pytest.fixture(scope="module")
def seed_build(shared_dir, nlp, tmp_path_factory):
    out = tmp_path_factory.mktemp("seed-build")
    report = build([shared_dir / "corpus" / "seeds"], out, BuildOptions(progress=False))
    return out, report


def test_seed_build_writes_every_output(seed_build):
    out, report = seed_build
    assert report.documents == 3 and not [p for p in report.problems if p.fatal]
    for name in ("claims.jsonl", "graph.trig", "graph.html"):
        assert (out / name).stat().st_size > 0, name
    assert not list(out.glob(".*.tmp")), "temporary files left behind"


def test_rdf_parses_back_with_a_named_graph_per_document(seed_build):
    out, _ = seed_build
    dataset = Dataset()
    dataset.parse(out / "graph.trig", format="trig")
    graph_names = {str(g.identifier) for g in dataset.graphs()}
    for doc in ("000_2f073e86d4c36990.txt", "001_19ecfbe84fb89e3c.txt", "002_fba040d27b1b59c5.txt"):
        assert any(name.endswith("graph/" + doc) for name in graph_names), doc
    claims = {(s, g) for s, _, _, g in dataset.quads((None, RDF.type, KGO.Claim, None))}
    assert claims
    for claim, graph in claims:
        assert dataset.graph(graph).value(claim, KGO.sentence) is not None


def test_ontology_loads():
    g = Graph().parse(ONTOLOGY_PATH, format="turtle")
    assert (KGO.denigrates, None, None) in g


def test_every_claim_row_fits_the_export_format(seed_build, shared_dir):
    out, _ = seed_build
    rows = [json.loads(line) for line in (out / "claims.jsonl").read_text(encoding="utf-8").splitlines()]
    assert rows
    texts = {}
    for row in rows:
        assert isinstance(row["doc"], str) and isinstance(row["start"], int) and isinstance(row["end"], int)
        assert 0 <= row["start"] < row["end"]
        for part in ("subject", "object"):
            assert isinstance(row[part]["text"], str) and row[part]["text"].strip()
            assert row[part]["label"] is None or isinstance(row[part]["label"], str)
        assert isinstance(row["predicate"]["text"], str) and isinstance(row["predicate"]["relation"], str)
        assert isinstance(row["negated"], bool)
        assert row["hedge"] is None or isinstance(row["hedge"], str)
        assert row["attribution"] is None or isinstance(row["attribution"], str)
        # Offsets are offsets into the original document: the sentence is found there.
        text = texts.setdefault(row["doc"], (shared_dir / "corpus" / "seeds" / row["doc"]).read_text(encoding="utf-8"))
        assert text[row["start"]:row["end"]].strip() == row["sentence"].strip()


def test_reference_scorer_runs_and_the_start_bar_holds(seed_build, shared_dir):
    out, _ = seed_build
    result = subprocess.run(
        [sys.executable, str(shared_dir / "eval" / "score_claims.py"), str(shared_dir / "gold" / "seeds.jsonl"),
         str(out / "claims.jsonl"), "--json"],
        capture_output=True, text=True, check=True,
    )  # fmt: skip
    scores = json.loads(result.stdout.splitlines()[0])
    assert scores["untyped"]["f1"] >= 0.5, scores
    assert scores["claims_in_no_claim_sentences"] == 0, scores


def test_bad_documents_are_reported_and_the_rest_is_built(tmp_path, nlp):
    corpus = tmp_path / "in"
    corpus.mkdir()
    (corpus / "good.txt").write_text("Russia sought to denigrate the Democratic Party.\n", encoding="utf-8")
    (corpus / "empty.txt").write_bytes(b"")
    (corpus / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00")
    (corpus / "latin1.txt").write_bytes("Iran sought to exploit divisions in the caf\xe9 sector.".encode("latin-1"))
    report = build([corpus], tmp_path / "out", BuildOptions(progress=False))
    assert report.documents == 2
    reasons = {Path(p.path).name: p.reason for p in report.problems}
    assert "empty" in reasons["empty.txt"] and "binary" in reasons["image.txt"]
    assert "cp1252" in reasons["latin1.txt"] or "latin-1" in reasons["latin1.txt"]
    assert (tmp_path / "out" / "claims.jsonl").exists()


def test_cli_exit_codes(tmp_path, nlp, capsys):
    good = tmp_path / "good.txt"
    good.write_text("Russia sought to denigrate the Democratic Party.\n", encoding="utf-8")
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    assert main(["build", str(good), str(empty), "-o", str(tmp_path / "a"), "--no-html"]) == 0
    assert "empty.txt" in capsys.readouterr().err
    assert main(["build", str(good), str(empty), "-o", str(tmp_path / "b"), "--strict", "--no-html"]) == 1
    assert main(["build", str(empty), "-o", str(tmp_path / "c"), "--no-html"]) == 1
    assert "no document could be built" in capsys.readouterr().err
    assert not (tmp_path / "c").exists(), "a failed build left files behind"


def test_a_failing_write_leaves_the_previous_output_intact(tmp_path, nlp, monkeypatch):
    doc = tmp_path / "doc.txt"
    doc.write_text("Russia sought to denigrate the Democratic Party.\n", encoding="utf-8")
    out = tmp_path / "out"
    build([doc], out, BuildOptions(progress=False, html=False))
    before = {name: (out / name).read_bytes() for name in ("claims.jsonl", "graph.trig")}

    def disk_full(fd):
        raise OSError(28, "No space left on device")

    # Every output goes through kg.outputs.atomic_write, which syncs before renaming.
    monkeypatch.setattr(kg.outputs.os, "fsync", disk_full)
    doc.write_text("Iran sought to exploit divisions.\n", encoding="utf-8")
    with pytest.raises(OutputError, match="No space"):
        build([doc], out, BuildOptions(progress=False, html=False))
    assert {name: (out / name).read_bytes() for name in before} == before
    assert not list(out.glob(".*.tmp"))


def test_parallel_parsing_gives_the_same_claims(shared_dir, nlp, tmp_path):
    seeds = shared_dir / "corpus" / "seeds"
    rows = {}
    for jobs in (1, 2):
        out = tmp_path / f"jobs{jobs}"
        build([seeds], out, BuildOptions(jobs=jobs, html=False, progress=False))
        rows[jobs] = sorted((out / "claims.jsonl").read_text(encoding="utf-8").splitlines())
    assert rows[1] and rows[1] == rows[2]
