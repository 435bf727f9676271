"""Parse and extract documents, in this process or in a pool of worker processes.

Each document is parsed by spaCy and its claims extracted (extraction is a pure function
of one parsed document, so it runs where the parse is). A document longer than the
pipeline takes at once is parsed in pieces cut at paragraph and sentence boundaries
(:func:`kg.nlp.parse_long`) and its claims' offsets moved back into the whole text, so
memory follows the piece, not the document. Anything that goes wrong inside the parser
or the extractor becomes a :class:`~kg.model.Problem` for that document; the other
documents go on.

With ``jobs`` > 1 the work runs in a :class:`multiprocessing.pool.Pool` (forked): a
worker parses *and* extracts a batch and sends back only what the writer needs (claims,
sentence count, parse facts -- not the text it was sent). At most a few batches per
worker are in flight (:func:`_in_order`), so memory follows the batch, not the corpus
(``Pool.imap`` would read the whole input ahead into its task queue). The workers ignore
SIGINT: Ctrl-C in a terminal reaches every process of the foreground group, but
only the main process reacts; it stops the workers and raises ``KeyboardInterrupt``, so
there is one message instead of a traceback per worker, and no wait on a queue the dead
workers would never fill.

Examples
--------
>>> import spacy
>>> from kg.model import Document
>>> nlp = spacy.blank("en")
>>> nlp.add_pipe("sentencizer")  # doctest: +ELLIPSIS
<...>
>>> from kg.lexicon import load_lexicon
>>> class NoClaims:  # an extractor that finds nothing, with the lexicon parse facts read
...     lexicon = load_lexicon()
...     def __call__(self, doc, doc_id):
...         return []
>>> docs = [Document("a.txt", "a.txt", "One. Two.", "0" * 64)]
>>> [(a.document.id, a.sentences) for a in analyse_with(nlp, docs, extract=NoClaims())]
[('a.txt', 2)]
"""

from __future__ import annotations

import dataclasses
import multiprocessing
import os
import signal
import threading
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from itertools import islice
from typing import Any, Protocol

from spacy.language import Language
from spacy.tokens import Doc

from kg.entities.actor_files import ActorFiles
from kg.errors import KGError
from kg.lexicon import Lexicon
from kg.model import Claim, Document, Problem
from kg.nlp import load_pipeline, parse_long, piece_limit

__all__ = ["Analysis", "analyse_documents", "analyse_with", "shift_claim"]

class Extractor(Protocol):
    """What the engines need of an extractor (:class:`kg.extract.ClaimExtractor`): the claims
    of one parsed document, and the lexicon it reads, which the parse facts read too."""

    lexicon: Lexicon

    def __call__(self, doc: Doc, doc_id: str) -> Iterable[Claim]: ...


@dataclass(frozen=True)
class Analysis:
    """One document's sentence count and claims (offsets into the whole document)."""

    document: Document
    sentences: int
    claims: tuple[Claim, ...]
    #: what corroboration reads on the parse (:class:`kg.corroboration.ParseFacts`), read
    #: where the parse is, so that only this small record crosses from a worker
    facts: Any = None


def shift_claim(claim: Claim, offset: int) -> Claim:
    """``claim`` with every character offset moved ``offset`` characters on.

    >>> from kg.model import Mention, Predicate
    >>> c = Claim("a.txt", 0, 5, "X hit Y", Mention("X", 0, 1), Predicate("hit", "hit", None, 2, 5), Mention("Y", 6, 7))
    >>> moved = shift_claim(c, 100)
    >>> moved.start, moved.subject.start, moved.predicate.end, moved.object.end
    (100, 100, 105, 107)
    """
    if not offset:
        return claim

    def move(part):
        return dataclasses.replace(part, start=part.start + offset, end=part.end + offset)

    return dataclasses.replace(
        claim,
        start=claim.start + offset,
        end=claim.end + offset,
        subject=move(claim.subject),
        predicate=move(claim.predicate),
        object=move(claim.object),
    )


def _default_extractor(actors: ActorFiles | None = None) -> Extractor:
    """The claim extractor with the package's lexicon and the knowledge base of the
    package and ``actors``, read now (once per process)."""
    from kg.extract import ClaimExtractor  # imported here: spaCy-heavy, and only where extraction runs

    return ClaimExtractor(knowledge_base=(actors or ActorFiles()).knowledge_base())


def analyse_with(
    nlp: Language, documents: Iterable[Document], *, batch_size: int = 16, extract: Extractor | None = None
) -> Iterator[Analysis | Problem]:
    """Analyse ``documents`` with ``nlp`` in this process; yield one outcome per document, in order."""
    extract = extract or _default_extractor()
    for batch in _batches(documents, batch_size):
        yield from _analyse_batch(nlp, batch, extract)


def _analyse_batch(nlp: Language, batch: list[Document], extract: Extractor) -> Iterator[Analysis | Problem]:
    limit = piece_limit(nlp)
    short = [document for document in batch if len(document.text) <= limit]
    parsed: dict[int, Doc] = {}
    try:
        # One nlp.pipe call per batch is what makes spaCy fast on many short documents.
        parsed = {id(d): doc for d, doc in zip(short, nlp.pipe(d.text for d in short))}
    except Exception:  # noqa: BLE001 -- some document breaks the parser: parse one at a time to find it
        parsed = {}
    for document in batch:
        try:
            if len(document.text) > limit:
                pieces: Iterable[tuple[int, Doc]] = parse_long(nlp, document.text, limit)
            else:
                doc = parsed.pop(id(document), None)
                pieces = [(0, doc if doc is not None else nlp(document.text))]
            yield _extract(document, pieces, extract)
        except KGError as err:
            yield Problem(document.path, str(err))
        except Exception as err:  # noqa: BLE001 -- a bug or a spaCy limit on one document must not stop the others
            yield Problem(document.path, f"cannot be parsed or extracted ({type(err).__name__}: {err})")


def _extract(document: Document, pieces: Iterable[tuple[int, Doc]], extract: Extractor) -> Analysis:
    from kg.corroboration import ParseFacts, parse_facts

    sentences = 0
    claims: list[Claim] = []
    authors: list[str] = []
    forms: list[tuple[int, int, str]] = []
    for offset, doc in pieces:
        sentences += sum(1 for sent in doc.sents if not sent.text.isspace())
        found = list(extract(doc, document.id))
        facts = parse_facts(doc, found, extract.lexicon, offset)
        authors += facts.authors
        forms += facts.forms
        claims.extend(shift_claim(claim, offset) for claim in found)
    return Analysis(document, sentences, tuple(claims), ParseFacts(tuple(authors), tuple(forms)))


def analyse_documents(
    documents: Iterable[Document],
    *,
    model: str | None = None,
    batch_size: int = 16,
    jobs: int = 1,
    actors: ActorFiles | None = None,
) -> Iterator[Analysis | Problem]:
    """Parse and extract every document; yield an :class:`Analysis` or a :class:`Problem` each, in order.

    Parameters
    ----------
    documents
        The documents to analyse.
    model
        The spaCy pipeline (see :func:`kg.nlp.load_pipeline`).
    batch_size
        Documents per ``nlp.pipe`` call, and per task sent to a worker.
    jobs
        Worker processes; 1 works in this process.
    actors
        A user's actor tables, added to the package's knowledge base (in every worker).

    Raises
    ------
    ModelError
        When the pipeline cannot be loaded (here or in a worker).
    KeyboardInterrupt
        On Ctrl-C; the workers are stopped first.
    """
    if jobs <= 1:
        yield from analyse_with(load_pipeline(model), documents, batch_size=batch_size, extract=_default_extractor(actors))
        return
    with _worker_pool(jobs, model, actors) as pool:
        yield from _in_order(pool, _batches(documents, batch_size), window=_IN_FLIGHT * jobs)


#: Batches in flight per worker: one being worked on, one waiting, so no worker idles
#: while the writer takes the previous result.
_IN_FLIGHT = 2


def _in_order(pool: multiprocessing.pool.Pool, batches: Iterator[list[Document]], window: int) -> Iterator[Analysis | Problem]:
    """Send ``batches`` to ``pool``, at most ``window`` at a time; yield the outcomes in input order.

    Each batch stays here until its result comes back, so the worker need not return the
    documents' texts: it returns outcomes without them and they are put back here.
    """
    pending: deque[tuple[list[Document], multiprocessing.pool.AsyncResult]] = deque()
    for batch in batches:
        pending.append((batch, pool.apply_async(_work, (batch,))))
        if len(pending) >= window:
            yield from _rejoin(*pending.popleft())
    while pending:
        yield from _rejoin(*pending.popleft())


def _rejoin(batch: list[Document], result: multiprocessing.pool.AsyncResult) -> Iterator[Analysis | Problem]:
    # One outcome per document, in order (see _analyse_batch).
    for document, outcome in zip(batch, result.get(), strict=True):
        yield dataclasses.replace(outcome, document=document) if isinstance(outcome, Analysis) else outcome


def _batches(documents: Iterable[Document], size: int) -> Iterator[list[Document]]:
    iterator = iter(documents)
    while batch := list(islice(iterator, size)):
        yield batch


@contextmanager
def _worker_pool(jobs: int, model: str | None, actors: ActorFiles | None) -> Iterator[multiprocessing.pool.Pool]:
    # Workers are forked where the platform can, because only a fork inherits a Python
    # signal handler: the one installed here ignores SIGINT in any process but this one,
    # so a worker ignores Ctrl-C from its first instruction. (A spawned worker starts a
    # fresh interpreter that raises KeyboardInterrupt until its initializer runs, and
    # ignoring SIGINT here while spawning would drop a Ctrl-C that lands on another
    # thread meanwhile.) spaCy's own n_process forks the same way.
    fork = "fork" in multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("fork" if fork else "spawn")
    in_main_thread = threading.current_thread() is threading.main_thread()
    previous = signal.signal(signal.SIGINT, _main_process_only(signal.getsignal(signal.SIGINT))) if in_main_thread else None
    pool = None
    try:
        if fork:
            # Load once here and let the forks share it (copy on write), as spaCy's own
            # n_process does: loading in each worker would cost each core a second or two
            # of the build. Dropped from this process once the workers exist.
            _worker["nlp"], _worker["extract"] = _warmed_pipeline(model, actors)
        pool = context.Pool(jobs, _init_worker, (model, actors))
        _worker.clear()
        yield pool
        pool.close()
    finally:
        if pool is not None:
            # On Ctrl-C, an error, or a consumer that stopped early: kill, do not wait for work.
            pool.terminate()
            pool.join()
        _worker.clear()
        if in_main_thread:
            signal.signal(signal.SIGINT, previous)


def _warmed_pipeline(model: str | None, actors: ActorFiles | None) -> tuple[Language, Extractor]:
    """The pipeline and the extractor (its lexicon read), with everything extraction loads
    on first use already loaded."""
    nlp = load_pipeline(model)
    extract = _default_extractor(actors)
    list(_analyse_batch(nlp, [Document("warm-up", "warm-up", "Russia sought to denigrate the party.", "")], extract))
    return nlp, extract


def _main_process_only(previous: Any) -> Callable[[int, Any], None]:
    """A SIGINT handler that acts as ``previous`` in this process and does nothing in a fork of it."""
    owner = os.getpid()

    def handler(signum: int, frame: Any) -> None:
        if os.getpid() != owner or previous == signal.SIG_IGN:
            return
        if callable(previous):
            previous(signum, frame)
        else:
            raise KeyboardInterrupt

    return handler


_worker: dict[str, object] = {}  # the worker process's pipeline and extractor, or the error loading them


def _init_worker(model: str | None, actors: ActorFiles | None) -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if "nlp" in _worker:  # inherited from the parent (forked)
        return
    try:
        _worker["nlp"] = load_pipeline(model)
        _worker["extract"] = _default_extractor(actors)
    except KGError as err:
        # Raising here would make the pool start a new worker forever; report it per task.
        _worker["error"] = err


def _work(batch: list[Document]) -> list[Analysis | Problem]:
    """Analyse one batch in a worker; the analyses come back without their documents (see _rejoin)."""
    if "error" in _worker:
        raise _worker["error"]  # type: ignore[misc]
    outcomes = _analyse_batch(_worker["nlp"], batch, _worker["extract"])  # type: ignore[arg-type]
    # The text is the largest part of an outcome and the sender still holds it.
    return [dataclasses.replace(o, document=None) if isinstance(o, Analysis) else o for o in outcomes]
