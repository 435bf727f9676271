"""A user's own actor tables, read once where a build starts and carried to every worker.

An analyst adds actors the package does not know (a troll farm named in last week's
filing, a persona, a front company) in a TSV file of the knowledge base's own format
(:mod:`kg.entities.kb_data`), and gives it to ``kg build --actors FILE``. The build reads
the files once, here, and checks them before the store is touched, so a bad row stops the
build with the file and line named and nothing half done. The *texts* then travel to the
worker processes and the Dask workers (which may not see the user's disk), and each process
builds the knowledge base from them once.

The tables' content is also part of what made a document's claims: a build with other
tables re-extracts the stored documents (:attr:`ActorFiles.identity`), as a build with
another spaCy pipeline does, because a new actor changes who the subjects are.

Examples
--------
>>> import tempfile, os
>>> with tempfile.NamedTemporaryFile("w", suffix=".tsv", delete=False) as f:
...     _ = f.write("key\\tlabel\\tkind\\taffiliated_with\\tsource\\n"
...                 "acme-media\\tAcme Media\\tMediaOutlet\\tRUS\\tmy notes\\n")
>>> files = ActorFiles.read([f.name])
>>> [e.label for e in files.knowledge_base().chain("acme-media")]
['Acme Media', 'Russia']
>>> ActorFiles().knowledge_base() is ActorFiles().knowledge_base()
True
>>> files.identity != ActorFiles().identity
True
>>> os.unlink(f.name)
"""

from __future__ import annotations

import functools
import hashlib
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from kg.entities.kb import KnowledgeBase
from kg.entities.kb_data import parse_table
from kg.errors import InputError

__all__ = ["ActorFiles"]


@dataclass(frozen=True)
class ActorFiles:
    """The texts of a user's actor and alias tables, in the order given (later rows win).

    Empty: the package's knowledge base alone.
    """

    #: (file name as given, its text) per table
    tables: tuple[tuple[str, str], ...] = ()

    @classmethod
    def read(cls, paths: Iterable[str | Path]) -> ActorFiles:
        """Read and check the tables at ``paths``.

        Raises
        ------
        kg.errors.InputError
            A file cannot be read, a row is bad, or the rows do not fit the package's
            (an affiliation to an unknown key, a cycle); the message names the file and line.
        """
        tables = []
        for path in paths:
            try:
                tables.append((str(path), Path(path).read_text(encoding="utf-8")))
            except (OSError, UnicodeDecodeError) as exc:
                raise InputError(f"cannot read the actors table: {exc}", path=str(path)) from exc
        files = cls(tuple(tables))
        files.knowledge_base()  # every check of the rows, now, before anything is built
        return files

    @property
    def names(self) -> tuple[str, ...]:
        """The files' names, for messages."""
        return tuple(name for name, _ in self.tables)

    @property
    def identity(self) -> str:
        """A short digest of the tables' content ("" for none), recorded with each
        document's claims so that other tables re-extract it."""
        if not self.tables:
            return ""
        digest = hashlib.sha256()
        for _, text in self.tables:
            digest.update(text.encode("utf-8"))
            digest.update(b"\0")
        return digest.hexdigest()[:12]

    def knowledge_base(self) -> KnowledgeBase:
        """The package's knowledge base with these tables' rows added, built once per process."""
        return _knowledge_base(self.tables)


@functools.cache
def _knowledge_base(tables: tuple[tuple[str, str], ...]) -> KnowledgeBase:
    if not tables:
        return KnowledgeBase.default()
    actors, aliases = [], []
    for name, text in tables:
        file_actors, file_aliases = parse_table(name, text)
        actors += file_actors
        aliases += file_aliases
    # the package's rows as the default knowledge base read them, not read again
    return KnowledgeBase.default().with_rows(actors, aliases)
