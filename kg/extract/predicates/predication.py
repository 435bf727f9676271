"""The :class:`Predication` record: one predicate with one subject and one object.

The claims layer (:mod:`kg.extract.clauses`) yields these; the readings of the predicate
package (subjects, sets, arguments, noun events, repairs, roles) supply their parts.
"""

from __future__ import annotations

from typing import NamedTuple

from spacy.tokens import Token

__all__ = ["Predication"]


class Predication(NamedTuple):
    """One predicate with one subject and one object (coordination already distributed)."""

    predicate: Token  #: the semantic predicate: the innermost verb, or an event noun
    subject: Token  #: head of the subject (a relative pronoun is already replaced)
    object: Token  #: head of the object
    relation: str | None  #: ontology relation, or None for an open relation
    lemma: str  #: the predicate's lemma with its particle or copula preposition
    preposition: str | None  #: the preposition introducing the object, if any
    chain: tuple[Token, ...]  #: the predicate, then the tokens that control it, outward
    voice: str  #: "active", "passive", "nominal" or "copula"
    subject_via: str  #: how the subject was found: nsubj, agent, control, conj, member, ...
    svo: bool  #: a plain subject–verb–direct object clause (open relations need one)
