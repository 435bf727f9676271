"""The claim rows kept beside the graph: one SQLite file, a record per stored document version.

``claims.jsonl`` has fields the RDF does not carry (mention offsets, the order of hedge
cues), so each document's export rows are kept when its graph is stored, with its cleaned
text (for pages that show it whole) and what made them: kg's version and the spaCy
pipeline. A record is keyed by document id *and* content hash, and written before the
graph: rows of a version that never reached the graph (a crash in between) are never
read, because the graph's ``kgo:contentHash`` says which version is stored.

Why SQLite rather than a file per document (what kg did before): a build of many small
documents paid a create-write-fsync-rename per document, and the folder grew one file per
document and version. One SQLite database in WAL mode takes a batch of documents in one
transaction, deletes a document's old versions by key, lets ``kg serve`` read while a
build writes, and streams the rows of every document in id order for ``claims.jsonl``
without reading them all first. It is in the standard library, and its file can be
inspected with any SQLite tool. (A JSON-lines file per build was the other candidate; it
cannot drop one document's rows without rewriting the file.)

Durability: commits are not fsync'd one by one (``synchronous=NORMAL``). A power cut can
lose the last commits, never corrupt the file; a stored document whose record is lost
is re-extracted by the next build (:meth:`ClaimRows.extractions` has no record for it).

Examples
--------
>>> rows = ClaimRows(None)
>>> rows.write("a.txt", "ab12", [{"doc": "a.txt"}], version="1.0", model="en_core_web_sm")
>>> rows.commit()
>>> list(rows.stream({"a.txt": "ab12", "b.txt": "cd34"})), rows.missing({"a.txt": "ab12", "b.txt": "cd34"})
([{'doc': 'a.txt'}], ['b.txt'])
"""

from __future__ import annotations

import json
import sqlite3
import threading
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from kg.errors import StoreError

__all__ = ["ClaimRows", "Extraction", "ROWS_FILE"]

#: The database's name inside the rows folder (``STORE/claims``).
ROWS_FILE = "claims.sqlite"

_SCHEMA = """
CREATE TABLE IF NOT EXISTS records (
    doc TEXT NOT NULL,
    sha TEXT NOT NULL,
    version TEXT,
    model TEXT,
    rows TEXT,
    text TEXT,
    PRIMARY KEY (doc, sha)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value INTEGER NOT NULL) WITHOUT ROWID;
"""


@dataclass(frozen=True)
class Extraction:
    """What made a stored document's claims: its content hash, kg's version and the pipeline."""

    sha256: str
    version: str | None
    model: str | None


class ClaimRows:
    """The rows store of one kg store folder (or of memory, with ``folder=None``).

    Safe to share between threads (``kg serve`` answers on several): one connection,
    used under a lock.

    Parameters
    ----------
    folder
        Where ``claims.sqlite`` is kept; None keeps the rows in memory.
    read_only
        Open the file for reading only; a missing file then reads as empty.
    """

    def __init__(self, folder: Path | None, *, read_only: bool = False) -> None:
        self.folder = folder
        self.read_only = read_only
        self._lock = threading.Lock()
        self._db = self._connect()

    def _connect(self) -> sqlite3.Connection | None:
        with self._errors("open"):
            if self.folder is None:
                db = sqlite3.connect(":memory:", check_same_thread=False)
            elif self.read_only:
                path = self.folder / ROWS_FILE
                if not path.is_file():
                    return None
                db = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True, check_same_thread=False)
                return db
            else:
                self.folder.mkdir(parents=True, exist_ok=True)
                db = sqlite3.connect(self.folder / ROWS_FILE, check_same_thread=False)
                db.execute("PRAGMA journal_mode=WAL")
                db.execute("PRAGMA synchronous=NORMAL")
            db.executescript(_SCHEMA)
            db.commit()
            return db

    # -- writing -----------------------------------------------------------------------

    def write(
        self,
        doc_id: str,
        sha256: str,
        rows: Iterable[Mapping[str, Any]],
        *,
        version: str | None = None,
        model: str | None = None,
    ) -> None:
        """Keep one document version's rows and what made them (committed by :meth:`commit`)."""
        body = "".join(json.dumps(row, ensure_ascii=False) + "\n" for row in rows)
        self._execute(
            "INSERT INTO records (doc, sha, version, model, rows) VALUES (?, ?, ?, ?, ?) "
            "ON CONFLICT (doc, sha) DO UPDATE SET version = excluded.version, model = excluded.model, rows = excluded.rows",
            (doc_id, sha256, version, model, body),
        )

    def write_text(self, doc_id: str, sha256: str, text: str) -> None:
        """Keep one document version's cleaned text."""
        self._execute(
            "INSERT INTO records (doc, sha, text) VALUES (?, ?, ?) ON CONFLICT (doc, sha) DO UPDATE SET text = excluded.text",
            (doc_id, sha256, text),
        )

    def drop(self, doc_id: str, keep: str | None = None) -> None:
        """Delete a document's records, except that of the content hash ``keep``."""
        self._execute("DELETE FROM records WHERE doc = ? AND sha IS NOT ?", (doc_id, keep))

    def bump(self) -> None:
        """Count one change of the store (see :meth:`generation`)."""
        self._execute(
            "INSERT INTO meta (key, value) VALUES ('generation', 1) "
            "ON CONFLICT (key) DO UPDATE SET value = value + 1",
            (),
        )

    def commit(self) -> None:
        """Make the writes so far durable (one transaction for a whole batch of documents)."""
        if self._db is not None and not self.read_only:
            with self._lock, self._errors("write to"):
                self._db.commit()

    def rollback(self) -> None:
        """Drop the writes since the last :meth:`commit` (a refresh that stopped half-way)."""
        if self._db is not None and not self.read_only:
            with self._lock, self._errors("write to"):
                self._db.rollback()

    def close(self) -> None:
        """Commit and close the database."""
        if self._db is None:
            return
        self.commit()
        with self._lock, self._errors("close"):
            self._db.close()
        self._db = None

    # -- reading -----------------------------------------------------------------------

    def generation(self) -> int:
        """How many times the store was written through kg: equal numbers, same content.

        A build compares it with the number its outputs were made at, and does not rewrite
        them when nothing changed (see :mod:`kg.build`).
        """
        found = self._fetch("SELECT value FROM meta WHERE key = 'generation'")
        return int(found[0][0]) if found else 0

    def extractions(self) -> dict[str, list[Extraction]]:
        """Document id → what made each version it has a record for."""
        found: dict[str, list[Extraction]] = {}
        for doc, sha, version, model in self._fetch("SELECT doc, sha, version, model FROM records WHERE rows IS NOT NULL"):
            found.setdefault(doc, []).append(Extraction(sha, version, model))
        return found

    def rows_of(self, doc_id: str, sha256: str) -> list[dict[str, Any]] | None:
        """One document version's rows, or None when there is no record of them."""
        found = self._fetch("SELECT rows FROM records WHERE doc = ? AND sha = ? AND rows IS NOT NULL", (doc_id, sha256))
        return _parse(found[0][0], doc_id) if found else None

    def text(self, doc_id: str, sha256: str) -> str | None:
        """One document version's text, or None."""
        found = self._fetch("SELECT text FROM records WHERE doc = ? AND sha = ?", (doc_id, sha256))
        return found[0][0] if found else None

    def stream(self, documents: Mapping[str, str]) -> Iterator[dict[str, Any]]:
        """The rows of the stored versions ``documents`` (id → hash), in id order, one at a time.

        Only one document's rows are in memory at once, whatever the size of the store.
        """
        if self._db is None:
            return
        with self._lock, self._errors("read"):
            cursor = self._db.execute("SELECT doc, sha, rows FROM records WHERE rows IS NOT NULL ORDER BY doc")
        while True:
            with self._lock, self._errors("read"):
                batch = cursor.fetchmany(64)
            if not batch:
                return
            for doc, sha, body in batch:
                if documents.get(doc) == sha:
                    yield from _parse(body, doc)

    def missing(self, documents: Mapping[str, str]) -> list[str]:
        """The documents of ``documents`` (id → hash) without rows for that version, sorted."""
        have = {doc: {e.sha256 for e in found} for doc, found in self.extractions().items()}
        return sorted(doc for doc, sha in documents.items() if sha not in have.get(doc, ()))

    @contextmanager
    def database(self, doing: str) -> Iterator[sqlite3.Connection | None]:
        """The open database, under the lock, for tables kept beside the rows in the same file.

        Writes join the transaction :meth:`commit` ends, so what is kept beside a
        document's rows (:mod:`kg.store.answers`) is committed with them. None when a
        read-only store has no rows file; errors become StoreError (``doing``: "read").
        """
        with self._lock, self._errors(doing):
            yield self._db

    # -- plumbing ----------------------------------------------------------------------

    def _execute(self, sql: str, parameters: tuple[Any, ...]) -> None:
        if self.read_only:
            raise StoreError(f"the claim rows in {self.folder} are open read-only")
        assert self._db is not None
        with self._lock, self._errors("write to"):
            self._db.execute(sql, parameters)

    def _fetch(self, sql: str, parameters: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
        if self._db is None:
            return []
        with self._lock, self._errors("read"):
            return self._db.execute(sql, parameters).fetchall()

    def _errors(self, doing: str):  # type: ignore[no-untyped-def]
        from kg.store.edge import store_errors

        return store_errors(f"{self.folder / ROWS_FILE if self.folder else ':memory:'}", doing)


def _parse(body: str, doc_id: str) -> list[dict[str, Any]]:
    try:
        return [json.loads(line) for line in body.splitlines() if line.strip()]
    except ValueError as err:
        raise StoreError(f"the claim rows of {doc_id} are damaged: {err}") from err
