"""OAuth 2.0 (authorization-code flow on Keycloak) for the Astravue API.

Astravue access tokens live 30 minutes and refresh tokens may rotate: every refresh can
return a new refresh token and invalidate the old one. Two consequences shape this module:

* Refreshing must be *single-flight*. If two requests refreshed concurrently with the same
  refresh token, the second would present an already-rotated token, Keycloak would answer
  ``invalid_grant`` and the whole login would be lost. :class:`TokenManager` therefore lets
  exactly one refresh run at a time and hands its result to every caller that needed it.
* The newest refresh token must be persisted before anything else can lose it, so the
  manager saves it to a :class:`TokenStore` (atomically, mode 0600 for files) from inside
  the refresh itself, where a cancelled caller cannot interrupt it. Once the server has
  answered, nothing the SDK dislikes about the answer, the store or the callback may lose
  the new refresh token: token responses are read tolerantly and hooks are bounded.
* A refresh the server may have processed is never replayed automatically (presenting a
  rotated-away refresh token can revoke the session), and every token request has its own
  timeout, so a silent token endpoint cannot hold requests for minutes.

Nothing here ever puts a token, client secret, authorization code or PKCE verifier into an
exception message, a log record or a ``repr``: those end up in bug reports and CI logs.
"""

from __future__ import annotations

import asyncio
import base64
import contextlib
import hashlib
import inspect
import json
import logging
import math
import os
import re
import secrets
import threading
import time
from collections.abc import Awaitable, Callable, Mapping
from datetime import UTC, datetime, timedelta
from pathlib import Path
from types import TracebackType
from typing import Any, Final, Protocol, runtime_checkable
from urllib.parse import urlencode, urlsplit

import aiohttp
import attrs

from astravue_async._errors import (
    APIConnectionError,
    APIStatusError,
    APITimeoutError,
    AuthenticationError,
    DecodeError,
    InternalServerError,
    RateLimitError,
    ResponseDecodeError,
    decode_error_class,
)
from astravue_async._retry import header_value, parse_retry_after, retry_after_delay

__all__ = [
    "DEFAULT_AUTHORIZE_URL",
    "DEFAULT_PERSIST_TIMEOUT",
    "DEFAULT_REFRESH_RETRIES",
    "DEFAULT_TOKEN_CONNECT_TIMEOUT",
    "DEFAULT_TOKEN_TIMEOUT",
    "DEFAULT_TOKEN_URL",
    "MAX_REFRESH_SECONDS",
    "AuthorizationRequest",
    "JSONFileTokenStore",
    "MemoryTokenStore",
    "OAuth2Token",
    "TokenManager",
    "TokenStore",
    "build_authorization_url",
    "exchange_code",
    "max_refresh_seconds",
    "refresh",
    "utcnow",
    "write_private_file",
]

_KEYCLOAK_OIDC: Final = "https://auth.astravue.com/realms/astravue/protocol/openid-connect"
DEFAULT_AUTHORIZE_URL: Final = f"{_KEYCLOAK_OIDC}/auth"
DEFAULT_TOKEN_URL: Final = f"{_KEYCLOAK_OIDC}/token"

_log = logging.getLogger("astravue_async")

_REDACTED: Final = "<redacted>"
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
DEFAULT_PERSIST_TIMEOUT: Final = 5.0
"""Seconds :class:`TokenManager` waits for ``TokenStore.save`` (and, separately, for an async
``on_token_refresh``) before carrying on with the new token in memory."""


def utcnow() -> datetime:
    """The current time as a timezone-aware UTC datetime."""
    return datetime.now(UTC)


def _check_aware(_instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if value is None:
        return
    if not isinstance(value, datetime):
        raise TypeError(f"{attribute.name} must be a datetime or None")
    if value.tzinfo is None or value.utcoffset() is None:
        raise ValueError(f"{attribute.name} must be a timezone-aware datetime")


# Control characters cannot travel in an HTTP header (aiohttp refuses CR/LF with a bare
# ValueError at send time), so an access token holding one is unusable from the start.
_CONTROL_CHARS = re.compile(r"[\x00-\x1f\x7f]")


def _check_non_empty(_instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if value is None and attribute.name != "access_token":
        return
    if not isinstance(value, str):
        raise TypeError(f"{attribute.name} must be a string")
    if not value.strip():
        raise ValueError(f"{attribute.name} must not be empty")
    if attribute.name == "access_token" and _CONTROL_CHARS.search(value):
        raise ValueError("access_token must not contain control characters")


def _format_expiry(value: datetime | None) -> str:
    return "None" if value is None else value.isoformat()


@attrs.frozen(repr=False)
class OAuth2Token:
    """An access token and, optionally, the refresh token that renews it.

    ``repr()``/``str()`` show only expiry, type and scope; the token strings are redacted.
    """

    access_token: str = attrs.field(validator=_check_non_empty)
    refresh_token: str | None = attrs.field(default=None, validator=_check_non_empty)
    expires_at: datetime | None = attrs.field(default=None, validator=_check_aware)
    """When the access token expires (``None``: unknown, rely on 401s)."""
    refresh_expires_at: datetime | None = attrs.field(default=None, validator=_check_aware)
    """When the refresh token expires (``None``: no expiry announced)."""
    token_type: str = attrs.field(default="Bearer", validator=_check_non_empty)
    scope: str | None = attrs.field(
        default=None, validator=attrs.validators.optional(attrs.validators.instance_of(str))
    )

    def __repr__(self) -> str:
        refresh = "None" if self.refresh_token is None else _REDACTED
        return (
            f"OAuth2Token(access_token={_REDACTED}, refresh_token={refresh}, "
            f"expires_at={_format_expiry(self.expires_at)}, "
            f"refresh_expires_at={_format_expiry(self.refresh_expires_at)}, "
            f"token_type={self.token_type!r}, scope={self.scope!r})"
        )

    __str__ = __repr__

    @property
    def can_refresh(self) -> bool:
        """True when a refresh token is present.

        The refresh token's announced expiry is deliberately not consulted: it is judged by
        the local wall clock, which may be wrong, and Keycloak extends it on every refresh.
        The authorization server has the final word.
        """
        return self.refresh_token is not None

    @classmethod
    def from_token_response(cls, payload: Mapping[str, object], *, now: datetime) -> OAuth2Token:
        """Build a token from a token-endpoint JSON response received at ``now``.

        ``expires_in``/``refresh_expires_in`` are relative seconds (numbers or numeric
        strings), so ``now`` anchors them; a ``refresh_expires_in`` of 0 (Keycloak's offline
        tokens) means no expiry. ``token_type`` is matched case-insensitively and ``scope``
        may be a string or a list of strings. Unknown members are ignored, and so, with a
        warning in the ``astravue_async`` log, is an optional member in an unreadable form:
        with rotating refresh tokens the server has already spent the old refresh token, so
        rejecting the answer over a detail would lose the session.

        :raises ResponseDecodeError: ``payload`` is not an object, or has no usable
            ``access_token`` (missing, not a string, empty or holding control characters).
        """
        return _token_from_payload(payload, now=now, status=200)

    def to_dict(self) -> dict[str, str | None]:
        """A JSON-ready dict (datetimes as ISO-8601 strings) for persisting the token."""
        return {
            "access_token": self.access_token,
            "refresh_token": self.refresh_token,
            "expires_at": None if self.expires_at is None else self.expires_at.isoformat(),
            "refresh_expires_at": (
                None if self.refresh_expires_at is None else self.refresh_expires_at.isoformat()
            ),
            "token_type": self.token_type,
            "scope": self.scope,
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, object]) -> OAuth2Token:
        """Inverse of :meth:`to_dict`, as tolerant as reading a token response.

        Unknown members are ignored. An unreadable ``expires_at``/``refresh_expires_at``
        (not an ISO-8601 string with a timezone), ``token_type`` or ``scope`` is ignored
        with a warning in the ``astravue_async`` log: losing the expiry only means relying
        on the API's 401, whereas refusing the data would lose the stored session.

        :raises DecodeError: ``data`` is not a mapping, ``access_token`` is missing or not a
            usable string, or ``refresh_token`` is present but not a non-empty string.
        """
        if not isinstance(data, Mapping):
            raise DecodeError("stored token is not a JSON object", model="OAuth2Token")
        access_token = _usable_access_token(data.get("access_token"))
        if access_token is None:
            raise DecodeError(
                "stored token field 'access_token' must be a non-empty string without "
                "control characters",
                path="$.access_token",
                model="OAuth2Token",
            )
        refresh_token = data.get("refresh_token")
        if refresh_token is not None and (
            not isinstance(refresh_token, str) or not refresh_token.strip()
        ):
            # Dropping it would turn the session into a static token whose expiry then
            # reads as "no refresh token configured": say what is actually wrong instead.
            raise DecodeError(
                "stored token field 'refresh_token' must be a non-empty string",
                path="$.refresh_token",
                model="OAuth2Token",
            )
        return cls(
            access_token=access_token,
            refresh_token=refresh_token,
            expires_at=_stored_datetime(data, "expires_at"),
            refresh_expires_at=_stored_datetime(data, "refresh_expires_at"),
            token_type=_token_type(data, "stored token"),
            scope=_scope(data, "stored token"),
        )


def _ignored(source: str, key: str, value: object) -> None:
    # The member name and value type only: the value itself may be anything, a secret too.
    _log.warning("%s field %r is unreadable (%s); ignored", source, key, type(value).__name__)


def _usable_access_token(value: object) -> str | None:
    if not isinstance(value, str):
        return None
    # Surrounding whitespace (a trailing newline from a sloppy proxy) is never part of a
    # token; anything else that cannot go into an Authorization header makes it unusable.
    value = value.strip()
    if not value or _CONTROL_CHARS.search(value):
        return None
    return value


def _stored_datetime(data: Mapping[str, object], key: str) -> datetime | None:
    value = data.get(key)
    if value is None:
        return None
    parsed: datetime | None = None
    if isinstance(value, str):
        with contextlib.suppress(ValueError):
            parsed = datetime.fromisoformat(value.strip())
    if parsed is None or parsed.tzinfo is None or parsed.utcoffset() is None:
        _ignored("stored token", key, value)
        return None
    return parsed


def _token_type(payload: Mapping[str, object], source: str) -> str:
    value = payload.get("token_type")
    if value is None:
        return "Bearer"
    if not isinstance(value, str) or not value.strip():
        _ignored(source, "token_type", value)
        return "Bearer"
    value = value.strip()
    # RFC 6749 5.1: token_type is case-insensitive; Keycloak says "Bearer", others "bearer".
    return "Bearer" if value.lower() == "bearer" else value


def _scope(payload: Mapping[str, object], source: str) -> str | None:
    value = payload.get("scope")
    if value is None or isinstance(value, str):
        return value
    # Some servers send the scope as a JSON list instead of RFC 6749's space-separated string.
    if isinstance(value, list | tuple) and all(isinstance(item, str) for item in value):
        return " ".join(value)
    _ignored(source, "scope", value)
    return None


def _seconds(payload: Mapping[str, object], key: str) -> float | None:
    value = payload.get(key)
    if value is None:
        return None
    seconds: float | None = None
    # bool is an int subclass; True seconds is not a lifetime.
    if isinstance(value, int | float) and not isinstance(value, bool):
        seconds = float(value)
    elif isinstance(value, str):
        with contextlib.suppress(ValueError):
            seconds = float(value.strip())
    if seconds is None or not math.isfinite(seconds) or seconds < 0:
        _ignored("token response", key, value)
        return None
    return seconds


def _after(now: datetime, seconds: float | None, key: str) -> datetime | None:
    if seconds is None:
        return None
    try:
        return now + timedelta(seconds=seconds)
    except OverflowError:  # beyond year 9999: as good as "not announced"
        _ignored("token response", key, seconds)
        return None


@attrs.frozen(repr=False)
class _SalvagedRefreshToken:
    """A new refresh token from an otherwise unusable token response (see TokenManager)."""

    value: str
    expires_at: datetime | None

    def __repr__(self) -> str:
        return f"_SalvagedRefreshToken(value={_REDACTED})"


_SALVAGE_ATTRIBUTE: Final = "_astravue_salvaged_refresh_token"


def _salvaged(exc: BaseException) -> _SalvagedRefreshToken | None:
    value = getattr(exc, _SALVAGE_ATTRIBUTE, None)
    return value if isinstance(value, _SalvagedRefreshToken) else None


def _token_from_payload(
    payload: Mapping[str, object], *, now: datetime, status: int
) -> OAuth2Token:
    if now.tzinfo is None or now.utcoffset() is None:
        raise ValueError("now must be a timezone-aware datetime")
    if not isinstance(payload, Mapping):
        raise ResponseDecodeError("token response is not a JSON object", status=status)
    refresh_token = payload.get("refresh_token")
    if refresh_token is not None and not isinstance(refresh_token, str):
        _ignored("token response", "refresh_token", refresh_token)
        refresh_token = None
    if refresh_token is not None and not refresh_token.strip():
        refresh_token = None  # "" is no refresh token (no rotation this time)
    refresh_expires_in = _seconds(payload, "refresh_expires_in")
    refresh_expires_at = (
        None
        if not refresh_expires_in  # Keycloak sends 0 for "does not expire".
        else _after(now, refresh_expires_in, "refresh_expires_in")
    )
    raw_access = payload.get("access_token")
    access_token = _usable_access_token(raw_access)
    if access_token is None:
        if raw_access is None:
            what = "missing"
        elif isinstance(raw_access, str):
            what = "empty or holding control characters"
        else:
            what = f"{type(raw_access).__name__}, not a string"
        message = f"the token endpoint's answer has no usable access_token ({what})"
        if refresh_token is not None:
            message += (
                "; it did include a new refresh token, which TokenManager keeps so that "
                "the next refresh can still succeed"
            )
        error = ResponseDecodeError(message, status=status, body=_keys_only(payload))
        if refresh_token is not None:
            # With rotation the server has already spent the old refresh token: this one is
            # the session now. It travels on the error (behind a redacting repr) because
            # TokenManager only sees what its refresher raises.
            setattr(
                error, _SALVAGE_ATTRIBUTE, _SalvagedRefreshToken(refresh_token, refresh_expires_at)
            )
        raise error
    return OAuth2Token(
        access_token=access_token,
        refresh_token=refresh_token,
        expires_at=_after(now, _seconds(payload, "expires_in"), "expires_in"),
        refresh_expires_at=refresh_expires_at,
        token_type=_token_type(payload, "token response"),
        scope=_scope(payload, "token response"),
    )


def _keys_only(payload: Mapping[str, object]) -> dict[str, str]:
    # Enough to debug a malformed response without carrying any token value around.
    return {str(key): type(value).__name__ for key, value in payload.items()}


# --------------------------------------------------------------------------- authorize URL


@attrs.frozen(repr=False)
class AuthorizationRequest:
    """Where to send the user, and what to keep until the redirect comes back.

    Compare the callback's ``state`` with :attr:`state`, then pass :attr:`code_verifier`
    to :func:`exchange_code`. The verifier is a secret and is hidden from ``repr()``.
    """

    url: str
    state: str
    code_verifier: str | None = None

    def __repr__(self) -> str:
        verifier = "None" if self.code_verifier is None else _REDACTED
        return (
            f"AuthorizationRequest(url={self.url!r}, state={self.state!r}, "
            f"code_verifier={verifier})"
        )

    __str__ = __repr__


def _require_text(name: str, value: object) -> str:
    if not isinstance(value, str):
        raise TypeError(f"{name} must be a string")
    if not value.strip():
        raise ValueError(f"{name} must not be empty")
    return value


def _require_url(name: str, value: object) -> str:
    text = _require_text(name, value)
    parts = urlsplit(text)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise ValueError(f"{name} must be an absolute http(s) URL")
    return text


def _pkce_challenge(verifier: str) -> str:
    digest = hashlib.sha256(verifier.encode("ascii")).digest()
    return base64.urlsafe_b64encode(digest).rstrip(b"=").decode("ascii")


def build_authorization_url(
    client_id: str,
    redirect_uri: str,
    scope: str = "openid",
    state: str | None = None,
    pkce: bool = True,
    *,
    authorize_url: str = DEFAULT_AUTHORIZE_URL,
) -> AuthorizationRequest:
    """The URL that starts the authorization-code flow, with a CSRF ``state``.

    With ``pkce`` (the default) an RFC 7636 S256 challenge is added; the matching verifier
    is returned in the :class:`AuthorizationRequest` and must go to :func:`exchange_code`.
    """
    _require_text("client_id", client_id)
    _require_text("redirect_uri", redirect_uri)
    _require_text("scope", scope)
    _require_url("authorize_url", authorize_url)
    if state is None:
        state = secrets.token_urlsafe(32)
    else:
        _require_text("state", state)
    params = {
        "response_type": "code",
        "client_id": client_id,
        "redirect_uri": redirect_uri,
        "scope": scope,
        "state": state,
    }
    verifier: str | None = None
    if pkce:
        # 64 random bytes give 86 characters of [A-Za-z0-9_-], inside RFC 7636's 43-128.
        verifier = secrets.token_urlsafe(64)
        params["code_challenge"] = _pkce_challenge(verifier)
        params["code_challenge_method"] = "S256"
    separator = "&" if urlsplit(authorize_url).query else "?"
    return AuthorizationRequest(
        url=f"{authorize_url}{separator}{urlencode(params)}",
        state=state,
        code_verifier=verifier,
    )


# --------------------------------------------------------------------------- token endpoint

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
            # Its own budget: the session's default (or none at all, for a caller's
            # session) would let a silent token endpoint hold every request for minutes.
            timeout=client_timeout,
            proxy=proxy,
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
        failure = APIConnectionError(
            f"token request failed: {type(exc).__name__}: {_scrub(str(exc), sensitive)}",
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
    common: dict[str, Any] = {"status": status, "body": body, "headers": headers, **where}

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

    :raises TypeError, ValueError: ``timeout`` or ``max_retries`` is not valid for
        :func:`refresh`.
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

    :param session: the session to POST with (its own timeouts are not used).
    :param timeout: seconds the request may take in total (default 10).
    :param connect_timeout: seconds to obtain a connection, within ``timeout`` (default 5).
    :param proxy: an ``http(s)://`` proxy URL to send the request through (default: none;
        the session's own settings apply).
    :raises AuthenticationError: Keycloak refused the code or the client.
    :raises APITimeoutError: no answer within ``timeout``.
    :raises APIConnectionError: the token endpoint could not be reached or the connection
        failed.
    :raises ResponseDecodeError: the answer carried no usable access token.
    :raises TypeError, ValueError: an argument is invalid (nothing is sent).
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
    * a 5xx or 429 answer: the server refused without issuing anything. A 429 is repeated
      after its ``Retry-After`` (at most 10 s; a longer one raises at once).

    A request that may have reached the server (a timeout after it was sent, a connection
    dropped before the whole answer arrived) is never repeated: the error says so, and
    retrying it is the caller's decision. An HTTP 200 answer is never repeated either.

    :param session: the session to POST with (its own timeouts are not used).
    :param max_retries: repeats after the first attempt (default 2; 0 disables them).
    :param sleep: awaited with the delay in seconds between attempts (for tests).
    :param timeout: seconds each attempt may take in total (default 10).
    :param connect_timeout: seconds to obtain a connection, within ``timeout`` (default 5).
    :param proxy: an ``http(s)://`` proxy URL to send the request through (default: none;
        the session's own settings apply).
    :returns: the new token; its ``refresh_token`` is None when the server did not rotate.
    :raises AuthenticationError: the refresh token (or client) was rejected: sign in again.
    :raises APITimeoutError, APIConnectionError: the endpoint was unreachable, or the
        outcome is unknown (``request_sent`` is then True).
    :raises RateLimitError, InternalServerError: still failing after the retries.
    :raises ResponseDecodeError: the answer carried no usable access token.
    :raises TypeError, ValueError: an argument is invalid (nothing is sent).

    Worst case it takes :func:`max_refresh_seconds` (50 s with the defaults).
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
        except (APIConnectionError, InternalServerError, RateLimitError) as exc:
            failure = exc
        if isinstance(failure, APIConnectionError) and failure.request_sent:
            raise _not_repeated(failure)
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


def _expiry_note(token: OAuth2Token, now: datetime) -> str:
    if token.expires_at is None:
        return "; no expiry announced"
    return f"; expires in {round((token.expires_at - now).total_seconds())} s"


# --------------------------------------------------------------------------- token stores


@runtime_checkable
class TokenStore(Protocol):
    """Where a :class:`TokenManager` keeps the latest token, e.g. across processes."""

    async def load(self) -> OAuth2Token | None:
        """The stored token, or None if there is none."""
        ...

    async def save(self, token: OAuth2Token) -> None:
        """Store ``token``, replacing any previous one."""
        ...

    async def clear(self) -> None:
        """Forget the stored token (a no-op if there is none)."""
        ...


class MemoryTokenStore:
    """A :class:`TokenStore` that lives as long as the object (tests, short scripts)."""

    def __init__(self, token: OAuth2Token | None = None) -> None:
        self._token = token

    def __repr__(self) -> str:
        return f"MemoryTokenStore(token={self._token!r})"

    async def load(self) -> OAuth2Token | None:
        return self._token

    async def save(self, token: OAuth2Token) -> None:
        if not isinstance(token, OAuth2Token):
            raise TypeError("token must be an OAuth2Token")
        self._token = token

    async def clear(self) -> None:
        self._token = None


def write_private_file(path: Path, text: str) -> None:
    """Write ``text`` to ``path`` atomically, readable only by the owner (mode 0600).

    A temporary file in the same directory is fsynced and renamed over the target, so a
    crash never leaves a truncated file (and never loses the only copy of a rotated refresh
    token). A missing parent directory is created with mode 0700.
    """
    directory = path.parent
    directory.mkdir(mode=0o700, parents=True, exist_ok=True)
    temp = directory / f".{path.name}.{secrets.token_hex(8)}.tmp"
    # O_EXCL: never follow a planted symlink or reuse someone else's file.
    fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            if hasattr(os, "fchmod"):
                os.fchmod(handle.fileno(), 0o600)  # in case of an unusual umask
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            temp.unlink()
        raise
    # Make the rename itself durable; not possible (nor needed) everywhere.
    with contextlib.suppress(OSError, AttributeError):
        dir_fd = os.open(directory, os.O_RDONLY)
        try:
            os.fsync(dir_fd)
        finally:
            os.close(dir_fd)


# One lock per file: stores for different profiles of the same file do read-modify-write
# in worker threads and would otherwise drop each other's updates.
_FILE_LOCKS: dict[str, threading.Lock] = {}
_FILE_LOCKS_GUARD = threading.Lock()


def _file_lock(path: Path) -> threading.Lock:
    key = os.path.normcase(os.path.abspath(path))
    with _FILE_LOCKS_GUARD:
        return _FILE_LOCKS.setdefault(key, threading.Lock())


class JSONFileTokenStore:
    """Tokens in one JSON file, ``{profile: token_dict}``, readable only by the owner.

    Writes go to a temporary file in the same directory which is fsynced and then renamed
    over the target, so a crash never leaves a truncated file behind (and never loses the
    only copy of a rotated refresh token). The file is created with mode 0600 and a
    missing parent directory with mode 0700.

    ``load`` raises :class:`DecodeError` for a file that is not a JSON object (naming the
    file, never quoting it). ``save`` does not: the token being saved may be the only
    valid one left, so an unreadable file is renamed to ``<name>.unreadable-<hex>`` (kept
    for manual recovery, with a warning in the ``astravue_async`` log) and a new file is
    started. Unknown members are ignored on load (see :meth:`OAuth2Token.from_dict`).
    """

    def __init__(self, path: str | os.PathLike[str], profile: str = "default") -> None:
        self.path = Path(path).expanduser()
        self.profile = _require_text("profile", profile)
        self._lock = _file_lock(self.path)

    def __repr__(self) -> str:
        return f"JSONFileTokenStore(path={str(self.path)!r}, profile={self.profile!r})"

    async def load(self) -> OAuth2Token | None:
        return await asyncio.to_thread(self._load_sync)

    async def save(self, token: OAuth2Token) -> None:
        if not isinstance(token, OAuth2Token):
            raise TypeError("token must be an OAuth2Token")
        await asyncio.to_thread(self._update_sync, token)

    async def clear(self) -> None:
        await asyncio.to_thread(self._update_sync, None)

    def _read_profiles(self) -> dict[str, Any]:
        try:
            raw = self.path.read_bytes()
        except FileNotFoundError:
            return {}
        data: Any = None
        readable = True
        try:
            data = json.loads(raw.decode("utf-8"))
        except (ValueError, RecursionError):  # also UnicodeDecodeError
            readable = False
        # Raised out here: the decode error (its .doc/.object is the file's content, i.e.
        # credentials) must not ride along as __context__. Name the file, never quote it.
        if not readable:
            raise DecodeError(f"token file {str(self.path)!r} is not valid JSON")
        if not isinstance(data, dict):
            raise DecodeError(f"token file {str(self.path)!r} does not hold a JSON object")
        return data

    def _load_sync(self) -> OAuth2Token | None:
        with self._lock:
            entry = self._read_profiles().get(self.profile)
        if entry is None:
            return None
        return OAuth2Token.from_dict(entry)

    def _update_sync(self, token: OAuth2Token | None) -> None:
        with self._lock:
            try:
                profiles = self._read_profiles()
            except DecodeError:
                if token is None:
                    raise
                # With rotation the token being saved may be the only valid one left:
                # refusing to write it because of an unreadable file would lose the session.
                # The unreadable file is kept beside it for manual recovery.
                self._set_aside()
                profiles = {}
            if token is None:
                if self.profile not in profiles:
                    return
                del profiles[self.profile]
            else:
                profiles[self.profile] = token.to_dict()
            if profiles:
                self._write_atomic(json.dumps(profiles, indent=2, sort_keys=True) + "\n")
            else:
                with contextlib.suppress(FileNotFoundError):
                    self.path.unlink()

    def _write_atomic(self, text: str) -> None:
        write_private_file(self.path, text)

    def _set_aside(self) -> None:
        aside = self.path.with_name(f"{self.path.name}.unreadable-{secrets.token_hex(4)}")
        os.replace(self.path, aside)
        _log.warning(
            "token file %r was unreadable; moved it to %r and started a new one",
            str(self.path),
            str(aside),
        )


# --------------------------------------------------------------------------- token manager

Refresher = Callable[[str], Awaitable[OAuth2Token]]
TokenCallback = Callable[[OAuth2Token], Awaitable[None] | None]


class TokenManager:
    """Hands out a valid access token for every request and refreshes it single-flight.

    * :meth:`get_access_token` refreshes proactively when the token expires within
      ``skew`` seconds; any number of concurrent callers share one refresh.
    * :meth:`refresh_after_unauthorized` is for a 401: it refreshes only if nobody has
      replaced the rejected token yet.
    * Expiry is tracked on the monotonic ``clock``, so wall-clock jumps (NTP, suspend,
      manual changes) neither cause spurious refreshes nor suppress due ones.
    * A rejected refresh token (:class:`AuthenticationError`) is final: later calls raise
      the same error without contacting the server. Other errors are not final: the next
      call that needs a token refreshes again (after a refresh whose outcome is unknown,
      with the same refresh token; see :func:`refresh`).
    * A refresh runs in its own task: callers that give up (cancelled, or their deadline
      passed) do not stop it, and its result is kept for the next call.
    * Every new refresh token the server hands out is kept, because with rotation the old
      one is spent the moment the server answers: the manager adopts it before saving or
      announcing it, so a failing or hanging ``store.save`` or ``on_token_refresh`` (each
      given ``persist_timeout`` seconds, then abandoned with a warning) cannot lose it.
      Even an answer without a usable access token is mined for its new refresh token,
      which is adopted, saved and announced (with the old access token, marked due for
      refresh) before the :class:`ResponseDecodeError` is raised.

    A managed refresh takes at most the refresher's own bound (for :func:`refresh`,
    :func:`max_refresh_seconds`) plus twice ``persist_timeout``; a synchronous
    ``on_token_refresh`` or ``store.save`` that blocks cannot be bounded.

    :param token: the token to start from.
    :param refresher: turns a refresh token into a new :class:`OAuth2Token` (usually
        :func:`refresh` bound to a session and client); None for a static token.
    :param on_token_refresh: called (sync or async) with every new token.
    :param store: where every new token is saved (before ``on_token_refresh`` runs).
    :param skew: seconds before expiry at which the token is refreshed proactively.
    :param clock: monotonic seconds (for tests); ``wall_clock``: aware UTC now.
    :param persist_timeout: seconds to wait for ``store.save`` and, separately, for an
        async ``on_token_refresh``, before carrying on without them (default 5).
    :raises TypeError, ValueError: an argument is invalid.
    """

    def __init__(
        self,
        token: OAuth2Token,
        *,
        refresher: Refresher | None,
        on_token_refresh: TokenCallback | None = None,
        store: TokenStore | None = None,
        skew: float = 60.0,
        clock: Callable[[], float] = time.monotonic,
        wall_clock: Callable[[], datetime] = utcnow,
        persist_timeout: float = DEFAULT_PERSIST_TIMEOUT,
    ) -> None:
        if not isinstance(token, OAuth2Token):
            raise TypeError(f"token must be an OAuth2Token, not {type(token).__name__}")
        if refresher is not None and not callable(refresher):
            raise TypeError("refresher must be a coroutine function or None")
        if on_token_refresh is not None and not callable(on_token_refresh):
            raise TypeError("on_token_refresh must be callable or None")
        if isinstance(skew, bool) or not isinstance(skew, int | float):
            raise TypeError("skew must be a number of seconds")
        if not skew >= 0:  # also rejects NaN
            raise ValueError("skew must not be negative")
        if isinstance(persist_timeout, bool) or not isinstance(persist_timeout, int | float):
            raise TypeError("persist_timeout must be a number of seconds")
        if not (math.isfinite(persist_timeout) and persist_timeout > 0):
            raise ValueError("persist_timeout must be a positive finite number of seconds")
        self._persist_timeout = float(persist_timeout)
        # Saves/callbacks that outlived persist_timeout: referenced until they finish so
        # they are neither garbage collected mid-flight nor reported as never retrieved.
        self._abandoned: set[asyncio.Task[Any]] = set()
        self._refresher = refresher
        self._on_token_refresh = on_token_refresh
        self._store = store
        self._skew = float(skew)
        self._clock = clock
        self._wall_clock = wall_clock
        self._token = token
        self._refresh_at: float | None = None
        self._schedule(token)
        self._inflight: asyncio.Task[OAuth2Token] | None = None
        self._failure: AuthenticationError | None = None
        self._failure_tb: TracebackType | None = None

    def __repr__(self) -> str:
        state = "failed" if self._failure is not None else "ok"
        return f"TokenManager(token={self._token!r}, state={state})"

    @property
    def token(self) -> OAuth2Token:
        """The current token (after any refreshes)."""
        return self._token

    @property
    def can_refresh(self) -> bool:
        """Whether a refresh is possible at all (refresher and refresh token present)."""
        return self._refresher is not None and self._token.can_refresh

    async def get_access_token(self) -> str:
        """A usable access token, refreshed first if it expires within ``skew`` seconds.

        Without a refresher (a static token) the token is returned as is, even if expired:
        the API's 401 is then the authoritative answer.
        """
        self._raise_if_failed()
        if not self.can_refresh or not self._expiring():
            return self._token.access_token
        token = await self._join_refresh()
        return token.access_token

    async def refresh_after_unauthorized(self, used_access_token: str) -> str:
        """A new access token after the API answered 401 to ``used_access_token``.

        If the token has been replaced meanwhile (another request already refreshed), the
        current one is returned without refreshing again.
        """
        self._raise_if_failed()
        if self._token.access_token != used_access_token:
            return await self.get_access_token()
        if not self.can_refresh:
            raise AuthenticationError(
                "the access token was rejected and cannot be refreshed: no refresh token "
                "or client credentials were configured. Provide a new access token, or a "
                "refresh token with the client id, or sign in again (e.g. `astravue login`)",
                status=401,
            )
        token = await self._join_refresh()
        return token.access_token

    def _raise_if_failed(self) -> None:
        if self._failure is not None:
            # The stored traceback keeps repeated raises from growing it without bound.
            raise self._failure.with_traceback(self._failure_tb)

    def _schedule(self, token: OAuth2Token) -> None:
        # Translate the wall-clock expiry into a monotonic deadline once, now; from here on
        # only the monotonic clock is consulted.
        if token.expires_at is None:
            self._refresh_at = None
            return
        remaining = (token.expires_at - self._wall_clock()).total_seconds()
        # A lifetime shorter than the skew would otherwise be "expiring" from birth and
        # refresh on every call; refresh such tokens at half-life instead.
        margin = min(self._skew, max(remaining, 0.0) / 2)
        self._refresh_at = self._clock() + remaining - margin

    def _expiring(self) -> bool:
        return self._refresh_at is not None and self._clock() >= self._refresh_at

    async def _join_refresh(self) -> OAuth2Token:
        loop = asyncio.get_running_loop()
        task = self._inflight
        # A task left behind by a loop that has since been closed can never finish.
        if task is None or task.get_loop() is not loop:
            task = loop.create_task(self._run_refresh())
            task.add_done_callback(_consume_exception)
            self._inflight = task
        # shield: a cancelled waiter must not cancel the refresh the others are awaiting
        # (nor lose the rotated refresh token halfway through).
        return await asyncio.shield(task)

    async def _run_refresh(self) -> OAuth2Token:
        try:
            return await self._refresh_once()
        finally:
            if self._inflight is asyncio.current_task():
                self._inflight = None

    async def _refresh_once(self) -> OAuth2Token:
        refresher = self._refresher
        old = self._token
        assert refresher is not None and old.refresh_token is not None
        try:
            new = await refresher(old.refresh_token)
        except AuthenticationError as exc:
            self._failure = exc
            self._failure_tb = exc.__traceback__
            _log.warning(
                "token refresh was rejected (HTTP %s); sign in again to continue",
                exc.status,
            )
            raise
        except Exception as exc:
            salvaged = _salvaged(exc)
            if salvaged is not None:
                await self._adopt_refresh_token(old, salvaged)
            raise
        if not isinstance(new, OAuth2Token):
            raise TypeError(f"refresher returned {type(new).__name__}, not OAuth2Token")
        if new.refresh_token is None:
            # No rotation this time: the old refresh token stays valid.
            new = attrs.evolve(
                new, refresh_token=old.refresh_token, refresh_expires_at=old.refresh_expires_at
            )
        self._token = new
        self._schedule(new)
        _log.info("refreshed access token%s", _expiry_note(new, self._wall_clock()))
        await self._persist(new)
        await self._notify(new)
        return new

    async def _adopt_refresh_token(self, old: OAuth2Token, salvaged: _SalvagedRefreshToken) -> None:
        # The answer had no usable access token, but the server has spent the old refresh
        # token: keep the new one, with the old access token marked due for refresh so the
        # next call that needs a token refreshes (with the new refresh token) first.
        token = attrs.evolve(
            old, refresh_token=salvaged.value, refresh_expires_at=salvaged.expires_at
        )
        self._token = token
        self._refresh_at = self._clock()
        _log.warning(
            "the token endpoint's answer had no usable access token; kept the new refresh "
            "token it contained for the next refresh"
        )
        await self._persist(token)
        await self._notify(token)

    async def _persist(self, token: OAuth2Token) -> None:
        if self._store is None:
            return
        try:
            outcome = self._store.save(token)
            if inspect.isawaitable(outcome):
                await self._bounded(outcome, "saving the refreshed token")
        except Exception as exc:
            # The request can still proceed with the in-memory token; failing it would not
            # bring the store back. Only the type: a message could quote the token.
            _log.warning(
                "could not save the refreshed token to %s (%s); continuing with it in memory",
                type(self._store).__name__,
                type(exc).__name__,
            )

    async def _notify(self, token: OAuth2Token) -> None:
        callback = self._on_token_refresh
        if callback is None:
            return
        try:
            result = callback(token)
            if inspect.isawaitable(result):
                await self._bounded(result, "the on_token_refresh callback")
        except Exception as exc:
            # Only the type: a user's exception message could contain the token.
            _log.warning("on_token_refresh callback raised %s; ignored", type(exc).__name__)

    async def _bounded(self, awaitable: Awaitable[object], what: str) -> None:
        """Await ``awaitable`` for at most ``persist_timeout`` seconds.

        Past the limit it is cancelled but not waited for (asyncio.wait_for would wait
        for a coroutine that ignores cancellation, which is the hang being bounded).
        """
        task: asyncio.Future[object] = asyncio.ensure_future(awaitable)
        try:
            done, _ = await asyncio.wait({task}, timeout=self._persist_timeout)
        except asyncio.CancelledError:
            task.cancel()  # the refresh itself is being torn down (loop shutdown)
            raise
        if task in done:
            task.result()  # re-raises its exception for the caller's handler
            return
        task.cancel()
        if isinstance(task, asyncio.Task):
            self._abandoned.add(task)
            task.add_done_callback(self._forget_abandoned)
        _log.warning(
            "%s did not finish within %g s; continuing with the new token in memory",
            what,
            self._persist_timeout,
        )

    def _forget_abandoned(self, task: asyncio.Task[Any]) -> None:
        self._abandoned.discard(task)
        if not task.cancelled():
            task.exception()  # retrieved, so asyncio does not log it


def _consume_exception(task: asyncio.Task[OAuth2Token]) -> None:
    # Waiters receive the exception through shield(); if every waiter was cancelled nobody
    # would, and asyncio would log "Task exception was never retrieved".
    if not task.cancelled():
        task.exception()
