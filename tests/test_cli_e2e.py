"""The real ``astravue`` entry point, run as a subprocess, against ``astravue fake``.

One standalone fake (started through ``python -m astravue_async fake``) serves the module;
each test works in an organisation of its own (the fake creates one per ``X-Org-Id``), so
tests do not see each other's data. Every CLI run is a fresh process, as in a terminal.
"""

# ruff: noqa: S603, S607 - the point is to run the CLI (and bash for a real pipe)

from __future__ import annotations

import asyncio
import itertools
import json
import os
import shlex
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import pytest

from astravue_async import AstravueClient
from astravue_async.testing import SyncFakeAstravue

BIN = Path(sys.executable).parent
ASTRAVUE = str(BIN / "astravue") if (BIN / "astravue").exists() else None
CLI = [ASTRAVUE] if ASTRAVUE else [sys.executable, "-m", "astravue_async"]
RUN_TIMEOUT = 60.0
_orgs = itertools.count(1000)


def _clean_environ() -> dict[str, str]:
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith("ASTRAVUE_") and key.upper() not in _PROXY_VARIABLES
    }
    env["PYTHONUNBUFFERED"] = "0"
    return env


_PROXY_VARIABLES = {"HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "NO_PROXY"}


@pytest.fixture(scope="module")
def fake_exports() -> Iterator[dict[str, str]]:
    """``astravue fake`` in a subprocess; its printed ``export`` lines as a dict."""
    command = [sys.executable, "-m", "astravue_async", "fake", "--port", "0"]
    with subprocess.Popen(
        command,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=_clean_environ(),
    ) as server:
        assert server.stdout is not None
        exports: dict[str, str] = {}
        deadline = time.monotonic() + 30
        try:
            while time.monotonic() < deadline:
                line = server.stdout.readline()
                if not line or line.startswith("# FakeAstravue ready"):
                    break
                if line.startswith("export "):
                    name, _, value = line[len("export ") :].strip().partition("=")
                    exports[name] = shlex.split(value)[0]
            assert "ASTRAVUE_BASE_URL" in exports, server.stderr.read() if server.stderr else ""
            yield exports
        finally:
            server.send_signal(signal.SIGINT)
            try:
                code = server.wait(timeout=15)
            except subprocess.TimeoutExpired:
                server.kill()
                server.wait()
                raise
        stderr = server.stderr.read() if server.stderr else ""
        assert code == 0 and "Traceback" not in stderr, stderr


@pytest.fixture
def env(fake_exports: dict[str, str], tmp_path: Path) -> dict[str, str]:
    """Variables pointing the CLI at the fake, in an organisation of this test's own, with
    an empty config directory (no stored profile)."""
    environ = _clean_environ()
    environ.update(fake_exports)
    environ["ASTRAVUE_ORG_ID"] = str(next(_orgs))
    environ["XDG_CONFIG_HOME"] = str(tmp_path)
    return environ


def astravue(
    *args: str, env: dict[str, str], timeout: float = RUN_TIMEOUT
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [*CLI, *args], env=env, capture_output=True, text=True, timeout=timeout, check=False
    )


def ok(*args: str, env: dict[str, str]) -> str:
    result = astravue(*args, env=env)
    assert result.returncode == 0, (args, result.stderr)
    assert result.stderr == "", (args, result.stderr)
    return result.stdout


def ok_json(*args: str, env: dict[str, str]) -> Any:
    return json.loads(ok(*args, "--json", env=env))


def fails(code: int, *args: str, env: dict[str, str]) -> str:
    """Runs a command that must fail with ``code``; returns its one stderr line."""
    result = astravue(*args, env=env)
    assert result.returncode == code, (args, result.returncode, result.stderr)
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("astravue"), result.stderr
    return lines[0]


def jsonl(*args: str, env: dict[str, str]) -> list[Any]:
    return [json.loads(line) for line in ok(*args, "--jsonl", env=env).splitlines()]


def parallel(*runs: tuple[str, ...], env: dict[str, str]) -> list[subprocess.CompletedProcess[str]]:
    """Independent commands at once: each CLI start costs a few hundred milliseconds."""
    with ThreadPoolExecutor(max_workers=4) as pool:
        return list(pool.map(lambda argv: astravue(*argv, env=env), runs))


def create_tasks(env: dict[str, str], titles: list[str]) -> None:
    """Seed through the SDK: quicker than one CLI process per task."""

    async def seed() -> None:
        async with AstravueClient.from_env(environ=env) as client:
            for title in titles:
                await client.tasks.create(task_title=title)

    asyncio.run(seed())


# --------------------------------------------------------------------------- help


def test_help_lists_variables_and_exit_codes_and_version_prints(env: dict[str, str]) -> None:
    help_text, version, sub_help, fake_help = parallel(
        ("--help",), ("--version",), ("tasks", "list", "--help"), ("fake", "--help"), env=env
    )
    assert fake_help.returncode == 0 and "--port" in fake_help.stdout
    assert help_text.returncode == 0
    for needle in (
        "ASTRAVUE_ACCESS_TOKEN", "ASTRAVUE_REFRESH_TOKEN", "ASTRAVUE_CLIENT_ID",
        "ASTRAVUE_CLIENT_SECRET", "ASTRAVUE_ORG_ID", "ASTRAVUE_BASE_URL", "ASTRAVUE_TOKEN_URL",
        "ASTRAVUE_PROFILE", "exit codes", "130", "fake",
    ):  # fmt: skip
        assert needle in help_text.stdout, needle
    from astravue_async._version import __version__

    assert version.returncode == 0 and __version__ in version.stdout
    for flag in ("--timeout", "--max-retries", "--jsonl", "--priority", "--search", "--due-from"):
        assert flag in sub_help.stdout


# --------------------------------------------------------------------------- CRUD


def test_spaces_create_get_update_clear_list_delete(env: dict[str, str]) -> None:
    space = ok_json(
        "spaces", "create", "Marketing", "--description", "campaigns", "--color", "#3366ff",
        "--private", env=env,
    )  # fmt: skip
    space_id = str(space["spaceId"])
    assert space["spaceName"] == "Marketing" and space["isPrivate"] is True
    assert ok_json("spaces", "get", space_id, env=env)["description"] == "campaigns"

    renamed = ok_json("spaces", "update", space_id, "--name", "Growth", env=env)
    # Options not given are not sent: the description, colour and privacy stay.
    assert renamed["spaceName"] == "Growth" and renamed["description"] == "campaigns"
    assert renamed["color"] == "#3366ff" and renamed["isPrivate"] is True
    # (--clear-description sends null: tests/test_cli.py checks the body on the wire.)
    public = ok_json("spaces", "update", space_id, "--no-private", env=env)
    assert public["isPrivate"] is False and public["spaceName"] == "Growth"

    table, listed = parallel(("spaces", "list"), ("spaces", "list", "--jsonl"), env=env)
    assert table.stdout.splitlines()[0].split() == ["ID", "NAME", "PRIVATE"]
    assert "Growth" in table.stdout
    assert [json.loads(line)["spaceId"] for line in listed.stdout.splitlines()] == [int(space_id)]
    assert ok("spaces", "delete", space_id, env=env) == f"deleted space {space_id}\n"
    assert "404" in fails(1, "spaces", "get", space_id, env=env)


def test_projects_create_get_update_clear_list_delete(env: dict[str, str]) -> None:
    space_id = str(ok_json("spaces", "create", "Eng", env=env)["spaceId"])
    project = ok_json(
        "projects", "create", space_id, "Launch", "--status", "IN_PROGRESS", "--health",
        "AT_RISK", "--start", "2024-05-01T09:00Z", "--end", "2024-06-01T17:00Z", "--budget",
        "1500.5", "--currency", "EUR", "--description", "v1", env=env,
    )  # fmt: skip
    project_id = str(project["projectId"])
    assert project["status"] == "IN_PROGRESS" and project["health"] == "AT_RISK"
    assert project["budget"] == 1500.5 and project["endDate"].startswith("2024-06-01T17:00")

    updated = ok_json("projects", "update", space_id, project_id, "--health", "ON_TRACK", env=env)
    assert updated["health"] == "ON_TRACK" and updated["endDate"].startswith("2024-06-01T17:00")
    assert updated["startDate"].startswith("2024-05-01T09:00")  # not given: unchanged
    assert updated["description"] == "v1" and updated["projectName"] == "Launch"

    second = ok_json("projects", "create", space_id, "Docs", env=env)
    got, listed, limited = parallel(
        ("projects", "get", space_id, project_id, "--json"),
        ("projects", "list", space_id, "--jsonl"),
        ("projects", "list", space_id, "--jsonl", "--limit", "1", "--page-size", "1"),
        env=env,
    )
    assert json.loads(got.stdout)["projectName"] == "Launch"
    names = {json.loads(line)["projectName"] for line in listed.stdout.splitlines()}
    assert names == {"Launch", "Docs"}
    assert len(limited.stdout.splitlines()) == 1
    ok("projects", "delete", space_id, str(second["projectId"]), env=env)
    assert "404" in fails(1, "projects", "get", space_id, str(second["projectId"]), env=env)


def test_tasks_crud_update_sends_only_given_options_and_clears(env: dict[str, str]) -> None:
    task = ok_json(
        "tasks", "create", "Write docs", "--description", "first draft", "--priority", "High",
        "--due", "2024-05-01T17:00Z", "--tag", "docs", "--tag", "q2", "--owner", "1", env=env,
    )  # fmt: skip
    task_id = str(task["taskId"])
    assert task["tags"] == ["docs", "q2"] and task["priority"]["priorityLabel"] == "High"

    renamed = ok_json("tasks", "update", task_id, "--title", "Write the docs", env=env)
    assert renamed["taskTitle"] == "Write the docs"
    assert renamed["description"] == "first draft" and renamed["tags"] == ["docs", "q2"]
    assert renamed["dueDate"].startswith("2024-05-01T17:00")

    cleared = ok_json(
        "tasks", "update", task_id, "--clear-due", "--clear-description", "--completion", "50",
        env=env,
    )  # fmt: skip
    assert cleared.get("dueDate") is None and cleared.get("description") is None
    assert cleared["completion"] == 50 and cleared["tags"] == ["docs", "q2"]

    table = ok("tasks", "get", task_id, env=env)
    assert table.splitlines()[0].split()[:2] == ["ID", "TITLE"] and "Write the docs" in table
    assert ok("tasks", "delete", task_id, env=env) == f"deleted task {task_id}\n"
    assert ok_json("tasks", "list", env=env) == []


def test_tasks_list_filters_reach_the_server(env: dict[str, str]) -> None:
    parallel(
        ("tasks", "create", "Alpha report", "--priority", "High", "--due", "2024-05-01T17:00Z"),
        ("tasks", "create", "Beta review", "--priority", "Low", "--status", "Done", "--due",
         "2024-07-01T17:00Z", "--owner", "2"),
        ("tasks", "create", "Gamma report", "--priority", "High"),
        env=env,
    )  # fmt: skip
    expected: list[tuple[tuple[str, ...], list[str]]] = [
        (("--priority", "High"), ["Alpha report", "Gamma report"]),
        (("--status", "Done"), ["Beta review"]),
        (("--search", "REPORT"), ["Alpha report", "Gamma report"]),
        (("--due-from", "2024-06-01T00:00Z"), ["Beta review"]),
        (("--due-to", "2024-06-01T00:00Z"), ["Alpha report"]),
        (("--owner", "2"), ["Beta review"]),
        (("--sort", "taskTitle,desc"), ["Gamma report", "Beta review", "Alpha report"]),
        (("--sort", "taskTitle,asc", "--limit", "2", "--page-size", "1"),
         ["Alpha report", "Beta review"]),
        (("--search", "report", "--priority", "High", "--due-from", "2024-01-01T00:00Z"),
         ["Alpha report"]),
    ]  # fmt: skip
    runs = parallel(*(("tasks", "list", "--jsonl", *filters) for filters, _ in expected), env=env)
    for (filters, titles), result in zip(expected, runs, strict=True):
        assert result.returncode == 0, (filters, result.stderr)
        found = [json.loads(line)["taskTitle"] for line in result.stdout.splitlines()]
        if "--sort" not in filters:
            found.sort()
        assert found == titles, filters


def test_project_tasks_crud_and_filters(env: dict[str, str]) -> None:
    space_id = str(ok_json("spaces", "create", "Ops", env=env)["spaceId"])
    project_id = str(ok_json("projects", "create", space_id, "Migration", env=env)["projectId"])
    where = (space_id, project_id)
    first = ok_json("project-tasks", "create", *where, "Move DB", "--priority", "Urgent",
                    "--start", "2024-05-01T09:00Z", env=env)  # fmt: skip
    ok_json("project-tasks", "create", *where, "Move cache", "--priority", "Low", env=env)
    task_id = str(first["taskId"])

    high = jsonl("project-tasks", "list", *where, "--priority", "Urgent", env=env)
    assert [t["taskTitle"] for t in high] == ["Move DB"]
    found = jsonl("project-tasks", "list", *where, "--search", "cache", env=env)
    assert [t["taskTitle"] for t in found] == ["Move cache"]

    updated = ok_json("project-tasks", "update", *where, task_id, "--clear-start", "--status",
                      "In Progress", env=env)  # fmt: skip
    assert updated.get("startDate") is None
    assert updated["status"]["statusName"] == "In Progress"
    assert updated["priority"]["priorityLabel"] == "Urgent"  # not given: unchanged
    got = ok_json("project-tasks", "get", *where, task_id, env=env)
    assert got["taskTitle"] == "Move DB"
    assert ok_json("project-tasks", "delete", *where, task_id, env=env) == {"deleted": int(task_id)}
    assert "404" in fails(1, "project-tasks", "get", *where, task_id, env=env)


def test_timers(env: dict[str, str]) -> None:
    task_id = str(ok_json("tasks", "create", "Timed", env=env)["taskId"])
    logged = ok_json("timer", "log", task_id, "1h30m", "--notes", "pairing", "--started",
                     "2024-05-01T09:00Z", env=env)  # fmt: skip
    assert logged["duration"] == 90 * 60 * 1000 and logged["notes"] == "pairing"
    assert ok_json("timer", "start", task_id, env=env)["running"] is True
    active = jsonl("timer", "active", env=env)
    assert [t["taskId"] for t in active] == [int(task_id)]
    assert "Timed" in ok("timer", "active", env=env)
    stopped = ok_json("timer", "stop", task_id, "--notes", "done", env=env)
    assert stopped["running"] is False
    assert jsonl("timer", "active", env=env) == []


def test_notifications_list_read_delete(tmp_path: Path) -> None:
    # A second user is needed to notify the caller: the in-process fake issues its tokens.
    with SyncFakeAstravue() as fake:
        environ = _clean_environ()
        environ.update(
            ASTRAVUE_BASE_URL=fake.base_url,
            ASTRAVUE_ORG_ID="1",
            ASTRAVUE_ACCESS_TOKEN=fake.issue_token(user_id=1).access_token,
            XDG_CONFIG_HOME=str(tmp_path),
        )
        with fake.sync_client(user_id=2) as ben:
            ben.tasks.create(task_title="For Ava", owners=[1])
            ben.tasks.create(task_title="Ping", description="@1 please look")
        items = jsonl("notifications", "list", env=environ)
        assert len(items) == 2
        mentions = jsonl("notifications", "list", "--type", "MENTION", env=environ)
        assert len(mentions) == 1
        first = str(items[0]["notificationId"])
        assert ok("notifications", "read", first, env=environ) == "marked 1 as read\n"
        unread = jsonl("notifications", "list", "--unread", env=environ)
        assert [str(n["notificationId"]) for n in unread] != [] and first not in [
            str(n["notificationId"]) for n in unread
        ]
        deleted = ok_json("notifications", "delete", first, env=environ)
        assert deleted["deletedCount"] == 1
        assert "TITLE" in ok("notifications", "list", env=environ)


# --------------------------------------------------------------------------- exit codes


def test_every_exit_code(env: dict[str, str], tmp_path: Path) -> None:
    task_id = str(ok_json("tasks", "create", "Exists", env=env)["taskId"])
    nothing = _clean_environ() | {"XDG_CONFIG_HOME": str(tmp_path / "empty")}
    runs = [
        (1, ("tasks", "get", "999999"), env),
        (2, ("tasks", "get", "not-a-number"), env),
        (2, ("tasks", "list", "--timeout", "0"), env),
        (2, ("tasks", "list", "--max-retries", "-1"), env),
        (2, ("tasks", "list", "--json", "--jsonl"), env),
        (2, ("tasks", "update", task_id), env),  # nothing to change
        (2, ("tasks", "update", task_id, "--completion", "150"), env),  # the SDK refuses
        (2, ("tasks", "update", task_id, "--due", "2024-05-01T17:00"), env),  # no zone
        (2, ("tasks", "update", task_id, "--due", "2024-05-01T17:00Z", "--clear-due"), env),
        (2, ("nonsense",), env),
        (2, ("tasks", "list", "--base-url", "http://api.example.com/v1"), env),
        (3, ("tasks", "list"), nothing),
        (3, ("token",), nothing),
    ]
    with ThreadPoolExecutor(max_workers=4) as pool:
        results = list(pool.map(lambda run: astravue(*run[1], env=run[2]), runs))
    for (code, argv, _), result in zip(runs, results, strict=True):
        assert result.returncode == code, (argv, result.returncode, result.stderr)
        assert result.stdout == "", argv
        assert len(result.stderr.splitlines()) == 1, (argv, result.stderr)
        assert "Traceback" not in result.stderr
    insecure = results[10].stderr
    assert "--allow-insecure-http" in insecure and "allow_insecure_http" not in insecure
    assert "404" in results[0].stderr
    assert "astravue login" in results[11].stderr
    # Refused before anything was sent: the task is as it was.
    assert ok_json("tasks", "get", task_id, env=env)["completion"] == 0


def test_allow_insecure_http_lifts_the_refusal(env: dict[str, str]) -> None:
    # 127.0.0.2 is this machine but not a name the SDK treats as local; nothing listens
    # there on the fake's port, so once allowed the call fails as a connection error (1).
    port = env["ASTRAVUE_BASE_URL"].split(":")[2].split("/")[0]
    url = f"http://127.0.0.2:{port}/v1"
    refused = fails(2, "tasks", "list", "--base-url", url, env=env)
    assert "--allow-insecure-http" in refused
    fails(1, "tasks", "list", "--base-url", url, "--allow-insecure-http", "--max-retries", "0",
          env=env)  # fmt: skip


def test_rejected_refresh_is_one_line_and_exit_3(env: dict[str, str]) -> None:
    environ = dict(env)
    del environ["ASTRAVUE_ACCESS_TOKEN"]
    environ["ASTRAVUE_REFRESH_TOKEN"] = "fake-rt-not-a-real-one"
    line = fails(3, "tasks", "list", env=environ)
    assert "fake-rt-not-a-real-one" not in line and "warning" not in line.lower()
    # The same environment drives `astravue token`: no stored profile needed.
    described = json.loads(ok("token", "--json", env=environ))
    assert described["source"] == "environment" and described["has_refresh_token"] is True
    assert described["has_access_token"] is False


def test_variables_beat_the_stored_profile_everywhere(env: dict[str, str]) -> None:
    config = Path(env["XDG_CONFIG_HOME"]) / "astravue"
    config.mkdir(parents=True)
    # A stored sign-in that points at a dead server and another organisation.
    dead = socket.socket()
    dead.bind(("127.0.0.1", 0))
    dead_port = dead.getsockname()[1]
    dead.close()
    (config / "profiles.json").write_text(
        json.dumps({"default": {"client_id": "stored-client", "org_id": 5,
                                "base_url": f"http://127.0.0.1:{dead_port}/v1"}})
    )  # fmt: skip
    (config / "credentials.json").write_text(
        json.dumps({"default": {"access_token": "stored-access-token", "token_type": "Bearer"}})
    )
    created = ok_json("tasks", "create", "From the environment", env=env)
    assert [t["taskId"] for t in jsonl("tasks", "list", env=env)] == [created["taskId"]]
    shown = ok("token", "--show", env=env)
    assert env["ASTRAVUE_ACCESS_TOKEN"] in shown and "stored-access-token" not in shown
    assert "environment" in shown

    # Without token variables the profile is used, but ASTRAVUE_ORG_ID and
    # ASTRAVUE_BASE_URL still beat its organisation and URL.
    stored_only = {k: v for k, v in env.items() if "TOKEN" not in k and "CLIENT" not in k}
    (config / "credentials.json").write_text(
        json.dumps({"default": {"access_token": env["ASTRAVUE_ACCESS_TOKEN"],
                                "token_type": "Bearer"}})
    )  # fmt: skip
    listed = jsonl("tasks", "list", env=stored_only)
    assert [t["taskTitle"] for t in listed] == ["From the environment"]
    assert "profile 'default'" in ok("token", env=stored_only)


# --------------------------------------------------------------------------- pipes, timeouts


@pytest.fixture
def many_tasks(env: dict[str, str]) -> dict[str, str]:
    # Well over a pipe buffer (64 KiB) of output, so the CLI is still writing when the
    # reader goes away.
    create_tasks(env, [f"task {n} " + "x" * 200 for n in range(120)])
    return env


@pytest.mark.parametrize("output", ["--jsonl", "--json", "--table"])
def test_broken_pipe_is_silent_and_exits_0(many_tasks: dict[str, str], output: str) -> None:
    flags = "" if output == "--table" else output
    command = " ".join(shlex.quote(part) for part in CLI) + f" tasks list {flags}"
    script = f"set -o pipefail; {command} | head -n 1 >/dev/null"
    result = subprocess.run(
        ["bash", "-c", script],
        env=many_tasks,
        capture_output=True,
        text=True,
        timeout=RUN_TIMEOUT,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""


def test_jsonl_streams_items_before_the_listing_ends(many_tasks: dict[str, str]) -> None:
    with subprocess.Popen(
        [*CLI, "tasks", "list", "--jsonl", "--page-size", "10"],
        env=many_tasks,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    ) as process:
        assert process.stdout is not None and process.stderr is not None
        first = json.loads(process.stdout.readline())
        # The reader stops after one line: the rest must not be fetched or reported.
        process.stdout.close()
        code = process.wait(timeout=RUN_TIMEOUT)
        stderr = process.stderr.read()
    assert first["taskTitle"].startswith("task 0 ")
    assert code == 0 and stderr == ""


@pytest.fixture
def silent_listener() -> Iterator[socket.socket]:
    """A server that accepts connections and never answers."""
    with socket.socket() as listener:
        listener.bind(("127.0.0.1", 0))
        listener.listen(64)  # the kernel completes handshakes; nothing ever replies
        yield listener


@pytest.fixture
def silent_server(silent_listener: socket.socket) -> str:
    return f"http://127.0.0.1:{silent_listener.getsockname()[1]}/v1"


def test_timeout_bounds_a_server_that_never_answers(silent_server: str, tmp_path: Path) -> None:
    environ = _clean_environ() | {
        "ASTRAVUE_ACCESS_TOKEN": "token",
        "ASTRAVUE_ORG_ID": "1",
        "ASTRAVUE_BASE_URL": silent_server,
        "XDG_CONFIG_HOME": str(tmp_path),
    }
    started = time.monotonic()
    # Retries included: --timeout bounds the whole call, not each attempt.
    result = astravue("tasks", "list", "--timeout", "0.5", env=environ, timeout=30)
    elapsed = time.monotonic() - started
    assert result.returncode == 1, result.stderr
    assert len(result.stderr.splitlines()) == 1 and "Traceback" not in result.stderr
    assert elapsed < 10, elapsed


def test_ctrl_c_exits_130_with_one_line(
    silent_listener: socket.socket, silent_server: str, tmp_path: Path
) -> None:
    environ = _clean_environ() | {
        "ASTRAVUE_ACCESS_TOKEN": "token",
        "ASTRAVUE_ORG_ID": "1",
        "ASTRAVUE_BASE_URL": silent_server,
        "XDG_CONFIG_HOME": str(tmp_path),
    }
    with subprocess.Popen(
        [*CLI, "tasks", "list", "--timeout", "60"],
        env=environ,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    ) as process:
        # Interrupt once the request is out (not during interpreter start-up, where
        # Python has not yet turned SIGINT into KeyboardInterrupt).
        silent_listener.settimeout(30)
        connection, _ = silent_listener.accept()
        process.send_signal(signal.SIGINT)
        try:
            out, err = process.communicate(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.communicate()
            raise
        finally:
            connection.close()
    assert process.returncode == 130, err
    assert err.splitlines() == ["astravue: interrupted"] and out == ""
