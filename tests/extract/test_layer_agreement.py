"""Claims and Open IE read the same clause analysis: on the constructions both cover,
the subject and object of every claim predication are those of an Open IE frame.

The claims (:func:`kg.extract.clauses.predications`) read heads and type them with a
lexicon; Open IE (:func:`kg.extract.predicates.frames`) reads spans in surface order.
`Frame.roles` maps a frame back to heads, so a divergence between
the two readers of one parse fails here.
"""

from __future__ import annotations

import pytest
from spacy.tokens import Doc

from handparse import parse

from kg.extract.clauses import predications
from kg.extract.predicates import frames
from kg.lexicon import load_lexicon

LEXICON = load_lexicon()

LEX = LEXICON.with_lookups(verb=lambda lemma, preposition=None, object_lemma=None: "uses" if preposition is None else None,
              noun=lambda lemma, preposition=None: None)

PARSES = {
    "active, coordinated objects": """
        Russia 1 nsubj PROPN NNP Russia B-GPE
        hired 1 ROOT VERB VBD hire
        trolls 1 dobj NOUN NNS troll
        and 2 cc CCONJ CC and
        bots 2 conj NOUN NNS bot
        . 1 punct PUNCT . .""",
    "passive with agent": """
        emails 2 nsubjpass NOUN NNS email
        were 2 auxpass AUX VBD be
        leaked 2 ROOT VERB VBN leak
        by 2 agent ADP IN by
        Russia 3 pobj PROPN NNP Russia B-GPE
        . 2 punct PUNCT . .""",
    "reduced passive relative": """
        posts 4 nsubj NOUN NNS post
        spread 0 acl VERB VBN spread
        by 1 agent ADP IN by
        trolls 2 pobj NOUN NNS troll
        reached 4 ROOT VERB VBD reach
        voters 4 dobj NOUN NNS voter
        . 4 punct PUNCT . .""",
    "relative clause object": """
        trolls 4 nsubj NOUN NNS troll
        that 3 dobj PRON WDT that
        Moscow 3 nsubj PROPN NNP Moscow B-GPE
        hired 0 relcl VERB VBD hire
        posted 4 ROOT VERB VBD post
        lies 4 dobj NOUN NNS lie
        . 4 punct PUNCT . .""",
    "relative clause subject": """
        trolls 4 nsubj NOUN NNS troll
        who 2 nsubj PRON WP who
        hacked 0 relcl VERB VBD hack
        servers 2 dobj NOUN NNS server
        lied 4 ROOT VERB VBD lie
        . 4 punct PUNCT . .""",
    "coordinated verbs share the subject": """
        Russia 1 nsubj PROPN NNP Russia B-GPE
        hacked 1 ROOT VERB VBD hack
        servers 1 dobj NOUN NNS server
        and 1 cc CCONJ CC and
        leaked 1 conj VERB VBD leak
        emails 4 dobj NOUN NNS email
        . 1 punct PUNCT . .""",
}


def _claim_roles(doc: Doc) -> set[tuple[int, int]]:
    return {(p.subject.i, p.object.i) for s in doc.sents for p in predications(s, LEX)}


def _frame_roles(doc: Doc) -> set[tuple[int, int]]:
    roles = (frame.roles() for frame in frames(doc, LEXICON))
    return {(subject.i, obj.i) for subject, obj in roles if subject is not None and obj is not None}


@pytest.mark.parametrize("name", sorted(PARSES))
def test_every_claim_predication_is_an_open_ie_frame(name):
    doc = parse(PARSES[name])
    claimed = _claim_roles(doc)
    assert claimed, "the construction must give claims for the comparison to mean anything"
    assert claimed <= _frame_roles(doc)


def test_agentless_passive_keeps_the_surface_roles_as_affiliations_do():
    # "accounts tied to Cuba": the claims' affiliation links the patient to Cuba
    doc = parse("""
        accounts 0 ROOT NOUN NNS account
        tied 0 acl VERB VBN tie
        to 1 prep ADP IN to
        Cuba 2 pobj PROPN NNP Cuba B-GPE""")
    (frame,) = frames(doc, LEXICON)
    assert frame.roles() == (doc[0], doc[3])
    lex = LEXICON.with_lookups(verb=lambda lemma, preposition=None, object_lemma=None: "affiliatedWith" if preposition == "to" else None,
                  noun=lambda lemma, preposition=None: None)
    assert {(p.subject.i, p.object.i) for p in predications(doc[:], lex)} == {(0, 3)}
