"""The relation lexicon: predicates (verbs and event nouns) to ontology relations.

Three data files under ``kg/lexicon/`` (loaded lazily, once, on first use):

``relations.tsv``
    kg's own hand-curated lexicon of general English verbs and event nouns, grouped by
    verb class (judgment/disparagement, damaging, persuasion, use, performance,
    association), with optional preposition/particle and object conditions.
``object_classes.tsv``
    noun classes (``@divisive``, ``@instrument``, ``@operation``, ``@candidate``, ...) used
    as object conditions: "increase divisions" is exploitation, "increase funding" is not.
``disarm_verbs.tsv``
    verbs and instrument nouns extracted from DISARM technique names (CC BY-SA 4.0, DISARM
    Foundation; built by ``scripts/build_disarm_lexicon.py``). kg's own rows win; DISARM
    rows fill in verbs kg's lexicon lacks and extend the ``@instrument`` class.

Lookup prefers the most specific row: preposition and object both matched, then the
preposition, then the object, then a bare row. A row that names a preposition never
matches a call without it ("be" is no relation, "be behind" is ``conducts``), while a bare
row still matches a call with a preposition it does not mention ("target ... in 2022").
"""

from __future__ import annotations

import csv
from functools import cache
from importlib import resources
from typing import TYPE_CHECKING, Iterator, NamedTuple

from kg.ontology import RELATIONS

if TYPE_CHECKING:
    from spacy.tokens import Token

__all__ = [
    "LexiconEntry",
    "relation_for_verb",
    "relation_for_noun",
    "spreads_content",
    "object_class",
    "lexicon_entries",
    "semantic_head",
    "QUANTITY_NOUNS",
]

#: Nouns that measure or group rather than name what is acted on: the lexicon wants
#: "content" in "create a significant amount of content", "candidates" in "weaken a small
#: number of candidates".
QUANTITY_NOUNS = frozenset({
    "number", "amount", "handful", "lot", "lots", "series", "range", "variety", "set",
    "group", "host", "array", "couple", "dozen", "dozens", "hundred", "hundreds",
    "thousand", "thousands", "million", "millions", "majority", "minority", "portion",
    "part", "share", "wave", "flood", "stream", "barrage", "slew", "raft", "batch",
    "volume", "quantity", "multitude", "network", "kind", "type", "sort", "form",
})


class LexiconEntry(NamedTuple):
    """One row of the predicate lexicon."""

    pos: str  #: "verb" or "noun"
    lemma: str
    preposition: str | None
    object: str | None  #: a lemma, "@class", or None for no condition
    relation: str | None  #: None: a row saying the predicate makes no claim with this object
    source: str  #: "curated[:group]" or "disarm:<technique id>"


def relation_for_verb(lemma: str, preposition: str | None = None, object_lemma: str | None = None) -> str | None:
    """The ontology relation (local name) a verb expresses, or None for an open relation.

    Parameters
    ----------
    lemma
        The verb's lemma; a phrasal verb may be given whole ("carry out", "single out"),
        in which case its last word is taken as the particle.
    preposition
        The preposition or particle that governs the object ("interfere *in*", "focus
        *on*"); for a passive clause whose object is the agent, ``"by"``.
    object_lemma
        The lemma of the direct object's head, which some verbs need ("increase
        *divisions*" → exploits, "create *accounts*" → uses, "weaken *candidates*" →
        denigrates).

    Returns
    -------
    str or None
        A name in :data:`kg.ontology.RELATIONS`, or None.

    Examples
    --------
    >>> relation_for_verb("interfere", "in")
    'interferesIn'
    >>> relation_for_verb("increase", object_lemma="division")
    'exploits'
    >>> relation_for_verb("increase") is None
    True
    """
    return _lookup("verb", lemma, preposition, object_lemma)


def spreads_content(lemma: str, object_lemma: str | None) -> bool:
    """Whether a verb with this object spreads published content (a "no claim" row of the
    precision policy matched): the content is no instrument, but whom it is for or
    against still says what its spreader aims at.

    >>> spreads_content("post", "video"), spreads_content("create", "account")
    (True, False)
    """
    entry = _best("verb", lemma, None, object_lemma)
    return entry is not None and entry.relation is None and entry.object == "@content"


def relation_for_noun(lemma: str, preposition: str | None = None) -> str | None:
    """The ontology relation an event noun ("interference", "campaign") expresses, or None.

    Parameters
    ----------
    lemma
        The noun's lemma ("interference", "meddling", "campaign", "tie").
    preposition
        The preposition introducing the noun's object ("campaign *against*", "ties *to*",
        "support *for*"); an agent's "by" ("interference by Cuba") is not an object
        preposition and is ignored.

    Examples
    --------
    >>> relation_for_noun("interference")
    'interferesIn'
    >>> relation_for_noun("campaign", "against")
    'targets'
    """
    if preposition and preposition.lower() == "by":
        preposition = None
    return _lookup("noun", lemma, preposition, None)


def object_class(lemma: str) -> frozenset[str]:
    """The object classes (without "@") a noun lemma belongs to, e.g. ``{"divisive"}``."""
    return _classes_of().get(_norm(lemma), frozenset())


def lexicon_entries() -> tuple[LexiconEntry, ...]:
    """All lexicon rows, kg's own first, then DISARM's (for inspection and tests)."""
    return _entries()


def semantic_head(noun: "Token") -> "Token":
    """The noun a quantity phrase is about: "a handful of *elections*", "an amount of
    *content*"; any other noun is returned unchanged. Use it to pick ``object_lemma``.

    "network" counts as a quantity only before "of" ("a network of accounts" → accounts).
    """
    seen = 0
    while noun.lemma_.lower() in QUANTITY_NOUNS and seen < 4:
        of = next((c for c in noun.children if c.dep_ == "prep" and c.lower_ == "of"), None)
        pobj = next((c for c in of.children if c.dep_ == "pobj"), None) if of is not None else None
        if pobj is None:
            break
        noun, seen = pobj, seen + 1
    return noun


# --------------------------------------------------------------------------- lookup


def _norm(word: str | None) -> str | None:
    if word is None:
        return None
    word = " ".join(word.lower().split())
    return word or None


def _lookup(pos: str, lemma: str, preposition: str | None, object_lemma: str | None) -> str | None:
    entry = _best(pos, lemma, preposition, object_lemma)
    return entry.relation if entry is not None else None


def _best(pos: str, lemma: str, preposition: str | None, object_lemma: str | None) -> LexiconEntry | None:
    lemma, prep, obj = _norm(lemma), _norm(preposition), _norm(object_lemma)
    if not lemma:
        return None
    if " " in lemma and prep is None:
        # "carry out", "single out", "be behind": the last word is the particle, unless
        # the multiword lemma is itself a lexicon entry ("single out").
        if (pos, lemma) not in _index():
            lemma, prep = lemma.rsplit(" ", 1)
    best: tuple[int, int] | None = None
    chosen = None
    for order, entry in enumerate(_index().get((pos, lemma), ())):
        rank = _match_rank(entry, prep, obj)
        if rank is None:
            continue
        key = (rank, -order)
        if best is None or key > best:
            best, chosen = key, entry
    return chosen


def _match_rank(entry: LexiconEntry, prep: str | None, obj: str | None) -> int | None:
    """How specifically ``entry`` matches (higher is better), or None if it does not."""
    rank = 0
    if entry.preposition is not None:
        if entry.preposition != prep:
            return None
        rank += 2
    if entry.object is not None:
        if obj is None or not _object_matches(entry.object, obj):
            return None
        rank += 1
    # kg's own rows outrank DISARM's at equal specificity.
    return rank * 2 + (0 if entry.source.startswith("disarm:") else 1)


def _object_matches(condition: str, obj: str) -> bool:
    if condition.startswith("@"):
        return condition[1:] in _classes_of().get(obj, frozenset())
    return condition == obj


# --------------------------------------------------------------------------- loading


def _data_lines(name: str) -> Iterator[str]:
    """Lines of a ``kg/lexicon`` data file without comments (package data, so wheels work)."""
    text = resources.files("kg").joinpath("lexicon", name).read_text(encoding="utf-8")
    for line in text.splitlines():
        if line.strip() and not line.startswith("#"):
            yield line


def _dash(value: str) -> str | None:
    value = value.strip()
    return None if value in ("", "-") else value.lower()


@cache
def _entries() -> tuple[LexiconEntry, ...]:
    rows: list[LexiconEntry] = []
    for rec in csv.DictReader(_data_lines("relations.tsv"), delimiter="\t"):
        rows.append(
            LexiconEntry(
                rec["pos"], rec["lemma"].lower(), _dash(rec["prep"]), _dash(rec["object"]),
                None if rec["relation"].strip() == "-" else rec["relation"].strip(), rec["source"],
            )
        )
    for kind, lemma, obj, relation, disarm_id, _name in csv.reader(_data_lines("disarm_verbs.tsv"), delimiter="\t"):
        if kind == "verb":
            rows.append(LexiconEntry("verb", lemma, None, _dash(obj), relation, f"disarm:{disarm_id}"))
    unknown = {r.relation for r in rows if r.relation is not None} - RELATIONS
    if unknown:
        # A typo in a data file must fail loudly, not silently drop claims.
        raise ValueError(f"lexicon names relations outside the ontology: {sorted(unknown)}")
    return tuple(rows)


@cache
def _index() -> dict[tuple[str, str], tuple[LexiconEntry, ...]]:
    index: dict[tuple[str, str], list[LexiconEntry]] = {}
    for entry in _entries():
        index.setdefault((entry.pos, entry.lemma), []).append(entry)
    return {key: tuple(value) for key, value in index.items()}


@cache
def _classes_of() -> dict[str, frozenset[str]]:
    classes: dict[str, set[str]] = {}
    for rec in csv.DictReader(_data_lines("object_classes.tsv"), delimiter="\t"):
        classes.setdefault(rec["lemma"].lower(), set()).add(rec["class"])
    for kind, lemma, *_rest in csv.reader(_data_lines("disarm_verbs.tsv"), delimiter="\t"):
        if kind == "instrument":
            classes.setdefault(lemma, set()).add("instrument")
    for names in classes.values():
        if "content" in names:
            # the precision policy: published content is spread, never an instrument used
            # (DISARM's technique names list some content nouns as instruments)
            names.discard("instrument")
    return {lemma: frozenset(names) for lemma, names in classes.items()}
