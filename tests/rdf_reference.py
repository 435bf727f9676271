"""The rdflib path that made a document's graph before :mod:`kg.quads`, kept as the test's reference.

``tests/test_quads.py`` checks that the quads kg now writes straight from the claims are
the triples this code made through an rdflib memory graph. Copied from kg/rdf.py at
ca4a9b4; not used by kg.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from rdflib import RDF, RDFS, XSD, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, OWL, PROV, SKOS

from kg.entities import strip_mention
from kg.entities.kb import KnowledgeBase
from kg.model import Claim, Document, Mention
from kg.ontology import CONFIDENCE_LEVELS, KGO, LIKELIHOOD_BANDS, WIKIDATA
from kg.rdf import Run, bind_prefixes, claim_iri, document_graph_iri, document_iri, entity_iri, mention_key, relation_iri, source_iri
from kg.quads import _ENTITY_CLASSES  # the one constant shared: a list of names, not code
from kg.lexicon import load_lexicon
from kg.techniques import techniques_for

LEXICON = load_lexicon()

__all__ = ["reference_document_graph"]


def reference_document_graph(
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
    for technique in techniques_for(claim, LEXICON):  # DISARM tagging: a step after extraction
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
