"""A raw asyncio HTTP/1.1 server on 127.0.0.1, run in a thread of its own, that misbehaves
the way real infrastructure does.

aiohttp.web is too well-behaved for these tests: it never closes a keep-alive connection
right after answering, never acts on a request and then drops the connection, and never
hangs without reading. :class:`RawServer` parses requests by hand and lets each test's
``handler`` decide, per request, what goes on the wire. It runs on its own event loop in
its own thread, as a real server would, so its timing is not interleaved with the client's
callbacks.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

__all__ = ["RawReply", "RawRequest", "RawServer", "raw_server"]


@dataclass
class RawRequest:
    method: str
    path: str
    headers: dict[str, str]
    body: bytes
    connection: int
    """Serial number of the TCP connection it came on (1-based)."""
    index_on_connection: int
    """0 for the first request on its connection, 1 for the next (a reused connection)..."""

    def json(self) -> Any:
        return json.loads(self.body) if self.body else None


@dataclass
class RawReply:
    """What to do with one request.

    ``then``: ``"keep"`` keeps the connection open for the next request; ``"close"`` closes
    it right after answering although the answer said keep-alive (an idle timeout firing
    at once); ``"drop"`` closes without answering at all (the request was received and
    acted on, the answer is lost); ``"hang"`` never answers and never closes.
    """

    status: int = 200
    body: bytes = b""
    headers: dict[str, str] = field(default_factory=dict)
    then: str = "keep"

    @classmethod
    def envelope(cls, data: Any = None, *, status: int = 200, **kwargs: Any) -> RawReply:
        payload = {"success": True, "message": "OK", "code": status, "data": data}
        return cls(status=status, body=json.dumps(payload).encode(), **kwargs)

    @classmethod
    def error(cls, status: int, message: str = "failed", **kwargs: Any) -> RawReply:
        payload = {"success": False, "message": message, "code": status}
        return cls(status=status, body=json.dumps(payload).encode(), **kwargs)


_REASONS = {200: "OK", 201: "Created", 204: "No Content", 404: "Not Found", 429: "Too Many"}


class RawServer:
    def __init__(self, handler: Callable[[RawRequest], RawReply]) -> None:
        self.handler = handler
        self.requests: list[RawRequest] = []
        self.connections = 0
        self.port = 0
        self._loop = asyncio.new_event_loop()
        self._ready = threading.Event()
        self._stop: asyncio.Event | None = None
        self._thread = threading.Thread(target=self._run, name="raw-server", daemon=True)
        self._writers: set[asyncio.StreamWriter] = set()
        self._tasks: set[asyncio.Task[None]] = set()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/v1"

    @property
    def token_url(self) -> str:
        return f"http://127.0.0.1:{self.port}/token"

    def seen(self, method: str | None = None, path: str | None = None) -> list[RawRequest]:
        return [
            r
            for r in list(self.requests)
            if (method is None or r.method == method) and (path is None or r.path == path)
        ]

    def start(self) -> None:
        self._thread.start()
        if not self._ready.wait(10):
            raise RuntimeError("raw server did not start")

    def stop(self) -> None:
        if self._stop is not None:
            self._loop.call_soon_threadsafe(self._stop.set)
        self._thread.join(10)

    def _run(self) -> None:
        asyncio.set_event_loop(self._loop)
        try:
            self._loop.run_until_complete(self._serve())
        finally:
            self._loop.close()

    async def _serve(self) -> None:
        self._stop = asyncio.Event()
        server = await asyncio.start_server(self._connection, "127.0.0.1", 0)
        self.port = server.sockets[0].getsockname()[1]
        self._ready.set()
        async with server:
            await self._stop.wait()
            server.close()
            for task in list(self._tasks):
                task.cancel()
            await asyncio.gather(*self._tasks, return_exceptions=True)

    async def _connection(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        self.connections += 1
        serial = self.connections
        task = asyncio.current_task()
        assert task is not None
        self._tasks.add(task)
        self._writers.add(writer)
        index = 0
        try:
            while True:
                try:
                    head = await reader.readuntil(b"\r\n\r\n")
                except (asyncio.IncompleteReadError, ConnectionError):
                    return
                lines = head.decode("latin-1").split("\r\n")
                method, target, _ = lines[0].split(" ", 2)
                headers: dict[str, str] = {}
                for line in lines[1:]:
                    if ":" in line:
                        name, value = line.split(":", 1)
                        headers[name.strip().lower()] = value.strip()
                length = int(headers.get("content-length", "0"))
                body = await reader.readexactly(length) if length else b""
                path = target.split("?", 1)[0]
                if path.startswith("http://"):  # absolute form, as sent to a proxy
                    path = "/" + path.split("/", 3)[3]
                if path.startswith("/v1/"):
                    path = path[3:]
                request = RawRequest(method, path, headers, body, serial, index)
                self.requests.append(request)
                index += 1
                reply = self.handler(request)
                if reply.then == "drop":
                    return
                if reply.then == "hang":
                    await asyncio.Event().wait()
                reason = _REASONS.get(reply.status, "Status")
                head_lines = [
                    f"HTTP/1.1 {reply.status} {reason}",
                    "Connection: keep-alive",
                    *(f"{k}: {v}" for k, v in reply.headers.items()),
                ]
                if reply.status not in (204, 304):
                    head_lines.append(f"Content-Length: {len(reply.body)}")
                    if reply.body and "content-type" not in {k.lower() for k in reply.headers}:
                        head_lines.append("Content-Type: application/json")
                writer.write(("\r\n".join(head_lines) + "\r\n\r\n").encode("latin-1"))
                if reply.status not in (204, 304):
                    writer.write(reply.body)
                await writer.drain()
                if reply.then == "close":
                    return
        except (ConnectionError, asyncio.CancelledError):
            return
        finally:
            self._tasks.discard(task)
            self._writers.discard(writer)
            writer.close()
            with contextlib.suppress(Exception):
                await writer.wait_closed()


@contextlib.contextmanager
def raw_server(handler: Callable[[RawRequest], RawReply]) -> Iterator[RawServer]:
    server = RawServer(handler)
    server.start()
    try:
        yield server
    finally:
        server.stop()
