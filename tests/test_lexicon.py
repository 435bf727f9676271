"""The lexicon kept as data: loading, the checks it must pass, and clear errors."""

from __future__ import annotations

import shutil
from importlib import resources
from pathlib import Path

import pytest

from kg.errors import InputError
from kg.lexicon import Lexicon, load_lexicon
from kg.lexicon.tables import parse_rows

LEXICON_DIR = Path(str(resources.files("kg").joinpath("lexicon")))


@pytest.fixture()
def copy(tmp_path: Path) -> Path:
    """A writable copy of the package's lexicon files."""
    target = tmp_path / "lexicon"
    shutil.copytree(LEXICON_DIR, target, ignore=shutil.ignore_patterns("*.py", "__pycache__", "actors"))
    return target


def _append(path: Path, line: str) -> None:
    path.write_text(path.read_text(encoding="utf-8") + line + "\n", encoding="utf-8")


def test_the_package_lexicon_passes_its_checks():
    lexicon = load_lexicon()
    assert isinstance(lexicon, Lexicon)
    assert "seem" in lexicon.words("hedge_verbs")
    assert lexicon.value_map("likelihood_words")["probably"] == "likely"
    assert lexicon.verb("interfere", "in") == "interferesIn"


def test_every_word_row_has_a_source_and_a_declared_class():
    declared = {r.values["class"] for r in parse_rows((LEXICON_DIR / "classes.tsv").read_text(), "classes.tsv", ("class",))}
    for path in sorted(LEXICON_DIR.glob("words_*.tsv")):
        for row in parse_rows(path.read_text(encoding="utf-8"), path.name, ("class", "word", "value", "source")):
            assert row.values["source"], row.where
            assert row.values["class"] in declared, row.where


def test_every_declared_class_is_read_by_the_code():
    """A class no module reads is dead data: each name must appear in kg's source."""
    code = "\n".join(p.read_text(encoding="utf-8") for p in Path(str(resources.files("kg"))).rglob("*.py"))
    unused = [name for name in load_lexicon().classes if f'"{name}"' not in code]
    assert unused == []


#: (file, bad row, what the error must say): one case per check of kg.lexicon.check.
REFUSED_ROWS = {
    "contradicting classes": (
        "words_modality.tsv", "hedge_words\tnever\t-\tgeneral English: test",
        r"'never' is in both hedge_words and negative_adverbs",
    ),
    "no source": (
        "words_modality.tsv", "hedge_words\tmaybe-not\t-\t",
        r"words_modality.tsv:\d+: no source for hedge_words/maybe-not",
    ),
    "duplicate word": (
        "words_coref.tsv", "naming_verbs\tdub\t-\tgeneral English: test",
        r"naming_verbs/dub is already on words_coref.tsv:\d+",
    ),
    "two relations for one predicate": (
        "relations.tsv", "verb\tinterfere\tin\t-\ttargets\tgeneral English: test",
        r"verb interfere in - gives another relation than relations.tsv:\d+",
    ),
    "unjustified source group": (
        "relations.tsv", "verb\tbedazzle\t-\t-\ttargets\tcurated:seed-sentence",
        r"source group 'curated:seed-sentence' is not in relation_sources.tsv",
    ),
    "short row": (
        "words_coref.tsv", "naming_verbs\tchristen",
        r"words_coref.tsv: line \d+: 2 fields, the header has 4",
    ),
}


@pytest.mark.parametrize("case", sorted(REFUSED_ROWS))
def test_a_bad_row_is_refused_and_named(copy: Path, case: str):
    file, row, message = REFUSED_ROWS[case]
    _append(copy / file, row)
    with pytest.raises(InputError, match=message):
        load_lexicon(copy)


def test_an_undeclared_class_and_an_unknown_relation_are_refused(copy: Path):
    _append(copy / "words_coref.tsv", "naming_verb\tchristen\t-\tgeneral English: test")
    _append(copy / "relations.tsv", "verb\tbewitch\t-\t-\tbefriends\tgeneral English: test")
    with pytest.raises(InputError) as err:
        load_lexicon(copy)
    assert "class 'naming_verb' is not declared" in str(err.value)
    assert "relation 'befriends' is not in the ontology" in str(err.value)


def test_a_missing_file_is_named(copy: Path):
    (copy / "contradictions.tsv").unlink()
    with pytest.raises(InputError, match="contradictions.tsv"):
        load_lexicon(copy)


def test_the_lexicon_is_read_only():
    lexicon = load_lexicon()
    with pytest.raises(TypeError):
        lexicon.classes["hedge_verbs"] = frozenset()  # type: ignore[index]
    with pytest.raises(AttributeError):
        lexicon.relations = None  # type: ignore[misc]


def test_stand_in_lookups_keep_the_word_classes():
    lexicon = load_lexicon().with_lookups(verb=lambda lemma, p=None, o=None: "targets", noun=lambda lemma, p=None: None)
    assert lexicon.verb("greet") == "targets"
    assert lexicon.noun("interference") is None
    assert "divisive" in lexicon.object_classes("division")  # the table's classes stay
    assert "allege" in lexicon.words("allegation_verbs")


def test_an_unknown_class_name_is_a_key_error():
    with pytest.raises(KeyError, match="no word class 'hedge_verb'"):
        load_lexicon().words("hedge_verb")


def test_nothing_is_loaded_at_import():
    """No hidden singleton: the lexicon modules and the extractor hold no loaded Lexicon."""
    import kg.extract
    import kg.extract.clauses
    import kg.extract.coref
    import kg.extract.modality
    import kg.extract.predicates.arguments
    import kg.extract.predicates.inheritance
    import kg.extract.predicates.instruments
    import kg.extract.predicates.noun_events
    import kg.extract.predicates.repairs
    import kg.extract.predicates.roles
    import kg.extract.predicates.sets
    import kg.lexicon

    import kg.entities.gazetteer
    import kg.entities.kb
    import kg.openie

    predicates = kg.extract.predicates
    readings = (predicates.arguments, predicates.inheritance, predicates.instruments, predicates.noun_events, predicates.repairs, predicates.roles, predicates.sets)
    for module in (kg.lexicon, kg.extract, kg.extract.clauses, *readings, kg.extract.coref, kg.extract.modality, kg.entities.gazetteer, kg.entities.kb, kg.openie):
        assert not any(isinstance(value, Lexicon) for value in vars(module).values()), module.__name__


def test_a_relation_row_may_justify_itself(copy: Path):
    _append(copy / "relations.tsv", "verb\tbeseech\t-\t-\ttargets\tgeneral English: beseeching someone is aimed at them")
    assert load_lexicon(copy).verb("beseech") == "targets"


#: The files of the entities layer, assertions and Open IE (issue 9, second part), and
#: the named open resources a row may cite instead of a general-English justification.
LATER_FILES = ("words_entities.tsv", "words_assertions.tsv", "words_predicates.tsv", "words_sources.tsv")
NAMED_RESOURCES = ("VerbNet", "FrameNet", "WordNet", "ISO 20275", "DISARM", "ICD 203")


@pytest.mark.parametrize("file", LATER_FILES)
def test_each_class_of_the_later_files_loads_with_a_justified_source_for_every_row(file: str):
    lexicon = load_lexicon()
    rows = list(parse_rows((LEXICON_DIR / file).read_text(encoding="utf-8"), file, ("class", "word", "value", "source")))
    assert rows
    for row in rows:
        source = row.values["source"]
        assert source.startswith("general English: ") or any(name in source for name in NAMED_RESOURCES), row.where
        assert row.values["word"] in lexicon.words(row.values["class"]), row.where


def test_a_government_head_that_is_a_people_noun_is_refused(copy: Path):
    _append(copy / "words_entities.tsv", "government_heads\tcitizen\t-\tgeneral English: test")
    with pytest.raises(InputError, match=r"'citizen' is in both government_heads and people_nouns"):
        load_lexicon(copy)


def test_the_gazetteer_reads_its_government_nouns_from_the_lexicon(copy: Path):
    """The words are data: without "regime" among the government heads, "the Cuban regime"
    is no longer Cuba acting."""
    from kg.entities import Gazetteer
    from kg.entities.data import load_records

    words = copy / "words_entities.tsv"
    words.write_text("".join(line for line in words.read_text(encoding="utf-8").splitlines(keepends=True)
                             if not line.startswith("government_heads\tregime\t")), encoding="utf-8")
    assert Gazetteer(load_records(), load_lexicon()).lookup("the Cuban regime").label == "Cuba"
    assert Gazetteer(load_records(), load_lexicon(copy)).lookup("the Cuban regime") is None
