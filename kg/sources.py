"""Where a claim comes from: publisher, attribution, original source, and same-article detection.

A claim's *source chain* runs from the document, through its publisher (from metadata or
the masthead), to the attribution inside it ("according to the report", "officials
said") and on to the *original source* the attribution stands for. Corroboration
(:mod:`kg.assertions`) counts original sources, not documents: three outlets quoting one
intelligence assessment are one source.

Original sources
----------------
An attribution is followed back in this order:

1. an author named in the phrase: "a report **by the ODNI**" rests on the ODNI;
2. a known body from ``kg/data/source_bodies.tsv`` (aliases such as "the intelligence
   community", "ODNI", "the National Intelligence Council" are one body);
3. a generic phrase ("the report", "the assessment", "officials", "we") stands for the
   document's *principal source*: the body the document names as the author of what it
   reports (:func:`principal_source`); a document that names none leaves it unresolved;
4. any other named source (the extractor's canonical label), as itself.

An unattributed claim in a document with a principal source carries over to it: an
article about an assessment reports the assessment throughout, though only some of its
sentences say "the report said". In a document that names no source, unattributed and
unresolved claims are the outlet's own reporting (:mod:`kg.assertions` counts them as
the publisher).

Reprints and translations
-------------------------
Reprints are near-identical texts: :func:`fingerprint` is a MinHash signature of the
document's word 5-shingles, and two documents whose signatures agree on at least
:data:`REPRINT_SIMILARITY` of their positions (an estimate of the shingles' Jaccard
similarity) are one article. Translations share no shingles; :mod:`kg.assertions`
recognises them by what they say (see :func:`kg.assertions.same_articles`).

Source ratings
--------------
Analysts rate publishers and sources on the Admiralty scale (reliability A–F). The ratings
are the analyst's, never kg's: they are ``rate`` lines of the decisions file that also
holds the entity decisions (:mod:`kg.curation`), :func:`read_source_ratings` reads them,
:func:`source_key` keys a rated name as the documents' sources are keyed, and
:func:`rating_for` finds the rating of a chain. kg never invents one.

Examples
--------
>>> from kg.lexicon import load_lexicon
>>> lex = load_lexicon()
>>> principal = principal_source([("a report by the Office of the Director of National Intelligence", None)], lex)
>>> principal.key
'us-intelligence-community'
>>> resolve_source("the report", None, principal, lex).key
'us-intelligence-community'
>>> resolve_source("Microsoft", "Microsoft", principal, lex).key
'microsoft'
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path
from urllib.parse import urlsplit

import numpy as np
from spacy.tokens import Doc, Token

from kg.curation import RELIABILITY, SourceRating
from kg.entities import slug, strip_mention
from kg.errors import InputError
from kg.lexicon import Lexicon
from kg.model import Document

__all__ = [
    "Publisher",
    "OriginalSource",
    "SourceRating",
    "RELIABILITY",
    "REPRINT_SIMILARITY",
    "publisher_from_text",
    "read_publisher",
    "fingerprint",
    "fingerprint_hex",
    "parse_fingerprint",
    "similarity",
    "source_bodies",
    "principal_source",
    "report_authors",
    "resolve_source",
    "read_source_ratings",
    "rating_for",
    "source_key",
]


@dataclass(frozen=True)
class Publisher:
    """The outlet that published a document."""

    key: str  #: slug, e.g. ``"cnn"``
    label: str  #: as the document names it, e.g. ``"CNN"``
    found_in: str  #: ``"metadata"``, ``"masthead"`` or ``"credit"`` (a "contributed to this report" line)


@dataclass(frozen=True)
class OriginalSource:
    """The source a claim rests on once its attribution is followed back."""

    key: str  #: slug, e.g. ``"us-intelligence-community"``
    label: str
    #: ``"author"`` (named in the phrase), ``"body"`` (known body), ``"principal"`` (a generic
    #: phrase resolved to the document's principal source), ``"carried"`` (an unattributed
    #: claim in a document with a principal source) or ``"named"``
    how: str


# -- publishers -----------------------------------------------------------------------

_DOMAIN = re.compile(r"\b([A-Za-z0-9-]+)\.(?:com|org|net|us|uk|es|fr|de|info|news|co|io|tv|ru|cn)\b")
# "CNN’s Sean Lyngaas contributed to this report": the outlet is the possessor.
_CREDIT = re.compile(r"^\s*([A-Z][\w&.-]*(?:\s+[A-Z][\w&.-]*){0,3})['’]s\s+.*\bcontributed\b", re.MULTILINE)
_WORDY = re.compile(r"[A-Za-z]")


def publisher_from_text(raw: str, cleaned: str) -> Publisher | None:
    """The publisher named by a document's masthead or credit line, or None.

    Cleaning (:mod:`kg.ingest`) blanks page furniture with spaces but keeps every line, so
    the lines that are blank in ``cleaned`` and not in ``raw`` are the furniture; the first
    such line with letters, before any reporting, is the masthead. A web address in it
    names the outlet ("Voz media US Voz.us" → ``voz``); otherwise the line does ("CNN").
    Without a masthead, a credit line ("CNN’s Sean Lyngaas contributed to this report")
    names it.

    >>> raw = "CNN\\n—\\nRussia denied it.\\nCNN’s Jo Bloggs contributed to this report.\\n"
    >>> cleaned = "   \\n \\nRussia denied it.\\n" + " " * 43 + "\\n"
    >>> publisher_from_text(raw, cleaned)
    Publisher(key='cnn', label='CNN', found_in='masthead')
    >>> publisher_from_text("Voz media US Voz.us\\n\\nText.", "                   \\n\\nText.").key
    'voz'
    """
    for raw_line, clean_line in zip(raw.splitlines(), cleaned.splitlines()):
        if clean_line.strip():
            break  # the reporting has begun: later furniture is captions and bylines
        line = raw_line.strip()
        if not _WORDY.search(line) or line.lower().startswith("date "):
            continue
        domain = _DOMAIN.search(line)
        if domain:
            return Publisher(slug(domain.group(1)), domain.group(0), "masthead")
        return Publisher(slug(line), line, "masthead")
    credit = _CREDIT.search(raw)
    if credit:
        return Publisher(slug(credit.group(1)), credit.group(1), "credit")
    return None


def read_publisher(document: Document) -> Publisher | None:
    """The publisher of ``document``: its metadata (a web page's site name, else its URL's
    domain) when a reader set them, else its masthead.

    The masthead is blanked out of ``document.text``, so the file is read again; a
    document read from memory (no such file), a page or PDF (whose file is not the text)
    or a file that changed size has no masthead to offer and gives None.

    >>> from kg.model import Document
    >>> read_publisher(Document("a.html", "a.html", "text", "0" * 64, url="https://www.voz.us/x")).key
    'voz'
    """
    if document.publisher and document.publisher.strip():  # a web page's site name
        return Publisher(slug(document.publisher), document.publisher.strip(), "metadata")
    if document.url:
        domain = _DOMAIN.search(urlsplit(document.url).hostname or "")
        if domain:
            return Publisher(slug(domain.group(1)), domain.group(0), "metadata")
    try:
        raw = Path(document.path).read_bytes().decode(document.encoding or "utf-8", errors="replace")
    except (OSError, LookupError):
        return None
    if raw.startswith("\ufeff"):
        raw = " " + raw[1:]
    if len(raw) != len(document.text):
        return None  # not the text that was cleaned: offsets and lines would not align
    return publisher_from_text(raw, document.text)


# -- reprints ------------------------------------------------------------------------

#: Signatures agreeing on this share of positions (≈ Jaccard similarity of the shingle
#: sets) mark a reprint. Reprints with a new masthead, headline or a cut paragraph stay
#: well above it; two articles about one report share a few quotes and stay far below.
REPRINT_SIMILARITY = 0.5
_SHINGLE = 5
_PERMUTATIONS = 64
# A Mersenne prime below 2**31: with 32-bit shingle hashes and coefficients below it, a*h+b
# stays under 2**63 and the permutations run as one numpy operation on unsigned 64-bit ints.
_PRIME = (1 << 31) - 1
_WORD = re.compile(r"\w+", re.UNICODE)


@cache
def _permutations() -> tuple[np.ndarray, np.ndarray]:
    # Fixed coefficients (derived from a hash, not a random generator) so that signatures
    # computed in different runs and machines can be compared.
    a, b = [], []
    for i in range(_PERMUTATIONS):
        digest = hashlib.blake2b(f"kg-minhash-{i}".encode(), digest_size=8).digest()
        a.append(int.from_bytes(digest[:4], "big") % (_PRIME - 1) + 1)
        b.append(int.from_bytes(digest[4:], "big") % _PRIME)
    return np.array(a, dtype=np.uint64)[:, None], np.array(b, dtype=np.uint64)[:, None]


def fingerprint(text: str) -> tuple[int, ...]:
    """A MinHash signature of the word 5-shingles of ``text`` (case, punctuation, spacing ignored).

    An empty text (fewer words than a shingle) gives the empty signature, which matches
    nothing.

    >>> a = fingerprint("The Cuban government conducted influence operations in the United States during the midterms.")
    >>> b = fingerprint("THE CUBAN GOVERNMENT conducted influence operations in the United States, during the midterms")
    >>> a == b, len(a)
    (True, 64)
    """
    words = _WORD.findall(text.casefold())
    if len(words) < _SHINGLE:
        return ()
    hashes = np.fromiter(
        {
            int.from_bytes(hashlib.blake2b(" ".join(words[i : i + _SHINGLE]).encode(), digest_size=4).digest(), "big")
            for i in range(len(words) - _SHINGLE + 1)
        },
        dtype=np.uint64,
    )
    a, b = _permutations()
    return tuple(int(v) for v in ((a * hashes[None, :] + b) % _PRIME).min(axis=1))


def fingerprint_hex(signature: tuple[int, ...]) -> str:
    """The signature as hexadecimal text (8 digits a value), as stored in the graph."""
    return "".join(f"{value:08x}" for value in signature)


def parse_fingerprint(text: str) -> tuple[int, ...]:
    """The signature written by :func:`fingerprint_hex`; a malformed text gives the empty one.

    >>> parse_fingerprint(fingerprint_hex((1, 255)))
    (1, 255)
    """
    if len(text) % 8 or not re.fullmatch(r"[0-9a-f]*", text):
        return ()
    return tuple(int(text[i : i + 8], 16) for i in range(0, len(text), 8))


def similarity(a: tuple[int, ...], b: tuple[int, ...]) -> float:
    """The estimated Jaccard similarity of two signatures' shingle sets (0 when either is empty).

    >>> similarity((1, 2, 3, 4), (1, 2, 3, 5)), similarity((), (1,))
    (0.75, 0.0)
    """
    if not a or len(a) != len(b):
        return 0.0
    return sum(x == y for x, y in zip(a, b)) / len(a)


# -- original sources ----------------------------------------------------------------

_AUTHOR_TAIL = re.compile(r"\b(?:by|from)\s+(?P<author>.+)$", re.IGNORECASE)
_ACCORDING = re.compile(r"^\s*according\s+to\s+", re.IGNORECASE)


@cache
def source_bodies() -> dict[str, tuple[str, str]]:
    """Folded alias → (key, label) of the known bodies in ``kg/data/source_bodies.tsv``.

    >>> source_bodies()["odni"]
    ('us-intelligence-community', 'U.S. intelligence community')
    """
    table: dict[str, tuple[str, str]] = {}
    text = resources.files("kg").joinpath("data", "source_bodies.tsv").read_text(encoding="utf-8")
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        key, label, alias, _source = line.split("\t")
        table[_fold(alias)] = (key, label)
    return table


def _fold(text: str) -> str:
    return " ".join(strip_mention(text).casefold().split())


def _body(text: str | None) -> OriginalSource | None:
    if not text:
        return None
    found = source_bodies().get(_fold(_ACCORDING.sub("", text)))
    return OriginalSource(found[0], found[1], "body") if found else None


def _is_generic(text: str, lex: Lexicon) -> bool:
    # A noun that names a document or a speaker without saying whose ("the report",
    # "officials", "we") stands for the document's principal source.
    words = _fold(_ACCORDING.sub("", text)).split()
    return bool(words) and any(words[-1] in lex.words(name) for name in ("document_nouns", "speaker_nouns", "source_first_person"))


def _named(text: str | None, label: str | None, lex: Lexicon) -> OriginalSource | None:
    """Steps 1, 2 and 4 of the module notes: an author, a known body, a named source."""
    if not text:
        return None
    tail = _AUTHOR_TAIL.search(text)
    if tail:
        author = tail.group("author")
        found = _body(author)
        if found:
            return OriginalSource(found.key, found.label, "author")
        if not _is_generic(author, lex):
            core = strip_mention(author)
            return OriginalSource(slug(core), core, "author")
    found = _body(text) or _body(label)
    if found:
        return found
    if _is_generic(text, lex):
        return None
    core = label or strip_mention(_ACCORDING.sub("", text))
    return OriginalSource(slug(core), core, "named") if core else None


def principal_source(attributions: Iterable[tuple[str, str | None]], lex: Lexicon) -> OriginalSource | None:
    """The document's principal source: the body it names as the author of what it reports.

    Parameters
    ----------
    attributions
        ``(attribution text, attribution label)`` of the document's claims, in document order.
    lex
        The lexicon (the nouns that name a document or a speaker without saying whose).

    Returns
    -------
    OriginalSource or None
        Sources named as authors ("a report by X") or known bodies come first, then other
        named sources; among those, the most often cited, then the first. None when the
        document names no source.

    >>> from kg.lexicon import load_lexicon
    >>> lex = load_lexicon()
    >>> principal_source([("Washington", "United States"), ("the intelligence community", None)], lex).label
    'U.S. intelligence community'
    >>> principal_source([("the report", None)], lex) is None
    True
    """
    counts: Counter[tuple[str, str]] = Counter()
    order: dict[tuple[str, str], int] = {}
    authored: set[tuple[str, str]] = set()
    for text, label in attributions:
        found = _named(text, label, lex)
        if found is None:
            continue
        key = (found.key, found.label)
        counts[key] += 1
        order.setdefault(key, len(order))
        if found.how in ("author", "body"):
            authored.add(key)
    if not counts:
        return None
    key, label = min(counts, key=lambda k: (k not in authored, -counts[k], order[k]))
    return OriginalSource(key, label, "principal")


def resolve_source(
    text: str | None, label: str | None, principal: OriginalSource | None, lex: Lexicon
) -> OriginalSource | None:
    """The original source of one attribution, or None for an unattributed or unresolved claim.

    Parameters
    ----------
    text, label
        The claim's attribution as written and the extractor's canonical label.
    principal
        The document's principal source (:func:`principal_source`), for generic phrases.

    >>> from kg.lexicon import load_lexicon
    >>> lex = load_lexicon()
    >>> resolve_source("a report by the Office of the Director of National Intelligence", None, None, lex).how
    'author'
    >>> resolve_source("officials", None, None, lex) is None
    True
    >>> resolve_source(None, None, principal_source([("ODNI", None)], lex), lex).how
    'carried'
    """
    if not text:
        # A news article that reports an assessment reports it throughout, though only
        # some sentences say "the report said": its unattributed claims carry over to
        # the source it names. An article naming none is its own source (its publisher).
        return OriginalSource(principal.key, principal.label, "carried") if principal is not None else None
    found = _named(text, label, lex)
    if found is not None:
        return found
    if principal is not None:
        return OriginalSource(principal.key, principal.label, "principal")
    return None


_NAME_TYPES = frozenset({"ORG", "GPE", "PERSON", "NORP", "FAC"})
_PHRASE_CUT = frozenset({"relcl", "acl", "appos", "punct", "cc", "conj", "advcl"})


def report_authors(doc: Doc, lex: Lexicon) -> list[str]:
    """The authors a parsed document names for the reports it cites, in document order.

    "a report by X", "the report, released by X", "an assessment from X" and "X's
    assessment" name X. Attributions often say only "the report", so these names are
    what lets :func:`principal_source` resolve them.

    Parameters
    ----------
    doc : spacy.tokens.Doc
        The document's parse.
    lex : Lexicon
        The lexicon (its ``document_nouns`` and ``author_prepositions``).
    """
    found = []
    for token in doc:
        if token.pos_ != "NOUN" or token.lemma_.lower() not in lex.words("document_nouns"):
            continue
        candidates = [c for c in token.children if c.dep_ == "poss"]
        for child in token.children:
            # "report by X" directly, or through a participle: "report released by X"
            for prep in [child, *(child.children if child.dep_ == "acl" else ())]:
                if prep.lower_ in lex.words("author_prepositions") and prep.dep_ in ("prep", "agent"):
                    candidates += [c for c in prep.children if c.dep_ == "pobj"]
        for head in candidates:
            if head.pos_ == "PROPN" or head.ent_type_ in _NAME_TYPES:
                found.append(_name_phrase(head))
    return found


def _name_phrase(head: Token) -> str:
    """The name headed by ``head`` with its "of" chain, without clauses or appositions."""
    words = []
    for token in head.subtree:
        if token.i > head.i and (token.dep_ in _PHRASE_CUT or token.is_punct):
            break
        if token.i < head.i and token.dep_ in _PHRASE_CUT:
            continue
        words.append(token.text_with_ws)
    return "".join(words).strip()


# -- ratings -------------------------------------------------------------------------

def source_key(name: str) -> str:
    """The key under which a source named ``name`` is rated: a known body's key, else the slug.

    >>> source_key("the Office of the Director of National Intelligence"), source_key("CNN")
    ('us-intelligence-community', 'cnn')
    """
    body = _body(name.strip())
    return body.key if body is not None else slug(name.strip())


def read_source_ratings(path: str | Path) -> dict[str, SourceRating]:
    """The analyst's source ratings in a decisions file (its ``rate`` lines): key → rating.

    A missing file means no ratings.

    Raises
    ------
    InputError
        When the file cannot be read, or a line is not a decision (a rating not A–F).
    """
    from kg.curation import load_decisions

    return load_decisions(path).ratings


def rating_for(keys: Iterable[str | None], ratings: Mapping[str, SourceRating]) -> SourceRating | None:
    """The first rating found for a chain's keys (original source first, then publisher).

    >>> ratings = {"cnn": SourceRating("cnn", "CNN", "B")}
    >>> rating_for(["us-intelligence-community", "cnn"], ratings).reliability
    'B'
    >>> rating_for(["voz"], ratings) is None
    True
    """
    return next((ratings[k] for k in keys if k and k in ratings), None)
