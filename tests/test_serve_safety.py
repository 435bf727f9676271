"""`kg serve` as a local web page would attack it, and as a service manager stops it.

The command runs in a subprocess, as a user starts it: the endpoint must refuse
federation (SERVICE makes no outbound request), unknown Host headers (DNS rebinding) and
pages of other origins, and SIGTERM must leave no Oxigraph server behind.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.error import HTTPError, URLError
from urllib.parse import quote, urlencode
from urllib.request import Request, urlopen

import pytest

from kg.errors import StoreError
from kg.serve import oxigraph_binary
from kg.store import open_store
from servers import free_port
from store_fixtures import sample_documents

pytestmark = [pytest.mark.server, pytest.mark.skipif(not Path("/proc/self").is_dir(), reason="finds processes through /proc")]


@pytest.fixture(scope="module")
def store_dir(tmp_path_factory):
    try:
        oxigraph_binary()
    except StoreError as err:
        pytest.skip(str(err))
    location = tmp_path_factory.mktemp("guard") / "store"
    with open_store(location) as store:
        store.ensure_ontology()
        store.add_documents([g for _, _, g in sample_documents()])
    return location


def start_kg_serve(store: Path, port: int, *extra: str) -> subprocess.Popen:
    """``kg serve`` in its own session, once it answers on ``port``."""
    process = subprocess.Popen(
        [sys.executable, "-m", "kg", "serve", "--store", str(store), "--port", str(port), *extra],
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, start_new_session=True,
    )  # fmt: skip
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and process.poll() is None:
        try:
            with urlopen(f"http://127.0.0.1:{port}/query?query=ASK%7B%7D", timeout=2) as response:
                response.read()
            return process
        except (URLError, OSError):
            time.sleep(0.1)
    stop_session(process)
    raise AssertionError(f"kg serve did not answer: {process.stderr.read() if process.stderr else ''}")


def stop_session(process: subprocess.Popen) -> None:
    """Kill whatever is left of a kg serve session (the test's own cleanup)."""
    for pid in session_members(process.pid):
        try:
            os.kill(pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
    if process.poll() is None:
        process.kill()
    process.wait()
    if process.stderr:
        process.stderr.close()


def session_members(session: int) -> list[int]:
    """Live (not zombie) processes of a session."""
    members = []
    for proc in Path("/proc").iterdir():
        if not proc.name.isdigit():
            continue
        try:
            fields = (proc / "stat").read_text().rsplit(")", 1)[1].split()
        except (OSError, IndexError):
            continue
        if int(fields[3]) == session and fields[0] != "Z":
            members.append(int(proc.name))
    return members


@pytest.fixture(scope="module")
def endpoint(store_dir):
    port = free_port()
    process = start_kg_serve(store_dir, port)
    try:
        yield port
    finally:
        stop_session(process)


@pytest.fixture
def listener():
    """An HTTP server that records every request it gets (where a SERVICE call would land)."""
    hits: list[str] = []

    class Record(BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802
            hits.append(self.path)
            self.send_response(500)
            self.end_headers()

        do_POST = do_GET

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", free_port()), Record)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/sparql", hits
    finally:
        server.shutdown()
        server.server_close()


def ask(port: int, query: str, *, how: str = "get", headers: dict[str, str] | None = None) -> tuple[int, str]:
    base = f"http://127.0.0.1:{port}/query"
    if how == "get":
        request = Request(f"{base}?query={quote(query)}", headers=headers or {})
    elif how == "form":
        request = Request(base, data=urlencode({"query": query}).encode(), headers=headers or {})
    else:
        request = Request(base, data=query.encode(), headers={"Content-Type": "application/sparql-query", **(headers or {})})
    request.add_header("Accept", "application/sparql-results+json")
    try:
        with urlopen(request, timeout=60) as response:
            return response.status, response.read().decode()
    except HTTPError as err:
        return err.code, err.read().decode()


@pytest.mark.parametrize("how", ["get", "form", "body"])
@pytest.mark.parametrize("template", [
    "SELECT * WHERE {{ SERVICE <{url}> {{ ?s ?p ?o }} }}",
    "select * where {{ ?a ?b ?c . service silent <{url}> {{ ?s ?p ?o }} }} LIMIT 1",
    "ASK {{ {{ SERVICE <{url}> {{ ?s ?p ?o }} }} UNION {{ ?x ?y ?z }} }}",
])  # fmt: skip
def test_federated_queries_are_refused_and_nothing_is_contacted(endpoint, listener, how, template):
    url, hits = listener
    status, body = ask(endpoint, template.format(url=url), how=how)
    assert status == 403 and "SERVICE" in body
    assert hits == []


def test_ordinary_queries_still_answer_even_with_the_word_service(endpoint):
    status, body = ask(endpoint, 'ASK { ?s ?p ?o FILTER(?o != "security service") }', how="body")
    assert status == 200 and '"boolean":true' in body.replace(" ", "")


@pytest.mark.parametrize("host", ["evil.example:{port}", "127.0.0.1.evil.example", "localhost:1", "attacker.test"])
def test_unknown_host_headers_are_refused(endpoint, host):
    status, _ = ask(endpoint, "ASK { ?s ?p ?o }", headers={"Host": host.format(port=endpoint)})
    assert status == 403
    status, _ = ask(endpoint, "ASK { ?s ?p ?o }", headers={"Host": f"localhost:{endpoint}"})
    assert status == 200


def test_pages_of_other_origins_are_refused(endpoint):
    status, _ = ask(endpoint, "ASK { ?s ?p ?o }", how="form", headers={"Origin": "http://evil.example"})
    assert status == 403
    status, _ = ask(endpoint, "ASK { ?s ?p ?o }", how="form", headers={"Origin": f"http://127.0.0.1:{endpoint}"})
    assert status == 200


def _refused(port: int) -> bool:
    with socket.socket() as sock:
        return sock.connect_ex(("127.0.0.1", port)) != 0


@pytest.mark.parametrize("writable", [False, True])
@pytest.mark.parametrize("how", [signal.SIGTERM, signal.SIGINT])
def test_a_signal_stops_the_oxigraph_child_too(store_dir, tmp_path, writable, how):
    store = tmp_path / "own" if writable else store_dir
    port = free_port()
    process = start_kg_serve(store, port, *(["--writable"] if writable else []))
    try:
        assert len(session_members(process.pid)) >= 2  # kg serve and its oxigraph
        os.kill(process.pid, how)  # to kg serve alone, as a service manager does
        process.wait(timeout=60)
        assert session_members(process.pid) == [], "a server outlived kg serve"
        assert _refused(port)
        if writable:
            with open_store(store) as opened:  # the lock is free again
                assert opened.documents() == {}
    finally:
        stop_session(process)


def test_a_build_is_refused_while_kg_serve_reads_the_store(store_dir, tmp_path):
    import shutil

    from kg.build import BuildOptions, build

    store_dir = Path(shutil.copytree(store_dir, tmp_path / "store"))  # served by this test alone
    port = free_port()
    process = start_kg_serve(store_dir, port)
    try:
        with pytest.raises(StoreError, match="served by kg serve"):
            open_store(store_dir)
        (tmp_path / "a.txt").write_text("Russia sought to denigrate the party.\n", encoding="utf-8")
        with pytest.raises(StoreError, match="served by kg serve"):
            build([tmp_path / "a.txt"], tmp_path / "out", BuildOptions(store=str(store_dir), html=False, progress=False))
        status, body = ask(port, "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }")
        assert status == 200
        os.kill(process.pid, signal.SIGTERM)  # kg serve stops its oxigraph and waits for it
        process.wait(timeout=60)
    finally:
        stop_session(process)
    with open_store(store_dir) as store:  # the server is gone, and so is its lock
        assert "a.txt" in store.documents()  # the sample documents, untouched
