"""Named queries, parameter binding, sub-properties and error reporting (no spaCy)."""

from __future__ import annotations

import json

import pytest
from rdflib import Dataset, Literal

from kg.errors import QueryError
from kg.query import bind_params, describe_queries, format_result, get_named, named_queries, run_named, run_query
from kg.store import inline_values, open_store
from store_fixtures import sample_documents


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    with open_store(tmp_path_factory.mktemp("q") / "store") as store:
        store.ensure_ontology()
        store.add_documents([graph for _, _, graph in sample_documents()])
        yield store


def rows(result):
    return [{str(k): (str(v) if v is not None else None) for k, v in row.asdict().items()} for row in result]


def test_library_has_the_queries_the_issue_asks_for():
    names = set(named_queries())
    assert {
        "actors-targets", "actor-activity", "shared-targets", "tactics-instruments",
        "claims-by-likelihood", "claims-by-source", "timeline",
    } <= names  # fmt: skip
    assert "actor=<label>" in describe_queries()
    for query in named_queries().values():
        assert query.description, query.name


def test_actors_targets_counts_sub_properties(store):
    found = {(r["actor"], r["target"]): r for r in rows(run_named(store, "actors-targets"))}
    cuba = found[("Cuba", "candidates in Florida")]
    assert cuba["relations"] == "denigrates" and "denigrating" in cuba["evidence"]
    assert ("Russia", "the election") in found  # interferesIn
    assert ("Russia", "voters") not in found  # negated
    assert ("China", "the party") not in found  # supports is not in the targets family


def test_targets_finds_denigrates(store):
    extracted = {r["extracted"] for r in rows(run_named(store, "claims-by-relation", {"relation": "targets"}))}
    assert extracted == {"denigrates", "undermines", "interferesIn"}
    assert {r["extracted"] for r in rows(run_named(store, "claims-by-relation", {"relation": "supports"}))} == {"supports"}


def test_actor_parameter_is_matched_case_insensitively(store):
    result = rows(run_named(store, "actor-activity", {"actor": "russia"}))
    assert {r["relation"] for r in result} == {"undermines", "interferesIn"}
    assert {r["likelihood"].rsplit("#")[-1] for r in result} == {"Likely", "AlmostCertain"}
    cuba = rows(run_named(store, "actor-activity", {"actor": "Cuba"}))
    assert cuba[0]["source"] == "ODNI" and cuba[0]["date"] == "2020-08-07"


@pytest.mark.parametrize("value", ['Russia" } ; DROP ALL #', "Cuba'} UNION { ?a ?b ?c }", "}} #"])
def test_parameters_cannot_inject(store, value):
    # Pasted into the query, each value would match rows (or break it); bound, it is one
    # literal that names no actor.
    assert bind_params(get_named("actors-targets"), {"actor": value}, store) == {"actor": Literal(value, lang="en")}
    assert rows(run_named(store, "actors-targets", {"actor": value})) == []


def test_inline_values_escapes_for_remote_stores():
    query = inline_values("SELECT ?x WHERE { ?s ?p ?x }", {"x": Literal('a" } DROP ALL #')})
    assert '"a\\" } DROP ALL #"' in query
    Dataset().query(query)  # still one well-formed query


def test_typed_parameters():
    assert str(bind_params(get_named("claims-by-likelihood"), {"likelihood": "Almost certain"})["likelihood"]).endswith(
        "#AlmostCertain"
    )
    with pytest.raises(QueryError, match="not a likelihood band"):
        bind_params(get_named("claims-by-likelihood"), {"likelihood": "maybe"})
    with pytest.raises(QueryError, match="not an ontology relation"):
        bind_params(get_named("claims-by-relation"), {"relation": "likes"})
    with pytest.raises(QueryError, match="needs --param actor"):
        bind_params(get_named("actor-activity"), {})
    with pytest.raises(QueryError, match="has no parameter"):
        bind_params(get_named("actors-targets"), {"country": "Cuba"})
    with pytest.raises(QueryError, match="no named query"):
        get_named("nope")


def test_other_named_queries(store):
    shared = rows(run_named(store, "shared-targets"))
    assert [(r["target"], r["actors"]) for r in shared] == [("candidates in Florida", "2")]
    tactics = rows(run_named(store, "tactics-instruments", {"actor": "China"}))
    assert [(r["relation"], r["what"]) for r in tactics] == [("uses", "state media")]
    bands = rows(run_named(store, "claims-by-likelihood"))
    assert [r["likelihood"].rsplit("#")[-1] for r in bands] == ["AlmostCertain", "Likely"]
    sources = {r["source"]: r["claims"] for r in rows(run_named(store, "claims-by-source"))}
    assert sources["ODNI"] == "1"
    timeline = rows(run_named(store, "timeline"))
    assert [r["date"] for r in timeline] == sorted(r["date"] for r in timeline)
    assert "c.txt" not in {r["document"] for r in timeline}  # undated
    assert len(timeline) == len({(r["document"], r["evidence"]) for r in timeline})  # one row a claim


@pytest.mark.parametrize("bad", ["SELECT * WHERE {\n  ?s ?p }", "SELEC ?x WHERE { ?s ?p ?o }"])
def test_bad_sparql_gives_position(store, bad):
    with pytest.raises(QueryError, match=r"line \d+, column \d+") as info:
        run_query(store, bad)
    assert "^" in str(info.value)


def test_bad_sparql_in_rdflib_gives_position():
    with pytest.raises(QueryError, match=r"line 2, column"):
        run_query(Dataset(), "SELECT * WHERE {\n ?s ?p }")


def test_formats(store):
    result = run_named(store, "actors-targets", {"actor": "Cuba"})
    table = format_result(result, "table", width=20).splitlines()
    assert [c.strip() for c in table[0].split(" | ")][:3] == ["actor", "target", "claims"]
    assert all(len(cell) <= 20 for line in table[2:] for cell in line.split(" | "))
    assert format_result(result, "csv").splitlines()[0] == "actor,target,claims,relations,evidence"
    assert "\t" in format_result(result, "tsv")
    data = json.loads(format_result(result, "json"))
    assert data[0]["actor"] == "Cuba" and data[0]["claims"] == 1
    assert json.loads(format_result(run_query(store, "ASK { ?s ?p ?o }"), "json")) == {"boolean": True}
    with pytest.raises(QueryError):
        format_result(result, "xml")


def test_named_queries_run_on_rdflib_memory_store(store):
    # The benchmark compares the same queries on rdflib's own engine.
    memory = store.snapshot()
    assert {(r["actor"], r["target"]) for r in rows(run_named(memory, "actors-targets"))} == {
        (r["actor"], r["target"]) for r in rows(run_named(store, "actors-targets"))
    }


def test_query_cli(store, tmp_path, capsys):
    from kg.cli import main

    location = store.location
    # The module fixture holds the write lock; kg query opens read-only, which RocksDB allows.
    assert main(["query", "--store", location, "-n", "actors-targets", "-p", "actor=Cuba", "--format", "csv"]) == 0
    assert "Cuba,candidates in Florida,1" in capsys.readouterr().out
    rq = tmp_path / "q.rq"
    rq.write_text("SELECT (COUNT(*) AS ?n) WHERE { ?c a kgo:Claim }")
    assert main(["query", "--store", location, "-f", str(rq), "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out) == [{"n": 7}]
    assert main(["query", "--store", location, "SELECT ?x WHERE { ?x"]) == 1
    err = capsys.readouterr().err
    assert "line 1, column" in err and "Traceback" not in err
    assert main(["query", "--list"]) == 0
    assert "claims-by-source" in capsys.readouterr().out


def test_a_kept_answer_is_written_as_a_table_as_its_terms_are():
    import random

    from kg.query import _emit, _plain_cell, format_rows
    from kg.store.answers import AnswerRows

    # Cells the column-at-a-time table must write as the table of the same cells, one at a time.
    texts = ["Cuba", "", " lead", "trail ", "two  spaces", "a| b", "a |b", "line\nbreak", "tab\there", "x" * 70,
             "Ünïcödé", "nbsp\u00a0here", "ideographic\u3000space", "|", "||"]
    rng = random.Random(3)
    for trial in range(200):
        kinds_of = [rng.choice(["", "@en", "^xsd:integer", "<", "_"]) for _ in range(3)]
        rows, kinds = [], []
        for _ in range(rng.randint(0, 6)):
            row, cells = [], []
            for kind in kinds_of:
                cell_kind = kind if rng.random() < 0.8 else rng.choice(["", "@en", "<"])
                if cell_kind == "^xsd:integer":
                    value = rng.randint(-5, 500)
                elif cell_kind == "<":
                    value = rng.choice(["https://w3id.org/kg/influence#targets", "https://example.org/a%20b"])
                elif cell_kind == "_":
                    value = "b0"
                else:
                    value = rng.choice(texts)
                if rng.random() < 0.1:
                    value, cell_kind = None, ""
                row.append(value)
                cells.append(cell_kind)
            rows.append(tuple(row))
            kinds.append("\t".join(cells))
        found = AnswerRows(("a", "b", "c"), rows, kinds)
        one_at_a_time = ([_plain_cell(v, k) for v, k in zip(row, ks.split("\t"))] for row, ks in zip(rows, kinds))
        assert format_rows(found) == _emit(["a", "b", "c"], one_at_a_time, "table", 60), (trial, rows, kinds)
