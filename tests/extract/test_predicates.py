"""The shared predicate layer on hand-built parses: the syntax both readers agree on, and
the frames Open IE prints."""

from __future__ import annotations

from handparse import parse

from kg.extract.predicates import frames
from kg.extract.predicates.nominal import appositions, possessives
from kg.extract.predicates.syntax import (
    clause_antecedent,
    is_passive,
    own_subject,
    passive_agent,
    passive_patient,
    prep_object,
    preposition_words,
)
from kg.extract.predicates.verbs import subject_heads, verb_frames, xcomp_chain
from kg.extract.spans import conjuncts, spaced_text
from kg.lexicon import load_lexicon

LEXICON = load_lexicon()

# "posts spread by trolls that Moscow hired reached voters ."
POSTS = parse(
    """posts 7 nsubj NOUN NNS post
spread 0 acl VERB VBN spread
by 1 agent ADP IN by
trolls 2 pobj NOUN NNS troll
that 6 dobj PRON WDT that
Moscow 6 nsubj PROPN NNP Moscow B-GPE
hired 3 relcl VERB VBD hire
reached 7 ROOT VERB VBD reach
voters 7 dobj NOUN NNS voter
. 7 punct PUNCT . ."""
)


def test_a_reduced_passive_is_passive_with_the_modified_noun_as_patient():
    spread = POSTS[1]
    assert is_passive(spread)
    assert not is_passive(POSTS[6])
    assert passive_agent(spread).text == "trolls"
    assert passive_patient(spread).text == "posts"


def test_own_subject_of_a_passive_is_its_agent():
    assert own_subject(POSTS[1]) == (POSTS[3], "agent")
    assert own_subject(POSTS[7]) == (POSTS[0], "nsubj")


def test_relative_clause_antecedent():
    assert clause_antecedent(POSTS[6]).text == "trolls"
    assert clause_antecedent(POSTS[7]) is None


# "The hackers were paid by the GRU and stole data out of servers ."
HACKERS = parse(
    """The 1 det DET DT the
hackers 3 nsubjpass NOUN NNS hacker
were 3 auxpass AUX VBD be
paid 3 ROOT VERB VBN pay
by 3 agent ADP IN by
the 6 det DET DT the
GRU 4 pobj PROPN NNP GRU B-ORG
and 3 cc CCONJ CC and
stole 3 conj VERB VBD steal
data 8 dobj NOUN NNS data
out 8 prep ADP IN out
of 10 prep ADP IN of
servers 11 pobj NOUN NNS server
. 3 punct PUNCT . ."""
)


def test_complex_preposition_object_and_words():
    out = HACKERS[10]
    assert prep_object(out).text == "servers"
    assert [t.text for t in preposition_words(out)] == ["out", "of"]


def test_passive_frame_puts_the_agent_preposition_in_the_relation():
    (frame,) = verb_frames(HACKERS[3], LEXICON)
    assert frame.kind == "passive"
    assert spaced_text(frame.relation) == "were paid by"
    assert spaced_text(frame.arg1) == "The hackers"
    assert spaced_text(frame.args[0]) == "the GRU"


def test_conjoined_verb_inherits_the_subject_and_keeps_modifiers():
    stole = HACKERS[8]
    heads, inherited = subject_heads(stole)
    assert [h.text for h in heads] == ["hackers"] and inherited
    (frame,) = verb_frames(stole, LEXICON)
    assert frame.inherited_subject
    assert [spaced_text(a) for a in frame.args] == ["data", "out of servers"]


# "Russia tried to sway voters and officials ."
SWAY = parse(
    """Russia 1 nsubj PROPN NNP Russia B-GPE
tried 1 ROOT VERB VBD try
to 3 aux PART TO to
sway 1 xcomp VERB VB sway
voters 3 dobj NOUN NNS voter
and 4 cc CCONJ CC and
officials 4 conj NOUN NNS official
. 1 punct PUNCT . ."""
)


def test_control_verb_folds_the_infinitive_and_distributes_objects():
    inner, relation = xcomp_chain(SWAY[1])
    assert inner.text == "sway"
    assert spaced_text(relation) == "tried to sway"
    found = list(frames(SWAY, LEXICON))
    assert [(spaced_text(f.relation), spaced_text(f.args[0])) for f in found] == [
        ("tried to sway", "voters"),
        ("tried to sway", "officials"),
    ]
    assert [t.text for t in conjuncts(SWAY[4])] == ["voters", "officials"]


# "Prigozhin , the founder of the IRA , praised Russia 's trolls ."
FOUNDER = parse(
    """Prigozhin 8 nsubj PROPN NNP Prigozhin B-PERSON
, 0 punct PUNCT , ,
the 3 det DET DT the
founder 0 appos NOUN NN founder
of 3 prep ADP IN of
the 6 det DET DT the
IRA 4 pobj PROPN NNP IRA B-ORG
, 0 punct PUNCT , ,
praised 8 ROOT VERB VBD praise
Russia 11 poss PROPN NNP Russia B-GPE
's 9 case PART POS 's
trolls 8 dobj NOUN NNS troll
. 8 punct PUNCT . ."""
)


def test_nominal_frames_have_an_implicit_relation():
    (appos,) = appositions(FOUNDER)
    assert (appos.relation_text, appos.predicate) == ("be", -1)
    assert spaced_text(appos.arg1) == "Prigozhin"
    assert spaced_text(appos.args[0]) == "the founder of the IRA"
    (poss,) = possessives(FOUNDER)
    assert poss.relation_text == "has"
    assert (spaced_text(poss.arg1), spaced_text(poss.args[0])) == ("Russia", "trolls")


def test_frames_yields_clauses_before_nominal_patterns():
    kinds = [f.kind for f in frames(FOUNDER, LEXICON)]
    assert kinds == ["verb", "apposition", "possessive"]
