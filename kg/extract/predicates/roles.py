"""Roles and titles: who holds a position in an organisation, or is a part of one.

Nouns for a position in an organisation or a part of one (the lexicon's ``role_nouns``,
general English nouns of office and of organisational parts): whoever holds the position,
or is the part, belongs to the organisation in the "of/at/in/for" phrase ("the chief
accountant of Project Lakhta", "a manager in the department", "a subordinate
organization of the IRGC"). The holder is an apposition's anchor, a copula's subject or
the subject of "serve as"; the organisation may also be named before the title ("an
*FSB* officer", "an *RT* Deputy Editor-in-Chief") or own it ("*RT's* manager").

A name led by an actor noun that names a body is affiliated with that body ("GRU hacker
Ivan Petrov"). The claims layer types both as ``affiliatedWith``.
"""

from __future__ import annotations

from spacy.tokens import Token

from kg.extract.predicates.inheritance import is_reporting
from kg.extract.predicates.sets import COMPANION_NER
from kg.extract.predicates.syntax import child as _child
from kg.extract.predicates.syntax import own_subject
from kg.extract.predicates.syntax import pobj as _pobj
from kg.lexicon import Lexicon

__all__ = ["described_name_body", "role_ties"]


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


def _names_place(token: Token | None) -> bool:
    return token is not None and token.ent_type_ in {"GPE", "LOC", "FAC"}


def role_ties(noun: Token, lex: Lexicon) -> tuple[Token, list[tuple[str, Token | None]]] | None:
    """Affiliations stated by a role noun: the holder of "the chief accountant of Project
    Lakhta" or "a subordinate organization of the IRGC" is affiliated with its object.

    Returns
    -------
    tuple or None
        (the holder, [(preposition, organisation head or None), ...]), or None when the
        noun is no role or states no holder.
    """
    head = noun
    roles = lex.words("role_nouns")
    if noun.lemma_.lower() not in roles and noun.lower_ not in roles:
        return None
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
        return None
    subject, how = holder  # how the holder was found does not change the tie
    if subject.pos_ not in {"PROPN", "NOUN", "PRON"}:
        return None
    if subject.dep_ == "nsubj" and is_reporting(subject.head, lex):
        return None  # "said Jack Stubbs, Graphika's director": who the source is makes no claim
    places = [
        (prep.lower_, _pobj(prep))
        for prep in head.children
        if prep.dep_ == "prep" and prep.lower_ in lex.words("role_prepositions") and not _inside_hyphenated_word(prep)
        # "political organizations in the United States": a part is of its whole, an
        # organisation in a country is only located there
        and not (how == "part" and prep.lower_ != "of" and _names_place(_pobj(prep)))
    ]
    if named_body is not None:
        places.append(("of", named_body))
    owner = _child(noun, "poss")
    if not places and owner is not None and (owner.pos_ in {"PROPN", "PRON"} or owner.ent_type_ in COMPANION_NER):
        places.append(("of", owner))  # "RT's Digital Media Projects Manager", "its founder"
    if not places and noun.dep_ == "attr":
        body = _title_body(noun, lex)
        if body is not None:
            places.append(("of", body))  # "X is an RT Deputy Editor-in-Chief"
    verb = noun.head.head if noun.dep_ == "pobj" else noun.head
    if verb.dep_ == "relcl" and any(c.dep_ == "advmod" and c.lower_ == "where" for c in verb.children):
        places.append(("in", verb.head))  # "the department, where X served as a manager"
    return subject, places


def described_name_body(noun: Token, lex: Lexicon) -> Token | None:
    """"Russia FSB cyber actor Star Blizzard", "GRU hacker Ivan Petrov": a name led by
    an actor noun that itself names a body is affiliated with that body (the body named
    last before the noun; a country named alone is only the body's nationality).

    Returns
    -------
    Token or None
        The body the name (``noun.head``) is affiliated with, or None.
    """
    if noun.dep_ != "compound":
        return None
    name = noun.head
    if name.pos_ != "PROPN" or noun.i > name.i:
        return None
    if noun.lemma_.lower() not in lex.words("actor_nouns"):
        return None
    bodies = [t for t in noun.subtree if t.i < noun.i and t.pos_ == "PROPN" and t.dep_ == "compound" and t.ent_type_ not in {"GPE", "NORP"}]
    return bodies[-1] if bodies else None
