"""Hooks, spans, metrics and log fields of real calls, against a scripted local server.

The scripted server (``tests/_server.py``) answers each request from a script and runs a
Keycloak-like token endpoint, so a call can be made to go 401 -> refresh -> 503 -> 200.
OpenTelemetry providers are the SDK's, with in-memory exporters, handed to the client
explicitly (nothing is installed globally).
"""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator, Iterator
from datetime import timedelta
from typing import Any

import pytest
from _server import Reply, ScriptedServer, running_server
from aiohttp import web

from astravue_async import (
    AstravueClient,
    AttemptEvent,
    EventHooks,
    InternalServerError,
    NotFoundError,
    OAuth2Token,
    TokenRefreshEvent,
)
from astravue_async.auth import utcnow
from astravue_async.testing import SyncFakeAstravue

from ._support import Metrics, Spans

ORG_ID = 42
CLIENT_SECRET = "client-secret-planted-XYZ"
TASK = {
    "taskId": 7,
    "tenantId": ORG_ID,
    "taskTitle": "task 7",
    "status": {"taskStatusId": 1, "statusName": "Open"},
    "priority": {"taskPriorityId": 2, "priorityLabel": "High"},
    "owners": [],
}


async def _no_sleep(seconds: float) -> None:
    return None


@pytest.fixture
async def server() -> AsyncIterator[ScriptedServer]:
    async with running_server() as srv:
        yield srv


def token_for(server: ScriptedServer, access_token: str = "access-planted-AAA") -> OAuth2Token:  # noqa: S107
    """A token the API has not expired yet, with a refresh token the endpoint accepts."""
    return OAuth2Token(
        access_token=access_token,
        refresh_token=server.issue_refresh_token(),
        expires_at=utcnow() + timedelta(minutes=30),
    )


def make_client(server: ScriptedServer, **kwargs: Any) -> AstravueClient:
    kwargs.setdefault("token", token_for(server))
    client = AstravueClient(
        org_id=ORG_ID,
        base_url=server.url,
        token_url=server.token_url,
        client_id="my-app",
        client_secret=CLIENT_SECRET,
        **kwargs,
    )
    client._transport._sleep = _no_sleep  # retries without waiting
    return client


def script_refresh_then_retry(server: ScriptedServer) -> None:
    """GET /tasks/7: 401 (the token is refreshed), 503 (retried), then the task."""
    server.script(
        "GET",
        "/tasks/7",
        Reply.error(401, "expired"),
        Reply.error(503, "busy"),
        Reply.ok(TASK, headers={"X-Request-Id": "req-final-1"}),
    )


class Collected:
    def __init__(self) -> None:
        self.attempts: list[AttemptEvent] = []
        self.refreshes: list[TokenRefreshEvent] = []

    def hooks(self) -> EventHooks:
        return EventHooks(
            on_attempt=[self.attempts.append], on_token_refresh=[self.refreshes.append]
        )


# --------------------------------------------------------------------------- hooks


async def test_hooks_hear_every_attempt_and_the_refresh(server: ScriptedServer) -> None:
    script_refresh_then_retry(server)
    seen = Collected()
    async with make_client(server, event_hooks=seen.hooks()) as client:
        task = await client.tasks.get(7)
    assert task.task_id == 7
    assert [(e.attempt, e.status, e.will_retry) for e in seen.attempts] == [
        (1, 401, True),
        (2, 503, True),
        (3, 200, False),
    ]
    first, second, last = seen.attempts
    assert {e.operation_id for e in seen.attempts} == {"get_task"}
    assert {e.url_template for e in seen.attempts} == {"/tasks/{taskId}"}  # not /tasks/7
    assert {e.method for e in seen.attempts} == {"GET"}
    assert {e.org_id for e in seen.attempts} == {ORG_ID}
    assert first.retry_delay_seconds is None  # the replay after a 401 does not wait
    assert second.retry_delay_seconds is not None and second.error_type == "InternalServerError"
    assert isinstance(second.error, InternalServerError)
    assert last.error is None and last.error_type is None and last.request_id == "req-final-1"
    assert all(e.duration_seconds >= 0 for e in seen.attempts)
    [refresh] = seen.refreshes
    assert (refresh.reason, refresh.outcome, refresh.operation_id) == (
        "unauthorized",
        "refreshed",
        "get_task",
    )


async def test_a_hook_that_raises_is_logged_and_the_call_goes_on(
    server: ScriptedServer, caplog: pytest.LogCaptureFixture
) -> None:
    server.script("GET", "/tasks/7", Reply.error(503), Reply.ok(TASK))
    calls: list[int] = []

    def broken(event: AttemptEvent) -> None:
        calls.append(event.attempt)
        raise RuntimeError("hook bug")

    caplog.set_level(logging.DEBUG, logger="astravue_async")
    async with make_client(server, event_hooks=EventHooks(on_attempt=[broken])) as client:
        assert (await client.tasks.get(7)).task_id == 7  # 503, retried: two hook calls
        assert (await client.tasks.get(7)).task_id == 7
    assert calls == [1, 2, 1]
    warnings = [r for r in caplog.records if r.levelno == logging.WARNING and "hook" in r.message]
    assert len(warnings) == 1 and "broken" in warnings[0].message
    assert warnings[0].exc_info is not None  # the first failure with its traceback
    assert any("raised RuntimeError again" in r.message for r in caplog.records)


@pytest.fixture(autouse=True)
def _task_default(server: ScriptedServer) -> None:
    server.default("GET", "/tasks/7", Reply.ok(TASK))


def assert_no_secrets(events: list[Any], secrets: list[str]) -> None:
    """Every field of every event, and of the exceptions they carry, without a secret."""
    for event in events:
        texts = [repr(event), str(event)]
        for name in type(event).__slots__:
            value = getattr(event, name)
            texts += [repr(value), str(value)]
            if isinstance(value, BaseException):
                texts += [repr(vars(value)), repr(value.args)]
        for text in texts:
            for secret in secrets:
                assert secret not in text, (type(event).__name__, text)


def echoing(status: int) -> Any:
    """A scripted answer quoting the bearer token it was sent, in the body and headers."""

    async def answer(request: web.Request) -> web.Response:
        bearer = request.headers.get("Authorization", "").removeprefix("Bearer ")
        return web.json_response(
            {"success": False, "code": status, "message": f"bad {bearer}"},
            status=status,
            headers={"X-Debug": f"token={bearer}", "X-Request-Id": bearer},
        )

    return answer


async def test_hooks_never_receive_secrets(server: ScriptedServer) -> None:
    # The API sees the bearer token; a careless one quotes it back in errors and headers.
    token = token_for(server, "access-planted-AAA")
    refresh = token.refresh_token
    assert refresh is not None
    server.script("GET", "/tasks/7", echoing(401), echoing(503), Reply.ok(TASK))
    server.script("GET", "/tasks/8", echoing(404))
    seen = Collected()
    async with make_client(server, token=token, event_hooks=seen.hooks()) as client:
        await client.tasks.get(7)
        with pytest.raises(NotFoundError):
            await client.tasks.get(8)
        secrets = ["access-planted-AAA", refresh, CLIENT_SECRET, client.token.access_token]
        assert client.token.refresh_token is not None
        secrets.append(client.token.refresh_token)
    assert len(seen.attempts) == 4 and len(seen.refreshes) == 1
    assert seen.attempts[0].error is not None and "bad" in str(seen.attempts[0].error)
    assert_no_secrets([*seen.attempts, *seen.refreshes], secrets)


@pytest.mark.parametrize("in_headers", [False, True])
async def test_a_refused_refresh_reaches_the_hooks_without_secrets(
    server: ScriptedServer, in_headers: bool
) -> None:
    # The token endpoint sees the refresh token and the client secret, and quotes them.
    token = token_for(server, "access-planted-AAA")
    refresh = token.refresh_token
    assert refresh is not None
    server.token_script.append(
        Reply(
            status=400,
            json={"error": "invalid_grant", "error_description": f"{refresh} {CLIENT_SECRET}"},
            headers={"X-Debug": f"{refresh} {CLIENT_SECRET}"} if in_headers else {},
        )
    )
    server.script("GET", "/tasks/7", Reply.error(401, "expired access-planted-AAA"))
    seen = Collected()
    async with make_client(server, token=token, event_hooks=seen.hooks()) as client:
        with pytest.raises(Exception) as failed:
            await client.tasks.get(7)
    [refreshed] = seen.refreshes
    assert refreshed.outcome == "failed" and refreshed.error is failed.value
    assert refreshed.reason == "unauthorized"
    assert [(e.status, e.will_retry) for e in seen.attempts] == [(401, False)]
    assert_no_secrets([*seen.attempts, *seen.refreshes], ["access-planted-AAA", refresh,
                                                           CLIENT_SECRET])  # fmt: skip


# --------------------------------------------------------------------------- OpenTelemetry


async def test_span_tree_of_a_call_retried_after_a_refresh(
    server: ScriptedServer, spans: Spans, metrics: Metrics
) -> None:
    script_refresh_then_retry(server)
    async with make_client(
        server, tracer_provider=spans.provider, meter_provider=metrics.provider
    ) as client:
        await client.tasks.get(7)
        secrets = ["access-planted-AAA", CLIENT_SECRET, client.token.access_token]
    finished = spans.finished()
    [call] = spans.named("astravue get_task")
    attempts = sorted(spans.named("GET /tasks/{taskId}"), key=lambda s: s.start_time or 0)
    [refresh] = spans.named("astravue token refresh")
    assert len(finished) == 5 and len(attempts) == 3
    assert call.parent is None
    assert call.context is not None
    for child in [*attempts, refresh]:
        assert child.parent is not None and child.parent.span_id == call.context.span_id
        assert child.context is not None and child.context.trace_id == call.context.trace_id
    assert str(call.kind) == "SpanKind.INTERNAL"
    assert {str(a.kind) for a in attempts} == {"SpanKind.CLIENT"}
    # the refresh ran between the 401 and the replay
    assert attempts[0].end_time is not None and refresh.start_time is not None
    assert attempts[0].end_time <= refresh.start_time
    assert refresh.end_time is not None and attempts[1].start_time is not None
    assert refresh.end_time <= attempts[1].start_time

    common = {
        "http.request.method": "GET",
        "url.template": "/tasks/{taskId}",
        "server.address": "127.0.0.1",
    }
    for span in [call, *attempts]:
        attributes = dict(span.attributes or {})
        assert common.items() <= attributes.items(), attributes
    statuses = [dict(a.attributes or {}).get("http.response.status_code") for a in attempts]
    assert statuses == [401, 503, 200]
    resends = [dict(a.attributes or {}).get("http.request.resend_count") for a in attempts]
    assert resends == [None, 1, 2]
    errors = [dict(a.attributes or {}).get("error.type") for a in attempts]
    assert errors == ["AuthenticationError", "InternalServerError", None]
    assert dict(attempts[2].attributes or {})["astravue.request_id"] == "req-final-1"
    call_attributes = dict(call.attributes or {})
    assert call_attributes["http.response.status_code"] == 200
    assert call_attributes["astravue.attempts"] == 3
    assert call_attributes["astravue.operation"] == "get_task"
    assert "error.type" not in call_attributes
    assert dict(refresh.attributes or {})["astravue.token_refresh.reason"] == "unauthorized"
    assert dict(refresh.attributes or {})["astravue.token_refresh.outcome"] == "refreshed"

    for span in finished:  # no secrets anywhere, the filled-in path neither as a template
        texts = [repr(dict(span.attributes or {}))]
        texts += [repr(event.name) + repr(dict(event.attributes or {})) for event in span.events]
        for text in texts:
            for secret in secrets:
                assert secret not in text

    points = metrics.points()
    durations = points["http.client.request.duration"]
    assert sum(count for _, count in durations) == 3
    assert {a.get("http.response.status_code") for a, _ in durations} == {401, 503, 200}
    assert sum(value for _, value in points["astravue.client.retries"]) == 2
    [(refresh_attributes, refreshes)] = points["astravue.client.token_refreshes"]
    assert refreshes == 1 and refresh_attributes["astravue.token_refresh.reason"] == "unauthorized"


async def test_a_failed_call_is_an_error_span_with_a_scrubbed_message(
    server: ScriptedServer, spans: Spans
) -> None:
    server.script("GET", "/tasks/8", Reply.error(404, "no task access-planted-AAA"))
    async with make_client(server, tracer_provider=spans.provider) as client:
        with pytest.raises(NotFoundError):
            await client.tasks.get(8)
    [call] = spans.named("astravue get_task")
    assert call.status.status_code.name == "ERROR"
    assert dict(call.attributes or {})["error.type"] == "NotFoundError"
    [event] = call.events
    assert event.name == "exception"
    assert "access-planted-AAA" not in repr(dict(event.attributes or {}))


@pytest.mark.parametrize("propagate", [False, True])
async def test_trace_context_reaches_the_server_only_when_asked(
    server: ScriptedServer, spans: Spans, propagate: bool
) -> None:
    async with make_client(
        server, tracer_provider=spans.provider, propagate_trace_context=propagate
    ) as client:
        await client.tasks.get(7)
        await client.tasks.get(7)
    headers = [{k.lower(): v for k, v in r.headers.items()} for r in server.seen("GET")]
    if not propagate:
        assert all("traceparent" not in h for h in headers)
        return
    parents = [h["traceparent"].split("-")[1:3] for h in headers]  # trace id, parent id
    attempts = sorted(spans.named("GET /tasks/{taskId}"), key=lambda s: s.start_time or 0)
    expected = [
        [f"{a.context.trace_id:032x}", f"{a.context.span_id:016x}"]
        for a in attempts
        if a.context is not None
    ]
    assert parents == expected  # each request carries its own attempt span


async def test_with_options_copies_share_the_observer(server: ScriptedServer) -> None:
    seen = Collected()
    async with make_client(server, event_hooks=seen.hooks()) as client:
        await client.with_options(org_id=7).tasks.get(7)
    [event] = seen.attempts
    assert event.org_id == 7


async def test_errors_carry_headers_request_id_and_attempts(server: ScriptedServer) -> None:
    server.script(
        "GET",
        "/tasks/9",
        *[Reply.error(503, headers={"X-Request-Id": f"r{i}"}) for i in range(4)],
    )
    server.script("GET", "/tasks/8", Reply.error(404, headers={"X-Correlation-Id": "corr-8"}))
    async with make_client(server) as client:
        with pytest.raises(InternalServerError) as failed:
            await client.tasks.get(9)
        with pytest.raises(NotFoundError) as missing:
            await client.tasks.get(8)
    assert failed.value.attempts == 4  # max_retries=3
    assert failed.value.request_id == "r3"  # the last response's
    assert failed.value.headers["x-request-id"] == "r3"
    assert missing.value.attempts == 1
    assert missing.value.request_id == "corr-8"


async def test_an_error_after_a_401_replay_counts_both_requests(server: ScriptedServer) -> None:
    server.script("GET", "/tasks/8", Reply.error(401), Reply.error(404))
    async with make_client(server) as client:
        with pytest.raises(NotFoundError) as missing:
            await client.tasks.get(8)
    assert missing.value.attempts == 2


# --------------------------------------------------------------------------- logs


async def test_log_records_carry_the_call_fields(
    server: ScriptedServer, caplog: pytest.LogCaptureFixture
) -> None:
    script_refresh_then_retry(server)
    caplog.set_level(logging.DEBUG, logger="astravue_async")
    async with make_client(server) as client:
        await client.tasks.get(7)
    records = [r for r in caplog.records if r.name == "astravue_async"]
    requests = [r for r in records if "GET /tasks/7 ->" in r.getMessage()]
    assert [r.__dict__["astravue_attempt"] for r in requests] == [1, 2, 3]
    assert [r.__dict__["astravue_status"] for r in requests] == [401, 503, 200]
    assert requests[-1].__dict__["astravue_request_id"] == "req-final-1"
    retry = next(r for r in records if r.getMessage().startswith("Retrying"))
    refreshed = next(r for r in records if r.getMessage().startswith("refreshed access token"))
    for record in [*requests, retry, refreshed]:
        assert record.__dict__["astravue_operation"] == "get_task"
        assert record.__dict__["astravue_url_template"] == "/tasks/{taskId}"
        assert record.__dict__["astravue_org_id"] == ORG_ID
        assert record.__dict__["astravue_method"] == "GET"
    assert all(isinstance(r.__dict__["astravue_elapsed_ms"], float) for r in requests)
    assert retry.__dict__["astravue_attempt"] == 2
    assert retry.__dict__["astravue_error"] == "InternalServerError"
    assert retry.__dict__["astravue_retry_delay_s"] >= 0
    assert refreshed.__dict__["astravue_refresh_reason"] == "unauthorized"
    for record in records:  # outside the call nothing is left bound
        assert "planted" not in record.getMessage()


async def test_no_fields_are_bound_when_the_sdk_logs_nothing(server: ScriptedServer) -> None:
    logging.getLogger("astravue_async").setLevel(logging.WARNING)
    try:
        async with make_client(server) as client:
            await client.tasks.get(7)
    finally:
        logging.getLogger("astravue_async").setLevel(logging.NOTSET)
    from astravue_async import _log

    assert _log._CALL.get() is None


# --------------------------------------------------------------------------- sync client


@pytest.fixture
def sync_fake() -> Iterator[SyncFakeAstravue]:
    with SyncFakeAstravue() as fake:
        yield fake


def test_the_sync_client_reports_to_hooks_and_spans(
    sync_fake: SyncFakeAstravue, spans: Spans
) -> None:
    seen = Collected()
    with sync_fake.sync_client(event_hooks=seen.hooks(), tracer_provider=spans.provider) as client:
        task = client.tasks.create(task_title="x")
        sync_fake.fail_next(1, 503, retry_after=0, path="/tasks/{taskId}")
        client.tasks.get(task.task_id)
        raw = client.with_raw_response.tasks.get(task.task_id)
    assert raw.parse().task_id == task.task_id
    gets = [e for e in seen.attempts if e.operation_id == "get_task"]
    assert [(e.attempt, e.status, e.will_retry) for e in gets] == [
        (1, 503, True),
        (2, 200, False),
        (1, 200, False),
    ]
    calls = spans.named("astravue get_task")
    assert len(calls) == 2
    assert len(spans.named("GET /tasks/{taskId}")) == 3
