"""Titles that tie a person to a body (capitalised, possessive), founders, the accused of
"on charges of", legal offences, conditions, stranded prepositions and the parse repairs
around them. Hand-built parses (heads are 0-based token indices)."""

from __future__ import annotations

from handparse import parse

from kg.extract import extract_claims
from kg.lexicon import load_lexicon
from kg.parse_repairs import repair_parse

LEXICON = load_lexicon()


def extracted(rows: str):
    return list(extract_claims(parse(rows), "t.txt", LEXICON))


def claims(rows: str) -> set[tuple[str, str | None, str]]:
    return {(c.subject.label, c.predicate.relation, c.object.text) for c in extracted(rows)}


def test_a_capitalised_title_after_a_copula_ties_the_person_to_the_body():
    found = claims("""
        Anna 1 compound PROPN NNP Anna B-PERSON
        Volkova 2 nsubj PROPN NNP Volkova I-PERSON
        is 2 ROOT AUX VBZ be
        the 4 det DET DT the
        Editor 2 attr PROPN NNP Editor
        of 4 prep ADP IN of
        Acme 5 pobj PROPN NNP Acme B-ORG
        . 2 punct PUNCT . .
    """)
    assert ("Anna Volkova", "affiliatedWith", "Acme") in found


def test_a_capitalised_title_inside_a_name_is_no_role():
    # "the Editor Group of Acme hacked ...": "Editor" heads a name, it is no one's title
    found = claims("""
        the 2 det DET DT the
        Editor 2 compound PROPN NNP Editor B-ORG
        Group 5 nsubj PROPN NNP Group I-ORG
        of 2 prep ADP IN of
        Acme 3 pobj PROPN NNP Acme B-ORG
        hacked 5 ROOT VERB VBD hack
        servers 5 dobj NOUN NNS server
        . 5 punct PUNCT . .
    """)
    assert not any(r == "affiliatedWith" for _, r, _ in found)


POSSESSIVE_TITLE = """
    Oleg 1 compound PROPN NNP Oleg B-PERSON
    Sidorov 2 nsubj PROPN NNP Sidorov I-PERSON
    is 2 ROOT AUX VBZ be
    Acme 6 poss PROPN NNP Acme B-ORG
    's 3 case PART POS 's
    projects 6 compound NOUN NNS project
    manager 2 attr NOUN NN manager
    . 2 punct PUNCT . .
"""


def test_a_possessive_title_ties_the_holder_to_the_possessor():
    assert any(s == "Oleg Sidorov" and r == "affiliatedWith" and "Acme" in o for s, r, o in claims(POSSESSIVE_TITLE))


def test_the_title_of_a_quoted_source_makes_no_claim():
    # '"...," said Oleg Sidorov, Acme's manager': who the source is is no finding
    found = claims("""
        Hackers 1 nsubj NOUN NNS hacker
        struck 3 ccomp VERB VBD strike
        , 3 punct PUNCT , ,
        said 3 ROOT VERB VBD say
        Oleg 5 compound PROPN NNP Oleg B-PERSON
        Sidorov 3 nsubj PROPN NNP Sidorov I-PERSON
        , 5 punct PUNCT , ,
        Acme 9 poss PROPN NNP Acme B-ORG
        's 7 case PART POS 's
        manager 5 appos NOUN NN manager
        . 3 punct PUNCT . .
    """)
    assert not any(r == "affiliatedWith" for _, r, _ in found)


def test_founding_a_body_is_an_affiliation():
    found = claims("""
        Ivanov 1 nsubj PROPN NNP Ivanov B-PERSON
        founded 1 ROOT VERB VBD found
        the 4 det DET DT the
        Acme 4 compound PROPN NNP Acme B-ORG
        Group 1 dobj PROPN NNP Group I-ORG
        . 1 punct PUNCT . .
    """)
    assert ("Ivanov", "affiliatedWith", "the Acme Group") in found


def test_the_accused_of_on_charges_of_does_the_act():
    found = claims("""
        Ivanov 2 nsubjpass PROPN NNP Ivanov B-PERSON
        was 2 auxpass AUX VBD be
        indicted 2 ROOT VERB VBN indict
        on 2 prep ADP IN on
        charges 3 pobj NOUN NNS charge
        of 4 prep ADP IN of
        hacking 5 pcomp VERB VBG hack
        the 8 det DET DT the
        servers 6 dobj NOUN NNS server
        . 2 punct PUNCT . .
    """)
    assert ("Ivanov", "targets", "the servers") in found


def test_a_pobj_that_is_no_charge_lends_no_subject():
    # "Ivanov was indicted on the basis of hacking ...": a basis is no charge
    found = claims("""
        Ivanov 2 nsubjpass PROPN NNP Ivanov B-PERSON
        was 2 auxpass AUX VBD be
        indicted 2 ROOT VERB VBN indict
        on 2 prep ADP IN on
        evidence 3 pobj NOUN NN evidence
        of 4 prep ADP IN of
        hacking 5 pcomp VERB VBG hack
        the 8 det DET DT the
        servers 6 dobj NOUN NNS server
        . 2 punct PUNCT . .
    """)
    assert ("Ivanov", "targets", "the servers") not in found


def test_obstructing_justice_names_an_offence_not_a_target():
    found = claims("""
        Ivanov 1 nsubj PROPN NNP Ivanov B-PERSON
        obstructed 1 ROOT VERB VBD obstruct
        justice 1 dobj NOUN NN justice
        . 1 punct PUNCT . .
    """)
    assert not any(r == "undermines" for _, r, _ in found)


def test_implementing_an_operation_is_conducting_it():
    found = claims("""
        Ivanov 1 nsubj PROPN NNP Ivanov B-PERSON
        implemented 1 ROOT VERB VBD implement
        an 4 det DET DT an
        influence 4 compound NOUN NN influence
        operation 1 dobj NOUN NN operation
        . 1 punct PUNCT . .
    """)
    assert ("Ivanov", "conducts", "an influence operation") in found


def condition(mark: str, tag: str) -> str:
    return f"""
        {mark} 2 advmod SCONJ WRB {mark.lower()}
        Russia 2 nsubj PROPN NNP Russia B-GPE
        hacks 6 advcl VERB {tag} hack
        servers 2 dobj NOUN NNS server
        , 6 punct PUNCT , ,
        we 6 nsubj PRON PRP we
        respond 6 ROOT VERB VBP respond
        . 6 punct PUNCT . .
    """


def test_a_present_when_clause_or_an_if_clause_is_no_assertion():
    for mark in ("When", "If"):
        (claim,) = [c for c in extracted(condition(mark, "VBZ")) if c.predicate.relation == "targets"]
        assert claim.negated


def test_a_past_when_clause_is_a_fact():
    (claim,) = [c for c in extracted(condition("When", "VBD")) if c.predicate.relation == "targets"]
    assert not claim.negated


def test_a_dangling_preposition_leaves_no_object():
    # "conducted surveillance of and harassed residents"
    found = claims("""
        Agents 1 nsubj NOUN NNS agent
        conducted 1 ROOT VERB VBD conduct
        surveillance 1 dobj NOUN NN surveillance
        of 2 prep ADP IN of
        and 1 cc CCONJ CC and
        harassed 1 conj VERB VBD harass
        residents 5 dobj NOUN NNS resident
        . 1 punct PUNCT . .
    """)
    assert not any(o.endswith(" of") for _, _, o in found)


def test_a_name_read_as_an_adverbial_noun_before_a_verb_becomes_its_subject():
    doc = repair_parse(parse("""
        Sokolov 1 npadvmod PROPN NNP Sokolov B-PERSON
        utilized 1 ROOT VERB VBN utilize
        Acme 1 dobj PROPN NNP Acme B-ORG
        . 1 punct PUNCT . .
    """))
    assert doc[0].dep_ == "nsubj"
    assert ("Sokolov", "uses", "Acme") in {
        (c.subject.label, c.predicate.relation, c.object.text) for c in extract_claims(doc, "t.txt", LEXICON)
    }


def test_a_measure_before_a_verb_with_an_auxiliary_stays_adverbial():
    # "Monday was hacked": a passive with its auxiliary is no misread past tense
    doc = repair_parse(parse("""
        Monday 2 npadvmod PROPN NNP Monday B-DATE
        was 2 auxpass AUX VBD be
        hacked 2 ROOT VERB VBN hack
        . 2 punct PUNCT . .
    """))
    assert doc[0].dep_ == "npadvmod"


def test_whoever_utilizes_an_instrument_to_do_something_does_it():
    found = claims("""
        Sokolov 1 nsubj PROPN NNP Sokolov B-PERSON
        utilized 1 ROOT VERB VBD utilize
        Acme 1 dobj PROPN NNP Acme B-ORG
        to 4 aux PART TO to
        carry 1 xcomp VERB VB carry
        out 4 prt ADP RP out
        the 8 det DET DT the
        influence 8 compound NOUN NN influence
        campaign 4 dobj NOUN NN campaign
        . 1 punct PUNCT . .
    """)
    assert ("Sokolov", "conducts", "the influence campaign") in found
    assert ("Acme", "conducts", "the influence campaign") not in found


def test_a_rule_under_shall_is_no_claim_that_anyone_acted():
    # "A foreign government that seeks to influence an election shall be sanctioned"
    found = extracted("""
        A 1 det DET DT a
        government 9 nsubjpass NOUN NN government
        that 3 nsubj PRON WDT that
        seeks 1 relcl VERB VBZ seek
        to 5 aux PART TO to
        influence 3 xcomp VERB VB influence
        elections 5 dobj NOUN NNS election
        shall 9 aux AUX MD shall
        be 9 auxpass AUX VB be
        sanctioned 9 ROOT VERB VBN sanction
        . 9 punct PUNCT . .
    """)
    influence = [c for c in found if c.predicate.relation == "seeksToInfluence"]
    assert influence and all(c.negated for c in influence)


def unlawful(adjective: str) -> str:
    # "It is unlawful for Russia to hack servers"
    return f"""
        It 1 nsubj PRON PRP it
        is 1 ROOT AUX VBZ be
        {adjective} 1 acomp ADJ JJ {adjective}
        for 6 mark SCONJ IN for
        Russia 6 nsubj PROPN NNP Russia B-GPE
        to 6 aux PART TO to
        hack 1 advcl VERB VB hack
        servers 6 dobj NOUN NNS server
        . 1 punct PUNCT . .
    """


def test_an_adjective_of_legality_states_a_rule_not_an_act():
    (claim,) = [c for c in extracted(unlawful("unlawful")) if c.predicate.relation == "targets"]
    assert claim.negated


def test_another_adjective_leaves_the_act_asserted():
    (claim,) = [c for c in extracted(unlawful("easy")) if c.predicate.relation == "targets"]
    assert not claim.negated


def test_a_verb_joined_across_a_relative_clause_without_a_coordinator_is_its_complement():
    # "X may sanction any person that the President determines has engaged in interference"
    found = claims("""
        Treasury 2 nsubj PROPN NNP Treasury B-ORG
        may 2 aux AUX MD may
        sanction 2 ROOT VERB VB sanction
        any 5 det DET DT any
        foreign 5 amod ADJ JJ foreign
        person 2 dobj NOUN NN person
        that 9 dobj PRON WDT that
        the 8 det DET DT the
        President 9 nsubj PROPN NNP President
        determines 5 relcl VERB VBZ determine
        has 11 aux AUX VBZ have
        engaged 2 conj VERB VBN engage
        in 11 prep ADP IN in
        interference 12 pobj NOUN NN interference
        . 2 punct PUNCT . .
    """)
    assert not any(s == "Treasury" and r in {"conducts", "interferesIn"} for s, r, _ in found)


def reporter(subject_rows: str, verb_index: int) -> str:
    return subject_rows.rstrip("\n") + f"""
        worked {verb_index} ROOT VERB VBD work
        with {verb_index} prep ADP IN with
        partners {verb_index + 1} pobj NOUN NNS partner
        . {verb_index} punct PUNCT . .
    """


def test_the_reporting_government_and_its_bodies_are_never_the_actor_of_a_typed_claim():
    for rows, verb in (
        ("The 1 det DET DT the\n FBI 2 nsubj PROPN NNP FBI B-ORG\n", 2),
        ("The 2 det DET DT the\n United 2 compound PROPN NNP United B-GPE\n States 3 nsubj PROPN NNPS States I-GPE\n", 3),
        ("The 2 det DET DT the\n Justice 2 compound PROPN NNP Justice B-ORG\n Department 3 nsubj PROPN NNP Department I-ORG\n", 3),
    ):
        assert not any(r == "affiliatedWith" for _, r, _ in claims(reporter(rows, verb)))


def test_a_foreign_body_working_with_partners_is_affiliated_with_them():
    found = claims(reporter("The 1 det DET DT the\n GRU 2 nsubj PROPN NNP GRU B-ORG\n", 2))
    assert any(r == "affiliatedWith" and o == "partners" for _, r, o in found)


def test_a_description_of_a_body_does_not_take_up_a_person():
    # "Kilimnik met the chairman. The organization's employees contacted activists."
    from kg.entities.kb import KnowledgeBase
    from kg.extract.coref import document_names, resolve

    doc = parse("""
        Kilimnik 1 nsubj PROPN NNP Kilimnik B-PERSON
        met 1 ROOT VERB VBD meet
        officials 1 dobj NOUN NNS official
        . 1 punct PUNCT . .
        The 5 det DET DT the
        organization 7 poss NOUN NN organization
        's 5 case PART POS 's
        employees 8 nsubj NOUN NNS employee
        contacted 8 ROOT VERB VBD contact
        activists 8 dobj NOUN NNS activist
        . 8 punct PUNCT . .
    """)
    resolved = resolve(doc, LEXICON, document_names(doc, kb=KnowledgeBase.default()))
    assert resolved[0].kind == "Person"  # the knowledge base knows him
    assert resolved.get(5) is None or resolved[5].kind != "Person"


def raised(verb: str, lemma: str) -> str:
    # "The unit was believed to be hacking servers"
    return f"""
        The 1 det DET DT the
        unit 3 nsubjpass NOUN NN unit
        was 3 auxpass AUX VBD be
        {verb} 3 ROOT VERB VBN {lemma}
        to 6 aux PART TO to
        be 6 aux AUX VB be
        hacking 3 xcomp VERB VBG hack
        servers 6 dobj NOUN NNS server
        . 3 punct PUNCT . .
    """


def test_the_subject_a_passive_report_raises_acts_and_the_report_hedges_it():
    (claim,) = [c for c in extracted(raised("believed", "believe")) if c.predicate.relation == "targets"]
    assert claim.subject.text == "The unit"
    assert claim.hedge is not None and claim.hedge.text == "believed"


def test_a_passive_that_reports_nothing_raises_without_a_hedge():
    (claim,) = [c for c in extracted(raised("paid", "pay")) if c.predicate.relation == "targets"]
    assert claim.subject.text == "The unit" and claim.hedge is None


def test_what_a_definition_describes_happened_nowhere():
    # "A covered country means a country that has hacked servers"
    found = extracted("""
        A 2 det DET DT a
        covered 2 amod VERB VBN cover
        country 3 nsubj NOUN NN country
        means 3 ROOT VERB VBZ mean
        a 5 det DET DT a
        country 3 dobj NOUN NN country
        that 8 nsubj PRON WDT that
        has 8 aux AUX VBZ have
        hacked 5 relcl VERB VBN hack
        servers 8 dobj NOUN NNS server
        . 3 punct PUNCT . .
    """)
    hacks = [c for c in found if c.predicate.relation == "targets"]
    assert hacks and all(c.negated for c in hacks)


def test_meant_to_is_intention_not_definition():
    # "Russia spread content meant to influence voters"
    found = extracted("""
        Russia 1 nsubj PROPN NNP Russia B-GPE
        spread 1 ROOT VERB VBD spread
        content 1 dobj NOUN NN content
        meant 2 acl VERB VBN mean
        to 5 aux PART TO to
        influence 3 xcomp VERB VB influence
        voters 5 dobj NOUN NNS voter
        . 1 punct PUNCT . .
    """)
    influence = [c for c in found if c.predicate.relation == "seeksToInfluence"]
    assert influence and not any(c.negated for c in influence)


def test_a_sentence_folded_into_one_name_phrase_is_subject_verb_object():
    # "Sokolov utilized Acme." parsed as one noun phrase headed by "Acme"
    found = claims("""
        Sokolov 2 compound PROPN NNP Sokolov B-PERSON
        utilized 2 amod VERB VBN utilize
        Acme 2 ROOT PROPN NNP Acme B-ORG
        . 2 punct PUNCT . .
    """)
    assert ("Sokolov", "uses", "Acme") in found


def test_a_purpose_inside_a_present_when_clause_is_no_assertion():
    # "X occurs when Russia reaches across borders to intimidate exiles"
    found = extracted("""
        Repression 1 nsubj NOUN NN repression
        occurs 1 ROOT VERB VBZ occur
        when 4 advmod SCONJ WRB when
        Russia 4 nsubj PROPN NNP Russia B-GPE
        reaches 1 advcl VERB VBZ reach
        to 6 aux PART TO to
        intimidate 4 advcl VERB VB intimidate
        exiles 6 dobj NOUN NNS exile
        . 1 punct PUNCT . .
    """)
    intimidation = [c for c in found if c.object.text == "exiles"]
    assert intimidation and all(c.negated for c in intimidation)


def generic(subject_rows: str, verb_index: int, verb: str, tag: str) -> str:
    return subject_rows.rstrip("\n") + f"""
        {verb} {verb_index} ROOT VERB {tag} harass
        exiles {verb_index} dobj NOUN NNS exile
        . {verb_index} punct PUNCT . .
    """


def test_a_bare_plural_of_no_one_in_a_generic_present_makes_no_claim():
    rows = "Foreign 1 amod ADJ JJ foreign\n governments 2 nsubj NOUN NNS government\n"
    assert not any(o == "exiles" for _, _, o in claims(generic(rows, 2, "harass", "VBP")))


def test_the_same_subject_in_a_past_event_makes_a_claim():
    rows = "Foreign 1 amod ADJ JJ foreign\n governments 2 nsubj NOUN NNS government\n"
    assert any(o == "exiles" for _, _, o in claims(generic(rows, 2, "harassed", "VBD")))


def test_a_named_plural_in_the_generic_present_still_acts():
    rows = "Russian 1 amod ADJ JJ Russian B-NORP\n operatives 2 nsubj NOUN NNS operative\n"
    assert any(s == "Russia" and o == "exiles" for s, _, o in claims(generic(rows, 2, "harass", "VBP")))


def test_an_other_member_of_a_list_names_no_one():
    # "China and other countries harassed exiles"
    found = claims("""
        China 4 nsubj PROPN NNP China B-GPE
        and 0 cc CCONJ CC and
        other 3 amod ADJ JJ other
        countries 0 conj NOUN NNS country
        harassed 4 ROOT VERB VBD harass
        exiles 4 dobj NOUN NNS exile
        . 4 punct PUNCT . .
    """)
    assert ("China", "denigrates", "exiles") in found or ("China", "targets", "exiles") in found
    assert not any(s != "China" for s, _, _ in found)


def test_supporting_ones_own_effort_is_no_claim():
    found = claims("""
        Hackers 1 nsubj NOUN NNS hacker
        stole 1 ROOT VERB VBD steal
        data 1 dobj NOUN NNS datum
        to 4 aux PART TO to
        support 1 advcl VERB VB support
        their 6 poss PRON PRP$ their
        efforts 4 dobj NOUN NNS effort
        . 1 punct PUNCT . .
    """)
    assert not any(r == "supports" for _, r, _ in found)


def titled(body: str, ent: str) -> str:
    # "Sokolov is an RT Deputy Editor"
    return f"""
        Sokolov 1 nsubj PROPN NNP Sokolov B-PERSON
        is 1 ROOT AUX VBZ be
        an 5 det DET DT an
        {body} 5 nmod PROPN NNP {body} {ent}
        Deputy 5 compound PROPN NNP Deputy
        Editor 1 attr PROPN NNP Editor
        . 1 punct PUNCT . .
    """


def test_a_body_named_before_a_title_is_the_holders():
    assert ("Sokolov", "affiliatedWith", "RT") in claims(titled("RT", "O"))


def test_a_title_word_before_a_title_is_no_body():
    assert not any(r == "affiliatedWith" for _, r, _ in claims(titled("Assistant", "O")))


def test_an_acronym_before_a_member_noun_is_the_body_of_the_one_named_beside_it():
    # "a Russian FSB officer (Officer 1) ...": the FSB, though the tagger saw no ORG
    found = claims("""
        a 3 det DET DT a
        Russian 3 amod ADJ JJ Russian B-NORP
        FSB 3 compound PROPN NNP FSB
        officer 8 nsubj NOUN NN officer
        ( 5 punct PUNCT -LRB- (
        Officer 3 appos PROPN NNP Officer
        1 5 nummod NUM CD 1
        ) 5 punct PUNCT -RRB- )
        created 8 ROOT VERB VBD create
        websites 8 dobj NOUN NNS website
        . 8 punct PUNCT . .
    """)
    assert any(r == "affiliatedWith" and o == "FSB" for _, r, o in found)


def test_names_hung_on_a_fronted_clause_are_the_subject_of_the_verb_that_lacks_one():
    # "While acting under the direction of an official, Lu and Chen operated the station":
    # the parser makes the names conjuncts of "official"
    doc = repair_parse(parse("""
        While 1 mark SCONJ IN while
        acting 10 advcl VERB VBG act
        under 1 prep ADP IN under
        the 4 det DET DT the
        direction 2 pobj NOUN NN direction
        of 4 prep ADP IN of
        an 7 det DET DT an
        official 5 pobj NOUN NN official
        , 7 punct PUNCT , ,
        Lu 7 conj PROPN NNP Lu B-PERSON
        operated 10 ROOT VERB VBD operate
        the 12 det DET DT the
        station 10 dobj NOUN NN station
        . 10 punct PUNCT . .
    """))
    assert (doc[9].dep_, doc[9].head.i) == ("nsubj", 10)
    assert ("Lu", "uses", "the station") in {
        (c.subject.label, c.predicate.relation, c.object.text) for c in extract_claims(doc, "t.txt", LEXICON)
    }


def test_a_conjunct_name_inside_a_fronted_clause_stays_when_the_verb_has_a_subject():
    doc = repair_parse(parse("""
        After 1 mark ADP IN after
        meeting 5 advcl VERB VBG meet
        Smith 1 dobj PROPN NNP Smith B-PERSON
        , 2 punct PUNCT , ,
        Jones 2 conj PROPN NNP Jones B-PERSON
        said 5 ROOT VERB VBD say
        he 5 nsubj PRON PRP he
        . 5 punct PUNCT . .
    """))
    # "After meeting Smith, Jones, said he": the verb has its (inverted) subject already
    assert (doc[4].dep_, doc[4].head.i) == ("conj", 2)


def test_a_past_form_read_as_an_adjective_in_a_verbless_that_clause_is_its_verb():
    # "Investigators allege that the pair, at the behest of Iran, targeted computers": the
    # parser makes "pair" the clause and "targeted computers" its apposition
    doc = repair_parse(parse("""
        Investigators 1 nsubj NOUN NNS investigator
        allege 1 ROOT VERB VBP allege
        that 4 mark SCONJ IN that
        the 4 det DET DT the
        pair 1 ccomp NOUN NN pair
        , 4 punct PUNCT , ,
        at 4 prep ADP IN at
        the 8 det DET DT the
        behest 6 pobj NOUN NN behest
        of 8 prep ADP IN of
        Iran 9 pobj PROPN NNP Iran B-GPE
        , 4 punct PUNCT , ,
        targeted 13 amod VERB VBN target
        computers 4 appos NOUN NNS computer
        . 1 punct PUNCT . .
    """))
    assert [(t.text, t.dep_, t.head.text) for t in (doc[12], doc[4], doc[13], doc[6], doc[2])] == [
        ("targeted", "ccomp", "allege"), ("pair", "nsubj", "targeted"), ("computers", "dobj", "targeted"),
        ("at", "prep", "targeted"), ("that", "mark", "targeted"),
    ]


def test_an_apposition_of_a_noun_clause_without_that_is_left_as_it_is():
    doc = repair_parse(parse("""
        We 1 nsubj PRON PRP we
        saw 1 ROOT VERB VBD see
        the 3 det DET DT the
        pair 1 ccomp NOUN NN pair
        , 3 punct PUNCT , ,
        trained 6 amod VERB VBN train
        hackers 3 appos NOUN NNS hacker
        . 1 punct PUNCT . .
    """))
    # a verbless complement without "that" may be a small clause ("saw the pair, trained hackers")
    assert (doc[5].dep_, doc[5].head.i) == ("amod", 6)


def test_a_past_form_after_a_parenthesis_is_the_predicate_of_a_verbless_sentence():
    # "Ionov, a resident of Moscow, engaged in a campaign": the name is the parser's root
    doc = repair_parse(parse("""
        Sokolov 0 ROOT PROPN NNP Sokolov B-PERSON
        , 0 punct PUNCT , ,
        a 3 det DET DT a
        resident 0 appos NOUN NN resident
        of 3 prep ADP IN of
        Moscow 4 pobj PROPN NNP Moscow B-GPE
        , 5 punct PUNCT , ,
        engaged 5 acl VERB VBN engage
        in 7 prep ADP IN in
        a 10 det DET DT a
        campaign 8 pobj NOUN NN campaign
        . 0 punct PUNCT . .
    """))
    assert [(t.text, t.dep_, t.head.text) for t in (doc[7], doc[0], doc[11])] == [
        ("engaged", "ROOT", "engaged"), ("Sokolov", "nsubj", "engaged"), (".", "punct", "engaged"),
    ]
    assert ("Sokolov", "conducts", "a campaign") in {
        (c.subject.label, c.predicate.relation, c.object.text) for c in extract_claims(doc, "t.txt", LEXICON)
    }


def test_a_participle_without_a_comma_before_it_still_modifies_its_noun():
    doc = repair_parse(parse("""
        Hackers 0 ROOT NOUN NNS hacker
        from 0 prep ADP IN from
        Iran 1 pobj PROPN NNP Iran B-GPE
        based 2 acl VERB VBN base
        in 3 prep ADP IN in
        Tehran 4 pobj PROPN NNP Tehran B-GPE
        . 0 punct PUNCT . .
    """))
    assert (doc[3].dep_, doc[0].dep_) == ("acl", "ROOT")


def test_a_past_form_opening_a_noun_coordinated_with_a_verb_is_that_verbs_conjunct():
    # "gained access to the network and installed malware on the servers"
    doc = repair_parse(parse("""
        Hackers 1 nsubj NOUN NNS hacker
        gained 1 ROOT VERB VBD gain
        access 1 dobj NOUN NN access
        and 1 cc CCONJ CC and
        installed 5 amod VERB VBN install
        malware 1 conj NOUN NN malware
        on 5 prep ADP IN on
        servers 6 pobj NOUN NNS server
        . 1 punct PUNCT . .
    """))
    assert [(t.text, t.dep_, t.head.text) for t in (doc[4], doc[5])] == [("installed", "conj", "gained"), ("malware", "dobj", "installed")]
    found = {(c.subject.label, c.predicate.relation, c.object.text) for c in extract_claims(doc, "t.txt", LEXICON)}
    assert {("Hackers", "uses", "malware on servers"), ("Hackers", "targets", "servers")} <= found


def test_an_adjective_opening_a_noun_coordinated_with_a_noun_stays():
    # "bought guns and stolen cars": the coordination is of nouns
    doc = repair_parse(parse("""
        They 1 nsubj PRON PRP they
        bought 1 ROOT VERB VBD buy
        guns 1 dobj NOUN NNS gun
        and 2 cc CCONJ CC and
        stolen 5 amod VERB VBN steal
        cars 2 conj NOUN NNS car
        . 1 punct PUNCT . .
    """))
    assert (doc[4].dep_, doc[4].head.text) == ("amod", "cars")


def test_a_past_form_read_as_an_adjective_of_a_root_object_is_the_verb():
    # "Russian intelligence leveraged social media in an attempt to ...": rooted in "media"
    doc = repair_parse(parse("""
        Russian 1 amod ADJ JJ russian B-NORP
        intelligence 2 npadvmod NOUN NN intelligence
        leveraged 4 amod VERB VBN leverage
        social 4 amod ADJ JJ social
        media 4 ROOT NOUN NNS media
        in 4 prep ADP IN in
        an 7 det DET DT an
        attempt 5 pobj NOUN NN attempt
        . 4 punct PUNCT . .
    """))
    assert [(t.text, t.dep_, t.head.text) for t in (doc[2], doc[1], doc[4], doc[5])] == [
        ("leveraged", "ROOT", "leveraged"), ("intelligence", "nsubj", "leveraged"),
        ("media", "dobj", "leveraged"), ("in", "prep", "leveraged"),
    ]


def test_an_unknown_acronym_read_as_an_adverb_is_the_subject_of_the_verb_after_it():
    doc = repair_parse(parse("""
        LIR 1 advmod PROPN NNP LIR
        used 1 ROOT VERB VBD use
        personas 1 dobj NOUN NNS persona
        . 1 punct PUNCT . .
    """))
    assert doc[0].dep_ == "nsubj"
    assert ("LIR", "uses", "personas") in {
        (c.subject.label, c.predicate.relation, c.object.text) for c in extract_claims(doc, "t.txt", LEXICON)
    }


def test_the_accused_conducts_the_operation_charged_in_connection_with():
    found = claims("""
        Sokolov 2 nsubjpass PROPN NNP Sokolov B-PERSON
        was 2 auxpass AUX VBD be
        charged 2 ROOT VERB VBN charge
        in 2 prep ADP IN in
        connection 3 pobj NOUN NN connection
        with 4 prep ADP IN with
        a 8 det DET DT a
        hacking 8 compound NOUN NN hacking
        campaign 5 pobj NOUN NN campaign
        . 2 punct PUNCT . .
    """)
    assert ("Sokolov", "conducts", "a hacking campaign") in found


def test_an_arrest_in_connection_with_an_investigation_states_no_operation():
    found = claims("""
        Sokolov 2 nsubjpass PROPN NNP Sokolov B-PERSON
        was 2 auxpass AUX VBD be
        arrested 2 ROOT VERB VBN arrest
        in 2 prep ADP IN in
        connection 3 pobj NOUN NN connection
        with 4 prep ADP IN with
        the 7 det DET DT the
        investigation 5 pobj NOUN NN investigation
        . 2 punct PUNCT . .
    """)
    assert not found


def test_an_object_after_an_infinitive_is_the_infinitives():
    # "Russia aimed to heighten existing tensions": the parser hangs "tensions" on "aimed"
    doc = repair_parse(parse("""
        Russia 1 nsubj PROPN NNP Russia B-GPE
        aimed 1 ROOT VERB VBD aim
        to 3 aux PART TO to
        heighten 1 xcomp VERB VB heighten
        existing 5 amod VERB VBG exist
        tensions 1 dobj NOUN NNS tension
        . 1 punct PUNCT . .
    """))
    assert doc[5].head.i == 3
    assert ("Russia", "exploits", "existing tensions") in {
        (c.subject.label, c.predicate.relation, c.object.text) for c in extract_claims(doc, "t.txt", LEXICON)
    }


def test_an_object_before_the_infinitive_stays_with_its_verb():
    # "persuaded voters to stay home": object control
    doc = repair_parse(parse("""
        Russia 1 nsubj PROPN NNP Russia B-GPE
        persuaded 1 ROOT VERB VBD persuade
        voters 1 dobj NOUN NNS voter
        to 4 aux PART TO to
        stay 1 xcomp VERB VB stay
        home 4 advmod ADV RB home
        . 1 punct PUNCT . .
    """))
    assert doc[2].head.i == 1


def test_a_tie_stated_of_those_designated_is_the_designators_claim():
    found = extracted("""
        Treasury 1 nsubj PROPN NNP Treasury B-ORG
        designated 1 ROOT VERB VBD designate
        nationals 1 dobj NOUN NNS national
        linked 2 acl VERB VBN link
        to 3 prep ADP IN to
        Acmecorp 4 pobj PROPN NNP Acmecorp B-ORG
        . 1 punct PUNCT . .
    """)
    tie = next(c for c in found if c.predicate.relation == "affiliatedWith")
    assert (tie.object.label, tie.attribution) == ("Acmecorp", "Treasury")


def test_a_relative_pronoun_hung_on_an_infinitive_with_its_own_complement_is_the_clause_verbs():
    # "domains that Russia has used to engage in a campaign"
    doc = repair_parse(parse("""
        domains 0 ROOT NOUN NNS domain
        that 6 dobj PRON WDT that
        Russia 4 nsubj PROPN NNP Russia B-GPE
        has 4 aux AUX VBZ have
        used 0 relcl VERB VBN use
        to 6 aux PART TO to
        engage 4 xcomp VERB VB engage
        in 6 prep ADP IN in
        campaigns 7 pobj NOUN NNS campaign
        . 0 punct PUNCT . .
    """))
    assert doc[1].head.i == 4


def test_a_relative_pronoun_stranded_by_an_infinitive_stays_its_object():
    # "the accounts that they tried to hack"
    doc = repair_parse(parse("""
        accounts 0 ROOT NOUN NNS account
        that 5 dobj PRON WDT that
        they 3 nsubj PRON PRP they
        tried 0 relcl VERB VBD try
        to 5 aux PART TO to
        hack 3 xcomp VERB VB hack
        . 0 punct PUNCT . .
    """))
    assert doc[1].head.i == 5


def test_a_first_name_read_as_a_verb_opening_the_sentence_is_part_of_the_subject():
    # "Andrii Derkach and other agents employ deceit": "Andrii" tagged a verb, "Derkach" its object
    doc = repair_parse(parse("""
        Andrii 5 csubj VERB VB andrii
        Derkach 0 dobj PROPN NNP Derkach B-PERSON
        and 1 cc CCONJ CC and
        other 4 amod ADJ JJ other
        agents 1 conj NOUN NNS agent
        employ 5 ROOT VERB VBP employ
        deceit 5 dobj NOUN NN deceit
        . 5 punct PUNCT . .
    """))
    assert [(t.dep_, t.head.i) for t in doc[:2]] == [("compound", 1), ("nsubj", 5)]
    assert (doc[4].dep_, doc[4].head.i) == ("conj", 1)  # "other agents" stays in the subject
    found = {(c.subject.label, c.predicate.relation, c.object.text) for c in extract_claims(doc, "t.txt", LEXICON)}
    assert ("Andrii Derkach", "uses", "deceit") in found


def test_the_act_charged_hung_on_the_charging_document_is_the_accuseds():
    # "Eleven defendants are charged in two complaints with conspiring to act as agents of X"
    found = extracted("""
        Defendants 2 nsubjpass NOUN NNS defendant
        are 2 auxpass AUX VBP be
        charged 2 ROOT VERB VBN charge
        in 2 prep ADP IN in
        complaints 3 pobj NOUN NNS complaint
        with 4 prep ADP IN with
        conspiring 5 pcomp VERB VBG conspire
        to 8 aux PART TO to
        act 6 xcomp VERB VB act
        as 8 prep ADP IN as
        agents 9 pobj NOUN NNS agent
        of 10 prep ADP IN of
        Russia 11 pobj PROPN NNP Russia B-GPE
        . 2 punct PUNCT . .
    """)
    tie = next(c for c in found if c.predicate.relation == "affiliatedWith")
    assert (tie.subject.label, tie.object.label, tie.attribution) == ("Defendants", "Russia", "complaints")
