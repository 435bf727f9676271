"""Nominal frames: relations a noun phrase states without a verb.

Appositions (``X, the president of Y`` -> ``(X; be; the president of Y)``),
possessives (``X 's Y`` -> ``(X; has; Y)``), adjectival modifiers (``the comical
contradictions`` -> ``(contradictions; be; comical)``), titles of named people
(``President Bush`` -> ``(Bush; be; President)``, needs NER) and ``Name in Place``
(``(Henry Wood Hall; be in; Glasgow)``). Their relation is implicit, so the frames
carry its text (``be``, ``has``) and no predicate token (``predicate == -1``).

Example
-------
>>> from handparse import parse                                       # doctest: +SKIP
>>> doc = parse('''Russia 2 poss PROPN NNP Russia
... 's 0 case PART POS 's
... trolls 2 ROOT NOUN NNS troll''')                                  # doctest: +SKIP
>>> [(f.relation_text, [t.text for t in f.arg1]) for f in possessives(doc)]  # doctest: +SKIP
[('has', ['Russia'])]
"""

from __future__ import annotations

from typing import Iterator

from spacy.tokens import Doc, Token

from kg.extract.predicates.frame import Frame
from kg.extract.predicates.syntax import prep_object
from kg.extract.spans import argument_span, conjuncts, premodified_noun, trim

__all__ = ["appositions", "possessives", "adjectives", "titles", "locations", "implicit_copula"]


def implicit_copula(subject: Token) -> str:
    """The relation of a nominal pattern that the sentence leaves implicit: ``be``.

    ``X, the president of Y`` and ``the comical contradictions`` state a copula
    without a tense, so the lemma is used (as OpenIE-4 does for relational
    nouns); CaRB's matcher counts a predicted ``be`` as any form of *be*.
    """
    return "be"


def appositions(doc: Doc) -> Iterator[Frame]:
    """``X, the president of Y`` -> (X; be; the president of Y)."""
    for token in doc:
        if token.dep_ == "appos" and token.head.pos_ in ("PROPN", "NOUN", "PRON", "NUM"):
            head = token.head
            yield Frame((), argument_span(head), (argument_span(token),), "apposition", -1,
                        relation_text=implicit_copula(head))


def possessives(doc: Doc) -> Iterator[Frame]:
    """``X 's Y`` -> (X; has; Y): a named or nominal possessor has the possessed."""
    for token in doc:
        if token.dep_ != "poss" or token.pos_ not in ("PROPN", "NOUN"):
            continue
        if not any(c.dep_ == "case" for c in token.children):
            continue
        owner = trim([t for t in token.subtree if t.dep_ != "case" or t.head != token])
        for owned in conjuncts(token.head):
            yield Frame((), owner, (premodified_noun(owned, drop=token),), "possessive", -1,
                        relation_text="has")


def adjectives(doc: Doc) -> Iterator[Frame]:
    """``the comical contradictions`` -> (contradictions; be; comical)."""
    for token in doc:
        if token.dep_ != "amod" or token.tag_ not in ("JJ", "JJR", "JJS") or token.i > token.head.i:
            continue
        if token.head.pos_ not in ("NOUN", "PROPN"):
            continue
        noun = trim([token.head, *(c for c in token.head.children
                                    if c.dep_ == "compound" and c.i < token.head.i)])
        yield Frame((), noun, (trim(list(token.subtree)),), "modifier", -1,
                    relation_text=implicit_copula(token.head))


def titles(doc: Doc) -> Iterator[Frame]:
    """``President Bush`` -> (Bush; be; President): a name's leading common-word title.

    A person's name preceded by compound words outside the PERSON entity; needs
    the entity recogniser, and yields nothing without it.
    """
    if not doc.has_annotation("ENT_IOB"):
        return
    for token in doc:
        if token.ent_type_ != "PERSON" or token.dep_ == "compound":
            continue
        # Abbreviated honorifics ("Mr.", "Dr.") are part of the name, not a title.
        title = [c for c in token.children if c.dep_ == "compound" and not c.ent_type_
                 and c.i < token.i and not c.text.endswith(".")]
        if not title:
            continue
        name = trim([t for t in doc[title[-1].i + 1: token.i + 1] if t.ent_type_ == "PERSON"])
        span = trim([t for c in title for t in c.subtree])
        if name and span:
            yield Frame((), name, (span,), "title", -1, relation_text=implicit_copula(token))


def locations(doc: Doc) -> Iterator[Frame]:
    """``Henry Wood Hall in Glasgow`` -> (Henry Wood Hall; be in; Glasgow).

    A proper name modified by an ``in`` phrase whose object is another proper name
    states where the first is.
    """
    for prep in doc:
        if prep.dep_ != "prep" or prep.lower_ != "in" or prep.head.pos_ != "PROPN":
            continue
        place = prep_object(prep)
        if place is None or place.pos_ != "PROPN" or place.dep_ != "pobj":
            continue
        name = premodified_noun(prep.head)
        for where in conjuncts(place):
            yield Frame((prep,), name, (premodified_noun(where),), "location", -1,
                        relation_prefix="be")
