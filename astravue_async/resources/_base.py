"""What every resource namespace shares: a transport, per-client options and the
``@api_operation`` marker that documents and registers which operations a method runs."""

from __future__ import annotations

import copy
from collections.abc import Awaitable, Callable, Coroutine, Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

import attrs

from astravue_async._descriptors import Operation
from astravue_async._pagination import Page, Paginator
from astravue_async._request import prepare
from astravue_async._response import APIResponse
from astravue_async._types import NOT_GIVEN

if TYPE_CHECKING:
    from astravue_async._transport import RequestOptions, Transport

__all__ = [
    "Resource",
    "api_operation",
    "as_raw",
    "build_body",
    "first_page_response",
    "operations_of",
]

F = TypeVar("F", bound=Callable[..., Any])
M = TypeVar("M")
T = TypeVar("T")

_MARK = "__astravue_operations__"


def api_operation(*operations: Operation) -> Callable[[F], F]:
    """Mark a facade method as the way to run ``operations`` and document them.

    The docstring gains an "API" section naming each operation, its method, path and doc
    URL, generated from the descriptor so it cannot drift from the spec.
    """

    def decorate(method: F) -> F:
        lines = [(method.__doc__ or "").rstrip(), "", "API:"]
        for op in operations:
            lines.append(
                f"    ``{op.operation_id}``: {op.method} {op.path} ({op.summary}); {op.doc_url}"
            )
        method.__doc__ = "\n".join(lines) + "\n"
        setattr(method, _MARK, operations)
        return method

    return decorate


def operations_of(method: Callable[..., Any]) -> tuple[Operation, ...]:
    """The operations a facade method was marked with (empty if none)."""
    return tuple(getattr(method, _MARK, ()))


class _BodyFields:
    """What :func:`build_body` needs of a request model, read once per model."""

    __slots__ = ("fields", "required")

    def __init__(self, model: type[Any]) -> None:
        fields = attrs.fields(model)
        # (name, whether None means "not given": the field's default is None)
        self.fields = tuple((f.name, f.default is None) for f in fields)
        self.required = tuple(f.name for f in fields if f.default is attrs.NOTHING)


# One entry per request model of the spec, so it needs no bound.
_BODY_FIELDS: dict[type[Any], _BodyFields] = {}


def build_body(model: type[M], body: M | None, arguments: Mapping[str, Any]) -> M:
    """A request model from either a ready instance or the method's keyword arguments.

    ``arguments`` maps model field names to the keyword values; anything else in it (ids,
    ``self``) is ignored. A keyword counts as given unless it is :data:`NOT_GIVEN`: ``None``
    is passed on, so the model sends JSON ``null`` for it where the field is nullable. Models
    whose optional fields still default to ``None`` cannot tell null from absent, so there
    ``None`` means "not given" as well.

    Args:
        model: The request model class of the operation.
        body: A ready ``model`` instance, or ``None`` to build one from ``arguments``.
        arguments: The method's keyword arguments, by model field name.

    Returns:
        ``body`` itself, or a new ``model`` holding exactly the given keywords.

    Raises:
        TypeError: ``body`` is not a ``model``, or both ``body`` and keywords were given, or
            there is no ``body`` and a required field was not given.
    """
    plan = _BODY_FIELDS.get(model)
    if plan is None:
        plan = _BODY_FIELDS[model] = _BodyFields(model)
    given: dict[str, Any] = {}
    for name, none_means_absent in plan.fields:
        value = arguments.get(name, NOT_GIVEN)
        if value is NOT_GIVEN or (value is None and none_means_absent):
            continue
        given[name] = value
    if body is not None:
        if not isinstance(body, model):
            raise TypeError(f"body must be a {model.__name__}, not {type(body).__name__}")
        if given:
            raise TypeError(
                f"pass either a {model.__name__} or keyword arguments, not both "
                f"(got {sorted(given)})"
            )
        return body
    missing = [name for name in plan.required if name not in given]
    if missing:
        raise TypeError(f"missing required argument(s): {', '.join(missing)}")
    return model(**given)


class Resource:
    """Base of ``client.<resource>`` namespaces."""

    def __init__(self, transport: Transport, options: RequestOptions) -> None:
        self._transport = transport
        self._options = options

    def _call(
        self, operation: Operation, arguments: Mapping[str, Any] | None = None, body: Any = None
    ) -> Awaitable[Any]:
        # Returns the transport's coroutine rather than awaiting it: one frame less to resume
        # on every suspension of every request.
        return self._transport.call(operation, arguments, body, options=self._options)

    def _paginate(
        self,
        operation: Operation,
        arguments: Mapping[str, Any] | None = None,
        *,
        page_size: int | None = None,
        limit: int | None = None,
    ) -> Paginator[Any]:
        prepare(operation, arguments or {})  # bad arguments fail here, not at first iteration

        async def fetch(op: Operation, args: Mapping[str, Any]) -> Any:
            return await self._transport.call(op, args, options=self._options)

        async def fetch_items(op: Operation, args: Mapping[str, Any]) -> Any:
            return await self._transport.call_items(op, args, options=self._options)

        return Paginator(
            fetch,
            operation,
            arguments or {},
            page_size=page_size,
            limit=limit,
            fetch_items=fetch_items,
        )


# --------------------------------------------------------------------- with_raw_response


def as_raw(call: Coroutine[Any, Any, T]) -> Coroutine[Any, Any, APIResponse[T]]:
    """The coroutine of a method of a resource built for ``with_raw_response``, typed as what
    it returns: there the transport answers with the :class:`APIResponse` whose ``parse()``
    is the method's usual result (``resources/_raw.py``). Nothing happens at run time."""
    return cast("Coroutine[Any, Any, APIResponse[T]]", call)


async def first_page_response(paginator: Paginator[T]) -> APIResponse[Page[T]]:
    """The response of ``paginator``'s first page, whose ``parse()`` is that page.

    ``paginator`` comes from a resource built for ``with_raw_response``: its requests answer
    with an :class:`APIResponse`, which is kept here while the paginator makes its page.

    Raises:
        ValueError: ``limit=0``: nothing is fetched, so there is no response.
    """
    responses: list[APIResponse[Any]] = []
    fetch = paginator._fetch

    async def keeping(operation: Operation, arguments: Mapping[str, Any]) -> Any:
        response: APIResponse[Any] = await fetch(operation, arguments)
        responses.append(response)
        return response.parse()

    twin = copy.copy(paginator)  # the caller's paginator keeps fetching models
    twin._fetch = keeping
    page = await twin.first_page()
    if not responses:
        raise ValueError("limit=0 fetches nothing, so there is no response to return")
    first = responses[0]
    return APIResponse(
        status=first.status,
        headers=first.headers.copy(),
        content=first.content,
        parse=lambda: page,
        elapsed=first.elapsed,
        attempts=first.attempts,
        operation_id=first.operation_id,
        method=first.method,
        url_template=first.url_template,
        path=first.path,
        request_id=first.request_id,
        http_version=first.http_version,
    )
