"""Workbench latency: how long the pages of ``kg serve`` take on a store of 5,000 claims.

A synthetic store (200 documents x 25 claims, 40 actors, 1,000 targets, texts kept) is
built in a temporary folder; ``kg serve`` is started on it as a user would, and each page is
fetched twice (the first fetch reads the store through the oxigraph child). Then one claim
is rejected through the page's form and the entity page fetched again (the decision goes to
the file, into the store's curation graph while the child steps aside, and is applied over
the claims already read).

Run: ``python benchmarks/workbench_latency.py`` (needs no spaCy model).
"""

from __future__ import annotations

import hashlib
import re
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlencode
from urllib.request import Request, urlopen

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "tests"))


def build(store: Path) -> None:
    from _view_samples import make_claim

    from kg.model import Document
    from kg.rdf import document_graph, new_run
    from kg.store import open_store

    run = new_run()
    relations = ["targets", "denigrates", "supports", "uses"]
    with open_store(store) as kg:
        kg.ensure_ontology()
        graphs = []
        for d in range(200):
            name = f"doc{d:03d}.txt"
            claims = [
                make_claim(name, i * 100, f"Actor {(d + i) % 40}", "State", relations[i % 4], f"Target {(d * 25 + i) % 1000}",
                           "Audience", band=["likely", None, "very_likely"][i % 3])
                for i in range(25)
            ]  # fmt: skip
            text = "".join(c.sentence.ljust(100) for c in claims)
            doc = Document(name, name, text, hashlib.sha256(text.encode()).hexdigest(), date=f"2024-{1 + d % 12:02d}-01")
            graphs.append(document_graph(doc, claims, run))
            kg.write_text(name, doc.sha256, text)
        kg.add_documents(graphs)


def fetch(url: str, data: dict | None = None, origin: str | None = None) -> tuple[float, str]:
    body = urlencode(data).encode() if data else None
    request = Request(url, data=body, headers={"Origin": origin} if origin else {})
    started = time.perf_counter()
    with urlopen(request, timeout=120) as response:
        text = response.read().decode("utf-8")
    return time.perf_counter() - started, text


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        store = Path(tmp) / "store"
        started = time.perf_counter()
        build(store)
        print(f"built the store: {time.perf_counter() - started:.1f} s")
        with socket.socket() as sock:
            sock.bind(("127.0.0.1", 0))
            port = sock.getsockname()[1]
        base = f"http://127.0.0.1:{port}"
        server = subprocess.Popen([sys.executable, "-m", "kg", "serve", "--store", str(store), "--port", str(port)], cwd=REPO)
        try:
            for _ in range(100):
                try:
                    urlopen(base + "/static/workbench.css", timeout=1).read()
                    break
                except OSError:
                    time.sleep(0.2)
            for page in ("/", "/", "/entity/actor-7", "/entity/actor-7", "/doc/doc007.txt", "/graph", "/graph", "/search?q=actor"):
                seconds, _ = fetch(base + page)
                print(f"GET {page:<18} {seconds * 1000:7.0f} ms")
            _, html = fetch(base + "/entity/actor-7")
            token = re.search(r'name="csrf" value="([^"]+)"', html).group(1)
            claim = re.search(r'name="claim" value="([^"]+)"', html).group(1)
            seconds, _ = fetch(base + "/review", {"csrf": token, "claim": claim, "verdict": "reject", "back": "/entity/actor-7"}, base)
            print(f"POST /review (reject, then the page it returns to) {seconds * 1000:7.0f} ms")
            seconds, _ = fetch(base + "/entity/actor-7")
            print(f"GET /entity/actor-7 after the decision {seconds * 1000:7.0f} ms")
        finally:
            server.send_signal(signal.SIGTERM)
            server.wait(30)


if __name__ == "__main__":
    main()
