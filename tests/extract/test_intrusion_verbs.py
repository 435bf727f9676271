"""Intrusion verbs whose relation depends on the object (a compromised or infected
system was broken into; installed malware is used, and the system it is installed on is
the victim's), and verbs that target their object whatever preposition follows."""

from __future__ import annotations

from handparse import parse

from kg.extract import extract_claims
from kg.lexicon import load_lexicon
from kg.parse_repairs import repair_parse

LEXICON = load_lexicon()


def claims(rows: str) -> set[tuple[str, str | None, str]]:
    return {(c.subject.label, c.predicate.relation, c.object.text) for c in extract_claims(parse(rows), "t.txt", LEXICON)}


def test_a_compromised_network_was_targeted():
    assert ("Russia", "targets", "the networks") in claims("""
        Russia 1 nsubj PROPN NNP Russia B-GPE
        compromised 1 ROOT VERB VBD compromise
        the 3 det DET DT the
        networks 1 dobj NOUN NNS network
        . 1 punct PUNCT . .
    """)


def test_compromised_integrity_is_undermined_not_targeted():
    found = claims("""
        Russia 1 nsubj PROPN NNP Russia B-GPE
        compromised 1 ROOT VERB VBD compromise
        the 3 det DET DT the
        integrity 1 dobj NOUN NN integrity
        . 1 punct PUNCT . .
    """)
    assert ("Russia", "undermines", "the integrity") in found


def test_installed_malware_is_used_and_the_server_it_sits_on_targeted():
    # spaCy's lemma of "installed" is the British "instal", which the lexicon does not know
    found = claims("""
        Russia 1 nsubj PROPN NNP Russia B-GPE
        installed 1 ROOT VERB VBD instal
        malware 1 dobj NOUN NN malware
        on 2 prep ADP IN on
        servers 3 pobj NOUN NNS server
        . 1 punct PUNCT . .
    """)
    assert {("Russia", "uses", "malware on servers"), ("Russia", "targets", "servers")} <= found


def test_a_hyphenated_word_split_into_three_objects_is_one_noun():
    # "directed the compromises of e-mails": the pieces of "e-mails" all hung on "of"

    doc = repair_parse(parse("""
        Russia 1 nsubj PROPN NNP Russia B-GPE
        directed 1 ROOT VERB VBD direct
        the 3 det DET DT the
        compromises 1 dobj NOUN NNS compromise
        of 3 prep ADP IN of
        e 4 pobj NOUN NN e
        - 4 pobj NOUN NN -
        mails 4 pobj NOUN NNS mail
        . 1 punct PUNCT . .
    """, joined=(5, 6)))
    assert [(t.dep_, t.head.i) for t in doc[5:8]] == [("compound", 7), ("punct", 7), ("pobj", 4)]
    found = {(c.subject.label, c.predicate.relation, c.object.text) for c in extract_claims(doc, "t.txt", LEXICON)}
    assert {("Russia", "conducts", "the compromises of e-mails"), ("Russia", "targets", "e-mails")} <= found


def test_a_verb_that_targets_its_object_keeps_it_beside_a_directional_preposition():
    # "targeted computers at the behest of Iran": no light verb, "at" names no target
    found = claims("""
        Hackers 1 nsubj NOUN NNS hacker
        targeted 1 ROOT VERB VBD target
        computers 1 dobj NOUN NNS computer
        at 1 prep ADP IN at
        the 5 det DET DT the
        behest 3 pobj NOUN NN behest
        of 5 prep ADP IN of
        Iran 6 pobj PROPN NNP Iran B-GPE
        . 1 punct PUNCT . .
    """)
    assert ("Hackers", "targets", "computers") in found
    assert not any(obj.startswith("the behest") for _, _, obj in found)


def test_a_light_verb_still_takes_its_target_from_the_preposition():
    found = claims("""
        Russia 1 nsubj PROPN NNP Russia B-GPE
        cast 1 ROOT VERB VBD cast
        criticism 1 dobj NOUN NN criticism
        on 1 prep ADP IN on
        Kyiv 3 pobj PROPN NNP Kyiv B-GPE
        . 1 punct PUNCT . .
    """)
    assert ("Russia", "denigrates", "Kyiv") in found


def test_cyberattacks_on_institutions_target_them():
    found = claims("""
        Russia 1 nsubj PROPN NNP Russia B-GPE
        conducted 1 ROOT VERB VBD conduct
        cyberattacks 1 dobj NOUN NNS cyberattack
        on 2 prep ADP IN on
        institutions 3 pobj NOUN NNS institution
        . 1 punct PUNCT . .
    """)
    assert {("Russia", "conducts", "cyberattacks on institutions"), ("Russia", "targets", "institutions")} <= found


def test_a_past_form_the_lemmatizer_garbled_is_read_as_the_lexicon_verb():
    # spaCy lemmatises "spearphished" as "spearphishe"
    found = claims("""
        Officers 1 nsubj NOUN NNS officer
        spearphished 1 ROOT VERB VBD spearphishe
        employees 1 dobj NOUN NNS employee
        . 1 punct PUNCT . .
    """)
    assert ("Officers", "targets", "employees") in found


def test_a_hyphen_that_heads_its_word_is_left_alone():
    # "U-K" parsed with the hyphen as the root: re-heading its pieces would make a cycle
    doc = repair_parse(parse("""
        U 1 nmod PROPN NNP U
        - 1 ROOT PUNCT HYPH -
        K 1 nmod PROPN NNP K
    """, joined=(0, 1)))
    assert [t.head.i for t in doc] == [1, 1, 1]
