"""Query parameters are values, never query text, on the embedded and the remote store.

Property-based: any string (and any pair of strings) bound as parameters comes back
exactly as given, through Oxigraph's own parser, so the bound query is always balanced.
"""

from __future__ import annotations

import pyoxigraph as ox
import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from rdflib import Literal, URIRef

from kg.errors import QueryError, StoreError
from kg.query import run_named
from kg.serve import oxigraph_binary, start_server, stop_server
import kg.store
from kg.store import inline_values, open_store
from servers import free_port
from store_fixtures import sample_documents

# Values that broke rdflib's n3(): a line break makes a long string, whose backslashes
# it does not escape, so a final backslash swallows the closing quotes.
TRICKY = ['x\n\\"', 'a\nb\\', '"""', "\\", 'Cuba" } } ; DROP ALL #', "\n\\'", "\x00", "\r\n\\\\\"\"\""]

BIND_TWO = "SELECT ?a ?b WHERE { }"


@given(value=st.text())
@example(value=TRICKY[0])
@example(value=TRICKY[1])
@example(value=TRICKY[7])
@settings(max_examples=300, deadline=None)
def test_any_string_is_one_literal_in_the_bound_query(value):
    rows = list(ox.Store().query(inline_values("SELECT ?x WHERE { }", {"x": Literal(value)})))
    assert [row["x"].value for row in rows] == [value]


@pytest.mark.parametrize("value", TRICKY)
def test_sparql_term_parses_back_to_the_value(value):
    (row,) = ox.Store().query(f"SELECT ?x WHERE {{ BIND({kg.store.sparql_term(Literal(value, lang='en'))} AS ?x) }}")
    assert row["x"].value == value and row["x"].language == "en"


@pytest.mark.parametrize("iri", ["http://a/b> } DROP ALL #", "http://a/b c", "http://a/{x}"])
def test_an_iri_that_could_close_its_brackets_is_refused(iri):
    with pytest.raises(QueryError):
        kg.store.sparql_term(URIRef(iri))


def test_a_variable_name_that_is_not_one_is_refused():
    with pytest.raises(QueryError):
        inline_values("SELECT ?x WHERE { }", {"x) { (1) } } DROP ALL #": Literal("v")})


@pytest.fixture(scope="module")
def remote(tmp_path_factory):
    """A read-only oxigraph server over the sample store, and the same store embedded."""
    try:
        oxigraph_binary()
    except StoreError as err:
        pytest.skip(str(err))
    location = tmp_path_factory.mktemp("params") / "store"
    with open_store(location) as store:
        store.ensure_ontology()
        store.add_documents([g for _, _, g in sample_documents()])
    port = free_port()
    process = start_server(location, "127.0.0.1", port, timeout=20)
    try:
        with open_store(f"http://127.0.0.1:{port}", read_only=True) as remote_store:
            yield remote_store, location
    finally:
        stop_server(process)


@pytest.mark.server
@given(first=st.text(), second=st.text())
@example(first=TRICKY[0], second=" ) } } UNION { ?a ?p ?b } } #")
@example(first=TRICKY[1], second='") (?a ?b) } #')
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
def test_any_two_strings_come_back_unchanged_from_a_remote_store(remote, first, second):
    store, _ = remote
    rows = list(store.query(BIND_TWO, {"a": Literal(first), "b": Literal(second)}))
    assert [(str(row["a"]), str(row["b"])) for row in rows] == [(first, second)]


@pytest.mark.server
@given(value=st.text())
@example(value=TRICKY[0])
@example(value="cuba")
@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
def test_a_named_query_answers_the_same_on_both_store_kinds(remote, value):
    store, location = remote
    with open_store(location, read_only=True) as embedded:
        local = _texts(run_named(embedded, "actor-activity", {"actor": value}))
    assert _texts(run_named(store, "actor-activity", {"actor": value})) == local


def _texts(result) -> list[tuple[str, ...]]:
    # Cell texts: the embedded store types plain strings as xsd:string, the remote does not.
    return sorted(tuple("" if cell is None else str(cell) for cell in row) for row in result)
