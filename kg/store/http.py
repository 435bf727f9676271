"""A SPARQL 1.1 Protocol client: POST a query or an update, with a deadline on the whole exchange.

kg posts its own requests rather than going through rdflib's ``SPARQLStore``, because
rdflib replaces the server's error message (the parser's position in a bad query) with a
generic one. Errors are left as ``OSError`` / ``HTTPException`` for the backend edge
(:mod:`kg.store.edge`) to name.
"""

from __future__ import annotations

import http.client
import socket
import threading
from urllib.parse import urlsplit

__all__ = ["HTTP_TIMEOUT", "post"]

#: How long a request to a remote store may take in all before kg gives up, in seconds.
HTTP_TIMEOUT = 60.0


def post(url: str, body: bytes, headers: dict[str, str], timeout: float | None = None) -> tuple[int, str, bytes]:
    """POST ``body`` to ``url``; (status, content type, whole answer), within ``timeout`` seconds in all.

    A socket timeout bounds each read, not the exchange: a server that sends a byte a
    second would hold the caller forever. A timer therefore shuts the connection down
    when the whole exchange has taken ``timeout`` (default :data:`HTTP_TIMEOUT`) seconds.

    Raises
    ------
    TimeoutError
        When the server does not answer in time.
    OSError, http.client.HTTPException
        When the server cannot be reached or breaks the protocol.
    """
    timeout = HTTP_TIMEOUT if timeout is None else timeout
    parts = urlsplit(url)
    connection_class = http.client.HTTPSConnection if parts.scheme == "https" else http.client.HTTPConnection
    connection = connection_class(parts.hostname or "", parts.port, timeout=timeout)
    expired = threading.Event()
    opened: list[socket.socket] = []  # the response keeps reading it after the connection lets go

    def abort() -> None:
        expired.set()
        for sock in opened:
            try:
                sock.shutdown(socket.SHUT_RDWR)  # wakes the blocked read
            except OSError:
                pass

    timer = threading.Timer(timeout, abort)
    timer.daemon = True
    timer.start()
    try:
        connection.connect()
        opened.append(connection.sock)
        if expired.is_set():
            abort()
        target = parts.path or "/"
        connection.request("POST", f"{target}?{parts.query}" if parts.query else target, body=body, headers=headers)
        response = connection.getresponse()
        data = response.read()
        if expired.is_set():
            raise OSError("cut off")
        content_type = (response.getheader("Content-Type") or "").split(";")[0].strip()
        return response.status, content_type, data
    except (OSError, http.client.HTTPException) as err:
        if expired.is_set():
            raise TimeoutError(f"did not answer within {timeout:.0f} s") from err
        raise
    finally:
        timer.cancel()
        connection.close()
