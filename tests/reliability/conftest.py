"""Fixtures of the reliability suite and the summary printed at the end of the run."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator

import pytest

from astravue_async.testing import FakeAstravue

from ._support import SCALE, SUMMARY, FakeSleep, running_fake


@pytest.fixture
async def fake() -> AsyncIterator[FakeAstravue]:
    """A started fake (its clients closed with it); its traffic goes into the summary."""
    async with running_fake() as started:
        yield started


@pytest.fixture
def fake_sleep() -> Iterator[FakeSleep]:
    """Install with ``fake_sleep.install(client)``; its waits count as SDK retries."""
    sleep = FakeSleep()
    yield sleep
    SUMMARY.retries += len(sleep.delays)


def pytest_runtest_setup(item: pytest.Item) -> None:
    # A conftest's runtest hooks only see the items below its directory.
    SUMMARY.tests += 1


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    if not SUMMARY.tests:
        return
    title = "astravue reliability summary" + (f" (soak: x{SCALE})" if SCALE > 1 else "")
    terminalreporter.write_sep("=", title)
    for line in SUMMARY.lines():
        terminalreporter.write_line(line)
