"""scripts/build_actor_kb.py: how MISP clusters become actors, and that the data is its output."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

from kg.entities.kb import KnowledgeBase
from kg.entities.kb_data import packaged_files, read_table

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "kg" / "lexicon" / "actors"


@pytest.fixture(scope="module")
def build():
    spec = importlib.util.spec_from_file_location("build_actor_kb", ROOT / "scripts" / "build_actor_kb.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while it loads
    spec.loader.exec_module(module)
    yield module
    sys.modules.pop(spec.name, None)


@pytest.fixture(scope="module")
def curated() -> KnowledgeBase:
    actors, _ = read_table(DATA / "actors_curated.tsv")
    _, aliases = read_table(DATA / "aliases_curated.tsv")
    return KnowledgeBase(actors, aliases)


@pytest.fixture(scope="module")
def states(build):
    return build.States()


def test_country_names_and_codes(states):
    assert states.iso3("RU") == states.iso3("Russian Federation") == "RUS"
    assert states.iso3("Iran (Islamic Republic of)") == "IRN"
    assert states.iso3("Korea (Democratic People's Republic of)") == "PRK"
    assert states.iso3("Unknown") is None and states.iso3("") is None


def test_clean_names(build, states):
    names = ["APT99", "Lead", "LEAD", "Mercury", "MI", "GOP", "China", "Lead Panda", "APT99", "Ministry of Things[3]"]
    assert build.clean_names(names, states) == ["APT99", "Lead Panda", "Ministry of Things"]


def cluster(build, uuid, label, state, *names, fallback=None):
    return build.Cluster("threat-actor", uuid, label, "Network", state, None, [(n, "vendor-name") for n in names], fallback)


def test_a_cluster_naming_a_curated_actor_becomes_its_aliases(build, curated):
    tables = build.assign([cluster(build, "u1", "APT28", "RUS", "Fancy Bear", "Some New Name")], curated)
    rows = tables["threat-actor"]
    assert rows.actors == []
    assert [r[:2] for r in rows.aliases] == [["unit-26165", "Some New Name"]]
    assert rows.aliases[0][3] == "misp:threat-actor:u1"


def test_another_states_namesake_stays_apart_and_loses_the_name(build, curated):
    tables = build.assign([cluster(build, "u2", "Foreign Intelligence Service", "UKR", "FISU", fallback="Foreign Intelligence Service (Ukraine)")], curated)
    rows = tables["threat-actor"]
    assert [r[:3] + r[4:5] for r in rows.actors] == [["foreign-intelligence-service-ukraine", "Foreign Intelligence Service (Ukraine)", "Network", "UKR"]]
    assert [r[1] for r in rows.aliases] == ["FISU"]  # the bare name stays the SVR's


def test_a_name_two_clusters_share_gets_a_note(build, curated):
    tables = build.assign(
        [cluster(build, "a", "Alpha Panda", "CHN", "Shared Name"), cluster(build, "b", "Beta Panda", "CHN", "Shared Name", "Alpha Panda")],
        curated,
    )
    rows = tables["threat-actor"]
    shared = [r for r in rows.aliases if r[1] == "Shared Name"]
    assert len(shared) == 2 and all("in the MISP galaxy" in r[4] for r in shared)
    assert not [r for r in rows.aliases if r[1] == "Alpha Panda"]  # another cluster's own name


def test_packaged_tables_are_the_scripts_output(build, tmp_path):
    pytest.importorskip("pymispgalaxies")
    assert build.main(["build_actor_kb.py", str(tmp_path)]) == 0
    for path in tmp_path.glob("*.tsv"):
        assert path.read_text(encoding="utf-8") == (DATA / path.name).read_text(encoding="utf-8"), path.name
    assert {p.name for p in tmp_path.glob("*.tsv")} == {p.name for p in packaged_files() if "misp" in p.name}
