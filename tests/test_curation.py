"""kg.curation and kg.records: decisions in a file and a named graph, folded into every view."""

from __future__ import annotations

import getpass

import pytest

from kg.analysis import actor_target_graph
from kg.cli import main
from kg.curation import (
    CURATION_GRAPH,
    KGC,
    decide,
    decision,
    entity,
    load_decisions,
    mirror_into_store,
    save_decisions,
    split_iri,
    Decisions,
)
from kg.errors import InputError
from kg.export import export
from kg.rdf import entity_iri
from kg.records import ClaimFilter, read_claims, read_decisions, summarise_entities
from kg.store import open_store, store_folder
from store_fixtures import sample_documents


@pytest.fixture
def store_dir(tmp_path):
    location = tmp_path / "out" / "store"
    with open_store(location) as store:
        store.ensure_ontology()
        store.add_documents([g for _, _, g in sample_documents()])
    return location


def _claims(location, where=None, decisions=None):
    with open_store(location, read_only=True) as store:
        return read_claims(store, where, decisions=decisions)


def test_decisions_file_round_trip_records_who_and_when(tmp_path):
    path = tmp_path / "decisions.tsv"
    made = decision("merge", "Fancy-Bear", "apt28", note="vendor\tname")
    assert made.who == getpass.getuser() and made.when.endswith("Z")
    save_decisions(path, Decisions((made, decision("reject", "claim/abc"))))
    text = path.read_text()
    assert text.splitlines()[0] == "when\twho\taction\ttarget\tvalue\tnote"
    assert "\tmerge\tFancy-Bear\tapt28\tvendor name" in text  # a tab in a note cannot break the line
    again = load_decisions(path)
    assert again.items == (made, decision("reject", "claim/abc", who=again.items[1].who, when=again.items[1].when))
    assert again.status(str(again.items[1].target)) == "rejected"


def test_a_bad_line_names_the_file_and_line(tmp_path):
    path = tmp_path / "decisions.tsv"
    path.write_text("when\twho\taction\ttarget\tvalue\tnote\n# a note\n\nt\tme\tdelete\trussia\t\t\n")
    with pytest.raises(InputError, match=r"decisions.tsv:4: unknown decision 'delete'"):
        load_decisions(path)
    with pytest.raises(InputError, match="into itself"):
        decision("merge", "russia", "russia")
    assert len(load_decisions(tmp_path / "missing.tsv")) == 0


def test_review_latest_wins():
    d = Decisions((decision("reject", "claim/x"), decision("confirm", "claim/x")))
    assert d.status(str(d.items[0].target)) == "confirmed"
    d = d.added(decision("unreview", "claim/x"))
    assert d.status(str(d.items[0].target)) is None


def test_rejected_claims_leave_views_unless_asked_for(store_dir):
    before = _claims(store_dir)
    cuba = next(r for r in before if r["actor_label"] == "Cuba")
    decisions = Decisions((decision("reject", cuba["claim"]),))
    after = _claims(store_dir, decisions=decisions)
    assert cuba["claim"] not in {r["claim"] for r in after} and len(after) == len(before) - 1
    kept = _claims(store_dir, ClaimFilter(include_rejected=True), decisions)
    assert next(r for r in kept if r["claim"] == cuba["claim"])["status"] == "rejected"
    assert str(entity_iri("cuba")) not in actor_target_graph(after)


def test_merge_split_rename_apply_to_records_and_entities(store_dir):
    decisions = Decisions(
        (
            decision("merge", "cuba", "russia"),
            decision("split", "russia", "Cuba"),  # takes the merged mentions back out by their text
            decision("rename", "china", "People's Republic of China"),
        )
    )
    merged_only = Decisions(decisions.items[:1])
    actors = {r["actor_label"] for r in _claims(store_dir, decisions=merged_only)}
    assert "Cuba" not in actors and "Russia" in actors
    with open_store(store_dir, read_only=True) as store:
        russia = next(s for s in summarise_entities(store, merged_only) if s.key == "russia")
        assert "Cuba" in russia.aliases
        records = read_claims(store, decisions=decisions)
        summaries = {s.iri: s for s in summarise_entities(store, decisions)}
    assert {r["actor"] for r in records if r["actor_text"] == "Cuba"} == {str(split_iri("Cuba"))}
    assert summaries[str(split_iri("Cuba"))].label == "Cuba"
    assert summaries[str(entity_iri("china"))].label == "People's Republic of China"
    assert "China" in summaries[str(entity_iri("china"))].aliases
    assert {r["actor_label"] for r in records if r["actor"] == str(entity_iri("china"))} == {"People's Republic of China"}


def test_the_store_mirrors_the_file_and_exports_carry_it(store_dir, tmp_path):
    decisions = Decisions((decision("reject", "claim/abc"), decision("merge", "cuba", "russia")))
    with open_store(store_dir) as store:
        assert mirror_into_store(store, decisions) is True
        assert mirror_into_store(store, decisions) is False  # already there
        assert read_decisions(store).items == decisions.items
        export(store, tmp_path / "g.trig", "trig")
        export(store, tmp_path / "g.graphml", "graphml")
    trig = (tmp_path / "g.trig").read_text()
    assert str(CURATION_GRAPH).rsplit("/", 1)[-1] in trig and str(KGC.Rejected) in trig.replace("kgc:", str(KGC))
    # The actor-target export reads the decisions from the store: Cuba is Russia now.
    graphml = (tmp_path / "g.graphml").read_text()
    assert "candidates in Florida" in graphml and ">Cuba<" not in graphml


def test_decide_writes_the_file_beside_the_store_and_the_graph(store_dir):
    decisions, mirrored = decide(store_dir, decision("reject", "claim/abc"))
    assert mirrored and (store_dir.parent / "decisions.tsv").is_file()
    with open_store(store_dir, read_only=True) as store:
        assert len(read_decisions(store)) == 1
        held = open_store(store_dir)  # another writer: the file still takes the decision
    try:
        _, mirrored = decide(store_dir, decision("confirm", "claim/def"))
    finally:
        held.close()
    assert not mirrored and len(load_decisions(store_dir.parent / "decisions.tsv")) == 2


def test_store_option_accepts_the_build_folder(store_dir):
    assert store_folder(store_dir.parent) == store_dir
    assert store_folder(store_dir) == store_dir


def test_entities_command(store_dir, capsys):
    out = str(store_dir.parent)  # the folder kg build -o was given
    assert main(["entities", "--store", out]) == 0
    listing = capsys.readouterr().out
    assert listing.splitlines()[0].split() == ["label", "|", "key", "|", "kind", "|", "claims", "|", "documents", "|", "aliases"]
    assert any(line.startswith("Russia ") for line in listing.splitlines())
    assert main(["entities", "merge", "Cuba", "russia", "--store", out, "--note", "test"]) == 0
    assert main(["entities", "show", "Russia", "--store", out]) == 0
    shown = capsys.readouterr().out
    assert "aliases: Cuba" in shown and "decision: merge cuba into russia" in shown
    claim_id = next(line.rsplit("· ", 1)[-1] for line in shown.splitlines() if "claim/" in line)
    assert main(["review", "reject", claim_id, "--store", out]) == 0
    assert main(["entities", "show", "russia", "--store", out]) == 0
    assert "[rejected]" in capsys.readouterr().out
    assert main(["entities", "show", "nobody", "--store", out]) == 1
    assert "no entity named 'nobody'" in capsys.readouterr().err
    assert main(["entities", "--search", "zzz", "--store", out]) == 1
    rows = (store_dir.parent / "decisions.tsv").read_text().splitlines()
    assert [r.split("\t")[2] for r in rows[1:]] == ["merge", "reject"]


def test_bare_kg_prints_help(capsys):
    assert main([]) == 0
    assert "usage: kg" in capsys.readouterr().out


@pytest.mark.model
def test_decisions_survive_a_rebuild(tmp_path):
    from kg.build import BuildOptions, build

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.txt").write_text("Russia sought to denigrate the Democratic Party, the summary said.\n")
    options = BuildOptions(progress=False, html=False)
    build([corpus], tmp_path / "out", options)
    store_dir = tmp_path / "out" / "store"
    first = _claims(store_dir)
    assert first
    decide(store_dir, decision("reject", first[0]["claim"]))
    (corpus / "b.txt").write_text("China sought to undermine Taiwan.\n")
    build([corpus], tmp_path / "out", options)
    with open_store(store_dir, read_only=True) as store:
        assert first[0]["claim"] not in {r["claim"] for r in read_claims(store)}
        assert read_claims(store, ClaimFilter(include_rejected=True))[0]["status"] == "rejected"
    # The decision is in the store even when the store is rebuilt from nothing.
    import shutil

    shutil.rmtree(store_dir)
    build([corpus], tmp_path / "out", options)
    assert first[0]["claim"] not in {r["claim"] for r in _claims(store_dir)}
    assert entity("russia")  # the same IRIs after a rebuild from scratch


def test_rejected_claims_leave_the_stix_bundle(store_dir):
    from kg.stix import bundle_dict

    with open_store(store_dir) as store:
        before = bundle_dict(store.to_dataset())
        cuba = next(r for r in read_claims(store) if r["actor_label"] == "Cuba")
        mirror_into_store(store, Decisions((decision("reject", cuba["claim"]),)))
        after = bundle_dict(store.to_dataset())
    text = lambda bundle: str(bundle)  # noqa: E731
    assert "Cuba conducted operations" in text(before) and "Cuba conducted operations" not in text(after)


def test_rate_command_writes_the_decisions_file_and_the_curation_graph(store_dir, capsys):
    out = str(store_dir.parent)
    assert main(["rate", "ODNI", "b", "--store", out, "--note", "checked"]) == 0
    assert "rate source/us-intelligence-community B (usually reliable)" in capsys.readouterr().out
    assert main(["rate", "ODNI", "G", "--store", out]) == 1
    assert "A-F" in capsys.readouterr().err
    decisions = load_decisions(store_dir.parent / "decisions.tsv")
    assert {k: r.reliability for k, r in decisions.ratings.items()} == {"us-intelligence-community": "B"}
    with open_store(store_dir, read_only=True) as store:
        assert read_decisions(store).ratings["us-intelligence-community"].note == "checked"
