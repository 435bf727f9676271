"""Clause finding on hand-built parses: one construction per test.

Each parse is written as rows ``word head dep pos tag lemma [ent]`` (head is the index of
the head token), so the tests do not depend on what a statistical parser happens to do.
A tiny lexicon is passed in, so the relations are those of the test, not of the project's
lexicon.
"""

from __future__ import annotations

import pytest
from spacy.tokens import Doc

from handparse import parse

from kg.extract.clauses import predications
from kg.extract.predicates.sets import set_members
from kg.lexicon import load_lexicon

LEXICON = load_lexicon()

VERBS = {
    ("target", None): "targets",
    ("undermine", None): "undermines",
    ("denigrate", None): "denigrates",
    ("support", None): "supports",
    ("weaken", None): "denigrates",
    ("interfere", "in"): "interferesIn",
    ("be", "behind"): "conducts",
    ("spread", None): "uses",
    ("conduct", None): "conducts",
    ("jeopardize", None): "undermines",
}
NOUNS = {("interference", None): "interferesIn", ("interference", "in"): "interferesIn", ("campaign", "against"): "targets"}


def _verb(lemma, preposition=None, object_lemma=None):
    return VERBS.get((lemma, preposition)) or (VERBS.get((lemma, None)) if preposition is None else None)


def _noun(lemma, preposition=None):
    return NOUNS.get((lemma, preposition))


LEX = LEXICON.with_lookups(verb=_verb, noun=_noun)




def triples(doc: Doc) -> set[tuple[str, str | None, str]]:
    return {(p.subject.text, p.relation, p.object.text) for s in doc.sents for p in predications(s, LEX)}


def test_active_clause():
    doc = parse("""
        Russia 1 nsubj PROPN NNP Russia B-GPE
        targeted 1 ROOT VERB VBD target
        voters 1 dobj NOUN NNS voter
        . 1 punct PUNCT . .
    """)
    assert triples(doc) == {("Russia", "targets", "voters")}


def test_passive_with_agent():
    doc = parse("""
        Voters 2 nsubjpass NOUN NNS voter
        were 2 auxpass AUX VBD be
        targeted 2 ROOT VERB VBN target
        by 2 agent ADP IN by
        Russia 3 pobj PROPN NNP Russia B-GPE
        . 2 punct PUNCT . .
    """)
    assert triples(doc) == {("Russia", "targets", "Voters")}


def test_passive_participle_modifying_a_noun_shares_the_agent():
    # "content produced and spread by profiles": both participles, one agent
    doc = parse("""
        Cuba 1 nsubj PROPN NNP Cuba B-GPE
        created 1 ROOT VERB VBD create
        content 1 dobj NOUN NN content
        spread 2 acl VERB VBN spread
        by 3 agent ADP IN by
        profiles 4 pobj NOUN NNS profile
        . 1 punct PUNCT . .
    """)
    assert ("profiles", "uses", "content") in triples(doc)


def test_control_chain_takes_the_controller_subject():
    doc = parse("""
        Cuba 1 nsubj PROPN NNP Cuba B-GPE
        attempted 1 ROOT VERB VBD attempt
        to 3 aux PART TO to
        undermine 1 xcomp VERB VB undermine
        candidates 3 dobj NOUN NNS candidate
        . 1 punct PUNCT . .
    """)
    [pred] = [p for s in doc.sents for p in predications(s, LEX)]
    assert (pred.subject.text, pred.relation, pred.object.text) == ("Cuba", "undermines", "candidates")
    assert pred.subject_via == "control"
    assert [t.text for t in pred.chain] == ["undermine", "attempted"]


def test_purpose_aimed_at_through_an_object_noun():
    doc = parse("""
        Cuba 1 nsubj PROPN NNP Cuba B-GPE
        conducted 1 ROOT VERB VBD conduct
        operations 1 dobj NOUN NNS operation
        aimed 1 advcl VERB VBN aim
        at 3 prep ADP IN at
        denigrating 4 pcomp VERB VBG denigrate
        candidates 5 dobj NOUN NNS candidate
        . 1 punct PUNCT . .
    """)
    assert triples(doc) == {("Cuba", "conducts", "operations"), ("Cuba", "denigrates", "candidates")}


def test_nominal_event_with_by_agent_and_compound_object():
    doc = parse("""
        ODNI 1 nsubj PROPN NNP ODNI B-ORG
        warns 1 ROOT VERB VBZ warn
        of 1 prep ADP IN of
        election 4 compound NOUN NN election
        interference 2 pobj NOUN NN interference
        by 4 prep ADP IN by
        Cuba 5 pobj PROPN NNP Cuba B-GPE
    """)
    assert triples(doc) == {("Cuba", "interferesIn", "election")}


def test_purpose_clause_of_a_reporting_verb_belongs_to_the_reported_event():
    # "ODNI warns of interference by Cuba to help candidates": Cuba helps, not ODNI
    doc = parse("""
        ODNI 1 nsubj PROPN NNP ODNI B-ORG
        warns 1 ROOT VERB VBZ warn
        of 1 prep ADP IN of
        interference 2 pobj NOUN NN interference
        by 3 prep ADP IN by
        Cuba 4 pobj PROPN NNP Cuba B-GPE
        to 7 aux PART TO to
        support 1 advcl VERB VB support
        candidates 7 dobj NOUN NNS candidate
    """)
    assert ("Cuba", "supports", "candidates") in triples(doc)
    assert not any(s == "ODNI" for s, _, _ in triples(doc))


def test_activity_noun_with_possessor_gives_the_subject():
    # "China focused on its efforts to support candidates"
    doc = parse("""
        China 1 nsubj PROPN NNP China B-GPE
        focused 1 ROOT VERB VBD focus
        on 1 prep ADP IN on
        its 4 poss PRON PRP$ its
        efforts 2 pobj NOUN NNS effort
        to 6 aux PART TO to
        support 4 acl VERB VB support
        candidates 6 dobj NOUN NNS candidate
        . 1 punct PUNCT . .
    """)
    [pred] = [p for s in doc.sents for p in predications(s, LEX)]
    assert (pred.subject.text, pred.relation, pred.object.text) == ("its", "supports", "candidates")
    assert pred.subject_via == "possessor"


def test_coordinated_subjects_give_one_predication_each():
    doc = parse("""
        China 4 nsubj PROPN NNP China B-GPE
        , 0 punct PUNCT , ,
        Iran 0 conj PROPN NNP Iran B-GPE
        and 2 cc CCONJ CC and
        attempted 4 ROOT VERB VBD attempt
        to 6 aux PART TO to
        interfere 4 xcomp VERB VB interfere
        in 6 prep ADP IN in
        elections 7 pobj NOUN NNS election
        . 4 punct PUNCT . .
    """)
    assert triples(doc) == {("China", "interferesIn", "elections"), ("Iran", "interferesIn", "elections")}


def test_coordinated_verbs_share_the_object():
    doc = parse("""
        Cuba 1 nsubj PROPN NNP Cuba B-GPE
        sought 1 ROOT VERB VBD seek
        to 3 aux PART TO to
        support 1 xcomp VERB VB support
        or 3 cc CCONJ CC or
        weaken 3 conj VERB VB weaken
        candidates 5 dobj NOUN NNS candidate
        . 1 punct PUNCT . .
    """)
    assert triples(doc) == {("Cuba", "supports", "candidates"), ("Cuba", "denigrates", "candidates")}


def test_coordinated_objects_give_one_predication_each():
    doc = parse("""
        Russia 1 nsubj PROPN NNP Russia B-GPE
        targeted 1 ROOT VERB VBD target
        voters 1 dobj NOUN NNS voter
        and 2 cc CCONJ CC and
        officials 2 conj NOUN NNS official
        . 1 punct PUNCT . .
    """)
    assert triples(doc) == {("Russia", "targets", "voters"), ("Russia", "targets", "officials")}


def test_relative_clause_object_is_the_antecedent():
    doc = parse("""
        Russia 1 nsubj PROPN NNP Russia B-GPE
        praised 1 ROOT VERB VBD praise
        politicians 1 dobj NOUN NNS politician
        that 5 dobj PRON WDT that
        Cuba 5 nsubj PROPN NNP Cuba B-GPE
        targeted 2 relcl VERB VBD target
        . 1 punct PUNCT . .
    """)
    assert ("Cuba", "targets", "politicians") in triples(doc)


def test_accuse_of_is_object_control_through_a_relative_pronoun():
    # "countries which Washington accuses of jeopardizing the election"
    doc = parse("""
        countries 0 ROOT NOUN NNS country
        which 3 dobj PRON WDT which
        Washington 3 nsubj PROPN NNP Washington B-GPE
        accuses 0 relcl VERB VBZ accuse
        of 3 prep ADP IN of
        jeopardizing 4 pcomp VERB VBG jeopardize
        integrity 5 dobj NOUN NN integrity
    """)
    found = triples(doc)
    assert ("countries", "undermines", "integrity") in found
    assert ("Washington", "undermines", "integrity") not in found


def test_including_list_members_inherit_the_set_claims():
    doc = parse("""
        countries 6 nsubj NOUN NNS country
        including 0 prep VERB VBG include
        Cuba 1 pobj PROPN NNP Cuba B-GPE
        and 2 cc CCONJ CC and
        Iran 2 conj PROPN NNP Iran B-GPE
        have 6 aux AUX VBP have
        targeted 6 ROOT VERB VBN target
        voters 6 dobj NOUN NNS voter
        . 6 punct PUNCT . .
    """)
    assert triples(doc) == {("Cuba", "targets", "voters"), ("Iran", "targets", "voters")}


def test_misattached_including_list_moves_to_the_collective_noun():
    # "countries with campaigns against the system, including Russia and China"
    doc = parse("""
        countries 0 ROOT NOUN NNS country
        with 0 prep ADP IN with
        campaigns 1 pobj NOUN NNS campaign
        against 2 prep ADP IN against
        the 5 det DET DT the
        system 3 pobj NOUN NN system
        , 5 punct PUNCT , ,
        including 5 prep VERB VBG include
        Russia 7 pobj PROPN NNP Russia B-GPE
        and 8 cc CCONJ CC and
        China 8 conj PROPN NNP China B-GPE
    """)
    sent = next(iter(doc.sents))
    assert [t.text for t in set_members(sent, LEXICON)[0]] == ["Russia", "China"]
    assert triples(doc) == {("Russia", "targets", "system"), ("China", "targets", "system")}


def test_copula_behind_a_campaign():
    doc = parse("""
        The 1 det DET DT the
        regime 2 nsubj NOUN NN regime
        is 2 ROOT AUX VBZ be
        behind 2 prep ADP IN behind
        a 5 det DET DT a
        campaign 3 pobj NOUN NN campaign
        . 2 punct PUNCT . .
    """)
    [pred] = [p for s in doc.sents for p in predications(s, LEX)]
    assert (pred.subject.text, pred.relation, pred.object.text, pred.lemma) == ("regime", "conducts", "campaign", "be behind")


def test_reporting_verb_with_a_clause_is_no_predicate():
    doc = parse("""
        The 1 det DET DT the
        report 2 nsubj NOUN NN report
        said 2 ROOT VERB VBD say
        that 5 mark SCONJ IN that
        Cuba 5 nsubj PROPN NNP Cuba B-GPE
        targeted 2 ccomp VERB VBD target
        voters 5 dobj NOUN NNS voter
        . 2 punct PUNCT . .
    """)
    preds = [p for s in doc.sents for p in predications(s, LEX)]
    assert [(p.subject.text, p.predicate.text) for p in preds] == [("Cuba", "targeted")]


def test_conjunct_verb_without_subject_takes_the_closest_preceding_one():
    # "officials worked ..., and a network tied to Cuba amplified content"
    doc = parse("""
        officials 1 nsubj NOUN NNS official
        worked 1 ROOT VERB VBD work
        , 1 punct PUNCT , ,
        and 1 cc CCONJ CC and
        network 5 nsubj NOUN NN network
        spread 1 conj VERB VBD spread
        lies 5 dobj NOUN NNS lie
        and 5 cc CCONJ CC and
        targeted 1 conj VERB VBD target
        voters 8 dobj NOUN NNS voter
        . 1 punct PUNCT . .
    """)
    assert ("network", "targets", "voters") in triples(doc)
    assert not any(s == "officials" for s, _, _ in triples(doc))


@pytest.mark.parametrize("word", ["attack", "visit"])
def test_no_predication_without_object(word):
    doc = parse(f"""
        Russia 1 nsubj PROPN NNP Russia B-GPE
        {word}ed 1 ROOT VERB VBD {word}
        in 1 prep ADP IN in
        2020 2 pobj NUM CD 2020 B-DATE
        . 1 punct PUNCT . .
    """)
    assert triples(doc) == set()
