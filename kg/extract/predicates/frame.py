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

    def roles(self) -> tuple[Token | None, Token | None]:
        """The heads of the subject and of the object in the order the claims read them.

        Open IE prints the surface order: a passive's patient is ``arg1`` and its
        ``by`` agent the first argument (``(emails; were leaked by; Russia)``); the
        claims make the agent the subject. Other frames keep ``arg1`` and the first
        argument (``None`` when there is none).

        Example: ``(emails; were leaked by; Russia)`` and ``(Russia; leaked; emails)``
        both give ``(Russia, emails)``; ``(accounts; be tied to; Cuba)`` gives
        ``(accounts, Cuba)``, as the claims' affiliation does.
        """
        first = span_head(self.args[0]) if self.args else None
        subject = span_head(self.arg1)
        if self.kind == "passive" and self.relation and self.relation[-1].dep_ == "agent":
            return first, subject
        return subject, first
