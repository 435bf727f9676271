"""One claims view: every claim of a kg graph as a flat record, and one filter type.

The views of the graph -- the analysis (:mod:`kg.analysis`), the static page
(:mod:`kg.render`), the workbench (:mod:`kg.web`) and the GraphML/GEXF exports -- all read
claims here, with the analysts' decisions (:mod:`kg.curation`) folded in, and narrow them
with one :class:`ClaimFilter`. A record is a plain dict so that it goes straight into
``pandas.DataFrame``.

Examples
--------
>>> from kg.model import Claim, Document, Hedge, Mention, Predicate
>>> from kg.rdf import document_graph, new_run
>>> from rdflib import Dataset
>>> def claim(start, actor, relation, target, band=None):
...     text = f"{actor} {relation} {target}."
...     p, o = start + len(actor) + 1, start + len(actor) + len(relation) + 2
...     hedges = (Hedge("likely", "likelihood", band),) if band else ()
...     return Claim("a.txt", start, start + len(text), text,
...                  Mention(actor, start, p - 1, actor, "State", actor.lower()),
...                  Predicate(relation, relation, relation, p, o - 1),
...                  Mention(target, o, o + len(target), target, "Candidate", target.lower()),
...                  hedges=hedges)
>>> ds = Dataset()
>>> g = document_graph(Document("a.txt", "a.txt", "", "0" * 64, date="2020-03-01"),
...                    [claim(0, "Russia", "denigrates", "Biden", "likely"),
...                     claim(30, "Iran", "denigrates", "Trump")], new_run())
>>> named = ds.graph(g.identifier)
>>> named += g
>>> [r["actor_label"] for r in read_claims(ds)]
['Russia', 'Iran']
>>> [r["actor_label"] for r in read_claims(ds, ClaimFilter(min_likelihood="likely"))]
['Russia']
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from typing import Any
from urllib.parse import unquote

from rdflib import ConjunctiveGraph, Graph, URIRef

from kg.curation import CURATION_GRAPH, READ_DECISIONS_QUERY, Decisions, read_decisions_graph
from kg.ontology import KGO, KGR, LIKELIHOOD_BANDS, RELATIONS, relation_family, sparql_prefixes
from kg.store import KGStore

__all__ = [
    "LIKELIHOODS",
    "ClaimFilter",
    "EntitySummary",
    "likelihood_rank",
    "read_claims",
    "read_decisions",
    "entity_table",
    "summarise_entities",
    "find_entity",
    "affiliation_chain",
    "RawClaims",
    "read_raw",
    "iter_raw_graphs",
    "apply_decisions",
]

#: ICD 203 likelihood bands, weakest first (the model's names, as in ``claims.jsonl``).
LIKELIHOODS: tuple[str, ...] = tuple(LIKELIHOOD_BANDS)
_BAND_OF_IRI = {str(iri): name for name, iri in LIKELIHOOD_BANDS.items()}
_KGO = str(KGO._NS)
_ENTITY_PREFIX = str(KGR["entity/"])

#: When an entity is typed with several classes (in several documents), the most specific
#: wins: a Candidate is also a Target, a State also an Actor.
_CLASS_PRIORITY = (
    "State", "IntelligenceAgency", "MilitaryUnit", "Company", "MediaOutlet", "Persona", "Network",
    "Organisation", "Person", "Group", "Candidate", "PoliticalParty", "Election",
    "Institution", "Audience", "Operation", "Campaign", "Tactic", "Instrument", "Actor", "Target",
)  # fmt: skip


def likelihood_rank(band: str | None) -> int | None:
    """The rank of an ICD 203 band, 0 (almost no chance) to 6 (almost certain).

    Accepts the model's names (``very_likely``), the ontology's local names
    (``VeryLikely``) or their IRIs; None for None.

    >>> likelihood_rank("likely"), likelihood_rank("AlmostCertain"), likelihood_rank(None)
    (4, 6, None)

    Raises
    ------
    ValueError
        For a name that is not a band.
    """
    if band is None:
        return None
    name = _BAND_OF_IRI.get(str(band), str(band))
    folded = name.replace("_", "").replace("-", "").replace(" ", "").casefold()
    for rank, known in enumerate(LIKELIHOODS):
        if known.replace("_", "") == folded:
            return rank
    raise ValueError(f"unknown likelihood band {band!r}; expected one of {', '.join(LIKELIHOODS)}")


def _frozen(value: str | Iterable[str] | None) -> frozenset[str] | None:
    if value is None:
        return None
    return frozenset({value} if isinstance(value, str) else value) or None


@dataclass(frozen=True)
class ClaimFilter:
    """Which claims a view shows. The default: asserted, unrejected claims of the ontology's relations.

    Parameters
    ----------
    actors
        Claims whose actor (subject) is one of these: a label (any case), an entity key
        (``"russia"``) or an IRI.
    entities
        Claims whose actor *or* target is one of these (same names as ``actors``).
    relations
        These relations only (ontology local names, or the lemma of an open relation); a
        family name stands for its sub-properties: ``"targets"`` keeps ``denigrates`` too.
        None: the ontology's relations, plus open ones when ``include_open``.
    min_likelihood
        Claims with an ICD 203 band at least this strong (claims without a band are out).
    documents
        Claims from these documents (file names) only.
    include_negated
        Keep claims the text negates, judges improbable or only supposes.
    include_open
        Keep open relations (predicates outside the ontology) when ``relations`` is None.
    include_rejected
        Keep claims an analyst rejected.
    min_reliability
        Claims whose source the analyst rated at least this well on the Admiralty scale
        (``"C"``: A, B or C); unrated sources, and F (cannot be judged), never pass.

    Examples
    --------
    >>> ClaimFilter.of(actor="Russia", relation="targets").relations
    frozenset({'targets'})
    >>> ClaimFilter(min_reliability="b").min_reliability
    'B'
    >>> ClaimFilter(min_likelihood="maybe")
    Traceback (most recent call last):
    ...
    ValueError: unknown likelihood band 'maybe'; expected one of almost_no_chance, very_unlikely, unlikely, roughly_even_chance, likely, very_likely, almost_certain
    """

    actors: frozenset[str] | None = None
    entities: frozenset[str] | None = None
    relations: frozenset[str] | None = None
    min_likelihood: str | None = None
    documents: frozenset[str] | None = None
    include_negated: bool = False
    include_open: bool = False
    include_rejected: bool = False
    min_reliability: str | None = None

    def __post_init__(self) -> None:
        for name in ("actors", "entities", "relations", "documents"):
            object.__setattr__(self, name, _frozen(getattr(self, name)))
        likelihood_rank(self.min_likelihood)  # an unknown band fails here, not mid-view
        if self.min_reliability is not None:
            letter = self.min_reliability.strip().upper()
            if letter not in _RATED:
                raise ValueError(f"unknown reliability {self.min_reliability!r}; expected one of A-E (Admiralty scale)")
            object.__setattr__(self, "min_reliability", letter)

    @classmethod
    def of(
        cls,
        *,
        actor: str | Iterable[str] | None = None,
        relation: str | Iterable[str] | None = None,
        min_likelihood: str | None = None,
        **more: Any,
    ) -> ClaimFilter:
        """A filter from the singular names the command line and older callers use."""
        return cls(actors=_frozen(actor), relations=_frozen(relation), min_likelihood=min_likelihood, **more)

    def but(self, **changes: Any) -> ClaimFilter:
        """A copy with some fields changed."""
        return replace(self, **changes)

    @property
    def narrowing(self) -> bool:
        """True when the filter leaves out more than the default does."""
        fields = (self.actors, self.entities, self.relations, self.min_likelihood, self.documents, self.min_reliability)
        return any(v is not None for v in fields)

    def describe(self) -> str:
        """The filter in words, for titles and 'nothing matches' messages.

        >>> ClaimFilter.of(actor="Cuba", min_likelihood="likely").describe()
        'actor Cuba; at least likely'
        """
        bits = []
        if self.actors:
            bits.append("actor " + ", ".join(sorted(self.actors)))
        if self.entities:
            bits.append("entity " + ", ".join(sorted(self.entities)))
        if self.relations:
            bits.append("relation " + ", ".join(sorted(self.relations)))
        if self.min_likelihood:
            bits.append(f"at least {self.min_likelihood.replace('_', ' ')}")
        if self.documents:
            bits.append("document " + ", ".join(sorted(self.documents)))
        if self.min_reliability:
            bits.append(f"sources rated {self.min_reliability} or better")
        return "; ".join(bits) or "no filter"

    def keeps(self, record: dict[str, Any]) -> bool:
        """Whether a record from :func:`read_claims` passes (decisions already applied)."""
        if record["negated"] and not self.include_negated:
            return False
        if record["status"] == "rejected" and not self.include_rejected:
            return False
        if self.relations is None:
            if record["open"] and not self.include_open:
                return False
        elif record["relation"] not in _with_subproperties(self.relations):
            return False
        if self.min_likelihood is not None:
            floor = likelihood_rank(self.min_likelihood)
            if record["likelihood_rank"] is None or record["likelihood_rank"] < floor:
                return False
        if self.documents is not None and record["document"] not in self.documents:
            return False
        if self.min_reliability is not None and (
            record.get("rating") is None or record["rating"] not in _RATED[: _RATED.index(self.min_reliability) + 1]
        ):
            return False
        if self.actors is not None and not _matches(record["actor"], record["actor_label"], self.actors):
            return False
        if self.entities is not None and not (
            _matches(record["actor"], record["actor_label"], self.entities)
            or _matches(record["target"], record["target_label"], self.entities)
        ):
            return False
        return True


#: The Admiralty letters a reliability floor can name, best first (F is "cannot be judged").
_RATED = "ABCDE"


def _with_subproperties(wanted: frozenset[str]) -> set[str]:
    return set(wanted) | {r for r in RELATIONS if relation_family(r) in wanted}


def _matches(iri: str, label: str, wanted: frozenset[str]) -> bool:
    key = unquote(iri[len(_ENTITY_PREFIX) :]) if iri.startswith(_ENTITY_PREFIX) else iri
    folded = {w if w.startswith("http") else w.casefold() for w in wanted}
    return bool({iri, label.casefold(), key.casefold()} & folded)


# -- reading ----------------------------------------------------------------------------

# Claims live in one named graph per document; GRAPH ?g reads the union of them. The
# optional parts are separate queries rather than OPTIONALs with GROUP_CONCAT so that
# both rdflib's evaluator and Oxigraph answer quickly and alike.
_CLAIMS = """
SELECT ?claim ?s ?p ?o ?sentence ?doc ?file ?date ?title ?band ?attr ?negated ?kind ?plabel
       ?stext ?otext ?ptext ?start ?end WHERE {
  %s
}"""
_CLAIMS_BODY = """
    ?claim a kgo:Claim ; rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o .
    OPTIONAL { ?claim kgo:sentence ?sentence }
    OPTIONAL { ?claim kgo:negated ?negated }
    OPTIONAL { ?claim kgo:likelihood ?band }
    OPTIONAL { ?claim kgo:attributionText ?attr }
    OPTIONAL { ?claim kgo:hedgeKind ?kind }
    OPTIONAL { ?claim kgo:subjectText ?stext }
    OPTIONAL { ?claim kgo:objectText ?otext }
    OPTIONAL { ?claim kgo:predicateText ?ptext }
    OPTIONAL { ?claim kgo:startOffset ?start }
    OPTIONAL { ?claim kgo:endOffset ?end }
    OPTIONAL { ?p rdfs:label ?plabel }
    OPTIONAL { ?claim prov:wasDerivedFrom ?doc .
               OPTIONAL { ?doc kgo:fileName ?file }
               OPTIONAL { ?doc kgo:documentDate ?date }
               OPTIONAL { ?doc dcterms:title ?title } }
"""
# A claim's source chain: its original source (kg.corroboration) and its document's publisher.
_ORIGINS = "SELECT ?claim ?origin ?label WHERE { %s }"
_ORIGINS_BODY = "?claim a kgo:Claim ; kgo:originalSource ?origin . OPTIONAL { ?origin skos:prefLabel ?label }"
_PUBLISHERS = "SELECT ?file ?publisher ?label WHERE { %s }"
_PUBLISHERS_BODY = "?doc kgo:fileName ?file ; kgo:publisher ?publisher . OPTIONAL { ?publisher skos:prefLabel ?label }"
# Each claim's assertion (kg.corroboration): the summary the store keeps in its own graph.
# Two graphs in one pattern, so these are written whole rather than through _select.
_ASSERTION_OF = """
SELECT ?claim ?assertion ?label ?documents ?sources ?disputed ?strong ?weak WHERE {
  GRAPH ?g { ?claim kgo:evidenceFor ?assertion }
  GRAPH kgr:graph\\/assertions {
    ?assertion skos:prefLabel ?label ; kgo:documentCount ?documents ; kgo:independentSourceCount ?sources ;
               kgo:disputed ?disputed .
    OPTIONAL { ?assertion kgo:strongestLikelihood ?strong ; kgo:weakestLikelihood ?weak }
  }
}"""
_INDEPENDENT = """
SELECT ?assertion ?label WHERE {
  GRAPH kgr:graph\\/assertions { ?assertion kgo:independentSource ?s . ?s skos:prefLabel ?label }
}"""
# The same rows for the assertions one graph's claims are evidence for: each (assertion,
# source, label) once, however many of the graph's claims link to the assertion.
_INDEPENDENT_OF_GRAPH = """
SELECT DISTINCT ?assertion ?s ?label WHERE {
  GRAPH ?g { ?claim kgo:evidenceFor ?assertion }
  GRAPH kgr:graph\\/assertions { ?assertion kgo:independentSource ?s . ?s skos:prefLabel ?label }
}"""
_CUES = "SELECT ?claim ?cue WHERE { %s }"
_CUES_BODY = "?claim a kgo:Claim ; kgo:hedgeCue ?cue ."
_ENTITIES = "SELECT ?e ?label ?alt ?type WHERE { %s }"
_ENTITIES_BODY = """?e skos:prefLabel ?label . OPTIONAL { ?e a ?type } OPTIONAL { ?e skos:altLabel ?alt }"""
_AFFILIATIONS = "SELECT ?e ?parent WHERE { %s }"
# What an entity belongs to: the knowledge base's chain (a unit part of its service, part
# of its state) first, then what the text says it is affiliated with.
_AFFILIATIONS_BODIES = ("?e kgo:partOf ?parent .", "?e kgo:affiliatedWith ?parent .")
# Written into the query text: oxrdflib accepts initNs only as plain strings.
_PREFIXES = sparql_prefixes()

Source = KGStore | Graph


def _select(source: Source, query: str, body: str, graph: URIRef | None = None) -> Iterable[Any]:
    # A store, a Dataset or a ConjunctiveGraph keeps claims in named graphs; a plain Graph
    # is one document's graph or a merged one. ``graph`` reads one named graph of a store.
    named = isinstance(source, (KGStore, ConjunctiveGraph))
    text = _PREFIXES + query % (f"GRAPH ?g {{ {body} }}" if named else body)
    return _query(source, text, graph)


def _query(source: Source, text: str, graph: URIRef | None) -> Iterable[Any]:
    if graph is None:
        return source.query(text)
    # Written into the pattern, not bound (a binding needs ?g among the results) nor
    # filtered: Oxigraph then reads that graph's quads only.
    if "GRAPH ?g" not in text or not _PLAIN_IRI.match(graph):
        raise ValueError(f"cannot read the graph {graph!r} alone with this query")
    return source.query(text.replace("GRAPH ?g", f"GRAPH <{graph}>"))


#: An IRI that can be written between < and > as it is (every graph IRI kg makes).
_PLAIN_IRI = re.compile(r"^[a-z][a-z0-9+.-]*:[^\s<>\"{}|\\^`]*$", re.IGNORECASE)


def _corroboration(source: Source, graph: URIRef | None = None) -> dict[str, tuple[str, dict[str, Any]]]:
    """Claim IRI → (assertion IRI, its summary) for the claims linked to an assertion
    (those of the named graph ``graph`` of a store only, when given)."""
    if not isinstance(source, (KGStore, ConjunctiveGraph)):
        return {}  # a plain graph has no assertions graph beside the documents'
    independent: dict[str, list[str]] = defaultdict(list)
    for row in _query(source, _PREFIXES + (_INDEPENDENT if graph is None else _INDEPENDENT_OF_GRAPH), graph):
        independent[str(row.assertion)].append(str(row.label))
    found: dict[str, tuple[str, dict[str, Any]]] = {}
    for row in _query(source, _PREFIXES + _ASSERTION_OF, graph):
        assertion = str(row.assertion)
        found[str(row.claim)] = (assertion, {
            "assertion": str(row.label),
            "documents": int(row.documents),
            "sources": int(row.sources),
            "independent": sorted(independent[assertion]),
            "disputed": row.disputed.toPython() is True,
            "strongest": _BAND_OF_IRI.get(str(row.strong)) if row.strong is not None else None,
            "weakest": _BAND_OF_IRI.get(str(row.weak)) if row.weak is not None else None,
        })  # fmt: skip
    return found


def read_decisions(source: Source) -> Decisions:
    """The decisions a store or dataset holds in its curation graph (none for a plain graph)."""
    if not isinstance(source, (KGStore, ConjunctiveGraph)):
        return Decisions()
    rows = source.query(READ_DECISIONS_QUERY, {"g": CURATION_GRAPH}) if isinstance(source, KGStore) else (
        source.query(READ_DECISIONS_QUERY, initBindings={"g": CURATION_GRAPH})
    )
    return read_decisions_graph(row.asdict() for row in rows)


@dataclass(frozen=True)
class EntityInfo:
    """What the graph says about an entity: label, kind, aliases, what it belongs to."""

    iri: str
    label: str
    kind: str | None = None
    aliases: tuple[str, ...] = ()
    affiliations: tuple[str, ...] = ()


def entity_table(source: Source, decisions: Decisions | None = None) -> dict[str, EntityInfo]:
    """Every labelled entity of a graph, with decisions applied (renames, merged labels as aliases)."""
    decisions = read_decisions(source) if decisions is None else decisions
    labels: dict[str, str] = {}
    kinds: dict[str, set[str]] = defaultdict(set)
    aliases: dict[str, set[str]] = defaultdict(set)
    for row in _select(source, _ENTITIES, _ENTITIES_BODY):
        e = str(row.e)
        labels.setdefault(e, str(row.label))
        if row.type is not None and str(row.type).startswith(_KGO):
            kinds[e].add(str(row.type)[len(_KGO) :])
        if row.alt is not None:
            aliases[e].add(str(row.alt))
    parents: dict[str, list[str]] = defaultdict(list)
    for body in _AFFILIATIONS_BODIES:
        for row in sorted(_select(source, _AFFILIATIONS, body), key=lambda r: (str(r.e), str(r.parent))):
            if str(row.parent) not in parents[str(row.e)]:
                parents[str(row.e)].append(str(row.parent))
    table: dict[str, EntityInfo] = {}
    for e, label in labels.items():
        kind = next((k for k in _CLASS_PRIORITY if k in kinds[e]), None)
        table[e] = EntityInfo(e, label, kind, tuple(sorted(aliases[e] - {label})), tuple(parents[e]))
    return _apply_to_entities(table, decisions)


def _apply_to_entities(table: dict[str, EntityInfo], decisions: Decisions) -> dict[str, EntityInfo]:
    if not len(decisions):
        return table
    out: dict[str, EntityInfo] = {}
    # Merged entities: their labels and aliases become aliases of the one they joined.
    for e, info in table.items():
        final = str(decisions.entity_for(e))
        if final == e:
            out.setdefault(e, info)
            continue
        base = out.get(final) or table.get(final) or EntityInfo(final, _local(final), info.kind)
        out[final] = replace(base, aliases=tuple(sorted({*base.aliases, info.label, *info.aliases} - {base.label})))
    for d in decisions:
        if d.action == "split":
            from kg.curation import split_iri

            new = str(split_iri(d.value))
            parent = out.get(str(decisions.entity_for(str(d.target))))
            out.setdefault(new, EntityInfo(new, d.value, parent.kind if parent else None))
            if parent is not None:
                out[parent.iri] = replace(parent, aliases=tuple(a for a in parent.aliases if a.casefold() != d.value.casefold()))
    for e, info in list(out.items()):
        label = decisions.label(e)
        if label and label != info.label:
            out[e] = replace(info, label=label, aliases=tuple(sorted({*info.aliases, info.label} - {label})))
    return out


def _local(iri: str) -> str:
    return unquote(iri.rstrip("/").rsplit("/", 1)[-1])


def _relation_name(p: str, label: Any) -> tuple[str, bool]:
    """The relation's name and whether it is an open relation (outside the ontology)."""
    if p.startswith(_KGO):
        return p[len(_KGO) :], False
    if label is not None:
        return str(label), True
    return unquote(p.rstrip("/").rsplit("/", 1)[-1]), True


def _text(value: Any) -> str | None:
    return str(value) if value is not None else None


@dataclass(frozen=True)
class RawClaims:
    """Claims and entities as the store holds them, before any decision: what to cache."""

    records: tuple[dict[str, Any], ...]
    entities: dict[str, EntityInfo]


def read_raw(source: Source) -> RawClaims:
    """Every claim and entity of a source, no decision applied and no filter (see :func:`read_claims`)."""
    return RawClaims(_sorted(_raw_records(source)), entity_table(source, Decisions()))


def iter_raw_graphs(store: KGStore) -> tuple[dict[str, EntityInfo], Iterator[RawClaims]]:
    """The entity table of a store, and its claims one named graph at a time (no decision applied).

    What :func:`read_raw` reads, in pieces: only one graph's records are in memory at once
    (the entity table is the store's, read once). Each piece's records are in
    :func:`read_raw`'s order; the pieces come in the order of their graphs' IRIs.
    """
    table = entity_table(store, Decisions())

    def pieces() -> Iterator[RawClaims]:
        graphs = sorted(str(row["g"]) for row in store.lexical_rows(_PREFIXES + _CLAIM_GRAPHS))
        for graph in graphs:
            yield RawClaims(_sorted(_raw_records(store, URIRef(graph))), table)

    return table, pieces()


# The graphs that hold claims: documents' graphs, whoever stored them.
_CLAIM_GRAPHS = "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?claim a kgo:Claim } }"


def _sorted(records: Iterable[dict[str, Any]]) -> tuple[dict[str, Any], ...]:
    # Sorted so that output (pages, exports) does not depend on the store's row order.
    return tuple(sorted(records, key=lambda r: (r["date"] or "", r["document"] or "", r["start"] or 0, r["claim"])))


def _raw_records(source: Source, graph: URIRef | None = None) -> Iterable[dict[str, Any]]:
    """The claim records of ``source`` (of its named graph ``graph`` only, when given), unsorted."""
    cues: dict[str, list[str]] = defaultdict(list)
    for claim, cue in _select(source, _CUES, _CUES_BODY, graph):
        if str(cue) not in cues[str(claim)]:
            cues[str(claim)].append(str(cue))
    origins = {str(row.claim): (_local(str(row.origin)), _text(row.label)) for row in _select(source, _ORIGINS, _ORIGINS_BODY, graph)}
    publishers = {str(row.file): (_local(str(row.publisher)), _text(row.label)) for row in _select(source, _PUBLISHERS, _PUBLISHERS_BODY, graph)}
    corroboration = _corroboration(source, graph)
    records: dict[str, dict[str, Any]] = {}
    for row in _select(source, _CLAIMS, _CLAIMS_BODY, graph):
        claim = str(row.claim)
        if claim in records:
            continue  # the same claim seen through a second graph or optional value
        relation, is_open = _relation_name(str(row.p), row.plabel)
        rank = likelihood_rank(str(row.band)) if row.band is not None else None
        records[claim] = {
            "claim": claim,
            "actor": str(row.s),
            "actor_text": _text(row.stext),
            "relation": relation,
            "open": is_open,
            "predicate_text": _text(row.ptext),
            "target": str(row.o),
            "target_text": _text(row.otext),
            "sentence": _text(row.sentence),
            "start": int(row.start) if row.start is not None else None,
            "end": int(row.end) if row.end is not None else None,
            "document": str(row.file) if row.file is not None else _text(row.doc),
            "title": _text(row.title),
            "date": _text(row.date),
            "likelihood": LIKELIHOODS[rank] if rank is not None else None,
            "likelihood_rank": rank,
            "hedge": " / ".join(cues.get(claim, ())) or None,
            "hedge_kind": _text(row.kind),
            "attribution": _text(row.attr),
            "negated": row.negated is not None and row.negated.toPython() is True,
        }
        origin = origins.get(claim, (None, None))
        publisher = publishers.get(str(row.file), (None, None)) if row.file is not None else (None, None)
        records[claim].update(origin_key=origin[0], origin=origin[1] or origin[0], publisher_key=publisher[0], publisher=publisher[1] or publisher[0])
        assertion, summary = corroboration.get(claim, (None, None))
        records[claim].update(assertion=assertion, corroboration=summary)
    return records.values()


def apply_decisions(raw: RawClaims, decisions: Decisions) -> tuple[list[dict[str, Any]], dict[str, EntityInfo]]:
    """The records and entity table of ``raw`` with the decisions applied (new dicts; ``raw`` is untouched)."""
    table = _apply_to_entities(dict(raw.entities), decisions)
    out = []
    for r in raw.records:
        s = str(decisions.entity_for(r["actor"], r["actor_text"]))
        o = str(decisions.entity_for(r["target"], r["target_text"]))
        s_info, o_info = table.get(s), table.get(o)
        review = decisions.review(r["claim"])
        # The analyst's rating of the original source, else of the publisher; never kg's.
        rated = next((k for k in (r["origin_key"], r["publisher_key"]) if k and k in decisions.ratings), None)
        rating = decisions.ratings[rated] if rated else None
        out.append(
            {
                **r,
                "actor": s,
                "actor_label": s_info.label if s_info else _local(s),
                "actor_kind": s_info.kind if s_info else None,
                "target": o,
                "target_label": o_info.label if o_info else _local(o),
                "target_kind": o_info.kind if o_info else None,
                "status": decisions.status(r["claim"]) if review else None,
                "reviewed_by": review.who if review else None,
                "reviewed_at": review.when if review else None,
                "rating": rating.reliability if rating else None,
                "rated_source": (r["origin"] if rated == r["origin_key"] else r["publisher"]) if rated else None,
            }
        )
    return out, table


def read_claims(
    source: Source,
    where: ClaimFilter | None = None,
    *,
    decisions: Decisions | None = None,
) -> list[dict[str, Any]]:
    """Every claim of a kg graph that passes ``where``, as flat records, oldest document first.

    Parameters
    ----------
    source
        A :class:`~kg.store.KGStore`, an rdflib Dataset/ConjunctiveGraph whose named graphs
        hold the documents (as ``kg build`` writes them), or a plain Graph.
    where
        The filter; the default keeps asserted, unrejected claims of the ontology's relations.
    decisions
        The analysts' decisions to apply; by default those in the source's curation graph.

    Returns
    -------
    list of dict
        One dict per claim with ``claim``, ``actor``, ``actor_label``, ``actor_kind``,
        ``actor_text``, ``relation``, ``open``, ``predicate_text``, ``target``,
        ``target_label``, ``target_kind``, ``target_text``, ``sentence``, ``start``,
        ``end`` (the sentence's offsets in its document), ``document``, ``title``,
        ``date``, ``likelihood``, ``likelihood_rank``, ``hedge``, ``hedge_kind``,
        ``attribution``, ``negated``, ``status`` (``"confirmed"``, ``"rejected"`` or None)
        and ``reviewed_by``/``reviewed_at``; the source chain's ``publisher``,
        ``publisher_key``, ``origin`` (the original source) and ``origin_key``; ``rating``,
        the Admiralty letter an analyst gave the original source (else the publisher), and
        ``rated_source``, whose it is (both None when no one rated them); ``assertion``,
        the IRI of the assertion the claim is evidence for (:mod:`kg.corroboration`), and
        ``corroboration``, its summary: ``assertion`` (label), ``documents``, ``sources``
        (independent), ``independent`` (their labels), ``disputed``, ``strongest`` and
        ``weakest`` (bands) -- both None without one. ``actor`` and
        ``target`` are entity IRIs after merges and splits.
    """
    where = where or ClaimFilter()
    decisions = read_decisions(source) if decisions is None else decisions
    records, _ = apply_decisions(read_raw(source), decisions)
    return [r for r in records if where.keeps(r)]


@dataclass(frozen=True)
class EntitySummary:
    """One entity as ``kg entities`` lists it."""

    iri: str
    label: str
    kind: str | None
    aliases: tuple[str, ...]
    claims: int  #: claims with the entity as actor or target (negated and open ones too, not rejected)
    documents: int
    affiliations: tuple[str, ...] = field(default=())

    @property
    def key(self) -> str:
        """The end of the IRI, which the decisions file and the command line use."""
        return _local(self.iri)


def summarise_entities(
    source: Source | None,
    decisions: Decisions | None = None,
    *,
    records: Iterable[dict[str, Any]] | None = None,
    entities: dict[str, EntityInfo] | None = None,
) -> list[EntitySummary]:
    """Every entity with at least one claim (rejected ones too), most claims first.

    ``records`` and ``entities`` (from :func:`apply_decisions`) spare reading ``source``
    again when the caller has them.
    """
    if records is None or entities is None:
        decisions = read_decisions(source) if decisions is None else decisions
        records, entities = apply_decisions(read_raw(source), decisions)
    table = entities
    # Rejected claims are not counted, but an entity that has only rejected claims is
    # still listed: an analyst must be able to find it to take a rejection back.
    every = ClaimFilter(include_negated=True, include_open=True, include_rejected=True)
    claims: dict[str, int] = defaultdict(int)
    documents: dict[str, set[str]] = defaultdict(set)
    for r in records:
        if not every.keeps(r):
            continue
        for e in {r["actor"], r["target"]}:
            claims[e] += 0 if r["status"] == "rejected" else 1
            if r["status"] != "rejected":
                documents[e].add(r["document"] or "")
    found = []
    for e, count in claims.items():
        info = table.get(e) or EntityInfo(e, _local(e))
        found.append(EntitySummary(e, info.label, info.kind, info.aliases, count, len(documents[e]), info.affiliations))
    return sorted(found, key=lambda s: (-s.claims, s.label.casefold()))


def affiliation_chain(entities: dict[str, EntityInfo], iri: str, depth: int = 6) -> list[tuple[str, str]]:
    """What an entity belongs to, nearest first, as (IRI, label): unit → service → state.

    Follows each entity's first affiliation (:func:`entity_table` lists the knowledge
    base's ``kgo:partOf`` before ``kgo:affiliatedWith``), stopping at a loop.

    >>> table = {"u": EntityInfo("u", "Unit 74455", affiliations=("g",)),
    ...          "g": EntityInfo("g", "GRU", affiliations=("r",)), "r": EntityInfo("r", "Russia")}
    >>> affiliation_chain(table, "u")
    [('g', 'GRU'), ('r', 'Russia')]
    """
    chain: list[tuple[str, str]] = []
    seen = {iri}
    current = entities.get(iri)
    while current is not None and current.affiliations and len(chain) < depth:
        parent = current.affiliations[0]
        if parent in seen:
            break
        seen.add(parent)
        info = entities.get(parent)
        chain.append((parent, info.label if info else _local(parent)))
        current = info
    return chain


def find_entity(summaries: Iterable[EntitySummary], name: str) -> EntitySummary:
    """The entity called ``name``: its IRI, key, label or an alias (any case).

    Raises
    ------
    KeyError
        When nothing, or more than one entity, has that name; the message says which.
    """
    summaries = list(summaries)
    folded = name.casefold().strip()
    for test in (
        lambda s: s.iri == name or s.key.casefold() == folded,
        lambda s: s.label.casefold() == folded,
        lambda s: any(a.casefold() == folded for a in s.aliases),
    ):
        found = [s for s in summaries if test(s)]
        if len(found) == 1:
            return found[0]
        if len(found) > 1:
            raise KeyError(f"{name!r} names several entities: {', '.join(s.key for s in found[:8])}; give a key")
    raise KeyError(f"no entity named {name!r} (kg entities --search TEXT lists candidates)")
