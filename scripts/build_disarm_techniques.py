#!/usr/bin/env python3
"""Build ``kg/lexicon/disarm_techniques.tsv`` from the DISARM tables (dev-time only).

The file has two kinds of rows:

* ``technique`` rows: every DISARM technique and sub-technique with its name and tactic,
  so that exports (STIX ``attack-pattern`` objects) can name the techniques kg tags;
* ``cue`` rows: which words of a claim tag it with a technique. The cues are our own
  judgement, written below: a predicate lemma ("smear", "impersonate", "leak"), the head
  of the claim's object or instrument when the verb makes or uses it ("bots", "troll
  accounts", "influencers"), a verb with a head ("pay" + "influencer"), or a modifier
  with a head ("fake" + "account"). Every identifier is checked against the table.

Names, tactics and hierarchy come from the DISARM Foundation's framework, so the output
carries CC BY-SA 4.0 and lives in its own data file, apart from the code.

Usage::

    python scripts/build_disarm_techniques.py /work/shared/disarm > kg/lexicon/disarm_techniques.tsv
"""

from __future__ import annotations

import csv
import sys
from pathlib import Path

#: Predicate lemmas that name a technique whatever their object.
LEMMA = {
    "undermine": "T0135",
    "smear": "T0135.001",
    "denigrate": "T0135.001",
    "discredit": "T0135.001",
    "defame": "T0140.001",
    "polarise": "T0135.004",
    "polarize": "T0135.004",
    "divide": "T0079",
    "distort": "T0076",
    "distract": "T0077",
    "dismay": "T0078",
    "suppress": "T0124",
    "harass": "T0048",
    "intimidate": "T0048",
    "dox": "T0048.004",
    "doxx": "T0048.004",
    "amplify": "T0118",
    "impersonate": "T0143.003",
    "spoof": "T0143.003",
    "leak": "T0089",
    "flood": "T0049",
    "recruit": "T0091",
}

#: Heads of an object or instrument that name a technique when the claim is a use
#: ("Russia used bots", "operated troll accounts", "created personas"). Phrases are
#: matched on the singular words before the head.
HEAD = {
    "bot": "T0146.007",
    "bot account": "T0146.007",
    "botnet": "T0093.002",
    "troll": "T0091.003",
    "troll account": "T0091.003",
    "troll farm": "T0091.003",
    "persona": "T0097",
    "influencer": "T0100.003",
    "deepfake": "T0086.002",
    "meme": "T0086.001",
    "hashtag": "T0015",
    "advertisement": "T0114",
    "ad": "T0114",
    "content farm": "T0096.001",
    "proxy": "T0093",
    "state media": "T0002",
    "conspiracy theory": "T0022",
    "news site": "T0098",
    "news website": "T0098",
    "website": "T0152.004",
    "account": "T0146",
}

#: A verb with a head: more specific than either alone.
LEMMA_HEAD = {
    ("pay", "influencer"): "T0100.003",
    ("co-opt", "influencer"): "T0100.003",
    ("bait", "influencer"): "T0039",
    ("fund", "proxy"): "T0093.001",
    ("purchase", "advertisement"): "T0018",
    ("purchase", "ad"): "T0018",
    ("buy", "advertisement"): "T0018",
    ("buy", "ad"): "T0018",
    ("create", "hashtag"): "T0015.002",
    ("amplify", "conspiracy theory"): "T0022.001",
    ("leak", "document"): "T0089",
    ("steal", "document"): "T0089",
    ("obtain", "document"): "T0089",
    ("fabricate", "document"): "T0085.004",
    ("forge", "document"): "T0089.003",
}

#: A modifier of the head that makes it inauthentic ("fake accounts", "fictitious personas").
MODIFIER_HEAD = {
    ("fake", "account"): "T0143.002",
    ("inauthentic", "account"): "T0143.002",
    ("fictitious", "account"): "T0143.002",
    ("fake", "persona"): "T0143.002",
    ("fictitious", "persona"): "T0143.002",
    ("fabricated", "persona"): "T0143.002",
    ("fake", "profile"): "T0143.002",
    ("inauthentic", "news site"): "T0098",
    ("fake", "news site"): "T0098",
    ("inauthentic", "website"): "T0098",
    ("fake", "website"): "T0098",
}

#: Verbs that make or use what their object names (for the HEAD cues).
USE_VERBS = (
    "use", "create", "operate", "run", "deploy", "employ", "establish", "build", "set up", "leverage",
    "buy", "purchase", "pay", "fund", "hire", "recruit", "enlist", "rely", "control", "manage", "develop",
    "launch", "spread", "post", "publish", "share", "disseminate", "promote", "amplify", "produce",
)  # fmt: skip

HEADER = """\
# kg/lexicon/disarm_techniques.tsv: DISARM techniques, and the words of a claim that tag it with one.
# Derived from the DISARM Framework (DISARM Foundation, https://www.disarm.foundation/),
# master spreadsheet of 2025-02-07. Licensed CC BY-SA 4.0
# (https://creativecommons.org/licenses/by-sa/4.0/): credit the DISARM Foundation and
# share adaptations alike. Changes: identifiers, names and tactics of the techniques kept;
# cue rows added by kg (scripts/build_disarm_techniques.py).
# Columns: kind, then
#   technique  id, name, tactic id, tactic name
#   cue        lemma | head | lemma+head | modifier+head, the words (a + between the two), technique id
#   use_verb   lemma
"""


def main(argv: list[str]) -> int:
    folder = Path(argv[1] if len(argv) > 1 else "/work/shared/disarm")
    with (folder / "disarm_tactics.csv").open(encoding="utf-8", newline="") as f:
        tactics = {row["disarm_id"]: row["name"].strip() for row in csv.DictReader(f)}
    with (folder / "disarm_techniques.csv").open(encoding="utf-8", newline="") as f:
        techniques = [(row["disarm_id"], row["name"].strip(), row["tactic_id"]) for row in csv.DictReader(f)]
    known = {t[0] for t in techniques}
    out = [HEADER]
    for tid, name, tactic in sorted(techniques):
        out.append("\t".join(("technique", tid, name, tactic, tactics.get(tactic, ""))) + "\n")
    cues = [("lemma", k, v) for k, v in LEMMA.items()]
    cues += [("head", k, v) for k, v in HEAD.items()]
    cues += [("lemma+head", f"{a}+{b}", v) for (a, b), v in LEMMA_HEAD.items()]
    cues += [("modifier+head", f"{a}+{b}", v) for (a, b), v in MODIFIER_HEAD.items()]
    for kind, words, tid in cues:
        if tid not in known:
            raise SystemExit(f"cue {words!r}: no DISARM technique {tid}")
        out.append("\t".join(("cue", kind, words, tid)) + "\n")
    out += [f"use_verb\t{verb}\n" for verb in USE_VERBS]
    sys.stdout.write("".join(out))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
