"""``kg serve``: the store as a SPARQL 1.1 Protocol endpoint, by Oxigraph's own server.

kg does not implement a server: it runs ``oxigraph serve-read-only`` (or ``oxigraph
serve`` with ``writable=True``) from the ``oxigraph`` package on the store folder. The
endpoint answers ``/query`` (SPARQL 1.1 Protocol, GET or POST), ``/store`` (Graph Store
Protocol) and, when writable, ``/update``; the root page is a YASGUI query editor.
It listens on 127.0.0.1 unless told otherwise, and the union of the named graphs is the
default graph (``--union-default-graph``), so queries without ``GRAPH`` see every
document, as ``kg query`` does.

Oxigraph listens on a private loopback port; what clients reach is :mod:`kg.guard` on
``HOST:PORT``, which refuses federated queries (``SERVICE``), requests whose ``Host`` is not
a name of the endpoint (DNS rebinding) and, without ``cors``, requests a browser sends from
a page of another origin. :func:`serve` stops Oxigraph on Ctrl-C, SIGTERM and SIGHUP.

Read-only is the default: a shared endpoint should not let a client ``DROP ALL``. A
read-only server takes no lock, so several can serve one folder, but it must not run
while a build writes to that folder (Oxigraph: undefined behaviour); :func:`start_server`
refuses to start when a writer holds the folder, and a build (any writer) is refused while
a server runs on it (:mod:`kg.locks`). To build while serving, serve with
``writable=True`` and build with ``--store http://HOST:PORT``.

Examples
--------
>>> server_command("output/store", "127.0.0.1", 7878)[1:]
['serve-read-only', '--location', 'output/store/oxigraph', '--bind', '127.0.0.1:7878', '--union-default-graph']
"""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path
from urllib.error import URLError
from urllib.request import urlopen

from kg.errors import StoreError
from kg.guard import GuardServer, allowed_hosts
from kg.locks import serve_lock
from kg.store import open_oxigraph, oxigraph_dir

__all__ = [
    "DEFAULT_HOST",
    "DEFAULT_PORT",
    "Endpoint",
    "oxigraph_binary",
    "server_command",
    "start_endpoint",
    "start_server",
    "serve",
    "stop_server",
]

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
    # The server process inherits the shared lock that keeps builds out (kg.locks): it
    # lasts exactly as long as the server, whatever happens to this process.
    lock = serve_lock(location)
    try:
        process = subprocess.Popen(
            command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, pass_fds=(lock,) if lock >= 0 else ()
        )
    except OSError as err:
        raise StoreError(f"cannot start {command[0]}: {err}") from err
    finally:
        if lock >= 0:
            os.close(lock)
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


class Endpoint:
    """A running ``kg serve``: Oxigraph on a private loopback port, :mod:`kg.guard` on the public one.

    Stop it with :meth:`stop` (or use it as a context manager).
    """

    def __init__(self, process: subprocess.Popen, guard: GuardServer) -> None:
        self.process = process
        self.guard = guard
        self._thread = threading.Thread(target=guard.serve_forever, name="kg-serve-guard", daemon=True)
        self._thread.start()

    @property
    def url(self) -> str:
        """``http://HOST:PORT`` of the guarded endpoint."""
        host, port = self.guard.server_address[:2]
        return f"http://{host}:{port}"

    def stop(self) -> None:
        """Stop answering, then stop Oxigraph (terminate, then kill if it lingers) and wait for it."""
        self.guard.shutdown()
        self.guard.server_close()
        stop_server(self.process)

    def __enter__(self) -> Endpoint:
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()


def start_endpoint(
    location: str | Path,
    host: str = DEFAULT_HOST,
    port: int = DEFAULT_PORT,
    *,
    writable: bool = False,
    cors: bool = False,
    hosts: tuple[str, ...] = (),
    timeout: float = 20.0,
) -> Endpoint:
    """Start Oxigraph behind the guard; returns once both answer.

    ``hosts`` are further ``Host`` names to answer (for a server reached by a DNS name).

    Raises
    ------
    StoreError
        As :func:`start_server`, or when ``host:port`` cannot be listened on.
    """
    inner = _free_loopback_port()
    process = start_server(location, "127.0.0.1", inner, writable=writable, cors=cors, timeout=timeout)
    try:
        guard = GuardServer((host, port), ("127.0.0.1", inner), allowed_hosts(host, port, hosts), cors=cors)
    except OSError as err:
        stop_server(process)
        raise StoreError(f"cannot listen on {host}:{port}: {err.strerror or err}") from err
    return Endpoint(process, guard)


def _free_loopback_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class _Stop(Exception):
    """SIGTERM or SIGHUP arrived: leave the serving loop through its cleanup."""


def _raise_stop(signum: int, frame: object) -> None:
    raise _Stop(signal.Signals(signum).name)


def serve(
    location: str | Path,
    host: str = DEFAULT_HOST,
    port: int = DEFAULT_PORT,
    *,
    writable: bool = False,
    cors: bool = False,
    app: bool = True,
    decisions: str | Path | None = None,
    hosts: tuple[str, ...] = (),
) -> int:
    """Serve the store in the foreground until interrupted or terminated; returns the exit code.

    Ctrl-C, SIGTERM and SIGHUP all stop the Oxigraph child and wait for it before
    returning, so no server is left listening on the store (or, ``writable``, holding its
    lock). Returns 0 when stopped by a signal, Oxigraph's own code when it stopped first.

    With ``app`` (the default, unless ``writable`` or ``cors``), the analyst's workbench
    (:mod:`kg.web`) answers at ``/`` and forwards ``/query`` to a read-only oxigraph child
    on another loopback port; otherwise oxigraph itself listens on ``host:port``.

    Raises
    ------
    StoreError
        When the store is missing or being written, the binary is missing, or the
        address cannot be listened on.
    """
    if app and not writable and not cors:
        from kg.web.server import run

        _check_location(location, writable)
        return run(location, host, port, decisions_path=decisions)
    endpoint = start_endpoint(location, host, port, writable=writable, cors=cors, hosts=hosts)
    mode = "read-write" if writable else "read-only"
    print(f"kg serve: SPARQL endpoint http://{host}:{port}/query ({mode}); query editor at http://{host}:{port}/", file=sys.stderr)
    if host not in ("127.0.0.1", "localhost", "::1"):
        print(
            f"kg serve: warning: listening on {host}: other machines can reach it (their requests must "
            f"address it as {host}:{port}, or by a name given with --allow-host)",
            file=sys.stderr,
        )
    if writable:
        print(
            "kg serve: warning: writable and unauthenticated: any program on this machine "
            "can change or erase the store while it runs (web pages of other origins are refused)",
            file=sys.stderr,
        )
    previous = {sig: signal.signal(sig, _raise_stop) for sig in _STOP_SIGNALS}
    try:
        return endpoint.process.wait()
    except (_Stop, KeyboardInterrupt):
        print("kg serve: stopped", file=sys.stderr)
        return 0
    finally:
        try:
            endpoint.stop()
        finally:
            for sig, handler in previous.items():
                signal.signal(sig, handler)


_STOP_SIGNALS = tuple(s for s in (getattr(signal, "SIGTERM", None), getattr(signal, "SIGHUP", None)) if s is not None)
