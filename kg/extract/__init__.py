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

from collections.abc import Iterator

from spacy.tokens import Doc, Span, Token

from kg.entities import Entity, Gazetteer, entity_for
from kg.extract import attribution as _attribution
from kg.extract import modality as _modality
from kg.extract.clauses import Lexicon, Predication, noun_agent, predications
from kg.extract.coref import resolve
from kg.extract.spans import char_span, noun_phrase, token_text
from kg.model import Claim, Hedge, Mention, Predicate

__all__ = ["extract_claims", "ACTOR_KINDS"]

#: Entity kinds that can act: subjects of open relations must be one of them.
ACTOR_KINDS = frozenset({"State", "Organisation", "Person", "Group", "PoliticalParty"})
#: Kinds that never act in a claim of the ontology ("the elections ... undermine").
_NON_AGENT_KINDS = frozenset({"Election", "Audience"})
_PRONOUNS = frozenset({"it", "its", "they", "their", "them", "we", "he", "she", "his", "her", "this", "that", "these", "those", "which", "who", "what", "one", "all", "some"})
_EMPTY_VERBS = frozenset({"be", "have", "do", "get", "make", "say", "see", "find", "note", "include"})
_NER_FOR_ENTITY = frozenset({"GPE", "NORP", "ORG", "PERSON", "LOC", "FAC", "EVENT", "LAW", "PRODUCT", "WORK_OF_ART"})

#: Confidence features: how the subject was found (direct syntax is surest).
_VIA_PENALTY = {
    "nsubj": 0.0, "agent": 0.0, "patient": 0.0, "copula": 0.0,
    "control": 0.05, "conj": 0.08, "participle": 0.08, "relcl": 0.08, "noun-by": 0.05,
    "possessor": 0.1, "demonym": 0.1, "with": 0.15, "object-control": 0.15, "member": 0.12,
    "event-agent": 0.1,
}


def extract_claims(doc: Doc, doc_id: str, lexicon: Lexicon | None = None) -> Iterator[Claim]:
    """Yield the influence claims stated in one parsed document.

    Parameters
    ----------
    doc
        A spaCy ``Doc`` with tagger, parser and NER; its text may contain runs of spaces
        where boilerplate was blanked (whitespace tokens are skipped).
    doc_id
        The document's id (``Document.id``), copied into every claim.
    lexicon
        Relation lookups; defaults to :mod:`kg.extract.relations` (tests pass a small one).

    Yields
    ------
    Claim
        One per (subject, predicate, object), with ``start``/``end`` and ``sentence``
        set to the sentence, negation, hedges, attribution and a confidence score.
    """
    gazetteer = Gazetteer.default()
    resolved = resolve(doc, gazetteer)
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
            claim = _claim(pred, doc_id, start, end, sentence, resolved, gazetteer, cache)
            if claim is None:
                continue
            key = (claim.subject.key or claim.subject.text.lower(), claim.predicate.relation or claim.predicate.lemma, claim.object.start)
            if key in seen:
                continue
            seen.add(key)
            yield claim


def _claim(
    pred: Predication,
    doc_id: str,
    start: int,
    end: int,
    sentence: str,
    resolved: dict[int, Entity],
    gazetteer: Gazetteer,
    cache: dict[tuple[int, int], tuple[bool, tuple[Hedge, ...], tuple[str, str | None] | None]],
) -> Claim | None:
    subject_entity, subject_tokens, subject_via = _subject(pred.subject, resolved, gazetteer)
    if subject_entity is None:
        return None
    object_entity, object_tokens = _object(pred.object, resolved, gazetteer)
    if object_entity is None:
        return None
    if subject_entity.key == object_entity.key:
        return None
    if subject_entity.kind in _NON_AGENT_KINDS:
        return None
    if pred.relation is None and not _open_relation_ok(pred, subject_entity):
        return None
    if pred.subject_via == "patient" and object_entity.kind not in ACTOR_KINDS:
        return None  # "images created by artificial intelligence" is no affiliation
    subject = _mention(subject_tokens, subject_entity)
    obj = _mention(object_tokens, object_entity)
    predicate = _predicate(pred)
    # coordinated arguments share one predicate: look its modality and source up once
    key = (pred.predicate.i, pred.chain[-1].i)
    if key not in cache:
        cache[key] = (_modality.is_negated(pred.predicate), _hedges(pred), _source(pred, gazetteer))
    negated, hedges, source = cache[key]
    via = subject_via or pred.subject_via
    confidence = _confidence(pred, via, subject_entity, gazetteer)
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


def _lookup_phrase(tokens: list[Token], head: Token, gazetteer: Gazetteer) -> Entity | None:
    """The state a phrase names, trying it whole and then without leading modifiers."""
    head_pos = next(k for k, t in enumerate(tokens) if t.i == head.i)
    for k in range(0, head_pos + 1):
        found = gazetteer.lookup(token_text(tokens[k:]))
        if found is not None:
            return found
    return None


def _subject(head: Token, resolved: dict[int, Entity], gazetteer: Gazetteer) -> tuple[Entity | None, list[Token], str | None]:
    tokens = noun_phrase(head, compact=True)
    via = None
    entity = resolved.get(head.i)
    if head.pos_ in {"PRON", "DET"} or head.lower_ in _PRONOUNS:
        return entity, tokens, "coref" if entity else None
    if entity is None:
        entity = _lookup_phrase(tokens, head, gazetteer)
    if entity is None and len(tokens) == 1 and gazetteer.is_demonym(head.text):
        # the agent of "Cuban interference" is the state the adjective names
        entity = gazetteer.lookup(f"the {head.text} government")
    if entity is None:
        text = token_text(tokens)
        entity = entity_for(text, ner_label=_named_entity_label(head), head_lemma=head.lemma_.lower())
    elif head.pos_ in {"PRON", "NOUN"} and resolved.get(head.i) is not None and gazetteer.lookup(token_text(tokens)) is None:
        via = "coref"
    return entity, tokens, via


def _object(head: Token, resolved: dict[int, Entity], gazetteer: Gazetteer) -> tuple[Entity | None, list[Token]]:
    tokens = noun_phrase(head)
    text = token_text(tokens)
    if head.pos_ == "PRON" or head.lower_ in _PRONOUNS:
        return resolved.get(head.i), tokens
    entity = gazetteer.lookup(text)
    if entity is None and head.ent_type_ in _NER_FOR_ENTITY and len(tokens) <= 4:
        entity = resolved.get(head.i)
    if entity is None:
        entity = entity_for(text, ner_label=_named_entity_label(head), head_lemma=head.lemma_.lower())
    return entity, tokens


def _mention(tokens: list[Token], entity: Entity) -> Mention:
    start, end = char_span(tokens)
    return Mention(text=token_text(tokens), start=start, end=end, label=entity.label, kind=entity.kind, key=entity.key)


def _open_relation_ok(pred: Predication, subject: Entity) -> bool:
    # open relations only from plain SVO clauses between an actor and a noun phrase
    if not pred.svo or pred.lemma in _EMPTY_VERBS or pred.predicate.pos_ != "VERB":
        return False
    if subject.kind not in ACTOR_KINDS:
        return False
    return pred.object.pos_ in {"NOUN", "PROPN"} and pred.object.lower_ not in _PRONOUNS


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


def _hedges(pred: Predication) -> tuple[Hedge, ...]:
    hedges: list[Hedge] = []
    texts: set[str] = set()
    for hedge in _modality.hedges_for(pred.predicate):
        if hedge.text.lower() not in texts:
            texts.add(hedge.text.lower())
            hedges.append(hedge)
    return tuple(hedges)


def _source(pred: Predication, gazetteer: Gazetteer) -> tuple[str, str | None] | None:
    for tok in (pred.predicate, *pred.chain):
        found = _attribution.attribution_for(tok)
        if found is not None:
            return found.text, _source_label(found.text, found.span, gazetteer)
    return None


def _source_label(text: str, span: Span | None, gazetteer: Gazetteer) -> str | None:
    state = gazetteer.lookup(text)
    if state is not None:
        return state.label
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
    return entity_for(token_text(tokens), ner_label=first.ent_type_, head_lemma=tokens[-1].lemma_.lower()).label


def _confidence(pred: Predication, via: str, subject: Entity, gazetteer: Gazetteer) -> float:
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
