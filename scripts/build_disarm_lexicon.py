#!/usr/bin/env python3
"""Build ``kg/lexicon/disarm_verbs.tsv`` from the DISARM technique table (dev-time only).

DISARM technique names are imperative phrases ("Undermine", "Defame", "Cultivate Support",
"Create Hashtags and Search Artefacts", "Enlist Troll Accounts"). Their first word is the
verb an influence report uses for the technique, and the head noun of the rest is the
kind of thing it acts on. This script keeps the verb (and, for instrument-making
techniques, the object noun), assigns an ontology relation with the small verb table
below (our own judgement, not DISARM's), and records the technique id so every row can
be traced back.

The output is derived from the DISARM Foundation's framework and therefore carries
CC BY-SA 4.0; it lives in its own data file, apart from the code.

Usage::

    python scripts/build_disarm_lexicon.py /work/shared/disarm/disarm_techniques.csv \
        > kg/lexicon/disarm_verbs.tsv
"""

from __future__ import annotations

import csv
import re
import sys

#: Verb (DISARM's imperative, lower case) → ontology relation. Verbs missing here are
#: not exported: their technique names are not predicates ("Online Polls", "TV") or
#: describe the operator's own housekeeping ("Measure", "Conceal", "Plan").
VERB_RELATION = {
    # TA02 objectives: what an operation does to its target
    "undermine": "undermines", "thwart": "undermines", "subvert": "undermines",
    "degrade": "undermines", "distort": "undermines", "distract": "seeksToInfluence",
    "dismay": "undermines", "suppress": "undermines", "censor": "undermines",
    "smear": "denigrates", "defame": "denigrates", "discredit": "denigrates",
    "dismiss": "denigrates",
    "polarise": "exploits", "polarize": "exploits", "divide": "exploits",
    "exploit": "exploits",
    "harass": "targets", "intimidate": "targets", "dox": "targets", "threaten": "targets",
    "boycott": "targets", "silence": "targets", "deter": "targets",
    "discourage": "seeksToInfluence", "provoke": "seeksToInfluence",
    "encourage": "seeksToInfluence", "compel": "seeksToInfluence",
    "motivate": "seeksToInfluence", "goad": "seeksToInfluence",
    "manipulate": "seeksToInfluence", "bait": "targets",
    "infiltrate": "targets",
    "cultivate": "supports", "boost": "supports", "energise": "supports",
    "energize": "supports", "defend": "supports", "justify": "supports",
    "facilitate": "supports",
    # instruments and content (TA06, TA09, TA15, TA16, TA17)
    "create": "uses", "develop": "uses", "use": "uses", "utilise": "uses",
    "utilize": "uses", "employ": "uses", "leverage": "uses", "enlist": "uses",
    "recruit": "uses", "acquire": "uses", "fund": "uses", "purchase": "uses",
    "co-opt": "uses", "reuse": "uses", "plagiarise": "uses", "appropriate": "uses",
    "post": "uses", "share": "uses", "deliver": "uses", "seed": "uses",
    "generate": "uses", "amplify": "uses", "flood": "uses", "establish": "uses",
    "build": "uses", "present": "uses", "trial": "uses", "alter": "uses",
    "obtain": "uses", "outsource": "uses",
    # operations
    "conduct": "conducts", "organise": "conducts", "organize": "conducts",
    "prepare": "conducts",
}

#: Verbs whose object decides what they mean: DISARM's object noun is kept as a
#: condition ("leverage narratives" is exploitation, "leverage content farms" a use).
OBJECT_RELATION = {
    ("leverage", "narrative"): "exploits",
    ("exploit", "void"): "exploits",
    ("cultivate", "agent"): "uses",
    ("amplify", "narrative"): "uses",
}

#: Head nouns too generic to mark an instrument on their own ("space" in "Flood
#: Information Space", "member" in "Recruit Members").
NOT_INSTRUMENT = {
    "space", "kernel", "train", "unrelated", "creation", "revenue", "member", "individual",
    "group", "source", "attack", "community", "research", "expert", "optimisation",
    "contest", "programme", "text", "book", "document", "organisation", "actor",
    "pollution", "distortion", "content", "asset", "imagery", "hosting", "farm",
}

_WORD = re.compile(r"[A-Za-z][A-Za-z'-]*")


def singular(noun: str) -> str:
    """A crude English singular, enough for technique-name head nouns."""
    if noun.endswith("ies") and len(noun) > 4:
        return noun[:-3] + "y"
    if noun.endswith(("sses", "xes", "ches", "shes")):
        return noun[:-2]
    if noun.endswith("s") and not noun.endswith(("ss", "us", "is")):
        return noun[:-1]
    return noun


def head_noun(words: list[str]) -> str | None:
    """The head of the object phrase: the last word before a preposition or 'and'."""
    stop = {"and", "or", "from", "for", "to", "into", "on", "across", "via", "through",
            "under", "with", "of", "as", "based", "in", "at"}
    head = None
    for w in words:
        if w.lower() in stop:
            break
        head = w
    return singular(head.lower()) if head else None


def rows(techniques_csv: str):
    """Yield (kind, lemma, object, relation, disarm_id, name) rows."""
    with open(techniques_csv, encoding="utf-8", newline="") as f:
        for rec in csv.DictReader(f):
            name = rec["name"].strip()
            words = _WORD.findall(name)
            if not words:
                continue
            verb = words[0].lower()
            if verb not in VERB_RELATION:
                continue
            obj = head_noun(words[1:])
            relation = OBJECT_RELATION.get((verb, obj), VERB_RELATION[verb])
            yield ("verb", verb, obj or "-", relation, rec["disarm_id"], name)
            # The object nouns of instrument techniques name instruments ("hashtag",
            # "meme", "persona"): a general list of things an operation uses.
            if relation == "uses" and obj and obj not in NOT_INSTRUMENT:
                yield ("instrument", obj, "-", "uses", rec["disarm_id"], name)


HEADER = """\
# kg/lexicon/disarm_verbs.tsv: verbs and instrument nouns from DISARM technique names.
# Derived from the DISARM Framework (DISARM Foundation, https://www.disarm.foundation/),
# master spreadsheet of 2025-02-07. Licensed CC BY-SA 4.0
# (https://creativecommons.org/licenses/by-sa/4.0/): credit the DISARM Foundation and
# share adaptations alike. Changes: verbs and head nouns extracted from technique names,
# with an ontology relation assigned by kg (scripts/build_disarm_lexicon.py).
# Columns: kind (verb | instrument), lemma, object (head noun of the technique name or -),
# relation, disarm_id, technique name.
"""


def main(argv: list[str]) -> int:
    path = argv[1] if len(argv) > 1 else "/work/shared/disarm/disarm_techniques.csv"
    sys.stdout.write(HEADER)
    seen = set()
    for row in rows(path):
        key = row[:4]
        if key in seen:
            continue
        seen.add(key)
        sys.stdout.write("\t".join(row) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
