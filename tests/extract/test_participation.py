"""Stative passives of taking part: "X was involved in hacking Y" — X hacked; a by-agent
or a verb outside the class leaves the gerund without that subject. Hand-built parses."""

from __future__ import annotations

from handparse import parse

from kg.extract import extract_claims
from kg.lexicon import load_lexicon

LEXICON = load_lexicon()


def claims(rows: str) -> set[tuple[str, str | None, str]]:
    return {(c.subject.label, c.predicate.relation, c.object.text) for c in extract_claims(parse(rows), "t.txt", LEXICON)}


def involved(verb: str, lemma: str, prep: str) -> str:
    return f"""
        Russia 2 nsubjpass PROPN NNP Russia B-GPE
        was 2 auxpass AUX VBD be
        {verb} 2 ROOT VERB VBN {lemma}
        {prep} 2 prep ADP IN {prep}
        hacking 3 pcomp VERB VBG hack
        the 6 det DET DT the
        campaign 4 dobj NOUN NN campaign
        . 2 punct PUNCT . .
    """


def test_the_subject_of_involved_in_does_what_the_gerund_names():
    assert ("Russia", "targets", "the campaign") in claims(involved("involved", "involve", "in"))
    assert ("Russia", "targets", "the campaign") in claims(involved("tasked", "task", "with"))


def test_a_passive_outside_the_class_does_not_lend_its_subject():
    # "Russia was warned about hacking the campaign": someone else may hack it
    assert ("Russia", "targets", "the campaign") not in claims(involved("warned", "warn", "about"))
