"""Hand-made documents and claims for the store, query, serve and export tests (no spaCy), and
the store comparison of ``benchmarks/chaos.py``."""

from __future__ import annotations

import hashlib
import importlib.util
from pathlib import Path

from kg.model import Claim, Document, Hedge, Mention, Predicate
from kg.rdf import Run, document_graph, new_run

ENTITIES = {
    "Cuba": ("State", "cuba"),
    "Russia": ("State", "russia"),
    "China": ("State", "china"),
    "ODNI": ("Organisation", "odni"),
}


def mention(text: str, label: str | None = None, kind: str | None = None, start: int = 0) -> Mention:
    """A mention; a known label gets its kind and key from ENTITIES."""
    if label in ENTITIES:
        kind, key = ENTITIES[label]
    else:
        key = None
    return Mention(text, start, start + len(text), label, kind, key)


def claim(
    doc: str,
    subject: str,
    relation: str | None,
    obj: str,
    *,
    sentence: str | None = None,
    start: int = 0,
    lemma: str | None = None,
    negated: bool = False,
    hedges: tuple[Hedge, ...] = (),
    attribution: str | None = None,
    attribution_label: str | None = None,
    obj_kind: str | None = None,
) -> Claim:
    """One claim ``subject relation obj`` in document ``doc``."""
    verb = lemma or (relation or "praise")
    sentence = sentence or f"{subject} {verb} {obj}."
    return Claim(
        doc=doc,
        start=start,
        end=start + len(sentence),
        sentence=sentence,
        subject=mention(subject, subject, start=start),
        predicate=Predicate(verb, verb, relation, start + len(subject) + 1, start + len(subject) + 1 + len(verb)),
        object=mention(obj, obj if obj in ENTITIES else None, obj_kind, start=start + len(subject) + len(verb) + 2),
        negated=negated,
        hedges=hedges,
        attribution=attribution,
        attribution_label=attribution_label,
        confidence=0.8,
    )


def document(doc_id: str, text: str, date: str | None = "2020-08-07") -> Document:
    return Document(doc_id, f"/corpus/{doc_id}", text, hashlib.sha256(text.encode()).hexdigest(), date)


def sample_claims() -> dict[str, list[Claim]]:
    """Three documents: Cuba and Russia target candidates, China uses an instrument."""
    likely = Hedge("probably", "likelihood", likelihood="likely")
    return {
        "a.txt": [
            claim("a.txt", "Cuba", "denigrates", "candidates in Florida",
                  sentence="Cuba conducted operations aimed at denigrating candidates in Florida.",
                  lemma="denigrate", attribution="the intelligence community", attribution_label="ODNI"),
            claim("a.txt", "Russia", "undermines", "candidates in Florida", start=80, lemma="undermine",
                  hedges=(likely,)),
            claim("a.txt", "Russia", "targets", "voters", start=160, negated=True, lemma="target"),
        ],
        "b.txt": [
            claim("b.txt", "Russia", "interferesIn", "the election", lemma="interfere",
                  hedges=(Hedge("almost certainly", "likelihood", likelihood="almost_certain"),)),
            claim("b.txt", "China", "uses", "state media", start=90, lemma="use", obj_kind="Instrument"),
            claim("b.txt", "China", None, "Russia", start=150, lemma="praise"),
        ],
        "c.txt": [
            claim("c.txt", "China", "supports", "the party", lemma="support"),
        ],
    }


def sample_documents(run: Run | None = None) -> list[tuple[Document, list[Claim], object]]:
    """(document, claims, graph) for each sample document."""
    run = run or new_run()
    dates = {"a.txt": "2020-08-07", "b.txt": "2021-03-10", "c.txt": None}
    out = []
    for doc_id, claims in sample_claims().items():
        doc = document(doc_id, " ".join(c.sentence for c in claims), dates[doc_id])
        out.append((doc, claims, document_graph(doc, claims, run)))
    return out


def chaos_module():
    """``benchmarks/chaos.py``, whose ``canonical_quads`` and ``outcome`` compare stores and builds."""
    spec = importlib.util.spec_from_file_location("kg_chaos", Path(__file__).resolve().parents[1] / "benchmarks" / "chaos.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module
