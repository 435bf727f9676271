"""Span helpers on hand-built parses: how much of a head's subtree is an argument's text."""

from __future__ import annotations

from handparse import parse

from kg.extract.spans import (
    argument_span,
    clause_span,
    noun_phrase,
    premodified_noun,
    span_head,
    prep_phrase,
    spaced_text,
    token_text,
    trim,
)
from kg.lexicon import load_lexicon

LEXICON = load_lexicon()

# "a woman who used RU-486 , and a man , who lied , ran ."
RELATIVES = parse(
    """a 1 det DET DT a
woman 12 nsubj NOUN NN woman
who 3 nsubj PRON WP who
used 1 relcl VERB VBD use
RU-486 3 dobj PROPN NNP RU-486
, 1 punct PUNCT , ,
and 1 cc CCONJ CC and
a 8 det DET DT a
man 1 conj NOUN NN man
, 8 punct PUNCT , ,
who 11 nsubj PRON WP who
lied 8 relcl VERB VBD lie
ran 12 ROOT VERB VBD run
. 12 punct PUNCT . ."""
)


def test_argument_span_keeps_a_restrictive_relative_only_on_request():
    woman = RELATIVES[1]
    assert spaced_text(argument_span(woman)) == "a woman"
    assert spaced_text(argument_span(woman, restrictive=True)) == "a woman who used RU-486"


def test_argument_span_never_keeps_a_nonrestrictive_relative_or_a_conjunct():
    man = RELATIVES[8]
    assert spaced_text(argument_span(man, restrictive=True)) == "a man"


def test_trim_drops_edge_punctuation_but_keeps_enclosing_quotes():
    doc = parse(
        """`` 1 punct PUNCT `` ``
Velocity 1 ROOT PROPN NNP Velocity
'' 1 punct PUNCT '' ''
, 1 punct PUNCT , ,"""
    )
    assert spaced_text(trim(list(doc))) == "`` Velocity ''"
    assert spaced_text(trim([doc[1], doc[3]])) == "Velocity"


# "Russia 's state media spread claims in Europe ."
MEDIA = parse(
    """Russia 3 poss PROPN NNP Russia B-GPE
's 0 case PART POS 's
state 3 compound NOUN NN state
media 4 nsubj NOUN NNS media
spread 4 ROOT VERB VBD spread
claims 4 dobj NOUN NNS claim
in 4 prep ADP IN in
Europe 6 pobj PROPN NNP Europe B-LOC
. 4 punct PUNCT . ."""
)


def test_premodified_noun_keeps_compounds_but_not_the_possessor():
    media = MEDIA[3]
    assert spaced_text(premodified_noun(media, drop=MEDIA[0])) == "state media"
    assert spaced_text(premodified_noun(MEDIA[5])) == "claims"


def test_premodified_noun_drops_the_determiner_of_a_possessed_noun():
    doc = parse(
        """the 1 det DET DT the
group 4 poss NOUN NN group
's 1 case PART POS 's
the 4 det DET DT the
site 4 ROOT NOUN NN site"""
    )
    assert spaced_text(premodified_noun(doc[4])) == "the site"
    assert spaced_text(premodified_noun(doc[4], drop=doc[1])) == "site"


def test_prep_phrase_and_clause_span():
    assert spaced_text(prep_phrase(MEDIA[6])) == "in Europe"
    assert spaced_text(clause_span(MEDIA[4])) == "Russia 's state media spread claims in Europe"


def test_spaced_text_ignores_document_whitespace_where_token_text_keeps_it():
    tokens = list(MEDIA[0:2])
    assert spaced_text(tokens) == "Russia 's"
    assert token_text(tokens) == "Russia 's"  # hand parses put a space after each word
    assert spaced_text(reversed(tokens)) == "Russia 's"


def test_claims_noun_phrase_keeps_what_argument_span_keeps_for_a_plain_phrase():
    # the two readers agree on a phrase without clauses, lists or asides
    media = MEDIA[3]
    assert spaced_text(noun_phrase(media, LEXICON)) == spaced_text(argument_span(media))


def test_span_head_inverts_argument_span():
    for token in (RELATIVES[1], RELATIVES[8], MEDIA[3], MEDIA[5]):
        assert span_head(argument_span(token, restrictive=True)) == token
    assert span_head(prep_phrase(MEDIA[6])) == MEDIA[6]
    assert span_head(()) is None
