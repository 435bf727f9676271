"""What a build costs beside spaCy: build time against the pipeline alone, loading, rebuilds, memory.

Usage (from the repository root, kg installed)::

    python benchmarks/build_cost.py time   --sizes 60 300 600 [--html]
    python benchmarks/build_cost.py loader --copies 200
    python benchmarks/build_cost.py rss    --sizes 100 1200

``time``: for each size, the seeds copied under new names (``build_throughput.make_corpus``)
are parsed by the spaCy pipeline alone (loaded, then ``nlp.pipe`` over the texts as kg
reads them, without its language check), then built from scratch with ``kg build`` (one job, no progress bar), then built
again unchanged; prints both times and the ratios, measured in the same run. Times are CPU
seconds of this process (``time.process_time``), which other jobs on a shared machine
disturb far less than wall-clock time; wall-clock figures are printed beside them.

``loader``: the claims of a corpus are extracted once; then the same claims are stored
three ways into fresh on-disk stores: the rdflib path kg took before (an rdflib graph per
document, ``tests/rdf_reference.py``, converted to quads), kg's path now (quads written
from the claims, :mod:`kg.quads`, into :meth:`KGStore.add_documents` in the batches a
build writes), and Oxigraph's own bulk loader (``Store.bulk_load``) on the same quads as
N-Quads. Prints quads per second.

``rss``: each size is built in a fresh process; prints its peak resident memory.
"""

from __future__ import annotations

import argparse
import io
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))  # build_throughput, beside this file
sys.path.insert(0, str(HERE.parent / "tests"))  # rdf_reference: the rdflib path kept for comparison

from build_throughput import DEFAULT_CORPUS, make_corpus  # noqa: E402


def _texts(corpus: Path) -> list[str]:
    """The texts of the corpus, cleaned as kg reads them, without kg's language check: that
    is kg's work, not spaCy's (read through ``read_documents``, the baseline loaded the
    language model and the build then found it loaded)."""
    from kg.ingest import read_document

    return [read_document(p)[0].text for p in sorted(corpus.glob("*.txt"))]


@contextmanager
def seed_copies(source: Path, size: int) -> Iterator[tuple[Path, int]]:
    """A temporary folder holding ``corpus/`` (about ``size`` documents) and the count."""
    with tempfile.TemporaryDirectory() as tmp:
        corpus = Path(tmp) / "corpus"
        corpus.mkdir()
        yield corpus, make_corpus(source, max(1, size // 3), corpus)


def spacy_alone(corpus: Path, model: str | None) -> tuple[float, float]:
    """(CPU seconds, wall seconds) to load the pipeline and parse every document of ``corpus`` with ``nlp.pipe``."""
    from kg.nlp import load_pipeline

    c0, t0 = time.process_time(), time.perf_counter()
    texts = _texts(corpus)
    nlp = load_pipeline(model)
    for _ in nlp.pipe(texts, batch_size=16):
        pass
    return time.process_time() - c0, time.perf_counter() - t0


def timed_build(corpus: Path, out: Path, html: bool, model: str | None) -> tuple[tuple[float, float], object, dict[str, float]]:
    """((CPU s, wall s), report, CPU seconds by stage) of one ``kg build``; the stages are timed
    around the functions kg.build calls for them (the rest is ingest, spaCy, extraction, storing)."""
    import kg.build
    from kg.build import BuildOptions, build

    stages: dict[str, float] = {}
    originals = {}
    for name in ("refresh_assertions", "_write_outputs"):
        original = originals[name] = getattr(kg.build, name)

        def timed(*a, _original=original, _name=name, **k):
            t = time.process_time()
            try:
                return _original(*a, **k)
            finally:
                stages[_name] = stages.get(_name, 0.0) + time.process_time() - t

        setattr(kg.build, name, timed)
    try:
        c0, t0 = time.process_time(), time.perf_counter()
        report = build([corpus], out, BuildOptions(model=model, html=html, progress=False))
        return (time.process_time() - c0, time.perf_counter() - t0), report, stages
    finally:
        for name, original in originals.items():
            setattr(kg.build, name, original)


def cmd_time(args: argparse.Namespace) -> None:
    print(
        "| documents | spaCy alone | kg build | ratio | of which: assertions refresh | outputs "
        "| unchanged rebuild | rebuild / build | (wall: spaCy, build, ratio) |"
    )
    print("|---|---|---|---|---|---|---|---|---|")
    for size in args.sizes:
        with seed_copies(args.corpus, size) as (corpus, n):
            spacy_cpu, spacy_wall = spacy_alone(corpus, args.model)
            (build_cpu, build_wall), _, stages = timed_build(corpus, corpus.parent / "out", args.html, args.model)
            (again_cpu, _), again, _ = timed_build(corpus, corpus.parent / "out", args.html, args.model)
            assert again.unchanged == n, again.summary()
            print(
                f"| {n} | {spacy_cpu:.1f} s | {build_cpu:.1f} s | **{build_cpu / spacy_cpu:.2f}×** | "
                f"{stages.get('refresh_assertions', 0):.1f} s | {stages.get('_write_outputs', 0):.1f} s | "
                f"{again_cpu:.2f} s | **{100 * again_cpu / build_cpu:.1f}%** | "
                f"{spacy_wall:.1f} s, {build_wall:.1f} s, {build_wall / spacy_wall:.2f}× |",
                flush=True,
            )


def cmd_loader(args: argparse.Namespace) -> None:
    import pyoxigraph as ox

    from kg.engine import Analysis, analyse_documents
    from kg.ingest import read_documents
    from kg.model import Document
    from kg.lexicon import load_lexicon
    from kg.quads import document_quads
    from kg.rdf import new_run
    from kg.store import NamedGraph, open_store
    from rdf_reference import reference_document_graph

    with seed_copies(args.corpus, 3 * args.copies) as (corpus, _):
        tmp = corpus.parent
        documents = [d for d in read_documents([corpus]) if isinstance(d, Document)]
        analyses = [a for a in analyse_documents(documents, model=args.model) if isinstance(a, Analysis)]
        run = new_run()
        lexicon = load_lexicon()

        def old_path() -> list[NamedGraph]:
            labels: dict[str, str] = {}
            graphs = []
            for a in analyses:
                graph = reference_document_graph(a.document, a.claims, run, labels)
                graphs.append(NamedGraph.from_rdflib(graph))  # what the old add_documents did
            return graphs

        def new_path() -> list[NamedGraph]:
            labels: dict[str, str] = {}
            graphs = []
            for a in analyses:
                writer = document_quads(a.document, a.claims, run, lexicon, labels)
                graphs.append(writer.graph())
            return graphs

        # Both paths leave the corroboration triples out, to compare like with like.
        results = {}
        for name, make in (("rdflib graphs (before)", old_path), ("quads from claims (now)", new_path)):
            t0 = time.process_time()
            graphs = make()
            made = time.process_time() - t0
            with open_store(Path(tmp) / name.split()[0]) as store:
                t1, w1 = time.process_time(), time.perf_counter()
                n = sum(store.add_documents(batch) for batch in _batches(graphs))
                store.oxigraph.flush()
                stored, stored_wall = time.process_time() - t1, time.perf_counter() - w1
            results[name] = (n, made, stored, stored_wall)
        quads = [q for g in new_path() for q in g.quads]
        data = io.BytesIO()
        ox.serialize(quads, data, ox.RdfFormat.N_QUADS)
        bulk = ox.Store(str(Path(tmp) / "bulk"))
        t0, w0 = time.process_time(), time.perf_counter()
        bulk.bulk_load(data.getvalue(), ox.RdfFormat.N_QUADS)
        bulk.flush()
        loader, loader_wall = time.process_time() - t0, time.perf_counter() - w0
        assert len(bulk) == len(quads)
    print(f"{len(analyses)} documents, {len(quads)} quads")
    print("CPU seconds of this process (all its threads); wall-clock seconds of the writes in brackets")
    print("| path | make quads | write to store | quads/s, write only | quads/s, claims to store |")
    print("|---|---|---|---|---|")
    for name, (n, made, stored, wall) in results.items():
        print(f"| {name} | {made:.2f} s | {stored:.2f} s ({wall:.2f} s) | {n / stored:,.0f} | {n / (made + stored):,.0f} |")
    print(f"| Oxigraph bulk loader (N-Quads) | – | {loader:.2f} s ({loader_wall:.2f} s) | {len(quads) / loader:,.0f} | – |")


def _batches(graphs: list) -> Iterator[list]:
    """The graphs in the batches ``kg build`` writes new documents in (at least BULK_THRESHOLD quads)."""
    from kg.store import BULK_THRESHOLD

    batch: list = []
    size = 0
    for graph in graphs:
        batch.append(graph)
        size += len(graph)
        if size >= BULK_THRESHOLD:
            yield batch
            batch, size = [], 0
    if batch:
        yield batch


_RSS_CHILD = """
import resource, sys
from pathlib import Path
from kg.build import BuildOptions, build
build([Path(sys.argv[1])], Path(sys.argv[2]), BuildOptions(model=sys.argv[3] or None, html={html}, progress=False))
print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
"""


def cmd_rss(args: argparse.Namespace) -> None:
    print("| documents | peak RSS |")
    print("|---|---|")
    for size in args.sizes:
        with seed_copies(args.corpus, size) as (corpus, n):
            code = _RSS_CHILD.format(html=args.html)
            done = subprocess.run(
                [sys.executable, "-c", code, str(corpus), str(corpus.parent / "out"), args.model or ""],
                capture_output=True, text=True, check=True,
            )  # fmt: skip
            kib = int(done.stdout.split()[-1])
            print(f"| {n} | {kib / 1024:.0f} MB |", flush=True)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("what", choices=["time", "loader", "rss"])
    ap.add_argument("--sizes", type=int, nargs="+", default=[60, 300, 600])
    ap.add_argument("--copies", type=int, default=200, help="seed copies for the loader (3 documents each)")
    ap.add_argument("--html", action="store_true", help="write graph.html too (default: no page)")
    ap.add_argument("--model", default=None)
    ap.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    args = ap.parse_args(argv)
    {"time": cmd_time, "loader": cmd_loader, "rss": cmd_rss}[args.what](args)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
