"""Actor coreference on hand-built parses: pronouns, descriptions, event anaphora."""

from __future__ import annotations

from spacy.tokens import Doc

from handparse import parse

from kg.extract.coref import resolve
from kg.lexicon import load_lexicon

LEXICON = load_lexicon()





def labels(doc: Doc) -> dict[str, str]:
    return {doc[i].text: e.label for i, e in resolve(doc, LEXICON).items()}


def test_pronoun_takes_the_recent_state():
    doc = parse("""
        Cuba 1 nsubj PROPN NNP Cuba B-GPE
        denied 1 ROOT VERB VBD deny
        . 1 punct PUNCT . .
        It 4 nsubj PRON PRP it
        targeted 4 ROOT VERB VBD target
        voters 4 dobj NOUN NNS voter
        . 4 punct PUNCT . .
    """)
    assert labels(doc)["It"] == "Cuba"


def test_capital_metonym_and_government_phrase_are_mentions():
    doc = parse("""
        Havana 1 nsubj PROPN NNP Havana B-GPE
        denied 1 ROOT VERB VBD deny
        . 1 punct PUNCT . .
        The 5 det DET DT the
        Russian 5 amod ADJ JJ russian B-NORP
        government 6 nsubj NOUN NN government
        agreed 6 ROOT VERB VBD agree
        . 6 punct PUNCT . .
    """)
    found = labels(doc)
    assert found["Havana"] == "Cuba"
    assert found["government"] == "Russia"


def test_singular_pronoun_skips_plural_antecedents():
    # "Russia ... Chinese officials ... its": "its" cannot be "officials"
    doc = parse("""
        Russia 1 nsubj PROPN NNP Russia B-GPE
        acted 1 ROOT VERB VBD act
        . 1 punct PUNCT . .
        Chinese 4 amod ADJ JJ chinese B-NORP
        officials 5 nsubj NOUN NNS official
        praised 5 ROOT VERB VBD praise
        its 7 poss PRON PRP$ its
        efforts 5 dobj NOUN NNS effort
        . 5 punct PUNCT . .
    """)
    assert labels(doc)["its"] == "Russia"


def test_definite_description_and_surname_regime_take_the_salient_state():
    doc = parse("""
        Cuba 1 nsubj PROPN NNP Cuba B-GPE
        acted 1 ROOT VERB VBD act
        . 1 punct PUNCT . .
        The 5 det DET DT the
        Castro 5 compound PROPN NNP Castro B-PERSON
        regime 6 nsubj NOUN NN regime
        lied 6 ROOT VERB VBD lie
        . 6 punct PUNCT . .
        The 9 det DET DT the
        regime 10 nsubj NOUN NN regime
        lied 10 ROOT VERB VBD lie
        . 10 punct PUNCT . .
    """)
    resolved = resolve(doc, LEXICON)
    assert resolved[5].label == "Cuba"
    assert resolved[9].label == "Cuba"


def test_demonstrative_activity_noun_refers_to_the_actor():
    doc = parse("""
        Iran 1 nsubj PROPN NNP Iran B-GPE
        acted 1 ROOT VERB VBD act
        . 1 punct PUNCT . .
        Such 4 amod ADJ JJ such
        actions 5 nsubj NOUN NNS action
        helped 5 ROOT VERB VBD help
        . 5 punct PUNCT . .
    """)
    assert labels(doc)["actions"] == "Iran"


def test_unresolvable_pronoun_is_left_alone():
    doc = parse("""
        It 1 nsubj PRON PRP it
        rained 1 ROOT VERB VBD rain
        . 1 punct PUNCT . .
    """)
    assert resolve(doc, LEXICON) == {}


def test_definite_name_of_a_government_is_not_an_anaphor():
    from handparse import parse
    from kg.extract.coref import resolve

    doc = parse("""Ukraine 1 nsubj PROPN NNP Ukraine B-GPE
resisted 1 ROOT VERB VBD resist
. 1 punct PUNCT . .
The 4 det DET DT the
Kremlin 5 nsubj PROPN NNP Kremlin B-ORG
lied 5 ROOT VERB VBD lie""")
    assert resolve(doc, LEXICON)[4].label == "Russia"


def test_name_starting_with_its_article_is_a_subject_mention():
    # "The People's Republic of China ... its use": the name's root is the subject, so
    # "its" takes China over a subject state of the previous sentence
    doc = parse("""
        Moscow 1 nsubj PROPN NNP Moscow B-GPE
        acted 1 ROOT VERB VBD act
        . 1 punct PUNCT . .
        The 4 det DET DT the B-GPE
        PRC 5 nsubj PROPN NNP PRC I-GPE
        expanded 5 ROOT VERB VBD expand
        its 7 poss PRON PRP$ its
        use 5 dobj NOUN NN use
        . 5 punct PUNCT . .
    """)
    assert labels(doc)["its"] == "China"


# ---------------------------------------------------------------- named non-state actors

_SPAM = """
    Spamouflage 5 nsubj PROPN NNP Spamouflage B-ORG
    , 0 punct PUNCT , ,
    a 3 det DET DT a
    network 0 appos NOUN NN network
    , 0 punct PUNCT , ,
    posted 5 ROOT VERB VBD post
    videos 5 dobj NOUN NNS video
    . 5 punct PUNCT . .
"""


def test_description_resolves_to_described_named_network():
    doc = parse(_SPAM.rstrip() + """
        The 9 det DET DT the
        campaign 10 nsubj NOUN NN campaign
        targeted 10 ROOT VERB VBD target
        Taiwan 10 dobj PROPN NNP Taiwan B-GPE
        . 10 punct PUNCT . .
    """)
    assert resolve(doc, LEXICON)[9].label == "Spamouflage"


def test_pronoun_resolves_to_named_network():
    doc = parse(_SPAM.rstrip() + """
        It 9 nsubj PRON PRP it
        targeted 9 ROOT VERB VBD target
        voters 9 dobj NOUN NNS voter
        . 9 punct PUNCT . .
    """)
    assert resolve(doc, LEXICON)[8].label == "Spamouflage"


def test_description_of_other_family_does_not_resolve():
    doc = parse(_SPAM.rstrip() + """
        The 9 det DET DT the
        firm 10 nsubj NOUN NN firm
        targeted 10 ROOT VERB VBD target
        voters 10 dobj NOUN NNS voter
        . 10 punct PUNCT . .
    """)
    assert 9 not in resolve(doc, LEXICON)


def test_restrictive_description_is_no_anaphor():
    doc = parse(_SPAM.rstrip() + """
        The 9 det DET DT the
        group 11 nsubj NOUN NN group
        behind 9 prep ADP IN behind
        it 10 pobj PRON PRP it
        lied 11 ROOT VERB VBD lie
        . 11 punct PUNCT . .
    """)
    assert 9 not in resolve(doc, LEXICON)


def test_unnamed_introduction_blocks_earlier_name():
    doc = parse(_SPAM.rstrip() + """
        A 10 det DET DT a
        PR 10 compound NOUN NN pr
        network 11 nsubj NOUN NN network
        lied 11 ROOT VERB VBD lie
        . 11 punct PUNCT . .
        The 14 det DET DT the
        network 15 nsubj NOUN NN network
        lied 15 ROOT VERB VBD lie
        . 15 punct PUNCT . .
    """)
    assert 14 not in resolve(doc, LEXICON)


def test_naming_participle_describes_the_name():
    doc = parse("""
        An 1 det DET DT an
        operation 5 nsubj NOUN NN operation
        known 1 acl VERB VBN know
        as 2 prep ADP IN as
        Doppelganger 3 pobj PROPN NNP Doppelganger B-PERSON
        lied 5 ROOT VERB VBD lie
        . 5 punct PUNCT . .
        The 8 det DET DT the
        network 9 nsubj NOUN NN network
        lied 9 ROOT VERB VBD lie
        . 9 punct PUNCT . .
    """)
    assert resolve(doc, LEXICON)[8].label == "Doppelganger"


def test_reporting_source_is_no_antecedent():
    doc = parse("""
        Meta 1 nsubj PROPN NNP Meta B-ORG
        said 1 ROOT VERB VBD say
        . 1 punct PUNCT . .
        It 4 nsubj PRON PRP it
        targeted 4 ROOT VERB VBD target
        voters 4 dobj NOUN NNS voter
        . 4 punct PUNCT . .
    """)
    assert 3 not in resolve(doc, LEXICON)


def test_they_after_plural_subject_is_not_the_named_body():
    doc = parse("""
        Meta 1 nsubj PROPN NNP Meta B-ORG
        lied 1 ROOT VERB VBD lie
        . 1 punct PUNCT . .
        The 4 det DET DT the
        defendants 5 nsubj NOUN NNS defendant
        lied 5 ROOT VERB VBD lie
        . 5 punct PUNCT . .
        They 8 nsubj PRON PRP they
        lied 8 ROOT VERB VBD lie
        . 8 punct PUNCT . .
    """)
    assert 7 not in resolve(doc, LEXICON)


def test_a_description_a_copula_gives_a_name_is_that_name_not_the_state_it_mentions():
    # "Acme Bear is a Russian actor. The actor targets academics.": the actor is Acme Bear
    doc = parse("""
        Acme 1 compound PROPN NNP Acme B-ORG
        Bear 2 nsubj PROPN NNP Bear I-ORG
        is 2 ROOT AUX VBZ be
        a 5 det DET DT a
        Russian 5 amod ADJ JJ russian B-NORP
        actor 2 attr NOUN NN actor
        . 2 punct PUNCT . .
        The 8 det DET DT the
        actor 9 nsubj NOUN NN actor
        targets 9 ROOT VERB VBZ target
        academics 9 dobj NOUN NNS academic
        . 9 punct PUNCT . .
    """)
    resolved = resolve(doc, LEXICON)
    assert resolved[8].label == "Acme Bear"


def test_the_actors_take_up_a_named_group():
    # "A group known as Acme Bear hacked servers. The actors sent emails."
    doc = parse("""
        A 1 det DET DT a
        group 6 nsubj NOUN NN group
        known 1 acl VERB VBN know
        as 2 prep ADP IN as
        Acme 5 compound PROPN NNP Acme B-ORG
        Bear 3 pobj PROPN NNP Bear I-ORG
        hacked 6 ROOT VERB VBD hack
        servers 6 dobj NOUN NNS server
        . 6 punct PUNCT . .
        The 10 det DET DT the
        actors 11 nsubj NOUN NNS actor
        sent 11 ROOT VERB VBD send
        emails 11 dobj NOUN NNS email
        . 11 punct PUNCT . .
    """)
    assert resolve(doc, LEXICON)[10].label == "Acme Bear"
