"""Credentials a server or proxy echoes back never reach what the SDK reports.

The access token a request used, the refresh token and the client secret are scrubbed alike
from responses, errors, hook events, spans and logs (issue #18).
"""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator

import pytest
from _server import Reply, ScriptedServer, envelope, running_server
from aiohttp import web

from astravue_async import AstravueClient, AttemptEvent, EventHooks, NotFoundError, OAuth2Token

from ._support import Spans

ACCESS = "at-SECRET-0001"
REFRESH = "rt-SECRET-0002"
CLIENT_SECRET = "cs-SECRET-0003"
SECRETS = (ACCESS, REFRESH, CLIENT_SECRET)
TASK = {
    "taskId": 7,
    "tenantId": 1,
    "taskTitle": "t",
    "status": {"taskStatusId": 1, "statusName": "Open"},
    "priority": {"taskPriorityId": 2, "priorityLabel": "High"},
    "owners": [],
}


@pytest.fixture
async def server() -> AsyncIterator[ScriptedServer]:
    async with running_server() as srv:
        srv.valid_refresh.add(REFRESH)
        yield srv


def _client(server: ScriptedServer, events: list[AttemptEvent], spans: Spans) -> AstravueClient:
    return AstravueClient(
        org_id=1,
        token=OAuth2Token(access_token=ACCESS, refresh_token=REFRESH),
        client_id="cli",
        client_secret=CLIENT_SECRET,
        token_url=server.token_url,
        base_url=server.url,
        max_retries=0,
        event_hooks=EventHooks(on_attempt=[events.append]),
        tracer_provider=spans.provider,
    )


def _leaks(text: str) -> list[str]:
    return [secret for secret in SECRETS if secret in text]


@pytest.mark.parametrize("secret", SECRETS)
async def test_an_echoed_credential_is_no_request_id_anywhere(
    server: ScriptedServer, secret: str, caplog: pytest.LogCaptureFixture
) -> None:
    events: list[AttemptEvent] = []
    spans = Spans()
    server.script("GET", "/tasks/7", Reply.ok(TASK, headers={"X-Request-Id": secret}))
    server.script(
        "GET",
        "/tasks/8",
        Reply.error(404, f"no {secret}", headers={"X-Request-Id": secret, "X-Echo": secret}),
    )
    caplog.set_level(logging.DEBUG, logger="astravue_async")
    async with _client(server, events, spans) as client:
        response = await client.with_raw_response.tasks.get(7)
        assert response.request_id is None
        assert not _leaks(repr(dict(response.headers)))
        with pytest.raises(NotFoundError) as missing:
            await client.tasks.get(8)
    error = missing.value
    assert error.request_id is None
    assert not _leaks(str(error) + repr(error) + repr(error.body) + repr(dict(error.headers or {})))
    assert [event.request_id for event in events] == [None, None]
    assert not _leaks(repr(events))
    assert not _leaks(repr([(s.attributes, s.status, s.events) for s in spans.finished()]))
    assert not _leaks(repr([record.__dict__ for record in caplog.records]))


async def test_headers_are_scrubbed_with_the_token_the_request_used(
    server: ScriptedServer,
) -> None:
    events: list[AttemptEvent] = []
    async with _client(server, events, Spans()) as client:

        async def refresh_then_answer(request: web.Request) -> web.StreamResponse:
            # A concurrent refresh replaces the token while the request is being answered.
            fresh = await client._transport.tokens.refresh_after_unauthorized(ACCESS)
            assert fresh != ACCESS
            return web.json_response(envelope(TASK), headers={"X-Seen": ACCESS})

        server.script("GET", "/tasks/7", refresh_then_answer)
        response = await client.with_raw_response.tasks.get(7)
    assert response.headers["X-Seen"] == "<redacted>"
