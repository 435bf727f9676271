"""``kg build``: a folder of articles in, a knowledge graph and its views out.

ingest → nlp → extract → rdf, one document at a time, then the outputs are written
atomically into the output folder: ``claims.jsonl``, ``graph.trig`` and ``graph.html``.
A document that cannot be read or processed is reported by name and the build goes on.
"""

from __future__ import annotations

import logging
import sys
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from rdflib import Dataset, Graph
from spacy.tokens import Doc

from kg.errors import InputError, KGError
from kg.extract import extract_claims
from kg.ingest import read_documents
from kg.model import Claim, Document, Problem
from kg.nlp import load_pipeline, parse_documents
from kg.ontology import RELATIONS
from kg.outputs import atomic_write, write_jsonl
from kg.rdf import Run, bind_prefixes, document_graph, load_ontology, new_run

__all__ = ["BuildOptions", "BuildReport", "DocumentResult", "build", "process_documents"]

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class BuildOptions:
    """How to build: which pipeline, how strict, how to show progress."""

    model: str | None = None
    batch_size: int = 16
    strict: bool = False
    progress: bool | None = None  #: None: show a bar when stderr is a terminal and the build is long
    html: bool = True


@dataclass(frozen=True)
class DocumentResult:
    """One document's parse statistics, claims and graph."""

    document: Document
    sentences: int
    claims: tuple[Claim, ...]
    graph: Graph


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

    @property
    def failed(self) -> bool:
        """True when nothing at all could be built."""
        return self.documents == 0

    def add(self, result: DocumentResult) -> None:
        """Count one processed document into the report."""
        self.documents += 1
        self.sentences += result.sentences
        for claim in result.claims:
            self.claims += 1
            if claim.predicate.relation in RELATIONS and not claim.negated:
                self.counted_claims += 1
                self.actors[claim.subject.label or claim.subject.text] += 1
                self.targets[claim.object.label or claim.object.text] += 1

    def summary(self, top: int = 5) -> str:
        """A few lines for the terminal."""
        lines = [
            f"documents: {self.documents}   sentences: {self.sentences}   "
            f"claims: {self.claims} ({self.counted_claims} influence claims)",
            "top actors:  " + _top(self.actors, top),
            "top targets: " + _top(self.targets, top),
        ]
        fatal = [p for p in self.problems if p.fatal]
        if self.problems:
            lines.append(f"problems: {len(fatal)} documents skipped, {len(self.problems) - len(fatal)} warnings")
        lines += [f"wrote {name}: {path}" for name, path in self.outputs.items()]
        return "\n".join(lines)


def _top(counter: Counter, n: int) -> str:
    return ", ".join(f"{name} ({count})" for name, count in counter.most_common(n)) or "-"


def process_documents(
    documents: Iterable[Document], options: BuildOptions, run: Run, problems: list[Problem]
) -> Iterator[DocumentResult]:
    """Parse, extract and convert each document; a failing document becomes a problem.

    Documents are streamed through ``nlp.pipe`` in batches; extraction is a pure function
    of one parsed document.
    """
    nlp = load_pipeline(options.model)
    for document, doc in parse_documents(nlp, documents, batch_size=options.batch_size):
        try:
            yield _process_one(document, doc, run)
        except KGError as err:
            problems.append(Problem(document.path, str(err)))
        except Exception as err:  # noqa: BLE001 -- one bad document must not stop a build of a thousand
            if options.strict:
                raise
            log.debug("extraction failed on %s", document.path, exc_info=True)
            problems.append(Problem(document.path, f"extraction failed: {type(err).__name__}: {err}"))


def _process_one(document: Document, doc: Doc, run: Run) -> DocumentResult:
    claims = tuple(extract_claims(doc, document.id))
    sentences = sum(1 for sent in doc.sents if not sent.text.isspace())
    return DocumentResult(document, sentences, claims, document_graph(document, claims, run))


def build(paths: Iterable[str | Path], out_dir: str | Path, options: BuildOptions | None = None) -> BuildReport:
    """Build the knowledge graph of the documents under ``paths`` into ``out_dir``.

    Parameters
    ----------
    paths
        Text files or folders of them.
    out_dir
        Where ``claims.jsonl``, ``graph.trig`` and ``graph.html`` are written.
    options
        See :class:`BuildOptions`.

    Returns
    -------
    BuildReport
        Counts, problems and output paths. The build does not raise for bad documents:
        they are in ``report.problems``. With ``options.strict`` the first problem raises.

    Raises
    ------
    InputError
        With ``strict``, on the first unusable document.
    ModelError
        When no spaCy pipeline is installed.
    """
    options = options or BuildOptions()
    out_dir = Path(out_dir)
    report = BuildReport()
    documents: list[Document] = []
    for item in read_documents(paths):
        if isinstance(item, Problem):
            if options.strict and item.fatal:
                raise InputError(f"{item.path}: {item.reason}")
            report.problems.append(item)
        else:
            documents.append(item)

    run = new_run()
    results: list[DocumentResult] = []
    for result in _progress(process_documents(documents, options, run, report.problems), len(documents), options):
        results.append(result)
        report.add(result)
    if options.strict and any(p.fatal for p in report.problems):
        first = next(p for p in report.problems if p.fatal)
        raise InputError(f"{first.path}: {first.reason}")
    if report.failed:
        return report

    dataset = _dataset(results)
    report.outputs["claims"] = write_jsonl(
        out_dir / "claims.jsonl", (c.to_export() for r in results for c in r.claims)
    )
    report.outputs["graph"] = atomic_write(out_dir / "graph.trig", lambda f: f.write(dataset.serialize(format="trig")))
    if options.html:
        from kg.render import write_graph_html  # pyvis is only needed for the page

        report.outputs["html"] = write_graph_html(dataset, out_dir / "graph.html")
    return report


def _dataset(results: Iterable[DocumentResult]) -> Dataset:
    dataset = Dataset()
    bind_prefixes(dataset)
    ontology = load_ontology()
    target = dataset.graph(ontology.identifier)
    for triple in ontology:
        target.add(triple)
    for result in results:
        named = dataset.graph(result.graph.identifier)
        for triple in result.graph:
            named.add(triple)
    return dataset


def _progress(items: Iterator[DocumentResult], total: int, options: BuildOptions) -> Iterator[DocumentResult]:
    show = options.progress if options.progress is not None else (sys.stderr.isatty() and total >= 20)
    if not show:
        return items
    from tqdm import tqdm

    return iter(tqdm(items, total=total, unit="doc", desc="kg build", file=sys.stderr))
