"""Organisations, their people and the verbs of tradecraft, on hand-built parses."""

from __future__ import annotations

from handparse import parse

from kg.extract import extract_claims
from kg.lexicon import load_lexicon

LEXICON = load_lexicon()


def claims(rows: str) -> set[tuple[str, str | None, str]]:
    doc = parse(rows)
    return {(c.subject.label, c.predicate.relation, c.object.text) for c in extract_claims(doc, "t.txt", LEXICON) if not c.negated}


def test_role_nouns_act_for_the_body_named_before_them():
    found = claims("""
        Acmecorp 1 compound PROPN NNP Acmecorp B-ORG
        officers 2 nsubj NOUN NNS officer
        contacted 2 ROOT VERB VBD contact
        activists 2 dobj NOUN NNS activist
        . 2 punct PUNCT . .
    """)
    assert ("Acmecorp", "targets", "activists") in found


def test_role_nouns_act_for_the_body_in_their_of_phrase():
    found = claims("""
        Officers 3 nsubj NOUN NNS officer
        of 0 prep ADP IN of
        Acmecorp 1 pobj PROPN NNP Acmecorp B-ORG
        breached 3 ROOT VERB VBD breach
        servers 3 dobj NOUN NNS server
        . 3 punct PUNCT . .
    """)
    assert ("Acmecorp", "targets", "servers") in found


def test_they_after_a_bodys_people_is_that_body():
    found = claims("""
        Acmecorp 1 nsubj PROPN NNP Acmecorp B-ORG
        grew 1 ROOT VERB VBD grow
        . 1 punct PUNCT . .
        Its 4 poss PRON PRP$ its
        employees 5 nsubj NOUN NNS employee
        posed 5 ROOT VERB VBD pose
        as 5 prep ADP IN as
        U.S. 8 compound PROPN NNP U.S. B-GPE
        persons 6 pobj NOUN NNS person
        . 5 punct PUNCT . .
        They 11 nsubj PRON PRP they
        contacted 11 ROOT VERB VBD contact
        voters 11 dobj NOUN NNS voter
        . 11 punct PUNCT . .
    """)
    assert ("Acmecorp", "uses", "U.S. persons") in found  # posing: a persona it uses
    assert ("Acmecorp", "targets", "voters") in found  # not the United States


def test_a_numbered_unit_keeps_its_own_name_apart_from_its_parent():
    found = claims("""
        Unit 5 nsubj NOUN NN unit
        26165 0 nummod NUM CD 26165
        of 0 prep ADP IN of
        the 4 det DET DT the
        Acmecorp 2 pobj PROPN NNP Acmecorp B-ORG
        hacked 5 ROOT VERB VBD hack
        networks 5 dobj NOUN NNS network
        . 5 punct PUNCT . .
    """)
    assert ("Unit 26165", "targets", "networks") in found


def test_recipient_of_sent_material_is_targeted():
    found = claims("""
        Acmecorp 1 nsubj PROPN NNP Acmecorp B-ORG
        sent 1 ROOT VERB VBD send
        threatening 3 amod VERB VBG threaten
        emails 1 dobj NOUN NNS email
        to 1 dative ADP IN to
        voters 4 pobj NOUN NNS voter
        . 1 punct PUNCT . .
    """)
    assert ("Acmecorp", "targets", "voters") in found


def test_published_content_is_spread_not_used_and_never_acts():
    found = claims("""
        Acmecorp 1 nsubj PROPN NNP Acmecorp B-ORG
        posted 1 ROOT VERB VBD post
        videos 1 dobj NOUN NNS video
        attacking 2 acl VERB VBG attack
        journalists 3 dobj NOUN NNS journalist
        . 1 punct PUNCT . .
    """)
    assert ("Acmecorp", "denigrates", "journalists") in found  # the spreader aims at them
    assert not any(rel == "uses" for _s, rel, _o in found)
    assert not any(subject == "videos" for subject, _r, _o in found)


def test_appositive_description_takes_its_name():
    found = claims("""
        Acmecorp 9 nsubj PROPN NNP Acmecorp B-ORG
        , 0 punct PUNCT , ,
        a 3 det DET DT a
        company 0 appos NOUN NN company
        that 5 nsubj PRON WDT that
        ran 3 relcl VERB VBD run
        the 7 det DET DT the
        campaign 5 dobj NOUN NN campaign
        , 0 punct PUNCT , ,
        lied 9 ROOT VERB VBD lie
        . 9 punct PUNCT . .
    """)
    assert ("Acmecorp", "conducts", "the campaign") in found


def test_a_named_description_and_its_repetition_are_the_named_actor():
    found = claims("""
        A 3 det DET DT a
        Russian 3 amod ADJ JJ russian B-NORP
        APT 3 compound PROPN NNP APT B-ORG
        actor 8 nsubj NOUN NN actor
        known 3 acl VERB VBN know
        as 4 prep ADP IN as
        Fancy 7 compound PROPN NNP Fancy B-ORG
        Bear 5 pobj PROPN NNP Bear I-ORG
        targeted 8 ROOT VERB VBD target
        voters 8 dobj NOUN NNS voter
        . 8 punct PUNCT . .
        The 14 det DET DT the
        Russian 14 amod ADJ JJ russian B-NORP
        APT 14 compound PROPN NNP APT B-ORG
        actor 15 nsubj NOUN NN actor
        hacked 15 ROOT VERB VBD hack
        servers 15 dobj NOUN NNS server
        . 15 punct PUNCT . .
    """)
    assert ("Unit 26165", "targets", "voters") in found  # not Russia: the text named the actor
    assert ("Unit 26165", "targets", "servers") in found


def test_a_repeated_head_noun_refers_back_to_its_actor():
    found = claims("""
        Iranian 1 amod ADJ JJ iranian B-NORP
        hackers 2 nsubj NOUN NNS hacker
        targeted 2 ROOT VERB VBD target
        voters 2 dobj NOUN NNS voter
        . 2 punct PUNCT . .
        The 6 det DET DT the
        hackers 7 nsubj NOUN NNS hacker
        breached 7 ROOT VERB VBD breach
        servers 7 dobj NOUN NNS server
        . 7 punct PUNCT . .
    """)
    assert ("Iran", "targets", "servers") in found


def test_the_accused_acts_in_a_charging_frame():
    found = claims("""
        A 2 det DET DT a
        jury 2 nsubj NOUN NN jury
        charged 2 ROOT VERB VBD charge
        Acmecorp 2 dobj PROPN NNP Acmecorp B-ORG
        with 2 prep ADP IN with
        conspiring 4 pcomp VERB VBG conspire
        to 7 aux PART TO to
        hack 5 xcomp VERB VB hack
        servers 7 dobj NOUN NNS server
        . 2 punct PUNCT . .
    """)
    assert ("Acmecorp", "targets", "servers") in found
    assert not any(subject == "jury" for subject, _r, _o in found)


def test_the_subject_of_a_raising_passive_acts():
    found = claims("""
        Acmecorp 2 nsubjpass PROPN NNP Acmecorp B-ORG
        is 2 auxpass AUX VBZ be
        known 2 ROOT VERB VBN know
        to 4 aux PART TO to
        use 2 xcomp VERB VB use
        bots 4 dobj NOUN NNS bot
        . 2 punct PUNCT . .
    """)
    assert ("Acmecorp", "uses", "bots") in found


def test_whoever_conducts_an_operation_aimed_at_someone_targets_them():
    found = claims("""
        Acmecorp 1 nsubj PROPN NNP Acmecorp B-ORG
        perpetrated 1 ROOT VERB VBD perpetrate
        schemes 1 dobj NOUN NNS scheme
        targeting 2 acl VERB VBG target
        residents 3 dobj NOUN NNS resident
        . 1 punct PUNCT . .
    """)
    assert ("Acmecorp", "conducts", "schemes targeting residents") in found
    assert ("Acmecorp", "targets", "residents") in found


def test_what_an_observer_sees_someone_do_is_that_ones_act():
    found = claims("""
        Analysts 1 nsubj NOUN NNS analyst
        observed 1 ROOT VERB VBD observe
        adversaries 1 dobj NOUN NNS adversary
        , 2 punct PUNCT , ,
        particularly 5 advmod ADV RB particularly
        Russia 2 appos PROPN NNP Russia B-GPE
        , 1 punct PUNCT , ,
        conducting 1 advcl VERB VBG conduct
        operations 7 dobj NOUN NNS operation
        . 1 punct PUNCT . .
    """)
    assert ("Russia", "conducts", "operations") in found
    assert not any(subject == "Analysts" and rel == "conducts" for subject, rel, _o in found)


def test_copular_adjectives_and_stative_passives():
    responsible = claims("""
        Acmecorp 1 nsubj PROPN NNP Acmecorp B-ORG
        is 1 ROOT AUX VBZ be
        responsible 1 acomp ADJ JJ responsible
        for 2 prep ADP IN for
        the 5 det DET DT the
        breach 3 pobj NOUN NN breach
        . 1 punct PUNCT . .
    """)
    assert ("Acmecorp", "conducts", "the breach") in responsible
    involved = claims("""
        Acmecorp 2 nsubjpass PROPN NNP Acmecorp B-ORG
        was 2 auxpass AUX VBD be
        involved 2 ROOT VERB VBN involve
        in 2 prep ADP IN in
        schemes 3 pobj NOUN NNS scheme
        . 2 punct PUNCT . .
    """)
    assert ("Acmecorp", "conducts", "schemes") in involved


def test_a_goals_owner_acts_and_division_is_sown_among_its_targets():
    found = claims("""
        Acmecorp 2 poss PROPN NNP Acmecorp B-ORG
        's 0 case PART POS 's
        goal 3 nsubj NOUN NN goal
        was 3 ROOT AUX VBD be
        to 5 aux PART TO to
        sow 3 xcomp VERB VB sow
        discord 5 dobj NOUN NN discord
        among 6 prep ADP IN among
        voters 7 pobj NOUN NNS voter
        . 3 punct PUNCT . .
    """)
    # the discord is what is exploited; the voters it is sown among are targeted
    assert ("Acmecorp", "targets", "voters") in found


def test_relying_on_someone_to_act_uses_them():
    # "Russia relied on trolls to amplify content" (unlike "calls on X to cease")
    found = claims("""
        Russia 1 nsubj PROPN NNP Russia B-GPE
        relied 1 ROOT VERB VBD rely
        on 1 prep ADP IN on
        trolls 2 pobj NOUN NNS troll
        to 5 aux PART TO to
        amplify 1 xcomp VERB VB amplify
        content 5 dobj NOUN NN content
        . 1 punct PUNCT . .
    """)
    assert ("Russia", "uses", "trolls") in found


def test_the_medium_an_operation_is_conducted_on_is_used():
    # "implemented an influence operation on social media"
    found = claims("""
        Sokolov 1 nsubj PROPN NNP Sokolov B-PERSON
        implemented 1 ROOT VERB VBD implement
        an 4 det DET DT an
        influence 4 compound NOUN NN influence
        operation 1 dobj NOUN NN operation
        on 1 prep ADP IN on
        social 7 amod ADJ JJ social
        media 5 pobj NOUN NNS media
        . 1 punct PUNCT . .
    """)
    assert {("Sokolov", "conducts", "an influence operation"), ("Sokolov", "uses", "social media")} <= found
