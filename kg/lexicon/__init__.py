"""kg's lexicon: every word class kg reads, kept as data and loaded once.

The files of this folder (tab-separated, ``#`` comments) hold the words; this package
reads them into one frozen :class:`Lexicon` that the pipeline passes to every stage (the
claim extractor builds one and hands it down, to Open IE and the parse facts too; the
gazetteer carries the one it was built with, for the entities layer; a build's writer
holds one for DISARM tagging and corroboration). Nothing here is loaded at import time or
kept in a module-level cache.

``classes.tsv``
    every word class: its name, ``set`` or ``map`` (words with a value) and what it means.
``words_*.tsv``
    the words, one per row: ``class``, ``word``, ``value`` (``-`` for a set) and ``source``
    (general English with a short justification, or a named open resource).
``contradictions.tsv``
    pairs of classes no word may sit in both of.
``relations.tsv``, ``object_classes.tsv``, ``disarm_verbs.tsv``
    predicates to ontology relations (see :mod:`kg.lexicon.relations`).
``relation_sources.tsv``
    the source groups of ``relations.tsv`` rows, each with its general-English
    justification or named open resource.

:func:`load_lexicon` runs the checks of :mod:`kg.lexicon.check` and refuses a lexicon
that fails them, naming every bad row.

Examples
--------
>>> lexicon = load_lexicon()
>>> "appear" in lexicon.words("hedge_verbs")
True
>>> lexicon.verb("interfere", "in")
'interferesIn'
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path
from types import MappingProxyType
from typing import NamedTuple

from kg.errors import InputError
from kg.lexicon import check
from kg.ontology import RELATIONS
from kg.lexicon.relations import LexiconEntry, RelationTable
from kg.lexicon.tables import Row, dash, parse_rows

__all__ = ["Lexicon", "Lookups", "LexiconEntry", "RelationTable", "load_lexicon"]

WORD_COLUMNS = ("class", "word", "value", "source")
CLASS_COLUMNS = ("class", "kind", "meaning")
CONTRADICTION_COLUMNS = ("class", "other", "why")
RELATION_COLUMNS = ("pos", "lemma", "prep", "object", "relation", "source")
OBJECT_CLASS_COLUMNS = ("class", "lemma", "source")
SOURCE_GROUP_COLUMNS = ("group", "justification")


class Lookups(NamedTuple):
    """Stand-in relation lookups (tests give a few verbs a relation without the data files)."""

    verb: Callable[..., str | None]  #: (lemma, preposition, object_lemma) -> relation
    noun: Callable[..., str | None]  #: (lemma, preposition) -> relation
    #: (lemma, object_lemma) -> whether the verb spreads that object as published content
    spreads: Callable[[str, str | None], bool] = lambda lemma, object_lemma: False


@dataclass(frozen=True, eq=False)
class Lexicon:
    """All word classes and the relation table, read-only.

    Attributes
    ----------
    classes
        class name → its words (a ``set`` class) or the words it maps (a ``map`` class).
    values
        ``map`` class name → word → value ("favorable" → "supports").
    relations
        the predicate table (:class:`~kg.lexicon.relations.RelationTable`).
    lookups
        stand-in relation lookups that replace the table's ``verb``/``noun``/``spreads``
        (see :meth:`with_lookups`); None for the table itself.
    """

    classes: Mapping[str, frozenset[str]]
    values: Mapping[str, Mapping[str, str]]
    relations: RelationTable
    lookups: Lookups | None = None

    def words(self, name: str) -> frozenset[str]:
        """The words of class ``name``; an unknown name is a bug and raises ``KeyError``."""
        try:
            return self.classes[name]
        except KeyError:
            raise KeyError(f"no word class {name!r} in kg/lexicon/classes.tsv") from None

    def value_map(self, name: str) -> Mapping[str, str]:
        """word → value of the ``map`` class ``name``."""
        try:
            return self.values[name]
        except KeyError:
            raise KeyError(f"no map class {name!r} in kg/lexicon/classes.tsv") from None

    def verb(self, lemma: str, preposition: str | None = None, object_lemma: str | None = None) -> str | None:
        """The relation a verb expresses (:meth:`RelationTable.verb`), or None."""
        return (self.lookups or self.relations).verb(lemma, preposition, object_lemma)

    def knows_verb(self, lemma: str) -> bool:
        """Whether the relation table has rows for this verb (always from the table)."""
        return self.relations.knows("verb", lemma)

    def noun(self, lemma: str, preposition: str | None = None) -> str | None:
        """The relation an event noun expresses (:meth:`RelationTable.noun`), or None."""
        return (self.lookups or self.relations).noun(lemma, preposition)

    def spreads(self, lemma: str, object_lemma: str | None) -> bool:
        """Whether the verb spreads this object as published content (:meth:`RelationTable.spreads`)."""
        return (self.lookups or self.relations).spreads(lemma, object_lemma)

    def object_classes(self, lemma: str) -> frozenset[str]:
        """The object classes of a noun lemma (always from the table)."""
        return self.relations.object_classes(lemma)

    def with_lookups(
        self,
        verb: Callable[..., str | None],
        noun: Callable[..., str | None],
        spreads: Callable[[str, str | None], bool] | None = None,
    ) -> Lexicon:
        """This lexicon with stand-in relation lookups; the word classes stay.

        >>> lex = load_lexicon().with_lookups(verb=lambda lemma, p=None, o=None: "targets", noun=lambda lemma, p=None: None)
        >>> lex.verb("greet"), "appear" in lex.words("hedge_verbs")
        ('targets', True)
        """
        lookups = Lookups(verb, noun) if spreads is None else Lookups(verb, noun, spreads)
        return dataclasses.replace(self, lookups=lookups)


def load_lexicon(directory: str | Path | None = None) -> Lexicon:
    """Read and check the lexicon in ``directory`` (default: the package's own files).

    Raises
    ------
    InputError
        naming each bad row (file and line) when a file is malformed or a check fails.
    """
    root: Traversable = Path(directory) if directory is not None else resources.files("kg").joinpath("lexicon")
    kinds = {r.values["class"]: r.values["kind"] for r in _rows(root, "classes.tsv", CLASS_COLUMNS)}
    word_rows = [row for path in _word_files(root) for row in _rows(root, path, WORD_COLUMNS)]
    relation_rows = list(_rows(root, "relations.tsv", RELATION_COLUMNS))
    object_rows = list(_rows(root, "object_classes.tsv", OBJECT_CLASS_COLUMNS))
    disarm = [line.split("\t") for line in _text(root, "disarm_verbs.tsv").splitlines() if line.strip() and not line.startswith("#")]

    classes: dict[str, set[str]] = {name: set() for name in kinds}
    values: dict[str, dict[str, str]] = {name: {} for name, kind in kinds.items() if kind == "map"}
    for row in word_rows:
        cls, word, value = row.values["class"], row.values["word"].lower(), row.values["value"]
        classes.setdefault(cls, set()).add(word)
        if cls in values:
            values[cls][word] = value
    members = {name: frozenset(words) for name, words in classes.items()}

    object_classes = _object_classes(object_rows, disarm)

    problems = [
        *[f"classes.tsv: class {name!r} has no words" for name, words in members.items() if not words and name in kinds],
        *check.word_problems(word_rows, kinds),
        *check.contradiction_problems(members, _rows(root, "contradictions.tsv", CONTRADICTION_COLUMNS)),
        *check.relation_problems(
            relation_rows, RELATIONS, frozenset(c for cs in object_classes.values() for c in cs), _source_groups(root)
        ),
        *check.object_class_problems(object_rows),
    ]
    if problems:
        raise InputError("the lexicon fails its checks:\n  " + "\n  ".join(problems), path=str(root))
    entries = [_entry(row) for row in relation_rows]
    entries += [LexiconEntry("verb", lemma, None, dash(obj), relation, f"disarm:{disarm_id}") for kind, lemma, obj, relation, disarm_id, *_ in disarm if kind == "verb"]
    return Lexicon(
        MappingProxyType(members),
        MappingProxyType({name: MappingProxyType(table) for name, table in values.items()}),
        RelationTable(entries, object_classes),
    )


def _text(root: Traversable, name: str) -> str:
    try:
        return root.joinpath(name).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as err:
        raise InputError(f"cannot read the lexicon file ({err})", path=f"{root}/{name}") from err


def _rows(root: Traversable, name: str, columns: tuple[str, ...]) -> list[Row]:
    return list(parse_rows(_text(root, name), name, columns))


def _source_groups(root: Traversable) -> frozenset[str]:
    rows = _rows(root, "relation_sources.tsv", SOURCE_GROUP_COLUMNS)
    return frozenset(r.values["group"] for r in rows if r.values["justification"])


def _word_files(root: Traversable) -> list[str]:
    return sorted(p.name for p in root.iterdir() if p.name.startswith("words_") and p.name.endswith(".tsv"))


def _entry(row: Row) -> LexiconEntry:
    v = row.values
    relation = v["relation"].strip()
    return LexiconEntry(v["pos"], v["lemma"].lower(), dash(v["prep"]), dash(v["object"]), None if relation == "-" else relation, v["source"])


def _object_classes(rows: list[Row], disarm: list[list[str]]) -> dict[str, frozenset[str]]:
    classes: dict[str, set[str]] = {}
    for row in rows:
        classes.setdefault(row.values["lemma"].lower(), set()).add(row.values["class"])
    for kind, lemma, *_rest in disarm:
        if kind == "instrument":
            classes.setdefault(lemma, set()).add("instrument")
    for names in classes.values():
        if "content" in names:
            # the precision policy: published content is spread, never an instrument used
            # (DISARM's technique names list some content nouns as instruments)
            names.discard("instrument")
    return {lemma: frozenset(names) for lemma, names in classes.items()}
