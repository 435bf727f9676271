"""Checks of the lexicon's rows, run at load and in the tests.

A lexicon is wrong, not merely incomplete, when

* a row has no source (every word must come from general English, with a short
  justification, or from a named open resource: VerbNet, FrameNet, WordNet, DISARM, ICD 203);
* a row is there twice, or two predicate rows with the same conditions give different
  relations (the first would silently win);
* a word sits in two classes declared to contradict each other in ``contradictions.tsv``
  (a hedge that is also a certainty, a negation that is also a reporting verb);
* a row names a class, relation or object class that does not exist.

Each function returns the problems it finds as ``"file:line: message"`` strings, so the
loader can report them all at once.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from kg.lexicon.tables import Row

__all__ = ["word_problems", "contradiction_problems", "relation_problems", "object_class_problems", "ROW_JUSTIFICATION"]

#: How a row justifies itself in its source column: "general English: a threat to X is aimed at X".
ROW_JUSTIFICATION = "general English: "


def word_problems(rows: Iterable[Row], kinds: Mapping[str, str]) -> list[str]:
    """Problems of word-class rows (``class``, ``word``, ``value``, ``source``).

    ``kinds`` maps each declared class to ``set`` (plain words) or ``map`` (each word with
    a value, like an adjective's relation).

    >>> from kg.lexicon.tables import Row
    >>> rows = [Row("w.tsv", 2, {"class": "hedges", "word": "seem", "value": "-", "source": ""}),
    ...         Row("w.tsv", 3, {"class": "hedges", "word": "seem", "value": "-", "source": "general English"})]
    >>> word_problems(rows, {"hedges": "set"})  # doctest: +NORMALIZE_WHITESPACE
    ['w.tsv:2: no source for hedges/seem', 'w.tsv:3: hedges/seem is already on w.tsv:2']
    """
    problems: list[str] = []
    seen: dict[tuple[str, str], str] = {}
    for row in rows:
        cls, word, value, source = (row.values[k] for k in ("class", "word", "value", "source"))
        kind = kinds.get(cls)
        if kind is None:
            problems.append(f"{row.where}: class {cls!r} is not declared in classes.tsv")
        elif kind == "map" and value in ("", "-"):
            problems.append(f"{row.where}: {cls}/{word} needs a value ({cls} maps words to values)")
        elif kind == "set" and value not in ("", "-"):
            problems.append(f"{row.where}: {cls}/{word} has a value, but {cls} is a plain set")
        if not word:
            problems.append(f"{row.where}: empty word in {cls}")
        if not source:
            problems.append(f"{row.where}: no source for {cls}/{word}")
        key = (cls, word)
        if key in seen:
            problems.append(f"{row.where}: {cls}/{word} is already on {seen[key]}")
        else:
            seen[key] = row.where
    return problems


def contradiction_problems(members: Mapping[str, frozenset[str]], pairs: Iterable[Row]) -> list[str]:
    """Words that sit in both classes of a pair declared contradictory.

    >>> from kg.lexicon.tables import Row
    >>> pair = Row("c.tsv", 2, {"class": "negations", "other": "reporting", "why": "-"})
    >>> contradiction_problems({"negations": frozenset({"deny"}), "reporting": frozenset({"deny", "say"})}, [pair])
    ["c.tsv:2: 'deny' is in both negations and reporting, which contradict each other"]
    """
    problems: list[str] = []
    for row in pairs:
        a, b = row.values["class"], row.values["other"]
        missing = [c for c in (a, b) if c not in members]
        if missing:
            problems.append(f"{row.where}: unknown class {', '.join(missing)}")
            continue
        for word in sorted(members[a] & members[b]):
            problems.append(f"{row.where}: {word!r} is in both {a} and {b}, which contradict each other")
    return problems


def relation_problems(
    rows: Iterable[Row], relations: frozenset[str], object_classes: frozenset[str], groups: frozenset[str]
) -> list[str]:
    """Problems of predicate rows (``pos``, ``lemma``, ``prep``, ``object``, ``relation``,
    ``source``): no source, or a source that neither justifies the row itself ("general
    English: <why>") nor names a group ``relation_sources.tsv`` justifies; an unknown
    relation or object class; a row given twice.

    >>> from kg.lexicon.tables import Row
    >>> row = {"pos": "verb", "lemma": "target", "prep": "-", "object": "@people", "relation": "targetz", "source": "x (y)"}
    >>> relation_problems([Row("r.tsv", 5, row)], frozenset({"targets"}), frozenset(), frozenset())  # doctest: +NORMALIZE_WHITESPACE
    ["r.tsv:5: relation 'targetz' is not in the ontology", 'r.tsv:5: object class @people is not in object_classes.tsv',
     "r.tsv:5: source group 'x' is not in relation_sources.tsv"]
    """
    problems: list[str] = []
    seen: dict[tuple[str, ...], tuple[str, str]] = {}
    for row in rows:
        v = row.values
        relation, obj = v["relation"], v["object"].lower()
        if relation != "-" and relation not in relations:
            problems.append(f"{row.where}: relation {relation!r} is not in the ontology")
        if obj.startswith("@") and obj[1:] not in object_classes:
            problems.append(f"{row.where}: object class {obj} is not in object_classes.tsv")
        group = v["source"].split(" (", 1)[0].strip()
        if not group:
            problems.append(f"{row.where}: no source for {v['pos']} {v['lemma']}")
        elif group not in groups and not group.startswith(ROW_JUSTIFICATION):
            problems.append(f"{row.where}: source group {group!r} is not in relation_sources.tsv")
        key = (v["pos"], v["lemma"].lower(), v["prep"].lower(), obj)
        if key in seen:
            first_where, first_relation = seen[key]
            what = "gives another relation than" if first_relation != relation else "repeats"
            problems.append(f"{row.where}: {' '.join(key)} {what} {first_where}")
        else:
            seen[key] = (row.where, relation)
    return problems


def object_class_problems(rows: Iterable[Row]) -> list[str]:
    """Problems of object-class rows (``class``, ``lemma``, ``source``): no source, a duplicate."""
    problems: list[str] = []
    seen: dict[tuple[str, str], str] = {}
    for row in rows:
        key = (row.values["class"], row.values["lemma"].lower())
        if not row.values["source"]:
            problems.append(f"{row.where}: no source for {key[0]}/{key[1]}")
        if key in seen:
            problems.append(f"{row.where}: {key[0]}/{key[1]} is already on {seen[key]}")
        else:
            seen[key] = row.where
    return problems
