"""The errors kg raises on purpose.

Every error kg means to raise derives from :class:`KGError`, so the CLI can turn any
of them into a one-line message and an exit code; anything else is a bug.

    KGError
    ├── InputError        a document or file kg was given cannot be read or is not text
    ├── OutputError       an output file cannot be written
    ├── ModelError        no usable spaCy pipeline is installed
    ├── StoreError        the triple store cannot be opened, read or written
    ├── QueryError        a SPARQL query is malformed or names an unknown query/parameter
    ├── EngineError       the cluster a build runs on cannot be started or reached
    └── ValidationError   a graph does not conform to the SHACL shapes
"""

from __future__ import annotations

__all__ = ["KGError", "InputError", "OutputError", "ModelError", "StoreError", "QueryError", "EngineError", "ValidationError"]


class KGError(Exception):
    """Base class of every error kg raises on purpose."""


class InputError(KGError):
    """A document or input file cannot be read, decoded or understood.

    The message names the file and the problem; ``path`` and ``reason`` hold them apart,
    so a report that prints the path itself can print the reason alone.

    >>> err = InputError("is empty", path="a.txt")
    >>> str(err), err.reason
    ('a.txt: is empty', 'is empty')
    """

    def __init__(self, reason: str, *, path: str | None = None) -> None:
        super().__init__(f"{path}: {reason}" if path else reason)
        self.path = path
        self.reason = reason


class OutputError(KGError):
    """An output file cannot be written (no such folder, no permission, disk full).

    The message names the file; the previous version of the file, if any, is intact.
    """


class ModelError(KGError):
    """No usable spaCy pipeline could be loaded."""


class StoreError(KGError):
    """The triple store cannot be opened, read or written."""


class QueryError(KGError):
    """A SPARQL query is malformed, or a named query or parameter is unknown."""


class EngineError(KGError):
    """The cluster a build runs on (``--engine dask``) cannot be started or reached, or Dask is missing."""


class ValidationError(KGError):
    """A graph does not conform to the SHACL shapes."""
