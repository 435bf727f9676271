"""Predicate–argument structures of one sentence.

:func:`predications` walks a parsed sentence once and yields :class:`Predication`
records: a semantic predicate (a verb or an event noun), the head tokens of its subject
and object, the relation the lexicon gives it, and the chain of tokens that control it.

The linguistics, in the order the code applies it:

* **Voice.** Active clauses take ``nsubj`` and ``dobj``; passive ones (``nsubjpass``,
  ``auxpass``, or a past participle modifying a noun, "content spread by fake profiles")
  take the ``by`` agent as subject and the patient as object.
* **Control, raising and purpose.** A predicate without a subject of its own inherits one
  by climbing ``xcomp``/``advcl``/``acl``/``pcomp``/``prep``/``pobj``/``dobj`` links:
  "Cuba *attempted* to undermine X", "conducted operations *aimed at* denigrating X",
  "China tacitly approved *efforts* to attempt to influence X". An activity noun on the
  way with an agent of its own ("efforts *by foreign governments*", "*its* efforts",
  "*Cuban* interference") supplies the subject. Verbs with a direct object and an
  infinitive ("help candidates to win", "accused X of jeopardizing") are object control;
  directive verbs ("asked officials to focus") keep the instigator as the actor.
* **Coordination.** Subjects, verbs and objects are distributed: one predication per
  conjunct. A verb with no subject shares the one of the closest preceding conjunct; a
  verb with no object shares the next conjunct's ("support or weaken X"); a passive
  verb with no agent shares the next conjunct's ("produced and spread by X").
* **Sets.** Members named by "including X, Y and Z" inherit the set's predications
  ("countries ... including Russia, China" → Russia, China); a misattached "including"
  list of names is moved to the nearest preceding collective actor noun.
* **Relative clauses.** A relative pronoun stands for the noun the clause modifies
  ("politicians that it viewed", "countries ... which Washington is accusing").
* **Prepositional objects and light verbs.** Without a direct object, a preposition the
  lexicon asks for gives the object ("interfere *in*", "focus *on*"); when a direct object
  only carries the relation ("cast *criticism* on X", "build *relationships* with X"),
  the prepositional object is the target.
* **Nominal events.** An event noun with a relation and a preposition or compound object
  ("election interference by Cuba", "campaigns against X") is a predicate; its subject
  is its agent ("by", possessor, demonym) or the noun it is "with" ("countries with
  campaigns against X").
* **Copulas.** "is behind a campaign" is looked up as ``be`` + ``behind``.
* **Reported speech.** Verbs of saying with a clausal complement are never predicates
  (their complement is; attribution comes from :mod:`kg.extract.attribution`), and a
  subject is never inherited from a reporting verb.

Nothing here decides entity identity, negation or hedging: that is left to
:mod:`kg.extract` (with :mod:`kg.extract.coref`, :mod:`kg.extract.modality`).

Voice, a verb's own subject, a passive's agent and patient, particles and prepositional
objects come from the predicate layer shared with Open IE
(:mod:`kg.extract.predicates.syntax`); this module adds what needs the lexicon.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import NamedTuple

from spacy.strings import get_string_id
from spacy.tokens import Span, Token

from kg.extract import attribution as _attribution
from kg.entities import Gazetteer, target_kind
from kg.lexicon import Lexicon
# Voice, own subjects, passive agents and patients: the shared syntax Open IE reads too.
from kg.extract.predicates.syntax import child as _child
from kg.extract.predicates.syntax import is_passive as _is_passive
from kg.extract.predicates.syntax import is_verbal as _is_verbal
from kg.extract.predicates.syntax import own_subject
from kg.extract.predicates.syntax import particle as _particle
from kg.extract.predicates.syntax import passive_agent as _agent
from kg.extract.predicates.syntax import passive_patient as _patient
from kg.extract.predicates.syntax import pobj as _pobj
from kg.extract.spans import conjuncts, relative_antecedent, semantic_head
from kg.ontology import relation_family

__all__ = [
    "Lexicon",
    "Predication",
    "predications",
    "own_subject",
    "noun_agent",
    "inherited_subject",
    "set_members",
    "is_misparsed_verb",
]

# The word classes this module reads (activity_nouns, framing_nouns, actor_collectives,
# directive_verbs, the preposition classes, channel_nouns, ...) are data:
# kg/lexicon/words_clauses.tsv, read through the Lexicon every function is given.

#: Target kinds (kg.entities.target_kind) a directed instrument can be aimed at.
_TARGET_KINDS = frozenset({"Candidate", "Person", "PoliticalParty", "Election", "Institution", "Audience"})
#: Families of the aims an instrument serves, which its user shares.
_AIM_FAMILIES = frozenset({"targets", "supports"})
#: Families whose object is the thing done or used, never a place or circumstance.
_THING_FAMILIES = frozenset({"conducts", "uses"})
_NON_OBJECT_ENTS = frozenset({"DATE", "TIME", "CARDINAL", "ORDINAL", "PERCENT", "MONEY", "QUANTITY"})
#: How an activity noun's own agent is named inside its phrase ("by X", "X's", "Cuban").
_OWN_AGENT_VIAS = frozenset({"noun-by", "possessor", "demonym"})
#: Affiliation prepositions of a participle in a hyphenated compound ("Kremlin-linked").
_AFFILIATION_PREPS = ("by", "to", "with")
_AFFILIATION = "affiliatedWith"
#: Entity types that name a referent: a named object is never a light verb's noun.
_NAMED_OBJECT_ENTS = frozenset({"GPE", "NORP", "ORG", "PERSON", "LOC", "FAC"})


class Predication(NamedTuple):
    """One predicate with one subject and one object (coordination already distributed)."""

    predicate: Token  #: the semantic predicate: the innermost verb, or an event noun
    subject: Token  #: head of the subject (a relative pronoun is already replaced)
    object: Token  #: head of the object
    relation: str | None  #: ontology relation, or None for an open relation
    lemma: str  #: the predicate's lemma with its particle or copula preposition
    preposition: str | None  #: the preposition introducing the object, if any
    chain: tuple[Token, ...]  #: the predicate, then the tokens that control it, outward
    voice: str  #: "active", "passive", "nominal" or "copula"
    subject_via: str  #: how the subject was found: nsubj, agent, control, conj, member, ...
    svo: bool  #: a plain subject–verb–direct object clause (open relations need one)


# ---------------------------------------------------------------------------- helpers


def _is_event_noun(noun: Token, lex: Lexicon) -> bool:
    lemma = noun.lemma_.lower()
    return lemma in lex.words("activity_nouns") or lex.noun(lemma) is not None


def _clausal_complement(verb: Token) -> bool:
    return any(c.dep_ in {"ccomp", "parataxis"} or (c.dep_ == "xcomp" and c.pos_ == "VERB") for c in verb.children)


def _is_reporting(token: Token, lex: Lexicon) -> bool:
    return _is_verbal(token) and _attribution.is_reporting_verb(token, lex)


def noun_agent(noun: Token, lex: Lexicon) -> tuple[Token, str] | None:
    """The agent an activity noun names: "efforts *by X*", "*its* efforts", "*Cuban* interference".

    Only activity and event nouns have agents; "the report's section" has none.
    """
    if not _is_event_noun(noun, lex):
        return None
    for child in noun.children:
        if child.dep_ == "prep" and child.lower_ == "by":
            pobj = _pobj(child)
            if pobj is not None:
                return pobj, "noun-by"
    for child in noun.children:
        if child.dep_ == "poss":
            return child, "possessor"
    for child in noun.children:
        if child.dep_ in {"amod", "compound", "nmod"} and child.i < noun.i and (
            child.ent_type_ in {"NORP", "GPE"}
            or (child.pos_ in {"PROPN", "ADJ"} and child.text[:1].isupper() and not child.is_sent_start)
        ):
            # a nationality or affiliation word: "Cuban interference", "Kremlin campaign"
            return child, "demonym"
    return None


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
    if verb.lemma_.lower() not in accusations:
        return None
    if _is_passive(verb):
        subject = _child(verb, "nsubjpass")
        return relative_antecedent(subject) if subject is not None else None
    dobj = _child(verb, "dobj")
    return relative_antecedent(dobj) if dobj is not None else None


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
            if _is_reporting(head, lex):
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
            if cur.lower_ == "to" and _attributed(head, lex) is not None:
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
            if _is_reporting(head, lex):
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
            if _is_reporting(head, lex):
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


def set_members(sent: Span, lex: Lexicon) -> dict[int, list[Token]]:
    """Members named by "including ..." lists, keyed by the index of the set's head; actors
    added by a comitative phrase ("X, along with Y, ...") join X as members beside it.

    A list of proper names attached to a noun that is not a collective actor is moved to
    the nearest preceding collective actor noun of the sentence: the parser often hangs
    "..., including Russia, China" on the last noun before the comma.
    """
    members: dict[int, list[Token]] = {}
    comitative = False
    # the comitative words as string ids, for a cheap scan
    companions = {get_string_id(w) for w in lex.words("companion_words")}
    cues, collectives = lex.words("set_cues"), lex.words("actor_collectives")
    for tok in sent:
        if tok.lower in companions:
            comitative = True
        if tok.dep_ != "prep" or tok.lower_ not in cues:
            continue
        first = _pobj(tok)
        if first is None:
            continue
        names = conjuncts(first)
        target = tok.head
        if target.lemma_.lower() not in collectives and all(n.pos_ == "PROPN" for n in names):
            for cand in reversed(sent[: target.i - sent.start + 1]):
                if cand.pos_ == "NOUN" and cand.lemma_.lower() in collectives:
                    target = cand
                    break
        if target.pos_ in {"NOUN", "PROPN"}:
            members.setdefault(target.i, []).extend(names)
    for tok in sent:
        tag = tok.tag_
        if tag == "NNS":
            owners = _distributed_owners(tok) or _appositive_names(tok)
        elif tag in {"NNP", "NNPS"}:
            owners = _entity_list(tok)
        else:
            continue
        if owners:
            members.setdefault(tok.i, []).extend(owners)
    if comitative:
        _add_companions(sent, members, lex)
    return members


def _distributed_owners(noun: Token) -> list[Token]:
    """"The Governments of Iran and Russia": a plural noun over several named owners is
    one of each, so each owner is a member of the set (the parser leaves them in "of")."""
    if noun.tag_ != "NNS" or noun.pos_ != "NOUN":
        return []
    for prep in noun.children:
        if prep.dep_ == "prep" and prep.lower_ == "of":
            pobj = _pobj(prep)
            names = conjuncts(pobj) if pobj is not None else []
            if len(names) > 1 and all(n.pos_ == "PROPN" or n.ent_type_ in {"GPE", "ORG", "NORP"} for n in names):
                return names
    return []


def _appositive_names(noun: Token) -> list[Token]:
    """"The Russian companies SDA, Structura, and ANO Dialog": a plural description with a
    list of names in apposition stands for each name (a bracketed acronym after a name is
    the same name, not one more member)."""
    if noun.tag_ != "NNS" or noun.pos_ != "NOUN":
        return []
    names = [
        name
        for child in noun.children
        if child.dep_ == "appos"
        for name in conjuncts(child)
        if name.pos_ == "PROPN" or name.ent_type_ in {"ORG", "PERSON", "GPE", "NORP"}
    ]
    return names if len(names) > 1 else []


#: Named-entity labels whose lists the parser may fold into one name.
_LISTED_NER = frozenset({"PERSON", "ORG"})


def _entity_list(head: Token) -> list[Token]:
    """"Artem Lifshits, Anton Andreyev, and Darya Aslanova": a list of names the parser
    folded into one noun phrase (compounds and appositions instead of conjuncts) is the
    list of its named entities, when only commas and one conjunction stand between them."""
    if head.pos_ != "PROPN" or head.ent_type_ not in _LISTED_NER or head.n_lefts == 0:
        return []
    doc = head.doc
    left = head.left_edge.i
    phrase = doc[left : head.i + 1]
    if not any(t.dep_ == "cc" for t in phrase):
        return []  # cheap: no conjunction, no list
    ents = _entity_runs(phrase, head.ent_type_)
    if len(ents) < 3 or ents[-1][1] != head.i + 1 or ents[0][0] != left:
        return []
    gaps = [doc[a_end:b_start] for (_, a_end), (b_start, _) in zip(ents, ents[1:])]
    if any(not gap or any(t.text != "," and t.dep_ != "cc" for t in gap) for gap in gaps):
        return []
    if sum(t.dep_ == "cc" for gap in gaps for t in gap) != 1 or not any(t.dep_ == "cc" for t in gaps[-1]):
        return []
    return [doc[start:end].root for start, end in ents]


def _entity_runs(phrase: Span, label: str) -> list[tuple[int, int]]:
    """(start, end) of the named entities of one label inside a phrase, from the tokens'
    IOB tags (``Doc.ents`` is rebuilt on every access)."""
    runs: list[list[int]] = []
    for tok in phrase:
        if tok.ent_type_ == label and tok.ent_iob_ == "B":
            runs.append([tok.i, tok.i + 1])
        elif tok.ent_type_ == label and tok.ent_iob_ == "I" and runs and runs[-1][1] == tok.i:
            runs[-1][1] = tok.i + 1
    return [(start, end) for start, end in runs]


#: Named-entity labels of actors that a comitative phrase can add to a subject.
_COMPANION_NER = frozenset({"ORG", "NORP", "GPE"})


def _is_actor_name(tok: Token, lex: Lexicon) -> bool:
    sem = semantic_head(tok, lex)
    if sem.ent_type_ in _COMPANION_NER or tok.ent_type_ in _COMPANION_NER:
        return True
    if sem.pos_ not in {"PROPN", "NOUN"}:
        return False
    words = [c for c in sem.children if c.dep_ == "compound" and c.i < sem.i]
    return Gazetteer.default().lookup(" ".join(t.text for t in (*words, sem))) is not None


def _comitative(tok: Token) -> tuple[Token, Token] | None:
    """(anchor, first companion) for the connective ending at ``tok``: "along with",
    "together with", "alongside", "in addition to", "as well as"; the anchor is the
    token the phrase hangs on (a noun, or a verb the phrase precedes)."""
    low = tok.lower_
    prev = tok.nbor(-1) if tok.i > 0 else None
    start = tok
    if low == "alongside" and tok.dep_ == "prep":
        pass
    elif low == "with" and prev is not None and prev.lower_ in {"along", "together"}:
        start = prev
    elif low == "to" and prev is not None and prev.lower_ == "addition" and prev.i > 0 and tok.doc[prev.i - 1].lower_ == "in":
        start = tok.doc[prev.i - 1]
    elif low == "as" and prev is not None and prev.lower_ == "well" and prev.i > 0 and tok.doc[prev.i - 1].lower_ == "as":
        start = tok.doc[prev.i - 1]
    else:
        return None
    parts = {t.i for t in tok.doc[start.i : tok.i + 1]}
    companion = _pobj(tok)
    anchor = tok
    while anchor.i in parts and anchor.head.i != anchor.i:
        anchor = anchor.head
    if anchor.i in parts:
        return None
    if companion is None:
        # "X as well as Y attempted": Y parsed as a second subject of X's verb
        companion = next((t for t in tok.doc[tok.i + 1 : tok.sent.end] if t.dep_ == anchor.dep_ and t.head.i == anchor.head.i), None)
        if companion is None or companion.dep_ not in {"nsubj", "nsubjpass"}:
            return None
    return anchor, companion


def _add_companions(sent: Span, members: dict[int, list[Token]], lex: Lexicon) -> None:
    """"X, along with Y and Z, sought to ...", "X joins Y and Z in seeking to ...": the
    actors Y and Z share X's predications."""
    for tok in sent:
        low = tok.lower_
        if low.startswith("join"):
            if tok.lemma_.lower() != "join" or tok.pos_ != "VERB":
                continue
            subject, obj = _child(tok, "nsubj"), _child(tok, "dobj")
            joint = any(
                c.dep_ == "prep" and c.lower_ == "in" and any(g.dep_ == "pcomp" and g.tag_ == "VBG" for g in c.children)
                for c in tok.children
            )
            if subject is not None and obj is not None and joint and subject.pos_ in {"NOUN", "PROPN"}:
                added = [c for c in conjuncts(obj) if _is_actor_name(c, lex)]
                if added:
                    members.setdefault(subject.i, [subject]).extend(added)
            continue
        if low not in {"with", "alongside", "to", "as"}:
            continue
        found = _comitative(tok)
        if found is None:
            continue
        anchor, companion = found
        if anchor.pos_ in {"VERB", "AUX"}:
            subject = next((c for c in anchor.children if c.dep_ in {"nsubj", "nsubjpass"} and c.i < tok.i), None)
            if subject is None or not subject.i < tok.i < anchor.i:
                continue
            anchor = subject
        if anchor.pos_ not in {"NOUN", "PROPN"} or companion.i == anchor.i:
            continue
        added = [c for c in conjuncts(companion) if c.i != anchor.i and _is_actor_name(c, lex)]
        if added:
            members.setdefault(anchor.i, [anchor]).extend(added)


def _expand_subjects(subject: Token, members: dict[int, list[Token]], lex: Lexicon) -> Iterator[tuple[Token, bool]]:
    for conj in conjuncts(subject):
        sem = semantic_head(conj, lex)
        named = members.get(sem.i) or members.get(conj.i)
        if named:
            for name in named:
                yield name, name.i not in {conj.i, sem.i}
        else:
            yield conj, False


def _carried_by_infinitive(obj: Token, lex: Lexicon) -> bool:
    """"focused on its efforts to support X", "engaged in efforts to weaken X": a framing
    noun with an infinitive is no object; the infinitive's own predication is the claim."""
    return obj.lemma_.lower() in lex.words("framing_nouns") and any(
        c.dep_ == "acl" and any(a.dep_ == "aux" and a.lower_ == "to" for a in c.children) for c in obj.children
    )


def _mere_quantity(tok: Token, lex: Lexicon) -> bool:
    """A date, number or amount with nothing counted: "14 years", "$1 million"; "dozens
    *of networks*" counts something, and that is the object (see semantic_head)."""
    return tok.ent_type_ in _NON_OBJECT_ENTS and semantic_head(tok, lex).i == tok.i


def _objects(head: Token, lex: Lexicon) -> list[Token]:
    return [o for o in conjuncts(head) if not _mere_quantity(o, lex) and not o.is_space]


# ---------------------------------------------------------------------------- verbs


class _Arg(NamedTuple):
    head: Token
    preposition: str | None
    relation: str | None
    svo: bool


def _prep_objects(
    verb: Token, lemma: str, lex: Lexicon, explicit_only: bool = False, also: Token | None = None
) -> list[_Arg]:
    """Objects introduced by a preposition the lexicon selects ("interfere in", "focus on").

    A preposition that usually introduces a circumstance ("as", "through") counts only
    where the lexicon names it for this verb ("pose as", "publish through"); with
    ``explicit_only`` that holds for every preposition (the verb has a direct object too).
    ``also``: a direct object whose following prepositions are read as the verb's.
    """
    args = []
    after_object = [c for c in also.rights if c.dep_ == "prep"] if also is not None else []
    for prep in [*verb.children, *after_object]:
        if prep.dep_ not in {"prep", "dative"}:
            continue
        pobj = _pobj(prep)
        if pobj is None or _mere_quantity(pobj, lex):
            continue
        sem_lemma = semantic_head(pobj, lex).lemma_.lower()
        relation = lex.verb(lemma, prep.lower_, sem_lemma)
        if relation is None:
            continue
        explicit = relation != lex.verb(lemma, None, sem_lemma)
        if (explicit_only or prep.lower_ in lex.words("adjunct_prepositions") or prep.dep_ == "dative") and not explicit:
            continue
        if relation_family(relation) == "uses" and _child(verb, "xcomp") is not None:
            # "calls on X to cease": X is asked to act (object control), not used
            continue
        if relation_family(relation) in _THING_FAMILIES and relation == lex.verb(lemma, None, sem_lemma):
            # "conducted ... in the United States": a place, not what is conducted
            continue
        args.append(_Arg(pobj, prep.lower_, relation, False))
    return args


def _explicit_prep_objects(verb: Token, lemma: str, lex: Lexicon, dobj: Token) -> list[_Arg]:
    """Beside a direct object, the objects of prepositions the lexicon names for the verb:
    the recipient in "sent emails *to voters*", the channel in "published the documents
    *through a website*", the victim in "stole cables *from the ministry*" (also where the
    parser hung the preposition on the object)."""
    return [
        arg for arg in _prep_objects(verb, lemma, lex, explicit_only=True, also=dobj)
        # "attributed the operation to X" links the object, not the subject, to X
        if relation_family(arg.relation) in {"targets", "uses", "supports"}
    ]


def _directional_preps(verb: Token, dobj: Token, lex: Lexicon) -> list[Token]:
    preps = [c for c in dobj.children if c.dep_ == "prep"] + [c for c in verb.children if c.dep_ == "prep"]
    # division is sown *among* or *in* those it divides ("sow discord among voters")
    extra = lex.words("division_prepositions") if "divisive" in lex.object_classes(semantic_head(dobj, lex).lemma_.lower()) else frozenset()
    return [p for p in preps if p.lower_ in lex.words("target_prepositions") or p.lower_ in extra or (p.lower_ == "with" and p.head.i == dobj.i)]




def _verb_objects(verb: Token, lemma: str, lex: Lexicon) -> list[_Arg]:
    """Objects of an active verb with the relation each gives (see module docstring),
    and the operations it is done through."""
    args = _direct_verb_objects(verb, lemma, lex)
    taken = {a.head.i for a in args}
    return args + [a for a in _means_operations(verb, lex) if a.head.i not in taken]


def _names_operation(phrase: Token, lex: Lexicon) -> bool:
    """Whether a phrase names an operation or campaign ("an attempted hack of X",
    "disinformation campaigns"), by its semantic head."""
    return target_kind(semantic_head(phrase, lex).lemma_.lower(), lex) in {"Operation", "Campaign"}


def _means_operations(verb: Token, lex: Lexicon) -> list[_Arg]:
    """"sought to divide the American people *through targeted disinformation
    campaigns*": whoever acts through an operation conducts it."""
    found = []
    for prep in verb.children:
        if prep.dep_ == "prep" and prep.lower_ in lex.words("means_prepositions"):
            pobj = _pobj(prep)
            if pobj is not None and _names_operation(pobj, lex):
                found.append(_Arg(pobj, prep.lower_, "conducts", False))
    return found


def _direct_verb_objects(verb: Token, lemma: str, lex: Lexicon) -> list[_Arg]:
    dobj = _child(verb, "dobj") or _participle_object(verb)
    if dobj is None:
        dobj = _shared_object(verb)
    if dobj is None:
        return _prep_objects(verb, lemma, lex)
    dobj = relative_antecedent(dobj)
    if dobj.pos_ in {"PRON", "DET"} and dobj.lower_ in {"what", "which", "that", "this"}:
        return []
    sem = semantic_head(dobj, lex)
    sem_lemma = sem.lemma_.lower()
    relation = lex.verb(lemma, None, sem_lemma)
    if relation is None and sem.ent_type_ == "NORP" and sem.tag_ in {"NNPS", "NNS"}:
        # "recruited unwitting Americans": people named by their nation are its nationals
        relation = lex.verb(lemma, None, "national")
    kind = target_kind(sem_lemma, lex)
    if relation is None and lex.spreads(lemma, sem_lemma):
        # published content is no instrument, but whom it is for or against is still
        # what its spreader aims at: "amplified narratives favorable to X"
        return [*_aimed_instrument(verb, dobj, "Instrument", lex), *_evaluated(verb, dobj, "uses", lex), *_explicit_prep_objects(verb, lemma, lex, dobj)]
    if relation is None:
        # secondary predication: "portray the model as chaotic", "paint X as Y"
        for prep in [c for c in verb.children if c.dep_ == "prep"] + [c for c in dobj.children if c.dep_ == "prep"]:
            if prep.lower_ in {"as", "into"}:
                relation = lex.verb(lemma, prep.lower_, sem_lemma) or _framed_as(lemma, prep, lex)
                if relation is not None:
                    return [_Arg(dobj, None, relation, False)]
        return [_Arg(dobj, None, None, True), *_aimed_instrument(verb, dobj, kind, lex), *_explicit_prep_objects(verb, lemma, lex, dobj)]
    if relation_family(relation) == "targets" and kind in {None, "Tactic", "Instrument"} and sem.ent_type_ not in _NAMED_OBJECT_ENTS:
        # light verb (a named object is the target itself: "discredited Pakistan at the UN"): the noun carries the relation, the preposition names the target
        # ("cast criticism on X", "build relationships with X")
        for prep in _directional_preps(verb, dobj, lex):
            pobj = _pobj(prep)
            if pobj is not None and not _mere_quantity(pobj, lex):
                return [_Arg(pobj, prep.lower_, relation, False)]
    return [
        _Arg(dobj, None, relation, True), *_aimed_instrument(verb, dobj, kind, lex), *_evaluated(verb, dobj, relation, lex),
        *_explicit_prep_objects(verb, lemma, lex, dobj),
    ]


def _framed_as(lemma: str, prep: Token, lex: Lexicon) -> str | None:
    """``denigrates`` when a verb of characterising frames its object as something bad:
    "portray the model *as chaotic*, ineffective and unrepresentative", "depict them *as
    violent extremists*", "cast X *as a threat*". A framing verb alone is neutral ("portray
    X as a partner" makes no claim): the relation is in the complement."""
    if prep.lower_ != "as" or lemma not in lex.words("framing_verbs"):
        return None
    pejorative = lex.words("pejorative_complements")
    for complement in (c for c in prep.children if c.dep_ in {"pobj", "amod", "acomp", "oprd", "advmod", "appos"}):
        for word in conjuncts(complement):
            if word.lemma_.lower() in pejorative or word.lower_ in pejorative or any(
                c.dep_ == "amod" and c.lower_ in pejorative for c in word.children
            ):
                return "denigrates"
    return None


def _evaluated(verb: Token, dobj: Token, relation: str, lex: Lexicon) -> list[_Arg]:
    """Whom spread content is for or against: "amplified content *critical of* X",
    "push narratives *favorable to* X" (the adjective may hang on the noun or, as a
    secondary predicate, on the verb). Only when the verb uses the content."""
    if relation_family(relation) != "uses":
        return []
    heads = [c for c in dobj.children if c.dep_ == "amod"] + [c for c in verb.children if c.dep_ == "oprd"]
    args = []
    for adj in heads:
        for word in conjuncts(adj):
            evaluation = lex.value_map("evaluative_adjectives").get(word.lower_)
            prep = next((c for c in word.children if c.dep_ == "prep" and c.lower_ in lex.words("evaluative_prepositions")), None)
            pobj = _pobj(prep) if prep is not None else None
            if evaluation is not None and pobj is not None:
                args.append(_Arg(pobj, prep.lower_, evaluation, False))
    return args


def _participle_object(verb: Token) -> Token | None:
    """The object the parser made the subject of a reduced relative after the verb.

    "X targets politicians based on their ideas" is often parsed with *politicians* as
    the subject of a bare participle clause (``ccomp``, no auxiliary, no complementiser)
    right after the verb; a bare participle has no subject of its own, so the noun is the
    verb's object ("harassed dissidents living abroad" too).
    """
    for child in verb.children:
        if child.dep_ == "ccomp" and child.tag_ in {"VBN", "VBG"} and child.i > verb.i and not any(
            c.dep_ in {"aux", "auxpass", "mark"} for c in child.children
        ):
            subj = _child(child, "nsubj")
            if subj is not None and subj.left_edge.i == verb.i + 1:
                return subj
    return None


def _aimed_instrument(verb: Token, dobj: Token, kind: str | None, lex: Lexicon) -> list[_Arg]:
    """An instrument or tactic directed at a target: "amplified content *on politicians*"
    (the actor uses the content, and targets the politicians)."""
    if kind not in {"Instrument", "Tactic"}:
        return []
    for prep in _directional_preps(verb, dobj, lex):
        pobj = _pobj(prep)
        if pobj is None or _is_channel(prep, pobj, lex):
            continue
        if target_kind(semantic_head(pobj, lex).lemma_.lower(), lex) in _TARGET_KINDS:
            return [_Arg(pobj, prep.lower_, "targets", False)]
    return []


def _is_channel(prep: Token, pobj: Token, lex: Lexicon) -> bool:
    """"amplified narratives *on social media*": a medium content is placed on is where
    the instrument is used, not whom it is aimed at ("attacks *on the press*" still are)."""
    if prep.lower_ not in lex.words("channel_prepositions"):
        return False
    head = semantic_head(pobj, lex)
    if head.lemma_.lower() in lex.words("channel_nouns"):
        return True
    return any(c.dep_ in {"amod", "compound"} and c.lemma_.lower() in lex.words("channel_modifiers") for c in head.children)


def _shared_object(verb: Token) -> Token | None:
    # right node raising: "support or weaken X" — X is the object of both; only for a bare
    # verb immediately coordinated with the next one
    if any(c.dep_ in {"xcomp", "ccomp", "advcl", "prep", "dative", "attr", "acomp"} for c in verb.children):
        return None
    for conj in verb.children:
        if conj.dep_ != "conj" or not _is_verbal(conj):
            continue
        dobj = _child(conj, "dobj")
        if own_subject(conj) is None:
            between = verb.doc[verb.i + 1 : conj.i]
            if len(between) > 3 or not any(t.dep_ == "cc" for t in between):
                return None
            if dobj is not None:
                return dobj
        elif dobj is not None and _raised_past_commas(verb, conj, dobj):
            # "Beijing funded, and the MSS coordinated, campaigns ...": each clause has its
            # own subject and the commas set the shared object apart
            return dobj
    return None


def _raised_past_commas(verb: Token, conj: Token, dobj: Token) -> bool:
    """A comma right after the first verb and right before the shared object."""
    doc = verb.doc
    after_verb = doc[verb.i + 1] if verb.i + 1 < len(doc) else None
    first = next(t for t in dobj.subtree if not t.is_punct)  # the parser may hang the comma on the object
    before_object = doc[first.i - 1] if first.i > conj.i + 1 else None
    return (
        after_verb is not None and after_verb.text == ","
        and before_object is not None and before_object.text == ","
        and not any(t.dep_ not in {"dobj", "punct"} and conj.i < t.i < first.i for t in conj.children)
    )


def _passive_affiliations(
    verb: Token, patient: Token, lemma: str, lex: Lexicon, members: dict[int, list[Token]]
) -> Iterator[Predication]:
    """"accounts tied to Cuba", "a company affiliated with the government": a passive
    without agent whose preposition the lexicon reads as an affiliation links the patient
    to the preposition's object (other relations need an agent to have an actor)."""
    for arg in _prep_objects(verb, lemma, lex):
        if relation_family(arg.relation) != "affiliatedWith":
            continue
        relation = arg.relation
        if lemma in lex.words("participation_passives") and _names_operation(arg.head, lex):
            relation = "conducts"  # "linked to an attempted hack": tied to an act, one did it
        for subj, member in _expand_subjects(patient, members, lex):
            for obj in _objects(arg.head, lex):
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
    for arg in _prep_objects(verb, lemma, lex, explicit_only=True):
        if relation_family(arg.relation) not in {"conducts", "targets", "uses", "supports"}:
            continue
        for subj, member in _expand_subjects(patient, members, lex):
            for obj in _objects(arg.head, lex):
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


def _verb_predications(verb: Token, lex: Lexicon, members: dict[int, list[Token]]) -> Iterator[Predication]:
    if verb.dep_ in {"aux", "auxpass", "amod"}:
        return
    if _is_reporting(verb, lex) and _clausal_complement(verb):
        return
    lemma = verb.lemma_.lower()
    particle = _particle(verb)
    full_lemma = f"{lemma} {particle}" if particle else lemma
    copula = verb.pos_ == "AUX" or lemma == "be"
    if _is_passive(verb) and not copula:
        yield from _passive_predications(verb, full_lemma, lex, members)
        return
    attributed = _attributed(verb, lex)
    if attributed is not None:
        # "Meta attributed the network to two companies": the network is tied to them; Meta
        # only says so (its subject is the claim's source, see attribution)
        ascribed, owner = attributed
        for subj, member in _expand_subjects(ascribed, members, lex):
            for obj in _objects(owner, lex):
                yield Predication(verb, subj, obj, _AFFILIATION, lemma, "to", (verb,), "active", "attributed", False)
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
    if not copula:
        yield from _principal_predications(verb, subject, via, chain, full_lemma, members, lex)
    if copula:
        args = []
        for prep in verb.children:
            if prep.dep_ == "prep" and _pobj(prep) is not None:
                pobj = _pobj(prep)
                relation = lex.verb("be", prep.lower_, semantic_head(pobj, lex).lemma_.lower())
                if relation is not None:
                    args.append(_Arg(pobj, prep.lower_, relation, False))
        args += _copular_adjective_args(verb, lex)
        voice, full_lemma = "copula", "be"
    else:
        args = _verb_objects(verb, full_lemma, lex)
        voice = "active"
    # relative clauses and bare participles on content ("videos *attacking* X") speak of
    # what the content does; whoever spreads it does that too
    user = _instrument_user(subject, lex) if via in {"relcl", "participle"} else None
    for arg in args:
        lemma_out = f"{full_lemma} {arg.preposition}" if voice == "copula" else full_lemma
        if _carried_by_infinitive(arg.head, lex):
            continue
        if user is not None and arg.relation is not None:
            # the actor who spreads "narratives that weaken support for X" weakens it;
            # whoever bought "ads that promoted rallies" promoted them
            for subj, member in _expand_subjects(user[0], members, lex):
                for obj in _objects(arg.head, lex):
                    yield Predication(verb, subj, obj, arg.relation, lemma_out, arg.preposition, (verb, *user[1]), voice, "instrument", False)
            if relation_family(arg.relation) not in _AIM_FAMILIES:
                continue  # the ads do not use or conduct anything themselves
        for subj, member in _expand_subjects(subject, members, lex):
            objects = _objects(arg.head, lex)
            if member and any(obj.i == subj.i for obj in objects):
                continue  # "X joins Y and Z": the members are the object itself
            for obj in objects:
                if obj.i == subj.i:
                    continue
                yield Predication(
                    verb, subj, obj, arg.relation, lemma_out, arg.preposition, chain, voice,
                    "member" if member else via, arg.svo and voice == "active",
                )


def _attributed(verb: Token, lex: Lexicon) -> tuple[Token, Token] | None:
    """(what is attributed, to whom) for an active verb of attribution ("attributed X to
    Y", "linked X to Y": the lexicon's ``attributing_verbs``; "X was linked to Y" is an
    ordinary passive affiliation), or None."""
    if verb.lemma_.lower() not in lex.words("attributing_verbs") or own_subject(verb) is None:
        return None
    dobj = _child(verb, "dobj")
    to = next((c for c in verb.children if c.dep_ == "prep" and c.lower_ == "to"), None)
    owner = _pobj(to) if to is not None else None
    if dobj is None or owner is None:
        return None
    return relative_antecedent(dobj), owner


def _copular_adjective_args(verb: Token, lex: Lexicon) -> list[_Arg]:
    """Objects of a copular adjective the lexicon reads: "X is responsible for the breach"
    (conducts), "X is subordinate to Y" (affiliatedWith), "X was involved in Z"."""
    args = []
    for adj in verb.children:
        if adj.dep_ != "acomp" or adj.pos_ not in {"ADJ", "VERB"}:
            continue
        for prep in adj.children:
            pobj = _pobj(prep) if prep.dep_ == "prep" else None
            if pobj is None or _mere_quantity(pobj, lex):
                continue
            relation = lex.verb(adj.lemma_.lower(), prep.lower_, semantic_head(pobj, lex).lemma_.lower())
            if relation is not None and relation != lex.verb(adj.lemma_.lower(), None, semantic_head(pobj, lex).lemma_.lower()):
                args.append(_Arg(pobj, prep.lower_, relation, False))
    return args


def _principal(verb: Token, lex: Lexicon) -> Token | None:
    """X in "worked *on behalf of* X", "acted *at the behest of* X"."""
    for prep in verb.children:
        if prep.dep_ != "prep" or prep.lower_ not in lex.words("behalf_prepositions"):
            continue
        noun = _pobj(prep)
        if noun is None or noun.lemma_.lower() not in lex.words("behalf_nouns"):
            continue
        of = next((c for c in noun.children if c.dep_ == "prep" and c.lower_ == "of"), None)
        if of is not None and _pobj(of) is not None:
            return _pobj(of)
    return None


def _principal_predications(
    verb: Token, subject: Token, via: str, chain: tuple[Token, ...], lemma: str, members: dict[int, list[Token]],
    lex: Lexicon,
) -> Iterator[Predication]:
    # whoever acts on behalf of X is affiliated with X, whatever the verb
    principal = _principal(verb, lex)
    if principal is None:
        return
    for subj, member in _expand_subjects(subject, members, lex):
        for obj in _objects(principal, lex):
            if obj.i != subj.i:
                yield Predication(verb, subj, obj, _AFFILIATION, lemma, "of", chain, "active", "member" if member else via, False)


def _compound_name(part: Token, lex: Lexicon) -> Token | None:
    """"Kremlin" in "Kremlin-linked accounts": a capitalised name or demonym joined to the
    participle by a hyphen (the parser hangs it on the participle or on the noun)."""
    if part.i < 2 or part.doc[part.i - 1].text != "-":
        return None
    name = part.doc[part.i - 2]
    if name.head.i not in {part.i, part.head.i}:
        return None
    if name.lower_ in lex.words("state_words"):
        # "a state-run Russian news organization": the state is the one the noun's
        # nationality word names
        return next(
            (m for m in part.head.children if m.dep_ in {"amod", "compound"} and m.ent_type_ in {"NORP", "GPE"}),
            None,
        )
    if not name.text[:1].isupper():
        return None
    return name


def _compound_affiliations(part: Token, lex: Lexicon, members: dict[int, list[Token]]) -> Iterator[Predication]:
    """"Iranian-linked accounts", "Kremlin-backed outlets": the participle's reduced
    agent or complement is the name before the hyphen; the noun is affiliated with it."""
    if part.tag_ != "VBN" or part.head.pos_ not in {"NOUN", "PROPN"}:
        return
    name = _compound_name(part, lex)
    if name is None:
        return
    lemma = part.lemma_.lower()
    for prep in _AFFILIATION_PREPS:
        relation = lex.verb(lemma, prep, None)
        if relation_family(relation) == _AFFILIATION:
            break
    else:
        return
    described = part.head
    if described.dep_ == "attr" and described.head.lemma_ == "be" and own_subject(described.head) is not None:
        described = own_subject(described.head)[0]  # "X is a Kremlin-backed outlet": X is
    if described.dep_ == "compound" and described.head.pos_ == "PROPN" and described.pos_ == "NOUN":
        described = described.head  # "Kremlin-linked oligarch Yevgeniy Prigozhin": the one named
    if _names_operation(described, lex):
        if lemma in lex.words("control_participles"):
            # "Russian government-directed campaigns": whoever directs an operation conducts it
            yield Predication(part, name, described, "conducts", lemma, None, (part,), "passive", "agent", False)
        return  # an operation is no member of anything
    for subj, member in _expand_subjects(described, members, lex):
        yield Predication(part, subj, name, relation, lemma, prep, (part,), "passive", "patient", False)
        if lemma in lex.words("control_participles"):
            # "Kremlin-controlled accounts", "MSS-run pages": the owner uses what it runs
            yield Predication(part, name, subj, "uses", lemma, None, (part,), "passive", "agent", False)


def instrument_owner(noun: Token, lex: Lexicon) -> Token | None:
    """Who runs an instrument named with its owner: "Kremlin-controlled accounts", "MSS-run
    pages", "the accounts, operated by the IRA, ..." (the owner of the instrument acts)."""
    control = lex.words("control_participles")
    for child in noun.children:
        if child.dep_ == "amod" and child.tag_ == "VBN" and child.lemma_.lower() in control:
            name = _compound_name(child, lex)
            if name is not None:
                return name
        if child.dep_ == "acl" and child.tag_ == "VBN" and child.lemma_.lower() in control:
            agent = _agent(child)
            if agent is not None:
                return agent
    return None


def _instrument_user(antecedent: Token, lex: Lexicon) -> tuple[Token, tuple[Token, ...]] | None:
    """Who uses the content or instrument a relative clause is about, with the tokens
    climbed: "[operatives] used influencers to *promote narratives* that weaken X".

    The antecedent must be a thing, not a person or body, and only a verb the lexicon
    reads as using it ("promote", "spread", "create" narratives or websites) makes its
    actor the actor of the relative clause; "criticized narratives that weaken X" does not.
    """
    kind = target_kind(antecedent.lemma_.lower(), lex)
    if kind not in {"Instrument", "Tactic", "Operation", "Campaign", None}:
        return None
    verb = antecedent.head if antecedent.dep_ == "dobj" and _is_verbal(antecedent.head) else None
    if verb is None:
        verb = next((c for c in antecedent.children if c.dep_ == "amod" and is_misparsed_verb(c)), None)
        if verb is None:
            return None
        subject, chain = _root_noun_before(verb), (verb,)
    else:
        own = own_subject(verb)
        if own is not None:
            subject, chain = own[0], (verb,)
        else:
            inherited = inherited_subject(verb, lex)
            if inherited is None:
                return None
            subject, chain = inherited[0], (verb, *inherited[2])
    lemma = verb.lemma_.lower() if verb.pos_ == "VERB" else (_verb_lemma(verb.text, lex) or "")
    obj_lemma = antecedent.lemma_.lower()
    family = relation_family(lex.verb(lemma, None, obj_lemma))
    # who uses the instrument, spreads the content or conducts the operation ("perpetrated
    # schemes targeting X": the perpetrators target X)
    runs = family in {"uses", "conducts"} or lex.spreads(lemma, obj_lemma)
    if subject is None or not runs:
        return None
    return subject, chain


def _reattached_patient(verb: Token, patient: Token, lex: Lexicon) -> Token:
    """"Moscow's use of proxies *linked to* X": a participle right after "EVENT of N" that
    the parser hung on the event noun modifies N: an act is not linked, backed or run."""
    if verb.dep_ != "acl" or patient.i != verb.head.i:
        return patient
    if verb.lemma_.lower() in lex.words("control_participles") and "agent" in lex.object_classes(patient.lemma_.lower()):
        return _owned_body(verb, patient) or patient
    if not _is_event_noun(patient, lex):
        return patient
    of = next((c for c in patient.children if c.dep_ == "prep" and c.lower_ == "of" and c.i < verb.i), None)
    pobj = _pobj(of) if of is not None else None
    if pobj is not None and pobj.i == verb.i - 1:
        return pobj
    return patient


def _owned_body(verb: Token, people: Token) -> Token | None:
    """"nationals linked to the Internet Research Agency, owned and operated by X": people
    are not owned or run; the participle the parser hung on them modifies the last
    organisation named between them and it."""
    depth = 0  # skip what brackets hold: "(also known as Lakhta Internet Research)"
    for tok in reversed(verb.doc[people.i + 1 : verb.i]):
        depth += (tok.text == ")") - (tok.text == "(")
        if depth == 0 and tok.pos_ == "PROPN" and tok.dep_ not in {"compound", "flat"} and tok.head.i < verb.i:
            if tok.ent_type_ in {"ORG", ""}:  # a body's name, not a person's or a place's
                return tok
    return None


def _passive_predications(verb: Token, lemma: str, lex: Lexicon, members: dict[int, list[Token]]) -> Iterator[Predication]:
    patient = _patient(verb)
    if patient is None and verb.dep_ == "conj":
        patient = _patient(verb.head)
    if patient is None:
        return
    first = verb.head if verb.dep_ == "conj" and _patient(verb) is None else verb
    patient = _reattached_patient(first, patient, lex)
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
        for subj, member in _expand_subjects(patient, members, lex):
            for obj in _objects(agent, lex):
                yield Predication(verb, subj, obj, by_relation, lemma, "by", (verb,), "passive", "patient", False)
        if relation_family(relation) not in _THING_FAMILIES:
            return
        # "the campaign was run by operatives", "websites created by a company": the
        # agent also conducts or uses the thing, the claim an analyst looks for first
    for subj, member in _expand_subjects(agent, members, lex):
        for obj in _objects(patient, lex):
            if obj.i == subj.i:
                continue
            yield Predication(verb, subj, obj, relation, lemma, None, (verb,), "passive", "member" if member else "agent", False)


# ---------------------------------------------------------------------------- nouns


def _noun_objects(noun: Token, lex: Lexicon) -> list[_Arg]:
    lemma = noun.lemma_.lower()
    bare = lex.noun(lemma, None)
    args = []
    for prep in noun.children:
        if prep.dep_ != "prep" or prep.lower_ not in lex.words("noun_object_prepositions"):
            continue
        pobj = _pobj(prep)
        if pobj is None or _mere_quantity(pobj, lex):
            continue
        relation = lex.noun(lemma, prep.lower_)
        if relation is None:
            continue
        if prep.lower_ in lex.words("descriptive_tie_prepositions") and relation_family(relation) == _AFFILIATION and not _kept_tie(noun, lex):
            continue  # "candidates with ties to the regime" describes; a copula states ("X is a front for Y")
        # "campaign against X" names its target; "operation in X" only its place
        # "use of proxies": "of" introduces what a use-noun uses, not a circumstance
        theme = prep.lower_ == "of" and relation_family(relation) == "uses"
        if relation != bare or relation_family(relation) == "targets" or theme:
            args.append(_Arg(pobj, prep.lower_, relation, False))
    if args:
        return args
    # "election interference": a common-noun compound is the event's theme; an actor noun
    # is its agent instead ("Russian government propaganda", "regime propaganda")
    if bare is not None and relation_family(bare) == "targets":
        actors = lex.words("actor_nouns")
        for child in noun.children:
            if child.dep_ != "compound" or child.pos_ != "NOUN" or child.i > noun.i or child.lemma_.lower() in actors:
                continue
            if not _is_event_noun(child, lex):
                args.append(_Arg(child, None, bare, False))
    return args


def _kept_tie(noun: Token, lex: Lexicon) -> bool:
    """"Derkach maintains close ties to Russian intelligence": a tie that is the object
    of a verb of having or keeping is stated of the verb's subject, not only described."""
    verb = noun.head
    return noun.dep_ == "dobj" and verb.pos_ in {"VERB", "AUX"} and verb.lemma_.lower() in lex.words("tie_keeping_verbs")


def _asserted_subject(noun: Token) -> bool:
    """An activity the sentence is about (its clause's subject, "Russia's campaign
    intensified"), not one merely mentioned ("the section on Cuba's activities") or
    under a denial ("does not say how effective Havana's campaign was")."""
    if noun.dep_ not in {"nsubj", "nsubjpass"}:
        return False
    return not any(c.dep_ == "neg" for anc in noun.ancestors for c in anc.children)


def _own_activity(noun: Token, lex: Lexicon, agent: tuple[Token, str] | None) -> _Arg | None:
    """"Russia's disinformation campaign", "a Chinese influence operation": an activity
    noun whose agent is named in the phrase states that the agent conducts it. Framing
    nouns ("its efforts to") carry no claim of their own."""
    if agent is None or agent[1] not in _OWN_AGENT_VIAS or not _asserted_subject(noun):
        return None
    lemma = noun.lemma_.lower()
    if lemma in lex.words("framing_nouns"):
        return None
    bare = lex.noun(lemma, None)
    if relation_family(bare) != "conducts":
        return None
    return _Arg(noun, None, bare, False)


def _noun_predications(noun: Token, lex: Lexicon, members: dict[int, list[Token]]) -> Iterator[Predication]:
    args = _noun_objects(noun, lex)
    agent = noun_agent(noun, lex)
    own = _own_activity(noun, lex, agent)
    if own is not None:
        args = [*args, own]
    if not args:
        return
    if agent is not None:
        subject, via, chain = agent[0], agent[1], (noun,)
    else:
        inherited = inherited_subject(noun, lex)
        if inherited is None:
            return
        subject, via, climbed = inherited
        chain = (noun, *climbed)
    for arg in args:
        for subj, member in _expand_subjects(subject, members, lex):
            for obj in _objects(arg.head, lex):
                if obj.i == subj.i:
                    continue
                yield Predication(
                    noun, subj, obj, arg.relation, noun.lemma_.lower(), arg.preposition, chain, "nominal",
                    "member" if member else via, False,
                )


# ---------------------------------------------------------------------------- repairs


def is_misparsed_verb(tok: Token) -> bool:
    """A verb the parser folded into the noun phrase after it.

    Two shapes: a finite past tense as a modifier of the object in a sentence whose root
    is the subject noun ("Hackers *targeted* academics" parsed as a verbless phrase), and
    "supported candidates it viewed as friendly *and targeted* members", an "-ed"
    conjunct of a predicative adjective that opens a noun phrase.
    """
    if tok.dep_ == "amod" and tok.tag_ == "VBD":
        return _root_noun_before(tok) is not None
    if _folded_subject(tok) is not None:
        return True
    if _coordinated_infinitive(tok):
        return True
    if tok.dep_ != "conj" or tok.pos_ not in {"ADJ", "VERB"} or "-" in tok.text:
        return False
    first = tok.head
    if first.dep_ != "amod" or first.pos_ != "ADJ" or first.lower_.endswith("ed"):
        return False
    if not tok.lower_.endswith("ed") or first.head.pos_ not in {"NOUN", "PROPN"}:
        return False
    # the adjectives open their noun phrase: no determiner, so no attributive reading
    return first.i == first.head.left_edge.i and any(c.dep_ == "cc" for c in first.children)


def _coordinated_infinitive(tok: Token) -> bool:
    """A second infinitive the parser read as an adjective of its object: "sought to stoke
    discord and *undermine* confidence", where "undermine confidence" became an object of
    "stoke". The word opens its noun phrase right after "and"/"or", and that phrase is the
    second object of a bare infinitive."""
    if tok.dep_ != "amod" or tok.pos_ not in {"ADJ", "VERB"} or tok.i == 0:
        return False
    noun = tok.head
    before = tok.doc[tok.i - 1]
    if before.dep_ != "cc" or before.lower_ not in {"and", "or"} or noun.left_edge.i != tok.i:
        return False
    return noun.dep_ == "dobj" and noun.head.tag_ == "VB" and before.head.i < tok.i and before.head.head.i == noun.head.i


def _folded_subject(tok: Token) -> Token | None:
    """"Ionov utilized AGMR" parsed as one noun phrase (root "AGMR", "Ionov" its compound,
    "utilized" its adjective): a sentence whose root is a name, with a past form between
    that name's own compound name and it, is subject, verb and object."""
    if tok.dep_ != "amod" or tok.tag_ not in {"VBD", "VBN"} or "-" in tok.text:
        return None
    root = tok.head
    if root.dep_ != "ROOT":
        return None
    if root.pos_ != "PROPN" or root.i != tok.i + 1:
        return None
    subject = tok.doc[tok.i - 1] if tok.i > 0 else None
    if subject is None or subject.pos_ != "PROPN" or subject.head.i != root.i or subject.dep_ != "compound":
        return None
    return subject


def _root_noun_before(tok: Token) -> Token | None:
    root = tok.sent.root
    if root.pos_ in {"NOUN", "PROPN"} and root.i < tok.i < tok.head.i:
        return root
    return None


def _verb_lemma(form: str, lex: Lexicon) -> str | None:
    """The lexicon verb a regular past form comes from ("targeted", "criticized", "denied")."""
    word = form.lower()
    for lemma in (word[:-2], word[:-1], word[:-3], word[:-3] + "y"):
        if len(lemma) > 2 and lex.verb(lemma) is not None:
            return lemma
    return None


def _repaired_verb_predications(tok: Token, lex: Lexicon, members: dict[int, list[Token]]) -> Iterator[Predication]:
    if _coordinated_infinitive(tok):
        lemma = tok.lower_ if lex.verb(tok.lower_) is not None else None
    elif tok.pos_ == "VERB" and lex.verb(tok.lemma_.lower()):
        lemma = tok.lemma_.lower()
    else:
        lemma = _verb_lemma(tok.text, lex)
    if lemma is None:
        return
    obj = tok.head if tok.dep_ == "amod" else tok.head.head
    relation = lex.verb(lemma, None, semantic_head(obj, lex).lemma_.lower())
    if relation is None:
        return
    # the verb it is coordinated with is the outermost finite verb above it
    subject = (_root_noun_before(tok) or _folded_subject(tok)) if tok.dep_ == "amod" else None
    innermost = _coordinated_infinitive(tok)  # its infinitive's own clause, not a reporting verb above
    for anc in tok.ancestors:
        if _is_verbal(anc) and anc.tag_ in {"VBD", "VBZ", "VBP"}:
            found = own_subject(anc)
            if found is not None:
                subject = found[0]
                if innermost:
                    break
    if subject is None:
        return
    for subj, member in _expand_subjects(subject, members, lex):
        yield Predication(tok, subj, obj, relation, lemma, None, (tok,), "active", "member" if member else "conj", False)


# ---------------------------------------------------------------------------- entry


#: Nouns for a position in an organisation or a part of one: whoever holds the position,
#: or is the part, belongs to the organisation in the "of/at/in/for" phrase ("the chief
#: accountant of Project Lakhta", "a manager in the department", "a subordinate
#: organization of the IRGC"). General English nouns of office and of organisational parts.
def _role_holder(noun: Token, lex: Lexicon) -> tuple[Token, str] | None:
    """Who holds the role a noun names: an apposition's anchor ("X, the founder of Y"), a
    copula's subject ("X is a unit of Y") or the subject of "serve/work as" ("X served as a
    manager in Y")."""
    if noun.dep_ == "appos":
        return noun.head, "appos"
    if noun.dep_ == "attr" and noun.head.lemma_ in lex.words("role_verbs"):
        own = own_subject(noun.head)
        return (own[0], own[1]) if own is not None else None
    if noun.dep_ == "pobj" and noun.head.lower_ == "as" and noun.head.head.lemma_ in lex.words("role_verbs"):
        own = own_subject(noun.head.head)
        return (own[0], own[1]) if own is not None else None
    return None


def _inside_hyphenated_word(tok: Token) -> bool:
    """"in" of "editor-in-chief": a piece of one hyphenated word, not a preposition."""
    doc = tok.doc
    return 0 < tok.i < len(doc) - 1 and doc[tok.i - 1].text == "-" and doc[tok.i + 1].text == "-"


def _described_name_affiliation(noun: Token, lex: Lexicon) -> Iterator[Predication]:
    """"Russia FSB cyber actor Star Blizzard", "GRU hacker Ivan Petrov": a name led by
    an actor noun that itself names a body is affiliated with that body (the body named
    last before the noun; a country named alone is only the body's nationality)."""
    if noun.dep_ != "compound":
        return
    name = noun.head
    if name.pos_ != "PROPN" or noun.i > name.i:
        return
    if noun.lemma_.lower() not in lex.words("actor_nouns"):
        return
    bodies = [t for t in noun.subtree if t.i < noun.i and t.pos_ == "PROPN" and t.dep_ == "compound" and t.ent_type_ not in {"GPE", "NORP"}]
    if bodies:
        yield Predication(noun, name, bodies[-1], _AFFILIATION, noun.lemma_.lower(), None, (noun,), "copula", "role", False)


def _title_body(noun: Token, lex: Lexicon) -> Token | None:
    """The body a title names before itself: "RT" in "an RT Deputy Editor-in-Chief" (a
    name that is no title word, person or place)."""
    roles = lex.words("role_nouns")
    for child in noun.lefts:
        if child.dep_ in {"compound", "nmod"} and child.pos_ == "PROPN" and child.lower_ not in roles:
            if child.ent_type_ == "ORG" or _acronym(child):
                return child  # a body's name or acronym, not "Assistant" or "Acting"
    return None


def _named_body(noun: Token) -> Token | None:
    """The organisation a person's role noun's name modifier names: "FSB" in "an FSB officer"."""
    return next(
        (c for c in noun.lefts if c.dep_ == "compound" and c.pos_ == "PROPN" and (c.ent_type_ == "ORG" or _acronym(c))), None
    )


def _acronym(tok: Token) -> bool:
    """"FSB", "RT", "MSS": a body's acronym, whatever the tagger said."""
    return tok.text.isupper() and len(tok.text) > 1 and tok.text.isalpha()


def _organisation_part(noun: Token, lex: Lexicon) -> bool:
    """A noun that names a part of an organisation and stands as an argument itself."""
    if noun.lemma_.lower() not in lex.words("organisation_part_nouns") or noun.lemma_.lower() in lex.words("member_nouns"):
        return False  # "officers of the GRU" act for the GRU (the claims' member rule)
    if noun.dep_ == "pobj" and noun.head.lower_ == "as":
        return False  # "as a unit of X, ...": a description of someone else
    return noun.dep_ in {"nsubj", "nsubjpass", "dobj", "pobj", "conj"}


#: Where a capitalised title stands as a role of someone, not inside a name.
_ROLE_TITLE_DEPS = frozenset({"attr", "appos"})


def role_affiliations(noun: Token, members: dict[int, list[Token]], lex: Lexicon) -> Iterator[Predication]:
    """Affiliations stated by a role noun: the holder of "the chief accountant of Project
    Lakhta" or "a subordinate organization of the IRGC" is affiliated with its object."""
    head = noun
    roles = lex.words("role_nouns")
    if noun.lemma_.lower() not in roles and noun.lower_ not in roles:
        return
    holder = _role_holder(noun, lex)
    if holder is None and _organisation_part(noun, lex):
        # "designating a subordinate organization of the IRGC", "two bureaus of the MSS
        # hacked ...": the part is an organisation of its own, tied to the whole
        holder = (noun, "part")
    named_body = _named_body(noun) if noun.lemma_.lower() in lex.words("member_nouns") else None
    if holder is None and named_body is not None:
        # "a Russian FSB officer (FSB Officer 1)": whoever the noun turns out to be (a name
        # the text gives it) belongs to the body named before it
        holder = (noun, "role")
    if holder is None:
        return
    subject, via = holder
    if subject.pos_ not in {"PROPN", "NOUN", "PRON"}:
        return
    if subject.dep_ == "nsubj" and _is_reporting(subject.head, lex):
        return  # "said Jack Stubbs, Graphika's director": who the source is makes no claim
    places = [
        (prep.lower_, _pobj(prep))
        for prep in head.children
        if prep.dep_ == "prep" and prep.lower_ in lex.words("role_prepositions") and not _inside_hyphenated_word(prep)
    ]
    if named_body is not None:
        places.append(("of", named_body))
    owner = _child(noun, "poss")
    if not places and owner is not None and (owner.pos_ in {"PROPN", "PRON"} or owner.ent_type_ in _COMPANION_NER):
        places.append(("of", owner))  # "RT's Digital Media Projects Manager", "its founder"
    if not places and noun.dep_ == "attr":
        body = _title_body(noun, lex)
        if body is not None:
            places.append(("of", body))  # "X is an RT Deputy Editor-in-Chief"
    verb = noun.head.head if noun.dep_ == "pobj" else noun.head
    if verb.dep_ == "relcl" and any(c.dep_ == "advmod" and c.lower_ == "where" for c in verb.children):
        places.append(("in", verb.head))  # "the department, where X served as a manager"
    for preposition, pobj in places:
        if pobj is None or _mere_quantity(pobj, lex):
            continue
        for subj, member in _expand_subjects(subject, members, lex):
            for obj in _objects(pobj, lex):
                if obj.i != subj.i:
                    yield Predication(noun, subj, obj, _AFFILIATION, noun.lemma_.lower(), preposition, (noun,), "copula", "role", False)


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
            yield from role_affiliations(tok, members, lex)
    for noun in nouns:
        yield from _noun_predications(noun, lex, members)
        yield from role_affiliations(noun, members, lex)
        yield from _described_name_affiliation(noun, lex)
