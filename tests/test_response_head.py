"""The limits on an answer's head: raised on every kind of session, never lowered."""

from __future__ import annotations

import aiohttp

from astravue_async._response_head import (
    MAX_FIELD_SIZE,
    MAX_HEADERS,
    MAX_LINE_SIZE,
    HeadLimits,
    raise_limits,
    request_limits,
    session_limits,
)


async def test_a_session_made_with_our_limits_needs_nothing_per_request() -> None:
    async with aiohttp.ClientSession(**session_limits()) as session:
        assert request_limits(session) == {}
        assert session._max_line_size == MAX_LINE_SIZE
        assert session._max_field_size == MAX_FIELD_SIZE


async def test_a_default_session_has_them_raised_per_request() -> None:
    async with aiohttp.ClientSession() as session:
        raised = request_limits(session)
    assert raised.get("max_line_size") == MAX_LINE_SIZE
    assert raised.get("max_field_size") == MAX_FIELD_SIZE
    # Where this aiohttp limits the number of headers at all, it is raised too.
    assert raised.get("max_headers", MAX_HEADERS) == MAX_HEADERS


async def test_a_callers_session_keeps_limits_it_set_higher() -> None:
    generous = 1 << 20
    everything = HeadLimits(max_line_size=generous, max_field_size=generous)
    if "max_headers" in session_limits():  # aiohttp >= 3.14
        everything["max_headers"] = generous
    async with aiohttp.ClientSession(**everything) as session:
        assert request_limits(session) == {}
    async with aiohttp.ClientSession(max_line_size=generous) as session:
        assert "max_line_size" not in request_limits(session)
        assert request_limits(session).get("max_field_size") == MAX_FIELD_SIZE


async def test_raising_a_sessions_limits_never_lowers_one() -> None:
    async with aiohttp.ClientSession(max_line_size=1 << 20) as session:
        raise_limits(session)
        assert request_limits(session) == {}  # nothing left to pass per request
        assert session._max_line_size == 1 << 20
        assert session._max_field_size == MAX_FIELD_SIZE
