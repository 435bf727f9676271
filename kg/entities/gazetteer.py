"""The gazetteer of state actors: every sovereign state with its names, capital and demonyms.

A state is named in reporting by its name ("Russia", "the Russian Federation"), an
abbreviation ("the U.S.", "PRC"), its capital ("Havana", "Beijing's"), a seat of
government ("the Kremlin"), or an adjective with a noun for its government or agents
("the Cuban regime", "Russian military officials", "Iranian hackers", "Kremlin-backed
operatives"). :meth:`Gazetteer.lookup` resolves such a whole mention to one canonical
:class:`Entity`; the same adjective with a noun for the people ("Cuban-Americans",
"Chinese voters", "the American public") is an audience, not the state, and resolves to
nothing.

All lookups are dictionary hits on normalised text (see :mod:`kg.entities._text`); the
data is built once per process by :meth:`Gazetteer.default`. The English words it reads (the
nouns and modifiers of a government, "-backed" compounds, country names that are everyday
words) are classes of :mod:`kg.lexicon`; the gazetteer carries the lexicon it was built
with, so the entities layer reaches the same one (:attr:`Gazetteer.lexicon`).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable
from dataclasses import dataclass

from kg.entities._text import fold, singular, slug, strip_mention
from kg.entities._text import CLAUSE_END as _CLAUSE_END, CLOSERS as _CLOSERS, INITIALISM as _INITIALISM
from kg.entities._text import OPENERS as _OPENERS, POSSESSIVE as _POSSESSIVE, without_overlaps
from kg.entities.data import (
    ABBREVIATIONS,
    EXTRA_ADJECTIVES,
    EXTRA_NAMES,
    SEATS_OF_GOVERNMENT,
    CountryRecord,
    load_records,
)
from kg.lexicon import Lexicon, load_lexicon

__all__ = ["Entity", "Gazetteer"]


@dataclass(frozen=True)
class Entity:
    """A canonical actor or target: ``skos:prefLabel`` is :attr:`label`, ``altLabel`` the aliases.

    States come from the :class:`Gazetteer`, named non-state actors (services, units,
    outlets, threat groups) from the knowledge base :class:`kg.entities.kb.KnowledgeBase`,
    which also fills :attr:`qid` and :attr:`affiliated_with`.

    >>> Entity("cuba", "Cuba", "State", ("Havana",), "CUB").key
    'cuba'
    >>> Entity("gru", "GRU", "IntelligenceAgency", affiliated_with="russia").affiliated_with
    'russia'
    """

    key: str  #: stable slug, the last segment of the entity's IRI
    label: str  #: canonical name
    kind: str  #: ontology class local name (State, Organisation, Person, Audience, ...)
    aliases: tuple[str, ...] = ()
    iso3: str | None = None
    qid: str | None = None  #: Wikidata item ("Q123"), only where the source data gives one
    #: key of the parent actor, or of the state (its gazetteer key, e.g. "russia")
    affiliated_with: str | None = None


_TOKEN = re.compile(r"\S+")
# Tiers: a country's own name outranks someone else's capital or alternative spelling.
_NAME, _ALT, _CAPITAL = 0, 1, 2


_LOOKUP_CACHE_SIZE = 100_000


#: A bracketed insertion inside a mention ("(APT)"), left out when the mention is looked up.
_BRACKETED = re.compile(r"\s*\([^()]*\)")

class Gazetteer:
    """Canonical states and the many ways English text names them.

    Build it with :meth:`default` (package data, cached); the constructor takes the
    records and the lexicon directly so that tests and other data sources can supply their own.

    >>> gaz = Gazetteer.default()
    >>> gaz.lookup("the Castro regime") is None, gaz.lookup("Havana").label
    (True, 'Cuba')
    """

    def __init__(self, records: Iterable[CountryRecord], lexicon: Lexicon) -> None:
        records = list(records)
        by_iso = {r.iso3: r for r in records}
        #: the lexicon the gazetteer reads its words from, for the rest of the entities layer
        self.lexicon = lexicon
        self._not_names = lexicon.words("not_state_names")
        self._heads = lexicon.words("government_heads")
        self._modifiers = lexicon.words("government_modifiers")
        self._links = lexicon.words("state_link_suffixes")
        self._names: dict[str, str] = _name_index(records, by_iso, self._not_names)
        self._adjectives: dict[str, str] = _adjective_index(records, by_iso)
        self._abbreviations: dict[str, str] = {k: v for k, v in ABBREVIATIONS.items() if v in by_iso}
        self._entities: dict[str, Entity] = {r.iso3: self._entity(r) for r in records}
        keys = [*self._names, *self._adjectives]
        self._max_words = max((len(k.split(" ")) for k in keys), default=1)
        # First words of every name and adjective: find_all tries a window only there.
        self._first_words = {k.split(" ")[0] for k in keys} | {fold(k) for k in self._abbreviations}
        # Extraction asks about the same few phrases again and again; the tables never
        # change after construction, so the answers can be kept (bounded, for huge corpora).
        self._looked_up: dict[str, Entity | None] = {}

    def _entity(self, record: CountryRecord) -> Entity:
        names = [n for n in record.names if fold(n) not in self._not_names]
        names += [c for c in record.capitals if fold(c) not in self._not_names]
        names += [s for s, iso in SEATS_OF_GOVERNMENT.items() if iso == record.iso3]
        names += list(EXTRA_NAMES.get(record.iso3, ()))
        names += [a for a, iso in ABBREVIATIONS.items() if iso == record.iso3]
        aliases = tuple(dict.fromkeys(n for n in names if n != record.label))
        return Entity(slug(record.label), record.label, "State", aliases, record.iso3)

    @classmethod
    def default(cls) -> Gazetteer:
        """The gazetteer of the vendored country table and the package's lexicon, built on first use and cached.

        >>> Gazetteer.default() is Gazetteer.default()
        True
        """
        return _default_gazetteer()

    @property
    def states(self) -> tuple[Entity, ...]:
        """Every state entity, in ISO alpha-3 order (for exporting labels and aliases)."""
        return tuple(self._entities[iso] for iso in sorted(self._entities))

    def get(self, iso3: str) -> Entity | None:
        """The state with this ISO 3166 alpha-3 code.

        >>> Gazetteer.default().get("PRK").label
        'North Korea'
        """
        return self._entities.get(iso3.upper())

    def is_demonym(self, word: str) -> bool:
        """Whether *word* (or its singular) is a nationality word: "Americans", "Cuban".

        >>> Gazetteer.default().is_demonym("Americans")
        True
        """
        key = fold(word)
        return key in self._adjectives or singular(key) in self._adjectives

    # -- whole mentions --------------------------------------------------------------

    def lookup(self, text: str) -> Entity | None:
        """The state a whole mention names, or None.

        Parameters
        ----------
        text : str
            A mention as written: "the Cuban government", "Beijing's", "the U.S.".

        Returns
        -------
        Entity or None
            The canonical state; None for anything else, including audiences named with
            a demonym ("Cuban-Americans", "Chinese voters").

        Examples
        --------
        >>> gaz = Gazetteer.default()
        >>> [gaz.lookup(t).label for t in ("Havana", "the Kremlin", "Russian military officials")]
        ['Cuba', 'Russia', 'Russia']
        >>> gaz.lookup("Chinese voters") is None
        True
        >>> gaz.lookup("Iranian advanced persistent threat (APT) actors").label
        'Iran'
        """
        try:
            return self._looked_up[text]
        except KeyError:
            pass
        # an acronym in brackets adds no words: "Iranian advanced persistent threat (APT) actors"
        core = " ".join(_BRACKETED.sub(" ", strip_mention(text)).split())
        iso3 = (self._name(core) or self._phrase(core.split(" "))) if core else None
        if len(self._looked_up) >= _LOOKUP_CACHE_SIZE:
            self._looked_up.clear()
        found = self._looked_up[text] = self._entities[iso3] if iso3 else None
        return found

    def _name(self, core: str) -> str | None:
        # Abbreviations are case-sensitive ("US", never the pronoun "us"), dots ignored.
        if " " not in core:
            iso3 = self._abbreviations.get(core.replace(".", ""))
            if iso3:
                return iso3
        return self._names.get(fold(core))

    def state_of_modifier(self, text: str) -> Entity | None:
        """The state a modifier names: a demonym, a name, its possessive or a "-backed" compound.

        For phrases that put a state before the name of one of its bodies ("Russia's GRU",
        "the Chinese MSS"); unlike :meth:`lookup`, no government noun need follow.

        >>> gaz = Gazetteer.default()
        >>> [gaz.state_of_modifier(t).label for t in ("Russian", "China's", "North Korean")]
        ['Russia', 'China', 'North Korea']
        >>> gaz.state_of_modifier("Fancy") is None
        True
        """
        words = text.split()
        iso3 = self._modifier(words) if words else None
        return self._entities[iso3] if iso3 else None

    def _modifier(self, words: list[str]) -> str | None:
        """The state named by the words before a government noun ("North Korean", "Russia's")."""
        last = words[-1]
        stem, dash, suffix = last.rpartition("-")
        if dash and stem and suffix.lower() in self._links:  # "Kremlin-backed"
            last = stem
        last = _POSSESSIVE.sub("", last)  # "Beijing's", "Russia's"
        text = " ".join([*words[:-1], last])
        return self._adjectives.get(fold(text)) or self._name(text)

    def _phrase(self, words: list[str]) -> str | None:
        of_words = self.lexicon.words("state_of_prepositions")
        for i in range(1, len(words) - 1):  # "the government of Cuba", "officials in Beijing"
            if words[i].lower() in of_words and self._is_government(words[:i]):
                iso3 = self._name(strip_mention(" ".join(words[i + 1 :])))
                if iso3:
                    return iso3
        if singular(words[-1].lower()) not in self._heads and "of" not in words:
            return None  # no government noun to end on: skip the prefix search
        for k in range(min(len(words) - 1, self._max_words), 0, -1):
            iso3 = self._modifier(words[:k])
            if iso3 and self._is_government(words[k:]):
                return iso3
        return None

    def _is_government(self, words: list[str]) -> bool:
        """Whether *words* are a noun for a state body: modifiers, then a government head."""
        if not words:
            return False
        lowered = [w.lower() for w in words]
        if "of" in lowered:  # "Ministry of State Security": the body's own name follows "of"
            cut = lowered.index("of")
            if cut == 0 or singular(lowered[cut - 1]) not in self.lexicon.words("named_body_heads"):
                return False
            lowered = lowered[:cut]
        *mods, head = lowered
        head = singular(head)
        if head not in self._heads:
            return False
        if head == "party" and not self.lexicon.words("ruling_party_markers").intersection(mods):
            return False
        return all(self._is_modifier(w) for w in mods)

    def _is_modifier(self, word: str) -> bool:
        if word in self._modifiers or singular(word) in self._heads:
            return True
        parts = word.split("-")  # "state-sponsored", "government-backed"
        return len(parts) > 1 and all(p in self._modifiers or p in self._heads or p in self._links for p in parts)

    # -- mentions inside running text -------------------------------------------------

    def find_all(self, text: str) -> list[tuple[int, int, Entity]]:
        """Every state mention in *text*, as ``(start, end, entity)`` in document order.

        Each capitalised word that can begin a name is tried with the longest window of
        following words that :meth:`lookup` resolves (so "Russian military officials" wins
        over "Russian"); overlapping candidates keep the longest. Spans exclude quotes, a
        possessive ``'s`` and trailing punctuation. Lower-case words are never names here
        ("china" the porcelain, "turkey" the bird).

        >>> text = "Cuban officials met the Kremlin's envoy in Beijing and Chinese voters."
        >>> [(text[s:e], ent.label) for s, e, ent in Gazetteer.default().find_all(text)]
        [('Cuban officials', 'Cuba'), ("Kremlin's envoy", 'Russia'), ('Beijing', 'China')]
        """
        tokens = [(m.start(), m.end()) for m in _TOKEN.finditer(text)]
        found: list[tuple[int, int, Entity]] = []
        for i, (start, end) in enumerate(tokens):
            token = text[start:end]
            start += len(token) - len(token.lstrip(_OPENERS))
            if start >= end or not text[start].isupper() or not self._may_begin(text[start:end]):
                continue
            hit = self._longest_at(text, tokens, i, start)
            if hit is not None:
                found.append(hit)
            elif "-" in text[start:end]:  # "U.S.-based", "Russia-Ukraine"
                found.extend(self._hyphen_parts(text, start, end))
        return without_overlaps(found)

    def _may_begin(self, token: str) -> bool:
        raw = token.rstrip(_CLOSERS + _CLAUSE_END)
        words = {raw, _POSSESSIVE.sub("", raw), *raw.split("-")}  # "People's", "Beijing's", "U.S.-based"
        return any(
            fold(w) in self._first_words or w.replace(".", "") in self._abbreviations for w in words if w
        )

    def _longest_at(
        self, text: str, tokens: list[tuple[int, int]], i: int, start: int
    ) -> tuple[int, int, Entity] | None:
        last = i
        while last + 1 < len(tokens) and last - i + 1 < self._max_words + 4:
            if _ends_clause(text[tokens[last][0] : tokens[last][1]]):
                break  # a window never runs over a comma, a quote or a sentence end
            last += 1
        for j in range(last, i - 1, -1):
            entity = self.lookup(text[start : tokens[j][1]])
            if entity is not None:
                return start, _trim_end(text, start, tokens[j][1]), entity
        return None

    def _hyphen_parts(self, text: str, start: int, end: int) -> list[tuple[int, int, Entity]]:
        hits = []
        offset = start
        for part in text[start:end].split("-"):
            stop = _trim_end(text, offset, offset + len(part))
            iso3 = self._name(strip_mention(text[offset:stop])) if stop > offset else None
            if iso3 and text[offset].isupper():
                hits.append((offset, stop, self._entities[iso3]))
            offset += len(part) + 1
        return hits


def _name_index(records: list[CountryRecord], by_iso: dict[str, CountryRecord], not_names: frozenset[str]) -> dict[str, str]:
    """Folded name, capital or seat of government → ISO alpha-3, one winner per name."""
    ranked: dict[str, tuple[tuple[int, int], str]] = {}

    def add(name: str, iso3: str, tier: int) -> None:
        key = fold(strip_mention(name))
        if not key or key in not_names or iso3 not in by_iso:
            return
        rank = (tier, -by_iso[iso3].population)  # "Jerusalem": ties go to the more populous
        if key not in ranked or rank < ranked[key][0]:
            ranked[key] = (rank, iso3)

    for r in records:
        for i, name in enumerate(r.names):
            # the first three are the label and country_converter's short and official names
            add(name, r.iso3, _NAME if i < 3 else _ALT)
        for capital in r.capitals:
            add(capital, r.iso3, _CAPITAL)
    for iso3, names in EXTRA_NAMES.items():
        for name in names:
            add(name, iso3, _ALT)
    for seat, iso3 in SEATS_OF_GOVERNMENT.items():
        add(seat, iso3, _CAPITAL)
    return {key: iso3 for key, (_, iso3) in ranked.items()}


def _adjective_index(records: list[CountryRecord], by_iso: dict[str, CountryRecord]) -> dict[str, str]:
    """Folded demonym/adjective → ISO alpha-3; "Congolese" goes to the more populous Congo."""
    best: dict[str, tuple[int, str]] = {}
    for r in records:
        for demonym in r.demonyms:
            key = fold(demonym)
            if key and (key not in best or r.population > best[key][0]):
                best[key] = (r.population, r.iso3)
    for adjective, iso3 in EXTRA_ADJECTIVES.items():
        if iso3 in by_iso:
            best[fold(adjective)] = (by_iso[iso3].population, iso3)
    return {key: iso3 for key, (_, iso3) in best.items()}


def _ends_clause(token: str) -> bool:
    if token.endswith(tuple(_CLOSERS)) and not _POSSESSIVE.search(token):
        return True
    return token.endswith(tuple(_CLAUSE_END)) and not _INITIALISM.search(token)


def _trim_end(text: str, start: int, end: int) -> int:
    """End offset of the span without closing quotes, end punctuation or possessive."""
    while end > start:
        span = text[start:end]
        if _INITIALISM.search(span):
            break  # keep the final dot of "U.S."
        trimmed = _POSSESSIVE.sub("", span.rstrip(_CLOSERS + _CLAUSE_END))
        if len(trimmed) == len(span):
            break
        end = start + len(trimmed)
    return end



@functools.cache
def _default_gazetteer() -> Gazetteer:
    return Gazetteer(load_records(), load_lexicon())
