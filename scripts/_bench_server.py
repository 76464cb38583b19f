"""Canned Astravue API for ``scripts/bench.py``, run in its own process.

The benchmark measures client overhead, so the server must be cheap and must not share a CPU
(or a GIL) with the clients being measured: it runs as a separate process (pinned to a CPU of
its own when the benchmark pins), answers from bodies serialised once at start-up, and uses
aiohttp's low-level server (no router, no access log).

Payloads follow the spec's ``TaskDto`` shape (nested ``TaskStatusDto``, ``TaskPriorityDto``,
``UserDto`` with ``OrgRoleDto``, owners, tags, ISO-8601 datetimes) inside the documented
``{success, message, code, data}`` envelope; list pages use ``{content, page, size,
totalElements, totalPages, last}``; errors are the spec's ``ApiError``.

Endpoints (under ``/v1``; every one checks the bearer token and ``X-Org-Id``):

* ``GET /tasks/{id}``: ids ``1..FLAKY_BASE-1`` answer the task with that id (the first
  :data:`TASK_POOL` bodies are ready-made; beyond, one of them with the id spliced in);
  ids from :data:`MISSING_BASE` answer 404; ids from :data:`FLAKY_BASE` answer
  ``503 Retry-After: 0`` the first time each id is asked for and the task the second time, so
  the retry workload needs a fresh id per call (clients running side by side never share one).
* ``GET /spaces/{s}/projects/{p}/tasks?page=&size=``: a project of ``--tasks`` tasks with ids
  ``1..tasks``; pages are joined from pre-serialised items, so 200,000 tasks cost no memory.
* ``POST /tasks``: the body must have exactly the keys of :data:`CREATE_KEYS` (so every client
  posts the same body), and the answer is a ``TaskDto`` carrying the posted ``taskTitle``.

Run: ``python scripts/_bench_server.py [--tasks 20000] [--spin]``. It binds 127.0.0.1 on a
free port, prints ``PORT <n>`` on stdout once it accepts connections, and exits when its stdin
closes (so it never outlives the benchmark, even if that is killed) or on SIGTERM. Ctrl-C
stops it only when run by hand: under the benchmark, whose stdin pipe it is, it leaves Ctrl-C
to the benchmark, which must finish its in-flight requests and shut down in order.

``--spin`` polls for events instead of sleeping between them, so that no client pays for
waking this server's CPU (``bench_breakdown.py --spinning-server``; only sensible with the
server on a CPU of its own). ``make bench`` runs the ordinary, sleeping server.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import os
import random
import selectors
import signal
import sys
import time
from collections.abc import Callable
from typing import Any, Final

from aiohttp import web

__all__ = [
    "CREATE_KEYS",
    "DEFAULT_TASKS",
    "FLAKY_BASE",
    "MISSING_BASE",
    "PROJECT_ID",
    "SPACE_ID",
    "TASK_POOL",
    "create_body",
    "envelope",
    "make_task",
    "make_tasks",
]

DEFAULT_TASKS: Final = 20_000
#: Distinct task bodies kept ready; larger ids reuse one of them with their own id.
TASK_POOL: Final = 5_000
DEFAULT_SIZE: Final = 20
MAX_SIZE: Final = 100
SPACE_ID: Final = 3
PROJECT_ID: Final = 12
#: ``GET /tasks/{id}`` from here answers 503 once per id, then the task.
FLAKY_BASE: Final = 800_000_000
#: ``GET /tasks/{id}`` from here answers 404.
MISSING_BASE: Final = 900_000_000
#: The members of a create-task body, as every client must send them.
CREATE_KEYS: Final = frozenset(
    {
        "taskTitle",
        "description",
        "owners",
        "startDate",
        "dueDate",
        "completion",
        "status",
        "priority",
        "tags",
    }
)

_FIRST = ["Ava", "Liam", "Noah", "Mia", "Zoe", "Ivan", "Aiko", "Omar", "Lena", "Ravi"]
_LAST = ["Chen", "Okafor", "Silva", "Novak", "Haddad", "Kowalski", "Tanaka", "Moreau"]
_ROLES = [(1, "Owner"), (2, "Admin"), (3, "Member"), (4, "Guest")]
_STATUSES = [(1, "To Do", "TODO"), (2, "In Progress", "IN_PROGRESS"), (3, "Done", "DONE")]
_PRIORITIES = [(1, "Low", "#10B981"), (2, "Medium", "#F59E0B"), (3, "High", "#EF4444")]
_TAGS = ["backend", "frontend", "urgent", "bug", "design", "infra", "docs", "q3"]
_COLORS = ["#4F46E5", "#0EA5E9", "#F97316", "#22C55E", "#E11D48"]
# Stand-ins that cannot occur in real data, replaced by the id or title of each answer.
_ID_MARK: Final = 987_654_321_987
_TITLE_MARK: Final = "\x00bench-title\x00"


def _iso(rng: random.Random, year: int, *, millis: bool) -> str:
    month, day = rng.randint(1, 12), rng.randint(1, 28)
    hour, minute, second = rng.randint(0, 23), rng.randint(0, 59), rng.randint(0, 59)
    stamp = f"{year}-{month:02d}-{day:02d}T{hour:02d}:{minute:02d}:{second:02d}"
    return f"{stamp}.{rng.randint(0, 999):03d}Z" if millis else f"{stamp}Z"


def _user(user_id: int, rng: random.Random) -> dict[str, Any]:
    first, last = rng.choice(_FIRST), rng.choice(_LAST)
    role_id, role_name = rng.choice(_ROLES)
    return {
        "userId": user_id,
        "firstName": first,
        "lastName": last,
        "email": f"{first.lower()}.{last.lower()}{user_id}@example.com",
        "profilePicURL": f"https://cdn.example.com/avatars/{user_id}.png",
        "profilePicName": f"{user_id}.png",
        "profilePicColor": rng.choice(_COLORS),
        "provider": rng.choice(["local", "google"]),
        "newUser": False,
        "isTourCompleted": rng.random() < 0.8,
        "about": f"{first} works on the {rng.choice(_TAGS)} team.",
        "updateTime": _iso(rng, 2024, millis=True),
        "expiryDate": _iso(rng, 2027, millis=False),
        "status": "ACTIVE",
        "role": {"orgRoleId": role_id, "roleName": role_name},
    }


_USERS: Final = [_user(uid, random.Random(uid)) for uid in range(1, 41)]


def _status(rng: random.Random) -> dict[str, Any]:
    status_id, name, category = rng.choice(_STATUSES)
    return {
        "tenantId": 1,
        "taskStatusId": status_id,
        "statusName": name,
        "color": rng.choice(_COLORS),
        "statusCategory": category,
        "projectId": PROJECT_ID,
        "spaceId": SPACE_ID,
        "default": status_id == 1,
    }


def _priority(rng: random.Random) -> dict[str, Any]:
    priority_id, label, color = rng.choice(_PRIORITIES)
    return {
        "tenantId": 1,
        "taskPriorityId": priority_id,
        "priorityLabel": label,
        "color": color,
        "default": priority_id == 2,
        "primary": True,
    }


def make_task(task_id: int) -> dict[str, Any]:
    """One realistic ``TaskDto`` JSON object, deterministic in ``task_id``."""
    rng = random.Random(task_id)
    owners = rng.sample(_USERS, rng.randint(1, 3))
    return {
        "tenantId": 1,
        "taskId": task_id,
        "taskTitle": f"Task {task_id}: {rng.choice(_TAGS)} follow-up for release {task_id % 17}",
        "description": "Investigate the report, write a fix and add a regression test. "
        f"@{owners[0]['firstName']} please review.",
        "descriptionMentionedUserIds": [owners[0]["userId"]],
        "startDate": _iso(rng, 2024, millis=False),
        "dueDate": _iso(rng, 2025, millis=False),
        "completion": rng.randint(0, 100),
        "priority": _priority(rng),
        "status": _status(rng),
        "owners": owners,
        "tags": rng.sample(_TAGS, rng.randint(0, 3)),
        "spaceId": SPACE_ID,
        "projectId": PROJECT_ID,
        "parentTaskId": None,
        "totalTime": rng.randint(0, 40) * 900_000,
        "createdBy": rng.choice(_USERS),
        "modifiedBy": rng.choice(_USERS),
        "createTime": _iso(rng, 2024, millis=True),
        "updateTime": _iso(rng, 2025, millis=True),
    }


def make_tasks(count: int, *, start: int = 1) -> list[dict[str, Any]]:
    """``count`` tasks with consecutive ids from ``start``."""
    return [make_task(task_id) for task_id in range(start, start + count)]


def create_body(title: str) -> dict[str, Any]:
    """The create-task body every client posts (wire names; the server checks its keys)."""
    return {
        "taskTitle": title,
        "description": "Write the quarterly report and circulate it for review.",
        "owners": [1, 2, 3],
        "startDate": "2025-10-01T09:00:00Z",
        "dueDate": "2025-10-15T17:00:00Z",
        "completion": 50,
        "status": "In Progress",
        "priority": "High",
        "tags": ["backend", "urgent"],
    }


def _dumps(value: Any) -> bytes:
    return json.dumps(value, separators=(",", ":")).encode()


_OK_HEAD: Final = b'{"success":true,"message":"Operation completed successfully","code":200,"data":'


def envelope(data: bytes) -> bytes:
    """A success envelope around already-serialised ``data``."""
    return _OK_HEAD + data + b"}"


def _error(code: int, message: str) -> bytes:
    return _dumps(
        {
            "success": False,
            "message": message,
            "code": code,
            "errors": [],
            "timestamp": "2025-01-01T00:00:00Z",
            "path": "/v1/tasks",
        }
    )


def _split(raw: bytes, mark: bytes) -> tuple[bytes, bytes]:
    head, _, tail = raw.partition(mark)
    return head, tail


class CannedApi:
    """Every answer the benchmark asks for, serialised at start-up or joined from parts."""

    def __init__(self, total: int) -> None:
        self.total = total
        self._parts: list[tuple[bytes, bytes]] = []
        for task_id in range(1, TASK_POOL + 1):
            raw = _dumps({**make_task(task_id), "taskId": _ID_MARK})
            self._parts.append(_split(raw, str(_ID_MARK).encode()))
        self._singles = [envelope(self.task(i)) for i in range(1, TASK_POOL + 1)]
        created = _dumps({**make_task(1), "taskTitle": _TITLE_MARK})
        self._created = _split(created, json.dumps(_TITLE_MARK).encode())
        self._flaky_seen: set[int] = set()
        self.unauthorized = _error(401, "Unauthorized")
        self.bad_request = _error(400, "Bad request")
        self.not_found = _error(404, "Task not found")
        self.unavailable = _error(503, "Service unavailable, try again")

    def task(self, task_id: int) -> bytes:
        head, tail = self._parts[(task_id - 1) % TASK_POOL]
        return head + str(task_id).encode() + tail

    def single(self, task_id: int) -> bytes:
        if task_id <= TASK_POOL:
            return self._singles[task_id - 1]
        return envelope(self.task(task_id))

    def flaky(self, task_id: int) -> bytes | None:
        """The task on the second request for ``task_id``, ``None`` (answer 503) on the first."""
        if task_id in self._flaky_seen:
            self._flaky_seen.discard(task_id)  # answered: forget it, memory stays flat
            return self.single(task_id)
        self._flaky_seen.add(task_id)
        return None

    def page(self, number: int, size: int) -> bytes:
        total = self.total
        first = number * size + 1
        last_id = min(total, first + size - 1)
        content = b",".join(self.task(i) for i in range(first, last_id + 1))
        pages = -(-total // size)
        tail = _dumps({"page": number, "size": size, "totalElements": total, "totalPages": pages})[
            1:-1
        ]
        last = b"true" if number >= pages - 1 else b"false"
        return envelope(b'{"content":[' + content + b"]," + tail + b',"last":' + last + b"}")

    def created(self, body: bytes) -> bytes | None:
        """The created task for a create body, or ``None`` when the body is not the agreed one."""
        try:
            data = json.loads(body)
        except ValueError:
            return None
        if not isinstance(data, dict) or set(data) != CREATE_KEYS:
            return None
        title = data["taskTitle"]
        if not isinstance(title, str):
            return None
        head, tail = self._created
        return envelope(head + json.dumps(title).encode() + tail)


def _json(body: bytes, status: int = 200, headers: dict[str, str] | None = None) -> web.Response:
    return web.Response(body=body, status=status, content_type="application/json", headers=headers)


def _int(text: str | None, default: int) -> int | None:
    if text is None:
        return default
    return int(text) if text.isdigit() else None


def make_handler(api: CannedApi) -> Callable[[web.BaseRequest], Any]:
    """The one request handler: auth and org checks, then a dictionary-speed lookup."""

    async def handle(request: web.BaseRequest) -> web.Response:
        headers = request.headers
        if not headers.get("Authorization", "").startswith("Bearer "):
            return _json(api.unauthorized, 401)
        if not headers.get("X-Org-Id", "").isdigit():
            return _json(api.bad_request, 400)
        parts = request.path.split("/")
        # /v1/tasks/{id}
        if len(parts) == 4 and parts[2] == "tasks" and parts[3].isdigit():
            task_id = int(parts[3])
            if task_id < FLAKY_BASE:
                return _json(api.single(task_id))
            if task_id >= MISSING_BASE:
                return _json(api.not_found, 404)
            body = api.flaky(task_id)
            if body is None:
                return _json(api.unavailable, 503, {"Retry-After": "0"})
            return _json(body)
        # POST /v1/tasks
        if len(parts) == 3 and parts[2] == "tasks" and request.method == "POST":
            created = api.created(await request.read())
            return _json(api.bad_request, 400) if created is None else _json(created)
        # /v1/spaces/{s}/projects/{p}/tasks
        if len(parts) == 7 and parts[2] == "spaces" and parts[4] == "projects":
            query = request.query
            number = _int(query.get("page"), 0)
            size = _int(query.get("size"), DEFAULT_SIZE)
            if number is None or size is None or not 1 <= size <= MAX_SIZE:
                return _json(api.bad_request, 400)
            return _json(api.page(number, size))
        return _json(api.not_found, 404)

    return handle


async def serve(total: int) -> None:
    api = CannedApi(total)
    server = web.Server(make_handler(api), access_log=None)
    runner = web.ServerRunner(server)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0, backlog=1024)
    await site.start()
    sockets = server_sockets(site)
    port = sockets[0].getsockname()[1]
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    loop.add_signal_handler(signal.SIGTERM, stop.set)
    if sys.stdin.isatty():
        loop.add_signal_handler(signal.SIGINT, stop.set)
    else:
        signal.signal(signal.SIGINT, signal.SIG_IGN)
    watch_stdin(loop, stop)
    print(f"PORT {port}", flush=True)
    try:
        await stop.wait()
    finally:
        await runner.cleanup()


def server_sockets(site: web.TCPSite) -> list[Any]:
    # aiohttp exposes the bound port only through the asyncio server behind the site.
    server = site._server
    assert isinstance(server, asyncio.Server)
    return list(server.sockets)


def watch_stdin(loop: asyncio.AbstractEventLoop, stop: asyncio.Event) -> None:
    """Stop when the parent goes away: its end of our stdin pipe closes."""

    def on_readable() -> None:
        if not os.read(sys.stdin.fileno(), 4096):
            loop.remove_reader(sys.stdin.fileno())
            stop.set()

    # Not watchable (e.g. /dev/null): then only SIGTERM stops the server.
    with contextlib.suppress(OSError, ValueError, NotImplementedError):
        loop.add_reader(sys.stdin.fileno(), on_readable)


class SpinningSelector(selectors.DefaultSelector):  # type: ignore[misc,valid-type]
    """Polls without ever sleeping in the kernel, until something is ready or the loop's
    timeout has passed."""

    def select(self, timeout: float | None = None) -> list[tuple[Any, int]]:
        deadline = None if timeout is None else time.monotonic() + timeout
        while True:
            ready = super().select(0)
            if ready or (deadline is not None and time.monotonic() >= deadline):
                return ready


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n")[0])
    parser.add_argument("--tasks", type=int, default=DEFAULT_TASKS, help="tasks in the project")
    parser.add_argument("--spin", action="store_true", help="never sleep between requests")
    args = parser.parse_args()
    factory = (
        (lambda: asyncio.SelectorEventLoop(SpinningSelector()))
        if args.spin
        else asyncio.new_event_loop
    )
    with asyncio.Runner(loop_factory=factory) as runner:
        runner.run(serve(args.tasks))


if __name__ == "__main__":
    main()
