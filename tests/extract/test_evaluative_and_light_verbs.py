"""Evaluative adjectives, named objects that are no light-verb nouns, "call on X to V",
content participles speak for whoever spreads them."""

from __future__ import annotations

from handparse import parse

from kg.extract.clauses import predications
from kg.lexicon import load_lexicon

LEXICON = load_lexicon()

VERBS = {
    ("amplify", None): "uses",
    ("push", None): "uses",
    ("post", None): "uses",
    ("attack", None): "targets",
    ("discredit", None): "denigrates",
    ("call", "on"): "uses",
    ("cease", None): None,
}
LEX = LEXICON.with_lookups(
    verb=lambda lemma, preposition=None, object_lemma=None: VERBS.get((lemma, preposition)),
    noun=lambda lemma, preposition=None: None,
)


def _triples(rows):
    doc = parse(rows)
    return {(p.subject.text, p.relation, p.object.text) for p in predications(doc[:], LEX)}


def test_content_critical_of_x_denigrates_x():
    rows = """accounts 1 nsubj NOUN NNS account
amplified 1 ROOT VERB VBD amplify
content 1 dobj NOUN NN content
critical 2 amod ADJ JJ critical
of 3 prep ADP IN of
protesters 4 pobj NOUN NNS protester"""
    got = _triples(rows)
    assert ("accounts", "uses", "content") in got
    assert ("accounts", "denigrates", "protesters") in got


def test_secondary_predicate_favorable_and_critical():
    # "push narratives favorable to Beijing and critical of Washington" (oprd + conj)
    rows = """networks 1 nsubj NOUN NNS network
push 1 ROOT VERB VBP push
narratives 1 dobj NOUN NNS narrative
favorable 1 oprd ADJ JJ favorable
to 3 prep ADP IN to
Beijing 4 pobj PROPN NNP Beijing B-GPE
and 3 cc CCONJ CC and
critical 3 conj ADJ JJ critical
of 7 prep ADP IN of
Washington 8 pobj PROPN NNP Washington B-GPE"""
    got = _triples(rows)
    assert ("networks", "supports", "Beijing") in got
    assert ("networks", "denigrates", "Washington") in got


def test_evaluative_adjective_needs_a_using_verb():
    # "criticized content hostile to X": no claim that the critic denigrates X
    rows = """Meta 1 nsubj PROPN NNP Meta B-ORG
removed 1 ROOT VERB VBD remove
content 1 dobj NOUN NN content
hostile 2 amod ADJ JJ hostile
to 3 prep ADP IN to
Kyiv 4 pobj PROPN NNP Kyiv B-GPE"""
    assert not any(o == "Kyiv" for _, _, o in _triples(rows))


def test_named_object_is_the_target_not_the_locative():
    rows = """India 1 nsubj PROPN NNP India B-GPE
discredited 1 ROOT VERB VBD discredit
Pakistan 1 dobj PROPN NNP Pakistan B-GPE
at 1 prep ADP IN at
Nations 3 pobj PROPN NNP Nations B-ORG"""
    got = _triples(rows)
    assert ("India", "denigrates", "Pakistan") in got
    assert not any(o == "Nations" for _, _, o in got)


def test_call_on_x_to_act_is_not_use():
    rows = """EU 1 nsubj PROPN NNP EU B-ORG
calls 1 ROOT VERB VBZ call
on 1 prep ADP IN on
Russia 2 pobj PROPN NNP Russia B-GPE
to 5 aux PART TO to
cease 1 xcomp VERB VB cease
activities 5 dobj NOUN NNS activity"""
    assert not any(r == "uses" for _, r, _ in _triples(rows))


def test_content_participle_speaks_for_its_poster():
    # "the network posted videos attacking Biden": the network targets Biden too
    rows = """network 1 nsubj NOUN NN network
posted 1 ROOT VERB VBD post
videos 1 dobj NOUN NNS video
attacking 2 acl VERB VBG attack
Biden 3 dobj PROPN NNP Biden B-PERSON"""
    got = _triples(rows)
    assert ("network", "targets", "Biden") in got
    assert ("network", "uses", "videos") in got


def test_lexicon_general_verbs_of_targeting():
    
    assert LEXICON.verb("defraud") == "targets"
    assert LEXICON.verb("steal", "from") == "targets"
    assert LEXICON.verb("monitor", None, "journalist") == "targets"
    assert LEXICON.verb("monitor", None, "trend") is None


def test_those_discord_is_sown_among_are_targeted():
    from kg.extract import extract_claims

    found = {(c.subject.label, c.predicate.relation, c.object.text) for c in extract_claims(parse("""
        Russia 1 nsubj PROPN NNP Russia B-GPE
        sowed 1 ROOT VERB VBD sow
        discord 1 dobj NOUN NN discord
        among 1 prep ADP IN among
        voters 3 pobj NOUN NNS voter
        . 1 punct PUNCT . .
    """), "t.txt", LEXICON)}
    assert ("Russia", "targets", "voters") in found
