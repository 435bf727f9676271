"""Negation and hedge scope on hand-built parses (no model), plus a few real-model checks."""

from __future__ import annotations

import pytest
import spacy
from spacy.tokens import Doc

from kg.extract.modality import hedges_for, is_negated, scope_chain
from kg.model import Hedge
from kg.lexicon import load_lexicon

LEXICON = load_lexicon()

VOCAB = spacy.blank("en").vocab


def parse(rows: list[tuple[str, int, str, str, str]]) -> Doc:
    """A Doc from (word, head index, dep, pos, lemma) rows; the root is its own head."""
    words, heads, deps, pos, lemmas = (list(col) for col in zip(*rows))
    return Doc(VOCAB, words=words, heads=heads, deps=deps, pos=pos, lemmas=lemmas)


def tok(doc: Doc, word: str):
    return next(t for t in doc if t.text == word)


def cues(doc: Doc, word: str) -> list[tuple[str, str, str | None, str | None]]:
    return [(h.text, h.kind, h.likelihood, h.confidence) for h in hedges_for(tok(doc, word), LEXICON)]


# ----------------------------------------------------------------------------- negation

def test_neg_child():
    doc = parse([("Cuba", 3, "nsubj", "PROPN", "Cuba"), ("did", 3, "aux", "AUX", "do"),
                 ("not", 3, "neg", "PART", "not"), ("interfere", 3, "ROOT", "VERB", "interfere")])
    assert is_negated(doc[3], LEXICON)


def test_plain_clause_is_not_negated():
    doc = parse([("Cuba", 1, "nsubj", "PROPN", "Cuba"), ("targeted", 1, "ROOT", "VERB", "target"),
                 ("voters", 1, "dobj", "NOUN", "voter")])
    assert not is_negated(doc[1], LEXICON)
    assert hedges_for(doc[1], LEXICON) == ()


def test_never():
    doc = parse([("Iran", 2, "nsubj", "PROPN", "Iran"), ("never", 2, "neg", "ADV", "never"),
                 ("targeted", 2, "ROOT", "VERB", "target"), ("voters", 2, "dobj", "NOUN", "voter")])
    assert is_negated(doc[2], LEXICON)


def test_negative_determiner_on_passive_subject():
    # "no specific candidates have been named"
    doc = parse([("no", 2, "det", "DET", "no"), ("specific", 2, "amod", "ADJ", "specific"),
                 ("candidates", 5, "nsubjpass", "NOUN", "candidate"), ("have", 5, "aux", "AUX", "have"),
                 ("been", 5, "auxpass", "AUX", "be"), ("named", 5, "ROOT", "VERB", "name")])
    assert is_negated(doc[5], LEXICON)


def test_negative_determiner_on_object():
    doc = parse([("Cuba", 1, "nsubj", "PROPN", "Cuba"), ("targeted", 1, "ROOT", "VERB", "target"),
                 ("no", 3, "det", "DET", "no"), ("candidates", 1, "dobj", "NOUN", "candidate")])
    assert is_negated(doc[1], LEXICON)


def test_none_of_subject():
    doc = parse([("None", 3, "nsubj", "PRON", "none"), ("of", 0, "prep", "ADP", "of"),
                 ("them", 1, "pobj", "PRON", "they"), ("interfered", 3, "ROOT", "VERB", "interfere")])
    assert is_negated(doc[3], LEXICON)


def test_existential_no_order():
    # "There is no known order from a leader to interfere in the election"
    doc = parse([("There", 1, "expl", "PRON", "there"), ("is", 1, "ROOT", "VERB", "be"),
                 ("no", 4, "det", "DET", "no"), ("known", 4, "amod", "VERB", "know"),
                 ("order", 1, "attr", "NOUN", "order"), ("from", 4, "prep", "ADP", "from"),
                 ("a", 7, "det", "DET", "a"), ("leader", 5, "pobj", "NOUN", "leader"),
                 ("to", 9, "aux", "PART", "to"), ("interfere", 4, "acl", "VERB", "interfere"),
                 ("in", 9, "prep", "ADP", "in"), ("the", 12, "det", "DET", "the"),
                 ("election", 10, "pobj", "NOUN", "election")])
    assert is_negated(tok(doc, "is"), LEXICON)
    assert is_negated(tok(doc, "order"), LEXICON)
    assert is_negated(tok(doc, "interfere"), LEXICON)


def test_negated_control_verb_reaches_complement():
    # "Cuba did not try to influence the vote"
    doc = parse([("Cuba", 3, "nsubj", "PROPN", "Cuba"), ("did", 3, "aux", "AUX", "do"),
                 ("not", 3, "neg", "PART", "not"), ("try", 3, "ROOT", "VERB", "try"),
                 ("to", 5, "aux", "PART", "to"), ("influence", 3, "xcomp", "VERB", "influence"),
                 ("the", 7, "det", "DET", "the"), ("vote", 5, "dobj", "NOUN", "vote")])
    assert is_negated(tok(doc, "influence"), LEXICON)


@pytest.mark.parametrize("verb,lemma", [("failed", "fail"), ("refused", "refuse"), ("declined", "decline")])
def test_failure_verbs(verb, lemma):
    doc = parse([("Russia", 1, "nsubj", "PROPN", "Russia"), (verb, 1, "ROOT", "VERB", lemma),
                 ("to", 3, "aux", "PART", "to"), ("undermine", 1, "xcomp", "VERB", "undermine"),
                 ("trust", 3, "dobj", "NOUN", "trust")])
    assert is_negated(tok(doc, "undermine"), LEXICON)


def test_denied_that():
    doc = parse([("Moscow", 1, "nsubj", "PROPN", "Moscow"), ("denied", 1, "ROOT", "VERB", "deny"),
                 ("that", 4, "mark", "SCONJ", "that"), ("it", 4, "nsubj", "PRON", "it"),
                 ("meddled", 1, "ccomp", "VERB", "meddle")])
    assert is_negated(tok(doc, "meddled"), LEXICON)


def test_refrained_from():
    doc = parse([("Iran", 1, "nsubj", "PROPN", "Iran"), ("refrained", 1, "ROOT", "VERB", "refrain"),
                 ("from", 1, "prep", "ADP", "from"), ("interfering", 2, "pcomp", "VERB", "interfere")])
    assert is_negated(tok(doc, "interfering"), LEXICON)


def test_negated_reporting_verb_leaves_complement_open():
    # "The assessment does not say how effective the campaign was"
    doc = parse([("The", 1, "det", "DET", "the"), ("assessment", 4, "nsubj", "NOUN", "assessment"),
                 ("does", 4, "aux", "AUX", "do"), ("not", 4, "neg", "PART", "not"),
                 ("say", 4, "ROOT", "VERB", "say"), ("how", 6, "advmod", "SCONJ", "how"),
                 ("effective", 9, "acomp", "ADJ", "effective"), ("the", 8, "det", "DET", "the"),
                 ("campaign", 9, "nsubj", "NOUN", "campaign"), ("was", 4, "ccomp", "AUX", "be")])
    assert is_negated(tok(doc, "was"), LEXICON)


def test_negation_does_not_enter_relative_clause():
    # "does not name the officials whom Cuba targeted": the targeting is presupposed.
    doc = parse([("It", 3, "nsubj", "PRON", "it"), ("does", 3, "aux", "AUX", "do"),
                 ("not", 3, "neg", "PART", "not"), ("name", 3, "ROOT", "VERB", "name"),
                 ("officials", 3, "dobj", "NOUN", "official"), ("whom", 7, "dobj", "PRON", "whom"),
                 ("Cuba", 7, "nsubj", "PROPN", "Cuba"), ("targeted", 4, "relcl", "VERB", "target")])
    assert is_negated(tok(doc, "name"), LEXICON)
    assert not is_negated(tok(doc, "targeted"), LEXICON)


def test_conjunct_with_own_subject_keeps_its_polarity():
    # "Iran did not interfere, but Russia targeted voters"
    doc = parse([("Iran", 3, "nsubj", "PROPN", "Iran"), ("did", 3, "aux", "AUX", "do"),
                 ("not", 3, "neg", "PART", "not"), ("interfere", 3, "ROOT", "VERB", "interfere"),
                 ("but", 3, "cc", "CCONJ", "but"), ("Russia", 6, "nsubj", "PROPN", "Russia"),
                 ("targeted", 3, "conj", "VERB", "target"), ("voters", 6, "dobj", "NOUN", "voter")])
    assert not is_negated(tok(doc, "targeted"), LEXICON)


def test_whether_leaves_clause_open():
    doc = parse([("It", 1, "nsubj", "PRON", "it"), ("is", 1, "ROOT", "AUX", "be"),
                 ("unclear", 1, "acomp", "ADJ", "unclear"), ("whether", 5, "mark", "SCONJ", "whether"),
                 ("Cuba", 5, "nsubj", "PROPN", "Cuba"), ("interfered", 2, "ccomp", "VERB", "interfere")])
    assert is_negated(tok(doc, "interfered"), LEXICON)


# ----------------------------------------------------------------------------- likelihood

def _it_is(adverb: str | None, adjective: str, verb: str = "target") -> Doc:
    """ "It is [adverb] adjective that Iran will target voters" """
    rows = [("It", 1, "nsubj", "PRON", "it"), ("is", 1, "ROOT", "AUX", "be")]
    adj_i = 2 if adverb is None else 3
    if adverb is not None:
        rows.append((adverb, 3, "advmod", "ADV", adverb))
    rows.append((adjective, 1, "acomp", "ADJ", adjective))
    v = adj_i + 4
    rows += [("that", v, "mark", "SCONJ", "that"), ("Iran", v, "nsubj", "PROPN", "Iran"),
             ("will", v, "aux", "AUX", "will"), (verb, adj_i, "ccomp", "VERB", verb),
             ("voters", v, "dobj", "NOUN", "voter")]
    return parse(rows)


@pytest.mark.parametrize("adverb,adjective,band", [
    (None, "likely", "likely"),
    (None, "probable", "likely"),
    ("very", "likely", "very_likely"),
    ("highly", "probable", "very_likely"),
    (None, "unlikely", "unlikely"),
    (None, "improbable", "unlikely"),
    ("very", "unlikely", "very_unlikely"),
    ("highly", "improbable", "very_unlikely"),
    ("almost", "certain", "almost_certain"),
    ("nearly", "certain", "almost_certain"),
    (None, "remote", "almost_no_chance"),
])
def test_likelihood_adjective_bands(adverb, adjective, band):
    doc = _it_is(adverb, adjective)
    [hedge] = hedges_for(tok(doc, "target"), LEXICON)
    assert hedge.kind == "likelihood" and hedge.likelihood == band
    assert hedge.text == (f"{adverb} {adjective}" if adverb else adjective)


@pytest.mark.parametrize("words,band", [
    (("almost", "certainly"), "almost_certain"),
    ((None, "probably"), "likely"),
    ((None, "improbably"), "unlikely"),
])
def test_likelihood_adverbs(words, band):
    degree, adverb = words
    rows = [("Cuba", 3 if degree else 2, "nsubj", "PROPN", "Cuba")]
    if degree:
        rows.append((degree, 2, "advmod", "ADV", degree))
    head = len(rows) + 1
    rows.append((adverb, head, "advmod", "ADV", adverb))
    rows.append(("targeted", head, "ROOT", "VERB", "target"))
    rows.append(("voters", head, "dobj", "NOUN", "voter"))
    doc = parse(rows)
    assert cues(doc, "targeted") == [(" ".join(w for w in words if w), "likelihood", band, None)]


@pytest.mark.parametrize("mods,band", [
    (("almost", "no"), "almost_no_chance"),
    (("roughly", "even"), "roughly_even_chance"),
])
def test_chance_nouns(mods, band):
    # "There is almost no chance that Cuba interferes" / "a roughly even chance"
    degree, quant = mods
    doc = parse([("There", 1, "expl", "PRON", "there"), ("is", 1, "ROOT", "VERB", "be"),
                 (degree, 3, "advmod", "ADV", degree), (quant, 4, "amod", "ADJ", quant),
                 ("chance", 1, "attr", "NOUN", "chance"), ("that", 7, "mark", "SCONJ", "that"),
                 ("Cuba", 7, "nsubj", "PROPN", "Cuba"), ("interferes", 4, "acl", "VERB", "interfere")])
    assert cues(doc, "interferes") == [(f"{degree} {quant} chance", "likelihood", band, None)]


def test_which_is_very_likely_to_undermine():
    doc = parse([("which", 1, "nsubj", "PRON", "which"), ("is", 1, "ROOT", "AUX", "be"),
                 ("very", 3, "advmod", "ADV", "very"), ("likely", 1, "acomp", "ADJ", "likely"),
                 ("to", 5, "aux", "PART", "to"), ("undermine", 3, "xcomp", "VERB", "undermine"),
                 ("support", 5, "dobj", "NOUN", "support")])
    assert cues(doc, "undermine") == [("very likely", "likelihood", "very_likely", None)]


def test_certain_as_determiner_is_no_cue():
    # "to promote certain candidates"
    doc = parse([("Cuba", 1, "nsubj", "PROPN", "Cuba"), ("promoted", 1, "ROOT", "VERB", "promote"),
                 ("certain", 3, "amod", "ADJ", "certain"), ("candidates", 1, "dobj", "NOUN", "candidate")])
    assert hedges_for(doc[1], LEXICON) == ()


# ----------------------------------------------------------------------------- confidence

@pytest.mark.parametrize("adj,level", [("high", "high"), ("moderate", "moderate"), ("low", "low"),
                                       ("great", "high")])
def test_confidence_levels_on_governing_verb(adj, level):
    # "The community believes with <adj> confidence that China approved efforts"
    doc = parse([("The", 1, "det", "DET", "the"), ("community", 2, "nsubj", "NOUN", "community"),
                 ("believes", 2, "ROOT", "VERB", "believe"), ("with", 2, "prep", "ADP", "with"),
                 (adj, 5, "amod", "ADJ", adj), ("confidence", 3, "pobj", "NOUN", "confidence"),
                 ("that", 8, "mark", "SCONJ", "that"), ("China", 8, "nsubj", "PROPN", "China"),
                 ("approved", 2, "ccomp", "VERB", "approve"), ("efforts", 8, "dobj", "NOUN", "effort")])
    assert cues(doc, "approved") == [(f"{adj} confidence", "confidence", None, level)]


def test_we_have_high_confidence():
    doc = parse([("We", 1, "nsubj", "PRON", "we"), ("have", 1, "ROOT", "VERB", "have"),
                 ("high", 3, "amod", "ADJ", "high"), ("confidence", 1, "dobj", "NOUN", "confidence"),
                 ("that", 6, "mark", "SCONJ", "that"), ("Russia", 6, "nsubj", "PROPN", "Russia"),
                 ("meddled", 3, "acl", "VERB", "meddle")])
    assert cues(doc, "meddled") == [("high confidence", "confidence", None, "high")]


def test_confidence_on_postposed_reporter():
    # '"...", said the intelligence community, also with great confidence'
    doc = parse([("Russia", 1, "nsubj", "PROPN", "Russia"), ("sought", 5, "ccomp", "VERB", "seek"),
                 ("to", 3, "aux", "PART", "to"), ("denigrate", 1, "xcomp", "VERB", "denigrate"),
                 ("Democrats", 3, "dobj", "PROPN", "Democrats"), ("said", 5, "ROOT", "VERB", "say"),
                 ("the", 7, "det", "DET", "the"), ("community", 5, "nsubj", "NOUN", "community"),
                 (",", 7, "punct", "PUNCT", ","), ("also", 10, "advmod", "ADV", "also"),
                 ("with", 7, "prep", "ADP", "with"), ("great", 12, "amod", "ADJ", "great"),
                 ("confidence", 10, "pobj", "NOUN", "confidence")])
    assert cues(doc, "denigrate") == [("great confidence", "confidence", None, "high")]


def test_first_person_estimative_verb():
    # "We assess that Cuba attempted to undermine prospects"
    doc = parse([("We", 1, "nsubj", "PRON", "we"), ("assess", 1, "ROOT", "VERB", "assess"),
                 ("that", 4, "mark", "SCONJ", "that"), ("Cuba", 4, "nsubj", "PROPN", "Cuba"),
                 ("attempted", 1, "ccomp", "VERB", "attempt"), ("to", 6, "aux", "PART", "to"),
                 ("undermine", 4, "xcomp", "VERB", "undermine"), ("prospects", 6, "dobj", "NOUN", "prospect")])
    assert cues(doc, "undermine") == [("We assess", "likelihood", None, None)]


def test_third_person_belief_is_not_a_hedge():
    doc = parse([("Officials", 1, "nsubj", "NOUN", "official"), ("believe", 1, "ROOT", "VERB", "believe"),
                 ("Cuba", 3, "nsubj", "PROPN", "Cuba"), ("meddled", 1, "ccomp", "VERB", "meddle")])
    assert hedges_for(tok(doc, "meddled"), LEXICON) == ()


# ----------------------------------------------------------------------------- hedges, modals

def test_hedge_on_subject():
    # "Suspected Chinese agents have used images"
    doc = parse([("Suspected", 2, "amod", "ADJ", "suspected"), ("Chinese", 2, "amod", "ADJ", "chinese"),
                 ("agents", 4, "nsubj", "NOUN", "agent"), ("have", 4, "aux", "AUX", "have"),
                 ("used", 4, "ROOT", "VERB", "use"), ("images", 4, "dobj", "NOUN", "image")])
    assert cues(doc, "used") == [("Suspected", "hedge", None, None)]


def test_hedge_on_event_noun_subject():
    # "the alleged Cuban interference targets politicians"
    doc = parse([("the", 3, "det", "DET", "the"), ("alleged", 3, "amod", "ADJ", "alleged"),
                 ("Cuban", 3, "amod", "ADJ", "cuban"), ("interference", 4, "nsubj", "NOUN", "interference"),
                 ("targets", 4, "ROOT", "VERB", "target"), ("politicians", 4, "dobj", "NOUN", "politician")])
    assert cues(doc, "targets") == [("alleged", "hedge", None, None)]
    assert cues(doc, "interference") == [("alleged", "hedge", None, None)]


def test_hedge_on_governing_copula():
    # "The regime is allegedly behind a campaign" with the preposition as predicate
    doc = parse([("The", 1, "det", "DET", "the"), ("regime", 2, "nsubj", "NOUN", "regime"),
                 ("is", 2, "ROOT", "AUX", "be"), ("allegedly", 2, "advmod", "ADV", "allegedly"),
                 ("behind", 2, "prep", "ADP", "behind"), ("a", 6, "det", "DET", "a"),
                 ("campaign", 4, "pobj", "NOUN", "campaign")])
    assert cues(doc, "behind") == [("allegedly", "hedge", None, None)]


@pytest.mark.parametrize("adverb", ["reportedly", "purportedly", "apparently", "possibly", "allegedly"])
def test_hedge_adverbs_scope_over_xcomp(adverb):
    doc = parse([("Iran", 2, "nsubj", "PROPN", "Iran"), (adverb, 2, "advmod", "ADV", adverb),
                 ("sought", 2, "ROOT", "VERB", "seek"), ("to", 4, "aux", "PART", "to"),
                 ("exploit", 2, "xcomp", "VERB", "exploit"), ("divisions", 4, "dobj", "NOUN", "division")])
    assert cues(doc, "exploit") == [(adverb, "hedge", None, None)]


@pytest.mark.parametrize("modal", ["may", "might", "could", "would"])
def test_modal_auxiliaries(modal):
    doc = parse([("Cuba", 2, "nsubj", "PROPN", "Cuba"), (modal, 2, "aux", "AUX", modal),
                 ("target", 2, "ROOT", "VERB", "target"), ("voters", 2, "dobj", "NOUN", "voter")])
    assert cues(doc, "target") == [(modal, "modal", None, None)]


def test_will_is_not_a_modal_hedge():
    doc = parse([("Cuba", 2, "nsubj", "PROPN", "Cuba"), ("will", 2, "aux", "AUX", "will"),
                 ("target", 2, "ROOT", "VERB", "target"), ("voters", 2, "dobj", "NOUN", "voter")])
    assert hedges_for(tok(doc, "target"), LEXICON) == ()


def test_cues_in_order_without_duplicates():
    # "We have moderate confidence that Russia probably tried to sway voters"
    doc = parse([("We", 1, "nsubj", "PRON", "we"), ("have", 1, "ROOT", "VERB", "have"),
                 ("moderate", 3, "amod", "ADJ", "moderate"), ("confidence", 1, "dobj", "NOUN", "confidence"),
                 ("that", 7, "mark", "SCONJ", "that"), ("Russia", 7, "nsubj", "PROPN", "Russia"),
                 ("probably", 7, "advmod", "ADV", "probably"), ("tried", 3, "acl", "VERB", "try"),
                 ("to", 9, "aux", "PART", "to"), ("sway", 7, "xcomp", "VERB", "sway"),
                 ("voters", 9, "dobj", "NOUN", "voter")])
    assert cues(doc, "sway") == [("moderate confidence", "confidence", None, "moderate"),
                                 ("probably", "likelihood", "likely", None)]


def test_conjunct_with_own_subject_does_not_inherit_adverbs():
    # "Iran allegedly hacked emails and Russia targeted voters"
    doc = parse([("Iran", 2, "nsubj", "PROPN", "Iran"), ("allegedly", 2, "advmod", "ADV", "allegedly"),
                 ("hacked", 2, "ROOT", "VERB", "hack"), ("emails", 2, "dobj", "NOUN", "email"),
                 ("and", 2, "cc", "CCONJ", "and"), ("Russia", 6, "nsubj", "PROPN", "Russia"),
                 ("targeted", 2, "conj", "VERB", "target"), ("voters", 6, "dobj", "NOUN", "voter")])
    assert hedges_for(tok(doc, "targeted"), LEXICON) == ()
    assert cues(doc, "hacked") == [("allegedly", "hedge", None, None)]


def test_scope_chain_reaches_root():
    doc = _it_is(None, "likely")
    assert [t.text for t in scope_chain(tok(doc, "target"))] == ["target", "likely", "is"]


# ----------------------------------------------------------------------------- real model

@pytest.mark.model
def test_model_high_confidence_and_negation(nlp):
    doc = nlp("The intelligence community believes with high confidence that China tacitly "
              "approved efforts to attempt to influence a handful of midterm elections.")
    influence = next(t for t in doc if t.lemma_ == "influence")
    assert any(h.confidence == "high" for h in hedges_for(influence, LEXICON))
    doc = nlp("There is no known order from a foreign leader to interfere in the election.")
    assert is_negated(next(t for t in doc if t.lemma_ == "interfere"), LEXICON)


@pytest.mark.model
def test_model_almost_certainly_and_allegedly(nlp):
    doc = nlp("Beijing almost certainly viewed the elections as an opportunity to portray the model as chaotic.")
    portray = next(t for t in doc if t.lemma_ == "portray")
    assert [h.likelihood for h in hedges_for(portray, LEXICON)] == ["almost_certain"]
    doc = nlp("The Cuban regime is allegedly interfering in the U.S. election.")
    verb = next(t for t in doc if t.lemma_ == "interfere")
    assert [h.text for h in hedges_for(verb, LEXICON)] == ["allegedly"]
    assert not is_negated(verb, LEXICON)


# ----------------------------------------------------------------------- not asserted

def test_improbable_bands_are_not_assertions():
    from kg.extract.modality import is_improbable

    assert is_improbable((Hedge("unlikely", "likelihood", likelihood="unlikely"),))
    assert is_improbable((Hedge("almost no chance", "likelihood", likelihood="almost_no_chance"),))
    assert not is_improbable((Hedge("likely", "likelihood", likelihood="likely"),))
    assert not is_improbable((Hedge("allegedly", "hedge"),))


def test_conditional_consequent_is_hypothetical_but_a_bare_modal_is_not():
    from kg.extract.modality import is_hypothetical

    # "If Venezuela attempted it, it would rely on proxies"
    conditional = parse([("If", 2, "mark", "SCONJ", "if"), ("Venezuela", 2, "nsubj", "PROPN", "Venezuela"),
                         ("attempted", 6, "advcl", "VERB", "attempt"), ("it", 2, "dobj", "PRON", "it"),
                         ("it", 6, "nsubj", "PRON", "it"), ("would", 6, "aux", "AUX", "would"),
                         ("rely", 6, "ROOT", "VERB", "rely")])
    conditional[5].tag_ = "MD"
    assert is_hypothetical(tok(conditional, "rely"), LEXICON)
    # "Such actions would have a clear objective"
    bare = parse([("actions", 2, "nsubj", "NOUN", "action"), ("would", 2, "aux", "AUX", "would"),
                  ("have", 2, "ROOT", "VERB", "have"), ("objective", 2, "dobj", "NOUN", "objective")])
    bare[1].tag_ = "MD"
    assert not is_hypothetical(tok(bare, "have"), LEXICON)


def test_confident_that_hedges_its_clause_without_a_band():
    doc = parse([
        ("IC", 1, "nsubj", "PROPN", "IC"),
        ("is", 1, "ROOT", "AUX", "be"),
        ("confident", 1, "acomp", "ADJ", "confident"),
        ("Russia", 4, "nsubj", "PROPN", "Russia"),
        ("hacked", 2, "ccomp", "VERB", "hack"),
    ])
    assert [(text, kind) for text, kind, *_ in cues(doc, "hacked")] == [("confident", "hedge")]


def test_being_accused_of_an_act_hedges_it():
    doc = parse([
        ("Defendants", 2, "nsubjpass", "NOUN", "defendant"),
        ("are", 2, "auxpass", "AUX", "be"),
        ("accused", 2, "ROOT", "VERB", "accuse"),
        ("of", 2, "prep", "ADP", "of"),
        ("hacking", 3, "pcomp", "VERB", "hack"),
        ("servers", 4, "dobj", "NOUN", "server"),
    ])
    assert [(text, kind) for text, kind, *_ in cues(doc, "hacking")] == [("accused", "hedge")]
