"""How far the claims and Open IE share one clause analysis, measured on real parses.

Usage (from the repository root)::

    python benchmarks/layer_agreement.py [DIR ...] [--model NAME] [--misses N]

For every sentence of the documents in DIR (default: the seeds and the dev sets), the
claims' predications (:func:`kg.extract.clauses.predications`) are compared with the
frames of the shared predicate layer (:func:`kg.extract.predicates.frames`): a
predication agrees when some frame has the same subject and object heads
(:meth:`kg.extract.predicates.Frame.roles`). The share is printed for each way the
claims found the subject (voice and ``subject_via``): where it is low, the claims still
read the construction with rules of their own (object control, set members, noun
events, instruments), which is what remains to move into the shared layer. ``--misses``
prints that many disagreeing predications.
"""

from __future__ import annotations

import argparse
from collections import Counter
from pathlib import Path

from kg.extract.clauses import predications
from kg.extract.predicates import frames
from kg.ingest import read_document
from kg.lexicon import load_lexicon
from kg.nlp import load_pipeline

REPO = Path(__file__).resolve().parents[1]
DEFAULT_DIRS = (
    REPO.parent / "shared" / "corpus" / "seeds",
    REPO / "benchmarks" / "dev" / "set2",
    REPO / "benchmarks" / "dev" / "set3",
    REPO / "benchmarks" / "dev" / "set4",
    REPO / "benchmarks" / "dev" / "real" / "set1",
    REPO / "benchmarks" / "dev" / "real" / "set2",
)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("dirs", nargs="*", type=Path, default=list(DEFAULT_DIRS))
    ap.add_argument("--model", default=None)
    ap.add_argument("--misses", type=int, default=0, help="print this many disagreements")
    args = ap.parse_args(argv)

    nlp = load_pipeline(args.model)
    lexicon = load_lexicon()
    total: Counter[tuple[str, str]] = Counter()
    agree: Counter[tuple[str, str]] = Counter()
    misses: list[str] = []
    for folder in args.dirs:
        for path in sorted(folder.glob("*.txt")):
            doc = nlp(read_document(path)[0].text)
            roles = {tuple(t.i if t is not None else -1 for t in frame.roles()) for frame in frames(doc, lexicon)}
            for sent in doc.sents:
                for pred in predications(sent, lexicon):
                    key = (pred.voice, pred.subject_via)
                    total[key] += 1
                    if (pred.subject.i, pred.object.i) in roles:
                        agree[key] += 1
                    elif len(misses) < args.misses:
                        misses.append(f"{key}: {pred.subject} / {pred.predicate} / {pred.object}  <- {sent.text.strip()[:120]}")
    n, k = sum(total.values()), sum(agree.values())
    print(f"claim predications that are frames: {k}/{n} ({k / max(1, n):.0%})")
    for key, count in total.most_common():
        print(f"  {agree[key]:4d}/{count:<4d} {key[0]:8s} {key[1]}")
    for line in misses:
        print(line)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
