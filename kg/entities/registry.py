"""One node per actor across documents: a new document's names join the nodes already built.

States and actors of the knowledge base have fixed keys, so they meet across documents by
construction. Everything else is minted from the text of one document ("Acme Media
Holdings LLC", "Natalia Burlinova"); :class:`EntityRegistry` decides whether such a name
is an entity the corpus already has:

1. **same name**: the names agree once case, accents, a leading "the", quotes and legal
   forms ("LLC", "Ltd", "OOO") are set aside;
2. **same person**: two personal names with the same first name and surname
   ("Yevgeniy Viktorovich Prigozhin", "Yevgeniy Prigozhin"); a surname alone, or the same
   surname with another first name, is never merged;
3. **near name**: organisations whose normalised names are nearly the same string
   (``rapidfuzz`` token-sort ratio ≥ :data:`NEAR_NAME_RATIO`, both at least
   :data:`NEAR_NAME_MIN_LENGTH` characters): spelling variants, not different bodies.

Every merge says which rule and which earlier name it followed; extraction keeps that on
the claim (``kgo:subjectResolution``), so the store explains each node it holds.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import replace

from rapidfuzz import fuzz, process

from kg.entities._text import fold, strip_mention
from kg.entities.names import person_key
from kg.lexicon import Lexicon, load_lexicon
from kg.model import Claim, Mention

__all__ = ["EntityRegistry", "name_key", "NEAR_NAME_RATIO", "NEAR_NAME_MIN_LENGTH"]

#: How alike two organisation names must be to be one body (0–100, token-sort ratio).
NEAR_NAME_RATIO = 94
#: Short names are too easily alike ("Acme" and "Acne"): below this, only exact names merge.
NEAR_NAME_MIN_LENGTH = 12
#: Kinds that are never merged by near names (people are matched by their name parts).
_EXACT_ONLY_KINDS = frozenset({"Person", "State", "Election", "Audience"})
#: Kinds minted entities can have that name organisations.
_ORGANISATION_KINDS = frozenset({"Organisation", "Group", "Company", "MediaOutlet", "Network", "PoliticalParty"})
_LEGAL_FORMS = re.compile(r"\b(?:llc|l\.l\.c|ltd|limited|ooo|inc|corp|co|jsc|ojsc|cjsc|pjsc|zao|oao|gmbh|plc)\.?$")
_NON_WORD = re.compile(r"[^\w\s]")


def name_key(name: str) -> str:
    """The form of a name two documents must share to name one entity.

    >>> name_key("The Acme Media Holdings, LLC") == name_key("Acme Media Holdings")
    True
    """
    text = fold(strip_mention(name))
    text = _NON_WORD.sub(" ", text.replace("’", "'").replace("'s ", " "))
    text = " ".join(text.split())
    previous = None
    while text != previous:
        previous = text
        text = _LEGAL_FORMS.sub("", text).strip()
    return text


class EntityRegistry:
    """The minted entities a corpus has so far, and the rule that joins a new name to one.

    Parameters
    ----------
    labels : mapping of str to str, optional
        Entity key → preferred label of the nodes already stored.
    lexicon : Lexicon, optional
        The lexicon whose ``person_titles`` a personal name is matched without (default:
        the package's, read now).

    Examples
    --------
    >>> registry = EntityRegistry({"acme-media-holdings": "Acme Media Holdings"})
    >>> m = Mention("Acme Media Holdings LLC", 0, 23, "Acme Media Holdings LLC", "Organisation", "acme-media-holdings-llc")
    >>> joined = registry.mention(m)
    >>> joined.key, joined.resolution
    ('acme-media-holdings', "same name: 'Acme Media Holdings'")
    """

    def __init__(self, labels: dict[str, str] | None = None, lexicon: Lexicon | None = None) -> None:
        self._lexicon = lexicon if lexicon is not None else load_lexicon()
        self._by_name: dict[str, str] = {}  # name_key -> entity key
        self._by_person: dict[tuple[str, str], str] = {}  # (first, surname) -> entity key
        self._labels: dict[str, str] = {}
        self._organisations: dict[str, str] = {}  # name_key -> entity key, for near names
        for key, label in (labels or {}).items():
            self._remember(key, label, None)

    def _remember(self, key: str, label: str, kind: str | None) -> None:
        self._labels.setdefault(key, label)
        norm = name_key(label)
        if norm:
            self._by_name.setdefault(norm, key)
            if kind is None or kind in _ORGANISATION_KINDS:
                self._organisations.setdefault(norm, key)
        parts = person_key(label, self._lexicon)
        if parts is not None and (kind is None or kind == "Person"):
            self._by_person.setdefault(parts, key)

    def mention(self, mention: Mention) -> Mention:
        """The mention, re-keyed to an earlier entity when a rule joins them."""
        if mention.key is None or mention.kind == "State" or (mention.resolution or "").startswith("kb"):
            return mention  # canonical by construction
        if mention.key in self._labels:
            return mention
        label = mention.label or mention.text
        found = self._match(label, mention.kind)
        if found is None:
            self._remember(mention.key, label, mention.kind)
            return mention
        key, rule = found
        why = f"{rule}: {self._labels[key]!r}"
        resolution = f"{mention.resolution}; {why}" if mention.resolution else why
        return replace(mention, key=key, label=self._labels[key], resolution=resolution)

    def _match(self, label: str, kind: str | None) -> tuple[str, str] | None:
        norm = name_key(label)
        if kind == "Person" or (kind is None and person_key(label, self._lexicon) is not None and norm not in self._by_name):
            parts = person_key(label, self._lexicon)
            key = self._by_person.get(parts) if parts is not None else None
            return (key, "same person") if key is not None else None
        if norm in self._by_name:
            return self._by_name[norm], "same name"
        if kind in _EXACT_ONLY_KINDS or kind not in _ORGANISATION_KINDS or len(norm) < NEAR_NAME_MIN_LENGTH:
            return None
        candidates = [n for n in self._organisations if len(n) >= NEAR_NAME_MIN_LENGTH]
        best = process.extractOne(norm, candidates, scorer=fuzz.token_sort_ratio, score_cutoff=NEAR_NAME_RATIO)
        return (self._organisations[best[0]], "near name") if best is not None else None

    def claims(self, claims: Iterable[Claim]) -> tuple[Claim, ...]:
        """The claims of one document with their subjects and objects joined to the corpus."""
        return tuple(replace(c, subject=self.mention(c.subject), object=self.mention(c.object)) for c in claims)
