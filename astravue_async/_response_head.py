"""How large a response head (status line and headers) the SDK reads.

aiohttp refuses a header line over 8,190 bytes, and from 3.14 a head of over 128 headers.
Real infrastructure sends more: a Content-Security-Policy or a Link header past 8 KiB, a
load balancer's cookies, a gateway's tracing headers. The response was answered, yet aiohttp
reports it unreadable, and a GET was then sent again to the same end. These limits are those
of Python's own ``http.client`` (64 KiB a line), with a cap on the number of headers so a
hostile server still cannot make a client hold an unbounded head.

Our own sessions are created with them. A caller's session keeps its own unless they are
lower: the client raises them on the session (a request that passes them costs aiohttp a
keyword-argument merge, about 1% of a call), and the token endpoint passes them per request.
"""

from __future__ import annotations

import functools
import inspect
import re
from collections.abc import Iterable
from typing import Final, TypedDict

import aiohttp

__all__ = ["HeadLimits", "parser_complaint", "raise_limits", "request_limits", "session_limits"]


class HeadLimits(TypedDict, total=False):
    """aiohttp's keyword arguments for them, as a session or a request takes them."""

    max_line_size: int
    max_field_size: int
    max_headers: int


MAX_LINE_SIZE = 65_536
"""Bytes in the status line or one header line (``http.client``'s ``_MAXLINE``)."""
MAX_FIELD_SIZE = 65_536
"""Bytes in one header's value."""
MAX_HEADERS = 256
"""Headers in one response."""

_LIMITS: Final = (
    ("max_line_size", MAX_LINE_SIZE, 8190),
    ("max_field_size", MAX_FIELD_SIZE, 8190),
    ("max_headers", MAX_HEADERS, 128),
)
"""Each limit's aiohttp name, our value, and aiohttp's default (for a session that has none)."""


def _supported(function: object) -> frozenset[str]:
    try:
        parameters = inspect.signature(function).parameters  # type: ignore[arg-type]
    except (TypeError, ValueError):  # pragma: no cover - aiohttp's are plain functions
        return frozenset()
    return frozenset(name for name, _, _ in _LIMITS if name in parameters)


def _limits(names: Iterable[str]) -> HeadLimits:
    limits = HeadLimits()
    for name, value, _ in _LIMITS:
        if name in names:
            limits[name] = value  # type: ignore[literal-required]
    return limits


@functools.cache
def session_limits() -> HeadLimits:
    """Keyword arguments for ``aiohttp.ClientSession(...)``: the limits this aiohttp takes
    (``max_headers`` only from 3.14, which is also when it began to limit the count)."""
    return _limits(_supported(aiohttp.ClientSession.__init__))


@functools.cache
def _per_request() -> frozenset[str]:
    return _supported(aiohttp.ClientSession._request)


def request_limits(session: aiohttp.ClientSession) -> HeadLimits:
    """Keyword arguments for one request on ``session``: the limits it sets lower than ours.

    Empty for a session made with :func:`session_limits`, so the SDK's own requests pass
    nothing; a caller's session keeps any limit it set higher.
    """
    lower = set()
    for name, value, default in _LIMITS:
        current = getattr(session, f"_{name}", default)
        if not isinstance(current, int) or current < value:
            lower.add(name)
    return _limits(lower & _per_request())


def raise_limits(session: aiohttp.ClientSession) -> None:
    """Raise ``session``'s own limits that are lower than ours (a caller's session, whose
    other requests then accept such heads too); a session without them is left alone."""
    for name, value, _ in _LIMITS:
        attribute = f"_{name}"
        current = getattr(session, attribute, None)
        if isinstance(current, int) and current < value:
            setattr(session, attribute, value)


# Where aiohttp starts quoting the bytes it could not read: b'...', bytearray(b'...'), '...'.
_QUOTE: Final = re.compile(r"""(?:^|(?<=[\s:(=]))(?:bytearray\()?b?['"]""")


def parser_complaint(exc: aiohttp.ClientResponseError) -> str:
    """What aiohttp said of an answer it could not read (or a proxy's refusal), on one line,
    without the part of the answer it quotes.

    It quotes only the first 100 bytes of an over-long line, or one TCP segment's worth: a
    credential the server echoed there can be cut in two, and no scrubber recognises half a
    token. What is wrong ("Got more than 65536 bytes when reading", "Invalid character in
    Content-Length") is in the words before the quote.
    """
    message = str(exc.message)
    quote = _QUOTE.search(message)
    if quote is not None:
        message = message[: quote.start()]
    said = " ".join(message.split()).rstrip(" :.,")
    return said or type(exc).__name__
