"""Check a real-set gold file: every evidence is found in its document, once, and inside one sentence.

Usage: python benchmarks/dev/real/tools/check_gold.py benchmarks/dev/real/set1.gold.jsonl benchmarks/dev/real/set1
Exit status 1 when a row fails; prints counts otherwise.
"""
import collections
import json
import re
import sys
from pathlib import Path

FIELDS = ["doc", "evidence", "subject", "subject_alt", "relation", "object", "object_heads",
          "hedge", "attribution", "negated", "hard"]
RELATIONS = {"targets", "denigrates", "undermines", "interferesIn", "seeksToInfluence", "exploits",
             "supports", "uses", "conducts", "affiliatedWith"}


def main(gold_path: str, corpus: str) -> int:
    bad = 0
    rows = [json.loads(line) for line in open(gold_path, encoding="utf-8") if line.strip()]
    texts = {}
    for n, row in enumerate(rows, 1):
        doc = row["doc"]
        if doc not in texts:
            texts[doc] = (Path(corpus) / doc).read_text(encoding="utf-8")
        text, ev = texts[doc], row["evidence"]
        count = text.count(ev)
        problems = []
        if count == 0:
            problems.append("evidence not in document")
        elif count > 1:
            problems.append(f"evidence found {count} times")
        plain = re.sub(r"\b(?:St|Jr|Va|Dec|Mr|Ms|Dr|No|U\.S|[A-Z])\.", "_", ev)
        if re.search(r"[.!?][\"”’]?\s+[A-Z“\"]", plain) or "\n" in ev:
            problems.append("evidence may cross a sentence boundary")
        if not row.get("no_claims"):
            if list(row) != FIELDS:
                problems.append(f"fields {list(row)}")
            if row["relation"] not in RELATIONS:
                problems.append(f"relation {row['relation']}")
            if not row["object_heads"] or any(h != h.lower() for h in row["object_heads"]):
                problems.append("object_heads must be non-empty lower case")
        for p in problems:
            bad += 1
            print(f"{gold_path}:{n}: {p}: {ev[:70]!r}")
    claims = [r for r in rows if not r.get("no_claims")]
    print(f"{gold_path}: {len(set(r['doc'] for r in rows))} documents, {len(claims)} claims, "
          f"{len(rows) - len(claims)} no_claims rows, {sum(r['hard'] for r in claims)} hard")
    print("  relations:", dict(collections.Counter(r["relation"] for r in claims)))
    print("  subjects:", dict(collections.Counter(r["subject"] for r in claims).most_common()))
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:3]))
