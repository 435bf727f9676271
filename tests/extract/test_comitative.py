"""Comitative and additive coordination: "X, along with Y and Z, did ..." gives Y and Z
the claims of X when they are actors."""

from __future__ import annotations

from handparse import parse

from kg.extract.clauses import predications
from kg.lexicon import load_lexicon

LEXICON = load_lexicon()

LEX = LEXICON.with_lookups(
    verb=lambda lemma, preposition=None, object_lemma=None: {"target": "targets"}.get(lemma) if preposition is None else None,
    noun=lambda lemma, preposition=None: None,
)


def _triples(rows):
    doc = parse(rows)
    return {(p.subject.text, p.relation, p.object.text) for p in predications(doc[:], LEX)}


def test_along_with_actors_share_the_subjects_claims():
    rows = """Russia 8 nsubj PROPN NNP Russia B-GPE
, 0 punct PUNCT , ,
along 0 prep ADP IN along
with 2 prep ADP IN with
China 3 pobj PROPN NNP China B-GPE
and 4 cc CCONJ CC and
Iran 4 conj PROPN NNP Iran B-GPE
, 0 punct PUNCT , ,
targeted 8 ROOT VERB VBD target
Ukraine 8 dobj PROPN NNP Ukraine B-GPE"""
    assert _triples(rows) == {
        ("Russia", "targets", "Ukraine"),
        ("China", "targets", "Ukraine"),
        ("Iran", "targets", "Ukraine"),
    }


def test_in_addition_to_on_the_verb_before_it():
    rows = """Russia 7 nsubj PROPN NNP Russia B-GPE
, 7 punct PUNCT , ,
in 7 prep ADP IN in
addition 2 pobj NOUN NN addition
to 3 prep ADP IN to
China 4 pobj PROPN NNP China B-GPE
, 7 punct PUNCT , ,
targeted 7 ROOT VERB VBD target
Ukraine 7 dobj PROPN NNP Ukraine B-GPE"""
    assert _triples(rows) == {("Russia", "targets", "Ukraine"), ("China", "targets", "Ukraine")}


def test_companion_that_is_no_actor_is_not_added():
    rows = """Russia 6 nsubj PROPN NNP Russia B-GPE
, 0 punct PUNCT , ,
together 3 advmod ADV RB together
with 0 prep ADP IN with
bloggers 3 pobj NOUN NNS blogger
, 0 punct PUNCT , ,
targeted 6 ROOT VERB VBD target
Ukraine 6 dobj PROPN NNP Ukraine B-GPE"""
    assert _triples(rows) == {("Russia", "targets", "Ukraine")}


def test_additive_phrase_after_the_verb_adds_no_subject():
    rows = """Russia 1 nsubj PROPN NNP Russia B-GPE
targeted 1 ROOT VERB VBD target
Ukraine 1 dobj PROPN NNP Ukraine B-GPE
along 1 prep ADP IN along
with 3 prep ADP IN with
Moldova 4 pobj PROPN NNP Moldova B-GPE"""
    assert _triples(rows) == {("Russia", "targets", "Ukraine")}
