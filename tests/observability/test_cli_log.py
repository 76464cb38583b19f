"""The command line with ``ASTRAVUE_LOG`` and ``-v``: every SDK record is printed once."""

from __future__ import annotations

import asyncio
import io
import logging
from collections.abc import Iterator
from pathlib import Path

import pytest

from astravue_async import _log, cli
from astravue_async.testing import FakeAstravue


@pytest.fixture(autouse=True)
def isolated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path))
    logger = logging.getLogger("astravue_async")
    saved = logger.level, list(logger.handlers)
    yield
    for handler in list(logger.handlers):
        if handler not in saved[1]:
            logger.removeHandler(handler)  # the ASTRAVUE_LOG handler is process-wide
    logger.setLevel(saved[0])


async def run(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = await asyncio.to_thread(cli.main, list(argv), out=out, err=err)
    return code, out.getvalue(), err.getvalue()


@pytest.mark.parametrize("verbose", [False, True])
async def test_astravue_log_and_verbose_print_each_record_once(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], verbose: bool
) -> None:
    async with FakeAstravue() as fake:
        monkeypatch.setenv("ASTRAVUE_ACCESS_TOKEN", fake.issue_token().access_token)
        monkeypatch.setenv("ASTRAVUE_ORG_ID", "1")
        monkeypatch.setenv("ASTRAVUE_BASE_URL", fake.base_url)
        monkeypatch.setenv("ASTRAVUE_LOG", "info")
        fake.fail_next(1, 503, retry_after=0, path="/tasks")
        code, _, err = await run("tasks", "list", *(["-v"] if verbose else []))
    assert code == 0, err
    printed = err + capsys.readouterr().err
    retries = [line for line in printed.splitlines() if "Retrying" in line]
    assert len(retries) == 1, printed
    # the readable handler's format, with the call's fields
    assert "operation=list_tasks" in retries[0] and "attempt=1" in retries[0]


async def test_verbose_alone_still_prints_through_the_command_line(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    async with FakeAstravue() as fake:
        monkeypatch.setenv("ASTRAVUE_ACCESS_TOKEN", fake.issue_token().access_token)
        monkeypatch.setenv("ASTRAVUE_ORG_ID", "1")
        monkeypatch.setenv("ASTRAVUE_BASE_URL", fake.base_url)
        monkeypatch.delenv(_log.ENV_VAR, raising=False)
        fake.fail_next(1, 503, retry_after=0, path="/tasks")
        code, _, err = await run("tasks", "list", "-v")
    assert code == 0, err
    assert len([line for line in err.splitlines() if "Retrying" in line]) == 1
