"""Actor coreference within one document: who "it", "the regime" and "its efforts" are.

A small salience-based resolver in the tradition of Lappin & Leass (1994), restricted to
what the claims need: mentions of *actors* (states first). It is a pure function of one
parsed ``Doc``.

Why rule-based: the coreference libraries for spaCy cannot run offline here.
``coreferee`` (1.5.0 on PyPI) ships no English model in its wheel; ``python -m coreferee
install en`` downloads one from GitHub, and for ``en_core_web_sm`` it also needs the
``en_core_web_lg`` vectors, which ``spacy download`` fetches from GitHub too.
``fastcoref`` and ``maverick-coref`` download transformer weights from the Hugging Face
hub at first use; ``neuralcoref`` only builds against spaCy 2. kg's builds must not
download at run time, and what is needed is narrow (actors, not every entity), so a
transparent resolver over gazetteer and NER mentions is the better fit.

What is resolved
----------------
* **Named mentions** ("Havana", "the Kremlin", "the Cuban government", "Cuban
  officials") through :meth:`kg.entities.Gazetteer.lookup`, on named-entity spans and on
  noun phrases headed by a government noun; these are also the antecedents.
* **Pronouns**: "it/its/itself" take a singular antecedent, "they/their/them" a plural
  one or a collective body (government, regime, leadership); candidates are the actors
  mentioned earlier in the sentence and in the two sentences before, scored by recency,
  subjecthood and repetition.
* **Definite descriptions**: "the regime", "the government", "the state", "the X regime"
  where X is a name that is no state ("the Castro regime") → the most salient state so
  far in the document.
* **Event anaphora**: "these efforts", "such actions", "its campaign" → the actor whose
  activity it is (the most salient actor), so that the nouns can stand as subjects.
"""

from __future__ import annotations

from typing import NamedTuple

from spacy.tokens import Doc, Span, Token

from kg.entities import Entity, Gazetteer

__all__ = ["Mention", "resolve", "GOVERNMENT_NOUNS", "EVENT_NOUNS"]

#: Heads of a definite description that can only mean a state's government.
GOVERNMENT_NOUNS = frozenset(
    {"regime", "government", "state", "administration", "authorities", "authority", "leadership", "junta", "kremlin"}
)
#: Activity nouns that, with a demonstrative or possessive, refer back to an actor's activity.
EVENT_NOUNS = frozenset(
    {"effort", "attempt", "action", "activity", "operation", "campaign", "interference", "meddling", "initiative", "scheme"}
)
_SINGULAR = frozenset({"it", "its", "itself"})
_PLURAL = frozenset({"they", "their", "them", "theirs", "themselves"})
_COLLECTIVE = frozenset({"government", "regime", "leadership", "administration", "authorities", "state", "kremlin"})
_DEMONSTRATIVES = frozenset({"this", "these", "such", "those", "that"})
_NAMED_ENTS = frozenset({"GPE", "NORP", "ORG", "LOC", "FAC"})
_RECENCY = (1.0, 0.6, 0.35)  #: weight by sentence distance for pronouns (0, 1, 2 back)


class Mention(NamedTuple):
    """An actor mention that later anaphors may refer to."""

    sentence: int  #: index of the sentence in the document
    token: int  #: index of the mention's head token
    entity: Entity
    plural: bool
    subject: bool  #: the mention is (in) a clause subject: more salient
    collective: bool = False  #: a body ("the regime") that "they" may refer to


def _is_subject(token: Token) -> bool:
    node = token
    for _ in range(3):
        if node.dep_ in {"nsubj", "nsubjpass", "agent"}:
            return True
        if node.dep_ not in {"compound", "amod", "poss", "pobj", "prep"} or node.head.i == node.i:
            return False
        node = node.head
    return False


def _plural(token: Token) -> bool:
    return token.tag_ in {"NNS", "NNPS"} or token.lemma_.lower() in {"authorities"}


def _phrase_text(head: Token) -> str:
    left = head
    for child in head.lefts:
        if child.dep_ in {"det", "amod", "compound", "nmod", "poss"}:
            left = child if child.i < left.i else left
    return head.doc[left.i : head.i + 1].text


def _named(token: Token, gazetteer: Gazetteer, ents: dict[int, Span]) -> Entity | None:
    """The state a named mention or government phrase headed by ``token`` refers to."""
    if token.ent_iob_ == "B" and token.ent_type_ in _NAMED_ENTS:
        ent = ents.get(token.i)
        if ent is not None:
            found = gazetteer.lookup(ent.text)
            if found is not None:
                return found
    if token.ent_iob_ == "I":
        return None
    if token.pos_ == "PROPN" or (
        # a common noun names a state only with a name or demonym before it ("Cuban officials")
        token.pos_ == "NOUN"
        and any(c.text[:1].isupper() and c.dep_ in {"amod", "compound", "nmod", "poss"} for c in token.lefts)
    ):
        return gazetteer.lookup(_phrase_text(token))
    return None


def _score(mentions: list[Mention], sentence: int, position: int, plural: bool | None, window: int | None) -> Entity | None:
    totals: dict[str, float] = {}
    entities: dict[str, Entity] = {}
    for m in mentions:
        if m.token >= position:
            continue
        distance = sentence - m.sentence
        if window is not None and distance > window:
            continue
        weight = _RECENCY[distance] if distance < len(_RECENCY) else 0.2 / distance
        if m.subject:
            weight *= 1.5
        if plural is True and (m.plural or m.collective):
            weight *= 1.5
        if plural is False and m.plural:
            continue
        totals[m.entity.key] = totals.get(m.entity.key, 0.0) + weight
        entities[m.entity.key] = m.entity
    if not totals:
        return None
    best = max(totals, key=lambda k: (totals[k], k))
    return entities[best]


def _description(token: Token, gazetteer: Gazetteer) -> bool:
    """A definite government description with no state of its own: "the regime", "the Castro regime"."""
    if token.lemma_.lower() not in GOVERNMENT_NOUNS or token.pos_ not in {"NOUN", "PROPN"}:
        return False
    if gazetteer.lookup(token.text) is not None:
        return False  # "the Kremlin" is a name of its own, not an anaphor
    dets = [c for c in token.lefts if c.dep_ == "det"]
    if not dets or dets[0].lower_ not in {"the", "this", "that"}:
        return False
    for child in token.lefts:
        if child.dep_ in {"amod", "compound", "nmod", "poss"} and (
            gazetteer.is_demonym(child.text) or gazetteer.lookup(child.text) is not None
        ):
            return False  # "the Cuban regime" names its state
    return True


def resolve(doc: Doc, gazetteer: Gazetteer | None = None) -> dict[int, Entity]:
    """Resolve the actor mentions and actor anaphors of one document.

    Parameters
    ----------
    doc
        A parsed document (tagger, parser, NER).
    gazetteer
        The state gazetteer; defaults to :meth:`Gazetteer.default`.

    Returns
    -------
    dict
        Token index → entity, for each head token that names or refers to an actor:
        named mentions, pronouns, definite descriptions and event anaphors.
    """
    gaz = gazetteer or Gazetteer.default()
    resolved: dict[int, Entity] = {}
    mentions: list[Mention] = []
    ents = {ent.start: ent for ent in doc.ents}  # once: Doc.ents is rebuilt on every access
    for s_index, sent in enumerate(doc.sents):
        for tok in sent:
            if tok.is_space or tok.is_punct:
                continue
            lower = tok.lower_
            if tok.pos_ == "PRON" or tok.tag_ == "PRP$":
                if lower in _SINGULAR or lower in _PLURAL:
                    found = _score(mentions, s_index, tok.i, plural=lower in _PLURAL, window=2)
                    if found is not None:
                        resolved[tok.i] = found
                continue
            if _description(tok, gaz):
                found = _score(
                    [m for m in mentions if m.entity.kind == "State"], s_index, tok.i, plural=None, window=None
                )
                if found is not None:
                    resolved[tok.i] = found
                    mentions.append(Mention(s_index, tok.i, found, False, _is_subject(tok), True))
                continue
            if tok.pos_ == "NOUN" and tok.lemma_.lower() in EVENT_NOUNS:
                if any(c.dep_ == "det" and c.lower_ in _DEMONSTRATIVES for c in tok.children) or any(
                    c.dep_ == "amod" and c.lower_ == "such" for c in tok.children
                ):
                    found = _score(mentions, s_index, tok.i, plural=None, window=2)
                    if found is not None:
                        resolved[tok.i] = found
                continue
            entity = _named(tok, gaz, ents)
            if entity is None:
                continue
            # a multi-word name's first token may be its article ("The People's Republic of
            # China"): the name's syntactic root says whether the mention is a subject
            head = ents[tok.i].root if tok.i in ents else tok
            # a modifier ("Cuban" in "Cuban officials") counts as a mention of its phrase
            while head.dep_ in {"amod", "compound", "poss", "nmod"} and head.head.i != head.i:
                head = head.head
            resolved.setdefault(tok.i, entity)
            collective = head.lemma_.lower() in _COLLECTIVE
            mentions.append(
                Mention(s_index, tok.i, entity, _plural(head) and not collective, _is_subject(head), collective)
            )
    return resolved
