"""One node per actor across documents: which names join, which never do, and why."""

from __future__ import annotations

from kg.entities.registry import EntityRegistry, name_key
from kg.model import Mention


def m(label: str, kind: str, key: str | None = None, resolution: str | None = None) -> Mention:
    from kg.entities import slug

    return Mention(label, 0, len(label), label, kind, key or slug(label), resolution)


def test_legal_forms_and_articles_do_not_make_another_company():
    registry = EntityRegistry()
    first = registry.mention(m("Northwind Trading Ltd", "Company"))
    second = registry.mention(m("the Northwind Trading", "Company"))
    assert second.key == first.key
    assert second.resolution == "same name: 'Northwind Trading Ltd'"


def test_the_same_person_with_and_without_a_patronymic():
    registry = EntityRegistry()
    first = registry.mention(m("Ivan Petrovich Sidorov", "Person"))
    assert registry.mention(m("Ivan Sidorov", "Person")).key == first.key


def test_people_who_share_a_surname_stay_apart():
    registry = EntityRegistry()
    registry.mention(m("Ivan Sidorov", "Person"))
    assert registry.mention(m("Pyotr Sidorov", "Person")).key == "pyotr-sidorov"
    assert registry.mention(m("Sidorov", "Person")).key == "sidorov"


def test_spelling_variants_of_an_organisation_join():
    registry = EntityRegistry()
    first = registry.mention(m("Center for Strategic Communications", "Organisation"))
    joined = registry.mention(m("Centre for Strategic Communications", "Organisation"))
    assert joined.key == first.key and joined.resolution.startswith("near name")


def test_short_or_different_names_do_not_join():
    registry = EntityRegistry()
    registry.mention(m("Acme", "Organisation"))
    assert registry.mention(m("Acne", "Organisation")).key == "acne"
    registry.mention(m("Eastern Media Group", "Organisation"))
    assert registry.mention(m("Western Media Group", "Organisation")).key == "western-media-group"


def test_known_actors_and_states_are_never_rekeyed():
    registry = EntityRegistry({"unit-26165-llc": "Unit 26165"})
    kb = m("Unit 26165", "MilitaryUnit", "unit-26165", "kb: Fancy Bear")
    assert registry.mention(kb) == kb
    state = m("Russia", "State", "russia")
    assert registry.mention(state) == state


def test_stored_nodes_seed_the_registry():
    registry = EntityRegistry({"acme-media-holdings": "Acme Media Holdings"})
    assert registry.mention(m("ACME Media Holdings, LLC", "Company")).key == "acme-media-holdings"


def test_name_keys():
    assert name_key("“The Northwind Trading, Ltd.”") == "northwind trading"
