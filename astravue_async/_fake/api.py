"""The API side of the fake: routing by the generated descriptors and the request pipeline.

Every API request goes through the same steps, in the order a real deployment applies them:
count → injected faults (the "gateway") → route → bearer token (401) → ``X-Org-Id`` (400) →
path ids → JSON body → the operation's handler. Whatever the outcome, the answer is a success
envelope or an ``ApiError``, and it is logged (and recorded, when recording is on).
"""

from __future__ import annotations

import asyncio
import logging
import re
from dataclasses import dataclass
from http import HTTPStatus
from typing import Any

from aiohttp import web

from astravue_async._descriptors import Operation
from astravue_async._fake import ops_inbox, ops_spaces, ops_tasks, ops_timers
from astravue_async._fake.call import Call, Handler
from astravue_async._fake.clock import FakeClock, to_iso
from astravue_async._fake.envelope import ApiProblem, error_body, field_error, success_body
from astravue_async._fake.faults import Faults, normalise_path
from astravue_async._fake.journal import Journal, LoggedRequest
from astravue_async._fake.state import Store, User
from astravue_async._fake.tokens import TokenRegistry
from astravue_async._fake.validate import parse_json_body
from astravue_async._generated.operations import OPERATIONS

__all__ = ["API_PREFIX", "Api", "Route", "build_routes"]

API_PREFIX = "/v1"
_log = logging.getLogger("astravue_async.testing")

_HTML_PAGE = (
    "<html><head><title>{status} {phrase}</title></head><body>"
    "<center><h1>{status} {phrase}</h1></center><hr><center>nginx</center></body></html>"
)


@dataclass(frozen=True)
class Route:
    """One operation: its descriptor, a regex for its path and its handler."""

    operation: Operation
    pattern: re.Pattern[str]
    handler: Handler


def _compile(template: str) -> re.Pattern[str]:
    parts = re.split(r"\{(\w+)\}", template)
    # re.split alternates literal text and parameter names.
    regex = "".join(
        re.escape(part) if index % 2 == 0 else f"(?P<{part}>[^/]+)"
        for index, part in enumerate(parts)
    )
    return re.compile(f"^{regex}$")


def build_routes() -> list[Route]:
    """A route per operation of the spec; a missing or stray handler is a bug, found early."""
    handlers: dict[str, Handler] = {}
    for module in (ops_spaces, ops_tasks, ops_timers, ops_inbox):
        handlers.update(module.HANDLERS)
    missing, stray = set(OPERATIONS) - set(handlers), set(handlers) - set(OPERATIONS)
    if missing or stray:
        raise RuntimeError(f"fake handlers out of sync with the spec: {missing=} {stray=}")
    return [Route(op, _compile(op.path), handlers[op.operation_id]) for op in OPERATIONS.values()]


def _header_int(request: web.Request, name: str) -> int | None:
    raw = request.headers.get(name, "").strip()
    return int(raw) if raw.isdigit() else None


class Api:
    """aiohttp handler for everything under ``/v1``."""

    def __init__(
        self,
        store: Store,
        tokens: TokenRegistry,
        faults: Faults,
        journal: Journal,
        clock: FakeClock,
    ) -> None:
        self.store = store
        self.tokens = tokens
        self.faults = faults
        self.journal = journal
        self.clock = clock
        self.routes = build_routes()

    def add_routes(self, app: web.Application) -> None:
        """Route every method and path under ``/v1`` to :meth:`handle`."""
        app.router.add_route("*", API_PREFIX + "{tail:(/.*)?}", self.handle)

    def _match(self, method: str, path: str) -> tuple[Route | None, dict[str, str], bool]:
        """The route for a request, its raw path parameters, and whether the path exists."""
        path_exists = False
        for route in self.routes:
            found = route.pattern.match(path)
            if found is None:
                continue
            path_exists = True
            if route.operation.method == method:
                return route, found.groupdict(), True
        return None, {}, path_exists

    async def handle(self, request: web.Request) -> web.StreamResponse:
        """Answer one API request (see the module docstring for the steps)."""
        path = normalise_path(request.path)
        route, raw_params, path_exists = self._match(request.method, path)
        operation_id = None if route is None else route.operation.operation_id
        if operation_id is not None:
            self.journal.requests[operation_id] += 1
        status: int | None = None
        try:
            response = await self._respond(request, path, route, raw_params, path_exists)
            status = None if response is None else response.status
        finally:
            self.journal.log.append(
                LoggedRequest(
                    request.method,
                    request.path,
                    _header_int(request, "X-Org-Id"),
                    operation_id,
                    status,
                )
            )
        if response is None:
            # The transport is closed: aiohttp cannot send this, which is the point.
            return web.Response(status=500)
        return response

    async def _respond(
        self,
        request: web.Request,
        path: str,
        route: Route | None,
        raw_params: dict[str, str],
        path_exists: bool,
    ) -> web.StreamResponse | None:
        operation_id = None if route is None else route.operation.operation_id
        template = None if route is None else route.operation.path
        faults = self.faults
        if faults.delay:
            await asyncio.sleep(faults.delay)
        if faults.take_drop():
            if request.transport is not None:
                request.transport.close()
            return None
        html_status = faults.take_html()
        if html_status is not None:
            phrase = HTTPStatus(html_status).phrase
            page = _HTML_PAGE.format(status=html_status, phrase=phrase)
            return web.Response(status=html_status, text=page, content_type="text/html")
        try:
            rule = faults.take_failure(request.method, path, template)
            if rule is not None:
                headers = {}
                if rule.retry_after is not None:
                    headers["Retry-After"] = f"{rule.retry_after:g}"
                raise ApiProblem(rule.status, HTTPStatus(rule.status).phrase, headers=headers)
            random_status = faults.take_random_failure()
            if random_status is not None:
                raise ApiProblem(random_status, HTTPStatus(random_status).phrase)
            if route is None:
                if path_exists:
                    raise ApiProblem(405, f"Request method '{request.method}' is not supported")
                raise ApiProblem(404, f"No endpoint {request.method} {request.path}")
            call = await self._prepare(request, route, raw_params)
            data = route.handler(call)
        except ApiProblem as problem:
            body = error_body(
                problem.status,
                problem.message,
                request.path,
                to_iso(self.clock.now()),
                problem.errors,
            )
            return self._json(operation_id, problem.status, body, problem.headers)
        except Exception:
            _log.exception("FakeAstravue: unexpected error in %s", operation_id)
            body = error_body(
                500, "An unexpected error occurred", request.path, to_iso(self.clock.now())
            )
            return self._json(operation_id, 500, body)
        return self._json(operation_id, 200, success_body(data))

    def _json(
        self,
        operation_id: str | None,
        status: int,
        body: dict[str, Any],
        headers: dict[str, str] | None = None,
    ) -> web.Response:
        if operation_id is not None:
            self.journal.record(operation_id, status, body)
        return web.json_response(body, status=status, headers=headers)

    def _user(self, request: web.Request) -> User:
        scheme, _, token = request.headers.get("Authorization", "").partition(" ")
        user_id = self.tokens.user_of(token.strip()) if scheme.lower() == "bearer" else None
        if user_id is None or user_id not in self.store.users:
            raise ApiProblem(
                401,
                "Unauthorized: the access token is missing, invalid or expired",
                headers={"WWW-Authenticate": 'Bearer error="invalid_token"'},
            )
        return self.store.users[user_id]

    async def _prepare(
        self, request: web.Request, route: Route, raw_params: dict[str, str]
    ) -> Call:
        user = self._user(request)
        org_id = _header_int(request, "X-Org-Id")
        if org_id is None or org_id < 1:
            raw = request.headers.get("X-Org-Id")
            message = "must be a positive integer" if raw else "header is required"
            error = field_error("X-Org-Id", message, raw)
            raise ApiProblem(400, "Missing or invalid X-Org-Id header", [error])
        params: dict[str, int] = {}
        errors = []
        for name, value in raw_params.items():
            if value.isdigit():
                params[name] = int(value)
            else:
                errors.append(field_error(name, f"failed to convert {value!r} to an id", value))
        if errors:
            raise ApiProblem(400, "Invalid path parameters", errors)
        body: dict[str, Any] = {}
        operation = route.operation
        if operation.request_body is not None:
            body = parse_json_body(await request.read(), required=operation.body_required)
        return Call(
            store=self.store,
            org=self.store.org(org_id),
            user=user,
            params=params,
            query=request.query,
            body=body,
            now=self.clock.now(),
        )
