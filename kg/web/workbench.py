"""What the workbench pages show, read from the store with the analysts' decisions applied.

:class:`Workbench` is the web application's only way to the data: it reads every claim
once (:func:`kg.records.read_raw`), applies the decisions over them
(:func:`kg.records.apply_decisions`) whenever they change, and answers each page from that
snapshot with a :class:`~kg.records.ClaimFilter`. It writes nothing but decisions: to the
decisions file, then through ``mirror`` into the store.

Examples
--------
>>> highlight("Russia sought to denigrate Biden.", [("Russia", "actor"), ("denigrate", "predicate")])
[('Russia', 'actor'), (' sought to ', None), ('denigrate', 'predicate'), (' Biden.', None)]
"""

from __future__ import annotations

import threading
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from contextlib import AbstractContextManager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kg.curation import Decision, Decisions, add_decision, load_decisions
from kg.records import (
    ClaimFilter,
    EntityInfo,
    EntitySummary,
    RawClaims,
    affiliation_chain,
    apply_decisions,
    find_entity,
    read_raw,
    summarise_entities,
)
from kg.store import KGStore

__all__ = ["Workbench", "Snapshot", "highlight", "Segment"]

Segment = tuple[str, str | None]


def highlight(text: str, parts: Iterable[tuple[str | None, str]]) -> list[Segment]:
    """``text`` cut into segments, each ``(text, class)``: the parts found in it get their class.

    Each part is looked for once, left to right where possible, exact case first; parts
    that overlap one already placed, or are not in the text, are skipped.
    """
    placed: list[tuple[int, int, str]] = []
    for needle, cls in parts:
        if not needle:
            continue
        start = _find_free(text, needle, placed)
        if start is not None:
            placed.append((start, start + len(needle), cls))
    placed.sort()
    out: list[Segment] = []
    at = 0
    for start, end, cls in placed:
        if start > at:
            out.append((text[at:start], None))
        out.append((text[start:end], cls))
        at = end
    if at < len(text) or not out:
        out.append((text[at:], None))
    return out


def _find_free(text: str, needle: str, placed: list[tuple[int, int, str]]) -> int | None:
    for haystack, wanted in ((text, needle), (text.casefold(), needle.casefold())):
        if len(haystack) != len(text):  # casefold changed lengths (ß → ss): offsets would drift
            continue
        at = haystack.find(wanted)
        while at != -1:
            end = at + len(wanted)
            if all(end <= s or at >= e for s, e, _ in placed):
                return at
            at = haystack.find(wanted, at + 1)
    return None


@dataclass(frozen=True)
class Snapshot:
    """Every claim and entity at one state of the store and the decisions."""

    records: tuple[dict[str, Any], ...]
    entities: dict[str, EntityInfo]
    summaries: tuple[EntitySummary, ...]
    decisions: Decisions
    documents: dict[str, dict[str, Any]] = field(default_factory=dict)

    def claims(self, where: ClaimFilter) -> list[dict[str, Any]]:
        """The claims that pass ``where``."""
        return [r for r in self.records if where.keeps(r)]

    def evidence_for(self, assertion: str) -> list[dict[str, Any]]:
        """Every claim that is evidence for ``assertion`` (an IRI), negated and rejected ones too."""
        return [r for r in self.records if r.get("assertion") == assertion]

    def claim(self, iri: str) -> dict[str, Any] | None:
        """One claim record by IRI (rejected or not)."""
        return next((r for r in self.records if r["claim"] == iri), None)

    def entity(self, name: str) -> EntitySummary:
        """The entity called ``name`` (key, IRI, label or alias); KeyError when none or several.

        Entities with claims come first; an entity known only as what others belong to
        (a service whose units act, from the knowledge base) is found too, with no claims.
        """
        try:
            return find_entity(self.summaries, name)
        except KeyError:
            known = [
                EntitySummary(e.iri, e.label, e.kind, e.aliases, 0, 0, e.affiliations)
                for e in self.entities.values()
                if e.iri not in {s.iri for s in self.summaries}
            ]
            return find_entity(known, name)

    def parts(self, iri: str) -> list[tuple[EntitySummary, int]]:
        """The entities whose affiliation chain passes through ``iri`` (its units, its people), with their claims."""
        found = [
            (s, s.claims)
            for s in self.summaries
            if any(parent == iri for parent, _ in affiliation_chain(self.entities, s.iri))
        ]
        return sorted(found, key=lambda pair: (-pair[1], pair[0].label.casefold()))[:50]

    def top_actors(self, n: int = 12) -> list[tuple[EntitySummary, int]]:
        """The entities with most (unrejected, asserted) claims as actor."""
        counts = Counter(r["actor"] for r in self.claims(ClaimFilter()))
        by_iri = {s.iri: s for s in self.summaries}
        return [(by_iri[a], c) for a, c in counts.most_common(n) if a in by_iri]

    def search(self, text: str, limit: int = 50) -> list[EntitySummary]:
        """Entities whose label or an alias contains ``text`` (any case), exact matches first."""
        wanted = text.casefold().strip()
        if not wanted:
            return []
        found = [s for s in self.summaries if wanted in s.label.casefold() or any(wanted in a.casefold() for a in s.aliases)]
        return sorted(found, key=lambda s: (s.label.casefold() != wanted, -s.claims, s.label.casefold()))[:limit]


def _stamp(path: Path) -> tuple[int, int] | None:
    try:
        info = path.stat()
    except FileNotFoundError:
        return None
    return (info.st_mtime_ns, info.st_size)


def _snapshot(raw: RawClaims, decisions: Decisions) -> Snapshot:
    records, table = apply_decisions(raw, decisions)
    summaries = summarise_entities(None, decisions, records=records, entities=table)
    documents: dict[str, dict[str, Any]] = {}
    counts: dict[str, int] = defaultdict(int)
    for r in records:
        if r["document"]:
            documents.setdefault(r["document"], {"name": r["document"], "title": r["title"], "date": r["date"]})
            if not r["negated"] and r["status"] != "rejected":
                counts[r["document"]] += 1
    for name, doc in documents.items():
        doc["claims"] = counts[name]
    return Snapshot(tuple(records), table, tuple(summaries), decisions, documents)


class Workbench:
    """The data behind the pages: a snapshot of the store, refreshed when a decision is made.

    Parameters
    ----------
    open_store
        Opens the store for reading (a context manager giving a :class:`~kg.store.KGStore`).
    decisions_path
        The decisions file, the truth about the analysts' decisions.
    mirror
        Called with every decision after it is in the file, to put them into the store's
        curation graph (the server pauses its SPARQL endpoint for that).
    """

    def __init__(
        self,
        open_store: Callable[[], AbstractContextManager[KGStore]],
        decisions_path: str | Path,
        mirror: Callable[[Decisions], None] | None = None,
    ) -> None:
        self._open = open_store
        self.decisions_path = Path(decisions_path)
        self._mirror = mirror
        self._lock = threading.Lock()
        self._snapshot: Snapshot | None = None
        self._raw: RawClaims | None = None
        self._stamp: tuple[int, int] | None = None

    def snapshot(self) -> Snapshot:
        """The current snapshot: the store is read once, decisions are re-applied as they come."""
        with self._lock:
            stamp = _stamp(self.decisions_path)
            if stamp != self._stamp:  # the file was edited by hand meanwhile
                self._snapshot, self._stamp = None, stamp
            if self._snapshot is None:
                if self._raw is None:
                    with self._open() as store:
                        self._raw = read_raw(store)
                self._snapshot = _snapshot(self._raw, load_decisions(self.decisions_path))
            return self._snapshot

    def reload(self) -> None:
        """Forget what was read: the next page reads the store again (after a rebuild)."""
        with self._lock:
            self._raw = None
            self._snapshot = None

    def text(self, document: str) -> str | None:
        """The stored text of a document, or None."""
        with self._open() as store:
            return store.text(document)

    def decide(self, made: Decision) -> Decisions:
        """Record a decision (file first, then the store); the next snapshot shows it."""
        with self._lock:
            decisions = add_decision(self.decisions_path, made)
            self._snapshot = None
        if self._mirror is not None:
            self._mirror(decisions)
        return decisions
