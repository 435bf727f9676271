"""The knowledge base of influence actors: its data files and the loader's matching rules."""

from __future__ import annotations

import csv
from collections import Counter
from pathlib import Path

import pytest

from kg.entities import Entity, Gazetteer
from kg.entities._text import slug
from kg.entities.kb import KnowledgeBase, match_key
from kg.entities.kb_data import ACTOR_KINDS, packaged_files, read_table, read_tables
from kg.errors import InputError, KGError
from kg.lexicon import load_lexicon
from kg.ontology import KGO

DATA = Path(packaged_files()[0]).parent


@pytest.fixture(scope="module")
def kb() -> KnowledgeBase:
    return KnowledgeBase.default()


@pytest.fixture(scope="module")
def rows():
    return read_tables(packaged_files())


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


# ---- The data ----------------------------------------------------------------------------


def test_packaged_tables_come_in_pairs_with_a_licence_note():
    names = {p.name for p in packaged_files()}
    for name in names:
        partner = name.replace("actors_", "aliases_") if name.startswith("actors_") else name.replace("aliases_", "actors_")
        assert partner in names, f"{name} has no {partner}"
    assert (DATA / "README.md").is_file()
    readme = (DATA / "README.md").read_text(encoding="utf-8")
    for name in names:
        assert name in readme, f"README.md says nothing about {name}'s licence"


def test_every_row_has_a_source(rows):
    actors, aliases = rows
    assert all(r.source.strip() for r in actors)
    assert all(r.source.strip() for r in aliases)


def test_curated_rows_cite_a_listed_public_domain_document():
    with (DATA / "sources_curated.tsv").open(encoding="utf-8") as f:
        lines = [line for line in f if not line.startswith("#")]
    sources = {row["id"]: row for row in csv.DictReader(lines, delimiter="\t")}
    assert all(s["publisher"] and s["date"] and s["title"] for s in sources.values())
    banned = ("special counsel", "mueller", "u.s.c", "united states code")
    assert not [s for s in sources.values() if any(b in s["title"].lower() for b in banned)]
    actors, _ = read_table(DATA / "actors_curated.tsv")
    _, aliases = read_table(DATA / "aliases_curated.tsv")
    cited = {r.source for r in [*actors, *aliases]}
    assert cited <= set(sources), sorted(cited - set(sources))


def test_keys_are_slugs_of_labels_and_unique(rows):
    actors, _ = rows
    keys = Counter(r.key for r in actors)
    assert not [k for k, n in keys.items() if n > 1]
    assert not [r for r in actors if r.key != slug(r.label)]


def test_kinds_are_ontology_classes(kb):
    assert {e.kind for e in kb.entities()} <= ACTOR_KINDS
    for kind in ACTOR_KINDS:
        assert KGO[kind] in set(dir(KGO))


def test_no_alias_names_two_actors_without_a_note(rows):
    actors, aliases = rows
    lex = load_lexicon()
    owners: dict[tuple[str, bool], set[str]] = {}
    for row in actors:
        owners.setdefault(match_key(row.label, lex), set()).add(row.key)
    for row in aliases:
        owners.setdefault(match_key(row.alias, lex), set()).add(row.key)
    noted = {match_key(a.alias, lex) for a in aliases if a.note}
    shared = {name for name, keys in owners.items() if len(keys) > 1}
    assert shared <= noted, sorted(shared - noted)[:20]


def test_every_affiliation_resolves(kb):
    for entity in kb.entities():
        if entity.affiliated_with is not None:
            assert kb.get(entity.affiliated_with) is not None, entity


def test_affiliation_to_a_state_is_the_gazetteer_state(kb):
    russia = Gazetteer.default().get("RUS")
    assert kb.get("gru").affiliated_with == russia.key == "russia"
    assert kb.chain("gru")[-1] is russia


def test_chains_end_at_a_state_where_given(kb):
    for entity in kb.entities():
        chain = kb.chain(entity.key)
        assert chain[0] == entity
        assert all(link.kind != "State" for link in chain[:-1])
        if entity.affiliated_with is None:
            assert len(chain) == 1


def test_known_chains(kb):
    def labels(key):
        return [e.label for e in kb.chain(key)]

    assert labels("unit-26165") == ["Unit 26165", "Main Intelligence Directorate (GRU)", "Russia"]
    assert labels("doppelganger") == ["Doppelganger", "Social Design Agency (SDA)", "Russia"]
    assert labels("apt10")[-2:] == ["Ministry of State Security (MSS)", "China"]
    assert labels("andariel") == ["Andariel", "Lazarus Group", "Reconnaissance General Bureau (RGB)", "North Korea"]
    assert kb.state_of("cyberav3ngers").label == "Iran"
    assert kb.chain("no-such-actor") == ()


def test_counts(kb):
    entities = list(kb.entities())
    assert len(entities) >= 300, len(entities)
    states = Counter(s.label for s in (kb.state_of(e.key) for e in entities) if s is not None)
    assert len(states) >= 20, states
    for state in ("Russia", "China", "Iran", "North Korea"):
        assert states[state] >= 10, (state, states[state])
    kinds = Counter(e.kind for e in entities)
    assert kinds["Network"] >= 100 and kinds["IntelligenceAgency"] >= 50, kinds
    assert {"MediaOutlet", "Company", "Persona", "Person", "MilitaryUnit"} <= set(kinds)


def test_no_qid_is_invented(rows):
    actors, _ = rows
    curated = [r for r in actors if r.file.endswith("actors_curated.tsv")]
    assert curated and not [r for r in curated if r.qid]


# ---- Lookup ------------------------------------------------------------------------------


def test_entities_are_gazetteer_entities(kb):
    gru = kb.lookup("GRU")
    assert isinstance(gru, Entity)
    assert (gru.key, gru.label, gru.kind, gru.iso3) == ("gru", "Main Intelligence Directorate (GRU)", "IntelligenceAgency", None)
    assert "Main Intelligence Directorate" in gru.aliases


@pytest.mark.parametrize("name", ["Fancy Bear", "APT28", "Sofacy", "Strontium", "FANCY BEAR", "fancy bear", "85th Main Special Service Center"])
def test_vendor_names_are_the_same_actor(kb, name):
    assert kb.lookup(name) == kb.lookup("Unit 26165") == kb.get("unit-26165")


def test_short_acronyms_match_only_in_their_case(kb):
    ira = kb.get("internet-research-agency")
    assert kb.lookup("IRA") == ira
    assert kb.lookup("Ira") is None and kb.lookup("ira") is None
    assert kb.lookup("Gru") is None and kb.lookup("fsb") is None
    assert kb.lookup("apt28") is None  # three letters: written in capitals or not at all
    # a longer all-capital name is a name, matched in any case
    assert kb.lookup("Seaborgium") == kb.lookup("SEABORGIUM") == kb.get("star-blizzard")


def test_the_possessives_quotes_and_legal_forms(kb):
    ira = kb.get("internet-research-agency")
    for mention in ("the Internet Research Agency", "The Internet Research Agency's", "“the IRA’s”", "Internet Research Agency LLC", "Internet Research Agency (IRA)"):
        assert kb.lookup(mention) == ira, mention
    assert kb.lookup('OOO "Structura"') == kb.lookup("Structura LLC") == kb.get("structura")


def test_code_names_with_the_number_apart(kb):
    assert kb.lookup("APT 28") == kb.lookup("APT-28") == kb.lookup("APT28") == kb.get("unit-26165")
    text = "APT 28 and UNC 1151 struck."
    assert [(text[s:e], ent.key) for s, e, ent in kb.find_all(text)] == [("APT 28", "unit-26165"), ("UNC 1151", "ghostwriter")]


def test_company_abbreviations(kb):
    xiandun = kb.get("hainan-xiandun-technology-development-company")
    assert kb.lookup("Hainan Xiandun Technology Development Co., Ltd.") == xiandun
    assert kb.lookup("Hainan Xiandun Technology Development Co.") == xiandun


def test_state_prefix_must_be_the_actors_own(kb):
    assert kb.lookup("Russia's GRU") == kb.lookup("the Russian GRU") == kb.get("gru")
    assert kb.lookup("China's Ministry of State Security") == kb.get("mss")
    assert kb.lookup("North Korea's Lazarus Group") == kb.get("lazarus-group")
    assert kb.lookup("Chinese GRU") is None


def test_descriptive_alias(kb):
    assert kb.lookup("Russian military intelligence") == kb.get("gru")


def test_ambiguous_alias_names_no_one(kb):
    assert kb.lookup("HSSD") is None
    assert {e.key for e in kb.candidates("HSSD")} == {"hainan-state-security-department", "hubei-state-security-department"}


def test_a_state_settles_an_ambiguous_name(kb):
    assert kb.lookup("DIA") is None  # the US and the South Korean agencies
    assert kb.lookup("South Korea's DIA").label == "Defense Intelligence Agency (South Korea)"
    assert kb.lookup("Hubei's HSSD") is None  # a province is no state


def test_unknown_mentions(kb):
    for mention in ("Russia", "the Kremlin", "Chinese voters", "the report", ""):
        assert kb.lookup(mention) is None, mention


def test_no_alias_shadows_a_state_name(kb):
    gaz = Gazetteer.default()
    for entity in kb.entities():
        for name in (entity.label, *entity.aliases):
            state = gaz.lookup(name)
            # "Russian military intelligence" is Russia to the gazetteer and the GRU here;
            # a bare state name or capital must never be an actor's.
            assert state is None or " " in name.strip(), (entity.key, name, state.label)


# ---- Running text ------------------------------------------------------------------------


def test_find_all_on_a_sentence(kb):
    text = (
        "In 2024 the Social Design Agency (SDA) and Structura LLC ran Doppelganger, while "
        "GRU-linked Fancy Bear, Ira Glass and the Chinese MSS's APT10 kept busy; RT's "
        "Ruptly and \"Sputnik\" amplified it."
    )
    found = [(text[s:e], ent.key) for s, e, ent in kb.find_all(text)]
    assert found == [
        ("Social Design Agency", "social-design-agency"),
        ("SDA", "social-design-agency"),
        ("Structura LLC", "structura"),
        ("Doppelganger", "doppelganger"),
        ("GRU", "gru"),
        ("Fancy Bear", "unit-26165"),
        ("MSS", "mss"),  # the state adjective is the gazetteer's business
        ("APT10", "apt10"),
        ("RT", "rt"),
        ("Ruptly", "ruptly"),
        ("Sputnik", "sputnik"),
    ]


def test_find_all_prefers_the_longest_name(kb):
    text = "The Internet Research Agency LLC and Hainan Xiandun Technology Development Company hired staff."
    found = [(text[s:e], ent.key) for s, e, ent in kb.find_all(text)]
    assert found == [
        ("Internet Research Agency LLC", "internet-research-agency"),
        ("Hainan Xiandun Technology Development Company", "hainan-xiandun-technology-development-company"),
    ]


def test_find_all_leaves_the_state_to_the_gazetteer(kb):
    text = "The IRA and Russia's GRU met."
    assert [(text[s:e], ent.key) for s, e, ent in kb.find_all(text)] == [("IRA", "internet-research-agency"), ("GRU", "gru")]


def test_find_all_ignores_lower_case_words(kb):
    assert kb.find_all("the ira and the gru met sputnik fans") == []
    text = "Contractors at i-Soon, i-Soon's staff, worked for the MPS."
    assert [(text[s:e], ent.key) for s, e, ent in kb.find_all(text)] == [
        ("i-Soon", "i-soon"),
        ("i-Soon", "i-soon"),
        ("MPS", "ministry-of-public-security"),
    ]


def test_find_all_is_fast(kb):
    import time

    text = "The GRU and the Internet Research Agency targeted voters in Florida. " * 200
    start = time.perf_counter()
    hits = kb.find_all(text)
    assert len(hits) == 400
    assert time.perf_counter() - start < 1.0


# ---- Files of one's own ------------------------------------------------------------------

USER_ACTORS = "# mine\nkey\tlabel\tkind\tqid\taffiliated_with\tsource\nacme-media\tAcme Media\tMediaOutlet\t\tsocial-design-agency\tmy notes, 2025\n"
USER_ALIASES = "key\talias\ttype\tsource\tnote\nacme-media\tAcme\tshort-name\tmy notes\t\ngru\tGlavnoye Razvedyvatelnoye Upravleniye\ttransliteration\tmy notes\t\n"


def test_user_files_add_actors_and_aliases(tmp_path):
    actors = write(tmp_path, "mine.tsv", USER_ACTORS)
    aliases = write(tmp_path, "mine_aliases.tsv", USER_ALIASES)
    kb = KnowledgeBase.load(actors, aliases)
    assert kb.lookup("Acme").label == "Acme Media"
    assert [e.key for e in kb.chain("acme-media")] == ["acme-media", "social-design-agency", "russia"]
    assert kb.lookup("Glavnoye Razvedyvatelnoye Upravleniye") == kb.get("gru")
    assert KnowledgeBase.default().lookup("Acme") is None  # the default is untouched
    assert KnowledgeBase.default().with_user_file(actors).get("acme-media") is not None


def test_user_row_replaces_the_packaged_row(tmp_path):
    path = write(tmp_path, "fix.tsv", "key\tlabel\tkind\taffiliated_with\tsource\nrt\tRT\tMediaOutlet\tRUS\tmy correction\n")
    kb = KnowledgeBase.load(path)
    assert [e.key for e in kb.chain("rt")] == ["rt", "russia"]
    assert kb.lookup("Russia Today") == kb.get("rt")


def test_packaged_false_loads_only_the_given_files(tmp_path):
    path = write(tmp_path, "alone.tsv", "key\tlabel\tkind\tsource\nlone-wolf\tLone Wolf\tPersona\tme\n")
    kb = KnowledgeBase.load(path, packaged=False)
    assert len(kb) == 1 and kb.lookup("lone wolf").key == "lone-wolf"


@pytest.mark.parametrize(
    "text,line,words",
    [
        ("key\tlabel\tkind\tsource\nbad key\tBad\tPersona\tme\n", 2, "not a slug"),
        ("# c\nkey\tlabel\tkind\tsource\nok\tOK\tPersona\tme\nx\tX\tSpaceship\tme\n", 4, "kind 'Spaceship'"),
        ("key\tlabel\tkind\tqid\tsource\nx\tX\tPersona\t123\tme\n", 2, "qid"),
        ("key\tlabel\tkind\tsource\nx\tX\tPersona\t\n", 2, "no source"),
        ("key\tlabel\tkind\tsource\nx\tX\tPersona\tme\nx\tY\tPersona\tme\n", 3, "already used on line 2"),
        ("key\talias\ttype\tsource\nx\tX\tnickname\tme\n", 2, "alias type"),
        ("who\twhat\n", 1, "neither an actors table"),
    ],
)
def test_bad_rows_name_the_file_and_line(tmp_path, text, line, words):
    path = write(tmp_path, "bad.tsv", text)
    with pytest.raises(InputError) as info:
        KnowledgeBase.load(path)
    assert f"{path}:{line}:" in str(info.value)
    assert words in str(info.value)
    assert isinstance(info.value, KGError)


@pytest.mark.parametrize(
    "text,words",
    [
        ("key\tlabel\tkind\taffiliated_with\tsource\nx\tX\tPersona\tnobody-at-all\tme\n", "neither an actor key nor a state"),
        ("key\tlabel\tkind\taffiliated_with\tsource\nx\tX\tPersona\tZZZ\tme\n", "neither an actor key nor a state"),
        ("key\talias\ttype\tsource\nnobody\tNobody\tshort-name\tme\n", "unknown actor"),
        ("key\talias\ttype\tsource\nrt\tFancy Bear\tshort-name\tme\n", "without a note"),
        ("key\tlabel\tkind\taffiliated_with\tsource\na\tA\tPersona\tb\tme\nb\tB\tPersona\ta\tme\n", "circle"),
    ],
)
def test_bad_references_name_the_file_and_line(tmp_path, text, words):
    path = write(tmp_path, "refs.tsv", text)
    with pytest.raises(InputError) as info:
        KnowledgeBase.load(path)
    assert f"{path}:2:" in str(info.value) and words in str(info.value)


def test_a_shared_alias_with_a_note_is_accepted(tmp_path):
    path = write(tmp_path, "shared.tsv", "key\talias\ttype\tsource\tnote\nrt\tFancy Bear\tshort-name\tme\ta test of shared names\n")
    kb = KnowledgeBase.load(path)
    assert kb.lookup("Fancy Bear") is None
    assert {e.key for e in kb.candidates("Fancy Bear")} == {"rt", "unit-26165"}


def test_missing_file_is_an_input_error(tmp_path):
    with pytest.raises(InputError, match="no-such.tsv"):
        KnowledgeBase.load(tmp_path / "no-such.tsv")
