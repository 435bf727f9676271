"""Subject inheritance: the subject a predicate without its own takes from what controls it.

* **Control, raising and purpose.** A predicate without a subject of its own inherits one
  by climbing ``xcomp``/``advcl``/``acl``/``pcomp``/``prep``/``pobj``/``dobj`` links:
  "Cuba *attempted* to undermine X", "conducted operations *aimed at* denigrating X",
  "China tacitly approved *efforts* to attempt to influence X". An activity noun on the
  way with an agent of its own ("efforts *by foreign governments*", "*its* efforts",
  "*Cuban* interference", :func:`~kg.extract.predicates.noun_events.noun_agent`)
  supplies the subject. Verbs with a direct object and an infinitive ("help candidates
  to win", "accused X of jeopardizing") are object control; directive verbs ("asked
  officials to focus") keep the instigator as the actor.
* **Coordination.** A verb with no subject shares the one of the closest preceding
  conjunct.
* **Reported speech.** A subject is never inherited from a reporting verb: a reporter is
  never the actor of what it reports (attribution comes from
  :mod:`kg.extract.attribution`).
"""

from __future__ import annotations

from spacy.tokens import Token

from kg.extract import attribution as _attribution
from kg.extract.predicates.arguments import attribution_arguments, names_operation
from kg.extract.predicates.noun_events import noun_agent
from kg.extract.predicates.syntax import child as _child
from kg.extract.predicates.syntax import is_passive as _is_passive
from kg.extract.predicates.syntax import is_verbal as _is_verbal
from kg.extract.predicates.syntax import own_subject
from kg.extract.predicates.syntax import passive_agent as _agent
from kg.extract.predicates.syntax import pobj as _pobj
from kg.extract.spans import conjuncts, relative_antecedent, semantic_head
from kg.lexicon import Lexicon

__all__ = ["inherited_subject", "is_reporting", "accused_of_operation"]


def is_reporting(token: Token, lex: Lexicon) -> bool:
    """Whether a token is a verb of saying (``reporting_verbs``, see attribution).

    A reporter is never the actor of what it reports: no subject is inherited from it,
    its clausal complement (not the verb) is the predicate, and a role holder named as
    its subject ("said X, Graphika's director") makes no claim.

    Returns
    -------
    bool
        True for a verbal token the attribution layer reads as reporting.
    """
    return _is_verbal(token) and _attribution.is_reporting_verb(token, lex)


def _object_controller(verb: Token, lex: Lexicon) -> Token | None:
    dobj = _child(verb, "dobj")
    if dobj is None or verb.lemma_.lower() in lex.words("directive_verbs"):
        return None
    if dobj.lemma_.lower() in lex.words("framing_nouns") or dobj.lemma_.lower() in lex.words("activity_nouns"):
        # "took steps to influence X", "made efforts to": the steps are the subject's own
        # acts, which cannot control an infinitive; the subject does
        return None
    if dobj.ent_type_ in {"DATE", "TIME"}:
        return None  # "spent 14 years targeting critics": time spent acts on nothing
    return relative_antecedent(dobj)


def _purpose_owner(noun: Token) -> Token | None:
    """Whose goal it is: the possessor ("Iran's goal") or the "of" complement."""
    owner = _child(noun, "poss")
    if owner is not None:
        return relative_antecedent(owner)  # "an effort whose goal is to ...": the effort's
    of = next((c for c in noun.children if c.dep_ == "prep" and c.lower_ == "of"), None)
    return _pobj(of) if of is not None else None


def accused_of_operation(noun: Token, lex: Lexicon) -> tuple[Token, tuple[Token, ...]] | None:
    """The accused charged over an operation: "X were charged in connection with a
    campaign", "X was indicted for his role in a scheme", "charged X over an intrusion".

    The operation is reached from the verb of accusation through prepositions and the
    nouns of involvement between them (the lexicon's ``involvement_nouns``: connection,
    role, part). Returns (accused, the tokens climbed through) or None.
    """
    chain: list[Token] = []
    cur = noun
    for _ in range(3):
        prep = cur.head
        if cur.dep_ != "pobj" or prep.dep_ != "prep":
            return None
        chain.append(prep)
        head = prep.head
        if head.lemma_.lower() in lex.words("accusation_verbs") and _is_verbal(head):
            accused = _accused_of(head)
            return (accused, (*chain, head)) if accused is not None else None
        if head.lemma_.lower() not in lex.words("involvement_nouns"):
            return None
        chain.append(head)
        cur = head
    return None


def _accused(prep: Token, lex: Lexicon) -> Token | None:
    """The accused of "charged X with V-ing", "X was accused of V-ing", or None.

    The parser often hangs the reason on the accused ("sanctioned two entities *for*
    attempting to ..."): the accused is then the noun itself.
    """
    verb = prep.head
    if prep.lower_ not in lex.words("accusation_prepositions"):
        return None
    accusations = lex.words("accusation_verbs")
    if verb.pos_ in {"NOUN", "PROPN"} and verb.dep_ in {"dobj", "nsubjpass"} and verb.head.lemma_.lower() in accusations:
        return relative_antecedent(verb)
    if verb.pos_ == "NOUN" and verb.dep_ == "pobj" and verb.lemma_.lower() in lex.words("charge_nouns"):
        # "X were indicted on charges of damaging websites": the charges' accused damaged them
        charging = verb.head.head
        if charging.lemma_.lower() in accusations:
            verb = charging
    elif verb.pos_ == "NOUN" and verb.dep_ == "pobj" and verb.head.lower_ == "in" and verb.head.head.lemma_.lower() in accusations and _is_verbal(verb.head.head):
        # "X are charged in two complaints with conspiring to ...": the parser hangs the
        # act charged on the document; it is the charging verb's
        verb = verb.head.head
    if verb.lemma_.lower() not in accusations:
        return None
    return _accused_of(verb)


def _accused_of(verb: Token) -> Token | None:
    """Whom a verb of charging accuses: a passive's subject ("X was charged"), an active
    verb's object ("charged X")."""
    accused = _child(verb, "nsubjpass") if _is_passive(verb) else _child(verb, "dobj")
    return relative_antecedent(accused) if accused is not None else None


def inherited_subject(token: Token, lex: Lexicon) -> tuple[Token, str, tuple[Token, ...]] | None:
    """The subject a predicate without its own inherits from what controls it.

    Climbs control, purpose and complement links ("sought to", "aimed at", "efforts
    to", "by casting") up to a verb with a subject, an activity noun with an agent, a
    coordinated verb with a subject, or an object controller. Stops at clause
    boundaries (``ccomp``, ``relcl``, finite adverbial clauses) and at reporting verbs:
    a reporter is never the actor of what it reports.

    Returns
    -------
    tuple or None
        (subject head, how it was found, the tokens climbed through) or None.
    """
    chain: list[Token] = []

    def control(head: Token) -> tuple[Token, str, tuple[Token, ...]] | None:
        # Climb to ``head``; when it has a subject of its own, that subject controls.
        chain.append(head)
        found = own_subject(head)
        if found is not None and found[0].lemma_.lower() in lex.words("purpose_nouns"):
            # "Iran's goal was to undermine X": the goal's owner acts
            owner = _purpose_owner(found[0])
            return None if owner is None else (owner, "possessor", tuple(chain))
        return None if found is None else (found[0], "control", tuple(chain))

    cur = token
    for _ in range(12):
        head = cur.head
        dep = cur.dep_
        if head.i == cur.i:
            return None
        if dep == "conj":
            if _is_verbal(cur) != _is_verbal(head):
                return None  # a noun coordinated with a verb is a misparse, not a shared subject
            if _is_verbal(cur) and _misread_complement(head, cur):
                return None  # "impose sanctions on any person that X determines has engaged in"
            earlier = [c for c in conjuncts(head) if c.i < cur.i]
            for prev in reversed(earlier):
                found = own_subject(prev) if _is_verbal(prev) else None
                if found is not None:
                    return found[0], "conj", tuple(chain)
            cur = head
            continue
        if dep == "xcomp":
            if head.pos_ == "ADJ":  # raising/control adjectives: "reluctant to", "likely to"
                chain.append(head)
                cur = head
                continue
            raised = _child(head, "nsubjpass") if _is_passive(head) and _agent(head) is None else None
            if raised is not None:
                # "X is known to use", "X was paid to post", "X is alleged to be responsible
                # for", "the suspects were believed to be operating": the passive's subject
                # acts (a reporting verb's passive hedges what it raises, see modality)
                chain.append(head)
                return relative_antecedent(raised), "control", tuple(chain)
            controller = _object_controller(head, lex)
            if controller is not None:
                chain.append(head)
                return controller, "object-control", tuple(chain)
            if head.lemma_.lower() in lex.words("experiencer_verbs"):
                return None  # "states have seen scanning of their systems": not by the states
            found = control(head)
            if found is not None:
                return found
            cur = head
            continue
        if dep == "acomp":
            found = control(head)
            if found is not None:
                return found
            cur = head
            continue
        if dep == "advcl":
            # "because Russia hacked X" has a subject of its own; "while posing as
            # activists", "after hacking X" (a participle) shares the main clause's
            participle = cur.tag_ in {"VBG", "VBN"} and not any(c.dep_ == "aux" for c in cur.children)
            if not participle and any(c.dep_ == "mark" and c.lower_ in lex.words("subordinators_with_subject") for c in cur.children):
                return None
            seen = _child(head, "dobj") if head.lemma_.lower() in lex.words("perception_verbs") and cur.tag_ == "VBG" else None
            if seen is not None:
                # "observed foreign adversaries conducting operations": the seen act
                chain.append(head)
                return relative_antecedent(seen), "object-control", tuple(chain)
            if is_reporting(head, lex):
                return _reported_event_agent(head, lex, chain)
            found = control(head)
            if found is not None:
                return found
            cur = head
            continue
        if dep == "acl":
            if head.pos_ not in {"NOUN", "PROPN", "PRON"}:
                return None
            if cur.tag_ == "VBG" and not any(c.dep_ == "aux" for c in cur.children):
                if names_operation(head, lex):
                    # "engaged in a campaign targeting X": whoever runs the campaign targets X
                    runner = noun_agent(head, lex)
                    if runner is not None:
                        return runner[0], runner[1], (*chain, head)
                    above = inherited_subject(head, lex)
                    if above is not None:
                        return above[0], above[1], (*chain, head, *above[2])
                # "profiles posing as citizens": the noun is the participle's subject
                return head, "participle", tuple(chain)
            chain.append(head)
            agent = noun_agent(head, lex)
            if agent is not None:
                return agent[0], agent[1], tuple(chain)
            poss = _child(head, "poss")
            if poss is not None:
                # "the candidate's desire to promote": the possessor controls the infinitive
                return poss, "possessor", tuple(chain)
            cur = head
            continue
        if dep == "pcomp":
            prep = head
            accused = _accused(prep, lex)
            if accused is not None:
                # "charged X with conspiring to ...", "X was indicted for hacking ...": the
                # accused is the actor; the grand jury or the court never is
                chain.extend((prep, prep.head) if _is_verbal(prep.head) else (prep, prep.head, prep.head.head))
                return accused, "object-control", tuple(chain)
            if prep.lower_ in {"of", "for", "as"} and _is_verbal(prep.head):
                # "accused X of jeopardizing", "views X as having": X is the subject
                controller = _object_controller(prep.head, lex)
                if controller is not None:
                    chain.extend((prep, prep.head))
                    return controller, "object-control", tuple(chain)
            chain.append(prep)
            cur = prep
            continue
        if dep == "prep":
            if cur.lower_ == "to" and attribution_arguments(head, lex) is not None:
                return None  # "attributed X to a unit of Y": the attributor does nothing in it
            accused = _accused(cur, lex)
            if accused is not None:
                # "charging X with conspiracy to commit fraud": X conspired
                chain.extend((head,) if _is_verbal(head) else (head, head.head))
                return accused, "object-control", tuple(chain)
            if head.pos_ in {"NOUN", "PROPN"}:
                chain.append(head)
                agent = noun_agent(head, lex)
                if agent is not None:
                    return agent[0], agent[1], tuple(chain)
                cur = head
                continue
            if is_reporting(head, lex):
                return _reported_event_agent(head, lex, chain)
            taking_part = _participant(head, lex)
            if taking_part is not None:
                # "X was involved in hacking", "the unit was tasked with posting": the
                # passive's subject does the act, though it is no agent of the passive
                chain.append(head)
                return taking_part, "control", tuple(chain)
            if _is_verbal(head) or head.pos_ == "ADJ":
                found = control(head)
                if found is not None:
                    return found
            cur = head
            continue
        if dep == "pobj":
            if cur.head.lower_ == "with" and cur.head.head.pos_ in {"NOUN", "PROPN"}:
                # "countries with campaigns against X": the noun owns the activity
                return semantic_head(cur.head.head, lex), "with", tuple(chain)
            cur = head
            continue
        if dep in {"dobj", "attr", "oprd", "dative"}:
            if is_reporting(head, lex) or head.lemma_.lower() in lex.words("experiencer_verbs"):
                # "states have seen scanning of their systems": who sees it does not scan
                return None
            chain.append(head)
            found = own_subject(head)
            if found is not None:
                return found[0], "control", tuple(chain)
            cur = head
            continue
        return None
    return None


def _misread_complement(first: Token, conj: Token) -> bool:
    """A verb "coordinated" with an earlier one with no coordinator ("and", "or", a comma)
    between them is a misparse: across a relative clause it is the relative clause's
    complement ("impose sanctions on any person that the President determines has engaged
    in X": the person engaged, not the one who imposes); right after a verb without its
    object it is an adjective of that object ("to spread obtained data")."""
    between = first.doc[first.i + 1 : conj.i]
    before = between[-1] if len(between) else None
    if (
        before is not None and conj.tag_ in {"VBN", "VBD"} and before.pos_ == "VERB"
        and not any(c.dep_ == "dobj" for c in before.children)
    ):
        return True
    if any(t.dep_ in {"cc", "preconj"} or t.text in {",", ";"} for t in between):
        return False
    return any(t.dep_ == "relcl" for t in between)


def _participant(verb: Token, lex: Lexicon) -> Token | None:
    """The subject of a stative passive of taking part ("involved in", "engaged in",
    "tasked with"), without a by-agent: the one who does what its gerund names."""
    if verb.lemma_.lower() not in lex.words("participation_passives") or not _is_passive(verb) or _agent(verb) is not None:
        return None
    subject = _child(verb, "nsubjpass")
    return relative_antecedent(subject) if subject is not None else None


def _reported_event_agent(verb: Token, lex: Lexicon, chain: list[Token]) -> tuple[Token, str, tuple[Token, ...]] | None:
    # "ODNI warns of interference by Cuba to help candidates": a purpose clause hanging
    # off a reporting verb belongs to the reported event, whose agent is the actor.
    for child in verb.children:
        if child.dep_ == "prep":
            pobj = _pobj(child)
            if pobj is not None:
                agent = noun_agent(pobj, lex)
                if agent is not None:
                    return agent[0], agent[1], (*chain, pobj)
        if child.dep_ == "dobj":
            agent = noun_agent(child, lex)
            if agent is not None:
                return agent[0], agent[1], (*chain, child)
    return None
