"""Attribution and reporting verbs on hand-built parses (no model), plus real-model checks."""

from __future__ import annotations

import pytest
import spacy
from spacy.tokens import Doc

from kg.extract.attribution import Attribution, attribution_for, is_reporting_verb, source_phrase
from kg.lexicon import load_lexicon

LEXICON = load_lexicon()

VOCAB = spacy.blank("en").vocab


def parse(rows):
    """A Doc from (word, head index, dep, pos, lemma) rows; the root is its own head."""
    words, heads, deps, pos, lemmas = (list(col) for col in zip(*rows))
    return Doc(VOCAB, words=words, heads=heads, deps=deps, pos=pos, lemmas=lemmas)


def tok(doc, word):
    return next(t for t in doc if t.text == word)


def source(doc, word):
    found = attribution_for(tok(doc, word), LEXICON)
    return None if found is None else found.text


def test_said_that():
    # "The report said that Cuban officials targeted journalists"
    doc = parse([("The", 1, "det", "DET", "the"), ("report", 2, "nsubj", "NOUN", "report"),
                 ("said", 2, "ROOT", "VERB", "say"), ("that", 6, "mark", "SCONJ", "that"),
                 ("Cuban", 5, "amod", "ADJ", "cuban"), ("officials", 6, "nsubj", "NOUN", "official"),
                 ("targeted", 2, "ccomp", "VERB", "target"), ("journalists", 6, "dobj", "NOUN", "journalist")])
    found = attribution_for(tok(doc, "targeted"), LEXICON)
    assert isinstance(found, Attribution)
    assert found.text == "The report" and found.span.start == 0


def test_trailing_reporter_continued():
    # '"Cuba sought to influence perceptions," the report continued.'
    doc = parse([("Cuba", 1, "nsubj", "PROPN", "Cuba"), ("sought", 8, "ccomp", "VERB", "seek"),
                 ("to", 3, "aux", "PART", "to"), ("influence", 1, "xcomp", "VERB", "influence"),
                 ("perceptions", 3, "dobj", "NOUN", "perception"), (",", 8, "punct", "PUNCT", ","),
                 ("the", 7, "det", "DET", "the"), ("report", 8, "nsubj", "NOUN", "report"),
                 ("continued", 8, "ROOT", "VERB", "continue"), (".", 8, "punct", "PUNCT", ".")])
    assert source(doc, "influence") == "the report"


def test_quoted_we_assess_yields_to_quote_speaker():
    # '"We assess that Cuba attempted to undermine prospects," the report said.'
    doc = parse([("We", 1, "nsubj", "PRON", "we"), ("assess", 10, "ccomp", "VERB", "assess"),
                 ("that", 4, "mark", "SCONJ", "that"), ("Cuba", 4, "nsubj", "PROPN", "Cuba"),
                 ("attempted", 1, "ccomp", "VERB", "attempt"), ("to", 6, "aux", "PART", "to"),
                 ("undermine", 4, "xcomp", "VERB", "undermine"), ("prospects", 6, "dobj", "NOUN", "prospect"),
                 ("the", 9, "det", "DET", "the"), ("report", 10, "nsubj", "NOUN", "report"),
                 ("said", 10, "ROOT", "VERB", "say")])
    assert source(doc, "undermine") == "the report"


def test_unquoted_we_assess_falls_back_to_we():
    doc = parse([("We", 1, "nsubj", "PRON", "we"), ("assess", 1, "ROOT", "VERB", "assess"),
                 ("that", 4, "mark", "SCONJ", "that"), ("Cuba", 4, "nsubj", "PROPN", "Cuba"),
                 ("meddled", 1, "ccomp", "VERB", "meddle")])
    assert source(doc, "meddled") == "We"


def test_according_to_a_report_by():
    # "Cuba is seeking to influence opinion, according to a report by the Office of the DNI."
    doc = parse([("Cuba", 2, "nsubj", "PROPN", "Cuba"), ("is", 2, "aux", "AUX", "be"),
                 ("seeking", 2, "ROOT", "VERB", "seek"), ("to", 4, "aux", "PART", "to"),
                 ("influence", 2, "xcomp", "VERB", "influence"), ("opinion", 4, "dobj", "NOUN", "opinion"),
                 (",", 2, "punct", "PUNCT", ","), ("according", 2, "prep", "VERB", "accord"),
                 ("to", 7, "prep", "ADP", "to"), ("a", 10, "det", "DET", "a"),
                 ("report", 8, "pobj", "NOUN", "report"), ("by", 10, "prep", "ADP", "by"),
                 ("the", 13, "det", "DET", "the"), ("Office", 11, "pobj", "PROPN", "Office"),
                 ("of", 13, "prep", "ADP", "of"), ("the", 16, "det", "DET", "the"),
                 ("DNI", 14, "pobj", "PROPN", "DNI"), (".", 2, "punct", "PUNCT", ".")])
    assert source(doc, "influence") == "a report by the Office of the DNI"


def test_according_to_leading_the_sentence():
    # "According to officials, the regime tried to denigrate candidates."
    doc = parse([("According", 6, "prep", "VERB", "accord"), ("to", 0, "prep", "ADP", "to"),
                 ("officials", 1, "pobj", "NOUN", "official"), (",", 6, "punct", "PUNCT", ","),
                 ("the", 5, "det", "DET", "the"), ("regime", 6, "nsubj", "NOUN", "regime"),
                 ("tried", 6, "ROOT", "VERB", "try"), ("to", 8, "aux", "PART", "to"),
                 ("denigrate", 6, "xcomp", "VERB", "denigrate"), ("candidates", 8, "dobj", "NOUN", "candidate")])
    assert source(doc, "denigrate") == "officials"


def test_source_phrase_drops_participle_and_apposition():
    # "The report, released by the ODNI, said that officials worked ..."
    doc = parse([("The", 1, "det", "DET", "the"), ("report", 7, "nsubj", "NOUN", "report"),
                 (",", 1, "punct", "PUNCT", ","), ("released", 1, "acl", "VERB", "release"),
                 ("by", 3, "agent", "ADP", "by"), ("ODNI", 4, "pobj", "PROPN", "ODNI"),
                 (",", 1, "punct", "PUNCT", ","), ("said", 7, "ROOT", "VERB", "say"),
                 ("officials", 9, "nsubj", "NOUN", "official"), ("worked", 7, "ccomp", "VERB", "work")])
    assert source_phrase(tok(doc, "report")).text == "The report"
    assert source(doc, "worked") == "The report"


def test_parenthetical_officials_said():
    # "Havana targets critics, officials said." with the claim not attached under "said"
    doc = parse([("Havana", 1, "nsubj", "PROPN", "Havana"), ("targets", 1, "ROOT", "VERB", "target"),
                 ("critics", 1, "dobj", "NOUN", "critic"), (",", 1, "punct", "PUNCT", ","),
                 ("officials", 5, "nsubj", "NOUN", "official"), ("said", 1, "parataxis", "VERB", "say")])
    assert source(doc, "targets") == "officials"


def test_accusing_of():
    # "countries which Washington is accusing of jeopardizing the election"
    doc = parse([("countries", 0, "ROOT", "NOUN", "country"), ("which", 4, "dobj", "PRON", "which"),
                 ("Washington", 4, "nsubj", "PROPN", "Washington"), ("is", 4, "aux", "AUX", "be"),
                 ("accusing", 0, "relcl", "VERB", "accuse"), ("of", 4, "prep", "ADP", "of"),
                 ("jeopardizing", 5, "pcomp", "VERB", "jeopardize"), ("the", 8, "det", "DET", "the"),
                 ("election", 6, "dobj", "NOUN", "election")])
    assert source(doc, "jeopardizing") == "Washington"


def test_unattributed():
    doc = parse([("Cuba", 1, "nsubj", "PROPN", "Cuba"), ("targeted", 1, "ROOT", "VERB", "target"),
                 ("voters", 1, "dobj", "NOUN", "voter")])
    assert attribution_for(doc[1], LEXICON) is None


@pytest.mark.parametrize("lemma", ["say", "warn", "believe", "assess", "conclude", "determine",
                                   "judge", "confirm", "accuse", "allege", "indicate"])
def test_reporting_verbs(lemma):
    doc = parse([("X", 1, "nsubj", "PROPN", "X"), (lemma, 1, "ROOT", "VERB", lemma)])
    assert is_reporting_verb(doc[1], LEXICON)


@pytest.mark.parametrize("lemma", ["target", "use", "conduct", "influence", "identify"])
def test_action_verbs_are_not_reporting(lemma):
    doc = parse([("X", 1, "nsubj", "PROPN", "X"), (lemma, 1, "ROOT", "VERB", lemma)])
    assert not is_reporting_verb(doc[1], LEXICON)


def test_contextual_reporting_verbs():
    # "the report continued" reports; "Cuba continued to amplify content" does not.
    doc = parse([("the", 1, "det", "DET", "the"), ("report", 2, "nsubj", "NOUN", "report"),
                 ("continued", 2, "ROOT", "VERB", "continue")])
    assert is_reporting_verb(doc[2], LEXICON)
    doc = parse([("Cuba", 1, "nsubj", "PROPN", "Cuba"), ("continued", 1, "ROOT", "VERB", "continue"),
                 ("to", 3, "aux", "PART", "to"), ("amplify", 1, "xcomp", "VERB", "amplify")])
    assert not is_reporting_verb(doc[1], LEXICON)
    doc = parse([("Analysts", 1, "nsubj", "NOUN", "analyst"), ("found", 1, "ROOT", "VERB", "find"),
                 ("accounts", 1, "dobj", "NOUN", "account")])
    assert not is_reporting_verb(doc[1], LEXICON)
    assert not is_reporting_verb(doc[2], LEXICON)


@pytest.mark.model
def test_model_trailing_report_said(nlp):
    doc = nlp("“We assess that Cuba attempted to undermine the electoral prospects of specific "
              "politicians that it viewed as hostile,” the report said.")
    verb = next(t for t in doc if t.lemma_ == "undermine")
    assert attribution_for(verb, LEXICON).text == "the report"


@pytest.mark.model
def test_model_according_to(nlp):
    doc = nlp("The Cuban regime is also seeking to influence public opinion, according to a report "
              "by the Office of the Director of National Intelligence.")
    verb = next(t for t in doc if t.lemma_ == "influence")
    assert attribution_for(verb, LEXICON).text.endswith("Office of the Director of National Intelligence")


def test_coordinated_named_sources_both_say_it_and_keep_their_acronyms():
    doc = parse([
        ("CISA", 7, "nsubj", "PROPN", "CISA"),
        ("and", 0, "cc", "CCONJ", "and"),
        ("the", 3, "det", "DET", "the"),
        ("Bureau", 0, "conj", "PROPN", "Bureau"),
        ("(", 3, "punct", "PUNCT", "("),
        ("FBI", 3, "appos", "PROPN", "FBI"),
        (")", 3, "punct", "PUNCT", ")"),
        ("warned", 7, "ROOT", "VERB", "warn"),
        ("that", 10, "mark", "SCONJ", "that"),
        ("Russia", 10, "nsubj", "PROPN", "Russia"),
        ("hacked", 7, "ccomp", "VERB", "hack"),
        ("voters", 10, "dobj", "NOUN", "voter"),
    ])
    found = attribution_for(tok(doc, "hacked"), LEXICON)
    assert [t.text for t in found.span] == ["CISA", "and", "the", "Bureau", "(", "FBI", ")"]


def test_a_subject_confident_that_a_clause_holds_is_its_source():
    doc = parse([
        ("The", 1, "det", "DET", "the"),
        ("IC", 2, "nsubj", "PROPN", "IC"),
        ("is", 2, "ROOT", "AUX", "be"),
        ("confident", 2, "acomp", "ADJ", "confident"),
        ("that", 6, "mark", "SCONJ", "that"),
        ("Russia", 6, "nsubj", "PROPN", "Russia"),
        ("hacked", 3, "ccomp", "VERB", "hack"),
        ("servers", 6, "dobj", "NOUN", "server"),
    ])
    assert source(doc, "hacked") == "The IC"


def test_a_subject_confident_of_a_thing_reports_nothing():
    doc = parse([
        ("Russia", 1, "nsubj", "PROPN", "Russia"),
        ("is", 1, "ROOT", "AUX", "be"),
        ("confident", 1, "acomp", "ADJ", "confident"),
        ("of", 2, "prep", "ADP", "of"),
        ("victory", 3, "pobj", "NOUN", "victory"),
    ])
    assert not is_reporting_verb(doc[1], LEXICON)
