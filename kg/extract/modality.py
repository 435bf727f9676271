"""Negation, ICD 203 likelihood, analytic confidence and hedges scoped over a predicate.

PLACEHOLDER: interface only, to be replaced by the real implementation.
"""

from __future__ import annotations

from spacy.tokens import Token

from kg.model import Hedge

__all__ = ["is_negated", "hedges_for"]


def is_negated(predicate: Token) -> bool:
    """True when the clause headed by ``predicate`` denies or leaves open the action."""
    return any(child.dep_ == "neg" for child in predicate.children)


def hedges_for(predicate: Token) -> tuple[Hedge, ...]:
    """The estimative or hedging cues that qualify the clause headed by ``predicate``."""
    return ()
