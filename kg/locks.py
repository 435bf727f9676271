"""An advisory lock that tells a build a server is reading the store folder.

Oxigraph's read-only server takes no lock on the database, so RocksDB alone cannot stop
a build from writing under a running ``kg serve`` (undefined behaviour in Oxigraph, and
the server keeps answering from what it read before). kg therefore keeps a lock file,
``STORE/serve.lock``, with :func:`fcntl.flock`:

* a server holds a *shared* lock on it for as long as the Oxigraph process lives (the
  descriptor is handed to that process, so the lock outlives ``kg serve`` itself if it is
  killed outright, and goes when the server goes);
* a writer tries the *exclusive* lock before opening the database, and gets
  :class:`~kg.errors.StoreError` while any server holds the shared one.

The operating system drops a lock with the last descriptor, so a crash never leaves a
stale lock behind. Where :mod:`fcntl` is missing (Windows) there is no lock.

Examples
--------
>>> import tempfile
>>> with tempfile.TemporaryDirectory() as folder:
...     served = serve_lock(folder)
...     try:
...         refuse_if_served(folder)
...     except StoreError as err:
...         print("refused:", "kg serve" in str(err))
...     os.close(served)
...     refuse_if_served(folder)  # no server: nothing to say
refused: True
"""

from __future__ import annotations

import os
from pathlib import Path

from kg.errors import StoreError

try:
    import fcntl
except ImportError:  # pragma: no cover - Windows
    fcntl = None  # type: ignore[assignment]

__all__ = ["LOCK_NAME", "serve_lock", "refuse_if_served"]

LOCK_NAME = "serve.lock"


def _open(folder: str | os.PathLike[str]) -> int:
    path = Path(folder)
    path.mkdir(parents=True, exist_ok=True)
    try:
        return os.open(path / LOCK_NAME, os.O_RDWR | os.O_CREAT, 0o644)
    except OSError as err:
        raise StoreError(f"cannot open the lock file {path / LOCK_NAME}: {err.strerror or err}") from err


def serve_lock(folder: str | os.PathLike[str]) -> int:
    """A descriptor holding a shared lock on ``folder`` for a server; -1 without :mod:`fcntl`.

    Hand it to the server process (``pass_fds``) and close this copy.

    Raises
    ------
    StoreError
        When a writer holds the folder.
    """
    if fcntl is None:  # pragma: no cover
        return -1
    fd = _open(folder)
    try:
        fcntl.flock(fd, fcntl.LOCK_SH | fcntl.LOCK_NB)
    except BlockingIOError as err:
        os.close(fd)
        raise StoreError(f"the store {folder} is being written by another process; serve it when the build is done") from err
    return fd


def refuse_if_served(folder: str | os.PathLike[str]) -> None:
    """Raise :class:`~kg.errors.StoreError` when a server holds the folder; call before writing.

    The writer takes the exclusive lock and lets it go at once: RocksDB's own lock keeps
    out a second writer, and a server started later finds that lock (see
    :func:`kg.serve.start_server`).

    Raises
    ------
    StoreError
        When ``kg serve`` is serving the folder.
    """
    if fcntl is None:  # pragma: no cover
        return
    fd = _open(folder)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError as err:
        raise StoreError(
            f"the store {folder} is being served by kg serve; a build would change it under the server. "
            "Stop the server first, or serve with --writable and build with --store http://HOST:PORT"
        ) from err
    finally:
        os.close(fd)
