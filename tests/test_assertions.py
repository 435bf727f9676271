"""Assertions from hand-built claim records: grouping, independence of sources, agreement."""

from __future__ import annotations

from dataclasses import replace

from kg.assertions import (
    DocumentFacts,
    Evidence,
    ObjectForm,
    assertion_iri,
    dissents,
    object_form,
    rekey,
    reliable,
    same_articles,
    source_chain,
    summarise,
)
from kg.lexicon import load_lexicon
from kg.sources import fingerprint
from handparse import parse

IC = ("us-intelligence-community", "U.S. intelligence community")
LEXICON = load_lexicon()


def claim(cid: str, doc: str, *, obj: str = "class:candidate@florida", origin: tuple[str, str] | None = IC,
          attribution: str | None = "the report", subject: str = "cuba", family: str = "targets", **kw) -> Evidence:
    return Evidence(
        cid, doc, subject, subject.title(), family, obj, obj.split(":")[1],
        attribution=attribution if origin else None,
        origin=origin[0] if origin else None, origin_label=origin[1] if origin else None, **kw,
    )


def only(assertions, form="class:candidate@florida"):
    found = [a for a in assertions if a.object == form]
    assert len(found) == 1, [a.object for a in assertions]
    return found[0]


# -- grouping ------------------------------------------------------------------------


def test_claims_with_the_same_subject_family_and_object_are_one_assertion():
    evidence = [claim("c1", "a.txt"), claim("c2", "b.txt"), claim("c3", "b.txt", obj="class:candidate@ohio")]
    assertions = summarise(evidence, {})
    assert sorted(len(a.claims) for a in assertions) == [1, 2]
    assert only(assertions).documents == ("a.txt", "b.txt")
    assert only(assertions, "class:candidate@ohio").documents == ("b.txt",)


def test_assertion_iri_is_stable_and_separates_places_and_families():
    iri = assertion_iri("cuba", "targets", "class:candidate@florida")
    assert iri == assertion_iri("cuba", "targets", "class:candidate@florida")
    assert iri != assertion_iri("cuba", "targets", "class:candidate@ohio")
    assert iri != assertion_iri("cuba", "supports", "class:candidate@florida")
    assert iri != assertion_iri("russia", "targets", "class:candidate@florida")


def test_a_new_document_joins_the_stored_assertion():
    before = summarise([claim("c1", "a.txt")], {})
    after = summarise([claim("c1", "a.txt"), claim("c9", "new.txt")], {})
    assert only(before).key == only(after).key
    assert only(after).documents == ("a.txt", "new.txt")


def test_object_form_text():
    assert str(ObjectForm(entity="democratic-party")) == "entity:democratic-party"
    assert str(ObjectForm(head="election", year="2022")) == "class:election/2022"
    assert str(ObjectForm(head="candidate")) == "class:candidate"


# -- canonical objects on hand-built parses ---------------------------------------------

FLORIDA = """
Cuba 1 nsubj PROPN NNP Cuba B-GPE
denigrated 1 ROOT VERB VBD denigrate
specific 4 amod ADJ JJ specific
U.S. 4 compound PROPN NNP U.S. B-GPE
candidates 1 dobj NOUN NNS candidate
in 4 prep ADP IN in
Florida 5 pobj PROPN NNP Florida B-GPE
"""
FLORIDA_ON_VERB = """
Cuba 1 nsubj PROPN NNP Cuba B-GPE
denigrated 1 ROOT VERB VBD denigrate
candidates 1 dobj NOUN NNS candidate
in 1 prep ADP IN in
Florida 3 pobj PROPN NNP Florida B-GPE
"""
OHIO = FLORIDA_ON_VERB.replace("Florida", "Ohio")
IMAGE = """
Cuba 1 nsubj PROPN NNP Cuba B-GPE
smeared 1 ROOT VERB VBD smear
the 3 det DET DT the
image 1 dobj NOUN NN image
of 3 prep ADP IN of
certain 7 amod ADJ JJ certain
congressional 7 amod ADJ JJ congressional
candidates 4 pobj NOUN NNS candidate
"""
ELECTION = """
China 1 nsubj PROPN NNP China B-GPE
targeted 1 ROOT VERB VBD target
the 5 det DET DT the
2022 5 nummod NUM CD 2022 B-DATE
midterm 5 compound NOUN NN midterm
elections 1 dobj NOUN NNS election
"""
PARTY = """
Russia 1 nsubj PROPN NNP Russia B-GPE
denigrated 1 ROOT VERB VBD denigrate
the 4 det DET DT the
Democratic 4 compound PROPN NNP Democratic B-ORG
Party 1 dobj PROPN NNP Party I-ORG
"""


def test_generic_objects_keep_class_place_and_year_only():
    florida = parse(FLORIDA)
    # The extractor's object span may stop before "in Florida"; the head's modifiers count.
    assert str(object_form(florida[2:5], LEXICON)) == "class:candidate@florida"
    assert str(object_form(parse(FLORIDA_ON_VERB)[2:3], LEXICON)) == "class:candidate@florida"
    assert str(object_form(parse(OHIO)[2:3], LEXICON)) == "class:candidate@ohio"
    assert str(object_form(parse(ELECTION)[2:6], LEXICON)) == "class:election/2022"


def test_a_part_of_its_complement_gives_way_to_it():
    assert str(object_form(parse(IMAGE)[2:8], LEXICON)) == "class:candidate"


def test_named_targets_are_their_entity_key():
    assert str(object_form(parse(PARTY)[2:5], LEXICON, "democratic-party")) == "entity:democratic-party"


# -- independence --------------------------------------------------------------------


def test_three_reports_of_one_assessment_are_one_independent_source():
    documents = {
        "a.txt": DocumentFacts("a.txt", "2024-03-04", "harbor-times", "Harbor Times"),
        "b.txt": DocumentFacts("b.txt", "2024-03-05", "valley-post", "Valley Post"),
        "c.txt": DocumentFacts("c.txt", "2024-03-05", "coast-herald", "Coast Herald"),
    }
    evidence = [
        claim("c1", "a.txt", attribution="a report by the National Intelligence Council"),
        claim("c2", "b.txt", attribution="the report"),
        claim("c3", "c.txt", attribution="U.S. intelligence officials"),
    ]
    assertion = only(summarise(evidence, documents))
    assert len(assertion.documents) == 3
    assert assertion.sources == (("source:us-intelligence-community", "U.S. intelligence community"),)
    assert [c.publisher for c in assertion.chains] == ["Harbor Times", "Valley Post", "Coast Herald"]


def test_two_reports_from_independent_sources_count_twice():
    evidence = [
        claim("c1", "a.txt", origin=("microsoft", "Microsoft"), attribution="according to Microsoft"),
        claim("c2", "b.txt", origin=("google", "Google"), attribution="according to Google"),
    ]
    assertion = only(summarise(evidence, {}))
    assert [key for key, _ in assertion.sources] == ["source:google", "source:microsoft"]


def test_unattributed_claims_count_as_their_publisher():
    documents = {
        "a.txt": DocumentFacts("a.txt", publisher="harbor-times", publisher_label="Harbor Times"),
        "b.txt": DocumentFacts("b.txt", publisher="harbor-times", publisher_label="Harbor Times"),
        "c.txt": DocumentFacts("c.txt"),
    }
    evidence = [claim(f"c{i}", doc, origin=None) for i, doc in enumerate(documents)]
    assertion = only(summarise(evidence, documents))
    # One outlet's two articles are one source; a document without a publisher is its own.
    assert [key for key, _ in assertion.sources] == ["document:c.txt", "publisher:harbor-times"]


ARTICLE = (
    "China used a network of fake accounts to denigrate candidates in Texas during the spring. The accounts "
    "posted thousands of messages that mocked local officials and praised Beijing. Many of the accounts used "
    "stolen photographs and posted at the same hours every day, which suggests that one team ran them."
)


def test_a_reprint_counts_once_as_its_first_edition():
    documents = {
        "first.txt": DocumentFacts("first.txt", "2024-07-01", "harbor-times", "Harbor Times", fingerprint(ARTICLE)),
        "copy.txt": DocumentFacts(
            "copy.txt", "2024-07-02", "metro-daily", "Metro Daily", fingerprint("Metro Daily. " + ARTICLE + " Ends.")
        ),
        "other.txt": DocumentFacts(
            "other.txt", "2024-07-03", "coast-herald", "Coast Herald",
            fingerprint("China tried to denigrate candidates in Texas this spring with a swarm of invented personas."),
        ),
    }
    evidence = [claim(f"c{i}", doc, obj="class:candidate@texas", origin=None) for i, doc in enumerate(documents)]
    editions = same_articles(documents, evidence)
    assert editions == {"first.txt": "first.txt", "copy.txt": "first.txt", "other.txt": "other.txt"}
    assertion = only(summarise(evidence, documents), "class:candidate@texas")
    assert len(assertion.documents) == 3
    assert [key for key, _ in assertion.sources] == ["publisher:coast-herald", "publisher:harbor-times"]
    copied = next(c for c in assertion.chains if c.document == "copy.txt")
    assert copied.publisher == "Metro Daily" and copied.independent_label == "Harbor Times"


def _translation_pair(day_b: str = "2024-08-01", extra: bool = False):
    documents = {
        "en.txt": DocumentFacts("en.txt", "2024-08-01", "el-faro", "El Faro", fingerprint("Venezuela sought to denigrate candidates in Colombia and more words here")),
        "es.txt": DocumentFacts("es.txt", day_b, "noticias-hoy", "Noticias Hoy", fingerprint("Venezuela attempted to discredit candidates in Colombia with other words")),
    }
    said = [("targets", "class:candidate@colombia"), ("targets", "entity:electoral-council"), ("supports", "entity:historic-pact")]
    evidence = [
        claim(f"{doc}{i}", doc, obj=obj, family=family, subject="venezuela", origin=None)
        for doc in documents for i, (family, obj) in enumerate(said)
    ]
    if extra:
        evidence += [claim(f"x{i}", "es.txt", obj=f"class:thing{i}", subject="venezuela", origin=None) for i in range(3)]
    return documents, evidence


def test_a_translation_counts_once():
    documents, evidence = _translation_pair()
    assert same_articles(documents, evidence)["en.txt"] == same_articles(documents, evidence)["es.txt"]
    assertion = only(summarise(evidence, documents), "class:candidate@colombia")
    assert len(assertion.documents) == 2 and len(assertion.sources) == 1


def test_no_translation_on_other_days_or_with_other_assertions():
    for documents, evidence in (_translation_pair(day_b="2024-08-09"), _translation_pair(extra=True)):
        assert same_articles(documents, evidence)["es.txt"] == "es.txt"
        assert len(only(summarise(evidence, documents), "class:candidate@colombia").sources) == 2


def test_source_chain_reads_document_publisher_attribution_and_source():
    documents = {"a.txt": DocumentFacts("a.txt", publisher="cnn", publisher_label="CNN")}
    chain = source_chain(claim("c1", "a.txt", attribution="the assessment"), documents, {})
    assert (chain.document, chain.publisher, chain.attribution, chain.origin) == (
        "a.txt", "CNN", "the assessment", "U.S. intelligence community")
    assert str(chain) == 'a.txt (CNN) ← "the assessment" → U.S. intelligence community'


# -- agreement -----------------------------------------------------------------------


def test_a_denial_disputes_the_assertion():
    evidence = [
        claim("c1", "a.txt"),
        claim("c2", "b.txt", origin=("cuba", "Cuba"), attribution="the Cuban foreign ministry", negated=True),
    ]
    assertion = only(summarise(evidence, {}))
    assert assertion.dissenting == 1 and assertion.disputed
    assert len(assertion.sources) == 2


def test_below_even_chance_dissents_and_bands_are_ranked():
    evidence = [
        claim("c1", "a.txt", likelihood="almost_certain", confidence="moderate", hedges=("almost certainly",)),
        claim("c2", "b.txt", likelihood="likely", confidence="high", hedges=("likely",)),
        claim("c3", "c.txt", likelihood="unlikely", hedges=("unlikely",)),
    ]
    assertion = only(summarise(evidence, {}))
    assert (assertion.strongest_likelihood, assertion.weakest_likelihood) == ("almost_certain", "unlikely")
    assert (assertion.strongest_confidence, assertion.weakest_confidence) == ("high", "moderate")
    assert assertion.hedges == ("almost certainly", "likely", "unlikely")
    assert assertion.dissenting == 1 and assertion.disputed


def test_agreeing_claims_are_not_disputed_and_only_denials_are_not_either():
    assert not only(summarise([claim("c1", "a.txt"), claim("c2", "b.txt")], {})).disputed
    denials = [claim("c1", "a.txt", negated=True), claim("c2", "b.txt", negated=True)]
    assertion = only(summarise(denials, {}))
    assert assertion.dissenting == 2 and not assertion.disputed
    assert not dissents(claim("c", "a.txt", likelihood="roughly_even_chance"))


# -- merges and splits ---------------------------------------------------------------


def test_rekey_moves_claims_to_the_merged_entity_and_names_the_documents():
    evidence = [claim("c1", "a.txt", subject="havana"), claim("c2", "b.txt"), claim("c3", "c.txt", obj="entity:x")]
    moved, touched = rekey(evidence, {"havana": "cuba", "x": "y"})
    assert touched == {"a.txt", "c.txt"}
    assert only(summarise(moved, {})).documents == ("a.txt", "b.txt")
    assert moved[2].object == "entity:y"
    assert replace(moved[1]) == evidence[1]


# -- analysts' ratings ---------------------------------------------------------------


def test_ratings_show_beside_each_claim_and_filter_assertions():
    import pytest

    from kg.errors import QueryError
    from kg.sources import SourceRating

    documents = {"a.txt": DocumentFacts("a.txt", publisher="voz", publisher_label="Voz.us"),
                 "b.txt": DocumentFacts("b.txt", publisher="cnn", publisher_label="CNN")}
    evidence = [
        claim("c1", "a.txt", origin=None),  # the outlet's own reporting: its publisher's rating
        claim("c2", "b.txt", obj="class:voter@arizona"),  # attributed: the original source's rating
    ]
    ratings = {"voz": SourceRating("voz", "Voz.us", "D"), "us-intelligence-community": SourceRating("x", "ODNI", "B")}
    assertions = summarise(evidence, documents)
    rated = {a.object: [c.rating(ratings).reliability for c in a.chains] for a in assertions}
    assert rated == {"class:candidate@florida": ["D"], "class:voter@arizona": ["B"]}
    assert [a.object for a in reliable(assertions, ratings, "B")] == ["class:voter@arizona"]
    assert len(reliable(assertions, ratings, "d")) == 2
    assert reliable(assertions, {}, "E") == []  # unrated sources never pass
    with pytest.raises(QueryError):
        reliable(assertions, ratings, "F")
