"""Latency of kg's named queries: kept answers (kg.summaries) vs the .rq in full, and rdflib's memory store.

Run from the repository root::

    .venv/bin/python benchmarks/query_latency.py --triples 1000000 --no-rdflib --no-full

Columns, each the median of ``--repeat`` runs with the whole result read:

``kg query``
    What ``kg query NAME`` does once the store is open: the kept answer read
    (:func:`kg.summaries.answer_rows`) and written as a table (:func:`kg.query.format_rows`),
    or, for a query whose answer is not kept, the ``.rq`` run and its result formatted.
``kept rows``
    :func:`kg.summaries.answer_rows` alone: the kept rows, in order, as Python values.
``run_named``
    :func:`kg.query.run_named`: the same answer as an rdflib result (a term per value).
``.rq in full``
    The ``.rq`` run by pyoxigraph directly (what every query cost before; unless ``--no-full``).
``rdflib-memory``
    The ``.rq`` on rdflib's memory store (unless ``--no-rdflib``).

It generates a synthetic store of realistic claim graphs (``kg.rdf.document_graph`` on
random claims: actors, targets, relations of every family, hedges with ICD 203 bands,
attributions, dates), loads it into a temporary Oxigraph store (bulk loader) and into an
rdflib memory Dataset, keeps the answers from scratch (timed, CPU time too), replaces one
document (timed), and times every named query on each: median wall time of ``--repeat``
runs with the whole result read. With ``--seed-store`` the same queries are timed on a
store built from the seed articles (``kg build ../shared/corpus/seeds``). 1M triples in
rdflib's memory store takes a few GB and about a minute to load.
"""

from __future__ import annotations

import argparse
import hashlib
import random
import resource
import statistics
import sys
import tempfile
import time
from urllib.parse import unquote
from collections.abc import Callable
from pathlib import Path

import pyoxigraph as ox
from rdflib import Dataset

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from kg.model import Claim, Document, Hedge, Mention, Predicate  # noqa: E402
from kg.ontology import LIKELIHOOD_BANDS, RELATIONS  # noqa: E402
from kg.query import bind_params, format_result, format_rows, get_named, named_queries, run_named, run_query  # noqa: E402
from kg.rdf import document_graph, load_ontology, new_run  # noqa: E402
from kg.store import KGStore, open_store  # noqa: E402
from kg.summaries import KEPT, answer_rows, refresh_summaries, summarised  # noqa: E402

#: Parameters for the queries that take them (the first actor is the most frequent).
PARAMS = {
    "actor-activity": {"actor": "Actor 0"},
    "claims-by-relation": {"relation": "targets"},
    "actors-targets": {},
    "tactics-instruments": {},
    "timeline": {"actor": "Actor 0"},
    "actor-rollup": {"actor": "Actor 0"},
}
#: The named queries to time (None: all of them).
QUERIES: list[str] | None = None
#: The actor–target overview of one actor: the busiest (Actor 0) and a middling one.
OVERVIEW_ACTORS = ("Actor 0", "Actor 75")
SOURCES = ["ODNI", "FBI", "Microsoft", "Meta", "Graphika", "Mandiant", "EU DisinfoLab", "Reuters"]
KINDS = ["Candidate", "PoliticalParty", "Election", "Institution", "Audience", "Instrument", "Tactic", "Operation"]


def synthetic_graphs(n_triples: int, seed: int = 7):
    """Yield document graphs until about ``n_triples`` triples have been made."""
    rng = random.Random(seed)
    run = new_run()
    relations = sorted(RELATIONS)
    actors = [f"Actor {i}" for i in range(150)]
    weights = [1 / (i + 1) for i in range(len(actors))]  # a few actors dominate, as in reporting
    targets = [(f"target {i}", rng.choice(KINDS)) for i in range(3000)]
    made, n = 0, 0
    while made < n_triples:
        doc_id = f"doc_{n:06d}.txt"
        claims = []
        for k in range(rng.randint(20, 60)):
            actor = rng.choices(actors, weights)[0]
            target, kind = rng.choice(targets)
            relation = rng.choice(relations) if rng.random() > 0.1 else None
            lemma = relation or rng.choice(["praise", "mention", "visit"])
            hedges = ()
            if rng.random() < 0.3:
                band = rng.choice(list(LIKELIHOOD_BANDS))
                hedges = (Hedge(band.replace("_", " "), "likelihood", likelihood=band),)
            source = rng.choice(SOURCES) if rng.random() < 0.5 else None
            start = k * 200
            sentence = f"{actor} sought to {lemma} {target} in a synthetic sentence number {k}."
            claims.append(
                Claim(
                    doc_id, start, start + len(sentence), sentence,
                    Mention(actor, start, start + len(actor), actor, "State", actor.lower().replace(" ", "-")),
                    Predicate(lemma, lemma, relation, start + 10, start + 20),
                    Mention(target, start + 30, start + 30 + len(target), target, kind, target.replace(" ", "-")),
                    negated=rng.random() < 0.05, hedges=hedges,
                    attribution=f"the {source}" if source else None, attribution_label=source,
                    confidence=rng.random(),
                )
            )  # fmt: skip
        date = f"20{rng.randint(16, 24)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
        document = Document(doc_id, doc_id, "", hashlib.sha256(doc_id.encode()).hexdigest(), date)
        graph = document_graph(document, claims, run)
        made += len(graph)
        n += 1
        yield graph


#: What a run is timed with: wall time, or (``--cpu``) this process's CPU time, which the
#: other jobs of a shared machine disturb far less.
CLOCK: Callable[[], float] = time.perf_counter


def median_ms(run: Callable[[], object], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = CLOCK()
        run()
        times.append((CLOCK() - start) * 1000)
    return statistics.median(times)


def time_queries(
    store: KGStore | None,
    memory: Dataset | None,
    repeat: int,
    rdflib_repeat: int,
    rdflib_only: set[str] | None = None,
    full: bool = True,
) -> dict[str, dict[str, float]]:
    """name → {column: median ms}."""
    out: dict[str, dict[str, float]] = {}
    for name in QUERIES or named_queries():
        params = PARAMS.get(name, {})
        times: dict[str, float] = {}
        if store is not None:
            query = get_named(name)
            bindings = bind_params(query, params, store)
            times["kg query"] = median_ms(lambda: kg_query(store, name, params), repeat)
            if summarised(store, name):
                times["kept rows"] = median_ms(lambda: answer_rows(store, name, bindings), repeat)
            times["run_named"] = median_ms(lambda: list(run_named(store, name, params)), repeat)
            subs = {ox.Variable(k): ox.NamedNode(v) if v.__class__.__name__ == "URIRef" else _ox_literal(v) for k, v in bindings.items()}
            if full:
                times[".rq in full"] = median_ms(
                    lambda: list(store.oxigraph.query(query.text, use_default_graph_as_union=True, substitutions=subs)), repeat
                )
        if memory is not None and (rdflib_only is None or name in rdflib_only):
            times["rdflib-memory"] = median_ms(lambda: list(run_named(memory, name, params)), rdflib_repeat)
        out[name] = times
        print(f"  {name}: " + ", ".join(f"{k} {v:.1f} ms" for k, v in times.items()), file=sys.stderr, flush=True)
    return out


def kg_query(store: KGStore, name: str, params: dict[str, str]) -> str:
    """What ``kg query --name NAME`` prints, once the store is open (kg.query.answer_query)."""
    bindings = bind_params(get_named(name), params, store)
    if summarised(store, name):
        return format_rows(answer_rows(store, name, bindings))
    return format_result(run_query(store, get_named(name).text, bindings))


def _ox_literal(term):
    if term.language:
        return ox.Literal(str(term), language=term.language)
    return ox.Literal(str(term), datatype=ox.NamedNode(term.datatype) if term.datatype else None)


def print_table(title: str, results: dict[str, dict[str, float]]) -> None:
    engines = ["kg query", "kept rows", "run_named", ".rq in full", "rdflib-memory"]
    print(f"\n{title}")
    print(f"{'query':<22}" + "".join(f"{e:>16}" for e in engines))
    for name, times in results.items():
        cells = "".join(f"{times[e]:>13.1f} ms" if e in times else f"{'-':>16}" for e in engines)
        print(f"{name:<22}{cells}")


def _print_overview(store: KGStore, repeat: int) -> None:
    for actor in OVERVIEW_ACTORS:
        rows = len(run_named(store, "actors-targets", {"actor": actor}).bindings)
        ms = median_ms(lambda: kg_query(store, "actors-targets", {"actor": actor}), repeat)
        print(f"actors-targets --param actor={actor!r}: {rows} rows, kg query {ms:.1f} ms")


def _keep_answers(store: KGStore, documents: list[str] | None, doing: str) -> None:
    """Keep the answers (timed in wall and CPU time) and say what the rows file weighs."""
    start, cpu = time.perf_counter(), time.process_time()
    groups = refresh_summaries(store, documents)
    wall, cpu = time.perf_counter() - start, time.process_time() - cpu
    size = sum(f.stat().st_size for f in Path(store.claim_rows.folder).glob("claims.sqlite*")) if store.claim_rows.folder else 0
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(
        f"{doing}: {wall:.2f} s wall, {cpu:.2f} s CPU, {groups} rows and groups; claims.sqlite {size / 1e6:.1f} MB; "
        f"peak RSS so far {peak:.0f} MB",
        file=sys.stderr,
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--triples", type=int, default=1_000_000, help="size of the synthetic store (default 1M)")
    parser.add_argument("--repeat", type=int, default=5, help="runs per query on Oxigraph (median reported)")
    parser.add_argument("--rdflib-repeat", type=int, default=1, help="runs per query on rdflib's memory store")
    parser.add_argument("--no-rdflib", action="store_true", help="skip rdflib's memory store on the synthetic store")
    parser.add_argument(
        "--rdflib-queries", metavar="NAMES",
        help="comma-separated named queries to time on rdflib's memory store (default: all); at 1M triples "
        "rdflib needs minutes per grouped query",
    )  # fmt: skip
    parser.add_argument("--seed-store", help="also time the queries on this store folder (a seed build)")
    parser.add_argument(
        "--store", metavar="DIR",
        help="time this store folder instead of generating one (e.g. one kept with --keep); its summaries "
        "are made first when it has none",
    )  # fmt: skip
    parser.add_argument("--keep", metavar="DIR", help="generate the synthetic store into DIR and keep it")
    parser.add_argument("--no-full", action="store_true", help="skip the .rq in full (minutes per run at 1M for some)")
    parser.add_argument("--queries", metavar="NAMES", help="comma-separated named queries to time (default: all)")
    parser.add_argument("--cpu", action="store_true", help="time in CPU seconds of this process, not wall time")
    args = parser.parse_args(argv)
    if args.cpu:
        global CLOCK
        CLOCK = time.process_time
    if args.queries:
        global QUERIES
        QUERIES = args.queries.split(",")
    if args.store:
        with open_store(args.store) as store:
            _keep_answers(store, [], "kept answers it lacked made")
            results = time_queries(store, None, args.repeat, args.rdflib_repeat, full=not args.no_full)
            _print_overview(store, args.repeat)
            print_table(f"Store {args.store} ({len(store)} quads): median {'CPU ' if args.cpu else ''}ms", results)
        return 0

    if args.seed_store:
        with open_store(args.seed_store, read_only=True) as seed:
            n = len(seed)
            print(f"seed store {args.seed_store}: {n} quads", file=sys.stderr)
            # Parameters that exist in the seed build.
            PARAMS.update({"actor-activity": {"actor": "Cuba"}, "timeline": {"actor": "Cuba"}, "actor-rollup": {"actor": "Cuba"}})
            seed_results = time_queries(seed, seed.snapshot(), args.repeat, args.repeat, full=not args.no_full)
        print_table(f"Seed store ({n} quads): median ms", seed_results)
        PARAMS.update({"actor-activity": {"actor": "Actor 0"}, "timeline": {"actor": "Actor 0"}, "actor-rollup": {"actor": "Actor 0"}})

    with tempfile.TemporaryDirectory(prefix="kg-bench-") as tmp:
        if args.keep:
            tmp = args.keep
        start = time.perf_counter()
        graphs = list(synthetic_graphs(args.triples))
        made = time.perf_counter() - start
        total = sum(len(g) for g in graphs)
        print(f"generated {len(graphs)} documents, {total} triples in {made:.1f} s", file=sys.stderr)
        with open_store(Path(tmp) / "store") as store:
            start = time.perf_counter()
            store.ensure_ontology()
            store.add_documents(graphs)  # over BULK_THRESHOLD: Oxigraph's bulk loader
            store.oxigraph.optimize()
            ox_load = time.perf_counter() - start
            print(f"oxigraph bulk load: {ox_load:.1f} s, {len(store)} quads", file=sys.stderr)
            _keep_answers(store, None, "kept answers from scratch")
            # What a build of one changed document adds: its graph replaced, its answers recomputed.
            changed = graphs[len(graphs) // 2]
            store.replace_document(changed)
            _keep_answers(store, [unquote(str(changed.identifier).rsplit("/", 1)[-1])], "one document replaced, answers refreshed")
            memory = None
            if not args.no_rdflib:
                start = time.perf_counter()
                memory = Dataset(default_union=True)
                target = memory.graph(load_ontology().identifier)
                for triple in load_ontology():
                    target.add(triple)
                for graph in graphs:
                    memory.graph(graph.identifier).addN((s, p, o, memory.graph(graph.identifier)) for s, p, o in graph)
                rd_load = time.perf_counter() - start
                print(f"rdflib memory load: {rd_load:.1f} s", file=sys.stderr)
            del graphs
            only = set(args.rdflib_queries.split(",")) if args.rdflib_queries else None
            results = time_queries(store, memory, args.repeat, args.rdflib_repeat, only, full=not args.no_full)
            _print_overview(store, args.repeat)
            quads = len(store)
    print_table(f"Synthetic store ({quads} quads, kept: {', '.join(KEPT)}): median ms", results)
    return 0


if __name__ == "__main__":
    sys.exit(main())
