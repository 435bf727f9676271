"""A user's own actor tables: read and checked once, used by extraction and the graph, and
part of what made a document's claims (other tables re-extract it)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from rdflib import Dataset, URIRef

from kg.build import BuildOptions, build
from kg.entities.actor_files import ActorFiles
from kg.errors import InputError
from kg.extract import ClaimExtractor
from kg.ontology import KGO

ACTORS = (
    "# our own test actors\n"
    "key\tlabel\tkind\taffiliated_with\tsource\n"
    "blue-lantern\tBlue Lantern Collective\tOrganisation\tCUB\twritten for this test\n"
)
ALIASES = "key\talias\ttype\tsource\nblue-lantern\tBLC\tacronym\twritten for this test\n"
TEXT = "The Blue Lantern Collective created fake accounts to denigrate candidates in Florida.\n"


def write(folder: Path, name: str, text: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def claims(out: Path) -> list[dict]:
    return [json.loads(line) for line in (out / "claims.jsonl").read_text(encoding="utf-8").splitlines()]


def part_of(out: Path, key: str) -> set[str]:
    """The keys of what the entity ``key`` is part of, in the written graph.trig."""
    data = Dataset()
    data.parse(out / "graph.trig", format="trig")
    entity = URIRef(f"{ENTITY}{key}")
    return {str(o).removeprefix(ENTITY) for _, _, o, _ in data.quads((entity, KGO.partOf, None, None))}


ENTITY = "https://w3id.org/kg/id/entity/"
OPTIONS = BuildOptions(html=False, progress=False)


def test_tables_are_read_once_and_their_rows_join_the_package_knowledge_base(tmp_path):
    files = ActorFiles.read([write(tmp_path, "a.tsv", ACTORS), write(tmp_path, "b.tsv", ALIASES)])
    kb = files.knowledge_base()
    assert kb.lookup("BLC") == kb.get("blue-lantern")
    assert [e.key for e in kb.chain("blue-lantern")] == ["blue-lantern", "cuba"]
    assert kb.lookup("APT28") is not None  # the package's rows are still there
    assert files.knowledge_base() is kb
    assert ActorFiles().knowledge_base().get("blue-lantern") is None


def test_the_identity_follows_the_content_not_the_file_name(tmp_path):
    one = ActorFiles.read([write(tmp_path, "a.tsv", ACTORS)])
    same = ActorFiles.read([write(tmp_path / "elsewhere", "b.tsv", ACTORS)])
    other = ActorFiles.read([write(tmp_path, "c.tsv", ACTORS.replace("CUB", "VEN"))])
    assert one.identity == same.identity != other.identity
    assert ActorFiles().identity == ""


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (ACTORS.replace("Organisation", "Club"), "bad.tsv:3: kind 'Club'"),
        (ACTORS.replace("CUB", "no-such-actor"), "bad.tsv:3: affiliated_with 'no-such-actor'"),
        ("key\tlabel\n", "bad.tsv:1: header"),
    ],
)
def test_a_bad_row_names_the_file_and_line(tmp_path, text, expected):
    with pytest.raises(InputError, match=expected):
        ActorFiles.read([write(tmp_path, "bad.tsv", text)])


def test_a_missing_table_names_the_path(tmp_path):
    with pytest.raises(InputError, match="nope.tsv: cannot read the actors table"):
        ActorFiles.read([tmp_path / "nope.tsv"])


def test_the_extractor_resolves_a_user_actor_and_its_acronym(nlp, tmp_path):
    files = ActorFiles.read([write(tmp_path, "a.tsv", ACTORS), write(tmp_path, "b.tsv", ALIASES)])
    extract = ClaimExtractor(knowledge_base=files.knowledge_base())
    doc = nlp("BLC created fake accounts to denigrate candidates in Florida.")
    subjects = {(c.subject.key, c.subject.label) for c in extract(doc, "d.txt")}
    assert subjects == {("blue-lantern", "Blue Lantern Collective (BLC)")}  # the display label names the acronym
    plain = {c.subject.key for c in ClaimExtractor()(doc, "d.txt")}
    assert "blue-lantern" not in plain


def test_a_build_with_tables_uses_them_and_rebuilds_when_they_change(nlp, tmp_path):
    corpus, out = tmp_path / "corpus", tmp_path / "out"
    write(corpus, "a.txt", TEXT)
    table = write(tmp_path, "actors.tsv", ACTORS)

    report = build([corpus], out, BuildOptions(html=False, progress=False, actors=(table,)))
    assert report.reextracted == 0
    found = claims(out)
    assert found and {c["subject"]["resolution"] for c in found} == {"kb: Blue Lantern Collective"}
    assert part_of(out, "blue-lantern") == {"cuba"}

    same = build([corpus], out, BuildOptions(html=False, progress=False, actors=(table,)))
    assert (same.unchanged, same.reextracted) == (1, 0)

    table.write_text(ACTORS.replace("CUB", "VEN"), encoding="utf-8")
    changed = build([corpus], out, BuildOptions(html=False, progress=False, actors=(table,)))
    assert changed.reextracted == 1 and "1 made with other actor tables" in changed.summary()
    assert part_of(out, "blue-lantern") == {"venezuela"}

    without = build([corpus], out, OPTIONS)
    assert without.reextracted == 1 and "made with actor tables this build is not given" in without.summary()
    assert all(c["subject"]["resolution"] != "kb: Blue Lantern Collective" for c in claims(out))


def test_actors_tsv_in_the_output_folder_is_used_when_no_table_is_given(nlp, tmp_path):
    corpus, out = tmp_path / "corpus", tmp_path / "out"
    write(corpus, "a.txt", TEXT)
    write(out, "actors.tsv", ACTORS)
    build([corpus], out, OPTIONS)
    assert {c["subject"]["label"] for c in claims(out)} == {"Blue Lantern Collective"}
    assert {c["subject"]["resolution"] for c in claims(out)} == {"kb: Blue Lantern Collective"}


def test_a_bad_table_stops_the_build_before_the_store_is_touched(tmp_path):
    corpus, out = tmp_path / "corpus", tmp_path / "out"
    write(corpus, "a.txt", TEXT)
    bad = write(tmp_path, "bad.tsv", ACTORS.replace("Organisation", "Club"))
    with pytest.raises(InputError, match="bad.tsv:3"):
        build([corpus], out, BuildOptions(html=False, progress=False, actors=(bad,)))
    assert not (out / "store").exists()


def test_worker_processes_get_the_tables_too(nlp, tmp_path):
    corpus = tmp_path / "corpus"
    for n in range(3):
        write(corpus, f"{n}.txt", TEXT)
    table = write(tmp_path, "actors.tsv", ACTORS)
    build([corpus], tmp_path / "one", BuildOptions(html=False, progress=False, actors=(table,), persist=False))
    build([corpus], tmp_path / "two", BuildOptions(html=False, progress=False, actors=(table,), persist=False, jobs=2))
    assert claims(tmp_path / "one") == claims(tmp_path / "two")
    assert {c["subject"]["resolution"] for c in claims(tmp_path / "two")} == {"kb: Blue Lantern Collective"}


def test_the_command_line_names_the_bad_table_and_builds_nothing(tmp_path, capsys):
    from kg.cli import main

    corpus, out = tmp_path / "corpus", tmp_path / "out"
    write(corpus, "a.txt", TEXT)
    bad = write(tmp_path, "bad.tsv", ACTORS.replace("CUB", "no-such-actor"))
    assert main(["build", str(corpus), "-o", str(out), "--actors", str(bad), "--no-progress"]) == 1
    assert f"kg build: error: {bad}:3: affiliated_with 'no-such-actor'" in capsys.readouterr().err
    assert not (out / "store").exists()
