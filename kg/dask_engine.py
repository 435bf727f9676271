"""``kg build --engine dask``: read, parse and extract the documents on a Dask cluster.

The input files are cut into *shards* of a few dozen, in input order. One Dask task per
shard, on any worker, reads its files, parses and extracts them with the worker's spaCy
pipeline (loaded once per worker, on its first shard) and writes what it found -- each
document's claims, sentence count, parse facts and text, or its problem -- to one *shard
file*. This process is the single writer: it reads the shard files back in input order and
hands the analyses to the same writer code as a local build (:func:`kg.build.build`), which
joins entity names across documents and stores the quads and claim rows. Joining names is
the one step that cannot run in the workers: a name joins the first node of its kind the
corpus has, so it depends on every document before it. Because the order is the input
order, a Dask build stores exactly what a local build of the same files stores.

Shard files are named by a key over what decides their content: the files' identities
(fsspec's ``ukey``: size and modification time for local files), the content hashes the
store held for their names when the shard was planned, the pipeline and kg's version. A
task whose shard file exists does nothing, and shards whose file exists are not even sent:
a rerun after a crash or an interrupted build redoes only the shards that were not done.
A task that fails is retried (``retries``, on another worker when one is free); a shard
that fails every time becomes a problem for each of its files, reported like any unreadable
document, and the other shards are still stored.

Inputs and shard files may live on any filesystem fsspec reaches (``s3://``, ``gs://``,
``file://`` on a shared mount...): every worker must reach the inputs, and the workers and
this process the shard folder.

Examples
--------
>>> shard_key(["a.txt"], ["u1"], {"a.txt": None}, "en_core_web_sm") == shard_key(["a.txt"], ["u1"], {"a.txt": None}, "en_core_web_sm")
True
>>> shard_key(["a.txt"], ["u1"], {"a.txt": None}, "en_core_web_sm") == shard_key(["a.txt"], ["u2"], {"a.txt": None}, "en_core_web_sm")
False
"""

from __future__ import annotations

import hashlib
import json
import pickle
import posixpath
import threading
import uuid
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from kg import __version__
from kg.engine import Analysis, analyse_with
from kg.entities.actor_files import ActorFiles
from kg.errors import EngineError, InputError, KGError
from kg.ingest import READABLE_SUFFIXES, STDIN, SeenNames, find_files, read_file
from kg.model import Document, Problem

__all__ = ["DaskAnalysis", "Shard", "Unchanged", "analyse_shard", "shard_key", "list_inputs"]

#: Bumped when what a shard file holds changes, so old files are not read as new ones.
SHARD_FORMAT = 1
#: How often a failed shard task is tried again before its files are reported.
RETRIES = 2


@dataclass(frozen=True)
class Shard:
    """A few input files, analysed by one task into one shard file."""

    key: str  #: names the shard file; see :func:`shard_key`
    files: tuple[str, ...]  #: paths or fsspec URLs, in input order
    #: document id → the content hash the store holds for it (the worker skips those
    #: documents whose bytes still have that hash, as a local build does)
    stored: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class Unchanged:
    """A document the store already holds with this content: read and hashed, not parsed."""

    id: str
    path: str


def shard_key(
    files: list[str], identities: list[str], stored: dict[str, str | None], model: str, actors: str = ""
) -> str:
    """The key of the shard of ``files``: the same files, store, pipeline and actor tables
    (``actors``: :attr:`ActorFiles.identity`) give the same key."""
    content = json.dumps([SHARD_FORMAT, __version__, model, actors, files, identities, sorted(stored.items())])
    return hashlib.sha256(content.encode("utf-8")).hexdigest()[:32]


def list_inputs(paths: Iterable[str | Path]) -> tuple[list[str], list[Problem]]:
    """The input files under ``paths`` in the order a local build reads them, and the problems met.

    A local path is searched as :func:`kg.ingest.find_files` does; a URL (``s3://bucket/corpus``)
    through fsspec: a folder is searched recursively for the file kinds kg reads, hidden
    files passed over.
    """
    files: list[str] = []
    problems: list[Problem] = []
    local: set[Path] = set()
    for raw in paths:
        if str(raw) == STDIN:
            problems.append(Problem(STDIN, "standard input cannot be shared over a cluster; build it with the local engine"))
        elif "://" in str(raw):
            files += _remote_files(str(raw), problems)
        else:
            for item in find_files([raw]):
                if isinstance(item, Problem):
                    problems.append(item)
                elif item.resolve() not in local:  # named twice: read once
                    local.add(item.resolve())
                    files.append(str(item))
    return files, problems


def _remote_files(url: str, problems: list[Problem]) -> list[str]:
    from fsspec.core import url_to_fs

    try:
        fs, root = url_to_fs(url)
        if fs.isdir(root):
            found = sorted(p for p in fs.find(root) if not posixpath.basename(p).startswith("."))
        elif fs.isfile(root):
            found = [root]
        else:
            problems.append(Problem(url, "no such file or folder"))
            return []
    except (OSError, ValueError, ImportError) as err:  # an unknown protocol is a ValueError or ImportError
        problems.append(Problem(url, f"cannot be listed: {err}"))
        return []
    wanted = [p for p in found if posixpath.splitext(p)[1].lower() in READABLE_SUFFIXES]
    problems += [
        Problem(fs.unstrip_protocol(p), f"skipped: not a kind of file kg reads ({', '.join(READABLE_SUFFIXES)})", fatal=False)
        for p in found
        if p not in wanted
    ]
    return [fs.unstrip_protocol(p) for p in wanted]


def _doc_id(file: str) -> str:
    return posixpath.basename(file) if "://" in file else Path(file).name


# -- the task (runs on a worker) ------------------------------------------------------


def analyse_shard(shard: Shard, shards: str, model: str | None, batch_size: int, actors: ActorFiles | None = None) -> str:
    """Read, parse and extract the files of ``shard``; write its shard file; return its URL.

    Does nothing when the shard file exists (an earlier try or run did it).
    """
    from fsspec.core import url_to_fs

    target = _shard_url(shards, shard.key)
    fs, path = url_to_fs(target)
    if fs.exists(path):
        return target
    entries = _analyse(shard, model, batch_size, actors or ActorFiles())
    _write_shard(fs, path, pickle.dumps((SHARD_FORMAT, entries), protocol=pickle.HIGHEST_PROTOCOL))
    return target


def _analyse(shard: Shard, model: str | None, batch_size: int, actors: ActorFiles) -> list[Analysis | Problem | Unchanged]:
    """The shard's entries in file order: problems and warnings, unchanged documents, analyses."""
    stored = dict(shard.stored)
    entries: list[Any] = []
    todo: list[Document] = []
    for file in shard.files:
        for item in read_file(file, _read_bytes if "://" in file else None):
            if isinstance(item, Document) and stored.get(item.id) == item.sha256:
                entries.append(Unchanged(item.id, item.path))
            elif isinstance(item, Document):
                entries.append(len(todo))  # its analysis goes here
                todo.append(item)
            else:
                entries.append(item)
    if todo:
        nlp, extract = _pipeline(model, actors)
        analyses = list(analyse_with(nlp, todo, batch_size=batch_size, extract=extract))
        entries = [analyses[e] if isinstance(e, int) else e for e in entries]
    return entries


def _read_bytes(url: str) -> bytes:
    import fsspec

    with fsspec.open(url, "rb") as handle:
        return handle.read()


def _write_shard(fs: Any, path: str, data: bytes) -> None:
    """Write ``data`` to ``path`` under a temporary name first, so no reader sees half a file."""
    fs.makedirs(posixpath.dirname(path), exist_ok=True)
    partial = f"{path}.{uuid.uuid4().hex}.tmp"
    fs.pipe_file(partial, data)
    fs.mv(partial, path)


# One pipeline and extractor per worker: a worker runs one task at a time per thread, and spaCy's
# pipelines are not documented as safe to share between threads, so the key is the worker
# thread. Loading costs a second or two, so it is done once, on the first shard.
_pipelines: dict[tuple[int, str | None, str], Any] = {}
_pipelines_lock = threading.Lock()


def _pipeline(model: str | None, actors: ActorFiles) -> Any:
    """The worker thread's spaCy pipeline and claim extractor (its lexicon and knowledge base read once)."""
    from kg.extract import ClaimExtractor
    from kg.nlp import load_pipeline

    key = (threading.get_ident(), model, actors.identity)
    with _pipelines_lock:
        if key not in _pipelines:
            _pipelines[key] = (load_pipeline(model), ClaimExtractor(knowledge_base=actors.knowledge_base()))
        return _pipelines[key]


# -- the writer's side ------------------------------------------------------------------


def _shard_url(shards: str, key: str) -> str:
    return f"{shards.rstrip('/')}/{key}.shard"


def _read_shard(url: str) -> list[Any]:
    import fsspec

    try:
        with fsspec.open(url, "rb") as handle:
            version, entries = pickle.load(handle)
    except (OSError, pickle.UnpicklingError, EOFError, ValueError, TypeError) as err:
        raise InputError(f"{type(err).__name__}: {err}", path=url) from err
    if version != SHARD_FORMAT:
        raise InputError(f"format {version}, not {SHARD_FORMAT}", path=url)
    return entries


def _remove(url: str) -> None:
    from fsspec.core import url_to_fs

    fs, path = url_to_fs(url)
    try:
        fs.rm(path)
    except FileNotFoundError:
        pass


@dataclass
class DaskAnalysis:
    """A build's documents, analysed on a Dask cluster; see the module notes.

    Use :meth:`plan` (lists the inputs, nothing is read), then :meth:`outcomes`.
    """

    files: list[str]
    shards: str  #: the folder or URL of the shard files
    scheduler: str | None
    workers: int
    model: str
    batch_size: int
    shard_size: int
    actors: ActorFiles = ActorFiles()  #: the user's actor tables, sent with every task
    retries: int = RETRIES
    unchanged: int = 0  #: documents found unchanged so far
    done: int = 0  #: shards whose file was there already (earlier runs)
    sent: int = 0  #: shards sent to the cluster

    @classmethod
    def plan(
        cls, paths: Iterable[str | Path], out_dir: Path, options: Any, problems: list[Problem], actors: ActorFiles | None = None
    ) -> DaskAnalysis:
        """List the inputs; problems met on the way (a missing path) go to ``problems``."""
        from kg.nlp import resolve_model_name

        files, found = list_inputs(paths)
        problems += found
        shards = options.shards or str(out_dir / "shards")
        model = resolve_model_name(options.model) if files else ""
        return cls(
            files, shards, options.scheduler, options.jobs, model, options.batch_size, options.shard_size, actors or ActorFiles()
        )

    @property
    def empty(self) -> bool:
        """True when there is no input file."""
        return not self.files

    @property
    def total(self) -> int:
        """The number of input files."""
        return len(self.files)

    def plan_shards(self, stored: dict[str, str]) -> list[Shard]:
        """The shards of the input files, keyed against what ``stored`` holds for their names."""
        from fsspec.core import url_to_fs

        shards = []
        for start in range(0, len(self.files), self.shard_size):
            files = self.files[start : start + self.shard_size]
            identities = []
            for file in files:
                fs, path = url_to_fs(file)
                try:
                    identities.append(fs.ukey(path))
                except OSError:
                    # Gone since it was listed: the worker reports it, and a fresh key
                    # makes a rerun look again rather than reuse that report.
                    identities.append(uuid.uuid4().hex)
            held = {_doc_id(f): stored.get(_doc_id(f)) for f in files}
            key = shard_key(files, identities, held, self.model, self.actors.identity)
            shards.append(Shard(key, tuple(files), tuple((k, v) for k, v in held.items() if v is not None)))
        return shards

    def outcomes(self, stored: dict[str, str]) -> Iterator[Analysis | Problem]:
        """The analyses and problems of every input file, in input order, unchanged ones counted.

        Starts a LocalCluster of ``workers`` processes when no scheduler address was given,
        and stops it at the end (or when the caller stops early).
        """
        from fsspec.core import url_to_fs

        shards = self.plan_shards(stored)
        fs, folder = url_to_fs(self.shards)
        existing = set(fs.ls(folder, detail=False)) if fs.isdir(folder) else set()
        with _client(self.scheduler, self.workers) as client:
            futures = []
            for shard in shards:
                if url_to_fs(_shard_url(self.shards, shard.key))[1] in existing:
                    futures.append(None)
                    self.done += 1
                else:
                    futures.append(
                        client.submit(
                            analyse_shard, shard, self.shards, self.model, self.batch_size, self.actors,
                            # A key of its own per build: a scheduler shared by several builds
                            # must not hand this one another build's result.
                            key=f"kg-shard-{shard.key[:12]}-{uuid.uuid4().hex[:12]}",
                            retries=self.retries, pure=False,
                        )  # fmt: skip
                    )
                    self.sent += 1
            seen = SeenNames()
            for shard, future in zip(shards, futures):
                yield from self._entries(shard, future, seen)

    def _entries(self, shard: Shard, future: Any, seen: SeenNames) -> Iterator[Analysis | Problem]:
        try:
            url = future.result() if future is not None else _shard_url(self.shards, shard.key)
        except KGError:
            raise  # e.g. no pipeline on the workers: every shard would fail the same way
        except Exception as err:  # noqa: BLE001 -- anything a task raised is that shard's problem; the others go on
            reason = f"its shard failed {self.retries + 1} times ({type(err).__name__}: {err}); build again to retry it"
            yield from (Problem(file, reason) for file in shard.files)
            return
        try:
            entries = _read_shard(url)
        except InputError as err:
            # A damaged shard file (a disk that filled up under another writer): report its
            # documents and remove it, so the next build makes it again.
            _remove(url)
            yield from (Problem(file, f"its shard file {url} cannot be read ({err.reason}); build again") for file in shard.files)
            return
        for entry in entries:
            if isinstance(entry, Problem):
                yield entry
            elif isinstance(entry, Unchanged):
                duplicate = seen.duplicate(entry.id, entry.path)
                if duplicate is None:
                    self.unchanged += 1
                else:
                    yield duplicate
            else:
                duplicate = seen.duplicate(entry.document.id, entry.document.path)
                yield entry if duplicate is None else duplicate


class _client:
    """A Dask client of the scheduler at ``address``, or of a LocalCluster of ``workers`` processes."""

    def __init__(self, address: str | None, workers: int) -> None:
        self.address = address
        self.workers = workers
        self.cluster: Any = None
        self.client: Any = None

    def __enter__(self) -> Any:
        try:
            from distributed import Client, LocalCluster
        except ImportError as err:
            raise EngineError("--engine dask needs Dask: pip install 'kg-influence[dask]'") from err
        try:
            if self.address is None:
                # One thread a worker: spaCy parses under the GIL, and each thread would
                # load its own pipeline.
                self.cluster = LocalCluster(
                    n_workers=self.workers, threads_per_worker=1, dashboard_address=None, processes=True
                )
                self.client = Client(self.cluster)
            else:
                self.client = Client(self.address, timeout=30)
        except OSError as err:
            self.__exit__()
            raise EngineError(f"cannot reach the Dask scheduler {self.address or '(local cluster)'}: {err}") from err
        return self.client

    def __exit__(self, *exc: object) -> None:
        if self.client is not None:
            self.client.close()
        if self.cluster is not None:
            self.cluster.close()
