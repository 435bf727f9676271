"""How fast a large graph.html is built and becomes interactive in headless chromium.

Run from the repository root::

    /work/venv/bin/python benchmarks/render_large.py [--targets 3000] [--actors 150] [--claims 6000] [--out output/bench-large.html]

Synthesises claims (``--actors`` actors, ``--targets`` targets, ``--claims`` claims over
60 dated documents, random relations and likelihood bands) through :mod:`kg.rdf` into an
rdflib Dataset, then times each stage on the Python side (claim query, layout + page,
write) and, in Debian's chromium (headless, driven by selenium and chromedriver), the page:

* ``ready``: from navigation start to the first frame drawn (vis-network ``afterDrawing``,
  physics off), as ``performance.now()`` in the page;
* ``select + focus``: selecting a node, centring on it and the frame that follows;
* ``zoom``: ``moveTo`` a new scale and the frame that follows;
* ``filter``: keeping one actor's edges (DataView refresh) and the frame that follows.

The numbers are printed; nothing is asserted.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from rdflib import Dataset  # noqa: E402

from kg.records import LIKELIHOODS, read_claims  # noqa: E402
from kg.model import Claim, Document, Hedge, Mention, Predicate  # noqa: E402
from kg.ontology import RELATIONS  # noqa: E402
from kg.rdf import document_graph, new_run  # noqa: E402
from kg.render import graph_html  # noqa: E402

ACTOR_KINDS = ("State", "Organisation", "Group", "Person")
TARGET_KINDS = ("Candidate", "PoliticalParty", "Election", "Institution", "Audience", "Operation", "Instrument")


def synthesise(actors: int, targets: int, claims: int, seed: int = 0) -> Dataset:
    """A Dataset of ``claims`` claims in 60 documents; every target gets at least one."""
    rng = random.Random(seed)
    relations = sorted(RELATIONS)
    run = new_run()
    docs: dict[int, list[Claim]] = {d: [] for d in range(60)}
    for i in range(claims):
        t = i if i < targets else rng.randrange(targets)
        # A few actors are very busy, most are not: influence reporting looks like that.
        a = min(int(rng.paretovariate(1.2)) - 1, actors - 1)
        actor, target = f"Actor {a}", f"Target {t}"
        relation = rng.choice(relations)
        sentence = f"{actor} {relation} {target}, officials said."
        d = rng.randrange(60)
        start = len(docs[d]) * 100
        p = start + len(actor) + 1
        o = p + len(relation) + 1
        band = rng.choice((None, None, *LIKELIHOODS))
        docs[d].append(
            Claim(
                f"doc{d:03}.txt", start, start + len(sentence), sentence,
                Mention(actor, start, p - 1, actor, ACTOR_KINDS[a % len(ACTOR_KINDS)], f"actor-{a}"),
                Predicate(relation, relation, relation, p, o - 1),
                Mention(target, o, o + len(target), target, TARGET_KINDS[t % len(TARGET_KINDS)], f"target-{t}"),
                hedges=(Hedge(band.replace("_", " "), "likelihood", band),) if band else (),
                attribution="officials",
            )
        )  # fmt: skip
    dataset = Dataset()
    for d, items in docs.items():
        document = Document(f"doc{d:03}.txt", f"doc{d:03}.txt", "", "0" * 64, date=f"2020-{d % 12 + 1:02}-{d % 28 + 1:02}")
        g = document_graph(document, items, run)
        named = dataset.graph(g.identifier)
        named += g
    return dataset


def _browser(profile: str):
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = "/usr/bin/chromium"
    for flag in (
        "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
        "--disable-dev-shm-usage", "--window-size=1400,900", f"--user-data-dir={profile}",
    ):  # fmt: skip
        options.add_argument(flag)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    return webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)


_FRAME = """
const [action, done] = [arguments[0], arguments[arguments.length - 1]];
const t0 = performance.now();
kgNetwork.once("afterDrawing", () => done(performance.now() - t0));
const id = kgNodes.get().find(n => n.label === "Actor 0").id;
if (action === "select") { kgNetwork.selectNodes([id]); kgNetwork.focus(id, {scale: 1.0}); }
if (action === "zoom") { kgNetwork.moveTo({scale: 0.15}); }
if (action === "filter") { kgFilter({actor: id}); kgNetwork.redraw(); }
if (action === "unfilter") { kgFilter({}); kgNetwork.redraw(); }
"""


def measure_page(path: Path, screenshot: Path | None) -> dict[str, float]:
    """Load the page in headless chromium and time it; returns milliseconds per step."""
    with tempfile.TemporaryDirectory() as profile:
        driver = _browser(profile)
        try:
            driver.set_script_timeout(60)
            t0 = time.perf_counter()
            driver.get(path.resolve().as_uri())
            while not driver.execute_script("return window.kgReady === true"):
                if time.perf_counter() - t0 > 120:
                    raise TimeoutError("the page was not ready within 120 s")
                time.sleep(0.02)
            wall = (time.perf_counter() - t0) * 1000
            result = {
                "nodes": driver.execute_script("return kgNodes.length"),
                "edges": driver.execute_script("return kgEdges.length"),
                "ready (page clock)": driver.execute_script("return window.kgReadyAt"),
                "ready (wall, incl. webdriver)": wall,
                "physics": driver.execute_script("return kgNetwork.physics.options.enabled"),
            }
            for action in ("select", "zoom", "filter", "unfilter"):
                result[f"{action} → frame"] = driver.execute_async_script(_FRAME, action)
            errors = [e for e in driver.get_log("browser") if e["level"] == "SEVERE"]
            result["console errors"] = len(errors)
            if screenshot:
                driver.execute_script("kgNetwork.fit()")
                time.sleep(0.5)
                driver.save_screenshot(str(screenshot))
            return result
        finally:
            driver.quit()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--actors", type=int, default=150)
    parser.add_argument("--targets", type=int, default=3000)
    parser.add_argument("--claims", type=int, default=6000)
    parser.add_argument("--out", type=Path, default=REPO / "output" / "bench-large.html")
    parser.add_argument("--screenshot", type=Path, default=REPO / "output" / "bench-large.png")
    parser.add_argument("--no-browser", action="store_true", help="only time the Python side")
    args = parser.parse_args(argv)

    times: dict[str, float] = {}
    t = time.perf_counter()
    dataset = synthesise(args.actors, args.targets, args.claims)
    times["synthesise claims → RDF"] = time.perf_counter() - t
    t = time.perf_counter()
    n = len(read_claims(dataset))
    times[f"claim query ({n} claims, rdflib memory)"] = time.perf_counter() - t
    try:
        from kg.store import open_store
    except ModuleNotFoundError:
        open_store = None
    if open_store is not None:
        with open_store(None) as store:
            store.add_documents([g for g in dataset.graphs() if len(g)])
            t = time.perf_counter()
            n = len(read_claims(store.to_dataset()))
            times[f"claim query ({n} claims, Oxigraph store)"] = time.perf_counter() - t
    t = time.perf_counter()
    page = graph_html(dataset, title="kg benchmark: large graph")
    times["query + layout + page"] = time.perf_counter() - t
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(page, encoding="utf-8")
    print(f"page: {args.out} ({len(page) / 1e6:.1f} MB)")
    for name, seconds in times.items():
        print(f"  {name:45s} {seconds:7.2f} s")
    if args.no_browser:
        return 0
    print("headless chromium:")
    for name, value in measure_page(args.out, args.screenshot).items():
        shown = f"{value:9.0f} ms" if isinstance(value, float) else json.dumps(value)
        print(f"  {name:45s} {shown}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
