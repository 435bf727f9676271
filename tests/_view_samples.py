"""Hand-made claims for the tests of kg.analysis, kg.render and the graph page.

They go through kg.rdf exactly as extracted claims do, so the tests need no spaCy model.
"""

from __future__ import annotations

from rdflib import Dataset

from kg.model import Claim, Document, Hedge, Mention, Predicate
from kg.rdf import document_graph, new_run

__all__ = ["HOSTILE_ENTITY", "HOSTILE_SENTENCE", "make_claim", "make_dataset", "sample_dataset", "hostile_dataset"]

HOSTILE_ENTITY = "<img src=x onerror=alert(1)>"
HOSTILE_SENTENCE = "Officials said </script><script>alert(2)</script> Russia targets the <b>voters</b> @@KG_VIS_JS@@ &amp; \u2028 more."


def make_claim(doc, start, actor, actor_kind, relation, target, target_kind, *, band=None, hedge=None,
               attribution=None, negated=False, sentence=None, lemma=None):
    """One claim whose sentence starts at ``start`` in the document (offsets keep IRIs apart)."""
    text = sentence or f"{actor} {relation} {target}."
    a_end = start + len(actor)
    p_start = a_end + 1
    p_end = p_start + len(lemma or relation)
    hedges = []
    if band:
        hedges.append(Hedge(hedge or band.replace("_", " "), "likelihood", band))
    elif hedge:
        hedges.append(Hedge(hedge, "hedge"))
    return Claim(
        doc, start, start + len(text), text,
        Mention(actor, start, a_end, actor, actor_kind, None),
        Predicate(lemma or relation, lemma or relation, None if lemma else relation, p_start, p_end),
        Mention(target, p_end + 1, p_end + 1 + len(target), target, target_kind, None),
        negated=negated, hedges=tuple(hedges), attribution=attribution,
        attribution_label=attribution,
    )


def make_dataset(documents):
    """An rdflib Dataset with one named graph per (Document, claims) pair."""
    ds = Dataset()
    run = new_run()
    for document, claims in documents:
        g = document_graph(document, claims, run)
        named = ds.graph(g.identifier)
        named += g
    return ds


def _doc(name, date):
    return Document(name, name, "", "0" * 64, date=date)


def sample_dataset():
    """Cuba, Russia, China and Iran with their targets over two dated documents."""
    d1, d2 = "odni-2021.txt", "report-2022.txt"
    return make_dataset([
        (_doc(d1, "2021-03-10"), [
            make_claim(d1, 0, "Russia", "State", "denigrates", "Joe Biden", "Candidate", band="likely", attribution="ODNI",
                       sentence="ODNI assesses that Russia probably sought to denigrate Joe Biden."),
            make_claim(d1, 100, "Russia", "State", "supports", "Donald Trump", "Candidate", band="very_likely"),
            make_claim(d1, 200, "Iran", "State", "denigrates", "Donald Trump", "Candidate", band="likely", hedge="probably"),
            make_claim(d1, 300, "China", "State", "seeksToInfluence", "2020 US election", "Election", band="unlikely"),
            make_claim(d1, 400, "Cuba", "State", "seeksToInfluence", "2020 US election", "Election", hedge="allegedly"),
            make_claim(d1, 500, "Russia", "State", "praise", "Donald Trump", "Candidate", lemma="praise"),
        ]),
        (_doc(d2, "2022-05-01"), [
            make_claim(d2, 0, "Russia", "State", "denigrates", "Joe Biden", "Candidate"),
            make_claim(d2, 100, "Russia", "State", "targets", "Joe Biden", "Candidate", band="almost_certain"),
            make_claim(d2, 200, "China", "State", "targets", "Taiwan", "State", band="very_likely"),
            make_claim(d2, 300, "Russia", "State", "undermines", "NATO", "Organisation"),
            make_claim(d2, 400, "Iran", "State", "targets", "Israel", "State", attribution="Microsoft"),
            make_claim(d2, 500, "China", "State", "interferesIn", "2020 US election", "Election", negated=True),
            make_claim(d2, 600, "Cuba", "State", "targets", "Venezuelan audiences", "Audience"),
        ]),
    ])


def hostile_dataset():
    """Claims whose entity and sentence carry markup and script."""
    d = "hostile <script>.txt"
    return make_dataset([
        (_doc(d, "2023-01-01"), [
            make_claim(d, 0, "Russia", "State", "targets", HOSTILE_ENTITY, "Audience", band="likely",
                       sentence=HOSTILE_SENTENCE, attribution="<svg onload=alert(3)>"),
            make_claim(d, 200, HOSTILE_ENTITY, "Organisation", "denigrates", "Joe Biden", "Candidate",
                       hedge="</script>"),
        ]),
    ])
