"""The relation table: predicates (verbs and event nouns) to ontology relations.

Built from three files of ``kg/lexicon/`` by :func:`kg.lexicon.load_lexicon`:

``relations.tsv``
    kg's own lexicon of general English verbs and event nouns, grouped by verb class
    (judgment/disparagement, damaging, persuasion, use, performance, association), with
    optional preposition/particle and object conditions; every row names its source.
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

from collections.abc import Iterable, Mapping
from types import MappingProxyType
from typing import NamedTuple

__all__ = ["LexiconEntry", "RelationTable"]


class LexiconEntry(NamedTuple):
    """One row of the predicate lexicon."""

    pos: str  #: "verb" or "noun"
    lemma: str
    preposition: str | None
    object: str | None  #: a lemma, "@class", or None for no condition
    relation: str | None  #: None: a row saying the predicate makes no claim with this object
    source: str  #: a general-English justification or a named resource ("disarm:<id>")


class RelationTable:
    """Predicate rows indexed by (part of speech, lemma), and the object-noun classes.

    Immutable after construction (the tables are read-only views).

    Examples
    --------
    >>> table = RelationTable(
    ...     [LexiconEntry("verb", "increase", None, "@divisive", "exploits", "general English"),
    ...      LexiconEntry("verb", "post", None, "@content", None, "general English"),
    ...      LexiconEntry("noun", "campaign", "against", None, "targets", "general English")],
    ...     {"division": frozenset({"divisive"}), "video": frozenset({"content"})})
    >>> table.verb("increase", None, "division"), table.verb("increase") is None
    ('exploits', True)
    >>> table.noun("campaign", "against"), table.spreads("post", "video")
    ('targets', True)
    """

    def __init__(self, entries: Iterable[LexiconEntry], classes: Mapping[str, frozenset[str]]) -> None:
        self.entries: tuple[LexiconEntry, ...] = tuple(entries)
        index: dict[tuple[str, str], list[LexiconEntry]] = {}
        for entry in self.entries:
            index.setdefault((entry.pos, entry.lemma), []).append(entry)
        self._index = MappingProxyType({key: tuple(rows) for key, rows in index.items()})
        self.classes: Mapping[str, frozenset[str]] = MappingProxyType(dict(classes))

    def knows(self, pos: str, lemma: str) -> bool:
        """Whether any row is about this lemma ("recruit" is known, though only with
        objects of some classes)."""
        return (pos, _norm(lemma)) in self._index

    def verb(self, lemma: str, preposition: str | None = None, object_lemma: str | None = None) -> str | None:
        """The ontology relation (local name) a verb expresses, or None for an open relation.

        ``lemma`` may be a phrasal verb given whole ("carry out"), in which case its last
        word is taken as the particle; ``preposition`` governs the object ("interfere
        *in*"; ``"by"`` for a passive's agent); ``object_lemma`` is the direct object's
        head, which some verbs need ("increase *divisions*" → exploits).
        """
        entry = self.best("verb", lemma, preposition, object_lemma)
        return entry.relation if entry is not None else None

    def noun(self, lemma: str, preposition: str | None = None) -> str | None:
        """The ontology relation an event noun ("interference", "campaign") expresses, or None.

        An agent's "by" ("interference by Cuba") is not an object preposition and is ignored.
        """
        if preposition and preposition.lower() == "by":
            preposition = None
        entry = self.best("noun", lemma, preposition, None)
        return entry.relation if entry is not None else None

    def spreads(self, lemma: str, object_lemma: str | None) -> bool:
        """Whether a verb with this object spreads published content (a "no claim" row of
        the precision policy matched): the content is no instrument, but whom it is for or
        against still says what its spreader aims at."""
        entry = self.best("verb", lemma, None, object_lemma)
        return entry is not None and entry.relation is None and entry.object == "@content"

    def object_classes(self, lemma: str) -> frozenset[str]:
        """The object classes (without "@") a noun lemma belongs to, e.g. ``{"divisive"}``."""
        return self.classes.get(_norm(lemma) or "", frozenset())

    def best(self, pos: str, lemma: str, preposition: str | None, object_lemma: str | None) -> LexiconEntry | None:
        """The most specific row that matches, or None (earlier rows win ties)."""
        lemma, prep, obj = _norm(lemma), _norm(preposition), _norm(object_lemma)
        if not lemma:
            return None
        if " " in lemma and prep is None and (pos, lemma) not in self._index:
            # "carry out", "be behind": the last word is the particle, unless the multiword
            # lemma is itself an entry ("single out").
            lemma, prep = lemma.rsplit(" ", 1)
        best: tuple[int, int] | None = None
        chosen = None
        for order, entry in enumerate(self._index.get((pos, lemma), ())):
            rank = self._match_rank(entry, prep, obj)
            if rank is None:
                continue
            key = (rank, -order)
            if best is None or key > best:
                best, chosen = key, entry
        return chosen

    def _match_rank(self, entry: LexiconEntry, prep: str | None, obj: str | None) -> int | None:
        """How specifically ``entry`` matches (higher is better), or None if it does not."""
        rank = 0
        if entry.preposition is not None:
            if entry.preposition != prep:
                return None
            rank += 2
        if entry.object is not None:
            if obj is None or not self._object_matches(entry.object, obj):
                return None
            rank += 1
        # kg's own rows outrank DISARM's at equal specificity.
        return rank * 2 + (0 if entry.source.startswith("disarm:") else 1)

    def _object_matches(self, condition: str, obj: str) -> bool:
        if condition.startswith("@"):
            return condition[1:] in self.classes.get(obj, frozenset())
        return condition == obj


def _norm(word: str | None) -> str | None:
    if word is None:
        return None
    word = " ".join(word.lower().split())
    return word or None
