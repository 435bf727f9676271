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
import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timezone
from urllib.parse import quote, unquote

from rdflib import Dataset, Graph, URIRef

from kg import __version__
from kg.entities import slug
from kg.model import Claim, Document, Mention
from kg.lexicon import Lexicon, load_lexicon
from kg.ontology import KGO, KGR, ONTOLOGY_PATH, PREFIXES

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


def new_run(version: str | None = None) -> Run:
    """A fresh run record stamped with the current UTC time (and ``version``, kg's by default)."""
    started = datetime.now(timezone.utc).replace(microsecond=0)
    return Run(KGR[f"run/{uuid.uuid4()}"], started, version or __version__)


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
    document: Document,
    claims: Iterable[Claim],
    run: Run,
    labels: dict[str, str] | None = None,
    lexicon: Lexicon | None = None,
) -> Graph:
    """All triples for one document, in an rdflib graph named by :func:`document_graph_iri`.

    The graph holds the document node, the run, the entities mentioned (with their
    labels and surface forms) and every claim. The triples are those of
    :func:`kg.quads.document_quads` (what a build stores), as rdflib objects.

    Parameters
    ----------
    labels
        Entity or source IRI → preferred label, shared by every document of a build (and seeded
        from the store): "Democratic party" and "Democratic Party" mint the same key, and
        the union of the document graphs must still give that entity one skos:prefLabel.
        The first label seen for a key is kept; the mapping is updated in place.
    lexicon
        The words DISARM tagging reads (default: the package's lexicon, read for this call;
        a build passes the one it holds).
    """
    from kg.quads import document_quads, to_rdflib  # kg.quads builds on this module's IRIs

    lex = lexicon if lexicon is not None else load_lexicon()
    return to_rdflib(document_quads(document, claims, run, lex, labels).graph())


def load_ontology() -> Graph:
    """The ontology as a graph named :data:`ONTOLOGY_GRAPH`."""
    g = Graph(identifier=ONTOLOGY_GRAPH)
    g.parse(ONTOLOGY_PATH, format="turtle")
    return g


def bind_prefixes(g: Graph | Dataset) -> None:
    """Bind the prefixes kg's files use, so serialisations read well."""
    for name, namespace in PREFIXES.items():
        g.bind(name, namespace)
