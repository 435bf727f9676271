"""Little helpers for turning head tokens into spans: noun phrases, conjunct lists, offsets.

The predicate layer (:mod:`kg.extract.predicates`, :mod:`kg.extract.clauses`) works on
head tokens; these helpers decide how much of the head's subtree is the argument's
text. They follow textacy's ``extract.triples`` in spirit: small functions over
``Token.children`` rather than one big recursive walk.

Two readers of the same heads want different text, and each has its helper:

* claims name an entity mention: :func:`noun_phrase` keeps the contiguous phrase
  around the head, reduced relatives included ("politicians viewed as hostile");
* Open IE prints CaRB arguments: :func:`argument_span` leaves out every participial
  or relative clause (each is a proposition of its own) except, on request, a
  restrictive one ("a woman who used RU-486"), and keeps quotation marks that
  enclose a title. Its pieces (:func:`trim`, :func:`pruned_subtree`,
  :func:`clause_span`, :func:`prep_phrase`, :func:`premodified_noun`) work on token
  lists and :func:`spaced_text` prints them.

Example
-------
>>> from handparse import parse                                   # doctest: +SKIP
>>> doc = parse('''the 1 det DET DT the
... hackers 2 nsubj NOUN NNS hacker
... struck 2 ROOT VERB VBD strike
... , 2 punct PUNCT , ,''')                                       # doctest: +SKIP
>>> spaced_text(argument_span(doc[1]))                            # doctest: +SKIP
'the hackers'
>>> spaced_text(trim(list(doc[2].subtree)))                       # doctest: +SKIP
'the hackers struck'
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from spacy.tokens import Token

from kg.lexicon import Lexicon

__all__ = [
    "conjuncts",
    "semantic_head",
    "noun_phrase",
    "token_text",
    "char_span",
    "RELATIVE_WORDS",
    "is_relative_pronoun",
    "relative_antecedent",
    "spaced_text",
    "trim",
    "pruned_subtree",
    "argument_span",
    "is_restrictive",
    "is_clausal_modifier",
    "clause_span",
    "prep_phrase",
    "premodified_noun",
    "span_head",
]

#: Dependents that never belong to an argument's text (clauses, lists, asides).
_CLAUSAL_ANYWHERE = frozenset({"relcl", "appos", "parataxis", "advcl", "ccomp"})
#: The English wh- and that-relatives. Grammar rather than a lexicon class: they are
#: read together with their Penn tags (WDT, WP, WP$), and the predicate layer shares them.
RELATIVE_WORDS = frozenset({"who", "whom", "which", "that", "whose"})


def conjuncts(token: Token) -> list[Token]:
    """``token`` and the heads coordinated with it, in text order.

    spaCy attaches every conjunct of a list to the first one ("China, Russia, Iran and
    Cuba": Russia, Iran and Cuba are ``conj`` children of China, or chained); this
    flattens both shapes.
    """
    seen = {token.i: token}
    stack = [token]
    while stack:
        tok = stack.pop()
        for child in tok.children:
            if child.dep_ != "conj" or child.i in seen:
                continue
            if child.pos_ == token.pos_ or _both_nominal(child, token) or _both_verbal(child, token):
                seen[child.i] = child
                stack.append(child)
    return [seen[i] for i in sorted(seen)]


def _both_nominal(a: Token, b: Token) -> bool:
    nominal = {"NOUN", "PROPN", "PRON", "NUM"}
    return a.pos_ in nominal and b.pos_ in nominal


def _both_verbal(a: Token, b: Token) -> bool:
    verbal = {"VERB", "AUX"}
    return a.pos_ in verbal and b.pos_ in verbal


def semantic_head(token: Token, lex: Lexicon) -> Token:
    """The head that carries the meaning: "a handful *of elections*" → elections.

    Follows the ``of`` complement of the lexicon's ``quantity_nouns`` (partitive and
    quantity nouns; "a network of accounts" stays a network: collective nouns that name
    an actor are not among them), repeatedly ("a small number of specific candidates" →
    candidates).
    """
    seen = 0
    quantities = lex.words("quantity_nouns")
    while token.lemma_.lower() in quantities and seen < 4:
        of = next((c for c in token.children if c.dep_ == "prep" and c.lower_ == "of"), None)
        pobj = next((c for c in of.children if c.dep_ == "pobj"), None) if of is not None else None
        if pobj is None:
            break
        token = pobj
        seen += 1
    return token


def _collect(tok: Token, out: list[Token], top: bool, keep_clauses: bool, compact: bool, lex: Lexicon) -> None:
    out.append(tok)
    for child in tok.children:
        dep = child.dep_
        if dep in _CLAUSAL_ANYWHERE and not (keep_clauses and dep == "relcl"):
            continue
        if top and dep in {"conj", "cc"} or (top and dep == "punct" and not _inner_hyphen(child)):
            continue
        if dep == "prep" and child.lower_ in lex.words("set_cues"):  # "including X and Y" is a list of its own
            continue
        if dep == "acl" and (compact and top or any(g.dep_ in {"nsubj", "nsubjpass"} for g in child.children)):
            # a clause with its own subject is a separate predication
            continue
        _collect(child, out, False, keep_clauses, compact, lex)


def _inner_hyphen(token: Token) -> bool:
    """The hyphen inside one written word ("e-mails"), which the tokenizer made a token."""
    return token.text == "-" and not token.whitespace_ and token.i > 0 and not token.doc[token.i - 1].whitespace_


def noun_phrase(head: Token, lex: Lexicon, keep_clauses: bool = False, compact: bool = False) -> list[Token]:
    """The tokens of the noun phrase headed by ``head``, in order.

    The phrase keeps determiners, modifiers, prepositional complements and reduced
    relatives ("politicians viewed as hostile") but leaves out the head's conjuncts,
    appositions, "including ..." lists and, at any depth, relative and adverbial clauses
    (unless ``keep_clauses``), so each conjunct of a list becomes its own argument.
    ``compact`` also drops the head's participial modifiers (for subjects). Edge
    punctuation, conjunctions and whitespace are trimmed.
    """
    collected: list[Token] = []
    _collect(head, collected, True, keep_clauses, compact, lex)
    tokens = sorted(set(collected), key=lambda t: t.i)
    # keep a contiguous run around the head: a gap means a dropped clause in the middle
    # of the subtree, and what lies beyond it belongs to that clause
    start = end = tokens.index(head)
    while start > 0 and tokens[start - 1].i == tokens[start].i - 1:
        start -= 1
    while end + 1 < len(tokens) and tokens[end + 1].i == tokens[end].i + 1:
        end += 1
    tokens = tokens[start : end + 1]
    while len(tokens) > 1 and _edge(tokens[0]):
        tokens = tokens[1:]
    while len(tokens) > 1 and _edge(tokens[-1]):
        tokens = tokens[:-1]
    return tokens


def _edge(token: Token) -> bool:
    return token.is_space or token.is_punct or token.dep_ in {"punct", "cc"}


def token_text(tokens: Iterable[Token]) -> str:
    """The document text covered by ``tokens`` (contiguous or not, gaps shown as "...")."""
    toks = sorted(tokens, key=lambda t: t.i)
    if not toks:
        return ""
    parts: list[str] = []
    prev: Token | None = None
    for tok in toks:
        if prev is not None:
            if tok.i == prev.i + 1:
                parts.append(prev.whitespace_)
            else:
                parts.append(" ... ")
        parts.append(tok.text)
        prev = tok
    return " ".join("".join(parts).split())


def char_span(tokens: Iterable[Token]) -> tuple[int, int]:
    """Character offsets (start, end) in the document of the smallest span covering ``tokens``."""
    toks = list(tokens)
    return min(t.idx for t in toks), max(t.idx + len(t.text) for t in toks)


def is_relative_pronoun(token: Token) -> bool:
    """True for "who", "which", "that" heading nothing, inside a relative clause."""
    if token.lower_ not in RELATIVE_WORDS or token.tag_ not in {"WDT", "WP", "WP$", "IN", "DT"}:
        return False
    clause = token.head
    steps = 0
    while clause.dep_ != "relcl" and clause.head.i != clause.i and steps < 3:
        clause = clause.head
        steps += 1
    return clause.dep_ == "relcl"


def relative_antecedent(token: Token) -> Token:
    """The noun a relative pronoun stands for ("politicians that it viewed" → politicians).

    Returns ``token`` itself when it is not a relative pronoun.
    """
    if not is_relative_pronoun(token):
        return token
    clause = token.head
    while clause.dep_ != "relcl":
        clause = clause.head
    return clause.head


# ---------------------------------------------------------------- argument spans (Open IE)


def spaced_text(tokens: Iterable[Token]) -> str:
    """Tokens joined by single spaces in sentence order.

    Unlike :func:`token_text` this ignores the document's whitespace: Open IE's
    output is matched token by token against pre-tokenised input.
    """
    return " ".join(t.text for t in sorted(tokens, key=lambda t: t.i))


_OPENING_QUOTES = ("``", "`", '"')
_CLOSING_QUOTES = ("''", "'", '"')


def trim(tokens: Sequence[Token]) -> tuple[Token, ...]:
    """Drop punctuation and dangling coordinators at both edges of a token list.

    A quotation that spans the whole edge keeps its marks (``` `` Velocity '' ```):
    they belong to the title or quotation, not to the sentence around it.
    """
    ordered = sorted(tokens, key=lambda t: t.i)
    start, end = 0, len(ordered)
    while start < end:
        first = ordered[start]
        if first.text in _OPENING_QUOTES and any(
            t.text in _CLOSING_QUOTES for t in ordered[start + 1 : end]
        ):
            break
        if not (first.is_punct or first.dep_ in ("cc", "mark")):
            break
        start += 1
    while end > start:
        last = ordered[end - 1]
        if last.text in _CLOSING_QUOTES and any(
            t.text in _OPENING_QUOTES for t in ordered[start : end - 1]
        ):
            break
        if not (last.is_punct or last.dep_ == "cc"):
            break
        end -= 1
    return tuple(ordered[start:end])


def pruned_subtree(token: Token, exclude: frozenset[str] = frozenset()) -> list[Token]:
    """The token's subtree, leaving out the subtrees of children labelled in ``exclude``.

    Only direct and indirect descendants are pruned by label; the root itself
    always stays.
    """
    out = [token]
    for child in token.children:
        if child.dep_ in exclude:
            continue
        out.extend(pruned_subtree(child, exclude))
    return out


_ARGUMENT_EXCLUDE = frozenset({"relcl", "appos", "conj", "cc", "preconj", "parataxis"})


def argument_span(token: Token, restrictive: bool = False) -> tuple[Token, ...]:
    """The span of a noun-phrase argument headed by ``token``, as Open IE prints it.

    Appositions and conjuncts are left out: they give propositions of their own.
    Relative and participial clauses are left out too, unless ``restrictive`` is
    set and the clause is restrictive (not set off by a comma): ``a woman who
    used RU-486`` is a different argument from ``a woman``. Punctuation at the
    edges is trimmed.
    """
    tokens = [token]
    for child in token.children:
        if child.dep_ in ("relcl", "acl") and restrictive and is_restrictive(child):
            tokens.extend(pruned_subtree(child, frozenset({"appos"})))
            continue
        if child.dep_ in _ARGUMENT_EXCLUDE or is_clausal_modifier(child):
            continue
        # Parenthetical commas and an appositive's comma go with what they set off.
        if child.dep_ == "punct" and _is_edge_comma(child, token):
            continue
        tokens.extend(pruned_subtree(child, frozenset({"relcl", "appos"})))
    return trim(tokens)


def is_restrictive(clause: Token) -> bool:
    """A modifying clause not set off by a comma or dash from its noun."""
    start = clause.left_edge.i
    return start == 0 or clause.doc[start - 1].text not in (",", "--", "-", ";", ":", "(")


def is_clausal_modifier(token: Token) -> bool:
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


def clause_span(token: Token) -> tuple[Token, ...]:
    """The whole clause under ``token`` (for clausal complements), edges trimmed."""
    return trim(list(token.subtree))


def prep_phrase(prep: Token) -> tuple[Token, ...]:
    """A prepositional phrase: the preposition and its object (conjuncts kept)."""
    return trim(list(pruned_subtree(prep, frozenset({"relcl", "appos"}))))


def span_head(tokens: Iterable[Token]) -> Token | None:
    """The head of a span: its first token whose syntactic head lies outside it.

    Inverts the helpers above: ``span_head(argument_span(t)) == t`` for a noun ``t``,
    so a reader of spans (Open IE's frames) be compared with a reader of
    heads (the claims' predications).
    """
    members = {t.i for t in tokens}
    return next((t for t in sorted(tokens, key=lambda t: t.i) if t.head.i not in members or t.head.i == t.i), None)


def premodified_noun(noun: Token, drop: Token | None = None) -> tuple[Token, ...]:
    """A noun with its pre-modifiers (determiners, adjectives, compounds, numbers).

    ``drop`` (a possessor, a modifier being extracted) is left out with its subtree.
    """
    tokens = [noun]
    for child in noun.children:
        if child == drop or child.i > noun.i:
            continue
        if child.dep_ in ("amod", "compound", "nummod", "nmod", "quantmod", "advmod", "det"):
            if child.dep_ == "det" and drop is not None and drop.dep_ == "poss":
                continue
            tokens.extend(child.subtree)
    return trim(tokens)
