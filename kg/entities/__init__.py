"""Canonical actors and targets: who a mention names, whatever words the text uses.

"Havana", "the Cuban government", "the Castro regime's officials in Havana" and "Cuban
officials" are all the actor Cuba, while each claim keeps its own surface text. States
come from installed country data (``countryinfo``, ``country_converter``) for every
sovereign state, with capitals, demonyms and seats of government; organisations and
people are minted from the text, and an acronym the document defines is merged with its
long form.

Public API
----------
:class:`Entity`, :class:`Gazetteer` (``default``, ``lookup``, ``find_all``),
:class:`KnowledgeBase` (named non-state actors: ``default``, ``load``, ``lookup``, ``get``,
``chain``, ``find_all``; data in ``kg/lexicon/actors/``),
:func:`entity_for`, :func:`target_kind`, :func:`is_relational_head`, :func:`acronyms`,
:func:`slug`, :func:`strip_mention`. Nothing is loaded at import time; the gazetteer is built on first use.
"""

from __future__ import annotations

from kg.entities._text import slug, strip_mention
from kg.entities.acronyms import acronyms
from kg.entities.gazetteer import Entity, Gazetteer
from kg.entities.kb import KnowledgeBase
from kg.entities.targets import NER_KINDS, entity_for, is_relational_head, target_kind

__all__ = [
    "Entity",
    "Gazetteer",
    "KnowledgeBase",
    "entity_for",
    "target_kind",
    "is_relational_head",
    "acronyms",
    "slug",
    "strip_mention",
    "NER_KINDS",
]
