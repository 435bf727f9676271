"""The Dask engine on a local cluster: speed-up over a local build, and a million documents projected.

Usage (from the repository root, kg installed with the dask extra)::

    python benchmarks/dask_speedup.py [--copies 4] [--workers 2] [--shard-size 32] [--corpus DIR ...]

The corpora (default: the seeds, ``corpus/sample`` and ``benchmarks/dev``) are copied
``--copies`` times under new names. Timed, each from a fresh store, no page, wall clock and
CPU time:

1. ``kg build`` with the local engine, one process;
2. ``kg build --engine dask`` on a LocalCluster of ``--workers`` single-threaded worker
   processes, started before the timing (its start is printed apart); the workers' CPU
   time is read from them (``Client.run``), this process's is the writer's;
3. the writer alone: the same Dask build again into a fresh store, every shard file already
   there (nothing is parsed).

Projection for a million documents: the workers scale with the cluster, the single writer
does not, so the time is about ``max(worker CPU per document / worker cores, writer CPU per
document)`` times a million. CPU time rather than wall time is projected because the
benchmark machine is shared: wall time there says more about the other jobs than about kg.
"""

from __future__ import annotations

import argparse
import resource
import shutil
import tempfile
import time
from pathlib import Path

from jobs_speedup import DEFAULT_CORPORA, make_corpus

from kg.build import BuildOptions, build


def cpu_self() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def timed(paths: list[Path], out: Path, options: BuildOptions) -> tuple[float, float, int]:
    """(wall s, CPU s of this process, claims)."""
    c0, t0 = cpu_self(), time.perf_counter()
    report = build(paths, out, options)
    return time.perf_counter() - t0, cpu_self() - c0, report.claims


def main(argv: list[str] | None = None) -> int:
    from distributed import Client, LocalCluster

    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--copies", type=int, default=4)
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--shard-size", type=int, default=32)
    ap.add_argument("--corpus", type=Path, nargs="+", default=DEFAULT_CORPORA)
    args = ap.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        corpus = Path(tmp) / "corpus"
        corpus.mkdir()
        n = make_corpus(args.corpus, args.copies, corpus)
        local, local_cpu, local_claims = timed([corpus], Path(tmp) / "local", BuildOptions(html=False, progress=False))
        print(f"local engine, 1 process:   {local:6.1f} s wall, {local_cpu:6.1f} s CPU  ({local_claims} claims)", flush=True)

        t0 = time.perf_counter()
        cluster = LocalCluster(n_workers=args.workers, threads_per_worker=1, processes=True, dashboard_address=None)
        client = Client(cluster)
        print(f"local cluster of {args.workers} workers started in {time.perf_counter() - t0:.1f} s", flush=True)
        workers_cpu = lambda: sum(client.run(cpu_self).values())  # noqa: E731
        dask = BuildOptions(
            html=False, progress=False, engine="dask", scheduler=cluster.scheduler_address,
            shards=str(Path(tmp) / "shards"), shard_size=args.shard_size,
        )  # fmt: skip
        before = workers_cpu()
        wall, writer_cpu_all, dask_claims = timed([corpus], Path(tmp) / "dask", dask)
        worker_cpu = workers_cpu() - before
        print(f"dask, {args.workers} local workers:   {wall:6.1f} s wall; workers {worker_cpu:6.1f} s CPU, "
              f"this process {writer_cpu_all:5.1f} s CPU ({dask_claims} claims)", flush=True)  # fmt: skip
        shutil.rmtree(Path(tmp) / "dask")
        writer, writer_cpu, _ = timed([corpus], Path(tmp) / "dask", dask)
        print(f"writer alone (shards done): {writer:6.1f} s wall, {writer_cpu:5.1f} s CPU", flush=True)
        same = (Path(tmp) / "local" / "claims.jsonl").read_bytes() == (Path(tmp) / "dask" / "claims.jsonl").read_bytes()
        client.close()
        cluster.close()

    print(f"documents: {n}; wall-clock speed-up of the local cluster: {local / wall:.2f}x; claims.jsonl identical: {same}")
    print(f"CPU per document: local build {local_cpu / n * 1000:.0f} ms; dask workers {worker_cpu / n * 1000:.0f} ms "
          f"(read, parse, extract, shard file); writer {writer_cpu / n * 1000:.0f} ms (shard file to store and outputs)")  # fmt: skip
    print("projected time for 1,000,000 documents (workers scale, the single writer does not):")
    for cores in (2, 8, 32, 128):
        parse = 1e6 * worker_cpu / n / cores
        write = 1e6 * writer_cpu / n
        bound = "writer" if write > parse else "workers"
        print(f"  {cores:4d} worker cores: workers {parse / 3600:6.1f} h, writer {write / 3600:5.1f} h -> "
              f"{max(parse, write) / 3600:6.1f} h ({bound}-bound)")  # fmt: skip
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
