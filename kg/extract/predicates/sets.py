"""Sets and "along with": the members a set's predications are distributed to.

* **Sets.** Members named by "including X, Y and Z" inherit the set's predications
  ("countries ... including Russia, China" → Russia, China); a misattached "including"
  list of names is moved to the nearest preceding collective actor noun. "The
  Governments of Iran and Russia", "the Russian companies SDA, Structura, and ANO
  Dialog" and a list of names the parser folded into one phrase stand for each name.
* **Companions.** Actors added by a comitative phrase ("X, along with Y, ...", "X joins
  Y in seeking to ...") join X as members beside it.

:func:`set_members` reads them once per sentence; :func:`expand_subjects` gives each
predication's subject conjuncts and members.
"""

from __future__ import annotations

from collections.abc import Iterator

from spacy.strings import get_string_id
from spacy.tokens import Span, Token

from kg.entities import Gazetteer
from kg.extract.predicates.syntax import child as _child
from kg.extract.predicates.syntax import pobj as _pobj
from kg.extract.spans import conjuncts, semantic_head
from kg.lexicon import Lexicon

__all__ = ["COMPANION_NER", "expand_subjects", "set_members"]


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


#: Named-entity labels of actors that a comitative phrase can add to a subject (roles read
#: a possessor with one as the body a title belongs to: "RT's manager").
COMPANION_NER = frozenset({"ORG", "NORP", "GPE"})


def _is_actor_name(tok: Token, lex: Lexicon) -> bool:
    sem = semantic_head(tok, lex)
    if sem.ent_type_ in COMPANION_NER or tok.ent_type_ in COMPANION_NER:
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


def expand_subjects(subject: Token, members: dict[int, list[Token]], lex: Lexicon) -> Iterator[tuple[Token, bool]]:
    """The subjects a predication is stated of: each conjunct of ``subject``, or, for a
    set, each of its members (one predication per actor, as the claims want them).

    Parameters
    ----------
    subject : Token
        Head of the subject.
    members : dict
        The sentence's sets (:func:`set_members`).
    lex : Lexicon
        The lexicon (for the conjuncts' semantic heads).

    Yields
    ------
    tuple of (Token, bool)
        A subject, and whether it is a member of a set rather than the conjunct itself.
    """
    for conj in conjuncts(subject):
        sem = semantic_head(conj, lex)
        named = members.get(sem.i) or members.get(conj.i)
        if named:
            for name in named:
                yield name, name.i not in {conj.i, sem.i}
        else:
            yield conj, False
