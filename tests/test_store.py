"""The persistent store: incremental builds, replacement, removal, transactions (no spaCy)."""

from __future__ import annotations

import json

import pyoxigraph as ox
import pytest
from rdflib import Graph, Literal, URIRef

import kg
import kg.build
import kg.store.embedded
import kg.store.http
from kg.build import BuildOptions, DocumentResult, build
from kg.errors import StoreError
from kg.ontology import KGO
from kg.quads import document_quads
from kg.lexicon import load_lexicon
from kg.rdf import ONTOLOGY_GRAPH, document_graph, document_graph_iri, new_run
from kg.store import NamedGraph, open_store
from store_fixtures import chaos_module, claim, sample_documents

LEXICON = load_lexicon()


@pytest.fixture
def fake_extraction(monkeypatch):
    """Replace spaCy and the extractor: each line "Actor relation Object." is one claim."""
    processed: list[str] = []

    def process_documents(documents, options, run, problems, labels=None, actors=None):
        for document in documents:
            processed.append(document.id)
            claims, offset = [], 0
            for line in document.text.splitlines(keepends=True):
                words = line.split()
                if len(words) >= 3:
                    claims.append(claim(document.id, words[0], words[1], " ".join(words[2:]).rstrip("."),
                                        sentence=line.strip(), start=offset))  # fmt: skip
                offset += len(line)
            claims = tuple(claims)
            yield DocumentResult(document, len(claims), claims, document_quads(document, claims, run, LEXICON, labels).graph())

    monkeypatch.setattr(kg.build, "process_documents", process_documents)
    return processed


def write(folder, name, text):
    folder.mkdir(parents=True, exist_ok=True)
    (folder / name).write_text(text, encoding="utf-8")


def claims_rows(out):
    return [json.loads(line) for line in (out / "claims.jsonl").read_text().splitlines()]


OPTIONS = BuildOptions(html=False, progress=False)


def test_second_build_skips_unchanged_documents(tmp_path, fake_extraction):
    corpus, out = tmp_path / "corpus", tmp_path / "out"
    write(corpus, "a.txt", "Cuba denigrates candidates in Florida.\n")
    write(corpus, "b.txt", "Russia undermines the election.\nChina supports the party.\n")

    first = build([corpus], out, OPTIONS)
    assert (first.added, first.replaced, first.unchanged, first.stored_documents) == (2, 0, 0, 2)
    assert sorted(fake_extraction) == ["a.txt", "b.txt"]
    rows = claims_rows(out)
    assert [r["subject"]["text"] for r in rows] == ["Cuba", "Russia", "China"]

    fake_extraction.clear()
    second = build([corpus], out, OPTIONS)
    assert fake_extraction == []  # nothing parsed again
    assert (second.documents, second.unchanged, second.added, second.replaced) == (0, 2, 0, 0)
    assert not second.failed
    assert claims_rows(out) == rows
    assert "unchanged: 2" in second.summary()

    trig = Graph()
    trig.parse(out / "graph.trig", format="trig")  # a Dataset-free check that it parses


def test_changed_document_is_replaced_without_stale_triples(tmp_path, fake_extraction):
    corpus, out = tmp_path / "corpus", tmp_path / "out"
    write(corpus, "a.txt", "Cuba denigrates candidates in Florida.\n")
    write(corpus, "b.txt", "Russia undermines the election.\n")
    build([corpus], out, OPTIONS)
    write(corpus, "a.txt", "Iran targets voters.\n")

    report = build([corpus], out, OPTIONS)
    assert (report.replaced, report.unchanged, report.added) == (1, 1, 0)
    assert [r["subject"]["text"] for r in claims_rows(out)] == ["Iran", "Russia"]
    with open_store(out / "store", read_only=True) as store:
        graph = document_graph_iri("a.txt")
        texts = {str(row[0]) for row in store.query(f"SELECT ?t WHERE {{ GRAPH <{graph}> {{ ?c kgo:subjectText ?t }} }}")}
        assert texts == {"Iran"}  # Cuba's claim is gone, not merely joined by Iran's
        assert not store.query('ASK { ?c <https://w3id.org/kg/influence#subjectText> "Cuba" }').askAnswer
        # One rows record per document: the old version's was deleted.
        assert [e.sha256 for e in store.claim_rows.extractions()["a.txt"]] == [store.stored_hash("a.txt")]


def test_documents_not_given_again_stay_in_the_store(tmp_path, fake_extraction):
    out = tmp_path / "out"
    write(tmp_path / "one", "a.txt", "Cuba denigrates candidates.\n")
    write(tmp_path / "two", "b.txt", "Russia undermines the election.\n")
    build([tmp_path / "one"], out, OPTIONS)
    report = build([tmp_path / "two"], out, OPTIONS)
    assert report.stored_documents == 2
    assert {r["doc"] for r in claims_rows(out)} == {"a.txt", "b.txt"}


def test_remove_document(tmp_path, fake_extraction, capsys):
    from kg.cli import main

    corpus, out = tmp_path / "corpus", tmp_path / "out"
    write(corpus, "a.txt", "Cuba denigrates candidates.\n")
    write(corpus, "b.txt", "Russia undermines the election.\n")
    build([corpus], out, OPTIONS)
    assert main(["remove", "a.txt", "--store", str(out / "store")]) == 0
    assert main(["remove", "nope.txt", "--store", str(out / "store")]) == 1
    assert "nope.txt: not in the store" in capsys.readouterr().err
    with open_store(out / "store") as store:
        assert set(store.documents()) == {"b.txt"}
        assert not store.oxigraph.contains_named_graph(ox.NamedNode(document_graph_iri("a.txt")))
        rows, missing = store.rows()
        assert {r["doc"] for r in rows} == {"b.txt"} and missing == []
        assert "a.txt" not in store.claim_rows.extractions()


def test_replace_is_one_transaction(tmp_path):
    docs = sample_documents()
    with open_store(tmp_path / "store") as store:
        store.add_documents([g for _, _, g in docs])
        before = len(store)
        broken = Graph(identifier=docs[0][2].identifier)
        broken.add((URIRef("https://w3id.org/kg/id/doc/a.txt"), KGO.contentHash, Literal("new")))
        broken.add((URIRef("relative/iri"), KGO.fileName, Literal("x")))  # Oxigraph rejects it
        with pytest.raises(StoreError):
            store.replace_document(broken)
        # The DROP in the same request did not happen either.
        assert len(store) == before
        assert store.stored_hash("a.txt") == docs[0][0].sha256


def test_bulk_load_and_leftovers(tmp_path, monkeypatch):
    monkeypatch.setattr(kg.store.embedded, "BULK_MINIMUM", 1)
    docs = sample_documents()
    with open_store(tmp_path / "store") as store:
        # A graph left half-written (no content hash) by an interrupted bulk load ...
        partial = Graph(identifier=document_graph_iri("a.txt"))
        partial.add((URIRef("http://example.org/stale"), KGO.fileName, Literal("stale")))
        store.oxigraph.extend(NamedGraph.from_rdflib(partial).quads)
        assert store.stored_hash("a.txt") is None
        # ... is cleared when the document is added.
        store.add_documents([g for _, _, g in docs])
        assert store.documents() == {d.id: d.sha256 for d, _, _ in docs}
        assert not store.query('ASK { <http://example.org/stale> ?p ?o }').askAnswer
        assert len(store) == sum(len(g) for _, _, g in docs)


def test_ontology_loaded_once(tmp_path):
    with open_store(tmp_path / "store") as store:
        assert store.ensure_ontology() is True
        assert store.ensure_ontology() is False
        assert store.oxigraph.contains_named_graph(ox.NamedNode(ONTOLOGY_GRAPH))
        assert store.query("ASK { kgo:denigrates rdfs:subPropertyOf kgo:targets }").askAnswer


def test_one_writer_at_a_time(tmp_path):
    with open_store(tmp_path / "store"):
        with pytest.raises(StoreError, match="in use by another process"):
            open_store(tmp_path / "store")
        # Readers take no lock.
        with open_store(tmp_path / "store", read_only=True) as reader:
            with pytest.raises(StoreError, match="read-only"):
                reader.remove_document("a.txt")
    with open_store(tmp_path / "store"):  # released on close
        pass


def test_missing_store(tmp_path):
    with pytest.raises(StoreError, match="no kg store"):
        open_store(tmp_path / "nothing", read_only=True)


def test_a_damaged_store_is_a_clear_error_not_a_traceback(tmp_path, capsys):
    from kg.cli import main

    location = tmp_path / "store"
    with open_store(location) as store:
        store.ensure_ontology()
    for manifest in (location / "oxigraph").glob("MANIFEST-*"):
        manifest.write_bytes(b"\x00not a manifest" * 64)
    with pytest.raises(StoreError, match="damaged"):
        open_store(location)
    assert main(["query", "--store", str(location), "ASK { ?s ?p ?o }"]) == 1
    err = capsys.readouterr().err
    assert "damaged" in err and "Traceback" not in err


def test_a_remote_store_that_trickles_bytes_is_given_up_on(monkeypatch):
    import socket
    import threading

    from servers import free_port

    stop = threading.Event()
    listener = socket.create_server(("127.0.0.1", free_port()))

    def trickle():
        connection, _ = listener.accept()
        with connection:
            connection.recv(65536)
            connection.sendall(b"HTTP/1.1 200 OK\r\nContent-Type: application/sparql-results+json\r\n\r\n")
            # One byte at a time, each well inside a per-read timeout, never the end.
            while not stop.wait(0.1):
                try:
                    connection.sendall(b" ")
                except OSError:
                    return

    server = threading.Thread(target=trickle, daemon=True)
    server.start()
    monkeypatch.setattr(kg.store.http, "HTTP_TIMEOUT", 1.0)
    outcome: list[BaseException | None] = []

    def query():
        try:
            with open_store(f"http://127.0.0.1:{listener.getsockname()[1]}", read_only=True) as store:
                store.query("ASK { ?s ?p ?o }")
            outcome.append(None)
        except BaseException as err:  # noqa: BLE001 -- handed to the test thread
            outcome.append(err)

    client = threading.Thread(target=query, daemon=True)
    client.start()
    client.join(60)  # a hang guard, not a speed check: the deadline is 1 s
    stop.set()
    listener.close()
    assert outcome, "the query was still waiting after 60 s"
    assert isinstance(outcome[0], StoreError) and "did not answer within" in str(outcome[0])


def _outcome(out):
    """(store quads without run ids and times, claims.jsonl text) of a build folder."""
    return chaos_module().outcome(out)


def test_local_incremental_and_reextracted_builds_give_the_same_outputs(tmp_path, fake_extraction):
    corpus = tmp_path / "corpus"
    write(corpus, "a.txt", "Cuba denigrates candidates in Florida.\nRussia undermines the election.\n")
    write(corpus, "b.txt", "China supports the party.\n")
    write(corpus, "c.txt", "Iran targets voters.\n")
    build([corpus], tmp_path / "whole", OPTIONS)
    whole = _outcome(tmp_path / "whole")

    incremental = tmp_path / "incremental"
    build([corpus / "a.txt"], incremental, OPTIONS)
    build([corpus / "b.txt", corpus / "a.txt"], incremental, OPTIONS)
    build([corpus], incremental, OPTIONS)
    assert _outcome(incremental) == whole

    fake_extraction.clear()
    report = build([corpus], tmp_path / "whole", BuildOptions(html=False, progress=False, reextract=True))
    assert sorted(fake_extraction) == ["a.txt", "b.txt", "c.txt"]
    assert (report.reextracted, report.replaced, report.unchanged) == (3, 3, 0)
    assert "re-extracted 3 stored documents: 3 as asked (--reextract)" in report.summary()
    assert _outcome(tmp_path / "whole") == whole


def test_a_new_kg_version_or_pipeline_re_extracts_what_the_old_one_made(tmp_path, fake_extraction, monkeypatch):
    corpus, out = tmp_path / "corpus", tmp_path / "out"
    write(corpus, "a.txt", "Cuba denigrates candidates in Florida.\n")
    write(corpus, "b.txt", "Russia undermines the election.\n")
    build([corpus], out, OPTIONS)
    rows = claims_rows(out)
    with open_store(out / "store", read_only=True) as store:
        made = store.extractions()
    assert {e.version for e in made.values()} == {kg.__version__}

    fake_extraction.clear()
    monkeypatch.setattr(kg, "__version__", "99.0.0")
    report = build([corpus], out, OPTIONS)
    assert sorted(fake_extraction) == ["a.txt", "b.txt"]
    assert report.reextracted == 2 and f"2 made by kg {made['a.txt'].version} (this is 99.0.0)" in report.summary()
    assert claims_rows(out) == rows

    fake_extraction.clear()
    monkeypatch.setattr(kg.build, "model_identity", lambda name=None: "en_core_web_lg 3.8.0")
    report = build([corpus / "a.txt"], out, OPTIONS)  # only what is given is re-extracted
    assert fake_extraction == ["a.txt"]
    assert "1 made with" in report.summary() and "(this build uses en_core_web_lg 3.8.0)" in report.summary()
    with open_store(out / "store", read_only=True) as store:
        made = store.extractions()
    assert (made["a.txt"].version, made["a.txt"].model) == ("99.0.0", "en_core_web_lg 3.8.0")
    assert made["b.txt"].version == "99.0.0" and made["b.txt"].model != "en_core_web_lg 3.8.0"

    fake_extraction.clear()
    assert build([corpus / "a.txt"], out, OPTIONS).reextracted == 0 and fake_extraction == []


def test_a_store_without_extraction_records_is_re_extracted(tmp_path, fake_extraction):
    corpus, out = tmp_path / "corpus", tmp_path / "out"
    write(corpus, "a.txt", "Cuba denigrates candidates in Florida.\n")
    build([corpus], out, OPTIONS)
    rows = claims_rows(out)
    # As a store kept by an older kg (rows in files, not in claims.sqlite) looks:
    (out / "store" / "claims" / "claims.sqlite").unlink()
    fake_extraction.clear()
    report = build([corpus], out, OPTIONS)
    assert fake_extraction == ["a.txt"] and report.reextracted == 1
    assert "with no record of the kg version" in report.summary()
    assert claims_rows(out) == rows


def test_an_unchanged_rebuild_rewrites_nothing(tmp_path, fake_extraction):
    from kg.cli import main

    corpus, out = tmp_path / "corpus", tmp_path / "out"
    write(corpus, "a.txt", "Cuba denigrates candidates in Florida.\n")
    write(corpus, "b.txt", "Russia undermines the election.\n")
    first = build([corpus], out, OPTIONS)
    def written():
        return {name: ((out / name).stat().st_ino, (out / name).stat().st_mtime_ns) for name in ("claims.jsonl", "graph.trig")}

    outputs = written()

    second = build([corpus], out, OPTIONS)
    assert second.outputs_unchanged and "left as they were" in second.summary()
    assert written() == outputs  # not even rewritten the same
    assert (second.stored_documents, second.stored_claims) == (first.stored_documents, first.stored_claims)
    assert second.actors == first.actors

    # A change made between builds by another command is seen.
    assert main(["remove", "a.txt", "--store", str(out / "store")]) == 0
    third = build([corpus / "b.txt"], out, OPTIONS)
    assert not third.outputs_unchanged
    assert [r["doc"] for r in claims_rows(out)] == ["b.txt"]
    # So is an output that was deleted.
    (out / "graph.trig").unlink()
    assert not build([corpus / "b.txt"], out, OPTIONS).outputs_unchanged
    assert (out / "graph.trig").is_file()


def test_a_document_graph_ends_with_its_content_hash_for_the_bulk_loader():
    hash_predicate = ox.NamedNode(str(KGO.contentHash))
    for document, claims, rdflib_graph in sample_documents():
        graph = document_quads(document, claims, new_run(), LEXICON).graph()
        assert [(q.predicate, q.object.value) for q in graph.tail] == [(hash_predicate, document.sha256)]
        assert all(q.predicate != hash_predicate for q in graph.body)
        converted = NamedGraph.from_rdflib(rdflib_graph).marked_by(hash_predicate)
        assert [q.predicate for q in converted.tail] == [hash_predicate] and len(converted) == len(rdflib_graph)


def test_an_entity_no_summary_names_any_more_leaves_the_assertions_graph(tmp_path, nlp):
    from kg.corroboration import ASSERTIONS_GRAPH
    from kg.rdf import entity_iri

    corpus, out = tmp_path / "corpus", tmp_path / "out"
    write(corpus, "a.txt", "Cuba denigrated the candidates in Florida.\n")
    write(corpus, "b.txt", "Russia targeted the voters in Ohio.\n")
    build([corpus], out, OPTIONS)
    graph = ox.NamedNode(str(ASSERTIONS_GRAPH))

    def labelled(key):
        with open_store(out / "store", read_only=True) as store:
            return bool(store.matching(ox.NamedNode(str(entity_iri(key))), None, graph))

    assert labelled("cuba") and labelled("russia")
    write(corpus, "a.txt", "Iran denigrated the candidates in Florida.\n")
    build([corpus], out, OPTIONS)
    assert labelled("iran") and labelled("russia")
    assert not labelled("cuba")
