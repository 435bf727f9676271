"""The relation lexicon: verbs, phrasal verbs, object conditions, event nouns, data files."""

from __future__ import annotations

from importlib import resources

import pytest

from kg.extract.relations import (
    lexicon_entries,
    object_class,
    relation_for_noun,
    relation_for_verb,
    semantic_head,
)
from kg.ontology import RELATIONS, relation_family


@pytest.mark.parametrize("lemma,prep,obj,relation", [
    ("target", None, None, "targets"),
    ("focus", "on", None, "targets"),
    ("aim", "at", None, "targets"),
    ("single out", None, None, "targets"),
    ("build", "with", "relationship", "targets"),
    ("denigrate", None, None, "denigrates"),
    ("disparage", None, None, "denigrates"),
    ("vilify", None, None, "denigrates"),
    ("cast", "on", "criticism", "denigrates"),
    ("undermine", None, "trust", "undermines"),
    ("weaken", None, "trust", "undermines"),
    ("jeopardize", None, "integrity", "undermines"),
    ("burden", None, "campaign", "undermines"),
    ("interfere", "in", None, "interferesIn"),
    ("meddle", "in", None, "interferesIn"),
    ("influence", None, "perception", "seeksToInfluence"),
    ("sway", None, None, "seeksToInfluence"),
    ("exploit", None, "division", "exploits"),
    ("increase", None, "division", "exploits"),
    ("stoke", None, "tension", "exploits"),
    ("support", None, "candidate", "supports"),
    ("help", None, "candidate", "supports"),
    ("promote", None, "candidate", "supports"),
    ("use", None, "image", "uses"),
    ("create", None, "content", None),  # content is spread, not used (precision policy)
    ("create", None, "account", "uses"),
    ("spread", None, "disinformation", "uses"),
    ("deploy", None, "bot", "uses"),
    ("develop", None, "meme", "uses"),
    ("leverage", None, "tool", "uses"),
    ("conduct", None, "operation", "conducts"),
    ("conduct", None, "research", "conducts"),
    ("carry out", None, "campaign", "conducts"),
    ("carry", "out", None, "conducts"),
    ("engage", "in", "effort", "conducts"),
    ("be", "behind", "campaign", "conducts"),
    ("tie", "to", None, "affiliatedWith"),
    ("link", "to", None, "affiliatedWith"),
    ("back", "by", None, "affiliatedWith"),
])
def test_verbs(lemma, prep, obj, relation):
    assert relation_for_verb(lemma, prep, obj) == relation


def test_support_or_weaken():
    # "efforts to support or weaken specific candidates": the two halves differ.
    assert relation_for_verb("support", object_lemma="candidate") == "supports"
    assert relation_for_verb("weaken", object_lemma="candidate") in {"denigrates", "undermines"}
    assert relation_family(relation_for_verb("weaken", object_lemma="candidate")) == "targets"


def test_object_condition_decides():
    assert relation_for_verb("increase", object_lemma="division") == "exploits"
    assert relation_for_verb("increase", object_lemma="funding") is None
    assert relation_for_verb("increase") is None
    assert relation_for_verb("leverage", object_lemma="grievance") == "exploits"
    assert relation_for_verb("leverage", object_lemma="account") == "uses"


def test_preposition_required_and_optional():
    assert relation_for_verb("be") is None
    assert relation_for_verb("focus") is None
    assert relation_for_verb("target", "in") == "targets"  # bare row, extra preposition
    assert relation_for_verb("back") == "supports"  # active "back X" vs passive "backed by X"


def test_normalises_case_and_space():
    assert relation_for_verb("  Interfere ", "IN") == "interferesIn"
    assert relation_for_verb("") is None


@pytest.mark.parametrize("lemma,prep,relation", [
    ("interference", None, "interferesIn"),
    ("interference", "by", "interferesIn"),
    ("meddling", None, "interferesIn"),
    ("campaign", "against", "targets"),
    ("campaign", None, "conducts"),
    ("support", "for", "supports"),
    ("tie", "to", "affiliatedWith"),
    ("proxy", "of", "affiliatedWith"),
    ("smear", None, "denigrates"),
    ("exploitation", None, "exploits"),
])
def test_nouns(lemma, prep, relation):
    assert relation_for_noun(lemma, prep) == relation


def test_unknown_words_are_open_relations():
    assert relation_for_verb("eat", object_lemma="sandwich") is None
    assert relation_for_noun("weather") is None


def test_object_classes_include_disarm_instruments():
    assert "divisive" in object_class("division")
    assert "instrument" in object_class("clickbait")  # from DISARM technique names
    assert object_class("sandwich") == frozenset()


def test_every_row_names_an_ontology_relation():
    entries = lexicon_entries()
    assert len(entries) > 500
    assert {e.relation for e in entries} - {None} <= RELATIONS
    assert any(e.source.startswith("disarm:") for e in entries)


def test_content_is_spread_not_used():
    # precision policy: published content is what an actor spreads, not an instrument
    assert relation_for_verb("post", object_lemma="video") is None
    assert relation_for_verb("create", object_lemma="article") is None
    assert relation_for_verb("create", object_lemma="account") == "uses"
    assert relation_for_verb("use", object_lemma="document") == "uses"  # the text says used


def test_tradecraft_verbs():
    assert relation_for_verb("contact", object_lemma="activist") == "targets"
    assert relation_for_verb("reach out", "to") == "targets"
    assert relation_for_verb("pose", "as") == "uses"
    assert relation_for_verb("breach") == "targets"
    assert relation_for_verb("publish", "through") == "uses"
    assert relation_for_verb("organize", object_lemma="rally") == "conducts"


def test_disarm_file_carries_license_and_credit():
    text = resources.files("kg").joinpath("lexicon", "disarm_verbs.tsv").read_text(encoding="utf-8")
    header = "\n".join(line for line in text.splitlines() if line.startswith("#"))
    assert "CC BY-SA 4.0" in header and "DISARM Foundation" in header


def test_lexicon_is_lazy():
    import importlib

    import kg.extract.relations as module

    module = importlib.reload(module)
    assert module._entries.cache_info().currsize == 0
    module.relation_for_verb("target")
    assert module._entries.cache_info().currsize == 1


def test_semantic_head_skips_quantities():
    import spacy
    from spacy.tokens import Doc

    doc = Doc(spacy.blank("en").vocab, words=["a", "number", "of", "candidates"],
              heads=[1, 1, 1, 2], deps=["det", "ROOT", "prep", "pobj"],
              lemmas=["a", "number", "of", "candidate"])
    assert semantic_head(doc[1]).text == "candidates"
    assert semantic_head(doc[3]).text == "candidates"
