"""Repairs of dependency parses the small English model gets wrong in reporting prose.

Each repair mends one kind of misparse that breaks a general rule of English syntax
(a finite verb needs a subject; a noun is no conjunct of a verb; a verb's own object
never follows its infinitive complement), so the readers downstream -- the claims and
Open IE alike -- see one corrected parse. :func:`repair_parse` runs them all as the
pipeline component ``kg_parse_repairs``, after the attribute ruler (the repairs read
parts of speech). Heads and labels are changed in place; words never are.

Example
-------
>>> from handparse import parse                                   # doctest: +SKIP
>>> doc = repair_parse(parse('''Sokolov 1 npadvmod PROPN NNP Sokolov
... utilized 1 ROOT VERB VBN utilize
... Acme 1 dobj PROPN NNP Acme'''))                                  # doctest: +SKIP
>>> doc[0].dep_                                                   # doctest: +SKIP
'nsubj'
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc, Token

__all__ = ["COMPONENT", "PROPER_NOUN_TAGS", "repair_parse"]

#: The name the repairs run under in a spaCy pipeline.
COMPONENT = "kg_parse_repairs"


@Language.component(COMPONENT)
def repair_parse(doc: Doc) -> Doc:
    """Run every repair over a parsed ``Doc`` and return it.

    Words first (a hyphenated word split in three, a first name tagged as a verb), then
    verbs the parser read as adjectives, nouns or participles, then subjects: a verb with
    two subjects side by side, or with none where a name stands nearby.
    """
    # each repair starts from a token of one relation; dispatching on it keeps the
    # component at a small share of the parse
    for token in doc:
        if token.dep_ == "csubj":
            _first_name_read_as_verb(token)
        elif token.i > 1 and doc[token.i - 1].text == "-":
            _join_hyphenated_word(token)
    for token in doc:
        dep = token.dep_
        if dep == "amod":
            _verb_read_as_modifier(token)
            _verb_read_as_conjoined_noun(token)
            _verb_read_as_adjective_of_the_root(token)
        elif dep == "dobj":
            _relative_object_of_the_clause_verb(token)
        elif dep == "acl":
            _verb_after_a_parenthesis(token)
        if token.pos_ in _VERBAL:
            _object_after_an_infinitive(token)
    for token in doc:
        if token.pos_ not in _VERBAL:
            continue  # only verbs and auxiliaries take subjects
        subjects = [c for c in token.children if c.dep_ in _SUBJECT_DEPS]
        if not subjects:
            _name_as_subject(token)
            _subject_from_fronted_clause(token)
        elif len(subjects) == 2:
            _join_subjects(*subjects)
    return doc


def _first_name_read_as_verb(first: Token) -> None:
    """"Andrii Derkach and other agents employ ...": the tagger reads the unfamiliar first
    name as a verb, the surname as its object, and the pair as a clausal subject. A
    capitalised word opening the sentence whose object is the person named right after
    it is that person's first name, and the name is the subject."""
    opens = first.is_sent_start or (first.i > 0 and first.doc[first.i - 1].is_sent_start and first.doc[first.i - 1].is_quote)
    if first.dep_ != "csubj" or not opens or not first.text[:1].isupper() or first.i + 1 >= len(first.doc):
        return
    surname = first.doc[first.i + 1]
    if surname.head.i != first.i or surname.dep_ != "dobj" or surname.ent_type_ != "PERSON" or surname.pos_ != "PROPN":
        return
    verb = first.head
    surname.head = verb
    surname.dep_ = "nsubj"
    first.head = surname
    first.dep_ = "compound"
    first.pos_ = "PROPN"
    first.tag_ = "NNP"


def _join_subjects(first: Token, second: Token) -> None:
    """Join a subject the parser cut in two: "Iranian advanced persistent threat (APT)
    actors are ..." comes out with both *threat* and *actors* as subjects of *are*.

    A verb has one subject; when it has two that stand side by side (the first ends
    where the second begins), the first is a modifier of the second, as in any noun
    compound. Other two-subject parses are left as they are.
    """
    if first.pos_ in _NOMINAL and second.pos_ in _NOMINAL and first.right_edge.i + 1 == second.left_edge.i:
        first.head = second
        first.dep_ = "compound"
        _bracket_inside(first.doc, first.right_edge.i + 1, second)


def _name_as_subject(verb: Token) -> None:
    """"Ionov utilized AGMR to ...": a finite verb without a subject, whose first
    dependent is a proper name the parser read as an adverbial noun (``npadvmod``) or,
    for an unknown acronym, an adverb (``advmod``: "LIR used ...") right before it, has
    that name as its subject (a name is no measure of time, degree or manner)."""
    # a root "-ed" form without auxiliaries is a past tense, whatever the tagger said
    past = verb.tag_ == "VBN" and verb.dep_ == "ROOT" and not any(c.dep_ in {"aux", "auxpass"} for c in verb.children)
    if verb.tag_ not in _FINITE_TAGS and not past:
        return
    first = next(verb.children, None)
    # an unknown acronym opening the sentence ("LIR used ...") comes out as a plain adverb
    if first is None or first.dep_ not in {"npadvmod", "advmod"} or first.tag_ not in PROPER_NOUN_TAGS or first.i > verb.i:
        return
    between = verb.doc[first.right_edge.i + 1 : verb.i]
    if all(t.dep_ in {"advmod", "aux", "neg"} and t.head.i == verb.i for t in between):
        first.dep_ = "nsubj"


def _subject_from_fronted_clause(verb: Token) -> None:
    """"While acting under the direction of an MPS official, Lu and Chen helped open
    ...": the parser hangs the names after the comma on the fronted clause's last noun as
    its conjuncts, and the finite verb is left without a subject. A finite verb needs
    one, and a conjunct cut off by a comma right before that verb is it."""
    if verb.tag_ not in _FINITE_TAGS or verb.dep_ not in {"ROOT", "conj"}:
        return
    fronted = [c for c in verb.children if c.dep_ == "advcl" and c.i < verb.i]
    if not fronted:
        return
    clause = fronted[-1]
    # the conjunct nearest the verb: "While working with Smith and Jones, Lu helped ..."
    name = next(
        (
            t for t in reversed(list(clause.subtree))
            if t.dep_ == "conj" and t.tag_ in PROPER_NOUN_TAGS and t.ent_type_ in _NAMED_SUBJECTS
            and t.i > 0 and t.doc[t.i - 1].text == ","
        ),
        None,
    )
    if name is None or name.head.pos_ not in _NOMINAL:
        return
    between = verb.doc[name.right_edge.i + 1 : verb.i]
    if name.right_edge.i >= verb.i or not all(t.dep_ in {"advmod", "aux", "neg"} for t in between):
        return
    name.head = verb
    name.dep_ = "nsubj"


def _join_hyphenated_word(last: Token) -> None:
    """"compromises of e-mails": the tokenizer splits "e-mails" at its hyphen and the
    parser can hang all three pieces on "of" as three objects. One word written without
    spaces is one noun: its last piece is the head, the earlier pieces its compound and
    the hyphen punctuation inside it."""
    if last.i < 2 or last.is_punct:
        return
    hyphen, first = last.doc[last.i - 1], last.doc[last.i - 2]
    if hyphen.text != "-" or first.whitespace_ or hyphen.whitespace_ or first.is_punct:
        return
    if len({first.head.i, hyphen.head.i, last.head.i}) != 1 or first.dep_ != last.dep_:
        return
    if last.head.i in {first.i, hyphen.i, last.i}:
        return  # the word's own piece heads the rest: re-heading would make a cycle
    first.head = last
    first.dep_ = "compound"
    hyphen.head = last
    hyphen.dep_ = "punct"


def _verb_read_as_modifier(verb: Token) -> None:
    """"Investigators allege that the pair, sometimes at the behest of Iran, targeted
    computers": the parser reads the complement clause as a verbless noun ("pair") with
    an apposition ("targeted computers") whose first word, a past tense, it takes for an
    adjective. A complement clause opened by "that" has a verb, and a past form opening
    the phrase after the noun is it: the noun becomes its subject, the phrase its object."""
    if verb.dep_ != "amod" or verb.tag_ not in {"VBD", "VBN"} or "-" in verb.text:
        return
    phrase = verb.head
    subject = phrase.head
    if phrase.dep_ != "appos" or phrase.left_edge.i != verb.i or subject.i > verb.i:
        return
    if subject.dep_ != "ccomp" or subject.pos_ not in _NOMINAL:
        return
    if not any(c.dep_ == "mark" and c.lower_ == "that" for c in subject.children):
        return
    verb.tag_ = "VBD"
    verb.head = subject.head
    verb.dep_ = "ccomp"
    subject.head = verb
    subject.dep_ = "nsubj"
    phrase.head = verb
    phrase.dep_ = "dobj"
    for child in list(subject.children):
        # the mark, and what stands between the commas after the noun, belong to the clause
        if child.dep_ in {"mark", "prep", "advmod", "punct"} and (child.dep_ == "mark" or child.i > subject.i):
            child.head = verb


def _verb_read_as_conjoined_noun(verb: Token) -> None:
    """"The hackers gained access to the network and installed malware on the servers":
    the parser coordinates the noun "malware" with the verb "gained" and takes "installed"
    for its adjective. A noun is no conjunct of a verb; the past form opening it right
    after "and" is the verb's conjunct, and the noun that verb's object."""
    if verb.dep_ != "amod" or verb.tag_ not in {"VBD", "VBN"} or "-" in verb.text or verb.i == 0:
        return
    noun = verb.head
    first = noun.head
    if noun.dep_ != "conj" or noun.pos_ not in _NOMINAL or first.pos_ != "VERB" or first.tag_ != "VBD":
        return
    before = verb.doc[verb.i - 1]
    if noun.left_edge.i != verb.i or before.dep_ != "cc" or before.lower_ not in {"and", "or"}:
        return
    verb.head = first
    verb.dep_ = "conj"
    verb.tag_ = "VBD"
    noun.head = verb
    noun.dep_ = "dobj"


def _verb_read_as_adjective_of_the_root(verb: Token) -> None:
    """"Russian intelligence leveraged social media to ...": the parser roots the
    sentence in the object ("media"), takes the verb for its adjective and the subject
    for the verb's adverbial noun. A sentence opened by a noun phrase that a past form
    follows, whose root is the noun that past form modifies, is subject, verb and object."""
    if verb.dep_ != "amod" or verb.tag_ not in {"VBD", "VBN"} or "-" in verb.text:
        return
    obj = verb.head
    if obj.dep_ != "ROOT" or obj.pos_ not in _NOMINAL or obj.i < verb.i:
        return
    subject = next((c for c in verb.lefts if c.dep_ == "npadvmod" and c.pos_ in _NOMINAL), None)
    if subject is None or subject.left_edge.i != verb.sent.start:
        return
    if any(t.dep_ != "advmod" for t in verb.doc[subject.right_edge.i + 1 : verb.i]):
        return
    verb.head = verb
    verb.dep_ = "ROOT"
    verb.tag_ = "VBD"
    subject.dep_ = "nsubj"
    obj.head = verb
    obj.dep_ = "dobj"
    for child in list(obj.rights):
        if child.dep_ in {"prep", "advcl", "punct"} and child.lower_ != "of":
            child.head = verb


def _object_after_an_infinitive(verb: Token) -> None:
    """"Russia aimed to heighten broad, existing tensions": the parser hangs "tensions" on
    "aimed". A verb's own object never follows its infinitive complement (that is
    "tried to buy *it*", not "tried *it* to buy"), so an object after the infinitive is
    the infinitive's, when the infinitive has none of its own."""
    infinitive = next((c for c in verb.children if c.dep_ == "xcomp" and c.tag_ == "VB" and c.i > verb.i), None)
    if infinitive is None or any(c.dep_ in {"dobj", "ccomp", "xcomp"} for c in infinitive.children):
        return
    if not any(c.dep_ == "aux" and c.lower_ == "to" for c in infinitive.children):
        return
    obj = next((c for c in verb.children if c.dep_ == "dobj" and c.i > infinitive.i), None)
    if obj is not None:
        obj.head = infinitive


def _relative_object_of_the_clause_verb(pronoun: Token) -> None:
    """"domains that the government has used to engage in a campaign": the parser makes
    "that" the object of "engage", which already has its complement ("in a campaign"),
    and leaves "used" without one. The relative pronoun is then the object of the
    relative clause's own verb."""
    if pronoun.dep_ != "dobj" or pronoun.lower_ not in {"that", "which"}:
        return
    infinitive = pronoun.head
    verb = infinitive.head
    if infinitive.tag_ != "VB" or infinitive.dep_ not in {"xcomp", "advcl"} or verb.dep_ != "relcl" or pronoun.i > verb.i:
        return
    if any(c.dep_ in {"dobj", "ccomp"} for c in verb.children):
        return
    if not any(c.dep_ == "prep" and any(g.dep_ == "pobj" for g in c.children) for c in infinitive.children):
        return  # "the accounts that they tried to log into": the pronoun is the stranded object
    pronoun.head = verb


def _verb_after_a_parenthesis(verb: Token) -> None:
    """"Ionov, a resident of Moscow, together with three officials, engaged in a
    campaign": the parser makes the name the root of a verbless sentence and the verb a
    participle modifying the last noun of the parenthesis. A sentence whose root is a
    noun and that goes on, after a comma, with a past form that has no subject or
    auxiliary of its own, has that verb for its predicate and the noun for its subject.
    (A headline "X, 45, charged with hacking Y" read so still makes X the hacker.)"""
    if verb.dep_ != "acl" or verb.tag_ not in {"VBD", "VBN"} or verb.i == 0 or verb.doc[verb.i - 1].text != ",":
        return
    root = verb.sent.root
    if root.pos_ not in _NOMINAL or root.i > verb.i or verb.head.i == root.i:
        return
    if any(c.dep_ in {"nsubj", "nsubjpass", "aux", "auxpass", "agent"} for c in verb.children):
        return
    verb.head = verb
    verb.dep_ = "ROOT"
    root.head = verb
    root.dep_ = "nsubj"
    for child in list(root.children):
        if child.i > verb.i:  # the full stop
            child.head = verb


def _bracket_inside(doc: Doc, start: int, head: Token) -> None:
    """Hang the brackets of "(APT)" between a joined subject's parts on the word they
    enclose, so that the phrase reads as one run of words ("threat (APT) actors")."""
    brackets = [t for t in doc[start : head.i] if t.dep_ == "punct" and t.head.i == head.i and t.text in "()"]
    inside = [t for t in doc[start : head.i] if not t.is_punct and t.head.i == head.i]
    if len(brackets) == 2 and len(inside) == 1:
        for bracket in brackets:
            bracket.head = inside[0]


_SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass"})
_VERBAL = frozenset({"VERB", "AUX"})
_FINITE_TAGS = frozenset({"VBD", "VBZ", "VBP"})
_NOMINAL = frozenset({"NOUN", "PROPN"})
#: Penn tags of proper nouns (also read by the sentence boundaries of kg.nlp).
PROPER_NOUN_TAGS = frozenset({"NNP", "NNPS"})
_NAMED_SUBJECTS = frozenset({"PERSON", "ORG", "GPE", "NORP"})
