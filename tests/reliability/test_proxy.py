"""Proxies: from the environment (HTTP(S)_PROXY, NO_PROXY), explicit with credentials, or
none; for the API and for the token endpoint alike. The proxy is a raw recording server."""

from __future__ import annotations

import base64
from datetime import timedelta
from typing import Any

import pytest

from astravue_async import APIConnectionError, AstravueClient, OAuth2Token
from astravue_async._transport import environment_proxy
from astravue_async.auth import utcnow

from ._raw_server import RawReply, RawRequest, RawServer, raw_server

# Nothing listens on port 1: a request that bypasses the proxy fails to connect.
UNREACHABLE_API = "http://127.0.0.1:1/v1"
UNREACHABLE_TOKEN_URL = "http://127.0.0.1:1/token"
TASK = {"taskId": 1, "taskTitle": "via the proxy"}
PROXY_VARIABLES = (
    "HTTP_PROXY",
    "HTTPS_PROXY",
    "ALL_PROXY",
    "NO_PROXY",
    "http_proxy",
    "https_proxy",
    "all_proxy",
    "no_proxy",
    "REQUEST_METHOD",
)


@pytest.fixture(autouse=True)
def clean_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in PROXY_VARIABLES:
        monkeypatch.delenv(name, raising=False)


def proxy_handler(request: RawRequest) -> RawReply:
    if request.path == "/token":
        return RawReply(
            body=b'{"access_token":"new-access","refresh_token":"new-refresh",'
            b'"expires_in":300,"token_type":"Bearer"}'
        )
    return RawReply.envelope(TASK)


def client(**kwargs: Any) -> AstravueClient:
    kwargs.setdefault("access_token", "proxied-token")
    return AstravueClient(org_id=42, base_url=UNREACHABLE_API, max_retries=0, **kwargs)


async def test_http_proxy_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    with raw_server(proxy_handler) as proxy:
        monkeypatch.setenv("HTTP_PROXY", f"http://127.0.0.1:{proxy.port}")
        async with client() as api:
            task = await api.tasks.get(1)
    assert task.task_title == "via the proxy"
    [seen] = proxy.requests
    assert seen.path == "/tasks/1"
    assert seen.headers["host"] == "127.0.0.1:1"  # absolute-form, for the origin


async def test_lower_case_and_all_proxy_variables(monkeypatch: pytest.MonkeyPatch) -> None:
    with raw_server(proxy_handler) as proxy:
        monkeypatch.setenv("all_proxy", f"http://127.0.0.1:{proxy.port}")
        async with client() as api:
            await api.tasks.get(1)
    assert len(proxy.requests) == 1


@pytest.mark.parametrize("no_proxy", ["127.0.0.1", "*", "localhost,127.0.0.1:1,other"])
async def test_no_proxy_exempts_the_host(monkeypatch: pytest.MonkeyPatch, no_proxy: str) -> None:
    with raw_server(proxy_handler) as proxy:
        monkeypatch.setenv("HTTP_PROXY", f"http://127.0.0.1:{proxy.port}")
        monkeypatch.setenv("NO_PROXY", no_proxy)
        async with client() as api:
            with pytest.raises(APIConnectionError) as info:
                await api.tasks.get(1)
    assert info.value.request_sent is False
    assert proxy.requests == []


async def test_trust_env_false_ignores_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    with raw_server(proxy_handler) as proxy:
        monkeypatch.setenv("HTTP_PROXY", f"http://127.0.0.1:{proxy.port}")
        async with client(trust_env=False) as api:
            with pytest.raises(APIConnectionError):
                await api.tasks.get(1)
    assert proxy.requests == []


async def test_explicit_proxy_with_credentials(monkeypatch: pytest.MonkeyPatch) -> None:
    with raw_server(proxy_handler) as proxy, raw_server(proxy_handler) as other:
        # The explicit proxy wins over the environment's.
        monkeypatch.setenv("HTTP_PROXY", f"http://127.0.0.1:{other.port}")
        async with client(proxy=f"http://scott:tiger@127.0.0.1:{proxy.port}") as api:
            await api.tasks.get(1)
    [seen] = proxy.requests
    assert seen.headers["proxy-authorization"] == "Basic " + base64.b64encode(
        b"scott:tiger"
    ).decode("ascii")
    assert other.requests == []


async def test_token_endpoint_goes_through_the_same_proxy() -> None:
    with raw_server(proxy_handler) as proxy:
        token = OAuth2Token(
            access_token="expired",
            refresh_token="old-refresh",
            expires_at=utcnow() - timedelta(minutes=1),
        )
        async with client(
            access_token=None,
            token=token,
            client_id="app",
            token_url=UNREACHABLE_TOKEN_URL,
            proxy=f"http://127.0.0.1:{proxy.port}",
        ) as api:
            await api.tasks.get(1)
    assert [r.path for r in proxy.requests] == ["/token", "/tasks/1"]
    assert proxy.requests[1].headers["authorization"] == "Bearer new-access"


@pytest.mark.parametrize("bad", ["socks5://127.0.0.1:1080", "127.0.0.1:3128", "ftp://x", ""])
def test_unsupported_proxy_is_refused_before_any_request(bad: str) -> None:
    with pytest.raises(ValueError, match="proxy"):
        client(proxy=bad)


def test_proxy_password_is_not_in_the_error() -> None:
    with pytest.raises(ValueError) as info:
        client(proxy="socks5://user:s3cret-pass@127.0.0.1:1080")
    assert "s3cret-pass" not in str(info.value)


def test_environment_proxy_rules(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HTTPS_PROXY", "http://proxy.internal:3128")
    monkeypatch.setenv("NO_PROXY", ".corp.example")
    assert environment_proxy("https://api.astravue.com/v1") == "http://proxy.internal:3128"
    assert environment_proxy("http://api.astravue.com/v1") is None  # only HTTPS_PROXY set
    assert environment_proxy("https://auth.corp.example/token") is None
    monkeypatch.setenv("HTTPS_PROXY", "socks5://proxy.internal:1080")
    with pytest.raises(ValueError, match="socks5"):  # never a silent direct connection
        environment_proxy("https://api.astravue.com/v1")


def test_cgi_request_does_not_take_http_proxy_from_the_environment(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # httpoxy: under CGI, HTTP_PROXY is a request header the client controls.
    monkeypatch.setenv("REQUEST_METHOD", "GET")
    monkeypatch.setenv("HTTP_PROXY", "http://attacker.example:3128")
    assert environment_proxy("http://api.astravue.com/v1") is None


def _unused(server: RawServer) -> None:  # pragma: no cover - keeps the import used
    del server


def test_command_line_proxy_flag_and_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    import io
    import json

    from astravue_async.cli import main

    monkeypatch.setenv("ASTRAVUE_ACCESS_TOKEN", "cli-token")
    monkeypatch.setenv("ASTRAVUE_ORG_ID", "42")
    monkeypatch.setenv("ASTRAVUE_BASE_URL", UNREACHABLE_API)
    with raw_server(proxy_handler) as proxy:
        out, err = io.StringIO(), io.StringIO()
        flag = ["--proxy", f"http://127.0.0.1:{proxy.port}"]
        assert main(["tasks", "get", "1", "--json", *flag], out=out, err=err) == 0, err.getvalue()
        assert json.loads(out.getvalue())["taskTitle"] == "via the proxy"
        monkeypatch.setenv("HTTP_PROXY", f"http://127.0.0.1:{proxy.port}")
        assert main(["tasks", "get", "1", "--json"], out=io.StringIO(), err=err) == 0
        # Opting out of the environment's proxy: the unreachable API is contacted directly.
        code = main(["tasks", "get", "1", "--no-env-proxy"], out=io.StringIO(), err=err)
        assert code != 0
    assert len(proxy.requests) == 2
    bad = io.StringIO()
    assert main(["tasks", "get", "1", "--proxy", "socks5://x:1"], out=io.StringIO(), err=bad) == 2
    assert "proxy" in bad.getvalue()


async def test_proxy_asking_for_credentials_says_so() -> None:
    from astravue_async import APIStatusError

    from ._raw_server import RawReply as Reply

    def refuse(request: RawRequest) -> Reply:
        return Reply(
            status=407,
            body=b"<html>Proxy Authentication Required</html>",
            headers={"Proxy-Authenticate": 'Basic realm="corp"', "Content-Type": "text/html"},
        )

    with raw_server(refuse) as proxy:
        async with client(proxy=f"http://127.0.0.1:{proxy.port}") as api:
            with pytest.raises(APIStatusError) as info:
                await api.tasks.get(1)
    assert info.value.status == 407
    assert "proxy" in str(info.value).lower()


def test_socks_proxy_in_the_environment_is_an_error_not_a_bypass(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("ALL_PROXY", "socks5://127.0.0.1:1080")
    with pytest.raises(ValueError, match="socks5"):
        client()
    client(trust_env=False)  # the documented way out
