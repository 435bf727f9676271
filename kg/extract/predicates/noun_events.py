"""Event nouns as predicates: their agents and their objects.

An event noun with a relation and a preposition or compound object ("election
interference by Cuba", "campaigns against X") is a predicate; its subject is its agent
("by", possessor, demonym) or, when it names none, one inherited from what controls it
(:mod:`~kg.extract.predicates.inheritance`; "countries with campaigns against X").
An activity noun whose agent is named in its phrase and which the sentence is about
states that the agent conducts it ("Russia's disinformation campaign intensified").

The agent an activity noun names is also the subject it supplies to what it controls
("efforts *by X* to influence Y"), and the actor of a verb whose subject it is ("the
alleged Cuban interference targets politicians").
"""

from __future__ import annotations

from spacy.tokens import Token

from kg.extract.predicates.arguments import AFFILIATION, Argument, mere_quantity
from kg.extract.predicates.syntax import pobj as _pobj
from kg.lexicon import Lexicon
from kg.ontology import relation_family

__all__ = ["is_event_noun", "is_operation_noun", "noun_agent", "noun_objects", "own_activity"]

#: How an activity noun's own agent is named inside its phrase ("by X", "X's", "Cuban").
_OWN_AGENT_VIAS = frozenset({"noun-by", "possessor", "demonym"})


def is_event_noun(noun: Token, lex: Lexicon) -> bool:
    """Whether a noun names an activity or an event the lexicon knows ("efforts",
    "interference"): only these have agents, and only these can be predicates.

    Returns
    -------
    bool
        True for the lexicon's ``activity_nouns`` and for nouns with a noun relation.
    """
    lemma = noun.lemma_.lower()
    return lemma in lex.words("activity_nouns") or lex.noun(lemma) is not None


def noun_agent(noun: Token, lex: Lexicon) -> tuple[Token, str] | None:
    """The agent an activity noun names: "efforts *by X*", "*its* efforts", "*Cuban* interference".

    Only activity and event nouns have agents; "the report's section" has none.
    """
    if not is_event_noun(noun, lex):
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


def noun_objects(noun: Token, lex: Lexicon) -> list[Argument]:
    """The objects of an event noun with the relation the lexicon gives each: "campaign
    *against X*", "use *of proxies*", "*election* interference".

    Returns
    -------
    list of Argument
        Empty when the noun names no target, theme or tie.
    """
    lemma = noun.lemma_.lower()
    bare = lex.noun(lemma, None)
    args = []
    for prep in noun.children:
        if prep.dep_ != "prep" or prep.lower_ not in lex.words("noun_object_prepositions"):
            continue
        pobj = _pobj(prep)
        if pobj is None or mere_quantity(pobj, lex):
            continue
        relation = lex.noun(lemma, prep.lower_)
        if relation is None:
            continue
        if prep.lower_ in lex.words("descriptive_tie_prepositions") and relation_family(relation) == AFFILIATION and not _kept_tie(noun, lex):
            continue  # "candidates with ties to the regime" describes; a copula states ("X is a front for Y")
        # "campaign against X" names its target; "operation in X" only its place
        # "use of proxies": "of" introduces what a use-noun uses, not a circumstance
        theme = prep.lower_ == "of" and relation_family(relation) == "uses"
        if relation != bare or relation_family(relation) == "targets" or theme:
            args.append(Argument(pobj, prep.lower_, relation, False))
    if args:
        return args
    # "election interference": a common-noun compound is the event's theme; an actor noun
    # is its agent instead ("Russian government propaganda", "regime propaganda")
    if bare is not None and relation_family(bare) == "targets":
        actors = lex.words("actor_nouns")
        for child in noun.children:
            if child.dep_ != "compound" or child.pos_ != "NOUN" or child.i > noun.i or child.lemma_.lower() in actors:
                continue
            if not is_event_noun(child, lex):
                args.append(Argument(child, None, bare, False))
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


def own_activity(noun: Token, lex: Lexicon, agent: tuple[Token, str] | None) -> Argument | None:
    """"Russia's disinformation campaign", "a Chinese influence operation": an activity
    noun whose agent is named in the phrase states that the agent conducts it. Framing
    nouns ("its efforts to") carry no claim of their own."""
    if agent is None or agent[1] not in _OWN_AGENT_VIAS or not _asserted_subject(noun):
        return None
    if not is_operation_noun(noun, lex):
        return None
    return Argument(noun, None, lex.noun(noun.lemma_.lower(), None), False)


def is_operation_noun(noun: Token, lex: Lexicon) -> bool:
    """An event noun the lexicon says is conducted ("campaign", "intrusion"), not a frame
    around one ("efforts to"). Narrower than :func:`is_event_noun` (any activity or event
    noun); :func:`kg.extract.predicates.arguments.names_operation` asks the same of a whole
    phrase by the target kind of its semantic head."""
    lemma = noun.lemma_.lower()
    return lemma not in lex.words("framing_nouns") and relation_family(lex.noun(lemma, None)) == "conducts"
