"""Misparse repairs: verbs the parser folded into a noun phrase, participles it hung on
the wrong noun.

* **Folded verbs.** "Hackers *targeted* academics" parsed as a verbless phrase, "sought
  to stoke discord and *undermine* confidence" with the second infinitive as an
  adjective, "Ionov *utilized* AGMR" as one name: :func:`is_misparsed_verb` finds them,
  :func:`repaired_verb` reads their subject, object and relation.
* **Reattached participles.** "Moscow's use of proxies *linked to* X": a participle the
  parser hung on an event noun or on people modifies the noun or the body named before it
  (:func:`reattached_patient`).
"""

from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Token

from kg.extract.predicates.noun_events import is_event_noun
from kg.extract.predicates.syntax import is_verbal as _is_verbal
from kg.extract.predicates.syntax import own_subject
from kg.extract.predicates.syntax import pobj as _pobj
from kg.extract.spans import semantic_head
from kg.lexicon import Lexicon

__all__ = ["is_misparsed_verb", "lexicon_lemma", "reattached_patient", "repaired_verb", "root_noun_before", "verb_lemma"]


def is_misparsed_verb(tok: Token) -> bool:
    """A verb the parser folded into the noun phrase after it.

    Two shapes: a finite past tense as a modifier of the object in a sentence whose root
    is the subject noun ("Hackers *targeted* academics" parsed as a verbless phrase), and
    "supported candidates it viewed as friendly *and targeted* members", an "-ed"
    conjunct of a predicative adjective that opens a noun phrase.
    """
    if tok.dep_ == "amod" and tok.tag_ == "VBD":
        return root_noun_before(tok) is not None
    if _folded_subject(tok) is not None:
        return True
    if _coordinated_infinitive(tok):
        return True
    if tok.dep_ != "conj" or tok.pos_ not in {"ADJ", "VERB"} or "-" in tok.text:
        return False
    first = tok.head
    if first.dep_ != "amod" or first.pos_ != "ADJ" or first.lower_.endswith("ed"):
        return False
    if not tok.lower_.endswith("ed") or first.head.pos_ not in {"NOUN", "PROPN"}:
        return False
    # the adjectives open their noun phrase: no determiner, so no attributive reading
    return first.i == first.head.left_edge.i and any(c.dep_ == "cc" for c in first.children)


def _coordinated_infinitive(tok: Token) -> bool:
    """A second infinitive the parser read as an adjective of its object: "sought to stoke
    discord and *undermine* confidence", where "undermine confidence" became an object of
    "stoke". The word opens its noun phrase right after "and"/"or", and that phrase is the
    second object of a bare infinitive."""
    if tok.dep_ != "amod" or tok.pos_ not in {"ADJ", "VERB"} or tok.i == 0:
        return False
    noun = tok.head
    before = tok.doc[tok.i - 1]
    if before.dep_ != "cc" or before.lower_ not in {"and", "or"} or noun.left_edge.i != tok.i:
        return False
    return noun.dep_ == "dobj" and noun.head.tag_ == "VB" and before.head.i < tok.i and before.head.head.i == noun.head.i


def _folded_subject(tok: Token) -> Token | None:
    """"Ionov utilized AGMR" parsed as one noun phrase (root "AGMR", "Ionov" its compound,
    "utilized" its adjective): a sentence whose root is a name, with a past form between
    that name's own compound name and it, is subject, verb and object."""
    if tok.dep_ != "amod" or tok.tag_ not in {"VBD", "VBN"} or "-" in tok.text:
        return None
    root = tok.head
    if root.dep_ != "ROOT":
        return None
    if root.pos_ != "PROPN" or root.i != tok.i + 1:
        return None
    subject = tok.doc[tok.i - 1] if tok.i > 0 else None
    if subject is None or subject.pos_ != "PROPN" or subject.head.i != root.i or subject.dep_ != "compound":
        return None
    return subject


def root_noun_before(tok: Token) -> Token | None:
    """The subject of a verb folded into the noun phrase after it: the sentence's root noun
    before it ("*Hackers* targeted academics" parsed as one phrase), or None.

    Returns
    -------
    Token or None
        The root, when it is a noun standing before ``tok`` and ``tok``'s head.
    """
    root = tok.sent.root
    if root.pos_ in {"NOUN", "PROPN"} and root.i < tok.i < tok.head.i:
        return root
    return None


def lexicon_lemma(verb: Token, lex: Lexicon) -> str:
    """The verb's lemma, or the lexicon verb its regular past form comes from where the
    lemmatizer made a word the lexicon does not know ("spearphished" -> "spearphishe",
    "installed" -> "instal"): tried in turn are the form without "-ed", "-d", "-ied"
    (+ "y") and a doubled consonant, as :func:`verb_lemma` does.
    """
    lemma = verb.lemma_.lower()
    form = verb.lower_
    if lex.knows_verb(lemma) or not form.endswith("ed"):
        return lemma
    return next((stem for stem in _past_stems(form) if lex.knows_verb(stem)), lemma)


def verb_lemma(form: str, lex: Lexicon) -> str | None:
    """The lexicon verb a regular past form comes from ("targeted", "criticized", "denied").

    A verb misread as an adjective has the adjective's lemma, so its verb is recovered
    from its form.

    Returns
    -------
    str or None
        The lemma the lexicon knows as a verb, or None.
    """
    return next((stem for stem in _past_stems(form.lower()) if lex.verb(stem) is not None), None)


def _past_stems(form: str) -> Iterator[str]:
    """The stems a regular past form may come from: "-ed" ("targeted"), "-d" ("criticized"),
    a doubled consonant ("planned") and "-ied" ("denied" -> "deny")."""
    for stem in (form[:-2], form[:-1], form[:-3], form[:-3] + "y"):
        if len(stem) > 2:
            yield stem


def repaired_verb(tok: Token, lex: Lexicon) -> tuple[str, Token, Token, str] | None:
    """The clause a misparsed verb (:func:`is_misparsed_verb`) states, read past the parse.

    The claims layer cannot read it from the tree: the verb is an adjective or a
    conjunct of one, so its subject and object are found from where it stands.

    Returns
    -------
    tuple or None
        (lemma, subject head, object head, relation), or None when the lexicon has no
        relation for it or no subject is found.
    """
    if _coordinated_infinitive(tok):
        lemma = tok.lower_ if lex.verb(tok.lower_) is not None else None
    elif tok.pos_ == "VERB" and lex.verb(tok.lemma_.lower()):
        lemma = tok.lemma_.lower()
    else:
        lemma = verb_lemma(tok.text, lex)
    if lemma is None:
        return None
    obj = tok.head if tok.dep_ == "amod" else tok.head.head
    relation = lex.verb(lemma, None, semantic_head(obj, lex).lemma_.lower())
    if relation is None:
        return None
    # the verb it is coordinated with is the outermost finite verb above it
    subject = (root_noun_before(tok) or _folded_subject(tok)) if tok.dep_ == "amod" else None
    innermost = _coordinated_infinitive(tok)  # its infinitive's own clause, not a reporting verb above
    for anc in tok.ancestors:
        if _is_verbal(anc) and anc.tag_ in {"VBD", "VBZ", "VBP"}:
            found = own_subject(anc)
            if found is not None:
                subject = found[0]
                if innermost:
                    break
    if subject is None:
        return None
    return lemma, subject, obj, relation


def reattached_patient(verb: Token, patient: Token, lex: Lexicon) -> Token:
    """"Moscow's use of proxies *linked to* X": a participle right after "EVENT of N" that
    the parser hung on the event noun modifies N: an act is not linked, backed or run."""
    if verb.dep_ != "acl" or patient.i != verb.head.i:
        return patient
    if verb.lemma_.lower() in lex.words("control_participles") and "agent" in lex.object_classes(patient.lemma_.lower()):
        return _owned_body(verb, patient) or patient
    if not is_event_noun(patient, lex):
        return patient
    of = next((c for c in patient.children if c.dep_ == "prep" and c.lower_ == "of" and c.i < verb.i), None)
    pobj = _pobj(of) if of is not None else None
    if pobj is not None and pobj.i == verb.i - 1:
        return pobj
    return patient


def _owned_body(verb: Token, people: Token) -> Token | None:
    """"nationals linked to the Internet Research Agency, owned and operated by X": people
    are not owned or run; the participle the parser hung on them modifies the last
    organisation named between them and it."""
    depth = 0  # skip what brackets hold: "(also known as Lakhta Internet Research)"
    for tok in reversed(verb.doc[people.i + 1 : verb.i]):
        depth += (tok.text == ")") - (tok.text == "(")
        if depth == 0 and tok.pos_ == "PROPN" and tok.dep_ not in {"compound", "flat"} and tok.head.i < verb.i:
            if tok.ent_type_ in {"ORG", ""}:  # a body's name, not a person's or a place's
                return tok
    return None
