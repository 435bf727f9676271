"""The one place where what the storage layer raises becomes kg's :class:`~kg.errors.StoreError`.

Backends (:mod:`kg.store.embedded`, :mod:`kg.store.remote`) wrap every call into
pyoxigraph, RocksDB, the file system or HTTP in :func:`store_errors`; nothing above them
catches an ``OSError`` or a ``RuntimeError`` of the store. Each error is re-raised
``from`` its cause, so ``--debug`` still shows what the library said.

What the libraries raise, and what it means:

- ``OSError`` -- the file system (permissions, a full disk), RocksDB's lock ("lock" in the
  message: another process writes), or a connection that failed or timed out;
- ``RuntimeError`` -- RocksDB met a damaged block or manifest;
- ``ValueError`` -- Oxigraph refused a term (a relative IRI) in quads it was given;
- ``sqlite3.Error`` -- the claim rows' database (:mod:`kg.store.rows`);
- ``SyntaxError`` -- a query or update the parser refused: a query's is the caller's to
  report (kg.query turns it into a QueryError with the position), an update's is a kg bug
  and becomes a StoreError naming the store. A query's ``ValueError`` or ``TypeError``
  (a value the query cannot evaluate) is let through for kg.query to report too.

Examples
--------
>>> try:
...     with store_errors("/tmp/s", "write to"):
...         raise OSError("No space left on device")
... except StoreError as err:
...     print(err)
cannot write to the store /tmp/s: No space left on device
"""

from __future__ import annotations

import http.client
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager

from kg.errors import StoreError

__all__ = ["DAMAGED_HINT", "store_errors"]

DAMAGED_HINT = "move it aside and rebuild it with kg build (the input files are the source of truth)"


@contextmanager
def store_errors(location: str, doing: str, *, queries: bool = False) -> Iterator[None]:
    """Turn the storage layer's exceptions inside the block into :class:`StoreError`.

    Parameters
    ----------
    location
        The store, for the message.
    doing
        What was being done, as a verb phrase: "read", "write to", "open".
    queries
        True when the block parses a user's query: its ``SyntaxError`` is let through.
    """
    try:
        yield
    except StoreError:
        raise
    except (SyntaxError, ValueError, TypeError) as err:
        if queries:
            raise  # the query's fault: kg.query names the position or the problem
        if not isinstance(err, SyntaxError):
            raise StoreError(f"cannot {doing} the store {location}: {err}") from err
        raise StoreError(f"the store {location} rejected an update: {err}") from err
    except OSError as err:
        if doing == "open" and "lock" in str(err).lower():
            raise StoreError(
                f"the store {location} is in use by another process, open for writing (a build, or "
                "kg serve --writable); only one process may write to it at a time, and none may read "
                "it meanwhile (serve it with --writable and build against its URL instead)"
            ) from err
        raise StoreError(f"cannot {doing} the store {location}: {err}") from err
    except sqlite3.Error as err:  # the claim rows' database (kg.store.rows)
        raise StoreError(f"cannot {doing} the claim rows {location}: {err}") from err
    except http.client.HTTPException as err:
        raise StoreError(f"cannot {doing} the store {location}: {err}") from err
    except RuntimeError as err:
        raise StoreError(f"the store {location} is damaged ({err}); {DAMAGED_HINT}") from err
