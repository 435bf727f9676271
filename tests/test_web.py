"""kg.web: the workbench's pages, review writes and their guards, through Starlette's TestClient."""

from __future__ import annotations

import contextlib
import json
import re

import pytest
from starlette.testclient import TestClient

from rdflib import Graph, Literal
from rdflib.namespace import SKOS

from kg.curation import load_decisions, mirror_into_store
from kg.ontology import KGO, KGR
from kg.rdf import claim_iri, document_iri
from kg.records import read_decisions
from kg.store import open_store
from kg.web.app import CSP, create_app
from kg.web.workbench import Workbench, highlight

from _view_samples import HOSTILE_ENTITY, HOSTILE_SENTENCE, make_claim
from store_fixtures import sample_documents

TOKEN = "test-token"


def build_store(location, documents, graphs=()):
    """A store holding (Document, claims, graph) triples, with the documents' texts, and more named graphs."""
    with open_store(location) as store:
        store.ensure_ontology()
        store.add_documents([g for _, _, g in documents])
        for document, _, _ in documents:
            store.write_text(document.id, document.sha256, document.text)
        for graph in graphs:
            store.replace_graph(graph)
    return location


def make_client(location, decisions_path, *, sparql_url=None):
    @contextlib.contextmanager
    def reading():
        with open_store(location, read_only=True) as store:
            yield store

    def mirror(decisions):
        with open_store(location) as store:
            mirror_into_store(store, decisions)

    workbench = Workbench(reading, decisions_path, mirror=mirror)
    app = create_app(workbench, sparql_url=sparql_url, token=TOKEN, allowed_hosts=["testserver", "127.0.0.1"])
    return TestClient(app)


@pytest.fixture
def sample(tmp_path):
    location = build_store(tmp_path / "out" / "store", sample_documents())
    return make_client(location, tmp_path / "out" / "decisions.tsv"), location


def hostile_documents():
    from kg.model import Document
    from kg.rdf import document_graph, new_run

    doc = "hostile <script>.txt"
    text = HOSTILE_SENTENCE + " " * (200 - len(HOSTILE_SENTENCE)) + f"{HOSTILE_ENTITY} denigrates Joe Biden."
    claims = [
        make_claim(doc, 0, "Russia", "State", "targets", HOSTILE_ENTITY, "Audience", band="likely",
                   sentence=HOSTILE_SENTENCE, attribution="<svg onload=alert(3)>"),
        make_claim(doc, 200, HOSTILE_ENTITY, "Organisation", "denigrates", "Joe Biden", "Candidate", hedge="</script>"),
    ]  # fmt: skip
    document = Document(doc, doc, text, "f" * 64, date="2023-01-01", title="<b>title</b><script>alert(5)</script>")
    graph = document_graph(document, claims, new_run())
    # A hostile source chain: publisher and original source, and the assertion both claims are evidence for.
    graph.add((document_iri(doc), KGO.publisher, HOSTILE_PUBLISHER_IRI))
    graph.add((HOSTILE_PUBLISHER_IRI, SKOS.prefLabel, Literal(HOSTILE_PUBLISHER)))
    graph.add((HOSTILE_SOURCE_IRI, SKOS.prefLabel, Literal(HOSTILE_SOURCE)))
    for claim in claims:
        graph.add((claim_iri(claim), KGO.originalSource, HOSTILE_SOURCE_IRI))
        graph.add((claim_iri(claim), KGO.evidenceFor, HOSTILE_ASSERTION_IRI))
    return [(document, claims, graph)]


HOSTILE_PUBLISHER = "<svg onload=alert(7)>"
HOSTILE_SOURCE = "<img src=x onerror=alert(6)>"
HOSTILE_PUBLISHER_IRI = KGR["publisher/hostile"]
HOSTILE_SOURCE_IRI = KGR["source/hostile"]
HOSTILE_ASSERTION_IRI = KGR["assertion/hostile"]
#: A rating of the hostile source, as the decisions file holds it.
HOSTILE_RATING = "2026-12-02T09:00:00Z\tann\trate\tsource/hostile\tB\t\n"


def hostile_assertions() -> Graph:
    """The assertions graph of :func:`hostile_documents`: a summary whose labels are markup."""
    from kg.corroboration import ASSERTIONS_GRAPH

    g = Graph(identifier=ASSERTIONS_GRAPH)
    a, source = HOSTILE_ASSERTION_IRI, KGR["independent/source/hostile"]
    for p, o in (
        (SKOS.prefLabel, Literal("<script>alert(8)</script> targets voters")),
        (KGO.documentCount, Literal(1)), (KGO.independentSourceCount, Literal(1)), (KGO.disputed, Literal(True)),
        (KGO.independentSource, source), (KGO.strongestLikelihood, KGO.Likely), (KGO.weakestLikelihood, KGO.Likely),
    ):  # fmt: skip
        g.add((a, p, o))
    g.add((source, SKOS.prefLabel, Literal(HOSTILE_SOURCE)))
    return g


def test_highlight_marks_each_part_once():
    assert highlight("a b a", [("a", "x"), ("a", "y")]) == [("a", "x"), (" b ", None), ("a", "y")]
    assert highlight("Russia", [("nothing", "x"), (None, "y")]) == [("Russia", None)]
    assert highlight("", []) == [("", None)]


def test_home_search_entity_and_document(sample):
    client, _ = sample
    home = client.get("/")
    assert home.status_code == 200 and home.headers["content-security-policy"] == CSP
    assert re.search(r'href="/entity/russia">Russia</a>', home.text)
    assert 'href="/doc/a.txt"' in home.text
    found = client.get("/search", params={"q": "rus"})
    assert 'href="/entity/russia"' in found.text and "Cuba" not in found.text
    page = client.get("/entity/Russia")  # a label works as well as the key
    assert page.status_code == 200
    # The claim's words are marked in its sentence, with its evidence beside it.
    assert '<mark class="kg-actor">Russia</mark>' in page.text and '<mark class="kg-predicate">undermine</mark>' in page.text
    assert "ICD 203: <strong>likely</strong>" in page.text
    assert "not asserted" in page.text  # the negated claim is shown, and marked
    doc = client.get("/doc/a.txt")
    assert doc.status_code == 200
    # The fixture's third claim says it starts at 160, past the end of its short text:
    # listed beside the text, but not marked in it.
    assert doc.text.count('<mark class="kg-claimed') == 2 and doc.text.count('class="kg-claim"') == 3
    assert 'id="s80"' in doc.text  # the anchor a claim's document link points to
    assert client.get("/entity/nobody").status_code == 404
    assert client.get("/doc/none.txt").status_code == 404


def test_reject_needs_the_token_and_hides_the_claim(sample, tmp_path):
    client, location = sample
    page = client.get("/entity/cuba").text
    claim = re.search(r'name="claim" value="([^"]+)"', page).group(1)
    form = {"claim": claim, "verdict": "reject", "back": "/entity/cuba"}
    assert client.post("/review", data=form).status_code == 403
    assert client.post("/review", data={**form, "csrf": "guess"}).status_code == 403
    cross = client.post("/review", data={**form, "csrf": TOKEN}, headers={"Origin": "http://evil.example"})
    assert cross.status_code == 403
    assert len(load_decisions(tmp_path / "out" / "decisions.tsv")) == 0
    done = client.post("/review", data={**form, "csrf": TOKEN}, follow_redirects=False)
    assert done.status_code == 303 and done.headers["location"] == "/entity/cuba"
    after = client.get("/entity/cuba").text
    assert claim not in after and "1 rejected claims hidden" in after
    shown = client.get("/entity/cuba", params={"rejected": "1"}).text
    assert claim in shown and "rejected by " in shown
    decisions = load_decisions(tmp_path / "out" / "decisions.tsv")
    assert [d.action for d in decisions] == ["reject"] and decisions.items[0].who
    with open_store(location, read_only=True) as store:
        assert read_decisions(store).items == decisions.items  # mirrored into the store
    # A redirect goes to this server only.
    evil = client.post("/review", data={**form, "verdict": "confirm", "csrf": TOKEN, "back": "//evil.example/"},
                       follow_redirects=False)  # fmt: skip
    assert evil.headers["location"] == "/"


def test_merge_split_rename_from_the_page(sample):
    client, _ = sample
    assert client.post("/entity/cuba/merge", data={"into": "Russia", "csrf": TOKEN}, follow_redirects=False).status_code == 303
    russia = client.get("/entity/russia").text
    assert "Also called:</strong> Cuba" in russia and "merge cuba into russia" in russia
    assert client.get("/entity/cuba").status_code == 200  # the old key still finds the entity it joined
    assert client.post("/entity/russia/split", data={"alias": "Cuba", "csrf": TOKEN}).status_code == 200
    assert "Cuba" in client.get("/entity/split-cuba").text
    bad = client.post("/entity/russia/split", data={"alias": "Narnia", "csrf": TOKEN})
    assert bad.status_code == 400 and "not an alias" in bad.text
    client.post("/entity/china/rename", data={"label": "PRC", "csrf": TOKEN})
    assert '<h1 id="kg-entity-label">PRC</h1>' in client.get("/entity/china").text
    assert client.post("/entity/china/rename", data={"label": "x"}).status_code == 403


def test_only_decisions_can_be_written(sample):
    client, _ = sample
    assert client.post("/", data={"csrf": TOKEN}).status_code == 405
    assert client.post("/entity/russia", data={"csrf": TOKEN}).status_code == 405
    assert client.get("/query", params={"query": "ASK {}"}).status_code == 503  # no endpoint behind this one
    assert client.post("/query", data={"update": "DROP ALL"}).status_code == 403
    assert client.post("/query", content="DROP ALL", headers={"Content-Type": "application/sparql-update"}).status_code == 403


def test_unknown_host_is_refused(sample):
    client, _ = sample
    assert client.get("/", headers={"Host": "attacker.example"}).status_code == 403


def test_graph_page_and_console(sample):
    client, _ = sample
    graph = client.get("/graph")
    assert graph.status_code == 200
    assert graph.headers["content-security-policy"].startswith("default-src 'none'; script-src 'sha256-")
    assert '"entity_url":"/entity/"' in graph.text  # nodes link to their pages in the workbench
    narrowed = client.get("/graph", params={"actor": "Cuba"}).text
    assert "actor Cuba" in narrowed
    assert client.get("/graph", params={"min_likelihood": "sometimes"}).status_code == 400
    console = client.get("/sparql").text
    config = json.loads(re.search(r'<script type="application/json" id="kg-sparql-config">(.*?)</script>', console).group(1))
    assert "PREFIX kgo: <https://w3id.org/kg/influence#>" in config["example"]
    assert config["prefixes"]["kgo"] == "https://w3id.org/kg/influence#"  # results shortened to kgo:Likely
    assert "/static/sparql.js" in console and "/static/vendor/yasgui/yasgui.min.js" in console
    # YASGUI is served from here, with its licence beside it.
    for name in ("yasgui.min.js", "yasgui.min.css", "LICENSE"):
        assert client.get(f"/static/vendor/yasgui/{name}").status_code == 200, name
    assert "MIT License" in client.get("/static/vendor/yasgui/LICENSE").text
    assert client.get("/static/workbench.css").status_code == 200
    assert client.get("/vis/vis-network.min.js").status_code == 200
    assert client.get("/vis/../../etc/passwd").status_code == 404


def test_hostile_text_is_inert_on_every_page(tmp_path):
    location = build_store(tmp_path / "store", hostile_documents(), [hostile_assertions()])
    (tmp_path / "decisions.tsv").write_text(HOSTILE_RATING, encoding="utf-8")
    client = make_client(location, tmp_path / "decisions.tsv")
    key = "img-src-x-onerror-alert-1"
    pages = ["/", "/search?q=img", f"/entity/{key}", "/entity/russia", "/doc/hostile%20%3Cscript%3E.txt", "/sparql"]
    for url in pages:
        response = client.get(url)
        assert response.status_code == 200, url
        body = response.text
        # Markup from documents arrives as text: escaped in HTML, \u003c in the JSON block.
        for raw in ("<img src=x", "<svg onload", "<script>alert", "<b>voters</b>", "<b>title</b>"):
            assert raw not in body, (url, raw)
        assert len(re.findall(r"<script\b", body)) == len(re.findall(r"<script (?:src=\"/|type=\"application/json\")", body)), url
    assert "&lt;img src=x onerror=alert(1)&gt;" in client.get(f"/entity/{key}").text
    russia = client.get("/entity/russia").text
    assert "&lt;svg onload=alert(3)&gt;" in russia
    # The new parts of the page -- assertion, source chain, rating -- show the markup as text too.
    assert "&lt;script&gt;alert(8)&lt;/script&gt; targets voters" in russia
    assert "&lt;svg onload=alert(7)&gt;" in russia and "rated B" in russia


def test_query_proxy_refuses_service_and_foreign_pages(tmp_path):
    location = build_store(tmp_path / "store", sample_documents())
    # Nothing listens there: a refused request never gets as far as forwarding.
    client = make_client(location, tmp_path / "decisions.tsv", sparql_url="http://127.0.0.1:9/query")
    federated = "SELECT * WHERE { SERVICE <http://example.org/sparql> { ?s ?p ?o } }"
    assert client.get("/query", params={"query": federated}).status_code == 403
    assert client.post("/query", data={"query": federated}).status_code == 403
    sent = client.post("/query", content=federated, headers={"Content-Type": "application/sparql-query"})
    assert sent.status_code == 403 and "SERVICE" in sent.text
    foreign = client.get("/query", params={"query": "ASK {}"}, headers={"Origin": "http://evil.example"})
    assert foreign.status_code == 403
    # A literal that says "service" is no federated query: it is forwarded (and fails: nothing listens).
    assert client.get("/query", params={"query": 'ASK { ?s ?p "Federal Security Service" }'}).status_code == 502


def test_a_hand_edited_decisions_file_shows_at_once(sample, tmp_path):
    from kg.curation import Decisions, decision, save_decisions

    client, _ = sample
    assert "Also called:</strong> Cuba" not in client.get("/entity/russia").text
    save_decisions(tmp_path / "out" / "decisions.tsv", Decisions((decision("merge", "cuba", "russia", who="ed"),)))
    assert "Also called:</strong> Cuba" in client.get("/entity/russia").text


def test_affiliation_chain_and_parts(tmp_path):
    """A unit's page climbs to its service and state; the service's page lists the unit."""
    from kg.model import Document
    from kg.rdf import document_graph, new_run

    claim = make_claim("gru.txt", 0, "Unit 74455", "MilitaryUnit", "undermines", "the Olympic Games", "Target")
    document = Document("gru.txt", "gru.txt", claim.sentence, "e" * 64, date="2024-02-01")
    location = build_store(tmp_path / "store", [(document, [claim], document_graph(document, [claim], new_run()))])
    client = make_client(location, tmp_path / "decisions.tsv")
    unit = client.get("/entity/unit-74455").text
    chain = re.search(r"Affiliated with:</strong>(.*?)</p>", unit, re.S).group(1)
    assert re.findall(r'href="/entity/([^"]+)"', chain) == ["gru", "russia"]
    service = client.get("/entity/gru")  # no claim of its own, found through its unit
    assert service.status_code == 200 and 'href="/entity/unit-74455">Unit 74455</a> (1 claim)' in service.text


def test_an_unreadable_store_is_a_page_that_says_so(tmp_path):
    from kg.errors import StoreError

    @contextlib.contextmanager
    def broken():
        raise StoreError("cannot reach the store http://127.0.0.1:9/query")
        yield  # pragma: no cover

    app = create_app(Workbench(broken, tmp_path / "decisions.tsv"), token=TOKEN, allowed_hosts=["testserver"])
    answer = TestClient(app).get("/")
    assert answer.status_code == 503 and "cannot reach the store" in answer.text
