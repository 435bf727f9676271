"""Kept answers of the named queries (kg.summaries) against the queries run in full (brute force)."""

from __future__ import annotations

import random
import re
import shutil

import pyoxigraph as ox
import pytest

from kg.build import BuildOptions, build
from kg.model import Claim, Document, Hedge, Mention, Predicate
from kg.ontology import KGO
from kg.query import FORMATS, answer_query, bind_params, format_result, format_rows, get_named, run_named, run_query
from kg.rdf import document_graph, new_run
from kg.store import open_store, remove_documents
from kg.store.answers import KeptAnswers
from kg.summaries import KEPT, _layout, _shape, answer_rows, mark_pending, read_rows, refresh_summaries, summarised
from store_fixtures import claim, document, sample_documents

ACTORS = ["Cuba", "Russia", "China", "Iran"]
TARGETS = ["voters", "the election", "candidates in Florida", "state media", "the party", "Russia"]
RELATIONS = ["denigrates", "undermines", "targets", "interferesIn", "supports", "uses", "conducts", None]
BANDS = ["likely", "almost_certain", "very_unlikely", "roughly_even_chance"]
SOURCES = [None, "ODNI", "Microsoft"]


def random_document(doc_id: str, rng: random.Random, version: int = 0):
    """A document of a few random claims (relations of every family, negations, hedges, kinds, sources)."""
    claims = []
    for k in range(rng.randint(1, 6)):
        hedges = (Hedge("probably", "likelihood", likelihood=rng.choice(BANDS)),) if rng.random() < 0.4 else ()
        source = rng.choice(SOURCES)
        claims.append(
            claim(
                doc_id, rng.choice(ACTORS), rng.choice(RELATIONS), rng.choice(TARGETS), start=k * 100,
                negated=rng.random() < 0.15, hedges=hedges, obj_kind=rng.choice([None, "Instrument", "Tactic"]),
                sentence=f"Sentence {k} of {doc_id}, version {version}.",
                attribution=f"the {source}" if source else None, attribution_label=source,
            )
        )  # fmt: skip
    date = rng.choice([None, f"2020-0{rng.randint(1, 9)}-1{rng.randint(0, 9)}"])
    doc = document(doc_id, f"{doc_id} {version} " + " ".join(c.sentence for c in claims), date)
    return document_graph(doc, claims, new_run())


def cases(store):
    """Every kept query, without parameters where it may, and with each value of its parameters."""
    values = {
        "actor": ACTORS + sorted({str(r["actor"]) for r in run_query(store, _ACTOR_LABELS)}),
        "relation": ["targets", "denigrates", "supports", "uses", "conducts"],
        "likelihood": BANDS,
    }
    found = []
    for name in KEPT:
        params = get_named(name).params
        if all(p.optional for p in params):
            found.append((name, {}))
        found += [(name, {p.name: value}) for p in params for value in values[p.name]]
    return found


_ACTOR_LABELS = """SELECT DISTINCT ?actor WHERE {
  { GRAPH ?g { ?c a kgo:Claim ; rdf:subject ?a . ?a skos:prefLabel ?actor } }
  UNION { GRAPH ?g { ?part kgo:partOf ?a } GRAPH ?l { ?a skos:prefLabel ?actor } }
}"""
_CONCAT = re.compile(r'GROUP_CONCAT\(DISTINCT \?\w+; separator="([^"]*)"\) AS \?(\w+)')
_SAMPLE = re.compile(r"\(SAMPLE\(\?(\w+)\) AS \?(\w+)\)")


def comparable(name, rows, sampled_as_sets=False):
    """Rows as tuples of terms, with GROUP_CONCAT lists as sets (their order is unspecified).

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
            value = row[var]
            if var in separators:
                value = (tuple(sorted(str(value).split(separators[var]))), getattr(value, "language", None))
            elif var in sampled:
                value = frozenset(str(value).split("\x1f") if sampled_as_sets else [str(value)])
            cells.append(value)
        out.append(tuple(cells))
    return out


def order_key(name, row):
    layout = _layout(name)
    return tuple(str(row[var]) if row[var] is not None else None for var, _ in layout.sorts if var in layout.columns)


def assert_same_as_full_query(store):
    """Every kept answer equals the .rq run in full: same rows (as terms), same order."""
    for name, params in cases(store):
        query = get_named(name)
        bindings = bind_params(query, params, store)
        # In full, a SAMPLE column lists every value it could have picked.
        every_sample = _SAMPLE.sub(lambda m: f'(GROUP_CONCAT(DISTINCT ?{m[1]}; separator="\x1f") AS ?{m[2]})', query.text)
        full = comparable(name, run_query(store, every_sample, bindings), sampled_as_sets=True)
        assert summarised(store, name)
        kept = run_named(store, name, params)
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
        in_full = run_query(store, query.text, bindings)
        assert [order_key(name, r) for r in kept] == [order_key(name, r) for r in in_full], (name, params)
        assert [str(v) for v in kept.vars] == [str(v) for v in in_full.vars]


def kept_answers(store):
    """Every kept answer with its SAMPLE columns left out (a sample may differ between evaluations)."""
    found = {}
    for name in KEPT:
        sampled = {var for _, var in _SAMPLE.findall(get_named(name).text)}
        answer = answer_rows(store, name)
        keep = [i for i, var in enumerate(answer.columns) if var not in sampled]
        rows = [(tuple(row[i] for i in keep), kinds) for row, kinds in zip(answer.rows, answer.kinds)]
        found[name] = sorted(rows, key=repr)
    return found


def test_sample_corpus_answers_from_kept_rows_as_in_full():
    with open_store(None) as store:
        store.ensure_ontology()
        store.add_documents([graph for _, _, graph in sample_documents()])
        assert not summarised(store, "actors-targets")  # before the refresh, the .rq runs
        refresh_summaries(store, ["a.txt", "b.txt", "c.txt"])
        assert_same_as_full_query(store)
        pairs = {(str(r["actor"]), str(r["target"])) for r in run_named(store, "actors-targets")}
        assert ("Cuba", "candidates in Florida") in pairs and ("Russia", "voters") not in pairs  # negated


def test_kept_answers_follow_additions_replacements_and_removals(tmp_path):
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
        # Kept incrementally, the answers are what a recomputation from scratch makes.
        incremental = kept_answers(store)
        assert incremental["actors-targets"] and incremental["documents"]
        refresh_summaries(store)
        assert kept_answers(store) == incremental
        assert_same_as_full_query(store)


def test_kept_answers_of_built_rebuilt_and_trimmed_seeds_equal_the_queries_in_full(shared_dir, nlp, tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    seeds = sorted((shared_dir / "corpus" / "seeds").glob("*.txt"))
    for path in seeds:
        shutil.copy(path, corpus / path.name)
    out = tmp_path / "out"
    options = BuildOptions(progress=False, html=False)
    build([corpus], out, options)
    with open_store(out / "store", read_only=True) as store:
        assert_same_as_full_query(store)
    # One seed replaced by another's text with a line of its own, one removed.
    first, second = seeds[0].name, seeds[1].name
    (corpus / first).write_text(seeds[1].read_text(encoding="utf-8") + "\nRussia sought to denigrate Ukraine.\n")
    build([corpus], out, options)
    remove_documents(out / "store", [second])
    with open_store(out / "store", read_only=True) as store:
        assert_same_as_full_query(store)
        assert answer_rows(store, "documents").rows and second not in {r[0] for r in answer_rows(store, "documents").rows}


FANCY_BEAR = Mention("Fancy Bear", 0, 10, "Unit 26165", "MilitaryUnit", "unit-26165", "kb: Fancy Bear")
GRU = Mention("the GRU", 0, 7, "Main Intelligence Directorate (GRU)", "IntelligenceService", "gru", "kb: GRU")


def chained_document(doc_id: str, subject: Mention, *, chain: bool = True):
    """A document of one claim by ``subject``; without ``chain``, its graph states no kgo:partOf."""
    sentence = f"{subject.text} hacked the party's servers in {doc_id}."
    claims = [
        Claim(
            doc=doc_id, start=0, end=len(sentence), sentence=sentence, subject=subject,
            predicate=Predicate("hacked", "hack", "targets", 11, 17),
            object=Mention("the party's servers", 18, 37, "party's servers", "Instrument", "party-s-servers"),
        )
    ]  # fmt: skip
    graph = document_graph(Document(doc_id, doc_id, sentence, "0" * 64), claims, new_run())
    if not chain:
        graph.remove((None, KGO.partOf, None))
    return graph


def test_roll_ups_follow_chains_stated_in_other_documents(tmp_path):
    location = tmp_path / "store"
    with open_store(location) as store:
        store.ensure_ontology()
        # b.txt's unit reaches the GRU and Russia only through a.txt's chain.
        store.add_documents([chained_document("a.txt", FANCY_BEAR), chained_document("b.txt", FANCY_BEAR, chain=False)])
        refresh_summaries(store, ["a.txt", "b.txt"])
        assert_same_as_full_query(store)
        russia = [(str(r["part"]), str(r["document"])) for r in run_named(store, "actor-rollup", {"actor": "Russia"})]
        assert russia == [("Unit 26165", "a.txt"), ("Unit 26165", "b.txt")]
        store.add_documents([chained_document("c.txt", GRU)])
        refresh_summaries(store, ["c.txt"])
        assert_same_as_full_query(store)
    remove_documents(location, ["a.txt"])
    with open_store(location) as store:
        assert_same_as_full_query(store)  # the unit's chain went with a.txt
        russia = [(str(r["part"]), str(r["document"])) for r in run_named(store, "actor-rollup", {"actor": "Russia"})]
        assert russia == [("Main Intelligence Directorate (GRU)", "c.txt")]
        assert [str(r["document"]) for r in run_named(store, "actor-rollup", {"actor": "Unit 26165"})] == ["b.txt"]


def test_documents_written_but_not_refreshed_are_caught_up_by_the_next_refresh():
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


def test_rows_kept_for_another_version_of_a_query_are_not_read_and_are_remade():
    rng = random.Random(7)
    with open_store(None) as store:
        store.ensure_ontology()
        store.add_documents([random_document(f"d{i}.txt", rng) for i in range(3)])
        refresh_summaries(store)
        KeptAnswers(store.claim_rows).mark_complete("timeline", "an older timeline.rq")
        assert not summarised(store, "timeline") and summarised(store, "documents")
        refresh_summaries(store, [])
        assert_same_as_full_query(store)


def test_a_store_without_kept_answers_runs_the_query_itself(tmp_path):
    with open_store(tmp_path / "store") as store:
        store.ensure_ontology()
        store.add_documents([graph for _, _, graph in sample_documents()])
    with open_store(tmp_path / "store", read_only=True) as store:
        assert not summarised(store, "actors-targets")
        rows = {(str(r["actor"]), str(r["target"])) for r in run_named(store, "actors-targets")}
        assert ("Cuba", "candidates in Florida") in rows
    shown, count = answer_query(tmp_path / "store", name="actors-targets", fmt="csv")
    assert count == len(rows) and "candidates in Florida" in shown


def test_kg_query_writes_kept_rows_as_it_writes_the_query_in_full(tmp_path):
    rng = random.Random(3)
    with open_store(tmp_path / "store") as store:
        store.ensure_ontology()
        store.add_documents([random_document(f"d{i}.txt", rng) for i in range(6)])
        refresh_summaries(store)
        for name in KEPT:
            found = answer_rows(store, name)
            for fmt in FORMATS:
                assert format_rows(found, fmt) == format_result(read_rows(found), fmt), (name, fmt)
    shown, count = answer_query(tmp_path / "store", name="actor-activity", params={"actor": "cuba"}, fmt="json")
    assert count and '"actor": "Cuba"' in shown


def test_the_graph_of_the_previous_kept_rows_is_dropped():
    old = ox.NamedNode("https://w3id.org/kg/id/graph/summaries")
    with open_store(None) as store:
        store.ensure_ontology()
        store.oxigraph.add(ox.Quad(old, old, ox.Literal("rows"), old))
        refresh_summaries(store)
        assert not list(store.oxigraph.quads_for_pattern(None, None, None, old))


@pytest.mark.parametrize("name", sorted(KEPT))
def test_every_kept_query_can_be_laid_out_and_aggregated(name):
    # A parameter is a result column (it then selects kept rows, as it does in full), and
    # a query whose groups span documents uses only the aggregates kg recomputes.
    layout = _layout(name)
    if KEPT[name].whole is None:
        assert set(layout.params) <= set(layout.columns)
    else:  # a roll-up selects rows by their subject node, kept beside them
        assert layout.params == (KEPT[name].part,) and KEPT[name].part in layout.stored
    if KEPT[name].spans_documents:
        assert _shape(name).aggregates


def test_a_refresh_that_stops_half_way_leaves_the_last_kept_answers(monkeypatch):
    from kg import summaries

    rng = random.Random(11)
    with open_store(None) as store:
        store.ensure_ontology()
        store.add_documents([random_document(f"d{i}.txt", rng) for i in range(4)])
        refresh_summaries(store)
        mark_pending(store, ["d0.txt"])
        store.replace_document(random_document("d0.txt", rng, version=1))

        def stop(*args):  # after d0.txt's parts of actors-targets are written, before its groups
            raise KeyboardInterrupt

        real = summaries._group_rows
        monkeypatch.setattr(summaries, "_group_rows", stop)
        with pytest.raises(KeyboardInterrupt):
            refresh_summaries(store, ["d0.txt"])
        monkeypatch.setattr(summaries, "_group_rows", real)
        assert not summarised(store, "actors-targets")  # d0.txt is still pending
        refresh_summaries(store, [])
        assert_same_as_full_query(store)


def test_a_limit_gives_the_first_rows_of_the_whole_answer_kept_or_not(tmp_path):
    rng = random.Random(5)
    with open_store(tmp_path / "kept") as store:
        store.ensure_ontology()
        store.add_documents([random_document(f"d{i}.txt", rng) for i in range(6)])
        refresh_summaries(store)
        for name in KEPT:
            whole = answer_rows(store, name)
            first = answer_rows(store, name, limit=3)
            assert first.rows == whole.rows[:3], name
    shutil.copytree(tmp_path / "kept", tmp_path / "plain")
    with open_store(tmp_path / "plain") as store:  # the same quads, no kept answers
        KeptAnswers(store.claim_rows).reset(_layout("actors-targets"))
        store.claim_rows.commit()
        assert not summarised(store, "actors-targets")  # so answer_query runs the .rq in full
    for folder in ("kept", "plain"):
        whole, count = answer_query(tmp_path / folder, name="actors-targets", fmt="csv")
        first, shown = answer_query(tmp_path / folder, name="actors-targets", fmt="csv", limit=2)
        assert shown == 2 < count and first.splitlines() == whole.splitlines()[:3], folder  # header + 2
    text, rows = answer_query(tmp_path / "kept", sparql="SELECT ?d WHERE { ?d a kgo:Document } ORDER BY ?d", limit=4)
    assert rows == 4


def test_kept_rows_are_read_with_their_own_kinds_whether_one_or_several_were_written():
    from kg.store.answers import KeptAnswers, TableLayout
    from kg.store.rows import ClaimRows

    kept = KeptAnswers(ClaimRows(None))
    layout = TableLayout("documents", ("document", "claims"), (("document", False),), ("document",))
    kept.reset(layout)
    kept.put_document_rows(layout, "a.txt", [(("a.txt", 2), "\t^xsd:integer")])
    kept.put_document_rows(layout, "b.txt", [(("b.txt", 3), "\t^xsd:integer")])
    assert kept.read(layout, {}).kinds == ["\t^xsd:integer"] * 2
    assert kept.read(layout, {"document": "b.txt"}).rows == [("b.txt", 3)]
    # A row of other kinds: every row is then read with its own, also once it is gone again.
    kept.put_document_rows(layout, "c.txt", [(("c.txt", "many"), "@en\t")])
    found = kept.read(layout, {})
    assert list(zip(found.rows, found.kinds)) == [
        (("a.txt", 2), "\t^xsd:integer"), (("b.txt", 3), "\t^xsd:integer"), (("c.txt", "many"), "@en\t")
    ]
    assert kept.read(layout, {"document": "c.txt"}).kinds == ["@en\t"]
    assert kept.read(layout, {"document": "c.txt"}).rows == [("c.txt", "many")]
    kept.put_document_rows(layout, "c.txt", [])
    assert kept.read(layout, {}).kinds == ["\t^xsd:integer"] * 2
    # Made anew, the table knows its kinds again.
    kept.reset(layout)
    kept.put_document_rows(layout, "d.txt", [(("d.txt", 1), "@en\t^xsd:integer")])
    assert kept.read(layout, {}).kinds == ["@en\t^xsd:integer"]
