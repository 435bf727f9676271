"""The syntax every predication is read from: voice, subjects, prepositions, conjuncts.

These are the lexicon-free facts both readers of a clause agree on, so both take them
from here: the claims layer (:mod:`kg.extract.clauses`) and Open IE's frames
(:mod:`kg.extract.predicates.verbs`):

* **Voice.** :func:`is_passive`: passive marking, a ``by`` agent, or a bare past
  participle on a noun ("content spread by fake profiles", "a tank founded in 2005").
  The claims take the agent as the actor; Open IE prints the frame as a passive.
* **Subjects.** :func:`own_subject` gives the logical subject a verb states itself
  (``nsubj`` or the passive agent); :func:`clause_antecedent` the noun a relative or
  participial clause is about.
* **Prepositions.** :func:`pobj` reads a plain ``pobj``, as the lexicon's relations
  want it; :func:`prep_object` also looks through complex prepositions ("out of",
  "because of") and clausal objects, whose words CaRB puts in the relation.

Relative pronouns and conjuncts are read the same way by both, with
:func:`kg.extract.spans.relative_antecedent` and :func:`kg.extract.spans.conjuncts`.

Example
-------
>>> from handparse import parse                                    # doctest: +SKIP
>>> doc = parse('''posts 0 ROOT NOUN NNS post
... spread 0 acl VERB VBN spread
... by 1 agent ADP IN by
... trolls 2 pobj NOUN NNS troll''')                                # doctest: +SKIP
>>> is_passive(doc[1])                                             # doctest: +SKIP
True
>>> own_subject(doc[1])                                            # doctest: +SKIP
(trolls, 'agent')
>>> passive_patient(doc[1])                                        # doctest: +SKIP
posts
"""

from __future__ import annotations

from spacy.tokens import Token

from kg.extract.spans import RELATIVE_WORDS, is_relative_pronoun, relative_antecedent

__all__ = [
    "RELATIVE_WORDS",
    "child",
    "pobj",
    "prep_object",
    "inner_preposition",
    "preposition_words",
    "is_verbal",
    "is_passive",
    "passive_agent",
    "passive_patient",
    "particle",
    "own_subject",
    "clause_antecedent",
]

_SUBJECT_DEPS = frozenset({"nsubj", "csubj"})


# ---------------------------------------------------------------------------- children


def child(token: Token, *deps: str) -> Token | None:
    """The first child of ``token`` with one of the labels ``deps``, or None."""
    return next((c for c in token.children if c.dep_ in deps), None)


def pobj(prep: Token) -> Token | None:
    """The ``pobj`` of a preposition, or None."""
    return next((c for c in prep.children if c.dep_ == "pobj"), None)


def prep_object(prep: Token) -> Token | None:
    """The object of a preposition, looking through complex prepositions (``out of``)."""
    obj = next((c for c in prep.children if c.dep_ in ("pobj", "pcomp")), None)
    if obj is None:
        inner = inner_preposition(prep)
        if inner is not None:
            return next((c for c in inner.children if c.dep_ in ("pobj", "pcomp")), None)
    return obj


def inner_preposition(prep: Token) -> Token | None:
    """The second preposition of ``out of``, ``because of``, ``up to`` (else None)."""
    children = [c for c in prep.children if c.dep_ != "punct"]
    if len(children) == 1 and children[0].dep_ == "prep" and children[0].i == prep.i + 1:
        return children[0]
    return None


def preposition_words(prep: Token) -> list[Token]:
    """The preposition's own words: one, or two for a complex preposition."""
    inner = inner_preposition(prep)
    return [prep] if inner is None else [prep, inner]


# ---------------------------------------------------------------------------- voice


def is_verbal(token: Token) -> bool:
    """A verb or an auxiliary."""
    return token.pos_ in {"VERB", "AUX"}


def is_passive(verb: Token) -> bool:
    """Logically passive: passive marking, a ``by`` agent, or a reduced passive relative."""
    if any(c.dep_ in {"nsubjpass", "auxpass", "agent"} for c in verb.children):
        return True
    # a bare past participle modifying a noun is a reduced passive relative
    return verb.tag_ == "VBN" and verb.dep_ == "acl"


def passive_agent(verb: Token) -> Token | None:
    """The object of a passive's ``by`` phrase ("spread *by fake profiles*")."""
    agent = child(verb, "agent")
    if agent is None and verb.tag_ == "VBN":
        agent = next((c for c in verb.children if c.dep_ == "prep" and c.lower_ == "by"), None)
    return pobj(agent) if agent is not None else None


def passive_patient(verb: Token) -> Token | None:
    """What a passive is done to: its ``nsubjpass`` (through a relative pronoun) or the
    noun a reduced passive relative modifies."""
    patient = child(verb, "nsubjpass")
    if patient is not None:
        return relative_antecedent(patient)
    if verb.dep_ in {"acl", "relcl"} and verb.head.pos_ in {"NOUN", "PROPN", "PRON"}:
        return verb.head
    return None


def particle(verb: Token) -> str | None:
    """The verb's particle ("carry *out*"), lower-cased, or None."""
    prt = child(verb, "prt")
    return prt.lower_ if prt is not None else None


# ---------------------------------------------------------------------------- subjects


def own_subject(verb: Token) -> tuple[Token, str] | None:
    """The subject a verb states itself: ``nsubj`` (through a relative pronoun) or ``by`` agent.

    Returns
    -------
    tuple or None
        (head token, how it was found) or None.
    """
    for child in verb.children:
        if child.dep_ in _SUBJECT_DEPS and child.pos_ != "SPACE":
            if is_relative_pronoun(child):
                return relative_antecedent(child), "relcl"
            return child, "nsubj"
    if is_passive(verb):
        agent = passive_agent(verb)
        if agent is not None:
            return agent, "agent"
    return None


def clause_antecedent(token: Token) -> Token | None:
    """The noun a relative or participial clause headed by ``token`` modifies, if any."""
    if token.dep_ in ("relcl", "acl") and token.head.pos_ in ("NOUN", "PROPN", "PRON", "NUM"):
        return token.head
    return None
