"""Claims as quads: a document's named graph written straight from its ``Claim`` records.

This is the one definition of the RDF kg stores (the model is described in :mod:`kg.rdf`):
pyoxigraph terms and quads are made directly, without an rdflib graph in between, because
building an rdflib memory graph per document cost a build more than extraction itself.
The same :class:`~kg.store.NamedGraph` goes into an embedded store (``extend``, the bulk
loader) and, as N-Triples, into a remote one. :func:`kg.rdf.document_graph` gives the
same triples as an rdflib graph for code that wants one.

Examples
--------
>>> from kg.lexicon import load_lexicon
>>> from kg.model import Claim, Document, Mention, Predicate
>>> from kg.rdf import new_run
>>> claim = Claim("a.txt", 0, 30, "Russia sought to denigrate X.",
...               Mention("Russia", 0, 6, "Russia", "State", "russia"),
...               Predicate("sought to denigrate", "denigrate", "denigrates", 7, 26),
...               Mention("X", 27, 28, "X", "Target", "x"))
>>> writer = QuadWriter(Document("a.txt", "a.txt", "Russia sought to denigrate X.", "0" * 64), new_run(), load_lexicon())
>>> write_claims(writer, [claim])
>>> edge = '<https://w3id.org/kg/id/entity/russia> <https://w3id.org/kg/influence#denigrates> <https://w3id.org/kg/id/entity/x>'
>>> edge in {str(quad.triple) for quad in writer.graph().quads}
True
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

import pyoxigraph as ox
from rdflib import RDF, RDFS, XSD, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, OWL, PROV, SKOS

from kg.entities import strip_mention
from kg.entities.kb import KnowledgeBase
from kg.lexicon import Lexicon
from kg.model import Claim, Document, Mention
from kg.ontology import CONFIDENCE_LEVELS, KGO, LIKELIHOOD_BANDS, WIKIDATA
from kg.rdf import Run, claim_iri, document_graph_iri, document_iri, entity_iri, mention_key, relation_iri, source_iri
from kg.store.terms import NamedGraph
from kg.techniques import techniques_for

__all__ = ["QuadWriter", "write_document", "write_claims", "document_quads", "iri", "to_rdflib"]


@lru_cache(maxsize=1 << 16)
def iri(value: str) -> ox.NamedNode:
    """The pyoxigraph IRI of ``value`` (an rdflib URIRef or a string), made once per build and reused."""
    return ox.NamedNode(str(value))


def _plain(value: str) -> ox.Literal:
    return ox.Literal(value)


def _english(value: str) -> ox.Literal:
    return ox.Literal(value, language="en")


def _typed(value: str, datatype: URIRef) -> ox.Literal:
    return ox.Literal(value, datatype=iri(datatype))


_TRUE = ox.Literal("true", datatype=ox.NamedNode(str(XSD.boolean)))
_FALSE = ox.Literal("false", datatype=ox.NamedNode(str(XSD.boolean)))


class QuadWriter:
    """The quads of one document's named graph, collected without duplicates.

    Parameters
    ----------
    document
        The document whose graph this is (:func:`kg.rdf.document_graph_iri` names it).
    run
        The extraction run (its IRI, time and kg version).
    lexicon
        The build's lexicon: the words that DISARM tagging and corroboration read.
    labels
        Entity or source IRI → preferred label, shared by every document of a build (and
        seeded from the store): the first label seen for a node is kept, so the union of
        the documents' graphs gives each entity one ``skos:prefLabel``. Updated in place.
    knowledge_base
        What is known of named actors (identity, affiliation chain); None: the package's.
        A build with a user's actor tables gives the knowledge base its extractor used.
    """

    def __init__(
        self,
        document: Document,
        run: Run,
        lexicon: Lexicon,
        labels: dict[str, str] | None = None,
        knowledge_base: KnowledgeBase | None = None,
    ) -> None:
        self.document = document
        self.knowledge_base = KnowledgeBase.default() if knowledge_base is None else knowledge_base
        self.run = run
        self.lexicon = lexicon
        self.labels = {} if labels is None else labels
        self.name = iri(document_graph_iri(document.id))
        self.doc = iri(document_iri(document.id))
        self.run_node = iri(run.iri)
        self.started = _typed(run.started.isoformat(), XSD.dateTime)
        self.version = _plain(run.version)
        self._quads: dict[ox.Quad, None] = {}  # a set that keeps insertion order
        self._labelled: set[str] = set()  # nodes given a skos:prefLabel in this graph
        self._marks: dict[ox.Quad, None] = {}  # kept apart, to come last

    def add(self, subject: ox.NamedNode, predicate: ox.NamedNode, obj: ox.NamedNode | ox.Literal) -> None:
        """Add one triple to the document's graph (a repeated triple is kept once)."""
        self._quads[ox.Quad(subject, predicate, obj, self.name)] = None

    def mark(self, subject: ox.NamedNode, predicate: ox.NamedNode, obj: ox.NamedNode | ox.Literal) -> None:
        """Add the triple that marks the graph as complete (the content hash): stored last."""
        self._marks[ox.Quad(subject, predicate, obj, self.name)] = None

    def label(self, node: str, label: str) -> str:
        """The build's preferred label of ``node``, ``label`` when it has none yet."""
        return self.labels.setdefault(node, label)

    def first_label(self, node: str) -> bool:
        """True the first time ``node`` is about to get its ``skos:prefLabel`` in this graph."""
        if node in self._labelled:
            return False
        self._labelled.add(node)
        return True

    def __len__(self) -> int:
        return len(self._quads) + len(self._marks)

    def graph(self) -> NamedGraph:
        """The quads written so far, as the store takes them (the content hash last, as the mark)."""
        return NamedGraph(self.name, (*self._quads, *self._marks), len(self._marks))


_TYPE = iri(RDF.type)
_PREF = iri(SKOS.prefLabel)


def write_document(writer: QuadWriter) -> None:
    """The document node (name, hash, date, title, provenance) and the run."""
    document, doc, add = writer.document, writer.doc, writer.add
    add(doc, _TYPE, iri(KGO.Document))
    add(doc, iri(KGO.fileName), _plain(document.id))
    writer.mark(doc, iri(KGO.contentHash), _plain(document.sha256))
    if document.date:
        add(doc, iri(KGO.documentDate), _typed(document.date, XSD.date))
    if document.title:
        add(doc, iri(DCTERMS.title), _plain(document.title))
    # Where a web page or report came from, in Dublin Core: URL, author, publisher.
    if document.url and _WEB_URL.match(document.url):
        add(doc, iri(DCTERMS.source), iri(document.url))
    if document.author:
        add(doc, iri(DCTERMS.creator), _plain(document.author))
    if document.publisher:
        add(doc, iri(DCTERMS.publisher), _plain(document.publisher))
    add(writer.run_node, _TYPE, iri(KGO.ExtractionRun))
    add(writer.run_node, iri(PROV.startedAtTime), writer.started)
    add(writer.run_node, iri(KGO.extractorVersion), writer.version)


# An http(s) URL with nothing an IRI may not hold (a page's metadata is not to be trusted).
_WEB_URL = re.compile(r"^https?://[^\s<>\"{}|\\^`]+$")


def write_claims(writer: QuadWriter, claims: Iterable[Claim]) -> None:
    """Every claim: its n-ary node, its entities, and the direct edge of an asserted relation."""
    for claim in claims:
        _write_claim(writer, claim)


def _write_entity(writer: QuadWriter, mention: Mention) -> ox.NamedNode:
    key = mention_key(mention)
    uri = str(entity_iri(key))
    node = iri(uri)
    label = writer.label(uri, mention.label or mention.text)
    if writer.first_label(uri):
        writer.add(node, _PREF, _english(label))
        writer.add(node, _TYPE, iri(KGO[mention.kind] if mention.kind in _ENTITY_CLASSES else KGO.Target))
    if mention.text != label and mention.names_entity:
        writer.add(node, iri(SKOS.altLabel), _english(mention.text))
    writer.add(node, iri(KGO.mentionedIn), writer.doc)
    _write_known_actor(writer, key)
    return node


def _write_known_actor(writer: QuadWriter, key: str) -> None:
    """What the knowledge base knows of an actor: its Wikidata identity and the chain of
    bodies it is part of up to its state, so that a query can roll claims about a unit up
    to its service and its state (``kgo:partOf+``)."""
    chain = writer.knowledge_base.chain(key)
    if not chain:
        return
    for part, whole in zip(chain, chain[1:]):
        writer.add(iri(entity_iri(part.key)), iri(KGO.partOf), iri(entity_iri(whole.key)))
    for actor in chain:
        uri = str(entity_iri(actor.key))
        node = iri(uri)
        if actor.qid:
            writer.add(node, iri(OWL.sameAs), iri(WIKIDATA[actor.qid]))
        if writer.first_label(uri):
            writer.add(node, _PREF, _english(writer.label(uri, actor.label)))
            writer.add(node, _TYPE, iri(KGO[actor.kind] if actor.kind in _ENTITY_CLASSES else KGO.Actor))


def _write_claim(writer: QuadWriter, claim: Claim) -> None:
    node = iri(claim_iri(claim))
    subject = _write_entity(writer, claim.subject)
    obj = _write_entity(writer, claim.object)
    relation = iri(relation_iri(claim))
    add = writer.add
    add(node, _TYPE, iri(KGO.Claim))
    add(node, iri(RDF.subject), subject)
    add(node, iri(RDF.predicate), relation)
    add(node, iri(RDF.object), obj)
    add(node, iri(KGO.subjectText), _plain(claim.subject.text))
    add(node, iri(KGO.predicateText), _plain(claim.predicate.text))
    add(node, iri(KGO.predicateLemma), _plain(claim.predicate.lemma))
    add(node, iri(KGO.objectText), _plain(claim.object.text))
    if claim.subject.resolution:
        add(node, iri(KGO.subjectResolution), _plain(claim.subject.resolution))
    if claim.object.resolution:
        add(node, iri(KGO.objectResolution), _plain(claim.object.resolution))
    add(node, iri(KGO.sentence), _plain(claim.sentence))
    add(node, iri(KGO.startOffset), _typed(str(claim.start), XSD.integer))
    add(node, iri(KGO.endOffset), _typed(str(claim.end), XSD.integer))
    add(node, iri(KGO.negated), _TRUE if claim.negated else _FALSE)
    add(node, iri(KGO.extractionScore), _typed(f"{claim.confidence:.3f}", XSD.decimal))
    add(node, iri(KGO.extractorVersion), writer.version)
    add(node, iri(PROV.wasDerivedFrom), writer.doc)
    add(node, iri(PROV.wasGeneratedBy), writer.run_node)
    add(node, iri(PROV.generatedAtTime), writer.started)
    if claim.predicate.relation is None:
        add(relation, _TYPE, iri(RDF.Property))
        add(relation, iri(RDFS.label), _english(claim.predicate.lemma))
        add(relation, iri(KGO.isOpenRelation), _TRUE)
    for hedge in claim.hedges:
        add(node, iri(KGO.hedgeCue), _plain(hedge.text))
    if claim.hedge:
        add(node, iri(KGO.hedgeKind), _plain(claim.hedge.kind))
    for technique in techniques_for(claim, writer.lexicon):  # DISARM tagging: a step after extraction
        add(node, iri(KGO.technique), _plain(technique))
    band = next((h.likelihood for h in claim.hedges if h.likelihood in LIKELIHOOD_BANDS), None)
    if band:
        add(node, iri(KGO.likelihood), iri(LIKELIHOOD_BANDS[band]))
    level = next((h.confidence for h in claim.hedges if h.confidence in CONFIDENCE_LEVELS), None)
    if level:
        add(node, iri(KGO.confidenceLevel), iri(CONFIDENCE_LEVELS[level]))
    if claim.attribution:
        # "The report" and "the report" in two documents must give one source with one
        # label, so the label is the normalised mention, not the text as written.
        label = claim.attribution_label or strip_mention(claim.attribution)
        uri = str(source_iri(label))
        source = iri(uri)
        label = writer.label(uri, label)
        add(node, iri(KGO.attributionText), _plain(claim.attribution))
        add(node, iri(KGO.attributedTo), source)
        add(source, _TYPE, iri(KGO.Source))
        add(source, _PREF, _english(label))
    if claim.predicate.relation and not claim.negated:
        add(subject, relation, obj)


_ENTITY_CLASSES = frozenset(
    {
        "Actor", "State", "Organisation", "Person", "Group",
        "IntelligenceAgency", "MilitaryUnit", "Company", "MediaOutlet", "Persona", "Network",
        "Target", "Candidate", "PoliticalParty", "Election", "Institution", "Audience",
        "Operation", "Campaign", "Tactic", "Instrument",
    }
)  # fmt: skip


def document_quads(
    document: Document,
    claims: Iterable[Claim],
    run: Run,
    lexicon: Lexicon,
    labels: dict[str, str] | None = None,
    knowledge_base: KnowledgeBase | None = None,
) -> QuadWriter:
    """A writer holding one document's node, run and claims (corroboration may add to it)."""
    writer = QuadWriter(document, run, lexicon, labels, knowledge_base)
    write_document(writer)
    write_claims(writer, claims)
    return writer


_XSD_STRING = str(XSD.string)


def to_rdflib(graph: NamedGraph) -> Graph:
    """``graph`` as an rdflib graph of the same name (a plain string literal without datatype, as rdflib makes it)."""
    out = Graph(identifier=URIRef(graph.name.value))
    from kg.rdf import bind_prefixes

    bind_prefixes(out)
    for quad in graph.quads:
        out.add((_rdflib_term(quad.subject), URIRef(quad.predicate.value), _rdflib_term(quad.object)))
    return out


def _rdflib_term(term: ox.NamedNode | ox.Literal) -> URIRef | Literal:
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.Literal):
        if term.language:
            return Literal(term.value, lang=term.language)
        datatype = term.datatype.value
        return Literal(term.value) if datatype == _XSD_STRING else Literal(term.value, datatype=URIRef(datatype))
    raise TypeError(f"kg writes no {type(term).__name__} in a document graph")  # pragma: no cover
