"""Paginators: ``await`` one for the first page, ``async for`` it for every item.

The paging rules (parameter names, where the items and the ``last`` flag live) come from the
operation descriptor's ``x-pagination``, so no resource has paging code of its own. Endpoints
that return a plain array are a single page through the same interface.

Paging is by page number, which cannot be exact over a collection that changes while it is
walked: a deletion shifts later items back (one is skipped per deletion), an insertion shifts
them forward (one is served twice). The paginator therefore remembers which items it has
yielded, never yields one twice, and reports a change it can see (see :class:`Paginator`).
"""

from __future__ import annotations

import copy
import sys
import warnings
from array import array
from collections.abc import AsyncIterator, Awaitable, Callable, Generator, Iterator, Mapping
from types import FrameType
from typing import Any, Generic, Literal, TypeVar, get_args

import attrs

from astravue_async._convert import wire_name
from astravue_async._descriptors import Operation, Pagination
from astravue_async._errors import AstravueError

__all__ = [
    "CollectionChange",
    "CollectionChangedError",
    "CollectionChangedWarning",
    "OnChange",
    "Page",
    "PaginationError",
    "Paginator",
]

T = TypeVar("T")

Fetch = Callable[[Operation, Mapping[str, Any]], Awaitable[Any]]

OnChange = Literal["raise", "warn", "ignore"]
"""What a paginator does when the collection changes under it (see :meth:`Paginator.on_change`)."""

_ON_CHANGE: tuple[str, ...] = get_args(OnChange)


class PaginationError(AstravueError):
    """The server's pages are inconsistent (e.g. it keeps sending the same page)."""


@attrs.frozen
class CollectionChange:
    """What a paginator saw when the collection changed under it.

    Carried by :class:`CollectionChangedError` and :class:`CollectionChangedWarning` as
    ``.change``; ``str()`` of it is their message.
    """

    operation_id: str
    """The list operation, e.g. ``"list_tasks"``."""
    page: int
    """0-based number of the page on which the change showed."""
    reasons: tuple[str, ...]
    """What was seen, one sentence each (total changed, items repeated, page short)."""
    yielded: int
    """Items the iteration had yielded before this page (none of them twice)."""
    previous_total: int | None
    """``totalElements`` of the page before (``None`` when the server did not say)."""
    total: int | None
    """``totalElements`` of this page (``None`` when the server did not say)."""
    repeated: int
    """Items on this page that had already been yielded; they are skipped, never re-yielded."""

    def __str__(self) -> str:
        return (
            f"{self.operation_id}: the collection changed while it was being paged "
            f"(page {self.page}: {'; '.join(self.reasons)}); {self.yielded} item(s) yielded "
            "before it, none twice. Paging by page number may have skipped items: iterate "
            "the paginator again to start over from page 0, and to delete or move every "
            "item, collect the ids first"
        )


class CollectionChangedError(PaginationError):
    """The collection changed while it was paged, so the walk may have skipped items.

    Raised (by default) before any item of the page that showed the change is yielded.
    ``change`` (a :class:`CollectionChange`) holds the page number, what was seen and how
    many items were yielded. Iterating the paginator again starts over from page 0.
    """

    def __init__(self, change: CollectionChange) -> None:
        super().__init__(change)
        self.change = change

    def __str__(self) -> str:
        return str(self.change)


class CollectionChangedWarning(UserWarning):
    """The collection changed while it was paged (``on_change("warn")``); the walk went on.

    ``change`` (a :class:`CollectionChange`) holds the page number, what was seen and how
    many items were yielded.
    """

    def __init__(self, change: CollectionChange) -> None:
        super().__init__(change)
        self.change = change

    def __str__(self) -> str:
        return str(self.change)


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


# --------------------------------------------------------------------------- item identity


_ID_FIELDS: dict[type[Any], str | None] = {}


def id_field(model: type[Any]) -> str | None:
    """The attribute that identifies an item of ``model``, or ``None`` if it has none.

    Chosen by wire name, in this order: ``<modelName>Id`` (the class name without a ``Dto``
    suffix, lower camel case: ``TaskDto`` → ``taskId``, ``TaskCheckListDto`` →
    ``taskCheckListId``); then ``id``; then the first declared field, if it is required and
    its wire name ends in ``Id``: every schema of the spec declares the object's own id first,
    before references such as ``taskId`` (``TimerData`` → ``timeTrackerId``).
    Classes that are not attrs models, or match none of these, have no id.
    """
    try:
        return _ID_FIELDS[model]
    except KeyError:
        pass
    found: str | None = None
    if attrs.has(model):
        fields = attrs.fields(model)
        by_wire: dict[str, str] = {wire_name(field): field.name for field in fields}
        stem = model.__name__.removesuffix("Dto")
        own = stem[:1].lower() + stem[1:] + "Id"
        first = fields[0] if fields else None
        if own in by_wire:
            found = by_wire[own]
        elif "id" in by_wire:
            found = by_wire["id"]
        elif (
            first is not None and first.default is attrs.NOTHING and wire_name(first).endswith("Id")
        ):
            found = first.name
    _ID_FIELDS[model] = found
    return found


_NO_ID: Any = object()


def _item_id(item: Any) -> Any:
    name = id_field(type(item))
    if name is None:
        return _NO_ID
    value = getattr(item, name, None)
    if type(value) is int:  # every id in the spec: skip the checks below
        return value
    if value is None or isinstance(value, bool):
        return _NO_ID
    try:
        hash(value)
    except TypeError:
        return _NO_ID
    return value


_MIN64 = -(2**63)
_MAX64 = 2**63 - 1
_MASK64 = 2**64 - 1
_GOLDEN = 0x9E3779B97F4A7C15  # Fibonacci hashing spreads sequential and strided ids evenly


class _IdSet:
    """A set of ids that costs 12-24 bytes per int64 id (a Python ``set`` of ints costs ~75).

    Open addressing with linear probing over one ``array('q')``: each slot is 8 bytes and the
    table stays between 1/3 and 2/3 full. Ids that are not int64 (strings, huge ints) go to a
    plain ``set`` beside it.
    """

    __slots__ = ("_bits", "_count", "_has_min", "_others", "_table")

    def __init__(self) -> None:
        self._bits = 4
        self._table = array("q", [_MIN64]) * (1 << self._bits)
        self._count = 0
        # _MIN64 marks an empty slot, so that one id is remembered by a flag instead.
        self._has_min = False
        self._others: set[Any] = set()

    def __len__(self) -> int:
        return self._count + self._has_min + len(self._others)

    @property
    def table_bytes(self) -> int:
        """Bytes held by the int64 table (for tests of the per-id cost)."""
        return self._table.itemsize * len(self._table)

    def add(self, key: Any) -> bool:
        """Remember ``key``; ``True`` if it is new, ``False`` if it was already there."""
        if type(key) is not int or not _MIN64 <= key <= _MAX64:
            if key in self._others:
                return False
            self._others.add(key)
            return True
        if key == _MIN64:
            new = not self._has_min
            self._has_min = True
            return new
        table = self._table
        mask = len(table) - 1
        slot = ((key * _GOLDEN) & _MASK64) >> (64 - self._bits)
        while True:
            held = table[slot]
            if held == key:
                return False
            if held == _MIN64:
                break
            slot = (slot + 1) & mask
        table[slot] = key
        self._count += 1
        if self._count * 3 >= len(table) * 2:
            self._grow()
        return True

    def _grow(self) -> None:
        old = self._table
        self._bits += 1
        self._table = array("q", [_MIN64]) * (1 << self._bits)
        self._count = 0
        for key in old:
            if key != _MIN64:
                self.add(key)


# --------------------------------------------------------------------------- paginator


class Paginator(Generic[T]):
    """Lazily walks a list operation.

    * ``await paginator`` → the first :class:`Page`;
    * ``async for item in paginator`` → every item, fetching a page only when needed;
    * ``async for page in paginator.pages()`` → page by page.

    ``limit`` caps the number of items (``None``: no cap; ``0``: nothing is fetched);
    ``page_size`` sets the page size (1 to the operation's maximum, usually 100). ``limit``
    counts items yielded, so a page cut short by ``limit`` is never followed by another.

    **A collection that changes while it is paged.** Pages are fetched by number, so
    deleting items (for example each item as it is handed over) shifts later items back and
    they are skipped; inserting items shifts earlier ones forward and they come back. The
    paginator therefore:

    * never yields an item twice: it identifies items by their id field (see
      :func:`id_field`) and skips an item it has already yielded. The ids are kept in a
      compact table of 12-24 bytes per item for int64 ids (half as much again for a moment
      while the table grows; other ids, e.g. strings, go in a plain ``set``), for one
      iteration only: 200,000 tasks cost about 4 MB. No page or item is kept once it has
      been handed over;
    * checks each page for a change: ``totalElements`` differs from the page before
      (deletions, insertions), items already yielded come back (insertions or reordering),
      or the walk ends (a short, empty or ``last`` page) before the position the server
      announced as its total.

    What then happens is set with :meth:`on_change` (or the ``on_change`` argument):
    ``"raise"`` (the default) raises :class:`CollectionChangedError` before anything of
    that page is yielded; ``"warn"`` issues a :class:`CollectionChangedWarning` per page
    that shows a change and goes on; ``"ignore"`` goes on silently (repeats are still
    skipped). Raising is the default because a walk that silently misses items is the
    costly failure (a "delete everything" loop that leaves a third behind), while an
    exception cannot go unnoticed; warnings are easily filtered away or never looked at.
    Callers that want a best-effort walk opt in to ``"warn"``.

    Every iteration (``async for``, :meth:`pages`, :meth:`to_list`) starts over from page 0
    with nothing remembered, so catching the error and iterating again is a restart. To
    delete (or move out of the list) every item, collect the ids first, or fetch page 0
    again until it comes back empty: never act on the collection while walking it.

    ``await paginator`` (:meth:`first_page`) fetches one page and checks nothing.

    Deletions are only visible when the server sends ``totalElements``; without it, a
    collection that shrinks between pages cannot be told from one that ends early.

    A server that serves the same page again (ignoring the page number) is a fault, not a
    change, and would otherwise be walked forever. A page made only of items already
    yielded, more of them than insertions (growth of ``totalElements``) account for, raises
    :class:`PaginationError` (not the ``CollectionChangedError`` subclass, so code that
    restarts on a change does not restart forever either) when ``totalElements`` did not
    move. Under ``"warn"``/``"ignore"`` one such page is tolerated (reordering can produce
    it) and reported as a change; a second in a row raises :class:`PaginationError`.
    Items without an id are compared a page at a time instead (a page equal to an earlier
    one raises :class:`PaginationError`).
    """

    def __init__(
        self,
        fetch: Fetch,
        operation: Operation,
        arguments: Mapping[str, Any],
        *,
        page_size: int | None = None,
        limit: int | None = None,
        on_change: OnChange = "raise",
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
        _check_on_change(on_change)
        self._fetch = fetch
        self._operation = operation
        self._arguments = dict(arguments)
        self._paging = paging
        self._size = (
            page_size if page_size is not None else (paging.default_size if paging else None)
        )
        self._limit = limit
        self._on_change: OnChange = on_change

    def __repr__(self) -> str:
        return (
            f"<Paginator {self._operation.operation_id} limit={self._limit} "
            f"on_change={self._on_change}>"
        )

    def on_change(self, policy: OnChange) -> Paginator[T]:
        """A copy of this paginator that handles a changing collection per ``policy``.

        :param policy: ``"raise"`` (the default of every list method):
            :class:`CollectionChangedError`; ``"warn"``: a :class:`CollectionChangedWarning`
            per page that shows a change, then go on; ``"ignore"``: go on silently. In every
            mode an item is yielded at most once and a repeating server raises
            :class:`PaginationError`.
        :returns: a new paginator (this one is unchanged), e.g.
            ``async for t in client.tasks.list().on_change("warn"): ...``.
        :raises ValueError: ``policy`` is not one of the three.
        """
        _check_on_change(policy)
        twin = copy.copy(self)
        twin._on_change = policy
        return twin

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
        """Every page in order, stopping at the last (or once ``limit`` items were seen).

        Items already yielded on an earlier page are left out of later pages, so a page may
        hold fewer than ``size`` items. Raises :class:`CollectionChangedError` (by default,
        see :meth:`on_change`) or :class:`PaginationError` as described on the class.
        """
        # A plain-array endpoint is one response: nothing can change between its pages.
        walk = _Walk(self._operation.operation_id, self._on_change) if self._paging else None
        remaining = self._limit
        number = 0
        while remaining is None or remaining > 0:
            page = await self._page(number)
            if walk is not None:
                page = walk.check(page)
                walk.yielded += len(page.items)
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


def _check_on_change(policy: Any) -> None:
    if not isinstance(policy, str) or policy not in _ON_CHANGE:
        raise ValueError(f"on_change must be one of {', '.join(_ON_CHANGE)}; got {policy!r}")


class _Walk:
    """What one iteration remembers: the ids it yielded and the totals it was told."""

    __slots__ = (
        "growth",
        "last_total",
        "operation_id",
        "page_hashes",
        "policy",
        "position",
        "repeated",
        "seen",
        "stalled",
        "yielded",
    )

    def __init__(self, operation_id: str, policy: OnChange) -> None:
        self.operation_id = operation_id
        self.policy = policy
        self.seen = _IdSet()
        # Items without an id cannot be told apart, so only whole repeated pages are caught
        # for them: one hash per page, not per item.
        self.page_hashes = _IdSet()
        self.yielded = 0
        self.position = 0
        """Items the server has served so far, repeats included: where the walk stands."""
        self.last_total: int | None = None
        self.growth = 0
        """Sum of the increases of ``totalElements``: how many repeats insertions explain."""
        self.repeated = 0
        self.stalled = False

    def check(self, page: Page[T]) -> Page[T]:
        """``page`` without items already yielded; reports a change per the policy."""
        fresh: list[T] = []
        anonymous = 0
        for item in page.items:
            key = _item_id(item)
            if key is _NO_ID:
                anonymous += 1
                fresh.append(item)
            elif self.seen.add(key):
                fresh.append(item)
        if anonymous and anonymous == len(page.items):
            fingerprint = hash((len(page.items), repr(page.items[0]), repr(page.items[-1])))
            if not self.page_hashes.add(fingerprint):
                raise self._loop(page.page)
        repeated = len(page.items) - len(fresh)
        self.position += len(page.items)
        self.repeated += repeated
        reasons: list[str] = []
        previous, total = self.last_total, page.total_elements
        if total is not None:
            if previous is not None and total != previous:
                reasons.append(f"totalElements went from {previous} to {total}")
                self.growth += max(0, total - previous)
            self.last_total = total
        if repeated:
            reasons.append(f"{repeated} item(s) already yielded were served again and skipped")
        # A page of nothing but items already yielded, more repeats than insertions (growth
        # of the total) account for: either the server ignores the page number, and going on
        # would loop forever, or the collection was reordered. Under "raise" that is a
        # server fault unless the total moved too; going on, one such page is tolerated.
        stalled = bool(page.items) and not fresh and self.repeated > self.growth
        if stalled:
            if self.stalled or (self.policy == "raise" and len(reasons) == 1):
                raise self._loop(page.page)
            reasons.append("no item on it was new")
        self.stalled = stalled
        known = total if total is not None else previous
        if not page.has_next and known is not None and self.position < known:
            reasons.append(
                f"the pages ended after {self.position} item(s), short of the {known} announced"
            )
        if reasons:
            self._report(
                CollectionChange(
                    operation_id=self.operation_id,
                    page=page.page,
                    reasons=tuple(reasons),
                    yielded=self.yielded,
                    previous_total=previous,
                    total=total,
                    repeated=repeated,
                )
            )
        if repeated:
            return attrs.evolve(page, items=fresh)
        return page

    def _loop(self, number: int) -> PaginationError:
        return PaginationError(
            f"{self.operation_id}: page {number} repeats an earlier page (every item on it "
            "was already yielded); stopping instead of looping forever"
        )

    def _report(self, change: CollectionChange) -> None:
        if self.policy == "raise":
            raise CollectionChangedError(change)
        if self.policy == "warn":
            warnings.warn(CollectionChangedWarning(change), stacklevel=_caller_level())


def _caller_level() -> int:
    """The ``stacklevel`` of the first frame outside this module: the warning then names the
    caller's ``async for`` line, however many paginator generators are in between."""
    level = 1
    frame: FrameType | None = sys._getframe(1)
    while frame is not None and frame.f_code.co_filename == __file__:
        level += 1
        frame = frame.f_back
    return level
