"""The predicate–argument layer: which predications a parse states, with their arguments.

Claims and Open IE read clauses through this package. Both read the same syntax:

* :mod:`~kg.extract.predicates.syntax` — the lexicon-free facts of a clause: voice
  (logical and grammatical), a verb's own subject, a passive's agent and patient,
  particles, prepositional objects, the antecedent of a relative clause, conjuncts.

Open IE's frames (:func:`frames`, printed by :mod:`kg.openie`):

* :mod:`~kg.extract.predicates.verbs` — verb frames: voice, control and raising,
  coordination, relative clauses, copulas, reduced participles, modifiers.
* :mod:`~kg.extract.predicates.nominal` — appositions, possessives, adjectival
  modifiers, titles and locations.
* :mod:`~kg.extract.predicates.frame` — the :class:`Frame` record they yield.

The claims' readings, which need the lexicon; :mod:`kg.extract.clauses` assembles and
types :class:`~kg.extract.predicates.predication.Predication` records from them:

* :mod:`~kg.extract.predicates.inheritance` — subject inheritance: control, raising,
  purpose, object control, accusations, shared subjects of conjuncts; never from a
  reporting verb.
* :mod:`~kg.extract.predicates.sets` — sets and "along with": members of "including"
  lists, plural descriptions of names, folded name lists, comitative companions.
* :mod:`~kg.extract.predicates.arguments` — the objects of verbs and copulas with the
  relation the lexicon gives each: prepositional objects, light verbs, shared objects,
  secondary predication, evaluation, means, principals, attribution.
* :mod:`~kg.extract.predicates.noun_events` — event nouns: their agents and objects.
* :mod:`~kg.extract.predicates.instruments` — who owns or uses an instrument
  ("Kremlin-linked accounts", content a relative clause is about).
* :mod:`~kg.extract.predicates.roles` — roles and titles: who holds a position in an
  organisation, or is a part of one.
* :mod:`~kg.extract.predicates.repairs` — misparse repairs: verbs folded into noun
  phrases, participles hung on the wrong noun.
* :mod:`~kg.extract.predicates.predication` — the :class:`Predication` record.

Spans come from :mod:`kg.extract.spans`. :mod:`kg.openie` prints frames in CaRB's
format with a confidence.

Example
-------
>>> from handparse import parse                                     # doctest: +SKIP
>>> doc = parse('''Russia 1 nsubj PROPN NNP Russia
... hacked 1 ROOT VERB VBD hack
... servers 1 dobj NOUN NNS server''')                               # doctest: +SKIP
>>> [(f.kind, f.predicate) for f in frames(doc)]                    # doctest: +SKIP
[('verb', 1)]
"""

from __future__ import annotations

from typing import Iterator

from spacy.tokens import Doc

from kg.extract.predicates.frame import Frame
from kg.extract.predicates.nominal import adjectives, appositions, locations, possessives, titles
from kg.extract.predicates.verbs import is_clause_predicate, verb_frames
from kg.lexicon import Lexicon

__all__ = ["Frame", "frames"]


def frames(doc: Doc, lex: Lexicon) -> Iterator[Frame]:
    """Yield the frames of a parsed sentence or document: clauses first, in order,
    then the nominal patterns (appositions, possessives, modifiers, titles, locations).

    Parameters
    ----------
    doc : spacy.tokens.Doc
        A parsed ``Doc`` (``dep``, ``pos``, ``tag``; ``ent`` for titles).
    lex : Lexicon
        The lexicon (its ``speech_verbs``).

    Yields
    ------
    Frame
        One per clause and conjunct; duplicates are possible (the reader removes them).
    """
    for token in doc:
        if is_clause_predicate(token):
            yield from verb_frames(token, lex)
    yield from appositions(doc)
    yield from possessives(doc)
    yield from adjectives(doc)
    yield from titles(doc)
    yield from locations(doc)
