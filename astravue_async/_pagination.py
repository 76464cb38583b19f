"""Paginators: ``await`` one for the first page, ``async for`` it for every item.

The paging rules (parameter names, where the items and the ``last`` flag live) come from the
operation descriptor's ``x-pagination``, so no resource has paging code of its own. Endpoints
that return a plain array are a single page through the same interface.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable, Generator, Iterator, Mapping
from typing import Any, Generic, TypeVar

import attrs

from astravue_async._convert import wire_name
from astravue_async._descriptors import Operation, Pagination
from astravue_async._errors import AstravueError

__all__ = ["Page", "PaginationError", "Paginator"]

T = TypeVar("T")

Fetch = Callable[[Operation, Mapping[str, Any]], Awaitable[Any]]


class PaginationError(AstravueError):
    """The server's pages are inconsistent (e.g. it keeps sending the same page)."""


@attrs.frozen
class Page(Generic[T]):
    """One page of a list operation."""

    items: list[T]
    page: int
    """0-based page number."""
    size: int | None
    """Requested page size (``None`` for endpoints that return everything at once)."""
    total_elements: int | None
    """Total across all pages, when the server says."""
    has_next: bool
    """Whether another page may follow."""

    def __iter__(self) -> Iterator[T]:
        return iter(self.items)

    def __len__(self) -> int:
        return len(self.items)


def _attribute(model: Any, wire: str | None, *, required: bool = True) -> Any:
    """Read a field of a decoded page model by its wire name."""
    if wire is None:
        return None
    for field in attrs.fields(type(model)):
        if wire_name(field) == wire:
            return getattr(model, field.name)
    if not required:
        return None
    raise PaginationError(f"{type(model).__name__} has no field {wire!r} (x-pagination)")


def page_from_response(
    data: Any, paging: Pagination | None, *, number: int, size: int | None
) -> Page[Any]:
    """Turn an operation's decoded ``data`` into a :class:`Page` (pure; no I/O)."""
    if paging is None:
        items = list(data or [])
        return Page(items=items, page=0, size=None, total_elements=len(items), has_next=False)
    items = list(_attribute(data, paging.items_field) or [])
    last = _attribute(data, paging.last_field)
    total = _attribute(data, paging.total_field)
    # A server may cap the page size below what was asked; judging "short" against its own
    # `size` keeps a capped page from being mistaken for the last one.
    served_size = _attribute(data, paging.size_param, required=False)
    expected = served_size if isinstance(served_size, int) and served_size > 0 else size
    has_next = bool(items) and last is not True and (expected is None or len(items) >= expected)
    if total is not None and expected is not None and number * expected + len(items) >= total:
        has_next = False
    return Page(items=items, page=number, size=size, total_elements=total, has_next=has_next)


class Paginator(Generic[T]):
    """Lazily walks a list operation.

    * ``await paginator`` → the first :class:`Page`;
    * ``async for item in paginator`` → every item, fetching a page only when needed;
    * ``async for page in paginator.pages()`` → page by page.

    ``limit`` caps the number of items; ``page_size`` sets the page size.
    """

    def __init__(
        self,
        fetch: Fetch,
        operation: Operation,
        arguments: Mapping[str, Any],
        *,
        page_size: int | None = None,
        limit: int | None = None,
    ) -> None:
        if limit is not None and (isinstance(limit, bool) or not isinstance(limit, int)):
            raise TypeError(f"limit must be an int or None, not {type(limit).__name__}")
        if limit is not None and limit < 0:
            raise ValueError(f"limit must be >= 0, got {limit}")
        paging = operation.pagination
        if page_size is not None:
            if paging is None:
                raise ValueError(f"{operation.operation_id} is not paged; page_size does not apply")
            if isinstance(page_size, bool) or not isinstance(page_size, int):
                raise TypeError(f"page_size must be an int, not {type(page_size).__name__}")
            if page_size < 1 or (paging.max_size is not None and page_size > paging.max_size):
                raise ValueError(
                    f"page_size must be between 1 and {paging.max_size}, got {page_size}"
                )
        self._fetch = fetch
        self._operation = operation
        self._arguments = dict(arguments)
        self._paging = paging
        self._size = (
            page_size if page_size is not None else (paging.default_size if paging else None)
        )
        self._limit = limit

    def __repr__(self) -> str:
        return f"<Paginator {self._operation.operation_id} limit={self._limit}>"

    async def _page(self, number: int) -> Page[T]:
        arguments = self._arguments
        if self._paging is not None:
            python_names = {p.wire_name: p.python_name for p in self._operation.parameters}
            arguments = {
                **arguments,
                python_names[self._paging.page_param]: number,
                python_names[self._paging.size_param]: self._size,
            }
        data = await self._fetch(self._operation, arguments)
        return page_from_response(data, self._paging, number=number, size=self._size)

    async def first_page(self) -> Page[T]:
        """The first page (what ``await paginator`` returns)."""
        if self._limit == 0:
            return Page(items=[], page=0, size=self._size, total_elements=None, has_next=False)
        page = await self._page(0)
        if self._limit is not None and len(page.items) > self._limit:
            page = attrs.evolve(page, items=page.items[: self._limit], has_next=False)
        return page

    def __await__(self) -> Generator[Any, None, Page[T]]:
        return self.first_page().__await__()

    async def pages(self) -> AsyncIterator[Page[T]]:
        """Every page in order, stopping at the last (or once ``limit`` items were seen)."""
        remaining = self._limit
        number = 0
        seen: set[tuple[int, str, str]] = set()
        while remaining is None or remaining > 0:
            page = await self._page(number)
            if page.items:
                # First and last item identify a page cheaply; seeing one again means the
                # server is serving pages we already yielded (a loop, not new data).
                fingerprint = (len(page.items), repr(page.items[0]), repr(page.items[-1]))
                if fingerprint in seen:
                    raise PaginationError(
                        f"{self._operation.operation_id}: page {number} repeats an earlier "
                        "page; stopping instead of looping forever"
                    )
                seen.add(fingerprint)
            if remaining is not None and len(page.items) >= remaining:
                yield attrs.evolve(page, items=page.items[:remaining], has_next=False)
                return
            if remaining is not None:
                remaining -= len(page.items)
            yield page
            if not page.has_next:
                return
            number += 1

    async def __aiter__(self) -> AsyncIterator[T]:
        async for page in self.pages():
            for item in page.items:
                yield item

    async def to_list(self) -> list[T]:
        """Every item (respecting ``limit``) in one list."""
        return [item async for item in self]
