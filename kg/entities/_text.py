"""Text normalisation shared by the gazetteer, the minted entities and the acronym finder.

One normaliser for both sides of every dictionary: the gazetteer's keys are built with
:func:`fold` of :func:`strip_mention`, and a mention is looked up with the same two calls,
so "The Cuban Government's" and "cuban government" meet in the same key.
"""

from __future__ import annotations

import bisect
import functools
import hashlib
import re
import unicodedata

__all__ = ["strip_mention", "fold", "slug", "singular", "without_overlaps", "OPENERS", "CLOSERS", "CLAUSE_END", "POSSESSIVE", "INITIALISM"]

# Typographic and straight quotes, guillemets and brackets that wrap a mention.
_QUOTES = "\"'“”‘’«»„‟‹›`´()[]{}"
# Determiners and the like that do not change which entity a phrase names.
_DETERMINERS = frozenset({"the", "a", "an", "this", "that", "these", "those"})
_POSSESSIVE = re.compile(r"(?:['’]s|(?<=s)['’])$", re.IGNORECASE)
_TRAILING_PUNCT = ",;:!?.…"
_WS = re.compile(r"\s+")


@functools.lru_cache(maxsize=65536)
def strip_mention(text: str) -> str:
    """The core of a mention: no wrapping quotes, determiner, possessive or end punctuation.

    Case is kept (``"US"`` and ``"us"`` must stay apart); whitespace is collapsed. Cached,
    because the gazetteer calls it on the same few words again and again.

    >>> strip_mention("  “The Kremlin’s” ")
    'Kremlin'
    >>> strip_mention("the U.S.")
    'U.S'
    """
    s = _WS.sub(" ", unicodedata.normalize("NFC", text)).strip()
    previous = None
    while s and s != previous:  # peel layers until nothing changes: "“the Kremlin’s”"
        previous = s
        s = s.strip(_QUOTES + " ").rstrip(_TRAILING_PUNCT).strip()
        s = _POSSESSIVE.sub("", s).strip()
        head, _, rest = s.partition(" ")
        if rest and head.lower() in _DETERMINERS:
            s = rest
    return s


@functools.lru_cache(maxsize=65536)
def fold(text: str) -> str:
    """Case- and accent-insensitive key: "Élysée" and "elysee" fold alike.

    >>> fold("Bogotá  D.C.")
    'bogota d.c.'
    """
    decomposed = unicodedata.normalize("NFKD", text.replace("’", "'"))
    bare = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return _WS.sub(" ", bare.casefold()).strip()


def slug(text: str) -> str:
    """Stable key of a name: folded, determiners/quotes/possessive dropped, words joined by ``-``.

    Letters of any script are kept (a Chinese name keeps its characters); a text with no
    letter or digit at all gets a short hash so that the key is never empty.

    >>> slug("The Democratic Party")
    'democratic-party'
    >>> slug("the Office of the Director of National Intelligence")
    'office-of-the-director-of-national-intelligence'
    >>> slug("Côte d'Ivoire")
    'cote-d-ivoire'
    """
    words = re.findall(r"[^\W_]+", fold(strip_mention(text)))
    if words:
        return "-".join(words)
    return "entity-" + hashlib.sha1(text.encode("utf-8")).hexdigest()[:10]


# Punctuation around names in running text, shared by the finders of the gazetteer and of
# the knowledge base (kg.entities.gazetteer, kg.entities.kb).
OPENERS = "\"'“‘«([{"
CLOSERS = "\"'”’»)]}"
CLAUSE_END = ",;:!?.…"
POSSESSIVE = re.compile(r"['’]s$|(?<=s)['’]$", re.IGNORECASE)
INITIALISM = re.compile(r"(?:[A-Za-z]\.){2,}$")  # "U.S.", "U.K.": the dot is no sentence end


def without_overlaps(found: list[tuple]) -> list[tuple]:
    """``(start, end, ...)`` hits without overlaps, longest first, in document order.

    >>> without_overlaps([(0, 9, "a"), (4, 7, "b"), (10, 12, "c")])
    [(0, 9, 'a'), (10, 12, 'c')]
    """
    kept: list[tuple] = []  # sorted by start; spans never overlap
    for hit in sorted(found, key=lambda h: (h[0] - h[1], h[0])):  # longest first
        i = bisect.bisect_left(kept, hit[0], key=lambda h: h[0])
        if (i == 0 or kept[i - 1][1] <= hit[0]) and (i == len(kept) or hit[1] <= kept[i][0]):
            kept.insert(i, hit)
    return kept


def singular(word: str) -> str:
    """A crude English singular for plural nouns the lemmatiser was not asked about.

    >>> [singular(w) for w in ("officials", "authorities", "embassies", "media", "actors")]
    ['official', 'authority', 'embassy', 'media', 'actor']
    """
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith(("sses", "shes", "ches", "xes")):
        return word[:-2]
    if word.endswith("s") and not word.endswith(("ss", "us", "is")) and len(word) > 3:
        return word[:-1]
    return word
