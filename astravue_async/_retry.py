"""When and how long to wait before repeating a failed request.

Transient failures (dropped connections, gateway errors, rate limiting) are common enough
that callers should not each write their own loop, but repeating a request is only safe
when doing so cannot change the outcome. Whether it can is a property of the *operation*,
not of its HTTP method: "stop timer" is a ``PUT`` whose replay after success answers 404,
and a second "create task" makes a duplicate. The spec marks each operation with
``x-idempotent`` (see ``openapi/overrides.yaml``); the generated descriptor carries it, and
this module reads only that. A non-idempotent request is repeated only when the server
provably did not act on it: it never reached the server, or the server refused it without
acting (429, 408, or 503 with ``Retry-After``). Everything else about the loop (counting
attempts, re-raising) is delegated to tenacity; this module only supplies the decisions,
kept as small pure functions so they can be tested without a network or a clock.
"""

from __future__ import annotations

import asyncio
import logging
import math
import random
import re
from collections.abc import Awaitable, Callable, Mapping
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from typing import TYPE_CHECKING, Any, Protocol

import attrs

from astravue_async import _log
from astravue_async._errors import APIConnectionError, APIStatusError, RateLimitError, TLSError

__all__ = [
    "IDEMPOTENT_METHODS",
    "RETRYABLE_STATUSES",
    "RandomSource",
    "RetryPolicy",
    "backoff_delay",
    "header_value",
    "is_retryable",
    "may_have_been_processed",
    "parse_retry_after",
    "retry_after_delay",
]

if TYPE_CHECKING:
    import tenacity

logger = logging.getLogger("astravue_async")

#: Methods RFC 9110 defines as idempotent: the default for requests that no spec operation
#: describes (``client.request()``). Spec operations carry their own ``x-idempotent`` flag.
IDEMPOTENT_METHODS: frozenset[str] = frozenset({"GET", "HEAD", "OPTIONS", "PUT", "DELETE"})

#: Statuses that signal a transient condition rather than a problem with the request.
RETRYABLE_STATUSES: frozenset[int] = frozenset({408, 429, 500, 502, 503, 504})

# RFC 9110 delta-seconds is digits only; a fractional part is tolerated because some
# proxies send one. ASCII-only so that e.g. Arabic-Indic digits are not accepted.
_DELTA_SECONDS = re.compile(r"[0-9]+(?:\.[0-9]+)?", re.ASCII)


class RandomSource(Protocol):
    """Anything with ``random() -> float`` in ``[0, 1)``, e.g. :class:`random.Random`."""

    def random(self) -> float: ...


def parse_retry_after(value: str | None, *, now: datetime | None = None) -> float | None:
    """Seconds to wait according to a ``Retry-After`` header value.

    Accepts delta-seconds (``"2"``, ``"2.5"``) or an HTTP-date; a date in the past gives
    ``0.0``. Returns None for a missing, malformed or negative value. A delta too large
    for a float gives ``math.inf``, which still means "longer than anyone will wait".
    ``now`` (default: the current UTC time) is only used for HTTP-dates; naive datetimes
    are taken to be UTC.
    """
    if value is None:
        return None
    text = value.strip()
    if not text:
        return None
    if _DELTA_SECONDS.fullmatch(text):
        return float(text)
    try:
        when = parsedate_to_datetime(text)
    except (TypeError, ValueError, OverflowError):
        return None
    if when.tzinfo is None:
        # "-0000" in an HTTP-date yields a naive datetime; RFC 5322 means UTC by it.
        when = when.replace(tzinfo=UTC)
    if now is None:
        now = datetime.now(UTC)
    elif now.tzinfo is None:
        now = now.replace(tzinfo=UTC)
    return max(0.0, (when - now).total_seconds())


def header_value(headers: Mapping[str, str], name: str) -> str | None:
    """A header by case-insensitive name, from a plain dict or a multidict alike."""
    # Errors keep a plain dict built from a case-insensitive multidict, so the casing of
    # the header name is whatever the server sent.
    value = headers.get(name)
    if value is not None:
        return value
    wanted = name.lower()
    for key, value in headers.items():
        if key.lower() == wanted:
            return value
    return None


def retry_after_delay(exc: BaseException, *, now: datetime | None = None) -> float | None:
    """The wait the server asked for in the response that raised ``exc``, if any.

    A value already parsed into :attr:`RateLimitError.retry_after` wins over the raw
    header; errors that carry no response (e.g. connection errors) give None.
    """
    if not isinstance(exc, APIStatusError):
        return None
    if isinstance(exc, RateLimitError) and exc.retry_after is not None:
        parsed = float(exc.retry_after)
        # NaN fails this test and falls through to the header.
        if parsed >= 0:
            return parsed
    return parse_retry_after(header_value(exc.headers, "Retry-After"), now=now)


def _refused_without_acting(exc: APIStatusError) -> bool:
    # RFC 9110/6585: 429 and 408 are answered before the request is acted on; a 503 that
    # says when to come back (Retry-After) is a refusal too. A bare 503 or any other 5xx
    # may come from a gateway after the origin did the work.
    if exc.status in (408, 429):
        return True
    return exc.status == 503 and header_value(exc.headers, "Retry-After") is not None


def is_retryable(exc: BaseException, *, idempotent: bool) -> bool:
    """Whether a request that failed with ``exc`` may be sent again.

    ``idempotent`` is the operation's ``x-idempotent`` flag. Idempotent operations are
    repeated after any connection error and after a transient status (408, 429, 5xx).
    Others only when the server did not act: the request never reached it
    (``request_sent`` is False), or it answered 408, 429 or 503 with ``Retry-After``.
    TLS failures are never repeated: a bad certificate does not fix itself.
    """
    if isinstance(exc, TLSError):
        return False
    if isinstance(exc, APIConnectionError):
        return idempotent or not exc.request_sent
    if isinstance(exc, APIStatusError):
        if exc.status not in RETRYABLE_STATUSES:
            return False
        return idempotent or _refused_without_acting(exc)
    return False


def may_have_been_processed(exc: BaseException) -> bool:
    """Whether the server may have acted on a request that failed with ``exc``.

    Used to recognise a repeated ``DELETE`` whose first attempt did the work: its 404 then
    means "already gone", not "never existed".
    """
    if isinstance(exc, APIConnectionError):
        return exc.request_sent
    if isinstance(exc, APIStatusError):
        return exc.status >= 500 and not _refused_without_acting(exc)
    return False


def backoff_delay(
    attempt: int,
    *,
    initial_delay: float = 0.5,
    max_delay: float = 8.0,
    rng: RandomSource,
) -> float:
    """Seconds to wait after failed attempt number ``attempt`` (1-based).

    The ceiling doubles from ``initial_delay`` per attempt up to ``max_delay``; the delay
    is drawn uniformly from the upper half of it ("equal jitter"), so clients that failed
    together spread out while each still backs off at least half the ceiling.
    """
    # The exponent is clamped because 2.0 ** 1024 raises OverflowError; by then the
    # ceiling has long been capped at max_delay anyway.
    ceiling = min(max_delay, initial_delay * 2.0 ** min(max(attempt - 1, 0), 1023))
    half = ceiling / 2
    return half + rng.random() * half


def _non_negative_int(instance: Any, attribute: attrs.Attribute[int], value: object) -> None:
    # bool is an int subclass, but RetryPolicy(max_retries=True) is certainly a mistake.
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise ValueError(f"{attribute.name} must be a non-negative integer, got {value!r}")


def _non_negative_seconds(instance: Any, attribute: attrs.Attribute[float], value: object) -> None:
    if (
        isinstance(value, bool)
        or not isinstance(value, int | float)
        or not math.isfinite(value)
        or value < 0
    ):
        raise ValueError(f"{attribute.name} must be a non-negative number, got {value!r}")


class _Stop:
    """Stop after ``max_attempts``, or when the wait about to begin would end at or past
    ``deadline`` (None: no deadline).

    One plain callable rather than tenacity's ``stop_any`` of ``stop_base`` subclasses, so
    that defining it does not import tenacity: that waits for the first retry.
    """

    def __init__(
        self,
        max_attempts: int,
        deadline: float | None,
        now: Callable[[], float] | None,
        attempts: Callable[[], int] | None = None,
    ) -> None:
        self._max_attempts = max_attempts
        self._deadline = deadline
        self._now = now
        self._attempts = attempts

    def __call__(self, retry_state: tenacity.RetryCallState) -> bool:
        if retry_state.attempt_number >= self._max_attempts:
            return True
        if self._deadline is None or self._now is None:
            return False
        # tenacity computes the wait before consulting stop, so upcoming_sleep is the wait
        # that would begin.
        wait = retry_state.upcoming_sleep or 0.0
        if self._now() + wait < self._deadline:
            return False
        logger.info(
            "not retrying: waiting %.2f s would pass the call's deadline (timeout=); "
            "raising the last error",
            wait,
            extra=_log.attempt_fields(
                self._attempts() if self._attempts is not None else retry_state.attempt_number,
                retry_delay=wait,
            ),
        )
        return True


@attrs.frozen
class RetryPolicy:
    """How a client repeats failed requests.

    ``max_retries`` counts repetitions after the first attempt (0 disables retrying).
    Backoff starts at ``initial_delay`` seconds and doubles up to ``max_delay``. A server
    ``Retry-After`` is obeyed exactly, unless it exceeds ``max_retry_after``, in which
    case the error is raised at once rather than stalling the caller. ``rng`` supplies
    the jitter and exists so tests can make it deterministic.
    """

    max_retries: int = attrs.field(default=3, validator=_non_negative_int)
    initial_delay: float = attrs.field(default=0.5, validator=_non_negative_seconds)
    max_delay: float = attrs.field(default=8.0, validator=_non_negative_seconds)
    max_retry_after: float = attrs.field(default=60.0, validator=_non_negative_seconds)
    # Jitter needs no cryptographic strength, only independence between clients.
    rng: RandomSource = attrs.field(
        factory=random.Random,
        eq=False,
        repr=False,
    )

    def with_max_retries(self, max_retries: int) -> RetryPolicy:
        """A copy of this policy with a different ``max_retries`` (e.g. for one call)."""
        return attrs.evolve(self, max_retries=max_retries)

    def should_retry(self, exc: BaseException, *, idempotent: bool) -> bool:
        """Whether a failure may be retried at all (ignoring how many retries are left)."""
        if self.max_retries == 0 or not is_retryable(exc, idempotent=idempotent):
            return False
        requested = retry_after_delay(exc)
        # Waiting minutes inside one call would look like a hang; surfacing the
        # RateLimitError lets the caller decide, with retry_after to guide it.
        return requested is None or requested <= self.max_retry_after

    def retrying(
        self,
        *,
        method: str,
        idempotent: bool,
        sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
        deadline: float | None = None,
        clock: Callable[[], float] | None = None,
        final: Callable[[BaseException], bool] | None = None,
        attempts: Callable[[], int] | None = None,
    ) -> tenacity.AsyncRetrying:
        """A fresh tenacity controller for one request.

        Use it as ``async for attempt in policy.retrying(...): with attempt: ...`` or as
        ``await policy.retrying(...)(send_once)``. The SDK exception of the last attempt
        is re-raised as-is, never wrapped in :class:`tenacity.RetryError`.

        :param method: the HTTP method, for log messages only.
        :param idempotent: the operation's ``x-idempotent`` flag (see :func:`is_retryable`).
        :param deadline: a time on ``clock`` (default: the event loop's clock) after which
            no retry may start; a wait that would end past it is not begun, and the last
            error is raised instead.
        :param final: failures for which it returns True are never retried (e.g. a token
            refresh that failed: it has its own retry budget).
        :param attempts: the number of requests the call has sent so far (401 replays
            included), for the log records' ``astravue_attempt`` field; default: tenacity's
            attempt number.
        """
        import tenacity  # only calls that fail need it: not imported with the SDK

        verb = method.upper()

        def should_retry(state: tenacity.RetryCallState) -> bool:
            outcome = state.outcome
            if outcome is None or not outcome.failed:
                return False
            exc = outcome.exception()
            if exc is None or (final is not None and final(exc)):
                return False
            return self.should_retry(exc, idempotent=idempotent)

        def wait(state: tenacity.RetryCallState) -> float:
            outcome = state.outcome
            exc = outcome.exception() if outcome is not None and outcome.failed else None
            if exc is not None:
                requested = retry_after_delay(exc)
                if requested is not None:
                    # The server said when it will be ready; jitter would only make us
                    # early (wasted request) or late (wasted time).
                    return requested
            return backoff_delay(
                state.attempt_number,
                initial_delay=self.initial_delay,
                max_delay=self.max_delay,
                rng=self.rng,
            )

        now = None
        if deadline is not None:
            now = clock if clock is not None else asyncio.get_running_loop().time
        stop = _Stop(self.max_retries + 1, deadline, now, attempts)

        def log_retry(state: tenacity.RetryCallState) -> None:
            if not logger.isEnabledFor(logging.INFO):
                return
            outcome = state.outcome
            exc = outcome.exception() if outcome is not None else None
            delay = state.upcoming_sleep
            status = getattr(exc, "status", None)
            fields = _log.attempt_fields(
                attempts() if attempts is not None else state.attempt_number,
                status=status if isinstance(status, int) else None,
                error=exc,
                request_id=getattr(exc, "request_id", None),
                retry_delay=delay,
            )
            # Only the class name and status: messages, headers and bodies may carry
            # customer data or tokens and do not belong in logs.
            if status is None:
                logger.info(
                    "Retrying %s request after %s (retry %d of %d) in %.2f s",
                    verb,
                    type(exc).__name__,
                    state.attempt_number,
                    self.max_retries,
                    delay,
                    extra=fields,
                )
            else:
                logger.info(
                    "Retrying %s request after %s %s (retry %d of %d) in %.2f s",
                    verb,
                    type(exc).__name__,
                    status,
                    state.attempt_number,
                    self.max_retries,
                    delay,
                    extra=fields,
                )

        return tenacity.AsyncRetrying(
            sleep=sleep,
            stop=stop,
            wait=wait,
            retry=should_retry,
            before_sleep=log_retry,
            reraise=True,
        )
