"""The typed records that flow between kg's stages.

``ingest`` yields :class:`Document`; ``extract`` yields :class:`Claim` (made of
:class:`Mention`, :class:`Predicate` and an optional :class:`Hedge`); ``rdf`` turns claims
into triples. Records are frozen so a stage cannot change what an earlier one produced.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

__all__ = ["Document", "Problem", "Mention", "Predicate", "Hedge", "Claim"]


@dataclass(frozen=True)
class Document:
    """One input document, decoded and cleaned.

    ``text`` has exactly the length of the original file's text: boilerplate lines and the
    leading date line are blanked out with spaces rather than removed, so character offsets
    into ``text`` are offsets into the original document.
    """

    id: str  #: file name (basename), the document's key in exports
    path: str  #: where it was read from
    text: str
    sha256: str  #: hash of the raw bytes; the store skips documents it already holds
    date: str | None = None  #: ISO date (YYYY-MM-DD): a leading ``date`` line, or a page's or PDF's metadata
    encoding: str = "utf-8"  #: the text's encoding, or "html"/"pdf" for text extracted by kg.readers
    title: str | None = None
    url: str | None = None  #: canonical URL of a web page
    author: str | None = None
    publisher: str | None = None  #: site name of a web page


@dataclass(frozen=True)
class Problem:
    """A document that could not be used, and why (reported, never raised mid-build)."""

    path: str
    reason: str
    fatal: bool = True  #: False for warnings such as a fallback decoding


@dataclass(frozen=True)
class Mention:
    """A span of the document naming an actor, target, instrument or source.

    ``label`` is the canonical name (``"Cuba"`` for "Havana") or None when the span does
    not resolve to a known entity; ``kind`` is the ontology class local name
    (``State``, ``Organisation``, ``Person``, ``Group``, ``Candidate``, ``PoliticalParty``,
    ``Election``, ``Institution``, ``Audience``, ``Operation``, ``Instrument``, ...) or None.
    """

    text: str
    start: int  #: character offsets in the document
    end: int
    label: str | None = None
    kind: str | None = None
    #: key of the canonical entity (a slug such as ``"cuba"``); None when unresolved
    key: str | None = None
    #: how the text was resolved to the entity, e.g. ``"kb: Fancy Bear"``,
    #: ``"definition: GRU"``, ``"surname: Prigozhin"``, ``"coref"``; None when minted from itself
    resolution: str | None = None

    @property
    def names_entity(self) -> bool:
        """Whether the text is a name of its entity (an alias worth showing), not a word
        that only points back to it ("it", "these actions", "its officers").

        >>> Mention("the Kremlin", 0, 11, "Russia", resolution="state").names_entity
        True
        >>> Mention("they", 0, 4, "Russia", resolution="coref").names_entity
        False
        """
        rule = (self.resolution or "name").split(":", 1)[0]
        return rule in _NAMING_RULES


#: Resolution rules that find an entity by one of its names (kg.entities.names), as opposed
#: to the syntactic links (coreference, possessor, apposition, ...) that carry it over.
_NAMING_RULES = frozenset({"name", "state", "kb", "definition", "surname", "minted"})


@dataclass(frozen=True)
class Predicate:
    """The predicate of a claim: its surface text, its lemma and its ontology relation.

    ``relation`` is a local name of an ontology property (``denigrates``...) or, for an
    open relation outside the ontology, None (the lemma is kept).
    """

    text: str
    lemma: str
    relation: str | None
    start: int
    end: int


@dataclass(frozen=True)
class Hedge:
    """The estimative or hedging language qualifying a claim.

    ``likelihood`` is an ICD 203 band (``almost_no_chance``, ``very_unlikely``,
    ``unlikely``, ``roughly_even_chance``, ``likely``, ``very_likely``,
    ``almost_certain``) and ``confidence`` an analytic confidence level (``high``,
    ``moderate``, ``low``); ``kind`` is ``likelihood``, ``confidence``, ``hedge``
    (allegedly, suspected, reportedly) or ``modal`` (would, could, may).
    """

    text: str
    kind: str
    likelihood: str | None = None
    confidence: str | None = None


@dataclass(frozen=True)
class Claim:
    """One subject–predicate–object claim with the evidence that supports it."""

    doc: str  #: Document.id
    start: int  #: character offsets of the claim's sentence in the document
    end: int
    sentence: str
    subject: Mention
    predicate: Predicate
    object: Mention
    #: True when the text does not assert the action: it denies it ("did not target"),
    #: judges it improbable ("unlikely to interfere") or only supposes it ("if ..., it would")
    negated: bool = False
    hedges: tuple[Hedge, ...] = ()
    attribution: str | None = None  #: who the text says makes the claim
    attribution_label: str | None = None  #: canonical source, e.g. "ODNI"
    confidence: float = 0.5  #: extractor's own confidence in [0, 1]
    extras: dict[str, Any] = field(default_factory=dict, compare=False, hash=False)

    @property
    def hedge(self) -> Hedge | None:
        """The strongest cue: a likelihood or confidence statement before a bare hedge."""
        order = {"likelihood": 0, "confidence": 1, "hedge": 2, "modal": 3}
        return min(self.hedges, key=lambda h: order.get(h.kind, 9), default=None)

    def to_export(self) -> dict[str, Any]:
        """The row of ``claims.jsonl``, in the format of ``shared/eval/README.md``."""
        hedge = self.hedge
        return {
            "doc": self.doc,
            "start": self.start,
            "end": self.end,
            "subject": _mention_row(self.subject),
            "predicate": {
                "text": self.predicate.text,
                "relation": self.predicate.relation or self.predicate.lemma,
                "lemma": self.predicate.lemma,
                "open": self.predicate.relation is None,
            },
            "object": _mention_row(self.object),
            "negated": self.negated,
            "hedge": " / ".join(h.text for h in self.hedges) or None,
            "likelihood": next((h.likelihood for h in self.hedges if h.likelihood), None),
            "confidence_level": next((h.confidence for h in self.hedges if h.confidence), None),
            "hedge_kind": hedge.kind if hedge else None,
            "attribution": self.attribution,
            "attribution_label": self.attribution_label,
            "sentence": self.sentence,
            "score": round(self.confidence, 3),
        }


def _mention_row(m: Mention) -> dict[str, Any]:
    row = {"text": m.text, "label": m.label, "kind": m.kind, "start": m.start, "end": m.end}
    if m.resolution:
        row["resolution"] = m.resolution
    return row
