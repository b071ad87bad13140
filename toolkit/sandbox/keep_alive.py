"""HTTP/1.1 with connections kept open between requests, as AWS's endpoints keep them.

werkzeug's development server answers every request with ``Connection: close``: after each
response it reads whatever else the client sent and discards it, which on a kept connection
would be the next request. Without keep-alive every API call of a collection opened its own TCP
connection, a cost no run against AWS has, and benchmarks measured it.

This handler keeps a connection open when the request allows it (HTTP/1.1, no
``Connection: close``, a body of known length or none). It hands werkzeug's discard step an
empty stream, and itself reads whatever the application left of the request's body, so that the
next request on the connection starts where the last one ended. An idle connection is closed
after ``IDLE_TIMEOUT_S``.
"""

from __future__ import annotations

import io
from typing import Any

from werkzeug.serving import WSGIRequestHandler

#: Seconds a kept connection may stay idle before the server closes it.
IDLE_TIMEOUT_S = 60


class BodyReader(io.RawIOBase):
    """The request body, read at most to its Content-Length; what is left is drained later."""

    def __init__(self, stream: Any, length: int) -> None:
        self._stream = stream
        self.left = length

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        size = min(len(buffer), self.left)
        if size <= 0:
            return 0
        data = self._stream.read(size)
        buffer[: len(data)] = data
        self.left -= len(data)
        return len(data)

    def drain(self) -> None:
        while self.left > 0 and self.read(min(self.left, 65536)):
            pass


class KeepAliveHandler(WSGIRequestHandler):
    """werkzeug's request handler, keeping the connection when the request allows it."""

    protocol_version = "HTTP/1.1"
    timeout = IDLE_TIMEOUT_S

    def make_environ(self) -> dict[str, Any]:
        environ = super().make_environ()
        self._body: BodyReader | None = None
        self._connection_stream = self.rfile
        if self._can_keep(environ):
            length = int(environ.get("CONTENT_LENGTH") or 0)
            self._body = BodyReader(self.rfile, length)
            environ["wsgi.input"] = io.BufferedReader(self._body)
            # What werkzeug reads after the response to discard it: nothing, on a kept connection.
            self.rfile = io.BytesIO()
        return environ

    def run_wsgi(self) -> None:
        try:
            super().run_wsgi()
        finally:
            stream = getattr(self, "_connection_stream", None)
            if stream is not None:
                self.rfile = stream
            body = getattr(self, "_body", None)
            if body is not None and not self.close_connection:
                try:
                    body.drain()
                except OSError:
                    self.close_connection = True

    def send_header(self, keyword: str, value: str) -> None:
        if (
            keyword.lower() == "connection"
            and value.lower() == "close"
            and getattr(self, "_body", None) is not None
        ):
            return  # kept: werkzeug says close to every response
        super().send_header(keyword, value)

    def log_error(self, format: str, *args: Any) -> None:
        if format.startswith("Request timed out"):
            return  # an idle kept connection closed after IDLE_TIMEOUT_S: not an error
        super().log_error(format, *args)

    def _can_keep(self, environ: dict[str, Any]) -> bool:
        if self.request_version != "HTTP/1.1" or self.close_connection:
            return False
        if "chunked" in environ.get("HTTP_TRANSFER_ENCODING", "").lower():
            return False
        return environ.get("HTTP_CONNECTION", "").lower() != "close"
