"""Corroboration: claims grouped into assertions, with the independence and agreement of their sources.

A claim is the unit of evidence: one sentence of one document. An *assertion* is the unit
of analysis: what claims with the same canonical subject, relation family and canonical
object state, in whatever document, wording or polarity. "Cuba sought to denigrate
specific U.S. candidates in Florida" and "Havana worked to smear candidates in Florida"
are two claims of one assertion; "Cuba did not target candidates in Florida" is a third,
against it.

Canonical objects
-----------------
:func:`object_form` reads the object on the parse. A named target (a proper noun or a
named entity: a person, party, institution) is its entity key. A generic target is its
class -- the lemma of its head noun -- with the place and the year that qualify it; the
rest (quantifiers, evaluative and classifying adjectives: "specific", "certain",
"congressional") is dropped, and a head that names a part or property of its complement
("the image of", "members of", "the integrity of") gives way to the complement. Of several
places the one in a prepositional phrase is the more specific ("U.S. candidates in
Florida" → Florida). So "specific U.S. candidates in Florida" and "candidates in Florida"
are ``class:candidate@florida``; "candidates in Ohio" is ``class:candidate@ohio``, and
"candidates" without a place is ``class:candidate`` (a different, less specific object).

Assertion IRIs are derived from (subject key, relation family, canonical object)
(:func:`assertion_iri`), so grouping is incremental: a new document's claims join the
assertions already stored, and only the assertions a document touches need their
summaries recomputed. A merge or split of entities changes keys; :func:`rekey` gives the
records with the new keys and the documents whose claims moved, and
:func:`kg.corroboration.relink` rewrites those documents' links in the store.

Independence
------------
Each claim has a source chain (:class:`SourceChain`): document, publisher, attribution as
written, original source (:mod:`kg.sources`) and the *independent source* it counts as:

- an attributed claim counts as its original source: three outlets quoting one
  assessment are one source, however many they are;
- an unattributed claim is the outlet's own reporting and counts as the publisher of its
  article; reprints and translations of one article (:func:`same_articles`) count as the
  first edition's publisher (or that document, when no publisher is known).

Analysts' ratings of sources (:mod:`kg.sources`, never kg's) show beside each claim's
chain (:meth:`SourceChain.rating`) and filter assertions (:func:`reliable`).

Agreement
---------
A claim *dissents* when it is negated (a denial, "did not", "unlikely to") or its
likelihood band is below even chance; an assertion is *disputed* when it has both
affirming and dissenting claims. Per assertion the strongest and weakest ICD 203 band and
confidence level are kept, with every hedge cue.

Examples
--------
>>> e = [Evidence("c1", "a.txt", "cuba", "Cuba", "targets", "class:candidate@florida", "candidates in Florida",
...               attribution="the report", origin="us-ic", origin_label="U.S. IC"),
...      Evidence("c2", "b.txt", "cuba", "Cuba", "targets", "class:candidate@florida", "candidates in Florida",
...               attribution="officials", origin="us-ic", origin_label="U.S. IC")]
>>> [(a.documents, len(a.sources)) for a in summarise(e, {})]
[(('a.txt', 'b.txt'), 1)]
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from datetime import date

from rdflib import URIRef
from spacy.tokens import Span, Token

from kg.entities import Gazetteer, is_relational_head, slug, strip_mention
from kg.errors import QueryError
from kg.lexicon import Lexicon
from kg.ontology import KGR, LIKELIHOOD_BANDS
from kg.sources import RELIABILITY, REPRINT_SIMILARITY, SourceRating, rating_for, similarity

__all__ = [
    "BANDS",
    "CONFIDENCES",
    "ObjectForm",
    "Evidence",
    "DocumentFacts",
    "SourceChain",
    "Assertion",
    "object_form",
    "assertion_key",
    "assertion_iri",
    "dissents",
    "same_articles",
    "source_chain",
    "summarise",
    "reliable",
    "rekey",
]

#: ICD 203 bands, weakest first (their rank is the index + 1, as skos:notation says).
BANDS: tuple[str, ...] = tuple(LIKELIHOOD_BANDS)
#: Analytic confidence levels, weakest first.
CONFIDENCES: tuple[str, ...] = ("low", "moderate", "high")
_EVEN = BANDS.index("roughly_even_chance")


# -- canonical objects ---------------------------------------------------------------


@dataclass(frozen=True)
class ObjectForm:
    """The canonical form of a claim's object: an entity key, or a class with place and year."""

    entity: str | None = None  #: key of a named target
    head: str | None = None  #: lemma of a generic target's head noun
    place: str | None = None  #: key of the most specific place qualifying it
    year: str | None = None

    def __str__(self) -> str:
        """``entity:KEY`` or ``class:LEMMA[@PLACE][/YEAR]``.

        >>> str(ObjectForm(head="candidate", place="florida", year="2022"))
        'class:candidate@florida/2022'
        """
        if self.entity is not None:
            return f"entity:{self.entity}"
        return f"class:{self.head}" + (f"@{self.place}" if self.place else "") + (f"/{self.year}" if self.year else "")


# Entity types whose head names one thing, not a class of things.
_NAMED_TYPES = frozenset({"PERSON", "ORG", "GPE", "LOC", "FAC", "EVENT", "LAW", "WORK_OF_ART", "PRODUCT"})
_PLACE_TYPES = frozenset({"GPE", "LOC", "NORP"})
_MODIFIER_DEPS = frozenset({"compound", "amod", "nmod", "npadvmod", "poss", "nummod"})
_YEAR = re.compile(r"^(?:1[89]|20)\d\d$")


def _complement(head: Token, lex: Lexicon) -> Token | None:
    """The noun a part-or-property head stands for: "image of X", "trust in X" → X."""
    lemma = head.lemma_.lower()
    # "trust in X" (aspect_in_heads); "the image of X" (relational heads, aspect_of_heads)
    if lemma in lex.words("aspect_in_heads"):
        wanted: str | None = "in"
    elif is_relational_head(lemma, lex) or lemma in lex.words("aspect_of_heads"):
        wanted = "of"
    else:
        wanted = None
    if wanted is None:
        return None
    for prep in head.children:
        if prep.dep_ == "prep" and prep.lower_ == wanted:
            objects = [c for c in prep.children if c.dep_ == "pobj"]
            if objects:
                return objects[0]
    return None


def _adjacent_preps(head: Token, lex: Lexicon) -> list[Token]:
    """Place and time phrases right after the object but attached to its verb.

    "denigrate candidates in Florida" is parsed with "in Florida" on the verb as often as
    on the noun; either way a locative right after the object places the target.
    """
    governor = head.head
    if governor.pos_ == "ADP":  # "interfere in the elections in 2022"
        governor = governor.head
    if governor is head or governor.pos_ not in ("VERB", "AUX", "NOUN"):
        return []
    after = head.right_edge.i + 1
    return [c for c in governor.children if c.dep_ == "prep" and c.i == after and c.lower_ in lex.words("place_prepositions")]


def _entity_text(token: Token) -> str:
    """The whole name a token belongs to: its entity span, or its compound chain."""
    for ent in token.doc.ents:
        if ent.start <= token.i < ent.end:
            return ent.text
    parts = [c for c in token.children if c.dep_ == "compound" and c.i < token.i] + [token]
    return " ".join(t.text for t in sorted(parts, key=lambda t: t.i))


def _place_key(text: str) -> str:
    """A place's key: the state it names (demonyms too: "American" → united-states), else its slug."""
    gazetteer = Gazetteer.default()
    state = gazetteer.lookup(text) or gazetteer.lookup(f"{text} government")
    return state.key if state is not None else slug(strip_mention(text))


def _is_place(token: Token) -> bool:
    if token.ent_type_ in _PLACE_TYPES:
        return True
    return token.pos_ == "PROPN" and Gazetteer.default().lookup(_entity_text(token)) is not None


def object_form(span: Span, lex: Lexicon, key: str | None = None) -> ObjectForm:
    """The canonical form of the object phrase ``span`` (see the module notes).

    Parameters
    ----------
    span
        The object as parsed. Modifiers of its head outside the span count too: an
        extractor that cut "specific U.S. candidates" off "in Florida" still gets Florida.
    lex
        The lexicon (its part-or-property heads and place prepositions).
    key
        The mention's entity key, used for a named target whose head is the span's own.

    Examples
    --------
    >>> import spacy
    >>> from spacy.tokens import Doc
    >>> doc = Doc(spacy.blank("en").vocab, words=["specific", "U.S.", "candidates", "in", "Florida"],
    ...           heads=[2, 2, 2, 2, 3], deps=["amod", "compound", "ROOT", "prep", "pobj"],
    ...           pos=["ADJ", "PROPN", "NOUN", "ADP", "PROPN"], lemmas=["specific", "U.S.", "candidate", "in", "Florida"],
    ...           ents=["O", "B-GPE", "O", "O", "B-GPE"])
    >>> from kg.lexicon import load_lexicon
    >>> str(object_form(doc[0:3], load_lexicon()))
    'class:candidate@florida'
    """
    head = span.root
    descended = False
    for _ in range(4):  # "the image of members of X": a few steps at most
        inner = _complement(head, lex)
        if inner is None:
            break
        head, descended = inner, True
    if (head.pos_ == "PROPN" and head.ent_type_ != "NORP") or head.ent_type_ in _NAMED_TYPES:
        name = _entity_text(head)
        return ObjectForm(entity=key if (key and not descended) else slug(strip_mention(name)))
    if head.pos_ == "PRON" and key:
        return ObjectForm(entity=key)
    modifier_places: list[str] = []
    pp_places: list[str] = []
    year = None
    place_preps = lex.words("place_prepositions")
    for child in [*head.children, *_adjacent_preps(head, lex)]:
        if child.dep_ in _MODIFIER_DEPS:
            if _YEAR.match(child.text):
                year = year or child.text
            elif _is_place(child):
                modifier_places.append(_entity_text(child))
        elif child.dep_ == "prep" and (child.lower_ in place_preps or child.lower_ == "of"):
            for pobj in (c for c in child.children if c.dep_ == "pobj"):
                if _YEAR.match(pobj.text):
                    year = year or pobj.text
                elif child.lower_ in place_preps and _is_place(pobj):
                    pp_places.append(_entity_text(pobj))
    places = pp_places or modifier_places
    lemma = (head.lemma_ or head.text).lower()
    return ObjectForm(head=lemma, place=_place_key(places[0]) if places else None, year=year)


def assertion_key(subject: str, family: str, form: str) -> str:
    """The stable key of an assertion: a hash of (subject key, relation family, canonical object).

    >>> assertion_key("cuba", "targets", "class:candidate@florida") == assertion_key("cuba", "targets", "class:candidate@florida")
    True
    """
    return hashlib.sha1("\x1f".join((subject, family, form)).encode("utf-8")).hexdigest()[:20]


def assertion_iri(subject: str, family: str, form: str) -> URIRef:
    """The IRI of an assertion (:func:`assertion_key` under ``kgr:assertion/``)."""
    return KGR[f"assertion/{assertion_key(subject, family, form)}"]


# -- records -------------------------------------------------------------------------


@dataclass(frozen=True)
class Evidence:
    """One claim as corroboration sees it: what it says, how surely, from whom."""

    claim: str  #: claim IRI (or any id)
    doc: str  #: document id
    subject: str  #: subject entity key
    subject_label: str
    family: str  #: relation family (``targets``, ``supports``...)
    object: str  #: canonical object (:class:`ObjectForm` as text)
    object_label: str
    negated: bool = False
    likelihood: str | None = None  #: ICD 203 band key (``likely``...)
    confidence: str | None = None  #: ``low``, ``moderate`` or ``high``
    hedges: tuple[str, ...] = ()
    attribution: str | None = None  #: as written
    origin: str | None = None  #: original source key (:func:`kg.sources.resolve_source`); None: unattributed
    origin_label: str | None = None
    object_entity: str | None = None  #: key of the claim's own object entity (for display)

    @property
    def key(self) -> str:
        """The key of the assertion this claim is evidence for."""
        return assertion_key(self.subject, self.family, self.object)


@dataclass(frozen=True)
class DocumentFacts:
    """What corroboration needs to know about a document."""

    id: str
    date: str | None = None  #: ISO date
    publisher: str | None = None  #: publisher key
    publisher_label: str | None = None
    fingerprint: tuple[int, ...] = ()  #: :func:`kg.sources.fingerprint`


@dataclass(frozen=True)
class SourceChain:
    """Where one claim comes from, and which independent source it counts as."""

    claim: str
    document: str
    publisher: str | None  #: label
    attribution: str | None  #: as written
    origin: str | None  #: original source label
    independent: str  #: key of the independent source it counts as
    independent_label: str
    origin_key: str | None = None
    publisher_key: str | None = None

    def rating(self, ratings: Mapping[str, SourceRating]) -> SourceRating | None:
        """The analyst's rating of this claim's source: the original source's, else the publisher's.

        >>> chain = SourceChain("c", "a.txt", "CNN", None, None, "publisher:cnn", "CNN", None, "cnn")
        >>> chain.rating({"cnn": SourceRating("cnn", "CNN", "B")}).reliability
        'B'
        """
        return rating_for([self.origin_key, self.publisher_key], ratings)

    def __str__(self) -> str:
        """``document ← publisher ← "attribution" → origin``.

        >>> str(SourceChain("c", "a.txt", "CNN", "the report", "ODNI", "source:odni", "ODNI"))
        'a.txt (CNN) ← "the report" → ODNI'
        """
        text = self.document + (f" ({self.publisher})" if self.publisher else "")
        if self.attribution:
            text += f' ← "{self.attribution}"'
        return text + f" → {self.independent_label}"


@dataclass(frozen=True)
class Assertion:
    """An assertion with its evidence, its sources' independence and their agreement."""

    key: str
    subject: str
    subject_label: str
    family: str
    object: str  #: canonical object
    object_label: str  #: the commonest wording of the object among the claims
    object_entity: str | None  #: the entity key of a claim with that wording
    claims: tuple[Evidence, ...]
    documents: tuple[str, ...]
    sources: tuple[tuple[str, str], ...]  #: independent sources: (key, label), sorted
    chains: tuple[SourceChain, ...]  #: one per claim, in claim order
    dissenting: int  #: claims that deny it or judge it below even chance
    strongest_likelihood: str | None
    weakest_likelihood: str | None
    strongest_confidence: str | None
    weakest_confidence: str | None
    hedges: tuple[str, ...]

    @property
    def disputed(self) -> bool:
        """True when some claims affirm the assertion and others deny or doubt it."""
        return 0 < self.dissenting < len(self.claims)

    @property
    def label(self) -> str:
        """A readable name: ``Cuba targets candidates in Florida``."""
        return f"{self.subject_label} {self.family} {self.object_label}"


# -- agreement -----------------------------------------------------------------------


def dissents(evidence: Evidence) -> bool:
    """True for a claim against its assertion: negated, or below even chance.

    >>> e = Evidence("c", "d", "cuba", "Cuba", "targets", "entity:x", "X")
    >>> dissents(e), dissents(replace(e, negated=True)), dissents(replace(e, likelihood="unlikely"))
    (False, True, True)
    """
    if evidence.negated:
        return True
    return evidence.likelihood in BANDS and BANDS.index(evidence.likelihood) < _EVEN


def _extremes(values: Iterable[str | None], scale: tuple[str, ...]) -> tuple[str | None, str | None]:
    ranked = sorted((v for v in values if v in scale), key=scale.index)
    return (ranked[-1], ranked[0]) if ranked else (None, None)


# -- independence --------------------------------------------------------------------

#: Translation rule: documents dated at most this many days apart ...
TRANSLATION_DAYS = 1
#: ... that each carry at least this many assertions ...
TRANSLATION_MIN_ASSERTIONS = 3
#: ... with at least this Jaccard similarity of their (assertion, polarity) sets ...
TRANSLATION_SIMILARITY = 0.8
# ... and the same set of original sources, are one article in two languages.




def _dated_pairs(documents: Mapping[str, DocumentFacts], by_assertion: Mapping[str, set[str]]) -> set[tuple[str, str]]:
    """Pairs of documents sharing an assertion and dated at most TRANSLATION_DAYS apart.

    Documents of an assertion are sorted by date and each is paired only with those in its
    window, so a popular assertion in thousands of documents does not make millions of pairs.
    """
    days: dict[str, date] = {}
    for doc, facts in documents.items():
        try:
            days[doc] = date.fromisoformat(facts.date or "")
        except ValueError:
            continue  # undated: never taken for a translation
    pairs: set[tuple[str, str]] = set()
    for docs in by_assertion.values():
        dated = sorted((days[d], d) for d in docs if d in days)
        for i, (day, a) in enumerate(dated):
            for other_day, b in dated[i + 1 :]:
                if (other_day - day).days > TRANSLATION_DAYS:
                    break
                pairs.add((min(a, b), max(a, b)))
    return pairs


def same_articles(documents: Mapping[str, DocumentFacts], evidence: Iterable[Evidence]) -> dict[str, str]:
    """Each document → the first edition of the article it is (itself, for most documents).

    Two documents are one article when

    - their texts are near-identical (a reprint): MinHash signatures agreeing on at least
      :data:`kg.sources.REPRINT_SIMILARITY` of their positions; or
    - they say the same things from the same sources on the same days (a translation,
      whose words share nothing): dated at most :data:`TRANSLATION_DAYS` apart, each with
      at least :data:`TRANSLATION_MIN_ASSERTIONS` assertions, a Jaccard similarity of
      their (assertion, polarity) sets of at least :data:`TRANSLATION_SIMILARITY`, and the
      same set of original sources. Two outlets independently reporting one event differ
      in what they attribute to whom; an undated pair is never taken for a translation.

    The first edition of a group is its earliest-dated document (then the first by id).
    Reprint candidates are found by locality-sensitive hashing (bands of the signature),
    translation candidates among documents sharing an assertion, so large corpora are
    not compared pair by pair.
    """
    evidence = list(evidence)
    parent = {doc: doc for doc in documents}
    for item in evidence:
        parent.setdefault(item.doc, item.doc)

    def find(doc: str) -> str:
        while parent[doc] != doc:
            parent[doc] = parent[parent[doc]]
            doc = parent[doc]
        return doc

    def union(a: str, b: str) -> None:
        ra, rb = find(a), find(b)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)

    # Reprints: documents sharing a band of 4 signature values are candidates.
    buckets: dict[tuple, list[str]] = defaultdict(list)
    for doc, facts in documents.items():
        sig = facts.fingerprint
        for band in range(0, len(sig), 4):
            buckets[(band, sig[band : band + 4])].append(doc)
    checked: set[tuple[str, str]] = set()
    for docs in buckets.values():
        for i, a in enumerate(docs):
            for b in docs[i + 1 :]:
                pair = (min(a, b), max(a, b))
                if pair not in checked:
                    checked.add(pair)
                    if similarity(documents[a].fingerprint, documents[b].fingerprint) >= REPRINT_SIMILARITY:
                        union(a, b)

    # Translations.
    said: dict[str, set[tuple[str, bool]]] = defaultdict(set)
    origins: dict[str, set[str]] = defaultdict(set)
    by_assertion: dict[str, set[str]] = defaultdict(set)
    for item in evidence:
        said[item.doc].add((item.key, dissents(item)))
        if item.origin:
            origins[item.doc].add(item.origin)
        by_assertion[item.key].add(item.doc)
    for a, b in sorted(_dated_pairs(documents, by_assertion)):
        if min(len(said[a]), len(said[b])) < TRANSLATION_MIN_ASSERTIONS or origins[a] != origins[b]:
            continue
        if len(said[a] & said[b]) / len(said[a] | said[b]) >= TRANSLATION_SIMILARITY:
            union(a, b)

    groups: dict[str, list[str]] = defaultdict(list)
    for doc in parent:
        groups[find(doc)].append(doc)
    first: dict[str, str] = {}
    for members in groups.values():
        edition = min(members, key=lambda d: ((documents.get(d) and documents[d].date) or "9999-99-99", d))
        for doc in members:
            first[doc] = edition
    return first


def source_chain(evidence: Evidence, documents: Mapping[str, DocumentFacts], editions: Mapping[str, str]) -> SourceChain:
    """The source chain of one claim, and the independent source it counts as.

    >>> docs = {"a.txt": DocumentFacts("a.txt", publisher="cnn", publisher_label="CNN")}
    >>> e = Evidence("c", "a.txt", "cuba", "Cuba", "targets", "entity:x", "X")
    >>> source_chain(e, docs, {}).independent
    'publisher:cnn'
    >>> source_chain(replace(e, attribution="the report", origin="odni", origin_label="ODNI"), docs, {}).independent
    'source:odni'
    """
    facts = documents.get(evidence.doc)
    publisher = facts.publisher_label if facts else None
    if evidence.origin:
        key, label = f"source:{evidence.origin}", evidence.origin_label or evidence.origin
    else:
        edition = editions.get(evidence.doc, evidence.doc)
        first = documents.get(edition)
        if first is not None and first.publisher:
            key, label = f"publisher:{first.publisher}", first.publisher_label or first.publisher
        else:
            key, label = f"document:{edition}", edition
    return SourceChain(
        evidence.claim, evidence.doc, publisher, evidence.attribution, evidence.origin_label, key, label,
        evidence.origin, facts.publisher if facts else None,
    )


def reliable(assertions: Iterable[Assertion], ratings: Mapping[str, SourceRating], minimum: str = "C") -> list[Assertion]:
    """The assertions carried by at least one claim whose source the analyst rated ``minimum`` or better.

    Ratings are the analyst's (:func:`kg.sources.read_source_ratings`): an unrated source
    never passes, and neither does F (reliability cannot be judged).

    >>> e = Evidence("c", "a.txt", "cuba", "Cuba", "targets", "entity:x", "X", origin="odni", origin_label="ODNI")
    >>> [len(reliable(summarise([e], {}), {"odni": SourceRating("odni", "ODNI", r)})) for r in "AEF"]
    [1, 0, 0]
    """
    letter = minimum.strip().upper()
    if letter not in RELIABILITY or letter == "F":
        raise QueryError(f"the minimum reliability is one of A-E, not {minimum!r}")
    passing = "ABCDE"[: "ABCDE".index(letter) + 1]
    return [
        a for a in assertions
        if any((rating := chain.rating(ratings)) is not None and rating.reliability in passing for chain in a.chains)
    ]


def summarise(
    evidence: Iterable[Evidence], documents: Mapping[str, DocumentFacts], editions: Mapping[str, str] | None = None
) -> list[Assertion]:
    """Group claims into assertions and summarise each: documents, independent sources, agreement.

    Parameters
    ----------
    evidence
        Claims with an ontology relation, from any number of documents.
    documents
        Facts about the documents (publisher, date, fingerprint); a document missing here
        has no publisher and no reprints.
    editions
        Document → first edition (:func:`same_articles`), when the caller has computed it
        over more evidence than it passes here.

    Returns
    -------
    list of Assertion
        Most documents first, then by label.
    """
    evidence = list(evidence)
    if editions is None:
        editions = same_articles(documents, evidence)
    groups: dict[str, list[Evidence]] = defaultdict(list)
    for item in evidence:
        groups[item.key].append(item)
    found = []
    for key, items in groups.items():
        chains = tuple(source_chain(item, documents, editions) for item in items)
        sources = tuple(sorted({(c.independent, c.independent_label) for c in chains}))
        labels = Counter(item.object_label for item in items)
        object_label = min(labels, key=lambda text: (-labels[text], len(text), text))
        strong_band, weak_band = _extremes((i.likelihood for i in items), BANDS)
        strong_conf, weak_conf = _extremes((i.confidence for i in items), CONFIDENCES)
        first = items[0]
        found.append(
            Assertion(
                key=key,
                subject=first.subject,
                subject_label=first.subject_label,
                family=first.family,
                object=first.object,
                object_label=object_label,
                object_entity=next(i.object_entity for i in items if i.object_label == object_label),
                claims=tuple(items),
                documents=tuple(sorted({i.doc for i in items})),
                sources=sources,
                chains=chains,
                dissenting=sum(dissents(i) for i in items),
                strongest_likelihood=strong_band,
                weakest_likelihood=weak_band,
                strongest_confidence=strong_conf,
                weakest_confidence=weak_conf,
                hedges=tuple(sorted({h for i in items for h in i.hedges})),
            )
        )
    return sorted(found, key=lambda a: (-len(a.documents), -len(a.sources), a.label))


def rekey(evidence: Iterable[Evidence], renamed: Mapping[str, str]) -> tuple[list[Evidence], set[str]]:
    """Apply an entity merge or split to the evidence: old key → new key.

    Subjects and named objects (``entity:KEY``) are renamed; returns the evidence and the
    documents whose claims changed assertion, whose links must be rewritten.

    >>> e = Evidence("c", "a.txt", "havana", "Havana", "targets", "entity:x", "X")
    >>> moved, docs = rekey([e], {"havana": "cuba"})
    >>> moved[0].subject, docs
    ('cuba', {'a.txt'})
    """
    out: list[Evidence] = []
    touched: set[str] = set()
    for item in evidence:
        subject = renamed.get(item.subject, item.subject)
        obj = item.object
        if obj.startswith("entity:") and obj[len("entity:") :] in renamed:
            obj = "entity:" + renamed[obj[len("entity:") :]]
        if (subject, obj) != (item.subject, item.object):
            touched.add(item.doc)
            item = replace(item, subject=subject, object=obj)
        out.append(item)
    return out, touched
