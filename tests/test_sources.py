"""Publishers, reprint fingerprints, original sources and analysts' source ratings."""

from __future__ import annotations

import pytest

from kg.errors import InputError
from kg.ingest import document_from_text
from kg.sources import (
    REPRINT_SIMILARITY,
    fingerprint,
    principal_source,
    publisher_from_text,
    rating_for,
    read_publisher,
    read_source_ratings,
    report_authors,
    resolve_source,
    similarity,
)
from kg.lexicon import load_lexicon

LEXICON = load_lexicon()
from handparse import parse


# -- publishers ----------------------------------------------------------------------


def test_masthead_names_the_publisher(tmp_path):
    raw = "date 2024-03-04\nHarbor Times\n\nRussia sought to denigrate candidates in Ohio.\n"
    path = tmp_path / "a.txt"
    path.write_text(raw, encoding="utf-8")
    document = document_from_text("a.txt", raw, path=str(path))
    publisher = read_publisher(document)
    assert (publisher.key, publisher.label, publisher.found_in) == ("harbor-times", "Harbor Times", "masthead")


def test_a_web_address_in_the_masthead_names_the_outlet():
    raw = "Voz media US Voz.us\n\nODNI warns of election interference.\n"
    cleaned = " " * len("Voz media US Voz.us") + "\n\nODNI warns of election interference.\n"
    assert publisher_from_text(raw, cleaned).key == "voz"


def test_a_credit_line_names_the_publisher_without_a_masthead():
    raw = "Russia sought to denigrate X.\nCNN’s Jo Bloggs contributed to this report.\n"
    cleaned = "Russia sought to denigrate X.\n" + " " * 43 + "\n"
    assert publisher_from_text(raw, cleaned).label == "CNN"


def test_no_masthead_no_publisher(tmp_path):
    raw = "date 2023-12-19 The Cuban government conducted influence operations.\n"
    assert publisher_from_text(raw, document_from_text("a.txt", raw).text) is None
    # A document read from memory has no file to find its masthead in.
    assert read_publisher(document_from_text("a.txt", "CNN\n\nRussia denied it.\n", path=str(tmp_path / "gone.txt"))) is None


# -- fingerprints --------------------------------------------------------------------

ARTICLE = (
    "China used a network of fake accounts to denigrate candidates in Texas during the spring. The accounts "
    "posted thousands of messages that mocked local officials and praised Beijing. Many of the accounts used "
    "stolen photographs and posted at the same hours every day, which suggests that one team ran them."
)


def test_a_reprint_with_a_new_masthead_is_near_identical():
    assert similarity(fingerprint(ARTICLE), fingerprint("METRO DAILY\n" + ARTICLE + "\nRead more")) >= REPRINT_SIMILARITY


def test_another_article_on_the_same_story_is_not():
    other = "China tried to denigrate candidates in Texas this spring with a swarm of invented personas, researchers say."
    assert similarity(fingerprint(ARTICLE), fingerprint(other)) < REPRINT_SIMILARITY


def test_fingerprints_are_the_same_in_every_run():
    # Stored signatures are compared across builds: no random permutations.
    assert fingerprint(ARTICLE)[:2] == fingerprint(ARTICLE)[:2] and len(fingerprint(ARTICLE)) == 64
    assert fingerprint("too short") == ()


# -- original sources ----------------------------------------------------------------


@pytest.mark.parametrize(
    "text,label",
    [
        ("a report by the Office of the Director of National Intelligence", None),
        ("the U.S. intelligence community", "United States"),
        ("The intelligence community", None),
        ("ODNI", "Directorate of National Intelligence"),
        ("according to the National Intelligence Council", None),
    ],
)
def test_aliases_of_one_body_are_one_source(text, label):
    assert resolve_source(text, label, None, LEXICON).key == "us-intelligence-community"


def test_generic_attributions_take_the_documents_principal_source():
    principal = principal_source([("Washington", "United States"), ("a report by the ODNI", None), ("the report", None)], LEXICON)
    assert principal.key == "us-intelligence-community"
    for generic in ("the report", "The assessment", "officials", "We"):
        assert resolve_source(generic, None, principal, LEXICON).key == "us-intelligence-community", generic
    assert resolve_source("Washington", "United States", principal, LEXICON).key == "united-states"
    assert resolve_source(None, None, principal, LEXICON).how == "carried"


def test_without_a_principal_generic_and_unattributed_claims_stay_unresolved():
    assert principal_source([("the report", None), ("officials", None)], LEXICON) is None
    assert resolve_source("the report", None, None, LEXICON) is None
    assert resolve_source(None, None, None, LEXICON) is None


def test_named_authors_of_cited_reports():
    doc = parse("""
The 1 det DET DT the
report 6 nsubj NOUN NN report
, 1 punct PUNCT , ,
released 1 acl VERB VBN release
by 3 agent ADP IN by
ODNI 4 pobj PROPN NNP ODNI B-ORG
said 6 ROOT VERB VBD say
""")
    assert report_authors(doc, LEXICON) == ["ODNI"]


# -- ratings -------------------------------------------------------------------------


def test_ratings_are_rate_lines_of_the_decisions_file(tmp_path):
    path = tmp_path / "decisions.tsv"
    path.write_text(
        "when\twho\taction\ttarget\tvalue\tnote\n"
        "2026-01-01T00:00:00Z\tann\tmerge\tfancy-bear\tapt28\t\n"
        "2026-01-01T00:00:00Z\tann\trate\tCNN\tc\t\n"
        "2026-01-02T00:00:00Z\tann\trate\tsource/cnn\tb\tchecked\n"
        "2026-01-02T00:00:00Z\tbob\trate\tODNI\tA\t\n",
        encoding="utf-8",
    )
    ratings = read_source_ratings(path)
    assert ratings["cnn"].reliability == "B" and ratings["cnn"].note == "checked"  # the latest wins
    assert ratings["us-intelligence-community"].who == "bob"  # a known body under its key
    assert rating_for(["us-intelligence-community", "cnn"], ratings).reliability == "A"
    assert rating_for(["voz"], ratings) is None  # kg never invents a rating


def test_a_missing_ratings_file_is_no_ratings_and_a_bad_letter_is_an_error(tmp_path):
    assert read_source_ratings(tmp_path / "none.tsv") == {}
    path = tmp_path / "bad.tsv"
    path.write_text("2026-01-01T00:00:00Z\tann\trate\tCNN\tG\t\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"bad.tsv:1: .*A-F"):
        read_source_ratings(path)
    path.write_text("2026-01-01T00:00:00Z\tann\trate\tCNN\t\t\n", encoding="utf-8")
    with pytest.raises(InputError, match="needs a value"):
        read_source_ratings(path)
