"""Predicate–argument structures of one sentence, typed for claims.

:func:`predications` walks a parsed sentence once and yields :class:`Predication`
records: a semantic predicate (a verb or an event noun), the head tokens of its subject
and object, the relation the lexicon gives it, and the chain of tokens that control it.

This module assembles and types them; the readings it assembles them from live in the
predicate package (:mod:`kg.extract.predicates`), one module per seam. The linguistics,
in the order the code applies it:

* **Voice** (here, with :mod:`~kg.extract.predicates.syntax`). Active clauses take
  ``nsubj`` and ``dobj``; passive ones (``nsubjpass``, ``auxpass``, or a past participle
  modifying a noun, "content spread by fake profiles") take the ``by`` agent as subject
  and the patient as object; a passive verb with no agent shares the next conjunct's
  ("produced and spread by X"). A participle the parser hung on the wrong noun is
  reattached first (:mod:`~kg.extract.predicates.repairs`).
* **Control, raising and purpose; shared subjects**
  (:mod:`~kg.extract.predicates.inheritance`). A predicate without a subject of its own
  inherits one from what controls it ("Cuba *attempted* to undermine X", "*efforts by
  X* to ...") or from the closest preceding conjunct.
* **Sets** (:mod:`~kg.extract.predicates.sets`). Subjects are distributed: one
  predication per conjunct, and per member of an "including" list or an "along with"
  phrase ("countries ... including Russia, China" → Russia, China).
* **Relative clauses.** A relative pronoun stands for the noun the clause modifies
  ("politicians that it viewed"); whoever uses the content a relative clause is about
  does what it does (:mod:`~kg.extract.predicates.instruments`).
* **Objects** (:mod:`~kg.extract.predicates.arguments`). Direct objects, objects of the
  prepositions the lexicon asks for ("interfere *in*"), light verbs ("cast *criticism* on
  X"), a shared object ("support or weaken X"), secondary predication, evaluation, means
  and principals; each object with its relation, distributed over its conjuncts.
* **Nominal events** (:mod:`~kg.extract.predicates.noun_events`). An event noun with a
  relation and an object ("election interference by Cuba") is a predicate; its subject
  is its agent ("by", possessor, demonym) or an inherited one.
* **Copulas.** "is behind a campaign" is looked up as ``be`` + ``behind``; "X is
  responsible for" through the copular adjective.
* **Affiliations.** Roles and titles (:mod:`~kg.extract.predicates.roles`: "the chief
  accountant of Project Lakhta"), hyphenated participles ("Kremlin-linked accounts"),
  attribution ("attributed the network to X") and principals ("on behalf of X").
* **Reported speech.** Verbs of saying with a clausal complement are never predicates
  (their complement is; attribution comes from :mod:`kg.extract.attribution`), and a
  subject is never inherited from a reporting verb.
* **Misparses** (:mod:`~kg.extract.predicates.repairs`). A verb the parser folded into a
  noun phrase ("Hackers *targeted* academics" as one phrase) is read as the verb it is.

Nothing here decides entity identity, negation or hedging: that is left to
:mod:`kg.extract` (with :mod:`kg.extract.coref`, :mod:`kg.extract.modality`).

The word classes these read (activity_nouns, framing_nouns, actor_collectives,
directive_verbs, the preposition classes, channel_nouns, ...) are data:
kg/lexicon/words_clauses.tsv, read through the Lexicon every function is given.
"""

from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Span, Token

from kg.extract.predicates.arguments import (
    AFFILIATION,
    THING_FAMILIES,
    Argument,
    attribution_arguments,
    behalf_principal,
    carried_by_infinitive,
    copular_adjective_args,
    mere_quantity,
    names_operation,
    object_heads,
    prep_objects,
    verb_objects,
)
from kg.extract.predicates.inheritance import accused_of_operation, inherited_subject, is_reporting
from kg.extract.predicates.instruments import compound_name, instrument_user
from kg.extract.predicates.noun_events import is_operation_noun, noun_agent, noun_objects, own_activity
from kg.extract.predicates.predication import Predication
from kg.extract.predicates.repairs import is_misparsed_verb, lexicon_lemma, reattached_patient, repaired_verb
from kg.extract.predicates.roles import described_name_body, role_ties
from kg.extract.predicates.sets import expand_subjects, set_members
# Voice, own subjects, passive agents and patients: the shared syntax Open IE reads too.
from kg.extract.predicates.syntax import is_passive as _is_passive
from kg.extract.predicates.syntax import is_verbal as _is_verbal
from kg.extract.predicates.syntax import own_subject
from kg.extract.predicates.syntax import particle as _particle
from kg.extract.predicates.syntax import passive_agent as _agent
from kg.extract.predicates.syntax import passive_patient as _patient
from kg.extract.predicates.syntax import pobj as _pobj
from kg.extract.spans import semantic_head
from kg.lexicon import Lexicon
from kg.ontology import relation_family

__all__ = ["Predication", "predications"]

#: Families of the aims an instrument serves, which its user shares.
_AIM_FAMILIES = frozenset({"targets", "supports"})
#: Affiliation prepositions of a participle in a hyphenated compound ("Kremlin-linked").
_AFFILIATION_PREPS = ("by", "to", "with")
#: Where a capitalised title stands as a role of someone, not inside a name.
_ROLE_TITLE_DEPS = frozenset({"attr", "appos"})


def _clausal_complement(verb: Token) -> bool:
    return any(c.dep_ in {"ccomp", "parataxis"} or (c.dep_ == "xcomp" and c.pos_ == "VERB") for c in verb.children)


def _verb_predications(verb: Token, lex: Lexicon, members: dict[int, list[Token]]) -> Iterator[Predication]:
    if verb.dep_ in {"aux", "auxpass", "amod"}:
        return
    if is_reporting(verb, lex) and _clausal_complement(verb):
        return
    lemma = lexicon_lemma(verb, lex)
    particle = _particle(verb)
    full_lemma = f"{lemma} {particle}" if particle else lemma
    copula = verb.pos_ == "AUX" or lemma == "be"
    if _is_passive(verb) and not copula:
        yield from _passive_predications(verb, full_lemma, lex, members)
        return
    attributed = attribution_arguments(verb, lex)
    if attributed is not None:
        # "Meta attributed the network to two companies": the network is tied to them; Meta
        # only says so (its subject is the claim's source, see attribution)
        ascribed, owner = attributed
        for subj, member in expand_subjects(ascribed, members, lex):
            for obj in object_heads(owner, lex):
                yield Predication(verb, subj, obj, AFFILIATION, lemma, "to", (verb,), "active", "attributed", False)
        return
    own = own_subject(verb)
    if own is not None:
        subject, via, chain = own[0], own[1], (verb,)
        agent = noun_agent(subject, lex) if subject.pos_ == "NOUN" else None
        if agent is not None:
            # "the alleged Cuban interference targets politicians": the activity's agent acts
            subject, via = agent[0], "event-agent"
    else:
        inherited = inherited_subject(verb, lex)
        if inherited is None:
            return
        subject, via, climbed = inherited
        chain = (verb, *climbed)
    if copula:
        args = []
        for prep in verb.children:
            if prep.dep_ == "prep" and _pobj(prep) is not None:
                pobj = _pobj(prep)
                relation = lex.verb("be", prep.lower_, semantic_head(pobj, lex).lemma_.lower())
                if relation is not None:
                    args.append(Argument(pobj, prep.lower_, relation, False))
        args += copular_adjective_args(verb, lex)
        voice, full_lemma = "copula", "be"
    else:
        yield from _principal_predications(verb, subject, via, chain, full_lemma, members, lex)
        args = verb_objects(verb, full_lemma, lex)
        voice = "active"
    # relative clauses and bare participles on content ("videos *attacking* X") speak of
    # what the content does; whoever spreads it does that too
    user = instrument_user(subject, lex) if via in {"relcl", "participle"} else None
    for arg in args:
        lemma_out = f"{full_lemma} {arg.preposition}" if voice == "copula" else full_lemma
        if carried_by_infinitive(arg.head, lex):
            continue
        if user is not None and arg.relation is not None:
            # the actor who spreads "narratives that weaken support for X" weakens it;
            # whoever bought "ads that promoted rallies" promoted them
            for subj, member in expand_subjects(user[0], members, lex):
                for obj in object_heads(arg.head, lex):
                    yield Predication(verb, subj, obj, arg.relation, lemma_out, arg.preposition, (verb, *user[1]), voice, "instrument", False)
            if relation_family(arg.relation) not in _AIM_FAMILIES:
                continue  # the ads do not use or conduct anything themselves
        for subj, member in expand_subjects(subject, members, lex):
            objects = object_heads(arg.head, lex)
            if member and any(obj.i == subj.i for obj in objects):
                continue  # "X joins Y and Z": the members are the object itself
            for obj in objects:
                if obj.i == subj.i:
                    continue
                yield Predication(
                    verb, subj, obj, arg.relation, lemma_out, arg.preposition, chain, voice,
                    "member" if member else via, arg.svo and voice == "active",
                )


def _passive_predications(verb: Token, lemma: str, lex: Lexicon, members: dict[int, list[Token]]) -> Iterator[Predication]:
    patient = _patient(verb)
    if patient is None and verb.dep_ == "conj":
        patient = _patient(verb.head)
    if patient is None:
        return
    first = verb.head if verb.dep_ == "conj" and _patient(verb) is None else verb
    patient = reattached_patient(first, patient, lex)
    agent = _agent(verb) or _shared_agent(verb)
    if agent is None:
        yield from _passive_affiliations(verb, patient, lemma, lex, members)
        yield from _passive_involvement(verb, patient, lemma, lex, members)
        return
    agent_lemma = semantic_head(agent, lex).lemma_.lower()
    patient_lemma = semantic_head(patient, lex).lemma_.lower()
    relation = lex.verb(lemma, None, patient_lemma)
    by_relation = lex.verb(lemma, "by", agent_lemma)
    if relation_family(relation) == "supports":
        # "an effort funded by X", "outlets backed by Y": the funder supports what it funds
        # (an analyst reads support, not merely a tie)
        by_relation = None
    if by_relation is not None and by_relation != lex.verb(lemma, None, agent_lemma):
        # "accounts backed by Russia": the patient is affiliated with the agent
        for subj, member in expand_subjects(patient, members, lex):
            for obj in object_heads(agent, lex):
                yield Predication(verb, subj, obj, by_relation, lemma, "by", (verb,), "passive", "patient", False)
        if relation_family(relation) not in THING_FAMILIES:
            return
        # "the campaign was run by operatives", "websites created by a company": the
        # agent also conducts or uses the thing, the claim an analyst looks for first
    for subj, member in expand_subjects(agent, members, lex):
        for obj in object_heads(patient, lex):
            if obj.i == subj.i:
                continue
            yield Predication(verb, subj, obj, relation, lemma, None, (verb,), "passive", "member" if member else "agent", False)


def _passive_affiliations(
    verb: Token, patient: Token, lemma: str, lex: Lexicon, members: dict[int, list[Token]]
) -> Iterator[Predication]:
    """"accounts tied to Cuba", "a company affiliated with the government": a passive
    without agent whose preposition the lexicon reads as an affiliation links the patient
    to the preposition's object (other relations need an agent to have an actor)."""
    for arg in prep_objects(verb, lemma, lex):
        if relation_family(arg.relation) != "affiliatedWith":
            continue
        relation = arg.relation
        if lemma in lex.words("participation_passives") and names_operation(arg.head, lex):
            relation = "conducts"  # "linked to an attempted hack": tied to an act, one did it
        for subj, member in expand_subjects(patient, members, lex):
            for obj in object_heads(arg.head, lex):
                if obj.i != subj.i:
                    yield Predication(verb, subj, obj, relation, lemma, arg.preposition, (verb,), "passive", "patient", False)


def _passive_involvement(
    verb: Token, patient: Token, lemma: str, lex: Lexicon, members: dict[int, list[Token]]
) -> Iterator[Predication]:
    """"X was involved in schemes", "X is engaged in operations": a stative passive whose
    preposition the lexicon reads as an act makes the patient its actor. A reduced
    relative on someone acted on only describes them: "targeted individuals and entities
    involved in the administration of the elections" (the policy's descriptive ties)."""
    first = patient
    while first.dep_ == "conj":
        first = first.head
    if verb.dep_ == "acl" and first.dep_ not in {"nsubj", "nsubjpass"}:
        return
    for arg in prep_objects(verb, lemma, lex, explicit_only=True):
        if relation_family(arg.relation) not in {"conducts", "targets", "uses", "supports"}:
            continue
        for subj, member in expand_subjects(patient, members, lex):
            for obj in object_heads(arg.head, lex):
                if obj.i != subj.i:
                    yield Predication(verb, subj, obj, arg.relation, lemma, arg.preposition, (verb,), "copula", "nsubj", False)


def _shared_agent(verb: Token) -> Token | None:
    # "produced and spread by fake profiles": the agent is shared by both participles
    for conj in verb.children:
        if conj.dep_ == "conj" and _is_verbal(conj):
            agent = _agent(conj)
            if agent is not None:
                return agent
    if verb.dep_ == "conj" and _is_verbal(verb.head):
        return _agent(verb.head)
    return None


def _principal_predications(
    verb: Token, subject: Token, via: str, chain: tuple[Token, ...], lemma: str, members: dict[int, list[Token]],
    lex: Lexicon,
) -> Iterator[Predication]:
    # whoever acts on behalf of X is affiliated with X, whatever the verb
    principal = behalf_principal(verb, lex)
    if principal is None:
        return
    for subj, member in expand_subjects(subject, members, lex):
        for obj in object_heads(principal, lex):
            if obj.i != subj.i:
                yield Predication(verb, subj, obj, AFFILIATION, lemma, "of", chain, "active", "member" if member else via, False)


def _compound_affiliations(part: Token, lex: Lexicon, members: dict[int, list[Token]]) -> Iterator[Predication]:
    """"Iranian-linked accounts", "Kremlin-backed outlets": the participle's reduced
    agent or complement is the name before the hyphen; the noun is affiliated with it."""
    if part.tag_ != "VBN" or part.head.pos_ not in {"NOUN", "PROPN"}:
        return
    name = compound_name(part, lex)
    if name is None:
        return
    lemma = part.lemma_.lower()
    for prep in _AFFILIATION_PREPS:
        relation = lex.verb(lemma, prep, None)
        if relation_family(relation) == AFFILIATION:
            break
    else:
        return
    described = part.head
    if described.dep_ == "attr" and described.head.lemma_ == "be" and own_subject(described.head) is not None:
        described = own_subject(described.head)[0]  # "X is a Kremlin-backed outlet": X is
    if described.dep_ == "compound" and described.head.pos_ == "PROPN" and described.pos_ == "NOUN":
        described = described.head  # "Kremlin-linked oligarch Yevgeniy Prigozhin": the one named
    if names_operation(described, lex):
        if lemma in lex.words("control_participles"):
            # "Russian government-directed campaigns": whoever directs an operation conducts it
            yield Predication(part, name, described, "conducts", lemma, None, (part,), "passive", "agent", False)
        return  # an operation is no member of anything
    for subj, member in expand_subjects(described, members, lex):
        yield Predication(part, subj, name, relation, lemma, prep, (part,), "passive", "patient", False)
        if lemma in lex.words("control_participles"):
            # "Kremlin-controlled accounts", "MSS-run pages": the owner uses what it runs
            yield Predication(part, name, subj, "uses", lemma, None, (part,), "passive", "agent", False)


def _noun_predications(noun: Token, lex: Lexicon, members: dict[int, list[Token]]) -> Iterator[Predication]:
    args = noun_objects(noun, lex)
    agent = noun_agent(noun, lex)
    own = own_activity(noun, lex, agent)
    if own is not None:
        args = [*args, own]
    charged = accused_of_operation(noun, lex) if agent is None and is_operation_noun(noun, lex) else None
    if charged is not None:
        # "X were charged in connection with a hacking campaign": the accused conducted it
        accused, climbed = charged
        args = [*args, Argument(noun, None, lex.noun(noun.lemma_.lower(), None), False)]
        agent = (accused, "object-control")
        chain_extra: tuple[Token, ...] = climbed
    else:
        chain_extra = ()
    if not args:
        return
    if agent is not None:
        subject, via, chain = agent[0], agent[1], (noun, *chain_extra)
    else:
        inherited = inherited_subject(noun, lex)
        if inherited is None:
            return
        subject, via, climbed = inherited
        chain = (noun, *climbed)
    for arg in args:
        for subj, member in expand_subjects(subject, members, lex):
            for obj in object_heads(arg.head, lex):
                if obj.i == subj.i:
                    continue
                yield Predication(
                    noun, subj, obj, arg.relation, noun.lemma_.lower(), arg.preposition, chain, "nominal",
                    "member" if member else via, False,
                )


def _repaired_verb_predications(tok: Token, lex: Lexicon, members: dict[int, list[Token]]) -> Iterator[Predication]:
    repaired = repaired_verb(tok, lex)
    if repaired is None:
        return
    lemma, subject, obj, relation = repaired
    for subj, member in expand_subjects(subject, members, lex):
        yield Predication(tok, subj, obj, relation, lemma, None, (tok,), "active", "member" if member else "conj", False)


def _role_affiliations(noun: Token, members: dict[int, list[Token]], lex: Lexicon) -> Iterator[Predication]:
    """Affiliations stated by a role noun: the holder of "the chief accountant of Project
    Lakhta" or "a subordinate organization of the IRGC" is affiliated with its object."""
    ties = role_ties(noun, lex)
    if ties is None:
        return
    subject, places = ties
    for preposition, pobj in places:
        if pobj is None or mere_quantity(pobj, lex):
            continue
        for subj, member in expand_subjects(subject, members, lex):
            for obj in object_heads(pobj, lex):
                if obj.i != subj.i:
                    yield Predication(noun, subj, obj, AFFILIATION, noun.lemma_.lower(), preposition, (noun,), "copula", "role", False)


def _described_name_affiliation(noun: Token, lex: Lexicon) -> Iterator[Predication]:
    # "GRU hacker Ivan Petrov": the name is affiliated with the body its actor noun names
    body = described_name_body(noun, lex)
    if body is not None:
        yield Predication(noun, noun.head, body, AFFILIATION, noun.lemma_.lower(), None, (noun,), "copula", "role", False)


def predications(sent: Span, lexicon: Lexicon) -> Iterator[Predication]:
    """Yield the predications of one sentence, verbs first, then event nouns.

    Parameters
    ----------
    sent
        A sentence of a parsed ``Doc`` (tagger, parser and, for entity-based rules, NER).
    lexicon
        The lexicon (:func:`kg.lexicon.load_lexicon`): relations and word classes.

    Yields
    ------
    Predication
        One per (subject conjunct or set member, predicate, object conjunct).
    """
    lex = lexicon
    members = set_members(sent, lex)
    nouns = []
    for tok in sent:
        if tok.is_space or tok.is_punct:
            continue
        if is_misparsed_verb(tok):
            yield from _repaired_verb_predications(tok, lex, members)
        elif tok.pos_ in {"VERB", "AUX"}:
            if tok.dep_ == "amod":
                yield from _compound_affiliations(tok, lex, members)
            yield from _verb_predications(tok, lex, members)
        elif tok.pos_ == "NOUN":
            nouns.append(tok)
        elif tok.pos_ == "PROPN" and tok.dep_ in _ROLE_TITLE_DEPS and tok.lemma_.lower() in lex.words("role_nouns"):
            # a title written capitalised ("X is the Editor-in-Chief of RT") is still a role
            yield from _role_affiliations(tok, members, lex)
    for noun in nouns:
        yield from _noun_predications(noun, lex, members)
        yield from _role_affiliations(noun, members, lex)
        yield from _described_name_affiliation(noun, lex)
