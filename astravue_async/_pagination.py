"""Paginators: ``await`` one for the first page, ``async for`` it for every item.

The paging rules (parameter names, where the items and the ``last`` flag live) come from the
operation descriptor's ``x-pagination``, so no resource has paging code of its own. Endpoints
that return a plain array are a single page through the same interface.

Paging is by page number, which cannot be exact over a collection that changes while it is
walked: a deletion shifts later items back (one is skipped per deletion), an insertion shifts
them forward (one is served twice). The paginator therefore remembers the ids of the last two
pages it fetched (and of a few anchor pages), skips an item served again, and reports a change
it can see (see :class:`Paginator`). Its memory is a few pages' worth of ids however long the
walk.
"""

from __future__ import annotations

import copy
import logging
import sys
import warnings
from collections import deque
from collections.abc import AsyncIterator, Awaitable, Callable, Generator, Iterator, Mapping
from operator import attrgetter
from types import FrameType
from typing import Any, Generic, Literal, TypeVar, get_args

import attrs

from astravue_async._convert import wire_name
from astravue_async._descriptors import Operation, Pagination
from astravue_async._errors import AstravueError
from astravue_async._fast_bytes import DeferredPage
from astravue_async._log import LOGGER_NAME, OPERATION

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

_log = logging.getLogger(LOGGER_NAME)


class PaginationError(AstravueError):
    """The server's pages are inconsistent (e.g. it keeps sending the same page).

    A server fault: iterating again would meet it again, so code that restarts on
    :class:`CollectionChangedError` (a subclass) should not restart on this.
    """


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
    """Items the iteration had yielded before this page."""
    previous_total: int | None
    """``totalElements`` of the page before (``None`` when the server did not say)."""
    total: int | None
    """``totalElements`` of this page (``None`` when the server did not say)."""
    repeated: int
    """Items on this page that a remembered earlier page had served; they are skipped, not
    yielded again. A second copy of an item within this page is not counted: that is a
    server fault, skipped and logged, not a change."""

    def __str__(self) -> str:
        return (
            f"{self.operation_id}: the collection changed while it was being paged "
            f"(page {self.page}: {'; '.join(self.reasons)}); {self.yielded} item(s) yielded "
            "before it. Paging by page number may have skipped items: iterate "
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
    """The items of this page, in the server's order (empty past the last page)."""
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


_FIELD_BY_WIRE: dict[tuple[type[Any], str], str | None] = {}
"""(page model, wire name) → attribute name; bounded by the spec's paged operations."""


def _attribute(model: Any, wire: str | None, *, required: bool = True) -> Any:
    """Read a field of a decoded page model by its wire name."""
    if wire is None:
        return None
    cls = type(model)
    try:
        name = _FIELD_BY_WIRE[cls, wire]
    except KeyError:
        found = (
            [f.name for f in attrs.fields(cls) if wire_name(f) == wire] if attrs.has(cls) else []
        )
        name = _FIELD_BY_WIRE[cls, wire] = found[0] if found else None
    if name is not None:
        return getattr(model, name)
    if not required:
        return None
    raise PaginationError(f"{cls.__name__} has no field {wire!r} (x-pagination)")


def page_from_response(
    data: Any,
    paging: Pagination | None,
    *,
    number: int,
    size: int | None,
    items: list[Any] | None = None,
) -> Page[Any]:
    """Turn an operation's decoded ``data`` into a :class:`Page` (pure; no I/O).

    ``items``: the page's items when ``data`` does not hold them (a deferred page).
    """
    if paging is None:
        items = _as_list(data) if items is None else items
        return Page(items=items, page=0, size=None, total_elements=len(items), has_next=False)
    if items is None:
        items = _as_list(_attribute(data, paging.items_field))
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


def _as_list(items: Any) -> list[Any]:
    # The decoder made this list for this page alone: the page takes it over, uncopied.
    return items if type(items) is list else list(items or [])


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
    key = model
    try:
        return _ID_FIELDS[key]
    except KeyError:
        pass
    found: str | None = None
    # A deferred page's items are msgspec mirrors of a model, under the same attribute names.
    model = getattr(model, "__astravue_model__", model)
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
    _ID_FIELDS[key] = found
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


_ID_GETTERS: dict[type[Any], Callable[[Any], Any] | None] = {}


def _int_ids(items: list[Any]) -> list[int] | None:
    """The ids of ``items`` when each is an ``int`` in one id field, read in one C-level pass
    (the normal case: every listed model of the spec has a required int id), else None."""
    cls = type(items[0])
    try:
        getter = _ID_GETTERS[cls]
    except KeyError:
        name = id_field(cls)
        getter = _ID_GETTERS[cls] = attrgetter(name) if name is not None else None
    if getter is None:
        return None
    try:
        ids = list(map(getter, items))
    except AttributeError:  # an item of another type: decided item by item
        return None
    # Anything but plain ints (True and False are no ids, see _item_id) goes item by item.
    return ids if set(map(type, ids)) == {int} else None


_PAGE: Any = object()
"""Marks a page fingerprint among the ids a walk remembers."""

_WINDOW = 2
"""Pages back whose ids a walk remembers: a repeat is recognised while the collection has
shifted by less than this many pages since it was served."""

_ORIGIN = 2
"""Pages from page 0 whose ids a walk remembers to its end: a server that wraps round to
its first page is stopped on the first page it serves again."""

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

    * skips an item served again: it identifies items by their id field (see
      :func:`id_field`) and remembers the ids served on the last two pages, plus those of
      pages 0 and 1 and of two later *anchor* pages (see below). Insertions between two
      fetches push items of the page before onto the next one; an item that comes back on
      one of the two pages after the last page that served it (the list shifted it forward
      by less than two pages) is recognised and not yielded again. Memory stays at a few
      pages of ids however long the walk (a few KiB at 100 items a page); no page or item
      is kept once it has been handed over. ``async for`` through the SDK's client builds
      each item into its model as it is read (everything that can fail was checked when
      the page arrived), so the models a consumer drops never reach the garbage
      collector's older generations;
    * checks each page for a change: ``totalElements`` differs from the page before
      (deletions, insertions), items served on a remembered page come back (insertions or
      reordering), or the walk ends (a short, empty or ``last`` page) before the position
      the server announced as its total.

    So within one iteration an item is yielded at most once *unless* it comes back more
    than two pages after the last page that served it, and that page was neither page 0
    or 1 nor a current anchor: such an item is not recognised and is yielded again.
    Insertions that shift the list that far also move ``totalElements``, so the change is
    still reported (by default raised before anything of that page is yielded); a reorder
    that keeps the total (an item edited while the list is sorted by update time) can
    bring an item back unnoticed, just as it can skip one unnoticed.

    An item twice on the same page cannot come from a change between fetches: that is a
    server fault. The second copy is skipped and a warning is logged on the
    ``astravue_async`` logger; the page is not reported as a change, so neither
    :class:`CollectionChangedError` (whose restart would meet the same page again) nor a
    warning follows from it. Nothing is missed on the paginator's side: every distinct
    item of the page is yielded once.

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
    change, and would otherwise be walked forever. A page made only of items served on
    remembered pages, more of them than insertions (growth of ``totalElements``) account
    for, raises :class:`PaginationError` (not the ``CollectionChangedError`` subclass, so
    code that restarts on a change does not restart forever either) when
    ``totalElements`` did not move. Under ``"warn"``/``"ignore"`` one such page is
    tolerated (reordering can produce it), reported as a change and yields nothing; a
    second in a row raises :class:`PaginationError`. Hence a server that repeats the page
    before, alternates between two pages, or wraps round to page 0 or 1 after any number
    of pages is stopped on the first page it serves again (the second under
    ``"warn"``/``"ignore"``) with no item yielded twice. One that loops back to a later
    page only (pages 0 to 9, then 4 to 9 over and over) is caught through the moving
    anchor pair (pages 2 and 3, then 4 and 5, 8 and 9, 16 and 17, ...) before the walk is
    about three times as long as the pages up to its first repeat, and the items on the way
    round are yielded again. Items without an id are compared a page at a time instead (a
    page equal to a remembered one raises :class:`PaginationError`).
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
        fetch_items: Fetch | None = None,
    ) -> None:
        """
        Args:
            fetch: Sends the operation with the given arguments; returns its decoded data.
            operation: The list operation's descriptor.
            arguments: Its arguments other than the page number and size.
            page_size: See the class.
            limit: See the class.
            on_change: See :meth:`on_change`.
            fetch_items: As ``fetch``, but may return a page whose items are built one at a
                time as ``async for`` reads them (the SDK's own transport does). None:
                ``fetch`` serves every iteration.
        """
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
        self._fetch_items = fetch_items
        self._operation = operation
        self._arguments = dict(arguments)
        self._paging = paging
        self._page_names: tuple[str, str] | None = None
        if paging is not None:
            python_names = {p.wire_name: p.python_name for p in operation.parameters}
            self._page_names = (python_names[paging.page_param], python_names[paging.size_param])
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

        In every mode, items served again on the pages the walk remembers are skipped (an
        item that moved further can be yielded again, see :class:`Paginator`), and a server
        that repeats its pages raises :class:`PaginationError`.

        Args:
            policy: ``"raise"`` (the default of every list method) raises
                :class:`CollectionChangedError`; ``"warn"`` issues a
                :class:`CollectionChangedWarning` per page that shows a change, then goes
                on; ``"ignore"`` goes on silently.

        Returns:
            A new paginator (this one is unchanged), e.g.
            ``async for t in client.tasks.list().on_change("warn"): ...``.

        Raises:
            ValueError: ``policy`` is not one of the three.
        """
        _check_on_change(policy)
        twin = copy.copy(self)
        twin._on_change = policy
        return twin

    async def _page(
        self, number: int, *, deferred: bool = False
    ) -> tuple[Page[T], Callable[[Any], T] | None]:
        """Page ``number`` and, for a deferred one, the function that builds each item."""
        arguments = self._arguments
        if self._page_names is not None:
            page_name, size_name = self._page_names
            arguments = {**arguments, page_name: number, size_name: self._size}
        fetch = self._fetch_items if deferred and self._fetch_items is not None else self._fetch
        data = await fetch(self._operation, arguments)
        if isinstance(data, DeferredPage):
            page = page_from_response(
                data.data, self._paging, number=number, size=self._size, items=data.items
            )
            return page, data.build
        return page_from_response(data, self._paging, number=number, size=self._size), None

    async def first_page(self) -> Page[T]:
        """The first page (what ``await paginator`` returns)."""
        if self._limit == 0:
            return Page(items=[], page=0, size=self._size, total_elements=None, has_next=False)
        page, _ = await self._page(0)
        if self._limit is not None and len(page.items) > self._limit:
            page = attrs.evolve(page, items=page.items[: self._limit], has_next=False)
        return page

    def __await__(self) -> Generator[Any, None, Page[T]]:
        return self.first_page().__await__()

    async def pages(self) -> AsyncIterator[Page[T]]:
        """Every page in order, stopping at the last (or once ``limit`` items were seen).

        Items served again (already on one of the pages the walk remembers, or earlier on
        the same page; see the class) are left out, so a page may hold fewer than ``size``
        items. Raises
        :class:`CollectionChangedError` (by default, see :meth:`on_change`) or
        :class:`PaginationError` as described on the class.
        """
        async for page, _ in self._walk(deferred=False):
            yield page

    async def _walk(
        self, *, deferred: bool
    ) -> AsyncIterator[tuple[Page[T], Callable[[Any], T] | None]]:
        """:meth:`pages`; with ``deferred``, a page's items may still be mirrors, each to be
        built with the function that comes with it."""
        # A plain-array endpoint is one response: nothing can change between its pages.
        walk = _Walk(self._operation.operation_id, self._on_change) if self._paging else None
        remaining = self._limit
        number = 0
        while remaining is None or remaining > 0:
            page, build = await self._page(number, deferred=deferred)
            if walk is not None:
                page = walk.check(page)
                walk.yielded += len(page.items)
            if remaining is not None and len(page.items) >= remaining:
                yield attrs.evolve(page, items=page.items[:remaining], has_next=False), build
                return
            if remaining is not None:
                remaining -= len(page.items)
            yield page, build
            if not page.has_next:
                return
            number += 1

    async def __aiter__(self) -> AsyncIterator[T]:
        async for page, build in self._walk(deferred=True):
            if build is None:
                for item in page.items:
                    yield item
            else:
                # Built as they are read: a consumer that drops each item leaves no page of
                # models behind for the garbage collector (see DeferredPage).
                for mirror in page.items:
                    yield build(mirror)

    async def to_list(self) -> list[T]:
        """Every item (respecting ``limit``) in one list."""
        return [item async for item in self]


def _check_on_change(policy: Any) -> None:
    if not isinstance(policy, str) or policy not in _ON_CHANGE:
        raise ValueError(f"on_change must be one of {', '.join(_ON_CHANGE)}; got {policy!r}")


class _Walk:
    """What one iteration remembers: the ids of recent pages and the totals it was told.

    Memory is bounded by the page size: the ids served on the last :data:`_WINDOW` pages,
    on pages 0 and 1 (the *origin*, kept for the whole walk) and on a moving *anchor* pair
    (2 and 3, then 4 and 5, 8 and 9, ... each pair replaced at twice its page number). A
    shift of the collection between two fetches brings back items from the page before,
    so the window catches every repeat that insertions and reorders cause while the shift
    stays under two pages. The origin catches a server that wraps round to its first page
    however long its cycle, on the first page it serves again: a moving pair alone would
    already have been replaced by then (pair 0-1 gave way at page 2, so a three-page cycle
    went round twice before pair 4-5 caught it). The moving pair catches a loop back to a
    later page before the walk is about three times as long as the pages up to its first
    repeat, as the power-of-two checkpoints of Brent's cycle detection do.
    """

    __slots__ = (
        "anchor",
        "anchor_next",
        "growth",
        "last_total",
        "operation_id",
        "origin",
        "policy",
        "position",
        "recent",
        "repeated",
        "stalled",
        "yielded",
    )

    def __init__(self, operation_id: str, policy: OnChange) -> None:
        self.operation_id = operation_id
        self.policy = policy
        # Per page: the set of ids served on it; for a page whose items have no id, its
        # fingerprint instead (items without an id cannot be told apart, so only a whole
        # repeated page is caught for them).
        self.recent: deque[set[Any]] = deque(maxlen=_WINDOW)
        self.origin: list[set[Any]] = []
        self.anchor: list[set[Any]] = []
        self.anchor_next = _ORIGIN
        """The page number at which the next anchor pair starts."""
        self.yielded = 0
        self.position = 0
        """Items the server has served so far, repeats included: where the walk stands."""
        self.last_total: int | None = None
        self.growth = 0
        """Sum of the increases of ``totalElements``: how many repeats insertions explain."""
        self.repeated = 0
        self.stalled = False

    def check(self, page: Page[T]) -> Page[T]:
        """``page`` without items served on the remembered pages or earlier on itself;
        reports a change per the policy."""
        items = page.items
        memory = (*self.recent, *self.origin, *self.anchor)
        ids = _int_ids(items) if items else None
        served: set[Any] = set() if ids is None else set(ids)
        fresh: list[T] = items
        anonymous = doubled = 0
        if ids is None or len(served) < len(ids) or not all(map(served.isdisjoint, memory)):
            fresh, anonymous, doubled = self._sift(items, served, memory)
        if anonymous and anonymous == len(items):
            fingerprint = (_PAGE, hash((len(items), repr(items[0]), repr(items[-1]))))
            if any(fingerprint in known for known in memory):
                raise self._loop(page.page)
            served.add(fingerprint)
        if doubled:
            self._log_doubled(page.page, doubled)
        repeated = len(items) - len(fresh) - doubled
        self.position += len(items)
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
        stalled = bool(items) and not fresh and self.repeated > self.growth
        if stalled:
            if self.stalled or (self.policy == "raise" and len(reasons) == 1):
                raise self._loop(page.page)
            reasons.append("no item on it was new")
        self.stalled = stalled
        self._remember(page.page, served, stalled=stalled)
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
        if len(fresh) < len(items):
            return attrs.evolve(page, items=fresh)
        return page

    @staticmethod
    def _sift(
        items: list[T], served: set[Any], memory: tuple[set[Any], ...]
    ) -> tuple[list[T], int, int]:
        """Item by item: the items not served before (on a remembered page or earlier on
        this one), the number without an id and the number of second copies on this page.
        Fills ``served`` with every id on the page."""
        served.clear()
        fresh: list[T] = []
        anonymous = doubled = 0
        for item in items:
            key = _item_id(item)
            if key is _NO_ID:
                anonymous += 1
                fresh.append(item)
            elif key in served:
                doubled += 1
            else:
                served.add(key)
                if not any(key in known for known in memory):
                    fresh.append(item)
        return fresh, anonymous, doubled

    def _remember(self, number: int, served: set[Any], *, stalled: bool) -> None:
        self.recent.append(served)
        if number < _ORIGIN:
            self.origin.append(served)
        elif number == self.anchor_next:
            if stalled:  # a repeat makes a poor anchor: start the pair on the next page
                self.anchor_next = number + 1
            else:
                self.anchor = [served]
                self.anchor_next = 2 * number
        elif len(self.anchor) == 1:
            self.anchor.append(served)

    def _log_doubled(self, number: int, doubled: int) -> None:
        # Not a change between fetches, so not reported as one: a restart would meet the
        # same page again, forever. Skipping the copies loses nothing on our side; the log
        # says the server is at fault.
        _log.warning(
            "%s: page %d served %d extra copy(ies) of items already on it (a server fault, "
            "not a change of the collection); skipped, each item is yielded once",
            self.operation_id,
            number,
            doubled,
            extra={OPERATION: self.operation_id},
        )

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
