"""One connection pool for all of a run's clients.

aiobotocore gives every client its own aiohttp session and connection pool, and, against an
HTTPS endpoint, its own TLS context with the CA bundle loaded. A run makes a client per
(service, account, region), most of which make a few calls: each paid for new connections (on
the demo, 1,483 connections for 1,796 calls) and, against AWS, for a TLS context and a TLS
handshake per client. Every account's EC2 client in a region talks to the same host, so one
pool for the run lets them share connections.

``SharedPool`` holds the run's aiohttp sessions (one per proxy and certificate setting, as
aiobotocore would make them) and ``pooled_session_class(pool)`` is the ``http_session_cls``
each client's config names: its sessions come from the pool, and closing a client leaves them
open. The run closes the pool once its clients are closed. The pool's limit is the run's
``max_concurrency``, which the global semaphore already holds calls to.
"""

from __future__ import annotations

from typing import Any

import aiohttp
from aiobotocore.httpsession import AIOHTTPSession


class SharedPool:
    """The run's aiohttp sessions, created on first use, closed by ``close``."""

    def __init__(self) -> None:
        self._sessions: dict[tuple[Any, ...], aiohttp.ClientSession] = {}

    def session(self, key: tuple[Any, ...], make: Any) -> aiohttp.ClientSession:
        session = self._sessions.get(key)
        if session is None:
            session = self._sessions[key] = make()
        return session

    async def close(self) -> None:
        sessions, self._sessions = list(self._sessions.values()), {}
        for session in sessions:
            await session.close()


def pooled_session_class(pool: SharedPool) -> type[AIOHTTPSession]:
    """An ``http_session_cls`` whose instances take their aiohttp session from ``pool``."""

    class PooledHTTPSession(AIOHTTPSession):
        async def _get_session(self, proxy_url: str | None) -> aiohttp.ClientSession:
            key = (proxy_url, str(self._verify), self._cert_file, self._key_file)

            def make() -> aiohttp.ClientSession:
                return aiohttp.ClientSession(
                    connector=self._create_connector(proxy_url),
                    timeout=self._timeout,
                    skip_auto_headers={"CONTENT-TYPE"},
                    auto_decompress=False,
                )

            return pool.session(key, make)

    return PooledHTTPSession
