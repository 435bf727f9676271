"""``kg build``: a folder of articles in, a knowledge graph and its views out.

ingest → nlp → extract → rdf, one document at a time, into the triple store
(:mod:`kg.store`, ``OUT/store`` by default, or a shared store at a URL); then the outputs
are written atomically into the output folder from the whole store: ``claims.jsonl``,
``graph.trig`` and ``graph.html``. A document that cannot be read or processed is reported
by name and the build goes on.

Documents are streamed: a file is read when the engine asks for the next one, so memory
follows the largest document (and the few batches in flight), not the corpus. The engine
(:mod:`kg.engine` on this machine, :mod:`kg.dask_engine` on a Dask cluster) parses and
extracts; this process is the single writer, which joins entity names across documents
(:func:`convert_outcomes`) and stores the results, in input order whichever the engine, so
every engine stores the same claims.

Builds are incremental. A document whose content hash the store already holds, and
whose claims were made by this version of kg with this spaCy pipeline, is not parsed
again (it is counted as *unchanged*); one made by another version or pipeline is
re-extracted (``--reextract`` re-extracts every document given), and the summary says
so. A changed document's named graph is replaced
in one transaction; new documents are added in batches, through Oxigraph's bulk loader
when a batch is large. Documents stored earlier and not given this time stay in the
store (``kg remove DOC`` drops one), so the outputs describe everything stored.

Each document's quads are written straight from its claims (:mod:`kg.quads`), the same
quads for an embedded and a remote store. ``claims.jsonl`` rows are kept per document
beside the graph (:mod:`kg.store.rows`) rather than regenerated from RDF, because the
export format has fields the graph does not hold (mention offsets, the order of hedge
cues); ``claims.jsonl`` and ``graph.trig`` are streamed from the store. When the store
has not changed since the outputs were written (same :attr:`~kg.store.KGStore.generation`,
recorded in ``OUT/.kg-outputs.json``), they are not written again.
"""

from __future__ import annotations

import json
import logging
import sys
from collections import Counter
from collections.abc import Callable, Generator, Iterable, Iterator
from contextlib import closing
from dataclasses import dataclass, field
from itertools import chain
from pathlib import Path
from typing import Any, Protocol

import kg
from kg.curation import load_decisions, mirror_into_store
from kg.corroboration import refresh_assertions, write_corroboration
from kg.errors import InputError, KGError, OutputError
from kg.engine import Analysis, analyse_documents
from kg.ingest import find_files, read_documents
from kg.model import Claim, Document, Problem
from kg.lexicon import load_lexicon
from kg.nlp import model_identity
from kg.ontology import RELATIONS
from kg.outputs import atomic_write, write_jsonl
from kg.entities.actor_files import ActorFiles
from kg.entities.registry import EntityRegistry
from kg.quads import document_quads
from kg.rdf import Run, entity_labels, new_run
from kg.store import BULK_THRESHOLD, KGStore, NamedGraph, is_remote, open_store
from kg.store.rows import Extraction
from kg.summaries import mark_pending, refresh_summaries

__all__ = ["ENGINES", "BuildOptions", "BuildReport", "DocumentResult", "build", "convert_outcomes", "process_documents"]

#: Where documents are parsed and extracted: this machine (``--jobs`` processes), or a Dask cluster.
ENGINES = ("local", "dask")

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class BuildOptions:
    """How to build: which pipeline, how strict, how to show progress."""

    model: str | None = None
    batch_size: int = 16
    jobs: int = 1  #: worker processes that parse and extract (local engine, or the Dask engine's LocalCluster)
    engine: str = "local"  #: one of :data:`ENGINES`
    #: The Dask scheduler's address (``tcp://host:8786``); None starts a LocalCluster of ``jobs`` workers.
    scheduler: str | None = None
    #: Where the Dask engine's workers write their shard files (a folder or fsspec URL that
    #: every worker and this machine reach); None: ``OUT/shards``.
    shards: str | None = None
    shard_size: int = 32  #: documents per Dask task
    strict: bool = False
    progress: bool | None = None  #: None: show a bar when stderr is a terminal and the build is long
    html: bool = True
    #: Store folder or http(s) URL of a SPARQL 1.1 store; None: ``OUT/store``.
    store: str | Path | None = None
    #: False: build in memory only (nothing kept between builds, outputs cover this run).
    persist: bool = True
    #: The analysts' decisions file (kg.curation); None: ``OUT/decisions.tsv``.
    decisions: str | Path | None = None
    #: Re-extract every document given, even those stored by this version and pipeline.
    reextract: bool = False
    #: The user's own actor and alias tables (:mod:`kg.entities.kb_data` format), added to
    #: the package's knowledge base; None: ``OUT/actors.tsv`` when there is one.
    actors: tuple[str | Path, ...] | None = None


@dataclass(frozen=True)
class DocumentResult:
    """One document's parse statistics, claims and named graph."""

    document: Document
    sentences: int
    claims: tuple[Claim, ...]
    graph: NamedGraph


@dataclass
class BuildReport:
    """What a build read, made and could not use."""

    documents: int = 0
    sentences: int = 0
    claims: int = 0
    counted_claims: int = 0  #: claims with an ontology relation (the benchmark's kind)
    problems: list[Problem] = field(default_factory=list)
    actors: Counter = field(default_factory=Counter)
    targets: Counter = field(default_factory=Counter)
    outputs: dict[str, Path] = field(default_factory=dict)
    unchanged: int = 0  #: documents skipped because the store holds the same content
    added: int = 0  #: documents new to the store
    replaced: int = 0  #: documents whose stored graph was replaced by a new version
    store: str = ""  #: where the graph was stored
    stored_documents: int = 0  #: documents in the store after the build
    stored_claims: int = 0  #: rows of claims.jsonl (every claim in the store)
    assertions: int = 0  #: assertions whose summaries the build recomputed (those its documents touch)
    reextracted: int = 0  #: stored documents extracted again (another kg version or pipeline, or --reextract)
    reextract_reason: str = ""  #: why, in words, for the summary
    outputs_unchanged: bool = False  #: the store had not changed: the outputs were left as they were

    @property
    def failed(self) -> bool:
        """True when nothing at all could be built (and no input was already stored)."""
        return self.documents == 0 and self.unchanged == 0

    def add(self, result: DocumentResult) -> None:
        """Count one processed document into the report."""
        self.documents += 1
        self.sentences += result.sentences
        for claim in result.claims:
            self.claims += 1
            if claim.predicate.relation in RELATIONS and not claim.negated:
                self.counted_claims += 1

    def tally(self, rows: Iterable[dict]) -> Iterator[dict]:
        """Pass claim rows through, counting them and their actors and targets on the way.

        The rows are every claim in the store, not only this run's; counting them while
        ``claims.jsonl`` is written spares a second pass over the store.
        """
        self.actors, self.targets, self.stored_claims = Counter(), Counter(), 0
        for row in rows:
            self.stored_claims += 1
            if row["predicate"]["relation"] in RELATIONS and not row["negated"]:
                self.actors[row["subject"]["label"] or row["subject"]["text"]] += 1
                self.targets[row["object"]["label"] or row["object"]["text"]] += 1
            yield row

    def summary(self, top: int = 5) -> str:
        """A few lines for the terminal."""
        lines = [
            f"documents: {self.documents}   sentences: {self.sentences}   "
            f"claims: {self.claims} ({self.counted_claims} influence claims)"
            + (f"   unchanged: {self.unchanged}" if self.unchanged else ""),
            "top actors in the graph:  " + _top(self.actors, top),
            "top targets in the graph: " + _top(self.targets, top),
        ]
        if self.reextracted:
            lines.append(f"re-extracted {self.reextracted} stored documents: {self.reextract_reason}")
        fatal = [p for p in self.problems if p.fatal]
        if self.problems:
            lines.append(f"problems: {len(fatal)} documents skipped, {len(self.problems) - len(fatal)} warnings")
        if self.store:
            lines.append(
                f"store: {self.store}: {self.stored_documents} documents, {self.stored_claims} claims "
                f"({self.added} added, {self.replaced} replaced, {self.unchanged} unchanged)"
            )
        if self.outputs_unchanged:
            lines.append("the store has not changed since the outputs were written: left as they were")
        else:
            lines += [f"wrote {name}: {path}" for name, path in self.outputs.items()]
        return "\n".join(lines)


def _top(counter: Counter, n: int) -> str:
    return ", ".join(f"{name} ({count})" for name, count in counter.most_common(n)) or "-"


def process_documents(
    documents: Iterable[Document],
    options: BuildOptions,
    run: Run,
    problems: list[Problem],
    labels: dict[str, str] | None = None,
    actors: ActorFiles | None = None,
) -> Iterator[DocumentResult]:
    """Parse, extract and convert each document; a failing document becomes a problem.

    Parsing and extraction run in :mod:`kg.engine` (in ``options.jobs`` processes); the
    quads are made here (see :func:`convert_outcomes`).

    Raises
    ------
    InputError
        With ``options.strict``, for the first document that cannot be processed.
    """
    outcomes = analyse_documents(
        documents, model=options.model, batch_size=options.batch_size, jobs=options.jobs, actors=actors
    )
    with closing(outcomes):  # stops the workers when the build stops early
        yield from convert_outcomes(outcomes, options, run, problems, labels, actors)


def convert_outcomes(
    outcomes: Iterable[Analysis | Problem],
    options: BuildOptions,
    run: Run,
    problems: list[Problem],
    labels: dict[str, str] | None = None,
    actors: ActorFiles | None = None,
) -> Iterator[DocumentResult]:
    """Join each analysis's entities to the corpus and make its graph, in input order.

    This is the writer's half of a build, whichever engine analysed the documents: the
    registry and ``labels`` (entity IRI → preferred label) are shared by all documents, so
    that a name joins the first node of its kind and each entity keeps one label across the
    graph; that makes the outcome depend on the order, which is the input order everywhere.

    Raises
    ------
    InputError
        With ``options.strict``, for the first document that cannot be processed.
    """
    labels = {} if labels is None else labels
    lexicon = load_lexicon()  # once per build: the words DISARM tagging and corroboration read
    registry = EntityRegistry(entity_labels(labels), lexicon)
    knowledge_base = (actors or ActorFiles()).knowledge_base()
    for outcome in outcomes:
        if isinstance(outcome, Problem):
            if options.strict:
                raise InputError(outcome.reason, path=outcome.path)
            problems.append(outcome)
            continue
        document = outcome.document
        # extraction is per document; the registry joins its minted names to the corpus's nodes
        claims = registry.claims(outcome.claims)
        try:
            writer = document_quads(document, claims, run, lexicon, labels, knowledge_base)
            # assertion links need what was read on the parse (canonical objects)
            write_corroboration(writer, outcome.facts, claims)
        except (KGError, ValueError) as err:  # pyoxigraph refuses a term it cannot write
            problems.append(Problem(document.path, f"cannot be converted to RDF: {err}"))
            continue
        yield DocumentResult(document, outcome.sentences, claims, writer.graph())


def build(paths: Iterable[str | Path], out_dir: str | Path, options: BuildOptions | None = None) -> BuildReport:
    """Build the knowledge graph of the documents under ``paths`` into the store and ``out_dir``.

    Parameters
    ----------
    paths
        Text files or folders of them.
    out_dir
        Where ``claims.jsonl``, ``graph.trig`` and ``graph.html`` are written (and, by
        default, the store folder ``store``).
    options
        See :class:`BuildOptions`.

    Returns
    -------
    BuildReport
        Counts, problems and output paths. The build does not raise for bad documents:
        they are in ``report.problems``. With ``options.strict`` the first problem raises
        (documents stored before it stay stored).

    Raises
    ------
    InputError
        With ``strict``, on the first unusable document.
    ModelError
        When no spaCy pipeline is installed and some document needs parsing.
    StoreError
        When the store cannot be opened (another build holds it, say) or written.
    """
    options = options or BuildOptions()
    out_dir = Path(out_dir)
    report = BuildReport()
    # Read and checked first: a bad row stops the build before anything is read or stored.
    actors = ActorFiles.read(_actor_paths(options, out_dir))
    if options.engine == "dask":
        engine: _Engine = _ClusterAnalysis.plan(paths, out_dir, options, report, actors)
    else:
        engine = _LocalAnalysis.plan(paths, options, report, actors)
    if engine.empty:
        return report  # nothing to build: do not leave an empty store behind
    # What makes the claims; no pipeline: fail before the store is touched.
    made_by = Extraction("", kg.__version__, extraction_model(model_identity(options.model), actors))

    location = (options.store or out_dir / "store") if options.persist else None
    # A shared store keeps no files here; the claim rows of this machine's documents do.
    rows_dir = out_dir / "claims-cache" if is_remote(location) else None
    with open_store(location, rows_dir=rows_dir) as store:
        report.store = store.location
        # A new ontology changes what the named queries' kept answers hold (sub-properties).
        ontology_changed = store.ensure_ontology()
        stored = store.documents()
        # Documents made by another kg version or pipeline count as not stored for the
        # engines, so they are analysed again; they are still replaced, not added.
        stale = _stale_documents(stored, store.extractions(stored), made_by, options, shared=store.remote)
        current = {doc: sha for doc, sha in stored.items() if doc not in stale}
        written: list[str] = []
        with closing(engine.results(current, report, store.preferred_labels)) as results:
            progress = _progress(results, engine.total, options)
            _store_results(store, stored, _written(progress, written, store), made_by, stale, report)
        if written:
            report.assertions = refresh_assertions(store, written)
        if written or ontology_changed:
            # kg.summaries: the named queries' kept answers (all of them after a new ontology)
            refresh_summaries(store, None if ontology_changed else written)
        # The decisions file is the truth; the store's curation graph mirrors it, so that
        # decisions (and hand edits of the file) reach the views of every rebuild.
        mirror_into_store(store, load_decisions(options.decisions or out_dir / "decisions.tsv"))
        if options.strict and any(p.fatal for p in report.problems):
            first = next(p for p in report.problems if p.fatal)
            raise InputError(first.reason, path=first.path)
        if report.failed:
            return report
        _write_outputs(store, out_dir, options, report)
    return report


class _Engine(Protocol):
    """Where documents are read, parsed and extracted; the writer (:func:`build`) is the same for all."""

    empty: bool  #: True when there is no input document at all
    total: int | None  #: the number of input files, for the progress bar

    def results(
        self, stored: dict[str, str], report: BuildReport, labels: Callable[[], dict[str, str]]
    ) -> Generator[DocumentResult, None, None]:
        """The results of the documents ``stored`` does not hold with the same content, in input order.

        Unchanged documents are counted into ``report`` as they go by, problems appended to
        it; ``labels()`` gives the store's preferred labels, asked for only when there is work.
        """
        ...


@dataclass
class _LocalAnalysis:
    """Documents read here one at a time, analysed here or in ``--jobs`` processes."""

    documents: Iterator[Document]
    options: BuildOptions
    empty: bool
    total: int
    actors: ActorFiles

    @classmethod
    def plan(cls, paths: Iterable[str | Path], options: BuildOptions, report: BuildReport, actors: ActorFiles) -> _LocalAnalysis:
        paths = list(paths)
        documents = _usable(read_documents(paths), options, report)
        # Only the first document is read now: memory follows the largest document, not the corpus.
        first = next(documents, None)
        total = sum(1 for item in find_files(paths) if not isinstance(item, Problem))
        return cls(chain([first], documents) if first else documents, options, first is None, total, actors)

    def results(
        self, stored: dict[str, str], report: BuildReport, labels: Callable[[], dict[str, str]]
    ) -> Generator[DocumentResult, None, None]:
        todo = _changed(self.documents, stored, report)
        first = next(todo, None)
        if first is not None:  # nothing changed: no worker pool, no pipeline load
            yield from process_documents(
                chain([first], todo), self.options, new_run(kg.__version__), report.problems, labels(), self.actors
            )


@dataclass
class _ClusterAnalysis:
    """Documents read, parsed and extracted by the workers of a Dask cluster (:mod:`kg.dask_engine`)."""

    cluster: Any  #: a kg.dask_engine.DaskAnalysis
    options: BuildOptions

    @classmethod
    def plan(
        cls, paths: Iterable[str | Path], out_dir: Path, options: BuildOptions, report: BuildReport, actors: ActorFiles
    ) -> _ClusterAnalysis:
        from kg.dask_engine import DaskAnalysis  # Dask is an optional extra

        return cls(DaskAnalysis.plan(paths, out_dir, options, report.problems, actors), options)

    @property
    def empty(self) -> bool:
        return self.cluster.empty

    @property
    def total(self) -> int:
        return self.cluster.total

    def results(
        self, stored: dict[str, str], report: BuildReport, labels: Callable[[], dict[str, str]]
    ) -> Generator[DocumentResult, None, None]:
        outcomes = self.cluster.outcomes(stored)
        try:
            with closing(outcomes):  # stops a LocalCluster when the build stops early
                yield from convert_outcomes(
                    outcomes, self.options, new_run(kg.__version__), report.problems, labels(), self.cluster.actors
                )
        finally:
            report.unchanged += self.cluster.unchanged


def _usable(items: Iterable[Document | Problem], options: BuildOptions, report: BuildReport) -> Iterator[Document]:
    """The documents of ``items``; the problems go to ``report`` (with ``strict``, a fatal one raises)."""
    for item in items:
        if isinstance(item, Problem):
            if options.strict and item.fatal:
                raise InputError(item.reason, path=item.path)
            report.problems.append(item)
        else:
            yield item


def _written(results: Iterable[DocumentResult], ids: list[str], store: KGStore) -> Iterator[DocumentResult]:
    """``results``, with each document's id kept in ``ids`` as it goes to the store.

    Each document is marked pending for the summaries before it is written (kg.summaries),
    so a build killed before the refresh is caught up by the next one.
    """
    for result in results:
        ids.append(result.document.id)
        mark_pending(store, [result.document.id])
        yield result


def _changed(documents: Iterable[Document], stored: dict[str, str], report: BuildReport) -> Iterator[Document]:
    """The documents to (re)process: not stored, or stored with another content hash."""
    for document in documents:
        if stored.get(document.id) == document.sha256:
            report.unchanged += 1
        else:
            yield document


def _stale_documents(
    stored: dict[str, str],
    extractions: dict[str, Extraction | None],
    made_by: Extraction,
    options: BuildOptions,
    *,
    shared: bool,
) -> dict[str, str]:
    """Stored document → why it must be extracted again if it is given: made by another kg
    version or pipeline (or every one, with ``options.reextract``).

    A stored document without a record of what made it (a store kept by an older kg, or
    rows lost to a crash) is re-extracted too, except in a shared store, where it may
    simply have been added by another machine.
    """
    stale = {}
    for doc in stored:
        reason = _stale(extractions.get(doc), made_by, options, shared)
        if reason is not None:
            stale[doc] = reason
    return stale


def _stale(made: Extraction | None, made_by: Extraction, options: BuildOptions, shared: bool) -> str | None:
    """Why a stored, unchanged document must be extracted again, or None."""
    if options.reextract:
        return "as asked (--reextract)"
    if made is None:
        return None if shared else "with no record of the kg version and pipeline that made them"
    if made.version != made_by.version:
        return f"made by kg {made.version} (this is {made_by.version})"
    if made.model != made_by.model:
        before, their_tables = _split_model(made.model)
        now, our_tables = _split_model(made_by.model)
        if before == now and their_tables and our_tables:
            return "made with other actor tables"
        if before == now:
            return "made without the actor tables given" if our_tables else "made with actor tables this build is not given"
        return f"made with {made.model} (this build uses {made_by.model})"
    return None


#: How the actor tables' digest is appended to the pipeline's identity (see extraction_model).
_ACTORS_MARK = " + actors "


def extraction_model(pipeline: str, actors: ActorFiles) -> str:
    """What a document's claims were made with: the spaCy pipeline and, when the user gave
    actor tables, their digest (a build with other tables re-extracts, as with another pipeline).

    >>> extraction_model("en_core_web_sm 3.8.0", ActorFiles())
    'en_core_web_sm 3.8.0'
    >>> extraction_model("en_core_web_sm 3.8.0", ActorFiles((("a.tsv", "x"),)))
    'en_core_web_sm 3.8.0 + actors 14f825b2bbc3'
    """
    return f"{pipeline}{_ACTORS_MARK}{actors.identity}" if actors.identity else pipeline


def _split_model(model: str) -> tuple[str, str]:
    pipeline, _, tables = model.partition(_ACTORS_MARK)
    return pipeline, tables


def _actor_paths(options: BuildOptions, out_dir: Path) -> tuple[str | Path, ...]:
    """The actor tables to use: those given, or ``OUT/actors.tsv`` when it exists."""
    if options.actors is not None:
        return options.actors
    default = out_dir / "actors.tsv"
    return (default,) if default.is_file() else ()


def _store_results(
    store: KGStore,
    stored: dict[str, str],
    results: Iterable[DocumentResult],
    made_by: Extraction,
    stale: dict[str, str],
    report: BuildReport,
) -> None:
    """Write each result to the store: changed documents at once, new ones in batches.

    The pending batch is written also when ``results`` stops with an exception. A batch's
    claim rows are committed (one transaction) before its graphs are written. ``stale``
    (document → why) says which stored documents were extracted again though unchanged.
    """
    pending: list[DocumentResult] = []
    pending_triples = 0
    reasons: Counter = Counter()

    def flush() -> None:
        nonlocal pending_triples
        if pending:
            store.claim_rows.commit()
            store.add_documents([r.graph for r in pending])
            for r in pending:
                store.drop_rows(r.document.id, keep=r.document.sha256)
            report.added += len(pending)
            pending.clear()
            pending_triples = 0

    iterator = iter(results)
    while True:
        try:
            result = next(iterator)
        except StopIteration:
            break
        except BaseException:
            # Ctrl-C, or --strict stopping at a bad document: what was already extracted
            # is stored before the build stops, so a rerun does not redo it.
            flush()
            raise
        report.add(result)
        document = result.document
        if stored.get(document.id) == document.sha256 and document.id in stale:
            reasons[stale[document.id]] += 1
            report.reextracted = sum(reasons.values())
            report.reextract_reason = "; ".join(f"{n} {reason}" for reason, n in reasons.most_common())
        # Rows first: they are keyed by content hash, so until the graph follows they are
        # simply never read.
        rows = (c.to_export() for c in result.claims)
        store.write_rows(document.id, document.sha256, rows, version=made_by.version, model=made_by.model)
        store.write_text(document.id, document.sha256, document.text)
        if document.id in stored:
            store.claim_rows.commit()
            store.replace_document(result.graph)
            store.drop_rows(document.id, keep=document.sha256)
            report.replaced += 1
        else:
            pending.append(result)
            pending_triples += len(result.graph)
            if pending_triples >= BULK_THRESHOLD:
                flush()
    flush()


def _write_outputs(store: KGStore, out_dir: Path, options: BuildOptions, report: BuildReport) -> None:
    """claims.jsonl, graph.trig and graph.html of everything in the store, unless they are current.

    ``claims.jsonl`` is streamed from the claim rows (counted on the way) and ``graph.trig``
    from the store, so neither is held in memory whole.
    """
    from kg.export import export

    stamp_path = out_dir / _STAMP
    stamp = _stamp(store, out_dir, options)
    if stamp is not None and _read_stamp(stamp_path, stamp, report):
        report.outputs_unchanged = True
        return
    documents = store.documents()
    missing = store.claim_rows.missing(documents)
    if missing:
        report.problems.append(
            Problem(
                store.location,
                f"{len(missing)} stored documents have no claim rows here (added by another machine?); "
                f"claims.jsonl leaves them out: {', '.join(missing[:5])}{' ...' if len(missing) > 5 else ''}",
                fatal=False,
            )
        )
    report.stored_documents = len(documents)
    report.outputs["claims"] = write_jsonl(out_dir / "claims.jsonl", report.tally(store.iter_rows(documents)))
    report.outputs["graph"] = export(store, out_dir / "graph.trig", "trig")
    if options.html:
        from kg.render import write_graph_html  # pyvis is only needed for the page

        report.outputs["html"] = write_graph_html(store, out_dir / "graph.html")
    if stamp is not None:
        # Read again: exporting took the database itself, which counts as a change.
        _write_stamp(stamp_path, _stamp(store, out_dir, options), report)


#: What the outputs in a build folder were made from (``.kg-outputs.json``).
_STAMP = ".kg-outputs.json"
_STAMP_TOP = 50  #: actors and targets kept in the stamp, for the summary of a build that writes nothing


def _stamp(store: KGStore, out_dir: Path, options: BuildOptions) -> dict | None:
    """What the outputs would be made from now, or None when that cannot be known.

    A shared store can be written by other machines, which this one would not see.
    """
    if store.remote or store.location == ":memory:":
        return None
    return {
        "store": str(Path(store.location).resolve()),
        "generation": store.generation,
        "kg": kg.__version__,
        "html": options.html,
        "outputs": sorted(["claims.jsonl", "graph.trig"] + (["graph.html"] if options.html else [])),
    }


def _read_stamp(path: Path, stamp: dict, report: BuildReport) -> bool:
    """True when the outputs at ``path``'s folder were made from ``stamp`` and are all there.

    The figures the summary prints are then read from the stamp, not recounted.
    """
    try:
        written = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    if not isinstance(written, dict) or written.get("made_from") != stamp:
        return False
    names = {"claims.jsonl": "claims", "graph.trig": "graph", "graph.html": "html"}
    if not all((path.parent / name).is_file() for name in stamp["outputs"]):
        return False
    report.stored_documents = int(written.get("stored_documents", 0))
    report.stored_claims = int(written.get("stored_claims", 0))
    report.actors = Counter(written.get("actors", {}))
    report.targets = Counter(written.get("targets", {}))
    report.outputs.update({names[name]: path.parent / name for name in stamp["outputs"]})
    return True


def _write_stamp(path: Path, stamp: dict, report: BuildReport) -> None:
    record = {
        "made_from": stamp,
        "stored_documents": report.stored_documents,
        "stored_claims": report.stored_claims,
        "actors": dict(report.actors.most_common(_STAMP_TOP)),
        "targets": dict(report.targets.most_common(_STAMP_TOP)),
    }
    try:
        atomic_write(path, lambda handle: json.dump(record, handle, ensure_ascii=False))
    except OutputError as err:  # the outputs are written; only the next build's shortcut is lost
        log.warning("%s", err)


def _progress(items: Iterable[DocumentResult], total: int | None, options: BuildOptions) -> Iterable[DocumentResult]:
    show = options.progress if options.progress is not None else (sys.stderr.isatty() and (total or 0) >= 20)
    if not show:
        return items
    from tqdm import tqdm

    return iter(tqdm(items, total=total, unit="doc", desc="kg build", file=sys.stderr))
