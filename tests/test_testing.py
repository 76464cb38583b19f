"""Tests of astravue_async.testing.FakeAstravue, driven through the public AstravueClient."""

from __future__ import annotations

import asyncio
import contextlib
import subprocess
import sys
from datetime import UTC, datetime, timedelta
from importlib.metadata import entry_points
from typing import Any
from urllib.parse import parse_qs, urlsplit

import aiohttp
import pytest

from astravue_async import (
    APITimeoutError,
    AstravueClient,
    AuthenticationError,
    BadRequestError,
    ConflictError,
    InternalServerError,
    NotFoundError,
    RateLimitError,
    ResponseDecodeError,
    build_authorization_url,
    exchange_code,
)
from astravue_async.auth import refresh
from astravue_async.testing import FakeAstravue

# The fixture plugin may already be installed as the package's pytest11 entry point; the same
# module registered a second time under another name would make pytest refuse to start.
if not any(ep.value == "astravue_async.testing" for ep in entry_points(group="pytest11")):
    pytest_plugins = ["astravue_async.testing"]

T0 = datetime(2024, 3, 4, 9, 0, tzinfo=UTC)


def fixed_clock() -> float:
    return T0.timestamp()


async def authorize(
    session: aiohttp.ClientSession, url: str, **extra: str
) -> tuple[int, dict[str, list[str]], str]:
    """GET the authorization URL without following the redirect: (status, query, location)."""
    if extra:
        url = f"{url}&{'&'.join(f'{k}={v}' for k, v in extra.items())}"
    async with session.get(url, allow_redirects=False) as response:
        location = response.headers.get("Location", "")
        return response.status, parse_qs(urlsplit(location).query), location


# --------------------------------------------------------------------------- data and isolation


async def test_org_isolation() -> None:
    async with FakeAstravue() as fake:
        org1, org2 = fake.client(org_id=1), fake.client(org_id=2)
        task = await org1.tasks.create(task_title="Org 1 only")
        space = await org1.spaces.create(space_name="Org 1 space")

        with pytest.raises(NotFoundError):
            await org2.tasks.get(task.task_id)
        with pytest.raises(NotFoundError):
            await org2.tasks.update(task.task_id, completion=90)
        with pytest.raises(NotFoundError):
            await org2.spaces.get(space.space_id)
        assert (await org2.tasks.list()).items == []
        assert await org2.spaces.list().to_list() == []

        other = await org2.tasks.create(task_title="Org 2 task")
        assert other.task_id != task.task_id  # ids are unique across organisations
        assert other.tenant_id == 2 and task.tenant_id == 1
        assert [t.task_id for t in await org1.tasks.list().to_list()] == [task.task_id]
        assert (await org1.tasks.get(task.task_id)).completion == 0
        assert {entry.org_id for entry in fake.request_log} == {1, 2}


async def test_paging_walks_full_pages_and_a_short_last_page() -> None:
    async with FakeAstravue() as fake:
        client = fake.client()
        await asyncio.gather(*(client.tasks.create(task_title=f"task {i:02}") for i in range(65)))
        fake.reset_counters()

        titles = [task.task_title async for task in client.tasks.list(page_size=20)]

        assert titles == [f"task {i:02}" for i in range(65)]
        assert fake.requests["list_tasks"] == 4  # 20 + 20 + 20 + 5
        raw = await client.request("GET", "/tasks", params={"page": 3, "size": 20})
        assert {k: v for k, v in raw.items() if k != "content"} == {
            "page": 3,
            "size": 20,
            "totalElements": 65,
            "totalPages": 4,
            "last": True,
        }
        assert len(raw["content"]) == 5
        first = await client.request("GET", "/tasks")
        assert (first["size"], len(first["content"]), first["last"]) == (20, 20, False)
        beyond = await client.request("GET", "/tasks", params={"page": 9})
        assert beyond["content"] == [] and beyond["last"] is True


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"size": 101}, "size"),
        ({"size": 0}, "size"),
        ({"page": -1}, "page"),
        ({"page": "x"}, "page"),
    ],
)
async def test_paging_parameters_out_of_range_are_a_400(params: dict[str, Any], field: str) -> None:
    async with FakeAstravue() as fake:
        with pytest.raises(BadRequestError) as caught:
            await fake.client().request("GET", "/tasks", params=params)
        assert [e.field for e in caught.value.field_errors] == [field]


async def test_task_filters_and_sort() -> None:
    async with FakeAstravue() as fake:
        client = fake.client()
        await client.tasks.create(
            task_title="Login page", status="In Progress", priority="High", owners=[2], due_date=T0
        )
        await client.tasks.create(
            task_title="Logout",
            description="also the LOGIN cookie",
            due_date=T0 + timedelta(days=9),
        )
        await client.tasks.create(task_title="Unrelated", status="done")

        async def titles(**filters: Any) -> list[str | None]:
            return [t.task_title async for t in client.tasks.list(**filters)]

        assert await titles(status="in progress") == ["Login page"]
        assert await titles(priority="Medium") == ["Logout", "Unrelated"]
        assert await titles(search="login") == ["Login page", "Logout"]
        assert await titles(owner_id=2) == ["Login page"]
        assert await titles(due_date_from=T0 + timedelta(days=1)) == ["Logout"]
        assert await titles(due_date_to=T0) == ["Login page"]
        assert await titles(sort="taskTitle,desc") == ["Unrelated", "Logout", "Login page"]
        with pytest.raises(BadRequestError) as caught:
            await titles(sort="nope,asc")
        assert caught.value.field_errors[0].field == "sort"


async def test_validation_errors_name_the_fields() -> None:
    async with FakeAstravue() as fake:
        client = fake.client()
        with pytest.raises(BadRequestError) as caught:
            await client.request("POST", "/tasks", json={"description": "no title"})
        assert caught.value.status == 400
        assert [(e.field, e.message) for e in caught.value.field_errors] == [
            ("taskTitle", "must not be blank")
        ]

        with pytest.raises(BadRequestError) as caught:
            await client.tasks.create(task_title="x", owners=[1, 999], status="Someday")
        assert {e.field for e in caught.value.field_errors} == {"owners", "status"}

        with pytest.raises(BadRequestError) as caught:
            await client.request(
                "POST", "/tasks", json={"taskTitle": "x", "completion": 101, "startDate": "soon"}
            )
        assert {e.field: e.rejected_value for e in caught.value.field_errors} == {
            "completion": 101,
            "startDate": "soon",
        }
        space = await client.spaces.create(space_name="S")
        with pytest.raises(BadRequestError) as caught:
            await client.projects.create(
                space.space_id, project_name="P", start_date=T0, end_date=T0 - timedelta(days=1)
            )
        assert caught.value.field_errors[0].field == "endDate"
        assert fake.requests["create_task"] == 3


async def test_unknown_ids_are_a_404_and_deletes_cascade() -> None:
    async with FakeAstravue() as fake:
        client = fake.client()
        with pytest.raises(NotFoundError):
            await client.tasks.get(424242)
        space = await client.spaces.create(space_name="S")
        other = await client.spaces.create(space_name="Other")
        project = await client.projects.create(space.space_id, project_name="P")
        task = await client.project_tasks.create(space.space_id, project.project_id, task_title="T")
        with pytest.raises(NotFoundError):  # right project id, wrong space
            await client.projects.get(other.space_id, project.project_id)
        with pytest.raises(NotFoundError):  # project tasks are not personal tasks
            await client.tasks.get(task.task_id)
        subtask = fake.add_subtask(task.task_id, "sub")
        await client.timers.add_manual(
            task.task_id, project_id=project.project_id, duration=timedelta(minutes=5)
        )

        await client.spaces.delete(space.space_id)

        with pytest.raises(NotFoundError):
            await client.project_tasks.get(space.space_id, project.project_id, task.task_id)
        with pytest.raises(NotFoundError):
            await client.timers.list_for_task(subtask).to_list()
        assert [s.space_id for s in await client.spaces.list().to_list()] == [other.space_id]


async def test_task_details_come_from_seeding() -> None:
    async with FakeAstravue(clock=fixed_clock) as fake:
        client = fake.client()
        task = await client.tasks.create(task_title="Parent")
        subtask = fake.add_subtask(task.task_id, "Child", owners=[2])
        fake.add_checklist_item(task.task_id, "first")
        fake.add_checklist_item(task.task_id, "second", completed=True)
        fake.add_checklist_item(subtask, "on the child")
        fake.add_comment(task.task_id, "hello @3", user_id=2)

        [child] = await client.subtasks.list(task.task_id).to_list()
        assert (child.task_id, child.parent_task_id) == (subtask, task.task_id)
        items = await client.checklists.list(task.task_id).to_list()
        assert [(i.check_list_title, i.is_completed, i.position) for i in items] == [
            ("first", False, 0),
            ("second", True, 1),
        ]
        [item] = await client.checklists.list(task.task_id, subtask_id=subtask).to_list()
        assert item.check_list_title == "on the child"
        [comment] = await client.comments.list(task.task_id).to_list()
        assert comment.mentioned_user_ids == [3] and comment.created_by is not None
        assert comment.created_by.user_id == 2
        with pytest.raises(NotFoundError):
            await client.checklists.list(task.task_id, subtask_id=task.task_id).to_list()


# --------------------------------------------------------------------------- time tracking


async def test_one_running_timer_per_user() -> None:
    async with FakeAstravue(clock=fixed_clock) as fake:
        ava, ben = fake.client(), fake.client(user_id=2)
        first = await ava.tasks.create(task_title="first", owners=[2])
        second = await ava.tasks.create(task_title="second")

        started = await ava.timers.start(first.task_id)
        assert started.running and started.end_time is None and started.duration == timedelta(0)
        with pytest.raises(ConflictError) as caught:
            await ava.timers.start(second.task_id)
        assert caught.value.status == 409
        assert "already running" in caught.value.message
        assert fake.requests["start_personal_task_timer"] == 2  # a POST 409 is not retried

        await ben.timers.start(first.task_id)  # another user has a timer of their own
        fake.advance(90)
        [active] = await ava.timers.active().to_list()
        assert (active.task_id, active.duration) == (first.task_id, timedelta(seconds=90))

        stopped = await ava.timers.stop(first.task_id, notes="done")
        assert (stopped.running, stopped.duration, stopped.notes) == (
            False,
            timedelta(seconds=90),
            "done",
        )
        assert stopped.end_time == T0 + timedelta(seconds=90)
        assert await ava.timers.active().to_list() == []
        await ava.timers.start(second.task_id)  # free again
        with pytest.raises(NotFoundError):  # no running timer on that task
            await ava.timers.stop(first.task_id)


async def test_range_and_manual_durations_are_milliseconds() -> None:
    async with FakeAstravue(clock=fixed_clock) as fake:
        client = fake.client()
        task = await client.tasks.create(task_title="work")

        ranged = await client.timers.add_range(
            task.task_id, start_time=T0, end_time=T0 + timedelta(hours=2, minutes=30), billable=True
        )
        manual = await client.timers.add_manual(task.task_id, duration=timedelta(minutes=90))

        assert (ranged.entry_type, ranged.duration, ranged.billable) == (
            "RANGE",
            timedelta(hours=2, minutes=30),
            True,
        )
        assert (manual.entry_type, manual.duration) == ("MANUAL", timedelta(minutes=90))
        assert manual.start_time == T0  # "now" when startTime is omitted
        assert manual.end_time == T0 + timedelta(minutes=90)
        assert (await client.tasks.get(task.task_id)).total_time == timedelta(hours=4)

        edited = await client.timers.update(manual.time_tracker_id, duration=timedelta(hours=1))
        assert edited.duration == timedelta(hours=1) and edited.end_time == T0 + timedelta(hours=1)
        entries = await client.timers.list_for_task(task.task_id).to_list()
        assert [e.time_tracker_id for e in entries] == [
            ranged.time_tracker_id,
            manual.time_tracker_id,
        ]
        await client.timers.delete(ranged.time_tracker_id)
        assert (await client.tasks.get(task.task_id)).total_time == timedelta(hours=1)

        with pytest.raises(BadRequestError) as caught:
            await client.request("POST", f"/time-track/tasks/{task.task_id}/manual", json={})
        assert caught.value.field_errors[0].field == "hours"
        with pytest.raises(NotFoundError):  # entries of other users are invisible
            await fake.client(user_id=2).timers.delete(manual.time_tracker_id)


# --------------------------------------------------------------------------- notifications


async def test_notifications_on_assignment_and_mention() -> None:
    async with FakeAstravue() as fake:
        ava, ben, chloe = fake.client(), fake.client(user_id=2), fake.client(user_id=3)
        task = await ava.tasks.create(task_title="Review", owners=[1, 2])
        await ava.tasks.update(task.task_id, description="@3 can you help? cc @2 and @1")
        await ava.tasks.update(task.task_id, owners=[1, 2])  # nobody new: nothing sent

        ben_notes = await ben.notifications.list().to_list()
        assert [(n.type, n.task_id, n.is_read) for n in ben_notes] == [
            ("MENTION", task.task_id, False),
            ("NOTIFICATION", task.task_id, False),
        ]  # newest first
        assert ben_notes[1].triggered_by is not None and ben_notes[1].triggered_by.user_id == 1
        [chloe_note] = await chloe.notifications.list().to_list()
        assert chloe_note.type == "MENTION"
        assert await ava.notifications.list().to_list() == []  # never about yourself
        assert (await ava.tasks.get(task.task_id)).description_mentioned_user_ids == [3, 2, 1]

        mentions = await ben.notifications.list(type="MENTION").to_list()
        read = await ben.notifications.mark_read([mentions[0].notification_id, 999999])
        assert (read.updated_count, read.notification_ids) == (1, [mentions[0].notification_id])
        unread = await ben.notifications.list(unread_only=True).to_list()
        assert [n.type for n in unread] == ["NOTIFICATION"]

        # Someone else's notification cannot be deleted (nor seen).
        gone = await chloe.notifications.delete([ben_notes[0].notification_id])
        assert gone.deleted_count == 0
        deleted = await ben.notifications.delete([n.notification_id for n in ben_notes])
        assert deleted.deleted_count == 2
        assert await ben.notifications.list().to_list() == []


# --------------------------------------------------------------------------- OAuth


async def test_authorization_code_flow_with_pkce() -> None:
    async with FakeAstravue() as fake, aiohttp.ClientSession() as session:
        auth = build_authorization_url(
            fake.client_id, fake.redirect_uri, state="xyz", authorize_url=fake.authorize_url
        )
        status, query, location = await authorize(session, auth.url, login_hint="2")
        assert status == 302
        assert location.startswith(fake.redirect_uri + "?")
        assert query["state"] == ["xyz"]

        token = await exchange_code(
            session,
            code=query["code"][0],
            redirect_uri=fake.redirect_uri,
            client_id=fake.client_id,
            client_secret=fake.client_secret,
            code_verifier=auth.code_verifier,
            token_url=fake.token_url,
        )
        assert token.refresh_token and token.expires_at is not None
        async with AstravueClient(
            org_id=1,
            token=token,
            client_id=fake.client_id,
            client_secret=fake.client_secret,
            base_url=fake.base_url,
            token_url=fake.token_url,
        ) as client:
            created = await client.tasks.create(task_title="signed in")
        assert created.created_by is not None and created.created_by.user_id == 2  # login_hint
        assert fake.token_grants == {"authorization_code": 1}

        with pytest.raises(AuthenticationError) as caught:  # codes are single-use
            await exchange_code(
                session,
                code=query["code"][0],
                redirect_uri=fake.redirect_uri,
                client_id=fake.client_id,
                client_secret=fake.client_secret,
                code_verifier=auth.code_verifier,
                token_url=fake.token_url,
            )
        assert caught.value.body == {
            "error": "invalid_grant",
            "error_description": "Code not valid",
        }


async def test_wrong_pkce_verifier_is_refused() -> None:
    async with FakeAstravue() as fake, aiohttp.ClientSession() as session:
        auth = build_authorization_url(
            fake.client_id, fake.redirect_uri, authorize_url=fake.authorize_url
        )
        _, query, _ = await authorize(session, auth.url)
        with pytest.raises(AuthenticationError) as caught:
            await exchange_code(
                session,
                code=query["code"][0],
                redirect_uri=fake.redirect_uri,
                client_id=fake.client_id,
                client_secret=fake.client_secret,
                code_verifier="W" * 64,
                token_url=fake.token_url,
            )
        assert caught.value.status == 400
        assert caught.value.body["error"] == "invalid_grant"


async def test_authorize_refuses_unknown_clients_and_redirects() -> None:
    async with FakeAstravue() as fake, aiohttp.ClientSession() as session:
        fake.register_client("spa", redirect_uris=["http://localhost:3000/cb?app=1"])
        unknown = build_authorization_url(
            "nobody", fake.redirect_uri, authorize_url=fake.authorize_url
        )
        assert (await authorize(session, unknown.url))[0] == 400
        stray = build_authorization_url(
            fake.client_id, "http://evil.example/cb", authorize_url=fake.authorize_url
        )
        assert (await authorize(session, stray.url))[0] == 400

        # A public client (no secret): PKCE alone, and the redirect keeps its own query.
        spa = build_authorization_url(
            "spa", "http://localhost:3000/cb?app=1", authorize_url=fake.authorize_url
        )
        status, query, _ = await authorize(session, spa.url)
        assert status == 302 and query["app"] == ["1"]
        token = await exchange_code(
            session,
            code=query["code"][0],
            redirect_uri="http://localhost:3000/cb?app=1",
            client_id="spa",
            code_verifier=spa.code_verifier,
            token_url=fake.token_url,
        )
        assert token.access_token


async def test_refresh_tokens_rotate_and_old_ones_are_rejected() -> None:
    async with FakeAstravue() as fake, aiohttp.ClientSession() as session:
        first = fake.issue_token()
        assert first.refresh_token is not None
        common: dict[str, Any] = {
            "client_id": fake.client_id,
            "client_secret": fake.client_secret,
            "token_url": fake.token_url,
        }

        second = await refresh(session, refresh_token=first.refresh_token, **common)
        assert second.refresh_token not in (None, first.refresh_token)
        assert second.access_token != first.access_token

        with pytest.raises(AuthenticationError) as caught:
            await refresh(session, refresh_token=first.refresh_token, **common)
        assert caught.value.status == 400
        assert caught.value.body["error"] == "invalid_grant"
        assert second.refresh_token is not None
        with pytest.raises(AuthenticationError) as caught:
            await refresh(
                session,
                refresh_token=second.refresh_token,
                client_id=fake.client_id,
                client_secret="wrong",
                token_url=fake.token_url,
            )
        assert (caught.value.status, caught.value.body["error"]) == (401, "invalid_client")
        third = await refresh(session, refresh_token=second.refresh_token, **common)
        assert fake.token_grants == {"refresh_token": 4}  # refused requests count too

        fake.revoke_refresh_tokens()
        assert third.refresh_token is not None
        with pytest.raises(AuthenticationError):
            await refresh(session, refresh_token=third.refresh_token, **common)


async def test_expired_tokens_refresh_once_for_many_concurrent_calls() -> None:
    async with FakeAstravue() as fake:
        client = fake.client()
        task = await client.tasks.create(task_title="t")
        old_token = client.token

        fake.advance(1801)  # past the 30-minute lifetime, on the fake's clock only
        results = await asyncio.gather(*(client.tasks.get(task.task_id) for _ in range(20)))

        assert all(r.task_id == task.task_id for r in results)
        assert fake.token_grants == {"refresh_token": 1}
        assert client.token.refresh_token != old_token.refresh_token
        statuses = [entry.status for entry in fake.request_log if entry.operation_id == "get_task"]
        assert statuses.count(401) == 20 and statuses.count(200) == 20


async def test_expire_tokens_and_unknown_tokens() -> None:
    async with FakeAstravue() as fake:
        client = fake.client()
        fake.expire_tokens()
        await client.spaces.list()  # refreshed transparently
        assert fake.token_grants["refresh_token"] == 1

        static = fake.client(access_token="made-up")
        with pytest.raises(AuthenticationError) as caught:
            await static.spaces.list()
        assert caught.value.status == 401
        assert fake.request_log[-1].status == 401  # the API's answer, before the SDK gave up

        fake.expire_tokens()
        fake.revoke_refresh_tokens()
        with pytest.raises(AuthenticationError):
            await client.spaces.list()


# --------------------------------------------------------------------------- fault injection


async def test_fail_next_on_get_is_retried() -> None:
    async with FakeAstravue() as fake:
        client = fake.client()
        fake.fail_next(2, status=503, retry_after=0)
        assert await client.spaces.list().to_list() == []
        assert fake.requests["list_spaces"] == 3
        assert [e.status for e in fake.request_log] == [503, 503, 200]


async def test_fail_next_on_post_is_not_retried() -> None:
    async with FakeAstravue() as fake:
        client = fake.client()
        fake.fail_next(1, 503, method="POST")
        fake.fail_next(1, 503, path="/tasks/{taskId}")  # must not hit the POST
        with pytest.raises(InternalServerError) as caught:
            await client.tasks.create(task_title="once")
        assert caught.value.status == 503 and caught.value.code == 503
        assert fake.requests["create_task"] == 1
        assert [e.method for e in fake.request_log] == ["POST"]
        assert await client.tasks.list().to_list() == []  # nothing was created


async def test_fail_randomly_is_repeatable_with_a_seed_and_yields_to_fail_next() -> None:
    async def outcomes(fake: FakeAstravue) -> list[int | None]:
        client = fake.client(max_retries=0)
        fake.reset_counters()
        for _ in range(30):
            with contextlib.suppress(InternalServerError, RateLimitError):
                await client.spaces.list()
        return [entry.status for entry in fake.request_log]

    async with FakeAstravue() as fake:
        fake.fail_randomly(0.5, 502, seed=7)
        first = await outcomes(fake)
        fake.fail_randomly(0.5, 502, seed=7)
        assert await outcomes(fake) == first
        assert {200, 502} == set(first)  # both happen at one half over 30 requests
        fake.fail_randomly(1.0)
        fake.fail_next(1, status=429)
        assert await outcomes(fake) == [429] + [503] * 29
        fake.reset_faults()
        assert set(await outcomes(fake)) == {200}
        # The token endpoint is never failed.
        fake.fail_randomly(1.0)
        token = fake.issue_token()
        assert token.refresh_token is not None
        async with aiohttp.ClientSession() as session:
            for _ in range(5):
                token = await refresh(
                    session,
                    refresh_token=token.refresh_token,
                    client_id=fake.client_id,
                    client_secret=fake.client_secret,
                    token_url=fake.token_url,
                )
                assert token.refresh_token is not None


@pytest.mark.parametrize(
    ("rate", "status", "error"),
    [
        (-0.1, 503, ValueError),
        (1.01, 503, ValueError),
        ("1", 503, TypeError),
        (True, 503, TypeError),
        (0.5, 200, ValueError),
        (0.5, 600, ValueError),
    ],
)
async def test_fail_randomly_rejects_bad_arguments(
    rate: Any, status: int, error: type[Exception]
) -> None:
    fake = FakeAstravue()
    with pytest.raises(error):
        fake.fail_randomly(rate, status)


@pytest.mark.parametrize(
    ("host", "origin_host"),
    [("127.0.0.1", "127.0.0.1"), ("0.0.0.0", "127.0.0.1"), ("::1", "[::1]")],  # noqa: S104
)
async def test_start_on_another_address_names_it_in_the_urls(host: str, origin_host: str) -> None:
    fake = FakeAstravue()
    try:
        await fake.start(host=host)
    except OSError as exc:  # no IPv6 on this machine
        pytest.skip(f"cannot listen on {host}: {exc}")
    try:
        assert fake.base_url.startswith(f"http://{origin_host}:")
        assert fake.token_url.startswith(f"http://{origin_host}:")
        async with fake.client(max_retries=0) as client:
            assert await client.spaces.list().to_list() == []
    finally:
        await fake.close()


async def test_fail_next_sends_retry_after_on_rate_limits() -> None:
    async with FakeAstravue() as fake:
        client = fake.client(max_retries=0)
        fake.fail_next(1, status=429, retry_after=7, path="/v1/spaces")
        with pytest.raises(RateLimitError) as caught:
            await client.spaces.list()
        assert caught.value.retry_after == 7.0


async def test_dropped_connection_on_get_is_retried() -> None:
    async with FakeAstravue() as fake:
        client = fake.client()
        fake.drop_connections(1)
        assert await client.spaces.list().to_list() == []
        assert fake.requests["list_spaces"] == 2
        assert [e.status for e in fake.request_log] == [None, 200]


async def test_html_error_page_is_an_error() -> None:
    async with FakeAstravue() as fake:
        client = fake.client(max_retries=0)
        fake.html_error(502)
        with pytest.raises(InternalServerError) as caught:
            await client.spaces.list()
        assert isinstance(caught.value, ResponseDecodeError)
        assert caught.value.status == 502
        assert await client.spaces.list().to_list() == []  # one page only


async def test_delay_makes_requests_slow() -> None:
    async with FakeAstravue() as fake:
        client = fake.client(timeout=0.05, max_retries=0)
        fake.delay(0.5)
        with pytest.raises(APITimeoutError):
            await client.spaces.list()
        fake.delay(0)
        assert await client.spaces.list().to_list() == []


# --------------------------------------------------------------------------- packaging


async def test_pytest_fixture(astravue_fake: FakeAstravue) -> None:
    assert astravue_fake.base_url.startswith("http://127.0.0.1:")
    assert astravue_fake.base_url.endswith("/v1")
    client = astravue_fake.client()
    await client.spaces.create(space_name="from the fixture")
    assert astravue_fake.requests == {"create_space": 1}


def test_module_works_without_pytest() -> None:
    code = (
        "import sys; sys.modules['pytest'] = None\n"
        "import astravue_async.testing as t\n"
        "assert not hasattr(t, 'astravue_fake') and t.FakeAstravue\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True, timeout=60)  # noqa: S603


async def test_fake_closes_its_clients_and_needs_starting() -> None:
    fake = FakeAstravue()
    with pytest.raises(RuntimeError):
        _ = fake.base_url
    async with fake:
        client = fake.client()
        await client.spaces.list()
    assert client._transport.closed
    await fake.close()  # idempotent


async def test_timer_update_with_an_absurd_duration_is_a_400_not_a_crash() -> None:
    async with FakeAstravue() as fake, fake.client() as client:
        task = await client.tasks.create(task_title="t")
        start = datetime(2024, 1, 1, tzinfo=UTC)
        entry = await client.timers.add_range(
            task.task_id, start_time=start, end_time=start + timedelta(hours=1)
        )
        with pytest.raises(BadRequestError) as caught:
            await client.timers.update(entry.time_tracker_id, duration=timedelta(days=5_000_000))
        assert [e.field for e in caught.value.field_errors] == ["duration"]


# --------------------------------------------------------------------------- token reuse


def _refresh_options(fake: FakeAstravue) -> dict[str, Any]:
    return {
        "client_id": fake.client_id,
        "client_secret": fake.client_secret,
        "token_url": fake.token_url,
    }


async def _api_accepts(fake: FakeAstravue, access_token: str) -> bool:
    async with fake.client(access_token=access_token, max_retries=0) as client:
        try:
            await client.tasks.create(task_title="probe")
        except AuthenticationError:
            return False
        return True


async def test_reuse_of_a_rotated_refresh_token_is_counted_but_harmless_by_default() -> None:
    async with FakeAstravue() as fake, aiohttp.ClientSession() as session:
        assert fake.detect_refresh_token_reuse is False
        first = fake.issue_token()
        assert first.refresh_token is not None
        second = await refresh(session, refresh_token=first.refresh_token, **_refresh_options(fake))
        with pytest.raises(AuthenticationError) as caught:
            await refresh(session, refresh_token=first.refresh_token, **_refresh_options(fake))
        assert caught.value.body["error"] == "invalid_grant"
        assert fake.refresh_token_reuses == 1
        # Only that request was refused: the session goes on.
        assert second.refresh_token is not None
        assert await _api_accepts(fake, second.access_token)
        await refresh(session, refresh_token=second.refresh_token, **_refresh_options(fake))
        fake.reset_counters()
        assert fake.refresh_token_reuses == 0


async def test_reuse_detection_revokes_the_whole_session() -> None:
    async with (
        FakeAstravue(detect_refresh_token_reuse=True) as fake,
        aiohttp.ClientSession() as session,
    ):
        first = fake.issue_token()
        bystander = fake.issue_token()  # another sign-in of the same user
        assert first.refresh_token is not None and bystander.refresh_token is not None
        second = await refresh(session, refresh_token=first.refresh_token, **_refresh_options(fake))
        assert second.refresh_token is not None
        # A worker that missed the rotation presents the old refresh token.
        with pytest.raises(AuthenticationError) as caught:
            await refresh(session, refresh_token=first.refresh_token, **_refresh_options(fake))
        assert caught.value.body["error"] == "invalid_grant"
        assert fake.refresh_token_reuses == 1
        # Every token of that sign-in is dead now, the newest ones included...
        with pytest.raises(AuthenticationError):
            await refresh(session, refresh_token=second.refresh_token, **_refresh_options(fake))
        assert not await _api_accepts(fake, second.access_token)
        assert not await _api_accepts(fake, first.access_token)
        assert fake.refresh_token_reuses == 1  # a revoked token is no reuse
        # ...while other sign-ins are untouched.
        assert await _api_accepts(fake, bystander.access_token)
        await refresh(session, refresh_token=bystander.refresh_token, **_refresh_options(fake))


async def test_reuse_detection_switch_is_an_attribute_too() -> None:
    fake = FakeAstravue()
    fake.detect_refresh_token_reuse = True
    assert fake.detect_refresh_token_reuse is True
    with pytest.raises(TypeError):
        fake.detect_refresh_token_reuse = 1  # type: ignore[assignment]
    with pytest.raises(TypeError):
        FakeAstravue(detect_refresh_token_reuse="yes")  # type: ignore[arg-type]


async def test_an_update_with_none_clears_a_nullable_field_on_the_fake() -> None:
    async with FakeAstravue() as fake:
        client = fake.client()
        due = datetime(2030, 1, 1, tzinfo=UTC)
        task = await client.tasks.create(task_title="clear me", due_date=due, description="d")
        assert task.due_date == due
        cleared = await client.tasks.update(task.task_id, due_date=None)
        assert cleared.due_date is None and cleared.description == "d"  # only what was sent
        renamed = await client.tasks.update(task.task_id, task_title="renamed")
        assert renamed.description == "d" and renamed.due_date is None


async def test_updates_with_none_clear_space_and_project_fields_on_the_fake() -> None:
    async with FakeAstravue() as fake:
        client = fake.client()
        space = await client.spaces.create(space_name="s", description="d")
        assert (await client.spaces.update(space.space_id, description=None)).description is None
        start = datetime(2030, 1, 1, tzinfo=UTC)
        project = await client.projects.create(
            space.space_id, project_name="p", description="d", start_date=start
        )
        cleared = await client.projects.update(space.space_id, project.project_id, start_date=None)
        assert cleared.start_date is None and cleared.description == "d"
