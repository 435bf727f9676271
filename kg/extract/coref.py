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

import re
from typing import NamedTuple

from spacy.tokens import Doc, Span, Token

from kg.entities import Entity, Gazetteer, target_kind
from kg.entities.names import ActorIndex, DocumentNames, patronymic_name, person_key
from kg.extract.attribution import is_reporting_verb
from kg.lexicon import Lexicon

__all__ = ["Mention", "resolve", "group_antecedents", "document_names", "KIND_FAMILIES"]

# The word classes (government_description_nouns, event_anaphor_nouns, the pronoun
# classes, actor_family, member_nouns, people_nouns, naming_verbs, analyst_verbs) are
# data: kg/lexicon/words_coref.tsv, read through the Lexicon resolve() is given.
_NAMED_ENTS = frozenset({"GPE", "NORP", "ORG", "LOC", "FAC"})
_RECENCY = (1.0, 0.6, 0.35)  #: weight by sentence distance for pronouns (0, 1, 2 back)

# Nouns for kinds of non-state actors and operations fall into families whose members
# are used of the same referent ("Spamouflage ... the network ... the campaign ... the
# operation"): the lexicon's ``actor_family`` maps each noun to its family. A definite
# description headed by one of them refers back to a named actor described (or named)
# with a noun of the same family.

#: The families a known actor's kind puts it in, so "the agency", "the unit" or "the
#: company" can refer back to it whatever noun the text first used.
KIND_FAMILIES: dict[str, frozenset[str]] = {
    "IntelligenceAgency": frozenset({"body"}),
    "MilitaryUnit": frozenset({"body"}),
    "GovernmentBody": frozenset({"body"}),
    "Company": frozenset({"company"}),
    "MediaOutlet": frozenset({"company", "collective"}),
    "Network": frozenset({"collective"}),
    "Organisation": frozenset({"collective"}),
}
#: NER labels whose names may be antecedents even when the text never says what they are;
#: people, places and facilities need a describing noun first (NER often mislabels
#: invented network names as PERSON or GPE, and "it" never means a person or a city).
_OPEN_NER = frozenset({"ORG", "NORP", "PRODUCT", "WORK_OF_ART", ""})
#: Named-entity labels whose plural-looking names name one thing ("the United States").
_NAMED_PLACE_NER = frozenset({"GPE", "LOC", "ORG", "FAC"})
#: Kinds of actors that are people: a description of a body never takes them up.
_PERSON_KINDS = frozenset({"Person"})
_DESCRIBED_NER = frozenset({"PERSON", "GPE", "LOC", "FAC"})


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
            # with its own modifiers: "Iranian ... threat" in "Iranian ... threat (APT) actors"
            left = child.left_edge if child.left_edge.i < left.i else left
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


def _description(token: Token, gazetteer: Gazetteer, lex: Lexicon) -> bool:
    """A definite government description with no state of its own: "the regime", "the Castro regime"."""
    if token.lemma_.lower() not in lex.words("government_description_nouns") or token.pos_ not in {"NOUN", "PROPN"}:
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


def _family(token: Token, lex: Lexicon) -> str | None:
    family_of = lex.value_map("actor_family")
    return family_of.get(token.lemma_.lower()) or family_of.get(token.lower_)


def _describing_nouns(head: Token, lex: Lexicon) -> list[Token]:
    """Common nouns the text uses to say what a name is: its own head ("the Wagner
    Group"), an apposition in either direction ("Haixun, a firm"; "the arm, Al-Manar"),
    a copula ("Ghostwriter is a campaign") and a naming participle ("an operation known
    as Doppelganger")."""
    nouns = [head]
    nouns += [c for c in head.children if c.dep_ == "appos"]
    if head.dep_ == "appos":
        nouns.append(head.head)
    if head.dep_ == "nsubj" and head.head.lemma_ == "be":
        nouns += [c for c in head.head.children if c.dep_ == "attr"]
    verb = _naming_participle(head, lex)
    if verb is not None:
        nouns.append(verb.head)
    return nouns


def _naming_participle(head: Token, lex: Lexicon) -> Token | None:
    """The participle right before a name ("known as X", "dubbed X"), read from the
    surface order because parsers attach the name in many ways."""
    doc = head.doc
    first = head.left_edge.i
    before = first - 1
    if before >= 0 and doc[before].lower_ == "as":
        before -= 1
    if before < 0:
        return None
    verb = doc[before]
    if verb.tag_ == "VBN" and verb.lemma_.lower() in lex.words("naming_verbs") and verb.dep_ == "acl":
        return verb
    return None


def _families(head: Token, lex: Lexicon) -> frozenset[str]:
    return frozenset(f for f in (_family(n, lex) for n in _describing_nouns(head, lex)) if f)


def _is_source(head: Token, lex: Lexicon) -> bool:
    """A name that reports or attributes (the subject of "said", "attributed", the object
    of "according to", "a report by X") is the analyst, not an actor of the story."""
    if head.dep_ in {"nsubj", "nsubjpass"} and (
        head.head.lemma_.lower() in lex.words("analyst_verbs") or is_reporting_verb(head.head, lex)
    ):
        return True
    for node in (head, *list(head.ancestors)[:3]):
        if node.dep_ == "pobj" and (
            node.head.lower_ == "according" or node.head.head.lower_ == "according"
            or (node.head.lower_ == "by" and node.head.head.pos_ == "NOUN")
        ):
            return True
    return False


def _name_head(tok: Token, ents: dict[int, Span]) -> tuple[Token, str] | None:
    """The head token and NER label of a name starting at ``tok``: a named-entity span or a
    proper-noun phrase the NER missed ("Ghostwriter")."""
    if tok.ent_iob_ == "B" and tok.i in ents:
        ent = ents[tok.i]
        if ent.label_ in _OPEN_NER or ent.label_ in _DESCRIBED_NER:
            return ent.root, ent.label_
        return None
    if tok.ent_iob_ in {"", "O"} and tok.pos_ == "PROPN" and tok.dep_ not in {"compound", "flat"}:
        return tok, ""
    return None


def _named_actor(
    tok: Token, names: DocumentNames, ents: dict[int, Span], lex: Lexicon
) -> tuple[Entity, Token, frozenset[str], str] | None:
    """A named non-state actor or operation headed at ``tok``: (entity, head, families, NER label)."""
    found = _name_head(tok, ents)
    if found is None:
        return None
    head, label = found
    if head.dep_ in {"amod", "compound", "nmod"}:
        return None  # a modifier ("Democratic candidate") is no mention of its own
    span = ents[tok.i] if tok.i in ents else head.doc[min(c.i for c in head.lefts if c.dep_ == "compound") if any(c.dep_ == "compound" for c in head.lefts) else head.i : head.i + 1]
    known = names.known(span.text)
    families = _families(head, lex) | (KIND_FAMILIES.get(known.entity.kind, frozenset()) if known else frozenset())
    if label in _DESCRIBED_NER and not families:
        return None
    entity = known.entity if known else names.entity_for(span.text, ner_label=label or None, head_lemma=head.lemma_.lower())
    if entity.kind == "State":
        return None
    return entity, head, families, label


def _actor_description(token: Token, lex: Lexicon) -> str | None:
    """The family of a definite description that can only refer back: "the network",
    "this group", "the firm's (employees)", and the plurals that name one group's people
    ("the actors"); not "the group behind X" or "the group that hacked X", which describe
    a referent of their own."""
    if token.pos_ != "NOUN":
        return None
    if token.tag_ == "NNS":
        # "Emennet Pasargad ... The actors then sent emails": advisory prose names one
        # group's people collectively; other plurals ("the groups") name several referents
        family = "collective" if token.lemma_.lower() in lex.words("plural_group_anaphors") else None
    else:
        family = _family(token, lex)
    if family is None:
        return None
    if not any(c.dep_ == "det" and c.lower_ in {"the", "this", "that"} for c in token.lefts):
        return None
    if any(c.dep_ in {"amod", "compound", "nmod"} for c in token.lefts):
        return None
    for child in token.rights:
        if child.dep_ in {"prep", "acl"}:
            return None
        if child.dep_ == "relcl" and token.doc[child.left_edge.i - 1].text != ",":
            return None  # restrictive: "the group that ..."; "the network, which ..." refers
    return family


def _score_named(named: list[Mention], families: dict[str, frozenset[str]], family: str, sentence: int, position: int) -> Entity | None:
    """The most salient earlier name whose describing nouns share the description's
    family; names never described count for less and only nearby."""
    described = [m for m in named if family in families.get(m.entity.key, frozenset())]
    found = _score(described, sentence, position, plural=None, window=None)
    if found is not None:
        return found
    # an undescribed name only as a subject close by ("Hizballah relies on ... The group's")
    # (never a person: "the organization", "the group" describe no one person)
    undescribed = [m for m in named if m.subject and not families.get(m.entity.key) and m.entity.kind not in _PERSON_KINDS]
    return _score(undescribed, sentence, position, plural=None, window=1)


class _NamedActors:
    """The named non-state antecedents of one document seen so far, with what blocks them.

    A description refers to the latest thing the text introduced with a noun of its
    family: after "a London-based PR firm", "the firm" is that firm, not an earlier named
    company; "they" after a plural subject ("The defendants recruited ... They") is those
    people, not an earlier organisation.
    """

    def __init__(self, lex: Lexicon) -> None:
        self.lex = lex
        self.mentions: list[Mention] = []
        self.families: dict[str, frozenset[str]] = {}  # entity key -> families of its describing nouns
        self.describing: set[int] = set()  # token indices of nouns that describe a name
        self.introduced: dict[str, int] = {}  # family -> last unnamed singular noun of it
        self.plural_subject = -1  # last plural common-noun subject

    def add(self, tok: Token, names: DocumentNames, ents: dict[int, Span], s_index: int) -> Entity | None:
        """Record a named non-state actor as an antecedent (analysts who report are not)."""
        if tok.ent_iob_ != "B" and tok.pos_ != "PROPN":
            return None  # cheap test first: most tokens start no name
        found = _named_actor(tok, names, ents, self.lex)
        if found is None:
            return None
        entity, head, fams, _label = found
        self.known(entity, head, fams, s_index)
        return entity

    def known(self, entity: Entity, head: Token, families: frozenset[str], s_index: int) -> None:
        """Record a resolved actor headed at ``head`` with the families it belongs to."""
        self.families[entity.key] = self.families.get(entity.key, frozenset()) | families
        self.describing.update(n.i for n in _describing_nouns(head, self.lex))
        if not _is_source(head, self.lex):
            self.mentions.append(Mention(s_index, head.i, entity, False, _is_subject(head)))

    def note_noun(self, tok: Token) -> None:
        """Remember unnamed introductions ("a PR firm") and plural subjects ("the defendants")."""
        if tok.pos_ != "NOUN":
            return
        if tok.tag_ == "NNS" and tok.dep_ in {"nsubj", "nsubjpass"}:
            self.plural_subject = tok.i
        family = _family(tok, self.lex)
        if family is not None and tok.tag_ != "NNS" and tok.dep_ != "compound" and tok.i not in self.describing:
            self.introduced[family] = tok.i

    def for_pronoun(self, plural: bool) -> list[Mention]:
        if plural:
            return [m for m in self.mentions if m.token >= self.plural_subject]
        return self.mentions

    def for_description(self, tok: Token, family: str, s_index: int) -> Entity | None:
        blocked = self.introduced.get(family, -1)
        candidates = [m for m in self.mentions if m.token > blocked]
        found = _score_named(candidates, self.families, family, s_index, tok.i)
        if found is not None:
            self.mentions.append(Mention(s_index, tok.i, found, False, _is_subject(tok)))
        return found


def _member_subject_owner(tok: Token, resolved: dict[int, Entity], lex: Lexicon) -> Entity | None:
    """The organisation of a plural role-noun subject: "its employees", "the IRA's staff"."""
    if tok.pos_ != "NOUN" or tok.tag_ != "NNS" or tok.dep_ not in {"nsubj", "nsubjpass"}:
        return None
    if tok.lemma_.lower() not in lex.words("member_nouns"):
        return None
    owner = next((c for c in tok.children if c.dep_ in {"poss", "compound"}), None)
    return resolved.get(owner.i) if owner is not None else None


def _people_of(head: Token, lex: Lexicon) -> bool:
    lemma = head.lemma_.lower()
    return head.pos_ == "NOUN" and (lemma in lex.words("people_nouns") or target_kind(lemma, lex) == "Audience")


def document_names(doc: Doc, kb: ActorIndex | None = None, gazetteer: Gazetteer | None = None) -> DocumentNames:
    """The naming facts of a parsed document: its definitions and the people it names in full.

    >>> from spacy.vocab import Vocab
    >>> doc = Doc(Vocab(), words=["The", "Acme", "Company", "(", '"', "Acme", '"', ")"])
    >>> document_names(doc).definitions
    {'Acme': 'Acme Company'}
    """
    text = doc.text  # once: Doc.text joins every token on each access
    persons = [_person_text(ent) for ent in doc.ents if ent.label_ == "PERSON"] + _patronymic_runs(doc, text)
    organisations = [ent.text for ent in doc.ents if ent.label_ == "ORG"]
    return DocumentNames.for_text(text, persons=persons, gazetteer=gazetteer, kb=kb, organisations=organisations)


#: A capitalised word that may be a patronymic: the quick test before reading the tokens.
_PATRONYMIC_WORD = re.compile(r"\b[A-Z][a-z]+(?:ovich|evich|ovna|evna|ich|ogly|kyzy)\b")


def _patronymic_runs(doc: Doc, text: str) -> list[str]:
    """Runs of capitalised proper nouns that are personal names by their patronymic
    ("Elizaveta Yuryevna Brodskaia"), whatever the named-entity tagger made of them.
    Only the words around a possible patronymic are read (most documents have none)."""
    runs: list[str] = []
    for match in _PATRONYMIC_WORD.finditer(text):
        span = doc.char_span(match.start(), match.end(), alignment_mode="expand")
        if span is None or len(span) != 1:
            continue
        start = end = span.start
        while start > 0 and start > span.start - 3 and _name_word(doc[start - 1]):
            start -= 1
        while end + 1 < len(doc) and end < span.start + 3 and _name_word(doc[end + 1]):
            end += 1
        if 3 <= end + 1 - start <= 4:
            name = doc[start : end + 1].text
            if patronymic_name(name) and name not in runs:
                runs.append(name)
    return runs


def _name_word(tok: Token) -> bool:
    return tok.pos_ == "PROPN" and tok.text[:1].isupper()


def _person_text(ent: Span) -> str:
    """A PERSON span with the given names the NER left out before it: the model often
    tags "Mikhaylovich Lifshits" in "Artem Mikhaylovich Lifshits"."""
    start = ent.start
    doc = ent.doc
    while start > 0 and doc[start - 1].pos_ == "PROPN" and doc[start - 1].text[:1].isupper() and doc[start - 1].ent_type_ in {"", "PERSON"}:
        start -= 1
    return doc[start : ent.end].text


def _known_heads(doc: Doc, text: str, names: DocumentNames) -> dict[int, Entity]:
    """Head token → actor for every alias of the knowledge base found in the text, so that
    names the NER misses or splits ("Unit 26165", "Fancy Bear") still resolve."""
    if names.kb is None:
        return {}
    heads: dict[int, Entity] = {}
    for start, end, entity in names.kb.find_all(text):
        span = doc.char_span(start, end, alignment_mode="expand")
        if span is not None and len(span):
            # every word of the name: a parser that splits "Concord Management and
            # Consulting" at "and" must not make "Consulting" an actor of its own
            for tok in span:
                heads.setdefault(tok.i, entity)
            heads[span.root.i] = entity
    return heads


def _signature(noun: Token) -> tuple[str, frozenset[str]]:
    """A description's head lemma and the lemmas of its modifiers, to recognise it again:
    "a Russian state-sponsored APT actor" and "the Russian state-sponsored APT actor"."""
    mods: set[str] = set()
    stack = [c for c in noun.children if c.i < noun.i]
    while stack:  # the modifiers before the noun and theirs ("state" in "state-sponsored")
        t = stack.pop()
        if t.dep_ in {"amod", "compound", "npadvmod", "nmod"} and not t.is_punct:
            mods.add(t.lemma_.lower())
            stack.extend(c for c in t.children if c.i < t.i)
    return noun.lemma_.lower(), frozenset(mods)


_NAMING_WORDS = re.compile(r"\b(?:known|called|dubbed|named|nicknamed|labell?ed|branded)\b", re.IGNORECASE)


def _named_descriptions(
    doc: Doc, text: str, names: DocumentNames, lex: Lexicon
) -> tuple[dict[int, Entity], list[tuple[tuple[str, frozenset[str]], Entity, int]]]:
    """Descriptions the text gives a name: "a Russian state-sponsored APT actor—known
    variously as Berserk Bear, Energetic Bear, ...": the description is the named actor
    (the first name the knowledge base knows, else the first name), and so is a later
    definite repetition of it ("The Russian state-sponsored APT actor")."""
    heads: dict[int, Entity] = {}
    signatures: list[tuple[tuple[str, frozenset[str]], Entity, int]] = []
    if not _NAMING_WORDS.search(text):
        return heads, signatures  # most documents name no description: skip the token walk
    for tok in doc:
        if tok.dep_ != "acl" or tok.tag_ != "VBN" or tok.lemma_.lower() not in lex.words("naming_verbs"):
            continue
        noun = tok.head
        if noun.pos_ != "NOUN":
            continue
        prep = next((c for c in tok.children if c.dep_ in {"prep", "oprd"} and c.lower_ == "as"), None)
        first = next((c for c in prep.children if c.dep_ == "pobj"), None) if prep is not None else None
        if first is None:
            first = next((c for c in tok.children if c.dep_ in {"oprd", "attr", "dobj"} and c.pos_ == "PROPN"), None)
        if first is None or first.pos_ != "PROPN":
            continue
        candidates = [first, *_name_list(first)]
        texts = [" ".join(t.text for t in sorted([*(x for x in c.children if x.i < c.i and x.dep_ in {"compound", "amod", "flat"}), c], key=lambda t: t.i)) for c in candidates]
        known = next((k for k in (names.known(t) for t in texts) if k is not None and k.entity.kind != "State"), None)
        entity = known.entity if known is not None else names.entity_for(texts[0], head_lemma=noun.lemma_.lower())
        heads[noun.i] = entity
        signatures.append((_signature(noun), entity, noun.i))
    return heads, signatures


def _predicated_descriptions(doc: Doc, names: DocumentNames, lex: Lexicon) -> dict[int, Entity]:
    """Descriptions a copula or an apposition gives a name: in "Star Blizzard is a Russian
    cyber actor" and "Star Blizzard, a Russian cyber actor," the description is the named
    actor, not the state its adjective names; so is a later "the actor" (the head noun is
    remembered for the name, as for any mention of it)."""
    heads: dict[int, Entity] = {}
    actors = lex.words("actor_nouns")
    for noun in doc:
        if noun.pos_ != "NOUN" or noun.lemma_.lower() not in actors:
            continue
        if noun.dep_ == "attr" and noun.head.lemma_ == "be":
            name = next((c for c in noun.head.children if c.dep_ == "nsubj"), None)
        elif noun.dep_ == "appos":
            name = noun.head
        else:
            continue
        if name is None or name.pos_ != "PROPN" or name.i > noun.i:
            continue
        text = _phrase_text(name)
        found = names.known(text)
        entity = found.entity if found is not None else names.entity_for(text, ner_label=name.ent_type_ or None)
        if entity.kind in {"State", "Person"}:
            continue  # "Russia is a state actor" names the state; a person is no body
        heads[noun.i] = entity
    return heads


#: The names charging documents give people and bodies they do not name: "Individual A",
#: "FSB Officer 1", "Company 2", "U.S. Person 3" (capitalised words, then a letter or number).
_ANONYMISED = re.compile(r"(?:[A-Z][\w.\-]*\s+){1,3}(?:[A-Z]|\d{1,3})")


def _anonymised_names(doc: Doc, text: str, names: DocumentNames) -> dict[int, Entity]:
    """Descriptions an anonymised name in brackets follows: "an individual identified in
    Russia (Individual A)" is Individual A, as is every later "Individual A"; the
    description's head noun says what it is (a person, a company)."""
    found: dict[int, Entity] = {}
    if "(" not in text:
        return found
    for tok in doc:
        if tok.text != "(" or tok.i == 0:
            continue
        close = next((t for t in doc[tok.i + 1 : tok.i + 7] if t.text == ")"), None)
        if close is None or not _ANONYMISED.fullmatch(doc[tok.i + 1 : close.i].text):
            continue
        # the outermost noun whose phrase the brackets end: "individual", not "Russia"
        described = [
            t for t in (doc[tok.i - 1], *doc[tok.i - 1].ancestors)
            if t.pos_ in {"NOUN", "PROPN"} and t.i < tok.i and t.right_edge.i <= close.i
        ]
        if described:
            head = described[-1]
            found[head.i] = names.entity_for(doc[tok.i + 1 : close.i].text, head_lemma=head.lemma_.lower())
    return found


def _name_list(first: Token) -> list[Token]:
    """The names listed after the first one ("Berserk Bear, Energetic Bear, TeamSpy, ...")."""
    found, stack = [], [first]
    while stack and len(found) < 20:
        for child in stack.pop().children:
            if child.dep_ in {"conj", "appos"} and child.pos_ == "PROPN":
                found.append(child)
                stack.append(child)
    return sorted(found, key=lambda t: t.i)


def _repeated_description(tok: Token, signatures: list[tuple[tuple[str, frozenset[str]], Entity, int]]) -> Entity | None:
    """The named actor a definite description repeats ("the Russian ... actor" after "a
    Russian ... actor—known as X"): same head, no modifier the first one lacked."""
    if tok.pos_ != "NOUN" or not any(c.dep_ == "det" and c.lower_ in {"the", "this", "that", "these"} for c in tok.children):
        return None
    lemma, mods = _signature(tok)
    for (first_lemma, first_mods), entity, index in reversed(signatures):
        if index < tok.i and lemma == first_lemma and mods <= first_mods:
            return entity
    return None


class _HeadMemory:
    """Nouns that headed a mention of an actor, so that the text's repetition of the noun
    refers back: "Iranian APT actors ... The actors leveraged ...", "Russian defendants
    ... the defendants", "Iranian APT actors ... the APT actors". Only a definite or
    demonstrative noun with no name or nationality the first mention lacked refers back,
    and only within a few sentences."""

    WINDOW = 3

    def __init__(self, lex: Lexicon) -> None:
        self._demonstratives = lex.words("demonstratives") | {"the"}
        # lemma -> (entity, sentence, token, the lemmas of its modifiers)
        self._last: dict[str, tuple[Entity, int, int, frozenset[str]]] = {}

    def remember(self, head: Token, entity: Entity, s_index: int) -> None:
        if head.pos_ == "NOUN":
            self._last[head.lemma_.lower()] = (entity, s_index, head.i, _signature(head)[1])

    def introduce(self, tok: Token) -> None:
        """An indefinite noun ("A PR network lied") introduces a new referent: a later
        "the network" is that one, not an earlier actor's."""
        if tok.pos_ == "NOUN" and any(c.dep_ == "det" and c.lower_ in {"a", "an"} for c in tok.children):
            self._last.pop(tok.lemma_.lower(), None)

    def recall(self, tok: Token, s_index: int) -> Entity | None:
        if tok.pos_ != "NOUN" or tok.lemma_.lower() not in self._last:
            return None
        if any(c.dep_ in {"relcl", "acl", "prep"} for c in tok.children):
            return None  # "the actors behind X", "the hackers who ..." describe a referent of their own
        entity, sentence, index, first_mods = self._last[tok.lemma_.lower()]
        named = [c for c in tok.children if c.dep_ in {"amod", "compound", "nmod", "poss"} and c.text[:1].isupper()]
        if any(c.ent_type_ in {"GPE", "NORP", "LOC"} for c in named) or not {c.lemma_.lower() for c in named} <= first_mods:
            # "the Chinese hackers", "the U.S. election" name their own referent; "the APT
            # actors" after "Iranian APT actors" repeats the first mention's name
            return None
        if not named and not any(c.dep_ == "det" and c.lower_ in self._demonstratives for c in tok.children):
            # a bare noun refers back only with the first mention's name: "Party leaders"
            # after "Chinese Communist Party leaders", never "officials" after "U.S. officials"
            return None
        if index >= tok.i or s_index - sentence > self.WINDOW:
            return None
        return entity


def _person_heads(doc: Doc, names: DocumentNames, lex: Lexicon) -> dict[int, Entity]:
    """Head token → person for the PERSON spans that look like people: a full name, or a
    surname the document gave in full before ("Prigozhin" after "Yevgeniy Prigozhin").
    A lone capitalised word tagged PERSON is as often a network or persona, so it is left
    to the named-actor rules; so is any name the text describes as a group or company."""
    heads: dict[int, Entity] = {}
    for ent in doc.ents:
        if ent.label_ != "PERSON" or _families(ent.root, lex):
            continue
        text = _person_text(ent)
        found = names.resolve(text, ner_label="PERSON")
        if found.entity.kind == "Person" and (person_key(text, lex) is not None or found.rule == "surname"):
            heads[ent.root.i] = found.entity
    return heads


def resolve(doc: Doc, lex: Lexicon, names: DocumentNames | None = None) -> dict[int, Entity]:
    """Resolve the actor mentions and actor anaphors of one document.

    Parameters
    ----------
    doc
        A parsed document (tagger, parser, NER).
    lex
        The lexicon (pronoun classes, government and actor nouns, reporting verbs).
    names
        The document's naming facts (:func:`document_names`); built without a knowledge
        base when not given.

    Returns
    -------
    dict
        Token index → entity, for each head token that names or refers to an actor:
        named mentions, known actors, people, pronouns, definite descriptions and event
        anaphors.
    """
    names = names or document_names(doc)
    gaz = names.gazetteer
    resolved: dict[int, Entity] = {}
    mentions: list[Mention] = []  # states
    people: list[Mention] = []
    named = _NamedActors(lex)
    ents = {ent.start: ent for ent in doc.ents}  # once: Doc.ents is rebuilt on every access
    text = doc.text  # once: Doc.text joins every token on each access
    known = _known_heads(doc, text, names)
    described, signatures = _named_descriptions(doc, text, names, lex)
    known.update(_predicated_descriptions(doc, names, lex))
    known.update(described)
    known.update(_anonymised_names(doc, text, names))
    persons = _person_heads(doc, names, lex)
    heads = _HeadMemory(lex)
    singular, plural = lex.words("singular_pronouns"), lex.words("plural_pronouns")
    personal, demonstratives = lex.words("personal_pronouns"), lex.words("demonstratives")
    for s_index, sent in enumerate(doc.sents):
        for tok in sent:
            if tok.is_space or tok.is_punct:
                continue
            lower = tok.lower_
            if tok.pos_ == "PRON" or tok.tag_ == "PRP$":
                if lower in singular or lower in plural:
                    # "they", "them" take up plural or collective mentions; a lone singular
                    # state ("the United States ... used them") is no plural's antecedent
                    states = [m for m in mentions if m.plural or m.collective] if lower in plural else mentions
                    candidates = states + named.for_pronoun(lower in plural)
                    found = _score(candidates, s_index, tok.i, plural=lower in plural, window=2)
                    if found is not None:
                        resolved[tok.i] = found
                elif lower in personal:
                    found = _score(people, s_index, tok.i, plural=False, window=2)
                    if found is not None:
                        resolved[tok.i] = found
                continue
            if tok.i in known:
                entity = known[tok.i]
                resolved[tok.i] = entity
                heads.remember(tok, entity, s_index)
                if entity.kind == "State":
                    mentions.append(Mention(s_index, tok.i, entity, False, _is_subject(tok)))
                else:
                    named.known(entity, tok, _families(tok, lex) | KIND_FAMILIES.get(entity.kind, frozenset()), s_index)
                continue
            owner = _member_subject_owner(tok, resolved, lex)
            if owner is not None:
                # "Its employees posed as ... They operated": they are the employees' body
                named.mentions.append(Mention(s_index, tok.i, owner, True, True))
            if tok.i in persons:
                resolved[tok.i] = persons[tok.i]
                people.append(Mention(s_index, tok.i, persons[tok.i], False, _is_subject(tok)))
                continue
            repeated = _repeated_description(tok, signatures) or heads.recall(tok, s_index)
            if repeated is not None:
                resolved[tok.i] = repeated
                named.known(repeated, tok, _families(tok, lex) | KIND_FAMILIES.get(repeated.kind, frozenset()), s_index)
                continue
            family = _actor_description(tok, lex)
            if family is not None:
                found = named.for_description(tok, family, s_index)
                if found is not None:
                    resolved[tok.i] = found
                    continue
            named.note_noun(tok)
            heads.introduce(tok)
            if _description(tok, gaz, lex):
                found = _score(
                    [m for m in mentions if m.entity.kind == "State"], s_index, tok.i, plural=None, window=None
                )
                if found is not None:
                    resolved[tok.i] = found
                    mentions.append(Mention(s_index, tok.i, found, False, _is_subject(tok), True))
                continue
            if tok.pos_ == "NOUN" and tok.lemma_.lower() in lex.words("event_anaphor_nouns"):
                if any(c.dep_ == "det" and c.lower_ in demonstratives for c in tok.children) or any(
                    c.dep_ == "amod" and c.lower_ == "such" for c in tok.children
                ):
                    found = _score(mentions, s_index, tok.i, plural=None, window=2)
                    if found is not None:
                        resolved[tok.i] = found
                continue
            entity = _named(tok, gaz, ents)
            if entity is None:
                named.add(tok, names, ents, s_index)
                continue
            # a multi-word name's first token may be its article ("The People's Republic of
            # China"): the name's syntactic root says whether the mention is a subject
            head = ents[tok.i].root if tok.i in ents else tok
            # a modifier ("Cuban" in "Cuban officials") counts as a mention of its phrase
            while head.dep_ in {"amod", "compound", "poss", "nmod"} and head.head.i != head.i:
                head = head.head
            resolved.setdefault(tok.i, entity)
            if head.i != tok.i and _people_of(head, lex):
                continue  # "U.S. persons": the country's people, no mention of the state acting
            based = head.dep_ == "npadvmod" and head.head.dep_ == "amod"
            if not based:
                heads.remember(head, entity, s_index)
            else:
                # "Iran-based hackers ... their": the phrase is a mention for pronouns, but
                # its noun is no description of the state ("a London-based firm ... the firm")
                head = head.head.head
            collective = head.lemma_.lower() in lex.words("collective_body_nouns")
            # "the United States", "the Netherlands": a plural word inside a state's own name
            # names one state ("their" does not take it up); "Iranians" stays plural
            own_name = head.tag_ == "NNPS" and head.ent_type_ in _NAMED_PLACE_NER
            many = _plural(head) and not collective and not own_name
            mentions.append(Mention(s_index, tok.i, entity, many, _is_subject(head), collective))
    return resolved


#: Sentences back (0: the same sentence) in which a coordination of actors can be taken up.
_GROUP_WINDOW = 2
#: Determiners (or pronouns) that take up a group: "these actors", "both", "those".
_GROUP_WORDS = frozenset({"these", "those", "both"})


def group_antecedents(doc: Doc, resolved: dict[int, Entity], lex: Lexicon) -> dict[int, tuple[Entity, ...]]:
    """Plural anaphors that take up a coordination of actors, and the actors they stand for.

    "Russia and Iran conducted operations. *These actors* also sought to undermine
    confidence ... *They* used personas": each anaphor stands for both states, so a claim
    with it as subject is a claim of each (:func:`kg.extract.extract_claims` makes one per
    actor). The antecedent is the latest subject that coordinates two or more resolved
    actors, in the same sentence or the two before; a plural pronoun loses it to a plural
    common-noun subject that came after it ("the hackers ... they"), a description headed
    by an actor noun ("these governments", "both countries", "the two services") or a
    demonstrative standing alone ("efforts by these") does not.

    Parameters
    ----------
    doc
        A parsed document.
    resolved
        What :func:`resolve` found: token index → entity.
    lex
        The lexicon (``plural_pronouns``, ``group_anaphor_nouns``).

    Returns
    -------
    dict
        Anaphor token index → the coordinated actors, in the order written.
    """
    plural = lex.words("plural_pronouns")
    nouns = lex.words("group_anaphor_nouns")
    counts = lex.words("group_count_nouns")
    found: dict[int, tuple[Entity, ...]] = {}
    group: tuple[int, int, tuple[Entity, ...]] | None = None  # (sentence, token, actors)
    plural_subject = -1  # the last plural common-noun subject outside a group
    for s_index, sent in enumerate(doc.sents):
        for tok in sent:
            if group is not None and s_index - group[0] <= _GROUP_WINDOW:
                if tok.lower_ in plural and tok.pos_ in {"PRON", "DET"} and plural_subject < group[1]:
                    found[tok.i] = group[2]
                elif _group_description(tok, nouns) or _demonstrative_pronoun(tok) or _set_noun(tok, counts):
                    found[tok.i] = group[2]
            if tok.dep_ not in {"nsubj", "nsubjpass"}:
                continue
            actors = _coordinated_actors(tok, resolved)
            if len(actors) >= 2:
                group = (s_index, tok.i, actors)
            elif tok.pos_ == "NOUN" and tok.tag_ == "NNS" and tok.i not in found:
                plural_subject = tok.i
    return found


def _coordinated_actors(subject: Token, resolved: dict[int, Entity]) -> tuple[Entity, ...]:
    """The distinct actors of a coordinated subject, when every conjunct is resolved."""
    conjuncts = [subject, *subject.conjuncts]
    if len(conjuncts) < 2 or any(c.i not in resolved for c in conjuncts):
        return ()
    return tuple({resolved[c.i].key: resolved[c.i] for c in sorted(conjuncts, key=lambda t: t.i)}.values())


def _demonstrative_pronoun(tok: Token) -> bool:
    """"these", "those" or "both" standing alone as a noun phrase ("efforts by *these*")."""
    return tok.lower_ in _GROUP_WORDS and tok.pos_ in {"PRON", "DET"} and tok.dep_ not in {"det", "predet"} and not any(
        c.dep_ == "prep" and c.lower_ == "of" for c in tok.children  # "those of Russia"
    )


def _set_noun(tok: Token, counts: frozenset[str]) -> bool:
    """"the pair", "this trio": a definite singular noun for a set of people."""
    return tok.pos_ == "NOUN" and tok.tag_ == "NN" and tok.lower_ in counts and any(
        c.dep_ == "det" and c.lower_ in {"the", "this", "that"} for c in tok.lefts
    )


def _group_description(tok: Token, nouns: frozenset[str]) -> bool:
    """"these actors", "those governments", "both countries", "the two services"."""
    if tok.pos_ != "NOUN" or tok.tag_ != "NNS" or tok.lemma_.lower() not in nouns:
        return False
    if any(c.dep_ in {"amod", "compound"} for c in tok.lefts):
        return False  # "these Chinese actors" names its own referent
    left = {c.lower_ for c in tok.lefts if c.dep_ in {"det", "predet", "nummod"}}
    return bool(left & _GROUP_WORDS) or {"the", "two"} <= left

