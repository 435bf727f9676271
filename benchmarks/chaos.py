"""Chaos: kill `kg build` at random moments, N times, then let it finish; compare with a clean build.

The claim is that a build interrupted by SIGKILL at any moment (mid-parse, mid-bulk-load,
mid-replacement of a changed document, mid-write of an output) loses nothing and leaves
nothing wrong behind: the next build finishes the work, and the final store and
``claims.jsonl`` equal those of a clean build of the same files. The store is compared quad by quad, with the one thing that
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

    return canonical_quads(ox.Store.read_only(str(oxigraph_dir(store))))


def canonical_quads(quads) -> list[str]:
    """``quads`` as sorted N-Quads lines, with run IRIs and run triples set aside."""
    lines = set()
    for quad in quads:
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


def chaos(corpus: Path, work: Path, kills: int, seed: int, jobs: int = 1, churn: float = 0.3) -> dict:
    """Build ``kills`` times, each killed at a random moment, then finish; compare with a clean build.

    Before each killed build a share ``churn`` of the documents is edited (a line added),
    so every build has work to be killed in -- new documents, replaced ones, the outputs --
    rather than finding everything stored by the one before. The clean build, of the
    corpus as it ends up, is made last. Returns a summary dict; ``equal`` says whether the
    outcomes match.
    """
    rng = random.Random(seed)
    extra = ("--jobs", str(jobs)) if jobs > 1 else ()
    files, clean, chaotic = work / "corpus", work / "clean", work / "chaotic"
    for folder in (files, clean, chaotic):
        shutil.rmtree(folder, ignore_errors=True)
    shutil.copytree(corpus, files)
    documents = sorted(files.rglob("*.txt"))
    started = time.monotonic()
    timing = kg_build(files, work / "timing", *extra)  # how long a whole build takes here
    _, err = timing.communicate()
    if timing.returncode != 0:
        raise SystemExit(f"the clean build failed: {err}")
    duration = time.monotonic() - started
    shutil.rmtree(work / "timing")
    moments = []
    for round_ in range(kills):
        for path in rng.sample(documents, max(1, int(len(documents) * churn))) if round_ else []:
            with path.open("a", encoding="utf-8") as handle:
                handle.write(f"\nRevision {round_}.\n")
        moment = rng.uniform(0, duration)
        build = kg_build(files, chaotic, *extra)
        try:
            build.wait(timeout=moment)
        except subprocess.TimeoutExpired:
            build.send_signal(signal.SIGKILL)
            build.wait()
            moments.append(round(moment, 2))
        else:
            moments.append(None)  # finished before the kill
        build.stderr.close()
    final = kg_build(files, chaotic, *extra)
    _, err = final.communicate()
    if final.returncode != 0:
        raise SystemExit(f"the build after the kills failed: {err}")
    reference = kg_build(files, clean, *extra)
    _, err = reference.communicate()
    if reference.returncode != 0:
        raise SystemExit(f"the clean build failed: {err}")
    expected, got = outcome(clean), outcome(chaotic)
    leftovers = sorted(str(p.relative_to(chaotic)) for p in chaotic.rglob("*.tmp"))
    return {
        "documents": len(documents),
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
    parser.add_argument("--churn", type=float, default=0.3, help="share of documents edited before each killed build")
    parser.add_argument("--work", type=Path, default=Path("/tmp/kg-chaos"))
    args = parser.parse_args(argv)
    summary = chaos(args.corpus, args.work, args.kills, args.seed, args.jobs, args.churn)
    print(json.dumps(summary))
    return 0 if summary["equal"] else 1


if __name__ == "__main__":
    sys.exit(main())
