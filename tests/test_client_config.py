"""Configuring a client: environment variables with typed keyword overrides, and errors that
name the argument or variable at fault."""

from __future__ import annotations

import inspect
import re
from typing import Any, get_type_hints

import pytest

from astravue_async import AstravueClient, ClientOptions, OAuth2Token
from astravue_async.sync import AstravueSyncClient
from astravue_async.testing import FakeAstravue


def test_client_options_lists_every_constructor_keyword_but_org_id() -> None:
    keywords = set(inspect.signature(AstravueClient.__init__).parameters) - {"self", "org_id"}
    assert set(get_type_hints(ClientOptions)) == keywords


@pytest.mark.parametrize(
    "helper", [AstravueClient.from_env, AstravueSyncClient.from_env, FakeAstravue.client]
)
def test_no_helper_takes_untyped_keywords(helper: Any) -> None:
    for parameter in inspect.signature(helper).parameters.values():
        if parameter.kind is inspect.Parameter.VAR_KEYWORD:
            assert re.search(r"Unpack\[(Sync)?ClientOptions\]", str(parameter.annotation)), helper


def test_from_env_keyword_org_id_needs_no_variable() -> None:
    client = AstravueClient.from_env({"ASTRAVUE_ACCESS_TOKEN": "t"}, org_id=7)
    assert client.org_id == 7


def test_from_env_keyword_token_needs_no_token_variables() -> None:
    token = OAuth2Token(access_token="kw")
    client = AstravueClient.from_env({"ASTRAVUE_ORG_ID": "3"}, token=token)
    assert client.token is token
    client = AstravueClient.from_env({}, org_id=3, access_token="kw")
    assert client.token.access_token == "kw"


def test_from_env_keyword_client_id_stands_in_for_the_variable() -> None:
    env = {"ASTRAVUE_ORG_ID": "3", "ASTRAVUE_REFRESH_TOKEN": "r"}
    client = AstravueClient.from_env(env, client_id="my-app")
    assert client.token.refresh_token == "r"


@pytest.mark.parametrize(
    ("env", "named"),
    [
        ({}, "ASTRAVUE_ORG_ID"),
        ({"ASTRAVUE_ORG_ID": "x", "ASTRAVUE_ACCESS_TOKEN": "t"}, "ASTRAVUE_ORG_ID"),
        ({"ASTRAVUE_ORG_ID": "1"}, "ASTRAVUE_ACCESS_TOKEN"),
        ({"ASTRAVUE_ORG_ID": "1", "ASTRAVUE_REFRESH_TOKEN": "r"}, "ASTRAVUE_CLIENT_ID"),
    ],
)
def test_from_env_names_the_missing_variable(env: dict[str, str], named: str) -> None:
    with pytest.raises(ValueError, match=named):
        AstravueClient.from_env(env)


@pytest.mark.parametrize("argument", ["base_url", "token_url"])
def test_a_bad_url_is_reported_under_its_own_name(argument: str) -> None:
    kwargs: dict[str, Any] = {argument: "ftp://example.com"}
    with pytest.raises(ValueError) as info:
        AstravueClient(org_id=1, access_token="t", **kwargs)
    assert str(info.value).startswith(argument)
    with pytest.raises(ValueError, match=argument):
        AstravueClient.from_env({"ASTRAVUE_ACCESS_TOKEN": "t"}, org_id=1, **kwargs)


async def test_a_session_that_cannot_carry_the_clients_requests_is_refused_at_once() -> None:
    # Each would otherwise fail only at the first call, with aiohttp's own words.
    import warnings

    import aiohttp

    with pytest.raises(TypeError, match=r"aiohttp\.ClientSession"):
        AstravueClient(org_id=1, access_token="t", session=object())  # type: ignore[arg-type]
    closed = aiohttp.ClientSession()
    await closed.close()
    with pytest.raises(ValueError, match="session is closed"):
        AstravueClient(org_id=1, access_token="t", session=closed)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)  # aiohttp >= 3.14 deprecates auth=
        basic = aiohttp.ClientSession(auth=aiohttp.BasicAuth("user", "password"))
    async with basic:
        with pytest.raises(ValueError, match="auth=") as info:
            AstravueClient(org_id=1, access_token="t", session=basic)
    assert "password" not in str(info.value)
