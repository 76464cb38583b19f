"""``astravue``: sign in once (authorization code + PKCE), then script everyday tasks.

The API only offers the authorization-code flow, so getting the first refresh token is the
hard part for a bot or a batch job: ``astravue login`` does it with a one-shot local redirect
listener and stores the token set (mode 0600) for later runs and for ``from_env``-style use.

Exit codes: 0 ok (also when the reader of stdout goes away early, as with ``| head``),
1 API error (including timeouts and unreachable servers), 2 usage error, 3 authentication
needed, 130 interrupted. Every error is exactly one line on stderr; tokens and secrets are
never printed unless asked for (``astravue token --show``).
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import io
import json
import logging
import os
import re
import sys
import warnings
import webbrowser
from collections.abc import (
    AsyncGenerator,
    Awaitable,
    Callable,
    Coroutine,
    Iterable,
    Iterator,
    Sequence,
)
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any, NoReturn, TextIO, cast

import aiohttp
from aiohttp import web
from yarl import URL

from astravue_async import _argtypes as argtypes
from astravue_async import _log as sdk_log
from astravue_async._convert import unstructure
from astravue_async._errors import AstravueError, AuthenticationError, DecodeError
from astravue_async._pagination import Page, Paginator
from astravue_async._response_head import session_limits
from astravue_async._transport import (
    DEFAULT_BASE_URL,
    DEFAULT_TIMEOUT,
    LOCAL_HOSTS,
    check_proxy,
    environment_proxy,
)
from astravue_async._version import __version__
from astravue_async.auth import (
    DEFAULT_AUTHORIZE_URL,
    DEFAULT_TOKEN_URL,
    OAuth2Token,
    TokenStore,
    build_authorization_url,
    exchange_code,
)
from astravue_async.client import AstravueClient
from astravue_async.stores import JSONFileTokenStore, write_private_file

__all__ = ["main", "parse_duration"]

EXIT_OK, EXIT_API, EXIT_USAGE, EXIT_AUTH, EXIT_INTERRUPTED = 0, 1, 2, 3, 130
DEFAULT_PORT = 8765
LOGIN_TIMEOUT = 300.0
DEFAULT_MAX_RETRIES = 3
_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
_LOGGER = "astravue_async"

EPILOG = f"""\
environment variables (they beat the stored profile, for every command):
  ASTRAVUE_ACCESS_TOKEN    access token to use instead of the stored sign-in
  ASTRAVUE_REFRESH_TOKEN   refresh token to use instead of the stored sign-in (needs
                           ASTRAVUE_CLIENT_ID; ASTRAVUE_CLIENT_SECRET for confidential clients)
  ASTRAVUE_CLIENT_ID       client id the refresh token was issued to
  ASTRAVUE_CLIENT_SECRET   client secret of a confidential client
  ASTRAVUE_ORG_ID          organisation id (X-Org-Id); --org beats it
  ASTRAVUE_BASE_URL        API base URL (default {DEFAULT_BASE_URL}); --base-url beats it
  ASTRAVUE_TOKEN_URL       token endpoint used to refresh (default: Astravue's Keycloak)
  ASTRAVUE_PROFILE         stored profile to use (default "default"); --profile beats it
  XDG_CONFIG_HOME          where profiles and tokens are stored (default ~/.config)
  HTTPS_PROXY, HTTP_PROXY, ALL_PROXY, NO_PROXY   proxy settings (see --proxy, --no-env-proxy)
When ASTRAVUE_ACCESS_TOKEN or ASTRAVUE_REFRESH_TOKEN is set, the stored profile is not read.

exit codes:
  0    ok (also when the reader of stdout stops early, e.g. `| head -n 1`)
  1    API error: an error answer, a timeout (--timeout), an unreachable server
  2    usage error: a bad option or argument; nothing was sent
  3    authentication needed: not signed in, or the sign-in was refused or expired
  130  interrupted (Ctrl-C)
Every error is one line on stderr; -v/--verbose also shows the SDK's log (retries, refreshes).
"""


class UsageError(Exception):
    """Bad command-line input found after parsing (exit code 2)."""


class AuthNeeded(Exception):
    """No usable credentials (exit code 3)."""


class _Parser(argparse.ArgumentParser):
    """argparse, but a usage error is one line on stderr (``prog: message``), not a usage
    block followed by the message: every error the CLI reports is one line."""

    def error(self, message: str) -> NoReturn:
        self.exit(EXIT_USAGE, f"{self.prog}: {message} (see `{self.prog} --help`)\n")


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


def _env(name: str) -> str | None:
    value = os.environ.get("ASTRAVUE_" + name)
    return value if value else None


@dataclass(frozen=True, repr=False)
class _Credentials:
    """Where a command's token comes from. No repr: it holds tokens and the client secret."""

    source: str  # for messages: "the environment" or "profile 'name'"
    token: OAuth2Token
    client_id: str | None
    client_secret: str | None
    store: TokenStore | None
    profile: dict[str, Any]


async def _load_credentials(args: argparse.Namespace, *, need_profile: bool) -> _Credentials:
    """The one source of credentials for every command.

    The variables win as a unit: with ASTRAVUE_ACCESS_TOKEN or ASTRAVUE_REFRESH_TOKEN set, the
    token, client id and secret all come from the environment and the stored profile is not
    read at all, so a token is never sent to a server or organisation remembered for another
    sign-in.
    """
    access, refresh_token = _env("ACCESS_TOKEN"), _env("REFRESH_TOKEN")
    if access is not None or refresh_token is not None:
        client_id = _env("CLIENT_ID")
        if refresh_token is not None:
            if client_id is None:
                raise UsageError(
                    "ASTRAVUE_REFRESH_TOKEN is set but ASTRAVUE_CLIENT_ID is not: set it (and "
                    "ASTRAVUE_CLIENT_SECRET for a confidential client)"
                )
            token = OAuth2Token(
                # No usable access token yet: an expired placeholder forces a refresh.
                access_token=access or "-",
                refresh_token=refresh_token,
                expires_at=None if access else _EPOCH,
            )
        else:
            assert access is not None
            token = OAuth2Token(access_token=access)
        return _Credentials(
            "the environment", token, client_id, _env("CLIENT_SECRET"), None, profile={}
        )
    profile = _read_profiles().get(args.profile)
    store = JSONFileTokenStore(credentials_path(), args.profile)
    stored = await store.load()
    if stored is None or (need_profile and not isinstance(profile, dict)):
        raise AuthNeeded(
            f"not signed in (profile {args.profile!r}): run `astravue login --client-id ...` "
            "or set ASTRAVUE_ACCESS_TOKEN"
        )
    settings = profile if isinstance(profile, dict) else {}
    client_id = settings.get("client_id") if stored.refresh_token else None
    return _Credentials(
        f"profile {args.profile!r}",
        stored,
        client_id if isinstance(client_id, str) and client_id else None,
        settings.get("client_secret"),
        store,
        settings,
    )


def _public_url(url: URL) -> str:
    # Credentials in a URL must not reach the terminal through an error message.
    return str(url.with_user(None)) if url.user is not None else str(url)


def _checked_url(text: str, what: str, args: argparse.Namespace) -> str:
    """``text`` if it is an http(s) URL the CLI may send tokens to; else a UsageError that
    speaks in flags (the SDK's own message names Python keywords)."""
    url = URL(text)
    if url.scheme not in ("http", "https") or not url.host:
        raise UsageError(f"{what} must be an http(s) URL with a host, got {_public_url(url)!r}")
    if url.scheme == "http" and url.host not in LOCAL_HOSTS and not args.allow_insecure_http:
        raise UsageError(
            f"refusing plain-http {what} {_public_url(url)!r}: tokens would travel "
            "unencrypted; use https, or pass --allow-insecure-http if you really mean it"
        )
    return text


def _org_id(args: argparse.Namespace, profile: dict[str, Any]) -> int:
    raw = args.org if args.org is not None else _env("ORG_ID") or profile.get("org_id")
    if raw is None:
        raise UsageError("no organisation: pass --org ID or set ASTRAVUE_ORG_ID")
    try:
        return int(raw)
    except (TypeError, ValueError):
        raise UsageError(f"organisation id must be an integer, got {raw!r}") from None


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
    # Server data must not steer the terminal: control characters (newlines, escape
    # sequences) would break the table or recolour it, so they show as visible codes.
    text = "".join(ch if ch.isprintable() else repr(ch)[1:-1] for ch in text)
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


Columns = list[tuple[str, Callable[[Any], Any]]]

TASK_COLUMNS: Columns = [
    ("ID", lambda t: t.task_id),
    ("TITLE", lambda t: t.task_title),
    ("STATUS", lambda t: t.status.status_name if t.status else None),
    ("PRIORITY", lambda t: t.priority.priority_label if t.priority else None),
    ("DUE", lambda t: t.due_date),
    ("DONE %", lambda t: t.completion),
]
SPACE_COLUMNS: Columns = [
    ("ID", lambda s: s.space_id),
    ("NAME", lambda s: s.space_name),
    ("PRIVATE", lambda s: s.is_private),
]
PROJECT_COLUMNS: Columns = [
    ("ID", lambda p: p.project_id),
    ("NAME", lambda p: p.project_name),
    ("STATUS", lambda p: p.status),
    ("HEALTH", lambda p: p.health),
]
TIMER_COLUMNS: Columns = [
    ("ID", lambda t: t.time_tracker_id),
    ("TASK", lambda t: t.task_id),
    ("START", lambda t: t.start_time),
    ("MINUTES", lambda t: None if t.duration is None else round(t.duration / timedelta(minutes=1))),
    ("NOTES", lambda t: t.notes),
]
ACTIVE_TIMER_COLUMNS: Columns = [
    ("ID", lambda t: t.time_tracker_id),
    ("TASK", lambda t: t.task_id),
    ("TITLE", lambda t: t.task_title),
    ("START", lambda t: t.start_time),
]
NOTIFICATION_COLUMNS: Columns = [
    ("ID", lambda n: n.notification_id),
    ("TYPE", lambda n: n.type),
    ("READ", lambda n: n.is_read),
    ("TITLE", lambda n: n.title),
    ("WHEN", lambda n: n.create_time),
]


class _Progress:
    """``N items…`` on stderr while a list is fetched, only when stderr is a terminal (a
    redirected stderr gets nothing, so logs and pipes stay clean)."""

    def __init__(self, err: TextIO) -> None:
        try:
            self._enabled = err.isatty()
        except (AttributeError, ValueError, OSError):
            self._enabled = False
        self._err = err
        self._shown = False

    def update(self, count: int) -> None:
        if self._enabled:
            self._err.write(f"\r{count} items…")
            self._err.flush()
            self._shown = True

    def clear(self) -> None:
        if self._shown:
            self._err.write("\r\033[K")
            self._err.flush()
            self._shown = False


def _dumps(value: Any, *, indent: int | None = None) -> str:
    return json.dumps(_plain(value), indent=indent, ensure_ascii=False)


def _emit(
    args: argparse.Namespace, out: TextIO, value: Any, columns: Columns | None = None
) -> None:
    if args.json:
        print(_dumps(value, indent=2), file=out)
    elif columns is not None:
        print_table(value if isinstance(value, list) else [value], columns, out)
    else:
        print(value, file=out)


async def _emit_list(
    args: argparse.Namespace, out: TextIO, items: Paginator[Any], columns: Columns
) -> None:
    """A listing: ``--jsonl`` prints each item as it arrives (flat memory, starts at once);
    a table or ``--json`` needs every item first (column widths, one document)."""
    progress: _Progress = args.progress
    collected: list[Any] = []
    count = 0
    try:
        pages = cast("AsyncGenerator[Page[Any], None]", items.pages())
        async with contextlib.aclosing(pages):
            async for page in pages:
                for item in page.items:
                    if args.jsonl:
                        out.write(_dumps(item) + "\n")
                        out.flush()
                    else:
                        collected.append(item)
                count += len(page.items)
                progress.update(count)
    finally:
        progress.clear()
    if not args.jsonl:
        _emit(args, out, collected, columns)


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
    base_url = _checked_url(args.base_url or _env("BASE_URL") or DEFAULT_BASE_URL, "base URL", args)
    token_url = _checked_url(
        args.token_url or _env("TOKEN_URL") or DEFAULT_TOKEN_URL, "token URL", args
    )
    args.token_url = token_url
    if args.client_secret is None:
        args.client_secret = _env("CLIENT_SECRET")
    _checked_url(args.authorize_url, "authorize URL", args)
    proxy = check_proxy(args.proxy) or (None if args.no_env_proxy else environment_proxy(token_url))
    authorization: dict[str, Any] = {}

    def ready(port: int) -> None:
        redirect_uri = f"http://127.0.0.1:{port}/callback"
        request = build_authorization_url(
            args.client_id, redirect_uri, authorize_url=args.authorize_url
        )
        authorization.update(request=request, redirect_uri=redirect_uri)
        # On stderr: the URL must reach the user while the command waits, and stdout holds
        # only the result (one JSON document with --json).
        print(f"Open this URL to sign in:\n{request.url}", file=args.prompt_stream, flush=True)
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
    async with aiohttp.ClientSession(**session_limits()) as session:
        token = await exchange_code(
            session,
            code=code,
            redirect_uri=authorization["redirect_uri"],
            client_id=args.client_id,
            client_secret=args.client_secret,
            code_verifier=request.code_verifier,
            token_url=token_url,
            proxy=proxy,
        )
    await JSONFileTokenStore(credentials_path(), args.profile).save(token)
    profiles = _read_profiles()
    profiles[args.profile] = {
        "client_id": args.client_id,
        "client_secret": args.client_secret,
        "org_id": args.org,
        "base_url": base_url,
        "token_url": token_url,
    }
    _write_profiles(profiles)
    if args.json:
        summary = {"profile": args.profile, "client_id": args.client_id, "org_id": args.org}
        print(json.dumps({**summary, "credentials": str(credentials_path())}), file=out)
        return EXIT_OK
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
    if args.json:
        print(json.dumps({"signed_out": args.profile}), file=out)
    else:
        print(f"Signed out of profile {args.profile!r}.", file=out)
    return EXIT_OK


async def cmd_token(args: argparse.Namespace, out: TextIO) -> int:
    # The same credentials an API command would use: the variables beat the stored profile.
    credentials = await _load_credentials(args, need_profile=False)
    token = credentials.token
    usable = token.access_token if token.expires_at != _EPOCH else None
    if args.json:
        data: dict[str, Any] = {
            "source": "environment" if credentials.store is None else "profile",
            "profile": None if credentials.store is None else args.profile,
            "expires_at": token.expires_at.isoformat() if usable and token.expires_at else None,
            "has_access_token": usable is not None,
            "has_refresh_token": token.refresh_token is not None,
        }
        if args.show:
            data["access_token"] = usable
        print(json.dumps(data), file=out)
        return EXIT_OK
    if usable is None:
        expiry = "none yet (only a refresh token; API commands refresh it first)"
    else:
        expiry = token.expires_at.isoformat() if token.expires_at else "unknown"
    print(f"{credentials.source}: access token expires at {expiry}; "
          f"refresh token {'present' if token.refresh_token else 'absent'}", file=out)  # fmt: skip
    if args.show and usable is not None:
        print(usable, file=out)
    return EXIT_OK


# --------------------------------------------------------------------------- API commands


async def _open_client(args: argparse.Namespace) -> AstravueClient:
    """A client from the one credential source (see :func:`_load_credentials`); settings
    come from the flag, else the variable, else the profile, else the default."""
    credentials = await _load_credentials(args, need_profile=True)
    profile = credentials.profile
    base_url = args.base_url or _env("BASE_URL") or profile.get("base_url") or DEFAULT_BASE_URL
    token_url = _env("TOKEN_URL") or profile.get("token_url") or DEFAULT_TOKEN_URL
    return AstravueClient(
        org_id=_org_id(args, profile),
        token=credentials.token,
        client_id=credentials.client_id if credentials.token.refresh_token else None,
        client_secret=credentials.client_secret,
        token_store=credentials.store,
        base_url=_checked_url(base_url, "base URL", args),
        token_url=_checked_url(token_url, "token URL", args),
        timeout=args.timeout,
        max_retries=args.max_retries,
        allow_insecure_http=args.allow_insecure_http,
        proxy=args.proxy,
        trust_env=not args.no_env_proxy,
    )


@dataclass(frozen=True)
class _Field:
    """One request-body field as a command-line option."""

    keyword: str  # the SDK method's keyword
    flag: str
    help: str
    type: Callable[[str], Any] | None = None
    metavar: str | None = None
    repeat: bool = False
    flag_bool: bool = False  # --flag / --no-flag
    # May be cleared on update: --clear-<flag> sends JSON null.
    nullable: bool = False


def _task_fields() -> list[_Field]:
    return [
        _Field("description", "--description", "description text; @<userId> mentions a user",
               metavar="TEXT", nullable=True),
        _Field("status", "--status", "status name, one of the organisation's own labels "
               "(e.g. 'In Progress')", metavar="NAME"),
        _Field("priority", "--priority", "priority label, one of the organisation's own "
               "(e.g. High)", metavar="LABEL"),
        _Field("start_date", "--start", "planned start, ISO-8601 with zone "
               "(e.g. 2024-05-01T09:00Z)", parse_datetime, "WHEN", nullable=True),
        _Field("due_date", "--due", "due date, ISO-8601 with zone (e.g. 2024-05-01T17:00Z)",
               parse_datetime, "WHEN", nullable=True),
        _Field("completion", "--completion", "percent done, 0 to 100", int, "PERCENT"),
        _Field("owners", "--owner", "owner user id (repeat for several; replaces the list)",
               int, "USER_ID", repeat=True),
        _Field("tags", "--tag", "tag (repeat for several; replaces the list)", metavar="TAG",
               repeat=True),
    ]  # fmt: skip


def _project_fields() -> list[_Field]:
    return [
        _Field("description", "--description", "description text", metavar="TEXT",
               nullable=True),
        _Field("status", "--status", "NOT_STARTED, IN_PROGRESS, ON_HOLD, COMPLETED or "
               "CANCELLED (other values the server knows are passed through)", metavar="STATUS"),
        _Field("priority", "--priority", "priority label", metavar="LABEL"),
        _Field("health", "--health", "ON_TRACK, AT_RISK or OFF_TRACK", metavar="HEALTH"),
        _Field("start_date", "--start", "start, ISO-8601 with zone", parse_datetime, "WHEN",
               nullable=True),
        _Field("end_date", "--end", "end, ISO-8601 with zone", parse_datetime, "WHEN",
               nullable=True),
        _Field("budget", "--budget", "planned budget amount (0 or more)", float, "AMOUNT"),
        _Field("currency", "--currency", "ISO 4217 currency code of the budget, e.g. EUR",
               metavar="CODE"),
        _Field("member_ids", "--member", "user id to add as a member (repeat for several)",
               int, "USER_ID", repeat=True),
    ]  # fmt: skip


def _space_fields() -> list[_Field]:
    return [
        _Field("description", "--description", "description text", metavar="TEXT",
               nullable=True),
        _Field("color", "--color", "display colour, hex (e.g. '#3366ff')", metavar="HEX"),
        _Field("is_private", "--private", "only invited members see the space "
               "(--no-private: everyone in the organisation)", flag_bool=True),
    ]  # fmt: skip


def _add_fields(parser: argparse.ArgumentParser, fields: list[_Field], *, update: bool) -> None:
    for field in fields:
        target: Any = parser
        if update and field.nullable:
            target = parser.add_mutually_exclusive_group()
        dest = "field_" + field.keyword
        if field.flag_bool:
            target.add_argument(
                field.flag, dest=dest, action=argparse.BooleanOptionalAction, help=field.help
            )
        elif field.repeat:
            target.add_argument(
                field.flag,
                dest=dest,
                type=field.type,
                metavar=field.metavar,
                action="append",
                help=field.help,
            )
        else:
            target.add_argument(
                field.flag, dest=dest, type=field.type, metavar=field.metavar, help=field.help
            )
        if update and field.nullable:
            target.add_argument(
                "--clear-" + field.flag[2:],
                dest="clear_" + field.keyword,
                action="store_true",
                help=f"clear {field.flag}: sends null",
            )


def _field_values(args: argparse.Namespace, fields: list[_Field]) -> dict[str, Any]:
    """The fields the user gave. An option not given is not sent at all (the SDK's NOT_GIVEN:
    unchanged); ``--clear-X`` sends ``None`` (JSON null: cleared)."""
    values: dict[str, Any] = {}
    for field in fields:
        value = getattr(args, "field_" + field.keyword)
        if value is not None:
            values[field.keyword] = value
        elif getattr(args, "clear_" + field.keyword, False):
            values[field.keyword] = None
    return values


def _changes(args: argparse.Namespace, fields: list[_Field], **named: Any) -> dict[str, Any]:
    changes = {key: value for key, value in named.items() if value is not None}
    changes.update(_field_values(args, fields))
    if not changes:
        raise UsageError("nothing to change: give at least one option (see --help)")
    return changes


ApiCommand = Callable[[AstravueClient, argparse.Namespace, TextIO], Awaitable[None]]


def _deleted(a: argparse.Namespace, out: TextIO, what: str, ident: int) -> None:
    _emit(a, out, {"deleted": ident} if a.json else f"deleted {what} {ident}")


# spaces


async def _spaces_list(c: AstravueClient, a: argparse.Namespace, out: TextIO) -> None:
    await _emit_list(a, out, c.spaces.list(), SPACE_COLUMNS)


async def _spaces_get(c: AstravueClient, a: argparse.Namespace, out: TextIO) -> None:
    _emit(a, out, await c.spaces.get(a.space_id), SPACE_COLUMNS)


async def _spaces_create(c: AstravueClient, a: argparse.Namespace, out: TextIO) -> None:
    fields = _field_values(a, _space_fields())
    _emit(a, out, await c.spaces.create(space_name=a.name, **fields), SPACE_COLUMNS)


async def _spaces_update(c: AstravueClient, a: argparse.Namespace, out: TextIO) -> None:
    changes = _changes(a, _space_fields(), space_name=a.name)
    _emit(a, out, await c.spaces.update(a.space_id, **changes), SPACE_COLUMNS)


async def _spaces_delete(c: AstravueClient, a: argparse.Namespace, out: TextIO) -> None:
    await c.spaces.delete(a.space_id)
    _deleted(a, out, "space", a.space_id)


# projects


async def _projects_list(c: AstravueClient, a: argparse.Namespace, out: TextIO) -> None:
    projects = c.projects.list(a.space_id, sort=a.sort, page_size=a.page_size, limit=a.limit)
    await _emit_list(a, out, projects, PROJECT_COLUMNS)


async def _projects_get(c: AstravueClient, a: argparse.Namespace, out: TextIO) -> None:
    _emit(a, out, await c.projects.get(a.space_id, a.project_id), PROJECT_COLUMNS)


async def _projects_create(c: AstravueClient, a: argparse.Namespace, out: TextIO) -> None:
    fields = _field_values(a, _project_fields())
    project = await c.projects.create(a.space_id, project_name=a.name, **fields)
    _emit(a, out, project, PROJECT_COLUMNS)


async def _projects_update(c: AstravueClient, a: argparse.Namespace, out: TextIO) -> None:
    changes = _changes(a, _project_fields(), project_name=a.name)
    project = await c.projects.update(a.space_id, a.project_id, **changes)
    _emit(a, out, project, PROJECT_COLUMNS)


async def _projects_delete(c: AstravueClient, a: argparse.Namespace, out: TextIO) -> None:
    await c.projects.delete(a.space_id, a.project_id)
    _deleted(a, out, "project", a.project_id)


# personal tasks


def _task_filters(a: argparse.Namespace) -> dict[str, Any]:
    return {
        "sort": a.sort,
        "status": a.status,
        "priority": a.priority,
        "search": a.search,
        "due_date_from": a.due_from,
        "due_date_to": a.due_to,
        "owner_id": a.owner_id,
        "page_size": a.page_size,
        "limit": a.limit,
    }


async def _tasks_list(c: AstravueClient, a: argparse.Namespace, out: TextIO) -> None:
    await _emit_list(a, out, c.tasks.list(**_task_filters(a)), TASK_COLUMNS)


async def _tasks_get(c: AstravueClient, a: argparse.Namespace, out: TextIO) -> None:
    _emit(a, out, await c.tasks.get(a.task_id), TASK_COLUMNS)


async def _tasks_create(c: AstravueClient, a: argparse.Namespace, out: TextIO) -> None:
    fields = _field_values(a, _task_fields())
    _emit(a, out, await c.tasks.create(task_title=a.title, **fields), TASK_COLUMNS)


async def _tasks_update(c: AstravueClient, a: argparse.Namespace, out: TextIO) -> None:
    changes = _changes(a, _task_fields(), task_title=a.title)
    _emit(a, out, await c.tasks.update(a.task_id, **changes), TASK_COLUMNS)


async def _tasks_delete(c: AstravueClient, a: argparse.Namespace, out: TextIO) -> None:
    await c.tasks.delete(a.task_id)
    _deleted(a, out, "task", a.task_id)


# project tasks


async def _project_tasks_list(c: AstravueClient, a: argparse.Namespace, out: TextIO) -> None:
    tasks = c.project_tasks.list(a.space_id, a.project_id, **_task_filters(a))
    await _emit_list(a, out, tasks, TASK_COLUMNS)


async def _project_tasks_get(c: AstravueClient, a: argparse.Namespace, out: TextIO) -> None:
    task = await c.project_tasks.get(a.space_id, a.project_id, a.task_id)
    _emit(a, out, task, TASK_COLUMNS)


async def _project_tasks_create(c: AstravueClient, a: argparse.Namespace, out: TextIO) -> None:
    fields = _field_values(a, _task_fields())
    task = await c.project_tasks.create(a.space_id, a.project_id, task_title=a.title, **fields)
    _emit(a, out, task, TASK_COLUMNS)


async def _project_tasks_update(c: AstravueClient, a: argparse.Namespace, out: TextIO) -> None:
    changes = _changes(a, _task_fields(), task_title=a.title)
    task = await c.project_tasks.update(a.space_id, a.project_id, a.task_id, **changes)
    _emit(a, out, task, TASK_COLUMNS)


async def _project_tasks_delete(c: AstravueClient, a: argparse.Namespace, out: TextIO) -> None:
    await c.project_tasks.delete(a.space_id, a.project_id, a.task_id)
    _deleted(a, out, "project task", a.task_id)


# timers


def _given(**options: Any) -> dict[str, Any]:
    """The options the user set. argparse's None means "not on the command line", which the
    SDK spells NOT_GIVEN (leave unchanged); its None would send JSON null (clear the field)."""
    return {name: value for name, value in options.items() if value is not None}


async def _timer_start(c: AstravueClient, a: argparse.Namespace, out: TextIO) -> None:
    entry = await c.timers.start(a.task_id, project_id=a.project_id, **_given(notes=a.notes))
    _emit(a, out, entry, TIMER_COLUMNS)


async def _timer_stop(c: AstravueClient, a: argparse.Namespace, out: TextIO) -> None:
    _emit(a, out, await c.timers.stop(a.task_id, **_given(notes=a.notes)), TIMER_COLUMNS)


async def _timer_active(c: AstravueClient, a: argparse.Namespace, out: TextIO) -> None:
    await _emit_list(a, out, c.timers.active(user_id=a.user_id), ACTIVE_TIMER_COLUMNS)


async def _timer_log(c: AstravueClient, a: argparse.Namespace, out: TextIO) -> None:
    entry = await c.timers.add_manual(
        a.task_id,
        duration=a.duration,
        project_id=a.project_id,
        **_given(notes=a.notes, start_time=a.started),
    )
    _emit(a, out, entry, TIMER_COLUMNS)


# notifications


async def _notifications_list(c: AstravueClient, a: argparse.Namespace, out: TextIO) -> None:
    items = c.notifications.list(
        sort=a.sort, type=a.type, unread_only=a.unread or None, page_size=a.page_size,
        limit=a.limit,
    )  # fmt: skip
    await _emit_list(a, out, items, NOTIFICATION_COLUMNS)


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


def _add_list_options(parser: argparse.ArgumentParser, *, paged: bool = True) -> None:
    parser.add_argument(
        "--jsonl",
        action="store_true",
        help="one JSON object per line, printed as each page arrives (flat memory)",
    )
    if paged:
        parser.add_argument(
            "--limit",
            type=argtypes.whole_number(1),
            metavar="N",
            help="stop after N items (default: all)",
        )
        parser.add_argument(
            "--page-size",
            type=argtypes.whole_number(1),
            metavar="N",
            help="items per request, 1 to 100 (default: the server's, 20)",
        )
        parser.add_argument(
            "--sort", metavar="FIELD,DIR", help="sort order, e.g. dueDate,desc or createTime,asc"
        )


def _add_task_filters(parser: argparse.ArgumentParser) -> None:
    _add_list_options(parser)
    parser.add_argument("--status", metavar="NAME", help="only tasks with this status name")
    parser.add_argument("--priority", metavar="LABEL", help="only tasks with this priority")
    parser.add_argument(
        "--search", metavar="TEXT", help="case-insensitive text in title or description"
    )
    parser.add_argument(
        "--due-from", type=parse_datetime, metavar="WHEN",
        help="only tasks due at or after WHEN (ISO-8601 with zone)",
    )  # fmt: skip
    parser.add_argument(
        "--due-to", type=parse_datetime, metavar="WHEN",
        help="only tasks due at or before WHEN (ISO-8601 with zone)",
    )  # fmt: skip
    parser.add_argument(
        "--owner", dest="owner_id", type=int, metavar="USER_ID",
        help="only tasks owned by this user",
    )  # fmt: skip


def _common_options() -> _Parser:
    common = _Parser(add_help=False)
    common.add_argument(
        "--profile",
        default=os.environ.get("ASTRAVUE_PROFILE") or "default",
        help="stored sign-in to use (default: $ASTRAVUE_PROFILE or 'default')",
    )
    common.add_argument(
        "--org", type=int, metavar="ID", help="organisation id (X-Org-Id); beats ASTRAVUE_ORG_ID"
    )
    common.add_argument("--json", action="store_true", help="print one JSON document on stdout")
    common.add_argument(
        "--base-url",
        metavar="URL",
        help="API base URL (default: $ASTRAVUE_BASE_URL, the profile's, or Astravue's)",
    )
    common.add_argument(
        "--allow-insecure-http",
        action="store_true",
        help="allow a plain-http URL that is not this machine (tokens travel unencrypted)",
    )
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
    common.add_argument(
        "-v",
        "--verbose",
        action="store_true",
        help="also show the SDK's log on stderr (retries, token refreshes)",
    )
    return common


def _api_options() -> _Parser:
    api = _Parser(add_help=False)
    api.add_argument(
        "--timeout",
        type=argtypes.seconds(allow_zero=False),
        default=DEFAULT_TIMEOUT,
        metavar="SECONDS",
        help="seconds each API call may take in all, retries and token refresh included "
        f"(default {DEFAULT_TIMEOUT:g}); then exit 1",
    )
    api.add_argument(
        "--max-retries",
        type=argtypes.whole_number(0),
        default=DEFAULT_MAX_RETRIES,
        metavar="N",
        help=f"times a failed call may be repeated, 0 for never (default {DEFAULT_MAX_RETRIES})",
    )
    return api


def build_parser() -> argparse.ArgumentParser:
    common = _common_options()
    api_options = _api_options()

    parser = _Parser(
        prog="astravue",
        description="Sign in to Astravue once, then script everyday tasks.",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument(
        "--version", action="version", version=f"astravue {__version__} (astravue-async)"
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    login = commands.add_parser(
        "login", parents=[common], help="sign in (authorization code + PKCE)"
    )
    login.add_argument("--client-id", required=True, help="client id of your Astravue API app")
    login.add_argument(
        "--client-secret",
        help="client secret (confidential clients only; default: ASTRAVUE_CLIENT_SECRET, "
        "which keeps it out of the process list)",
    )
    login.add_argument(
        "--port",
        type=argtypes.port,
        default=DEFAULT_PORT,
        help=f"local redirect port (default {DEFAULT_PORT}; 0: any free port; the app's "
        "registered redirect URI must name it)",
    )
    login.add_argument("--no-browser", action="store_true", help="print the URL, do not open it")
    login.add_argument(
        "--timeout",
        type=argtypes.seconds(allow_zero=False),
        default=LOGIN_TIMEOUT,
        metavar="SECONDS",
        help=f"seconds to wait for the sign-in redirect (default {LOGIN_TIMEOUT:g})",
    )
    login.add_argument(
        "--authorize-url", default=DEFAULT_AUTHORIZE_URL, metavar="URL",
        help="authorization endpoint (default: Astravue's Keycloak)",
    )  # fmt: skip
    login.add_argument(
        "--token-url", default=None, metavar="URL",
        help="token endpoint (default: ASTRAVUE_TOKEN_URL, else Astravue's Keycloak)",
    )  # fmt: skip
    login.set_defaults(handler=cmd_login)

    commands.add_parser("logout", parents=[common], help="forget the stored token").set_defaults(
        handler=cmd_logout
    )
    token = commands.add_parser(
        "token", parents=[common], help="show where the token comes from and its expiry"
    )
    token.add_argument("--show", action="store_true", help="also print the access token")
    token.set_defaults(handler=cmd_token)

    commands.add_parser(
        "fake",
        add_help=False,
        help="run a fake Astravue server on 127.0.0.1 for trying things out "
        "(`astravue fake --help`)",
    )

    def group(name: str, help_: str) -> argparse._SubParsersAction[_Parser]:
        return commands.add_parser(name, help=help_).add_subparsers(
            dest="verb", required=True, metavar="VERB"
        )

    def api(
        target: argparse._SubParsersAction[_Parser],
        name: str,
        fn: ApiCommand,
        help_: str,
    ) -> argparse.ArgumentParser:
        sub = target.add_parser(name, parents=[common, api_options], help=help_)
        sub.set_defaults(api_command=fn)
        return sub

    def ids(sub: argparse.ArgumentParser, *names: str) -> argparse.ArgumentParser:
        for name in names:
            sub.add_argument(name, type=int, help=name.replace("_", " "))
        return sub

    spaces = group("spaces", "spaces of the organisation")
    _add_list_options(api(spaces, "list", _spaces_list, "list spaces"), paged=False)
    ids(api(spaces, "get", _spaces_get, "show a space"), "space_id")
    p = api(spaces, "create", _spaces_create, "create a space")
    p.add_argument("name", help="space name")
    _add_fields(p, _space_fields(), update=False)
    p = ids(api(spaces, "update", _spaces_update, "change a space"), "space_id")
    p.add_argument("--name", help="new space name")
    _add_fields(p, _space_fields(), update=True)
    ids(api(spaces, "delete", _spaces_delete, "delete a space and all in it"), "space_id")

    projects = group("projects", "projects of a space")
    p = ids(api(projects, "list", _projects_list, "list projects of a space"), "space_id")
    _add_list_options(p)
    ids(api(projects, "get", _projects_get, "show a project"), "space_id", "project_id")
    p = ids(api(projects, "create", _projects_create, "create a project"), "space_id")
    p.add_argument("name", help="project name")
    _add_fields(p, _project_fields(), update=False)
    p = ids(api(projects, "update", _projects_update, "change a project"), "space_id", "project_id")
    p.add_argument("--name", help="new project name")
    _add_fields(p, _project_fields(), update=True)
    ids(api(projects, "delete", _projects_delete, "delete a project"), "space_id", "project_id")

    for noun, where, fns in (
        ("tasks", (), (_tasks_list, _tasks_get, _tasks_create, _tasks_update, _tasks_delete)),
        (
            "project-tasks",
            ("space_id", "project_id"),
            (
                _project_tasks_list,
                _project_tasks_get,
                _project_tasks_create,
                _project_tasks_update,
                _project_tasks_delete,
            ),
        ),
    ):
        kind = "personal tasks" if noun == "tasks" else "tasks of a project"
        verbs = group(noun, kind)
        list_fn, get_fn, create_fn, update_fn, delete_fn = fns
        _add_task_filters(ids(api(verbs, "list", list_fn, f"list {kind}"), *where))
        ids(api(verbs, "get", get_fn, "show a task"), *where, "task_id")
        p = ids(api(verbs, "create", create_fn, "create a task"), *where)
        p.add_argument("title", help="task title")
        _add_fields(p, _task_fields(), update=False)
        p = ids(api(verbs, "update", update_fn, "change a task"), *where, "task_id")
        p.add_argument("--title", help="new task title")
        _add_fields(p, _task_fields(), update=True)
        ids(api(verbs, "delete", delete_fn, "delete a task"), *where, "task_id")

    timer = group("timer", "time tracking")
    notes_help = "a note on the time entry"
    p = ids(api(timer, "start", _timer_start, "start a timer on a task"), "task_id")
    p.add_argument("--notes", help=notes_help)
    p.add_argument("--project-id", type=int, help="the task's project, for a project task")
    p = ids(api(timer, "stop", _timer_stop, "stop the running timer of a task"), "task_id")
    p.add_argument("--notes", help=notes_help)
    p = api(timer, "active", _timer_active, "running timers")
    _add_list_options(p, paged=False)
    p.add_argument(
        "--user", dest="user_id", type=int, metavar="USER_ID",
        help="whose timers (default: yours)",
    )  # fmt: skip
    p = ids(api(timer, "log", _timer_log, "log a duration, e.g. 1h30m"), "task_id")
    p.add_argument("duration", type=parse_duration, help="1h30m, 45m, 2h or minutes (90)")
    p.add_argument("--project-id", type=int, help="the task's project, for a project task")
    p.add_argument("--notes", help=notes_help)
    p.add_argument(
        "--started", type=parse_datetime, metavar="WHEN",
        help="when the work started, ISO-8601 with zone (default: the server's now)",
    )  # fmt: skip

    notifications = group("notifications", "your notifications and @mentions")
    p = api(notifications, "list", _notifications_list, "list notifications")
    _add_list_options(p)
    p.add_argument("--unread", action="store_true", help="only unread ones")
    p.add_argument(
        "--type", metavar="TYPE", help="only this kind: NOTIFICATION or MENTION (default: both)"
    )
    for name, fn, help_ in (
        ("read", _notifications_read, "mark notifications as read"),
        ("delete", _notifications_delete, "delete notifications"),
    ):
        api(notifications, name, fn, help_).add_argument(
            "ids", type=int, nargs="+", metavar="ID", help="notification id (one or more)"
        )
    return parser


# --------------------------------------------------------------------------- running


class _FoldedLog(logging.Handler):
    """Holds the SDK's warnings until the command ends: after an error they are dropped (the
    error line says what went wrong, e.g. a rejected refresh, so stderr keeps exactly one
    line per error); after success each is printed as one ``warning:`` line."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        try:
            self.messages.append(" ".join(record.getMessage().split()))
        except Exception:  # a broken log call must not end the command
            self.handleError(record)


@contextlib.contextmanager
def _sdk_log(verbose: bool, err: TextIO) -> Iterator[_FoldedLog]:
    logger = logging.getLogger(_LOGGER)
    folded = _FoldedLog()
    handler: logging.Handler | None = folded
    # ASTRAVUE_LOG=debug|info installs the SDK's own stderr handler (at the latest when the
    # client is created): then it alone prints the records, -v only lowers its level to
    # INFO, as another handler here would print every record a second time.
    readable = sdk_log.configure_from_env()
    saved = logger.level, logger.propagate
    if readable is not None:
        handler = None
        if verbose and readable.level > logging.INFO:
            readable.setLevel(logging.INFO)
            logger.setLevel(logging.INFO)
    elif verbose:
        handler = logging.StreamHandler(err)
        handler.setFormatter(logging.Formatter("astravue: %(levelname)s: %(message)s"))
        handler.setLevel(logging.INFO)
    if handler is not None:
        logger.addHandler(handler)
    # Without its own handler the logging module's last resort prints warnings on stderr
    # by themselves: a second line next to the error.
    logger.propagate = False
    if verbose and readable is None:
        logger.setLevel(logging.INFO)

    def show(message: Any, category: Any, *_: Any, **__: Any) -> None:
        logger.warning("%s", message)

    try:
        with warnings.catch_warnings():
            warnings.showwarning = show
            yield folded
    finally:
        if handler is not None:
            logger.removeHandler(handler)
        logger.level, logger.propagate = saved


def _dispatch(args: argparse.Namespace, out: TextIO) -> int:
    if hasattr(args, "api_command"):
        if args.json and getattr(args, "jsonl", False):
            raise UsageError("--json and --jsonl do not go together")
        return asyncio.run(run_api_command(args.api_command, args, out))
    handler: Callable[[argparse.Namespace, TextIO], Coroutine[Any, Any, int]] = args.handler
    return asyncio.run(handler(args, out))


def _detach(out: TextIO) -> None:
    """After a broken pipe: point the stream's descriptor at /dev/null, so the interpreter's
    final flush of what is still buffered does not fail (and print) once more."""
    try:
        fd = out.fileno()
    except (AttributeError, ValueError, OSError, io.UnsupportedOperation):
        return
    devnull = os.open(os.devnull, os.O_WRONLY)
    try:
        os.dup2(devnull, fd)
    finally:
        os.close(devnull)


def _fake(argv: Sequence[str]) -> int:
    from astravue_async.testing import serve  # the test kit loads only for this command

    try:
        return serve(list(argv), prog="astravue fake")
    except SystemExit as exc:  # its argparse: --help (0) or a usage error (2)
        return exc.code if isinstance(exc.code, int) else EXIT_USAGE


def main(
    argv: Sequence[str] | None = None, *, out: TextIO | None = None, err: TextIO | None = None
) -> int:
    """Run the command line.

    Args:
        argv: The arguments (default: ``sys.argv[1:]``).
        out: Where results go (default: stdout).
        err: Where the one-line error message goes (default: stderr).

    Returns:
        The exit code: 0 ok (also after a broken pipe on ``out``), 1 API error, 2 usage error, 3
        authentication needed, 130 interrupted.
    """
    out = out or sys.stdout
    err = err or sys.stderr
    arguments = list(sys.argv[1:] if argv is None else argv)
    if arguments[:1] == ["fake"]:
        # The fake has its own option parser; everything after `fake` is passed through.
        return _fake(arguments[1:])
    parser = build_parser()
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            args = parser.parse_args(arguments)
    except SystemExit as exc:  # argparse: --help/--version (0) or a usage error (2)
        return int(exc.code or 0)
    args.progress = _Progress(err)
    with _sdk_log(args.verbose, err) as folded:
        try:
            # Prompts that must reach the user while a command waits go to the error stream.
            args.prompt_stream = err
            code = _dispatch(args, out)
            out.flush()
        except BrokenPipeError:
            # The reader (`head`, a pager) has all it wanted: like `cat`, not an error.
            _detach(out)
            return EXIT_OK
        except UsageError as exc:
            return _fail(err, exc, EXIT_USAGE)
        except (AuthNeeded, AuthenticationError) as exc:
            if isinstance(exc, AuthenticationError) and _env("REFRESH_TOKEN"):
                # Signing in again stores a token in a profile, which the variables beat.
                return _fail(
                    err,
                    f"{exc} (ASTRAVUE_REFRESH_TOKEN is set: a rotating refresh token in a "  # noqa: S608 - prose, not SQL
                    "variable works for one refresh, since the command line cannot update "
                    "it; set the new token, or unset the ASTRAVUE_* token variables and use "
                    "`astravue login`)",
                    EXIT_AUTH,
                )
            return _fail(err, exc, EXIT_AUTH)
        except DecodeError as exc:
            return _fail(err, exc, EXIT_API)
        except (TypeError, ValueError) as exc:
            # The SDK checks arguments before sending (e.g. --completion 150).
            return _fail(err, exc, EXIT_USAGE)
        except AstravueError as exc:
            return _fail(err, exc, EXIT_API)
        except KeyboardInterrupt:
            return _fail(err, "interrupted", EXIT_INTERRUPTED)
    for message in folded.messages:
        print(f"astravue: warning: {message}", file=err)
    return code


def _fail(err: TextIO, error: BaseException | str, code: int) -> int:
    message = " ".join(str(error).split()) or type(error).__name__
    with contextlib.suppress(OSError, ValueError):
        print(f"astravue: {message}", file=err, flush=True)
    return code
