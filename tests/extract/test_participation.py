"""Stative passives of taking part: "X was involved in hacking Y" — X hacked; a by-agent
or a verb outside the class leaves the gerund without that subject. Hand-built parses."""

from __future__ import annotations

from handparse import parse

from kg.extract import extract_claims
from kg.lexicon import load_lexicon

LEXICON = load_lexicon()


def claims(rows: str) -> set[tuple[str, str | None, str]]:
    return {(c.subject.label, c.predicate.relation, c.object.text) for c in extract_claims(parse(rows), "t.txt", LEXICON)}


def involved(verb: str, lemma: str, prep: str) -> str:
    return f"""
        Russia 2 nsubjpass PROPN NNP Russia B-GPE
        was 2 auxpass AUX VBD be
        {verb} 2 ROOT VERB VBN {lemma}
        {prep} 2 prep ADP IN {prep}
        hacking 3 pcomp VERB VBG hack
        the 6 det DET DT the
        campaign 4 dobj NOUN NN campaign
        . 2 punct PUNCT . .
    """


def test_the_subject_of_involved_in_does_what_the_gerund_names():
    assert ("Russia", "targets", "the campaign") in claims(involved("involved", "involve", "in"))
    assert ("Russia", "targets", "the campaign") in claims(involved("tasked", "task", "with"))


def test_a_passive_outside_the_class_does_not_lend_its_subject():
    # "Russia was warned about hacking the campaign": someone else may hack it
    assert ("Russia", "targets", "the campaign") not in claims(involved("warned", "warn", "about"))


def test_a_part_of_an_organisation_named_as_an_argument_is_tied_to_it_and_acts_itself():
    found = claims("""
        Two 1 nummod NUM CD two
        bureaus 4 nsubj NOUN NNS bureau
        of 1 prep ADP IN of
        Acmecorp 2 pobj PROPN NNP Acmecorp B-ORG
        hacked 4 ROOT VERB VBD hack
        the 6 det DET DT the
        campaign 4 dobj NOUN NN campaign
        . 4 punct PUNCT . .
    """)
    assert ("Two bureaus", "affiliatedWith", "Acmecorp") in found
    assert ("Two bureaus", "targets", "the campaign") in found


def test_a_part_in_an_as_phrase_describes_someone_else():
    found = claims("""
        As 6 prep ADP IN as
        units 0 pobj NOUN NNS unit
        of 1 prep ADP IN of
        Acmecorp 2 pobj PROPN NNP Acmecorp B-ORG
        , 6 punct PUNCT , ,
        they 6 nsubj PRON PRP they
        hacked 6 ROOT VERB VBD hack
        banks 6 dobj NOUN NNS bank
        . 6 punct PUNCT . .
    """)
    assert not any(relation == "affiliatedWith" and subject.startswith("units") for subject, relation, _ in found)


def test_an_object_set_apart_by_commas_is_shared_by_two_clauses():
    rows = """
        Beijing 1 nsubj PROPN NNP Beijing B-GPE
        funded 1 ROOT VERB VBD fund
        {comma} 1 punct PUNCT , ,
        and 1 cc CCONJ CC and
        Acmecorp 5 nsubj PROPN NNP Acmecorp B-ORG
        coordinated 1 conj VERB VBD coordinate
        , 7 punct PUNCT , ,
        campaigns 5 dobj NOUN NNS campaign
        . 5 punct PUNCT . .
    """
    assert ("China", "supports", "campaigns") in claims(rows.format(comma=","))
    # without the comma after the first verb there is no sign that the object is shared
    assert ("China", "supports", "campaigns") not in claims(rows.format(comma="--"))


def test_a_noun_the_parser_made_the_subject_of_a_bare_ing_clause_is_the_object():
    found = claims("""
        Acmecorp 1 nsubj PROPN NNP Acmecorp B-ORG
        harassed 1 ROOT VERB VBD harass
        dissidents 3 nsubj NOUN NNS dissident
        living 1 ccomp VERB VBG live
        abroad 3 advmod ADV RB abroad
        . 1 punct PUNCT . .
    """)
    assert ("Acmecorp", "targets", "dissidents") in found


def test_a_preposition_the_verb_selects_counts_when_the_parser_hung_it_on_the_object():
    rows = """
        Acmecorp 1 nsubj PROPN NNP Acmecorp B-ORG
        stole 1 ROOT VERB VBD steal
        cables 1 dobj NOUN NNS cable
        from {head} prep ADP IN from
        the 5 det DET DT the
        ministry 3 pobj NOUN NN ministry
        . 1 punct PUNCT . .
    """
    assert ("Acmecorp", "targets", "the ministry") in claims(rows.format(head=1))
    assert ("Acmecorp", "targets", "the ministry") in claims(rows.format(head=2))


def test_who_observes_an_act_is_its_source():
    doc = parse("""
        The 1 det DET DT the
        IC 2 nsubj PROPN NNP IC B-ORG
        observed 2 ROOT VERB VBD observe
        Acmecorp 2 dobj PROPN NNP Acmecorp B-ORG
        conducting 2 advcl VERB VBG conduct
        operations 4 dobj NOUN NNS operation
        . 2 punct PUNCT . .
    """)
    found = {(c.subject.label, c.predicate.relation, c.attribution) for c in extract_claims(doc, "t.txt", LEXICON)}
    assert ("Acmecorp", "conducts", "The IC") in found


def test_a_person_named_beside_a_body_s_role_noun_belongs_to_the_body():
    found = claims("""
        An 2 det DET DT an
        Acmecorp 2 compound PROPN NNP Acmecorp B-ORG
        officer 7 nsubj NOUN NN officer
        , 2 punct PUNCT , ,
        Li 5 compound PROPN NNP Li B-PERSON
        Wei 2 appos PROPN NNP Wei I-PERSON
        , 2 punct PUNCT , ,
        hacked 7 ROOT VERB VBD hack
        servers 7 dobj NOUN NNS server
        . 7 punct PUNCT . .
    """)
    assert ("Li Wei", "affiliatedWith", "Acmecorp") in found


def test_people_recruited_or_paid_are_used_whether_named_by_nation_or_as_persons():
    rows = """
        Acmecorp 1 nsubj PROPN NNP Acmecorp B-ORG
        recruited 1 ROOT VERB VBD recruit
        {obj}
        . 1 punct PUNCT . .
    """
    americans = claims(rows.format(obj="Americans 1 dobj PROPN NNPS American B-NORP"))
    assert ("Acmecorp", "uses", "Americans") in americans
    persons = claims(rows.format(obj="persons 1 dobj NOUN NNS person"))
    assert ("Acmecorp", "uses", "persons") in persons


def test_a_reduced_relative_on_someone_acted_on_only_describes_them():
    # "Russia targeted officials involved in the administration of elections"
    found = claims("""
        Russia 1 nsubj PROPN NNP Russia B-GPE
        targeted 1 ROOT VERB VBD target
        officials 1 dobj NOUN NNS official
        involved 2 acl VERB VBN involve
        in 3 prep ADP IN in
        the 6 det DET DT the
        administration 4 pobj NOUN NN administration
        of 6 prep ADP IN of
        elections 7 pobj NOUN NNS election
        . 1 punct PUNCT . .
    """)
    assert any(s == "Russia" and r == "targets" and o.startswith("officials") for s, r, o in found)
    assert not any(s == "officials" for s, _, _ in found)


def test_a_reduced_relative_on_a_subject_still_acts():
    # "Operatives involved in the campaign hacked servers"
    found = claims("""
        Operatives 5 nsubj NOUN NNS operative
        involved 0 acl VERB VBN involve
        in 1 prep ADP IN in
        the 4 det DET DT the
        campaign 2 pobj NOUN NN campaign
        hacked 5 ROOT VERB VBD hack
        servers 5 dobj NOUN NNS server
        . 5 punct PUNCT . .
    """)
    assert any(s == "Operatives" and r == "conducts" for s, r, _ in found)


def linked(noun: str, lemma: str, verb: str = "linked", verb_lemma: str = "link") -> str:
    # "Sokolov was linked to a hack of the ministry"
    return f"""
        Sokolov 2 nsubjpass PROPN NNP Sokolov B-PERSON
        was 2 auxpass AUX VBD be
        {verb} 2 ROOT VERB VBN {verb_lemma}
        to 2 prep ADP IN to
        a 5 det DET DT a
        {noun} 3 pobj NOUN NN {lemma}
        of 5 prep ADP IN of
        the 8 det DET DT the
        ministry 6 pobj NOUN NN ministry
        . 2 punct PUNCT . .
    """


def test_whoever_is_linked_to_an_act_did_it():
    found = claims(linked("hack", "hack"))
    assert ("Sokolov", "conducts", "a hack of the ministry") in found
    assert ("Sokolov", "targets", "the ministry") in found


def test_whoever_is_associated_with_a_campaign_is_not_said_to_run_it():
    # "individuals associated with the campaign": a tie that describes, no act
    assert not any(r == "conducts" for _, r, _ in claims(linked("campaign", "campaign", "associated", "associate")))


def test_whoever_runs_a_campaign_does_what_its_participle_says():
    # "Sokolov engaged in a campaign targeting voters": the campaign is no actor
    doc = parse("""
        Sokolov 1 nsubj PROPN NNP Sokolov B-PERSON
        engaged 1 ROOT VERB VBD engage
        in 1 prep ADP IN in
        a 4 det DET DT a
        campaign 2 pobj NOUN NN campaign
        targeting 4 acl VERB VBG target
        voters 5 dobj NOUN NNS voter
        . 1 punct PUNCT . .
    """)
    found = {(c.subject.label, c.predicate.relation, c.object.text) for c in extract_claims(doc, "t.txt", load_lexicon())}
    assert ("Sokolov", "targets", "voters") in found
    assert not any(subject.startswith("campaign") for subject, _, _ in found)


def test_who_sees_an_act_done_to_them_does_not_do_it():
    # "Some states have seen probing of their systems": the probing is not the states'
    found = claims("""
        States 3 nsubj NOUN NNS state
        have 3 aux AUX VBP have
        recently 3 advmod ADV RB recently
        seen 3 ROOT VERB VBN see
        probing 3 xcomp VERB VBG probe
        of 4 prep ADP IN of
        their 7 poss PRON PRP$ their
        systems 5 pobj NOUN NNS system
        . 3 punct PUNCT . .
    """)
    assert not found


def test_the_plural_demonym_as_an_actor_is_the_state():
    # "the Russians have used similar tactics": a people acts through its state
    found = claims("""
        The 1 det DET DT the
        Russians 3 nsubj PROPN NNPS Russians B-NORP
        have 3 aux AUX VBP have
        used 3 ROOT VERB VBN use
        tactics 3 dobj NOUN NNS tactic
        . 3 punct PUNCT . .
    """)
    assert ("Russia", "uses", "tactics") in found


def test_criminals_are_actors():
    found = claims("""
        Cybercriminals 1 nsubj NOUN NNS cybercriminal
        disrupted 1 ROOT VERB VBD disrupt
        the 3 det DET DT the
        preparations 1 dobj NOUN NNS preparation
        . 1 punct PUNCT . .
    """)
    assert ("Cybercriminals", "undermines", "the preparations") in found


def test_a_kind_in_a_hypothetical_relative_clause_is_no_actor():
    # "hold accountable criminals who would undermine democracies": any such criminals
    found = claims("""
        criminals 0 ROOT NOUN NNS criminal
        who 3 nsubj PRON WP who
        would 3 aux AUX MD would
        undermine 0 relcl VERB VB undermine
        democracies 3 dobj NOUN NNS democracy
        . 0 punct PUNCT . .
    """)
    assert not any(r == "undermines" for _, r, _ in found)


def test_a_quantity_of_activities_names_no_operation():
    # "governments are conducting a variety of activities to combat X"
    found = claims("""
        Governments 2 nsubj NOUN NNS government
        are 2 aux AUX VBP be
        conducting 2 ROOT VERB VBG conduct
        a 4 det DET DT a
        variety 2 dobj NOUN NN variety
        of 4 prep ADP IN of
        activities 5 pobj NOUN NNS activity
        . 2 punct PUNCT . .
    """)
    assert not any(r == "conducts" for _, r, _ in found)


def test_a_named_kind_of_activity_is_an_operation():
    found = claims("""
        Russia 1 nsubj PROPN NNP Russia B-GPE
        conducted 1 ROOT VERB VBD conduct
        a 4 det DET DT a
        variety 1 dobj NOUN NN variety
        of 3 prep ADP IN of
        influence 6 compound NOUN NN influence
        activities 4 pobj NOUN NNS activity
        . 1 punct PUNCT . .
    """)
    assert ("Russia", "conducts", "a variety of influence activities") in found


def test_supporting_ones_own_agenda_is_no_claim_but_anothers_is():
    own = claims("""
        Acmecorp 1 nsubj PROPN NNP Acmecorp B-ORG
        supports 1 ROOT VERB VBZ support
        its 3 poss PRON PRP$ its
        agenda 1 dobj NOUN NN agenda
        . 1 punct PUNCT . .
    """)
    assert not any(r == "supports" for _, r, _ in own)
    other = claims("""
        Acmecorp 1 nsubj PROPN NNP Acmecorp B-ORG
        supports 1 ROOT VERB VBZ support
        Globex 4 poss PROPN NNP Globex B-ORG
        's 2 case PART POS 's
        agenda 1 dobj NOUN NN agenda
        . 1 punct PUNCT . .
    """)
    assert ("Acmecorp", "supports", "Globex 's agenda") in other  # hand-built words are spaced
