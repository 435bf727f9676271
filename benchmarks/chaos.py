"""Chaos: kill `kg build` at random moments, N times, then let it finish; compare with a clean build.

The claim is that a build interrupted by SIGKILL at any moment (mid-parse, mid-bulk-load,
mid-write of an output) loses nothing and leaves nothing wrong behind: the next build
finishes the work, and the final store and ``claims.jsonl`` equal those of a build that
was never interrupted. The store is compared quad by quad, with the one thing that
legitimately differs -- which run (a ``prov:Activity`` with a start time) generated each
document, and when (``prov:generatedAtTime``) -- reduced to a placeholder.

Run by hand (results in benchmarks/README.md)::

    .venv/bin/python benchmarks/chaos.py ../shared/corpus/seeds --kills 20 --seed 1

The test suite runs a short version (tests/test_chaos.py).
"""

from __future__ import annotations

import argparse
import json
import random
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

RUN_PREFIX = "https://w3id.org/kg/id/run/"  # see kg.rdf.new_run
GENERATED_AT = "http://www.w3.org/ns/prov#generatedAtTime"


def kg_build(corpus: Path, out: Path, *extra: str) -> subprocess.Popen:
    """Start ``kg build CORPUS -o OUT`` (no page: it adds time, not risk)."""
    return subprocess.Popen(
        [sys.executable, "-m", "kg", "build", str(corpus), "-o", str(out), "--no-html", "--no-progress", *extra],
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
    )  # fmt: skip


def canonical_store(store: Path) -> list[str]:
    """The store's quads as sorted N-Quads lines, with run IRIs and run triples set aside."""
    import pyoxigraph as ox

    from kg.store import oxigraph_dir

    database = ox.Store.read_only(str(oxigraph_dir(store)))
    lines = set()
    for quad in database:
        subject, obj = str(quad.subject), str(quad.object)
        if subject.startswith(f"<{RUN_PREFIX}"):
            continue  # the run's own description: its id and start time
        if obj.startswith(f"<{RUN_PREFIX}"):
            obj = "<RUN>"
        if quad.predicate.value == GENERATED_AT:
            obj = "<TIME>"  # when the claim was made, which a rerun changes
        lines.add(f"{subject} {quad.predicate} {obj} {quad.graph_name} .")
    return sorted(lines)


def outcome(out: Path) -> tuple[list[str], str]:
    """(canonical store, claims.jsonl text) of a finished build folder."""
    return canonical_store(out / "store"), (out / "claims.jsonl").read_text(encoding="utf-8")


def chaos(corpus: Path, work: Path, kills: int, seed: int, jobs: int = 1) -> dict:
    """Build cleanly, then build again killed ``kills`` times before finishing; compare.

    Returns a summary dict; ``equal`` says whether the outcomes match.
    """
    rng = random.Random(seed)
    extra = ("--jobs", str(jobs)) if jobs > 1 else ()
    clean, chaotic = work / "clean", work / "chaotic"
    for folder in (clean, chaotic):
        shutil.rmtree(folder, ignore_errors=True)
    started = time.monotonic()
    reference = kg_build(corpus, clean, *extra)
    _, err = reference.communicate()
    if reference.returncode != 0:
        raise SystemExit(f"the clean build failed: {err}")
    duration = time.monotonic() - started
    moments = []
    for _ in range(kills):
        moment = rng.uniform(0, duration)
        build = kg_build(corpus, chaotic, *extra)
        try:
            build.wait(timeout=moment)
        except subprocess.TimeoutExpired:
            build.send_signal(signal.SIGKILL)
            build.wait()
            moments.append(round(moment, 2))
        else:
            moments.append(None)  # finished before the kill
        build.stderr.close()
    final = kg_build(corpus, chaotic, *extra)
    _, err = final.communicate()
    if final.returncode != 0:
        raise SystemExit(f"the build after the kills failed: {err}")
    expected, got = outcome(clean), outcome(chaotic)
    leftovers = sorted(str(p.relative_to(chaotic)) for p in chaotic.rglob("*.tmp"))
    return {
        "kills": kills,
        "killed_at_s": moments,
        "clean_build_s": round(duration, 1),
        "quads": len(expected[0]),
        "claims": expected[1].count("\n"),
        "store_equal": expected[0] == got[0],
        "claims_equal": expected[1] == got[1],
        "temporary_files_left": leftovers,
        "equal": expected == got and not leftovers,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", type=Path)
    parser.add_argument("--kills", type=int, default=10)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--jobs", type=int, default=1)
    parser.add_argument("--work", type=Path, default=Path("/tmp/kg-chaos"))
    args = parser.parse_args(argv)
    summary = chaos(args.corpus, args.work, args.kills, args.seed, args.jobs)
    print(json.dumps(summary))
    return 0 if summary["equal"] else 1


if __name__ == "__main__":
    sys.exit(main())
