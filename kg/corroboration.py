"""Corroboration in the graph: claims linked to assertions at build time, summaries kept in the store.

Two halves, so that grouping is incremental:

- while a document is built (:func:`write_corroboration`, called by :mod:`kg.build` with the
  parse at hand), each claim with an ontology relation gets its canonical object
  (``kgo:canonicalObject``), the assertion it is evidence for (``kgo:evidenceFor``, an
  IRI derived from subject key, relation family and canonical object, so the claims of a
  new document join stored assertions) and its original source (``kgo:originalSource``);
  the document gets its publisher and text fingerprint. All of it goes into the
  document's own named graph, and is replaced with it.
- after the documents are stored (:func:`refresh_assertions`), the claims are read back
  and each assertion's summary -- documents, independent sources, agreement -- is written
  to the named graph :data:`ASSERTIONS_GRAPH`, which the named query ``assertions`` reads.
  Only the assertions the new, replaced or removed documents were or are evidence for are
  recomputed (each summary records its documents), from every document that carries
  them; only the quads that changed are written.

After a merge or split of entities, :func:`relink` moves the claims whose assertion
changed, in the documents concerned, and recomputes what they touch.

Examples
--------
>>> from kg.store import open_store
>>> with open_store(None) as store:
...     store.ensure_ontology()
...     refresh_assertions(store)
True
0
"""

from __future__ import annotations

from dataclasses import dataclass

from collections.abc import Iterable, Iterator, Mapping
from typing import TYPE_CHECKING
from urllib.parse import unquote

import pyoxigraph as ox
from rdflib import RDF, XSD, Graph, Literal, URIRef
from rdflib.namespace import PROV, SKOS
from spacy.tokens import Doc

from kg.assertions import (
    Assertion,
    DocumentFacts,
    Evidence,
    ObjectForm,
    assertion_iri,
    object_form,
    rekey,
    same_articles,
    summarise,
)
from kg.model import Claim, Document
from kg.lexicon import Lexicon
from kg.ontology import CONFIDENCE_LEVELS, KGO, KGR, LIKELIHOOD_BANDS, relation_family
from kg.quads import QuadWriter, iri
from kg.rdf import bind_prefixes, claim_iri, document_graph_iri, document_iri, entity_iri, mention_key
from kg.sources import (
    fingerprint,
    fingerprint_hex,
    parse_fingerprint,
    principal_source,
    read_publisher,
    report_authors,
    resolve_source,
)

if TYPE_CHECKING:
    from kg.store import KGStore

__all__ = [
    "ASSERTIONS_GRAPH",
    "publisher_iri",
    "origin_iri",
    "write_corroboration",
    "parse_facts",
    "ParseFacts",
    "read_evidence",
    "summary_triples",
    "assertions_graph",
    "claim_corroboration",
    "relink",
    "refresh_assertions",
]

#: The named graph that holds the assertion summaries.
ASSERTIONS_GRAPH = KGR["graph/assertions"]


def publisher_iri(key: str) -> URIRef:
    """IRI of a publisher from its key."""
    return KGR[f"publisher/{key}"]


def origin_iri(key: str) -> URIRef:
    """IRI of an original source from its key (the IRI :func:`kg.rdf.source_iri` gives its label's slug)."""
    return KGR[f"source/{key}"]


@dataclass(frozen=True)
class ParseFacts:
    """What corroboration reads on a document's parse, kept so that the parse itself (in a
    worker process) need not travel: the authors named beside report nouns, and each
    claim object's canonical form by its character span."""

    authors: tuple[str, ...] = ()
    forms: tuple[tuple[int, int, str], ...] = ()

    def forms_by_span(self) -> dict[tuple[int, int], str]:
        """Canonical object form by character span; the first form given for a span wins.

        >>> ParseFacts(forms=((0, 6, "entity:russia"), (0, 6, "other"))).forms_by_span()
        {(0, 6): 'entity:russia'}
        """
        return {(s, e): f for s, e, f in reversed(self.forms)}


def parse_facts(doc: Doc, claims: Iterable[Claim], lex: Lexicon, offset: int = 0) -> ParseFacts:
    """Read on ``doc`` what :func:`write_corroboration` needs, with the extractor's lexicon;
    spans are moved ``offset`` on (a long document is parsed in pieces)."""
    forms = []
    for claim in claims:
        span = doc.char_span(claim.object.start, claim.object.end, alignment_mode="expand")
        key = mention_key(claim.object)
        form = object_form(span, lex, key) if span is not None and len(span) else ObjectForm(entity=key)
        forms.append((claim.object.start + offset, claim.object.end + offset, str(form)))
    return ParseFacts(tuple(report_authors(doc, lex)), tuple(forms))


def write_corroboration(writer: QuadWriter, facts: ParseFacts, claims: Iterable[Claim]) -> None:
    """Add the corroboration triples of one document to its graph (``writer``).

    Parameters
    ----------
    writer
        The document's quads (:func:`kg.quads.document_quads`); its ``labels`` (IRI →
        preferred label shared by the build) keep a source's label the same across documents.
    facts
        What was read on the parse (canonical objects, report authors).
    claims
        The document's claims; those without an ontology relation get no assertion.
    """
    claims = list(claims)
    document, add = writer.document, writer.add
    node = writer.doc
    signature = fingerprint(document.text)
    if signature:
        add(node, iri(KGO.textFingerprint), ox.Literal(fingerprint_hex(signature)))
    publisher = read_publisher(document)
    if publisher is not None:
        uri = str(publisher_iri(publisher.key))
        outlet = iri(uri)
        add(node, iri(KGO.publisher), outlet)
        add(outlet, iri(RDF.type), iri(KGO.Publisher))
        add(outlet, iri(SKOS.prefLabel), ox.Literal(writer.label(uri, publisher.label), language="en"))
    cited = [(c.attribution, c.attribution_label) for c in claims if c.attribution]
    # "The report, released by the ODNI, said ...": the author named beside a report noun
    # tells whose report the bare "the report" attributions are.
    cited += [(f"a report by {author}", None) for author in facts.authors]
    principal = principal_source(cited, writer.lexicon)
    forms = facts.forms_by_span()  # one dict for the document, not a scan of every form per claim
    for claim in claims:
        family = relation_family(claim.predicate.relation or "")
        if family is None:
            continue
        form = forms.get((claim.object.start, claim.object.end)) or str(ObjectForm(entity=mention_key(claim.object)))
        this = iri(claim_iri(claim))
        add(this, iri(KGO.canonicalObject), ox.Literal(str(form)))
        add(this, iri(KGO.evidenceFor), iri(assertion_iri(mention_key(claim.subject), family, str(form))))
        origin = resolve_source(claim.attribution, claim.attribution_label, principal, writer.lexicon)
        if origin is not None:
            uri = str(origin_iri(origin.key))
            source = iri(uri)
            add(this, iri(KGO.originalSource), source)
            add(source, iri(RDF.type), iri(KGO.Source))
            add(source, iri(SKOS.prefLabel), ox.Literal(writer.label(uri, origin.label), language="en"))


_EVIDENCE_QUERY = """
PREFIX kgo:  <https://w3id.org/kg/influence#>
PREFIX rdf:  <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX prov: <http://www.w3.org/ns/prov#>
SELECT ?claim ?name ?s ?subjectLabel ?p ?form ?o ?objectLabel ?negated ?band ?level ?attribution
       ?origin ?originLabel (GROUP_CONCAT(DISTINCT ?cue; separator="\\u001f") AS ?cues)
WHERE {
  #VALUES# (read_evidence puts a VALUES block of document graphs here, or leaves this comment)
  GRAPH ?g {
    ?claim kgo:evidenceFor ?assertion ;
           kgo:canonicalObject ?form ;
           rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o ;
           kgo:negated ?negated ;
           prov:wasDerivedFrom ?doc .
    ?doc kgo:fileName ?name .
    ?s skos:prefLabel ?subjectLabel .
    ?o skos:prefLabel ?objectLabel .
    OPTIONAL { ?claim kgo:likelihood ?band }
    OPTIONAL { ?claim kgo:confidenceLevel ?level }
    OPTIONAL { ?claim kgo:attributionText ?attribution }
    OPTIONAL { ?claim kgo:originalSource ?origin . ?origin skos:prefLabel ?originLabel }
    # COALESCE: rdflib's GROUP_CONCAT(DISTINCT) fails on an unbound value.
    OPTIONAL { ?claim kgo:hedgeCue ?hedgeCue }
    BIND(COALESCE(?hedgeCue, "") AS ?cue)
  }
}
GROUP BY ?claim ?name ?s ?subjectLabel ?p ?form ?o ?objectLabel ?negated ?band ?level ?attribution ?origin ?originLabel
"""

_DOCUMENTS_QUERY = """
PREFIX kgo:  <https://w3id.org/kg/influence#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
SELECT ?name ?date ?publisher ?publisherLabel ?fingerprint
WHERE {
  GRAPH ?g {
    ?doc a kgo:Document ; kgo:fileName ?name .
    OPTIONAL { ?doc kgo:documentDate ?date }
    OPTIONAL { ?doc kgo:publisher ?publisher . ?publisher skos:prefLabel ?publisherLabel }
    OPTIONAL { ?doc kgo:textFingerprint ?fingerprint }
  }
}
"""

_BANDS = {str(iri): key for key, iri in LIKELIHOOD_BANDS.items()}
_LEVELS = {str(iri): key for key, iri in CONFIDENCE_LEVELS.items()}
_ENTITY = str(KGR["entity/"])
_SOURCE = str(KGR["source/"])
_PUBLISHER = str(KGR["publisher/"])


Triple = tuple[URIRef, URIRef, URIRef | Literal]


def _local(iri: str | None, prefix: str) -> str:
    text = iri or ""
    return unquote(text[len(prefix) :]) if text.startswith(prefix) else text


def _rows(store: KGStore, query: str) -> list[dict[str, str | None]]:
    """A SELECT's rows as variable → lexical value (None when unbound)."""
    return store.lexical_rows(query)


def _values(var: str, iris: Iterable[URIRef]) -> str:
    # Several rows of kg's own IRIs (hashes and quoted file names), each written with n3(),
    # which escapes it: a VALUES block of many rows is what initBindings cannot express.
    return f"VALUES ?{var} {{ {' '.join(sorted(iri.n3() for iri in iris))} }}"


def read_evidence(
    store: KGStore, documents: Iterable[str] | None = None
) -> tuple[list[Evidence], dict[str, DocumentFacts]]:
    """Claims linked to an assertion, as :class:`~kg.assertions.Evidence`, and every document's facts.

    Parameters
    ----------
    documents
        Read only the claims of these documents (ids); every claim when None.
    """
    query = _EVIDENCE_QUERY
    if documents is not None:
        query = query.replace("#VALUES#", _values("g", (document_graph_iri(d) for d in documents)) + " #")
    evidence = []
    for row in _rows(store, query):
        family = relation_family((row["p"] or "").rsplit("#", 1)[-1])
        if family is None:
            continue
        band, level, origin = row.get("band"), row.get("level"), row.get("origin")
        evidence.append(
            Evidence(
                claim=row["claim"] or "",
                doc=row["name"] or "",
                subject=_local(row["s"], _ENTITY),
                subject_label=row["subjectLabel"] or "",
                family=family,
                object=row["form"] or "",
                object_label=row["objectLabel"] or "",
                negated=row.get("negated") == "true",
                likelihood=_BANDS.get(band) if band else None,
                confidence=_LEVELS.get(level) if level else None,
                hedges=tuple(c for c in (row.get("cues") or "").split("\x1f") if c),
                attribution=row.get("attribution"),
                origin=_local(origin, _SOURCE) if origin else None,
                origin_label=row.get("originLabel"),
                object_entity=_local(row["o"], _ENTITY),
            )
        )
    evidence.sort(key=lambda e: (e.doc, e.claim))
    documents = {}
    for row in _rows(store, _DOCUMENTS_QUERY):
        name = row["name"] or ""
        publisher, fingerprint_text = row.get("publisher"), row.get("fingerprint")
        documents[name] = DocumentFacts(
            id=name,
            date=row.get("date"),
            publisher=_local(publisher, _PUBLISHER) if publisher else None,
            publisher_label=row.get("publisherLabel"),
            fingerprint=parse_fingerprint(fingerprint_text) if fingerprint_text else (),
        )
    return evidence, documents


def summary_triples(assertions: Iterable[Assertion], editions: Mapping[str, str] | None = None) -> Iterator[Triple]:
    """The triples of the assertion summaries (see :func:`assertions_graph`)."""
    for a in assertions:
        node = assertion_iri(a.subject, a.family, a.object)
        subject = entity_iri(a.subject)
        yield node, RDF.type, KGO.Assertion
        yield node, SKOS.prefLabel, Literal(a.label, lang="en")
        yield node, RDF.subject, subject
        yield subject, SKOS.prefLabel, Literal(a.subject_label, lang="en")
        yield node, KGO.relationFamily, KGO[a.family]
        yield node, KGO.canonicalObject, Literal(a.object)
        if a.object_entity:
            obj = entity_iri(a.object_entity)
            yield node, RDF.object, obj
            yield obj, SKOS.prefLabel, Literal(a.object_label, lang="en")
        yield node, KGO.claimCount, Literal(len(a.claims), datatype=XSD.integer)
        yield node, KGO.documentCount, Literal(len(a.documents), datatype=XSD.integer)
        yield node, KGO.independentSourceCount, Literal(len(a.sources), datatype=XSD.integer)
        yield node, KGO.dissentingClaimCount, Literal(a.dissenting, datatype=XSD.integer)
        yield node, KGO.disputed, Literal(a.disputed)
        for doc in a.documents:
            # Which summaries a changed or removed document touches (refresh_assertions).
            yield node, PROV.wasDerivedFrom, document_iri(doc)
        for key, label in a.sources:
            source = KGR[f"independent/{key.replace(':', '/')}"]
            yield node, KGO.independentSource, source
            yield source, RDF.type, KGO.Source
            yield source, SKOS.prefLabel, Literal(label, lang="en")
        if a.strongest_likelihood and a.weakest_likelihood:
            yield node, KGO.strongestLikelihood, LIKELIHOOD_BANDS[a.strongest_likelihood]
            yield node, KGO.weakestLikelihood, LIKELIHOOD_BANDS[a.weakest_likelihood]
        if a.strongest_confidence and a.weakest_confidence:
            yield node, KGO.strongestConfidence, CONFIDENCE_LEVELS[a.strongest_confidence]
            yield node, KGO.weakestConfidence, CONFIDENCE_LEVELS[a.weakest_confidence]
    for doc, edition in sorted((editions or {}).items()):
        if doc != edition:
            yield document_iri(doc), KGO.sameArticleAs, document_iri(edition)


def assertions_graph(assertions: Iterable[Assertion], editions: Mapping[str, str] | None = None) -> Graph:
    """The summaries of ``assertions`` as the graph :data:`ASSERTIONS_GRAPH`.

    Each assertion states its subject (with the subject's label, so a query can match the
    actor inside this graph), relation family, canonical object, a representative object
    entity, its counts, its independent sources, its likelihood and confidence extremes
    and whether it is disputed; ``editions`` (document → first edition) adds
    ``kgo:sameArticleAs`` between reprints and translations.
    """
    g = Graph(identifier=ASSERTIONS_GRAPH)
    bind_prefixes(g)
    for triple in summary_triples(assertions, editions):
        g.add(triple)
    return g


_CLAIM_ASSERTIONS = """
PREFIX kgo:  <https://w3id.org/kg/influence#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
SELECT ?claim ?label ?documents ?sources ?disputed (GROUP_CONCAT(DISTINCT ?sourceLabel; separator=" | ") AS ?independent)
WHERE {
  GRAPH <https://w3id.org/kg/id/graph/assertions> {
    ?assertion skos:prefLabel ?label ; kgo:documentCount ?documents ; kgo:independentSourceCount ?sources ;
               kgo:disputed ?disputed ; kgo:independentSource ?source .
    ?source skos:prefLabel ?sourceLabel .
  }
  GRAPH ?g { ?claim kgo:evidenceFor ?assertion }
}
GROUP BY ?claim ?label ?documents ?sources ?disputed
"""


def claim_corroboration(graph: Graph) -> dict[str, dict[str, object]]:
    """Claim IRI → the corroboration of its assertion, for views that show claims.

    Each value has ``assertion`` (its label), ``documents`` and ``sources`` (counts),
    ``independent`` (the independent sources' labels) and ``disputed``. Claims without an
    assertion (open relations, graphs built before assertions existed) are absent.

    Parameters
    ----------
    graph
        A dataset with the document graphs and :data:`ASSERTIONS_GRAPH` (``default_union``).
    """
    found: dict[str, dict[str, object]] = {}
    for row in graph.query(_CLAIM_ASSERTIONS):
        found[str(row.claim)] = {
            "assertion": str(row.label),
            "documents": int(row.documents),
            "sources": int(row.sources),
            "independent": str(row.independent).split(" | "),
            "disputed": row.disputed.toPython() is True,
        }
    return found


_LINKS_QUERY = """
PREFIX kgo:  <https://w3id.org/kg/influence#>
SELECT ?g ?claim ?assertion ?form WHERE {
  GRAPH ?g { ?claim kgo:evidenceFor ?assertion ; kgo:canonicalObject ?form }
}
"""


def relink(store: KGStore, renamed: Mapping[str, str] | None = None) -> set[str]:
    """Bring claims' assertion links up to date after entities were merged, split or renamed.

    The curation that merges entities rewrites the claims' ``rdf:subject`` and
    ``rdf:object``; this function then gives every claim whose assertion changed its new
    ``kgo:evidenceFor`` (and, for a renamed named object, its new ``kgo:canonicalObject``)
    in its own document graph, and recomputes the summaries. Only the documents whose
    claims moved are written.

    Parameters
    ----------
    renamed
        Old entity key → new key, for named objects (``entity:KEY``); subjects are read
        from the claims as they now are.

    Returns
    -------
    set of str
        The documents whose claims moved to another assertion.
    """
    evidence, _ = read_evidence(store)
    evidence, _ = rekey(evidence, renamed or {})
    stored = {str(row.claim): (row.g, row.assertion, row.form) for row in store.query(_LINKS_QUERY)}
    by_graph: dict[URIRef, list[str]] = {}
    touched: set[str] = set()
    for item in evidence:
        graph, old_link, old_form = stored[item.claim]
        new_link = assertion_iri(item.subject, item.family, item.object)
        if new_link == old_link and item.object == str(old_form):
            continue
        touched.add(item.doc)
        claim = URIRef(item.claim).n3()
        by_graph.setdefault(graph, []).append(
            f"DELETE WHERE {{ GRAPH {graph.n3()} {{ {claim} kgo:evidenceFor ?a ; kgo:canonicalObject ?f }} }} ;\n"
            f"INSERT DATA {{ GRAPH {graph.n3()} {{ {claim} kgo:evidenceFor {new_link.n3()} ; "
            f"kgo:canonicalObject {Literal(item.object).n3()} }} }}"
        )
    for updates in by_graph.values():
        # One request per document graph: its links change together or not at all.
        store.update("PREFIX kgo: <https://w3id.org/kg/influence#>\n" + " ;\n".join(updates))
    refresh_assertions(store, touched)
    return touched


_TOUCHED = """
PREFIX kgo:  <https://w3id.org/kg/influence#>
PREFIX prov: <http://www.w3.org/ns/prov#>
SELECT DISTINCT ?assertion WHERE {
  { #VALUES#
    GRAPH <https://w3id.org/kg/id/graph/assertions> { ?assertion prov:wasDerivedFrom ?doc } }
  UNION
  { #VALUES#
    GRAPH ?g { ?claim kgo:evidenceFor ?assertion ; prov:wasDerivedFrom ?doc } }
}
"""
# The documents' VALUES block stands in each branch of the UNION, where Oxigraph starts from
# it; joined to the UNION as a whole it was evaluated after both branches and compared row
# by row (10 s of CPU for 300 documents, 0.08 s this way; the answer is the same).
_CARRIERS = """
PREFIX kgo:  <https://w3id.org/kg/influence#>
PREFIX prov: <http://www.w3.org/ns/prov#>
SELECT DISTINCT ?name WHERE {
  #VALUES#
  GRAPH ?g { ?claim kgo:evidenceFor ?assertion ; prov:wasDerivedFrom ?doc . ?doc kgo:fileName ?name }
}
"""


def refresh_assertions(store: KGStore, documents: Iterable[str] | None = None) -> int:
    """Recompute assertion summaries from the store's claims; returns how many were written.

    Parameters
    ----------
    documents
        The documents added, replaced or removed since the last refresh: only the
        assertions they were or are evidence for are recomputed, from every document that
        carries them (whole documents, since translations are recognised by all that a
        document says). None recomputes every assertion, as does a remote store.
    """
    if documents is not None and not store.remote:
        return _refresh_some(store, set(documents))
    evidence, facts = read_evidence(store)
    assertions = summarise(evidence, facts)
    editions = same_articles(facts, evidence)
    if store.remote:
        store.replace_graph(assertions_graph(assertions, editions))
        return len(assertions)
    name = ox.NamedNode(str(ASSERTIONS_GRAPH))
    new = {ox.Quad(_ox(s), _ox(p), _ox(o), name) for s, p, o in summary_triples(assertions, editions)}
    old = store.matching(None, None, name)
    store.change_quads(old - new, new - old)
    return len(assertions)


def _refresh_some(store: KGStore, documents: set[str]) -> int:
    if not documents:
        return 0
    doc_values = _values("doc", (document_iri(d) for d in documents))
    touched = {URIRef(row["assertion"] or "") for row in _rows(store, _TOUCHED.replace("#VALUES#", doc_values))}
    carriers = set(documents)
    if touched:
        query = _CARRIERS.replace("#VALUES#", _values("assertion", touched))
        carriers |= {row["name"] or "" for row in _rows(store, query)}
    evidence, facts = read_evidence(store, carriers)
    editions = same_articles(facts, evidence)
    assertions = [
        a for a in summarise(evidence, facts, editions) if assertion_iri(a.subject, a.family, a.object) in touched
    ]
    name = ox.NamedNode(str(ASSERTIONS_GRAPH))
    new = {
        ox.Quad(_ox(s), _ox(p), _ox(o), name)
        for s, p, o in summary_triples(assertions, {d: editions.get(d, d) for d in carriers})
    }
    # The touched summaries and the carriers' same-article links are rewritten; labels of
    # entities and sources are shared between summaries and stay while one names them.
    nodes = {ox.NamedNode(str(iri)) for iri in touched}
    same = ox.NamedNode(str(KGO.sameArticleAs))
    old = {q for node in nodes for q in store.matching(node, None, name)}
    for doc in carriers:
        old |= store.matching(ox.NamedNode(str(document_iri(doc))), same, name)
    # Only the quads that changed go to Oxigraph, so a build that adds a few documents
    # rewrites the few summaries they touch (an rdflib Graph and a SPARQL DROP + INSERT of
    # tens of thousands of triples cost seconds).
    store.change_quads(old - new, new - old)
    _drop_unnamed(store, {q.object for q in old - new if q.predicate in _NAMING}, name)
    return len(assertions)


#: What ties a summary to an entity or source node whose label the graph keeps.
_NAMING = frozenset(ox.NamedNode(str(p)) for p in (RDF.subject, RDF.object, KGO.independentSource))


def _drop_unnamed(store: KGStore, nodes: set, graph: ox.NamedNode) -> None:
    """Remove the label (and type) of each of ``nodes`` no summary names any more: after a
    document is re-extracted or removed, its old entities must not linger in the graph."""
    gone: set[ox.Quad] = set()
    for node in nodes:
        if isinstance(node, ox.NamedNode) and not store.matching(None, None, graph, node):
            gone |= store.matching(node, None, graph)
    if gone:
        store.change_quads(gone, set())


def _ox(term: URIRef | Literal) -> ox.NamedNode | ox.Literal:
    if isinstance(term, Literal):
        if term.language:
            return ox.Literal(str(term), language=term.language)
        return ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype or XSD.string)))
    return ox.NamedNode(str(term))
