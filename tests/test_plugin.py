"""The README's "Testing your code" example, verbatim: the pytest11 plugin provides the fixture."""

from __future__ import annotations

from astravue_async.testing import FakeAstravue


async def test_overdue_report(astravue_fake: FakeAstravue) -> None:  # pytest fixture
    async with astravue_fake.client(org_id=1) as client:
        await client.tasks.create(task_title="Send invoice")
        assert [t.task_title async for t in client.tasks.list()] == ["Send invoice"]
    assert astravue_fake.requests["create_task"] == 1
