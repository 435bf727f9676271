"""Kept rows of the grouped named queries (kg.summaries) against the queries run in full."""

from __future__ import annotations

import random
import re

import pyoxigraph as ox
import pytest

from kg.model import Hedge
from kg.query import bind_params, get_named, run_named, run_query
from kg.rdf import document_graph, new_run
from kg.store import open_store, remove_documents
from kg.summaries import SUMMARISED, SUMMARY_GRAPH, mark_pending, refresh_summaries, summarised
from store_fixtures import claim, document, sample_documents

ACTORS = ["Cuba", "Russia", "China", "Iran"]
TARGETS = ["voters", "the election", "candidates in Florida", "state media", "the party", "Russia"]
RELATIONS = ["denigrates", "undermines", "targets", "interferesIn", "supports", "uses", "conducts", None]
BANDS = ["likely", "almost_certain", "very_unlikely", "roughly_even_chance"]


def random_document(doc_id: str, rng: random.Random, version: int = 0):
    """A document of a few random claims (relations of every family, negations, hedges, kinds)."""
    claims = []
    for k in range(rng.randint(1, 6)):
        hedges = (Hedge("probably", "likelihood", likelihood=rng.choice(BANDS)),) if rng.random() < 0.4 else ()
        claims.append(
            claim(
                doc_id, rng.choice(ACTORS), rng.choice(RELATIONS), rng.choice(TARGETS), start=k * 100,
                negated=rng.random() < 0.15, hedges=hedges, obj_kind=rng.choice([None, "Instrument", "Tactic"]),
                sentence=f"Sentence {k} of {doc_id}, version {version}.",
            )
        )  # fmt: skip
    date = rng.choice([None, f"2020-0{rng.randint(1, 9)}-1{rng.randint(0, 9)}"])
    doc = document(doc_id, f"{doc_id} {version} " + " ".join(c.sentence for c in claims), date)
    return document_graph(doc, claims, new_run())


def cases(store):
    """Every summarised query without parameters, and with each actor for those that take one."""
    found = []
    for name in SUMMARISED:
        found.append((name, {}))
        if any(p.name == "actor" for p in get_named(name).params):
            found += [(name, {"actor": actor}) for actor in ACTORS]
    return found


def order_key(name, row):
    from kg.summaries import _order  # the ORDER BY columns of the .rq

    return tuple(str(row[var]) if row[var] is not None else None for var, _ in _order(name))


_CONCAT = re.compile(r'GROUP_CONCAT\(DISTINCT \?\w+; separator="([^"]*)"\) AS \?(\w+)')
_SAMPLE = re.compile(r"\(SAMPLE\(\?(\w+)\) AS \?(\w+)\)")


def comparable(name, rows, sampled_as_sets=False):
    """Rows as tuples of text, with GROUP_CONCAT lists as sets (their order is unspecified).

    A SAMPLE column becomes the set of values it may take (``sampled_as_sets``, for the
    query in full) or a one-value set (for the kept row).
    """
    text = get_named(name).text
    separators = {var: sep for sep, var in _CONCAT.findall(text)}
    sampled = {var for _, var in _SAMPLE.findall(text)}
    out = []
    for row in rows:
        cells = []
        for var in row.labels:
            value = "" if row[var] is None else str(row[var])
            if var in separators:
                value = tuple(sorted(value.split(separators[var])))
            elif var in sampled:
                value = frozenset(value.split("\x1f") if sampled_as_sets else [value])
            cells.append(value)
        out.append(tuple(cells))
    return out


def assert_same_as_full_query(store):
    for name, params in cases(store):
        query = get_named(name)
        bindings = bind_params(query, params, store)
        # In full, a SAMPLE column lists every value it could have picked.
        every_sample = _SAMPLE.sub(lambda m: f'(GROUP_CONCAT(DISTINCT ?{m[1]}; separator="\x1f") AS ?{m[2]})', query.text)
        full = comparable(name, run_query(store, every_sample, bindings), sampled_as_sets=True)
        kept = run_named(store, name, params)
        assert summarised(store, name)
        kept_rows = comparable(name, kept)
        assert len(kept_rows) == len(full), (name, params)
        # Each kept row is a full row (its sample one of the values); rows tying in the
        # ORDER BY may come in any order, so rows are matched as a multiset.
        unmatched = list(full)
        for row in kept_rows:
            match = next(
                (f for f in unmatched if all(k <= c if isinstance(k, frozenset) else k == c for k, c in zip(row, f))),
                None,
            )
            assert match is not None, (name, params, row)
            unmatched.remove(match)
        assert [order_key(name, r) for r in kept] == [
            order_key(name, r) for r in run_query(store, query.text, bindings)
        ], (name, params)


def groups_and_links(store):
    """Each kept group with its key and the document graphs recorded for it (rows aside:
    a sample or a GROUP_CONCAT may come out differently from one evaluation to the next)."""
    graph = ox.NamedNode(str(SUMMARY_GRAPH))
    quads = store.oxigraph.quads_for_pattern(None, None, None, graph)
    return {(q.subject, q.predicate, q.object) for q in quads if "#cells-" not in q.predicate.value}


def test_sample_corpus_answers_from_summaries_as_in_full():
    with open_store(None) as store:
        store.ensure_ontology()
        store.add_documents([graph for _, _, graph in sample_documents()])
        assert not summarised(store, "actors-targets")  # before the refresh, the .rq runs
        refresh_summaries(store, ["a.txt", "b.txt", "c.txt"])
        assert_same_as_full_query(store)
        pairs = {(str(r["actor"]), str(r["target"])) for r in run_named(store, "actors-targets")}
        assert ("Cuba", "candidates in Florida") in pairs and ("Russia", "voters") not in pairs  # negated


def test_summaries_follow_additions_replacements_and_removals(tmp_path):
    rng = random.Random(13)
    location = tmp_path / "store"
    with open_store(location) as store:
        store.ensure_ontology()
        store.add_documents([random_document(f"d{i}.txt", rng) for i in range(12)])
        refresh_summaries(store, [f"d{i}.txt" for i in range(12)])
        assert_same_as_full_query(store)
        for step in range(1, 4):
            changed = rng.sample(range(12), 3)
            for i in changed:  # a new version of a stored document: its groups move
                store.replace_document(random_document(f"d{i}.txt", rng, version=step))
            new = f"n{step}.txt"
            store.add_documents([random_document(new, rng)])
            refresh_summaries(store, [*(f"d{i}.txt" for i in changed), new])
            assert_same_as_full_query(store)
    removed, _ = remove_documents(location, ["d0.txt", "d1.txt", "n1.txt"])
    assert removed == ["d0.txt", "d1.txt", "n1.txt"]
    with open_store(location) as store:
        assert_same_as_full_query(store)
        # Kept incrementally, the summaries are what a recomputation from scratch makes.
        incremental = groups_and_links(store)
        assert incremental
        refresh_summaries(store)
        assert groups_and_links(store) == incremental
        assert_same_as_full_query(store)


def test_documents_written_but_not_summarised_are_caught_up_by_the_next_refresh():
    rng = random.Random(5)
    with open_store(None) as store:
        store.ensure_ontology()
        store.add_documents([random_document(f"d{i}.txt", rng) for i in range(4)])
        refresh_summaries(store, [f"d{i}.txt" for i in range(4)])
        # A build that wrote a document and was killed before its refresh:
        mark_pending(store, ["late.txt"])
        store.add_documents([random_document("late.txt", rng)])
        assert not summarised(store, "actors-targets")  # the .rq answers meanwhile
        refresh_summaries(store, [])  # the next build, with nothing new of its own
        assert_same_as_full_query(store)


def test_a_store_without_summaries_runs_the_query_itself():
    with open_store(None) as store:
        store.ensure_ontology()
        store.add_documents([graph for _, _, graph in sample_documents()])
        assert not summarised(store, "actors-targets")
        rows = {(str(r["actor"]), str(r["target"])) for r in run_named(store, "actors-targets")}
        assert ("Cuba", "candidates in Florida") in rows


@pytest.mark.parametrize("name", sorted(SUMMARISED))
def test_every_parameter_of_a_summarised_query_is_a_key(name):
    # A parameter then selects kept rows, which is what it does to the query in full.
    assert {p.name for p in get_named(name).params} <= set(SUMMARISED[name].keys)
