"""Write output files atomically: to a temporary file beside the target, then rename.

A crash or a full disk mid-write leaves the previous file (or none), never half a file.
The temporary file of a writer killed outright is removed by the next write of the same
file (its name carries the writer's process id).
"""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import IO, Any

from kg.errors import OutputError

__all__ = ["atomic_write", "write_jsonl"]


def atomic_write(path: str | Path, write: Callable[[IO[str]], Any], *, encoding: str = "utf-8") -> Path:
    """Call ``write(file)`` on a temporary text file, then move it to ``path`` in one step.

    Parameters
    ----------
    path
        The file to create or replace. Its folder is created when missing.
    write
        Writes the content to the open file it is given.

    Raises
    ------
    OutputError
        When the folder cannot be made or the file cannot be written (the previous file,
        if any, is left as it was).
    """
    path = Path(path)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        _remove_orphans(path)
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.{os.getpid()}.", suffix=".tmp", dir=path.parent)
    except OSError as err:
        raise OutputError(f"{path}: cannot be written: {err.strerror or err}") from err
    try:
        with os.fdopen(fd, "w", encoding=encoding, newline="\n") as handle:
            write(handle)
            handle.flush()
            os.fsync(handle.fileno())
        # mkstemp makes the file private (0600); outputs are ordinary files, so give
        # them the mode a plain open() would.
        os.chmod(tmp, 0o666 & ~_umask())
        os.replace(tmp, path)
    except OSError as err:
        Path(tmp).unlink(missing_ok=True)
        raise OutputError(f"{path}: cannot be written: {err.strerror or err}") from err
    except BaseException:
        # Also on KeyboardInterrupt or a failing writer: no temporary file is left behind.
        Path(tmp).unlink(missing_ok=True)
        raise
    return path


def _remove_orphans(path: Path) -> None:
    """Delete temporary files for ``path`` left by writers that no longer run.

    A writer killed outright (``kill -9``, a power cut) cannot remove its temporary
    file; its name carries the writer's process id, so the next writer of the same file
    can tell it is an orphan. Files of a live process (another writer) are left alone.
    """
    prefix = f".{path.name}."
    for candidate in path.parent.glob(f"{_glob_escape(prefix)}*.tmp"):
        pid = candidate.name[len(prefix) :].split(".", 1)[0]
        if pid.isdigit() and not _running(int(pid)):
            candidate.unlink(missing_ok=True)


def _running(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # someone else's process
    return True


def _glob_escape(text: str) -> str:
    return "".join(f"[{c}]" if c in "*?[" else c for c in text)


def _umask() -> int:
    # The umask can only be read by setting it; set it straight back.
    mask = os.umask(0)
    os.umask(mask)
    return mask


def write_jsonl(path: str | Path, rows: Iterable[dict[str, Any]]) -> Path:
    """Write one JSON object a line, atomically."""

    def write(handle: IO[str]) -> None:
        for row in rows:
            handle.write(json.dumps(row, ensure_ascii=False))
            handle.write("\n")

    return atomic_write(path, write)
