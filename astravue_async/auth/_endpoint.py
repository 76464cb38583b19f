"""The token endpoint: exchanging an authorization code and refreshing, and their errors.

Refresh tokens may rotate, so a refresh the server may have processed is never replayed
automatically (presenting a rotated-away refresh token can revoke the session): only
failures the server provably did not act on (never reached; 429, 408, 503 with
``Retry-After``) are repeated. Every
token request has its own timeout, so a silent token endpoint cannot hold requests for
minutes, and redirects are refused so the form is never re-POSTed elsewhere.

Every failure is mapped to a typed SDK error whose text, chain and ``repr`` never hold a
token, client secret, authorization code or PKCE verifier: token-valued members of a
quoted body are masked and the form's secrets are scrubbed from any quoted text.
"""

from __future__ import annotations

import asyncio
import json
import logging
import math
import re
from collections.abc import Awaitable, Callable, Mapping
from datetime import datetime
from typing import Any, Final
from urllib.parse import urlsplit

import aiohttp

from astravue_async._errors import (
    APIConnectionError,
    APIStatusError,
    APITimeoutError,
    AuthenticationError,
    InternalServerError,
    RateLimitError,
    decode_error_class,
)
from astravue_async._response_head import parser_complaint, request_limits
from astravue_async._retry import (
    header_value,
    is_retryable,
    parse_retry_after,
    retry_after_delay,
)
from astravue_async.auth._oauth import DEFAULT_TOKEN_URL
from astravue_async.auth._token import (
    _REDACTED,
    OAuth2Token,
    _expiry_note,
    _require_text,
    _require_url,
    _token_from_payload,
    utcnow,
)

_log = logging.getLogger("astravue_async")

_SNIPPET_LIMIT: Final = 200
# A truncated or otherwise broken 2xx body may still begin with a real token; quoting it in
# an error message would leak it, so token-valued JSON members are masked before quoting.
_TOKEN_MEMBER = re.compile(
    r'("(?:access_token|refresh_token|id_token|code|client_secret)"\s*:\s*")[^"]*'
)
# Backoff before refresh retries; a 429's Retry-After is honoured up to this cap so that a
# refresh (which every waiting request is blocked on) never stalls for long. A longer
# Retry-After fails the refresh at once, as the API path does.
_RETRY_BASE_DELAY: Final = 0.5
_RETRY_AFTER_CAP: Final = 10.0

DEFAULT_TOKEN_TIMEOUT: Final = 10.0
"""Seconds one token request (refresh or code exchange) may take in total, by default."""
DEFAULT_TOKEN_CONNECT_TIMEOUT: Final = 5.0
"""Seconds, by default, to obtain a connection to the token endpoint (within the total)."""
DEFAULT_REFRESH_RETRIES: Final = 2
"""How many times :func:`refresh` repeats a safely repeatable failure, by default."""

# aiohttp < 3.10 has no ConnectionTimeoutError; then a connect timeout counts as "maybe sent".
_CONNECT_TIMEOUTS: Final[tuple[type[BaseException], ...]] = tuple(
    cls
    for cls in (getattr(aiohttp, "ConnectionTimeoutError", None),)
    if isinstance(cls, type) and issubclass(cls, BaseException)
)


def _scrub(text: str, sensitive: tuple[str | None, ...]) -> str:
    text = _TOKEN_MEMBER.sub(lambda m: m.group(1) + _REDACTED, text)
    for value in sensitive:
        if value:
            text = text.replace(value, _REDACTED)
    return text


def _snippet(raw: bytes, sensitive: tuple[str | None, ...]) -> str:
    text = _scrub(raw.decode("utf-8", errors="replace"), sensitive)
    if len(text) > _SNIPPET_LIMIT:
        return text[:_SNIPPET_LIMIT] + "..."
    return text


def _retry_after(headers: Mapping[str, str]) -> float | None:
    return parse_retry_after(header_value(headers, "Retry-After"))


def _rejection_message(
    grant_type: str, status: int, error: str | None, description: str | None
) -> str:
    detail = error or f"HTTP {status}"
    if description:
        detail = f"{detail}: {description}"
    if grant_type == "refresh_token" and error == "invalid_grant":
        return (
            f"the refresh token was rejected by the authorization server ({detail}); "
            "it has expired, was revoked or was already used. Re-run the authorization "
            "flow (e.g. `astravue login`) to sign in again"
        )
    if grant_type == "authorization_code" and error == "invalid_grant":
        return (
            f"the authorization code was rejected ({detail}); codes are single-use and "
            "short-lived, and redirect_uri and code_verifier must match the authorization "
            "request. Start the authorization flow again"
        )
    if error in ("invalid_client", "unauthorized_client"):
        return (
            f"the token endpoint rejected the client ({detail}); check client_id and client_secret"
        )
    return f"the token endpoint refused the {grant_type} grant ({detail})"


async def _request_token(
    session: aiohttp.ClientSession,
    token_url: str,
    form: dict[str, str],
    *,
    now: Callable[[], datetime],
    client_timeout: aiohttp.ClientTimeout,
    proxy: str | None = None,
) -> OAuth2Token:
    """POST one token request and turn the answer into a token or an SDK error."""
    grant_type = form["grant_type"]
    sensitive = (
        form.get("code"),
        form.get("refresh_token"),
        form.get("client_secret"),
        form.get("code_verifier"),
    )
    path = urlsplit(token_url).path or "/"
    where: dict[str, Any] = {"method": "POST", "path": path}
    # Failures are raised after the except blocks, not in them: aiohttp's exception (and
    # its frames, which hold the request and so the form with the secrets) would otherwise
    # stay reachable as __context__, which `from None` only hides. It adds nothing the
    # message does not already say.
    failure: APIConnectionError | None = None
    raw = b""
    status = 0
    headers: dict[str, str] = {}
    try:
        async with session.post(
            token_url,
            data=form,
            headers={"Accept": "application/json"},
            # A 307/308 would re-POST the form (refresh token, client secret, code) to
            # wherever Location points; a redirect is answered as an error instead.
            allow_redirects=False,
            raise_for_status=False,  # an OAuth error body is read, whatever a caller's session says
            # Its own budget: the session's default (or none at all, for a caller's
            # session) would let a silent token endpoint hold every request for minutes.
            timeout=client_timeout,
            proxy=proxy,
            **request_limits(session),  # a proxy's or Keycloak's long headers (_response_head)
        ) as response:
            raw = await response.read()
            status = response.status
            headers = dict(response.headers)
    except _CONNECT_TIMEOUTS as exc:
        failure = APITimeoutError(
            f"timed out after {client_timeout.connect:g} s connecting to the token endpoint "
            f"({type(exc).__name__})",
            **where,
            request_sent=False,
        )
    except aiohttp.ClientConnectorError as exc:
        failure = APIConnectionError(
            f"could not connect to the token endpoint: {_scrub(str(exc), sensitive)}",
            **where,
            request_sent=False,
        )
    except TimeoutError as exc:  # also aiohttp's ServerTimeoutError/SocketTimeoutError
        # Also a total timeout that fired while still connecting: counted as "maybe sent",
        # which only ever errs on the side of not repeating a refresh.
        failure = APITimeoutError(
            f"timed out after {client_timeout.total:g} s waiting for the token endpoint "
            f"({type(exc).__name__})",
            **where,
            request_sent=True,
        )
    except aiohttp.ClientError as exc:
        # An answer aiohttp could not read: its words without the bytes it quotes, which
        # may hold part of an echoed refresh token or client secret (see parser_complaint).
        said = parser_complaint(exc) if isinstance(exc, aiohttp.ClientResponseError) else str(exc)
        failure = APIConnectionError(
            f"token request failed: {type(exc).__name__}: {_scrub(said, sensitive)}",
            **where,
            request_sent=True,
        )
    if failure is not None:
        raise failure

    readable = True
    try:
        payload: Any = json.loads(raw)
    except (ValueError, RecursionError):  # deeply nested JSON overflows the C scanner
        readable = False
    if not readable:
        # Raised out here, not in the except block: the JSONDecodeError's .doc is the whole
        # body, tokens included, and `from None` would still keep it as __context__.
        # Same families as JSON error bodies below: every other 4xx from the token endpoint
        # means "no token for you", i.e. an authentication failure, whatever its body.
        family = 401 if 400 <= status < 500 and status != 429 else status
        cls = decode_error_class(family)
        snippet = _snippet(raw, sensitive)
        raise cls(
            f"token endpoint answered HTTP {status} with a non-JSON body: {snippet!r}",
            status=status,
            body=snippet,
            headers=headers,
            # Headers can quote the request (gateways echo it): scrubbed like the body.
            secrets=sensitive,
            **where,
        )

    if 200 <= status < 300:
        return _token_from_payload(payload, now=now(), status=status)

    error: str | None = None
    description: str | None = None
    body: dict[str, str] | None = None
    if isinstance(payload, Mapping):
        raw_error = payload.get("error")
        raw_description = payload.get("error_description")
        error = _scrub(raw_error, sensitive)[:100] if isinstance(raw_error, str) else None
        description = (
            _scrub(raw_description, sensitive)[:_SNIPPET_LIMIT]
            if isinstance(raw_description, str)
            else None
        )
        body = {k: v for k, v in (("error", error), ("error_description", description)) if v}
    common: dict[str, Any] = {
        "status": status,
        "body": body,
        "headers": headers,
        "secrets": sensitive,
        **where,
    }

    if status == 429:
        raise RateLimitError(
            f"the token endpoint is rate limiting requests{_detail(error, description)}",
            retry_after=_retry_after(headers),
            **common,
        )
    if status >= 500:
        raise InternalServerError(
            f"the token endpoint failed{_detail(error, description)}", **common
        )
    if 400 <= status < 500:
        raise AuthenticationError(
            _rejection_message(grant_type, status, error, description), **common
        )
    raise APIStatusError(f"unexpected HTTP {status} from the token endpoint", **common)


def _detail(error: str | None, description: str | None) -> str:
    parts = [part for part in (error, description) if part]
    return f" ({': '.join(parts)})" if parts else ""


def _client_timeout(timeout: object, connect_timeout: object) -> aiohttp.ClientTimeout:
    for name, value in (("timeout", timeout), ("connect_timeout", connect_timeout)):
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise TypeError(f"{name} must be a number of seconds, not {type(value).__name__}")
        if not (math.isfinite(value) and value > 0):
            raise ValueError(f"{name} must be a positive finite number of seconds, got {value}")
    assert isinstance(timeout, int | float) and isinstance(connect_timeout, int | float)
    return aiohttp.ClientTimeout(total=float(timeout), connect=float(min(connect_timeout, timeout)))


def _check_retries(max_retries: object) -> int:
    if isinstance(max_retries, bool) or not isinstance(max_retries, int):
        raise TypeError(f"max_retries must be an int, not {type(max_retries).__name__}")
    if max_retries < 0:
        raise ValueError("max_retries must not be negative")
    return max_retries


def max_refresh_seconds(
    *, timeout: float = DEFAULT_TOKEN_TIMEOUT, max_retries: int = DEFAULT_REFRESH_RETRIES
) -> float:
    """The longest :func:`refresh` can take with these settings, in seconds.

    Every attempt is bounded by ``timeout`` and every wait between attempts by 10 s (the
    cap on backoff and on an honoured ``Retry-After``), so the bound is
    ``(max_retries + 1) * timeout + max_retries * 10``: 50 s with the defaults
    (:data:`MAX_REFRESH_SECONDS`). :class:`TokenManager` may add up to twice its
    ``persist_timeout`` for saving and announcing the new token.

    Raises:
        TypeError, ValueError: ``timeout`` or ``max_retries`` is not valid for :func:`refresh`.
    """
    total = _client_timeout(timeout, timeout).total
    assert total is not None
    return (_check_retries(max_retries) + 1) * total + max_retries * _RETRY_AFTER_CAP


MAX_REFRESH_SECONDS: Final = max_refresh_seconds()
"""The longest :func:`refresh` takes with its default timeout and retries (50 s)."""


async def exchange_code(
    session: aiohttp.ClientSession,
    *,
    code: str,
    redirect_uri: str,
    client_id: str,
    client_secret: str | None = None,
    code_verifier: str | None = None,
    token_url: str = DEFAULT_TOKEN_URL,
    now: Callable[[], datetime] = utcnow,
    # A per-request budget handed to aiohttp (as in the rest of the API), not a deadline
    # for the whole call: that is asyncio.timeout()'s job, around the call.
    timeout: float = DEFAULT_TOKEN_TIMEOUT,  # noqa: ASYNC109
    connect_timeout: float = DEFAULT_TOKEN_CONNECT_TIMEOUT,
    proxy: str | None = None,
) -> OAuth2Token:
    """Exchange an authorization code (from the redirect) for tokens.

    Never retried: a code is single-use, so a repeat after a lost response would only
    earn an ``invalid_grant``.

    Args:
        session: The session to POST with (its own timeouts are not used).
        timeout: Seconds the request may take in total (default 10).
        connect_timeout: Seconds to obtain a connection, within ``timeout`` (default 5).
        proxy: An ``http(s)://`` proxy URL to send the request through (default: none; the session's
            own settings apply).

    Raises:
        AuthenticationError: Keycloak refused the code or the client.
        APITimeoutError: No answer within ``timeout``.
        APIConnectionError: The token endpoint could not be reached or the connection failed.
        ResponseDecodeError: The answer carried no usable access token.
        TypeError, ValueError: An argument is invalid (nothing is sent).
    """
    form = {
        "grant_type": "authorization_code",
        "code": _require_text("code", code),
        "redirect_uri": _require_text("redirect_uri", redirect_uri),
        "client_id": _require_text("client_id", client_id),
    }
    if client_secret is not None:
        form["client_secret"] = _require_text("client_secret", client_secret)
    if code_verifier is not None:
        form["code_verifier"] = _require_text("code_verifier", code_verifier)
    url = _require_url("token_url", token_url)
    client_timeout = _client_timeout(timeout, connect_timeout)
    token = await _request_token(
        session, url, form, now=now, client_timeout=client_timeout, proxy=proxy
    )
    _log.info("obtained access token from authorization code%s", _expiry_note(token, now()))
    return token


async def refresh(
    session: aiohttp.ClientSession,
    *,
    refresh_token: str,
    client_id: str,
    client_secret: str | None = None,
    token_url: str = DEFAULT_TOKEN_URL,
    max_retries: int = DEFAULT_REFRESH_RETRIES,
    sleep: Callable[[float], Awaitable[object]] = asyncio.sleep,
    now: Callable[[], datetime] = utcnow,
    # A per-request budget handed to aiohttp (as in the rest of the API), not a deadline
    # for the whole call: that is asyncio.timeout()'s job, around the call.
    timeout: float = DEFAULT_TOKEN_TIMEOUT,  # noqa: ASYNC109
    connect_timeout: float = DEFAULT_TOKEN_CONNECT_TIMEOUT,
    proxy: str | None = None,
) -> OAuth2Token:
    """Use a refresh token to get a new access token (and possibly a rotated refresh token).

    Refresh tokens may rotate: once the server has processed a refresh, the old refresh
    token is spent, and presenting it again can be refused as reuse (with Keycloak's reuse
    detection, revoking the whole session). So only failures the server provably did not
    act on are repeated, up to ``max_retries`` times:

    * a connection that could not be established (refused, DNS, connect timeout): the
      request never left this machine;
    * a 429, 408, or 503 with ``Retry-After``: the server refused without issuing anything.
      The wait it asks for is honoured up to 10 s; a longer one raises at once.

    A request that may have reached the server (a timeout after it was sent, a connection
    dropped before the whole answer arrived, a 500, or a 502/504/503 from a gateway that may
    have forwarded it) is never repeated: the error says so, and retrying it is the caller's
    decision. An HTTP 200 answer is never repeated either.

    Worst case it takes :func:`max_refresh_seconds` (50 s with the defaults).

    Args:
        session: The session to POST with (its own timeouts are not used).
        max_retries: Repeats after the first attempt (default 2; 0 disables them).
        sleep: Awaited with the delay in seconds between attempts; an exception it raises
            ends the refresh with that exception, unretried (the client's raises once it is
            closing, so that no token request starts then).
        timeout: Seconds each attempt may take in total (default 10).
        connect_timeout: Seconds to obtain a connection, within ``timeout`` (default 5).
        proxy: An ``http(s)://`` proxy URL to send the request through (default: none; the session's
            own settings apply).

    Returns:
        The new token; its ``refresh_token`` is None when the server did not rotate.

    Raises:
        AuthenticationError: The refresh token (or client) was rejected: sign in again.
        APITimeoutError, APIConnectionError: The endpoint was unreachable, or the outcome is unknown
            (``request_sent`` is then True).
        RateLimitError, InternalServerError: Still failing after the retries.
        ResponseDecodeError: The answer carried no usable access token.
        TypeError, ValueError: An argument is invalid (nothing is sent).
    """
    form = {
        "grant_type": "refresh_token",
        "refresh_token": _require_text("refresh_token", refresh_token),
        "client_id": _require_text("client_id", client_id),
    }
    if client_secret is not None:
        form["client_secret"] = _require_text("client_secret", client_secret)
    _require_url("token_url", token_url)
    _check_retries(max_retries)
    client_timeout = _client_timeout(timeout, connect_timeout)
    attempt = 0
    while True:
        failure: APIConnectionError | APIStatusError
        try:
            return await _request_token(
                session, token_url, form, now=now, client_timeout=client_timeout, proxy=proxy
            )
        except (APIConnectionError, APIStatusError) as exc:
            if not isinstance(exc, APIConnectionError | InternalServerError | RateLimitError):
                raise
            failure = exc
        if isinstance(failure, APIConnectionError) and failure.request_sent:
            raise _not_repeated(failure)
        # The API path's rule for operations that must not run twice: only a refusal that
        # proves the server did not act (429, 408, 503 with Retry-After) is repeated. A
        # 500, or a 502/504 from a gateway, may follow a rotation Keycloak already made.
        if not is_retryable(failure, idempotent=False):
            raise failure
        if attempt >= max_retries:
            raise failure
        delay = min(_RETRY_BASE_DELAY * 2**attempt, _RETRY_AFTER_CAP)
        requested = retry_after_delay(failure)
        if requested is not None:
            if requested > _RETRY_AFTER_CAP:
                # Every request waiting for this token would stall with it; the caller
                # gets retry_after and can decide.
                raise failure
            delay = max(delay, requested)
        attempt += 1
        _log.warning(
            "token refresh failed transiently (%s); retry %d of %d in %.1f s",
            type(failure).__name__,
            attempt,
            max_retries,
            delay,
        )
        await sleep(delay)


def _not_repeated(exc: APIConnectionError) -> APIConnectionError:
    message = (
        f"{exc}. The refresh request may have reached the token endpoint, so it was not "
        "repeated: if the server processed it, it has already replaced the refresh token, "
        "and presenting the old one again is refused as reuse (which can revoke the "
        "session). A later refresh with the same refresh token succeeds only if the server "
        "never processed this one; if it is refused, sign in again (e.g. `astravue login`)"
    )
    return type(exc)(message, method=exc.method, path=exc.path, request_sent=True)
