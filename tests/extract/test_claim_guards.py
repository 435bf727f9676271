"""Extraction rules a mutation pass found no test guarding (benchmarks/mutations.py).

Each test reads general English constructions through the public ``extract_claims`` on
the real pipeline, and fails when the rule it names is removed: the consequent of a
conditional is not asserted, a claim keeps its canonical source, and the confidence
depends on how the subject was found.
"""

from __future__ import annotations

import pytest

from kg.extract import extract_claims
from kg.lexicon import load_lexicon

LEXICON = load_lexicon()

pytestmark = pytest.mark.model


def claims(nlp, text: str) -> dict[tuple[str | None, str | None, str], object]:
    return {(c.subject.label, c.predicate.relation, c.object.text): c for c in extract_claims(nlp(text), "t.txt", LEXICON)}


def test_the_consequent_of_a_conditional_is_not_asserted(nlp):
    found = claims(nlp, "If Russia wins the war, it would target Poland next.")
    assert found[("Russia", "targets", "Poland")].negated
    plain = claims(nlp, "Russia would target Poland next.")
    assert not plain[("Russia", "targets", "Poland")].negated  # the modal alone does not deny it


@pytest.mark.parametrize("text", [
    "According to the ODNI, Russia sought to denigrate Joe Biden.",
    "Russia sought to denigrate Joe Biden, the ODNI said.",
])  # fmt: skip
def test_an_attributed_claim_names_its_source(nlp, text):
    claim = claims(nlp, text)[("Russia", "denigrates", "Joe Biden")]
    assert "ODNI" in (claim.attribution_label or "") and "ODNI" in claim.attribution


def test_confidence_is_lower_for_a_subject_found_indirectly(nlp):
    found = claims(nlp, "Russia and China, along with Iran, targeted voters in Ohio.")
    by_actor = {subject: claim.confidence for (subject, relation, _), claim in found.items() if relation == "targets"}
    direct, joined = by_actor["Russia"], by_actor["Iran"]  # the subject, and a "along with" companion
    assert 0 < joined < direct <= 1
