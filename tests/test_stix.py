"""The STIX 2.1 export: validated by stix2-validator, and the mapping on hand-made claims."""

from __future__ import annotations

import json
import uuid

import pytest
from stix2validator import ValidationOptions, validate_string

from kg.cli import main
from kg.export import FORMATS, export, export_store, guess_format
from kg.model import Claim, Hedge, Mention, Predicate
from kg.rdf import claim_iri, document_graph, document_iri, entity_iri, new_run
from kg.stix import EXTENSION_ID, NAMESPACE, PRODUCER_ID, bundle_dict, stix_id
from kg.store import open_store
from store_fixtures import document, sample_documents

TEXT = "x" * 400


def m(text: str, label: str | None, kind: str | None, key: str | None = None, start: int = 0) -> Mention:
    return Mention(text, start, start + len(text), label, kind, key)


def c(subject: Mention, lemma: str, relation: str | None, obj: Mention, sentence: str, start: int, **kw) -> Claim:
    return Claim("d.txt", start, start + len(sentence), sentence, subject, Predicate(lemma, lemma, relation, start, start + 5), obj, **kw)


RUSSIA = m("Russia", "Russia", "State", "russia")
UKRAINE = m("Ukraine", "Ukraine", "State", "ukraine", 10)
GRU = m("the GRU", "GRU", "Organisation", "gru")
GHOSTWRITER = m("Ghostwriter", "Ghostwriter", "Group", "ghostwriter")
DOPPELGANGER = m("Doppelganger", "Operation Doppelganger", "Operation", "operation-doppelganger", 20)
VOTERS = m("German voters", "German voters", "Audience", "german-voters", 30)
ACCOUNTS = m("fake accounts", None, "Instrument", "fake-accounts", 40)

CLAIMS = [
    c(RUSSIA, "denigrate", "denigrates", UKRAINE, "Russia probably sought to denigrate Ukraine.", 0,
      hedges=(Hedge("probably", "likelihood", likelihood="likely"),), attribution="the report", attribution_label="ODNI"),
    c(RUSSIA, "conduct", "conducts", DOPPELGANGER, "Russia conducted Operation Doppelganger.", 50),
    c(GHOSTWRITER, "affiliate", "affiliatedWith", RUSSIA, "Ghostwriter is linked to Russia.", 100),
    c(RUSSIA, "target", "seeksToInfluence", VOTERS, "We assess with high confidence that Russia targeted German voters.", 150,
      hedges=(Hedge("with high confidence", "confidence", confidence="high"),)),
    c(GRU, "create", "uses", ACCOUNTS, "The GRU created fake accounts.", 220),
    c(RUSSIA, "target", "targets", VOTERS, "Russia did not target German voters in 2019.", 260, negated=True),
    c(RUSSIA, "praise", None, GRU, "Russia praised the GRU.", 320),
]


@pytest.fixture(scope="module")
def store_dir(tmp_path_factory):
    location = tmp_path_factory.mktemp("stix") / "store"
    run = new_run()
    doc = document("d.txt", TEXT, "2024-05-01")
    with open_store(location) as store:
        store.ensure_ontology()
        store.add_documents([document_graph(doc, CLAIMS, run), *[g for _, _, g in sample_documents(run)]])
    return location


@pytest.fixture(scope="module")
def bundle(store_dir, tmp_path_factory):
    path = export_store(store_dir, tmp_path_factory.mktemp("out") / "bundle.stix.json")
    return json.loads(path.read_text())


def by_id(bundle) -> dict[str, dict]:
    return {o["id"]: o for o in bundle["objects"]}


def relationship_of(bundle, claim: Claim) -> dict | None:
    return by_id(bundle).get(stix_id("relationship", claim_iri(claim)))


def test_the_validator_accepts_the_bundle(bundle):
    result = validate_string(json.dumps(bundle), ValidationOptions(version="2.1"))
    assert result.is_valid, [str(e) for e in result.errors]
    # Only the warnings kg means: deterministic (v5) ids, and links to DISARM's pages
    # without a hash of a page that changes (as in MITRE's own ATT&CK bundles).
    assert {w.split("{")[1].split("}")[0] for w in map(str, result.warnings)} <= {"103", "302"}


def test_ids_are_uuid5_of_the_iris_and_the_export_is_repeatable(store_dir, bundle, tmp_path):
    russia = stix_id("threat-actor", entity_iri("russia"))
    assert russia in by_id(bundle)
    assert uuid.UUID(russia.split("--")[1]) == uuid.uuid5(NAMESPACE, str(entity_iri("russia")))
    again = export_store(store_dir, tmp_path / "again.json", "stix").read_text()
    assert json.loads(again) == bundle  # same ids, same timestamps, same bundle id


def test_documents_become_reports(bundle):
    report = by_id(bundle)[stix_id("report", document_iri("d.txt"))]
    assert report["published"].startswith("2024-05-01T00:00:00")
    ref = report["external_references"][0]
    assert ref["external_id"] == "d.txt" and len(ref["hashes"]["SHA-256"]) == 64
    refs = set(report["object_refs"])
    assert relationship_of(bundle, CLAIMS[0])["id"] in refs
    assert stix_id("threat-actor", entity_iri("russia")) in refs
    assert stix_id("note", claim_iri(CLAIMS[5])) in refs


def test_actors_and_targets_by_kind(bundle):
    objects = by_id(bundle)
    russia = objects[stix_id("threat-actor", entity_iri("russia"))]
    assert russia["threat_actor_types"] == ["nation-state"] and russia["name"] == "Russia"
    assert objects[stix_id("threat-actor", entity_iri("gru"))]["name"] == "GRU"
    assert objects[stix_id("intrusion-set", entity_iri("ghostwriter"))]["name"] == "Ghostwriter"
    ukraine = objects[stix_id("location", entity_iri("ukraine"))]
    assert ukraine["country"] == "UA"
    assert objects[stix_id("identity", entity_iri("german-voters"))]["identity_class"] == "class"
    assert objects[stix_id("campaign", entity_iri("operation-doppelganger"))]["name"] == "Operation Doppelganger"
    assert objects[stix_id("infrastructure", entity_iri("fake-accounts"))]["name"] == "fake accounts"


def test_claims_become_relationships(bundle):
    ids = by_id(bundle)
    russia = stix_id("threat-actor", entity_iri("russia"))
    denigrates = relationship_of(bundle, CLAIMS[0])
    assert denigrates["relationship_type"] == "targets" and denigrates["source_ref"] == russia
    assert denigrates["description"] == CLAIMS[0].sentence
    assert denigrates["confidence"] == 70  # likely, on the DNI scale
    ext = denigrates["extensions"][EXTENSION_ID]
    assert ext["relation"] == "denigrates" and ext["likelihood"] == "likely" and ext["hedge_cues"] == ["probably"]
    assert ext["attribution"] == "the report" and ext["attribution_source"] == "ODNI"
    assert (ext["document"], ext["start_offset"], ext["end_offset"]) == ("d.txt", 0, len(CLAIMS[0].sentence))
    conducts = relationship_of(bundle, CLAIMS[1])  # the campaign is attributed to its actor
    assert conducts["relationship_type"] == "attributed-to"
    assert conducts["source_ref"] == stix_id("campaign", entity_iri("operation-doppelganger")) and conducts["target_ref"] == russia
    affiliated = relationship_of(bundle, CLAIMS[2])
    assert affiliated["relationship_type"] == "attributed-to" and affiliated["target_ref"] == russia
    confident = relationship_of(bundle, CLAIMS[3])
    assert confident["confidence"] == 85 and confident["extensions"][EXTENSION_ID]["confidence_level"] == "high"
    assert relationship_of(bundle, CLAIMS[4])["relationship_type"] == "uses"
    praise = relationship_of(bundle, CLAIMS[6])
    assert praise["relationship_type"] == "related-to" and praise["extensions"][EXTENSION_ID]["relation"] == "praise"
    assert "confidence" not in praise  # no estimative language, no confidence
    assert ids[EXTENSION_ID]["created_by_ref"] == PRODUCER_ID


def test_negated_claims_are_notes_not_relationships(bundle):
    assert relationship_of(bundle, CLAIMS[5]) is None
    note = by_id(bundle)[stix_id("note", claim_iri(CLAIMS[5]))]
    assert CLAIMS[5].sentence in note["content"]
    assert set(note["object_refs"]) == {stix_id("threat-actor", entity_iri("russia")), stix_id("identity", entity_iri("german-voters"))}
    assert note["extensions"][EXTENSION_ID]["negated"] is True


def test_techniques_become_attack_patterns_used_by_the_actor(bundle):
    patterns = {o["external_references"][0]["external_id"]: o for o in bundle["objects"] if o["type"] == "attack-pattern"}
    assert {"T0143.002", "T0146", "T0135.001"} <= set(patterns)
    fake = patterns["T0143.002"]
    assert fake["name"] == "Fabricated Persona" and fake["external_references"][0]["source_name"] == "DISARM"
    uses = [o for o in bundle["objects"] if o["type"] == "relationship" and o["target_ref"] == fake["id"]]
    assert [(u["relationship_type"], u["source_ref"]) for u in uses] == [("uses", stix_id("threat-actor", entity_iri("gru")))]


STDOUT_SIGNS = {
    "stix": b'"type": "bundle"',
    "turtle": b"kgo:denigrates",
    "trig": b"kgo:denigrates",
    "nquads": b"<https://w3id.org/kg/influence#denigrates>",
    "jsonld": b'"@context"',
    "graphml": b"<graphml",
    "gexf": b"<gexf",
}


@pytest.mark.parametrize("fmt", sorted(FORMATS))
def test_stdout_for_every_format(store_dir, capsysbinary, fmt):
    assert main(["export", "--store", str(store_dir), "--format", fmt, "-o", "-"]) == 0
    captured = capsysbinary.readouterr()
    assert STDOUT_SIGNS[fmt] in captured.out and b"wrote" not in captured.out
    if fmt == "stix":
        assert json.loads(captured.out)["type"] == "bundle"


def test_stdout_needs_a_format(store_dir, capsys):
    assert main(["export", "--store", str(store_dir), "-o", "-"]) == 1
    assert "--format" in capsys.readouterr().err


def test_an_empty_store_gives_a_valid_bundle(tmp_path):
    with open_store(None) as store:
        store.ensure_ontology()
        path = export(store, tmp_path / "empty.stix.json")
    data = json.loads(path.read_text())
    assert [o["type"] for o in data["objects"]] == ["identity", "extension-definition"]
    assert validate_string(path.read_text(), ValidationOptions(version="2.1")).is_valid
    assert guess_format(path) == "stix"


def test_bundle_of_a_dataset(store_dir):
    with open_store(store_dir, read_only=True) as store:
        data = bundle_dict(store.snapshot())
    assert any(o["type"] == "report" for o in data["objects"])


def test_the_bundle_takes_the_one_claim_filter(store_dir, bundle):
    from kg.records import ClaimFilter

    with open_store(store_dir, read_only=True) as store:
        narrowed = bundle_dict(store.snapshot(), ClaimFilter.of(actor="Ghostwriter", include_negated=True, include_open=True))
    relationships = [o for o in narrowed["objects"] if o["type"] == "relationship"]
    assert [r["id"] for r in relationships] == [relationship_of(bundle, CLAIMS[2])["id"]]
    assert relationship_of(narrowed, CLAIMS[0]) is None and relationship_of(bundle, CLAIMS[0]) is not None
