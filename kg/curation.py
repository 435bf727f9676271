"""Analysts' decisions: confirmed and rejected claims, merged, split and renamed entities.

Extraction is a machine reading text; an analyst corrects it. Decisions are kept apart
from what extraction produced, in two places that hold the same thing:

* a tab-separated file the user can read, edit and keep under version control
  (``OUT/decisions.tsv`` beside the store by default), which is the source of truth;
* the named graph :data:`CURATION_GRAPH` in the store, rewritten from the file by every
  build and every decision, so that SPARQL users see the reviews too.

Decisions are applied when the store is *read* (:mod:`kg.records` folds them into every
claim record), never by rewriting the documents' graphs. That keeps them reversible --
deleting a line of the file undoes a merge, which a rewritten graph could not -- keeps
each document's graph exactly what extraction made (a changed document is replaced
whole), and makes them survive every rebuild for free: a rebuilt document gets the same
claim and entity IRIs, and the same decisions apply to them.

The file has one decision a line, oldest first, with a header::

    when                  who    action   target            value            note
    2026-12-02T08:00:00Z  alice  merge    fancy-bear        apt28
    2026-12-02T08:01:00Z  alice  split    apt28             Sofacy
    2026-12-02T08:02:00Z  alice  rename   apt28             APT28 (GRU 26165)
    2026-12-02T08:03:00Z  alice  reject   claim/0a1b2c...                    misread
    2026-12-02T08:04:00Z  alice  rate     source/cnn        B                checked 2024

``target`` names an entity by its key (``apt28``, the end of its IRI) or a claim by
``claim/ID``; full IRIs are accepted too. Actions:

``merge``   the target entity becomes ``value`` (every claim; its labels become aliases)
``split``   claims whose subject or object text is the alias ``value`` (any case) move
            from the target entity to an entity of their own, labelled ``value``
``rename``  the target entity's preferred label becomes ``value``
``confirm`` / ``reject`` / ``unreview``  the claim's review status (the latest wins)
``rate``    the analyst's rating of a publisher or original source on the Admiralty scale
            of reliability, ``value`` one letter A-F (the latest wins); ``target`` is
            ``source/KEY`` or the source's name as written (``CNN``, ``ODNI``)

Source ratings are the analyst's alone: kg never invents one, and a source nobody rated
shows as unrated.

Examples
--------
>>> d = Decisions((decision("merge", "fancy-bear", "apt28", who="a", when="t"),
...                decision("split", "apt28", "Sofacy", who="a", when="t"),
...                decision("reject", "claim/abc", who="a", when="t")))
>>> d.entity_for(entity("fancy-bear"), "Fancy Bear") == entity("apt28")
True
>>> d.entity_for(entity("fancy-bear"), "sofacy") == split_iri("Sofacy")
True
>>> d.status(claim("abc"))
'rejected'
>>> Decisions((decision("rate", "source/cnn", "b", who="a", when="t"),)).ratings["cnn"].reliability
'B'
"""

from __future__ import annotations

import csv
import getpass
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime, timezone
from functools import cached_property
from pathlib import Path
from urllib.parse import quote, unquote

import pyoxigraph as ox
from rdflib import RDF, Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCTERMS, PROV, SKOS, XSD

from kg.errors import InputError
from kg.ontology import KGR
from kg.outputs import atomic_write

__all__ = [
    "ACTIONS",
    "RELIABILITY",
    "SourceRating",
    "source",
    "CURATION_GRAPH",
    "KGC",
    "Decision",
    "Decisions",
    "decision",
    "entity",
    "claim",
    "load_decisions",
    "save_decisions",
    "add_decision",
    "decisions_graph",
    "default_decisions_path",
    "read_decisions_graph",
    "mirror_into_store",
    "decide",
    "describe",
]

#: The named graph that holds the decisions inside a store.
CURATION_GRAPH = KGR["graph/curation"]
#: Terms of the decisions graph. Kept out of the influence ontology: they describe the
#: analysts' work on the graph, not influence operations.
KGC = Namespace("https://w3id.org/kg/curation#")

#: What a decision may do, and whether it needs a value.
ACTIONS: dict[str, bool] = {
    "merge": True,
    "split": True,
    "rename": True,
    "confirm": False,
    "reject": False,
    "unreview": False,
    "rate": True,
}

#: The Admiralty (NATO) scale of source reliability.
RELIABILITY: dict[str, str] = {
    "A": "completely reliable",
    "B": "usually reliable",
    "C": "fairly reliable",
    "D": "not usually reliable",
    "E": "unreliable",
    "F": "reliability cannot be judged",
}
_REVIEWS = {"confirm": "confirmed", "reject": "rejected", "unreview": None}
_COLUMNS = ("when", "who", "action", "target", "value", "note")
_ENTITY_NS = str(KGR["entity/"])
_CLAIM_NS = str(KGR["claim/"])
_SOURCE_NS = str(KGR["source/"])


def entity(key: str) -> URIRef:
    """The IRI of an entity from its key, ``entity/KEY`` or its IRI.

    >>> str(entity("apt28"))
    'https://w3id.org/kg/id/entity/apt28'
    """
    if key.startswith(("http://", "https://")):
        return URIRef(key)
    return KGR["entity/" + quote(key.removeprefix("entity/"), safe="")]


def claim(key: str) -> URIRef:
    """The IRI of a claim from ``claim/ID``, its ID or its IRI."""
    if key.startswith(("http://", "https://")):
        return URIRef(key)
    return KGR["claim/" + quote(key.removeprefix("claim/"), safe="")]


def source(name: str) -> URIRef:
    """The IRI a rating is about, from ``source/KEY``, ``publisher/KEY``, its IRI or a name.

    A name is keyed as :mod:`kg.sources` keys what a document names: a known body under
    its key, whichever of its names is written; anything else under the slug of the name.

    >>> str(source("ODNI")), str(source("source/cnn"))
    ('https://w3id.org/kg/id/source/us-intelligence-community', 'https://w3id.org/kg/id/source/cnn')
    """
    if name.startswith(("http://", "https://")):
        return URIRef(name)
    for prefix in ("source/", "publisher/"):
        if name.startswith(prefix) and name[len(prefix) :]:
            return KGR["source/" + quote(name[len(prefix) :], safe="")]
    from kg.sources import source_key  # the known bodies' table, only when a name is given

    key = source_key(name)
    if not key:
        raise InputError(f"cannot rate {name!r}: give a source's name or source/KEY")
    return KGR["source/" + quote(key, safe="")]


def short_name(iri: str) -> str:
    """What the decisions file writes for an IRI: an entity's key, ``claim/ID``, ``source/KEY`` or the IRI.

    >>> short_name("https://w3id.org/kg/id/entity/fancy-bear"), short_name("https://w3id.org/kg/id/claim/ab")
    ('fancy-bear', 'claim/ab')
    """
    if iri.startswith(_ENTITY_NS):
        return unquote(iri[len(_ENTITY_NS) :])
    if iri.startswith(_CLAIM_NS):
        return "claim/" + unquote(iri[len(_CLAIM_NS) :])
    if iri.startswith(_SOURCE_NS):
        return "source/" + unquote(iri[len(_SOURCE_NS) :])
    return iri


@dataclass(frozen=True)
class SourceRating:
    """An analyst's rating of a publisher or source."""

    key: str  #: the publisher's or source's key (as :mod:`kg.sources` keys the names)
    name: str
    reliability: str  #: one letter of :data:`RELIABILITY`
    note: str = ""
    who: str = ""
    when: str = ""

    @property
    def meaning(self) -> str:
        """``B (usually reliable)``."""
        return f"{self.reliability} ({RELIABILITY[self.reliability]})"


@dataclass(frozen=True)
class Decision:
    """One analyst's decision, with who made it and when (UTC, ISO 8601)."""

    action: str
    target: URIRef  #: the entity or claim decided on
    value: str = ""  #: merge: the entity IRI merged into; split: the alias; rename: the label
    who: str = ""
    when: str = ""
    note: str = ""

    def row(self) -> tuple[str, ...]:
        """The decision as a line of the file."""
        value = short_name(self.value) if self.action == "merge" else self.value
        return (self.when, self.who, self.action, short_name(self.target), value, self.note)


def decision(action: str, target: str, value: str = "", *, who: str | None = None, when: str | None = None, note: str = "") -> Decision:
    """A checked :class:`Decision`; ``who`` defaults to the local user, ``when`` to now.

    Raises
    ------
    InputError
        For an unknown action, a missing or needless value, or a merge into itself.

    >>> decision("merge", "a", "b", who="x", when="t").value
    'https://w3id.org/kg/id/entity/b'
    """
    if action not in ACTIONS:
        raise InputError(f"unknown decision {action!r} (one of {', '.join(ACTIONS)})")
    value = " ".join(value.split())
    if ACTIONS[action] and not value:
        raise InputError(f"a {action} needs a value")
    if not ACTIONS[action] and value:
        raise InputError(f"a {action} takes no value")
    if action in _REVIEWS:
        subject = claim(target)
    elif action == "rate":
        subject = source(target)
        value = value.upper()
        if value not in RELIABILITY:
            raise InputError(f"a rating is one letter of the Admiralty scale A-F, not {value!r}")
    else:
        subject = entity(target)
    if action == "merge":
        value = str(entity(value))
        if value == str(subject):
            raise InputError(f"cannot merge {short_name(value)} into itself")
    return Decision(
        action,
        subject,
        value,
        who=_clean(who if who is not None else _user()),
        when=when or datetime.now(timezone.utc).replace(microsecond=0).isoformat().replace("+00:00", "Z"),
        note=_clean(note),
    )


def _user() -> str:
    try:
        return getpass.getuser()
    except (OSError, KeyError):  # no login name and no USER variable (some containers)
        return "unknown"


def _clean(text: str) -> str:
    # One decision per line, columns split by tabs: neither may appear in a value.
    return " ".join(text.split())


@dataclass(frozen=True)
class Decisions:
    """Decisions in the order they were made, and what they mean together."""

    items: tuple[Decision, ...] = ()

    def __len__(self) -> int:
        return len(self.items)

    def __iter__(self):
        return iter(self.items)

    def added(self, new: Decision) -> Decisions:
        """These decisions and ``new``."""
        return Decisions((*self.items, new))

    @cached_property
    def _reviews(self) -> dict[str, Decision]:
        reviews: dict[str, Decision] = {}
        for d in self.items:
            if d.action in _REVIEWS:
                reviews[str(d.target)] = d
        return reviews

    @cached_property
    def _entity_steps(self) -> tuple[Decision, ...]:
        return tuple(d for d in self.items if d.action in ("merge", "split"))

    @cached_property
    def _labels(self) -> dict[str, str]:
        return {str(d.target): d.value for d in self.items if d.action == "rename"}

    @cached_property
    def ratings(self) -> dict[str, SourceRating]:
        """Source key → the analyst's latest rating of it."""
        found: dict[str, SourceRating] = {}
        for d in self.items:
            if d.action == "rate":
                key = short_name(str(d.target)).removeprefix("source/")
                found[key] = SourceRating(key, key, d.value, d.note, d.who, d.when)
        return found

    def status(self, claim_iri: str) -> str | None:
        """``"confirmed"``, ``"rejected"`` or None (not reviewed) for a claim."""
        found = self._reviews.get(str(claim_iri))
        return _REVIEWS[found.action] if found else None

    def review(self, claim_iri: str) -> Decision | None:
        """The latest review of a claim (who and when), or None."""
        found = self._reviews.get(str(claim_iri))
        return found if found and found.action != "unreview" else None

    def entity_for(self, iri: str, text: str | None = None) -> URIRef:
        """The entity a mention of ``iri`` with surface ``text`` belongs to after the decisions.

        Merges and splits apply in the order they were made, so a split after a merge
        can take an alias back out of the merged entity.
        """
        current = URIRef(iri)
        folded = (text or "").casefold().strip()
        for _ in range(2):  # a second pass follows merges into entities split later
            for d in self._entity_steps:
                if d.target != current:
                    continue
                if d.action == "merge":
                    current = URIRef(d.value)
                elif folded and d.value.casefold() == folded:
                    current = split_iri(d.value)
        return current

    def label(self, iri: str) -> str | None:
        """The label a rename gave an entity, the alias of a split-off entity, or None."""
        if str(iri) in self._labels:
            return self._labels[str(iri)]
        for d in self._entity_steps:
            if d.action == "split" and str(split_iri(d.value)) == str(iri):
                return d.value
        return None

    def merged_into(self, iri: str) -> list[URIRef]:
        """The entities merged (directly) into ``iri``."""
        return [d.target for d in self._entity_steps if d.action == "merge" and d.value == str(iri)]

    def about(self, iri: str) -> list[Decision]:
        """Every decision whose target or value is ``iri``, oldest first."""
        return [d for d in self.items if str(d.target) == str(iri) or d.value == str(iri)]


def split_iri(alias: str) -> URIRef:
    """The IRI of the entity an alias split off becomes: ``entity/split-<slug>``.

    A prefix of its own so that a split never lands on an entity extraction made.

    >>> str(split_iri("Fancy Bear"))
    'https://w3id.org/kg/id/entity/split-fancy-bear'
    """
    from kg.entities import slug

    return KGR["entity/" + quote("split-" + slug(alias), safe="")]


# -- the file ---------------------------------------------------------------------------


def default_decisions_path(store_location: str | Path) -> Path:
    """``decisions.tsv`` beside a store folder (in the folder ``kg build -o`` was given).

    >>> default_decisions_path("output/store").as_posix()
    'output/decisions.tsv'
    """
    return Path(store_location).parent / "decisions.tsv"


def load_decisions(path: str | Path | None) -> Decisions:
    """The decisions in a file; none when ``path`` is None or the file does not exist.

    Blank lines and lines starting with ``#`` are ignored, so the file can carry notes.

    Raises
    ------
    InputError
        For a line that is not a decision, naming the file and line.
    """
    if path is None:
        return Decisions()
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return Decisions()
    except (OSError, UnicodeDecodeError) as err:
        raise InputError(f"{path}: cannot be read: {err}") from err
    found = []
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip() or line.startswith("#") or (number == 1 and line.split("\t")[0] == "when"):
            continue
        cells = (line.split("\t") + [""] * 6)[:6]
        when, who, action, target, value, note = (c.strip() for c in cells)
        try:
            found.append(decision(action, target, value, who=who, when=when, note=note))
        except InputError as err:
            raise InputError(f"{path}:{number}: {err}") from err
    return Decisions(tuple(found))


def save_decisions(path: str | Path, decisions: Decisions) -> Path:
    """Write the decisions file atomically (header, one decision a line)."""

    def write(handle) -> None:
        writer = csv.writer(handle, delimiter="\t", lineterminator="\n", quoting=csv.QUOTE_NONE, escapechar=None)
        writer.writerow(_COLUMNS)
        writer.writerows(d.row() for d in decisions)

    return atomic_write(path, write)


def add_decision(path: str | Path, new: Decision) -> Decisions:
    """Append a decision to the file (rewritten atomically); returns all the decisions."""
    decisions = load_decisions(path).added(new)
    save_decisions(path, decisions)
    return decisions


# -- the named graph -----------------------------------------------------------------


def decisions_graph(decisions: Iterable[Decision]) -> Graph:
    """The decisions as RDF in the graph :data:`CURATION_GRAPH`.

    Each decision is a ``kgc:Decision`` (a ``prov:Activity``) with its action, target,
    value, ``prov:wasAssociatedWith`` (who) and ``prov:endedAtTime`` (when); the effect is
    stated too, so a query can use it directly: ``?claim kgc:status kgc:Rejected``,
    ``?a kgc:mergedInto ?b``, ``?e kgc:preferredLabel "..."``.

    >>> g = decisions_graph([decision("reject", "claim/x", who="a", when="2026-01-01T00:00:00Z")])
    >>> (claim("x"), KGC.status, KGC.Rejected) in g
    True
    """
    g = Graph(identifier=CURATION_GRAPH)
    g.bind("kgc", KGC)
    g.bind("prov", PROV)
    items = list(decisions)
    for number, d in enumerate(items, 1):
        node = KGR[f"decision/{number}"]
        g.add((node, RDF.type, KGC.Decision))
        g.add((node, RDF.type, PROV.Activity))
        g.add((node, KGC.action, Literal(d.action)))
        g.add((node, KGC.target, d.target))
        if d.value:
            g.add((node, KGC.value, URIRef(d.value) if d.action == "merge" else Literal(d.value)))
        if d.who:
            g.add((node, PROV.wasAssociatedWith, Literal(d.who)))
        if d.when:
            g.add((node, PROV.endedAtTime, Literal(d.when, datatype=XSD.dateTime)))
        if d.note:
            g.add((node, DCTERMS.description, Literal(d.note)))
    state = Decisions(tuple(items))
    for target in {str(d.target) for d in items if d.action in _REVIEWS}:
        status = state.status(target)
        if status:
            g.add((URIRef(target), KGC.status, KGC.Confirmed if status == "confirmed" else KGC.Rejected))
    for d in items:
        if d.action == "merge":
            g.add((d.target, KGC.mergedInto, URIRef(d.value)))
        elif d.action == "split":
            g.add((split_iri(d.value), KGC.splitFrom, d.target))
            g.add((split_iri(d.value), SKOS.prefLabel, Literal(d.value, lang="en")))
    for target, label in state._labels.items():
        g.add((URIRef(target), KGC.preferredLabel, Literal(label, lang="en")))
    for key, rating in state.ratings.items():
        g.add((source("source/" + key), KGC.reliability, Literal(rating.reliability)))
    return g


_READ_DECISIONS = """
PREFIX kgc: <https://w3id.org/kg/curation#>
PREFIX prov: <http://www.w3.org/ns/prov#>
PREFIX dcterms: <http://purl.org/dc/terms/>
SELECT ?g ?d ?action ?target ?value ?who ?when ?note WHERE {
  GRAPH ?g { ?d a kgc:Decision ; kgc:action ?action ; kgc:target ?target .
    OPTIONAL { ?d kgc:value ?value } OPTIONAL { ?d prov:wasAssociatedWith ?who }
    OPTIONAL { ?d prov:endedAtTime ?when } OPTIONAL { ?d dcterms:description ?note } }
}"""


def read_decisions_graph(rows: Iterable[Mapping[str, object]]) -> Decisions:
    """Decisions back from the rows of :data:`READ_DECISIONS_QUERY` (the graph's own order).

    The caller runs the query (with ``g`` bound to :data:`CURATION_GRAPH`) on whatever it
    holds -- a store, a parsed ``graph.trig`` -- so that this module needs no store.
    """
    found = []
    for row in rows:
        number = int(str(row["d"]).rsplit("/", 1)[-1])
        found.append(
            (
                number,
                Decision(
                    str(row["action"]),
                    URIRef(str(row["target"])),
                    str(row.get("value") or ""),
                    who=str(row.get("who") or ""),
                    # Stores give dateTimes back in their own form: 'Z' may come back as '+00:00'.
                    when=_utc(str(row.get("when") or "")),
                    note=str(row.get("note") or ""),
                ),
            )
        )
    return Decisions(tuple(d for _, d in sorted(found, key=lambda pair: pair[0])))


def _utc(when: str) -> str:
    return when[: -len("+00:00")] + "Z" if when.endswith("+00:00") else when


#: The query :func:`read_decisions_graph` reads; bind ``g`` to :data:`CURATION_GRAPH`.
READ_DECISIONS_QUERY = _READ_DECISIONS


def mirror_into_store(store, decisions: Decisions) -> bool:
    """Make the store's curation graph hold exactly ``decisions``; True when it changed.

    ``store`` is an open, writable :class:`kg.store.KGStore`.
    """
    if not decisions.items and not store.remote and not store.matching(None, None, ox.NamedNode(str(CURATION_GRAPH))):
        return False  # nothing decided, nothing stored: most builds, answered without a SPARQL engine
    graph = decisions_graph(decisions)
    rows = [row.asdict() for row in store.query(READ_DECISIONS_QUERY, {"g": CURATION_GRAPH})]
    if read_decisions_graph(rows).items == decisions.items:
        return False
    store.replace_graph(graph)
    return True


def describe(d: Decision) -> str:
    """A decision in words, for listings and the web page.

    >>> describe(decision("merge", "fancy-bear", "apt28", who="ann", when="2026-01-01T00:00:00Z"))
    'merge fancy-bear into apt28 (ann, 2026-01-01T00:00:00Z)'
    """
    target, value = short_name(str(d.target)), short_name(d.value)
    words = {
        "merge": f"merge {target} into {value}",
        "split": f"split {value!r} off {target}",
        "rename": f"rename {target} to {value!r}",
        "rate": f"rate {target} {value} ({RELIABILITY.get(value, '?')})",
    }.get(d.action, f"{d.action} {target}")
    return f"{words} ({d.who}, {d.when})" + (f": {d.note}" if d.note else "")


def decide(location, new: Decision, decisions_path: str | Path | None = None) -> tuple[Decisions, bool]:
    """Record a decision in the file and mirror the file into the store's curation graph.

    Returns every decision and whether the store could be updated now: a store another
    process holds (a build, ``kg serve``) is left alone, and the next build mirrors the
    file into it.

    Parameters
    ----------
    location
        The store folder or URL.
    decisions_path
        The decisions file; default :func:`default_decisions_path` of the store folder.
    """
    from kg.errors import StoreError
    from kg.store import is_remote, open_store, store_folder

    if decisions_path is None:
        if is_remote(location):
            raise InputError("a store given by URL needs --decisions FILE")
        decisions_path = default_decisions_path(store_folder(location))
    decisions = add_decision(decisions_path, new)
    try:
        with open_store(location, create=False) as store:
            mirror_into_store(store, decisions)
    except StoreError:
        return decisions, False
    return decisions, True
