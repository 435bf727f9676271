"""CPU time of the kept answers' refresh from scratch, query by query.

Usage (from the repository root, kg installed)::

    python benchmarks/refresh_cost.py STORE

``STORE`` is a store folder that may be written (use a copy: its answer tables are made
anew). Prints the CPU seconds of :func:`kg.summaries.refresh_summaries` over every document
and of each named query's part of it.
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

import kg.summaries as summaries
from kg.store import open_store


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("store", type=Path)
    args = ap.parse_args(argv)
    times: dict[str, float] = {}
    for name in ("_refresh_documents", "_refresh_groups"):
        original = getattr(summaries, name)

        def timed(store, kept, layout, *a, _original=original, **k):  # type: ignore[no-untyped-def]
            start = time.process_time()
            try:
                return _original(store, kept, layout, *a, **k)
            finally:
                times[layout.name] = times.get(layout.name, 0.0) + time.process_time() - start

        setattr(summaries, name, timed)
    with open_store(args.store) as store:
        start = time.process_time()
        summaries.refresh_summaries(store, None)
        total = time.process_time() - start
    parts = ", ".join(f"{name} {cpu:.2f}" for name, cpu in sorted(times.items(), key=lambda kv: -kv[1]))
    print(f"refresh from scratch: {total:.2f} s CPU; by query: {parts}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
