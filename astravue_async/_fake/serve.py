"""``python -m astravue_async.testing`` / ``astravue fake``: FakeAstravue as a standalone server.

Once the server listens, stdout gets the ``export ASTRAVUE_...=...`` lines that point the
CLI, the SDK (``AstravueClient.from_env()``) or curl at it, then a line starting
``# FakeAstravue ready``; a script reads stdout up to that line. Everything else goes to
stderr. SIGINT (Ctrl-C) and SIGTERM stop it with exit status 0.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import ipaddress
import os
import shlex
import signal
import sys
from collections.abc import Sequence
from datetime import timedelta
from typing import NoReturn

from astravue_async import _argtypes as argtypes
from astravue_async.testing import FakeAstravue

__all__ = ["READY_PREFIX", "main"]

READY_PREFIX = "# FakeAstravue ready"

_DESCRIPTION = """\
Run FakeAstravue, the SDK's in-memory fake of the Astravue API and its Keycloak token
endpoint, as a local server. Once it listens it prints `export ASTRAVUE_...` lines (API base
URL, token URL, organisation, an access and a refresh token, the OAuth client) on stdout:
paste them into a shell, or `eval` them, to point the astravue CLI, AstravueClient.from_env()
or curl at it. Data lives in memory and is gone when it stops. Ctrl-C or SIGTERM stops it
(exit status 0).
"""


def _fraction(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a number from 0 to 1, got {text!r}") from None
    if not 0 <= value <= 1:
        raise argparse.ArgumentTypeError(f"must be from 0 to 1, got {text!r}")
    return value


def _host(text: str) -> ipaddress.IPv4Address | ipaddress.IPv6Address:
    # "localhost" may resolve to both 127.0.0.1 and ::1, and a free port is then chosen per
    # address: the printed URL could name the wrong one. Pin it to IPv4.
    if text.strip().lower() == "localhost":
        text = "127.0.0.1"
    try:
        return ipaddress.ip_address(text.strip().strip("[]"))
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"expected an IP address (e.g. 127.0.0.1 or ::1) or localhost, got {text!r}"
        ) from None


class _Parser(argparse.ArgumentParser):
    """A usage error is one line on stderr, as everywhere in the command line."""

    def error(self, message: str) -> NoReturn:
        self.exit(2, f"{self.prog}: error: {message} (see `{self.prog} --help`)\n")


def _parser(prog: str | None) -> argparse.ArgumentParser:
    # "python -m astravue_async.testing" would otherwise show argparse's guess, "testing.py".
    parser = _Parser(prog=prog or "python -m astravue_async.testing", description=_DESCRIPTION)
    where = parser.add_argument_group("where to listen")
    where.add_argument(
        "--host",
        type=_host,
        default=ipaddress.ip_address("127.0.0.1"),
        help="IP address to listen on (default 127.0.0.1; localhost means 127.0.0.1). "
        "A non-loopback address is refused without --allow-remote",
    )
    where.add_argument(
        "--allow-remote",
        action="store_true",
        help="allow a --host other machines can reach: anyone there can use the printed "
        "tokens and every token the fake issues",
    )
    where.add_argument(
        "--port",
        type=argtypes.port,
        default=0,
        help="TCP port (default 0: a free port, shown in the printed URLs)",
    )
    who = parser.add_argument_group("data and sign-in")
    who.add_argument(
        "--org-id",
        type=argtypes.whole_number(1),
        default=1,
        help="organisation id printed as ASTRAVUE_ORG_ID (default 1); any id works",
    )
    who.add_argument(
        "--user-id",
        type=argtypes.whole_number(1),
        default=1,
        help="user the printed tokens belong to: 1 Ava Chen (default), 2 Ben Okafor, "
        "3 Chloe Martin",
    )
    who.add_argument(
        "--seed",
        action="store_true",
        help="create demo data in that organisation: a space, a project with two tasks, "
        "three personal tasks (one with a comment, a subtask and a checklist item)",
    )
    who.add_argument(
        "--access-token-lifetime",
        type=argtypes.whole_number(1),
        default=1800,
        metavar="SECONDS",
        help="how long an access token is valid (default 1800, as the real service)",
    )
    faults = parser.add_argument_group("faults (API requests only, never the token endpoint)")
    faults.add_argument(
        "--latency",
        type=argtypes.seconds(allow_zero=True),
        default=0.0,
        metavar="SECONDS",
        help="wait this long before answering every API request (default 0)",
    )
    faults.add_argument(
        "--fail-rate",
        type=_fraction,
        default=0.0,
        metavar="FRACTION",
        help="answer this share (0 to 1) of API requests, at random, with 503 (default 0)",
    )
    faults.add_argument(
        "--detect-refresh-token-reuse",
        action="store_true",
        help="presenting a rotated-away refresh token revokes its whole sign-in, like "
        "Keycloak's 'Revoke Refresh Token' (default: only that refresh is refused)",
    )
    return parser


async def _seed_demo(fake: FakeAstravue, org_id: int, user_id: int) -> None:
    """Demo data, created through the API so it is exactly what the API itself makes."""
    now = fake.now()
    async with fake.client(org_id, user_id=user_id, max_retries=0) as client:
        space = await client.spaces.create(space_name="Marketing", description="Demo space")
        project = await client.projects.create(
            space.space_id, project_name="Website relaunch", description="Demo project"
        )
        for title, status in (("Draft the copy", "In Progress"), ("Pick a theme", "To Do")):
            await client.project_tasks.create(
                space.space_id, project.project_id, task_title=title, status=status
            )
        report = await client.tasks.create(
            task_title="Write the quarterly report",
            priority="High",
            due_date=now + timedelta(days=7),
        )
        await client.tasks.create(task_title="Book the team offsite", status="Done")
        await client.tasks.create(task_title="Send invoice", due_date=now - timedelta(days=2))
    fake.add_comment(report.task_id, "First draft by Friday", org_id=org_id, user_id=user_id)
    fake.add_subtask(report.task_id, "Collect the numbers", org_id=org_id, user_id=user_id)
    fake.add_checklist_item(report.task_id, "Ask finance", org_id=org_id, user_id=user_id)
    # Counters start at zero for whoever uses the server.
    fake.reset_counters()


def _exports(fake: FakeAstravue, org_id: int, user_id: int) -> list[str]:
    token = fake.issue_token(user_id=user_id)
    values = {
        "ASTRAVUE_BASE_URL": fake.base_url,
        "ASTRAVUE_TOKEN_URL": fake.token_url,
        "ASTRAVUE_ORG_ID": str(org_id),
        "ASTRAVUE_ACCESS_TOKEN": token.access_token,
        "ASTRAVUE_REFRESH_TOKEN": token.refresh_token or "",
        "ASTRAVUE_CLIENT_ID": fake.client_id,
        "ASTRAVUE_CLIENT_SECRET": fake.client_secret,
    }
    return [f"export {name}={shlex.quote(value)}" for name, value in values.items()]


def _emit(lines: list[str]) -> None:
    try:
        sys.stdout.write("\n".join(lines) + "\n")
        sys.stdout.flush()
    except BrokenPipeError:
        # The reader (e.g. `| head -n 3`) went away. Whoever read the lines may be using the
        # server, so keep serving; point the descriptor at the null device so the buffered
        # rest is flushed there at exit instead of failing again with a traceback.
        with contextlib.suppress(OSError, ValueError):
            null = os.open(os.devnull, os.O_WRONLY)
            os.dup2(null, sys.stdout.fileno())
            os.close(null)


async def _run(args: argparse.Namespace, prog: str) -> int:
    fake = FakeAstravue(
        access_token_lifetime=args.access_token_lifetime,
        detect_refresh_token_reuse=args.detect_refresh_token_reuse,
    )
    # Before listening or taking signals: nothing to undo on this refusal.
    known = [user["userId"] for user in fake.users()]
    if args.user_id not in known:
        print(f"{prog}: error: --user-id {args.user_id} is not a user of the fake "
              f"(known: {known})", file=sys.stderr)  # fmt: skip
        return 2
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    installed: list[signal.Signals] = []
    for signum in (signal.SIGINT, signal.SIGTERM):
        # Not available on Windows: Ctrl-C then arrives as KeyboardInterrupt (see main()).
        with contextlib.suppress(NotImplementedError, RuntimeError, ValueError):
            loop.add_signal_handler(signum, stop.set)
            installed.append(signum)
    try:
        host = args.host
        try:
            await fake.start(host=str(host), port=args.port)
        except OSError as exc:
            reason = exc.strerror or str(exc)
            print(f"{prog}: error: cannot listen on {host}:{args.port}: {reason}", file=sys.stderr)
            return 1
        try:
            if args.seed:
                await _seed_demo(fake, args.org_id, args.user_id)
            fake.delay(args.latency)
            fake.fail_randomly(args.fail_rate)
            lines = _exports(fake, args.org_id, args.user_id)
            origin = fake.base_url.removesuffix("/v1")
            lines.append(f"{READY_PREFIX} on {origin} (Ctrl-C stops it)")
            if host.is_unspecified:
                print(
                    f"{prog}: listening on every interface ({host}); other machines use this "
                    "machine's address, and their clients need allow_insecure_http",
                    file=sys.stderr,
                )
            _emit(lines)
            await stop.wait()
        finally:
            await fake.close()
    finally:
        for signum in installed:
            loop.remove_signal_handler(signum)
    return 0


def main(argv: Sequence[str] | None = None, *, prog: str | None = None) -> int:
    """Run the server until SIGINT/SIGTERM; the exit status (0, or 1 if it cannot listen).

    :param argv: the options (default ``sys.argv[1:]``); ``--help`` lists them.
    :param prog: the command name shown in usage and errors (e.g. ``"astravue fake"``).
    :raises SystemExit: status 2 for a usage error, as argparse does.
    """
    parser = _parser(prog)
    args = parser.parse_args(argv)
    host: ipaddress.IPv4Address | ipaddress.IPv6Address = args.host
    if not host.is_loopback and not args.allow_remote:
        parser.error(
            f"--host {host} is reachable from other machines, which could then use the "
            "fake's tokens; pass --allow-remote if you mean it"
        )
    try:
        return asyncio.run(_run(args, parser.prog))
    except KeyboardInterrupt:
        # Only where signal handlers cannot be installed (Windows): Ctrl-C is a normal stop.
        return 0
