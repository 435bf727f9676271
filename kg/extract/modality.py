"""Negation, ICD 203 likelihood, analytic confidence and hedges scoped over a predicate.

Both functions look at the clause headed by a predicate token (a verb, or the event noun
of a nominal event such as "interference by Cuba") *and at the clauses that govern it*:
a cue on a governing verb scopes over its complements ("Cuba allegedly sought to
influence ..." hedges *influence*; "did not try to influence" negates it; "The community
believes with high confidence that China approved ..." qualifies *approved*).

How far a cue reaches
---------------------
Hedges climb every head from the predicate to the sentence root, because estimative
language on a verb of saying or assessing scopes over everything it reports. One
exception: a conjunct with its own subject ("X allegedly did A, and Y did B") does not
inherit the adverbs of the conjunct it is attached to.

Negation is stricter: it only passes down complement edges (xcomp, ccomp, infinitival
purpose clauses, prepositional complements, a noun's infinitival or clausal complement,
conjuncts that share the subject), never into relative clauses, because "does not name
the officials whom Cuba targeted" still presupposes that Cuba targeted them.

Cue kinds (``kg.model.Hedge.kind``)
-----------------------------------
``likelihood``
    ICD 203 expressions of likelihood, with the band in ``Hedge.likelihood``:
    almost no chance / remote → ``almost_no_chance``; very unlikely / highly improbable →
    ``very_unlikely``; unlikely / improbable → ``unlikely``; roughly even chance / odds →
    ``roughly_even_chance``; likely / probable / probably → ``likely``; very likely /
    highly probable → ``very_likely``; almost certain(ly) / nearly certain →
    ``almost_certain``. First-person estimative verbs ("We assess", "we judge", "we
    estimate", "we believe", "it is assessed") are also of this kind, with
    ``likelihood=None``: ICD 203 counts them as estimative language (an analytic
    judgment rather than a reported fact) although they name no band.
``confidence``
    analytic confidence: "with high confidence", "we have moderate confidence",
    "great confidence" (→ high), "highly confident" (→ high); ``Hedge.confidence`` is
    ``high``, ``moderate`` or ``low``.
``hedge``
    journalistic and evidential hedges: allegedly, alleged, reportedly, suspected,
    purportedly, apparently, possibly, seemingly, "appears to", "seems to" ...; also when
    they modify the subject ("Suspected Chinese agents") or the event noun ("the alleged
    Cuban interference").
``modal``
    epistemic modal auxiliaries: may, might, could, would.
"""

from __future__ import annotations

from typing import Iterator

from spacy.tokens import Token

from kg.lexicon import Lexicon
from kg.model import Hedge

__all__ = [
    "is_negated",
    "is_hypothetical",
    "is_condition",
    "is_norm",
    "is_false_report",
    "is_forecast",
    "is_capability",
    "is_improbable",
    "hedges_for",
    "scope_chain",
    "IMPROBABLE_BANDS",
]

# --------------------------------------------------------------------------- lexicon

# The words (likelihood, confidence, hedge and negation classes) are data:
# kg/lexicon/words_modality.tsv, read through the Lexicon each function is given.

# Edges along which negation reaches a dependent clause.
_NEG_EDGES = {"xcomp", "ccomp", "pcomp", "prep", "pobj", "acl", "oprd", "acomp", "attr",
              "dobj", "nsubjpass", "csubj", "csubjpass", "auxpass"}
_SUBJECTS = {"nsubj", "nsubjpass", "csubj", "csubjpass", "expl"}
_OBJECTS = {"dobj", "attr", "pobj", "nsubjpass", "oprd", "dative"}


# --------------------------------------------------------------------------- scope


def scope_chain(predicate: Token) -> list[Token]:
    """The predicate and the tokens that govern it, up to the sentence root.

    Parameters
    ----------
    predicate
        The clause's head: its verb, or an event noun.

    Returns
    -------
    list of Token
        ``[predicate, head, head's head, ..., root]``.
    """
    chain = [predicate]
    token = predicate
    while token.head.i != token.i and token.head not in chain:
        token = token.head
        chain.append(token)
    return chain


def _has_own_subject(token: Token) -> bool:
    return any(c.dep_ in _SUBJECTS for c in token.children)


# --------------------------------------------------------------------------- negation


def is_negated(predicate: Token, lex: Lexicon) -> bool:
    """True when the clause headed by ``predicate`` denies or leaves open the action.

    Parameters
    ----------
    predicate
        The clause's head: its verb, or an event noun ("interference", "order").

    Returns
    -------
    bool
        True for a ``neg`` child ("does not name", "never"), a negative determiner or
        pronoun on the subject or object ("no specific candidates have been named",
        "none of them", "There is no known order ..."), a governing verb of failure or
        denial ("failed to", "denied that", "refrained from"), a negated governing verb
        ("did not try to influence", "does not say how ..."), a governing "without" or
        "instead of", or an open complementiser ("whether", "if").

    Examples
    --------
    Built on a hand-made parse of "Cuba did not interfere":

    >>> from spacy.tokens import Doc
    >>> from spacy.vocab import Vocab
    >>> from kg.lexicon import load_lexicon
    >>> doc = Doc(Vocab(), words=["Cuba", "did", "not", "interfere"], heads=[3, 3, 3, 3],
    ...           deps=["nsubj", "aux", "neg", "ROOT"])
    >>> is_negated(doc[3], load_lexicon())
    True
    """
    token = predicate
    seen: set[int] = set()
    while token.i not in seen:
        seen.add(token.i)
        if _locally_negated(token, token.i == predicate.i, lex):
            return True
        if token.i != predicate.i and _negative_governor(token, lex):
            return True
        if any(c.dep_ == "mark" and c.lower_ in lex.words("open_marks") for c in token.children):
            return True
        if not _negation_passes(token, lex):
            return False
        token = token.head
    return False


#: ICD 203 bands below even chance: the text judges the action improbable, so an
#: analyst's graph must not show it as done ("Cuba is unlikely to interfere").
IMPROBABLE_BANDS = frozenset({"almost_no_chance", "very_unlikely", "unlikely"})


def is_hypothetical(predicate: Token, lex: Lexicon) -> bool:
    """True when the clause is the consequent of a conditional: "If X were to ..., it would Y".

    A modal clause that governs (or sits under a verb that governs) an "if"/"unless"
    clause states what would happen, not what happened. A modal alone ("such actions
    would have a clear objective") is a hedge, not a hypothesis.

    >>> import spacy
    >>> from spacy.tokens import Doc
    >>> doc = Doc(spacy.blank("en").vocab, words=["If", "asked", ",", "it", "would", "deny", "it"],
    ...           heads=[1, 5, 5, 5, 5, 5, 5], deps=["mark", "advcl", "punct", "nsubj", "aux", "ROOT", "dobj"],
    ...           tags=["IN", "VBN", ",", "PRP", "MD", "VB", "PRP"])
    >>> from kg.lexicon import load_lexicon
    >>> is_hypothetical(doc[5], load_lexicon())
    True
    """
    for token in scope_chain(predicate):
        modal = any(c.dep_ == "aux" and c.tag_ == "MD" for c in token.children)
        conditional = any(
            c.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ in lex.words("conditional_marks") for m in c.children)
            for c in token.children
        )
        if modal and conditional:
            return True
    return False


def is_condition(predicate: Token, lex: Lexicon, chain: list[Token] | None = None) -> bool:
    """True when the clause is itself a condition: "if X hacks Y, ...", "when foreign
    governments target these people, we want to know". What a conditional clause, or a
    present-tense "when" clause (a generic or habitual case), states did not happen; a
    past "when" clause ("when Russia hacked X in 2016, ...") is a fact in time.

    >>> import spacy
    >>> from spacy.tokens import Doc
    >>> from kg.lexicon import load_lexicon
    >>> doc = Doc(spacy.blank("en").vocab, words=["When", "states", "target", "exiles", ",", "we", "act"],
    ...           heads=[2, 2, 6, 2, 6, 6, 6], deps=["advmod", "nsubj", "advcl", "dobj", "punct", "nsubj", "ROOT"],
    ...           tags=["WRB", "NNS", "VBP", "NNS", ",", "PRP", "VBP"])
    >>> is_condition(doc[2], load_lexicon())
    True
    """
    for token in scope_chain(predicate) if chain is None else chain:
        if token.dep_ != "advcl":
            if token.dep_ in {"conj", "xcomp", "aux", "dobj", "pcomp", "prep", "pobj"}:
                continue  # climb through coordinations and complements of the clause
            return False
        marks = {c.lower_ for c in token.children if c.dep_ in {"mark", "advmod"}}
        if marks & lex.words("conditional_marks"):
            return True
        if marks & lex.words("temporal_condition_marks"):
            return token.tag_ in {"VBP", "VBZ"}
        if not any(c.dep_ == "aux" and c.tag_ == "TO" for c in token.children):
            return False  # another subordinate clause ("because X did Y") is asserted
        # a purpose infinitive ("reach across borders *to intimidate* exiles"): climb on
    return False


def is_norm(predicate: Token, lex: Lexicon, chain: list[Token] | None = None) -> bool:
    """True when the clause states a rule, not an act: it sits under a modal of obligation
    ("any agent ... shall file", "a foreign government that seeks to influence an election
    shall be subject to sanctions") or an adjective of legality ("it is unlawful for a
    foreign national to make a contribution"). Statutes and regulations say what must or
    must not be done; no one is said to have done it. So does a definition ("the term
    X means any person who acts as an agent of Y").

    >>> import spacy
    >>> from spacy.tokens import Doc
    >>> from kg.lexicon import load_lexicon
    >>> doc = Doc(spacy.blank("en").vocab, words=["Agents", "shall", "register"],
    ...           heads=[2, 2, 2], deps=["nsubj", "aux", "ROOT"], tags=["NNS", "MD", "VB"])
    >>> is_norm(doc[2], load_lexicon())
    True
    """
    modals, adjectives = lex.words("norm_modals"), lex.words("norm_adjectives")
    verbs, nouns = lex.words("definition_verbs"), lex.words("definition_nouns")
    for token in scope_chain(predicate) if chain is None else chain:
        if token.lower_ in adjectives:
            return True  # "unlawful for X to V": the adjective governs V
        verbal = token.pos_ in {"VERB", "AUX"}
        if verbal and token.tag_ in {"VBZ", "VBP"} and token.lemma_.lower() in verbs:
            return True  # "X means Y", not "content meant to influence audiences" (intended)
        for child in token.children:  # one pass: "is unlawful", "shall file", "the term X includes"
            dep = child.dep_
            if dep == "acomp" and child.lower_ in adjectives:
                return True
            if dep in {"aux", "auxpass"} and child.lower_ in modals:
                return True
            if verbal and dep in _SUBJECTS and child.lemma_.lower() in nouns:
                return True
    return False


def is_false_report(predicate: Token, lex: Lexicon) -> bool:
    """True when the clause sits inside what something *falsely* claims or depicts.

    "an article falsely claiming that officials plan to orchestrate fraud": the text
    reports the falsehood; the officials' plan is no claim of the text. The clause must
    be embedded below the false verb (its complement, object or their modifiers), not
    be that verb's own control complement: "falsely claimed to be a journalist" is a
    claim about what the actor pretends (see the posing rules). The adverbs by which a text
    disowns what is said are the lexicon's ``falsity_adverbs``.

    >>> import spacy
    >>> from kg.lexicon import load_lexicon
    >>> from spacy.tokens import Doc
    >>> doc = Doc(spacy.blank("en").vocab, words=["posts", "falsely", "claiming", "that", "Kyiv", "staged", "it"],
    ...           heads=[0, 2, 0, 5, 5, 2, 5], deps=["ROOT", "advmod", "acl", "mark", "nsubj", "ccomp", "dobj"])
    >>> is_false_report(doc[5], load_lexicon())
    True
    """
    below = predicate
    falsity = lex.words("falsity_adverbs")
    for token in predicate.ancestors:
        if any(c.dep_ == "advmod" and c.lower_ in falsity for c in token.children) and below.dep_ != "xcomp":
            return True
        below = token
    return False


def is_forecast(predicate: Token, lex: Lexicon) -> bool:
    """True when the clause is what someone expects to happen: "the IC expects these
    activities will intensify", "officials anticipate Russia to target the vote", "these
    efforts risk inciting violence".

    A forecast leaves the action open, so it is no claim that the action took place. The
    verbs of forecasting and of risk are the lexicon's ``forecast_verbs``.

    >>> import spacy
    >>> from kg.lexicon import load_lexicon
    >>> from spacy.tokens import Doc
    >>> doc = Doc(spacy.blank("en").vocab, words=["Officials", "expect", "Russia", "to", "interfere"],
    ...           heads=[1, 1, 4, 4, 1], deps=["nsubj", "ROOT", "nsubj", "aux", "ccomp"], lemmas=["official", "expect", "Russia", "to", "interfere"])
    >>> is_forecast(doc[4], load_lexicon())
    True
    """
    below = predicate
    forecasts = lex.words("forecast_verbs")
    for token in predicate.ancestors:
        if below.dep_ in {"ccomp", "xcomp"} and token.lemma_.lower() in forecasts:
            return True
        below = token
    return False


def is_capability(predicate: Token, lex: Lexicon) -> bool:
    """True when the clause only says what an actor is able to do: "the DPRK has the
    capability to conduct disruptive cyber activities" leaves open whether it did. The
    nouns of capability are the lexicon's ``capability_nouns``.

    >>> import spacy
    >>> from kg.lexicon import load_lexicon
    >>> from spacy.tokens import Doc
    >>> doc = Doc(spacy.blank("en").vocab, words=["X", "has", "the", "capability", "to", "strike"],
    ...           heads=[1, 1, 3, 1, 5, 3], deps=["nsubj", "ROOT", "det", "dobj", "aux", "acl"],
    ...           lemmas=["X", "have", "the", "capability", "to", "strike"])
    >>> is_capability(doc[5], load_lexicon())
    True
    """
    below = predicate
    capabilities = lex.words("capability_nouns")
    for token in predicate.ancestors:
        if below.dep_ == "acl" and token.lemma_.lower() in capabilities:
            return True
        below = token
    return False


def is_improbable(hedges: tuple[Hedge, ...]) -> bool:
    """True when a cue puts the claim below even chance ("unlikely", "very unlikely")."""
    return any(h.likelihood in IMPROBABLE_BANDS for h in hedges)


def _locally_negated(token: Token, is_predicate: bool, lex: Lexicon) -> bool:
    """Negation expressed on ``token`` itself, its subject, or (for the predicate) its object."""
    for child in token.children:
        if child.dep_ == "neg" or (child.dep_ in {"advmod", "preconj"} and child.lower_ in lex.words("negative_adverbs")):
            return True
        if child.dep_ == "det" and child.lower_ in lex.words("negative_determiners") and token.pos_ in {"NOUN", "PROPN", "PRON", "NUM"}:
            return True
        if child.dep_ in _SUBJECTS or (is_predicate and child.dep_ in _OBJECTS):
            if _negative_nominal(child, lex):
                return True
    if token.lower_ in lex.words("negative_pronouns") and is_predicate:
        return True
    return False


def _negative_nominal(noun: Token, lex: Lexicon) -> bool:
    """A noun phrase that denies existence: "no candidates", "none of", "nothing"."""
    if noun.lower_ in lex.words("negative_pronouns") or noun.lower_ in {"no one"}:
        return True
    return any(c.dep_ in {"det", "neg", "advmod"} and c.lower_ in lex.words("negative_determiners") for c in noun.children)


def _negative_governor(token: Token, lex: Lexicon) -> bool:
    """A governing word that denies its complement: "failed", "unable", "absence", "without"."""
    lemma = token.lemma_.lower()
    if token.pos_ in {"VERB", "AUX"} and lemma in lex.words("negative_verbs"):
        return True
    if token.pos_ == "ADJ" and lemma in lex.words("negative_adjectives"):
        return True
    if token.pos_ == "NOUN" and lemma in lex.words("negative_nouns"):
        return True
    return token.dep_ in {"prep", "mark"} and token.lower_ in lex.words("negative_prepositions")


def _negation_passes(token: Token, lex: Lexicon) -> bool:
    """Whether negation on ``token``'s head reaches ``token``."""
    if token.head.i == token.i:
        return False
    dep = token.dep_
    if dep in {"nsubjpass", "dobj"} and token.head.lemma_.lower() in lex.words("presupposing_verbs"):
        return False  # "efforts to influence X will not be tolerated": the efforts happened
    if dep in _NEG_EDGES:
        return True
    if dep == "advcl":
        # Purpose clauses ("did not act to influence") are in the scope; finite adverbial
        # clauses ("did not win because Cuba interfered") are not.
        return any(c.dep_ == "aux" and c.lower_ == "to" for c in token.children)
    if dep == "conj":
        # "did not name or target X" shares the negation; "did not X, but Y did Z" does not.
        return not _has_own_subject(token) and not any(
            c.dep_ == "cc" and c.lower_ in {"but", "yet"} for c in token.head.children
        )
    return False


# --------------------------------------------------------------------------- hedges


def hedges_for(predicate: Token, lex: Lexicon) -> tuple[Hedge, ...]:
    """The estimative or hedging cues that qualify the clause headed by ``predicate``.

    Parameters
    ----------
    predicate
        The clause's head: its verb, or an event noun.

    Returns
    -------
    tuple of Hedge
        Cues in order of appearance in the sentence, without duplicates (same text and
        kind). See the module docstring for the kinds.
    """
    found: dict[tuple[int, str], Hedge] = {}
    inherit = True
    for position, member in enumerate(scope_chain(predicate)):
        if position > 0 and inherit:
            for start, hedge in _cues_on(member, False, lex):
                found.setdefault((start, hedge.text.lower()), hedge)
        elif position == 0:
            for start, hedge in _cues_on(member, True, lex):
                found.setdefault((start, hedge.text.lower()), hedge)
        # A conjunct with its own subject is a separate assertion: skip its head's own
        # adverbs but keep climbing to the verbs that govern both.
        inherit = not (member.dep_ == "conj" and _has_own_subject(member))
    ordered = [found[key] for key in sorted(found)]
    unique: list[Hedge] = []
    for hedge in ordered:
        if hedge not in unique:
            unique.append(hedge)
    return tuple(unique)


def _cues_on(member: Token, is_predicate: bool, lex: Lexicon) -> Iterator[tuple[int, Hedge]]:
    """Cues carried by one member of the scope chain: itself, its modifiers, its subject."""
    yield from _self_cue(member, lex)
    for child in member.children:
        dep = child.dep_
        if dep in {"advmod", "npadvmod", "acomp", "aux", "auxpass", "parataxis", "intj"}:
            yield from _word_cue(child, lex)
        elif dep == "advcl" and child.lemma_.lower() in lex.words("allegation_verbs") and any(c.lower_ == "as" for c in child.children):
            yield _span_cue([child], "hedge")  # "As alleged in the complaint, X ..."
        elif dep == "amod" and (is_predicate or member.pos_ in {"NOUN", "PROPN"}):
            yield from _amod_cue(child, member, lex)
        elif dep == "prep":
            yield from _prep_cue(child, lex)
        elif dep in {"dobj", "attr"} and child.lemma_.lower() in {"confidence"}:
            yield from _confidence_cue(child, lex)
        elif dep in _SUBJECTS:
            yield from _subject_cues(child, member, lex)


def _span_cue(tokens: list[Token], kind: str, likelihood: str | None = None,
              confidence: str | None = None) -> tuple[int, Hedge]:
    tokens = sorted(tokens, key=lambda t: t.i)
    doc = tokens[0].doc
    text = doc[tokens[0].i : tokens[-1].i + 1].text
    return tokens[0].i, Hedge(text=text, kind=kind, likelihood=likelihood, confidence=confidence)


def _degree(token: Token, lex: Lexicon) -> Token | None:
    return next((c for c in token.children if c.dep_ == "advmod" and c.lower_ in lex.words("degree_words")), None)


def _likelihood_cue(token: Token, lex: Lexicon) -> tuple[int, Hedge] | None:
    """"likely", "very likely", "almost certainly", "highly improbable"."""
    word = token.lower_
    base = lex.value_map("likelihood_words").get(word)
    degree = _degree(token, lex)
    if base is None and word in lex.words("certainty_words") and (degree is not None or token.dep_ in {"acomp", "ROOT", "attr"}):
        base = lex.value_map("certainty_words")[word]
    if base is None:
        return None
    if degree is not None:
        band = lex.value_map("likelihood_degree_shift").get(f"{degree.lower_} {base}", base)
        return _span_cue([degree, token], "likelihood", likelihood=band)
    return _span_cue([token], "likelihood", likelihood=base)


def _chance_cue(noun: Token, lex: Lexicon) -> tuple[int, Hedge] | None:
    """"almost no chance", "roughly even chance/odds", "a remote possibility"."""
    if noun.lower_ not in lex.words("chance_nouns"):
        return None
    mods = [c for c in noun.children if c.dep_ in {"amod", "det", "advmod", "nummod"}]
    words = {m.lower_ for m in mods}
    extra = [g for m in mods for g in m.children if g.dep_ == "advmod"]
    words |= {g.lower_ for g in extra}
    if "no" in words or "remote" in words or "slim" in words:
        band = "almost_no_chance"
    elif "even" in words:
        band = "roughly_even_chance"
    elif "good" in words or "high" in words:
        band = "likely"
    else:
        return None
    keep = [m for m in mods if m.dep_ != "det" or m.lower_ == "no"] + extra
    return _span_cue(keep + [noun], "likelihood", likelihood=band)


def _confidence_cue(noun: Token, lex: Lexicon) -> Iterator[tuple[int, Hedge]]:
    """"high confidence", "great confidence", "moderate confidence"."""
    if noun.lemma_.lower() != "confidence":
        return
    for mod in noun.children:
        level = lex.value_map("confidence_words").get(mod.lower_)
        if mod.dep_ in {"amod", "compound"} and level:
            yield _span_cue([mod, noun], "confidence", confidence=level)
            return


def _raising_report(verb: Token, lex: Lexicon) -> bool:
    """A passive verb of saying or judging that raises its subject into an infinitive."""
    if verb.tag_ != "VBN" or not any(c.dep_ == "auxpass" for c in verb.children):
        return False
    if not any(c.dep_ == "xcomp" for c in verb.children):
        return False
    lemma = verb.lemma_.lower()
    return lemma in lex.words("estimative_verbs") or lemma in lex.words("reporting_verbs")


def _self_cue(member: Token, lex: Lexicon) -> Iterator[tuple[int, Hedge]]:
    """A chain member that is itself a cue: "likely to", "appears to", "We assess"."""
    cue = _likelihood_cue(member, lex) or _chance_cue(member, lex)
    if cue:
        yield cue
        return
    lemma = member.lemma_.lower()
    if member.pos_ in {"VERB", "AUX"} and (lemma in lex.words("hedge_verbs") or lemma in lex.words("allegation_verbs")):
        # "appears to", and the verbs of charging documents: "the indictment alleges that"
        yield _span_cue([member], "hedge")
    elif _raising_report(member, lex):
        # "the suspects were believed to be operating", "X is said to have hacked": the
        # passive of a verb of saying or judging hedges what it raises
        yield _span_cue([member], "hedge")
    elif member.pos_ in {"VERB", "AUX"} and lemma in lex.words("estimative_verbs"):
        subject = next((c for c in member.children if c.dep_ in _SUBJECTS), None)
        if subject is not None and subject.lower_ in lex.words("analyst_pronouns"):
            yield _span_cue([subject, member], "likelihood")
        elif subject is not None and subject.lower_ == "it" and subject.dep_ in {"nsubjpass", "expl"}:
            yield _span_cue([subject, member], "likelihood")
        elif subject is not None and lemma in lex.words("assessing_verbs"):
            # "the IC assesses that ...": an analytic judgement, hedged though unbanded
            yield _span_cue([member], "hedge")
    elif member.pos_ == "ADJ" and member.lower_ == "confident":
        degree = next((c for c in member.children if c.lower_ in lex.words("confidence_degrees")), None)
        if degree is not None:
            yield _span_cue([degree, member], "confidence", confidence=lex.value_map("confidence_degrees")[degree.lower_])
        elif any(c.dep_ == "ccomp" for c in member.children):
            # "the IC is confident that ...": a judgement, hedged though unbanded
            yield _span_cue([member], "hedge")
    elif member.lemma_.lower() == "confidence":
        yield from _confidence_cue(member, lex)


def _word_cue(token: Token, lex: Lexicon) -> Iterator[tuple[int, Hedge]]:
    """An adverb, auxiliary or predicative adjective that hedges its head."""
    cue = _likelihood_cue(token, lex)
    if cue:
        yield cue
        return
    word = token.lower_
    if token.dep_ in {"aux", "auxpass"}:
        if word in lex.words("hedging_modals"):
            yield _span_cue([token], "modal")
        return
    if word in lex.words("hedge_words"):
        yield _span_cue([token], "hedge")
    elif word == "confident" or token.lemma_.lower() == "confidence":
        yield from _self_cue(token, lex)


def _amod_cue(adj: Token, noun: Token, lex: Lexicon) -> Iterator[tuple[int, Hedge]]:
    """A hedge adjective on an event noun or subject: "alleged interference"."""
    word = adj.lower_
    if word in lex.words("hedge_words"):
        if word in lex.words("event_only_hedges") and noun.dep_ in _SUBJECTS:
            return
        yield _span_cue([adj], "hedge")
    else:
        cue = _likelihood_cue(adj, lex) if word != "certain" or _degree(adj, lex) else None
        if cue:
            yield cue


def _prep_cue(prep: Token, lex: Lexicon) -> Iterator[tuple[int, Hedge]]:
    """"with high confidence", "in all likelihood", "with almost no chance"."""
    for pobj in prep.children:
        if pobj.dep_ != "pobj":
            continue
        yield from _confidence_cue(pobj, lex)
        if prep.lower_ == "in" and pobj.lower_ == "likelihood" and any(c.lower_ == "all" for c in pobj.children):
            yield _span_cue([prep, pobj], "likelihood", likelihood="likely")
        cue = _chance_cue(pobj, lex)
        if cue:
            yield cue


def _subject_cues(subject: Token, verb: Token, lex: Lexicon) -> Iterator[tuple[int, Hedge]]:
    """Hedges on the subject noun ("Suspected Chinese agents") and on a reporter's phrase
    ("said the intelligence community, also with great confidence")."""
    for child in subject.children:
        if child.dep_ == "amod" and child.lower_ in lex.words("hedge_words") and child.lower_ not in lex.words("event_only_hedges"):
            yield _span_cue([child], "hedge")
        elif child.dep_ == "amod" and child.lower_ in lex.words("event_only_hedges") and _is_event_noun(subject):
            yield _span_cue([child], "hedge")
        elif child.dep_ == "prep":
            yield from _prep_cue(child, lex)


def _is_event_noun(noun: Token) -> bool:
    """Nouns derived from verbs name events ("interference", "meddling", "involvement")."""
    return noun.lower_.endswith(("ence", "ance", "ment", "ing", "tion", "sion"))
