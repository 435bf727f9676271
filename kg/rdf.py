"""Claims as RDF: one named graph per document, an n-ary node per claim.

A claim node is an ``rdf:Statement`` (``kgo:Claim``) whose ``rdf:subject``,
``rdf:predicate`` and ``rdf:object`` name canonical entities and an ontology relation,
and which carries its evidence: sentence, offsets, surface texts, negation, hedges with
their ICD 203 band or confidence level, attribution, and PROV-O provenance. Beside each
claim that is not negated and has an ontology relation, the direct edge
``actor kgo:relation target`` is asserted so that simple queries stay simple.

Examples
--------
>>> from kg.model import Claim, Mention, Predicate
>>> claim = Claim("a.txt", 0, 30, "Russia sought to denigrate X.",
...               Mention("Russia", 0, 6, "Russia", "State", "russia"),
...               Predicate("sought to denigrate", "denigrate", "denigrates", 7, 26),
...               Mention("X", 27, 28, "X", "Target", "x"))
>>> from kg.model import Document
>>> g = document_graph(Document("a.txt", "a.txt", "Russia sought to denigrate X.", "0" * 64), [claim], new_run())
>>> (entity_iri("russia"), KGO.denigrates, entity_iri("x")) in g
True
"""

from __future__ import annotations

import hashlib
import re
import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timezone
from urllib.parse import quote, unquote

from rdflib import RDF, RDFS, XSD, Dataset, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, OWL, PROV, SKOS

from kg import __version__
from kg.entities import slug, strip_mention
from kg.entities.kb import KnowledgeBase
from kg.model import Claim, Document, Mention
from kg.ontology import CONFIDENCE_LEVELS, KGO, KGR, LIKELIHOOD_BANDS, ONTOLOGY_PATH, PREFIXES, WIKIDATA
from kg.techniques import techniques_for

__all__ = [
    "ONTOLOGY_GRAPH",
    "Run",
    "new_run",
    "document_iri",
    "document_graph_iri",
    "entity_iri",
    "entity_labels",
    "claim_iri",
    "document_graph",
    "load_ontology",
    "bind_prefixes",
]

#: The named graph that holds the ontology inside a kg dataset.
ONTOLOGY_GRAPH = URIRef("https://w3id.org/kg/influence")


@dataclass(frozen=True)
class Run:
    """One extraction run (a ``prov:Activity``) that generated claims."""

    iri: URIRef
    started: datetime
    version: str = __version__


def new_run() -> Run:
    """A fresh run record stamped with the current UTC time."""
    return Run(KGR[f"run/{uuid.uuid4()}"], datetime.now(timezone.utc).replace(microsecond=0))


def _quote(value: str) -> str:
    return quote(value, safe="")


def document_iri(doc_id: str) -> URIRef:
    """IRI of a document, from its id (file name)."""
    return KGR[f"doc/{_quote(doc_id)}"]


def document_graph_iri(doc_id: str) -> URIRef:
    """IRI of the named graph that holds one document's claims."""
    return KGR[f"graph/{_quote(doc_id)}"]


def entity_iri(key: str) -> URIRef:
    """IRI of a canonical entity from its key (slug)."""
    return KGR[f"entity/{_quote(key)}"]


def entity_labels(labels: dict[str, str]) -> dict[str, str]:
    """Entity key → label, from a mapping of node IRIs to labels (sources left out).

    >>> entity_labels({str(entity_iri("acme-media")): "Acme Media", "urn:x": "X"})
    {'acme-media': 'Acme Media'}
    """
    prefix = str(KGR["entity/"])
    return {unquote(iri[len(prefix):]): label for iri, label in labels.items() if iri.startswith(prefix)}


def source_iri(label: str) -> URIRef:
    """IRI of a source that claims are attributed to."""
    return KGR[f"source/{_quote(slug(label))}"]


def claim_iri(claim: Claim) -> URIRef:
    """A stable IRI for a claim: the same claim from the same sentence gets the same IRI."""
    key = "\x1f".join(
        map(
            str,
            (
                claim.doc,
                claim.start,
                claim.subject.start,
                claim.subject.end,
                claim.predicate.start,
                claim.predicate.lemma,
                claim.predicate.relation,
                claim.object.start,
                claim.object.end,
            ),
        )
    )
    return KGR[f"claim/{hashlib.sha1(key.encode('utf-8')).hexdigest()[:20]}"]


def relation_iri(claim: Claim) -> URIRef:
    """The ontology property of a claim, or a minted IRI for an open relation."""
    if claim.predicate.relation:
        return KGO[claim.predicate.relation]
    return KGR[f"relation/{_quote(claim.predicate.lemma)}"]


def mention_key(mention: Mention) -> str:
    """The entity key of a mention, minted from its text when extraction left it unresolved."""
    return mention.key or slug(mention.label or mention.text)


def document_graph(
    document: Document, claims: Iterable[Claim], run: Run, labels: dict[str, str] | None = None
) -> Graph:
    """All triples for one document, in a graph named by :func:`document_graph_iri`.

    The graph holds the document node, the run, the entities mentioned (with their
    labels and surface forms) and every claim.

    Parameters
    ----------
    labels
        Entity or source IRI → preferred label, shared by every document of a build (and seeded
        from the store): "Democratic party" and "Democratic Party" mint the same key, and
        the union of the document graphs must still give that entity one skos:prefLabel.
        The first label seen for a key is kept; the mapping is updated in place.
    """
    labels = {} if labels is None else labels
    g = Graph(identifier=document_graph_iri(document.id))
    bind_prefixes(g)
    doc = document_iri(document.id)
    g.add((doc, RDF.type, KGO.Document))
    g.add((doc, KGO.fileName, Literal(document.id)))
    g.add((doc, KGO.contentHash, Literal(document.sha256)))
    if document.date:
        g.add((doc, KGO.documentDate, Literal(document.date, datatype=XSD.date)))
    if document.title:
        g.add((doc, DCTERMS.title, Literal(document.title)))
    _add_provenance(g, doc, document)
    g.add((run.iri, RDF.type, KGO.ExtractionRun))
    g.add((run.iri, PROV.startedAtTime, Literal(run.started, datatype=XSD.dateTime)))
    g.add((run.iri, KGO.extractorVersion, Literal(run.version)))
    for claim in claims:
        _add_claim(g, claim, doc, run, labels)
    return g


def _add_provenance(g: Graph, doc: URIRef, document: Document) -> None:
    """Where a web page or report came from, in Dublin Core: URL, author, publisher."""
    if document.url and _WEB_URL.match(document.url):
        g.add((doc, DCTERMS.source, URIRef(document.url)))
    if document.author:
        g.add((doc, DCTERMS.creator, Literal(document.author)))
    if document.publisher:
        g.add((doc, DCTERMS.publisher, Literal(document.publisher)))


# An http(s) URL with nothing an IRI may not hold (a page's metadata is not to be trusted).
_WEB_URL = re.compile(r"^https?://[^\s<>\"{}|\\^`]+$")


def _add_entity(g: Graph, mention: Mention, doc: URIRef, labels: dict[str, str]) -> URIRef:
    node = entity_iri(mention_key(mention))
    label = labels.setdefault(str(node), mention.label or mention.text)
    if (node, SKOS.prefLabel, None) not in g:
        g.add((node, SKOS.prefLabel, Literal(label, lang="en")))
        g.add((node, RDF.type, KGO[mention.kind] if mention.kind in _ENTITY_CLASSES else KGO.Target))
    if mention.text != label and mention.names_entity:
        g.add((node, SKOS.altLabel, Literal(mention.text, lang="en")))
    g.add((node, KGO.mentionedIn, doc))
    _add_known_actor(g, mention_key(mention), labels)
    return node


def _add_known_actor(g: Graph, key: str, labels: dict[str, str]) -> None:
    """What the knowledge base knows of an actor: its Wikidata identity and the chain of
    bodies it is part of up to its state, so that a query can roll claims about a unit up
    to its service and its state (``kgo:partOf+``)."""
    kb = KnowledgeBase.default()
    chain = kb.chain(key)
    if not chain:
        return
    for part, whole in zip(chain, chain[1:]):
        g.add((entity_iri(part.key), KGO.partOf, entity_iri(whole.key)))
    for actor in chain:
        node = entity_iri(actor.key)
        if actor.qid:
            g.add((node, OWL.sameAs, WIKIDATA[actor.qid]))
        if (node, SKOS.prefLabel, None) not in g:
            g.add((node, SKOS.prefLabel, Literal(labels.setdefault(str(node), actor.label), lang="en")))
            g.add((node, RDF.type, KGO[actor.kind] if actor.kind in _ENTITY_CLASSES else KGO.Actor))


def _add_claim(g: Graph, claim: Claim, doc: URIRef, run: Run, labels: dict[str, str]) -> None:
    node = claim_iri(claim)
    subject = _add_entity(g, claim.subject, doc, labels)
    obj = _add_entity(g, claim.object, doc, labels)
    relation = relation_iri(claim)
    add = g.add
    add((node, RDF.type, KGO.Claim))
    add((node, RDF.subject, subject))
    add((node, RDF.predicate, relation))
    add((node, RDF.object, obj))
    add((node, KGO.subjectText, Literal(claim.subject.text)))
    add((node, KGO.predicateText, Literal(claim.predicate.text)))
    add((node, KGO.predicateLemma, Literal(claim.predicate.lemma)))
    add((node, KGO.objectText, Literal(claim.object.text)))
    if claim.subject.resolution:
        add((node, KGO.subjectResolution, Literal(claim.subject.resolution)))
    if claim.object.resolution:
        add((node, KGO.objectResolution, Literal(claim.object.resolution)))
    add((node, KGO.sentence, Literal(claim.sentence)))
    add((node, KGO.startOffset, Literal(claim.start, datatype=XSD.integer)))
    add((node, KGO.endOffset, Literal(claim.end, datatype=XSD.integer)))
    add((node, KGO.negated, Literal(claim.negated)))
    add((node, KGO.extractionScore, Literal(f"{claim.confidence:.3f}", datatype=XSD.decimal)))
    add((node, KGO.extractorVersion, Literal(run.version)))
    add((node, PROV.wasDerivedFrom, doc))
    add((node, PROV.wasGeneratedBy, run.iri))
    add((node, PROV.generatedAtTime, Literal(run.started, datatype=XSD.dateTime)))
    if claim.predicate.relation is None:
        add((relation, RDF.type, RDF.Property))
        add((relation, RDFS.label, Literal(claim.predicate.lemma, lang="en")))
        add((relation, KGO.isOpenRelation, Literal(True)))
    for hedge in claim.hedges:
        add((node, KGO.hedgeCue, Literal(hedge.text)))
    if claim.hedge:
        add((node, KGO.hedgeKind, Literal(claim.hedge.kind)))
    for technique in techniques_for(claim):  # DISARM tagging: a step after extraction
        add((node, KGO.technique, Literal(technique)))
    band = next((h.likelihood for h in claim.hedges if h.likelihood in LIKELIHOOD_BANDS), None)
    if band:
        add((node, KGO.likelihood, LIKELIHOOD_BANDS[band]))
    level = next((h.confidence for h in claim.hedges if h.confidence in CONFIDENCE_LEVELS), None)
    if level:
        add((node, KGO.confidenceLevel, CONFIDENCE_LEVELS[level]))
    if claim.attribution:
        # "The report" and "the report" in two documents must give one source with one
        # label, so the label is the normalised mention, not the text as written.
        label = claim.attribution_label or strip_mention(claim.attribution)
        source = source_iri(label)
        label = labels.setdefault(str(source), label)
        add((node, KGO.attributionText, Literal(claim.attribution)))
        add((node, KGO.attributedTo, source))
        add((source, RDF.type, KGO.Source))
        add((source, SKOS.prefLabel, Literal(label, lang="en")))
    if claim.predicate.relation and not claim.negated:
        add((subject, relation, obj))


_ENTITY_CLASSES = frozenset(
    {
        "Actor", "State", "Organisation", "Person", "Group",
        "IntelligenceAgency", "MilitaryUnit", "Company", "MediaOutlet", "Persona", "Network",
        "Target", "Candidate", "PoliticalParty", "Election", "Institution", "Audience",
        "Operation", "Campaign", "Tactic", "Instrument",
    }
)  # fmt: skip


def load_ontology() -> Graph:
    """The ontology as a graph named :data:`ONTOLOGY_GRAPH`."""
    g = Graph(identifier=ONTOLOGY_GRAPH)
    g.parse(ONTOLOGY_PATH, format="turtle")
    return g


def bind_prefixes(g: Graph | Dataset) -> None:
    """Bind the prefixes kg's files use, so serialisations read well."""
    for name, namespace in PREFIXES.items():
        g.bind(name, namespace)
