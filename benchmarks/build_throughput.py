"""Time whole builds: documents per second through ingest, parse, extract, RDF and store.

Usage (from the repository root, kg installed)::

    python benchmarks/build_throughput.py [--copies 40] [--jobs 1 2] [--corpus DIR]

The corpus (default ``../shared/corpus/seeds``) is copied ``--copies`` times under new file
names into a temporary folder, so every copy is a new document to the store. Each ``--jobs``
value builds it from scratch into its own output folder (no page, no progress bar) and
prints the time, documents per second and claims.
"""

from __future__ import annotations

import argparse
import shutil
import tempfile
import time
from pathlib import Path

from kg.build import BuildOptions, build

DEFAULT_CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "seeds"


def make_corpus(source: Path, copies: int, into: Path) -> int:
    """Copy every .txt of ``source`` ``copies`` times into ``into``; returns the count."""
    files = sorted(source.glob("*.txt"))
    for n in range(copies):
        for path in files:
            shutil.copyfile(path, into / f"{n:04d}_{path.name}")
    return copies * len(files)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--copies", type=int, default=40)
    ap.add_argument("--jobs", type=int, nargs="+", default=[1, 2])
    ap.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    args = ap.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        corpus = Path(tmp) / "corpus"
        corpus.mkdir()
        n_docs = make_corpus(args.corpus, args.copies, corpus)
        for jobs in args.jobs:
            out = Path(tmp) / f"out-{jobs}"
            t0 = time.perf_counter()
            report = build([corpus], out, BuildOptions(jobs=jobs, html=False, progress=False))
            elapsed = time.perf_counter() - t0
            print(
                f"jobs={jobs}: {n_docs} documents, {report.sentences} sentences, {report.claims} claims "
                f"in {elapsed:.1f} s ({n_docs / elapsed:.1f} documents/s)"
            )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
