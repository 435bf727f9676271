"""Loading the spaCy pipeline and kg's sentence boundary component."""

from __future__ import annotations

import pytest
import spacy

from kg.errors import ModelError
from kg.nlp import MODEL_ENV, load_pipeline, paragraph_boundaries


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
