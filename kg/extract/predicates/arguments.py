"""The arguments of a verb or copula, each with the relation the lexicon gives it.

A predicate's objects, read with the lexicon (:mod:`kg.lexicon`):

* **Direct objects.** The relation is the lexicon's for the verb and its object's
  semantic head; a reduced relative the parser made the verb's object ("targets
  politicians *based on* ...") and a right-node-raised object ("support or weaken X") are
  objects too. Dates and amounts with nothing counted are never objects.
* **Prepositional objects and light verbs.** Without a direct object, a preposition the
  lexicon asks for gives the object ("interfere *in*", "focus *on*"); when a direct object
  only carries the relation ("cast *criticism* on X", "build *relationships* with X"),
  the prepositional object is the target.
* **Secondary predication and evaluation.** "portray X *as chaotic*" denigrates X;
  content "*critical of* X" is aimed at X; an instrument "*on politicians*" targets them.
* **Means, copular adjectives, principals.** Acting "*through* a campaign" conducts it;
  "*responsible for* the breach" conducts it; acting "*on behalf of* X" ties one to X.
* **Attribution.** "attributed X to Y" reads what is attributed and to whom.

The claims layer (:mod:`kg.extract.clauses`) types its predications with these; event
nouns (:mod:`~kg.extract.predicates.noun_events`) give the same :class:`Argument`
record, and every predication distributes its objects with :func:`object_heads`.
"""

from __future__ import annotations

from typing import NamedTuple

from spacy.tokens import Token

from kg.entities import target_kind
from kg.extract.predicates.syntax import child as _child
from kg.extract.predicates.syntax import is_verbal as _is_verbal
from kg.extract.predicates.syntax import own_subject
from kg.extract.predicates.syntax import pobj as _pobj
from kg.extract.spans import conjuncts, relative_antecedent, semantic_head
from kg.lexicon import Lexicon
from kg.ontology import relation_family

__all__ = [
    "AFFILIATION",
    "THING_FAMILIES",
    "Argument",
    "attribution_arguments",
    "behalf_principal",
    "carried_by_infinitive",
    "copular_adjective_args",
    "is_channel",
    "mere_quantity",
    "names_operation",
    "object_heads",
    "prep_objects",
    "verb_objects",
]

#: Target kinds (kg.entities.target_kind) a directed instrument can be aimed at.
_TARGET_KINDS = frozenset({"Candidate", "Person", "PoliticalParty", "Election", "Institution", "Audience"})
#: Families whose object is the thing done or used, never a place or circumstance.
THING_FAMILIES = frozenset({"conducts", "uses"})
_NON_OBJECT_ENTS = frozenset({"DATE", "TIME", "CARDINAL", "ORDINAL", "PERCENT", "MONEY", "QUANTITY"})
#: The relation of a tie between two parties (roles, principals, "X-linked", attribution).
AFFILIATION = "affiliatedWith"
#: Entity types that name a referent: a named object is never a light verb's noun.
_NAMED_OBJECT_ENTS = frozenset({"GPE", "NORP", "ORG", "PERSON", "LOC", "FAC"})


class Argument(NamedTuple):
    """One argument a predicate takes, as its reading finds it.

    The readings of verbs, copulas and event nouns all give this record, so the claims
    layer builds every predication from it the same way.
    """

    head: Token  #: head of the object
    preposition: str | None  #: the preposition introducing it, if any
    relation: str | None  #: the relation the lexicon gives it, or None for an open one
    svo: bool  #: a plain direct object of an active verb


def mere_quantity(tok: Token, lex: Lexicon) -> bool:
    """A date, number or amount with nothing counted: "14 years", "$1 million"; "dozens
    *of networks*" counts something, and that is the object (see semantic_head)."""
    return tok.ent_type_ in _NON_OBJECT_ENTS and semantic_head(tok, lex).i == tok.i


def object_heads(head: Token, lex: Lexicon) -> list[Token]:
    """The objects an argument head stands for: one per conjunct, quantities left out.

    Coordination is distributed here, once for every kind of predication: "targeted X
    and Y" has two objects; "14 years" none.

    Returns
    -------
    list of Token
        The conjunct heads that are objects.
    """
    return [o for o in conjuncts(head) if not mere_quantity(o, lex) and not o.is_space]


def carried_by_infinitive(obj: Token, lex: Lexicon) -> bool:
    """"focused on its efforts to support X", "engaged in efforts to weaken X": a framing
    noun with an infinitive is no object; the infinitive's own predication is the claim."""
    return obj.lemma_.lower() in lex.words("framing_nouns") and any(
        c.dep_ == "acl" and any(a.dep_ == "aux" and a.lower_ == "to" for a in c.children) for c in obj.children
    )


def prep_objects(
    verb: Token, lemma: str, lex: Lexicon, explicit_only: bool = False, also: Token | None = None
) -> list[Argument]:
    """Objects introduced by a preposition the lexicon selects ("interfere in", "focus on").

    A preposition that usually introduces a circumstance ("as", "through") counts only
    where the lexicon names it for this verb ("pose as", "publish through"); with
    ``explicit_only`` that holds for every preposition (the verb has a direct object too).
    ``also``: a direct object whose following prepositions are read as the verb's.
    """
    args = []
    after_object = [c for c in also.rights if c.dep_ == "prep"] if also is not None else []
    for prep in [*verb.children, *after_object]:
        if prep.dep_ not in {"prep", "dative"}:
            continue
        pobj = _pobj(prep)
        if pobj is None or mere_quantity(pobj, lex):
            continue
        sem_lemma = semantic_head(pobj, lex).lemma_.lower()
        relation = lex.verb(lemma, prep.lower_, sem_lemma)
        if relation is None:
            continue
        explicit = relation != lex.verb(lemma, None, sem_lemma)
        if (explicit_only or prep.lower_ in lex.words("adjunct_prepositions") or prep.dep_ == "dative") and not explicit:
            continue
        if relation_family(relation) == "uses" and _child(verb, "xcomp") is not None and verb.lemma_.lower() in lex.words("appeal_verbs"):
            # "calls on X to cease": X is asked to act (object control), not used; but
            # "relied on trolls to amplify content" uses them
            continue
        if relation_family(relation) in THING_FAMILIES and relation == lex.verb(lemma, None, sem_lemma):
            # "conducted ... in the United States": a place, not what is conducted
            continue
        args.append(Argument(pobj, prep.lower_, relation, False))
    return args


def _explicit_prep_objects(verb: Token, lemma: str, lex: Lexicon, dobj: Token) -> list[Argument]:
    """Beside a direct object, the objects of prepositions the lexicon names for the verb:
    the recipient in "sent emails *to voters*", the channel in "published the documents
    *through a website*", the victim in "stole cables *from the ministry*" (also where the
    parser hung the preposition on the object)."""
    return [
        arg for arg in prep_objects(verb, lemma, lex, explicit_only=True, also=dobj)
        # "attributed the operation to X" links the object, not the subject, to X
        if relation_family(arg.relation) in {"targets", "uses", "supports"}
    ]


def _directional_preps(verb: Token, dobj: Token, lex: Lexicon) -> list[Token]:
    preps = [c for c in dobj.children if c.dep_ == "prep"] + [c for c in verb.children if c.dep_ == "prep"]
    # division is sown *among* or *in* those it divides ("sow discord among voters")
    extra = lex.words("division_prepositions") if "divisive" in lex.object_classes(semantic_head(dobj, lex).lemma_.lower()) else frozenset()
    return [p for p in preps if p.lower_ in lex.words("target_prepositions") or p.lower_ in extra or (p.lower_ == "with" and p.head.i == dobj.i)]


def verb_objects(verb: Token, lemma: str, lex: Lexicon) -> list[Argument]:
    """Objects of an active verb with the relation each gives (see module docstring),
    and the operations it is done through."""
    args = _direct_verb_objects(verb, lemma, lex)
    taken = {a.head.i for a in args}
    return args + [a for a in _means_operations(verb, lex) if a.head.i not in taken]


def names_operation(phrase: Token, lex: Lexicon) -> bool:
    """Whether a phrase names an operation or campaign ("an attempted hack of X",
    "disinformation campaigns"), by its semantic head."""
    return target_kind(semantic_head(phrase, lex).lemma_.lower(), lex) in {"Operation", "Campaign"}


def _means_operations(verb: Token, lex: Lexicon) -> list[Argument]:
    """"sought to divide the American people *through targeted disinformation
    campaigns*": whoever acts through an operation conducts it."""
    found = []
    for prep in verb.children:
        if prep.dep_ == "prep" and prep.lower_ in lex.words("means_prepositions"):
            pobj = _pobj(prep)
            if pobj is not None and names_operation(pobj, lex):
                found.append(Argument(pobj, prep.lower_, "conducts", False))
    return found


def _direct_verb_objects(verb: Token, lemma: str, lex: Lexicon) -> list[Argument]:
    dobj = _child(verb, "dobj") or _participle_object(verb)
    if dobj is None:
        dobj = _shared_object(verb)
    if dobj is None:
        return prep_objects(verb, lemma, lex)
    dobj = relative_antecedent(dobj)
    if dobj.pos_ in {"PRON", "DET"} and dobj.lower_ in {"what", "which", "that", "this"}:
        return []
    sem = semantic_head(dobj, lex)
    sem_lemma = sem.lemma_.lower()
    relation = lex.verb(lemma, None, sem_lemma)
    if relation is None and sem.ent_type_ == "NORP" and sem.tag_ in {"NNPS", "NNS"}:
        # "recruited unwitting Americans": people named by their nation are its nationals
        relation = lex.verb(lemma, None, "national")
    kind = target_kind(sem_lemma, lex)
    if relation is None and lex.spreads(lemma, sem_lemma):
        # published content is no instrument, but whom it is for or against is still
        # what its spreader aims at: "amplified narratives favorable to X"
        return [*_aimed_instrument(verb, dobj, "Instrument", lex), *_evaluated(verb, dobj, "uses", lex), *_explicit_prep_objects(verb, lemma, lex, dobj)]
    if relation is None:
        # secondary predication: "portray the model as chaotic", "paint X as Y"
        for prep in [c for c in verb.children if c.dep_ == "prep"] + [c for c in dobj.children if c.dep_ == "prep"]:
            if prep.lower_ in {"as", "into"}:
                relation = lex.verb(lemma, prep.lower_, sem_lemma) or _framed_as(lemma, prep, lex)
                if relation is not None:
                    return [Argument(dobj, None, relation, False)]
        return [Argument(dobj, None, None, True), *_aimed_instrument(verb, dobj, kind, lex), *_explicit_prep_objects(verb, lemma, lex, dobj)]
    if relation_family(relation) == "targets" and kind in {None, "Tactic", "Instrument"} and sem.ent_type_ not in _NAMED_OBJECT_ENTS and _light(lemma, sem_lemma, lex):
        # light verb (a named object is the target itself: "discredited Pakistan at the UN"): the noun carries the relation, the preposition names the target
        # ("cast criticism on X", "build relationships with X")
        for prep in _directional_preps(verb, dobj, lex):
            pobj = _pobj(prep)
            if pobj is not None and not mere_quantity(pobj, lex):
                # "sow discord among voters": the division is exploited, those it is sown
                # among are targeted
                aimed = "targets" if relation == "exploits" else relation
                return [Argument(pobj, prep.lower_, aimed, False)]
    return [
        Argument(dobj, None, relation, True), *_aimed_instrument(verb, dobj, kind, lex), *_evaluated(verb, dobj, relation, lex),
        *_explicit_prep_objects(verb, lemma, lex, dobj), *_operation_channels(verb, relation, lex),
    ]


def _light(lemma: str, object_lemma: str, lex: Lexicon) -> bool:
    """Whether the verb's relation comes from its object ("cast *criticism*", "build
    *relationships*"), so that a preposition may name the target. A verb that targets
    whatever it takes ("targeted computers at the behest of Iran") has its target in
    the object."""
    entry = lex.relations.best("verb", lemma, None, object_lemma)
    return entry is None or entry.object is not None


def _framed_as(lemma: str, prep: Token, lex: Lexicon) -> str | None:
    """``denigrates`` when a verb of characterising frames its object as something bad:
    "portray the model *as chaotic*, ineffective and unrepresentative", "depict them *as
    violent extremists*", "cast X *as a threat*". A framing verb alone is neutral ("portray
    X as a partner" makes no claim): the relation is in the complement."""
    if prep.lower_ != "as" or lemma not in lex.words("framing_verbs"):
        return None
    pejorative = lex.words("pejorative_complements")
    for complement in (c for c in prep.children if c.dep_ in {"pobj", "amod", "acomp", "oprd", "advmod", "appos"}):
        for word in conjuncts(complement):
            if word.lemma_.lower() in pejorative or word.lower_ in pejorative or any(
                c.dep_ == "amod" and c.lower_ in pejorative for c in word.children
            ):
                return "denigrates"
    return None


def _evaluated(verb: Token, dobj: Token, relation: str, lex: Lexicon) -> list[Argument]:
    """Whom spread content is for or against: "amplified content *critical of* X",
    "push narratives *favorable to* X" (the adjective may hang on the noun or, as a
    secondary predicate, on the verb). Only when the verb uses the content."""
    if relation_family(relation) != "uses":
        return []
    heads = [c for c in dobj.children if c.dep_ == "amod"] + [c for c in verb.children if c.dep_ == "oprd"]
    args = []
    for adj in heads:
        for word in conjuncts(adj):
            evaluation = lex.value_map("evaluative_adjectives").get(word.lower_)
            prep = next((c for c in word.children if c.dep_ == "prep" and c.lower_ in lex.words("evaluative_prepositions")), None)
            pobj = _pobj(prep) if prep is not None else None
            if evaluation is not None and pobj is not None:
                args.append(Argument(pobj, prep.lower_, evaluation, False))
    return args


def _participle_object(verb: Token) -> Token | None:
    """The object the parser made the subject of a reduced relative after the verb.

    "X targets politicians based on their ideas" is often parsed with *politicians* as
    the subject of a bare participle clause (``ccomp``, no auxiliary, no complementiser)
    right after the verb; a bare participle has no subject of its own, so the noun is the
    verb's object ("harassed dissidents living abroad" too).
    """
    for child in verb.children:
        if child.dep_ == "ccomp" and child.tag_ in {"VBN", "VBG"} and child.i > verb.i and not any(
            c.dep_ in {"aux", "auxpass", "mark"} for c in child.children
        ):
            subj = _child(child, "nsubj")
            if subj is not None and subj.left_edge.i == verb.i + 1:
                return subj
    return None


def _aimed_instrument(verb: Token, dobj: Token, kind: str | None, lex: Lexicon) -> list[Argument]:
    """An instrument or tactic directed at a target: "amplified content *on politicians*"
    (the actor uses the content, and targets the politicians)."""
    if kind not in {"Instrument", "Tactic"}:
        return []
    for prep in _directional_preps(verb, dobj, lex):
        pobj = _pobj(prep)
        if pobj is None or is_channel(prep, pobj, lex):
            continue
        if target_kind(semantic_head(pobj, lex).lemma_.lower(), lex) in _TARGET_KINDS:
            return [Argument(pobj, prep.lower_, "targets", False)]
    return []


def _operation_channels(verb: Token, relation: str | None, lex: Lexicon) -> list[Argument]:
    """"implemented an influence operation on U.S. social media": the medium an operation
    is conducted on is used."""
    if relation_family(relation) != "conducts":
        return []
    found = []
    for prep in verb.children:
        pobj = _pobj(prep) if prep.dep_ == "prep" else None
        if pobj is not None and is_channel(prep, pobj, lex):
            found.append(Argument(pobj, prep.lower_, "uses", False))
    return found


def is_channel(prep: Token, pobj: Token, lex: Lexicon) -> bool:
    """"amplified narratives *on social media*": a medium content is placed on is where
    the instrument is used, not whom it is aimed at ("attacks *on the press*" still are)."""
    if prep.lower_ not in lex.words("channel_prepositions"):
        return False
    head = semantic_head(pobj, lex)
    if head.lemma_.lower() in lex.words("channel_nouns"):
        return True
    return any(c.dep_ in {"amod", "compound"} and c.lemma_.lower() in lex.words("channel_modifiers") for c in head.children)


def _shared_object(verb: Token) -> Token | None:
    # right node raising: "support or weaken X" — X is the object of both; only for a bare
    # verb immediately coordinated with the next one
    if any(c.dep_ in {"xcomp", "ccomp", "advcl", "prep", "dative", "attr", "acomp"} for c in verb.children):
        return None
    for conj in verb.children:
        if conj.dep_ != "conj" or not _is_verbal(conj):
            continue
        dobj = _child(conj, "dobj")
        if own_subject(conj) is None:
            between = verb.doc[verb.i + 1 : conj.i]
            if len(between) > 3 or not any(t.dep_ == "cc" for t in between):
                return None
            if dobj is not None:
                return dobj
        elif dobj is not None and _raised_past_commas(verb, conj, dobj):
            # "Beijing funded, and the MSS coordinated, campaigns ...": each clause has its
            # own subject and the commas set the shared object apart
            return dobj
    return None


def _raised_past_commas(verb: Token, conj: Token, dobj: Token) -> bool:
    """A comma right after the first verb and right before the shared object."""
    doc = verb.doc
    after_verb = doc[verb.i + 1] if verb.i + 1 < len(doc) else None
    first = next(t for t in dobj.subtree if not t.is_punct)  # the parser may hang the comma on the object
    before_object = doc[first.i - 1] if first.i > conj.i + 1 else None
    return (
        after_verb is not None and after_verb.text == ","
        and before_object is not None and before_object.text == ","
        and not any(t.dep_ not in {"dobj", "punct"} and conj.i < t.i < first.i for t in conj.children)
    )


def attribution_arguments(verb: Token, lex: Lexicon) -> tuple[Token, Token] | None:
    """(what is attributed, to whom) for an active verb of attribution ("attributed X to
    Y", "linked X to Y": the lexicon's ``attributing_verbs``; "X was linked to Y" is an
    ordinary passive affiliation), or None."""
    if verb.lemma_.lower() not in lex.words("attributing_verbs") or own_subject(verb) is None:
        return None
    dobj = _child(verb, "dobj")
    to = next((c for c in verb.children if c.dep_ == "prep" and c.lower_ == "to"), None)
    owner = _pobj(to) if to is not None else None
    if dobj is None or owner is None:
        return None
    return relative_antecedent(dobj), owner


def copular_adjective_args(verb: Token, lex: Lexicon) -> list[Argument]:
    """Objects of a copular adjective the lexicon reads: "X is responsible for the breach"
    (conducts), "X is subordinate to Y" (affiliatedWith), "X was involved in Z"."""
    args = []
    for adj in verb.children:
        if adj.dep_ != "acomp" or adj.pos_ not in {"ADJ", "VERB"}:
            continue
        for prep in adj.children:
            pobj = _pobj(prep) if prep.dep_ == "prep" else None
            if pobj is None or mere_quantity(pobj, lex):
                continue
            relation = lex.verb(adj.lemma_.lower(), prep.lower_, semantic_head(pobj, lex).lemma_.lower())
            if relation is not None and relation != lex.verb(adj.lemma_.lower(), None, semantic_head(pobj, lex).lemma_.lower()):
                args.append(Argument(pobj, prep.lower_, relation, False))
    return args


def behalf_principal(verb: Token, lex: Lexicon) -> Token | None:
    """X in "worked *on behalf of* X", "acted *at the behest of* X"."""
    for prep in verb.children:
        if prep.dep_ != "prep" or prep.lower_ not in lex.words("behalf_prepositions"):
            continue
        noun = _pobj(prep)
        if noun is None or noun.lemma_.lower() not in lex.words("behalf_nouns"):
            continue
        of = next((c for c in noun.children if c.dep_ == "prep" and c.lower_ == "of"), None)
        if of is not None and _pobj(of) is not None:
            return _pobj(of)
    return None
