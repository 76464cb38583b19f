"""A scripted Astravue-like API + token endpoint on 127.0.0.1, for transport tests.

:class:`ScriptedServer` answers every API route from a per-route script of steps (then a
per-route default), records every request it saw, tracks how many are in flight at once
and runs a small Keycloak-like token endpoint that rotates refresh tokens and counts grants.
With ``enforce_auth`` the API answers 401 to any bearer token the endpoint did not issue (or
that was revoked), like a resource server validating tokens.
"""

from __future__ import annotations

import asyncio
import contextlib
import itertools
import json
from collections import deque
from collections.abc import AsyncIterator, Awaitable, Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from aiohttp import web

__all__ = [
    "API_PREFIX",
    "TOKEN_PATH",
    "Recorded",
    "Reply",
    "ScriptedServer",
    "envelope",
    "error_body",
    "running_server",
]

TOKEN_PATH = "/realms/astravue/protocol/openid-connect/token"
API_PREFIX = "/v1"

Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]


def envelope(data: Any = None, *, code: int = 200, message: str = "OK") -> dict[str, Any]:
    """The API's documented success envelope."""
    return {"success": True, "message": message, "code": code, "data": data}


def error_body(
    status: int, message: str = "failed", errors: list[dict[str, Any]] | None = None
) -> dict[str, Any]:
    """The API's documented error envelope (``ApiError``)."""
    body: dict[str, Any] = {"success": False, "message": message, "code": status}
    if errors is not None:
        body["errors"] = errors
    return body


@dataclass
class Reply:
    """One scripted answer: JSON (``json``) or raw text (``text``) with a status and headers.

    ``delay`` waits (at most that long, less if the server is being torn down) before
    answering, for timeouts and concurrency checks.
    """

    status: int = 200
    json: Any = None
    text: str | None = None
    headers: Mapping[str, str] = field(default_factory=dict)
    content_type: str = "application/json"
    delay: float = 0.0

    @classmethod
    def ok(cls, data: Any = None, **kwargs: Any) -> Reply:
        return cls(json=envelope(data), **kwargs)

    @classmethod
    def error(
        cls,
        status: int,
        message: str = "failed",
        errors: list[dict[str, Any]] | None = None,
        **kwargs: Any,
    ) -> Reply:
        return cls(status=status, json=error_body(status, message, errors), **kwargs)


Step = Reply | Handler


@dataclass
class Recorded:
    """What the server saw of one request (paths relative to :data:`API_PREFIX`)."""

    method: str
    path: str
    raw_path: str
    query: list[tuple[str, str]]
    headers: dict[str, str]
    body: bytes

    @property
    def json(self) -> Any:
        return json.loads(self.body)

    @property
    def bearer(self) -> str | None:
        value = self.headers.get("Authorization", "")
        return value.removeprefix("Bearer ") if value.startswith("Bearer ") else None


@dataclass
class ScriptedServer:
    """State and behaviour of the fake API; see the module docstring."""

    url: str = ""
    token_url: str = ""
    token_prefix: str = "tok"
    expires_in: int = 1800
    enforce_auth: bool = False
    requests: list[Recorded] = field(default_factory=list)
    token_requests: list[dict[str, str]] = field(default_factory=list)
    token_script: deque[Step] = field(default_factory=deque)
    valid_access: set[str] = field(default_factory=set)
    valid_refresh: set[str] = field(default_factory=set)
    valid_codes: set[str] = field(default_factory=set)
    issued: list[str] = field(default_factory=list)
    echo_rejected_refresh: bool = False
    in_flight: int = 0
    max_in_flight: int = 0
    released: asyncio.Event = field(default_factory=asyncio.Event)
    _scripts: dict[tuple[str, str], deque[Step]] = field(default_factory=dict)
    _defaults: dict[tuple[str, str], Step] = field(default_factory=dict)
    _counter: itertools.count[int] = field(default_factory=lambda: itertools.count(1))

    # ------------------------------------------------------------------ scripting

    def script(self, method: str, path: str, *steps: Step) -> None:
        """Answer the next requests to ``method path`` with ``steps``, in order."""
        self._scripts.setdefault((method.upper(), path), deque()).extend(steps)

    def default(self, method: str, path: str, step: Step) -> None:
        """Answer ``method path`` with ``step`` once its script is used up."""
        self._defaults[(method.upper(), path)] = step

    def seen(self, method: str | None = None, path: str | None = None) -> list[Recorded]:
        """Recorded API requests, optionally filtered."""
        return [
            r
            for r in self.requests
            if (method is None or r.method == method.upper()) and (path is None or r.path == path)
        ]

    @property
    def grants(self) -> int:
        """How many token requests (of any grant type) reached the token endpoint."""
        return len(self.token_requests)

    def issue_refresh_token(self) -> str:
        token = f"{self.token_prefix}-RT-{next(self._counter)}"
        self.valid_refresh.add(token)
        self.issued.append(token)
        return token

    def issue_access_token(self) -> str:
        token = f"{self.token_prefix}-AT-{next(self._counter)}"
        self.valid_access.add(token)
        self.issued.append(token)
        return token

    def revoke_access_tokens(self) -> None:
        self.valid_access.clear()

    # ------------------------------------------------------------------ handlers

    async def _answer(self, step: Step, request: web.Request) -> web.StreamResponse:
        if not isinstance(step, Reply):
            return await step(request)
        if step.delay:
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self.released.wait(), step.delay)
        if step.text is not None:
            return web.Response(
                status=step.status,
                text=step.text,
                headers=dict(step.headers),
                content_type=step.content_type,
            )
        return web.json_response(step.json, status=step.status, headers=dict(step.headers))

    async def handle_api(self, request: web.Request) -> web.StreamResponse:
        body = await request.read()
        self.requests.append(
            Recorded(
                method=request.method,
                path=request.path.removeprefix(API_PREFIX),
                raw_path=request.raw_path.removeprefix(API_PREFIX),
                query=list(request.query.items()),
                headers=dict(request.headers),
                body=body,
            )
        )
        self.in_flight += 1
        self.max_in_flight = max(self.max_in_flight, self.in_flight)
        try:
            if self.enforce_auth:
                value = request.headers.get("Authorization", "")
                if value.removeprefix("Bearer ") not in self.valid_access:
                    return web.json_response(error_body(401, "invalid token"), status=401)
            key = (request.method, request.path.removeprefix(API_PREFIX))
            queue = self._scripts.get(key)
            if queue:
                step = queue.popleft()
            elif key in self._defaults:
                step = self._defaults[key]
            else:
                step = Reply.error(404, f"nothing scripted for {request.method} {request.path}")
            return await self._answer(step, request)
        finally:
            self.in_flight -= 1

    def _issue(self) -> web.Response:
        return web.json_response(
            {
                "access_token": self.issue_access_token(),
                "refresh_token": self.issue_refresh_token(),
                "token_type": "Bearer",
                "expires_in": self.expires_in,
                "refresh_expires_in": 0,
                "scope": "openid",
            }
        )

    async def handle_token(self, request: web.Request) -> web.StreamResponse:
        form = {k: str(v) for k, v in (await request.post()).items()}
        self.token_requests.append(form)
        if self.token_script:
            return await self._answer(self.token_script.popleft(), request)
        grant = form.get("grant_type")
        if grant == "refresh_token":
            presented = form.get("refresh_token", "")
            if presented in self.valid_refresh:
                self.valid_refresh.discard(presented)  # rotation, like Keycloak
                return self._issue()
            description = "Token is not active"
            if self.echo_rejected_refresh:
                # A hostile/buggy server quoting the secret back; the SDK must scrub it.
                description = f"Token {presented} is not active"
            return web.json_response(
                {"error": "invalid_grant", "error_description": description}, status=400
            )
        if grant == "authorization_code":
            code = form.get("code", "")
            if code in self.valid_codes:
                self.valid_codes.discard(code)
                return self._issue()
            return web.json_response(
                {"error": "invalid_grant", "error_description": f"Code {code} not valid"},
                status=400,
            )
        return web.json_response({"error": "unsupported_grant_type"}, status=400)


@contextlib.asynccontextmanager
async def running_server(**kwargs: Any) -> AsyncIterator[ScriptedServer]:
    """Start a :class:`ScriptedServer` on an ephemeral port; always torn down."""
    server = ScriptedServer(**kwargs)
    app = web.Application()
    app.router.add_post(TOKEN_PATH, server.handle_token)
    app.router.add_route("*", API_PREFIX + "/{tail:.*}", server.handle_api)
    # handler_cancellation: a client that times out and disconnects cancels its handler;
    # the short shutdown_timeout bounds teardown even if some handler is still waiting.
    runner = web.AppRunner(app, access_log=None, handler_cancellation=True, shutdown_timeout=1.0)
    await runner.setup()
    try:
        site = web.TCPSite(runner, "127.0.0.1", 0)
        await site.start()
        sockets = runner.addresses
        host, port = sockets[0][:2]
        server.url = f"http://{host}:{port}{API_PREFIX}"
        server.token_url = f"http://{host}:{port}{TOKEN_PATH}"
        yield server
    finally:
        server.released.set()
        await runner.cleanup()
