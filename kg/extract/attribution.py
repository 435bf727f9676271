"""Attribution: who the text says makes a claim (reported speech, "according to").

PLACEHOLDER: interface only, to be replaced by the real implementation.
"""

from __future__ import annotations

from spacy.tokens import Span, Token

__all__ = ["Attribution", "attribution_for", "is_reporting_verb"]

from typing import NamedTuple


class Attribution(NamedTuple):
    text: str  #: the source as written, e.g. "the U.S. intelligence community"
    span: Span | None  #: where it is written, when it is in the sentence


def is_reporting_verb(token: Token) -> bool:
    """True for verbs of saying or assessing whose complement is the reported claim."""
    return token.lemma_ in {"say", "report", "assess", "tell", "state", "continue"}


def attribution_for(predicate: Token) -> Attribution | None:
    """The source of the clause headed by ``predicate``, or None when unattributed."""
    return None
