"""DISARM technique tagging: which DISARM techniques a claim's words name.

A post-extraction step on :class:`~kg.model.Claim` records, called by :mod:`kg.rdf` where a
claim becomes triples (``kgo:technique "T0143.002"``). It reads only the claim: its
predicate lemma ("smear", "impersonate", "leak"), and the head of its object -- the
instrument of a use ("bots", "troll accounts", "fake personas", "influencers") -- with the
verb or a modifier in front of it. The cue words are in ``kg/lexicon/disarm_techniques.tsv``
(made by ``scripts/build_disarm_techniques.py``), beside the technique names, which come
from the DISARM Foundation's framework and are therefore CC BY-SA 4.0, kept apart from
this MIT code.

Examples
--------
>>> from kg.lexicon import load_lexicon
>>> from kg.model import Claim, Mention, Predicate
>>> lex = load_lexicon()
>>> def claim(lemma, obj, relation="uses"):
...     return Claim("a.txt", 0, 9, "...", Mention("Russia", 0, 6, "Russia", "State", "russia"),
...                  Predicate(lemma, lemma, relation, 7, 8), Mention(obj, 9, 9 + len(obj)))
>>> techniques_for(claim("create", "thousands of fake accounts"), lex)
('T0143.002', 'T0146')
>>> techniques_for(claim("pay", "social media influencers"), lex)
('T0100.003',)
>>> techniques_for(claim("impersonate", "news outlets", None), lex)
('T0143.003',)
>>> techniques_for(claim("praise", "the government", None), lex)
()
>>> technique_info("T0135.001").name
'Smear'
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from kg.entities._text import singular
from kg.lexicon import Lexicon
from kg.model import Claim

__all__ = ["DISARM_IRI", "Technique", "techniques_for", "technique_info", "LEXICON_FILE"]

#: Where kg mints IRIs for DISARM concepts (as in ``ontologies/disarm-alignment.ttl``).
DISARM_IRI = "https://w3id.org/kg/disarm/"
LEXICON_FILE = "disarm_techniques.tsv"

_WORD = re.compile(r"[A-Za-z][A-Za-z'-]*")


@dataclass(frozen=True)
class Technique:
    """One DISARM technique: identifier, name and tactic."""

    id: str
    name: str
    tactic: str  #: tactic identifier, e.g. TA15
    tactic_name: str

    @property
    def tactic_phase(self) -> str:
        """The tactic as a STIX kill-chain phase name: ``establish-assets``."""
        return re.sub(r"[^a-z0-9]+", "-", self.tactic_name.lower()).strip("-") or self.tactic.lower()


@dataclass(frozen=True)
class _Lexicon:
    techniques: dict[str, Technique]
    lemma: dict[str, str]
    head: dict[str, str]
    lemma_head: dict[tuple[str, str], str]
    modifier_head: dict[tuple[str, str], str]
    use_verbs: frozenset[str]


@lru_cache(maxsize=1)
def _lexicon() -> _Lexicon:
    text = resources.files("kg").joinpath("lexicon", LEXICON_FILE).read_text(encoding="utf-8")
    techniques: dict[str, Technique] = {}
    cues: dict[str, dict] = {"lemma": {}, "head": {}, "lemma+head": {}, "modifier+head": {}}
    use_verbs: set[str] = set()
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        cols = line.split("\t")
        if cols[0] == "technique":
            techniques[cols[1]] = Technique(cols[1], cols[2], cols[3], cols[4])
        elif cols[0] == "cue":
            kind, words, tid = cols[1], cols[2], cols[3]
            key = tuple(words.split("+")) if "+" in kind else words
            cues[kind][key] = tid
        elif cols[0] == "use_verb":
            use_verbs.add(cols[1])
    return _Lexicon(
        techniques, cues["lemma"], cues["head"], cues["lemma+head"], cues["modifier+head"], frozenset(use_verbs)
    )


def technique_info(technique_id: str) -> Technique | None:
    """The DISARM technique with this identifier, or None when there is none."""
    return _lexicon().techniques.get(technique_id)


def _phrase(text: str, lex: Lexicon) -> list[str]:
    """The object phrase's words up to and including its head, lower case and singular.

    The head is over at a preposition, relative or conjunction (the lexicon's
    ``phrase_end_words``: "accounts on Facebook", "bots to amplify"); a noun that counts
    or collects (``collection_nouns``) gives way to its of-complement ("thousands of fake
    accounts").
    """
    words: list[str] = []
    ends, collections = lex.words("phrase_end_words"), lex.words("collection_nouns")
    for word in _WORD.findall(text.lower()):
        if word == "of" and words and words[-1] in collections:
            words = []  # "a network of bots": the head is what the network is made of
            continue
        if word in ends and words:
            break
        words.append(singular(word))
    return words


def _heads(words: list[str]) -> list[str]:
    """Cue phrases the object's head can match, longest first: 'troll account', 'account'."""
    return [" ".join(words[i:]) for i in range(max(0, len(words) - 3), len(words))]


def techniques_for(claim: Claim, lexicon: Lexicon) -> tuple[str, ...]:
    """The DISARM technique identifiers a claim's words name, sorted (empty when none).

    A predicate lemma cue applies whatever the object; head cues apply when the verb makes
    or uses its object (or the claim's relation is ``uses``); a verb or modifier with the
    head is preferred to the head alone ("pay influencers" is T0100.003 whatever
    "influencer" alone would say), and one head gives one technique, its longest match.
    """
    lex = _lexicon()
    lemma = claim.predicate.lemma.lower()
    found: set[str] = set()
    if lemma in lex.lemma:
        found.add(lex.lemma[lemma])
    for mention in (claim.object,):
        words = _phrase(mention.text, lexicon)
        if not words:
            continue
        modifiers = set(words[:-1])
        using = lemma in lex.use_verbs or claim.predicate.relation == "uses"
        for head in _heads(words):
            if (lemma, head) in lex.lemma_head:
                found.add(lex.lemma_head[(lemma, head)])
                break
            special = [lex.modifier_head[(m, head)] for m in sorted(modifiers) if (m, head) in lex.modifier_head]
            if special and using:
                found.update(special)
                found.add(lex.head.get(head, special[0]))
                break
            if head in lex.head and using:
                found.add(lex.head[head])
                break
    return tuple(sorted(found))
