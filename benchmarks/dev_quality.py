"""Build each development set in ``benchmarks/dev`` and score it with the reference scorer.

Usage (from the repository root, kg installed, ``../shared`` beside the checkout)::

    python benchmarks/dev_quality.py [--sets set2 set3 real/set1] [--scorer ../shared/eval/score_claims.py]

A set is a folder of ``benchmarks/dev`` (``setN`` or ``real/setN``) with its gold beside it
(``setN.gold.jsonl``, ``real/setN.gold.jsonl``).

Prints the scorer's untyped and typed lines, hedges, attributions and claims in no-claim
sentences for each set.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

from kg.build import BuildOptions, build

HERE = Path(__file__).resolve().parent
DEFAULT_SCORER = HERE.parents[1] / "shared" / "eval" / "score_claims.py"


def score(name: str, scorer: Path) -> dict:
    """Build set ``name`` into a temporary folder and return the scorer's JSON."""
    corpus = HERE / "dev" / name
    with tempfile.TemporaryDirectory() as tmp:
        build([corpus], tmp, BuildOptions(html=False, progress=False))
        result = subprocess.run(
            [sys.executable, str(scorer), str(HERE / "dev" / f"{name}.gold.jsonl"), str(Path(tmp) / "claims.jsonl"),
             "--corpus", str(corpus), "--json"],
            capture_output=True, text=True, check=True,
        )  # fmt: skip
    return json.loads(result.stdout.splitlines()[0])


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sets", nargs="+", default=["set2", "set3", "set4", "real/set1", "real/set2", "real/set3", "real/set4", "real/set5", "real/set6", "real/set7"])
    ap.add_argument("--scorer", type=Path, default=DEFAULT_SCORER)
    args = ap.parse_args(argv)
    for name in args.sets:
        s = score(name, args.scorer)
        u, t = s["untyped"], s["typed"]
        print(
            f"{name}: untyped P {u['precision']:.3f} R {u['recall']:.3f} F1 {u['f1']:.3f} | "
            f"typed P {t['precision']:.3f} R {t['recall']:.3f} F1 {t['f1']:.3f} | hedges {s['hedge']} "
            f"| attributions {s['attribution']} | canonical subjects {s['canonical_subjects']} "
            f"| claims in no-claim sentences {s['claims_in_no_claim_sentences']}"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
