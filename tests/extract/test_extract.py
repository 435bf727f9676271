"""The public entry: claims with entities, offsets, negation, attribution and gating."""

from __future__ import annotations

import pytest
from spacy.tokens import Doc

from handparse import VOCAB, parse

from kg.extract import extract_claims
from kg.model import Claim
from kg.lexicon import load_lexicon

LEXICON = load_lexicon()

LEX = LEXICON.with_lookups(
    verb=lambda lemma, preposition=None, object_lemma=None: {"target": "targets", "undermine": "undermines"}.get(lemma)
    if preposition is None
    else None,
    noun=lambda lemma, preposition=None: None,
)




def shift(rows: str, offset: int) -> str:
    """Rows with their head indices moved by ``offset`` (to put a sentence after another)."""
    out = []
    for line in rows.strip().splitlines():
        parts = line.split()
        parts[1] = str(int(parts[1]) + offset)
        out.append(" ".join(parts))
    return "\n".join(out)


def claims(doc: Doc) -> list[Claim]:
    return list(extract_claims(doc, "doc.txt", LEX))


REPORTED = """
    The 1 det DET DT the
    report 2 nsubj NOUN NN report
    said 2 ROOT VERB VBD say
    that 6 mark SCONJ IN that
    the 5 det DET DT the
    Kremlin 6 nsubj PROPN NNP Kremlin B-ORG
    targeted 2 ccomp VERB VBD target
    voters 6 dobj NOUN NNS voter
    . 2 punct PUNCT . .
"""


def test_claim_carries_canonical_subject_sentence_offsets_and_attribution():
    doc = parse("Hello 0 ROOT INTJ UH hello\n. 0 punct PUNCT . .\n" + shift(REPORTED, 2))
    [claim] = claims(doc)
    assert claim.subject.text == "the Kremlin"
    assert (claim.subject.label, claim.subject.kind, claim.subject.key) == ("Russia", "State", "russia")
    assert claim.predicate.relation == "targets"
    assert claim.object.text == "voters"
    sentence = doc[2:].text.strip()
    assert (claim.sentence, claim.start, claim.end) == (sentence, doc[2].idx, doc[-1].idx + 1)
    assert claim.attribution is not None and "report" in claim.attribution
    assert not claim.negated
    assert 0.0 < claim.confidence <= 1.0
    row = claim.to_export()
    assert row["subject"]["label"] == "Russia" and row["predicate"]["open"] is False


def test_no_claim_about_the_reporter():
    assert all(c.subject.text != "The report" for c in claims(parse(REPORTED)))


def test_negated_clause_gives_a_negated_claim():
    doc = parse("""
        Cuba 3 nsubj PROPN NNP Cuba B-GPE
        did 3 aux AUX VBD do
        not 3 neg PART RB not
        target 3 ROOT VERB VB target
        voters 3 dobj NOUN NNS voter
        . 3 punct PUNCT . .
    """)
    assert [c.negated for c in claims(doc)] == [True]


def test_pronoun_subject_resolves_through_coreference():
    doc = parse("""
        Iran 1 nsubj PROPN NNP Iran B-GPE
        acted 1 ROOT VERB VBD act
        . 1 punct PUNCT . .
        It 4 nsubj PRON PRP it
        sought 4 ROOT VERB VBD seek
        to 6 aux PART TO to
        undermine 4 xcomp VERB VB undermine
        trust 6 dobj NOUN NN trust
        . 4 punct PUNCT . .
    """)
    [claim] = claims(doc)
    assert (claim.subject.text, claim.subject.label, claim.predicate.relation) == ("It", "Iran", "undermines")
    assert claim.predicate.text == "sought to undermine"


def test_open_relation_needs_an_actor_subject_and_a_noun_object():
    doc = parse("""
        Russia 1 nsubj PROPN NNP Russia B-GPE
        praised 1 ROOT VERB VBD praise
        candidates 1 dobj NOUN NNS candidate
        . 1 punct PUNCT . .
        The 5 det DET DT the
        weather 6 nsubj NOUN NN weather
        favoured 6 ROOT VERB VBD favour
        candidates 6 dobj NOUN NNS candidate
        . 6 punct PUNCT . .
    """)
    found = [(c.subject.label, c.predicate.lemma, c.predicate.relation) for c in claims(doc)]
    assert found == [("Russia", "praise", None)]
    assert claims(doc)[0].to_export()["predicate"]["open"] is True


def test_unresolved_pronoun_subject_gives_no_claim():
    doc = parse("""
        They 1 nsubj PRON PRP they
        targeted 1 ROOT VERB VBD target
        voters 1 dobj NOUN NNS voter
        . 1 punct PUNCT . .
    """)
    assert claims(doc) == []


def test_whitespace_only_sentences_are_skipped():
    doc = Doc(VOCAB, words=["   ", "\n"], spaces=[False, False], sent_starts=[True, False])
    assert claims(doc) == []


# ---------------------------------------------------------------------------- real model


@pytest.mark.model
def test_real_model_control_chain_and_coordination(nlp):
    doc = nlp("China, Russia and Iran all attempted to interfere in the 2022 elections.")
    found = {(c.subject.label, c.predicate.relation, c.object.text) for c in extract_claims(doc, "x", LEXICON)}
    for actor in ("China", "Russia", "Iran"):
        assert (actor, "interferesIn", "the 2022 elections") in found


@pytest.mark.model
def test_real_model_reported_speech_and_hedge(nlp):
    doc = nlp("The Cuban regime is allegedly behind a campaign to promote certain candidates, the report said.")
    found = {(c.subject.label, c.predicate.relation) for c in extract_claims(doc, "x", LEXICON)}
    assert ("Cuba", "conducts") in found and ("Cuba", "supports") in found
    assert all(c.subject.label != "report" for c in extract_claims(doc, "x", LEXICON))
    assert all(any(h.text.lower() == "allegedly" for h in c.hedges) for c in extract_claims(doc, "x", LEXICON))


@pytest.mark.model
def test_real_model_negation(nlp):
    doc = nlp("The assessment does not say that Russia targeted voters. Iran did not target voters.")
    counted = [c for c in extract_claims(doc, "x", LEXICON) if c.predicate.relation and not c.negated and c.subject.label == "Iran"]
    assert counted == []


@pytest.mark.model
def test_real_model_seed_document_is_pure(nlp, shared_dir):
    text = (shared_dir / "corpus" / "seeds" / "000_2f073e86d4c36990.txt").read_text(encoding="utf-8")
    doc = nlp(text)
    first = [c.to_export() for c in extract_claims(doc, "000.txt", LEXICON)]
    again = [c.to_export() for c in extract_claims(doc, "000.txt", LEXICON)]
    assert first == again and first
    for row in first:
        assert text[row["start"] : row["end"]] == row["sentence"]
        assert row["start"] <= row["subject"]["start"] < row["subject"]["end"] <= row["end"]


def test_demonym_object_names_its_state():
    from kg.entities.names import DocumentNames
    from kg.extract import _object

    doc = parse("Iranian 0 ROOT ADJ JJ iranian B-NORP")
    entity, _tokens = _object(doc[0], {}, DocumentNames.for_text(doc.text), LEXICON)
    assert entity.label == "Iran"


def test_role_noun_with_possessor_acts_for_the_possessor():
    # "Spamouflage's operators targeted voters": the operators act for the network
    doc = parse("""
        Spamouflage 2 poss PROPN NNP Spamouflage B-ORG
        's 0 case PART POS 's
        operators 3 nsubj NOUN NNS operator
        targeted 3 ROOT VERB VBD target
        voters 3 dobj NOUN NNS voter
        . 3 punct PUNCT . .
    """)
    [claim] = claims(doc)
    assert claim.subject.text.endswith("operators")
    assert claim.subject.label == "Spamouflage"
    assert claim.extras["subject_via"] == "possessor"


def test_role_noun_with_common_possessor_keeps_its_phrase():
    doc = parse("""
        The 1 det DET DT the
        campaign 3 poss NOUN NN campaign
        's 1 case PART POS 's
        operators 4 nsubj NOUN NNS operator
        targeted 4 ROOT VERB VBD target
        voters 4 dobj NOUN NNS voter
        . 4 punct PUNCT . .
    """)
    [claim] = claims(doc)
    assert claim.subject.label != "campaign"
