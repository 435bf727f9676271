"""The graph as a STIX 2.1 bundle, for threat-intelligence platforms (OpenCTI, MISP).

Mapping (the README has the table):

* each document → a ``report`` (name = title, ``published`` = its date, ``object_refs`` =
  everything it supports, the content hash and source URL in ``external_references``);
* actors (subjects of targets, uses or conducts claims) → ``threat-actor`` (states as ``nation-state``) or, for
  networks and groups, ``intrusion-set``; targets → ``identity`` (``individual``,
  ``group``, ``organization``, ``class`` for audiences) or, for states, ``location``;
  operations and campaigns → ``campaign``; instruments → ``infrastructure``; tactics and
  DISARM techniques → ``attack-pattern``;
* each asserted claim → one ``relationship``: ``targets`` for the targets family,
  ``uses``, ``attributed-to`` for conducts (campaign attributed-to actor) and affiliation
  where the STIX types allow it, else ``related-to``. Its ``description`` is the evidence
  sentence, its ``confidence`` the ICD 203 band on the DNI scale
  (:func:`stix2.confidence.scales.dni_to_value`) or, failing that, the analytic
  confidence level on the None/Low/Med/High scale; the fine relation, hedge cues,
  likelihood, attribution, document and offsets are in a property extension defined by
  an ``extension-definition``;
* claims that are evidence for one assertion (:mod:`kg.corroboration`: same actor,
  relation family and canonical object) → one ``relationship`` for the assertion, not one
  per claim: every claim's evidence is in its ``external_references`` (document, sentence)
  and in the property extension (``claims``: each claim's detail and source chain), with
  the documents, independent sources, strongest and weakest band and whether sources
  disagree; its ``confidence`` is the strongest affirming claim's. Where sources disagree,
  each claim adds an ``opinion`` on that relationship: ``agree`` when it affirms the
  assertion, ``disagree`` when it denies it or judges it below even chance;
* a claim the text does not assert (negated, improbable, supposed) → a ``note`` on its
  two objects, never a relationship of its own;
* a claim tagged with DISARM techniques (``kgo:technique``) → also a ``uses``
  relationship from its actor to each technique's ``attack-pattern``.

Identifiers are UUIDv5 of kg's IRIs in :data:`NAMESPACE`, and timestamps come from the
graph (the extraction run), so exporting the same store twice gives the same bundle and
a platform updates its objects instead of duplicating them. (The STIX validator warns
that SDO ids SHOULD be UUIDv4; deterministic ids are the point here.)

Examples
--------
>>> from kg.store import open_store
>>> with open_store(None) as store:
...     _ = store.ensure_ontology()
...     data = bundle_dict(store.to_dataset())
>>> [o["type"] for o in data["objects"]]
['identity', 'extension-definition']
>>> stix_id("report", "https://w3id.org/kg/id/doc/a.txt") == stix_id("report", "https://w3id.org/kg/id/doc/a.txt")
True
"""

from __future__ import annotations

import json
import uuid
from collections import defaultdict
from dataclasses import dataclass
from typing import IO, TYPE_CHECKING, Any
from urllib.parse import unquote

from rdflib import Dataset, Graph

from kg.ontology import KGO, RELATION_FAMILY, sparql_prefixes

if TYPE_CHECKING:
    from kg.records import ClaimFilter

__all__ = [
    "NAMESPACE",
    "EXTENSION_ID",
    "PRODUCER_ID",
    "stix_id",
    "bundle_dict",
    "write_bundle",
    "relationship_type",
]

#: The UUIDv5 namespace of kg's STIX identifiers (itself UUIDv5 of a kg IRI, so fixed forever).
NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, "https://w3id.org/kg/stix")

#: The fixed creation time of the objects kg defines once (its identity and extension).
_DEFINED = "2026-12-01T00:00:00.000Z"


def stix_id(stix_type: str, iri: str) -> str:
    """The STIX id of the kg resource ``iri`` exported as ``stix_type``.

    >>> stix_id("threat-actor", "https://w3id.org/kg/id/entity/russia")
    'threat-actor--5a7b5e3b-9a1c-5e6a-ad6c-5ce91aea01bf'
    """
    return f"{stix_type}--{uuid.uuid5(NAMESPACE, str(iri))}"


#: kg itself, the producer (``created_by_ref``) of every object it exports.
PRODUCER_ID = stix_id("identity", "https://w3id.org/kg")
#: The property extension that carries each claim's kg detail.
EXTENSION_ID = stix_id("extension-definition", "https://w3id.org/kg/stix/claim-extension/1.0")

_EXTENSION_SCHEMA = (
    "kg claim extension 1.0 (property-extension). Properties, all optional: iri (string, the kg IRI of "
    "the object), kind (string, the kg ontology class), relation (string, the kg relation: an ontology "
    "property such as denigrates, or the verb lemma of an open relation), open_relation (boolean), "
    "predicate_text (string), hedge_cues (list of string), hedge_kind (likelihood | confidence | hedge | "
    "modal), likelihood (ICD 203 band: almost_no_chance ... almost_certain), confidence_level (high | "
    "moderate | low), attribution (string, the words naming the source), attribution_source (string, "
    "canonical source), document (string, file name), start_offset and end_offset (integer, the "
    "sentence's character offsets in the document's extracted text), negated (boolean), techniques "
    "(list of DISARM identifiers), extraction_score (number in [0, 1]). On the relationship of an "
    "assertion: assertion (string, its label), relation_family (string), canonical_object (string), "
    "document_count, independent_source_count, dissenting_claim_count (integer), independent_sources "
    "(list of string), strongest_likelihood and weakest_likelihood (ICD 203 bands), disputed (boolean), "
    "claims (list of objects with the claim properties above plus publisher and original_source, "
    "the claim's source chain). See https://w3id.org/kg/influence for the ontology."
)

# Claim relations → the STIX relationship they become when the two ends allow it.
_STIX_BY_FAMILY = {"targets": "targets", "uses": "uses", "conducts": "attributed-to", "affiliatedWith": "attributed-to"}

# Which (source type, target type) pairs STIX 2.1 defines for each relationship type
# (the specification's relationship summary, restricted to the types kg exports).
_ACTORS = ("threat-actor", "intrusion-set", "campaign")
_ALLOWED: dict[str, set[tuple[str, str]]] = {
    "targets": {(a, t) for a in _ACTORS for t in ("identity", "location")},
    "uses": {(a, t) for a in _ACTORS for t in ("attack-pattern", "infrastructure")},
    "attributed-to": {
        ("campaign", "threat-actor"),
        ("campaign", "intrusion-set"),
        ("intrusion-set", "threat-actor"),
        ("threat-actor", "identity"),
    },
}

_IDENTITY_CLASS = {
    "Person": "individual",
    "Candidate": "individual",
    "Group": "group",
    "Organisation": "organization",
    "PoliticalParty": "organization",
    "Institution": "organization",
    "Audience": "class",
}
_ACTOR_KINDS = frozenset({"State", "Organisation", "Person", "Group", "Actor"})
# Most specific first, as in kg.analysis: an entity typed State and Actor is a State.
_KIND_PRIORITY = (
    "State", "Organisation", "Person", "Group", "Candidate", "PoliticalParty", "Election",
    "Institution", "Audience", "Operation", "Campaign", "Tactic", "Instrument", "Actor", "Target",
)  # fmt: skip

# The DNI scale's names for the ICD 203 bands, as stix2.confidence.scales spells them.
_DNI = {
    "AlmostNoChance": "Almost No Chance / Remote",
    "VeryUnlikely": "Very Unlikely / Highly Improbable",
    "Unlikely": "Unlikely / Improbable",
    "RoughlyEvenChance": "Roughly Even Chance / Roughly Even Odds",
    "Likely": "Likely / Probable",
    "VeryLikely": "Very Likely / Highly Probable",
    "AlmostCertain": "Almost Certain / Nearly Certain",
}
_BAND_NAMES = {
    "AlmostNoChance": "almost_no_chance",
    "VeryUnlikely": "very_unlikely",
    "Unlikely": "unlikely",
    "RoughlyEvenChance": "roughly_even_chance",
    "Likely": "likely",
    "VeryLikely": "very_likely",
    "AlmostCertain": "almost_certain",
}
_LEVELS = {"HighConfidence": ("high", "High"), "ModerateConfidence": ("moderate", "Med"), "LowConfidence": ("low", "Low")}

_KGO = str(KGO._NS)
_PREFIXES = sparql_prefixes() + "PREFIX dcterms: <http://purl.org/dc/terms/>\n"

_DOCUMENTS = _PREFIXES + """
SELECT ?doc ?file ?hash ?date ?title ?url ?author ?publisher ?started WHERE { GRAPH ?g {
  ?doc a kgo:Document ; kgo:fileName ?file ; kgo:contentHash ?hash .
  OPTIONAL { ?doc kgo:documentDate ?date }
  OPTIONAL { ?doc dcterms:title ?title }
  OPTIONAL { ?doc dcterms:source ?url }
  OPTIONAL { ?doc dcterms:creator ?author }
  OPTIONAL { ?doc dcterms:publisher ?publisher }
  OPTIONAL { ?run a kgo:ExtractionRun ; prov:startedAtTime ?started }
} }"""

_CLAIMS = _PREFIXES + """
SELECT ?claim ?s ?p ?o ?plabel ?sentence ?start ?end ?negated ?band ?level ?kind ?ptext ?attr ?source
       ?sourcelabel ?file ?at ?score WHERE { GRAPH ?g {
  ?claim a kgo:Claim ; rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o .
  OPTIONAL { ?claim kgo:sentence ?sentence }
  OPTIONAL { ?claim kgo:startOffset ?start }
  OPTIONAL { ?claim kgo:endOffset ?end }
  OPTIONAL { ?claim kgo:negated ?negated }
  OPTIONAL { ?claim kgo:likelihood ?band }
  OPTIONAL { ?claim kgo:confidenceLevel ?level }
  OPTIONAL { ?claim kgo:hedgeKind ?kind }
  OPTIONAL { ?claim kgo:predicateText ?ptext }
  OPTIONAL { ?claim kgo:attributionText ?attr }
  OPTIONAL { ?claim kgo:attributedTo ?source . OPTIONAL { ?source skos:prefLabel ?sourcelabel } }
  OPTIONAL { ?claim kgo:extractionScore ?score }
  OPTIONAL { ?claim prov:generatedAtTime ?at }
  OPTIONAL { ?p rdfs:label ?plabel }
  OPTIONAL { ?claim prov:wasDerivedFrom ?doc . ?doc kgo:fileName ?file }
} }"""

_ASSERTIONS = _PREFIXES + """
SELECT ?assertion ?label ?family ?canonical ?object ?documents ?sources ?dissenting ?disputed ?strong ?weak
WHERE { GRAPH <https://w3id.org/kg/id/graph/assertions> {
  ?assertion a kgo:Assertion ; skos:prefLabel ?label ; kgo:relationFamily ?family ; kgo:canonicalObject ?canonical ;
             kgo:documentCount ?documents ; kgo:independentSourceCount ?sources ;
             kgo:dissentingClaimCount ?dissenting ; kgo:disputed ?disputed .
  OPTIONAL { ?assertion rdf:object ?object }
  OPTIONAL { ?assertion kgo:strongestLikelihood ?strong ; kgo:weakestLikelihood ?weak }
} }"""
_INDEPENDENT = _PREFIXES + """
SELECT ?assertion ?label WHERE { GRAPH <https://w3id.org/kg/id/graph/assertions> {
  ?assertion a kgo:Assertion ; kgo:independentSource ?source . ?source skos:prefLabel ?label } }"""
# Each claim's assertion and source chain: the publisher of its document, its original source.
_LINKS = _PREFIXES + """
SELECT ?claim ?assertion ?publisher ?origin WHERE { GRAPH ?g {
  ?claim kgo:evidenceFor ?assertion .
  OPTIONAL { ?claim kgo:originalSource ?o . ?o skos:prefLabel ?origin }
  OPTIONAL { ?claim prov:wasDerivedFrom ?doc . ?doc kgo:publisher ?p . ?p skos:prefLabel ?publisher }
} }"""

_CUES = _PREFIXES + "SELECT ?claim ?cue WHERE { GRAPH ?g { ?claim a kgo:Claim ; kgo:hedgeCue ?cue } }"
_TECHNIQUES = _PREFIXES + "SELECT ?claim ?t WHERE { GRAPH ?g { ?claim a kgo:Claim ; kgo:technique ?t } }"
_ENTITIES = _PREFIXES + "SELECT ?e ?label ?type WHERE { GRAPH ?g { ?e skos:prefLabel ?label . OPTIONAL { ?e a ?type } } }"


@dataclass(frozen=True)
class _Doc:
    iri: str
    file: str
    sha256: str
    date: str | None
    title: str | None
    url: str | None
    author: str | None
    publisher: str | None
    started: str


@dataclass(frozen=True)
class _Claim:
    iri: str
    subject: str
    object: str
    relation: str
    open: bool
    sentence: str
    start: int | None
    end: int | None
    negated: bool
    band: str | None  #: local name of the likelihood individual, e.g. "Likely"
    level: str | None  #: local name of the confidence level, e.g. "HighConfidence"
    hedge_kind: str | None
    predicate_text: str | None
    attribution: str | None
    attribution_source: str | None
    document: str | None
    generated: str
    score: float | None
    cues: tuple[str, ...] = ()
    techniques: tuple[str, ...] = ()


@dataclass(frozen=True)
class _Assertion:
    iri: str
    label: str
    family: str
    canonical: str
    object: str | None  #: the entity of the commonest wording of the object
    documents: int
    sources: int
    dissenting: int
    disputed: bool
    strongest: str | None  #: local name of the band, e.g. "Likely"
    weakest: str | None
    independent: tuple[str, ...] = ()


@dataclass(frozen=True)
class _Chain:
    """Which assertion a claim is evidence for, and its source chain."""

    assertion: str
    publisher: str | None
    origin: str | None


def relationship_type(family: str | None, source_type: str, target_type: str) -> tuple[str, bool]:
    """The STIX relationship type for a claim, and whether source and target swap.

    >>> relationship_type("targets", "threat-actor", "location")
    ('targets', False)
    >>> relationship_type("conducts", "threat-actor", "campaign")
    ('attributed-to', True)
    >>> relationship_type("targets", "threat-actor", "threat-actor")
    ('related-to', False)
    """
    wanted = _STIX_BY_FAMILY.get(family or "")
    if wanted is None:
        return "related-to", False
    if family == "conducts":
        # STIX says it the other way round: the campaign is attributed to its actor.
        return (wanted, True) if (target_type, source_type) in _ALLOWED[wanted] else ("related-to", False)
    return (wanted, False) if (source_type, target_type) in _ALLOWED[wanted] else ("related-to", False)


def _local(iri: str) -> str:
    if iri.startswith(_KGO):
        return iri[len(_KGO) :]
    return unquote(iri.rstrip("/").rsplit("/", 1)[-1])


def _timestamp(value: Any) -> str:
    """An xsd:dateTime literal as STIX wants it: UTC with a Z and milliseconds."""
    text = str(value)
    if text.endswith("+00:00"):
        text = text[:-6]
    text = text.rstrip("Z")
    if "." not in text:
        text += ".000"
    return text + "Z"


def _read_documents(dataset: Graph) -> list[_Doc]:
    docs: dict[str, _Doc] = {}
    for row in dataset.query(_DOCUMENTS):
        iri = str(row.doc)
        if iri in docs:
            continue
        docs[iri] = _Doc(
            iri=iri,
            file=str(row.file),
            sha256=str(row.hash),
            date=str(row.date) if row.date is not None else None,
            title=str(row.title) if row.title is not None else None,
            url=str(row.url) if row.url is not None else None,
            author=str(row.author) if row.author is not None else None,
            publisher=str(row.publisher) if row.publisher is not None else None,
            started=_timestamp(row.started) if row.started is not None else _DEFINED,
        )
    return sorted(docs.values(), key=lambda d: d.file)


def _read_claims(dataset: Graph, where: ClaimFilter | None = None) -> list[_Claim]:
    cues: dict[str, list[str]] = defaultdict(list)
    for row in dataset.query(_CUES):
        if str(row.cue) not in cues[str(row.claim)]:
            cues[str(row.claim)].append(str(row.cue))
    techniques: dict[str, set[str]] = defaultdict(set)
    for row in dataset.query(_TECHNIQUES):
        techniques[str(row.claim)].add(str(row.t))
    claims: dict[str, _Claim] = {}
    for row in dataset.query(_CLAIMS):
        iri = str(row.claim)
        if iri in claims:
            continue
        predicate = str(row.p)
        is_open = not predicate.startswith(_KGO)
        relation = str(row.plabel) if is_open and row.plabel is not None else _local(predicate)
        claims[iri] = _Claim(
            iri=iri,
            subject=str(row.s),
            object=str(row.o),
            relation=relation,
            open=is_open,
            sentence=str(row.sentence) if row.sentence is not None else "",
            start=int(row.start) if row.start is not None else None,
            end=int(row.end) if row.end is not None else None,
            negated=row.negated is not None and row.negated.toPython() is True,
            band=_local(str(row.band)) if row.band is not None else None,
            level=_local(str(row.level)) if row.level is not None else None,
            hedge_kind=str(row.kind) if row.kind is not None else None,
            predicate_text=str(row.ptext) if row.ptext is not None else None,
            attribution=str(row.attr) if row.attr is not None else None,
            attribution_source=str(row.sourcelabel) if row.sourcelabel is not None else None,
            document=str(row.file) if row.file is not None else None,
            generated=_timestamp(row.at) if row.at is not None else _DEFINED,
            score=float(row.score) if row.score is not None else None,
            cues=tuple(cues.get(iri, ())),
            techniques=tuple(sorted(techniques.get(iri, ()))),
        )
    # Which claims go in is the one claims view's decision (kg.records): by default every
    # claim but those an analyst rejected, the ones the text does not assert included (they
    # become notes) and open relations too (related-to).
    from kg.records import ClaimFilter, read_claims

    where = where or ClaimFilter(include_negated=True, include_open=True)
    passing = {r["claim"] for r in read_claims(dataset, where)}
    kept = [c for c in claims.values() if c.iri in passing]
    return sorted(kept, key=lambda c: (c.document or "", c.start or 0, c.iri))


def _read_assertions(dataset: Graph) -> tuple[dict[str, _Assertion], dict[str, _Chain]]:
    """The assertion summaries (kg.corroboration) and each claim's link to its assertion."""
    independent: dict[str, set[str]] = defaultdict(set)
    for row in dataset.query(_INDEPENDENT):
        independent[str(row.assertion)].add(str(row.label))
    found: dict[str, _Assertion] = {}
    for row in dataset.query(_ASSERTIONS):
        iri = str(row.assertion)
        found.setdefault(iri, _Assertion(
            iri=iri,
            label=str(row.label),
            family=_local(str(row.family)),
            canonical=str(row.canonical),
            object=str(row.object) if row.object is not None else None,
            documents=int(row.documents),
            sources=int(row.sources),
            dissenting=int(row.dissenting),
            disputed=row.disputed.toPython() is True,
            strongest=_local(str(row.strong)) if row.strong is not None else None,
            weakest=_local(str(row.weak)) if row.weak is not None else None,
            independent=tuple(sorted(independent[iri])),
        ))  # fmt: skip
    links: dict[str, _Chain] = {}
    for row in dataset.query(_LINKS):
        if str(row.assertion) in found:
            links.setdefault(str(row.claim), _Chain(str(row.assertion), _text(row.publisher), _text(row.origin)))
    return found, links


def _text(value: Any) -> str | None:
    return str(value) if value is not None else None


def _read_entities(dataset: Graph) -> dict[str, tuple[str, str | None]]:
    labels: dict[str, str] = {}
    kinds: dict[str, set[str]] = defaultdict(set)
    for row in dataset.query(_ENTITIES):
        e = str(row.e)
        # The first label seen, then the smallest, so the choice does not depend on row order.
        labels[e] = min(labels.get(e, str(row.label)), str(row.label))
        if row.type is not None and str(row.type).startswith(_KGO):
            kinds[e].add(_local(str(row.type)))
    return {e: (label, next((k for k in _KIND_PRIORITY if k in kinds[e]), None)) for e, label in labels.items()}


class _Builder:
    """Collects STIX objects as plain dicts, one per id, then checks them with stix2."""

    def __init__(self, dataset: Graph, where: ClaimFilter | None = None) -> None:
        self.entities = _read_entities(dataset)
        self.documents = _read_documents(dataset)
        self.claims = _read_claims(dataset, where)
        self.assertions, self.links = _read_assertions(dataset)
        self.objects: dict[str, dict[str, Any]] = {}
        self.by_doc: dict[str, set[str]] = defaultdict(set)
        self._countries: dict[str, str] | None = None

    # -- entities ----------------------------------------------------------------------

    def _actors(self) -> set[str]:
        # An entity is an actor when a claim has it doing influence work: the subject of a
        # targets-family, uses or conducts claim; or an actor by kind (state,
        # organisation, person, group) that supports someone or is affiliated with
        # someone. "Politicians affiliated with a party" and "the ODNI highlights" do not
        # make threat actors.
        actors = set()
        for c in self.claims:
            family = None if c.open else RELATION_FAMILY.get(c.relation)
            kind = self.entities.get(c.subject, ("", None))[1]
            if family in ("targets", "uses", "conducts") or (
                family in ("supports", "affiliatedWith") and kind in _ACTOR_KINDS
            ):
                actors.add(c.subject)
        return actors

    def _country_code(self, label: str) -> str | None:
        if self._countries is None:
            from kg.entities.data import alpha2_codes, load_records

            codes = alpha2_codes()
            self._countries = {r.label: codes[r.iso3] for r in load_records() if r.iso3 in codes}
        return self._countries.get(label)

    def entity_object(self, iri: str, actors: set[str]) -> dict[str, Any]:
        label, kind = self.entities.get(iri, (_local(iri), None))
        base: dict[str, Any] = {"name": label}
        if kind in ("Operation", "Campaign"):
            obj = {"type": "campaign", **base}
        elif kind == "Instrument":
            obj = {"type": "infrastructure", "infrastructure_types": ["unknown"], **base}
        elif kind == "Tactic":
            obj = {"type": "attack-pattern", **base}
        elif iri in actors and kind == "Group":
            obj = {"type": "intrusion-set", **base}
        elif iri in actors:
            types = ["nation-state"] if kind == "State" else ["unknown"]
            obj = {"type": "threat-actor", "threat_actor_types": types, **base}
            if kind == "State":
                obj["resource_level"] = "government"
        elif kind == "State" and self._country_code(label):
            obj = {"type": "location", "country": self._country_code(label), **base}
        else:
            obj = {"type": "identity", "identity_class": _IDENTITY_CLASS.get(kind or "", "unknown"), **base}
        obj["id"] = stix_id(obj["type"], iri)
        obj["extensions"] = {EXTENSION_ID: _extension(iri=iri, kind=kind)}
        return obj

    # -- build -------------------------------------------------------------------------

    def build(self) -> list[dict[str, Any]]:
        actors = self._actors()
        stix_of: dict[str, dict[str, Any]] = {}
        # Each entity is as old as the first claim about it and as new as the last.
        times: dict[str, tuple[str, str]] = {}
        for claim in self.claims:
            for iri in (claim.subject, claim.object):
                if iri not in stix_of:
                    stix_of[iri] = self.entity_object(iri, actors)
                first, last = times.get(iri, (claim.generated, claim.generated))
                times[iri] = (min(first, claim.generated), max(last, claim.generated))
        grouped: dict[str, list[_Claim]] = defaultdict(list)
        for claim in self.claims:
            link = self.links.get(claim.iri)
            if link is not None and not claim.open:
                grouped[link.assertion].append(claim)
        # An assertion becomes a relationship when some claim (an analyst did not reject)
        # affirms it; a claim that is evidence for it is not exported again on its own.
        carried = {
            iri: claims for iri, claims in grouped.items() if any(not _dissents(c) for c in claims)
        }
        in_assertion = {c.iri for claims in carried.values() for c in claims}
        for claim in self.claims:
            alone = claim.iri not in in_assertion or claim.negated
            refs = self._claim_objects(claim, stix_of[claim.subject], stix_of[claim.object], relationship=alone)
            if claim.document:
                self.by_doc[claim.document].update(refs)
                self.by_doc[claim.document].update({stix_of[claim.subject]["id"], stix_of[claim.object]["id"]})
        for iri, claims in sorted(carried.items()):
            for claim, refs in self._assertion_objects(self.assertions[iri], claims, stix_of):
                if claim.document:
                    self.by_doc[claim.document].update(refs)
        for iri, obj in stix_of.items():
            self._add(obj, *times[iri])
        for doc in self.documents:
            self._add(self._report(doc), doc.started, doc.started)
        return [_producer(), _extension_definition(), *sorted(self.objects.values(), key=_order)]

    def _add(self, obj: dict[str, Any], created: str, modified: str) -> None:
        obj.setdefault("created", created)
        obj.setdefault("modified", modified)
        obj["created_by_ref"] = PRODUCER_ID
        obj["spec_version"] = "2.1"
        self.objects[obj["id"]] = obj

    def _claim_objects(
        self, claim: _Claim, source: dict[str, Any], target: dict[str, Any], *, relationship: bool = True
    ) -> list[str]:
        detail = _claim_extension(claim)
        if claim.negated:
            note = {
                "type": "note",
                "id": stix_id("note", claim.iri),
                "abstract": f"Not asserted: {source['name']} {claim.relation} {target['name']}"[:250],
                "content": f"{claim.sentence}\n\nThe text denies this, judges it improbable or only supposes it; "
                "kg records it as a claim that is not asserted.",
                "object_refs": sorted({source["id"], target["id"]}),
                "extensions": {EXTENSION_ID: detail},
            }
            self._add(note, claim.generated, claim.generated)
            return [note["id"]]
        confidence = _confidence(claim)
        made: list[str] = []
        for technique in claim.techniques:
            made += self._technique(claim, source, technique, confidence)
        if not relationship:  # its assertion's relationship carries it
            return made
        family = RELATION_FAMILY.get(claim.relation) if not claim.open else None
        rtype, swap = relationship_type(family, source["type"], target["type"])
        src, dst = (target, source) if swap else (source, target)
        rel: dict[str, Any] = {
            "type": "relationship",
            "id": stix_id("relationship", claim.iri),
            "relationship_type": rtype,
            "source_ref": src["id"],
            "target_ref": dst["id"],
            "description": claim.sentence,
            "extensions": {EXTENSION_ID: detail},
        }
        if confidence is not None:
            rel["confidence"] = confidence
        self._add(rel, claim.generated, claim.generated)
        return [rel["id"], *made]

    def _assertion_objects(
        self, assertion: _Assertion, claims: list[_Claim], stix_of: dict[str, dict[str, Any]]
    ) -> list[tuple[_Claim, list[str]]]:
        """The relationship of one assertion and, where its sources disagree, their opinions."""
        affirming = [c for c in claims if not _dissents(c)]
        first = affirming[0]
        source = stix_of[first.subject]
        target = stix_of.get(assertion.object or "") or stix_of[first.object]
        rtype, swap = relationship_type(assertion.family, source["type"], target["type"])
        src, dst = (target, source) if swap else (source, target)
        chains = {c.iri: self.links[c.iri] for c in claims}
        times = sorted(c.generated for c in claims)
        rel: dict[str, Any] = {
            "type": "relationship",
            "id": stix_id("relationship", assertion.iri),
            "relationship_type": rtype,
            "source_ref": src["id"],
            "target_ref": dst["id"],
            "description": f"{assertion.label}: {_count(assertion.documents, 'document')}, "
            f"{_count(assertion.sources, 'independent source')}"
            + (f" ({'; '.join(assertion.independent)})" if assertion.independent else "")
            + ("; the sources disagree" if assertion.disputed else ""),
            "external_references": [_evidence_reference(c, chains[c.iri]) for c in claims],
            "extensions": {EXTENSION_ID: _extension(
                iri=assertion.iri,
                kind="Assertion",
                assertion=assertion.label,
                relation_family=assertion.family,
                canonical_object=assertion.canonical,
                document_count=assertion.documents,
                independent_source_count=assertion.sources,
                dissenting_claim_count=assertion.dissenting,
                independent_sources=list(assertion.independent),
                strongest_likelihood=_BAND_NAMES.get(assertion.strongest or ""),
                weakest_likelihood=_BAND_NAMES.get(assertion.weakest or ""),
                disputed=assertion.disputed,
                claims=[_chain_detail(c, chains[c.iri]) for c in claims],
            )},
        }  # fmt: skip
        confidences = [v for v in map(_confidence, affirming) if v is not None]
        if confidences:
            rel["confidence"] = max(confidences)
        self._add(rel, times[0], times[-1])
        made = [(c, [rel["id"]]) for c in claims]
        if assertion.disputed:
            for claim in claims:
                chain = chains[claim.iri]
                opinion: dict[str, Any] = {
                    "type": "opinion",
                    "id": stix_id("opinion", f"{claim.iri}#{assertion.iri}"),
                    "opinion": "disagree" if _dissents(claim) else "agree",
                    "object_refs": [rel["id"]],
                    "explanation": claim.sentence or assertion.label,
                    "extensions": {EXTENSION_ID: _extension(**_chain_detail(claim, chain))},
                }
                authors = [a for a in (chain.origin, chain.publisher) if a]
                if authors:
                    opinion["authors"] = authors
                self._add(opinion, claim.generated, claim.generated)
                made.append((claim, [opinion["id"]]))
        return made

    def _technique(self, claim: _Claim, actor: dict[str, Any], technique: str, confidence: int | None) -> list[str]:
        from kg.techniques import DISARM_IRI, technique_info

        info = technique_info(technique)
        pattern_iri = DISARM_IRI + technique
        pattern: dict[str, Any] = {
            "type": "attack-pattern",
            "id": stix_id("attack-pattern", pattern_iri),
            "name": info.name if info else technique,
            "external_references": [{"source_name": "DISARM", "external_id": technique, "url": _disarm_url(technique)}],
        }
        if info and info.tactic:
            pattern["kill_chain_phases"] = [{"kill_chain_name": "disarm", "phase_name": info.tactic_phase}]
        if pattern["id"] not in self.objects:
            self._add(pattern, _DEFINED, _DEFINED)
        made = [pattern["id"]]
        if actor["type"] in _ACTORS:
            rel: dict[str, Any] = {
                "type": "relationship",
                "id": stix_id("relationship", f"{claim.iri}#{technique}"),
                "relationship_type": "uses",
                "source_ref": actor["id"],
                "target_ref": pattern["id"],
                "description": claim.sentence,
                "extensions": {EXTENSION_ID: _claim_extension(claim)},
            }
            if confidence is not None:
                rel["confidence"] = confidence
            self._add(rel, claim.generated, claim.generated)
            made.append(rel["id"])
        return made

    def _report(self, doc: _Doc) -> dict[str, Any]:
        reference: dict[str, Any] = {"source_name": "kg", "external_id": doc.file, "hashes": {"SHA-256": doc.sha256}}
        if doc.url:
            reference["url"] = doc.url
        refs = sorted(self.by_doc.get(doc.file, ())) or [PRODUCER_ID]  # a report must reference something
        report: dict[str, Any] = {
            "type": "report",
            "id": stix_id("report", doc.iri),
            "name": doc.title or doc.file,
            "report_types": ["threat-report"],
            "published": f"{doc.date}T00:00:00.000Z" if doc.date else doc.started,
            "object_refs": refs,
            "external_references": [reference],
            "extensions": {EXTENSION_ID: _extension(iri=doc.iri, kind="Document", document=doc.file)},
        }
        if doc.author or doc.publisher:
            report["description"] = " — ".join(x for x in (doc.author, doc.publisher) if x)
        return report


def _dissents(claim: _Claim) -> bool:
    """A claim against its assertion: negated, or judged below even chance (as kg.assertions.dissents)."""
    return claim.negated or claim.band in _BELOW_EVEN


_BELOW_EVEN = frozenset({"AlmostNoChance", "VeryUnlikely", "Unlikely"})


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}{'' if n == 1 else 's'}"


def _evidence_reference(claim: _Claim, chain: _Chain) -> dict[str, Any]:
    """One claim's evidence as an external reference: where it was read, and the sentence."""
    reference: dict[str, Any] = {"source_name": chain.publisher or claim.document or "kg", "description": claim.sentence or claim.iri}
    if claim.document:
        reference["external_id"] = claim.document
    return reference


def _chain_detail(claim: _Claim, chain: _Chain) -> dict[str, Any]:
    detail = _claim_extension(claim)
    detail.pop("extension_type")
    detail.update({k: v for k, v in (("publisher", chain.publisher), ("original_source", chain.origin)) if v})
    detail["sentence"] = claim.sentence
    return detail


def _disarm_url(technique: str) -> str:
    return f"https://github.com/DISARMFoundation/DISARMframeworks/blob/main/generated_pages/techniques/{technique}.md"


def _confidence(claim: _Claim) -> int | None:
    from stix2.confidence.scales import dni_to_value, none_low_med_high_to_value

    if claim.band in _DNI:
        return dni_to_value(_DNI[claim.band])
    if claim.level in _LEVELS:
        return none_low_med_high_to_value(_LEVELS[claim.level][1])
    return None


def _extension(**values: Any) -> dict[str, Any]:
    data = {k: v for k, v in values.items() if v is not None and v != () and v != []}
    return {"extension_type": "property-extension", **data}


def _claim_extension(claim: _Claim) -> dict[str, Any]:
    return _extension(
        iri=claim.iri,
        relation=claim.relation,
        open_relation=claim.open,
        predicate_text=claim.predicate_text,
        hedge_cues=list(claim.cues),
        hedge_kind=claim.hedge_kind,
        likelihood=_BAND_NAMES.get(claim.band or ""),
        confidence_level=_LEVELS[claim.level][0] if claim.level in _LEVELS else None,
        attribution=claim.attribution,
        attribution_source=claim.attribution_source,
        document=claim.document,
        start_offset=claim.start,
        end_offset=claim.end,
        negated=claim.negated,
        techniques=list(claim.techniques),
        extraction_score=claim.score,
    )


def _producer() -> dict[str, Any]:
    return {
        "type": "identity",
        "spec_version": "2.1",
        "id": PRODUCER_ID,
        "created": _DEFINED,
        "modified": _DEFINED,
        "name": "kg",
        "identity_class": "system",
        "description": "kg, a knowledge-graph builder for reporting on foreign influence operations.",
    }


def _extension_definition() -> dict[str, Any]:
    return {
        "type": "extension-definition",
        "spec_version": "2.1",
        "id": EXTENSION_ID,
        "created": _DEFINED,
        "modified": _DEFINED,
        "created_by_ref": PRODUCER_ID,
        "name": "kg claim",
        "description": "The evidence and qualification of a claim extracted by kg: relation, hedging, "
        "ICD 203 likelihood, attribution, document and offsets.",
        "schema": _EXTENSION_SCHEMA,
        "version": "1.0",
        "extension_types": ["property-extension"],
    }


_TYPE_ORDER = {
    t: i
    for i, t in enumerate(
        ("report", "threat-actor", "intrusion-set", "campaign", "identity", "location", "infrastructure",
         "attack-pattern", "relationship", "opinion", "note")
    )
}  # fmt: skip


def _order(obj: dict[str, Any]) -> tuple[int, str]:
    return _TYPE_ORDER.get(obj["type"], 99), obj["id"]


def bundle_dict(dataset: Graph | Dataset, where: ClaimFilter | None = None) -> dict[str, Any]:
    """The STIX 2.1 bundle of a kg graph, as JSON-ready data.

    Parameters
    ----------
    dataset
        A kg graph: the store's dataset, or a Dataset read from a kg export.
    where
        Which claims (:class:`kg.records.ClaimFilter`, as every view); by default every
        claim an analyst did not reject, negated claims and open relations included.

    Returns
    -------
    dict
        ``{"type": "bundle", "id": ..., "objects": [...]}``; every object passes
        ``stix2``'s own checks (see :func:`_checked`).
    """
    objects = [_checked(obj) for obj in _Builder(dataset, where).build()]
    # The bundle's id is a digest of its objects' ids: the same graph gives the same bundle.
    bundle_uuid = uuid.uuid5(NAMESPACE, "\n".join(sorted(o["id"] for o in objects)))
    return {"type": "bundle", "id": f"bundle--{bundle_uuid}", "objects": objects}


def _checked(obj: dict[str, Any]) -> dict[str, Any]:
    """Run ``obj`` through the stix2 library's object classes (required properties,
    vocabularies, timestamps), and return it as the library serialises it."""
    import stix2

    parsed = stix2.parse(obj, allow_custom=True, version="2.1")
    return json.loads(parsed.serialize())


def write_bundle(dataset: Graph | Dataset, handle: IO[str], where: ClaimFilter | None = None) -> None:
    """Write the bundle of ``dataset`` to an open text file, indented, keys in a fixed order."""
    json.dump(bundle_dict(dataset, where), handle, ensure_ascii=False, indent=2)
    handle.write("\n")
