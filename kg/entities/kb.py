"""The knowledge base of influence actors: services, units, companies, outlets, personas, groups.

"Fancy Bear", "APT28", "Strontium" and "the GRU's 85th Main Special Service Center" are all
one actor, Unit 26165, which belongs to the GRU, which belongs to Russia. The knowledge
base holds such actors as data (``kg/lexicon/actors/*.tsv``, see
:mod:`kg.entities.kb_data` and ``kg/lexicon/actors/README.md``): generated from the MISP
galaxy clusters by ``scripts/build_actor_kb.py`` and curated from US government text. Each
actor is an :class:`~kg.entities.Entity` with its ``qid`` and ``affiliated_with``; states
are the gazetteer's, so an affiliation chain ends at the same ``Entity`` the gazetteer
gives for "Russia".

Matching rules (both for whole mentions and inside running text):

* names are case- and accent-insensitive ("FANCY BEAR", "Fancy Bear");
* a short acronym (one word of at most five letters, all capitals: "IRA", "GRU", "APT28")
  matches only as written, so "Ira" and "ira" are never the Internet Research Agency;
* a leading "the", quotes, a possessive "'s" and legal forms ("LLC", "Ltd", "OOO") are
  ignored; "Russia's GRU" or "the Chinese MSS" name the actor when the state is its own,
  and a state settles an ambiguous name ("South Korea's DIA");
* an alias that names several actors (a note in the data says why) names none of them:
  :meth:`KnowledgeBase.candidates` lists them for the caller to decide.

All lookups are dictionary hits; :meth:`KnowledgeBase.find_all` tries a window only at
words that can begin a name. Nothing is read at import time.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Iterator
from pathlib import Path

from kg.entities._text import fold, strip_mention
from kg.entities._text import CLAUSE_END as _CLAUSE_END, CLOSERS as _CLOSERS, INITIALISM as _INITIALISM
from kg.entities._text import OPENERS as _OPENERS, POSSESSIVE as _POSSESSIVE, without_overlaps
from kg.entities.gazetteer import Entity, Gazetteer
from kg.entities.kb_data import ActorRow, AliasRow, packaged_files, read_tables
from kg.errors import InputError
from kg.lexicon import Lexicon

__all__ = ["KnowledgeBase", "match_key"]

#: A code name with its number apart: "APT 28" and "APT-28" are "APT28".
_SPACED_CODE = re.compile(r"([A-Z]{2,5})[ -](\d{1,5})")
#: Longest all-capital word kept case-exact: "IRA", "IRGC", "APT28" (letters only count).
#: Longer ones ("SEABORGIUM", "COLDRIVER") are names a report may write in any case.
_ACRONYM_LETTERS = 5
_TOKEN = re.compile(r"\S+")
_TRAILING_ACRONYM = re.compile(r"^(.+?)\s*\(([^()]+)\)$")  # "Internet Research Agency (IRA)"
_MAX_STATE_WORDS = 3  # words a state modifier may have: "North Korea's", "the United States'"
_LOOKUP_CACHE_SIZE = 100_000


def _is_short_acronym(core: str) -> bool:
    letters = [c for c in core if c.isalpha()]
    return " " not in core and 2 <= len(letters) <= _ACRONYM_LETTERS and all(c.isupper() for c in letters)


def _strip_legal_forms(core: str, lex: Lexicon) -> str:
    # Legal forms ("Concord Management and Consulting LLC", "OOO Structura") and the words
    # they abbreviate ("X Development Co., Ltd." is "X Development Company") do not change
    # which company a name means; "ANO" is no legal form here: "ANO Dialog" without it is a word.
    forms = lex.words("legal_forms")
    words = core.split(" ")
    while len(words) > 1 and (words[-1].lower().strip(",") in forms or words[-1].lower().strip(",") in lex.words("company_words")):
        words.pop()
        words[-1] = words[-1].rstrip(",")
    while len(words) > 1 and words[0].lower() in forms:
        words.pop(0)
    return " ".join(words)


@functools.lru_cache(maxsize=65536)
def match_key(name: str, lex: Lexicon) -> tuple[str, bool]:
    """The dictionary key a name or mention is matched on, and whether it is case-exact.

    Short acronyms keep their case (dots dropped); everything else is folded; legal forms
    (the lexicon's ``legal_forms``) are dropped.

    >>> from kg.lexicon import load_lexicon
    >>> lex = load_lexicon()
    >>> match_key("the IRA's", lex)
    ('IRA', True)
    >>> match_key("Ira", lex)
    ('ira', False)
    >>> match_key('OOO "Structura"', lex)
    ('structura', False)
    >>> match_key("Concord Management and Consulting, LLC", lex)
    ('concord management and consulting', False)
    >>> match_key("APT 28", lex) == match_key("APT-28", lex) == match_key("APT28", lex)
    True
    """
    core, previous = name, None
    while core != previous:  # 'OOO "Structura"': legal form, then quotes
        previous = core
        core = _strip_legal_forms(strip_mention(core), lex)
    code = _SPACED_CODE.fullmatch(core)
    if code:
        core = code.group(1) + code.group(2)
    if _is_short_acronym(core):
        return core.replace(".", ""), True
    return fold(core), False


class KnowledgeBase:
    """Named influence actors with their aliases and affiliations, and the states they serve.

    Build it with :meth:`default` (package data, cached), :meth:`load` (package data plus
    files of your own) or :meth:`with_user_file`; the constructor takes rows directly.

    >>> kb = KnowledgeBase.default()
    >>> kb.lookup("Fancy Bear") == kb.lookup("APT28") == kb.get("unit-26165")
    True
    >>> [e.label for e in kb.chain("unit-26165")]
    ['Unit 26165', 'Main Intelligence Directorate (GRU)', 'Russia']
    """

    def __init__(
        self,
        actors: Iterable[ActorRow],
        aliases: Iterable[AliasRow] = (),
        gazetteer: Gazetteer | None = None,
    ) -> None:
        self._gazetteer = gazetteer or Gazetteer.default()
        self._legal_forms = self._gazetteer.lexicon.words("legal_forms")
        self._rows: tuple[tuple[ActorRow, ...], tuple[AliasRow, ...]] = (tuple(actors), tuple(aliases))
        self._states = {state.key: state for state in self._gazetteer.states}
        rows = _latest_rows(self._rows[0])
        names = _names_by_key(rows, self._rows[1])
        labels = _display_labels(rows, self._rows[1])
        self._entities: dict[str, Entity] = {
            key: Entity(
                key,
                labels[key],
                row.kind,
                tuple(n for n in dict.fromkeys(names[key]) if n != labels[key]),
                None,
                row.qid,
                self._affiliation(row, rows),
            )
            for key, row in rows.items()
        }
        _check_cycles(self._entities, rows)
        self._exact, self._folded = _index(self._entities, self._rows[1], rows, self._gazetteer.lexicon)
        # First word of every name → the most words a name beginning with it has, so that
        # find_all tries only windows that can match.
        self._first_exact: dict[str, int] = {k: 1 for k in self._exact}
        self._code_prefixes = frozenset(m.group(1) for k in self._exact if (m := re.fullmatch(r"([A-Z]{2,5})\d+", k)))
        self._first_folded: dict[str, int] = {}
        for key in self._folded:
            words = key.split(" ")
            self._first_folded[words[0]] = max(self._first_folded.get(words[0], 0), len(words))
        # Names written with a lower-case first letter ("i-Soon") may start a match there.
        self._lower_starts = frozenset(
            fold(name.split(" ")[0])
            for entity in self._entities.values()
            for name in (entity.label, *entity.aliases)
            if name[:1].islower()
        )
        self._looked_up: dict[str, Entity | None] = {}

    # -- construction -------------------------------------------------------------------

    @classmethod
    def default(cls) -> KnowledgeBase:
        """The knowledge base of the package's own tables, built on first use and cached.

        >>> KnowledgeBase.default() is KnowledgeBase.default()
        True
        """
        return _default_kb()

    @classmethod
    def load(cls, *paths: str | Path, packaged: bool = True, gazetteer: Gazetteer | None = None) -> KnowledgeBase:
        """A knowledge base of the package's tables (unless ``packaged=False``) and *paths*.

        Each path is an actors or an aliases table in the package's format (see
        :mod:`kg.entities.kb_data`). A user actor row with a key the package already has
        replaces the package's row; user aliases add to the actor's names.

        Raises
        ------
        kg.errors.InputError
            A file cannot be read, or a row is bad; the message names the file and line.

        Examples
        --------
        >>> import tempfile, os
        >>> with tempfile.NamedTemporaryFile("w", suffix=".tsv", delete=False) as f:
        ...     _ = f.write("key\\tlabel\\tkind\\taffiliated_with\\tsource\\n"
        ...                 "acme-media\\tAcme Media\\tMediaOutlet\\tsocial-design-agency\\tmy notes\\n")
        >>> kb = KnowledgeBase.load(f.name)
        >>> [e.label for e in kb.chain("acme-media")]
        ['Acme Media', 'Social Design Agency (SDA)', 'Russia']
        >>> os.unlink(f.name)
        """
        files = [*(packaged_files() if packaged else ()), *paths]
        actors, aliases = read_tables(files)
        return cls(actors, aliases, gazetteer)

    def with_user_file(self, *paths: str | Path) -> KnowledgeBase:
        """A new knowledge base with this one's rows and those of *paths* (see :meth:`load`)."""
        return self.with_rows(*read_tables(paths))

    def with_rows(self, actors: Iterable[ActorRow], aliases: Iterable[AliasRow]) -> KnowledgeBase:
        """A new knowledge base with this one's rows and these after them (later rows win)."""
        return KnowledgeBase([*self._rows[0], *actors], [*self._rows[1], *aliases], self._gazetteer)

    def _affiliation(self, row: ActorRow, rows: dict[str, ActorRow]) -> str | None:
        value = row.affiliated_with
        if value is None:
            return None
        if value in rows or value in self._states:
            return value
        state = self._gazetteer.get(value) if len(value) == 3 and value.isupper() else None
        if state is not None:
            return state.key
        raise InputError(
            f"{row.where}: affiliated_with {value!r} of {row.key!r} is neither an actor key nor a state"
        )

    # -- access -------------------------------------------------------------------------

    def __len__(self) -> int:
        return len(self._entities)

    def __contains__(self, key: object) -> bool:
        return key in self._entities

    def entities(self) -> Iterator[Entity]:
        """Every actor (states are the gazetteer's), in key order.

        >>> sum(1 for e in KnowledgeBase.default().entities() if e.kind == "IntelligenceAgency") > 10
        True
        """
        return (self._entities[k] for k in sorted(self._entities))

    def get(self, key: str) -> Entity | None:
        """The actor, or the state, with this key; None if there is none.

        >>> kb = KnowledgeBase.default()
        >>> kb.get("internet-research-agency").label, kb.get("russia").kind
        ('Internet Research Agency (IRA)', 'State')
        """
        return self._entities.get(key) or self._states.get(key)

    def chain(self, key: str) -> tuple[Entity, ...]:
        """The actor and what it is affiliated with, up to the state where the data says so.

        Empty for an unknown key; a state's chain is the state alone.

        >>> [e.label for e in KnowledgeBase.default().chain("sputnik")]
        ['Sputnik', 'Rossiya Segodnya', 'Russia']
        """
        out: list[Entity] = []
        entity = self.get(key)
        while entity is not None:  # cycles are refused at construction
            out.append(entity)
            entity = self.get(entity.affiliated_with) if entity.affiliated_with else None
        return tuple(out)

    def state_of(self, key: str) -> Entity | None:
        """The state at the end of the actor's chain, or None.

        >>> KnowledgeBase.default().state_of("lazarus-group").label
        'North Korea'
        """
        last = self.chain(key)[-1:] or (None,)
        return last[0] if last[0] is not None and last[0].kind == "State" else None

    # -- whole mentions -----------------------------------------------------------------

    def candidates(self, mention: str) -> tuple[Entity, ...]:
        """Every actor a whole mention can name, ambiguous aliases included.

        >>> [e.label for e in KnowledgeBase.default().candidates("HSSD")]
        ['Hainan State Security Department (HSSD)', 'Hubei State Security Department (HSSD)']
        """
        key, exact = match_key(mention, self._gazetteer.lexicon)
        keys = (self._exact if exact else self._folded).get(key, ())
        return tuple(self._entities[k] for k in sorted(keys))

    def lookup(self, mention: str) -> Entity | None:
        """The one actor a whole mention names, or None.

        Parameters
        ----------
        mention : str
            A mention as written: "the IRA's", "Fancy Bear", "Russia's GRU".

        Returns
        -------
        Entity or None
            None for unknown names, for a case-changed short acronym ("Ira"), and for an
            alias that names several actors (see :meth:`candidates`).

        Examples
        --------
        >>> kb = KnowledgeBase.default()
        >>> [kb.lookup(m).label for m in ("the IRA's", "Russia's GRU", "Concord Management and Consulting LLC")]
        ['Internet Research Agency (IRA)', 'Main Intelligence Directorate (GRU)', 'Concord Management and Consulting']
        >>> kb.lookup("Ira") is None, kb.lookup("China's GRU") is None
        (True, True)
        """
        try:
            return self._looked_up[mention]
        except KeyError:
            pass
        found = self._direct(mention) or self._parenthesised(mention) or self._state_prefixed(mention)
        if len(self._looked_up) >= _LOOKUP_CACHE_SIZE:
            self._looked_up.clear()
        self._looked_up[mention] = found
        return found

    def _direct(self, mention: str) -> Entity | None:
        found = self.candidates(mention)
        return found[0] if len(found) == 1 else None

    def _parenthesised(self, mention: str) -> Entity | None:
        # "Internet Research Agency (IRA)": both halves must agree, or only one be known.
        m = _TRAILING_ACRONYM.match(mention.strip().rstrip(_CLAUSE_END))  # strip_mention would eat the ")"
        if not m:
            return None
        outer, inner = self._direct(m.group(1)), self._direct(m.group(2))
        if outer and inner and outer != inner:
            return None
        return outer or inner

    def _state_prefixed(self, mention: str) -> Entity | None:
        # "Russia's GRU", "the Chinese MSS", "Iranian IRGC": the state must be the actor's own.
        words = strip_mention(mention).split(" ")
        for k in range(1, min(len(words), _MAX_STATE_WORDS + 1)):
            state = self._gazetteer.state_of_modifier(" ".join(words[:k]))
            if state is None:
                continue
            # the state also settles an ambiguous acronym: "South Korea's DIA"
            own = [e for e in self.candidates(" ".join(words[k:])) if state in self.chain(e.key)]
            if len(own) == 1:
                return own[0]
        return None

    # -- mentions inside running text ---------------------------------------------------

    def find_all(self, text: str) -> list[tuple[int, int, Entity]]:
        """Every actor mention in *text*, as ``(start, end, entity)`` in document order.

        At each word that can begin a name (and does not start with a lower-case letter,
        unless a name is written so: "i-Soon"),
        the longest window of following words that is an actor's name wins; a window
        never runs over a comma or a sentence end, and overlapping matches keep the longest.
        Spans exclude quotes, end punctuation and a possessive "'s"; "GRU-linked" yields
        "GRU".

        >>> text = "The GRU's Unit 26165, known as Fancy Bear, worked with Ira and the IRA."
        >>> [(text[s:e], ent.key) for s, e, ent in KnowledgeBase.default().find_all(text)]  # doctest: +NORMALIZE_WHITESPACE
        [('GRU', 'gru'), ('Unit 26165', 'unit-26165'), ('Fancy Bear', 'unit-26165'),
         ('IRA', 'internet-research-agency')]
        """
        tokens = [(m.start(), m.end()) for m in _TOKEN.finditer(text)]
        found: list[tuple[int, int, Entity]] = []
        # A report repeats its words ("the", "Russia", "GRU"): how long a name a word can
        # begin, and which actor a window names, are worked out once per spelling.
        windows: dict[str, int] = {}
        names: dict[str, Entity | None] = {}
        for i, (start, end) in enumerate(tokens):
            token = text[start:end]
            start += len(token) - len(token.lstrip(_OPENERS))
            if start >= end:
                continue
            word = text[start:end]
            words = windows.get(word)
            if words is None:
                may_start = not word[0].islower() or self._may_start_lower(word)
                words = windows[word] = self._window_words(word) if may_start else 0
            if words:
                hit = self._longest_at(text, tokens, i, start, words, names)
                if hit is not None:
                    found.append(hit)
        return without_overlaps(found)

    def _may_start_lower(self, token: str) -> bool:
        raw = _POSSESSIVE.sub("", token.rstrip(_CLOSERS + _CLAUSE_END))
        return fold(raw) in self._lower_starts

    def _window_words(self, token: str) -> int:
        """How many words a name beginning with *token* can have (0: none begins so)."""
        raw = token.rstrip(_CLOSERS + _CLAUSE_END)
        best = 0
        for word in {raw, _POSSESSIVE.sub("", raw), raw.split("-")[0]}:
            if not word:
                continue
            if word.replace(".", "") in self._first_exact:
                best = max(best, 1)
            best = max(best, self._first_folded.get(fold(word), 0))
            if word in self._code_prefixes:  # "APT" of "APT 28"
                best = max(best, 2)
        # room for a trailing "LLC" / "Co., Ltd."; a leading "OOO" stays out of the span
        return best + 2 if best else 0

    def _longest_at(
        self, text: str, tokens: list[tuple[int, int]], i: int, start: int, words: int, names: dict[str, Entity | None]
    ) -> tuple[int, int, Entity] | None:
        """The longest name of at most ``words`` words at token ``i`` (from ``start``);
        ``names`` holds the answers of :meth:`_direct` for this text, and gains the new ones."""
        last = i
        while last + 1 < len(tokens) and last - i + 1 < words:
            if _ends_clause(text[tokens[last][0] : tokens[last][1]], self._legal_forms):
                break
            last += 1
        for j in range(last, i - 1, -1):
            stop = _trim_end(text, start, tokens[j][1], self._legal_forms)
            if stop <= start:
                continue
            # names only: a state before the name ("Russia's GRU") is the gazetteer's span
            window = text[start:stop]
            if window not in names:
                names[window] = self._direct(window)
            entity = names[window]
            if entity is not None:
                return start, stop, entity
        return self._hyphen_stem(text, start, _trim_end(text, start, tokens[i][1], self._legal_forms))

    def _hyphen_stem(self, text: str, start: int, end: int) -> tuple[int, int, Entity] | None:
        stem, dash, suffix = text[start:end].rpartition("-")  # "GRU-linked", "IRGC-affiliated"
        lex = self._gazetteer.lexicon
        if dash and stem and (suffix.lower() in lex.words("state_link_suffixes") or suffix.lower() in lex.words("actor_link_suffixes")):
            entity = self.lookup(stem)
            if entity is not None:
                return start, start + len(stem), entity
        return None


def _latest_rows(actors: Iterable[ActorRow]) -> dict[str, ActorRow]:
    """Actor rows by key; a later file's row replaces an earlier one (user overrides)."""
    rows: dict[str, ActorRow] = {}
    for row in actors:
        earlier = rows.get(row.key)
        if earlier is not None and earlier.file == row.file:
            raise InputError(f"{row.where}: key {row.key!r} already used on line {earlier.line}")
        rows[row.key] = row
    return rows


def _display_labels(rows: dict[str, ActorRow], aliases: Iterable[AliasRow]) -> dict[str, str]:
    """Labels that give an actor's full name and the acronym analysts know it by:
    "Ministry of State Security (MSS)", "Internet Research Agency (IRA)". Reports use
    either form, and a reader of the graph should see both; the bare forms stay aliases.

    >>> from kg.entities.kb_data import ActorRow, AliasRow
    >>> rows = {"mss": ActorRow("mss", "MSS", "IntelligenceAgency", None, "CHN", "s")}
    >>> _display_labels(rows, [AliasRow("mss", "Ministry of State Security", "full-name", "s")])
    {'mss': 'Ministry of State Security (MSS)'}
    """
    full: dict[str, str] = {}
    acronym: dict[str, str] = {}
    for alias in aliases:
        if alias.type == "full-name" and len(alias.alias.split()) > 1 and "(" not in alias.alias:
            full.setdefault(alias.key, alias.alias)
        elif alias.type == "acronym" and _is_short_acronym(alias.alias):
            acronym.setdefault(alias.key, alias.alias)
    labels = {}
    for key, row in rows.items():
        if _is_short_acronym(row.label) and key in full:
            labels[key] = f"{full[key]} ({row.label})"
        elif key in acronym and not _is_short_acronym(row.label) and "(" not in row.label:
            labels[key] = f"{row.label} ({acronym[key]})"
        else:
            labels[key] = row.label
    return labels


def _names_by_key(rows: dict[str, ActorRow], aliases: Iterable[AliasRow]) -> dict[str, list[str]]:
    names: dict[str, list[str]] = {key: [row.label] for key, row in rows.items()}
    for alias in aliases:
        if alias.key not in names:
            raise InputError(f"{alias.where}: alias {alias.alias!r} is for unknown actor {alias.key!r}")
        names[alias.key].append(alias.alias)
    return names


def _check_cycles(entities: dict[str, Entity], rows: dict[str, ActorRow]) -> None:
    for key in entities:
        seen = {key}
        parent = entities[key].affiliated_with
        while parent in entities:
            if parent in seen:
                raise InputError(f"{rows[key].where}: the affiliations of {key!r} run in a circle through {parent!r}")
            seen.add(parent)
            parent = entities[parent].affiliated_with


def _index(
    entities: dict[str, Entity], aliases: tuple[AliasRow, ...], rows: dict[str, ActorRow], lex: Lexicon
) -> tuple[dict[str, frozenset[str]], dict[str, frozenset[str]]]:
    """Case-exact and folded match keys → actor keys; a shared alias needs a note."""
    exact: dict[str, set[str]] = {}
    folded: dict[str, set[str]] = {}
    for entity in entities.values():
        # the row's own label and aliases; a display label ("Full Name (ACR)") is made of them
        for name in dict.fromkeys((rows[entity.key].label, *entity.aliases)):
            key, is_exact = match_key(name, lex)
            if key:
                (exact if is_exact else folded).setdefault(key, set()).add(entity.key)
    noted = {match_key(a.alias, lex) for a in aliases if a.note}
    for table, is_exact in ((exact, True), (folded, False)):
        for key, owners in table.items():
            if len(owners) > 1 and (key, is_exact) not in noted:
                where = next(
                    (a.where for a in reversed(aliases) if a.key in owners and match_key(a.alias, lex) == (key, is_exact)),
                    rows[min(owners)].where,
                )
                raise InputError(
                    f"{where}: the name {key!r} is given to {', '.join(sorted(owners))} without a note saying why"
                )
    return (
        {k: frozenset(v) for k, v in exact.items()},
        {k: frozenset(v) for k, v in folded.items()},
    )


def _ends_clause(token: str, legal_forms: frozenset[str]) -> bool:
    if token.endswith(tuple(_CLOSERS)) and not _POSSESSIVE.search(token):
        return True
    if token.endswith(".") and (_INITIALISM.search(token) or token.lower() in legal_forms):
        return False  # the dot of "U.S." or "Ltd." ends no sentence
    return token.endswith(tuple(_CLAUSE_END))


def _trim_end(text: str, start: int, end: int, legal_forms: frozenset[str]) -> int:
    """End offset of the span without closing quotes, end punctuation or possessive."""
    while end > start:
        span = text[start:end]
        if _INITIALISM.search(span) or span.lower().split(" ")[-1] in legal_forms:
            break  # keep the final dot of "U.S." and of "Ltd."
        trimmed = _POSSESSIVE.sub("", span.rstrip(_CLOSERS + _CLAUSE_END))
        if len(trimmed) == len(span):
            break
        end = start + len(trimmed)
    return end



@functools.cache
def _default_kb() -> KnowledgeBase:
    actors, aliases = read_tables(packaged_files())
    return KnowledgeBase(actors, aliases)
