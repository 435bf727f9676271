"""The record the predicate layer yields: one predication with its argument spans."""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Token

from kg.extract.spans import span_head

__all__ = ["Frame"]


@dataclass(frozen=True)
class Frame:
    """One predication: a relation, its subject and further arguments, as token spans.

    Attributes
    ----------
    relation : tuple of Token
        The relation's tokens: verb group, folded infinitives, a preposition or
        adjective that CaRB puts in the relation (``taught at``, ``is familiar with``).
    arg1 : tuple of Token
        The subject span (the agent span of a passive's ``by`` is an argument instead).
    args : tuple of tuple of Token
        The object first (if any), then a second object, then modifiers.
    kind : str
        ``verb``, ``passive``, ``copula``, or a nominal pattern: ``apposition``,
        ``possessive``, ``modifier``, ``title``, ``location``.
    predicate : int
        Index of the predicate token in the ``Doc``; -1 when the relation is implicit.
    relation_text : str or None
        The relation of a nominal pattern, which no token states (``be``, ``has``).
    relation_prefix : str
        A ``be`` the sentence leaves implicit before the relation tokens
        (``a tank founded in 2005`` -> ``be founded in``).
    inherited_subject : bool
        The subject is not the clause's own (coordination, control, relative clause).
    """

    relation: tuple[Token, ...]
    arg1: tuple[Token, ...]
    args: tuple[tuple[Token, ...], ...]
    kind: str
    predicate: int
    relation_text: str | None = None  # implicit relations of nominal patterns ("be", "has")
    relation_prefix: str = ""  # a "be" the sentence leaves implicit ("a tank founded in")
    inherited_subject: bool = False

    def actor_and_patient(self) -> tuple[Token | None, Token | None]:
        """The heads of the logical subject and object, as the claims read them.

        Open IE prints the surface order: a passive's patient is ``arg1`` and its
        ``by`` agent the first argument (``(emails; were leaked by; Russia)``); the
        claims name the agent as the actor. For other frames the actor is ``arg1``
        and the patient the first argument.

        Example: for ``(emails; were leaked by; Russia)`` this gives
        ``(Russia, emails)``; for ``(Russia; leaked; emails)`` the same; for
        ``(emails; were leaked in; 2016)`` it gives ``(None, emails)``.
        """
        first = span_head(self.args[0]) if self.args else None
        subject = span_head(self.arg1)
        if self.kind != "passive":
            return subject, first
        if self.relation and self.relation[-1].dep_ == "agent":
            return first, subject
        return None, subject  # an agentless passive names no actor
