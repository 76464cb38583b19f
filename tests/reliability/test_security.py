"""Security: where credentials may go.

* TLS certificates are verified by default: a self-signed server is refused (for the API and
  for the token endpoint) until ``verify_ssl=False`` says otherwise.
* A plain-``http://`` URL is refused for anything but this machine unless
  ``allow_insecure_http=True``, including URLs that only *look* local.
* Tokens go to the configured hosts only. The SDK follows no redirects: a 301/302/303/307/308
  from the API to another server is an ``APIStatusError`` and that server receives nothing.
  The same holds for the token endpoint, whose requests carry the refresh token and the
  client secret in their body (a 307 used to make aiohttp re-POST them to the new host).
* Credentials a server quotes back (in a message, a field error, a header, an HTML or text
  page, a body cut short, a value a decode error quotes) reach no exception text, attribute,
  chained exception or log record.
"""

from __future__ import annotations

import json
import logging
import shutil
import ssl
import subprocess
import traceback
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any

import aiohttp
import attrs
import pytest
from aiohttp import web

from astravue_async import (
    APIConnectionError,
    APIStatusError,
    AstravueClient,
    AstravueError,
    OAuth2Token,
)
from astravue_async.auth import utcnow
from astravue_async.testing import FakeAstravue

from ._support import SUMMARY, FakeSleep, LocalServer, serve

TOKEN = "tok-never-leaves-the-api-host"
TASK = {"success": True, "message": "OK", "code": 200, "data": {"taskId": 1, "taskTitle": "t"}}


async def ok(_: web.Request) -> web.StreamResponse:
    return web.json_response(TASK)


# --------------------------------------------------------------------------- TLS


@pytest.fixture(scope="module")
def self_signed(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ssl.SSLContext]:
    """A server-side TLS context with a fresh self-signed certificate for 127.0.0.1."""
    openssl = shutil.which("openssl")
    if openssl is None:
        pytest.skip("the openssl command is needed to make a self-signed certificate")
    where = tmp_path_factory.mktemp("tls")
    cert, key = where / "cert.pem", where / "key.pem"
    subprocess.run(  # noqa: S603 - fixed arguments, no shell
        [openssl, "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1",
         "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1",
         "-keyout", str(key), "-out", str(cert)],
        check=True,
        capture_output=True,
    )  # fmt: skip
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(cert, key)
    yield context


def https_client(server: LocalServer, **options: Any) -> AstravueClient:
    client = AstravueClient(org_id=1, access_token=TOKEN, base_url=server.origin + "/v1", **options)
    return FakeSleep().install(client)


async def test_connector_verifies_certificates_unless_told_not_to() -> None:
    async with AstravueClient(org_id=1, access_token=TOKEN) as client:
        connector: Any = client._transport.session().connector
        assert connector._ssl is True  # aiohttp: default context, certificates verified
    async with AstravueClient(org_id=1, access_token=TOKEN, verify_ssl=False) as client:
        connector = client._transport.session().connector
        assert connector._ssl is False


async def test_self_signed_api_is_refused_by_default(self_signed: ssl.SSLContext) -> None:
    async with serve(ok, ssl_context=self_signed) as server:
        async with https_client(server) as client:
            with pytest.raises(APIConnectionError) as caught:
                await client.tasks.get(1)
        assert server.hits == []  # the handshake failed: no request, no token sent
        assert caught.value.request_sent is False

        async with https_client(server, verify_ssl=False) as client:
            assert (await client.tasks.get(1)).task_id == 1
        assert len(server.hits) == 1


async def test_self_signed_token_endpoint_is_refused_by_default(
    fake: FakeAstravue, self_signed: ssl.SSLContext
) -> None:
    forms: list[dict[str, str]] = []

    async def token_endpoint(request: web.Request) -> web.StreamResponse:
        forms.append(dict(await request.post()))  # type: ignore[arg-type]
        return web.json_response({"access_token": "x", "expires_in": 60})

    async with serve(token_endpoint, ssl_context=self_signed) as server:
        # max_retries=0: the refresh's own retries are enough to show the refusal.
        client = fake.client(token_url=server.origin + "/token", max_retries=0)
        fake.expire_tokens()
        SUMMARY.faults += 1
        with pytest.raises(APIConnectionError, match="token endpoint"):
            await client.tasks.list()
    assert forms == []  # the refresh token never left


# --------------------------------------------------------------------------- plain http

REFUSED = [
    "http://api.astravue.com/v1",
    "http://10.0.0.7/v1",
    "http://localhost.evil.example/v1",
    "http://localhost@evil.example/v1",  # userinfo "localhost", host evil.example
    "http://localhost:80@evil.example/v1",
    "http://evil.example/v1#@localhost",
    "http://127.0.0.1.nip.io/v1",
]
LOCAL = ["http://localhost:8080/v1", "http://127.0.0.1/v1", "http://[::1]:9000/v1"]


@pytest.mark.parametrize("url", REFUSED)
@pytest.mark.parametrize("which", ["base_url", "token_url"])
def test_plain_http_elsewhere_is_refused(url: str, which: str) -> None:
    with pytest.raises(ValueError, match="plain-http"):
        options: dict[str, Any] = {which: url}
        AstravueClient(org_id=1, access_token=TOKEN, **options)


# Credentials or a fragment in a base URL are refused even with the opt-in: text appended to
# such a URL would not land where it seems to.
SMUGGLING = [url for url in REFUSED if "@" in url or "#" in url]


@pytest.mark.parametrize("url", [url for url in REFUSED if url not in SMUGGLING])
async def test_plain_http_elsewhere_needs_an_explicit_opt_in(url: str) -> None:
    async with AstravueClient(
        org_id=1, access_token=TOKEN, base_url=url, allow_insecure_http=True
    ) as client:
        assert client._transport.base_url == url


@pytest.mark.parametrize("url", SMUGGLING)
def test_look_alike_urls_are_refused_even_with_the_opt_in(url: str) -> None:
    with pytest.raises(ValueError, match="query, fragment or credentials"):
        AstravueClient(org_id=1, access_token=TOKEN, base_url=url, allow_insecure_http=True)


@pytest.mark.parametrize("url", LOCAL)
async def test_plain_http_to_this_machine_is_allowed(url: str) -> None:
    async with AstravueClient(org_id=1, access_token=TOKEN, base_url=url) as client:
        assert client._transport.base_url == url


@pytest.mark.parametrize("url", ["ftp://api.astravue.com/v1", "file:///etc/passwd", "/v1", ""])
def test_non_http_urls_are_refused(url: str) -> None:
    with pytest.raises(ValueError):
        AstravueClient(org_id=1, access_token=TOKEN, base_url=url)


# --------------------------------------------------------------------------- redirects


def redirect_to(target: LocalServer, status: int) -> Any:
    async def handler(request: web.Request) -> web.StreamResponse:
        await request.read()
        return web.Response(status=status, headers={"Location": f"{target.origin}/steal"})

    return handler


async def test_a_plain_client_following_the_redirect_would_reach_the_other_server() -> None:
    # The harness can see a leak: aiohttp's own default follows into the other server.
    async with serve(ok) as other, serve(redirect_to(other, 307)) as api:
        async with aiohttp.ClientSession() as session, session.get(api.origin + "/v1/x") as got:
            assert got.status == 200
        assert [path for _, path, _ in other.hits] == ["/steal"]


@pytest.mark.parametrize("status", [301, 302, 303, 307, 308])
@pytest.mark.parametrize(
    ("method", "make_call"),
    [
        ("GET", lambda c: c.tasks.get(1)),
        ("POST", lambda c: c.tasks.create(task_title="t")),
        ("PUT", lambda c: c.tasks.update(1, completion=5)),
        ("DELETE", lambda c: c.request("DELETE", "/tasks/1")),
    ],
    ids=["get", "post", "put", "delete"],
)
async def test_api_redirects_are_not_followed(status: int, method: str, make_call: Any) -> None:
    async with serve(ok) as other, serve(redirect_to(other, status)) as api:
        client = FakeSleep().install(
            AstravueClient(org_id=1, access_token=TOKEN, base_url=api.origin + "/v1")
        )
        async with client:
            with pytest.raises(APIStatusError) as caught:
                await make_call(client)
    SUMMARY.faults += 1
    assert other.hits == [], "the bearer token went to another server"
    assert caught.value.status == status
    assert "redirect" in str(caught.value) and other.origin in str(caught.value)
    assert [(m, h["Authorization"]) for m, _, h in api.hits] == [(method, f"Bearer {TOKEN}")]


@pytest.mark.parametrize("status", [302, 307, 308])
async def test_token_endpoint_redirects_are_not_followed(fake: FakeAstravue, status: int) -> None:
    async with serve(ok) as other, serve(redirect_to(other, status)) as token_endpoint:
        client = fake.client(token_url=token_endpoint.origin + "/token")
        secret = client._transport.tokens.token.refresh_token
        fake.expire_tokens()
        SUMMARY.faults += 1
        with pytest.raises(AstravueError) as caught:
            await client.tasks.list()
    assert other.hits == [], "the refresh token and client secret went to another server"
    assert len(token_endpoint.hits) == 1
    assert secret is not None and secret not in str(caught.value)


async def test_paths_cannot_name_another_host() -> None:
    async with serve(ok) as api:
        client = AstravueClient(org_id=1, access_token=TOKEN, base_url=api.origin + "/v1")
        async with client:
            await client.request("GET", "/@evil.example")
            for path in ("//evil.example/v1/tasks", "https://evil.example/v1", "http:/x"):
                with pytest.raises(ValueError):
                    await client.request("GET", path)
    assert [path for _, path, _ in api.hits] == ["/v1/@evil.example"]


# --------------------------------------------------------------------------- echoed secrets

# A server (or a proxy, or a debug page) quoting credentials back must not put them into any
# exception text, attribute or log record. Each body shape below plants them somewhere else.
PLANTED_ACCESS = "AT-planted-6f1e0c9b7a52d3e8"
PLANTED_REFRESH = "RT-planted-0a9b8c7d6e5f4a3b"
REFRESHED_ACCESS = "AT-refreshed-93b1c5d7e2f40a6c"
PLANTED = (PLANTED_ACCESS, PLANTED_REFRESH, REFRESHED_ACCESS)


@dataclass
class Echo:
    status: int
    body: str
    content_type: str = "application/json"
    headers: dict[str, str] = field(default_factory=dict)


def _error_json(message: str, **extra: Any) -> str:
    status = extra.pop("code", 400)
    return json.dumps({"success": False, "code": status, "message": message, **extra})


# The server echoes whatever bearer token it received in place of @AT@ (its first 14
# characters for @AT_CUT@): after a 401 and a refresh, that is the new token.
AT, RT = "@AT@", PLANTED_REFRESH
ECHOES: dict[str, Echo] = {
    "401 message, Bearer": Echo(401, _error_json(f"invalid token: Bearer {AT}", code=401)),
    "400 errors[], named and shaped": Echo(400, _error_json("invalid", errors=[
        {"field": "refreshToken", "message": "expired", "rejectedValue": RT},
        {"field": "title", "message": f"got Bearer {AT}", "rejectedValue": f"Bearer {AT}"},
        {"field": "nested", "message": "bad", "rejectedValue": {"access_token": AT}},
    ])),
    "403 headers": Echo(403, _error_json("no", code=403), headers={
        "WWW-Authenticate": f'Bearer error="insufficient_scope", error_description="Bearer {AT}"',
        "X-Debug-Authorization": f"Bearer {AT}",
        "X-Request-Echo": f"POST /token refresh_token={RT}&grant_type=refresh_token",
        "Set-Cookie": f"session={RT}; HttpOnly",
    }),
    "502 HTML page quoting the request": Echo(
        502,
        f"<html><pre>GET /v1/tasks/1\r\nAuthorization: Bearer {AT}\r\nAccept: */*</pre></html>",
        "text/html",
    ),
    "500 text with a form body": Echo(
        500, f"upstream failed for refresh_token={RT}&access_token={AT}", "text/plain"
    ),
    "200 JSON cut inside a token member": Echo(
        200, '{"success": true, "data": {"taskId": 1}, "access_token": "' + "@AT_CUT@"
    ),
    "200 JSON cut after Bearer": Echo(200, '{"success": false, "message": "Bearer ' + "@AT_CUT@"),
    "200 not the envelope": Echo(200, json.dumps({"access_token": AT, "refresh_token": RT})),
    "200 value quoted by a decode error": Echo(200, json.dumps(
        {"success": True, "data": {"taskId": 1, "startDate": f"Bearer {AT}"}}
    )),
    "302 to a URL carrying the token": Echo(
        302, "", headers={"Location": f"https://elsewhere.test/cb?access_token={AT}"}
    ),
    # Found by value only (the transport passes the tokens in use to decode_response):
    "401 message, bare": Echo(401, _error_json(f"token {AT} has expired", code=401)),
    "400 rejectedValue, bare": Echo(400, _error_json("invalid", errors=[
        {"field": "title", "message": f"not {AT}", "rejectedValue": RT}
    ])),
    "403 debug header, bare": Echo(
        403, _error_json("no", code=403), headers={"X-Echo": f"{AT} / {RT}"}
    ),
    "502 HTML, bare": Echo(502, f"<html><body>{AT}</body></html>", "text/html"),
    "200 JSON cut inside a bare token": Echo(
        200, '{"success": false, "message": "echo ' + "@AT_CUT@"
    ),
    "200 decode error quoting a bare token": Echo(200, json.dumps(
        {"success": True, "data": {"taskId": 1, "dueDate": RT}}
    )),
}  # fmt: skip


def _chain(exc: BaseException) -> list[BaseException]:
    found: list[BaseException] = []
    pending: list[BaseException | None] = [exc]
    while pending:
        current = pending.pop()
        if current is None or any(current is seen for seen in found):
            continue
        found.append(current)
        pending += [current.__cause__, current.__context__]
        pending += [arg for arg in current.args if isinstance(arg, BaseException)]
    return found


def _exposed_texts(exc: BaseException) -> list[str]:
    """Everything an exception shows or holds, down its whole chain."""
    texts = ["".join(traceback.format_exception(exc))]
    for linked in _chain(exc):
        texts += [str(linked), repr(linked), repr(linked.args), repr(vars(linked))]
        texts += [repr(value) for value in vars(linked).values()]
        texts += [repr(attrs.asdict(item)) for item in getattr(linked, "field_errors", ())]
    return texts


@pytest.mark.parametrize("echo", ECHOES.values(), ids=ECHOES.keys())
async def test_echoed_credentials_reach_no_exception_and_no_log(
    echo: Echo, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)

    async def handler(request: web.Request) -> web.StreamResponse:
        await request.read()
        if request.path.endswith("/token"):  # the refresh after a 401
            return web.json_response({"access_token": REFRESHED_ACCESS, "expires_in": 600})
        received = request.headers["Authorization"].removeprefix("Bearer ")

        def planted(text: str) -> str:
            return text.replace("@AT_CUT@", received[:14]).replace("@AT@", received)

        body = planted(echo.body).encode() if echo.body else None
        headers = {name: planted(value) for name, value in echo.headers.items()}
        headers["Content-Type"] = echo.content_type
        return web.Response(status=echo.status, body=body, headers=headers)

    async with serve(handler) as server:
        token = OAuth2Token(
            access_token=PLANTED_ACCESS,
            refresh_token=PLANTED_REFRESH,
            expires_at=utcnow() + timedelta(hours=1),
        )
        client = AstravueClient(
            org_id=1,
            token=token,
            client_id="cli",
            base_url=server.origin + "/v1",
            token_url=server.origin + "/token",
            max_retries=0,
        )
        async with FakeSleep().install(client):
            with pytest.raises(AstravueError) as caught:
                await client.tasks.get(1)
    SUMMARY.faults += 1
    formatter = logging.Formatter("%(levelname)s %(name)s %(message)s")
    texts = _exposed_texts(caught.value)
    texts += [formatter.format(record) + repr(record.args) for record in caplog.records]
    for secret in PLANTED:
        for fragment in (secret, secret[:12]):
            leaks = [text for text in texts if fragment in text]
            assert not leaks, f"{fragment!r} leaked into {leaks[0][:400]!r}"
    assert "<redacted>" in "".join(texts)  # the echo was there, and was scrubbed
