"""Tests for the retry policy: which failures are repeated, and how long it waits."""

from __future__ import annotations

import asyncio
import logging
import random
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime

import attrs
import pytest
import tenacity
from hypothesis import given
from hypothesis import strategies as st

from astravue_async._errors import (
    APIConnectionError,
    APIStatusError,
    APITimeoutError,
    BadRequestError,
    ConflictError,
    DecodeError,
    InternalServerError,
    NotFoundError,
    RateLimitError,
    TLSError,
    decode_error_class,
)
from astravue_async._retry import (
    IDEMPOTENT_METHODS,
    RetryPolicy,
    backoff_delay,
    is_retryable,
    may_have_been_processed,
    parse_retry_after,
    retry_after_delay,
)

NOW = datetime(2015, 10, 21, 7, 28, 0, tzinfo=UTC)


class FixedRandom:
    """A jitter source that always returns the same fraction."""

    def __init__(self, value: float) -> None:
        self.value = value

    def random(self) -> float:
        return self.value


class FakeSleep:
    """Records requested delays instead of waiting."""

    def __init__(self) -> None:
        self.delays: list[float] = []

    async def __call__(self, delay: float) -> None:
        self.delays.append(delay)


@attrs.define
class Script:
    """An async callable that raises the scripted errors in order, then returns "ok"."""

    errors: list[BaseException]
    calls: int = 0

    async def __call__(self) -> str:
        self.calls += 1
        if self.errors:
            raise self.errors.pop(0)
        return "ok"


def server_error(
    status: int = 503, *, method: str = "GET", headers: dict[str, str] | None = None
) -> InternalServerError:
    return InternalServerError("x", status=status, headers=headers, method=method, path="/tasks")


def rate_limited(retry_after: str | None = None, *, parsed: float | None = None) -> RateLimitError:
    headers = {} if retry_after is None else {"Retry-After": retry_after}
    return RateLimitError(
        "slow down", retry_after=parsed, status=429, headers=headers, method="GET", path="/tasks"
    )


def _idem(method: str) -> bool:
    """The default the escape hatch uses; spec operations carry their own flag."""
    return method.upper() in IDEMPOTENT_METHODS


def policy(**kwargs: object) -> RetryPolicy:
    return RetryPolicy(rng=FixedRandom(1.0), **kwargs)  # type: ignore[arg-type]


async def run_loop(
    p: RetryPolicy, method: str, fn: Callable[[], Awaitable[str]], sleep: FakeSleep
) -> str:
    """Drive the policy the way the transport does: ``async for attempt ... with attempt``."""
    result = ""
    async for attempt in p.retrying(method=method, idempotent=_idem(method), sleep=sleep):
        with attempt:
            result = await fn()
    return result


async def run_call(
    p: RetryPolicy, method: str, fn: Callable[[], Awaitable[str]], sleep: FakeSleep
) -> str:
    """Drive the policy as a callable wrapper: ``await policy.retrying(...)(fn)``."""
    result: str = await p.retrying(method=method, idempotent=_idem(method), sleep=sleep)(fn)
    return result


DRIVERS = pytest.mark.parametrize("drive", [run_loop, run_call], ids=["async-for", "call"])
Driver = Callable[[RetryPolicy, str, Callable[[], Awaitable[str]], FakeSleep], Awaitable[str]]


# --- the retry loop -----------------------------------------------------------------------


@DRIVERS
async def test_get_retries_transient_status_then_succeeds(drive: Driver) -> None:
    script = Script([server_error(), server_error()])
    sleep = FakeSleep()

    assert await drive(policy(), "GET", script, sleep) == "ok"

    assert script.calls == 3
    assert sleep.delays == [0.5, 1.0]


@DRIVERS
async def test_post_is_not_retried_after_a_status(drive: Driver) -> None:
    error = server_error(method="POST")
    script = Script([error])
    sleep = FakeSleep()

    with pytest.raises(InternalServerError) as info:
        await drive(policy(), "POST", script, sleep)

    assert info.value is error
    assert script.calls == 1
    assert sleep.delays == []


@pytest.mark.parametrize("method", ["POST", "PATCH", "post"])
async def test_non_idempotent_retried_when_request_never_sent(method: str) -> None:
    script = Script([APIConnectionError("refused", method=method, request_sent=False)])
    sleep = FakeSleep()

    assert await run_loop(policy(), method, script, sleep) == "ok"

    assert script.calls == 2
    assert sleep.delays == [0.5]


async def test_post_connect_timeout_is_retried() -> None:
    script = Script([APITimeoutError("connect timeout", method="POST", request_sent=False)])
    sleep = FakeSleep()

    assert await run_loop(policy(), "POST", script, sleep) == "ok"
    assert script.calls == 2


@pytest.mark.parametrize("method", ["POST", "PATCH"])
async def test_non_idempotent_not_retried_after_read_timeout(method: str) -> None:
    error = APITimeoutError("read timeout", method=method, request_sent=True)
    script = Script([error])
    sleep = FakeSleep()

    with pytest.raises(APITimeoutError) as info:
        await run_loop(policy(), method, script, sleep)

    assert info.value is error
    assert script.calls == 1
    assert sleep.delays == []


async def test_get_retried_after_read_timeout() -> None:
    script = Script([APITimeoutError("read timeout", method="GET", request_sent=True)])
    sleep = FakeSleep()

    assert await run_loop(policy(), "GET", script, sleep) == "ok"
    assert script.calls == 2


@DRIVERS
async def test_retry_after_seconds_is_obeyed_exactly(drive: Driver) -> None:
    script = Script([rate_limited("2")])
    sleep = FakeSleep()

    # Jitter would move any backoff delay; Retry-After must not be touched by it.
    p = RetryPolicy(rng=random.Random(1234))
    assert await drive(p, "GET", script, sleep) == "ok"

    assert sleep.delays == [2.0]
    assert script.calls == 2


async def test_retry_after_on_503_is_obeyed() -> None:
    script = Script([server_error(503, headers={"retry-after": "3"})])
    sleep = FakeSleep()

    assert await run_loop(policy(), "GET", script, sleep) == "ok"
    assert sleep.delays == [3.0]


async def test_retry_after_already_parsed_by_transport_wins() -> None:
    script = Script([rate_limited("5", parsed=1.5)])
    sleep = FakeSleep()

    assert await run_loop(policy(), "GET", script, sleep) == "ok"
    assert sleep.delays == [1.5]


@DRIVERS
async def test_retry_after_too_long_raises_at_once(drive: Driver) -> None:
    error = rate_limited("3600")
    script = Script([error])
    sleep = FakeSleep()

    with pytest.raises(RateLimitError) as info:
        await drive(policy(), "GET", script, sleep)

    assert info.value is error
    assert script.calls == 1
    assert sleep.delays == []


async def test_retry_after_limit_is_configurable() -> None:
    script = Script([rate_limited("90")])
    sleep = FakeSleep()

    assert await run_loop(policy(max_retry_after=120.0), "GET", script, sleep) == "ok"
    assert sleep.delays == [90.0]


async def test_retry_after_http_date(monkeypatch: pytest.MonkeyPatch) -> None:
    # The policy reads the clock itself, so pin it to make the wait exact.
    class FrozenDatetime(datetime):
        @classmethod
        def now(cls, tz: object = None) -> FrozenDatetime:
            return cls.fromtimestamp(NOW.timestamp(), tz=UTC)

    monkeypatch.setattr("astravue_async._retry.datetime", FrozenDatetime)
    header = format_datetime(NOW + timedelta(seconds=4), usegmt=True)
    script = Script([rate_limited(header)])
    sleep = FakeSleep()

    assert await run_loop(policy(), "GET", script, sleep) == "ok"
    assert sleep.delays == [4.0]


async def test_unparseable_retry_after_falls_back_to_backoff() -> None:
    script = Script([rate_limited("soon")])
    sleep = FakeSleep()

    assert await run_loop(policy(), "GET", script, sleep) == "ok"
    assert sleep.delays == [0.5]


@DRIVERS
async def test_max_retries_zero_disables_retrying(drive: Driver) -> None:
    error = server_error()
    script = Script([error, server_error()])
    sleep = FakeSleep()

    with pytest.raises(InternalServerError) as info:
        await drive(policy(max_retries=0), "GET", script, sleep)

    assert info.value is error
    assert script.calls == 1
    assert sleep.delays == []


@DRIVERS
async def test_exhausted_retries_reraise_last_sdk_error(drive: Driver) -> None:
    errors: list[BaseException] = [server_error(502), server_error(503), server_error(504)]
    last = errors[-1]
    script = Script([*errors, server_error()])
    sleep = FakeSleep()

    with pytest.raises(InternalServerError) as info:
        await drive(policy(max_retries=2), "GET", script, sleep)

    assert info.value is last
    assert not isinstance(info.value, tenacity.RetryError)
    assert script.calls == 3
    assert sleep.delays == [0.5, 1.0]


async def test_with_max_retries_applies_per_call() -> None:
    base = policy(max_retries=5)
    script = Script([server_error()] * 5)
    sleep = FakeSleep()

    with pytest.raises(InternalServerError):
        await run_loop(base.with_max_retries(1), "GET", script, sleep)

    assert script.calls == 2
    assert base.max_retries == 5


async def test_delays_grow_and_cap_across_a_long_run() -> None:
    script = Script([server_error() for _ in range(8)])
    sleep = FakeSleep()

    assert await run_loop(policy(max_retries=8), "GET", script, sleep) == "ok"
    assert sleep.delays == [0.5, 1.0, 2.0, 4.0, 8.0, 8.0, 8.0, 8.0]


@pytest.mark.parametrize(
    "error",
    [
        NotFoundError("missing", status=404, method="GET", path="/tasks/1"),
        BadRequestError("bad", status=400, method="GET", path="/tasks"),
        ConflictError("timer running", status=409, method="PUT", path="/timer"),
        DecodeError("bad model", path="$.data"),
        decode_error_class(200)("not json", status=200),
        ValueError("not an SDK error"),
    ],
    ids=lambda e: type(e).__name__,
)
async def test_non_retryable_errors_are_raised_at_once(error: BaseException) -> None:
    script = Script([error])
    sleep = FakeSleep()

    with pytest.raises(type(error)) as info:
        await run_loop(policy(), "GET", script, sleep)

    assert info.value is error
    assert script.calls == 1
    assert sleep.delays == []


async def test_cancellation_is_not_retried() -> None:
    script = Script([asyncio.CancelledError()])
    sleep = FakeSleep()

    with pytest.raises(asyncio.CancelledError):
        await run_loop(policy(), "GET", script, sleep)

    assert script.calls == 1


async def test_html_502_page_is_retried_for_get() -> None:
    page = decode_error_class(502)("<html>bad gateway</html>", status=502)
    script = Script([page])
    sleep = FakeSleep()

    assert await run_loop(policy(), "GET", script, sleep) == "ok"
    assert script.calls == 2


# --- logging ------------------------------------------------------------------------------


async def test_one_info_record_per_retry(caplog: pytest.LogCaptureFixture) -> None:
    secret = "Bearer s3cr3t-token"
    script = Script(
        [
            InternalServerError(
                "body text",
                status=503,
                headers={"Authorization": secret},
                body={"secret": secret},
                method="GET",
                path="/tasks",
            ),
            APIConnectionError("reset", method="GET"),
        ]
    )
    sleep = FakeSleep()

    with caplog.at_level(logging.INFO, logger="astravue_async"):
        assert await run_loop(policy(), "GET", script, sleep) == "ok"

    records = [r for r in caplog.records if r.name == "astravue_async"]
    assert len(records) == 2
    assert all(r.levelno == logging.INFO for r in records)
    first, second = (r.getMessage() for r in records)
    assert "GET" in first
    assert "InternalServerError" in first
    assert "503" in first
    assert "retry 1 of 3" in first
    assert "0.50" in first
    assert "APIConnectionError" in second
    assert "retry 2 of 3" in second
    assert "1.00" in second
    for message in (first, second):
        assert secret not in message
        assert "body text" not in message


async def test_no_log_records_without_retries(caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.INFO, logger="astravue_async"), pytest.raises(NotFoundError):
        await run_loop(
            policy(),
            "GET",
            Script([NotFoundError("x", status=404)]),
            FakeSleep(),
        )

    assert [r for r in caplog.records if r.name == "astravue_async"] == []


# --- is_retryable -------------------------------------------------------------------------


IDEMPOTENT = ["GET", "HEAD", "OPTIONS", "PUT", "DELETE", "get"]
NON_IDEMPOTENT = ["POST", "PATCH", "CONNECT", ""]


@pytest.mark.parametrize("method", IDEMPOTENT)
@pytest.mark.parametrize("status", [408, 429, 500, 502, 503, 504])
def test_idempotent_retries_transient_statuses(method: str, status: int) -> None:
    assert is_retryable(APIStatusError("x", status=status), idempotent=_idem(method))


@pytest.mark.parametrize("method", IDEMPOTENT)
@pytest.mark.parametrize("status", [400, 401, 403, 404, 409, 422, 501, 505])
def test_idempotent_does_not_retry_other_statuses(method: str, status: int) -> None:
    assert not is_retryable(APIStatusError("x", status=status), idempotent=_idem(method))


@pytest.mark.parametrize("method", NON_IDEMPOTENT)
@pytest.mark.parametrize("status", [500, 502, 503, 504])
def test_non_idempotent_never_retries_statuses_after_the_server_may_have_acted(
    method: str, status: int
) -> None:
    assert not is_retryable(APIStatusError("x", status=status), idempotent=_idem(method))


@pytest.mark.parametrize("status", [408, 429])
def test_non_idempotent_retried_when_the_server_refused_without_acting(status: int) -> None:
    # 429 and 408 are answered before the request is acted on: a POST is safe to repeat.
    assert is_retryable(APIStatusError("x", status=status), idempotent=False)


def test_non_idempotent_503_retried_only_with_retry_after() -> None:
    bare = APIStatusError("x", status=503)
    told = APIStatusError("x", status=503, headers={"retry-after": "1"})
    assert not is_retryable(bare, idempotent=False)
    assert is_retryable(told, idempotent=False)


@pytest.mark.parametrize("idempotent", [True, False])
def test_tls_failures_are_never_retried(idempotent: bool) -> None:
    assert not is_retryable(TLSError("bad certificate", request_sent=False), idempotent=idempotent)


@pytest.mark.parametrize(
    ("exc", "processed"),
    [
        (APIConnectionError("x", request_sent=False), False),
        (APIConnectionError("x", request_sent=True), True),
        (APITimeoutError("x", request_sent=True), True),
        (APIStatusError("x", status=502), True),
        (APIStatusError("x", status=500), True),
        (APIStatusError("x", status=503, headers={"Retry-After": "2"}), False),
        (APIStatusError("x", status=429), False),
        (APIStatusError("x", status=404), False),
        (ValueError("x"), False),
    ],
)
def test_may_have_been_processed(exc: BaseException, processed: bool) -> None:
    assert may_have_been_processed(exc) is processed


@pytest.mark.parametrize("cls", [APIConnectionError, APITimeoutError])
@pytest.mark.parametrize("method", IDEMPOTENT + NON_IDEMPOTENT)
def test_connection_errors(cls: type[APIConnectionError], method: str) -> None:
    assert is_retryable(cls("x", request_sent=False), idempotent=_idem(method))
    sent = is_retryable(cls("x", request_sent=True), idempotent=_idem(method))
    assert sent is (method.upper() in {"GET", "HEAD", "OPTIONS", "PUT", "DELETE"})


@pytest.mark.parametrize(
    "exc", [ValueError("x"), asyncio.CancelledError(), KeyboardInterrupt(), DecodeError("x")]
)
def test_foreign_errors_are_not_retryable(exc: BaseException) -> None:
    assert not is_retryable(exc, idempotent=_idem("GET"))


# --- parse_retry_after / retry_after_delay ------------------------------------------------


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2", 2.0),
        ("0", 0.0),
        ("2.5", 2.5),
        (" 7 ", 7.0),
        ("120", 120.0),
        ("Wed, 21 Oct 2015 07:28:30 GMT", 30.0),
        ("Wed, 21 Oct 2015 07:28:00 GMT", 0.0),
        ("Wed, 21 Oct 2015 07:00:00 GMT", 0.0),
        ("Wed, 21 Oct 2015 07:29:00 -0000", 60.0),
    ],
)
def test_parse_retry_after(value: str, expected: float) -> None:
    assert parse_retry_after(value, now=NOW) == expected


@pytest.mark.parametrize(
    "value",
    [
        None,
        "",
        "   ",
        "soon",
        "-1",
        "-0.5",
        "1e3",
        "nan",
        "inf",
        "2 s",
        "0x10",
        "١٢",
        "Wed, 32 Oct",
    ],
)
def test_parse_retry_after_rejects_garbage(value: str | None) -> None:
    assert parse_retry_after(value, now=NOW) is None


def test_parse_retry_after_naive_now_is_utc() -> None:
    naive = NOW.replace(tzinfo=None)
    assert parse_retry_after("Wed, 21 Oct 2015 07:28:10 GMT", now=naive) == 10.0


def test_parse_retry_after_defaults_to_current_time() -> None:
    future = format_datetime(datetime.now(UTC) + timedelta(hours=1), usegmt=True)
    delay = parse_retry_after(future)
    assert delay is not None
    assert 3500 < delay <= 3600


@given(st.text(max_size=40))
def test_parse_retry_after_never_raises(value: str) -> None:
    result = parse_retry_after(value, now=NOW)
    assert result is None or result >= 0


@given(st.integers(min_value=0, max_value=10**12))
def test_parse_retry_after_round_trips_integers(seconds: int) -> None:
    assert parse_retry_after(str(seconds)) == float(seconds)


def test_retry_after_header_lookup_is_case_insensitive() -> None:
    for name in ("Retry-After", "retry-after", "RETRY-AFTER"):
        assert retry_after_delay(server_error(headers={name: "4"})) == 4.0


def test_retry_after_delay_without_header_or_response() -> None:
    assert retry_after_delay(server_error()) is None
    assert retry_after_delay(APIConnectionError("x")) is None
    assert retry_after_delay(ValueError("x")) is None


def test_retry_after_delay_ignores_nonsense_parsed_value() -> None:
    assert retry_after_delay(rate_limited("3", parsed=float("nan"))) == 3.0
    assert retry_after_delay(rate_limited("3", parsed=-1.0)) == 3.0


# --- backoff ------------------------------------------------------------------------------


def test_backoff_without_jitter_doubles_to_cap() -> None:
    top = FixedRandom(1.0)
    delays = [backoff_delay(n, rng=top) for n in range(1, 8)]
    assert delays == [0.5, 1.0, 2.0, 4.0, 8.0, 8.0, 8.0]


def test_backoff_jitter_stays_in_upper_half() -> None:
    assert backoff_delay(3, rng=FixedRandom(0.0)) == 1.0
    assert backoff_delay(3, rng=FixedRandom(0.5)) == 1.5


@given(
    attempt=st.integers(min_value=1, max_value=100_000),
    fraction=st.floats(min_value=0.0, max_value=1.0, exclude_max=True),
)
def test_backoff_is_bounded_and_capped(attempt: int, fraction: float) -> None:
    ceiling = min(8.0, 0.5 * 2.0 ** min(attempt - 1, 1023))
    delay = backoff_delay(attempt, rng=FixedRandom(fraction))
    assert ceiling / 2 <= delay <= ceiling <= 8.0


@given(attempt=st.integers(min_value=1, max_value=100_000))
def test_backoff_ceiling_never_shrinks(attempt: int) -> None:
    top = FixedRandom(1.0)
    bottom = FixedRandom(0.0)
    assert backoff_delay(attempt + 1, rng=top) >= backoff_delay(attempt, rng=top)
    assert backoff_delay(attempt + 1, rng=bottom) >= backoff_delay(attempt, rng=bottom)


@given(
    attempt=st.integers(min_value=1, max_value=50),
    seed=st.integers(min_value=0, max_value=2**32),
)
def test_backoff_with_real_random_is_within_bounds(attempt: int, seed: int) -> None:
    delay = backoff_delay(attempt, initial_delay=0.25, max_delay=3.0, rng=random.Random(seed))
    assert 0.0 < delay <= 3.0


# --- RetryPolicy --------------------------------------------------------------------------


def test_policy_defaults() -> None:
    p = RetryPolicy()
    assert (p.max_retries, p.initial_delay, p.max_delay, p.max_retry_after) == (3, 0.5, 8.0, 60.0)


def test_with_max_retries_returns_a_copy() -> None:
    rng = FixedRandom(0.5)
    base = RetryPolicy(max_retries=3, initial_delay=1.0, rng=rng)
    copy = base.with_max_retries(0)
    assert copy is not base
    assert copy.max_retries == 0
    assert copy.initial_delay == 1.0
    assert copy.rng is rng
    assert base.max_retries == 3


@pytest.mark.parametrize("bad", [-1, 1.5, "3", True, None])
def test_max_retries_is_validated(bad: object) -> None:
    with pytest.raises(ValueError, match="max_retries"):
        RetryPolicy(max_retries=bad)  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="max_retries"):
        RetryPolicy().with_max_retries(bad)  # type: ignore[arg-type]


@pytest.mark.parametrize("field", ["initial_delay", "max_delay", "max_retry_after"])
@pytest.mark.parametrize("bad", [-0.1, float("nan"), float("inf"), "1", None])
def test_delays_are_validated(field: str, bad: object) -> None:
    with pytest.raises(ValueError, match=field):
        RetryPolicy(**{field: bad})  # type: ignore[arg-type]


def test_policy_is_frozen() -> None:
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        RetryPolicy().max_retries = 5  # type: ignore[misc]


def test_retrying_returns_fresh_async_retrying() -> None:
    p = RetryPolicy()
    first = p.retrying(method="GET", idempotent=True)
    second = p.retrying(method="GET", idempotent=True)
    assert isinstance(first, tenacity.AsyncRetrying)
    assert first is not second
    assert first.reraise is True
