"""Extraction: from a parsed document to influence claims.

:func:`extract_claims` is a pure function of one parsed ``Doc`` (no shared state, no I/O),
so a build can run it in worker processes. Per sentence it asks
:func:`kg.extract.clauses.predications` for predicate–argument structures, resolves the
arguments to entities (:mod:`kg.extract.coref`, :mod:`kg.entities`), and adds negation
and hedges (:mod:`kg.extract.modality`) and attribution (:mod:`kg.extract.attribution`).

Claims with an ontology relation are always yielded; claims with an open relation (the
predicate's lemma stands in) only for plain subject–verb–object clauses between an actor
and a noun phrase, so the graph is not flooded with every verb of the text.
"""

from __future__ import annotations

import re

from collections import ChainMap
from collections.abc import Iterator, Mapping

from spacy.tokens import Doc, Span, Token

from kg.entities import Entity, Gazetteer, target_kind
from kg.entities.kb import KnowledgeBase
from kg.entities.names import DocumentNames
from kg.extract import attribution as _attribution
from kg.extract import modality as _modality
from kg.extract.clauses import Predication, predications
from kg.extract.coref import document_names, group_antecedents, resolve
from kg.extract.predicates.instruments import instrument_owner
from kg.extract.predicates.noun_events import noun_agent
from kg.extract.predicates.repairs import is_misparsed_verb
from kg.entities._text import singular, strip_mention
from kg.extract.spans import char_span, noun_phrase, semantic_head, token_text
from kg.lexicon import Lexicon, load_lexicon
from kg.model import Claim, Hedge, Mention, Predicate
from kg.ontology import relation_family

__all__ = ["ClaimExtractor", "extract_claims", "ACTOR_KINDS", "is_actor"]

#: Entity kinds that can act: subjects of open relations must be one of them.
ACTOR_KINDS = frozenset({
    "State", "Organisation", "Person", "Group", "PoliticalParty",
    # the kinds of the knowledge base of actors
    "IntelligenceAgency", "MilitaryUnit", "Company", "MediaOutlet", "Persona", "Network",
})
#: Kinds of target phrases that name people, who can act ("influencers", "officials").
_PERSON_KINDS = frozenset({"Person", "Candidate"})
# The nouns for agents (actor_nouns) and the other word classes are data: kg/lexicon/words_extract.tsv.
_ACTOR_NER = frozenset({"ORG", "PERSON", "NORP", "GPE"})
#: Entity types of names that never act: dates, amounts, laws, places that are no state.
_NON_ACTOR_ENTS = frozenset({"DATE", "TIME", "CARDINAL", "ORDINAL", "PERCENT", "MONEY", "QUANTITY", "LAW", "LOC", "FAC", "EVENT"})
#: Kinds that never act in a claim of the ontology ("the elections ... undermine").
_NON_AGENT_KINDS = frozenset({"Election", "Audience"})
_NER_FOR_ENTITY = frozenset({"GPE", "NORP", "ORG", "PERSON", "LOC", "FAC", "EVENT", "LAW", "PRODUCT", "WORK_OF_ART"})

#: Confidence features: how the subject was found (direct syntax is surest).
_VIA_PENALTY = {
    "nsubj": 0.0, "agent": 0.0, "patient": 0.0, "copula": 0.0,
    "control": 0.05, "conj": 0.08, "participle": 0.08, "relcl": 0.08, "noun-by": 0.05,
    "possessor": 0.1, "demonym": 0.1, "with": 0.15, "object-control": 0.15, "member": 0.12,
    "event-agent": 0.1, "instrument": 0.1, "role": 0.05,
}


class ClaimExtractor:
    """The extraction stage of the pipeline: :func:`extract_claims` with one lexicon and
    one knowledge base of actors.

    Both are read once, when the extractor is made (in each worker process), and handed
    down to every step; give others to use another lexicon, or the knowledge base with a
    user's own actors (:class:`kg.entities.actor_files.ActorFiles`).

    >>> extractor = ClaimExtractor()
    >>> "appear" in extractor.lexicon.words("hedge_verbs")
    True
    >>> extractor.knowledge_base is KnowledgeBase.default()
    True
    """

    def __init__(self, lexicon: Lexicon | None = None, knowledge_base: KnowledgeBase | None = None) -> None:
        self.lexicon = lexicon if lexicon is not None else load_lexicon()
        self.knowledge_base = knowledge_base if knowledge_base is not None else KnowledgeBase.default()

    def __call__(self, doc: Doc, doc_id: str) -> Iterator[Claim]:
        return extract_claims(doc, doc_id, self.lexicon, self.knowledge_base)


def extract_claims(
    doc: Doc, doc_id: str, lexicon: Lexicon, knowledge_base: KnowledgeBase | None = None
) -> Iterator[Claim]:
    """Yield the influence claims stated in one parsed document.

    Parameters
    ----------
    doc
        A spaCy ``Doc`` with tagger, parser and NER; its text may contain runs of spaces
        where boilerplate was blanked (whitespace tokens are skipped).
    doc_id
        The document's id (``Document.id``), copied into every claim.
    lexicon
        The lexicon (:func:`kg.lexicon.load_lexicon`): relations and every word class;
        tests may give stand-in relations (:meth:`~kg.lexicon.Lexicon.with_lookups`).
    knowledge_base
        The named actors to recognise; None: the package's (:meth:`KnowledgeBase.default`).

    Yields
    ------
    Claim
        One per (subject, predicate, object), with ``start``/``end`` and ``sentence``
        set to the sentence, negation, hedges, attribution and a confidence score.
    """
    names = document_names(doc, kb=KnowledgeBase.default() if knowledge_base is None else knowledge_base)
    resolved = resolve(doc, lexicon, names)
    groups = group_antecedents(doc, resolved, lexicon)
    carried = _attribution.quote_continuations(doc, lexicon)
    text = doc.text  # once: Doc.text joins every token on each access
    for sent in doc.sents:
        words = [t for t in sent if not t.is_space]
        if not words:
            continue
        start, end = words[0].idx, words[-1].idx + len(words[-1].text)
        sentence = text[start:end]
        seen: set[tuple[str, str, int]] = set()
        cache: dict = {}
        for pred in predications(sent, lexicon):
            for readings in _group_readings(pred, resolved, groups):
                claim = _claim(pred, doc_id, start, end, sentence, readings, names, cache, lexicon, carried.get(sent.start))
                if claim is None:
                    continue
                key = (claim.subject.key or claim.subject.text.lower(), claim.predicate.relation or claim.predicate.lemma, claim.object.start)
                if key in seen:
                    continue
                seen.add(key)
                yield claim


def _group_readings(
    pred: Predication, resolved: dict[int, Entity], groups: dict[int, tuple[Entity, ...]]
) -> Iterator[Mapping[int, Entity]]:
    """The resolutions to read ``pred`` with: once as they are, or, when its subject (or the
    subject's possessor or by-agent: "their campaigns", "efforts by these") takes up a
    coordination of actors ("these actors", "they"), once per actor of it."""
    subject = pred.subject
    agents = [c for c in subject.children if c.dep_ == "poss"] + [
        g for c in subject.children if c.dep_ == "prep" and c.lower_ == "by" for g in c.children if g.dep_ == "pobj"
    ]
    anaphor = next((t.i for t in (subject, *agents) if t.i in groups), None)
    if anaphor is None:
        yield resolved
        return
    for actor in groups[anaphor]:
        yield ChainMap({anaphor: actor}, resolved)


def _claim(
    pred: Predication,
    doc_id: str,
    start: int,
    end: int,
    sentence: str,
    resolved: dict[int, Entity],
    names: DocumentNames,
    cache: dict[tuple[int, int], tuple[bool, tuple[Hedge, ...], tuple[str, str | None] | None]],
    lex: Lexicon,
    speaker: _attribution.Attribution | None = None,
) -> Claim | None:
    subject_entity, subject_tokens, subject_via = _subject(pred.subject, resolved, names, (pred.predicate, *pred.chain), lex)
    if subject_entity is None or _garbled(subject_tokens, pred.subject):
        return None
    # "accounts controlled by X": the object of X's claim is the accounts, not the clause
    own_clause = pred.voice == "passive" and pred.predicate.dep_ == "acl" and pred.predicate.head.i == pred.object.i
    folded = pred.predicate.i < pred.object.i and pred.predicate in pred.object.subtree
    after = pred.predicate.i if folded else -1
    # "portray the model as chaotic": what the model is framed as is not part of it
    framed = pred.predicate.lemma_.lower() in lex.words("framing_verbs")
    before = next((c.i for c in pred.object.children if c.dep_ == "prep" and c.lower_ == "as"), None) if framed else None
    object_entity, object_tokens = _object(pred.object, resolved, names, lex, compact=own_clause, after=after, before=before)
    if pred.object.i == pred.predicate.i:
        # "Russia's campaign": the activity is the object; its agent is not part of it
        agent = {t.i for t in pred.subject.subtree}
        object_tokens = [t for t in object_tokens if t.i not in agent and t.dep_ != "case"]
    if object_entity is None or _vacuous_activity(pred, object_tokens, lex) or _mere_number(pred.object, lex):
        return None
    if _stranded_preposition(object_tokens):
        return None  # "conducted surveillance of and harassed X": the object is elsewhere
    if subject_entity.key == object_entity.key:
        return None
    if subject_entity.kind in _NON_AGENT_KINDS:
        return None
    if pred.relation is not None and _reporting_government(subject_entity, subject_tokens, lex):
        return None  # "the FBI worked with partners", "the United States will disrupt": the reporter
    if subject_via is None and relation_family(pred.relation) not in {None, "affiliatedWith"}:
        agent = _activity_agent(pred.subject, lex)
        if agent is not None:
            found, _, _ = _subject(agent, resolved, names, (), lex)
            if found is not None and found.key != object_entity.key and is_actor(found, agent, lex):
                # "the DPRK's malicious cyber activities targeted X": whoever conducts the
                # activities acts (the text stays the activity's)
                subject_entity, subject_via = found, "activity-agent"
    if subject_via is None and relation_family(pred.relation) not in {None, "affiliatedWith"}:
        owner = _owner_entity(pred.subject, resolved, names, lex)
        if owner is not None and owner.key != object_entity.key:
            # "MSS-run pages targeted X": the instrument's owner acts (the text stays the instrument's)
            subject_entity, subject_via = owner, "owner"
    if subject_via is None and pred.subject_via in {"nsubj", "relcl", "participle"} and _is_content(pred.subject, lex):
        return None  # published content never acts: "content that denigrated X" is its spreader's claim
    if subject_via is None and _unspecific_subject(pred, subject_tokens, names.gazetteer, lex):
        return None  # "Foreign governments do this through harassment", "and other countries"
    if pred.relation == "supports" and _own_effort(pred.object, subject_entity, resolved, names, lex):
        return None  # "conduct cyber activity to support their disinformation efforts"
    if not is_actor(subject_entity, pred.subject, lex) and not _instrument_subject(subject_entity, pred.subject, lex):
        return None  # "approximately 14 years", "the strategic goal": no one acts
    if pred.relation is None and not _open_relation_ok(pred, subject_entity, lex):
        return None
    if pred.subject_via == "role" and not (is_actor(object_entity, pred.object, lex) and is_actor(subject_entity, pred.subject, lex)):
        return None  # "a member of the public", "the head of the table" tie no actors
    if pred.subject_via == "patient" and relation_family(pred.relation) == "affiliatedWith" and not is_actor(object_entity, pred.object, lex):
        return None  # "images created by artificial intelligence" is no affiliation
    if pred.voice == "passive" and pred.subject_via in {"agent", "member"} and not is_actor(subject_entity, pred.subject, lex):
        return None  # nor does the tool act: "images generated by artificial intelligence"
    subject = _mention(subject_tokens, subject_entity, _resolution(subject_tokens, subject_entity, subject_via, names))
    obj = _mention(object_tokens, object_entity, _resolution(object_tokens, object_entity, None, names))
    predicate = _predicate(pred)
    # coordinated arguments share one predicate: look its modality and source up once
    key = (pred.predicate.i, pred.chain[-1].i)
    if key not in cache:
        hedges = _hedges(pred, lex)
        scope = _modality.scope_chain(pred.predicate)  # once for the frame checks below
        # Not asserted: denied, judged improbable, or only the consequent of a conditional.
        negated = (
            _modality.is_negated(pred.predicate, lex)
            or _modality.is_improbable(hedges)
            or _modality.is_hypothetical(pred.predicate, lex)
            or _modality.is_condition(pred.predicate, lex, scope)
            or _modality.is_norm(pred.predicate, lex, scope)
            or _modality.is_false_report(pred.predicate, lex)
            or _modality.is_forecast(pred.predicate, lex)
            or _modality.is_capability(pred.predicate, lex)
        )
        cache[key] = (negated, hedges, _source(pred, names, lex, speaker))
    negated, hedges, source = cache[key]
    via = subject_via or pred.subject_via
    confidence = _confidence(pred, via, subject_entity)
    return Claim(
        doc=doc_id,
        start=start,
        end=end,
        sentence=sentence,
        subject=subject,
        predicate=predicate,
        object=obj,
        negated=negated,
        hedges=hedges,
        attribution=source[0] if source else None,
        attribution_label=source[1] if source else None,
        confidence=confidence,
        extras={"voice": pred.voice, "subject_via": via, "svo": pred.svo},
    )


# ---------------------------------------------------------------------------- arguments


def _named_entity_label(head: Token) -> str | None:
    return head.ent_type_ or None


def _lookup_phrase(tokens: list[Token], head: Token, names: DocumentNames) -> Entity | None:
    """The state or known actor a phrase names, trying it whole and then without leading modifiers."""
    head_pos = next(k for k, t in enumerate(tokens) if t.i == head.i)
    for k in range(0, head_pos + 1):
        found = names.known(token_text(tokens[k:]))
        if found is not None:
            return found.entity
    if head_pos + 1 < len(tokens):
        # "Iranian malicious cyber actors in late June": the phrase up to its head
        for k in range(0, head_pos + 1):
            found = names.known(token_text(tokens[k : head_pos + 1]))
            if found is not None:
                return found.entity
    return None


def _subject(
    head: Token, resolved: dict[int, Entity], names: DocumentNames, predicates: tuple[Token, ...], lex: Lexicon
) -> tuple[Entity | None, list[Token], str | None]:
    gazetteer = names.gazetteer
    tokens = noun_phrase(head, lex, compact=True)
    inside = {t.i for t in tokens}
    cut = min((p.i for p in predicates if p.i > head.i and p.i in inside), default=None)
    if cut is not None:
        # a repaired verb inside the subject's misparsed phrase: the subject ends before it
        tokens = [t for t in tokens if t.i < cut]
    via = None
    entity = resolved.get(head.i)
    if head.pos_ in {"PRON", "DET"} or head.lower_ in lex.words("referring_pronouns"):
        return entity, tokens, "coref" if entity else None
    if any(c.dep_ == "det" and c.lower_ in lex.words("generic_determiners") for c in head.children):
        return None, tokens, None  # "any person who ...": no one in particular acts
    appositive = _described_name(head, resolved, names, lex) or _named_in_apposition(head, resolved, names, lex)
    if appositive is not None:
        # "Song Kum Hyok, a North Korean cyber actor associated with X": the named one acts;
        # so does the one named beside a description ("foreign adversaries, particularly Russia")
        return appositive, tokens, "appos"
    if entity is not None and any(c.dep_ == "prep" and c.lower_ == "of" and c.i in inside for c in head.children):
        # a phrase that names its actor outright ("the Government of Iran") is that actor,
        # whatever an earlier "U.S. government" made the repeated head noun point to
        named = _lookup_phrase(tokens, head, names)
        if named is not None:
            return named, tokens, None
    if entity is None:
        entity = _lookup_phrase(tokens, head, names)
    if entity is None and gazetteer.is_demonym(head.text) and all(t.i == head.i or t.lower_ == "the" for t in tokens):
        # the agent of "Cuban interference" is the state the adjective names; so is the
        # actor of "the Russians have used similar tactics" (a people acts through its state)
        entity = _state_of_demonym(head.text, gazetteer)
    if entity is None:
        owner = _member_owner(head, resolved, names, lex)
        if owner is not None:
            return owner, tokens, "possessor"
        tokens = _without_parent(head, tokens, resolved, names, lex)
        text = token_text(_name_only(head, tokens))
        entity = names.entity_for(text, ner_label=_named_entity_label(head), head_lemma=head.lemma_.lower())
    elif head.pos_ in {"PRON", "NOUN"} and resolved.get(head.i) is not None and names.known(token_text(tokens)) is None:
        via = "coref"
    return entity, tokens, via


def _state_of_demonym(word: str, gazetteer: Gazetteer) -> Entity | None:
    """The state a demonym names, singular or plural ("Cuban", "the Russians")."""
    singular_form = singular(word)
    adjective = singular_form if singular_form != word and gazetteer.is_demonym(singular_form) else word
    return gazetteer.lookup(f"the {adjective} government")


def _described_name(head: Token, resolved: dict[int, Entity], names: DocumentNames, lex: Lexicon) -> Entity | None:
    """The name an appositive description stands beside: in "the Social Design Agency, a
    Moscow-based company that ran ...", the company that ran it is the agency. So is a
    capitalised title: "X is the Deputy Editor-in-Chief of RT, who reported to ..."."""
    if head.pos_ != "NOUN" and not (head.pos_ == "PROPN" and head.lemma_.lower() in lex.words("role_nouns")):
        return None
    if head.dep_ == "attr" and head.head.lemma_ == "be":
        # "APT31 is a hacking group that targeted X": the group the copula names is APT31
        name = next((c for c in head.head.children if c.dep_ == "nsubj"), None)
        if name is None:
            return None
    elif head.dep_ == "appos":
        name = head.head
    else:
        return None
    found = resolved.get(name.i)
    if found is not None:
        return found
    if name.pos_ == "PROPN" or name.ent_type_ in _ACTOR_NER:
        tokens = [t for t in noun_phrase(name, lex, compact=True) if t.i < head.i and not t.is_punct]
        return names.entity_for(token_text(tokens), ner_label=_named_entity_label(name), head_lemma=name.lemma_.lower())
    return None


def _named_in_apposition(head: Token, resolved: dict[int, Entity], names: DocumentNames, lex: Lexicon) -> Entity | None:
    """The actor a common-noun phrase is given a name by, in apposition: "foreign
    adversaries, particularly Russia", "the company, Acme Media"."""
    if head.pos_ != "NOUN":
        return None
    for child in head.children:
        if child.dep_ == "appos" and (child.pos_ == "PROPN" or child.ent_type_ in _ACTOR_NER):
            if child.i in resolved:
                return resolved[child.i]
            text = token_text([t for t in noun_phrase(child, lex, compact=True) if not t.is_punct])
            known = names.known(text)
            if known is not None:
                return known.entity
            if child.ent_type_ not in _NON_ACTOR_ENTS:
                # "a Russian FSB officer (FSB Officer 1)", "the company, Acme Media": the name
                return names.entity_for(text, ner_label=_named_entity_label(child), head_lemma=head.lemma_.lower())
    return None


def _without_parent(head: Token, tokens: list[Token], resolved: dict[int, Entity], names: DocumentNames, lex: Lexicon) -> list[Token]:
    """A name without the known body it belongs to: "Unit 26165 of the GRU" is the unit,
    named "Unit 26165"; "Ministry of State Security" keeps its "of" (no body is named there).
    So is a part of an organisation: "two bureaus of the MSS" are "two bureaus"."""
    part = not _is_name(head)
    if part and head.lemma_.lower() not in lex.words("organisation_part_nouns"):
        return tokens
    for prep in head.rights:
        if prep.dep_ != "prep" or prep.lower_ != "of":
            continue
        pobj = next((c for c in prep.children if c.dep_ == "pobj"), None)
        if pobj is None:
            continue
        if not part and not any(c.dep_ == "det" for c in pobj.children):
            continue  # "Ministry of State Security": the "of" phrase is part of the name
        numbered = any(c.dep_ == "nummod" for c in head.children)
        named = pobj.pos_ == "PROPN" or pobj.ent_type_ in _ACTOR_NER
        known = resolved.get(pobj.i) or names.known(token_text(noun_phrase(pobj, lex, compact=True)))
        if known is not None or (numbered and named):
            return [t for t in tokens if t.i < prep.i]
    return tokens


def _name_only(head: Token, tokens: list[Token]) -> list[Token]:
    """A proper name without the description before it: "Russian national Natalia
    Burlinova" is Natalia Burlinova, "Russian oligarch Yevgeniy Prigozhin" is Prigozhin."""
    if head.pos_ != "PROPN":
        return tokens
    start = head.i
    while start - 1 >= tokens[0].i and (head.doc[start - 1].pos_ == "PROPN" or head.doc[start - 1].text[:1].isupper()):
        start -= 1
    if start == tokens[0].i or not any(t.pos_ in {"NOUN", "ADJ"} and t.text[:1].islower() and t.i < start for t in tokens):
        return tokens
    return [t for t in tokens if t.i >= start]


def _is_name(head: Token) -> bool:
    """A proper name, or a capitalised noun with a number ("Unit 26165", "Bureau 121")."""
    if head.pos_ == "PROPN":
        return True
    return head.text[:1].isupper() and any(c.dep_ == "nummod" and c.i > head.i for c in head.children)


def _member_owner(head: Token, resolved: dict[int, Entity], names: DocumentNames, lex: Lexicon) -> Entity | None:
    """The body whose people act in "its operators", "the firm's employees",
    "Spamouflage's operators": people named only by their role in an organisation act
    for it, so the possessor is the actor (the surface phrase is kept as the mention).
    So does the owner of published content: "the network's videos denigrated X"."""
    lemma = head.lemma_.lower()
    if head.pos_ != "NOUN":
        return None
    if _is_content(head, lex) or target_kind(lemma, lex) == "Instrument":
        # "its accounts", "the network's videos": an instrument acts for whoever owns it
        owner = next((c for c in head.children if c.dep_ == "poss"), None)
    elif lemma in lex.words("member_nouns") or singular(lemma) in lex.words("member_nouns"):
        owner = _owner_of_member(head)
    else:
        return None
    if owner is None:
        return None
    found = resolved.get(owner.i)
    if found is not None or (owner.pos_ != "PROPN" and owner.ent_type_ not in _ACTOR_NER):
        return found  # a common-noun owner names no one ("the campaign's")
    name = [t for t in owner.subtree if t.dep_ != "case"]
    return names.entity_for(token_text(name), ner_label=_named_entity_label(owner), head_lemma=owner.lemma_.lower())


def _owner_of_member(head: Token) -> Token | None:
    """Who a role noun's people belong to: the possessor ("the firm's employees"), a name
    before it ("GRU officers") or an "of" complement ("officers of Unit 74455")."""
    owner = next((c for c in head.children if c.dep_ == "poss"), None)
    if owner is not None:
        return owner
    names = [c for c in head.lefts if c.dep_ in {"compound", "nmod"} and (c.pos_ == "PROPN" or c.ent_type_ in _ACTOR_NER)]
    if names:
        return names[-1]
    for prep in head.rights:
        if prep.dep_ == "prep" and prep.lower_ == "of":
            pobj = next((c for c in prep.children if c.dep_ == "pobj"), None)
            if pobj is not None and (pobj.pos_ == "PROPN" or pobj.ent_type_ in _ACTOR_NER):
                return pobj
    return None


def _object(
    head: Token,
    resolved: dict[int, Entity],
    names: DocumentNames,
    lex: Lexicon,
    compact: bool = False,
    after: int = -1,
    before: int | None = None,
) -> tuple[Entity | None, list[Token]]:
    """The object's entity and words; ``after`` drops the words up to a repaired verb the
    parser folded into the phrase ("and targeted members" is about "members"), ``before``
    the words from a complement on ("as chaotic")."""
    gazetteer = names.gazetteer
    tokens = [t for t in noun_phrase(head, lex, compact=compact) if after < t.i and (before is None or t.i < before)]
    text = token_text(tokens)
    if head.pos_ == "PRON" or head.lower_ in lex.words("referring_pronouns"):
        return resolved.get(head.i), tokens
    described = _described_name(head, resolved, names, lex)
    if described is not None:
        return described, tokens  # "RT, a state-run news organization": the description is RT
    known = names.known(text)
    entity = known.entity if known is not None else None
    if entity is None and len(tokens) == 1 and gazetteer.is_demonym(head.text):
        # "Iranian" in "Iranian-linked accounts" names the state
        entity = gazetteer.lookup(f"the {head.text} government")
    if entity is None and head.ent_type_ in _NER_FOR_ENTITY and len(tokens) <= 4:
        entity = resolved.get(head.i)
    if entity is None:
        # "Kremlin-linked oligarch Yevgeniy Prigozhin" is Prigozhin, as a subject would be
        text = token_text(_name_only(head, tokens))
        known = names.known(text)
        entity = known.entity if known is not None else None
    if entity is None:
        entity = names.entity_for(text, ner_label=_named_entity_label(head), head_lemma=head.lemma_.lower())
    return entity, tokens


#: The state whose government writes the reporting kg reads (its bodies are sources).
_REPORTING_STATE = "united-states"
_US_PREFIX = re.compile(r"^(?:the\s+)?(?:u\.?s\.?|us|united states)(?:\s+government's|'s|’s)?\s+", re.IGNORECASE)
_BRACKETED_TAIL = re.compile(r"\s*\([^)]*\)$")


def _reporting_government(entity: Entity, tokens: list[Token], lex: Lexicon) -> bool:
    """Whether the subject is the reporting government or one of its bodies: the United
    States, a body the knowledge base places under it (CIA, NSA, ODNI), or a name of the
    ``reporting_government_bodies`` class (the FBI, Treasury, the court, the grand jury).
    They investigate, charge and report; a typed claim never makes them the actor."""
    if _REPORTING_STATE in {entity.key, entity.affiliated_with}:
        return True
    bodies = lex.words("reporting_government_bodies")
    for text in (entity.label, token_text(tokens)):
        name = _US_PREFIX.sub("", strip_mention(text)).lower()
        if name in bodies or _BRACKETED_TAIL.sub("", name) in bodies:
            return True
    return False


def _unspecific_subject(pred: Predication, tokens: list[Token], gazetteer: Gazetteer, lex: Lexicon) -> bool:
    """A subject that names a kind, not an actor the text can point to: a bare plural with
    no name in it, either a list's "other" member ("China, Iran, and other countries") or
    the subject of a generic present ("Foreign governments do this through harassment";
    "foreign actors have sought to ..." is an event and stays) or of a hypothetical
    relative clause ("criminals who would undermine democracies")."""
    head = pred.subject
    if head.pos_ != "NOUN" or head.tag_ != "NNS":
        return False
    if any(t.pos_ == "PROPN" or t.ent_type_ in {"NORP", "GPE", "ORG"} or gazetteer.is_demonym(t.text) for t in tokens):
        return False  # "Russian operatives", "GRU officers", "Azerbaijani state media": named
    if any(c.dep_ in {"det", "poss", "nummod"} for c in head.children):
        return False  # "these actors", "its operatives", "two hackers": someone in particular
    if any(c.dep_ == "amod" and c.lower_ in lex.words("unspecific_modifiers") for c in head.children):
        return True
    if pred.subject_via == "relcl" and any(c.dep_ == "aux" and c.lower_ in lex.words("hedging_modals") for c in pred.predicate.children):
        return True  # "hold accountable cyber criminals who would undermine democracies": any such
    verb = next((t for t in (pred.predicate, *pred.chain) if t.pos_ in {"VERB", "AUX"} and any(c.i == head.i for c in t.children)), None)
    if verb is None:
        return False
    auxiliaries = [c for c in verb.children if c.dep_ in {"aux", "auxpass"}]
    return verb.tag_ in {"VBP", "VBZ"} and not auxiliaries  # a generic present


def _own_effort(obj: Token, subject: Entity, resolved: dict[int, Entity], names: DocumentNames, lex: Lexicon) -> bool:
    """"support their disinformation efforts", "to prop up its regime", "to further the
    Kremlin's agenda" (of Russia): an actor's support of its own activity or aim is no
    claim beside the activity itself."""
    if obj.lemma_.lower() not in lex.words("own_effort_nouns"):
        return False
    for owner in (c for c in obj.children if c.dep_ == "poss"):
        if owner.pos_ == "PRON":
            return True
        entity = resolved.get(owner.i)
        if entity is None:
            named = names.known(token_text([t for t in owner.subtree if t.dep_ != "case"]))
            entity = named.entity if named is not None else None
        if entity is not None and entity.key == subject.key:
            return True
    return False


def _stranded_preposition(tokens: list[Token]) -> bool:
    """An object phrase that ends in a preposition without its object ("surveillance
    of" in "conducted surveillance of and harassed residents") names nothing whole."""
    last = tokens[-1] if tokens else None
    return last is not None and last.pos_ == "ADP" and last.dep_ == "prep" and not any(c.dep_ in {"pobj", "pcomp"} for c in last.children)


def _garbled(tokens: list[Token], head: Token) -> bool:
    """A subject phrase whose modifiers hide a verb is a misparse, never an actor:
    "friendly and targeted members" (a coordinated verb folded in), "accounts amplified
    claims" parsed as "amplified claims" (a finite past tense cannot modify a noun)."""
    return any(
        t.i < head.i and (is_misparsed_verb(t) or (t.dep_ == "amod" and t.tag_ == "VBD")) for t in tokens
    )


def _vacuous_activity(pred: Predication, object_tokens: list[Token], lex: Lexicon) -> bool:
    """"continued their efforts", "its activities have been observed": an operation noun
    with nothing but a determiner or possessive says no more than that the actor acts.
    The nouns too general to name an operation on their own are the lexicon's
    ``framing_nouns`` and ``general_activity_nouns``."""
    noun = semantic_head(pred.object, lex)
    lemma = noun.lemma_.lower()
    if relation_family(pred.relation) != "conducts" or (
        lemma not in lex.words("framing_nouns") and lemma not in lex.words("general_activity_nouns")
    ):
        return False
    # "a variety of activities", "a number of efforts": a quantity says no more
    quantity = {t.i for t in object_tokens if t.i < noun.i and (t.lemma_.lower() in lex.words("quantity_nouns") or t.lower_ == "of")}
    return all(t.i in {noun.i, *quantity} or t.dep_ in {"det", "poss", "case"} or t.is_punct for t in object_tokens)


def _mere_number(head: Token, lex: Lexicon) -> bool:
    """"CVE-2017-9248" split by the tokenizer leaves "9248": a bare number is no object."""
    return head.like_num and semantic_head(head, lex).i == head.i


def _activity_agent(head: Token, lex: Lexicon) -> Token | None:
    """Who conducts an activity named as a subject: the agent its phrase names (see
    :func:`~kg.extract.predicates.noun_events.noun_agent`: "*the DPRK's* activities", "operations *by the
    GRU*", "*Russian* operations"), or an actor in its "of" phrase ("the activities *of
    these actors*")."""
    noun = semantic_head(head, lex)
    if noun.pos_ != "NOUN" or noun.lemma_.lower() not in lex.words("activity_nouns"):
        return None
    agent = noun_agent(noun, lex)
    if agent is not None and agent[0].lower_ not in lex.words("referring_pronouns"):
        return agent[0]
    for child in noun.children:
        if child.dep_ == "prep" and child.lower_ == "of":
            pobj = next((c for c in child.children if c.dep_ == "pobj"), None)
            if pobj is not None and (
                pobj.pos_ == "PROPN" or pobj.ent_type_ in _ACTOR_NER or pobj.lemma_.lower() in lex.words("actor_nouns")
            ):
                return pobj
    return None


def _owner_entity(head: Token, resolved: dict[int, Entity], names: DocumentNames, lex: Lexicon) -> Entity | None:
    """The actor that runs the instrument a subject names, when the phrase names one."""
    if target_kind(semantic_head(head, lex).lemma_.lower(), lex) != "Instrument":
        return None
    owner = instrument_owner(head, lex)
    if owner is None:
        return None
    found = resolved.get(owner.i)
    if found is not None:
        return found
    text = token_text(noun_phrase(owner, lex, compact=True))
    known = names.known(text) or names.known(f"the {owner.text} government")
    return known.entity if known is not None else names.entity_for(text, ner_label=_named_entity_label(owner), head_lemma=owner.lemma_.lower())


def _is_content(head: Token, lex: Lexicon) -> bool:
    """Whether a phrase names published content (videos, posts, narratives, documents)."""
    if head.ent_type_ in _ACTOR_NER or head.pos_ == "PROPN":
        return False
    lemma = semantic_head(head, lex).lemma_.lower()
    return "content" in lex.object_classes(lemma) or "content" in lex.object_classes(singular(lemma))


#: Things that may stand as a subject for their unnamed operator: an instrument ("the
#: accounts targeted X") or a named campaign. A bare activity ("malicious cyber
#: activities targeted X", "a whole-of-government effort") only stands for its agent.
_STANDING_KINDS = frozenset({"Instrument", "Campaign"})


def _instrument_subject(entity: Entity, head: Token, lex: Lexicon) -> bool:
    """Accounts, networks, sites and other operated instruments may stand as subjects
    (their operator is not always named); published content may not (see _is_content)."""
    return entity.kind in _STANDING_KINDS or target_kind(semantic_head(head, lex).lemma_.lower(), lex) in _STANDING_KINDS


def is_actor(entity: Entity, head: Token, lex: Lexicon) -> bool:
    """Whether a phrase names something that can act: a state, organisation or person
    (gazetteer, entity kind or named-entity label) or a general agent noun (operatives,
    a company, accounts, a network)."""
    if entity.kind in ACTOR_KINDS or entity.kind in _PERSON_KINDS:
        return True
    sem = semantic_head(head, lex)
    if sem.ent_type_ in _ACTOR_NER or head.ent_type_ in _ACTOR_NER:
        return True
    if sem.pos_ == "PROPN" and sem.ent_type_ not in _NON_ACTOR_ENTS:
        return True  # a name the NER missed ("Natalia Burlinova")
    lemma = sem.lemma_.lower()
    nouns = lex.words("actor_nouns")
    return lemma in nouns or singular(lemma) in nouns


def _mention(tokens: list[Token], entity: Entity, resolution: str | None = None) -> Mention:
    start, end = char_span(tokens)
    return Mention(
        text=token_text(tokens), start=start, end=end, label=entity.label, kind=entity.kind, key=entity.key,
        resolution=resolution,
    )


def _resolution(tokens: list[Token], entity: Entity, via: str | None, names: DocumentNames) -> str | None:
    """Why a mention's text became this entity, for the claim's provenance: the rule of
    :class:`~kg.entities.names.DocumentNames` and its alias, or the syntactic link
    (coreference, possessor, apposition) that carried the entity over."""
    if via is not None:
        return via
    found = names.known(token_text(tokens))
    if found is None or found.entity.key != entity.key:
        return None if entity.label == token_text(tokens) else "name"
    return f"{found.rule}: {found.alias}" if found.alias else found.rule


def _open_relation_ok(pred: Predication, subject: Entity, lex: Lexicon) -> bool:
    # open relations only from plain SVO clauses between an actor and a noun phrase
    if not pred.svo or pred.lemma in lex.words("empty_verbs") or pred.predicate.pos_ != "VERB":
        return False
    if subject.kind not in ACTOR_KINDS:
        return False
    return pred.object.pos_ in {"NOUN", "PROPN"} and pred.object.lower_ not in lex.words("referring_pronouns")


# ---------------------------------------------------------------------------- predicate, modality


def _predicate(pred: Predication) -> Predicate:
    tokens = {pred.predicate.i: pred.predicate}
    for tok in pred.chain:
        tokens[tok.i] = tok
    for tok in list(tokens.values()):
        for child in tok.children:
            if child.dep_ == "prt" or (child.dep_ == "aux" and child.lower_ == "to"):
                tokens[child.i] = child
    chosen = sorted(tokens.values(), key=lambda t: t.i)
    text = token_text(chosen)
    if pred.preposition and pred.voice != "passive":
        text = f"{text} {pred.preposition}"
    start, end = char_span(chosen)
    return Predicate(text=text, lemma=pred.lemma, relation=pred.relation, start=start, end=end)


def _hedges(pred: Predication, lex: Lexicon) -> tuple[Hedge, ...]:
    hedges: list[Hedge] = []
    texts: set[str] = set()
    for hedge in _modality.hedges_for(pred.predicate, lex):
        if hedge.text.lower() not in texts:
            texts.add(hedge.text.lower())
            hedges.append(hedge)
    return tuple(hedges)


def _source(
    pred: Predication, names: DocumentNames, lex: Lexicon, speaker: _attribution.Attribution | None = None
) -> tuple[str, str | None] | None:
    """The claim's source: from its own sentence, else the speaker whose quote it continues."""
    for tok in (pred.predicate, *pred.chain):
        found = _attribution.attribution_for(tok, lex)
        if found is not None:
            return found.text, _source_label(found.text, found.span, names)
    if speaker is not None:
        return speaker.text, _source_label(speaker.text, speaker.span, names)
    if pred.subject_via == "attributed":
        # "Meta attributed the network to X": the attributor is the source of the tie
        own = next((c for c in pred.predicate.children if c.dep_ == "nsubj"), None)
        found = _attribution.source_for_subject(own) if own is not None else None
        if found is not None:
            return found.text, _source_label(found.text, found.span, names)
    if pred.subject_via == "object-control":
        # a legal frame ("Treasury sanctioned X for ...", "an indictment charging X with
        # ..."): whoever charges is the source of what X is said to have done; so is who
        # saw it ("the IC has been observing adversaries conducting ...")
        for tok in pred.chain:
            if tok.pos_ not in {"VERB", "AUX"}:
                continue
            lemma = tok.lemma_.lower()
            if lemma in lex.words("accusation_verbs"):
                found = _attribution.charging_source(tok)
            elif lemma in lex.words("perception_verbs"):
                seer = next((c for c in tok.children if c.dep_ == "nsubj"), None)
                found = _attribution.source_for_subject(seer) if seer is not None else None
            else:
                continue
            if found is not None:
                return found.text, _source_label(found.text, found.span, names)
    accuser = _accusing_verb(pred.subject, lex)
    if accuser is not None:
        # "Treasury designated three nationals linked to the IRA": the tie stated of those
        # designated is the designator's claim
        found = _attribution.charging_source(accuser)
        if found is not None:
            return found.text, _source_label(found.text, found.span, names)
    return None


def _accusing_verb(subject: Token, lex: Lexicon) -> Token | None:
    """The verb of charging or sanctioning whose object the subject is, if any."""
    if subject.dep_ not in {"dobj", "nsubjpass"}:
        return None
    verb = subject.head
    return verb if verb.pos_ == "VERB" and verb.lemma_.lower() in lex.words("accusation_verbs") else None


def _source_label(text: str, span: Span | None, names: DocumentNames) -> str | None:
    known = names.known(text)
    if known is not None:
        return known.entity.label
    if span is None:
        return None
    # the first named entity of the source phrase ("a report by the Office of ...")
    named = [t for t in span if t.ent_type_ in {"ORG", "GPE", "PERSON", "NORP"}]
    if not named:
        return None
    first = named[0]
    tokens = [first]
    for tok in span[first.i - span.start + 1 :]:
        if tok.ent_iob_ != "I":
            break
        tokens.append(tok)
    opened = next((k for k, t in enumerate(tokens) if t.text == "("), None)
    if opened and not any(t.text == ")" for t in tokens[opened:]):
        tokens = tokens[:opened]  # the NER's entity ends inside "(ODNI)": the name is before it
    return names.entity_for(token_text(tokens), ner_label=first.ent_type_, head_lemma=tokens[-1].lemma_.lower()).label


def _confidence(pred: Predication, via: str, subject: Entity) -> float:
    """The extractor's confidence in the structure it found, from simple features."""
    score = 0.6
    score += 0.15 if pred.relation is not None else -0.15
    score -= _VIA_PENALTY.get(via, 0.1)
    if via == "coref":
        score -= 0.1
    score -= 0.04 * max(0, len(pred.chain) - 2)
    if subject.kind == "State":
        score += 0.1
    if pred.voice == "nominal":
        score -= 0.05
    return round(min(0.95, max(0.05, score)), 3)
