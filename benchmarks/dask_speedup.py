"""The Dask engine on a local cluster: speed-up over a local build, and a million documents projected.

Usage (from the repository root, kg installed with the dask extra)::

    python benchmarks/dask_speedup.py [--copies 8] [--workers 2] [--shard-size 32] [--corpus DIR ...]

The corpora (default: the seeds, ``corpus/sample`` and ``benchmarks/dev``) are copied
``--copies`` times under new names. Timed, each from a fresh store, no page:

1. ``kg build`` with the local engine, one process;
2. ``kg build --engine dask`` on a LocalCluster of ``--workers`` single-threaded worker
   processes (started inside the timing: a real build pays for it too);
3. the writer alone: the same Dask build again into a fresh store, every shard file already
   there (nothing is parsed): what the single writer costs per document.

Projection: the workers scale with the cluster, the writer does not, so a million documents
take about ``max(parse time / worker cores, writer time)``, given per document by steps 2
and 3 (the parse rate per core is step 2's rate divided by ``--workers``, an underestimate
while the writer shares the machine with the workers).
"""

from __future__ import annotations

import argparse
import shutil
import tempfile
import time
from pathlib import Path

from jobs_speedup import DEFAULT_CORPORA, make_corpus

from kg.build import BuildOptions, build


def timed(paths: list[Path], out: Path, options: BuildOptions) -> tuple[float, int]:
    t0 = time.perf_counter()
    report = build(paths, out, options)
    return time.perf_counter() - t0, report.claims


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--copies", type=int, default=8)
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--shard-size", type=int, default=32)
    ap.add_argument("--corpus", type=Path, nargs="+", default=DEFAULT_CORPORA)
    args = ap.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        corpus = Path(tmp) / "corpus"
        corpus.mkdir()
        n = make_corpus(args.corpus, args.copies, corpus)
        base = BuildOptions(html=False, progress=False)
        dask = BuildOptions(
            html=False, progress=False, engine="dask", jobs=args.workers,
            shards=str(Path(tmp) / "shards"), shard_size=args.shard_size,
        )  # fmt: skip
        local, local_claims = timed([corpus], Path(tmp) / "local", base)
        print(f"local engine, 1 process:      {local:6.1f} s  ({n / local:5.1f} documents/s, {local_claims} claims)", flush=True)
        cluster, dask_claims = timed([corpus], Path(tmp) / "dask", dask)
        print(f"dask, {args.workers} local workers:        {cluster:6.1f} s  ({n / cluster:5.1f} documents/s, {dask_claims} claims)", flush=True)
        shutil.rmtree(Path(tmp) / "dask")
        writer, _ = timed([corpus], Path(tmp) / "dask", dask)
        print(f"writer alone (shards done):   {writer:6.1f} s  ({n / writer:5.1f} documents/s)", flush=True)
        same = (Path(tmp) / "local" / "claims.jsonl").read_bytes() == (Path(tmp) / "dask" / "claims.jsonl").read_bytes()

    print(f"documents: {n}; speed-up of the local cluster: {local / cluster:.2f}x; claims.jsonl identical: {same}")
    per_core = n / cluster / args.workers  # documents/s one worker core parses (while sharing with the writer)
    writer_rate = n / writer
    print("projected time for 1,000,000 documents (workers scale, the single writer does not):")
    for cores in (2, 8, 32, 128):
        parse = 1e6 / (per_core * cores)
        write = 1e6 / writer_rate
        bound = "writer" if write > parse else "workers"
        print(f"  {cores:4d} worker cores: parse {parse / 3600:6.1f} h, write {write / 3600:5.1f} h -> {max(parse, write) / 3600:6.1f} h ({bound}-bound)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
