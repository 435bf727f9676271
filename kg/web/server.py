"""Run the workbench: uvicorn in front, the oxigraph child behind it on a loopback port.

The oxigraph child (:func:`kg.serve.start_server`, read-only) is the only process that
opens the store while the workbench runs; the application reads through it over HTTP and
forwards ``/query`` to it. A decision is written to the decisions file at once; to put it
into the store's curation graph, the child is stopped for the moment of one write and
started again on the same port (RocksDB allows one writer and no reader beside it), which
takes well under a second. Pages and queries arriving meanwhile wait for it.
"""

from __future__ import annotations

import signal
import socket
import sys
import threading
from contextlib import contextmanager
from pathlib import Path
from collections.abc import Iterator

from kg.curation import Decisions, default_decisions_path, mirror_into_store
from kg.errors import StoreError
from kg.store import KGStore, open_store, store_folder

__all__ = ["OxigraphChild", "free_port", "make_workbench_app", "run"]


def free_port(host: str = "127.0.0.1") -> int:
    """A TCP port nothing listens on now."""
    with socket.socket() as sock:
        sock.bind((host, 0))
        return sock.getsockname()[1]


class OxigraphChild:
    """The read-only oxigraph server on a loopback port, which can step aside for a write."""

    def __init__(self, location: str | Path, port: int | None = None) -> None:
        self.location = store_folder(location)
        self.port = port or free_port()
        self._process = None
        self._ready = threading.Event()
        self._write_lock = threading.Lock()

    @property
    def url(self) -> str:
        """The child's SPARQL query endpoint."""
        return f"http://127.0.0.1:{self.port}/query"

    def start(self) -> None:
        """Start the child and wait until it answers."""
        from kg.serve import start_server

        self._process = start_server(self.location, "127.0.0.1", self.port)
        self._ready.set()

    def stop(self) -> None:
        """Stop the child (idempotent)."""
        from kg.serve import stop_server

        self._ready.clear()
        if self._process is not None:
            stop_server(self._process)
            self._process = None

    def wait(self, timeout: float = 30.0) -> None:
        """Wait while the child steps aside for a write."""
        if not self._ready.wait(timeout):
            raise StoreError("the store stayed busy with a write for too long")

    @contextmanager
    def reading(self) -> Iterator[KGStore]:
        """The store, read through the child (rows and texts from the store folder)."""
        self.wait()
        with open_store(self.url.removesuffix("/query"), read_only=True, rows_dir=self.location / "claims") as store:
            yield store

    def mirror(self, decisions: Decisions) -> None:
        """Write the decisions into the store's curation graph: child off, one write, child on."""
        with self._write_lock:
            self.stop()
            try:
                with open_store(self.location, create=False) as store:
                    mirror_into_store(store, decisions)
            finally:
                self.start()


def make_workbench_app(child: OxigraphChild, decisions_path: str | Path | None, host: str, port: int):
    """The Starlette application over a running child."""
    from kg.web.app import create_app
    from kg.web.workbench import Workbench

    path = Path(decisions_path) if decisions_path else default_decisions_path(child.location)
    workbench = Workbench(child.reading, path, mirror=child.mirror)
    # the port too: a page of another local server ("localhost:1") must not pass as this one
    hosts = sorted({f"{name}:{port}" for name in ("127.0.0.1", "localhost", host)})
    return create_app(workbench, sparql_url=child.url, allowed_hosts=hosts)


def run(location: str | Path, host: str, port: int, *, decisions_path: str | Path | None = None) -> int:
    """Serve the workbench and the read-only endpoint until interrupted or terminated.

    uvicorn turns SIGINT and SIGTERM into a graceful shutdown, after which the child is
    stopped too.
    """
    import uvicorn

    child = OxigraphChild(location)
    child.start()
    # uvicorn shuts down gracefully on SIGTERM and then raises the signal again for the
    # handler that was there before it; by default that ends the process on the spot,
    # before the child is stopped. This handler turns it into an ordinary exit instead.
    previous = signal.signal(signal.SIGTERM, _exit_on_sigterm)
    try:
        app = make_workbench_app(child, decisions_path, host, port)
        print(f"kg serve: workbench at http://{host}:{port}/ ; read-only SPARQL endpoint at http://{host}:{port}/query",
              file=sys.stderr)
        # A browser may keep a connection open: after 5 s of grace the server stops anyway.
        uvicorn.run(app, host=host, port=port, log_level="warning", server_header=False, timeout_graceful_shutdown=5)
    except _Terminated:
        pass
    finally:
        signal.signal(signal.SIGTERM, previous)
        child.stop()
    return 0


class _Terminated(Exception):
    """SIGTERM arrived: leave the server loop through ``finally``."""


def _exit_on_sigterm(signum, frame) -> None:
    raise _Terminated()
