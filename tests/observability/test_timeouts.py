"""An attempt the call's own deadline cuts short is reported as the call's timeout, not as a
cancellation (issue #18): hooks, the CLIENT span and the duration metric agree with the
:class:`APITimeoutError` the call raises."""

from __future__ import annotations

import pytest
from _server import Reply, running_server

from astravue_async import (
    APIConnectionError,
    APITimeoutError,
    AstravueClient,
    AttemptEvent,
    EventHooks,
    NotFoundError,
    _log,
)

from ._support import Metrics, Spans


async def test_the_last_attempt_ends_as_the_call_timed_out() -> None:
    events: list[AttemptEvent] = []
    spans, metrics = Spans(), Metrics()
    async with running_server() as server:
        server.script("GET", "/tasks/7", Reply.ok({}, delay=5))
        async with AstravueClient(
            org_id=1,
            access_token="t",
            base_url=server.url,
            timeout=0.3,
            max_retries=0,
            event_hooks=EventHooks(on_attempt=[events.append]),
            tracer_provider=spans.provider,
            meter_provider=metrics.provider,
        ) as client:
            with pytest.raises(APITimeoutError) as raised:
                await client.tasks.get(7)
    [event] = events
    assert event.error is raised.value and event.error_type == "APITimeoutError"
    [client_span] = [s for s in spans.finished() if s.kind.name == "CLIENT"]
    assert client_span.attributes is not None
    assert client_span.attributes["error.type"] == "APITimeoutError"
    durations = metrics.points()["http.client.request.duration"]
    assert [attrs.get("error.type") for attrs, _ in durations] == ["APITimeoutError"]


async def test_connection_errors_say_how_many_requests_the_call_began() -> None:
    async with running_server() as server:
        server.script("GET", "/tasks/7", Reply.ok({}, delay=5))
        async with AstravueClient(
            org_id=1, access_token="t", base_url=server.url, timeout=0.3, max_retries=0
        ) as client:
            with pytest.raises(APITimeoutError) as timed_out:
                await client.tasks.get(7)
    assert timed_out.value.attempts == 1
    async with AstravueClient(
        org_id=1, access_token="t", base_url="http://127.0.0.1:9", max_retries=1
    ) as client:
        client._transport._sleep = _no_sleep
        with pytest.raises(APIConnectionError) as refused:
            await client.tasks.get(7)
    assert refused.value.attempts == 2 and not refused.value.request_sent


async def _no_sleep(seconds: float) -> None:
    return None


async def test_an_error_status_span_has_the_protocol_version() -> None:
    spans = Spans()
    async with running_server() as server:
        server.script("GET", "/tasks/7", Reply.error(404))
        async with AstravueClient(
            org_id=1, access_token="t", base_url=server.url, tracer_provider=spans.provider
        ) as client:
            with pytest.raises(NotFoundError):
                await client.tasks.get(7)
    [client_span] = [s for s in spans.finished() if s.kind.name == "CLIENT"]
    assert client_span.attributes is not None
    assert client_span.attributes["network.protocol.version"] == "1.1"


def test_a_bad_astravue_log_warns_at_the_code_creating_the_client(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("ASTRAVUE_LOG", "bogus-level")
    monkeypatch.setattr(_log, "_warned_values", set())
    with pytest.warns(RuntimeWarning, match="ASTRAVUE_LOG='bogus-level'") as warned:
        AstravueClient(org_id=1, access_token="t")
    assert [w.filename for w in warned] == [__file__]
