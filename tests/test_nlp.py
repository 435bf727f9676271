"""Loading the spaCy pipeline, kg's sentence boundary component and its subject repair."""

from __future__ import annotations

import pytest
import spacy
from handparse import parse

from kg.errors import ModelError
from kg.nlp import MODEL_ENV, load_pipeline, paragraph_boundaries
from kg.parse_repairs import repair_parse


def test_missing_model_error_says_how_to_install(monkeypatch):
    monkeypatch.setenv(MODEL_ENV, "no_such_pipeline_xyz")
    with pytest.raises(ModelError, match="pip install"):
        load_pipeline()


def test_paragraph_boundaries_start_a_sentence_after_a_newline():
    nlp = spacy.blank("en")
    doc = paragraph_boundaries(nlp("Headline without a period\n\nThe body starts here."))
    starts = [t.text for t in doc if t.is_sent_start]
    assert "The" in starts


@pytest.mark.model
def test_real_pipeline_splits_headline_from_body(nlp):
    doc = nlp("ODNI warns of election interference by Cuba\n\nThe Cuban regime is allegedly behind a campaign.")
    sentences = [s.text.strip() for s in doc.sents if s.text.strip()]
    assert sentences[0] == "ODNI warns of election interference by Cuba"
    assert "kg_paragraph_boundaries" in nlp.pipe_names


def test_a_wrapped_line_does_not_start_a_sentence():
    nlp = spacy.blank("en")
    doc = paragraph_boundaries(nlp("Russia sought to denigrate\nthe Democratic Party and\nits candidates."))
    assert [t.text for t in doc if t.is_sent_start] == ["Russia"]


@pytest.mark.model
def test_hard_wrapped_text_still_gives_its_claim(nlp, tmp_path):
    from kg.extract import extract_claims
    from kg.lexicon import load_lexicon
    from kg.ingest import document_from_text

    text = (
        "Officials said that Russia sought to denigrate\n"
        "the Democratic Party candidate\n"
        "and undermine confidence in the\n"
        "electoral process, according to Reuters\n"
    )
    doc = nlp(document_from_text("w.txt", text).text)
    claims = {(c.subject.label, c.predicate.relation, c.object.text) for c in extract_claims(doc, "w.txt", load_lexicon())}
    assert ("Russia", "denigrates", "the Democratic Party candidate") in claims


def test_a_subject_cut_in_two_is_joined_with_its_bracketed_acronym():
    doc = repair_parse(parse("""
        Iranian 1 amod ADJ JJ iranian B-NORP
        threat 6 nsubj NOUN NN threat
        ( 5 punct PUNCT -LRB- (
        APT 5 nmod PROPN NNP APT B-ORG
        ) 5 punct PUNCT -RRB- )
        actors 6 nsubj NOUN NNS actor
        hacked 6 ROOT VERB VBD hack
        sites 6 dobj NOUN NNS site
    """))
    actors = doc[5]
    assert [t.text for t in actors.subtree] == ["Iranian", "threat", "(", "APT", ")", "actors"]
    assert (doc[1].dep_, doc[1].head.i) == ("compound", 5)
    assert [c.dep_ for c in doc[6].children if c.dep_ == "nsubj"] == ["nsubj"]


def test_two_subjects_apart_are_left_as_they_are():
    rows = """
        Russia 3 nsubj PROPN NNP Russia B-GPE
        , 3 punct PUNCT , ,
        Iran 3 nsubj PROPN NNP Iran B-GPE
        lied 3 ROOT VERB VBD lie
    """
    doc = repair_parse(parse(rows))
    assert [(t.dep_, t.head.i) for t in doc] == [(t.dep_, t.head.i) for t in parse(rows)]


def test_a_numbered_label_before_a_colon_ends_before_its_sentence(nlp):
    doc = nlp("Finding #4: Russia hacked the servers of the party.")
    starts = [t.text for t in doc if t.is_sent_start]
    assert starts == ["Finding", "Russia"]


def test_a_colon_after_ordinary_words_starts_no_sentence(nlp):
    doc = nlp("The report said this: Russia hacked the servers.")
    assert [t.text for t in doc if t.is_sent_start] == ["The"]
