"""Verb frames: the clauses of a sentence with their relation, subject and arguments.

One :class:`~kg.extract.predicates.frame.Frame` per verbal or copular clause and per
conjunct, read with the shared syntax of :mod:`kg.extract.predicates.syntax`:

* **Voice.** A passive (:func:`~kg.extract.predicates.syntax.is_passive`, the voice
  the claims read) makes a ``passive`` frame; its ``by`` agent is the first argument,
  its preposition in the relation (``was loved by``).
* **Control, raising and purpose.** A ``to``-infinitive of a verb without an object of
  its own is folded into the relation (``tried to buy``, :func:`xcomp_chain`); a verb
  without a subject inherits one from the verb it is coordinated with or complements,
  or from the antecedent of its relative clause (:func:`subject_heads`; a relative
  pronoun is resolved as the claims resolve it). Object control ("helped X to win") is
  left to the claims: spaCy parses purpose clauses ("used X to select Y") the same way.
* **Coordination.** One frame per conjunct of the subject and of the object (the
  claims' :func:`kg.extract.spans.conjuncts`); a conjoined verb borrows its head's
  auxiliaries and, if bare, all the complements of the next verb.
* **Copulas and adjectives.** ``X is Y``, ``is familiar with Y``, ``were unable to see Y``.
* **Reduced participles.** ``a tank founded in 2005`` states ``be founded in``.
* **Modifiers.** Further prepositional phrases and bare-noun time adverbs are extra
  arguments, those before the verb last.

Spans follow Open IE's reading (:func:`kg.extract.spans.argument_span`).

Example
-------
>>> from handparse import parse                                       # doctest: +SKIP
>>> doc = parse('''Russia 1 nsubj PROPN NNP Russia
... tried 1 ROOT VERB VBD try
... to 3 aux PART TO to
... sway 1 xcomp VERB VB sway
... voters 3 dobj NOUN NNS voter''')                                  # doctest: +SKIP
>>> [(f.kind, [t.text for t in f.relation]) for f in verb_frames(doc[1])]  # doctest: +SKIP
[('verb', ['tried', 'to', 'sway'])]
"""

from __future__ import annotations

from typing import Iterator

from spacy.tokens import Token

from kg.extract.predicates.frame import Frame
from kg.lexicon import Lexicon
from kg.extract.predicates.syntax import (
    RELATIVE_WORDS,
    clause_antecedent,
    is_passive,
    prep_object,
    preposition_words,
)
from kg.extract.spans import (
    argument_span,
    clause_span,
    conjuncts,
    is_relative_pronoun,
    prep_phrase,
    relative_antecedent,
    trim,
)

__all__ = ["verb_frames", "is_clause_predicate", "verb_group", "xcomp_chain", "subject_heads"]

_SUBJECTS = {"nsubj", "nsubjpass", "csubj", "csubjpass", "expl"}
_CLAUSAL_OBJECTS = {"ccomp"}
# Clauses that are verbal predicates of their own.
_CLAUSE_DEPS = {
    "ROOT", "conj", "ccomp", "xcomp", "advcl", "relcl", "acl", "parataxis",
    "csubj", "csubjpass", "pcomp", "dep",
}


# ---------------------------------------------------------------------------- relations


def _adverb_in_group(adverb: Token, verb: Token) -> bool:
    """An adverb inside the verb group ("has also said") or just after the verb."""
    auxes = [c.i for c in verb.children if c.dep_ in ("aux", "auxpass")]
    start = min(auxes, default=verb.i)
    return start <= adverb.i < verb.i or (adverb.i == verb.i - 1) or adverb.i == verb.i + 1


def verb_group(verb: Token) -> list[Token]:
    """Auxiliaries, negation, particles and the verb itself: the core of a relation."""
    group = [verb]
    for child in verb.children:
        if child.dep_ in ("aux", "auxpass", "neg") and child.i < verb.i + 3:
            if child.dep_ == "aux" and child.lower_ == "to" and child.i < verb.i:
                continue  # infinitival "to" belongs to the governing verb
            group.append(child)
        elif child.dep_ == "prt":
            group.append(child)
        elif child.dep_ == "advmod" and child.lower_ in ("not", "never", "n't"):
            group.append(child)
        elif child.dep_ == "advmod" and child.tag_ == "RB" \
                and not any(True for _ in child.children) and _adverb_in_group(child, verb):
            group.append(child)
    return group


def xcomp_chain(verb: Token) -> tuple[Token, list[Token]]:
    """Fold control/raising/purpose ``to``-infinitives into the relation.

    ``tried to buy`` and ``has allowed to dress`` are one relation when the
    governing verb has no object of its own. Returns the innermost verb (whose
    objects become the arguments) and the relation tokens.
    """
    tokens = verb_group(verb)
    current = verb
    while True:
        if any(c.dep_ in ("dobj", "attr", "acomp", "ccomp") for c in current.children):
            break
        nxt = next(
            (c for c in current.children if c.dep_ == "xcomp" and c.pos_ in ("VERB", "AUX")),
            None,
        )
        if nxt is None:
            break
        to = [c for c in nxt.children if c.dep_ == "aux" and c.lower_ == "to"]
        tokens.extend(to)
        tokens.extend(verb_group(nxt))
        current = nxt
    return current, tokens


# ---------------------------------------------------------------------------- subjects


def _resolve_nominal(noun: Token) -> Token:
    """A predicate nominal resolves to its clause's subject for relative clauses.

    In ``X is a footballer who plays for Y`` the player is X.
    """
    if noun.dep_ == "attr":
        subj = next((c for c in noun.head.children if c.dep_ in _SUBJECTS), None)
        if subj is not None and subj.lower_ not in RELATIVE_WORDS:
            return subj
    return noun


def subject_heads(verb: Token) -> tuple[list[Token], bool]:
    """Head tokens of the subject of ``verb`` and whether the subject is inherited.

    The subject is the verb's own ``nsubj``/``nsubjpass``; failing that, that of
    the verb it is coordinated with, of the verb it complements (control), or the
    antecedent of a relative or participial clause.
    """
    own = [c for c in verb.children if c.dep_ in _SUBJECTS and c.dep_ != "expl"]
    if own:
        subj = own[0]
        if is_relative_pronoun(subj):
            return [_resolve_nominal(relative_antecedent(subj))], True
        return [subj], False
    seen = 0
    current = verb
    while seen < 6:
        seen += 1
        if current.dep_ == "pcomp" and current.head.dep_ == "prep" \
                and current.head.head.pos_ in ("VERB", "AUX"):
            # "stayed a year before being appointed": the governing verb's subject.
            parent = current.head.head
            subj = [c for c in parent.children if c.dep_ in _SUBJECTS and c.dep_ != "expl"]
            if subj:
                return [subj[0]], True
            current = parent
            continue
        if current.dep_ in ("conj", "xcomp", "advcl") and current.head != current:
            parent = current.head
            subj = [c for c in parent.children if c.dep_ in _SUBJECTS and c.dep_ != "expl"]
            if subj:
                if is_relative_pronoun(subj[0]):
                    return [_resolve_nominal(relative_antecedent(subj[0]))], True
                return [subj[0]], True
            current = parent
            continue
        ante = clause_antecedent(current)
        if ante is not None:
            return [_resolve_nominal(ante)], True
        break
    return [], True


# ---------------------------------------------------------------------------- arguments


def _adjective_preposition(adj: Token) -> Token | None:
    """The preposition of an adjectival complement with a PP (``familiar with X``)."""
    if adj.dep_ != "acomp":
        return None
    return next(
        (c for c in adj.children if c.dep_ == "prep" and c.i > adj.i and prep_object(c) is not None
         and prep_object(c).dep_ == "pobj"),
        None,
    )


def _adjective_group(adj: Token) -> list[Token]:
    """The adjective with its degree adverbs (``very familiar``)."""
    return [adj, *(c for c in adj.children if c.dep_ in ("advmod", "neg") and c.i < adj.i)]


def _modifier_args(verb: Token, skip: set[int]) -> list[tuple[Token, ...]]:
    """Prepositional, temporal and locative modifiers of the verb, as extra arguments."""
    mods: list[tuple[Token, ...]] = []
    for child in verb.children:
        if child.i in skip:
            continue
        if child.dep_ in ("prep", "agent") and prep_object(child) is not None:
            if prep_object(child).lower_ in RELATIVE_WORDS:
                continue  # "in which": the antecedent is already an argument
            mods.append(prep_phrase(child))
        elif child.dep_ == "npadvmod" and child.pos_ in ("NOUN", "PROPN", "NUM"):
            mods.append(trim(list(child.subtree)))
        elif child.dep_ == "advmod" and child.lower_ in ("where", "when", "how", "why"):
            continue
    return [m for m in mods if m]


_OBJECT_PRIORITY = ("dobj", "attr", "oprd", "acomp", "xcomp")


def _object_of(inner: Token, verb: Token) -> Token | None:
    """The core complement of ``inner`` (object, predicate nominal or adjective)."""
    candidates = [
        c for c in inner.children
        if c.dep_ in _OBJECT_PRIORITY and not (c.dep_ == "xcomp" and c.pos_ in ("VERB", "AUX"))
    ]
    if not candidates:
        return None
    obj = min(candidates, key=lambda c: (_OBJECT_PRIORITY.index(c.dep_), c.i))
    if obj.lower_ in RELATIVE_WORDS and clause_antecedent(verb) is not None:
        # "the match which Keibler lost": the object is the antecedent.
        return clause_antecedent(verb)
    return obj


def _complements(
    inner: Token, verb: Token, lex: Lexicon, depth: int = 0
) -> tuple[list[Token], list[tuple[Token, ...]], set[int]]:
    """What follows the verb group: extra relation tokens, object options, used children.

    The object options are alternatives, one per conjunct of the object. A clausal
    complement before the verb is the object only for a verb of saying (the lexicon's
    ``speech_verbs``: "..., he said").
    """
    extra_rel: list[Token] = []
    skip: set[int] = set()
    obj = _object_of(inner, verb)
    if obj is not None:
        skip.add(obj.i)
        adj_xcomp = next(
            (c for c in obj.children if c.dep_ == "xcomp" and c.pos_ in ("VERB", "AUX")), None
        ) if obj.dep_ == "acomp" and depth < 3 else None
        adj_prep = _adjective_preposition(obj)
        if adj_xcomp is not None:
            # "were unable to see X": the adjective and infinitive join the relation.
            extra_rel.extend(_adjective_group(obj))
            extra_rel.extend(c for c in adj_xcomp.children if c.dep_ == "aux" and c.lower_ == "to")
            extra_rel.extend(verb_group(adj_xcomp))
            more_rel, options, _ = _complements(adj_xcomp, adj_xcomp, lex, depth + 1)
            return extra_rel + more_rel, options, skip
        if adj_prep is not None:
            # "is familiar with X", "remained faithful to X": CaRB puts the
            # adjective and its preposition in the relation.
            extra_rel.extend(_adjective_group(obj))
            extra_rel.append(adj_prep)
            return extra_rel, [argument_span(o, restrictive=True) for o in conjuncts(prep_object(adj_prep))], skip
        return extra_rel, [argument_span(o, restrictive=True) for o in conjuncts(obj)], skip

    ccomps = [
        c for c in inner.children
        if c.dep_ in _CLAUSAL_OBJECTS and (c.i > inner.i or inner.lemma_ in lex.words("speech_verbs"))
    ]
    if ccomps:
        comp = ccomps[0]
        skip.add(comp.i)
        mark = [c for c in comp.children if c.dep_ == "mark" and c.i == comp.left_edge.i]
        extra_rel.extend(mark)
        return extra_rel, [tuple(t for t in clause_span(comp) if t not in mark)], skip

    # The first prepositional object after the verb: its preposition joins
    # the relation (CaRB's "taught at"). A passive agent comes first.
    after = [
        c for c in inner.children
        if c.dep_ in ("prep", "agent") and c.i > inner.i and prep_object(c) is not None
        and prep_object(c).lower_ not in RELATIVE_WORDS
    ]
    agent = [p for p in after if p.dep_ == "agent"]
    first = agent[0] if agent else (after[0] if after else None)
    if first is None:
        return extra_rel, [], skip
    skip.add(first.i)
    extra_rel.extend(preposition_words(first))
    pobj = prep_object(first)
    if pobj.dep_ == "pcomp":
        return extra_rel, [trim(list(pobj.subtree))], skip
    return extra_rel, [argument_span(o, restrictive=True) for o in conjuncts(pobj)], skip


def _borrowed_auxiliaries(verb: Token) -> list[Token]:
    """A conjoined verb without auxiliaries shares its head's (``was loved and exalted``)."""
    if verb.dep_ != "conj" or any(c.dep_ in ("aux", "auxpass") for c in verb.children):
        return []
    head = verb.head
    if head.pos_ not in ("VERB", "AUX") or head.tag_ != verb.tag_:
        return []
    return [c for c in head.children if c.dep_ in ("aux", "auxpass", "neg")]


_PARTICIPLE_DEPS = ("acl", "advcl")


def _implicit_be(verb: Token) -> str:
    """``be`` for a bare participle clause (``a think tank founded in 2005``), else ``""``.

    A reduced relative or adverbial participle states the same relation as the
    full clause ``which was founded``; the lemma stands in for the missing
    auxiliary, whose tense the sentence does not give.
    """
    if verb.tag_ not in _PARTICIPLE_TAGS or verb.dep_ not in _PARTICIPLE_DEPS:
        return ""
    if any(c.dep_ in ("aux", "auxpass") for c in verb.children):
        return ""
    return "be"


_PARTICIPLE_TAGS = ("VBN", "VBG")


def _object_sharing_partner(verb: Token) -> Token | None:
    """The next conjoined verb, if ``verb`` directly precedes it with only ``and``/``or``."""
    for conj in verb.conjuncts:
        if conj.i > verb.i and conj.pos_ == "VERB" and all(
            t.dep_ in ("cc", "punct") for t in verb.doc[verb.i + 1 : conj.i]
        ):
            return conj
    return None


def verb_frames(verb: Token, lex: Lexicon) -> Iterator[Frame]:
    """Frames of one verbal or copular clause, one per conjunct of subject and object."""
    inner, rel_tokens = xcomp_chain(verb)
    rel_tokens = _borrowed_auxiliaries(verb) + rel_tokens
    prefix = _implicit_be(verb)
    subjects, inherited = subject_heads(verb)
    if not subjects:
        return
    passive = is_passive(inner)
    kind = "passive" if passive else ("copula" if inner.pos_ == "AUX" else "verb")
    extra_rel, object_options, skip = _complements(inner, verb, lex)
    if not object_options and not extra_rel:
        # "buy and sell stocks": a verb with nothing after it shares the object
        # of the verb coordinated with it.
        partner = _object_sharing_partner(inner)
        if partner is not None:
            _, object_options, _ = _complements(partner, partner, lex)
    # A second object ("gave him a book") goes along as a further argument.
    datives = [c for c in inner.children if c.dep_ == "dative" and c.i not in skip]
    skip.update(c.i for c in datives)

    mods = _modifier_args(inner, skip)
    # Modifiers before the verb (``In 1941 , ...``) go last, as CaRB's gold does.
    mods.sort(key=lambda m: (m[0].i < inner.i, m[0].i))
    relation = tuple(rel_tokens) + tuple(extra_rel)
    dative_args = [argument_span(d) for d in datives]

    for subj in subjects:
        for subj_head in conjuncts(subj):
            arg1 = argument_span(subj_head, restrictive=True) \
                if subj_head.dep_ not in ("csubj", "csubjpass") else clause_span(subj_head)
            if inherited:
                # An antecedent's span must not contain the clause being described.
                own = {t.i for t in verb.subtree}
                arg1 = trim([t for t in arg1 if t.i not in own])
            if not arg1:
                continue
            if object_options:
                for obj in object_options:
                    if obj:
                        yield Frame(relation, arg1, (obj, *dative_args, *mods), kind, inner.i,
                                    inherited_subject=inherited, relation_prefix=prefix)
            else:
                yield Frame(relation, arg1, tuple(mods), kind, inner.i,
                            inherited_subject=inherited, relation_prefix=prefix)


def is_clause_predicate(token: Token) -> bool:
    """True for a token that heads a clause: a verb, or a copula heading one."""
    if token.dep_ in ("aux", "auxpass", "amod", "compound", "prt"):
        return False
    if token.pos_ == "VERB":
        # A verb in an xcomp chain is folded into its governor's relation.
        if token.dep_ == "xcomp" and token.head.pos_ in ("VERB", "AUX") and not any(
            c.dep_ in ("dobj", "attr", "acomp", "ccomp") for c in token.head.children
        ):
            return False
        return token.dep_ in _CLAUSE_DEPS
    if token.pos_ == "AUX":
        return token.dep_ in _CLAUSE_DEPS
    return False
