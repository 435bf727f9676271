"""Cost of corroboration: recomputing the assertion summaries, and the assertions query, on a synthetic store.

Run from the repository root::

    .venv/bin/python benchmarks/assertions_refresh.py --documents 2000 --claims 10

It writes ``--documents`` synthetic document graphs (``kg.rdf.document_graph`` on random
claims: 60 actors, 150 generic objects in 10 places, relations of every family, 30 % of
claims attributed to one of 20 sources, 5 % negated, a MinHash fingerprint per document),
each claim linked to its assertion as a build links it, into a temporary Oxigraph store;
then times :func:`kg.corroboration.refresh_assertions` (read every claim, group, check
reprints and translations, write the summaries that changed) on the new store, again with
nothing changed, and after one more document; and the named query ``assertions`` with and
without parameters (median of ``--repeat`` runs, whole result read).
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

from rdflib import Graph, Literal

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from kg.assertions import assertion_iri  # noqa: E402
from kg.corroboration import origin_iri, refresh_assertions  # noqa: E402
from kg.model import Claim, Document, Hedge, Mention, Predicate  # noqa: E402
from kg.ontology import KGO, LIKELIHOOD_BANDS, RELATIONS, relation_family  # noqa: E402
from kg.query import run_named  # noqa: E402
from kg.rdf import claim_iri, document_graph, document_iri, new_run  # noqa: E402
from kg.sources import fingerprint, fingerprint_hex  # noqa: E402
from kg.store import open_store  # noqa: E402


def synthetic(documents: int, claims: int, seed: int = 0, prefix: str = "doc") -> list[Graph]:
    rng = random.Random(seed)
    run = new_run()
    labels: dict[str, str] = {}
    words = [f"w{i}" for i in range(3000)]
    graphs = []
    for d in range(documents):
        doc_id = f"{prefix}{d:06d}.txt"
        text = " ".join(rng.choice(words) for _ in range(300))
        document = Document(doc_id, doc_id, text, f"{d:064x}", date=f"2024-{1 + d % 12:02d}-{1 + d % 28:02d}")
        made = []
        for c in range(claims):
            actor = f"Actor {rng.randrange(60)}"
            obj = f"target {rng.randrange(150)}"
            relation = rng.choice(sorted(RELATIONS))
            hedges = (Hedge("likely", "likelihood", likelihood=rng.choice(list(LIKELIHOOD_BANDS))),) if rng.random() < 0.2 else ()
            attributed = rng.random() < 0.3
            made.append(
                Claim(doc_id, c * 100, c * 100 + 90, f"{actor} {relation} {obj}.",
                      Mention(actor, c * 100, c * 100 + 10, actor, "State", actor.lower().replace(" ", "-")),
                      Predicate(relation, relation, relation, c * 100 + 11, c * 100 + 20),
                      Mention(obj, c * 100 + 21, c * 100 + 40, obj, "Target", obj.replace(" ", "-")),
                      negated=rng.random() < 0.05, hedges=hedges,
                      attribution=f"Source {rng.randrange(20)}" if attributed else None)
            )
        g = document_graph(document, made, run, labels)
        g.add((document_iri(doc_id), KGO.textFingerprint, Literal(fingerprint_hex(fingerprint(text)))))
        for claim in made:
            form = f"class:{claim.object.key}@place{rng.randrange(10)}"
            g.add((claim_iri(claim), KGO.canonicalObject, Literal(form)))
            family = relation_family(claim.predicate.relation)
            g.add((claim_iri(claim), KGO.evidenceFor, assertion_iri(claim.subject.key, family, form)))
            if claim.attribution:
                g.add((claim_iri(claim), KGO.originalSource, origin_iri(claim.attribution.lower().replace(" ", "-"))))
        graphs.append(g)
    return graphs


def timed(fn, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--documents", type=int, default=2000)
    parser.add_argument("--claims", type=int, default=10, help="claims per document")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    start = time.perf_counter()
    graphs = synthetic(args.documents, args.claims)
    print(f"generated {args.documents} documents, {args.documents * args.claims} claims in {time.perf_counter() - start:.1f} s")
    with tempfile.TemporaryDirectory() as folder, open_store(Path(folder) / "store") as store:
        store.ensure_ontology()
        triples = store.add_documents(graphs)
        print(f"stored {triples} triples")
        first = timed(lambda: refresh_assertions(store), 1)
        assertions = refresh_assertions(store)
        print(f"refresh_assertions: {assertions} assertions, first (every summary written) {first:.2f} s, "
              f"again (nothing changed) median {timed(lambda: refresh_assertions(store), args.repeat):.2f} s")
        store.add_documents(synthetic(1, args.claims, seed=1, prefix="new"))
        seconds = timed(lambda: refresh_assertions(store, ["new000000.txt"]), 1)
        print(f"refresh_assertions after one new document, as a build does it (its assertions only): {seconds:.2f} s")
        for params in ({}, {"actor": "Actor 1"}, {"min_sources": "2"}, {"disputed": "true"}):
            rows = len(list(run_named(store, "assertions", params)))
            seconds = timed(lambda: list(run_named(store, "assertions", params)), args.repeat)
            print(f"assertions {params or '(no parameters)'}: {rows} rows, median {seconds:.2f} s")


if __name__ == "__main__":
    main()
