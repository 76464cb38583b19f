"""Security: where credentials may go.

* TLS certificates are verified by default: a self-signed server is refused (for the API and
  for the token endpoint) until ``verify_ssl=False`` says otherwise.
* A plain-``http://`` URL is refused for anything but this machine unless
  ``allow_insecure_http=True``, including URLs that only *look* local.
* Tokens go to the configured hosts only. The SDK follows no redirects: a 301/302/303/307/308
  from the API to another server is an ``APIStatusError`` and that server receives nothing.
  The same holds for the token endpoint, whose requests carry the refresh token and the
  client secret in their body (a 307 used to make aiohttp re-POST them to the new host).
"""

from __future__ import annotations

import shutil
import ssl
import subprocess
from collections.abc import Iterator
from typing import Any

import aiohttp
import pytest
from aiohttp import web

from astravue_async import (
    APIConnectionError,
    APIStatusError,
    AstravueClient,
    AstravueError,
)
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
