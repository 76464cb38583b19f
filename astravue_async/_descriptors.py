"""Types that describe API operations.

The generated ``_generated/operations.py`` holds one :class:`Operation` per operation of the
spec. They are plain data: building and sending the request is the transport's job.
"""

from __future__ import annotations

from typing import Any, Literal

import attrs

__all__ = ["Operation", "Pagination", "Parameter"]

ParameterLocation = Literal["path", "query", "header"]


@attrs.frozen
class Parameter:
    """One path, query or header parameter of an operation."""

    wire_name: str
    """Name on the wire, e.g. ``spaceId``."""
    python_name: str
    """snake_case name used by the facade, e.g. ``space_id``."""
    location: ParameterLocation
    annotation: Any
    """Python type of the value (``int``, ``str``, ``bool``, ``datetime``, an enum ...)."""
    required: bool = False
    default: Any = None
    minimum: float | None = None
    maximum: float | None = None


@attrs.frozen
class Pagination:
    """How a list operation pages (from the spec's ``x-pagination``)."""

    style: str
    page_param: str
    size_param: str
    items_field: str
    last_field: str | None = None
    total_field: str | None = None
    max_size: int | None = None
    default_size: int | None = None


@attrs.frozen(cache_hash=True)  # cached: operations key per-operation caches on hot paths
class Operation:
    """Everything needed to build a request for one operation and decode its response."""

    operation_id: str
    method: str
    path: str
    """Path template relative to the base URL, e.g. ``/spaces/{spaceId}``."""
    tag: str
    summary: str
    doc_url: str
    seed: bool
    idempotent: bool
    """Whether the request may be repeated after the server may have received it.

    True when a replay cannot change the outcome beyond what one success would (RFC 9110
    §9.2.2), judged per operation from the spec's ``x-idempotent``, not from the HTTP method:
    ``stop_timer`` is a PUT and is not repeatable. A repeated delete may answer 404.
    """
    parameters: tuple[Parameter, ...] = ()
    request_body: type[Any] | None = None
    body_required: bool = False
    response: Any = None
    """Type of the envelope's ``data`` (a model, ``list[Model]``, or ``None`` for no data)."""
    pagination: Pagination | None = None

    @property
    def path_parameters(self) -> tuple[Parameter, ...]:
        return tuple(p for p in self.parameters if p.location == "path")

    @property
    def query_parameters(self) -> tuple[Parameter, ...]:
        return tuple(p for p in self.parameters if p.location == "query")
