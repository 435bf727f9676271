"""Document naming facts: short names, translated acronyms, people by surname."""

from __future__ import annotations

from kg.entities import Entity
from kg.entities.names import DocumentNames, person_key, short_names
from kg.lexicon import load_lexicon


class _TinyKB:
    """A knowledge base of two actors, written for these tests."""

    _actors = {
        "APT28": Entity("unit-26165", "Unit 26165", "MilitaryUnit", ("APT28", "Fancy Bear")),
        "Fancy Bear": Entity("unit-26165", "Unit 26165", "MilitaryUnit", ("APT28", "Fancy Bear")),
        "Main Intelligence Directorate": Entity("gru", "GRU", "IntelligenceAgency", ("Main Intelligence Directorate",)),
    }

    def lookup(self, mention: str) -> Entity | None:
        return self._actors.get(mention)

    def find_all(self, text: str) -> list[tuple[int, int, Entity]]:
        return [(text.find(k), text.find(k) + len(k), e) for k, e in self._actors.items() if k in text]


def test_quoted_short_names_point_to_the_name_before_them():
    text = 'Acme Media Holdings LLC (hereinafter, the "Company") paid trolls. The Company denied it.'
    assert short_names(text) == {"Company": "Acme Media Holdings LLC"}
    names = DocumentNames.for_text(text)
    found = names.resolve("The Company")
    assert (found.entity.label, found.rule) == ("Acme Media Holdings LLC", "definition")


def test_a_comma_ends_the_name_before_a_short_name():
    text = 'paid by Ivanov, Northwind Trading Ltd ("Northwind"), and others'
    assert short_names(text) == {"Northwind": "Northwind Trading Ltd"}


def test_translated_acronym_defines_its_english_name():
    names = DocumentNames.for_text("the Federal Security Service (FSB) of Russia. The FSB hired hackers.")
    assert names.entity_for("the FSB").label == "Federal Security Service"


def test_acronym_of_a_single_word_is_not_a_definition():
    assert short_names("the Senate (USA) voted") == {}


def test_defined_acronym_resolves_through_the_knowledge_base():
    names = DocumentNames.for_text("the Main Intelligence Directorate (GRU) hacked", kb=_TinyKB())
    found = names.resolve("GRU")
    assert (found.entity.key, found.rule) == ("gru", "kb")


def test_vendor_names_meet_in_one_node():
    names = DocumentNames.for_text("", kb=_TinyKB())
    assert names.entity_for("Fancy Bear").key == names.entity_for("APT28").key == "unit-26165"


def test_surname_after_full_name_is_the_same_person():
    names = DocumentNames.for_text("", persons=["Ivan Petrovich Sidorov", "Sidorov"])
    assert names.entity_for("Sidorov", ner_label="PERSON").key == "ivan-sidorov"
    assert names.entity_for("Mr. Sidorov").label == "Ivan Sidorov"
    assert names.resolve("Sidorov").rule == "surname"


def test_a_shared_surname_names_neither_person():
    names = DocumentNames.for_text("", persons=["Anna Petrova", "Olga Petrova"])
    assert names.resolve("Petrova", ner_label="PERSON").rule == "minted"


def test_a_name_written_family_name_first_is_taken_up_by_its_first_word():
    names = DocumentNames.for_text("", persons=["Song Kum Hyok", "Song"])
    assert names.resolve("Song", ner_label="PERSON").entity.label == "Song Kum Hyok"
    assert names.resolve("Song").rule == "surname"


def test_someone_elses_surname_wins_over_a_first_word():
    names = DocumentNames.for_text("", persons=["Anna Petrova", "Petrova Smith"])
    assert names.entity_for("Petrova", ner_label="PERSON").label == "Anna Petrova"


def test_person_keys_ignore_titles_and_patronymics():
    lex = load_lexicon()
    assert person_key("General Ivan Ivanovich Sidorov", lex) == ("ivan", "sidorov")
    assert person_key("Sidorov", lex) is None


def test_a_person_is_never_a_state():
    names = DocumentNames.for_text("", persons=["Georgia Smith"])
    assert names.entity_for("Georgia Smith", ner_label="PERSON").kind == "Person"
    assert names.entity_for("Georgia").kind == "State"


def test_the_head_noun_of_an_organisation_named_in_full_points_back_to_it():
    names = DocumentNames.for_text(
        "The Blue Lantern Collective paid influencers. The Collective denied it.",
        organisations=["The Blue Lantern Collective"],
    )
    found = names.resolve("the Collective")
    assert (found.entity.label, found.rule, found.alias) == ("Blue Lantern Collective", "head-noun", "Collective")
    assert names.resolve("Collective").rule == "minted"  # no "the": not a description
    assert names.resolve("the collective").rule == "minted"  # lower case: the common noun


def test_the_head_before_of_is_the_head_and_through_the_knowledge_base():
    names = DocumentNames.for_text(
        "The Main Intelligence Directorate of Russia ran it. The Directorate paid for servers.",
        kb=_TinyKB(),
        organisations=["Main Intelligence Directorate"],
    )
    found = names.resolve("The Directorate")
    assert (found.entity.key, found.rule) == ("gru", "head-noun")


def test_a_head_shared_by_two_organisations_points_to_neither():
    names = DocumentNames.for_text(
        "The Ministry of Defense and the Ministry of Culture met. The Ministry said so.",
        organisations=["Ministry of Defense", "Ministry of Culture"],
    )
    assert names.resolve("the Ministry").rule == "minted"


def test_a_known_body_named_with_its_state_is_the_body():
    kb = _TinyKB()
    kb._actors = {**kb._actors, "Russia's Main Intelligence Directorate": kb._actors["Main Intelligence Directorate"]}
    names = DocumentNames.for_text("Russia's Main Intelligence Directorate hacked the campaign.", kb=kb)
    found = names.resolve("Russia's Main Intelligence Directorate")  # the gazetteer reads Russia in it
    assert (found.entity.key, found.rule) == ("gru", "kb")
    assert names.resolve("Russia").entity.kind == "State"


def test_a_quoted_nickname_is_no_part_of_the_name_a_short_mention_points_back_to():
    # '"Harry" Lu Jianwang ... Lu': the tagger keeps the nickname's closing quote in the span
    names = DocumentNames.for_text("", persons=["Harry” Lu Jianwang", "Yevgeniy “Chef” Prigozhin"])
    assert names.entity_for("Lu", ner_label="PERSON").label == "Lu Jianwang"
    assert names.entity_for("Prigozhin", ner_label="PERSON").label == "Yevgeniy Prigozhin"
