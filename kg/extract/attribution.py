"""Attribution: who the text says makes a claim (reported speech, "according to").

A claim's source is found, in order of preference:

1. the subject of the nearest verb of saying or assessing that governs the predicate
   ("the report said that ...", "X warned/believes/found/concluded that ...", "..., the
   report continued", "which Washington is accusing of ..."). A first-person subject
   ("We assess that ...") is the writer of a quoted document, so the search goes on to
   the verb that reports the quote ("..., the report said"), and falls back to "We";
2. an "according to X" phrase anywhere in the sentence (its scope is the whole sentence);
3. a verb of saying that heads the sentence or stands in parenthesis ("X, officials
   said", "the assessment reads") though the parse did not attach the claim under it.

The source is returned as written, as the whole noun phrase without its relative
clauses, participles and appositions: "a report by the Office of the Director of
National Intelligence", "the U.S. intelligence community", "a declassified intelligence
assessment".

Reporting verbs
---------------
:func:`is_reporting_verb` knows the verbs of communication and of judgment whose
complement is the reported claim, after Levin's (1993) classes *say* (37.7), *tell*
(37.2), *conjecture* (29.5), *declare* (29.4), *judgment* (33: accuse, blame, ...),
*assessment* (34) and *warn/advise* (37.9), plus the evidential verbs of documents
(show, indicate, reveal, suggest) that intelligence reporting uses. A few verbs are
reporting only when used without an object of their own ("the report continued",
"officials added", "the assessment reads", "the report found"), since "continue to
amplify", "added content" and "found accounts" are actions.
"""

from __future__ import annotations

from typing import NamedTuple

from spacy.tokens import Span, Token

from kg.lexicon import Lexicon

__all__ = [
    "Attribution", "attribution_for", "is_reporting_verb", "source_phrase", "quote_continuations", "charging_source",
    "source_for_subject",
]


class Attribution(NamedTuple):
    """The source of a claim as written in the text."""

    text: str  #: the source as written, e.g. "the U.S. intelligence community"
    span: Span | None  #: where it is written, when it is in the sentence


# The reporting verbs are data (kg/lexicon/words_attribution.tsv: reporting_verbs,
# contextual_reporting_verbs), read through the Lexicon each function is given.
_OWN_OBJECT_DEPS = {"dobj", "xcomp", "acomp", "attr", "oprd", "dative", "prt"}
_COMPLEMENT_DEPS = {"ccomp", "parataxis"}
_SUBJECT_DEPS = {"nsubj", "nsubjpass", "csubj"}
#: Dependents cut from a source phrase: clauses, appositions, trailing punctuation.
_CUT_DEPS = {"relcl", "acl", "appos", "punct", "advcl", "parataxis", "ccomp", "cc", "conj"}
#: Named-entity types whose whole name a source phrase keeps.
_NAMED_SOURCES = frozenset({"ORG", "PERSON", "GPE", "NORP"})


def is_reporting_verb(token: Token, lex: Lexicon) -> bool:
    """True for verbs of saying or assessing whose complement is the reported claim.

    Parameters
    ----------
    token
        Any token; only verbs (and auxiliaries tagged as verbs) can be reporting verbs.
    lex
        The lexicon (its ``reporting_verbs`` and ``contextual_reporting_verbs``).

    Returns
    -------
    bool
        True for the ``reporting_verbs`` of the lexicon, for its
        ``contextual_reporting_verbs`` when they take a clause ("found that ...")
        or no object at all ("..., the report continued"), and for a copula whose
        ``reporting_adjectives`` takes a clause ("is confident that ...").
    """
    if token.pos_ not in {"VERB", "AUX"} and not token.tag_.startswith("VB"):
        return False
    lemma = token.lemma_.lower()
    if lemma == "be" and any(
        c.dep_ == "acomp" and c.lower_ in lex.words("reporting_adjectives") and any(g.dep_ in _COMPLEMENT_DEPS for g in c.children)
        for c in token.children
    ):
        return True  # "the IC is confident that ...": the subject states the clause
    if lemma in {"point"}:
        # "point out that": the particle makes it reporting.
        return any(c.dep_ == "prt" and c.lower_ == "out" for c in token.children)
    contextual = lex.words("contextual_reporting_verbs")
    if lemma in lex.words("reporting_verbs") and lemma not in contextual:
        return True
    if lemma in contextual:
        deps = {c.dep_ for c in token.children}
        if deps & _COMPLEMENT_DEPS:
            return True
        return not deps & _OWN_OBJECT_DEPS
    return False


def attribution_for(predicate: Token, lex: Lexicon) -> Attribution | None:
    """The source of the clause headed by ``predicate``, or None when unattributed.

    Parameters
    ----------
    predicate
        The clause's head: its verb, or an event noun.
    lex
        The lexicon (reporting verbs, first-person pronouns).

    Returns
    -------
    Attribution or None
        The source phrase as written and its span; None when nothing in the sentence
        attributes the clause.
    """
    first_person: Attribution | None = None
    first_persons = lex.words("source_first_person")
    for verb in _governing_reporters(predicate, lex):
        source = _reporter_source(verb)
        if source is None:
            continue
        if source.span is not None and source.span.root.lower_ in first_persons:
            # "We assess ..." inside a quote: the quote's speaker wins when there is one.
            first_person = first_person or source
            continue
        return source
    according = _according_to(predicate.sent, lex)
    if according is not None:
        return according
    for verb in _parenthetical_reporters(predicate, lex):
        source = _reporter_source(verb)
        if source is not None and source.span is not None and source.span.root.lower_ not in first_persons:
            return source
    return first_person


def source_phrase(head: Token) -> Span:
    """The noun phrase headed by ``head`` without clauses, appositions and punctuation.

    Examples: "The report, released by the Office ..., " → "The report"; "a report by the
    Office of the Director of National Intelligence" stays whole.
    """
    keep = _kept(head)
    start = end = head.i
    # Extend contiguously left and right over kept tokens; a blank line (a SPACE token)
    # ends the phrase, since a misparse can join a heading to the next paragraph.
    while start - 1 in keep and not head.doc[start - 1].is_space:
        start -= 1
    while end + 1 in keep and not head.doc[end + 1].is_space:
        end += 1
    # a name the parser took apart ("Cybersecurity and Infrastructure Security Agency")
    # stays whole: the named entity the head ends
    if head.ent_iob_ == "I" and head.ent_type_ in _NAMED_SOURCES:
        first = head.i
        while first > 0 and head.doc[first].ent_iob_ == "I":
            first -= 1
        start = min(start, first)
    # and so does the acronym in brackets right after it: "... Investigation (FBI)"
    doc = head.doc
    if end + 3 < len(doc) and doc[end + 1].text == "(" and doc[end + 3].text == ")" and doc[end + 2].is_upper:
        end += 3
    return doc[start : end + 1]


# --------------------------------------------------------------------------- helpers


def _kept(token: Token) -> set[int]:
    kept = {token.i}
    for child in token.children:
        # Wh-words belong to the embedding clause ("according to what officials said").
        if child.dep_ in _CUT_DEPS or child.tag_ in {"WDT", "WP", "WP$"}:
            continue
        kept |= _kept(child)
    return kept


def _governing_reporters(predicate: Token, lex: Lexicon) -> list[Token]:
    """Reporting verbs among the predicate's governors, nearest first."""
    found = []
    token = predicate
    while token.head.i != token.i:
        token = token.head
        if is_reporting_verb(token, lex):
            found.append(token)
    return found


def _parenthetical_reporters(predicate: Token, lex: Lexicon) -> list[Token]:
    """Reporting verbs of the sentence that do not govern the predicate: the root, or a
    parenthetical ("X, officials said, ...") the parser attached elsewhere."""
    sent = predicate.sent
    ancestors = {t.i for t in predicate.ancestors}
    found = []
    for token in sent:
        if token.i in ancestors or token.i == predicate.i:
            continue
        if token.dep_ in {"ROOT", "parataxis"} and is_reporting_verb(token, lex):
            # The predicate must not be part of the reporter's own subject or object.
            if predicate in token.subtree and any(
                predicate in c.subtree for c in token.children if c.dep_ in _SUBJECT_DEPS
            ):
                continue
            found.append(token)
    return found


def _reporter_source(verb: Token) -> Attribution | None:
    """The subject of a reporting verb, or the agent of a passive one ("was assessed by")."""
    for child in verb.children:
        if child.dep_ == "nsubj":
            if child.lower_ in {"it", "there", "that", "which", "who"}:
                # A dummy or relative subject does not name a source; "which" would need
                # the antecedent, which the relative clause's head gives.
                if child.lower_ in {"which", "who", "that"} and verb.dep_ == "relcl":
                    return _as_attribution(verb.head)
                return None
            found = _as_attribution(child)
            if found is None and child.i > verb.i:
                return _postposed_speaker(verb)
            return found
    for child in verb.children:
        if child.dep_ == "agent":
            pobj = next((g for g in child.children if g.dep_ == "pobj"), None)
            if pobj is not None:
                return _as_attribution(pobj)
    return None


def _postposed_speaker(verb: Token) -> Attribution | None:
    """The person after an inverted "said" whose long title the parser misread: in
    "..., said Acting Under Secretary of the Treasury ... Bradley T. Smith", the last
    person or organisation named after the verb speaks."""
    named = [t for t in verb.subtree if t.i > verb.i and t.ent_type_ in {"PERSON", "ORG"} and t.ent_iob_ == "B"]
    if not named:
        return None
    first = named[-1]
    end = first.i + 1
    while end < len(verb.doc) and verb.doc[end].ent_iob_ == "I":
        end += 1
    span = verb.doc[first.i : end]
    return Attribution(text=span.text, span=span)


_OPENING_QUOTES = frozenset({"“", '"', "‘"})


def quote_continuations(doc, lex: Lexicon) -> dict[int, Attribution]:
    """Speakers of quoted sentences that carry no reporting verb of their own.

    A speaker's quote often runs on after the sentence that names them: in “A,” said
    Smith. “B.” the sentence B is Smith's too. Maps the start of each such sentence to
    the speaker of the quoted sentence before it; a sentence that is not a quote, or
    that reports speech itself, ends the run.
    """
    carried: dict[int, Attribution] = {}
    speaker: Attribution | None = None
    for sent in doc.sents:
        words = [t for t in sent if not t.is_space]
        if not words:
            continue
        # the cheap test first: a sentence has one or two such heads, every word is not one
        reporters = [t for t in words if t.dep_ in {"ROOT", "parataxis"} and is_reporting_verb(t, lex)]
        opens_quote = words[0].text in _OPENING_QUOTES
        if reporters:
            speaker = _reporter_source(reporters[0]) if opens_quote else None
        elif opens_quote and speaker is not None:
            carried[sent.start] = speaker
        else:
            speaker = None
    return carried


def source_for_subject(subject: Token) -> Attribution | None:
    """A verb's subject as the source of what the verb asserts ("Meta attributed ...")."""
    return _as_attribution(subject)


def charging_source(verb: Token) -> Attribution | None:
    """Who makes the accusation of a charging or sanctioning verb: its subject ("Treasury
    sanctioned X for ..."), or the document that charges ("a complaint was unsealed
    charging X", "an indictment charging X"). The accused is never the source.
    """
    subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    if subject is not None and subject.pos_ in {"NOUN", "PROPN"}:
        return _as_attribution(subject)
    head = verb.head
    if verb.dep_ == "acl" and head.pos_ in {"NOUN", "PROPN"}:
        return _as_attribution(head)  # "an indictment charging X with ..."
    if verb.dep_ in {"xcomp", "advcl"}:
        document = next((c for c in head.children if c.dep_ == "nsubjpass"), None)
        if document is not None:
            return _as_attribution(document)  # "a complaint was unsealed charging X"
    within = next((c for c in verb.children if c.dep_ == "prep" and c.lower_ == "in"), None)
    document = next((c for c in within.children if c.dep_ == "pobj"), None) if within is not None else None
    if document is not None and document.pos_ == "NOUN" and any(c.dep_ == "auxpass" for c in verb.children):
        # "X are charged in two criminal complaints with ...": the documents, without the
        # act charged that the parser hangs on them
        span = document.doc[source_phrase(document).start : document.i + 1]
        return Attribution(text=span.text, span=span)
    return None


def _according_to(sent: Span, lex: Lexicon) -> Attribution | None:
    """"according to X" anywhere in the sentence; for "according to what officials said",
    the subject of the embedded clause; or "as alleged in X" (one pass over the sentence)."""
    reported_in = None
    for token in sent:
        lower = token.lower_
        if lower == "as" and reported_in is None:
            reported_in = _as_reported_in(token, lex)
        if lower != "according":
            continue
        to = next((c for c in token.children if c.lower_ == "to"), None)
        if to is None:
            nxt = token.nbor(1) if token.i + 1 < len(token.doc) else None
            to = nxt if nxt is not None and nxt.lower_ == "to" else None
        if to is None:
            continue
        for child in to.children:
            if child.dep_ == "pobj":
                source = _as_attribution(child)
                if source is not None:
                    return source
            if child.dep_ == "pcomp":
                subject = next((g for g in child.children if g.dep_ in _SUBJECT_DEPS), None)
                source = _as_attribution(subject) if subject is not None else None
                if source is not None:
                    return source
    return reported_in


def _as_reported_in(token: Token, lex: Lexicon) -> Attribution | None:
    """"As alleged in the affidavit, ...", "as described in the complaint": a reporting
    participle after "as" names the document the whole sentence rests on."""
    if token.dep_ != "mark" or token.head.tag_ != "VBN":
        return None
    verb = token.head
    if not is_reporting_verb(verb, lex):
        return None
    for prep in verb.children:
        if prep.dep_ == "prep" and prep.lower_ in {"in", "by"}:
            pobj = next((c for c in prep.children if c.dep_ == "pobj"), None)
            source = _as_attribution(pobj) if pobj is not None else None
            if source is not None:
                return source
    return None


def _as_attribution(head: Token) -> Attribution | None:
    # Only a nominal can be a source; anything else is a misparse ("." as a subject).
    quantifier = head.pos_ in {"ADJ", "DET"} and any(c.lower_ == "of" for c in head.children)
    if (head.pos_ not in {"NOUN", "PROPN", "PRON", "NUM", "X"} and not quantifier) or head.tag_ in {"WDT", "WP"}:
        return None
    span = source_phrase(head)
    # "CISA and the FBI are warning that ...": both say it
    names = [c for c in head.children if c.dep_ == "conj" and c.pos_ == "PROPN" and c.i > head.i]
    if names and head.pos_ == "PROPN":
        span = head.doc[span.start : source_phrase(names[-1]).end]
        while len(span) > 1 and span[-1].is_punct and span[-1].text != ")":
            span = span[:-1]
    return Attribution(text=span.text, span=span)
