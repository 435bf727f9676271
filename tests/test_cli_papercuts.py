"""First-use papercuts of issue 12: where pages go, what empty answers say, compact names."""

from __future__ import annotations

import json

import pytest

from kg.cli import main
from kg.store import open_store
from store_fixtures import sample_documents


@pytest.fixture
def out(tmp_path):
    """A build folder: OUT/store as kg build leaves it."""
    with open_store(tmp_path / "out" / "store") as store:
        store.ensure_ontology()
        store.add_documents([g for _, _, g in sample_documents()])
    return tmp_path / "out"


def test_render_writes_beside_the_store_and_refuses_empty_filters(out, capsys, monkeypatch, tmp_path):
    monkeypatch.chdir(tmp_path)  # not where the page must go
    assert main(["render", "--store", str(out)]) == 0
    assert (out / "graph.html").is_file() and not (tmp_path / "output").exists()
    assert "claims)" in capsys.readouterr().out
    (out / "graph.html").unlink()
    assert main(["render", "--store", str(out), "--actor", "Atlantis"]) == 1
    assert "no claim matches actor Atlantis" in capsys.readouterr().err
    assert not (out / "graph.html").exists()


def test_query_says_when_parameters_match_nothing(out, capsys):
    assert main(["query", "--store", str(out), "-n", "actor-activity", "-p", "actor=Atlantis"]) == 1
    assert "no rows match actor=Atlantis" in capsys.readouterr().err
    assert main(["query", "--store", str(out), "-n", "actor-activity", "-p", "actor=Cuba"]) == 0


def test_query_formats_use_compact_names_and_standard_json(out, capsys):
    query = "SELECT DISTINCT ?b WHERE { GRAPH ?g { ?c kgo:likelihood ?b } } ORDER BY ?b"
    assert main(["query", "--store", str(out), query, "--format", "csv"]) == 0
    assert capsys.readouterr().out.split() == ["b", "kgo:AlmostCertain", "kgo:Likely"]
    assert main(["query", "--store", str(out), query, "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out) == [{"b": "kgo:AlmostCertain"}, {"b": "kgo:Likely"}]
    assert main(["query", "--store", str(out), query, "--format", "sparql-json"]) == 0
    answer = json.loads(capsys.readouterr().out)
    assert answer["head"]["vars"] == ["b"]
    assert answer["results"]["bindings"][0]["b"] == {"type": "uri", "value": "https://w3id.org/kg/influence#AlmostCertain"}


def test_help_example_gives_one_row_per_actor(out, capsys):
    from kg.cli import make_parser

    parser = make_parser()
    action = next(a for a in parser._actions if a.__class__.__name__ == "_SubParsersAction")
    description = action.choices["query"].description
    example = description.split("kg query '")[-1].split("'.")[0]
    assert main(["query", "--store", str(out), example]) == 0
    labels = capsys.readouterr().out.split()[2:]
    assert sorted(labels) == ["China", "Cuba", "Russia"]
