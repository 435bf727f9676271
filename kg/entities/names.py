"""Who the names of one document refer to: definitions, known actors and people.

A document names the same actor many ways: "the Internet Research Agency LLC (the
"Organization")" defines a short name; "the Main Intelligence Directorate (GRU)" an
acronym; "Yevgeniy Viktorovich Prigozhin ... Prigozhin" a person by surname; "Fancy Bear"
an actor the knowledge base knows by another name. :class:`DocumentNames` collects these
once per document and answers :meth:`DocumentNames.entity_for` for any mention, so
extraction and coreference resolve every name the same way:

1. a state, through the gazetteer (never for a PERSON span);
2. a short name or acronym the document defines, replaced by its long form;
3. an actor of the knowledge base, by any alias (the long form first);
4. a person named earlier in full, by surname;
5. "the" and the capitalised head noun of an organisation named earlier in full ("the
   Blue Lantern Collective ... the Collective", "the Ministry of State Security ... the
   Ministry"), when no other organisation of the document has that head;
6. otherwise a minted entity (:func:`kg.entities.entity_for`).

Each answer carries *how* it was found (:attr:`Resolution.rule`), so that every merge of
a mention into a canonical node can be explained.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import NamedTuple, Protocol

from kg.entities._text import fold, slug, strip_mention
from kg.entities.acronyms import acronyms
from kg.entities.gazetteer import Entity, Gazetteer
from kg.entities.targets import entity_for
from kg.lexicon import Lexicon

__all__ = ["ActorIndex", "DocumentNames", "Resolution", "short_names", "person_key", "organisation_head", "patronymic_name"]


class ActorIndex(Protocol):
    """What :class:`DocumentNames` needs of a knowledge base of actors."""

    def lookup(self, mention: str) -> Entity | None: ...

    def find_all(self, text: str) -> list[tuple[int, int, Entity]]: ...


class Resolution(NamedTuple):
    """An entity and the rule that found it ("state", "definition", "kb", "surname", "minted")."""

    entity: Entity
    rule: str
    alias: str | None = None  #: the alias or short name that led there


# `(the "Organization")`, `("Concord")`, `(hereinafter, the "Company")`,
# `(collectively, the "Defendants")`: a quoted name in parentheses defines a short name.
_SHORT_NAME = re.compile(
    r"\(\s*(?:hereinafter,?\s+|collectively,?\s+|together,?\s+)?(?:referred\s+to\s+as\s+)?"
    r"(?:the\s+)?[\"“]([^\"“”()]{2,40}?)[\"”]\s*\)",
    re.IGNORECASE,
)
# `(GRU)`, `(FSB)`: an acronym of the name in another language, whose letters the English
# name does not spell (Schwartz–Hearst rejects it); accepted after a name of two words or more.
_BARE_ACRONYM = re.compile(r"\(\s*([A-Z][A-Z0-9&\-]{1,7})\s*\)")
# A capitalised name right before the parenthesis: "Internet Research Agency LLC",
# "Concord Management and Consulting LLC"; lower-case joiners may stand inside it.
_NAME_WORD = re.compile(r"[A-Z0-9][\w.&'’\-]*|of|and|for|the|de|al|la|&")
_JOINERS = frozenset({"of", "and", "for", "the", "de", "al", "la", "&"})
# Middle names that are patronymics or initials: "Yevgeniy Viktorovich Prigozhin" is the
# same person as "Yevgeniy Prigozhin"; "Kim Jong Un" keeps all three words.
_PATRONYMIC = re.compile(r"(?:ovich|evich|ovna|evna|ich|yevich|yevna|ogly|kyzy)$", re.IGNORECASE)
_INITIAL = re.compile(r"^[A-Z]\.?$")


def short_names(text: str) -> dict[str, str]:
    """Quoted short names a document defines, mapped to the name before them.

    Parameters
    ----------
    text : str
        The document.

    Returns
    -------
    dict of str to str
        Short name → long name, first definition wins.

    Examples
    --------
    >>> short_names('The Internet Research Agency LLC (the "Organization") is based in Russia.')
    {'Organization': 'Internet Research Agency LLC'}
    >>> short_names('funded by Concord Management and Consulting LLC ("Concord"), a firm')
    {'Concord': 'Concord Management and Consulting LLC'}
    >>> short_names("the Main Intelligence Directorate of the General Staff (GRU) of Russia")
    {'GRU': 'Main Intelligence Directorate of the General Staff'}
    """
    found: dict[str, str] = {}
    for match in _BARE_ACRONYM.finditer(text):
        short = match.group(1)
        long = _name_before(text, match.start())
        if short not in found and long and len(long.split()) >= 2:
            found[short] = long
    for match in _SHORT_NAME.finditer(text):
        short = match.group(1).strip()
        if short in found or not short[:1].isupper():
            continue
        long = _name_before(text, match.start())
        if long and fold(long) != fold(short):
            found[short] = long
    return found


def _name_before(text: str, end: int) -> str | None:
    """The run of capitalised words (with joiners inside) that ends at *end*."""
    words = list(re.finditer(r"\S+", text[max(0, end - 200) : end]))
    run: list[str] = []
    for match in reversed(words):
        word = match.group(0).rstrip(",")
        if match.group(0).endswith(",") and run:
            break  # "..., Concord Management (" : a comma ends the name to the left
        if not _NAME_WORD.fullmatch(word):
            break
        run.insert(0, word)
    while run and run[0].lower() in _JOINERS:
        run.pop(0)  # "the", "and" at the left edge are not part of the name
    if not run or not any(w[:1].isupper() for w in run):
        return None
    return " ".join(run)


def _remember_unique(seen: dict[str, Entity | None], key: str, entity: Entity) -> None:
    """Map ``key`` to ``entity``, or to None once a second entity claims the same key."""
    previous = seen.get(key, entity)
    seen[key] = entity if previous is not None and previous.key == entity.key else None


#: Double quotes that wrap a nickname ("Harry" Lu Jianwang, Yevgeniy "Chef" Prigozhin);
#: apostrophes are left alone (O'Brien).
_NICKNAME_QUOTES = "\"“”„"


def _without_nicknames(words: list[str]) -> list[str]:
    """The words of a name without a quoted nickname: a nickname is what a person is
    called, not part of the first name or surname the variants of the name share.

    >>> _without_nicknames(["Harry”", "Lu", "Jianwang"])
    ['Lu', 'Jianwang']
    """
    kept = [w for w in words if w[:1] not in _NICKNAME_QUOTES and w[-1:] not in _NICKNAME_QUOTES]
    return kept if kept else words


def person_key(name: str, lex: Lexicon) -> tuple[str, str] | None:
    """(first name, surname) of a personal name, folded; None for a single word.

    Patronymics, initials and titles (the lexicon's ``person_titles``) are dropped, so the
    variants of one name meet.

    >>> from kg.lexicon import load_lexicon
    >>> lex = load_lexicon()
    >>> person_key("Yevgeniy Viktorovich Prigozhin", lex) == person_key("Gen. Yevgeniy Prigozhin", lex)
    True
    >>> person_key("Prigozhin", lex) is None
    True
    """
    titles = lex.words("person_titles")
    words = _without_nicknames([w for w in strip_mention(name).replace(",", " ").split() if w])
    while words and fold(words[0]).rstrip(".") in titles:
        words.pop(0)
    if len(words) < 2:
        return None
    return fold(words[0]), fold(words[-1])


#: "the " before a mention: only a definite description points back ("the Collective").
_DEFINITE = re.compile(r"\s*the\s", re.IGNORECASE)
def organisation_head(name: str, lex: Lexicon) -> str | None:
    """The folded head noun of an organisation's name of two words or more, or None.

    The head is the last word ("Blue Lantern *Collective*"), or the last before "of"
    ("*Ministry* of State Security", "Main Intelligence *Directorate* of the General
    Staff"); legal forms (the lexicon's ``legal_forms``) do not count ("Acme *Media* LLC").
    It must be capitalised.

    >>> from kg.lexicon import load_lexicon
    >>> lex = load_lexicon()
    >>> organisation_head("the Blue Lantern Collective", lex), organisation_head("Ministry of State Security", lex)
    ('collective', 'ministry')
    >>> organisation_head("Acme Media LLC", lex), organisation_head("Glavset", lex) is None
    ('media', True)
    """
    words = strip_mention(name).split()
    if " of " in f" {' '.join(words)} ":
        words = words[: words.index("of")]
    while words and fold(words[-1]).strip(",") in lex.words("legal_forms"):
        words.pop()
    if len(words) < 2 and " of " not in f" {strip_mention(name)} ":
        return None
    if not words or not words[-1][:1].isupper() or not words[-1].isalpha() or len(words[-1]) < 3:
        return None
    return fold(words[-1])


def patronymic_name(name: str) -> bool:
    """Three or four capitalised words with a patronymic inside ("Elizaveta Yuryevna
    Brodskaia"): a personal name whatever label the named-entity tagger gave it.

    >>> patronymic_name("Elizaveta Yuryevna Brodskaia"), patronymic_name("Internet Research Agency")
    (True, False)
    """
    words = name.split()
    return 3 <= len(words) <= 4 and all(w[:1].isupper() for w in words) and any(_PATRONYMIC.search(w) for w in words[1:-1])


def _person_label(name: str, lex: Lexicon) -> str:
    """A person's label: the name without titles, patronymics or middle initials."""
    titles = lex.words("person_titles")
    words = _without_nicknames(strip_mention(name).split())
    while len(words) > 2 and fold(words[0]).rstrip(".") in titles:
        words.pop(0)
    if len(words) > 2:
        words = [words[0], *(w for w in words[1:-1] if not (_PATRONYMIC.search(w) or _INITIAL.match(w))), words[-1]]
    return " ".join(words)


@dataclass
class DocumentNames:
    """The naming facts of one document, and the resolver built on them.

    Build it with :meth:`for_text`; the constructor takes the facts directly (tests).

    Examples
    --------
    >>> names = DocumentNames.for_text(
    ...     'The Glavset Company (the "Firm") paid Ivan Petrovich Sidorov. Sidorov posted.',
    ...     persons=["Ivan Petrovich Sidorov", "Sidorov"])
    >>> names.entity_for("the Firm").label
    'Glavset Company'
    >>> names.entity_for("Sidorov", ner_label="PERSON").label
    'Ivan Sidorov'
    """

    definitions: dict[str, str]
    persons: dict[str, Entity]  #: folded surname → the person named in full with it
    gazetteer: Gazetteer
    kb: ActorIndex | None = None
    #: folded head noun → the one organisation named in full with it ("collective")
    heads: dict[str, Entity] = field(default_factory=dict)
    #: answers of :meth:`known`, per mention text (extraction asks about the same phrases often)
    _known: dict[str, Resolution | None] = field(default_factory=dict, repr=False, compare=False)

    @classmethod
    def for_text(
        cls,
        text: str,
        persons: Iterable[str] = (),
        gazetteer: Gazetteer | None = None,
        kb: ActorIndex | None = None,
        organisations: Iterable[str] = (),
    ) -> DocumentNames:
        """Collect the definitions of *text*, the people among *persons* and the heads of
        *organisations* (NER spans).

        Parameters
        ----------
        text : str
            The whole document.
        persons : iterable of str
            The texts of the document's PERSON spans, in order.
        gazetteer, kb
            The states and the knowledge base of actors (None: no known actors).
        organisations : iterable of str
            The texts of the document's ORG spans, in order.
        """
        definitions = {**short_names(text), **acronyms(text)}
        names = cls(definitions, {}, gazetteer or Gazetteer.default(), kb)
        surnames: dict[str, Entity | None] = {}
        leading: dict[str, Entity | None] = {}
        for person in persons:
            key = person_key(person, names.gazetteer.lexicon)
            if key is None:
                continue
            entity = names.resolve(person, ner_label="PERSON").entity
            # two different people with one surname: the surname alone names neither
            _remember_unique(surnames, key[1], entity)
            # names written family name first ("Song Kum Hyok ... Song") are taken up
            # by their first word; a surname of someone else always wins over it
            _remember_unique(leading, key[0], entity)
        found = {k: v for k, v in leading.items() if v is not None and k not in surnames}
        found.update((k, v) for k, v in surnames.items() if v is not None)
        names.persons = found
        heads: dict[str, Entity | None] = {}
        for organisation in organisations:
            head = organisation_head(organisation, names.gazetteer.lexicon)
            if head is not None:
                _remember_unique(heads, head, names.resolve(organisation, ner_label="ORG").entity)
        # a head that is itself a name (a state, a known actor) is not a back-reference
        names.heads = {k: v for k, v in heads.items() if v is not None and v.kind != "State"}
        names._known.clear()  # answers given before the people were known may now differ
        return names

    def entity_for(self, text: str, *, ner_label: str | None = None, head_lemma: str | None = None) -> Entity:
        """The entity a mention of this document stands for; never None (see :meth:`resolve`)."""
        return self.resolve(text, ner_label=ner_label, head_lemma=head_lemma).entity

    def known(self, text: str) -> Resolution | None:
        """A state, known actor, name the document defines or person it named in full; None
        for a mention that would be minted from its own words."""
        try:
            return self._known[text]
        except KeyError:
            found = self._known[text] = self._lookup(text)
            return found

    def _lookup(self, text: str) -> Resolution | None:
        core = strip_mention(text)
        if not core:
            return None
        long = self.definitions.get(core)
        for candidate in dict.fromkeys(c for c in (long, core) if c):
            actor = self.kb.lookup(candidate) if self.kb is not None else None
            if actor is not None and " " in candidate:
                # a known body named with its state ("China's Ministry of Public Security",
                # "Russia's GRU") is that body, not the state the gazetteer reads in the phrase
                return Resolution(actor, "kb", candidate)
            state = self.gazetteer.lookup(candidate)
            if state is not None:
                return Resolution(state, "definition" if candidate is long else "state", core if long else None)
            if actor is not None:
                return Resolution(actor, "kb", candidate)
        if long is not None:
            minted = entity_for(long, head_lemma=None, gazetteer=self.gazetteer)
            kind = minted.kind if minted.kind != "Target" else "Organisation"
            return Resolution(Entity(minted.key, minted.label, kind, (core,)), "definition", core)
        words = core.split()
        while len(words) > 1 and fold(words[0]).rstrip(".") in self.gazetteer.lexicon.words("person_titles"):
            words.pop(0)  # "Mr. Sidorov", "General Sidorov"
        if len(words) == 1 and fold(words[0]) in self.persons:
            return Resolution(self.persons[fold(words[0])], "surname", core)
        if len(words) == 1 and words[0][:1].isupper() and _DEFINITE.match(text) and fold(words[0]) in self.heads:
            return Resolution(self.heads[fold(words[0])], "head-noun", core)
        return None

    def resolve(self, text: str, *, ner_label: str | None = None, head_lemma: str | None = None) -> Resolution:
        """Resolve a mention, saying by which rule.

        Parameters
        ----------
        text : str
            The mention as written.
        ner_label : str, optional
            spaCy's label for the span; a PERSON span is never a state.
        head_lemma : str, optional
            The head noun's lemma, for the kind of a minted entity.
        """
        found = self.known(text)
        if found is not None and not (ner_label == "PERSON" and found.entity.kind == "State"):
            return found
        core = strip_mention(text)
        person = ner_label == "PERSON" or patronymic_name(core)
        if person and person_key(core, self.gazetteer.lexicon) is not None:
            label = _person_label(core, self.gazetteer.lexicon)
            return Resolution(Entity(slug(label), label, "Person"), "minted")
        return Resolution(entity_for(text, ner_label=ner_label, head_lemma=head_lemma, gazetteer=self.gazetteer), "minted")


