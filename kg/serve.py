"""``kg serve``: the store as a SPARQL 1.1 Protocol endpoint, by Oxigraph's own server.

kg does not implement a server: it runs ``oxigraph serve-read-only`` (or ``oxigraph
serve`` with ``writable=True``) from the ``oxigraph`` package on the store folder. The
endpoint answers ``/query`` (SPARQL 1.1 Protocol, GET or POST), ``/store`` (Graph Store
Protocol) and, when writable, ``/update``; the root page is a YASGUI query editor.
It listens on 127.0.0.1 unless told otherwise, and the union of the named graphs is the
default graph (``--union-default-graph``), so queries without ``GRAPH`` see every
document, as ``kg query`` does.

Read-only is the default: a shared endpoint should not let a client ``DROP ALL``. A
read-only server takes no lock, so several can serve one folder, but it must not run
while a build writes to that folder (Oxigraph: undefined behaviour); :func:`start_server`
refuses to start when a writer holds the folder. To build while serving, serve with
``writable=True`` and build with ``--store http://HOST:PORT``.

Examples
--------
>>> server_command("output/store", "127.0.0.1", 7878)[1:]
['serve-read-only', '--location', 'output/store/oxigraph', '--bind', '127.0.0.1:7878', '--union-default-graph']
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from pathlib import Path
from urllib.error import URLError
from urllib.request import urlopen

from kg.errors import StoreError
from kg.store import open_oxigraph, oxigraph_dir

__all__ = ["DEFAULT_HOST", "DEFAULT_PORT", "oxigraph_binary", "server_command", "start_server", "serve", "stop_server"]

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 7878


def oxigraph_binary() -> str:
    """The ``oxigraph`` executable: beside this Python (its venv), else on PATH.

    Raises
    ------
    StoreError
        When neither has one; the message says how to install it.
    """
    beside = Path(sys.executable).parent / ("oxigraph.exe" if os.name == "nt" else "oxigraph")
    if beside.is_file() and os.access(beside, os.X_OK):
        return str(beside)
    found = shutil.which("oxigraph")
    if found:
        return found
    raise StoreError("the oxigraph server is not installed (pip install oxigraph)")


def server_command(
    location: str | Path, host: str = DEFAULT_HOST, port: int = DEFAULT_PORT, *, writable: bool = False, cors: bool = False
) -> list[str]:
    """The command line that serves the store at ``location``."""
    try:
        binary = oxigraph_binary()
    except StoreError:
        binary = "oxigraph"
    command = [
        binary,
        "serve" if writable else "serve-read-only",
        "--location", str(oxigraph_dir(location)),
        "--bind", f"{host}:{port}",
        "--union-default-graph",
    ]  # fmt: skip
    if cors:
        command.append("--cors")
    return command


def _check_location(location: str | Path, writable: bool) -> None:
    if writable:
        oxigraph_dir(location).mkdir(parents=True, exist_ok=True)
        return
    # A read-only server beside a writer is undefined behaviour in Oxigraph; a writer
    # holds RocksDB's lock, so taking it (and letting it go) tells whether one is running.
    open_oxigraph(location, create=False)


def start_server(
    location: str | Path,
    host: str = DEFAULT_HOST,
    port: int = DEFAULT_PORT,
    *,
    writable: bool = False,
    cors: bool = False,
    timeout: float = 20.0,
) -> subprocess.Popen:
    """Start the server in the background and wait until it answers; returns the process.

    The caller stops it with :func:`stop_server`.

    Raises
    ------
    StoreError
        When the store is missing or being written, the binary is missing, or the server
        exits or does not answer within ``timeout`` seconds (its stderr is in the message).
    """
    _check_location(location, writable)
    command = server_command(location, host, port, writable=writable, cors=cors)
    command[0] = oxigraph_binary()
    try:
        process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    except OSError as err:
        raise StoreError(f"cannot start {command[0]}: {err}") from err
    url = f"http://{host}:{port}/query?query=ASK%7B%7D"
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise StoreError(f"the oxigraph server stopped: {process.stderr.read().strip() if process.stderr else ''}")
        try:
            with urlopen(url, timeout=1.0) as response:
                response.read()
            return process
        except (URLError, OSError):
            time.sleep(0.1)
    stop_server(process)
    raise StoreError(f"the oxigraph server did not answer on {host}:{port} within {timeout:.0f} s")


def stop_server(process: subprocess.Popen, timeout: float = 10.0) -> None:
    """Stop a server started by :func:`start_server` (terminate, then kill if it lingers)."""
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout)
    if process.stderr:
        process.stderr.close()


def serve(
    location: str | Path,
    host: str = DEFAULT_HOST,
    port: int = DEFAULT_PORT,
    *,
    writable: bool = False,
    cors: bool = False,
    app: bool = True,
    decisions: str | Path | None = None,
) -> int:
    """Serve the store in the foreground until interrupted; returns the server's exit code.

    With ``app`` (the default, unless ``writable`` or ``cors``), the analyst's workbench
    (:mod:`kg.web`) answers at ``/`` and forwards ``/query`` to a read-only oxigraph child
    on another loopback port; otherwise oxigraph itself listens on ``host:port``.

    Raises
    ------
    StoreError
        When the store is missing or being written, or the binary is missing.
    """
    _check_location(location, writable)
    if app and not writable and not cors:
        from kg.web.server import run

        return run(location, host, port, decisions_path=decisions)
    command = server_command(location, host, port, writable=writable, cors=cors)
    command[0] = oxigraph_binary()
    mode = "read-write" if writable else "read-only"
    print(f"kg serve: SPARQL endpoint http://{host}:{port}/query ({mode}); query editor at http://{host}:{port}/", file=sys.stderr)
    if host not in ("127.0.0.1", "localhost", "::1"):
        print(f"kg serve: warning: listening on {host}: other machines can reach it", file=sys.stderr)
    if writable:
        print(
            "kg serve: warning: writable and unauthenticated: any program or web page on this machine "
            "can change or erase the store while it runs",
            file=sys.stderr,
        )
    try:
        return subprocess.run(command, check=False).returncode
    except OSError as err:
        raise StoreError(f"cannot start {command[0]}: {err}") from err
