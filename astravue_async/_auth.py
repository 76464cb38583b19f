"""OAuth 2.0 (authorization-code flow on Keycloak) for the Astravue API.

Astravue access tokens live 30 minutes and refresh tokens may rotate: every refresh can
return a new refresh token and invalidate the old one. Two consequences shape this module:

* Refreshing must be *single-flight*. If two requests refreshed concurrently with the same
  refresh token, the second would present an already-rotated token, Keycloak would answer
  ``invalid_grant`` and the whole login would be lost. :class:`TokenManager` therefore lets
  exactly one refresh run at a time and hands its result to every caller that needed it.
* The newest refresh token must be persisted before anything else can lose it, so the
  manager saves it to a :class:`TokenStore` (atomically, mode 0600 for files) from inside
  the refresh itself, where a cancelled caller cannot interrupt it.

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
from astravue_async._retry import header_value, parse_retry_after

__all__ = [
    "DEFAULT_AUTHORIZE_URL",
    "DEFAULT_TOKEN_URL",
    "AuthorizationRequest",
    "JSONFileTokenStore",
    "MemoryTokenStore",
    "OAuth2Token",
    "TokenManager",
    "TokenStore",
    "build_authorization_url",
    "exchange_code",
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
# refresh (which every waiting request is blocked on) never stalls for long.
_RETRY_BASE_DELAY: Final = 0.5
_RETRY_AFTER_CAP: Final = 10.0


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


def _check_non_empty(_instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if value is None and attribute.name != "access_token":
        return
    if not isinstance(value, str):
        raise TypeError(f"{attribute.name} must be a string")
    if not value:
        raise ValueError(f"{attribute.name} must not be empty")


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

        ``expires_in``/``refresh_expires_in`` are relative, so ``now`` anchors them; a
        ``refresh_expires_in`` of 0 (Keycloak's offline tokens) means no expiry. A response
        that does not look like a token response raises :class:`ResponseDecodeError`.
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
        """Inverse of :meth:`to_dict`; malformed data raises :class:`DecodeError`."""
        if not isinstance(data, Mapping):
            raise DecodeError("stored token is not a JSON object", model="OAuth2Token")

        def text(key: str, *, required: bool = False) -> str | None:
            value = data.get(key)
            if value is None and not required:
                return None
            if not isinstance(value, str) or not value:
                raise DecodeError(
                    f"stored token field {key!r} must be a non-empty string",
                    path=f"$.{key}",
                    model="OAuth2Token",
                )
            return value

        def when(key: str) -> datetime | None:
            value = text(key)
            if value is None:
                return None
            try:
                parsed = datetime.fromisoformat(value)
            except ValueError:
                raise DecodeError(
                    f"stored token field {key!r} is not an ISO-8601 datetime",
                    path=f"$.{key}",
                    model="OAuth2Token",
                ) from None
            if parsed.tzinfo is None or parsed.utcoffset() is None:
                raise DecodeError(
                    f"stored token field {key!r} must be timezone-aware",
                    path=f"$.{key}",
                    model="OAuth2Token",
                )
            return parsed

        access_token = text("access_token", required=True)
        assert access_token is not None
        return cls(
            access_token=access_token,
            refresh_token=text("refresh_token"),
            expires_at=when("expires_at"),
            refresh_expires_at=when("refresh_expires_at"),
            token_type=text("token_type") or "Bearer",
            scope=text("scope"),
        )


def _seconds(payload: Mapping[str, object], key: str, status: int) -> float | None:
    value = payload.get(key)
    if value is None:
        return None
    # bool is an int subclass; True seconds is not a lifetime.
    if isinstance(value, bool) or not isinstance(value, int | float) or value < 0:
        raise ResponseDecodeError(
            f"token response field {key!r} is not a non-negative number "
            f"(got {type(value).__name__})",
            status=status,
        )
    return float(value)


def _token_from_payload(
    payload: Mapping[str, object], *, now: datetime, status: int
) -> OAuth2Token:
    if now.tzinfo is None or now.utcoffset() is None:
        raise ValueError("now must be a timezone-aware datetime")
    if not isinstance(payload, Mapping):
        raise ResponseDecodeError("token response is not a JSON object", status=status)
    access_token = payload.get("access_token")
    if not isinstance(access_token, str) or not access_token:
        raise ResponseDecodeError(
            "token response has no access_token string", status=status, body=_keys_only(payload)
        )
    refresh_token = payload.get("refresh_token")
    if refresh_token is not None and not isinstance(refresh_token, str):
        raise ResponseDecodeError(
            "token response field 'refresh_token' is not a string",
            status=status,
            body=_keys_only(payload),
        )
    token_type = payload.get("token_type", "Bearer")
    if not isinstance(token_type, str) or not token_type:
        raise ResponseDecodeError(
            "token response field 'token_type' is not a string", status=status
        )
    scope = payload.get("scope")
    if scope is not None and not isinstance(scope, str):
        raise ResponseDecodeError("token response field 'scope' is not a string", status=status)
    expires_in = _seconds(payload, "expires_in", status)
    refresh_expires_in = _seconds(payload, "refresh_expires_in", status)
    return OAuth2Token(
        access_token=access_token,
        refresh_token=refresh_token or None,
        expires_at=None if expires_in is None else now + timedelta(seconds=expires_in),
        refresh_expires_at=(
            None
            if not refresh_expires_in  # Keycloak sends 0 for "does not expire".
            else now + timedelta(seconds=refresh_expires_in)
        ),
        token_type=token_type,
        scope=scope,
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
    try:
        async with session.post(
            token_url,
            data=form,
            headers={"Accept": "application/json"},
            # A 307/308 would re-POST the form (refresh token, client secret, code) to
            # wherever Location points; a redirect is answered as an error instead.
            allow_redirects=False,
        ) as response:
            raw = await response.read()
            status = response.status
            headers = dict(response.headers)
    except _CONNECT_TIMEOUTS as exc:
        raise APITimeoutError(
            f"timed out connecting to the token endpoint ({type(exc).__name__})",
            **where,
            request_sent=False,
        ) from None
    except aiohttp.ClientConnectorError as exc:
        raise APIConnectionError(
            f"could not connect to the token endpoint: {_scrub(str(exc), sensitive)}",
            **where,
            request_sent=False,
        ) from None
    except TimeoutError as exc:  # also aiohttp's ServerTimeoutError/SocketTimeoutError
        raise APITimeoutError(
            f"timed out waiting for the token endpoint ({type(exc).__name__})",
            **where,
            request_sent=True,
        ) from None
    except aiohttp.ClientError as exc:
        raise APIConnectionError(
            f"token request failed: {type(exc).__name__}: {_scrub(str(exc), sensitive)}",
            **where,
            request_sent=True,
        ) from None
    # `from None` above: aiohttp's exception chain may hold the request, whose body has
    # the secrets; it adds nothing the message does not already say.

    try:
        payload: Any = json.loads(raw)
    except (ValueError, RecursionError):  # deeply nested JSON overflows the C scanner
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
        ) from None

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
) -> OAuth2Token:
    """Exchange an authorization code (from the redirect) for tokens.

    Never retried: a code is single-use, so a repeat after a lost response would only
    earn an ``invalid_grant``. Raises :class:`AuthenticationError` when Keycloak refuses.
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
    token = await _request_token(session, _require_url("token_url", token_url), form, now=now)
    _log.info("obtained access token from authorization code%s", _expiry_note(token, now()))
    return token


async def refresh(
    session: aiohttp.ClientSession,
    *,
    refresh_token: str,
    client_id: str,
    client_secret: str | None = None,
    token_url: str = DEFAULT_TOKEN_URL,
    max_retries: int = 2,
    sleep: Callable[[float], Awaitable[object]] = asyncio.sleep,
    now: Callable[[], datetime] = utcnow,
) -> OAuth2Token:
    """Use a refresh token to get a new access token (and possibly a rotated refresh token).

    Transient failures (connection errors, timeouts, 5xx, 429) are retried up to
    ``max_retries`` times after a short backoff. A rejected refresh token raises
    :class:`AuthenticationError` telling the user to sign in again.
    """
    form = {
        "grant_type": "refresh_token",
        "refresh_token": _require_text("refresh_token", refresh_token),
        "client_id": _require_text("client_id", client_id),
    }
    if client_secret is not None:
        form["client_secret"] = _require_text("client_secret", client_secret)
    _require_url("token_url", token_url)
    if max_retries < 0:
        raise ValueError("max_retries must not be negative")
    attempt = 0
    while True:
        try:
            return await _request_token(session, token_url, form, now=now)
        except (APIConnectionError, InternalServerError, RateLimitError) as exc:
            if attempt >= max_retries:
                raise
            delay = _RETRY_BASE_DELAY * 2**attempt
            if isinstance(exc, RateLimitError) and exc.retry_after is not None:
                delay = min(max(delay, exc.retry_after), _RETRY_AFTER_CAP)
            attempt += 1
            _log.warning(
                "token refresh failed transiently (%s); retry %d of %d in %.1f s",
                type(exc).__name__,
                attempt,
                max_retries,
                delay,
            )
            await sleep(delay)


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
            text = self.path.read_text(encoding="utf-8")
        except FileNotFoundError:
            return {}
        try:
            data = json.loads(text)
        except ValueError:
            # The content is credentials: name the file, never quote it.
            raise DecodeError(f"token file {str(self.path)!r} is not valid JSON") from None
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
            profiles = self._read_profiles()
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
      the same error without contacting the server. Transient errors are not final.
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

    async def _persist(self, token: OAuth2Token) -> None:
        if self._store is None:
            return
        try:
            await self._store.save(token)
        except Exception as exc:
            # The request can still proceed with the in-memory token; failing it would not
            # bring the store back.
            _log.warning(
                "could not save the refreshed token to %s (%s)",
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
                await result
        except Exception as exc:
            # Only the type: a user's exception message could contain the token.
            _log.warning("on_token_refresh callback raised %s; ignored", type(exc).__name__)


def _consume_exception(task: asyncio.Task[OAuth2Token]) -> None:
    # Waiters receive the exception through shield(); if every waiter was cancelled nobody
    # would, and asyncio would log "Task exception was never retrieved".
    if not task.cancelled():
        task.exception()
