"""Actor coreference on hand-built parses: pronouns, descriptions, event anaphora."""

from __future__ import annotations

from spacy.tokens import Doc

from handparse import parse

from kg.extract.coref import resolve





def labels(doc: Doc) -> dict[str, str]:
    return {doc[i].text: e.label for i, e in resolve(doc).items()}


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
    resolved = resolve(doc)
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
    assert resolve(doc) == {}


def test_definite_name_of_a_government_is_not_an_anaphor():
    from handparse import parse
    from kg.extract.coref import resolve

    doc = parse("""Ukraine 1 nsubj PROPN NNP Ukraine B-GPE
resisted 1 ROOT VERB VBD resist
. 1 punct PUNCT . .
The 4 det DET DT the
Kremlin 5 nsubj PROPN NNP Kremlin B-ORG
lied 5 ROOT VERB VBD lie""")
    assert resolve(doc)[4].label == "Russia"


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
