"""The kg influence ontology (``ontologies/influence.ttl``) as an rdflib namespace.

A :class:`~rdflib.namespace.DefinedNamespace` so that a misspelt term fails loudly at
the line that uses it; ``tests/test_ontology.py`` fails when this list and the Turtle file
drift apart.
"""

from __future__ import annotations

from pathlib import Path

from rdflib import Namespace, URIRef
from rdflib.namespace import DCTERMS, PROV, RDF, RDFS, SKOS, XSD, DefinedNamespace

__all__ = [
    "KGO",
    "KGR",
    "ONTOLOGIES_DIR",
    "ONTOLOGY_PATH",
    "SHAPES_PATH",
    "RELATION_FAMILY",
    "RELATIONS",
    "TARGET_RELATIONS",
    "LIKELIHOOD_BANDS",
    "CONFIDENCE_LEVELS",
    "PREFIXES",
    "WIKIDATA",
    "sparql_prefixes",
    "relation_family",
]

def _ontologies_dir() -> Path:
    # In a wheel the folder is packaged as kg/ontologies; in a checkout it is ../ontologies.
    here = Path(__file__).resolve().parent
    packaged = here / "ontologies"
    return packaged if packaged.is_dir() else here.parent / "ontologies"


ONTOLOGIES_DIR = _ontologies_dir()
ONTOLOGY_PATH = ONTOLOGIES_DIR / "influence.ttl"
SHAPES_PATH = ONTOLOGIES_DIR / "shapes.ttl"

#: Where kg mints the IRIs of documents, claims, entities and runs.
KGR = Namespace("https://w3id.org/kg/id/")


class KGO(DefinedNamespace):
    """Terms of the kg influence ontology."""

    _NS = Namespace("https://w3id.org/kg/influence#")
    _fail = True

    # Actors
    Actor: URIRef
    State: URIRef
    Organisation: URIRef
    Person: URIRef
    Group: URIRef
    IntelligenceAgency: URIRef
    MilitaryUnit: URIRef
    Company: URIRef
    MediaOutlet: URIRef
    Persona: URIRef
    Network: URIRef
    # Targets
    Target: URIRef
    Candidate: URIRef
    PoliticalParty: URIRef
    Election: URIRef
    Institution: URIRef
    Audience: URIRef
    # What actors do and with what
    Operation: URIRef
    Campaign: URIRef
    Tactic: URIRef
    Instrument: URIRef
    # Evidence
    Document: URIRef
    Source: URIRef
    Claim: URIRef
    ExtractionRun: URIRef
    LikelihoodBand: URIRef
    ConfidenceLevel: URIRef

    # Object properties between actors and what they act on (the claims' relations)
    targets: URIRef
    denigrates: URIRef
    undermines: URIRef
    interferesIn: URIRef
    seeksToInfluence: URIRef
    exploits: URIRef
    supports: URIRef
    uses: URIRef
    conducts: URIRef
    affiliatedWith: URIRef

    # Claim properties (subject, relation and object are rdf:subject/predicate/object)
    sentence: URIRef
    subjectText: URIRef
    predicateText: URIRef
    predicateLemma: URIRef
    objectText: URIRef
    startOffset: URIRef
    endOffset: URIRef
    negated: URIRef
    hedgeCue: URIRef
    hedgeKind: URIRef
    subjectResolution: URIRef
    objectResolution: URIRef
    partOf: URIRef
    technique: URIRef
    likelihood: URIRef
    confidenceLevel: URIRef
    attributionText: URIRef
    attributedTo: URIRef
    extractionScore: URIRef
    extractorVersion: URIRef
    isOpenRelation: URIRef
    # Document and entity properties
    documentDate: URIRef
    contentHash: URIRef
    fileName: URIRef
    mentionedIn: URIRef
    isoCode: URIRef
    # Annotation properties aligning terms with other vocabularies
    disarmTechnique: URIRef
    stixRelationship: URIRef

    # Corroboration: assertions, publishers and the independence of sources
    Assertion: URIRef
    Publisher: URIRef
    evidenceFor: URIRef
    canonicalObject: URIRef
    relationFamily: URIRef
    claimCount: URIRef
    documentCount: URIRef
    independentSourceCount: URIRef
    independentSource: URIRef
    originalSource: URIRef
    dissentingClaimCount: URIRef
    disputed: URIRef
    strongestLikelihood: URIRef
    weakestLikelihood: URIRef
    strongestConfidence: URIRef
    weakestConfidence: URIRef
    publisher: URIRef
    textFingerprint: URIRef
    sameArticleAs: URIRef

    # ICD 203 likelihood bands (individuals of LikelihoodBand)
    AlmostNoChance: URIRef
    VeryUnlikely: URIRef
    Unlikely: URIRef
    RoughlyEvenChance: URIRef
    Likely: URIRef
    VeryLikely: URIRef
    AlmostCertain: URIRef
    # Analytic confidence levels (individuals of ConfidenceLevel)
    HighConfidence: URIRef
    ModerateConfidence: URIRef
    LowConfidence: URIRef


#: The relations the claims export and the benchmark count, by family.
RELATION_FAMILY: dict[str, str] = {
    "targets": "targets",
    "denigrates": "targets",
    "undermines": "targets",
    "interferesIn": "targets",
    "seeksToInfluence": "targets",
    "exploits": "targets",
    "supports": "supports",
    "uses": "uses",
    "conducts": "conducts",
    "affiliatedWith": "affiliatedWith",
}
RELATIONS = frozenset(RELATION_FAMILY)
TARGET_RELATIONS = frozenset(r for r, fam in RELATION_FAMILY.items() if fam == "targets")

#: Model values of Hedge.likelihood / Hedge.confidence → ontology individuals.
LIKELIHOOD_BANDS: dict[str, URIRef] = {
    "almost_no_chance": KGO.AlmostNoChance,
    "very_unlikely": KGO.VeryUnlikely,
    "unlikely": KGO.Unlikely,
    "roughly_even_chance": KGO.RoughlyEvenChance,
    "likely": KGO.Likely,
    "very_likely": KGO.VeryLikely,
    "almost_certain": KGO.AlmostCertain,
}
CONFIDENCE_LEVELS: dict[str, URIRef] = {
    "high": KGO.HighConfidence,
    "moderate": KGO.ModerateConfidence,
    "low": KGO.LowConfidence,
}


#: The prefixes kg's files, queries and JSON-LD context use: one table for all of them.
#: Wikidata entities, the identities of known actors (``owl:sameAs wd:Q...``).
WIKIDATA = Namespace("http://www.wikidata.org/entity/")

PREFIXES: dict[str, str] = {
    "kgo": str(KGO._NS),
    "kgr": str(KGR),
    "skos": str(SKOS),
    "prov": str(PROV),
    "dcterms": str(DCTERMS),
    "rdf": str(RDF),
    "rdfs": str(RDFS),
    "xsd": str(XSD),
    "owl": "http://www.w3.org/2002/07/owl#",
    "wd": str(WIKIDATA),
}


def sparql_prefixes() -> str:
    """``PREFIX`` lines for every entry of :data:`PREFIXES`, to put before a query.

    >>> sparql_prefixes().splitlines()[0]
    'PREFIX kgo: <https://w3id.org/kg/influence#>'
    """
    return "".join(f"PREFIX {name}: <{iri}>\n" for name, iri in PREFIXES.items())


def relation_family(relation: str) -> str | None:
    """The family (``targets``, ``supports``, ...) of an ontology relation, or None.

    >>> relation_family("denigrates")
    'targets'
    >>> relation_family("praise") is None
    True
    """
    return RELATION_FAMILY.get(relation)
