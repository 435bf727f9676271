"""The ontology Turtle files against kg.ontology.KGO and the DISARM tables.

Fails when a term is added to KGO but not defined in ``ontologies/influence.ttl`` (or the
other way round), when a definition or label is missing, and when a DISARM identifier or
name does not exist in the DISARM Foundation's tables.
"""

from __future__ import annotations

import csv
import os
from pathlib import Path

import pytest
from rdflib import RDF, RDFS, Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCTERMS, OWL, PROV, SKOS

from kg.ontology import (
    CONFIDENCE_LEVELS,
    KGO,
    LIKELIHOOD_BANDS,
    ONTOLOGIES_DIR,
    ONTOLOGY_PATH,
    RELATIONS,
    TARGET_RELATIONS,
)

KGO_NS = str(KGO._NS)
ALIGNMENT_PATH = ONTOLOGIES_DIR / "disarm-alignment.ttl"
# A plain Namespace: pytest probes module attributes, and rdflib's XSD warns on unknown names.
XSD = Namespace("http://www.w3.org/2001/XMLSchema#")
CC_BY_SA = URIRef("https://creativecommons.org/licenses/by-sa/4.0/")


def shared_path() -> Path:
    """The shared folder, as in conftest.py: $KG_SHARED, or ../shared beside the checkout."""
    return Path(os.environ.get("KG_SHARED", Path(__file__).resolve().parents[2] / "shared"))


@pytest.fixture(scope="module")
def onto() -> Graph:
    return Graph().parse(ONTOLOGY_PATH, format="turtle")


@pytest.fixture(scope="module")
def alignment() -> Graph:
    return Graph().parse(ALIGNMENT_PATH, format="turtle")


@pytest.fixture(scope="module")
def disarm_techniques() -> dict[str, dict[str, str]]:
    """Rows of the DISARM techniques table by identifier."""
    path = shared_path() / "disarm" / "disarm_techniques.csv"
    if not path.is_file():
        pytest.skip(f"DISARM tables not found at {path} (set KG_SHARED)")
    with path.open(encoding="utf-8", newline="") as f:
        return {row["disarm_id"]: row for row in csv.DictReader(f)}


@pytest.fixture(scope="module")
def disarm_tactics() -> dict[str, dict[str, str]]:
    path = shared_path() / "disarm" / "disarm_tactics.csv"
    if not path.is_file():
        pytest.skip(f"DISARM tables not found at {path} (set KG_SHARED)")
    with path.open(encoding="utf-8", newline="") as f:
        return {row["disarm_id"]: row for row in csv.DictReader(f)}


def kgo_terms() -> set[URIRef]:
    return set(dir(KGO))


def en_literals(g: Graph, s: URIRef, p: URIRef) -> list[str]:
    return [str(o) for o in g.objects(s, p) if isinstance(o, Literal) and o.language == "en"]


# ---- Drift between KGO and the Turtle file ---------------------------------------------


def test_kgo_lists_the_expected_number_of_terms():
    # Guards the enumeration below: dir(KGO) must yield the annotated terms, not nothing.
    assert len(kgo_terms()) >= 60
    assert KGO.denigrates in kgo_terms()


@pytest.mark.parametrize("term", sorted(kgo_terms()), ids=lambda t: t.split("#")[-1])
def test_every_kgo_term_is_defined_with_label_and_definition(onto, term):
    assert (term, RDF.type, None) in onto, f"{term} has no rdf:type in influence.ttl"
    assert len(en_literals(onto, term, RDFS.label)) == 1, f"{term} needs one rdfs:label@en"
    assert len(en_literals(onto, term, SKOS.definition)) == 1, f"{term} needs one skos:definition@en"


def test_every_kgo_iri_in_the_turtle_is_in_kgo(onto):
    used = {n for triple in onto for n in triple if isinstance(n, URIRef) and str(n).startswith(KGO_NS)}
    unknown = used - kgo_terms()
    assert not unknown, f"terms in influence.ttl missing from KGO (or misspelt): {sorted(unknown)}"


def test_kgo_iris_in_the_alignment_are_in_kgo(alignment):
    used = {n for triple in alignment for n in triple if isinstance(n, URIRef) and str(n).startswith(KGO_NS)}
    assert used and used <= kgo_terms(), sorted(used - kgo_terms())


# ---- Ontology header -------------------------------------------------------------------


def test_ontology_header(onto):
    ontology = URIRef("https://w3id.org/kg/influence")
    assert (ontology, RDF.type, OWL.Ontology) in onto
    assert onto.value(ontology, OWL.versionInfo) is not None
    assert en_literals(onto, ontology, DCTERMS.title)
    assert en_literals(onto, ontology, DCTERMS.description)
    assert onto.value(ontology, DCTERMS.license) == URIRef("https://opensource.org/licenses/MIT")
    comment = " ".join(en_literals(onto, ontology, RDFS.comment))
    assert "DISARM" in comment and "CC BY-SA 4.0" in comment


def test_main_ontology_holds_no_disarm_concepts(onto):
    # DISARM's names and hierarchy are CC BY-SA material and belong in disarm-alignment.ttl.
    disarm = "https://w3id.org/kg/disarm"
    assert not [n for triple in onto for n in triple if str(n).startswith(disarm)]


# ---- Classes ---------------------------------------------------------------------------

SUBCLASSES = [
    (KGO.Actor, PROV.Agent),
    *[(c, KGO.Actor) for c in (KGO.State, KGO.Organisation, KGO.Person, KGO.Group, KGO.Persona)],
    *[(c, KGO.Organisation) for c in (KGO.IntelligenceAgency, KGO.MilitaryUnit, KGO.Company, KGO.MediaOutlet)],
    (KGO.Network, KGO.Group),
    *[
        (c, KGO.Target)
        for c in (KGO.Candidate, KGO.PoliticalParty, KGO.Election, KGO.Institution, KGO.Audience)
    ],
    (KGO.Campaign, KGO.Operation),
    (KGO.Document, PROV.Entity),
    (KGO.Source, PROV.Agent),
    (KGO.Claim, RDF.Statement),
    (KGO.Claim, PROV.Entity),
    (KGO.ExtractionRun, PROV.Activity),
    (KGO.LikelihoodBand, SKOS.Concept),
    (KGO.ConfidenceLevel, SKOS.Concept),
]


@pytest.mark.parametrize("sub,sup", SUBCLASSES, ids=lambda t: t.split("#")[-1].split("/")[-1])
def test_class_hierarchy(onto, sub, sup):
    assert (sub, RDF.type, OWL.Class) in onto
    assert (sub, RDFS.subClassOf, sup) in onto


# ---- Properties ------------------------------------------------------------------------


def test_relations_are_object_properties_with_actor_domain(onto):
    for relation in RELATIONS:
        assert (KGO[relation], RDF.type, OWL.ObjectProperty) in onto, relation
    for relation in ("targets", "supports", "uses", "conducts", "affiliatedWith"):
        assert (KGO[relation], RDFS.domain, KGO.Actor) in onto, relation


@pytest.mark.parametrize("relation", sorted(TARGET_RELATIONS - {"targets"}))
def test_target_relations_are_subproperties_of_targets(onto, relation):
    assert (KGO[relation], RDFS.subPropertyOf, KGO.targets) in onto


def test_only_the_target_family_specialises_targets(onto):
    specialised = set(onto.subjects(RDFS.subPropertyOf, KGO.targets))
    assert specialised == {KGO[r] for r in TARGET_RELATIONS - {"targets"}}


DATATYPE_RANGES = {
    KGO.sentence: XSD.string,
    KGO.subjectText: XSD.string,
    KGO.predicateText: XSD.string,
    KGO.predicateLemma: XSD.string,
    KGO.objectText: XSD.string,
    KGO.startOffset: XSD.integer,
    KGO.endOffset: XSD.integer,
    KGO.negated: XSD.boolean,
    KGO.hedgeCue: XSD.string,
    KGO.hedgeKind: XSD.string,
    KGO.attributionText: XSD.string,
    KGO.extractionScore: XSD.decimal,
    KGO.extractorVersion: XSD.string,
    KGO.isOpenRelation: XSD.boolean,
    KGO.documentDate: XSD.date,
    KGO.contentHash: XSD.string,
    KGO.fileName: XSD.string,
    KGO.isoCode: XSD.string,
}
OBJECT_RANGES = {
    KGO.likelihood: KGO.LikelihoodBand,
    KGO.confidenceLevel: KGO.ConfidenceLevel,
    KGO.attributedTo: KGO.Source,
    KGO.mentionedIn: KGO.Document,
}


@pytest.mark.parametrize("prop,rng", sorted(DATATYPE_RANGES.items()), ids=lambda t: t.split("#")[-1])
def test_datatype_properties(onto, prop, rng):
    assert (prop, RDF.type, OWL.DatatypeProperty) in onto
    assert (prop, RDFS.range, rng) in onto


@pytest.mark.parametrize("prop,rng", sorted(OBJECT_RANGES.items()), ids=lambda t: t.split("#")[-1])
def test_object_properties(onto, prop, rng):
    assert (prop, RDF.type, OWL.ObjectProperty) in onto
    assert (prop, RDFS.range, rng) in onto


def test_attribution_specialises_prov(onto):
    assert (KGO.attributedTo, RDFS.subPropertyOf, PROV.wasAttributedTo) in onto


def test_annotation_properties(onto):
    for prop in (KGO.disarmTechnique, KGO.stixRelationship):
        assert (prop, RDF.type, OWL.AnnotationProperty) in onto


@pytest.mark.parametrize(
    "relation,stix",
    [
        ("targets", "targets"),
        ("denigrates", "targets"),
        ("uses", "uses"),
        ("affiliatedWith", "attributed-to"),
    ],
)
def test_stix_alignment(onto, relation, stix):
    assert str(onto.value(KGO[relation], KGO.stixRelationship)) == stix


# ---- ICD 203 bands and confidence levels ----------------------------------------------


def test_likelihood_bands(onto):
    bands = set(onto.subjects(RDF.type, KGO.LikelihoodBand))
    assert bands == set(LIKELIHOOD_BANDS.values())
    schemes = {onto.value(b, SKOS.inScheme) for b in bands}
    assert len(schemes) == 1 and (schemes.pop(), RDF.type, SKOS.ConceptScheme) in onto
    for band in bands:
        assert (band, RDF.type, OWL.NamedIndividual) in onto
        assert en_literals(onto, band, SKOS.prefLabel)
        assert en_literals(onto, band, SKOS.altLabel), f"{band} lacks the ICD 203 alternative words"
        assert any("%" in note for note in en_literals(onto, band, SKOS.note)), f"{band} lacks its range"


@pytest.mark.parametrize(
    "band,alt,percent",
    [
        (KGO.Likely, "probable", "55-80%"),
        (KGO.Likely, "probably", "55-80%"),
        (KGO.AlmostCertain, "nearly certain", "95-99%"),
        (KGO.VeryUnlikely, "highly improbable", "05-20%"),
        (KGO.RoughlyEvenChance, "roughly even odds", "45-55%"),
    ],
)
def test_band_alt_labels_and_ranges(onto, band, alt, percent):
    assert alt in en_literals(onto, band, SKOS.altLabel)
    assert any(percent in note for note in en_literals(onto, band, SKOS.note))


def test_confidence_levels(onto):
    levels = set(onto.subjects(RDF.type, KGO.ConfidenceLevel))
    assert levels == set(CONFIDENCE_LEVELS.values())
    schemes = {onto.value(level, SKOS.inScheme) for level in levels}
    assert len(schemes) == 1 and (schemes.pop(), RDF.type, SKOS.ConceptScheme) in onto
    bands_scheme = onto.value(KGO.Likely, SKOS.inScheme)
    assert onto.value(KGO.HighConfidence, SKOS.inScheme) != bands_scheme


def test_no_concept_scheme_cycles(onto):
    # pyshacl deep-clones named individuals when it mixes the ontology into a data graph;
    # hasTopConcept back links made that exponential (minutes per validation).
    assert not list(onto.triples((None, SKOS.hasTopConcept, None)))


# ---- DISARM ----------------------------------------------------------------------------


def disarm_ids(onto: Graph) -> set[str]:
    return {str(o) for o in onto.objects(None, KGO.disarmTechnique)}


def test_disarm_annotations_chosen(onto):
    assert {"T0135"} <= {str(o) for o in onto.objects(KGO.undermines, KGO.disarmTechnique)}
    assert "T0135.001" in {str(o) for o in onto.objects(KGO.denigrates, KGO.disarmTechnique)}
    annotated = set(onto.subjects(KGO.disarmTechnique, None))
    assert annotated <= {KGO[r] for r in RELATIONS}


def test_disarm_ids_exist(onto, disarm_techniques):
    missing = disarm_ids(onto) - set(disarm_techniques)
    assert not missing, f"DISARM ids not in disarm_techniques.csv: {sorted(missing)}"


def test_alignment_license_and_credit(alignment):
    header = URIRef("https://w3id.org/kg/disarm-alignment")
    assert alignment.value(header, DCTERMS.license) == CC_BY_SA
    assert "DISARM Foundation" in str(alignment.value(header, DCTERMS.rights))
    assert "CC BY-SA 4.0" in ALIGNMENT_PATH.read_text(encoding="utf-8")


def test_alignment_covers_every_annotated_id(onto, alignment):
    notations = {str(o) for o in alignment.objects(None, SKOS.notation)}
    assert disarm_ids(onto) <= notations


def test_alignment_names_match_disarm(alignment, disarm_techniques, disarm_tactics):
    concepts = set(alignment.subjects(SKOS.notation, None))
    assert concepts
    for concept in concepts:
        notation = str(alignment.value(concept, SKOS.notation))
        row = disarm_techniques.get(notation) or disarm_tactics.get(notation)
        assert row is not None, f"{notation} is not a DISARM id"
        assert str(alignment.value(concept, SKOS.prefLabel)) == row["name"], notation
        assert str(concept).endswith("/" + notation)
        parent = alignment.value(concept, SKOS.broader)
        if notation in disarm_techniques:
            # A sub-technique sits under its technique, a technique under its tactic.
            expected = notation.split(".")[0] if "." in notation else row["tactic_id"]
            assert parent is not None and str(parent).endswith("/" + expected), notation


def test_alignment_maps_relations_to_their_annotated_ids(onto, alignment):
    for relation in RELATIONS:
        ids = {str(o) for o in onto.objects(KGO[relation], KGO.disarmTechnique)}
        mapped = {
            str(alignment.value(c, SKOS.notation))
            for p in (SKOS.closeMatch, SKOS.relatedMatch)
            for c in alignment.objects(KGO[relation], p)
        }
        assert ids == mapped, relation


def test_ontology_files_parse():
    for path in Path(ONTOLOGIES_DIR).glob("*.ttl"):
        assert len(Graph().parse(path, format="turtle")) > 0, path
