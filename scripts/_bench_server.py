"""Canned Astravue API for ``scripts/bench.py``, run in its own process.

The benchmark measures client overhead, so the server must be cheap and must not share a CPU
(or a GIL) with the clients being measured: it runs as a separate process, answers from bodies
serialised once at start-up, and uses aiohttp's low-level server (no router, no access log).

Payloads follow the spec's ``TaskDto`` shape (nested ``TaskStatusDto``, ``TaskPriorityDto``,
``UserDto`` with ``OrgRoleDto``, owners, tags, ISO-8601 datetimes) inside the documented
``{success, message, code, data}`` envelope; list pages use ``{content, page, size,
totalElements, totalPages, last}``.

Run: ``python scripts/_bench_server.py [--tasks 20000]``. It binds 127.0.0.1 on a free port,
prints ``PORT <n>`` on stdout once it accepts connections, and exits when its stdin closes (so
it never outlives the benchmark, even if that is killed) or on SIGTERM. Ctrl-C stops it only
when run by hand: under the benchmark, whose stdin pipe it is, it leaves Ctrl-C to the
benchmark, which must finish its in-flight requests and shut down in order.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import os
import random
import signal
import sys
from collections.abc import Callable
from typing import Any, Final

from aiohttp import web

__all__ = ["DEFAULT_TASKS", "SINGLE_POOL", "make_task", "make_tasks"]

DEFAULT_TASKS: Final = 20_000
#: Distinct ``GET /tasks/{id}`` bodies kept ready; ids wrap around this pool.
SINGLE_POOL: Final = 5_000
DEFAULT_SIZE: Final = 20
MAX_SIZE: Final = 100
SPACE_ID: Final = 3
PROJECT_ID: Final = 12

_FIRST = ["Ava", "Liam", "Noah", "Mia", "Zoe", "Ivan", "Aiko", "Omar", "Lena", "Ravi"]
_LAST = ["Chen", "Okafor", "Silva", "Novak", "Haddad", "Kowalski", "Tanaka", "Moreau"]
_ROLES = [(1, "Owner"), (2, "Admin"), (3, "Member"), (4, "Guest")]
_STATUSES = [(1, "To Do", "TODO"), (2, "In Progress", "IN_PROGRESS"), (3, "Done", "DONE")]
_PRIORITIES = [(1, "Low", "#10B981"), (2, "Medium", "#F59E0B"), (3, "High", "#EF4444")]
_TAGS = ["backend", "frontend", "urgent", "bug", "design", "infra", "docs", "q3"]
_COLORS = ["#4F46E5", "#0EA5E9", "#F97316", "#22C55E", "#E11D48"]


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


def _envelope(data: Any, *, success: bool = True, code: int = 200, message: str = "") -> bytes:
    body = {
        "success": success,
        "message": message or "Operation completed successfully",
        "code": code,
        "data": data,
    }
    return json.dumps(body, separators=(",", ":")).encode()


class CannedApi:
    """Pre-serialised bodies for the two endpoints the benchmark calls."""

    def __init__(self, total: int) -> None:
        self._tasks = make_tasks(total)
        self._singles = [_envelope(task) for task in self._tasks[:SINGLE_POOL]]
        self._pages: dict[tuple[int, int], bytes] = {}
        for number in range(-(-total // MAX_SIZE)):
            self._page(number, MAX_SIZE)  # the size the benchmark uses, ready before PORT
        self.unauthorized = _envelope(None, success=False, code=401, message="Unauthorized")
        self.bad_request = _envelope(None, success=False, code=400, message="Bad request")
        self.not_found = _envelope(None, success=False, code=404, message="Not found")

    def single(self, task_id: int) -> bytes:
        return self._singles[(task_id - 1) % len(self._singles)]

    def _page(self, number: int, size: int) -> bytes:
        body = self._pages.get((number, size))
        if body is None:
            total = len(self._tasks)
            content = self._tasks[number * size : (number + 1) * size]
            pages = -(-total // size)
            data = {
                "content": content,
                "page": number,
                "size": size,
                "totalElements": total,
                "totalPages": pages,
                "last": number >= pages - 1,
            }
            body = self._pages[(number, size)] = _envelope(data)
        return body

    def page(self, number: int, size: int) -> bytes:
        return self._page(number, size)


def _json(body: bytes, status: int = 200) -> web.Response:
    return web.Response(body=body, status=status, content_type="application/json")


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
        if len(parts) == 4 and parts[1] == "v1" and parts[2] == "tasks" and parts[3].isdigit():
            return _json(api.single(int(parts[3])))
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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--tasks", type=int, default=DEFAULT_TASKS, help="tasks in the project")
    args = parser.parse_args()
    asyncio.run(serve(args.tasks))


if __name__ == "__main__":
    main()
