"""Reading request bodies and query strings the way a Spring backend validates them.

Readers collect every field error before failing, so one 400 lists all problems (as
``ApiError.errors[]``). A JSON ``null`` counts as "not given" so partial updates work, except
where an update clears a nullable field (:meth:`BodyReader.cleared`).
"""

from __future__ import annotations

import json
import math
from collections.abc import Callable, Collection, Mapping, Sequence
from datetime import datetime
from typing import Any, TypeVar

from astravue_async._fake.envelope import ApiProblem, field_error

__all__ = [
    "BodyReader",
    "QueryReader",
    "page_response",
    "parse_instant",
    "parse_json_body",
    "sort_items",
]

T = TypeVar("T")

MAX_PAGE_SIZE = 100
DEFAULT_PAGE_SIZE = 20


def parse_instant(text: str) -> datetime | None:
    """An ISO-8601 date-time with an offset, or None (naive times are ambiguous: refused)."""
    try:
        value = datetime.fromisoformat(text)
    except ValueError:
        return None
    if value.tzinfo is None or value.utcoffset() is None:
        return None
    return value


def parse_json_body(raw: bytes, *, required: bool) -> dict[str, Any]:
    """The request's JSON object; an empty optional body reads as ``{}``."""
    if not raw.strip():
        if required:
            raise ApiProblem(400, "Required request body is missing")
        return {}
    try:
        body = json.loads(raw)
    except ValueError:
        raise ApiProblem(400, "Malformed JSON request") from None
    if not isinstance(body, dict):
        raise ApiProblem(400, "Malformed JSON request: expected a JSON object")
    return body


def _is_int(value: object) -> bool:
    # JSON true is not 1: Jackson refuses it for an integer field, and so does the fake.
    return isinstance(value, int) and not isinstance(value, bool)


class BodyReader:
    """Typed access to the fields of a JSON request body, collecting field errors."""

    def __init__(self, body: Mapping[str, Any]) -> None:
        self._body = body
        self.errors: list[dict[str, Any]] = []

    def given(self, name: str) -> bool:
        """Whether the field was sent with a non-null value."""
        return self._body.get(name) is not None

    def cleared(self, name: str) -> bool:
        """Whether the field was sent as JSON ``null``: "clear it", for a nullable field."""
        return name in self._body and self._body[name] is None

    def fail(self, name: str, message: str, rejected: Any = None) -> None:
        """Record a field error found by the caller's own rule."""
        self.errors.append(field_error(name, message, rejected))

    def _raw(self, name: str, required: bool, missing: str = "must not be null") -> Any:
        value = self._body.get(name)
        if value is None and required:
            self.fail(name, missing)
        return value

    def text(self, name: str, *, required: bool = False, not_blank: bool = False) -> str | None:
        """A string field; ``not_blank`` also refuses "" and whitespace."""
        # Bean Validation's @NotBlank reports a missing value as "blank" too.
        value = self._raw(name, required, "must not be blank" if not_blank else "must not be null")
        if value is None:
            return None
        if not isinstance(value, str):
            self.fail(name, "must be a string", value)
            return None
        if not_blank and not value.strip():
            self.fail(name, "must not be blank", value)
            return None
        return value

    def integer(
        self,
        name: str,
        *,
        required: bool = False,
        minimum: int | None = None,
        maximum: int | None = None,
    ) -> int | None:
        """An integer field within ``[minimum, maximum]``."""
        value = self._raw(name, required)
        if value is None:
            return None
        if not _is_int(value):
            self.fail(name, "must be an integer", value)
            return None
        if minimum is not None and value < minimum:
            self.fail(name, f"must be greater than or equal to {minimum}", value)
            return None
        if maximum is not None and value > maximum:
            self.fail(name, f"must be less than or equal to {maximum}", value)
            return None
        result: int = value
        return result

    def number(self, name: str, *, minimum: float | None = None) -> float | None:
        """A finite number field, at least ``minimum``."""
        value = self._raw(name, False)
        if value is None:
            return None
        if (
            isinstance(value, bool)
            or not isinstance(value, int | float)
            or not math.isfinite(value)
        ):
            self.fail(name, "must be a number", value)
            return None
        if minimum is not None and value < minimum:
            self.fail(name, f"must be greater than or equal to {minimum:g}", value)
            return None
        return float(value)

    def boolean(self, name: str) -> bool | None:
        """A boolean field."""
        value = self._raw(name, False)
        if value is None:
            return None
        if not isinstance(value, bool):
            self.fail(name, "must be a boolean", value)
            return None
        return value

    def instant(self, name: str, *, required: bool = False) -> datetime | None:
        """A date-time field (ISO-8601 with an offset)."""
        value = self._raw(name, required)
        if value is None:
            return None
        parsed = parse_instant(value) if isinstance(value, str) else None
        if parsed is None:
            self.fail(name, "must be an ISO-8601 date-time with a UTC offset", value)
        return parsed

    def int_list(
        self, name: str, *, required: bool = False, min_items: int = 0
    ) -> list[int] | None:
        """An array of integers with at least ``min_items`` entries."""
        value = self._raw(name, required)
        if value is None:
            return None
        if not isinstance(value, list) or not all(_is_int(item) for item in value):
            self.fail(name, "must be an array of integers", value)
            return None
        if len(value) < min_items:
            self.fail(name, f"size must be at least {min_items}", value)
            return None
        return list(value)

    def text_list(self, name: str) -> list[str] | None:
        """An array of strings."""
        value = self._raw(name, False)
        if value is None:
            return None
        if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
            self.fail(name, "must be an array of strings", value)
            return None
        return list(value)

    def choice(self, name: str, allowed: Collection[str]) -> str | None:
        """A string that must be one of ``allowed`` (an enum)."""
        value = self.text(name)
        if value is not None and value not in allowed:
            self.fail(name, f"must be one of {', '.join(sorted(allowed))}", value)
            return None
        return value

    def check(self) -> None:
        """Raise the 400 if any field error was recorded."""
        if self.errors:
            raise ApiProblem(400, "Validation failed", self.errors)


class QueryReader:
    """Typed access to query parameters (strings on the wire), collecting field errors."""

    def __init__(self, query: Mapping[str, str]) -> None:
        self._query = query
        self.errors: list[dict[str, Any]] = []

    def text(self, name: str) -> str | None:
        """A string parameter ("" counts as absent, as Spring binds it)."""
        value = self._query.get(name)
        return value if value else None

    def integer(
        self,
        name: str,
        *,
        default: int | None = None,
        minimum: int | None = None,
        maximum: int | None = None,
    ) -> int | None:
        """An integer parameter within ``[minimum, maximum]``."""
        raw = self.text(name)
        if raw is None:
            return default
        try:
            value = int(raw, 10)
        except ValueError:
            self.errors.append(field_error(name, f"failed to convert {raw!r} to an integer", raw))
            return default
        if minimum is not None and value < minimum:
            self.errors.append(
                field_error(name, f"must be greater than or equal to {minimum}", raw)
            )
        elif maximum is not None and value > maximum:
            self.errors.append(field_error(name, f"must be less than or equal to {maximum}", raw))
        return value

    def boolean(self, name: str, *, default: bool = False) -> bool:
        """A ``true``/``false`` parameter."""
        raw = self.text(name)
        if raw is None:
            return default
        if raw.lower() not in ("true", "false"):
            self.errors.append(field_error(name, "must be true or false", raw))
            return default
        return raw.lower() == "true"

    def instant(self, name: str) -> datetime | None:
        """A date-time parameter."""
        raw = self.text(name)
        if raw is None:
            return None
        parsed = parse_instant(raw)
        if parsed is None:
            self.errors.append(
                field_error(name, "must be an ISO-8601 date-time with a UTC offset", raw)
            )
        return parsed

    def choice(self, name: str, allowed: Collection[str]) -> str | None:
        """A parameter that must be one of ``allowed``."""
        raw = self.text(name)
        if raw is not None and raw not in allowed:
            self.errors.append(
                field_error(name, f"must be one of {', '.join(sorted(allowed))}", raw)
            )
            return None
        return raw

    def paging(self) -> tuple[int, int]:
        """``page`` (0-based) and ``size`` (1-100, default 20), as the spec pages."""
        page = self.integer("page", default=0, minimum=0)
        size = self.integer("size", default=DEFAULT_PAGE_SIZE, minimum=1, maximum=MAX_PAGE_SIZE)
        assert page is not None and size is not None
        return page, size

    def sort_orders(self) -> list[str]:
        """The raw ``sort`` values (Spring accepts the parameter more than once)."""
        getall = getattr(self._query, "getall", None)
        values: list[str] = list(getall("sort", [])) if getall else []
        if not values and self.text("sort"):
            values = [self._query["sort"]]
        return [value for value in values if value]

    def check(self) -> None:
        """Raise the 400 if any parameter was invalid."""
        if self.errors:
            raise ApiProblem(400, "Invalid request parameters", self.errors)


def sort_items(
    items: Sequence[T], orders: Sequence[str], keys: Mapping[str, Callable[[T], Any]]
) -> list[T]:
    """Apply ``property,asc|desc`` orders (first order wins); unknown properties are a 400."""
    result = list(items)
    # Sorting by the last order first and the first order last gives the first priority,
    # because Python's sort is stable.
    for order in reversed(orders):
        name, _, direction = order.partition(",")
        direction = direction.strip().lower() or "asc"
        key = keys.get(name.strip())
        if key is None or direction not in ("asc", "desc"):
            raise ApiProblem(
                400,
                "Invalid request parameters",
                [
                    field_error(
                        "sort",
                        "must be 'property,asc|desc', property one of " + ", ".join(sorted(keys)),
                        order,
                    )
                ],
            )
        present = [item for item in result if key(item) is not None]
        missing = [item for item in result if key(item) is None]
        present.sort(key=key, reverse=direction == "desc")
        # Items without a value go last either way, as most databases order NULLs.
        result = present + missing
    return result


def page_response(
    items: Sequence[T], page: int, size: int, render: Callable[[T], dict[str, Any]]
) -> dict[str, Any]:
    """One page object: ``content, page, size, totalElements, totalPages, last``."""
    total = len(items)
    pages = math.ceil(total / size)
    chunk = items[page * size : (page + 1) * size]
    return {
        "content": [render(item) for item in chunk],
        "page": page,
        "size": size,
        "totalElements": total,
        "totalPages": pages,
        "last": page + 1 >= pages,
    }
