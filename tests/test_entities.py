"""Canonical entities: the state gazetteer, minted entities, target kinds and acronyms."""

from __future__ import annotations

import subprocess
import sys
import time

import pytest

from kg.entities import Entity, Gazetteer, acronyms, entity_for, is_relational_head, slug, target_kind
from kg.lexicon import load_lexicon


@pytest.fixture(scope="module")
def gaz() -> Gazetteer:
    return Gazetteer.default()


# -- lookup: whole mentions that name a state --------------------------------------------

@pytest.mark.parametrize(
    ("mention", "label"),
    [
        # names and alternative names
        ("Cuba", "Cuba"),
        ("the Russian Federation", "Russia"),
        ("People's Republic of China", "China"),
        ("the People’s Republic of China", "China"),
        ("PRC", "China"),
        ("DPRK", "North Korea"),
        ("the Democratic People's Republic of Korea", "North Korea"),
        ("the U.S.", "United States"),
        ("US", "United States"),
        ("U.S.A.", "United States"),
        ("United States of America", "United States"),
        ("America", "United States"),
        ("the UK", "United Kingdom"),
        ("Burma", "Myanmar"),
        ("Swaziland", "Eswatini"),
        ("Viet Nam", "Vietnam"),
        ("Lao People's Democratic Republic", "Laos"),
        ("the Syrian Arab Republic", "Syria"),
        ("Bolivarian Republic of Venezuela", "Venezuela"),
        ("United Republic of Tanzania", "Tanzania"),
        ("Republic of Korea", "South Korea"),
        # capitals, from the package data
        ("Havana", "Cuba"),
        ("Beijing", "China"),
        ("Beijing's", "China"),
        ("Moscow", "Russia"),
        ("Tehran", "Iran"),
        ("Pyongyang", "North Korea"),
        ("Washington", "United States"),
        ("Caracas", "Venezuela"),
        ("Riyadh", "Saudi Arabia"),
        ("Bogotá", "Colombia"),
        ("Bogota", "Colombia"),
        ("Minsk", "Belarus"),
        ("Kyiv", "Ukraine"),
        # seats of government
        ("the Kremlin", "Russia"),
        ("“the Kremlin’s”", "Russia"),
        ("the White House", "United States"),
        ("Zhongnanhai", "China"),
        ("the Élysée", "France"),
        ("Downing Street", "United Kingdom"),
        # demonym or name + a noun for the government or its agents
        ("the Cuban government", "Cuba"),
        ("The Cuban Government's", "Cuba"),
        ("Cuban officials", "Cuba"),
        ("the Cuban regime", "Cuba"),
        ("the Cuban state", "Cuba"),
        ("Chinese agents", "China"),
        ("Chinese officials", "China"),
        ("the Chinese Communist Party", "China"),
        ("Russian actors", "Russia"),
        ("Russian military officials", "Russia"),
        ("Russian intelligence services", "Russia"),
        ("Iranian hackers", "Iran"),
        ("Iranian threat actors", "Iran"),
        ("the Venezuelan government", "Venezuela"),
        ("Saudi officials", "Saudi Arabia"),
        ("North Korean hackers", "North Korea"),
        ("the Syrian regime", "Syria"),
        ("the Turkish embassy", "Turkey"),
        ("U.S. officials", "United States"),
        ("American diplomats", "United States"),
        ("Russia's military", "Russia"),
        ("Moscow's agents", "Russia"),
        ("Kremlin-backed operatives", "Russia"),
        ("Russia-linked actors", "Russia"),
        ("Chinese state-sponsored hackers", "China"),
        ("the Chinese Ministry of State Security", "China"),
        ("the government of Cuba", "Cuba"),
        ("officials in Beijing", "China"),
        ("the regime in Havana", "Cuba"),
        ("  the   Cuban\ngovernment ", "Cuba"),
        ("THE CUBAN GOVERNMENT", "Cuba"),
    ],
)
def test_lookup_resolves_states(gaz: Gazetteer, mention: str, label: str) -> None:
    entity = gaz.lookup(mention)
    assert entity is not None, mention
    assert entity.label == label
    assert entity.kind == "State"
    assert entity.key == slug(label)


@pytest.mark.parametrize(
    "mention",
    [
        # the people, not the state
        "Cuban-Americans",
        "the Cuban community",
        "Chinese voters",
        "Russian citizens",
        "American voters",
        "the American public",
        "Cubans",
        "the Chinese diaspora",
        # a demonym alone, or with a noun that is no government body
        "Cuban",
        "Russian state media",
        "the Russian opposition party",
        "Chinese Communist Party members' families",
        # persons and things
        "Cuban President Miguel Díaz-Canel",
        "the Castro regime",
        "the state of Florida",
        "foreign governments",
        "Party leaders",
        "us",
        "it",
        "",
        "   ",
        "the",
        "social media accounts",
        "Victoria",
    ],
)
def test_lookup_rejects_non_states(gaz: Gazetteer, mention: str) -> None:
    assert gaz.lookup(mention) is None


def test_state_entities_have_data_driven_aliases(gaz: Gazetteer) -> None:
    cuba = gaz.get("CUB")
    assert cuba == gaz.lookup("Havana")
    assert cuba.iso3 == "CUB" and cuba.key == "cuba"
    assert "Havana" in cuba.aliases and "Republic of Cuba" in cuba.aliases
    usa = gaz.get("usa")
    assert {"US", "Washington", "White House", "United States of America"} <= set(usa.aliases)
    assert usa.label not in usa.aliases


def test_every_sovereign_state_is_covered(gaz: Gazetteer) -> None:
    states = gaz.states
    assert 190 <= len(states) <= 200  # UN members plus Palestine, Vatican, Taiwan, Kosovo
    assert len({s.key for s in states}) == len(states)
    assert {"Hong Kong", "Puerto Rico", "Bermuda", "Wales"}.isdisjoint(s.label for s in states)
    # capitals of countries no seed document mentions resolve too
    with_capital = [s for s in states if gaz.lookup(s.label) is s]
    assert len(with_capital) == len(states)


def test_gazetteer_is_cached_and_fast() -> None:
    # a fresh process: importing must not load data, building must stay well under a second
    code = (
        "import sys, time; import kg.entities as e;"
        "assert 'countryinfo' not in sys.modules and 'pandas' not in sys.modules;"
        "t = time.perf_counter(); e.Gazetteer.default(); print(time.perf_counter() - t)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert float(out.stdout) < 1.0
    gaz = Gazetteer.default()
    assert gaz is Gazetteer.default()
    start = time.perf_counter()
    for _ in range(1000):
        gaz.lookup("the Venezuelan military officials")
    assert time.perf_counter() - start < 1.0


# -- find_all: mentions inside running text ----------------------------------------------

def test_find_all_offsets_and_longest_match(gaz: Gazetteer) -> None:
    text = (
        "Cuban officials met the Kremlin's envoy in Beijing, while “Havana” courted "
        "Cuban-Americans and Chinese voters. The People’s Republic of China (PRC) and "
        "U.S.-based firms disagreed; Russian military officials denied it."
    )
    hits = gaz.find_all(text)
    spans = [(text[s:e], ent.label) for s, e, ent in hits]
    assert spans == [
        ("Cuban officials", "Cuba"),
        ("Kremlin's envoy", "Russia"),
        ("Beijing", "China"),
        ("Havana", "Cuba"),
        ("People’s Republic of China", "China"),
        ("PRC", "China"),
        ("U.S.", "United States"),
        ("Russian military officials", "Russia"),
    ]
    starts = [s for s, _, _ in hits]
    assert starts == sorted(starts)
    assert all(e1 <= s2 for (_, e1, _), (s2, _, _) in zip(hits, hits[1:]))  # no overlaps


def test_find_all_ignores_lower_case_words_and_pronouns(gaz: Gazetteer) -> None:
    assert gaz.find_all("they ate turkey from fine china with us") == []


def test_find_all_keeps_sentence_final_abbreviation(gaz: Gazetteer) -> None:
    text = "Moscow denied it. It targeted the U.S."
    assert [text[s:e] for s, e, _ in gaz.find_all(text)] == ["Moscow", "U.S."]


# -- entity_for: canonical or minted -----------------------------------------------------

def test_entity_for_states_and_minted_keys() -> None:
    assert entity_for("Cuban officials").label == "Cuba"
    a = entity_for("The Democratic Party", ner_label="ORG", head_lemma="party")
    b = entity_for("the Democratic Party’s", head_lemma="Party")
    assert a.key == b.key == "democratic-party"
    assert a.label == "Democratic Party" and a.kind == "PoliticalParty"
    assert entity_for("“specific U.S. candidates”", head_lemma="candidate").kind == "Candidate"


@pytest.mark.parametrize(
    ("text", "ner_label", "head", "kind"),
    [
        ("Miguel Díaz-Canel", "PERSON", None, "Person"),
        ("Meta", "ORG", None, "Organisation"),
        ("Cuban-Americans", "NORP", None, "Group"),
        ("Florida", "GPE", None, "Target"),
        ("Congress", "ORG", "Congress", "Institution"),
        ("U.S. voters", None, "voter", "Audience"),
        ("social media accounts", None, "account", "Instrument"),
        ("the 2024 election", None, "election", "Election"),
        ("influence operations", None, "operation", "Operation"),
        ("a fake content campaign", None, "campaign", "Campaign"),
        ("something odd", None, "thing", "Target"),
        ("something odd", None, None, "Target"),
    ],
)
def test_entity_for_kinds(text: str, ner_label: str | None, head: str | None, kind: str) -> None:
    assert entity_for(text, ner_label=ner_label, head_lemma=head).kind == kind


def test_entity_for_person_is_never_a_state() -> None:
    person = entity_for("Washington", ner_label="PERSON")
    assert person.kind == "Person" and person.iso3 is None
    assert entity_for("Washington", ner_label="GPE").label == "United States"


def test_entity_for_merges_defined_acronyms() -> None:
    text = "a report by the Office of the Director of National Intelligence (ODNI). ODNI said"
    defs = acronyms(text)
    short = entity_for("ODNI", ner_label="ORG", acronyms=defs)
    long = entity_for("the Office of the Director of National Intelligence", acronyms=defs)
    assert short == long
    assert short.key == "office-of-the-director-of-national-intelligence"
    assert short.label == "Office of the Director of National Intelligence"
    assert short.aliases == ("ODNI",) and short.kind == "Organisation"
    # without the document's definition the acronym stays its own entity
    assert entity_for("ODNI", ner_label="ORG").key == "odni"


def test_entity_for_expands_acronym_of_a_state_body() -> None:
    defs = acronyms("the Chinese Communist Party (CCP) said")
    assert defs == {"CCP": "Chinese Communist Party"}
    assert entity_for("CCP", ner_label="ORG", acronyms=defs).label == "China"


def test_entity_for_uses_given_gazetteer() -> None:
    empty = Gazetteer([], load_lexicon())
    assert entity_for("Havana", gazetteer=empty).label == "Havana"
    assert isinstance(entity_for("Havana", gazetteer=empty), Entity)


# -- target_kind ------------------------------------------------------------------------

@pytest.mark.parametrize(
    ("head", "kind"),
    [
        ("candidate", "Candidate"),
        ("politicians", "Candidate"),
        ("lawmaker", "Candidate"),
        ("senator", "Candidate"),
        ("official", "Person"),
        ("journalists", "Person"),
        ("party", "PoliticalParty"),
        ("election", "Election"),
        ("midterms", "Election"),
        ("referendum", "Election"),
        ("Congress", "Institution"),
        ("parliament", "Institution"),
        ("system", "Institution"),
        ("institutions", "Institution"),
        ("media", "Institution"),
        ("medium", "Institution"),  # spaCy's lemma of "media"
        ("democracy", "Institution"),
        ("model", None),  # "the democratic model" of a seed sentence: not an institution in general English
        ("voter", "Audience"),
        ("public", "Audience"),
        ("opinion", "Audience"),
        ("perceptions", "Audience"),
        ("communities", "Audience"),
        ("Americans", "Audience"),
        ("operation", "Operation"),
        ("research", "Operation"),
        ("analysis", "Operation"),
        ("campaign", "Campaign"),
        ("accounts", "Instrument"),
        ("profiles", "Instrument"),
        ("bots", "Instrument"),
        ("images", "Instrument"),
        ("disinformation", "Tactic"),
        ("table", None),
        ("", None),
    ],
)
def test_target_kind(head: str, kind: str | None) -> None:
    assert target_kind(head, load_lexicon()) == kind


def test_relational_heads_defer_to_complement() -> None:
    lex = load_lexicon()
    assert is_relational_head("members", lex) and is_relational_head("integrity", lex)
    assert not is_relational_head("candidates", lex)


# -- acronyms ----------------------------------------------------------------------------

@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "according to the Office of the Director of National Intelligence (ODNI), which",
            {"ODNI": "Office of the Director of National Intelligence"},
        ),
        (
            "This is what the Directorate of National Intelligence (ODNI) investigating",
            {"ODNI": "Directorate of National Intelligence"},
        ),
        ("a memo of the National Intelligence Council (NIC).", {"NIC": "National Intelligence Council"}),
        ("with the Department of State (DOS).", {"DOS": "Department of State"}),
        ("the Department of Defense (DoD) said", {"DoD": "Department of Defense"}),
        (
            "the Cybersecurity and Infrastructure Security Agency (CISA) warned",
            {"CISA": "Cybersecurity and Infrastructure Security Agency"},
        ),
        ("FBI (Federal Bureau of Investigation) agents", {"FBI": "Federal Bureau of Investigation"}),
        ("in 2020 (2020) and (R-Fla.) and (see above) and (AFP)", {}),
        ("the Internet Research Agency (IRA) and later the IRA (IRA)", {"IRA": "Internet Research Agency"}),
    ],
)
def test_acronyms(text: str, expected: dict[str, str]) -> None:
    assert acronyms(text) == expected


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("The Democratic Party", "democratic-party"),
        ("  “the Democratic   Party’s” ", "democratic-party"),
        ("Côte d'Ivoire", "cote-d-ivoire"),
        ("U.S. voters", "u-s-voters"),
        ("中华人民共和国", "中华人民共和国"),
    ],
)
def test_slug(text: str, key: str) -> None:
    assert slug(text) == key


def test_slug_never_empty() -> None:
    assert slug("—").startswith("entity-") and slug("—") == slug("—")
