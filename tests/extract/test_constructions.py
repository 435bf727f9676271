"""Constructions added for unseen reporting: own activities, "on behalf of", hyphenated
affiliations, framing objects, use-nouns, low attachment, people as instruments."""

from __future__ import annotations

from handparse import parse

from kg.extract.clauses import predications
from kg.lexicon import load_lexicon

LEXICON = load_lexicon()

VERBS = {
    ("influence", None): "seeksToInfluence",
    ("attempt", None): None,
    ("link", "to"): "affiliatedWith",
    ("create", None): "uses",
    ("work", None): None,
}
NOUNS = {
    ("campaign", None): "conducts",
    ("campaign", "against"): "targets",
    ("use", None): "uses",
    ("use", "of"): "uses",
    ("effort", None): "conducts",
}
LEX = LEXICON.with_lookups(
    verb=lambda lemma, preposition=None, object_lemma=None: VERBS.get((lemma, preposition)),
    noun=lambda lemma, preposition=None: NOUNS.get((lemma, preposition if preposition != "by" else None)),
)


def _triples(rows):
    doc = parse(rows)
    return {(p.subject.text, p.relation, p.object.text) for p in predications(doc[:], LEX)}


def test_possessed_activity_subject_is_conducted_by_its_possessor():
    rows = """Russia 2 poss PROPN NNP Russia B-GPE
's 0 case PART POS 's
campaign 6 nsubj NOUN NN campaign
against 2 prep ADP IN against
Ukraine 3 pobj PROPN NNP Ukraine B-GPE
sharply 6 advmod ADV RB sharply
intensified 6 ROOT VERB VBD intensify"""
    got = _triples(rows)
    assert ("Russia", "conducts", "campaign") in got
    assert ("Russia", "targets", "Ukraine") in got


def test_mentioned_activity_is_no_claim():
    # "details on Russia's campaign": mentioned, not asserted
    rows = """details 0 ROOT NOUN NNS detail
on 0 prep ADP IN on
Russia 4 poss PROPN NNP Russia B-GPE
's 2 case PART POS 's
campaign 1 pobj NOUN NN campaign"""
    assert not any(r == "conducts" for _, r, _ in _triples(rows))


def test_framing_object_does_not_control_the_infinitive():
    rows = """Kremlin 1 nsubj PROPN NNP Kremlin B-ORG
took 1 ROOT VERB VBD take
steps 1 dobj NOUN NNS step
to 4 aux PART TO to
attempt 1 xcomp VERB VB attempt
to 6 aux PART TO to
influence 4 xcomp VERB VB influence
elections 6 dobj NOUN NNS election"""
    assert ("Kremlin", "seeksToInfluence", "elections") in _triples(rows)


def test_use_of_names_the_instrument_and_the_participle_attaches_low():
    rows = """Moscow 2 poss PROPN NNP Moscow B-GPE
's 0 case PART POS 's
use 8 nsubj NOUN NN use
of 2 prep ADP IN of
proxies 3 pobj NOUN NNS proxy
linked 2 acl VERB VBN link
to 5 prep ADP IN to
spies 6 pobj NOUN NNS spy
worries 8 ROOT VERB VBZ worry"""
    got = _triples(rows)
    assert ("Moscow", "uses", "proxies") in got
    assert ("proxies", "affiliatedWith", "spies") in got
    assert not any(s == "use" for s, _, _ in got)


def test_on_behalf_of_affiliates_the_actor():
    rows = """firm 1 nsubj NOUN NN firm
worked 1 ROOT VERB VBD work
on 1 prep ADP IN on
behalf 2 pobj NOUN NN behalf
of 3 prep ADP IN of
Riyadh 4 pobj PROPN NNP Riyadh B-GPE"""
    assert ("firm", "affiliatedWith", "Riyadh") in _triples(rows)


def test_hyphenated_participle_affiliates_the_noun_with_the_name():
    rows = """Wagner 2 npadvmod PROPN NNP Wagner B-ORG
- 2 punct PUNCT HYPH -
linked 3 amod VERB VBN link
accounts 4 nsubj NOUN NNS account
posted 4 ROOT VERB VBD post"""
    assert ("accounts", "affiliatedWith", "Wagner") in _triples(rows)


def test_lowercase_hyphenated_modifier_is_no_affiliation():
    rows = """state 2 npadvmod NOUN NN state
- 2 punct PUNCT HYPH -
linked 3 amod VERB VBN link
outlets 4 nsubj NOUN NNS outlet
posted 4 ROOT VERB VBD post"""
    assert not _triples(rows)


def test_lexicon_people_as_instruments_and_hacked_accounts():
    assert LEXICON.verb("recruit", None, "employee") == "uses"
    assert LEXICON.verb("pay", None, "commentator") == "uses"
    assert LEXICON.verb("recruit", None, "official") == "targets"
    assert LEXICON.verb("hack", None, "account") == "targets"
    assert LEXICON.verb("direct", None, "account") == "uses"
