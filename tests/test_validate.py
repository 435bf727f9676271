"""kg.validate against hand-built claim datasets: a valid one, and ways of breaking it."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from decimal import Decimal

import pytest
from rdflib import RDF, RDFS, Dataset, Graph, Literal, Namespace, URIRef
from rdflib.namespace import PROV, SH, SKOS

from kg.errors import KGError, ValidationError
from kg.ontology import CONFIDENCE_LEVELS, KGO, KGR, LIKELIHOOD_BANDS, RELATIONS, SHAPES_PATH
from kg.validate import ValidationReport, validate

# A plain Namespace: pytest probes module attributes, and rdflib's XSD warns on unknown names.
XSD = Namespace("http://www.w3.org/2001/XMLSchema#")

DOC = KGR["doc/report.txt"]
GRAPH = KGR["graph/report.txt"]
CLAIM = KGR["claim/0123456789abcdef0123"]
RUSSIA = KGR["entity/russia"]
CANDIDATE = KGR["entity/jane-doe"]
RUN = KGR["run/1"]
ODNI = KGR["source/odni"]
SENTENCE = "Russia probably sought to denigrate Jane Doe, according to ODNI."


def valid_dataset() -> Dataset:
    """One document graph holding one hedged, attributed claim, as the build writes it."""
    ds = Dataset()
    g = ds.graph(GRAPH)
    triples = [
        (DOC, RDF.type, KGO.Document),
        (DOC, KGO.fileName, Literal("report.txt")),
        (DOC, KGO.contentHash, Literal("0" * 64)),
        (DOC, KGO.documentDate, Literal("2024-03-01", datatype=XSD.date)),
        (RUN, RDF.type, KGO.ExtractionRun),
        (RUSSIA, RDF.type, KGO.State),
        (RUSSIA, SKOS.prefLabel, Literal("Russia", lang="en")),
        (RUSSIA, SKOS.altLabel, Literal("Moscow", lang="en")),
        (RUSSIA, KGO.isoCode, Literal("RU")),
        (RUSSIA, KGO.mentionedIn, DOC),
        (CANDIDATE, RDF.type, KGO.Candidate),
        (CANDIDATE, SKOS.prefLabel, Literal("Jane Doe", lang="en")),
        (CANDIDATE, KGO.mentionedIn, DOC),
        (ODNI, RDF.type, KGO.Source),
        (ODNI, SKOS.prefLabel, Literal("ODNI", lang="en")),
        (CLAIM, RDF.type, KGO.Claim),
        (CLAIM, RDF.subject, RUSSIA),
        (CLAIM, RDF.predicate, KGO.denigrates),
        (CLAIM, RDF.object, CANDIDATE),
        (CLAIM, KGO.subjectText, Literal("Russia")),
        (CLAIM, KGO.predicateText, Literal("sought to denigrate")),
        (CLAIM, KGO.predicateLemma, Literal("denigrate")),
        (CLAIM, KGO.objectText, Literal("Jane Doe")),
        (CLAIM, KGO.sentence, Literal(SENTENCE)),
        (CLAIM, KGO.startOffset, Literal(0, datatype=XSD.integer)),
        (CLAIM, KGO.endOffset, Literal(len(SENTENCE), datatype=XSD.integer)),
        (CLAIM, KGO.negated, Literal(False)),
        (CLAIM, KGO.hedgeCue, Literal("probably")),
        (CLAIM, KGO.hedgeKind, Literal("likelihood")),
        (CLAIM, KGO.likelihood, KGO.Likely),
        (CLAIM, KGO.confidenceLevel, KGO.ModerateConfidence),
        (CLAIM, KGO.attributionText, Literal("according to ODNI")),
        (CLAIM, KGO.attributedTo, ODNI),
        (CLAIM, KGO.extractionScore, Literal(Decimal("0.850"))),
        (CLAIM, KGO.extractorVersion, Literal("0.1.0")),
        (CLAIM, PROV.wasDerivedFrom, DOC),
        (CLAIM, PROV.wasGeneratedBy, RUN),
        (CLAIM, PROV.generatedAtTime, Literal("2024-03-02T10:00:00+00:00", datatype=XSD.dateTime)),
        # The direct edge beside the (non-negated) claim.
        (RUSSIA, KGO.denigrates, CANDIDATE),
    ]
    for triple in triples:
        g.add(triple)
    return ds


def doc_graph(ds: Dataset) -> Graph:
    return ds.graph(GRAPH)


def set_value(node: URIRef, prop: URIRef, value) -> Callable[[Graph], None]:
    return lambda g: g.set((node, prop, value))


def drop(node: URIRef, prop: URIRef) -> Callable[[Graph], None]:
    return lambda g: g.remove((node, prop, None))


def add(node: URIRef, prop: URIRef, value) -> Callable[[Graph], None]:
    return lambda g: g.add((node, prop, value))


# ---- Valid graphs ----------------------------------------------------------------------


def test_valid_dataset_conforms():
    report = validate(valid_dataset())
    assert isinstance(report, ValidationReport)
    assert report.conforms, report.text
    assert report.violations == []


def test_valid_plain_graph_conforms():
    graph = Graph()
    for s, p, o, _ in valid_dataset().quads():
        graph.add((s, p, o))
    assert validate(graph).conforms


def test_claim_may_span_graphs():
    # The document and run may be described in another named graph of the dataset.
    ds = valid_dataset()
    other = ds.graph(KGR["graph/shared"])
    for prop in (RDF.type, KGO.fileName, KGO.contentHash, KGO.documentDate):
        for o in list(doc_graph(ds).objects(DOC, prop)):
            doc_graph(ds).remove((DOC, prop, o))
            other.add((DOC, prop, o))
    assert validate(ds).conforms


def test_open_relation_conforms():
    ds = valid_dataset()
    g = doc_graph(ds)
    relation = KGR["relation/praise"]
    g.set((CLAIM, RDF.predicate, relation))
    g.add((relation, RDF.type, RDF.Property))
    g.add((relation, RDFS.label, Literal("praise", lang="en")))
    g.add((relation, KGO.isOpenRelation, Literal(True)))
    assert validate(ds).conforms


@pytest.mark.parametrize("relation", sorted(RELATIONS))
def test_every_ontology_relation_is_accepted(relation):
    ds = valid_dataset()
    doc_graph(ds).set((CLAIM, RDF.predicate, KGO[relation]))
    assert validate(ds).conforms


def test_claim_without_optional_parts_conforms():
    ds = valid_dataset()
    g = doc_graph(ds)
    for prop in (
        KGO.hedgeCue,
        KGO.hedgeKind,
        KGO.likelihood,
        KGO.confidenceLevel,
        KGO.attributionText,
        KGO.attributedTo,
        KGO.extractionScore,
        KGO.extractorVersion,
    ):
        g.remove((CLAIM, prop, None))
    g.remove((DOC, KGO.documentDate, None))
    assert validate(ds).conforms


def test_validate_leaves_the_input_alone():
    ds = valid_dataset()
    before = set(ds.quads())
    validate(ds)
    assert set(ds.quads()) == before


# ---- Broken graphs ---------------------------------------------------------------------

BREAKAGES = {
    "negated dropped": (drop(CLAIM, KGO.negated), CLAIM, KGO.negated, "negated"),
    "negated twice": (add(CLAIM, KGO.negated, Literal(True)), CLAIM, KGO.negated, "negated"),
    "negated not boolean": (set_value(CLAIM, KGO.negated, Literal("no")), CLAIM, KGO.negated, "boolean"),
    "likelihood is a confidence level": (
        set_value(CLAIM, KGO.likelihood, KGO.HighConfidence),
        CLAIM,
        KGO.likelihood,
        "LikelihoodBand",
    ),
    "likelihood is a string": (
        set_value(CLAIM, KGO.likelihood, Literal("likely")),
        CLAIM,
        KGO.likelihood,
        "LikelihoodBand",
    ),
    "two likelihoods": (add(CLAIM, KGO.likelihood, KGO.VeryLikely), CLAIM, KGO.likelihood, "at most one"),
    "confidence level is a band": (
        set_value(CLAIM, KGO.confidenceLevel, KGO.Likely),
        CLAIM,
        KGO.confidenceLevel,
        "ConfidenceLevel",
    ),
    "startOffset is a string": (
        set_value(CLAIM, KGO.startOffset, Literal("0")),
        CLAIM,
        KGO.startOffset,
        "xsd:integer",
    ),
    "startOffset negative": (
        set_value(CLAIM, KGO.startOffset, Literal(-1, datatype=XSD.integer)),
        CLAIM,
        KGO.startOffset,
        ">= 0",
    ),
    "start not before end": (
        set_value(CLAIM, KGO.startOffset, Literal(len(SENTENCE), datatype=XSD.integer)),
        CLAIM,
        KGO.startOffset,
        "less than",
    ),
    "endOffset missing": (drop(CLAIM, KGO.endOffset), CLAIM, KGO.endOffset, "endOffset"),
    "sentence missing": (drop(CLAIM, KGO.sentence), CLAIM, KGO.sentence, "sentence"),
    "two subjects": (add(CLAIM, RDF.subject, CANDIDATE), CLAIM, RDF.subject, "rdf:subject"),
    "object is a literal": (
        set_value(CLAIM, RDF.object, Literal("Jane Doe")),
        CLAIM,
        RDF.object,
        "rdf:object",
    ),
    "predicate missing": (drop(CLAIM, RDF.predicate), CLAIM, RDF.predicate, "rdf:predicate"),
    "unflagged open relation": (
        set_value(CLAIM, RDF.predicate, KGR["relation/praise"]),
        CLAIM,
        RDF.predicate,
        "isOpenRelation",
    ),
    "not derived from a document": (drop(CLAIM, PROV.wasDerivedFrom), CLAIM, PROV.wasDerivedFrom, "Document"),
    "derived from a non-document": (
        set_value(CLAIM, PROV.wasDerivedFrom, RUN),
        CLAIM,
        PROV.wasDerivedFrom,
        "Document",
    ),
    "generated by no run": (drop(CLAIM, PROV.wasGeneratedBy), CLAIM, PROV.wasGeneratedBy, "ExtractionRun"),
    "generatedAtTime is a date": (
        set_value(CLAIM, PROV.generatedAtTime, Literal("2024-03-02", datatype=XSD.date)),
        CLAIM,
        PROV.generatedAtTime,
        "dateTime",
    ),
    "score above 1": (
        set_value(CLAIM, KGO.extractionScore, Literal(Decimal("1.5"))),
        CLAIM,
        KGO.extractionScore,
        "between 0 and 1",
    ),
    "score as a double": (
        set_value(CLAIM, KGO.extractionScore, Literal(0.5)),
        CLAIM,
        KGO.extractionScore,
        "xsd:decimal",
    ),
    "unknown hedge kind": (
        set_value(CLAIM, KGO.hedgeKind, Literal("vibes")),
        CLAIM,
        KGO.hedgeKind,
        "hedgeKind",
    ),
    "entity without prefLabel": (drop(RUSSIA, SKOS.prefLabel), RUSSIA, SKOS.prefLabel, "prefLabel"),
    "entity with two prefLabels": (
        add(CANDIDATE, SKOS.prefLabel, Literal("J. Doe", lang="en")),
        CANDIDATE,
        SKOS.prefLabel,
        "prefLabel",
    ),
    "bad iso code": (set_value(RUSSIA, KGO.isoCode, Literal("Russia")), RUSSIA, KGO.isoCode, "ISO"),
    "document without file name": (drop(DOC, KGO.fileName), DOC, KGO.fileName, "fileName"),
    "document date as string": (
        set_value(DOC, KGO.documentDate, Literal("1 March 2024")),
        DOC,
        KGO.documentDate,
        "xsd:date",
    ),
}


@pytest.mark.parametrize("name", list(BREAKAGES))
def test_broken_dataset_does_not_conform(name):
    breakage, focus, path, words = BREAKAGES[name]
    ds = valid_dataset()
    breakage(doc_graph(ds))
    report = validate(ds)
    assert not report.conforms
    matching = [v for v in report.violations if v.focus == focus and v.path == path]
    assert matching, f"no violation on {focus} {path}: {report.violations}"
    assert any(words in v.message for v in matching), [v.message for v in matching]
    assert all(v.severity == "Violation" for v in matching)
    assert "Conforms: False" in report.text


def test_untyped_mention_target_is_checked_as_a_document():
    # kgo:mentionedIn has range kgo:Document, so its value must look like a document.
    ds = valid_dataset()
    doc_graph(ds).add((RUSSIA, KGO.mentionedIn, KGR["doc/missing.txt"]))
    report = validate(ds)
    assert not report.conforms
    assert {v.focus for v in report.violations} == {KGR["doc/missing.txt"]}


def test_report_is_frozen():
    report = validate(valid_dataset())
    with pytest.raises(dataclasses.FrozenInstanceError):
        report.conforms = False  # type: ignore[misc]


# ---- Shapes file -----------------------------------------------------------------------


def shapes_graph() -> Graph:
    return Graph().parse(SHAPES_PATH, format="turtle")


def sh_in_values(shapes: Graph, path: URIRef) -> set:
    """The union of the sh:in lists of the property shapes on ``path``."""
    values: set = set()
    for shape in shapes.subjects(SH.path, path):
        for lst in shapes.objects(shape, SH["in"]):
            values |= set(shapes.items(lst))
    return values


def test_shapes_enumerate_the_ontology_individuals():
    # sh:in lists must follow the ontology, or a new band would be rejected.
    shapes = shapes_graph()
    assert sh_in_values(shapes, KGO.likelihood) == set(LIKELIHOOD_BANDS.values())
    assert sh_in_values(shapes, KGO.confidenceLevel) == set(CONFIDENCE_LEVELS.values())


def test_every_property_shape_has_a_message():
    shapes = shapes_graph()
    top_level = {s for s in shapes.subjects(SH.path, None) if (None, SH.property, s) in shapes}
    assert top_level
    assert all(shapes.value(s, SH.message) is not None for s in top_level)


# ---- Errors ----------------------------------------------------------------------------


def test_missing_shapes_file_raises(tmp_path):
    with pytest.raises(ValidationError) as info:
        validate(valid_dataset(), shapes_path=tmp_path / "nope.ttl")
    assert isinstance(info.value.__cause__, OSError)
    assert "nope.ttl" in str(info.value)


def test_malformed_shapes_file_raises(tmp_path):
    bad = tmp_path / "bad.ttl"
    bad.write_text("@prefix sh: <http://www.w3.org/ns/shacl#> .\n<a> sh:path ", encoding="utf-8")
    with pytest.raises(ValidationError) as info:
        validate(valid_dataset(), shapes_path=bad)
    assert info.value.__cause__ is not None
    assert isinstance(info.value, KGError)


def test_unusable_shape_raises(tmp_path):
    # Well-formed Turtle but not valid SHACL: sh:minCount must be an integer.
    bad = tmp_path / "broken-shape.ttl"
    bad.write_text(
        "@prefix sh: <http://www.w3.org/ns/shacl#> .\n"
        "@prefix kgo: <https://w3id.org/kg/influence#> .\n"
        "<urn:s> a sh:NodeShape ; sh:targetClass kgo:Claim ;\n"
        '  sh:property [ sh:path kgo:negated ; sh:minCount "one" ] .\n',
        encoding="utf-8",
    )
    with pytest.raises(ValidationError):
        validate(valid_dataset(), shapes_path=bad)
