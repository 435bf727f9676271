"""Entities for any mention: the canonical state when there is one, else a minted entity.

A minted entity is keyed by :func:`~kg.entities.slug` of the mention's core text, so "The
Democratic Party" and "the Democratic Party" are one node across claims and documents,
while each claim keeps its own surface text. Its kind comes from the head noun
(:func:`target_kind`) or, failing that, from the named-entity label.
"""

from __future__ import annotations

from collections.abc import Mapping

from kg.entities._text import fold, singular, slug, strip_mention
from kg.entities.gazetteer import Entity, Gazetteer
from kg.lexicon import Lexicon

__all__ = ["target_kind", "is_relational_head", "entity_for", "NER_KINDS"]

#: spaCy (OntoNotes) entity labels → ontology class. A GPE the gazetteer does not resolve
#: is a province or city ("Florida", "Miami"), not a state actor, so it is left to the
#: head noun or the generic Target class.
NER_KINDS: dict[str, str] = {
    "PERSON": "Person",
    "ORG": "Organisation",
    "NORP": "Group",
}


def target_kind(head_lemma: str, lex: Lexicon) -> str | None:
    """Ontology class of a target phrase from its head noun, or None when the head says nothing.

    The table is the lexicon's map class ``target_kinds``, in short:

    ============== ==========================================================
    Candidate      candidate, politician, lawmaker, senator, governor, ...
    Person         official, journalist, activist, dissident, leader, ...
    PoliticalParty party
    Election       election, midterm, vote, ballot, referendum, primary, race
    Institution    congress, parliament, institution, system, government,
                   court, agency, media, democracy, process, policy
    Audience       voter, public, opinion, audience, citizen, community,
                   people, perception, trust, confidence, division; and
                   nationality nouns ("Americans")
    Operation      operation, effort, activity, research, analysis,
                   interference, attack, espionage
    Campaign       campaign
    Instrument     account, profile, bot, network, content, image, video,
                   website, ad, troll, proxy, outlet, post
    Tactic         disinformation, propaganda, narrative, leak, harassment
    State          country, nation
    ============== ==========================================================

    Plurals are accepted ("officials"), so raw words work as well as spaCy lemmas.

    >>> from kg.lexicon import load_lexicon
    >>> lex = load_lexicon()
    >>> [target_kind(w, lex) for w in ("candidates", "midterm", "Congress", "voters", "accounts", "table")]
    ['Candidate', 'Election', 'Institution', 'Audience', 'Instrument', None]
    """
    word = fold(head_lemma).strip()
    if not word:
        return None
    kinds = lex.value_map("target_kinds")
    kind = kinds.get(word) or kinds.get(singular(word))
    if kind:
        return kind
    if Gazetteer.default().is_demonym(word):
        return "Audience"  # "Americans", "Cubans": the people, not the state
    return None


def is_relational_head(head_lemma: str, lex: Lexicon) -> bool:
    """Whether the head names a part or property of its "of" complement.

    For "members of the American media" or "the integrity of the election" the target is
    the complement; callers should type that instead of the head.

    >>> from kg.lexicon import load_lexicon
    >>> lex = load_lexicon()
    >>> is_relational_head("members", lex), is_relational_head("integrity", lex), is_relational_head("voters", lex)
    (True, True, False)
    """
    word = fold(head_lemma)
    heads = lex.words("relational_heads")
    return word in heads or singular(word) in heads


def entity_for(
    text: str,
    *,
    ner_label: str | None = None,
    head_lemma: str | None = None,
    gazetteer: Gazetteer | None = None,
    acronyms: Mapping[str, str] | None = None,
) -> Entity:
    """The entity a mention stands for; never None.

    Parameters
    ----------
    text : str
        The mention as written.
    ner_label : str, optional
        spaCy's entity label for the span. A PERSON span is never resolved to a state
        (George Washington is not the United States).
    head_lemma : str, optional
        Lemma of the phrase's head noun, for :func:`target_kind`.
    gazetteer : Gazetteer, optional
        Defaults to :meth:`Gazetteer.default`.
    acronyms : Mapping[str, str], optional
        The document's definitions from :func:`~kg.entities.acronyms`: an acronym and its
        long form become one entity, keyed and labelled by the long form, with the
        acronym as an alias.

    Returns
    -------
    Entity
        The canonical state when the gazetteer resolves the mention (or its expansion);
        otherwise an entity keyed by :func:`slug` of the text, labelled with the text
        minus determiner, quotes and possessive, typed by head noun, then NER label,
        else ``"Target"``.

    Examples
    --------
    >>> entity_for("the Cuban government").label
    'Cuba'
    >>> e = entity_for("The Democratic Party", head_lemma="party")
    >>> e.key, e.label, e.kind
    ('democratic-party', 'Democratic Party', 'PoliticalParty')
    >>> defs = {"ODNI": "Office of the Director of National Intelligence"}
    >>> entity_for("ODNI", ner_label="ORG", acronyms=defs).key
    'office-of-the-director-of-national-intelligence'
    """
    gazetteer = gazetteer or Gazetteer.default()
    core = strip_mention(text)
    long, short = _expand(core, acronyms or {})
    if ner_label != "PERSON":
        for candidate in dict.fromkeys(c for c in (long, core) if c):
            state = gazetteer.lookup(candidate)
            if state is not None:
                return state
    name = long or core or text.strip()
    kind = (
        (target_kind(head_lemma, gazetteer.lexicon) if head_lemma else None)
        or NER_KINDS.get(ner_label or "")
        or ("Organisation" if short else None)  # an acronym the text defines names a body
        or "Target"
    )
    return Entity(slug(name), name, kind, (short,) if short else ())


def _expand(core: str, acronyms: Mapping[str, str]) -> tuple[str | None, str | None]:
    """(long form, acronym) when *core* is a defined acronym or the long form of one."""
    if core in acronyms:
        return strip_mention(acronyms[core]), core
    folded = fold(core)
    for short, long in acronyms.items():
        if fold(strip_mention(long)) == folded:
            return strip_mention(long), short
    return None, None
