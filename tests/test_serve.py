"""kg serve over HTTP, and builds into a shared store over SPARQL 1.1 (oxigraph server)."""

from __future__ import annotations

import json

import pytest
from SPARQLWrapper import JSON, POST, SPARQLWrapper
from SPARQLWrapper.SPARQLExceptions import SPARQLWrapperException
from urllib.error import HTTPError

from kg.errors import StoreError
from kg.query import run_named
from kg.serve import oxigraph_binary, start_server, stop_server
from kg.store import open_store
from servers import free_port
from store_fixtures import chaos_module, sample_documents

pytestmark = pytest.mark.server


@pytest.fixture(scope="module")
def built_store(tmp_path_factory):
    try:
        oxigraph_binary()
    except StoreError as err:
        pytest.skip(str(err))
    location = tmp_path_factory.mktemp("serve") / "store"
    with open_store(location) as store:
        store.ensure_ontology()
        store.add_documents([g for _, _, g in sample_documents()])
    return location


@pytest.fixture
def read_only_server(built_store):
    port = free_port()
    process = start_server(built_store, "127.0.0.1", port, timeout=20)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        stop_server(process)


@pytest.fixture
def writable_server(tmp_path):
    try:
        oxigraph_binary()
    except StoreError as err:
        pytest.skip(str(err))
    port = free_port()
    process = start_server(tmp_path / "shared", "127.0.0.1", port, writable=True, timeout=20)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        stop_server(process)


def test_sparql_client_queries_the_endpoint(read_only_server):
    client = SPARQLWrapper(f"{read_only_server}/query")
    client.setReturnFormat(JSON)
    client.setQuery(
        """PREFIX kgo: <https://w3id.org/kg/influence#>
        PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
        PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
        PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
        SELECT DISTINCT ?actor WHERE {
          ?c rdf:subject ?a ; rdf:predicate ?p . ?p rdfs:subPropertyOf* kgo:targets .
          ?a skos:prefLabel ?actor }"""
    )
    answer = client.queryAndConvert()
    assert {b["actor"]["value"] for b in answer["results"]["bindings"]} == {"Cuba", "Russia"}


def test_update_is_refused(read_only_server):
    for endpoint in ("/update", "/query"):
        client = SPARQLWrapper(f"{read_only_server}{endpoint}", updateEndpoint=f"{read_only_server}{endpoint}")
        client.setMethod(POST)
        client.setQuery("DROP ALL")
        with pytest.raises((SPARQLWrapperException, HTTPError)):
            client.query()
    client = SPARQLWrapper(f"{read_only_server}/query")
    client.setReturnFormat(JSON)
    client.setQuery("ASK { ?s ?p ?o }")
    assert client.queryAndConvert()["boolean"] is True  # still there


def test_serving_while_a_build_writes_is_refused(built_store):
    with open_store(built_store):
        with pytest.raises(StoreError, match="open for writing"):
            start_server(built_store, "127.0.0.1", free_port())


def test_remote_store_replace_query_remove(writable_server):
    docs = sample_documents()
    with open_store(writable_server) as store:
        assert store.ensure_ontology() is True
        assert store.ensure_ontology() is False
        store.add_documents([g for _, _, g in docs])
        assert store.documents() == {d.id: d.sha256 for d, _, _ in docs}
        rows = {(str(r["actor"]), str(r["target"])) for r in run_named(store, "actors-targets")}
        assert ("Cuba", "candidates in Florida") in rows
        cuba = run_named(store, "actor-activity", {"actor": "cuba"})
        assert [str(r["source"]) for r in cuba] == ["ODNI"]
        # Injection through the VALUES block a remote query gets is impossible too.
        assert list(run_named(store, "actors-targets", {"actor": 'Cuba" } } ; DROP ALL #'})) == []
        assert store.remove_document("a.txt") is True
        assert set(store.documents()) == {"b.txt", "c.txt"}


@pytest.mark.model
def test_build_into_remote_store(writable_server, shared_dir, tmp_path):
    from kg.build import BuildOptions, build

    options = BuildOptions(html=False, progress=False, store=writable_server)
    first = build([shared_dir / "corpus" / "seeds"], tmp_path / "out", options)
    assert first.added == 3 and first.stored_claims > 0
    second = build([shared_dir / "corpus" / "seeds"], tmp_path / "out", options)
    assert second.unchanged == 3 and second.documents == 0
    rows = [json.loads(line) for line in (tmp_path / "out" / "claims.jsonl").read_text().splitlines()]
    assert len(rows) == first.stored_claims
    with open_store(writable_server) as store:
        found = [(str(r["target"]), str(r["evidence"])) for r in run_named(store, "actors-targets", {"actor": "Cuba"})]
        remote_quads = _canonical(store.quads())
    assert any("candidates" in target and "Florida" in evidence for target, evidence in found)

    # The same quads and claims as a build into a local store: one path into both.
    local = build([shared_dir / "corpus" / "seeds"], tmp_path / "local", BuildOptions(html=False, progress=False))
    assert local.stored_claims == first.stored_claims
    with open_store(tmp_path / "local" / "store", read_only=True) as store:
        assert _canonical(store.quads()) == remote_quads
    assert (tmp_path / "local" / "claims.jsonl").read_text() == (tmp_path / "out" / "claims.jsonl").read_text()


def _canonical(quads):
    # The named queries' kept answers (kg.summaries) live beside the claim rows, not in the
    # graph: an embedded store holds the same quads as a remote one.
    return chaos_module().canonical_quads(quads)
