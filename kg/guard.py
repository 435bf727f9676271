"""A guard in front of Oxigraph's server: no federation, no unknown ``Host``.

``oxigraph serve`` evaluates ``SERVICE <http://...>`` by sending the inner query to that
address, and answers whatever ``Host`` header a request carries. On a machine where a
browser is open, that lets any web page use the endpoint: a form or ``fetch`` to
``http://127.0.0.1:7878/query?query=...SERVICE...`` makes the server post to an address
of the page's choosing (server-side request forgery), and a page served from a name that
the attacker re-points at 127.0.0.1 (DNS rebinding) can read the answers. Oxigraph has
no switch for either, so :mod:`kg.serve` runs it on a private loopback port and puts
this guard on the public address. The guard

* answers 403 to a request whose ``Host`` is not one of the names the endpoint is
  served under (``127.0.0.1:PORT``, ``localhost:PORT``, ``[::1]:PORT``, the ``--host``
  given, and any ``allowed_hosts``);
* answers 403 to a query or update that uses ``SERVICE`` (see :func:`uses_federation`);
* unless ``cors`` is on, answers 403 to a request a browser sends from a page of another
  origin (its ``Origin`` header names no allowed host): such a page could otherwise post
  ``DROP ALL`` to a writable server (cross-site request forgery);
* forwards everything else to Oxigraph unchanged and streams the answer back.

Examples
--------
>>> uses_federation("SELECT * WHERE { SERVICE <http://169.254.169.254/> { ?s ?p ?o } }")
True
>>> uses_federation('SELECT * WHERE { ?s ?p "the Russian security service" }')
False
>>> host_allowed("127.0.0.1:7878", allowed_hosts("127.0.0.1", 7878)), host_allowed("evil.example:7878", allowed_hosts("127.0.0.1", 7878))
(True, False)
"""

from __future__ import annotations

import http.client
import re
from collections.abc import Iterable
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlsplit

from pyparsing import ParseBaseException
from rdflib.plugins.sparql.parser import parseQuery, parseUpdate

__all__ = ["GuardServer", "allowed_hosts", "host_allowed", "origin_allowed", "uses_federation", "MAX_BODY"]

#: The largest request body the guard reads (a writable server's INSERT DATA of a long
#: document is the largest thing kg itself sends).
MAX_BODY = 512 * 1024 * 1024

_SERVICE_WORD = re.compile(r"\bSERVICE\b", re.IGNORECASE)
_LOOPBACK_NAMES = ("127.0.0.1", "localhost", "[::1]")
# Headers that describe one connection, not the message (RFC 9110 7.6.1), plus the
# body framing the guard redoes itself.
_HOP_BY_HOP = frozenset(
    "connection keep-alive proxy-authenticate proxy-authorization proxy-connection te trailer "
    "transfer-encoding upgrade host content-length".split()
)
_SPARQL_BODY_TYPES = {"application/sparql-query": "query", "application/sparql-update": "update"}


def allowed_hosts(host: str, port: int, extra: Iterable[str] = ()) -> frozenset[str]:
    """The ``Host`` header values the endpoint at ``host:port`` answers, lower case.

    >>> sorted(allowed_hosts("127.0.0.1", 7878))
    ['127.0.0.1:7878', '[::1]:7878', 'localhost:7878']
    """
    names = {*_LOOPBACK_NAMES, f"[{host}]" if ":" in host else host, *extra}
    return frozenset(f"{name}:{port}".lower() for name in names if name not in ("0.0.0.0", "[::]"))


def host_allowed(header: str | None, allowed: frozenset[str]) -> bool:
    """True when the ``Host`` header names the endpoint (a missing header does not)."""
    return header is not None and header.strip().lower() in allowed


def origin_allowed(origin: str, allowed: frozenset[str]) -> bool:
    """True when an ``Origin`` header is the endpoint's own page (``http://HOST:PORT``).

    >>> origin_allowed("http://localhost:7878", allowed_hosts("127.0.0.1", 7878)), origin_allowed("null", allowed_hosts("127.0.0.1", 7878))
    (True, False)
    """
    parts = urlsplit(origin.strip())
    return parts.scheme == "http" and parts.netloc.lower() in allowed


def uses_federation(text: str, kind: str = "query") -> bool:
    """True when a SPARQL query (``kind="query"``) or update uses ``SERVICE``.

    Text without the word SERVICE cannot federate, and is let through unparsed (a large
    ``INSERT DATA`` stays cheap). Text with the word is parsed with rdflib's SPARQL
    parser and refused only if it holds a ``SERVICE`` pattern (so a literal mentioning
    "the security service" passes); text the parser cannot read is refused too, since
    what it would do cannot be checked.
    """
    if not _SERVICE_WORD.search(text):
        return False
    try:
        tree = parseQuery(text) if kind == "query" else parseUpdate(text)
    except (ParseBaseException, ValueError, TypeError):
        return True
    return _has_service(tree)


def _has_service(node: Any) -> bool:
    if getattr(node, "name", None) == "ServiceGraphPattern":
        return True
    if isinstance(node, dict):
        return any(_has_service(value) for value in node.values())
    if isinstance(node, list | tuple) or type(node).__name__ == "ParseResults":
        return any(_has_service(item) for item in node)
    return False


class GuardServer(ThreadingHTTPServer):
    """An HTTP server that checks each request and forwards it to ``upstream``.

    Parameters
    ----------
    address
        ``(host, port)`` to listen on.
    upstream
        ``(host, port)`` of the Oxigraph server.
    allowed
        The ``Host`` values to answer (:func:`allowed_hosts`).
    cors
        Let pages of other origins in (Oxigraph then adds the CORS headers).
    timeout
        Seconds to wait for Oxigraph on each read.
    """

    daemon_threads = True

    def __init__(
        self,
        address: tuple[str, int],
        upstream: tuple[str, int],
        allowed: frozenset[str],
        *,
        cors: bool = False,
        timeout: float = 300.0,
    ) -> None:
        super().__init__(address, _GuardHandler)
        self.upstream = upstream
        self.allowed = allowed
        self.cors = cors
        self.upstream_timeout = timeout


class _GuardHandler(BaseHTTPRequestHandler):
    server: GuardServer
    # HTTP/1.0: one request a connection, and a body that ends when the connection does,
    # so Oxigraph's streamed (chunked) answers pass through without being buffered.
    protocol_version = "HTTP/1.0"

    def do_GET(self) -> None:  # noqa: N802 -- http.server's naming
        self._handle()

    do_HEAD = do_POST = do_PUT = do_DELETE = do_OPTIONS = do_PATCH = do_GET

    def _handle(self) -> None:
        if not host_allowed(self.headers.get("Host"), self.server.allowed):
            self._refuse(403, "unknown Host header; kg serve answers only requests addressed to it by name")
            return
        origin = self.headers.get("Origin")
        if origin is not None and not self.server.cors and not origin_allowed(origin, self.server.allowed):
            self._refuse(403, "requests from pages of other origins are refused (serve with --cors to allow them)")
            return
        if "chunked" in self.headers.get("Transfer-Encoding", "").lower():
            self._refuse(411, "send the request body with a Content-Length")
            return
        try:
            length = int(self.headers.get("Content-Length") or 0)
        except ValueError:
            self._refuse(400, "Content-Length is not a number")
            return
        if length > MAX_BODY:
            self._refuse(413, f"request body over {MAX_BODY} bytes")
            return
        body = self.rfile.read(length) if length else b""
        for text, kind in self._sparql(body):
            if uses_federation(text, kind):
                self._refuse(403, "federated queries (SERVICE) are refused: kg serve makes no outbound requests")
                return
        self._forward(body)

    def _sparql(self, body: bytes) -> list[tuple[str, str]]:
        """Every query or update the request carries, in the URL or the body."""
        found = []
        fields = parse_qs(urlsplit(self.path).query)
        content_type = self.headers.get("Content-Type", "").split(";")[0].strip().lower()
        text = body.decode("utf-8", "replace")
        if content_type == "application/x-www-form-urlencoded":
            for key, values in parse_qs(text).items():
                fields.setdefault(key, []).extend(values)
        elif content_type in _SPARQL_BODY_TYPES:
            found.append((text, _SPARQL_BODY_TYPES[content_type]))
        for kind in ("query", "update"):
            found += [(value, kind) for value in fields.get(kind, [])]
        return found

    def _forward(self, body: bytes) -> None:
        host, port = self.server.upstream
        connection = http.client.HTTPConnection(host, port, timeout=self.server.upstream_timeout)
        try:
            headers = {k: v for k, v in self.headers.items() if k.lower() not in _HOP_BY_HOP}
            headers["Content-Length"] = str(len(body))
            try:
                connection.request(self.command, self.path, body=body, headers=headers)
                response = connection.getresponse()
            except (OSError, http.client.HTTPException) as err:
                self._refuse(502, f"the oxigraph server does not answer: {err}")
                return
            self.send_response(response.status, response.reason)
            for key, value in response.getheaders():
                if key.lower() not in _HOP_BY_HOP:
                    self.send_header(key, value)
            self.end_headers()
            while chunk := response.read(64 * 1024):
                self.wfile.write(chunk)
        except (OSError, http.client.HTTPException) as err:
            # Oxigraph went away or timed out; the client may be gone too (broken pipe).
            self.log_error("forwarding %s failed: %s", self.path[:80], err)
            self.close_connection = True
        finally:
            connection.close()

    def _refuse(self, status: int, message: str) -> None:
        payload = f"kg serve: {message}\n".encode()
        self.send_response(status)
        self.send_header("Content-Type", "text/plain; charset=utf-8")
        self.send_header("Content-Length", str(len(payload)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(payload)

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 -- http.server's signature
        pass  # Oxigraph's server logs nothing per request either; errors still go through log_error

    def log_error(self, format: str, *args: Any) -> None:  # noqa: A002
        BaseHTTPRequestHandler.log_message(self, format, *args)
