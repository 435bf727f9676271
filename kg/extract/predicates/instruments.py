"""Who runs or uses an instrument: the owner named with it, the user of what it says.

* **Owners.** "Kremlin-linked accounts", "MSS-run pages", "the accounts, operated by the
  IRA": the name before the hyphen or the participle's agent owns the instrument.
* **Users.** A relative clause or bare participle on content ("narratives *that weaken*
  X", "videos *attacking* X") speaks of what the content does; whoever spreads or uses
  it does that too.
"""

from __future__ import annotations

from spacy.tokens import Token

from kg.entities import target_kind
from kg.extract.predicates.inheritance import inherited_subject
from kg.extract.predicates.repairs import is_misparsed_verb, root_noun_before, verb_lemma
from kg.extract.predicates.syntax import is_verbal as _is_verbal
from kg.extract.predicates.syntax import own_subject
from kg.extract.predicates.syntax import passive_agent as _agent
from kg.lexicon import Lexicon
from kg.ontology import relation_family

__all__ = ["compound_name", "instrument_owner", "instrument_user"]


def compound_name(part: Token, lex: Lexicon) -> Token | None:
    """"Kremlin" in "Kremlin-linked accounts": a capitalised name or demonym joined to the
    participle by a hyphen (the parser hangs it on the participle or on the noun).

    The name is both what a hyphenated participle ties its noun to and who owns an
    instrument named with it.

    Returns
    -------
    Token or None
        The name (or, for "state-run", the nationality word of the noun), or None.
    """
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


def instrument_owner(noun: Token, lex: Lexicon) -> Token | None:
    """Who runs an instrument named with its owner: "Kremlin-controlled accounts", "MSS-run
    pages", "the accounts, operated by the IRA, ..." (the owner of the instrument acts)."""
    control = lex.words("control_participles")
    for child in noun.children:
        if child.dep_ == "amod" and child.tag_ == "VBN" and child.lemma_.lower() in control:
            name = compound_name(child, lex)
            if name is not None:
                return name
        if child.dep_ == "acl" and child.tag_ == "VBN" and child.lemma_.lower() in control:
            agent = _agent(child)
            if agent is not None:
                return agent
    return None


def instrument_user(antecedent: Token, lex: Lexicon) -> tuple[Token, tuple[Token, ...]] | None:
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
        subject, chain = root_noun_before(verb), (verb,)
    else:
        own = own_subject(verb)
        if own is not None:
            subject, chain = own[0], (verb,)
        else:
            inherited = inherited_subject(verb, lex)
            if inherited is None:
                return None
            subject, chain = inherited[0], (verb, *inherited[2])
    lemma = verb.lemma_.lower() if verb.pos_ == "VERB" else (verb_lemma(verb.text, lex) or "")
    obj_lemma = antecedent.lemma_.lower()
    family = relation_family(lex.verb(lemma, None, obj_lemma))
    # who uses the instrument, spreads the content or conducts the operation ("perpetrated
    # schemes targeting X": the perpetrators target X)
    runs = family in {"uses", "conducts"} or lex.spreads(lemma, obj_lemma)
    if subject is None or not runs:
        return None
    return subject, chain
