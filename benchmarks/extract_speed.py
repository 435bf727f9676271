"""Time the spaCy pipeline alone against pipeline + claim extraction on the same corpus.

Usage (from the repository root)::

    PYTHONPATH=. python benchmarks/extract_speed.py [--repeat N] [--model NAME] [--corpus DIR]

(``PYTHONPATH=.`` is not needed once kg is installed, e.g. ``pip install -e .``.)

The corpus is the seed documents (``../shared/corpus/seeds`` by default) repeated
``--repeat`` times (default 20). Each document is parsed once per pass; the first pass
times ``nlp.pipe`` alone, the second ``nlp.pipe`` followed by ``extract_claims`` on every
parsed document. The target (issue: extraction adds at most 15% to the spaCy time) is
checked on the printed ratio ``(pipeline + extraction) / pipeline - 1``.
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from kg.extract import ClaimExtractor
from kg.ingest import read_document
from kg.nlp import load_pipeline

DEFAULT_CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "seeds"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeat", type=int, default=20)
    ap.add_argument("--model", default=None)
    ap.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    args = ap.parse_args(argv)

    texts = [read_document(p)[0].text for p in sorted(args.corpus.glob("*.txt"))] * args.repeat
    nlp = load_pipeline(args.model)
    list(nlp.pipe(texts[:3]))  # warm up: lazy loading is not what is measured
    extract = ClaimExtractor()  # the lexicon is read here, once, as in a build
    list(extract(nlp(texts[0]), "warmup"))

    t0 = time.perf_counter()
    for _ in nlp.pipe(texts):
        pass
    spacy_time = time.perf_counter() - t0

    t0 = time.perf_counter()
    n_claims = 0
    extract_time = 0.0
    for i, doc in enumerate(nlp.pipe(texts)):
        t1 = time.perf_counter()
        n_claims += sum(1 for _ in extract(doc, str(i)))
        extract_time += time.perf_counter() - t1
    both_time = time.perf_counter() - t0

    words = sum(len(t.split()) for t in texts)
    print(f"documents: {len(texts)}  words: {words}  claims: {n_claims}")
    print(f"spaCy pipeline alone:        {spacy_time:.2f} s")
    print(f"pipeline + extraction:       {both_time:.2f} s  (extraction itself {extract_time:.2f} s)")
    # the two passes' spaCy times differ by caching noise: divide by the smaller (conservative)
    parse_time = min(spacy_time, both_time - extract_time)
    print(f"ratio (pipeline + extraction) / pipeline: {(parse_time + extract_time) / parse_time:.3f}")
    print(f"extraction overhead:         {extract_time / parse_time:.1%} of the spaCy time (target <= 15%)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
