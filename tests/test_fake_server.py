"""``python -m astravue_async.testing``: FakeAstravue as a standalone server in its own process.

Each test starts the real module in a subprocess (a free port), reads the ``export`` lines it
prints and uses them as a user would: with the SDK, with raw HTTP, with the token endpoint.
Every wait is bounded and a server that hangs is killed.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import shlex
import signal
import socket
import sys
import time
from collections.abc import AsyncIterator
from dataclasses import dataclass
from typing import Any

import aiohttp
import pytest

from astravue_async import AstravueClient, InternalServerError
from astravue_async._fake.serve import READY_PREFIX
from astravue_async.testing import serve

START_TIMEOUT = 30.0
STOP_TIMEOUT = 10.0
EXPORTED = {
    "ASTRAVUE_BASE_URL",
    "ASTRAVUE_TOKEN_URL",
    "ASTRAVUE_ORG_ID",
    "ASTRAVUE_ACCESS_TOKEN",
    "ASTRAVUE_REFRESH_TOKEN",
    "ASTRAVUE_CLIENT_ID",
    "ASTRAVUE_CLIENT_SECRET",
}


@dataclass
class Server:
    proc: asyncio.subprocess.Process
    env: dict[str, str]
    stdout_lines: list[str]

    async def stop(self, signum: int = signal.SIGINT) -> tuple[int, str]:
        """Send ``signum``; the exit status and everything the server wrote on stderr."""
        self.proc.send_signal(signum)
        assert self.proc.stderr is not None
        err = await asyncio.wait_for(self.proc.stderr.read(), STOP_TIMEOUT)
        code = await asyncio.wait_for(self.proc.wait(), STOP_TIMEOUT)
        return code, err.decode()


def parse_exports(lines: list[str]) -> dict[str, str]:
    env: dict[str, str] = {}
    for line in lines:
        if line.startswith("export "):
            name, _, value = line.removeprefix("export ").partition("=")
            (env[name],) = shlex.split(value)
    return env


async def spawn(*args: str) -> asyncio.subprocess.Process:
    return await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "astravue_async.testing",
        *args,
        stdin=asyncio.subprocess.DEVNULL,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
        env={k: v for k, v in os.environ.items() if not k.startswith("ASTRAVUE_")},
    )


async def reap(proc: asyncio.subprocess.Process) -> None:
    if proc.returncode is None:
        with contextlib.suppress(ProcessLookupError):
            proc.kill()
    # communicate() drains the pipes, so no transport is left open (ResourceWarning).
    await asyncio.wait_for(proc.communicate(), STOP_TIMEOUT)


@contextlib.asynccontextmanager
async def fake_server(*args: str) -> AsyncIterator[Server]:
    proc = await spawn(*args)
    try:
        assert proc.stdout is not None
        lines: list[str] = []
        async with asyncio.timeout(START_TIMEOUT):
            while not (lines and lines[-1].startswith(READY_PREFIX)):
                raw = await proc.stdout.readline()
                if not raw:
                    assert proc.stderr is not None
                    err = await proc.stderr.read()
                    pytest.fail(f"server ended before it was ready: {lines} {err.decode()}")
                lines.append(raw.decode().rstrip("\n"))
        yield Server(proc, parse_exports(lines), lines)
    finally:
        await reap(proc)


async def get_json(url: str, **kwargs: Any) -> tuple[int, Any]:
    async with aiohttp.ClientSession() as session, session.get(url, **kwargs) as response:
        return response.status, await response.json(content_type=None)


async def refresh(env: dict[str, str], refresh_token: str) -> tuple[int, dict[str, Any]]:
    form = {
        "grant_type": "refresh_token",
        "refresh_token": refresh_token,
        "client_id": env["ASTRAVUE_CLIENT_ID"],
        "client_secret": env["ASTRAVUE_CLIENT_SECRET"],
    }
    async with (
        aiohttp.ClientSession() as session,
        session.post(env["ASTRAVUE_TOKEN_URL"], data=form) as response,
    ):
        return response.status, await response.json(content_type=None)


def api_headers(env: dict[str, str], token: str | None = None) -> dict[str, str]:
    return {
        "Authorization": f"Bearer {token or env['ASTRAVUE_ACCESS_TOKEN']}",
        "X-Org-Id": env["ASTRAVUE_ORG_ID"],
    }


# ---------------------------------------------------------------------------- the exports


async def test_printed_exports_drive_the_sdk_raw_http_and_a_refresh() -> None:
    async with fake_server("--seed") as server:
        env = server.env
        assert set(env) == EXPORTED
        # Only the exports and the ready line: a script can `eval` stdout as it is.
        assert len(server.stdout_lines) == len(EXPORTED) + 1
        assert env["ASTRAVUE_BASE_URL"].startswith("http://127.0.0.1:")
        assert env["ASTRAVUE_BASE_URL"].endswith("/v1")

        async with AstravueClient.from_env(env, max_retries=0) as client:
            titles = {t.task_title async for t in client.tasks.list()}
            assert {"Write the quarterly report", "Send invoice"} <= titles
            (space,) = await client.spaces.list()
            assert space.space_name == "Marketing"

        status, body = await get_json(
            env["ASTRAVUE_BASE_URL"] + "/spaces", headers=api_headers(env)
        )
        assert status == 200
        assert body["data"][0]["spaceName"] == "Marketing"
        status, body = await get_json(env["ASTRAVUE_BASE_URL"] + "/spaces")
        assert status == 401

        # Only the refresh token: the SDK must sign in again through the printed token URL.
        only_refresh = {k: v for k, v in env.items() if k != "ASTRAVUE_ACCESS_TOKEN"}
        async with AstravueClient.from_env(only_refresh, max_retries=0) as client:
            assert len(await client.spaces.list()) == 1

        code, err = await server.stop(signal.SIGINT)
    assert code == 0
    assert err == ""


async def test_seed_off_starts_empty_and_org_and_user_flags_shape_the_exports() -> None:
    async with fake_server("--org-id", "42", "--user-id", "2") as server:
        env = server.env
        assert env["ASTRAVUE_ORG_ID"] == "42"
        async with AstravueClient.from_env(env, max_retries=0) as client:
            assert [t async for t in client.tasks.list()] == []
            task = await client.tasks.create(task_title="Mine")
            assert task.created_by is not None
            assert task.created_by.user_id == 2


@pytest.mark.parametrize("signum", [signal.SIGINT, signal.SIGTERM], ids=["SIGINT", "SIGTERM"])
async def test_signal_stops_it_with_status_0_and_no_traceback(signum: int) -> None:
    async with fake_server() as server:
        base_url = server.env["ASTRAVUE_BASE_URL"]
        # An idle keep-alive connection must not hold the shutdown up.
        async with aiohttp.ClientSession() as session:
            async with session.get(base_url + "/spaces", headers=api_headers(server.env)) as r:
                assert r.status == 200
            started = time.monotonic()
            code, err = await server.stop(signum)
        assert code == 0
        assert err == ""
        assert time.monotonic() - started < STOP_TIMEOUT
        with pytest.raises(aiohttp.ClientConnectionError):
            await get_json(base_url + "/spaces")


# ---------------------------------------------------------------------------- faults


async def test_latency_and_fail_rate_hit_the_api_but_never_the_token_endpoint() -> None:
    async with fake_server("--latency", "0.3", "--fail-rate", "1") as server:
        env = server.env
        started = time.monotonic()
        status, body = await get_json(env["ASTRAVUE_BASE_URL"] + "/tasks", headers=api_headers(env))
        assert time.monotonic() - started >= 0.3
        assert status == 503
        assert body["success"] is False
        async with AstravueClient.from_env(env, max_retries=0) as client:
            with pytest.raises(InternalServerError):
                await client.tasks.list()
        status, _ = await refresh(env, env["ASTRAVUE_REFRESH_TOKEN"])
        assert status == 200


async def test_without_faults_nothing_fails() -> None:
    async with fake_server("--fail-rate", "0") as server:
        env = server.env
        for _ in range(20):
            status, _ = await get_json(
                env["ASTRAVUE_BASE_URL"] + "/tasks", headers=api_headers(env)
            )
            assert status == 200


@pytest.mark.parametrize("detect", [True, False], ids=["detect", "default"])
async def test_refresh_token_reuse_detection_switch(detect: bool) -> None:
    args = ["--detect-refresh-token-reuse"] if detect else []
    async with fake_server(*args) as server:
        env = server.env
        status, rotated = await refresh(env, env["ASTRAVUE_REFRESH_TOKEN"])
        assert status == 200
        status, body = await refresh(env, env["ASTRAVUE_REFRESH_TOKEN"])
        assert (status, body["error"]) == (400, "invalid_grant")
        # Reuse detection revokes the whole sign-in: the rotated tokens die with it.
        status, _ = await refresh(env, rotated["refresh_token"])
        assert status == (400 if detect else 200)
        status, _ = await get_json(
            env["ASTRAVUE_BASE_URL"] + "/tasks",
            headers=api_headers(env, rotated["access_token"]),
        )
        assert status == (401 if detect else 200)


async def test_access_token_lifetime_reaches_the_token_endpoint() -> None:
    async with fake_server("--access-token-lifetime", "90") as server:
        status, body = await refresh(server.env, server.env["ASTRAVUE_REFRESH_TOKEN"])
        assert status == 200
        assert body["expires_in"] == 90


# ---------------------------------------------------------------------------- bad input


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--host", "0.0.0.0"], "--allow-remote"),  # noqa: S104 - it must be refused
        (["--host", "::"], "--allow-remote"),
        (["--host", "192.0.2.1"], "--allow-remote"),
        (["--host", "example.com"], "IP address"),
        (["--port", "70000"], "0-65535"),
        (["--port", "http"], "port number"),
        (["--latency", "-1"], ">= 0"),
        (["--latency", "nan"], ">= 0"),
        (["--fail-rate", "1.5"], "0 to 1"),
        (["--org-id", "0"], "at least 1"),
        (["--access-token-lifetime", "0"], "at least 1"),
        (["--bogus"], "unrecognized"),
    ],
)
async def test_usage_errors_exit_2_before_listening(args: list[str], message: str) -> None:
    proc = await spawn(*args)
    try:
        out, err = await asyncio.wait_for(proc.communicate(), START_TIMEOUT)
    finally:
        await reap(proc)
    assert proc.returncode == 2
    assert out == b""
    assert message in err.decode()
    assert "Traceback" not in err.decode()


async def test_a_taken_port_is_one_line_and_status_1() -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        proc = await spawn("--port", str(port))
        try:
            out, err = await asyncio.wait_for(proc.communicate(), START_TIMEOUT)
        finally:
            await reap(proc)
    assert proc.returncode == 1
    assert out == b""
    lines = err.decode().splitlines()
    assert len(lines) == 1
    assert f"cannot listen on 127.0.0.1:{port}" in lines[0]


async def test_localhost_means_ipv4_loopback_and_a_fixed_port_is_used() -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    async with fake_server("--host", "localhost", "--port", str(port)) as server:
        assert server.env["ASTRAVUE_BASE_URL"] == f"http://127.0.0.1:{port}/v1"


async def test_a_reader_that_goes_away_does_not_kill_the_server() -> None:
    """`... | head -n 1`: stdout breaks, the server keeps serving and still stops cleanly."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    read_end, write_end = os.pipe()
    os.close(read_end)
    try:
        proc = await asyncio.create_subprocess_exec(
            sys.executable,
            "-m",
            "astravue_async.testing",
            "--port",
            str(port),
            stdin=asyncio.subprocess.DEVNULL,
            stdout=write_end,
            stderr=asyncio.subprocess.PIPE,
        )
    finally:
        os.close(write_end)
    try:
        async with asyncio.timeout(START_TIMEOUT):
            while True:
                with contextlib.suppress(aiohttp.ClientConnectionError):
                    status, _ = await get_json(f"http://127.0.0.1:{port}/v1/tasks")
                    break
                await asyncio.sleep(0.05)
        assert status == 401
        proc.send_signal(signal.SIGTERM)
        assert proc.stderr is not None
        err = await asyncio.wait_for(proc.stderr.read(), STOP_TIMEOUT)
        assert await asyncio.wait_for(proc.wait(), STOP_TIMEOUT) == 0
        assert err == b""
    finally:
        await reap(proc)


# ---------------------------------------------------------------------------- in process


def test_serve_uses_the_given_program_name(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        serve(["--help"], prog="astravue fake")
    assert exit_info.value.code == 0
    help_text = capsys.readouterr().out
    assert help_text.startswith("usage: astravue fake")
    for option in (
        "--port",
        "--host",
        "--seed",
        "--latency",
        "--fail-rate",
        "--detect-refresh-token-reuse",
        "--access-token-lifetime",
    ):
        assert option in help_text
    with pytest.raises(SystemExit) as exit_info:
        serve(["--host", "0.0.0.0"], prog="astravue fake")  # noqa: S104 - refused
    assert exit_info.value.code == 2
    assert capsys.readouterr().err.splitlines()[-1].startswith("astravue fake: error:")


def test_an_unknown_user_is_a_one_line_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    assert serve(["--port", "0", "--user-id", "9"], prog="astravue fake") == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "--user-id 9" in err[0] and "known" in err[0]
