"""Threat nouns, a second infinitive the parser folded into its object, presupposed acts
under a negated reaction verb, and ties that only describe, on hand-built parses."""

from __future__ import annotations

from handparse import parse

from kg.extract import extract_claims


def claims(rows: str, *, negated: bool = False) -> set[tuple[str, str | None, str]]:
    doc = parse(rows)
    return {
        (c.subject.label, c.predicate.relation, c.object.text)
        for c in extract_claims(doc, "t.txt")
        if c.negated == negated
    }


def test_a_threat_to_something_targets_it():
    found = claims("""
        Iran 1 nsubj PROPN NNP Iran B-GPE
        remains 1 ROOT VERB VBZ remain
        a 3 det DET DT a
        threat 1 attr NOUN NN threat
        to 3 prep ADP IN to
        elections 4 pobj NOUN NNS election
        . 1 punct PUNCT . .
    """)
    assert ("Iran", "targets", "elections") in found


def test_a_second_infinitive_read_as_an_adjective_of_its_object_is_a_verb():
    # "Iran sought to stoke discord and undermine confidence": the parser made
    # "undermine" an adjective of "confidence", a second object of "stoke"
    found = claims("""
        Iran 1 nsubj PROPN NNP Iran B-GPE
        sought 1 ROOT VERB VBD seek
        to 3 aux PART TO to
        stoke 1 xcomp VERB VB stoke
        discord 3 dobj NOUN NN discord
        and 4 cc CCONJ CC and
        undermine 7 amod ADJ JJ undermine
        confidence 3 dobj NOUN NN confidence
        . 1 punct PUNCT . .
    """)
    assert ("Iran", "undermines", "confidence") in found


def test_an_adjective_after_and_in_a_plain_object_stays_an_adjective():
    found = claims("""
        Iran 1 nsubj PROPN NNP Iran B-GPE
        targeted 1 ROOT VERB VBD target
        critics 1 dobj NOUN NNS critic
        and 2 cc CCONJ CC and
        foreign 5 amod ADJ JJ foreign
        officials 2 conj NOUN NNS official
        . 1 punct PUNCT . .
    """)
    assert {rel for _, rel, _ in found} == {"targets"}
    assert not any("foreign" == obj for _, _, obj in found)


def test_efforts_that_will_not_be_tolerated_still_happened():
    rows = """
        Efforts 8 nsubjpass NOUN NNS effort
        by 0 prep ADP IN by
        Russia 1 pobj PROPN NNP Russia B-GPE
        to 4 aux PART TO to
        influence 0 acl VERB VB influence
        elections 4 dobj NOUN NNS election
        will 8 aux AUX MD will
        not 8 neg PART RB not
        tolerated 8 ROOT VERB VBN tolerate
        . 8 punct PUNCT . .
    """
    assert ("Russia", "seeksToInfluence", "elections") in claims(rows)
    assert ("Russia", "seeksToInfluence", "elections") not in claims(rows, negated=True)


def test_efforts_that_were_not_observed_are_denied():
    rows = """
        Efforts 8 nsubjpass NOUN NNS effort
        by 0 prep ADP IN by
        Russia 1 pobj PROPN NNP Russia B-GPE
        to 4 aux PART TO to
        influence 0 acl VERB VB influence
        elections 4 dobj NOUN NNS election
        were 8 auxpass AUX VBD be
        not 8 neg PART RB not
        observed 8 ROOT VERB VBN observe
        . 8 punct PUNCT . .
    """
    assert ("Russia", "seeksToInfluence", "elections") not in claims(rows)


def test_ties_to_a_body_only_describe_who_has_them():
    found = claims("""
        Cuba 1 nsubj PROPN NNP Cuba B-GPE
        helped 1 ROOT VERB VBD help
        candidates 1 dobj NOUN NNS candidate
        with 2 prep ADP IN with
        ties 3 pobj NOUN NNS tie
        to 4 prep ADP IN to
        Acmecorp 5 pobj PROPN NNP Acmecorp B-ORG
        . 1 punct PUNCT . .
    """)
    assert not any(rel == "affiliatedWith" for _, rel, _ in found)
    assert ("Cuba", "supports", "candidates with ties to Acmecorp") in found


def test_a_phrase_that_names_its_state_beats_an_earlier_same_head_noun(nlp):
    # "government" first meant the U.S. one; "the Government of Iran" names its own state
    doc = nlp(
        "In the summer, a joint U.S. government statement announced that the Government of Iran "
        "sought to stoke discord among voters."
    )
    subjects = {c.subject.label for c in extract_claims(doc, "t.txt") if c.subject.text == "the Government of Iran"}
    assert subjects == {"Iran"}


def test_whoever_conducts_an_activity_named_as_subject_acts():
    found = claims("""
        The 1 det DET DT the
        activities 4 nsubj NOUN NNS activity
        of 1 prep ADP IN of
        Acmecorp 2 pobj PROPN NNP Acmecorp B-ORG
        threaten 4 ROOT VERB VBP threaten
        banks 4 dobj NOUN NNS bank
        . 4 punct PUNCT . .
    """)
    assert ("Acmecorp", "targets", "banks") in found


def test_what_an_article_falsely_claims_is_not_asserted():
    rows = """
        Trolls 1 nsubj NOUN NNS troll
        posted 1 ROOT VERB VBD post
        an 3 det DET DT an
        article 1 dobj NOUN NN article
        falsely 5 advmod ADV RB falsely
        claiming 3 acl VERB VBG claim
        that 9 mark SCONJ IN that
        Acmecorp 9 nsubj PROPN NNP Acmecorp B-ORG
        secretly 9 advmod ADV RB secretly
        funded 5 ccomp VERB VBD fund
        rioters 9 dobj NOUN NNS rioter
        . 1 punct PUNCT . .
    """
    assert ("Acmecorp", "supports", "rioters") in claims(rows, negated=True)
    assert ("Acmecorp", "supports", "rioters") not in claims(rows)


def test_the_in_of_editor_in_chief_is_no_place_of_work():
    found = claims("""
        Smith 1 nsubj PROPN NNP Smith B-PERSON
        worked 1 ROOT VERB VBD work
        as 1 prep ADP IN as
        editor 2 pobj NOUN NN editor
        - 3 punct PUNCT HYPH -
        in 3 prep ADP IN in
        - 5 punct PUNCT HYPH -
        chief 5 pobj NOUN NN chief
        at 3 prep ADP IN at
        Acmecorp 8 pobj PROPN NNP Acmecorp B-ORG
        . 1 punct PUNCT . .
    """)
    objects = {obj for _, rel, obj in found if rel == "affiliatedWith"}
    assert objects == {"Acmecorp"}


def test_a_state_run_outlet_is_affiliated_with_the_state_its_nationality_names():
    found = claims("""
        Acmecorp 1 nsubj PROPN NNP Acmecorp B-ORG
        is 1 ROOT AUX VBZ be
        a 7 det DET DT a
        state 5 npadvmod NOUN NN state
        - 5 punct PUNCT HYPH -
        run 7 amod VERB VBN run
        Russian 7 amod ADJ JJ Russian B-NORP
        outlet 1 attr NOUN NN outlet
        . 1 punct PUNCT . .
    """)
    assert ("Acmecorp", "affiliatedWith", "Russian") in found


def test_the_governments_of_two_states_are_each_state():
    found = claims("""
        The 1 det DET DT the
        Governments 6 nsubj NOUN NNS government
        of 1 prep ADP IN of
        Iran 2 pobj PROPN NNP Iran B-GPE
        and 3 cc CCONJ CC and
        Russia 3 conj PROPN NNP Russia B-GPE
        targeted 6 ROOT VERB VBD target
        voters 6 dobj NOUN NNS voter
        . 6 punct PUNCT . .
    """)
    assert {("Iran", "targets", "voters"), ("Russia", "targets", "voters")} <= found


def test_a_quote_that_runs_on_keeps_its_speaker(nlp):
    doc = nlp(
        "“Russia has targeted our elections,” said Secretary Jane Roe. "
        "“Iran has also sought to undermine our democracy.”"
    )
    sources = {c.subject.label: c.attribution for c in extract_claims(doc, "t.txt")}
    assert "Jane Roe" in sources["Iran"]


def test_a_quote_after_unquoted_text_has_no_carried_speaker(nlp):
    doc = nlp(
        "“Russia has targeted our elections,” said Secretary Jane Roe. "
        "The department published a report. “Iran has also sought to undermine our democracy.”"
    )
    sources = {c.subject.label: c.attribution for c in extract_claims(doc, "t.txt")}
    assert sources.get("Iran") is None


def test_the_speaker_after_a_long_title_is_the_named_person(nlp):
    doc = nlp(
        "“Russia has targeted our elections,” said Acting Under Secretary of the Treasury "
        "for Terrorism and Financial Intelligence Bradley T. Smith."
    )
    assert {c.attribution for c in extract_claims(doc, "t.txt")} == {"Bradley T. Smith"}


def test_the_object_under_a_counted_quantity_is_what_is_counted():
    found = claims("""
        Acmecorp 1 nsubj PROPN NNP Acmecorp B-ORG
        targeted 1 ROOT VERB VBD target
        dozens 1 dobj NOUN NNS dozen B-CARDINAL
        of 2 prep ADP IN of
        networks 3 pobj NOUN NNS network
        . 1 punct PUNCT . .
    """)
    assert ("Acmecorp", "targets", "dozens of networks") in found


def test_a_bare_number_is_no_object():
    found = claims("""
        Acmecorp 1 nsubj PROPN NNP Acmecorp B-ORG
        targeted 1 ROOT VERB VBD target
        dozens 1 dobj NOUN NNS dozen B-CARDINAL
        . 1 punct PUNCT . .
    """)
    assert found == set()


def test_leveraged_exploits_and_obtained_credentials_are_used():
    found = claims("""
        Acmecorp 1 nsubj PROPN NNP Acmecorp B-ORG
        leveraged 1 ROOT VERB VBD leverage
        exploits 1 dobj NOUN NNS exploit
        and 1 cc CCONJ CC and
        obtained 1 conj VERB VBD obtain
        credentials 4 dobj NOUN NNS credential
        . 1 punct PUNCT . .
    """)
    assert {("Acmecorp", "uses", "exploits"), ("Acmecorp", "uses", "credentials")} <= found


def test_time_spent_controls_nothing_and_the_copula_names_the_group():
    # "Acmecorp is a group that spent years targeting critics"
    found = claims("""
        Acmecorp 1 nsubj PROPN NNP Acmecorp B-ORG
        is 1 ROOT AUX VBZ be
        a 3 det DET DT a
        group 1 attr NOUN NN group
        that 5 nsubj PRON WDT that
        spent 3 relcl VERB VBD spend
        14 7 nummod NUM CD 14 B-DATE
        years 5 dobj NOUN NNS year I-DATE
        targeting 5 xcomp VERB VBG target
        critics 8 dobj NOUN NNS critic
        . 1 punct PUNCT . .
    """)
    assert ("Acmecorp", "targets", "critics") in found


def test_what_will_not_be_tolerated_as_an_object_still_happened():
    found = claims("""
        Officials 3 nsubj NOUN NNS official
        will 3 aux AUX MD will
        not 3 neg PART RB not
        tolerate 3 ROOT VERB VB tolerate
        efforts 3 dobj NOUN NNS effort
        by 4 prep ADP IN by
        China 5 pobj PROPN NNP China B-GPE
        to 8 aux PART TO to
        intimidate 4 acl VERB VB intimidate
        critics 8 dobj NOUN NNS critic
        . 3 punct PUNCT . .
    """)
    assert ("China", "targets", "critics") in found


def test_sent_emails_are_used():
    found = claims("""
        Acmecorp 1 nsubj PROPN NNP Acmecorp B-ORG
        sent 1 ROOT VERB VBD send
        emails 1 dobj NOUN NNS email
        to 1 prep ADP IN to
        activists 3 pobj NOUN NNS activist
        . 1 punct PUNCT . .
    """)
    assert ("Acmecorp", "uses", "emails") in found


def test_continuing_ones_efforts_names_no_operation():
    found = claims("""
        Acmecorp 1 nsubj PROPN NNP Acmecorp B-ORG
        continued 1 ROOT VERB VBD continue
        its 3 poss PRON PRP$ its
        efforts 1 dobj NOUN NNS effort
        . 1 punct PUNCT . .
    """)
    assert not any(rel == "conducts" for _, rel, _ in found)


def test_a_bare_number_left_by_the_tokenizer_is_no_tool():
    found = claims("""
        Acmecorp 1 nsubj PROPN NNP Acmecorp B-ORG
        exploited 1 ROOT VERB VBD exploit
        9248 1 dobj NUM CD 9248
        . 1 punct PUNCT . .
    """)
    assert found == set()


def test_what_is_expected_to_happen_is_not_claimed():
    rows = """
        Officials 1 nsubj NOUN NNS official
        expect 1 ROOT VERB VBP expect
        Acmecorp 5 nsubj PROPN NNP Acmecorp B-ORG
        will 5 aux AUX MD will
        soon 5 advmod ADV RB soon
        target 1 ccomp VERB VB target
        voters 5 dobj NOUN NNS voter
        . 1 punct PUNCT . .
    """
    assert ("Acmecorp", "targets", "voters") in claims(rows, negated=True)
    assert ("Acmecorp", "targets", "voters") not in claims(rows)


def test_a_capability_to_act_is_no_act():
    rows = """
        Acmecorp 1 nsubj PROPN NNP Acmecorp B-ORG
        has 1 ROOT VERB VBZ have
        the 3 det DET DT the
        capability 1 dobj NOUN NN capability
        to 5 aux PART TO to
        attack 3 acl VERB VB attack
        networks 5 dobj NOUN NNS network
        . 1 punct PUNCT . .
    """
    assert ("Acmecorp", "targets", "networks") not in claims(rows)


def test_the_sanctioned_act_for_the_reason_hung_on_them_and_the_sanctioner_says_so():
    doc = parse("""
        Treasury 1 nsubj PROPN NNP Treasury B-ORG
        sanctioned 1 ROOT VERB VBD sanction
        Acmecorp 1 dobj PROPN NNP Acmecorp B-ORG
        for 2 prep ADP IN for
        attempting 3 pcomp VERB VBG attempt
        to 6 aux PART TO to
        interfere 4 xcomp VERB VB interfere
        in 6 prep ADP IN in
        elections 7 pobj NOUN NNS election
        . 1 punct PUNCT . .
    """)
    found = {(c.subject.label, c.predicate.relation, c.object.text, c.attribution) for c in extract_claims(doc, "t.txt")}
    assert ("Acmecorp", "interferesIn", "elections", "Treasury") in found
    assert not any(subject == "Treasury" and rel == "interferesIn" for subject, rel, _, _ in found)


def test_a_complaint_unsealed_charging_someone_is_the_source(nlp):
    doc = nlp("A criminal complaint was unsealed charging Acme Corp with conspiring to hack election offices.")
    sources = {c.attribution for c in extract_claims(doc, "t.txt") if c.subject.label.startswith("Acme")}
    assert sources == {"A criminal complaint"}


def test_the_goal_of_an_effort_whose_goal_it_is_belongs_to_the_named_effort():
    found = claims("""
        Acmecorp 1 nsubj PROPN NNP Acmecorp B-ORG
        is 1 ROOT AUX VBZ be
        an 3 det DET DT an
        effort 1 attr NOUN NN effort
        whose 5 poss DET WP$ whose
        goal 6 nsubj NOUN NN goal
        is 3 relcl AUX VBZ be
        to 8 aux PART TO to
        undermine 6 xcomp VERB VB undermine
        elections 8 dobj NOUN NNS election
        . 1 punct PUNCT . .
    """)
    assert ("Acmecorp", "undermines", "elections") in found


def test_operating_through_entities_uses_them():
    found = claims("""
        Acmecorp 1 nsubj PROPN NNP Acmecorp B-ORG
        operates 1 ROOT VERB VBZ operate
        through 1 prep ADP IN through
        entities 2 pobj NOUN NNS entity
        . 1 punct PUNCT . .
    """)
    assert ("Acmecorp", "uses", "entities") in found


def test_what_an_analyst_attributes_to_an_actor_is_tied_to_it_on_the_analysts_word():
    doc = parse("""
        Meta 1 nsubj PROPN NNP Meta B-ORG
        attributed 1 ROOT VERB VBD attribute
        the 3 det DET DT the
        network 1 dobj NOUN NN network
        to 1 prep ADP IN to
        Acmecorp 4 pobj PROPN NNP Acmecorp B-ORG
        . 1 punct PUNCT . .
    """)
    found = {(c.subject.text, c.predicate.relation, c.object.text, c.attribution) for c in extract_claims(doc, "t.txt")}
    assert ("the network", "affiliatedWith", "Acmecorp", "Meta") in found
    assert not any(subject == "Meta" for subject, _, _, _ in found)
