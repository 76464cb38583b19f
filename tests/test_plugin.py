"""The README's "Testing your code" examples, verbatim: the pytest11 plugin provides the fixtures.

tests/test_plugin_fresh_project.py runs the README's own text in a fresh project; this copy
runs them under this repository's configuration (auto mode, warnings as errors).
"""

from __future__ import annotations

import pytest

from astravue_async.testing import FakeAstravue, SyncFakeAstravue


@pytest.mark.asyncio
async def test_overdue_report(astravue_fake: FakeAstravue) -> None:  # pytest fixture
    async with astravue_fake.client(org_id=1) as client:
        await client.tasks.create(task_title="Send invoice")
        assert [t.task_title async for t in client.tasks.list()] == ["Send invoice"]
    assert astravue_fake.requests["create_task"] == 1


def test_invoice_report(astravue_fake_sync: SyncFakeAstravue) -> None:  # pytest fixture
    with astravue_fake_sync.sync_client(org_id=1) as client:
        client.tasks.create(task_title="Send invoice")
        assert [t.task_title for t in client.tasks.list()] == ["Send invoice"]
    assert astravue_fake_sync.requests["create_task"] == 1
