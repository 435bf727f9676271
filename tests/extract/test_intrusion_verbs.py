"""Intrusion verbs whose relation depends on the object: a compromised or infected
system was broken into; installed malware is used, and the system it is installed on
is the victim's."""

from __future__ import annotations

from handparse import parse

from kg.extract import extract_claims
from kg.lexicon import load_lexicon

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
    # spaCy's lemma of "installed" is the British "instal"
    found = claims("""
        Russia 1 nsubj PROPN NNP Russia B-GPE
        installed 1 ROOT VERB VBD instal
        malware 1 dobj NOUN NN malware
        on 2 prep ADP IN on
        servers 3 pobj NOUN NNS server
        . 1 punct PUNCT . .
    """)
    assert {("Russia", "uses", "malware on servers"), ("Russia", "targets", "servers")} <= found
