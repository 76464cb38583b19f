"""Tests for astravue_async.auth against a real (local) Keycloak-like token endpoint."""

from __future__ import annotations

import asyncio
import base64
import gc
import hashlib
import json
import logging
import os
import re
import stat
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

import aiohttp
import attrs
import pytest
from aiohttp import web
from aiohttp.test_utils import TestServer

from astravue_async._errors import (
    APIConnectionError,
    AuthenticationError,
    DecodeError,
    InternalServerError,
    LeaseLostError,
    ResponseDecodeError,
    TokenStoreError,
)
from astravue_async.auth import (
    DEFAULT_AUTHORIZE_URL,
    DEFAULT_TOKEN_URL,
    AuthorizationRequest,
    OAuth2Token,
    TokenManager,
    TokenStore,
    build_authorization_url,
    exchange_code,
    refresh,
    utcnow,
)
from astravue_async.stores import JSONFileTokenStore, MemoryTokenStore

CLIENT_ID = "astravue-cli"
CLIENT_SECRET = "CLIENT-SECRET-9f8e7d"
AUTH_CODE = "AUTH-CODE-5c4b3a"
REDIRECT_URI = "http://127.0.0.1:8765/callback"
TOKEN_PATH = "/realms/astravue/protocol/openid-connect/token"
PKCE_ALPHABET = re.compile(r"^[A-Za-z0-9\-._~]+$")


# --------------------------------------------------------------------------- fake Keycloak


@dataclass
class FakeKeycloak:
    """A token endpoint that rotates refresh tokens the way Keycloak does."""

    url: str = ""
    requests: list[dict[str, str]] = field(default_factory=list)
    content_types: list[str] = field(default_factory=list)
    grants: int = 0
    valid_refresh_tokens: set[str] = field(default_factory=set)
    used_codes: set[str] = field(default_factory=set)
    # Canned responses served (in order) before the normal logic: (status, body, headers).
    canned: list[tuple[int, str, dict[str, str]]] = field(default_factory=list)
    delay: float = 0.0
    expires_in: int = 1800
    refresh_expires_in: int = 0
    rotate: bool = True

    def issue_refresh_token(self) -> str:
        self.grants += 1
        token = f"RT-SECRET-{self.grants}"
        self.valid_refresh_tokens.add(token)
        return token

    def _issue(self, *, new_refresh: bool = True) -> web.Response:
        self.grants += 1
        body: dict[str, Any] = {
            "access_token": f"AT-SECRET-{self.grants}",
            "token_type": "Bearer",
            "expires_in": self.expires_in,
            "refresh_expires_in": self.refresh_expires_in,
            "scope": "openid profile",
            "not-before-policy": 0,
        }
        if new_refresh:
            body["refresh_token"] = f"RT-SECRET-{self.grants}"
            self.valid_refresh_tokens.add(body["refresh_token"])
        return web.json_response(body)

    @staticmethod
    def _error(status: int, error: str, description: str) -> web.Response:
        return web.json_response({"error": error, "error_description": description}, status=status)

    async def handle(self, request: web.Request) -> web.StreamResponse:
        form = {k: str(v) for k, v in (await request.post()).items()}
        self.requests.append(form)
        self.content_types.append(request.content_type)
        if self.delay:
            await asyncio.sleep(self.delay)
        if self.canned:
            status, text, headers = self.canned.pop(0)
            return web.Response(status=status, text=text, headers=headers)
        if form.get("client_id") != CLIENT_ID or form.get("client_secret") != CLIENT_SECRET:
            return self._error(
                401, "invalid_client", "Invalid client or Invalid client credentials"
            )
        grant = form.get("grant_type")
        if grant == "authorization_code":
            code = form.get("code", "")
            if code != AUTH_CODE or code in self.used_codes:
                return self._error(400, "invalid_grant", "Code not valid")
            self.used_codes.add(code)
            return self._issue()
        if grant == "refresh_token":
            token = form.get("refresh_token", "")
            if token not in self.valid_refresh_tokens:
                return self._error(400, "invalid_grant", "Token is not active")
            if self.rotate:
                self.valid_refresh_tokens.discard(token)
            return self._issue(new_refresh=self.rotate)
        return self._error(400, "unsupported_grant_type", "Unsupported grant_type")


@pytest.fixture
async def keycloak() -> AsyncIterator[FakeKeycloak]:
    kc = FakeKeycloak()
    app = web.Application()
    app.router.add_post(TOKEN_PATH, kc.handle)
    server = TestServer(app, host="127.0.0.1")
    await server.start_server()
    try:
        kc.url = str(server.make_url(TOKEN_PATH))
        yield kc
    finally:
        await server.close()


@pytest.fixture
async def session() -> AsyncIterator[aiohttp.ClientSession]:
    async with aiohttp.ClientSession() as s:
        yield s


class Sleeps:
    """An injected sleep that records delays instead of waiting."""

    def __init__(self) -> None:
        self.delays: list[float] = []

    async def __call__(self, delay: float) -> None:
        self.delays.append(delay)


def make_refresher(
    session: aiohttp.ClientSession, kc: FakeKeycloak, sleeps: Sleeps | None = None
) -> Callable[[str], Any]:
    async def refresher(refresh_token: str) -> OAuth2Token:
        return await refresh(
            session,
            refresh_token=refresh_token,
            client_id=CLIENT_ID,
            client_secret=CLIENT_SECRET,
            token_url=kc.url,
            sleep=sleeps or Sleeps(),
        )

    return refresher


def expired_token(kc: FakeKeycloak) -> OAuth2Token:
    return OAuth2Token(
        access_token="AT-SECRET-initial",
        refresh_token=kc.issue_refresh_token(),
        expires_at=utcnow() - timedelta(seconds=5),
    )


def fresh_token(kc: FakeKeycloak) -> OAuth2Token:
    return OAuth2Token(
        access_token="AT-SECRET-initial",
        refresh_token=kc.issue_refresh_token(),
        expires_at=utcnow() + timedelta(minutes=30),
    )


def assert_no_secrets(text: str) -> None:
    for secret in ("AT-SECRET", "RT-SECRET", CLIENT_SECRET, AUTH_CODE, "VERIFIER-SECRET"):
        assert secret not in text, f"{secret!r} leaked into {text!r}"


def assert_clean_logs(caplog: pytest.LogCaptureFixture) -> None:
    for record in caplog.records:
        assert_no_secrets(record.getMessage())
        assert_no_secrets(repr(record.args))


# --------------------------------------------------------------------------- OAuth2Token


def test_token_requires_aware_datetimes() -> None:
    with pytest.raises(ValueError, match="expires_at"):
        OAuth2Token(access_token="a", expires_at=datetime(2030, 1, 1))
    with pytest.raises(ValueError, match="refresh_expires_at"):
        OAuth2Token(access_token="a", refresh_expires_at=datetime(2030, 1, 1))
    with pytest.raises(ValueError, match="access_token"):
        OAuth2Token(access_token="")


def test_from_token_response_computes_expiries() -> None:
    now = datetime(2030, 1, 1, 12, 0, tzinfo=UTC)
    token = OAuth2Token.from_token_response(
        {
            "access_token": "AT-SECRET-x",
            "refresh_token": "RT-SECRET-x",
            "expires_in": 1800,
            "refresh_expires_in": 0,
            "token_type": "Bearer",
            "scope": "openid email",
        },
        now=now,
    )
    assert token.expires_at == now + timedelta(minutes=30)
    assert token.refresh_expires_at is None  # Keycloak's 0 means "no expiry"
    assert token.can_refresh
    assert token.scope == "openid email"

    limited = OAuth2Token.from_token_response(
        {"access_token": "a", "expires_in": 300, "refresh_expires_in": 3600}, now=now
    )
    assert limited.refresh_expires_at == now + timedelta(hours=1)
    assert limited.token_type == "Bearer"
    assert not limited.can_refresh


@pytest.mark.parametrize(
    "payload",
    [
        {},
        {"access_token": 123},
        {"access_token": None, "refresh_token": "RT-SECRET-x"},
        {"access_token": ""},
        {"access_token": "   "},
        {"access_token": "AT-SECRET-a\r\nX-Injected: 1"},
        {"access_token": ["AT-SECRET-a"]},
        ["AT-SECRET-a"],
        "AT-SECRET-a",
    ],
)
def test_from_token_response_rejects_unusable_access_token(payload: Any) -> None:
    with pytest.raises(ResponseDecodeError) as excinfo:
        OAuth2Token.from_token_response(payload, now=utcnow())
    assert_no_secrets(str(excinfo.value))
    assert_no_secrets(repr(excinfo.value.body))


@pytest.mark.parametrize(
    ("member", "value", "expected"),
    [
        ("expires_in", "1800", {"expires_at": timedelta(seconds=1800)}),
        ("expires_in", " 1800 ", {"expires_at": timedelta(seconds=1800)}),
        ("expires_in", 1800.5, {"expires_at": timedelta(seconds=1800.5)}),
        ("expires_in", "1800.5", {"expires_at": timedelta(seconds=1800.5)}),
        ("expires_in", None, {"expires_at": None}),
        ("refresh_expires_in", "3600", {"refresh_expires_at": timedelta(hours=1)}),
        ("refresh_expires_in", "0", {"refresh_expires_at": None}),
        ("refresh_expires_in", 0.0, {"refresh_expires_at": None}),
        ("token_type", "bearer", {"token_type": "Bearer"}),
        ("token_type", "BEARER", {"token_type": "Bearer"}),
        ("token_type", "DPoP", {"token_type": "DPoP"}),
        ("scope", ["openid", "email"], {"scope": "openid email"}),
        ("scope", [], {"scope": ""}),
        ("session_state", {"nested": [1, 2]}, {}),
        ("not-before-policy", 0, {}),
        ("id_token", "ID-TOKEN", {}),
    ],
)
def test_from_token_response_reads_odd_but_readable_members(
    member: str, value: object, expected: dict[str, Any], caplog: pytest.LogCaptureFixture
) -> None:
    now = datetime(2030, 1, 1, 12, 0, tzinfo=UTC)
    payload = {"access_token": "AT-SECRET-x", "refresh_token": "RT-SECRET-x", member: value}
    token = OAuth2Token.from_token_response(payload, now=now)
    assert token.access_token == "AT-SECRET-x"
    assert token.refresh_token == "RT-SECRET-x"
    for attribute, want in expected.items():
        got = getattr(token, attribute)
        assert got == (now + want if isinstance(want, timedelta) else want)
    assert not [r for r in caplog.records if r.levelno >= logging.WARNING]


@pytest.mark.parametrize(
    ("member", "value", "attribute", "fallback"),
    [
        ("expires_in", "soon", "expires_at", None),
        ("expires_in", -5, "expires_at", None),
        ("expires_in", True, "expires_at", None),
        ("expires_in", "nan", "expires_at", None),
        ("expires_in", "inf", "expires_at", None),
        ("expires_in", 1e300, "expires_at", None),
        ("expires_in", [1800], "expires_at", None),
        ("refresh_expires_in", {"s": 1}, "refresh_expires_at", None),
        ("refresh_expires_in", "RT-SECRET-leaky", "refresh_expires_at", None),
        ("token_type", 5, "token_type", "Bearer"),
        ("token_type", "", "token_type", "Bearer"),
        ("scope", 7, "scope", None),
        ("scope", ["openid", 2], "scope", None),
        ("refresh_token", 12345, "refresh_token", None),
    ],
)
def test_from_token_response_ignores_unreadable_optional_members(
    member: str,
    value: object,
    attribute: str,
    fallback: object,
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.WARNING, logger="astravue_async")
    payload = {"access_token": "AT-SECRET-x", "refresh_token": "RT-SECRET-x", member: value}
    token = OAuth2Token.from_token_response(payload, now=utcnow())
    assert token.access_token == "AT-SECRET-x"
    assert getattr(token, attribute) == fallback
    warnings = [r.getMessage() for r in caplog.records if r.levelno == logging.WARNING]
    assert len(warnings) == 1
    assert repr(member) in warnings[0]
    assert_clean_logs(caplog)


def test_token_response_access_token_is_trimmed() -> None:
    token = OAuth2Token.from_token_response({"access_token": " AT-SECRET-x\n"}, now=utcnow())
    assert token.access_token == "AT-SECRET-x"


def test_unusable_access_token_error_says_a_refresh_token_was_kept() -> None:
    with pytest.raises(ResponseDecodeError) as excinfo:
        OAuth2Token.from_token_response(
            {"access_token": 17, "refresh_token": "RT-SECRET-new"}, now=utcnow()
        )
    error = excinfo.value
    assert "no usable access_token" in str(error)
    assert "new refresh token" in str(error)
    assert set(error.body) == {"access_token", "refresh_token"}  # keys only, to debug
    # The salvaged token rides on the error for TokenManager, but never shows.
    for text in (str(error), repr(error), repr(vars(error)), repr(error.args)):
        assert_no_secrets(text)


def test_token_dict_round_trip() -> None:
    token = OAuth2Token(
        access_token="AT-SECRET-1",
        refresh_token="RT-SECRET-1",
        expires_at=datetime(2030, 1, 1, tzinfo=UTC),
        refresh_expires_at=datetime(2030, 2, 1, tzinfo=timezone_plus_two()),
        scope="openid",
    )
    data = token.to_dict()
    assert data["expires_at"] == "2030-01-01T00:00:00+00:00"
    assert json.loads(json.dumps(data)) == data
    assert OAuth2Token.from_dict(data) == token
    with pytest.raises(DecodeError, match="access_token"):
        OAuth2Token.from_dict({"refresh_token": "x"})


@pytest.mark.parametrize(
    ("member", "value", "attribute", "fallback"),
    [
        ("expires_at", "2030-01-01T00:00:00", "expires_at", None),  # naive
        ("expires_at", "next tuesday", "expires_at", None),
        ("expires_at", 1893456000, "expires_at", None),
        ("refresh_expires_at", ["2030"], "refresh_expires_at", None),
        ("token_type", 3, "token_type", "Bearer"),
        ("scope", {"a": 1}, "scope", None),
    ],
)
def test_from_dict_ignores_unreadable_optional_members(
    member: str,
    value: object,
    attribute: str,
    fallback: object,
    caplog: pytest.LogCaptureFixture,
) -> None:
    # A stored session must not be lost over a detail: the refresh token is what matters.
    data = {"access_token": "AT-SECRET-1", "refresh_token": "RT-SECRET-1", member: value}
    token = OAuth2Token.from_dict(data)
    assert token.refresh_token == "RT-SECRET-1"
    assert getattr(token, attribute) == fallback
    assert any(repr(member) in r.getMessage() for r in caplog.records)
    assert_clean_logs(caplog)


def test_from_dict_reads_odd_but_readable_members() -> None:
    token = OAuth2Token.from_dict(
        {
            "access_token": "AT-SECRET-1",
            "refresh_token": "RT-SECRET-1",
            "expires_at": "2030-01-01T00:00:00Z",
            "token_type": "bearer",
            "scope": ["openid", "email"],
            "written_by": "astravue-async 9.9",  # a newer version's extra member
        }
    )
    assert token.expires_at == datetime(2030, 1, 1, tzinfo=UTC)
    assert token.token_type == "Bearer"
    assert token.scope == "openid email"


@pytest.mark.parametrize(
    "data",
    [
        {"access_token": "AT-SECRET-1", "refresh_token": 42},
        {"access_token": "AT-SECRET-1", "refresh_token": ""},
        {"access_token": 42, "refresh_token": "RT-SECRET-1"},
        {"access_token": "AT-SECRET-1\nx", "refresh_token": "RT-SECRET-1"},
        ["AT-SECRET-1"],
    ],
)
def test_from_dict_rejects_unusable_tokens(data: Any) -> None:
    with pytest.raises(DecodeError) as excinfo:
        OAuth2Token.from_dict(data)
    assert_no_secrets(str(excinfo.value))


def timezone_plus_two() -> Any:
    from datetime import timezone

    return timezone(timedelta(hours=2))


def test_reprs_never_show_secrets() -> None:
    token = OAuth2Token(
        access_token="AT-SECRET-planted",
        refresh_token="RT-SECRET-planted",
        expires_at=datetime(2030, 1, 1, tzinfo=UTC),
    )
    for text in (repr(token), str(token), f"{token}", repr([token])):
        assert_no_secrets(text)
        assert "access_token=<redacted>" in text
        assert "2030-01-01" in text
    request = AuthorizationRequest(url="https://x/auth", state="s", code_verifier="VERIFIER-SECRET")
    for text in (repr(request), str(request)):
        assert_no_secrets(text)
        assert "code_verifier=<redacted>" in text
    manager = TokenManager(token, refresher=None)
    assert_no_secrets(repr(manager))
    assert_no_secrets(repr(MemoryTokenStore(token)))


# --------------------------------------------------------------------------- authorize URL


def test_build_authorization_url_with_pkce() -> None:
    request = build_authorization_url(CLIENT_ID, REDIRECT_URI, state="xyz")
    parts = urlsplit(request.url)
    assert f"{parts.scheme}://{parts.netloc}{parts.path}" == DEFAULT_AUTHORIZE_URL
    query = {k: v[0] for k, v in parse_qs(parts.query, strict_parsing=True).items()}
    assert query == {
        "response_type": "code",
        "client_id": CLIENT_ID,
        "redirect_uri": REDIRECT_URI,
        "scope": "openid",
        "state": "xyz",
        "code_challenge": query["code_challenge"],
        "code_challenge_method": "S256",
    }
    verifier = request.code_verifier
    assert verifier is not None
    assert 43 <= len(verifier) <= 128
    assert PKCE_ALPHABET.match(verifier)
    expected = base64.urlsafe_b64encode(hashlib.sha256(verifier.encode()).digest())
    assert query["code_challenge"] == expected.rstrip(b"=").decode()
    assert "=" not in query["code_challenge"]
    assert request.state == "xyz"
    assert verifier not in request.url


def test_build_authorization_url_without_pkce_and_random_state() -> None:
    first = build_authorization_url(
        CLIENT_ID, REDIRECT_URI, scope="openid email", pkce=False, authorize_url="https://a/b?x=1"
    )
    second = build_authorization_url(CLIENT_ID, REDIRECT_URI)
    assert first.code_verifier is None
    query = parse_qs(urlsplit(first.url).query)
    assert "code_challenge" not in query
    assert query["x"] == ["1"]
    assert query["scope"] == ["openid email"]
    assert query["state"] == [first.state]
    assert len(first.state) >= 32
    assert first.state != second.state
    assert second.code_verifier != first.code_verifier


@pytest.mark.parametrize(
    ("kwargs", "name"),
    [
        ({"client_id": "", "redirect_uri": REDIRECT_URI}, "client_id"),
        ({"client_id": CLIENT_ID, "redirect_uri": ""}, "redirect_uri"),
        ({"client_id": CLIENT_ID, "redirect_uri": REDIRECT_URI, "state": ""}, "state"),
    ],
)
def test_build_authorization_url_validates(kwargs: dict[str, Any], name: str) -> None:
    with pytest.raises(ValueError, match=name):
        build_authorization_url(**kwargs)


# --------------------------------------------------------------------------- token endpoint


async def test_exchange_code_sends_form_and_returns_token(
    keycloak: FakeKeycloak, session: aiohttp.ClientSession
) -> None:
    now = datetime(2030, 1, 1, tzinfo=UTC)
    token = await exchange_code(
        session,
        code=AUTH_CODE,
        redirect_uri=REDIRECT_URI,
        client_id=CLIENT_ID,
        client_secret=CLIENT_SECRET,
        code_verifier="VERIFIER-SECRET-" + "v" * 40,
        token_url=keycloak.url,
        now=lambda: now,
    )
    assert keycloak.requests == [
        {
            "grant_type": "authorization_code",
            "code": AUTH_CODE,
            "redirect_uri": REDIRECT_URI,
            "client_id": CLIENT_ID,
            "client_secret": CLIENT_SECRET,
            "code_verifier": "VERIFIER-SECRET-" + "v" * 40,
        }
    ]
    assert keycloak.content_types == ["application/x-www-form-urlencoded"]
    assert token.access_token == "AT-SECRET-1"
    assert token.refresh_token == "RT-SECRET-1"
    assert token.expires_at == now + timedelta(seconds=1800)
    assert token.refresh_expires_at is None
    assert token.scope == "openid profile"


async def test_exchange_code_rejection_is_authentication_error(
    keycloak: FakeKeycloak, session: aiohttp.ClientSession
) -> None:
    kwargs: dict[str, Any] = {
        "code": AUTH_CODE,
        "redirect_uri": REDIRECT_URI,
        "client_id": CLIENT_ID,
        "client_secret": CLIENT_SECRET,
        "token_url": keycloak.url,
    }
    await exchange_code(session, **kwargs)
    with pytest.raises(AuthenticationError) as reused:
        await exchange_code(session, **kwargs)  # codes are single-use
    assert reused.value.status == 400
    assert "invalid_grant" in str(reused.value)
    assert "Code not valid" in str(reused.value)
    assert_no_secrets(str(reused.value))
    assert_no_secrets(repr(reused.value.body))

    with pytest.raises(AuthenticationError) as bad_client:
        await exchange_code(session, **{**kwargs, "client_secret": CLIENT_SECRET + "-wrong"})
    assert bad_client.value.status == 401
    assert "Invalid client or Invalid client credentials" in str(bad_client.value)
    assert "client_secret" in str(bad_client.value)  # names the setting, not its value
    assert_no_secrets(str(bad_client.value))


async def test_exchange_code_is_never_retried(
    keycloak: FakeKeycloak, session: aiohttp.ClientSession
) -> None:
    keycloak.canned.append((503, '{"error":"temporarily_unavailable"}', {}))
    with pytest.raises(InternalServerError) as excinfo:
        await exchange_code(
            session,
            code=AUTH_CODE,
            redirect_uri=REDIRECT_URI,
            client_id=CLIENT_ID,
            client_secret=CLIENT_SECRET,
            token_url=keycloak.url,
        )
    assert excinfo.value.status == 503
    assert len(keycloak.requests) == 1


async def test_non_json_body_is_response_decode_error(
    keycloak: FakeKeycloak, session: aiohttp.ClientSession
) -> None:
    keycloak.canned.append((400, "<html>" + "x" * 1000 + "</html>", {}))
    with pytest.raises(ResponseDecodeError) as excinfo:
        await exchange_code(
            session,
            code=AUTH_CODE,
            redirect_uri=REDIRECT_URI,
            client_id=CLIENT_ID,
            client_secret=CLIENT_SECRET,
            token_url=keycloak.url,
        )
    assert excinfo.value.status == 400
    assert isinstance(excinfo.value, AuthenticationError)
    assert excinfo.value.body.startswith("<html>xxx")
    assert len(excinfo.value.body) <= 203  # 200 characters and an ellipsis
    assert "x" * 201 not in str(excinfo.value)
    assert_no_secrets(str(excinfo.value))


async def test_non_json_gateway_error_is_raised_without_a_retry(
    keycloak: FakeKeycloak, session: aiohttp.ClientSession
) -> None:
    keycloak.canned.extend([(502, "<html>bad gateway</html>", {})] * 3)
    sleeps = Sleeps()
    with pytest.raises(ResponseDecodeError) as excinfo:
        await refresh(
            session,
            refresh_token="RT-SECRET-zzz",
            client_id=CLIENT_ID,
            client_secret=CLIENT_SECRET,
            token_url=keycloak.url,
            sleep=sleeps,
        )
    assert isinstance(excinfo.value, InternalServerError)  # a 502 page is both
    assert excinfo.value.status == 502
    assert "bad gateway" in str(excinfo.value)
    # A gateway's 502 may follow a rotation Keycloak already made: not repeated.
    assert len(keycloak.requests) == 1
    assert sleeps.delays == []


async def test_truncated_success_body_does_not_leak_token(
    keycloak: FakeKeycloak, session: aiohttp.ClientSession
) -> None:
    keycloak.canned.append((200, '{"access_token":"AT-SECRET-truncated', {}))
    with pytest.raises(ResponseDecodeError) as excinfo:
        await exchange_code(
            session,
            code=AUTH_CODE,
            redirect_uri=REDIRECT_URI,
            client_id=CLIENT_ID,
            token_url=keycloak.url,
        )
    assert excinfo.value.status == 200
    assert_no_secrets(str(excinfo.value))
    assert_no_secrets(repr(excinfo.value.body))


async def test_refresh_rotates_and_old_token_is_rejected(
    keycloak: FakeKeycloak, session: aiohttp.ClientSession
) -> None:
    first = keycloak.issue_refresh_token()
    refresher = make_refresher(session, keycloak)
    token = await refresher(first)
    assert token.refresh_token is not None
    assert token.refresh_token != first
    assert keycloak.requests[-1] == {
        "grant_type": "refresh_token",
        "refresh_token": first,
        "client_id": CLIENT_ID,
        "client_secret": CLIENT_SECRET,
    }
    assert keycloak.content_types[-1] == "application/x-www-form-urlencoded"
    with pytest.raises(AuthenticationError) as excinfo:
        await refresher(first)
    message = str(excinfo.value)
    assert "Token is not active" in message
    assert "re-run the authorization flow" in message.lower()
    assert "astravue login" in message
    assert_no_secrets(message)


async def test_refresh_retries_transient_failures(
    keycloak: FakeKeycloak, session: aiohttp.ClientSession
) -> None:
    first = keycloak.issue_refresh_token()
    keycloak.canned.append((503, '{"error":"temporarily_unavailable"}', {"Retry-After": "0"}))
    keycloak.canned.append((429, '{"error":"slow_down"}', {"Retry-After": "3"}))
    sleeps = Sleeps()
    token = await make_refresher(session, keycloak, sleeps)(first)
    assert token.access_token.startswith("AT-SECRET-")
    assert len(keycloak.requests) == 3
    assert sleeps.delays == [0.5, 3.0]


async def test_refresh_gives_up_after_two_retries(
    keycloak: FakeKeycloak, session: aiohttp.ClientSession
) -> None:
    first = keycloak.issue_refresh_token()
    keycloak.canned.extend([(503, "{}", {"Retry-After": "0"})] * 3)
    sleeps = Sleeps()
    with pytest.raises(InternalServerError):
        await make_refresher(session, keycloak, sleeps)(first)
    assert len(keycloak.requests) == 3
    assert sleeps.delays == [0.5, 1.0]


async def test_refresh_connection_error(session: aiohttp.ClientSession) -> None:
    # Bind and release a port so that nothing listens on it.
    server = TestServer(web.Application(), host="127.0.0.1")
    await server.start_server()
    url = str(server.make_url(TOKEN_PATH))
    await server.close()
    sleeps = Sleeps()
    with pytest.raises(APIConnectionError) as excinfo:
        await refresh(
            session,
            refresh_token="RT-SECRET-x",
            client_id=CLIENT_ID,
            client_secret=CLIENT_SECRET,
            token_url=url,
            sleep=sleeps,
        )
    assert excinfo.value.request_sent is False
    assert sleeps.delays == [0.5, 1.0]
    assert_no_secrets(str(excinfo.value))


# --------------------------------------------------------------------------- TokenManager


async def test_concurrent_callers_share_one_refresh(
    keycloak: FakeKeycloak, session: aiohttp.ClientSession
) -> None:
    keycloak.delay = 0.05
    manager = TokenManager(expired_token(keycloak), refresher=make_refresher(session, keycloak))
    grants_before = keycloak.grants
    results = await asyncio.gather(*(manager.get_access_token() for _ in range(200)))
    assert len(keycloak.requests) == 1
    assert keycloak.grants == grants_before + 1
    assert set(results) == {manager.token.access_token}
    assert manager.token.access_token != "AT-SECRET-initial"
    # The new token is fresh: no further refresh.
    assert await manager.get_access_token() == results[0]
    assert len(keycloak.requests) == 1


async def test_fresh_token_is_not_refreshed(
    keycloak: FakeKeycloak, session: aiohttp.ClientSession
) -> None:
    manager = TokenManager(fresh_token(keycloak), refresher=make_refresher(session, keycloak))
    assert await manager.get_access_token() == "AT-SECRET-initial"
    assert keycloak.requests == []


async def test_refresh_after_unauthorized_compare_and_clear(
    keycloak: FakeKeycloak, session: aiohttp.ClientSession
) -> None:
    keycloak.delay = 0.02
    manager = TokenManager(fresh_token(keycloak), refresher=make_refresher(session, keycloak))
    stale = await manager.get_access_token()
    first, second = await asyncio.gather(
        manager.refresh_after_unauthorized(stale), manager.refresh_after_unauthorized(stale)
    )
    assert first == second != stale
    assert len(keycloak.requests) == 1
    # A late 401 for the old token does not refresh again...
    assert await manager.refresh_after_unauthorized(stale) == first
    assert len(keycloak.requests) == 1
    # ...but a 401 for the current token does.
    third = await manager.refresh_after_unauthorized(first)
    assert third not in (first, stale)
    assert len(keycloak.requests) == 2


async def test_manager_uses_rotated_refresh_token(
    keycloak: FakeKeycloak, session: aiohttp.ClientSession
) -> None:
    initial = fresh_token(keycloak)
    manager = TokenManager(initial, refresher=make_refresher(session, keycloak))
    await manager.refresh_after_unauthorized(initial.access_token)
    rotated = manager.token.refresh_token
    assert rotated is not None and rotated != initial.refresh_token
    await manager.refresh_after_unauthorized(manager.token.access_token)
    assert [r["refresh_token"] for r in keycloak.requests] == [initial.refresh_token, rotated]
    assert initial.refresh_token not in keycloak.valid_refresh_tokens


async def test_manager_keeps_refresh_token_when_not_rotated(
    keycloak: FakeKeycloak, session: aiohttp.ClientSession
) -> None:
    keycloak.rotate = False
    initial = expired_token(keycloak)
    manager = TokenManager(initial, refresher=make_refresher(session, keycloak))
    await manager.get_access_token()
    assert manager.token.refresh_token == initial.refresh_token
    assert manager.token.access_token != initial.access_token


async def test_invalid_grant_poisons_manager(
    keycloak: FakeKeycloak, session: aiohttp.ClientSession, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    token = OAuth2Token(
        access_token="AT-SECRET-initial",
        refresh_token="RT-SECRET-revoked",
        expires_at=utcnow() - timedelta(seconds=1),
    )
    manager = TokenManager(token, refresher=make_refresher(session, keycloak))
    results = await asyncio.gather(
        *(manager.get_access_token() for _ in range(20)), return_exceptions=True
    )
    assert all(isinstance(r, AuthenticationError) for r in results)
    assert len(keycloak.requests) == 1
    message = str(results[0])
    assert "re-run the authorization flow" in message.lower()
    assert "astravue login" in message

    with pytest.raises(AuthenticationError) as again:
        await manager.get_access_token()
    assert again.value is results[0]
    with pytest.raises(AuthenticationError):
        await manager.refresh_after_unauthorized("AT-SECRET-initial")
    assert len(keycloak.requests) == 1
    assert_clean_logs(caplog)


async def test_transient_failure_does_not_poison_manager(
    keycloak: FakeKeycloak, session: aiohttp.ClientSession
) -> None:
    keycloak.canned.extend([(503, "{}", {"Retry-After": "0"})] * 3)
    sleeps = Sleeps()
    manager = TokenManager(
        expired_token(keycloak), refresher=make_refresher(session, keycloak, sleeps)
    )
    results = await asyncio.gather(
        *(manager.get_access_token() for _ in range(10)), return_exceptions=True
    )
    assert all(isinstance(r, InternalServerError) for r in results)
    assert len(keycloak.requests) == 3  # one refresh, retried twice
    assert sleeps.delays == [0.5, 1.0]
    token = await manager.get_access_token()
    assert token.startswith("AT-SECRET-") and token != "AT-SECRET-initial"
    assert len(keycloak.requests) == 4


async def test_cancelled_waiter_does_not_cancel_refresh(
    keycloak: FakeKeycloak, session: aiohttp.ClientSession
) -> None:
    keycloak.delay = 0.1
    manager = TokenManager(expired_token(keycloak), refresher=make_refresher(session, keycloak))
    first = asyncio.create_task(manager.get_access_token())
    others = [asyncio.create_task(manager.get_access_token()) for _ in range(5)]
    await asyncio.sleep(0.02)
    first.cancel()
    results = await asyncio.gather(*others)
    assert first.cancelled()
    assert len(set(results)) == 1
    assert len(keycloak.requests) == 1


async def test_all_waiters_cancelled_leaves_no_unretrieved_exception(
    keycloak: FakeKeycloak, session: aiohttp.ClientSession, caplog: pytest.LogCaptureFixture
) -> None:
    keycloak.delay = 0.05
    token = OAuth2Token(
        access_token="AT-SECRET-initial",
        refresh_token="RT-SECRET-unknown",
        expires_at=utcnow() - timedelta(seconds=1),
    )
    manager = TokenManager(token, refresher=make_refresher(session, keycloak))
    waiters = [asyncio.create_task(manager.get_access_token()) for _ in range(3)]
    await asyncio.sleep(0.01)
    for waiter in waiters:
        waiter.cancel()
    await asyncio.gather(*waiters, return_exceptions=True)
    await asyncio.sleep(0.15)  # let the refresh itself fail
    gc.collect()
    assert not [r for r in caplog.records if "never retrieved" in r.getMessage()]
    with pytest.raises(AuthenticationError):
        await manager.get_access_token()
    assert len(keycloak.requests) == 1


async def test_static_token(keycloak: FakeKeycloak) -> None:
    token = OAuth2Token(access_token="AT-SECRET-static", expires_at=utcnow() - timedelta(hours=1))
    manager = TokenManager(token, refresher=None)
    assert await manager.get_access_token() == "AT-SECRET-static"
    assert not manager.can_refresh
    with pytest.raises(AuthenticationError) as excinfo:
        await manager.refresh_after_unauthorized("AT-SECRET-static")
    assert "no refresh token" in str(excinfo.value)
    assert excinfo.value.status == 401
    assert_no_secrets(str(excinfo.value))
    assert keycloak.requests == []


async def test_on_token_refresh_sync_and_async(
    keycloak: FakeKeycloak, session: aiohttp.ClientSession
) -> None:
    seen_sync: list[OAuth2Token] = []
    seen_async: list[OAuth2Token] = []

    async def async_callback(token: OAuth2Token) -> None:
        await asyncio.sleep(0)
        seen_async.append(token)

    sync_manager = TokenManager(
        expired_token(keycloak),
        refresher=make_refresher(session, keycloak),
        on_token_refresh=seen_sync.append,
    )
    async_manager = TokenManager(
        expired_token(keycloak),
        refresher=make_refresher(session, keycloak),
        on_token_refresh=async_callback,
    )
    await sync_manager.get_access_token()
    await async_manager.get_access_token()
    assert seen_sync == [sync_manager.token]
    assert seen_async == [async_manager.token]


@pytest.mark.parametrize("is_async", [False, True])
async def test_failing_callback_does_not_fail_request(
    keycloak: FakeKeycloak,
    session: aiohttp.ClientSession,
    caplog: pytest.LogCaptureFixture,
    is_async: bool,
) -> None:
    caplog.set_level(logging.INFO, logger="astravue_async")

    def sync_boom(token: OAuth2Token) -> None:
        raise RuntimeError(f"cannot persist {token.access_token}")

    async def async_boom(token: OAuth2Token) -> None:
        raise RuntimeError(f"cannot persist {token.access_token}")

    manager = TokenManager(
        expired_token(keycloak),
        refresher=make_refresher(session, keycloak),
        on_token_refresh=async_boom if is_async else sync_boom,
    )
    token = await manager.get_access_token()
    assert token == manager.token.access_token != "AT-SECRET-initial"
    warnings = [r for r in caplog.records if r.levelno == logging.WARNING]
    assert len(warnings) == 1
    assert "RuntimeError" in warnings[0].getMessage()
    assert any("refreshed access token" in r.getMessage() for r in caplog.records)
    assert_clean_logs(caplog)


async def test_refresh_is_logged_without_tokens(
    keycloak: FakeKeycloak, session: aiohttp.ClientSession, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    manager = TokenManager(expired_token(keycloak), refresher=make_refresher(session, keycloak))
    await manager.get_access_token()
    infos = [r for r in caplog.records if r.name == "astravue_async" and r.levelno == logging.INFO]
    assert len(infos) == 1
    assert re.search(r"refreshed access token; expires in 1[78]\d\d s", infos[0].getMessage())
    assert_clean_logs(caplog)


async def test_manager_saves_to_store_before_callback(
    keycloak: FakeKeycloak, session: aiohttp.ClientSession, tmp_path: Path
) -> None:
    store = JSONFileTokenStore(tmp_path / "tokens.json")
    order: list[str] = []

    async def callback(token: OAuth2Token) -> None:
        stored = await store.load()
        order.append("stored" if stored == token else "not stored")

    manager = TokenManager(
        expired_token(keycloak),
        refresher=make_refresher(session, keycloak),
        store=store,
        on_token_refresh=callback,
    )
    await manager.get_access_token()
    assert order == ["stored"]
    assert await store.load() == manager.token


async def test_monotonic_deadline_ignores_wall_clock_jumps() -> None:
    mono = [1000.0]
    wall = [datetime(2030, 1, 1, 12, 0, tzinfo=UTC)]
    calls: list[str] = []

    async def refresher(refresh_token: str) -> OAuth2Token:
        calls.append(refresh_token)
        return OAuth2Token(
            access_token=f"AT-SECRET-{len(calls)}",
            expires_at=wall[0] + timedelta(minutes=30),
        )

    token = OAuth2Token(
        access_token="AT-SECRET-initial",
        refresh_token="RT-SECRET-1",
        expires_at=wall[0] + timedelta(minutes=30),
    )
    manager = TokenManager(
        token, refresher=refresher, clock=lambda: mono[0], wall_clock=lambda: wall[0]
    )
    # The wall clock leaps two hours ahead, but only 10 s have really passed.
    wall[0] += timedelta(hours=2)
    mono[0] += 10
    assert await manager.get_access_token() == "AT-SECRET-initial"
    assert calls == []
    # The wall clock goes back; the monotonic deadline (minus skew) is still what counts.
    wall[0] -= timedelta(hours=3)
    mono[0] = 1000.0 + 1800 - 59
    assert await manager.get_access_token() == "AT-SECRET-1"
    assert calls == ["RT-SECRET-1"]
    assert manager.token.refresh_token == "RT-SECRET-1"  # kept: no rotation in the response


async def test_short_lived_tokens_do_not_refresh_on_every_call() -> None:
    mono = [0.0]
    wall = datetime(2030, 1, 1, tzinfo=UTC)
    calls: list[str] = []

    async def refresher(refresh_token: str) -> OAuth2Token:
        calls.append(refresh_token)
        return OAuth2Token(access_token="AT-SECRET-new", expires_at=wall + timedelta(seconds=30))

    token = OAuth2Token(access_token="AT-SECRET-old", refresh_token="RT-SECRET-1", expires_at=wall)
    manager = TokenManager(
        token, refresher=refresher, clock=lambda: mono[0], wall_clock=lambda: wall
    )
    await manager.get_access_token()
    for _ in range(5):
        await manager.get_access_token()
    assert len(calls) == 1


def test_manager_validates_arguments() -> None:
    with pytest.raises(TypeError):
        TokenManager("AT-SECRET-raw", refresher=None)  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="skew"):
        TokenManager(OAuth2Token(access_token="a"), refresher=None, skew=-1)


# --------------------------------------------------------------------------- token stores


async def test_memory_store() -> None:
    store = MemoryTokenStore()
    assert isinstance(store, TokenStore)
    assert await store.load() is None
    token = OAuth2Token(access_token="a")
    await store.save(token)
    assert await store.load() is token
    await store.clear()
    assert await store.load() is None


async def test_json_file_store_round_trip_and_permissions(tmp_path: Path) -> None:
    path = tmp_path / "config" / "astravue" / "tokens.json"
    work = JSONFileTokenStore(path, profile="work")
    home = JSONFileTokenStore(path, profile="home")
    assert isinstance(work, TokenStore)
    assert await work.load() is None

    work_token = OAuth2Token(
        access_token="AT-SECRET-w",
        refresh_token="RT-SECRET-w",
        expires_at=datetime(2030, 1, 1, tzinfo=UTC),
    )
    home_token = OAuth2Token(access_token="AT-SECRET-h")
    await work.save(work_token)
    await home.save(home_token)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700 & ~current_umask()
    assert await work.load() == work_token
    assert await home.load() == home_token
    assert await JSONFileTokenStore(path, profile="other").load() is None
    assert set(json.loads(path.read_text())) == {"work", "home"}

    rotated = OAuth2Token(access_token="AT-SECRET-w2", refresh_token="RT-SECRET-w2")
    await work.save(rotated)
    assert await JSONFileTokenStore(path, profile="work").load() == rotated
    assert await home.load() == home_token
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    # No temp files left; the write lock file stays (owner-only), so waiters share it.
    assert sorted(os.listdir(path.parent)) == ["tokens.json", "tokens.json.lock"]
    assert stat.S_IMODE((path.parent / "tokens.json.lock").stat().st_mode) == 0o600

    await work.clear()
    assert await work.load() is None
    assert await home.load() == home_token
    await home.clear()
    assert not path.exists()
    assert os.listdir(path.parent) == ["tokens.json.lock"]
    assert_no_secrets(repr(work))


async def test_json_file_store_concurrent_profiles(tmp_path: Path) -> None:
    path = tmp_path / "tokens.json"
    stores = [JSONFileTokenStore(path, profile=f"p{i}") for i in range(20)]
    await asyncio.gather(
        *(s.save(OAuth2Token(access_token=f"AT-SECRET-{i}")) for i, s in enumerate(stores))
    )
    assert len(json.loads(path.read_text())) == 20
    assert sorted(os.listdir(tmp_path)) == ["tokens.json", "tokens.json.lock"]


@pytest.mark.parametrize(
    "content",
    [
        b'{"default": {"access_token": "AT-SECRET-oops"',
        b'["AT-SECRET-oops"]',
        b'{"default": {"access_token": "AT-SECRET-\xff\xfe"}}',  # not UTF-8
    ],
    ids=["truncated", "not-an-object", "not-utf8"],
)
async def test_json_file_store_corrupt_file_does_not_quote_content(
    tmp_path: Path, content: bytes
) -> None:
    path = tmp_path / "tokens.json"
    path.write_bytes(content)
    with pytest.raises(DecodeError) as excinfo:
        await JSONFileTokenStore(path).load()
    assert str(path) in str(excinfo.value)
    assert_no_secrets(str(excinfo.value))
    # The decoder's own error holds the whole file; it must not ride along as context.
    assert excinfo.value.__context__ is None
    assert excinfo.value.__cause__ is None
    with pytest.raises(DecodeError):
        await JSONFileTokenStore(path).clear()  # no token to protect: nothing is touched
    assert path.read_bytes() == content


async def test_json_file_store_saves_over_a_corrupt_file_keeping_it_aside(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    # A freshly rotated refresh token may be the only valid one left: it must be written.
    path = tmp_path / "tokens.json"
    path.write_text('{"default": {"access_token": "AT-SECRET-oops"')
    store = JSONFileTokenStore(path)
    token = OAuth2Token(access_token="AT-SECRET-new", refresh_token="RT-SECRET-new")
    await store.save(token)
    assert await store.load() == token
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    aside = [p for p in tmp_path.iterdir() if p.name.startswith("tokens.json.unreadable-")]
    assert len(aside) == 1
    assert aside[0].read_text() == '{"default": {"access_token": "AT-SECRET-oops"'
    assert any("unreadable" in r.getMessage() for r in caplog.records)
    assert_clean_logs(caplog)


async def test_json_file_store_ignores_unknown_members(tmp_path: Path) -> None:
    path = tmp_path / "tokens.json"
    path.write_text(
        json.dumps(
            {
                "default": {
                    "access_token": "AT-SECRET-1",
                    "refresh_token": "RT-SECRET-1",
                    "expires_at": "2030-01-01T00:00:00+00:00",
                    "id_token": "ID",
                    "written_by": "astravue-async 9.9",
                },
                "_meta": {"version": 2},
            }
        )
    )
    store = JSONFileTokenStore(path)
    token = await store.load()
    assert token is not None and token.refresh_token == "RT-SECRET-1"
    # Saving keeps the other top-level members (other profiles, newer versions' data).
    await store.save(attrs.evolve(token, refresh_token="RT-SECRET-2"))
    assert json.loads(path.read_text())["_meta"] == {"version": 2}


def current_umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def test_default_urls() -> None:
    assert DEFAULT_AUTHORIZE_URL == (
        "https://auth.astravue.com/realms/astravue/protocol/openid-connect/auth"
    )
    assert DEFAULT_TOKEN_URL == (
        "https://auth.astravue.com/realms/astravue/protocol/openid-connect/token"
    )


# --------------------------------------------------------------------------- shared stores
# Several TokenManagers (workers) sharing one store must refresh once between them, and
# never present a refresh token another worker has rotated away.


class LocklessStore:
    """A user's store written before lock() existed: load/save/clear only."""

    def __init__(self, token: OAuth2Token | None = None) -> None:
        self.token = token
        self.saves = 0

    async def load(self) -> OAuth2Token | None:
        return self.token

    async def save(self, token: OAuth2Token) -> None:
        self.saves += 1
        self.token = token

    async def clear(self) -> None:
        self.token = None


class UnlockableStore(MemoryTokenStore):
    """Its lock() always fails, as a store that is down or whose lock timed out."""

    def __init__(self, token: OAuth2Token | None = None) -> None:
        super().__init__(token)
        self.attempts = 0

    def lock(self) -> Any:
        self.attempts += 1
        raise TokenStoreError("timed out after 0.1 s waiting for the refresh lock")


def refresh_grants(kc: FakeKeycloak) -> list[str]:
    return [r["refresh_token"] for r in kc.requests if r.get("grant_type") == "refresh_token"]


@pytest.mark.parametrize("kind", ["memory", "file"])
async def test_workers_sharing_a_store_refresh_once(
    keycloak: FakeKeycloak, session: aiohttp.ClientSession, tmp_path: Path, kind: str
) -> None:
    keycloak.delay = 0.05  # the first refresh is still running when the others want one
    start = expired_token(keycloak)
    announced: list[str] = []

    def store() -> TokenStore:
        if kind == "memory":
            return shared
        return JSONFileTokenStore(tmp_path / "tokens.json")  # a store object per worker

    shared = MemoryTokenStore()
    await store().save(start)
    workers = [
        TokenManager(
            start,
            refresher=make_refresher(session, keycloak),
            store=store(),
            on_token_refresh=lambda t: announced.append(t.access_token),
        )
        for _ in range(5)
    ]
    tokens = await asyncio.gather(*(w.get_access_token() for w in workers for _ in range(20)))
    assert refresh_grants(keycloak) == [start.refresh_token]  # one grant, the stored token
    assert set(tokens) == {workers[0].token.access_token} != {start.access_token}
    assert announced == [workers[0].token.access_token]  # adoptions are not announced
    assert await store().load() == workers[0].token
    # Later rotations keep working for every worker: whoever refreshes next uses the newest.
    rejected = workers[3].token.access_token
    assert await workers[3].refresh_after_unauthorized(rejected) != rejected
    assert await workers[1].refresh_after_unauthorized(rejected) == workers[3].token.access_token
    assert len(refresh_grants(keycloak)) == 2


async def test_a_401_adopts_a_token_another_worker_stored(
    keycloak: FakeKeycloak, session: aiohttp.ClientSession
) -> None:
    start = fresh_token(keycloak)
    store = MemoryTokenStore(start)
    a = TokenManager(start, refresher=make_refresher(session, keycloak), store=store)
    b = TokenManager(start, refresher=make_refresher(session, keycloak), store=store)
    new = await a.refresh_after_unauthorized(start.access_token)
    # B's copy of the old access token is rejected too: it takes A's token, no grant.
    assert await b.refresh_after_unauthorized(start.access_token) == new
    assert len(refresh_grants(keycloak)) == 1
    assert b.token == a.token


async def test_a_stale_stored_token_never_replaces_a_newer_unsaved_one(
    keycloak: FakeKeycloak, session: aiohttp.ClientSession
) -> None:
    # The store still holds an older login (e.g. our last save failed): its refresh token
    # may be rotated away, and presenting it could revoke the session. Ours is newer.
    old = OAuth2Token(
        access_token="AT-SECRET-old",
        refresh_token="RT-SECRET-rotated-away",
        expires_at=utcnow() - timedelta(hours=1),
    )
    store = MemoryTokenStore(old)
    manager = TokenManager(
        expired_token(keycloak), refresher=make_refresher(session, keycloak), store=store
    )
    await manager.get_access_token()
    assert refresh_grants(keycloak) == ["RT-SECRET-1"]
    assert await store.load() == manager.token


async def test_the_newest_stored_refresh_token_is_used_when_the_stored_token_expires(
    keycloak: FakeKeycloak, session: aiohttp.ClientSession
) -> None:
    start = expired_token(keycloak)
    store = MemoryTokenStore(start)
    manager = TokenManager(start, refresher=make_refresher(session, keycloak), store=store)
    assert await manager.get_access_token()  # now in sync with the store
    # Another worker rotated since, and its token is about to expire as well.
    other = OAuth2Token(
        access_token="AT-SECRET-other",
        refresh_token=keycloak.issue_refresh_token(),
        expires_at=utcnow() + timedelta(seconds=10),
    )
    await store.save(other)
    await manager.refresh_after_unauthorized(manager.token.access_token)
    assert refresh_grants(keycloak)[-1] == other.refresh_token


@pytest.mark.parametrize("kind", ["locked", "lockless"])
async def test_invalid_grant_rereads_the_store_and_adopts(
    keycloak: FakeKeycloak,
    session: aiohttp.ClientSession,
    kind: str,
    caplog: pytest.LogCaptureFixture,
) -> None:
    start = expired_token(keycloak)
    store: Any = MemoryTokenStore(start) if kind == "locked" else LocklessStore(start)
    worker = TokenManager(start, refresher=make_refresher(session, keycloak), store=store)
    real = make_refresher(session, keycloak)
    # Between our read and our grant another worker (without the lock, e.g. an older SDK
    # or a CLI) rotates the refresh token and stores the new one: ours is refused.

    async def rotated_meanwhile(refresh_token: str) -> OAuth2Token:
        other = await real(refresh_token)
        await store.save(other)
        return await real(refresh_token)  # invalid_grant: already rotated away

    worker._refresher = rotated_meanwhile
    token = await worker.get_access_token()
    stored_by_other = await store.load()
    assert stored_by_other is not None
    assert token == stored_by_other.access_token  # adopted, not given up
    assert worker.token.refresh_token in keycloak.valid_refresh_tokens
    # The session goes on: the next refresh presents the adopted refresh token.
    worker._refresher = real
    assert await worker.refresh_after_unauthorized(token) != token
    assert refresh_grants(keycloak)[-1] == stored_by_other.refresh_token
    assert_clean_logs(caplog)


async def test_invalid_grant_refreshes_once_with_an_expiring_stored_token(
    keycloak: FakeKeycloak, session: aiohttp.ClientSession
) -> None:
    start = expired_token(keycloak)
    store = LocklessStore(start)
    worker = TokenManager(start, refresher=make_refresher(session, keycloak), store=store)
    # Another worker rotated and stored, and its token is itself due for refresh.
    keycloak.valid_refresh_tokens.discard(start.refresh_token)
    stored = OAuth2Token(
        access_token="AT-SECRET-other",
        refresh_token=keycloak.issue_refresh_token(),
        expires_at=utcnow() - timedelta(seconds=1),
    )
    store.token = stored
    token = await worker.get_access_token()
    assert refresh_grants(keycloak) == [start.refresh_token, stored.refresh_token]
    assert token == worker.token.access_token == store.token.access_token


async def test_invalid_grant_with_nothing_newer_stored_still_fails_for_good(
    keycloak: FakeKeycloak, session: aiohttp.ClientSession
) -> None:
    start = expired_token(keycloak)
    keycloak.valid_refresh_tokens.clear()
    store = MemoryTokenStore(start)
    worker = TokenManager(start, refresher=make_refresher(session, keycloak), store=store)
    with pytest.raises(AuthenticationError):
        await worker.get_access_token()
    with pytest.raises(AuthenticationError):
        await worker.get_access_token()
    assert len(refresh_grants(keycloak)) == 1  # the re-read found nothing else to try


async def test_store_without_lock_still_works(
    keycloak: FakeKeycloak, session: aiohttp.ClientSession
) -> None:
    store = LocklessStore()
    assert not hasattr(store, "lock")
    manager = TokenManager(
        expired_token(keycloak), refresher=make_refresher(session, keycloak), store=store
    )
    results = await asyncio.gather(*(manager.get_access_token() for _ in range(10)))
    assert set(results) == {manager.token.access_token}
    assert store.saves == 1 and store.token == manager.token


async def test_unavailable_lock_keeps_a_still_valid_token_then_fails_clearly(
    keycloak: FakeKeycloak, session: aiohttp.ClientSession, caplog: pytest.LogCaptureFixture
) -> None:
    wall = [utcnow()]
    mono = [0.0]
    start = OAuth2Token(
        access_token="AT-SECRET-initial",
        refresh_token=keycloak.issue_refresh_token(),
        expires_at=wall[0] + timedelta(seconds=100),
    )
    store = UnlockableStore(start)
    manager = TokenManager(
        start,
        refresher=make_refresher(session, keycloak),
        store=store,
        clock=lambda: mono[0],
        wall_clock=lambda: wall[0],
    )
    mono[0] = 50.0  # within skew: due for refresh, but still valid for 50 s
    assert await manager.get_access_token() == "AT-SECRET-initial"
    assert store.attempts == 1 and keycloak.requests == []
    mono[0] = 101.0  # expired: refreshing unlocked could present a rotated-away token
    with pytest.raises(TokenStoreError, match="refresh lock"):
        await manager.get_access_token()
    assert keycloak.requests == []
    # Not final: once the store is back, the next call refreshes.
    store.lock = MemoryTokenStore.lock.__get__(store)  # type: ignore[method-assign]
    assert await manager.get_access_token() != "AT-SECRET-initial"
    assert len(refresh_grants(keycloak)) == 1
    # A 401 for the current token with the lock gone: fail clearly, never refresh unlocked.
    store.lock = UnlockableStore.lock.__get__(store)  # type: ignore[method-assign]
    with pytest.raises(TokenStoreError):
        await manager.refresh_after_unauthorized(manager.token.access_token)
    assert len(refresh_grants(keycloak)) == 1
    assert_clean_logs(caplog)


async def test_a_lock_timeout_of_a_file_store_is_a_token_store_error(
    keycloak: FakeKeycloak, session: aiohttp.ClientSession, tmp_path: Path
) -> None:
    path = tmp_path / "tokens.json"
    holder = JSONFileTokenStore(path)
    manager = TokenManager(
        expired_token(keycloak),
        refresher=make_refresher(session, keycloak),
        store=JSONFileTokenStore(path, lock_timeout=0.3),
    )
    async with holder.lock():
        started = asyncio.get_running_loop().time()
        with pytest.raises(TokenStoreError, match="refresh lock"):
            await manager.get_access_token()
        assert asyncio.get_running_loop().time() - started < 3.0
    assert keycloak.requests == []
    assert await manager.get_access_token() == manager.token.access_token != "AT-SECRET-initial"


async def test_lease_lost_keeps_the_new_token_in_memory(
    keycloak: FakeKeycloak, session: aiohttp.ClientSession, caplog: pytest.LogCaptureFixture
) -> None:
    class LosingStore(MemoryTokenStore):
        async def save(self, token: OAuth2Token) -> None:
            raise LeaseLostError("the refresh lease expired")

    store = LosingStore()
    manager = TokenManager(
        expired_token(keycloak), refresher=make_refresher(session, keycloak), store=store
    )
    token = await manager.get_access_token()
    assert token == manager.token.access_token != "AT-SECRET-initial"
    assert await store.load() is None
    warnings = [r.getMessage() for r in caplog.records if r.levelno == logging.WARNING]
    assert len(warnings) == 1 and "LeaseLostError" in warnings[0]
    assert_clean_logs(caplog)


async def test_memory_store_lock_serialises_holders() -> None:
    store = MemoryTokenStore()
    inside: list[int] = []
    overlap: list[bool] = []

    async def hold(i: int) -> None:
        async with store.lock() as lease:
            overlap.append(bool(inside))
            inside.append(i)
            await lease.save(OAuth2Token(access_token=f"AT-{i}"))
            await asyncio.sleep(0.01)
            assert await lease.load() == OAuth2Token(access_token=f"AT-{i}")
            inside.remove(i)

    await asyncio.gather(*(hold(i) for i in range(5)))
    assert overlap == [False] * 5
    # Usable again from another event loop's point of view (a fresh loop per asyncio.run).
    async with store.lock():
        pass
