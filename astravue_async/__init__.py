"""astravue-async: the async-first Python SDK for the Astravue REST API.

Quick start::

    import asyncio
    from datetime import timedelta

    from astravue_async import AstravueClient, NotFoundError
    from astravue_async.models import TaskDto

    async def main() -> None:
        async with AstravueClient.from_env() as client:  # ASTRAVUE_ORG_ID, ASTRAVUE_ACCESS_TOKEN
            task: TaskDto = await client.tasks.create(task_title="Write the report")
            await client.timers.add_manual(task.task_id, duration=timedelta(minutes=90))
            async for each in client.tasks.list(search="report"):  # every page, lazily
                print(each.task_id, each.task_title)
            try:
                await client.tasks.get(123)
            except NotFoundError as exc:
                print(exc.status, exc.message)

    asyncio.run(main())

Where things are:

* :class:`AstravueClient`: one client per organisation; ``client.<resource>.<verb>()`` for
  every operation (``help(AstravueClient)`` lists the resources). ``astravue_async.sync``
  has the blocking twin, :class:`~astravue_async.sync.AstravueSyncClient`.
* :mod:`astravue_async.models`: every request and response model and enum.
* Errors: everything raised is an :class:`AstravueError`; HTTP failures are
  :class:`APIStatusError` subclasses (:class:`NotFoundError`, :class:`RateLimitError` ...),
  network failures :class:`APIConnectionError` (``request_sent`` says whether the server may
  have acted).
* Auth: :mod:`astravue_async.auth` (tokens, the authorization-code flow with PKCE) and
  :mod:`astravue_async.stores` (where rotating refresh tokens are kept, shared by workers);
  :mod:`astravue_async.redis` for many hosts.
* Testing: :mod:`astravue_async.testing` (``FakeAstravue``, an in-process fake of the API).

Documentation: the README; the API itself: https://docs.astravue.com/
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from astravue_async._version import __version__

# Nothing else is imported until it is used: `import astravue_async` should not pay for
# aiohttp, the models or the token stores before a program asks for them (module
# __getattr__, PEP 562). Type checkers and IDEs read these imports instead.
if TYPE_CHECKING:
    from astravue_async import models
    from astravue_async._errors import (
        APIConnectionError,
        APIStatusError,
        APITimeoutError,
        AstravueError,
        AuthenticationError,
        BadRequestError,
        ConflictError,
        DecodeError,
        FieldError,
        InternalServerError,
        LeaseLostError,
        NotFoundError,
        PermissionDeniedError,
        RateLimitError,
        ResponseDecodeError,
        TLSError,
        TokenStoreError,
        UnprocessableEntityError,
    )
    from astravue_async._observability import AttemptEvent, EventHooks, TokenRefreshEvent
    from astravue_async._pagination import (
        CollectionChange,
        CollectionChangedError,
        CollectionChangedWarning,
        OnChange,
        Page,
        PaginationError,
        Paginator,
    )
    from astravue_async._ratelimit import LocalRateLimiter, RateLimiter
    from astravue_async._response import APIResponse
    from astravue_async._types import NOT_GIVEN, NotGiven
    from astravue_async.auth import (
        AuthorizationRequest,
        OAuth2Token,
        TokenLease,
        TokenStore,
        build_authorization_url,
        exchange_code,
    )
    from astravue_async.client import AstravueClient, ClientOptions
    from astravue_async.stores import JSONFileTokenStore, MemoryTokenStore

__all__ = [
    "NOT_GIVEN",
    "APIConnectionError",
    "APIResponse",
    "APIStatusError",
    "APITimeoutError",
    "AstravueClient",
    "AstravueError",
    "AttemptEvent",
    "AuthenticationError",
    "AuthorizationRequest",
    "BadRequestError",
    "ClientOptions",
    "CollectionChange",
    "CollectionChangedError",
    "CollectionChangedWarning",
    "ConflictError",
    "DecodeError",
    "EventHooks",
    "FieldError",
    "InternalServerError",
    "JSONFileTokenStore",
    "LeaseLostError",
    "LocalRateLimiter",
    "MemoryTokenStore",
    "NotFoundError",
    "NotGiven",
    "OAuth2Token",
    "OnChange",
    "Page",
    "PaginationError",
    "Paginator",
    "PermissionDeniedError",
    "RateLimitError",
    "RateLimiter",
    "ResponseDecodeError",
    "TLSError",
    "TokenLease",
    "TokenRefreshEvent",
    "TokenStore",
    "TokenStoreError",
    "UnprocessableEntityError",
    "__version__",
    "build_authorization_url",
    "exchange_code",
    "models",
]

# Where each lazily imported name lives (a module path, or None for a submodule of ours).
_SOURCES: dict[str, str | None] = {
    **dict.fromkeys(
        (
            "APIConnectionError",
            "APIStatusError",
            "APITimeoutError",
            "AstravueError",
            "AuthenticationError",
            "BadRequestError",
            "ConflictError",
            "DecodeError",
            "FieldError",
            "InternalServerError",
            "LeaseLostError",
            "NotFoundError",
            "PermissionDeniedError",
            "RateLimitError",
            "ResponseDecodeError",
            "TLSError",
            "TokenStoreError",
            "UnprocessableEntityError",
        ),
        "astravue_async._errors",
    ),
    **dict.fromkeys(
        (
            "CollectionChange",
            "CollectionChangedError",
            "CollectionChangedWarning",
            "OnChange",
            "Page",
            "PaginationError",
            "Paginator",
        ),
        "astravue_async._pagination",
    ),
    **dict.fromkeys(
        ("AttemptEvent", "EventHooks", "TokenRefreshEvent"), "astravue_async._observability"
    ),
    "APIResponse": "astravue_async._response",
    "LocalRateLimiter": "astravue_async._ratelimit",
    "RateLimiter": "astravue_async._ratelimit",
    "NOT_GIVEN": "astravue_async._types",
    "NotGiven": "astravue_async._types",
    **dict.fromkeys(
        (
            "AuthorizationRequest",
            "OAuth2Token",
            "TokenLease",
            "TokenStore",
            "build_authorization_url",
            "exchange_code",
        ),
        "astravue_async.auth",
    ),
    "AstravueClient": "astravue_async.client",
    "ClientOptions": "astravue_async.client",
    "JSONFileTokenStore": "astravue_async.stores",
    "MemoryTokenStore": "astravue_async.stores",
    # Submodules that `import astravue_async` used to load, so `astravue_async.auth.X` works.
    **dict.fromkeys(("auth", "client", "models", "resources", "stores"), None),
}


# Hidden from type checkers: a module __getattr__ would make them accept any name
# (`from astravue_async import NotFoundEror`); the TYPE_CHECKING imports above are the
# whole typed surface.
if not TYPE_CHECKING:

    def __getattr__(name: str) -> Any:
        try:
            source = _SOURCES[name]
        except KeyError:
            raise AttributeError(f"module 'astravue_async' has no attribute {name!r}") from None
        if source is None:
            value: Any = importlib.import_module(f"astravue_async.{name}")
        else:
            value = getattr(importlib.import_module(source), name)
        globals()[name] = value  # found once; later lookups do not come back here
        return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_SOURCES))
