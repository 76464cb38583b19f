"""The token model: :class:`OAuth2Token` and how token answers and stored tokens are read.

Astravue refresh tokens may rotate: every refresh can return a new refresh token and
invalidate the old one. Once the server has answered, the old refresh token is spent, so
nothing the SDK dislikes about the answer may lose the new one: token responses and stored
tokens are read tolerantly (an unreadable optional member is ignored with a warning), and an
answer without a usable access token still yields its new refresh token, which travels on
the :class:`ResponseDecodeError` for :class:`TokenManager` to keep.

Token strings never appear in a ``repr``, an exception message or a log record: those end
up in bug reports and CI logs.
"""

from __future__ import annotations

import contextlib
import logging
import math
import re
from collections.abc import Mapping
from datetime import UTC, datetime, timedelta
from typing import Any, Final
from urllib.parse import urlsplit

import attrs

from astravue_async._errors import DecodeError, ResponseDecodeError

_log = logging.getLogger("astravue_async")

_REDACTED: Final = "<redacted>"


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

        Raises:
            ResponseDecodeError: ``payload`` is not an object, or has no usable ``access_token``
                (missing, not a string, empty or holding control characters).
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

        Raises:
            DecodeError: ``data`` is not a mapping, ``access_token`` is missing or not a usable
                string, or ``refresh_token`` is present but not a non-empty string.
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


def _expiry_note(token: OAuth2Token, now: datetime) -> str:
    if token.expires_at is None:
        return "; no expiry announced"
    return f"; expires in {round((token.expires_at - now).total_seconds())} s"
