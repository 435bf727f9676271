"""kg.page_edges: the page read from a store one document at a time is the page read whole."""

from __future__ import annotations

import shutil

import pytest

from kg.build import BuildOptions, build
from kg.page_edges import EVIDENCE_PER_EDGE, group_records, store_edges
from kg.records import ClaimFilter, read_claims
from kg.render import page_data
from kg.store import open_store

from conftest import REPO


@pytest.fixture(scope="module")
def built(shared_dir, tmp_path_factory):
    """The seeds and corpus/sample built into one store, with its page."""
    corpus = tmp_path_factory.mktemp("corpus")
    for source in (shared_dir / "corpus" / "seeds", REPO / "corpus" / "sample"):
        for path in source.glob("*.txt"):
            shutil.copyfile(path, corpus / path.name)
    out = tmp_path_factory.mktemp("out")
    build([corpus], out, BuildOptions(progress=False))
    return out


def test_the_page_of_a_store_read_by_document_is_the_page_of_the_store_read_whole(built):
    with open_store(built / "store", read_only=True) as store:
        streamed = page_data(store)
        whole = page_data(store.to_dataset())  # how kg build made the page before
    assert len(streamed["edges"]) > 50 and streamed["overview"] is None
    # No edge has more claims than the evidence kept: this page is the page of every claim.
    assert max(e["weight"] for e in streamed["edges"]) <= EVIDENCE_PER_EDGE
    assert all(len(e["evidence"]) == e["weight"] for e in streamed["edges"])
    assert streamed == whole


def test_the_built_page_is_the_page_of_the_store(built):
    import json
    import re

    text = (built / "graph.html").read_text(encoding="utf-8")
    (data,) = re.findall(r'<script type="application/json" id="kg-data">(.*?)</script>', text, flags=re.DOTALL)
    with open_store(built / "store", read_only=True) as store:
        whole = page_data(store.to_dataset())
    assert json.loads(data) == json.loads(json.dumps(whole))


@pytest.mark.parametrize("max_nodes", [10_000, 12])
def test_store_edges_count_every_claim_and_keep_the_first_evidence(built, max_nodes):
    evidence = 1  # these corpora have edges of two claims, no more
    where = ClaimFilter()
    with open_store(built / "store", read_only=True) as store:
        streamed, note = store_edges(store, where, max_nodes, evidence=evidence)
        records = read_claims(store, where)
    expected, expected_note = group_records(records, max_nodes, evidence=evidence)
    assert list(streamed.items()) == list(expected.items()) and note == expected_note
    assert (note is None) == (max_nodes == 10_000)
    assert any(edge.claims > evidence for edge in streamed.values())
    assert all(len(edge.evidence) == min(edge.claims, evidence) for edge in streamed.values())
    # The evidence is the first claims of the edge, in the page's order (read_claims' order).
    for key, edge in streamed.items():
        first = [r["claim"] for r in records if (r["actor"], r["relation"], r["target"]) == key][:evidence]
        assert [c["claim"] for c in edge.evidence] == first


def test_a_filter_is_honoured_the_same_way(built):
    where = ClaimFilter.of(relation="targets", min_likelihood="unlikely")
    with open_store(built / "store", read_only=True) as store:
        streamed = page_data(store, where=where)
        whole = page_data(store.to_dataset(), where=where)
    assert 0 < len(streamed["edges"]) < 50
    assert streamed == whole


def test_the_analysts_decisions_are_applied_the_same_way(built, tmp_path):
    from kg.curation import Decisions, decision, mirror_into_store

    store_dir = tmp_path / "store"
    shutil.copytree(built / "store", store_dir)
    with open_store(store_dir, read_only=True) as store:
        records = read_claims(store)
        before = page_data(store)
    rejected = records[0]["claim"].rsplit("/", 1)[-1]
    decisions = Decisions((
        decision("merge", "cuba", "russia", who="t", when="2026-01-01T00:00:00Z"),
        decision("rename", "russia", "Russia and Cuba", who="t", when="2026-01-01T00:00:01Z"),
        decision("reject", rejected, who="t", when="2026-01-01T00:00:02Z"),
        decision("rate", "us-intelligence-community", "B", who="t", when="2026-01-01T00:00:03Z"),
    ))  # fmt: skip
    with open_store(store_dir) as store:
        assert mirror_into_store(store, decisions)
    with open_store(store_dir, read_only=True) as store:
        streamed = page_data(store)
        whole = page_data(store.to_dataset())
        rated = page_data(store, where=ClaimFilter(min_reliability="C"))
        rated_whole = page_data(store.to_dataset(), where=ClaimFilter(min_reliability="C"))
    labels = {n["label"] for n in streamed["nodes"]}
    assert "Russia and Cuba" in labels and "Cuba" not in labels
    assert sum(e["weight"] for e in streamed["edges"]) < sum(e["weight"] for e in before["edges"])
    assert streamed == whole
    assert rated["edges"] and rated == rated_whole
