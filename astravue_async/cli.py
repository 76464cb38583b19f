"""``astravue``: sign in once (authorization code + PKCE), then script everyday tasks.

The API only offers the authorization-code flow, so getting the first refresh token is the
hard part for a bot or a batch job: ``astravue login`` does it with a one-shot local redirect
listener and stores the token set (mode 0600) for later runs and for ``from_env``-style use.

Exit codes: 0 ok, 1 API error, 2 usage error, 3 authentication needed. Errors are one line on
stderr; tokens and secrets are never printed unless asked for (``astravue token --show``).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import re
import sys
import webbrowser
from collections.abc import Awaitable, Callable, Coroutine, Iterable, Sequence
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any, TextIO

import aiohttp
from aiohttp import web

from astravue_async._convert import unstructure
from astravue_async._errors import AstravueError, AuthenticationError, DecodeError
from astravue_async._transport import DEFAULT_BASE_URL, check_proxy, environment_proxy
from astravue_async.auth import (
    DEFAULT_AUTHORIZE_URL,
    DEFAULT_TOKEN_URL,
    build_authorization_url,
    exchange_code,
)
from astravue_async.client import AstravueClient
from astravue_async.stores import JSONFileTokenStore, write_private_file

__all__ = ["main", "parse_duration"]

EXIT_OK, EXIT_API, EXIT_USAGE, EXIT_AUTH = 0, 1, 2, 3
DEFAULT_PORT = 8765
LOGIN_TIMEOUT = 300.0


class UsageError(Exception):
    """Bad command-line input found after parsing (exit code 2)."""


class AuthNeeded(Exception):
    """No usable credentials (exit code 3)."""


# --------------------------------------------------------------------------- configuration


def config_dir() -> Path:
    base = os.environ.get("XDG_CONFIG_HOME") or str(Path.home() / ".config")
    return Path(base) / "astravue"


def credentials_path() -> Path:
    return config_dir() / "credentials.json"


def profiles_path() -> Path:
    # Settings live apart from tokens so the token file keeps the TokenStore's format; both
    # hold secrets (client_secret, tokens) and are written with mode 0600.
    return config_dir() / "profiles.json"


def _read_profiles() -> dict[str, Any]:
    path = profiles_path()
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return {}
    except ValueError:
        raise UsageError(f"{path} is not valid JSON; delete it and run `astravue login`") from None
    return data if isinstance(data, dict) else {}


def _write_profiles(profiles: dict[str, Any]) -> None:
    write_private_file(profiles_path(), json.dumps(profiles, indent=2, sort_keys=True) + "\n")


def parse_duration(text: str) -> timedelta:
    """``1h30m``, ``45m``, ``2h``, ``90`` (minutes) → ``timedelta``."""
    cleaned = text.strip().lower().replace(" ", "")
    if cleaned.isdigit():
        return timedelta(minutes=int(cleaned))
    match = re.fullmatch(r"(?:(\d+)h)?(?:(\d+)m)?", cleaned)
    if not cleaned or match is None or not any(match.groups()):
        raise argparse.ArgumentTypeError(f"not a duration: {text!r} (use e.g. 1h30m, 45m, 2h)")
    hours, minutes = (int(part or 0) for part in match.groups())
    return timedelta(hours=hours, minutes=minutes)


def parse_datetime(text: str) -> datetime:
    """An ISO-8601 date-time with a zone (``2024-05-01T09:00:00Z``)."""
    try:
        value = datetime.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not an ISO-8601 date-time: {text!r}") from None
    if value.tzinfo is None:
        raise argparse.ArgumentTypeError(f"{text!r} has no time zone; add Z or +HH:MM")
    return value


# --------------------------------------------------------------------------- output


def _plain(value: Any) -> Any:
    """A model (or list of models) as JSON-ready data with the API's wire names."""
    if isinstance(value, list):
        return [_plain(item) for item in value]
    return unstructure(value)


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.isoformat(timespec="minutes")
    if isinstance(value, list):
        return ", ".join(_cell(v) for v in value)
    text = str(getattr(value, "value", value))
    return text if len(text) <= 40 else text[:39] + "…"


def print_table(
    rows: Iterable[Any], columns: Sequence[tuple[str, Callable[[Any], Any]]], out: TextIO
) -> None:
    body = [[_cell(getter(row)) for _, getter in columns] for row in rows]
    headers = [title for title, _ in columns]
    widths = [max([len(h)] + [len(r[i]) for r in body]) for i, h in enumerate(headers)]
    print("  ".join(h.ljust(w) for h, w in zip(headers, widths, strict=True)).rstrip(), file=out)
    for row in body:
        print("  ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)).rstrip(), file=out)
    if not body:
        print("(none)", file=out)


TASK_COLUMNS: list[tuple[str, Callable[[Any], Any]]] = [
    ("ID", lambda t: t.task_id),
    ("TITLE", lambda t: t.task_title),
    ("STATUS", lambda t: t.status.status_name if t.status else None),
    ("PRIORITY", lambda t: t.priority.priority_label if t.priority else None),
    ("DUE", lambda t: t.due_date),
    ("DONE %", lambda t: t.completion),
]
SPACE_COLUMNS: list[tuple[str, Callable[[Any], Any]]] = [
    ("ID", lambda s: s.space_id),
    ("NAME", lambda s: s.space_name),
    ("PRIVATE", lambda s: s.is_private),
]
PROJECT_COLUMNS: list[tuple[str, Callable[[Any], Any]]] = [
    ("ID", lambda p: p.project_id),
    ("NAME", lambda p: p.project_name),
    ("STATUS", lambda p: p.status),
    ("HEALTH", lambda p: p.health),
]
TIMER_COLUMNS: list[tuple[str, Callable[[Any], Any]]] = [
    ("ID", lambda t: t.time_tracker_id),
    ("TASK", lambda t: t.task_id),
    ("START", lambda t: t.start_time),
    ("MINUTES", lambda t: round(t.duration / timedelta(minutes=1))),
    ("NOTES", lambda t: t.notes),
]
NOTIFICATION_COLUMNS: list[tuple[str, Callable[[Any], Any]]] = [
    ("ID", lambda n: n.notification_id),
    ("TYPE", lambda n: n.type),
    ("READ", lambda n: n.is_read),
    ("TITLE", lambda n: n.title),
    ("WHEN", lambda n: n.create_time),
]


# --------------------------------------------------------------------------- login


async def _wait_for_redirect(
    port: int, wait_seconds: float, on_ready: Callable[[int], None]
) -> dict[str, str]:
    """Serve one ``GET /callback`` on 127.0.0.1 and return its query parameters."""
    received: asyncio.Future[dict[str, str]] = asyncio.get_running_loop().create_future()

    async def callback(request: web.Request) -> web.Response:
        if not received.done():
            received.set_result(dict(request.query))
        return web.Response(
            text="Astravue sign-in received. You can close this window.", content_type="text/plain"
        )

    app = web.Application()
    app.router.add_get("/callback", callback)
    runner = web.AppRunner(app, access_log=None)
    await runner.setup()
    try:
        site = web.TCPSite(runner, "127.0.0.1", port)
        try:
            await site.start()
        except OSError as exc:
            raise UsageError(
                f"cannot listen on 127.0.0.1:{port} ({exc.strerror}); try --port"
            ) from None
        actual_port = runner.addresses[0][1]
        on_ready(actual_port)
        try:
            return await asyncio.wait_for(received, wait_seconds)
        except TimeoutError:
            raise AuthNeeded(
                f"no sign-in redirect arrived within {wait_seconds:g} s; nothing was stored"
            ) from None
    finally:
        await runner.cleanup()


async def cmd_login(args: argparse.Namespace, out: TextIO) -> int:
    authorization: dict[str, Any] = {}

    def ready(port: int) -> None:
        redirect_uri = f"http://127.0.0.1:{port}/callback"
        request = build_authorization_url(
            args.client_id, redirect_uri, authorize_url=args.authorize_url
        )
        authorization.update(request=request, redirect_uri=redirect_uri)
        print(f"Open this URL to sign in:\n{request.url}", file=out, flush=True)
        if not args.no_browser:
            webbrowser.open(request.url)

    query = await _wait_for_redirect(args.port, args.timeout, ready)
    request = authorization["request"]
    if query.get("state") != request.state:
        raise AuthNeeded("the redirect's state does not match (possible CSRF); nothing was stored")
    if "error" in query:
        raise AuthNeeded(f"sign-in was refused: {query.get('error_description') or query['error']}")
    code = query.get("code")
    if not code:
        raise AuthNeeded("the redirect carried no authorization code; nothing was stored")
    async with aiohttp.ClientSession() as session:
        token = await exchange_code(
            session,
            code=code,
            redirect_uri=authorization["redirect_uri"],
            client_id=args.client_id,
            client_secret=args.client_secret,
            code_verifier=request.code_verifier,
            token_url=args.token_url,
            proxy=check_proxy(args.proxy)
            or (None if args.no_env_proxy else environment_proxy(args.token_url)),
        )
    await JSONFileTokenStore(credentials_path(), args.profile).save(token)
    profiles = _read_profiles()
    profiles[args.profile] = {
        "client_id": args.client_id,
        "client_secret": args.client_secret,
        "org_id": args.org,
        "base_url": args.base_url,
        "token_url": args.token_url,
    }
    _write_profiles(profiles)
    org = args.org if args.org is not None else "(none yet: pass --org or set ASTRAVUE_ORG_ID)"
    print(
        f"Signed in. Profile {args.profile!r}, client {args.client_id!r}, organisation {org}; "
        f"token saved to {credentials_path()}",
        file=out,
    )
    return EXIT_OK


async def cmd_logout(args: argparse.Namespace, out: TextIO) -> int:
    await JSONFileTokenStore(credentials_path(), args.profile).clear()
    profiles = _read_profiles()
    if profiles.pop(args.profile, None) is not None:
        _write_profiles(profiles)
    print(f"Signed out of profile {args.profile!r}.", file=out)
    return EXIT_OK


async def cmd_token(args: argparse.Namespace, out: TextIO) -> int:
    token = await JSONFileTokenStore(credentials_path(), args.profile).load()
    if token is None:
        raise AuthNeeded(f"no token stored for profile {args.profile!r}; run `astravue login`")
    if args.json:
        data: dict[str, Any] = {
            "profile": args.profile,
            "expires_at": token.expires_at.isoformat() if token.expires_at else None,
            "has_refresh_token": token.refresh_token is not None,
        }
        if args.show:
            data["access_token"] = token.access_token
        print(json.dumps(data), file=out)
        return EXIT_OK
    expiry = token.expires_at.isoformat() if token.expires_at else "unknown"
    print(f"profile {args.profile}: access token expires at {expiry}; "
          f"refresh token {'present' if token.refresh_token else 'absent'}", file=out)  # fmt: skip
    if args.show:
        print(token.access_token, file=out)
    return EXIT_OK


# --------------------------------------------------------------------------- API commands


def _org_id(args: argparse.Namespace, profile: dict[str, Any]) -> int:
    raw = (
        args.org
        if args.org is not None
        else os.environ.get("ASTRAVUE_ORG_ID") or profile.get("org_id")
    )
    if raw is None:
        raise UsageError("no organisation: pass --org ID or set ASTRAVUE_ORG_ID")
    try:
        return int(raw)
    except (TypeError, ValueError):
        raise UsageError(f"organisation id must be an integer, got {raw!r}") from None


async def _open_client(args: argparse.Namespace) -> AstravueClient:
    """A client from environment variables if present, else from the stored profile."""
    network: dict[str, Any] = {"proxy": args.proxy, "trust_env": not args.no_env_proxy}
    if os.environ.get("ASTRAVUE_ACCESS_TOKEN") or os.environ.get("ASTRAVUE_REFRESH_TOKEN"):
        overrides = {"org_id": args.org} if args.org is not None else {}
        return AstravueClient.from_env(**overrides, **network)
    profile = _read_profiles().get(args.profile)
    store = JSONFileTokenStore(credentials_path(), args.profile)
    token = await store.load()
    if profile is None or token is None:
        raise AuthNeeded(
            f"not signed in (profile {args.profile!r}): run `astravue login --client-id ...` "
            "or set ASTRAVUE_ACCESS_TOKEN"
        )
    return AstravueClient(
        org_id=_org_id(args, profile),
        token=token,
        client_id=profile.get("client_id") if token.refresh_token else None,
        client_secret=profile.get("client_secret"),
        token_store=store,
        base_url=args.base_url or profile.get("base_url") or DEFAULT_BASE_URL,
        token_url=profile.get("token_url") or DEFAULT_TOKEN_URL,
        **network,
    )


def _emit(args: argparse.Namespace, out: TextIO, value: Any, columns: Any = None) -> None:
    if args.json:
        print(json.dumps(_plain(value), indent=2, ensure_ascii=False), file=out)
    elif columns is not None:
        print_table(value if isinstance(value, list) else [value], columns, out)
    else:
        print(value, file=out)


ApiCommand = Callable[[AstravueClient, argparse.Namespace, TextIO], Awaitable[None]]


async def _spaces_list(c: AstravueClient, a: argparse.Namespace, out: TextIO) -> None:
    _emit(a, out, await c.spaces.list().to_list(), SPACE_COLUMNS)


async def _projects_list(c: AstravueClient, a: argparse.Namespace, out: TextIO) -> None:
    _emit(a, out, await c.projects.list(a.space_id, limit=a.limit).to_list(), PROJECT_COLUMNS)


async def _tasks_list(c: AstravueClient, a: argparse.Namespace, out: TextIO) -> None:
    tasks = c.tasks.list(status=a.status, priority=a.priority, search=a.search, limit=a.limit)
    _emit(a, out, await tasks.to_list(), TASK_COLUMNS)


async def _tasks_get(c: AstravueClient, a: argparse.Namespace, out: TextIO) -> None:
    _emit(a, out, await c.tasks.get(a.task_id), TASK_COLUMNS)


def _given(**options: Any) -> dict[str, Any]:
    """The options the user set. argparse's None means "not on the command line", which the
    SDK spells NOT_GIVEN (leave unchanged); its None would send JSON null (clear the field)."""
    return {name: value for name, value in options.items() if value is not None}


def _task_fields(a: argparse.Namespace) -> dict[str, Any]:
    return _given(
        description=a.description,
        status=a.status,
        priority=a.priority,
        due_date=a.due,
        owners=a.owner or None,
        tags=a.tag or None,
    )


async def _tasks_create(c: AstravueClient, a: argparse.Namespace, out: TextIO) -> None:
    _emit(a, out, await c.tasks.create(task_title=a.title, **_task_fields(a)), TASK_COLUMNS)


async def _tasks_update(c: AstravueClient, a: argparse.Namespace, out: TextIO) -> None:
    task = await c.tasks.update(
        a.task_id, **_given(task_title=a.title, completion=a.completion), **_task_fields(a)
    )
    _emit(a, out, task, TASK_COLUMNS)


async def _tasks_delete(c: AstravueClient, a: argparse.Namespace, out: TextIO) -> None:
    await c.tasks.delete(a.task_id)
    _emit(a, out, {"deleted": a.task_id} if a.json else f"deleted task {a.task_id}")


async def _project_tasks_list(c: AstravueClient, a: argparse.Namespace, out: TextIO) -> None:
    tasks = c.project_tasks.list(a.space_id, a.project_id, status=a.status, limit=a.limit)
    _emit(a, out, await tasks.to_list(), TASK_COLUMNS)


async def _timer_start(c: AstravueClient, a: argparse.Namespace, out: TextIO) -> None:
    entry = await c.timers.start(a.task_id, project_id=a.project_id, **_given(notes=a.notes))
    _emit(a, out, entry, TIMER_COLUMNS)


async def _timer_stop(c: AstravueClient, a: argparse.Namespace, out: TextIO) -> None:
    _emit(a, out, await c.timers.stop(a.task_id, **_given(notes=a.notes)), TIMER_COLUMNS)


async def _timer_active(c: AstravueClient, a: argparse.Namespace, out: TextIO) -> None:
    columns: list[tuple[str, Callable[[Any], Any]]] = [
        ("ID", lambda t: t.time_tracker_id),
        ("TASK", lambda t: t.task_id),
        ("TITLE", lambda t: t.task_title),
        ("START", lambda t: t.start_time),
    ]
    _emit(a, out, await c.timers.active().to_list(), columns)


async def _timer_log(c: AstravueClient, a: argparse.Namespace, out: TextIO) -> None:
    entry = await c.timers.add_manual(
        a.task_id,
        duration=a.duration,
        project_id=a.project_id,
        **_given(notes=a.notes, start_time=a.started),
    )
    _emit(a, out, entry, TIMER_COLUMNS)


async def _notifications_list(c: AstravueClient, a: argparse.Namespace, out: TextIO) -> None:
    items = c.notifications.list(unread_only=a.unread or None, limit=a.limit)
    _emit(a, out, await items.to_list(), NOTIFICATION_COLUMNS)


async def _notifications_read(c: AstravueClient, a: argparse.Namespace, out: TextIO) -> None:
    result = await c.notifications.mark_read(a.ids)
    _emit(a, out, result if a.json else f"marked {result.updated_count} as read")


async def _notifications_delete(c: AstravueClient, a: argparse.Namespace, out: TextIO) -> None:
    result = await c.notifications.delete(a.ids)
    _emit(a, out, result if a.json else f"deleted {result.deleted_count}")


async def run_api_command(command: ApiCommand, args: argparse.Namespace, out: TextIO) -> int:
    async with await _open_client(args) as client:
        await command(client, args, out)
    return EXIT_OK


# --------------------------------------------------------------------------- parser


def _add_task_fields(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--description")
    parser.add_argument("--status")
    parser.add_argument("--priority")
    parser.add_argument(
        "--due", type=parse_datetime, help="ISO-8601 with zone, e.g. 2024-05-01T17:00Z"
    )
    parser.add_argument("--owner", type=int, action="append", help="owner user id (repeatable)")
    parser.add_argument("--tag", action="append", help="tag (repeatable)")


def build_parser() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--profile", default=os.environ.get("ASTRAVUE_PROFILE", "default"))
    common.add_argument("--org", type=int, help="organisation id (X-Org-Id)")
    common.add_argument("--json", action="store_true", help="one JSON document on stdout")
    common.add_argument("--base-url", default=os.environ.get("ASTRAVUE_BASE_URL"))
    common.add_argument(
        "--proxy",
        metavar="URL",
        help="http:// or https:// proxy for the API and the token endpoint "
        "(http://user:password@host:port to authenticate); default: HTTPS_PROXY, "
        "HTTP_PROXY or ALL_PROXY from the environment, minus NO_PROXY hosts",
    )
    common.add_argument(
        "--no-env-proxy",
        action="store_true",
        help="ignore HTTPS_PROXY/HTTP_PROXY/ALL_PROXY in the environment",
    )

    parser = argparse.ArgumentParser(
        prog="astravue", description="Sign in to Astravue once, then script everyday tasks."
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    login = commands.add_parser(
        "login", parents=[common], help="sign in (authorization code + PKCE)"
    )
    login.add_argument("--client-id", required=True)
    login.add_argument("--client-secret")
    login.add_argument(
        "--port", type=int, default=DEFAULT_PORT, help="local redirect port (0: any)"
    )
    login.add_argument("--no-browser", action="store_true", help="print the URL, do not open it")
    login.add_argument("--timeout", type=float, default=LOGIN_TIMEOUT)
    login.add_argument("--authorize-url", default=DEFAULT_AUTHORIZE_URL)
    login.add_argument("--token-url", default=DEFAULT_TOKEN_URL)
    login.set_defaults(handler=cmd_login)

    commands.add_parser("logout", parents=[common], help="forget the stored token").set_defaults(
        handler=cmd_logout
    )
    token = commands.add_parser("token", parents=[common], help="show token expiry")
    token.add_argument("--show", action="store_true", help="also print the access token")
    token.set_defaults(handler=cmd_token)

    def api(
        group: argparse._SubParsersAction[argparse.ArgumentParser],
        name: str,
        fn: ApiCommand,
        help_: str,
    ) -> argparse.ArgumentParser:
        sub = group.add_parser(name, parents=[common], help=help_)
        sub.set_defaults(api_command=fn)
        return sub

    spaces = commands.add_parser("spaces", help="spaces").add_subparsers(dest="verb", required=True)
    api(spaces, "list", _spaces_list, "list spaces")

    projects = commands.add_parser("projects", help="projects").add_subparsers(
        dest="verb", required=True
    )
    p = api(projects, "list", _projects_list, "list projects of a space")
    p.add_argument("space_id", type=int)
    p.add_argument("--limit", type=int)

    tasks = commands.add_parser("tasks", help="personal tasks").add_subparsers(
        dest="verb", required=True
    )
    p = api(tasks, "list", _tasks_list, "list personal tasks")
    p.add_argument("--status")
    p.add_argument("--priority")
    p.add_argument("--search")
    p.add_argument("--limit", type=int)
    api(tasks, "get", _tasks_get, "show a task").add_argument("task_id", type=int)
    p = api(tasks, "create", _tasks_create, "create a task")
    p.add_argument("title")
    _add_task_fields(p)
    p = api(tasks, "update", _tasks_update, "change a task")
    p.add_argument("task_id", type=int)
    p.add_argument("--title")
    p.add_argument("--completion", type=int)
    _add_task_fields(p)
    api(tasks, "delete", _tasks_delete, "delete a task").add_argument("task_id", type=int)

    project_tasks = commands.add_parser("project-tasks", help="project tasks").add_subparsers(
        dest="verb", required=True
    )
    p = api(project_tasks, "list", _project_tasks_list, "list tasks of a project")
    p.add_argument("space_id", type=int)
    p.add_argument("project_id", type=int)
    p.add_argument("--status")
    p.add_argument("--limit", type=int)

    timer = commands.add_parser("timer", help="time tracking").add_subparsers(
        dest="verb", required=True
    )
    for name, fn, help_ in (
        ("start", _timer_start, "start a timer"),
        ("stop", _timer_stop, "stop a timer"),
    ):
        p = api(timer, name, fn, help_)
        p.add_argument("task_id", type=int)
        p.add_argument("--notes")
        if name == "start":
            p.add_argument("--project-id", type=int)
    api(timer, "active", _timer_active, "running timers")
    p = api(timer, "log", _timer_log, "log a duration, e.g. 1h30m")
    p.add_argument("task_id", type=int)
    p.add_argument("duration", type=parse_duration)
    p.add_argument("--project-id", type=int)
    p.add_argument("--notes")
    p.add_argument("--started", type=parse_datetime)

    notifications = commands.add_parser("notifications", help="notifications").add_subparsers(
        dest="verb", required=True
    )
    p = api(notifications, "list", _notifications_list, "list notifications")
    p.add_argument("--unread", action="store_true")
    p.add_argument("--limit", type=int)
    api(notifications, "read", _notifications_read, "mark as read").add_argument(
        "ids", type=int, nargs="+"
    )
    api(notifications, "delete", _notifications_delete, "delete").add_argument(
        "ids", type=int, nargs="+"
    )
    return parser


def main(
    argv: Sequence[str] | None = None, *, out: TextIO | None = None, err: TextIO | None = None
) -> int:
    """Run the command line; returns the exit code."""
    out = out or sys.stdout
    err = err or sys.stderr
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # argparse: --help (0) or a usage error (2)
        return int(exc.code or 0)
    if getattr(args, "command", None) == "login" and args.base_url is None:
        args.base_url = DEFAULT_BASE_URL
    try:
        if hasattr(args, "api_command"):
            return asyncio.run(run_api_command(args.api_command, args, out))
        handler: Callable[[argparse.Namespace, TextIO], Coroutine[Any, Any, int]] = args.handler
        return asyncio.run(handler(args, out))
    except UsageError as exc:
        print(f"astravue: {exc}", file=err)
        return EXIT_USAGE
    except (AuthNeeded, AuthenticationError) as exc:
        print(f"astravue: {exc}", file=err)
        return EXIT_AUTH
    except (TypeError, ValueError) as exc:
        if isinstance(exc, DecodeError):
            print(f"astravue: {exc}", file=err)
            return EXIT_API
        print(f"astravue: {exc}", file=err)
        return EXIT_USAGE
    except AstravueError as exc:
        print(f"astravue: {exc}", file=err)
        return EXIT_API
    except KeyboardInterrupt:
        print("astravue: interrupted", file=err)
        return 130
