"""The ``astravue`` command line against FakeAstravue.

The CLI runs its own ``asyncio.run`` in a worker thread, as it would in a terminal, while the
fake serves from the test's loop.
"""

from __future__ import annotations

import argparse
import asyncio
import io
import json
import logging
import socket
import stat
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path
from typing import Any

import aiohttp
import pytest

from astravue_async import cli
from astravue_async.testing import FakeAstravue

ENV_VARS = (
    "ASTRAVUE_ACCESS_TOKEN",
    "ASTRAVUE_REFRESH_TOKEN",
    "ASTRAVUE_ORG_ID",
    "ASTRAVUE_CLIENT_ID",
    "ASTRAVUE_CLIENT_SECRET",
    "ASTRAVUE_BASE_URL",
    "ASTRAVUE_PROFILE",
)


@pytest.fixture(autouse=True)
def config_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path))
    for name in ENV_VARS:
        monkeypatch.delenv(name, raising=False)
    yield tmp_path / "astravue"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


async def run(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = await asyncio.to_thread(cli.main, list(argv), out=out, err=err)
    return code, out.getvalue(), err.getvalue()


async def wait_for_url(out: io.StringIO) -> str:
    for _ in range(500):
        for line in out.getvalue().splitlines():
            if line.startswith("http"):
                return line
        await asyncio.sleep(0.01)
    raise AssertionError(f"no URL printed: {out.getvalue()!r}")


async def start_login(
    fake: FakeAstravue, port: int, *extra: str
) -> tuple[asyncio.Future[int], io.StringIO, io.StringIO]:
    redirect = f"http://127.0.0.1:{port}/callback"
    fake.register_client("cli", "cli-secret", redirect_uris=[redirect])
    out, err = io.StringIO(), io.StringIO()
    argv = [
        "login", "--client-id", "cli", "--client-secret", "cli-secret", "--no-browser",
        "--port", str(port), "--org", "1", "--authorize-url", fake.authorize_url,
        "--token-url", fake.token_url, "--base-url", fake.base_url, "--timeout", "10", *extra,
    ]  # fmt: skip
    task = asyncio.ensure_future(asyncio.to_thread(cli.main, argv, out=out, err=err))
    return task, out, err


async def test_login_follows_the_printed_url_and_stores_credentials_0600(
    config_home: Path,
) -> None:
    async with FakeAstravue() as fake:
        port = free_port()
        finished, out, err = await start_login(fake, port)
        url = await wait_for_url(err)  # the prompt is on stderr: stdout holds the result
        async with aiohttp.ClientSession() as session:
            async with session.get(url, allow_redirects=False) as authorize:
                assert authorize.status == 302
                callback = authorize.headers["Location"]
            assert callback.startswith(f"http://127.0.0.1:{port}/callback?")
            async with session.get(callback) as redirected:
                assert redirected.status == 200
        assert await finished == 0, err.getvalue()
        assert fake.token_grants["authorization_code"] == 1

        credentials = config_home / "credentials.json"
        profiles = config_home / "profiles.json"
        for path in (credentials, profiles):
            assert stat.S_IMODE(path.stat().st_mode) == 0o600
        assert "Signed in" in out.getvalue() and "organisation 1" in out.getvalue()
        stored = json.loads(credentials.read_text())["default"]
        # Nothing secret reaches the terminal.
        assert stored["access_token"] not in out.getvalue() + err.getvalue()
        assert stored["refresh_token"] not in out.getvalue() + err.getvalue()

        # The stored profile drives everyday commands.
        async with fake.client() as client:
            assert (await client.spaces.list()).items == []
        code, listing, _ = await run("spaces", "list", "--json")
        assert code == 0 and json.loads(listing) == []


async def test_login_with_a_wrong_state_stores_nothing(config_home: Path) -> None:
    async with FakeAstravue() as fake:
        port = free_port()
        finished, _out, err = await start_login(fake, port)
        await wait_for_url(err)
        async with aiohttp.ClientSession() as session:
            wrong = f"http://127.0.0.1:{port}/callback?code=abc&state=forged"
            async with session.get(wrong) as response:
                assert response.status == 200
        assert await finished == cli.EXIT_AUTH
        assert "state does not match" in err.getvalue()
        assert not (config_home / "credentials.json").exists()
        assert not (config_home / "profiles.json").exists()
        assert fake.token_grants["authorization_code"] == 0


async def test_login_times_out_cleanly(config_home: Path) -> None:
    async with FakeAstravue() as fake:
        finished, _, err = await start_login(fake, free_port(), "--timeout", "0.2")
        assert await finished == cli.EXIT_AUTH
        assert "no sign-in redirect arrived" in err.getvalue()
        assert not config_home.exists() or not any(config_home.iterdir())


async def _signed_in_with_env(fake: FakeAstravue, monkeypatch: pytest.MonkeyPatch) -> None:
    token = fake.issue_token()
    monkeypatch.setenv("ASTRAVUE_ACCESS_TOKEN", token.access_token)
    monkeypatch.setenv("ASTRAVUE_ORG_ID", "1")
    monkeypatch.setenv("ASTRAVUE_BASE_URL", fake.base_url)


async def test_tasks_list_json_returns_every_task_across_pages(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    async with FakeAstravue() as fake:
        await _signed_in_with_env(fake, monkeypatch)
        async with fake.client() as client:
            for n in range(45):
                await client.tasks.create(task_title=f"task {n}")
        code, out, err = await run("tasks", "list", "--json")
        assert code == 0, err
        tasks = json.loads(out)
        assert [t["taskTitle"] for t in tasks] == [f"task {n}" for n in range(45)]
        assert fake.requests["list_tasks"] == 3  # 20 + 20 + 5
        assert "taskId" in tasks[0]  # wire names


async def test_everyday_commands_print_tables(monkeypatch: pytest.MonkeyPatch) -> None:
    async with FakeAstravue() as fake:
        await _signed_in_with_env(fake, monkeypatch)
        code, out, _ = await run("tasks", "create", "Write docs", "--priority", "High")
        assert code == 0 and "Write docs" in out and "High" in out
        code, out, _ = await run("tasks", "list")
        assert code == 0 and out.splitlines()[0].split()[:2] == ["ID", "TITLE"]
        code, out, _ = await run("timer", "log", "1", "1h30m", "--json")
        assert code == 0 and json.loads(out)["duration"] == 90 * 60 * 1000
        code, out, _ = await run("timer", "start", "1", "--json")
        assert code == 0 and json.loads(out)["running"] is True
        code, out, _ = await run("timer", "active")
        assert code == 0 and "Write docs" in out
        code, out, _ = await run("timer", "stop", "1")
        assert code == 0
        code, out, _ = await run("tasks", "delete", "1")
        assert code == 0 and "deleted task 1" in out


async def test_api_errors_are_one_line_with_exit_1(monkeypatch: pytest.MonkeyPatch) -> None:
    async with FakeAstravue() as fake:
        await _signed_in_with_env(fake, monkeypatch)
        code, out, err = await run("tasks", "get", "999999")
        assert code == cli.EXIT_API
        assert err.count("\n") == 1 and "404" in err and "Traceback" not in err
        assert out == ""


async def test_usage_errors_exit_2(monkeypatch: pytest.MonkeyPatch) -> None:
    code, _, _ = await run("tasks", "get", "not-a-number")
    assert code == cli.EXIT_USAGE
    code, _, _ = await run("timer", "log", "1", "soon")
    assert code == cli.EXIT_USAGE


async def test_missing_credentials_exit_3() -> None:
    code, out, err = await run("tasks", "list")
    assert code == cli.EXIT_AUTH
    assert "astravue login" in err and out == ""


async def test_token_command_shows_expiry_not_the_token(config_home: Path) -> None:
    async with FakeAstravue() as fake:
        token = fake.issue_token()
    from astravue_async import JSONFileTokenStore

    await JSONFileTokenStore(config_home / "credentials.json").save(token)
    code, out, err = await run("token")
    assert code == 0 and "expires at" in out
    assert token.access_token not in out + err
    code, out, _ = await run("token", "--show")
    assert code == 0 and token.access_token in out
    code, out, _ = await run("logout")
    assert code == 0
    code, _, err = await run("token")
    assert code == cli.EXIT_AUTH


@pytest.mark.parametrize(
    ("text", "expected"),
    [("1h30m", timedelta(hours=1, minutes=30)), ("45m", timedelta(minutes=45)),
     ("2h", timedelta(hours=2)), ("90", timedelta(minutes=90)), (" 1H 5M ", timedelta(minutes=65))],
)  # fmt: skip
def test_parse_duration(text: str, expected: timedelta) -> None:
    assert cli.parse_duration(text) == expected


@pytest.mark.parametrize("text", ["", "h", "1x", "1m30h", "-5m", "1.5h"])
def test_parse_duration_rejects_garbage(text: str) -> None:
    with pytest.raises(argparse.ArgumentTypeError):
        cli.parse_duration(text)


def _all_parsers(parser: argparse.ArgumentParser) -> Iterator[argparse.ArgumentParser]:
    yield parser
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for sub in action.choices.values():
                yield from _all_parsers(sub)


def test_every_flag_and_argument_has_help_text() -> None:
    missing = [
        f"{parser.prog}: {'/'.join(action.option_strings) or action.dest}"
        for parser in _all_parsers(cli.build_parser())
        for action in parser._actions
        if not isinstance(action, argparse._SubParsersAction)
        and not (action.help or "").strip()
        and parser.prog != "astravue fake"  # its own parser documents its options
    ]
    assert missing == []


def test_every_api_command_takes_timeout_max_retries_and_json() -> None:
    commands = [
        parser
        for parser in _all_parsers(cli.build_parser())
        if parser.get_default("api_command") is not None
    ]
    assert len(commands) == 27  # 4 x CRUD + list, 4 timer, 3 notification commands
    for parser in commands:
        flags = {flag for action in parser._actions for flag in action.option_strings}
        assert {"--timeout", "--max-retries", "--json", "--allow-insecure-http"} <= flags
        if parser.prog.endswith((" list", " active")):
            assert "--jsonl" in flags, parser.prog


@pytest.mark.parametrize(
    ("argv", "method", "path", "body"),
    [
        (["spaces", "update", "4", "--clear-description"], "PUT", "/spaces/4",
         {"description": None}),
        (["spaces", "update", "4", "--name", "N", "--private"], "PUT", "/spaces/4",
         {"spaceName": "N", "isPrivate": True}),
        (["projects", "update", "4", "5", "--clear-end", "--clear-start"], "PUT",
         "/spaces/4/projects/5", {"endDate": None, "startDate": None}),
        (["projects", "update", "4", "5", "--budget", "2.5", "--member", "2", "--member", "3"],
         "PUT", "/spaces/4/projects/5", {"budget": 2.5, "memberIds": [2, 3]}),
        (["tasks", "update", "6", "--title", "T", "--clear-due"], "PUT", "/tasks/6",
         {"taskTitle": "T", "dueDate": None}),
        (["project-tasks", "update", "4", "5", "6", "--clear-description", "--tag", "a"], "PUT",
         "/spaces/4/projects/5/tasks/6", {"description": None, "tags": ["a"]}),
        (["tasks", "create", "T"], "POST", "/tasks", {"taskTitle": "T"}),
    ],
)  # fmt: skip
async def test_update_sends_only_the_given_options_and_clears_with_null(
    monkeypatch: pytest.MonkeyPatch, argv: list[str], method: str, path: str, body: Any
) -> None:
    from tests._server import running_server

    async with running_server() as server:
        monkeypatch.setenv("ASTRAVUE_ACCESS_TOKEN", "token")
        monkeypatch.setenv("ASTRAVUE_ORG_ID", "1")
        monkeypatch.setenv("ASTRAVUE_BASE_URL", server.url)
        # The scripted server answers 404 (exit 1); only the request matters here.
        await run(*argv, "--max-retries", "0")
        [request] = server.requests
        assert (request.method, request.path) == (method, path)
        assert request.json == body


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


async def test_progress_shows_on_a_terminal_only(monkeypatch: pytest.MonkeyPatch) -> None:
    async with FakeAstravue() as fake:
        await _signed_in_with_env(fake, monkeypatch)
        async with fake.client() as client:
            for n in range(25):
                await client.tasks.create(task_title=f"task {n}")
        for err, shown in ((_Terminal(), True), (io.StringIO(), False)):
            out = io.StringIO()
            argv = ["tasks", "list", "--jsonl"]
            code = await asyncio.to_thread(cli.main, argv, out=out, err=err)
            assert code == 0 and len(out.getvalue().splitlines()) == 25
            if shown:
                assert "\r20 items…" in err.getvalue() and "\r25 items…" in err.getvalue()
                assert err.getvalue().endswith("\r\033[K")  # the line is cleared at the end
            else:
                assert err.getvalue() == ""


async def test_sdk_warnings_are_one_line_after_success_and_none_after_an_error(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    async with FakeAstravue() as fake:
        await _signed_in_with_env(fake, monkeypatch)
        # A rejected refresh: the SDK logs a warning, then raises; only the error shows.
        monkeypatch.delenv("ASTRAVUE_ACCESS_TOKEN")
        monkeypatch.setenv("ASTRAVUE_REFRESH_TOKEN", "not-a-refresh-token")
        monkeypatch.setenv("ASTRAVUE_CLIENT_ID", fake.client_id)
        monkeypatch.setenv("ASTRAVUE_TOKEN_URL", fake.token_url)
        code, out, err = await run("tasks", "list")
        assert code == cli.EXIT_AUTH and out == ""
        assert len(err.splitlines()) == 1 and "warning" not in err
        assert "not-a-refresh-token" not in err
        monkeypatch.delenv("ASTRAVUE_REFRESH_TOKEN")

        logger = logging.getLogger("astravue_async")

        async def warns(c: Any, a: argparse.Namespace, o: Any) -> None:
            logger.warning("something odd\nacross lines")
            print("done", file=o)

        monkeypatch.setenv("ASTRAVUE_ACCESS_TOKEN", fake.issue_token().access_token)
        monkeypatch.setattr(cli, "_spaces_list", warns)
        code, out, err = await run("spaces", "list")
        assert code == 0 and out == "done\n"
        assert err == "astravue: warning: something odd across lines\n"


async def test_server_text_cannot_steer_the_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    # Anyone who can name a task could otherwise split table rows or inject escape codes.
    async with FakeAstravue() as fake:
        await _signed_in_with_env(fake, monkeypatch)
        async with fake.client() as client:
            await client.tasks.create(task_title="line1\nline2\x1b[31mRED")
        code, out, _ = await run("tasks", "list")
    assert code == 0
    assert "\x1b" not in out and len(out.splitlines()) == 2  # header and one row
    assert "line1\\nline2\\x1b[31mRED" in out


@pytest.mark.parametrize("port", ["99999", "-1", "http"])
async def test_a_login_port_out_of_range_is_a_usage_error(port: str) -> None:
    code, out, err = await run("login", "--client-id", "x", "--no-browser", "--port", port)
    assert code == 2 and out == ""
    assert len(err.splitlines()) == 1 and "port" in err


async def test_a_used_up_refresh_token_variable_says_what_to_do(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    async with FakeAstravue() as fake:
        monkeypatch.setenv("ASTRAVUE_ORG_ID", "1")
        monkeypatch.setenv("ASTRAVUE_BASE_URL", fake.base_url)
        monkeypatch.setenv("ASTRAVUE_TOKEN_URL", fake.token_url)
        monkeypatch.setenv("ASTRAVUE_CLIENT_ID", fake.client_id)
        monkeypatch.setenv("ASTRAVUE_CLIENT_SECRET", fake.client_secret)
        monkeypatch.setenv("ASTRAVUE_REFRESH_TOKEN", "rotated-away")
        code, _, err = await run("spaces", "list")
    assert code == 3 and len(err.splitlines()) == 1
    assert "unset the ASTRAVUE_* token variables" in err
