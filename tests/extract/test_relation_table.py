"""The relation table of the lexicon: verbs, phrasal verbs, object conditions, event nouns, data files."""

from __future__ import annotations

from importlib import resources

import pytest

from kg.extract.spans import semantic_head
from kg.lexicon import load_lexicon
from kg.ontology import RELATIONS, relation_family

LEXICON = load_lexicon()


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
    ("compromise", None, "network", "targets"),
    ("compromise", None, "integrity", "undermines"),
    ("infect", None, "computer", "targets"),
    ("support", None, "candidate", "supports"),
    ("support", None, "judgment", None),  # evidence supports a conclusion: no side taken
    ("benefit", None, "candidate", "supports"),
    ("benefit", "from", "messenger", None),  # "X benefited from Y": Y helped X
    ("order", None, "campaign", "conducts"),  # who orders an operation answers for it
    ("authorize", None, "operation", "conducts"),
    ("approve", None, "budget", None),
    ("direct", None, "worker", "uses"),  # directing operatives to act uses them
    ("task", None, "operative", "uses"),
])
def test_verbs(lemma, prep, obj, relation):
    assert LEXICON.verb(lemma, prep, obj) == relation


def test_support_or_weaken():
    # "efforts to support or weaken specific candidates": the two halves differ.
    assert LEXICON.verb("support", object_lemma="candidate") == "supports"
    assert LEXICON.verb("weaken", object_lemma="candidate") in {"denigrates", "undermines"}
    assert relation_family(LEXICON.verb("weaken", object_lemma="candidate")) == "targets"


def test_object_condition_decides():
    assert LEXICON.verb("increase", object_lemma="division") == "exploits"
    assert LEXICON.verb("increase", object_lemma="funding") is None
    assert LEXICON.verb("increase") is None
    assert LEXICON.verb("leverage", object_lemma="grievance") == "exploits"
    assert LEXICON.verb("leverage", object_lemma="account") == "uses"


def test_preposition_required_and_optional():
    assert LEXICON.verb("be") is None
    assert LEXICON.verb("focus") is None
    assert LEXICON.verb("target", "in") == "targets"  # bare row, extra preposition
    assert LEXICON.verb("back") == "supports"  # active "back X" vs passive "backed by X"


def test_normalises_case_and_space():
    assert LEXICON.verb("  Interfere ", "IN") == "interferesIn"
    assert LEXICON.verb("") is None


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
    assert LEXICON.noun(lemma, prep) == relation


def test_verbs_of_framing_and_burdening_carry_no_relation():
    # "portray X as Y" is neutral (FrameNet Categorization): the relation is in Y, which
    # the lexicon cannot see; "burden" names no class of undermining. Rows for them came
    # from one seed article and were removed from the lexicon.
    assert LEXICON.verb("portray", "as") is None
    assert LEXICON.verb("depict", "as") is None
    assert LEXICON.verb("burden", object_lemma="campaign") is None


def test_unknown_words_are_open_relations():
    assert LEXICON.verb("eat", object_lemma="sandwich") is None
    assert LEXICON.noun("weather") is None


def test_object_classes_include_disarm_instruments():
    assert "divisive" in LEXICON.object_classes("division")
    assert "instrument" in LEXICON.object_classes("clickbait")  # from DISARM technique names
    assert LEXICON.object_classes("sandwich") == frozenset()


def test_every_row_names_an_ontology_relation():
    entries = LEXICON.relations.entries
    assert len(entries) > 500
    assert {e.relation for e in entries} - {None} <= RELATIONS
    assert any(e.source.startswith("disarm:") for e in entries)


def test_content_is_spread_not_used():
    # precision policy: published content is what an actor spreads, not an instrument
    assert LEXICON.verb("post", object_lemma="video") is None
    assert LEXICON.verb("create", object_lemma="article") is None
    assert LEXICON.verb("create", object_lemma="account") == "uses"
    assert LEXICON.verb("use", object_lemma="document") == "uses"  # the text says used


def test_tradecraft_verbs():
    assert LEXICON.verb("contact", object_lemma="activist") == "targets"
    assert LEXICON.verb("reach out", "to") == "targets"
    assert LEXICON.verb("pose", "as") == "uses"
    assert LEXICON.verb("breach") == "targets"
    assert LEXICON.verb("publish", "through") == "uses"
    assert LEXICON.verb("organize", object_lemma="rally") == "conducts"


def test_disarm_file_carries_license_and_credit():
    text = resources.files("kg").joinpath("lexicon", "disarm_verbs.tsv").read_text(encoding="utf-8")
    header = "\n".join(line for line in text.splitlines() if line.startswith("#"))
    assert "CC BY-SA 4.0" in header and "DISARM Foundation" in header


def test_semantic_head_skips_quantities():
    import spacy
    from spacy.tokens import Doc

    doc = Doc(spacy.blank("en").vocab, words=["a", "number", "of", "candidates"],
              heads=[1, 1, 1, 2], deps=["det", "ROOT", "prep", "pobj"],
              lemmas=["a", "number", "of", "candidate"])
    assert semantic_head(doc[1], LEXICON).text == "candidates"
    assert semantic_head(doc[3], LEXICON).text == "candidates"
