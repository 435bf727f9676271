"""The speed-up of ``kg build --jobs 2`` over ``--jobs 1``, against spaCy's own ``n_process=2``.

Usage (from the repository root, kg installed)::

    python benchmarks/jobs_speedup.py [--copies 8] [--rounds 3] [--jobs 2] [--corpus DIR ...]

The corpora (default: the seeds, ``corpus/sample`` and ``benchmarks/dev``) are copied
``--copies`` times under new names into a temporary folder. Each round times, one after the
other, spaCy alone (``nlp.pipe`` over the cleaned texts, every parse consumed) with
``n_process=1`` and ``n_process=N``, and whole builds (no page, fresh store) with ``jobs=1``
and ``jobs=N``. The four are interleaved, and their order turned round every round, because
the machine is shared: a load that comes and goes then falls on all four alike, and each
round's two speed-ups are compared with each other. The target (issue 13, item 2): kg's
speed-up at least 95% of spaCy's.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from kg.build import BuildOptions, build
from kg.ingest import read_documents
from kg.model import Document
from kg.nlp import load_pipeline

REPO = Path(__file__).resolve().parents[1]
DEFAULT_CORPORA = [REPO.parent / "shared" / "corpus" / "seeds", REPO / "corpus" / "sample", REPO / "benchmarks" / "dev"]


def make_corpus(sources: list[Path], copies: int, into: Path) -> int:
    """Copy every .txt under ``sources`` ``copies`` times into ``into``; returns the count."""
    files = sorted(p for source in sources for p in source.rglob("*.txt") if p.name != "README.txt")
    for n in range(copies):
        for i, path in enumerate(files):
            shutil.copyfile(path, into / f"{n:03d}_{i:03d}_{path.name}")
    return copies * len(files)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--copies", type=int, default=8)
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--batch-size", type=int, default=16)
    ap.add_argument("--corpus", type=Path, nargs="+", default=DEFAULT_CORPORA)
    args = ap.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        corpus = Path(tmp) / "corpus"
        corpus.mkdir()
        n_docs = make_corpus(args.corpus, args.copies, corpus)
        texts = [d.text for d in read_documents([corpus]) if isinstance(d, Document)]
        nlp = load_pipeline()
        list(nlp.pipe(texts[:3]))  # warm up: lazy loading is not what is measured

        def spacy(n_process: int) -> Callable[[], None]:
            def run() -> None:
                for _ in nlp.pipe(texts, batch_size=args.batch_size, n_process=n_process):
                    pass

            return run

        def kg(jobs: int, round_no: int) -> Callable[[], None]:
            def run() -> None:
                out = Path(tmp) / f"out-{jobs}-{round_no}"
                build([corpus], out, BuildOptions(jobs=jobs, batch_size=args.batch_size, html=False, progress=False))
                shutil.rmtree(out)

            return run

        times: dict[str, list[float]] = {"spacy-1": [], f"spacy-{args.jobs}": [], "kg-1": [], f"kg-{args.jobs}": []}
        for round_no in range(args.rounds):
            runs = [
                ("spacy-1", spacy(1)),
                (f"spacy-{args.jobs}", spacy(args.jobs)),
                ("kg-1", kg(1, round_no)),
                (f"kg-{args.jobs}", kg(args.jobs, round_no)),
            ]
            for name, run in runs if round_no % 2 == 0 else reversed(runs):
                t0 = time.perf_counter()
                run()
                times[name].append(time.perf_counter() - t0)
            print(f"round {round_no + 1}: " + "  ".join(f"{k} {v[-1]:.1f} s" for k, v in times.items()), flush=True)

    j = args.jobs
    spacy_up = [a / b for a, b in zip(times["spacy-1"], times[f"spacy-{j}"])]
    kg_up = [a / b for a, b in zip(times["kg-1"], times[f"kg-{j}"])]
    share = [k / s for k, s in zip(kg_up, spacy_up)]
    print(f"documents: {n_docs} ({len(texts)} in English), rounds: {args.rounds}, medians:")
    for name, values in times.items():
        print(f"  {name:10} {statistics.median(values):6.1f} s")
    print(f"spaCy speed-up n_process={j}: {statistics.median(spacy_up):.2f}x  (rounds: {', '.join(f'{x:.2f}' for x in spacy_up)})")
    print(f"kg speed-up --jobs {j}:       {statistics.median(kg_up):.2f}x  (rounds: {', '.join(f'{x:.2f}' for x in kg_up)})")
    print(f"kg's speed-up as a share of spaCy's: {statistics.median(share):.0%} median of rounds "
          f"({', '.join(f'{x:.0%}' for x in share)}); target >= 95%")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
