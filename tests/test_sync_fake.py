"""SyncFakeAstravue / FakeAstravue.running(): the fake for plain code, on its own thread."""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor

import aiohttp
import pytest

from astravue_async import APIConnectionError, InternalServerError
from astravue_async.sync import AstravueSyncClient
from astravue_async.testing import FakeAstravue, SyncFakeAstravue


def fake_threads() -> list[threading.Thread]:
    return [t for t in threading.enumerate() if t.name == "SyncFakeAstravue"]


def test_running_serves_sync_clients_and_stops_its_thread() -> None:
    before = fake_threads()
    with FakeAstravue.running() as fake:
        assert isinstance(fake, SyncFakeAstravue)
        assert fake.base_url.startswith("http://127.0.0.1:")
        assert len(fake_threads()) == len(before) + 1
        with fake.sync_client(org_id=3) as client:
            created = client.tasks.create(task_title="Send invoice")
            assert [t.task_id for t in client.tasks.list()] == [created.task_id]
        assert fake.requests["create_task"] == 1
        assert fake.request_log[-1].org_id == 3
        base_url = fake.base_url
    assert fake_threads() == before
    # Stopped means stopped: nothing listens any more.
    with (
        AstravueSyncClient(
            org_id=1, access_token="x", base_url=base_url, max_retries=0, timeout=5
        ) as client,
        pytest.raises(APIConnectionError),
    ):
        client.tasks.list().first_page()


def test_faults_and_counters_from_the_calling_thread() -> None:
    with FakeAstravue.running() as fake, fake.sync_client(max_retries=0) as client:
        fake.fail_next(1, status=503, method="GET")
        with pytest.raises(InternalServerError):
            client.tasks.list().first_page()
        assert client.tasks.list().first_page().items == []
        fake.fail_randomly(1.0)
        with pytest.raises(InternalServerError):
            list(client.spaces.list())
        fake.reset_faults()
        assert list(client.spaces.list()) == []
        # Snapshots: later requests do not change a counter already read.
        counted = fake.requests
        list(client.spaces.list())
        assert counted["list_spaces"] == 2
        assert fake.requests["list_spaces"] == 3
        fake.reset_counters()
        assert fake.requests == {}
        assert fake.request_log == []


def test_an_expired_token_is_refreshed_through_the_fake() -> None:
    with FakeAstravue.running() as fake, fake.sync_client() as client:
        list(client.spaces.list())
        fake.expire_tokens()
        list(client.spaces.list())
        assert fake.token_grants["refresh_token"] == 1
        fake.advance(1801)
        list(client.spaces.list())
        assert fake.token_grants["refresh_token"] == 2


def test_errors_raised_on_the_fake_thread_reach_the_caller() -> None:
    with FakeAstravue.running() as fake:
        with pytest.raises(LookupError):
            fake.issue_token(user_id=999)
        with pytest.raises(ValueError, match="positive int"):
            fake.fail_next(0)
        with pytest.raises(TypeError):
            fake.detect_refresh_token_reuse = "yes"  # type: ignore[assignment]
        with pytest.raises(TypeError, match="session"):
            fake.sync_client(session=object())  # type: ignore[arg-type]


def test_setup_before_start_and_data_helpers() -> None:
    fake = SyncFakeAstravue(detect_refresh_token_reuse=True)
    user_id = fake.add_user("Dana", "Ito")
    fake.register_client("public-app")
    with pytest.raises(RuntimeError, match="start the fake first"):
        _ = fake.base_url
    with fake:
        assert fake.detect_refresh_token_reuse is True
        fake.default_user_id = user_id
        with fake.sync_client() as client:
            task = client.tasks.create(task_title="Plan", description="@2 have a look")
            assert task.created_by is not None
            assert task.created_by.user_id == user_id
        fake.add_comment(task.task_id, "done?")
        fake.add_subtask(task.task_id, "step one")
        fake.add_checklist_item(task.task_id, "check")
        assert any(user["firstName"] == "Dana" for user in fake.users())
        with fake.sync_client(client_id="public-app", user_id=2) as other:
            (note,) = list(other.notifications.list())
            assert note.task_id == task.task_id


def test_start_once_close_idempotent_and_made_clients_are_closed() -> None:
    fake = SyncFakeAstravue()
    fake.start()
    try:
        with pytest.raises(RuntimeError, match="already started"):
            fake.start()
        client = fake.sync_client()
        list(client.spaces.list())
    finally:
        fake.close()
    fake.close()
    assert client.closed
    with pytest.raises(RuntimeError):
        list(client.spaces.list())
    with pytest.raises(RuntimeError, match="already started"):
        fake.start()


def test_a_port_that_cannot_be_listened_on_fails_start_and_leaves_no_thread(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    async def refuse(self: FakeAstravue, **_: object) -> None:
        raise OSError(98, "Address already in use")

    monkeypatch.setattr(FakeAstravue, "start", refuse)
    before = fake_threads()
    fake = SyncFakeAstravue()
    with pytest.raises(OSError, match="in use"):
        fake.start()
    assert fake_threads() == before


def test_many_threads_share_one_fake() -> None:
    with FakeAstravue.running() as fake, fake.sync_client() as client:

        def work(number: int) -> int:
            fake.advance(0)  # a call into the fake's thread from this worker
            return client.tasks.create(task_title=f"task {number}").task_id

        with ThreadPoolExecutor(8) as pool:
            ids = list(pool.map(work, range(40)))
        assert len(set(ids)) == 40
        assert fake.requests["create_task"] == 40
        assert len(fake.request_log) == 40


def test_raw_http_reaches_it(astravue_fake_sync: SyncFakeAstravue) -> None:
    """The sync fixture: a started fake other HTTP clients can use too."""
    import asyncio

    token = astravue_fake_sync.issue_token()

    async def get() -> int:
        async with (
            aiohttp.ClientSession() as session,
            session.get(
                astravue_fake_sync.base_url + "/spaces",
                headers={"Authorization": f"Bearer {token.access_token}", "X-Org-Id": "1"},
            ) as response,
        ):
            return response.status

    assert asyncio.run(get()) == 200
    assert astravue_fake_sync.requests["list_spaces"] == 1
