"""Framing verbs: "portray X as <something bad>" denigrates X; the framing verb alone is
neutral. Hand-built parses."""

from __future__ import annotations

from handparse import parse

from kg.extract import extract_claims
from kg.lexicon import load_lexicon

LEXICON = load_lexicon()


def claims(rows: str) -> set[tuple[str, str | None, str]]:
    return {(c.subject.label, c.predicate.relation, c.object.text) for c in extract_claims(parse(rows), "t.txt", LEXICON)}


def test_framing_an_object_as_a_pejorative_noun_denigrates_it():
    found = claims("""
        China 1 nsubj PROPN NNP China B-GPE
        portrayed 1 ROOT VERB VBD portray
        the 3 det DET DT the
        protesters 1 dobj NOUN NNS protester
        as 1 prep ADP IN as
        violent 6 amod ADJ JJ violent
        extremists 4 pobj NOUN NNS extremist
        . 1 punct PUNCT . .
    """)
    assert ("China", "denigrates", "the protesters") in found


def test_the_complement_on_the_object_is_not_part_of_it():
    found = claims("""
        Beijing 1 nsubj PROPN NNP Beijing B-GPE
        portrayed 1 ROOT VERB VBD portray
        the 4 det DET DT the
        democratic 4 amod ADJ JJ democratic
        model 1 dobj NOUN NN model
        as 4 prep ADP IN as
        ineffective 5 amod ADJ JJ ineffective
        and 6 cc CCONJ CC and
        chaotic 6 conj ADJ JJ chaotic
        . 1 punct PUNCT . .
    """)
    assert ("China", "denigrates", "the democratic model") in found


def test_framing_as_something_neutral_makes_no_relation():
    found = claims("""
        Russia 1 nsubj PROPN NNP Russia B-GPE
        portrayed 1 ROOT VERB VBD portray
        Ukraine 1 dobj PROPN NNP Ukraine B-GPE
        as 1 prep ADP IN as
        a 5 det DET DT a
        partner 3 pobj NOUN NN partner
        . 1 punct PUNCT . .
    """)
    assert not any(relation == "denigrates" for _, relation, _ in found)


def test_a_pejorative_complement_needs_a_framing_verb():
    found = claims("""
        Russia 1 nsubj PROPN NNP Russia B-GPE
        hired 1 ROOT VERB VBD hire
        Ukrainians 1 dobj PROPN NNPS Ukrainian B-NORP
        as 1 prep ADP IN as
        thugs 3 pobj NOUN NNS thug
        . 1 punct PUNCT . .
    """)
    assert not any(relation == "denigrates" for _, relation, _ in found)
