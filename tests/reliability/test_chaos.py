"""Chaos: a realistic mixed workload against FakeAstravue with faults on ~20% of operations.

Each run draws everything (operations, faults, Retry-After values, when tokens expire) from
one ``random.Random(seed)``; every failure message names the seed, and
``ASTRAVUE_CHAOS_SEED=<n>`` reruns exactly that seed. Faults: 503, 429 with a 0-1 s
Retry-After, dropped connections, HTML error pages (502/504) and responses slower than a
0.3 s timeout. The fake injects each fault before its handler runs, so a request that failed
changed nothing on the server: the test can tell a correct refusal from a duplicate.

What must hold, whatever the seed:

* reads (gets, paginated lists, bursts of concurrent gets) and PUTs always succeed: the SDK
  repeats them, waiting exactly the Retry-After the server asked for;
* a POST the SDK could not complete raises after exactly one attempt reached the server (the
  SDK never repeats it); the application reconciles by listing, finds nothing, sends again;
* the server ends with exactly the objects whose create returned, no duplicates, the values of
  the last successful updates, and one time entry per successful timer start;
* advancing the fake clock past the token lifetime k times costs exactly k refresh grants,
  even when a burst of concurrent calls hits the expired token.
"""

from __future__ import annotations

import asyncio
import itertools
import os
import random
from collections import Counter
from collections.abc import Awaitable, Callable
from typing import Any, TypeVar

import pytest

from astravue_async import (
    APIConnectionError,
    AstravueClient,
    AstravueError,
    InternalServerError,
    RateLimitError,
)
from astravue_async._retry import is_retryable, may_have_been_processed
from astravue_async.testing import FakeAstravue

from ._support import SCALE, SUMMARY, FakeSleep

T = TypeVar("T")

FAULT_RATE = 0.2
SLOW_TIMEOUT = 0.3
# Longer than the timeout: the client gives up first, and the fake (handler_cancellation)
# cancels the sleeping handler, so a timed-out request never reaches its handler.
SLOW_DELAY = 0.6
TOKEN_LIFETIME = 1800  # the fake's default, like the real API
EXPIRIES = 3
OPERATIONS = 200 * SCALE
BURST = 8

# name -> weight; reads and PUTs must always succeed, POSTs may need the application's help.
MIX = {
    "create_task": 18,
    "create_space": 5,
    "get_task": 15,
    "get_space": 5,
    "list_tasks": 7,
    "list_spaces": 4,
    "update_task": 12,
    "update_space": 4,
    "toggle_timer": 10,
    "burst": 6,
}
NEEDS_TASK = {"get_task", "list_tasks", "update_task", "toggle_timer", "burst"}
NEEDS_SPACE = {"get_space", "update_space"}
MUST_SUCCEED = {"get_task", "get_space", "list_tasks", "list_spaces", "update_task"}
MUST_SUCCEED |= {"update_space", "burst"}
# The statuses the workload may see: successes, the injected faults and expired tokens.
EXPECTED_STATUSES = {200, 401, 429, 502, 503, 504, None}


def seeds() -> list[int]:
    chosen = os.environ.get("ASTRAVUE_CHAOS_SEED")
    if chosen:
        return [int(chosen)]
    return [20240301, 7]


class Chaos:
    """The workload, the fault injector and the application's bookkeeping, for one seed."""

    def __init__(self, fake: FakeAstravue, client: AstravueClient, sleep: FakeSleep, seed: int):
        self.fake = fake
        self.client = client
        self.slow_client = client.with_options(attempt_timeout=SLOW_TIMEOUT)
        self.sleep = sleep
        self.seed = seed
        self.rng = random.Random(seed)
        self.serial = itertools.count(1)
        self.injected: Counter[str] = Counter()
        self.retry_after = 0.0
        self.slow_armed = False
        # What the application believes the server holds.
        self.tasks: dict[int, str] = {}
        self.completion: dict[int, int] = {}
        self.spaces: dict[int, str] = {}
        self.space_description: dict[int, str | None] = {}
        self.running: int | None = None
        # Outcomes.
        self.creates_returned = 0
        self.timer_starts = 0
        self.refusals: Counter[str] = Counter()
        self.app_retries = 0
        self.adopted = 0
        sleep.on_sleep.append(self._clear_slow)

    def where(self, message: str) -> str:
        return f"[chaos seed={self.seed}; rerun with ASTRAVUE_CHAOS_SEED={self.seed}] {message}"

    # ------------------------------------------------------------------ faults

    def arm(self, *, slow_ok: bool) -> str | None:
        """Maybe queue one fault for the next API request; its kind, or None."""
        if self.rng.random() >= FAULT_RATE:
            return None
        kind = self.rng.choice(["503", "429", "drop", "html", *(["slow"] if slow_ok else [])])
        if kind == "503":
            self.fake.fail_next(1, 503)
        elif kind == "429":
            self.retry_after = round(self.rng.uniform(0, 1), 2)
            self.fake.fail_next(1, 429, retry_after=self.retry_after)
        elif kind == "drop":
            self.fake.drop_connections(1)
        elif kind == "html":
            self.fake.html_error(self.rng.choice([502, 504]))
        else:
            self.fake.delay(SLOW_DELAY)
            self.slow_armed = True
        self.injected[kind] += 1
        return kind

    def _clear_slow(self, _delay: float) -> None:
        # The SDK is about to repeat the timed-out request: the slowness was one response.
        if self.slow_armed:
            self.fake.delay(0)
            self.slow_armed = False

    def disarm(self) -> None:
        self._clear_slow(0)

    def api(self, fault: str | None) -> AstravueClient:
        return self.slow_client if fault == "slow" else self.client

    def check_waits(self, fault: str | None, waits: list[float]) -> None:
        """The SDK waited once per injected fault, exactly as long as a Retry-After said."""
        if fault is None:
            assert waits == [], self.where(f"waited {waits} without a fault")
        elif fault == "429":
            assert waits == [self.retry_after], self.where(
                f"Retry-After {self.retry_after} not honoured: waited {waits}"
            )
        elif fault == "drop":
            # aiohttp itself resends an idempotent request whose reused keep-alive connection
            # was closed; then the SDK has nothing to repeat.
            assert len(waits) <= 1, self.where(f"{len(waits)} waits for one dropped connection")
        elif fault == "slow":
            # One retry is what it takes; a very busy machine may time out once more.
            assert waits and 0.25 <= waits[0] <= 0.5, self.where(f"after a timeout: {waits}")
        else:
            assert len(waits) == 1 and 0.25 <= waits[0] <= 0.5, self.where(
                f"one first-retry backoff (0.25-0.5 s) expected after {fault}, got {waits}"
            )

    # ------------------------------------------------------------------ POSTs

    def _mark(self, operation_id: str) -> tuple[int, int]:
        return self.fake.requests[operation_id], len(self.fake.request_log)

    def _sent_since(self, operation_id: str, mark: tuple[int, int]) -> int:
        """Requests for ``operation_id`` that reached the server since ``mark``, not counting
        ones refused with 401 (the SDK replays those once after refreshing the token)."""
        unauthorized = sum(
            1
            for entry in self.fake.request_log[mark[1] :]
            if entry.operation_id == operation_id and entry.status == 401
        )
        return self.fake.requests[operation_id] - mark[0] - unauthorized

    async def post(
        self,
        operation_id: str,
        send: Callable[[AstravueClient], Awaitable[T]],
        find: Callable[[], Awaitable[list[T]]],
        fault: str | None,
    ) -> T:
        """Send a POST the way a careful application does: on failure, look before resending."""
        api = self.api(fault)
        while True:
            mark = self._mark(operation_id)
            try:
                made = await send(api)
            except AstravueError as exc:
                self.disarm()
                self._check_refusal(exc, operation_id, mark)
                found = await find()
                if found:
                    self.adopted += 1
                    return found[0]
                self.app_retries += 1
                api = self.client
                continue
            sent = self._sent_since(operation_id, mark)
            # A 429 refuses without acting, so the SDK repeats even a non-repeatable call.
            expected = 2 if fault == "429" and api is self.api(fault) else 1
            assert sent in (1, expected), self.where(
                f"{operation_id} reached the server {sent} times"
            )
            return made

    def _check_refusal(self, exc: AstravueError, operation_id: str, mark: tuple[int, int]) -> None:
        assert isinstance(exc, InternalServerError | RateLimitError | APIConnectionError), (
            self.where(f"{operation_id} failed with an unexpected {exc!r}")
        )
        sent = self._sent_since(operation_id, mark)
        if may_have_been_processed(exc):
            # The server may have acted: the SDK must not have tried again after this one.
            assert not is_retryable(exc, idempotent=False), self.where(f"{exc!r} was retryable")
        else:
            # Refused without acting (429, 408, 503 with Retry-After, never sent): repeated
            # within the retry budget, and none of those attempts created anything.
            assert sent <= self.client._transport._retry_policy.max_retries + 1, self.where(
                f"the SDK sent {operation_id} {sent} times before raising {type(exc).__name__}"
            )
        self.refusals[type(exc).__name__] += 1

    async def _find_tasks(self, title: str) -> list[Any]:
        found = await self.client.tasks.list(search=title, page_size=100).to_list()
        return [task for task in found if task.task_title == title]

    async def _find_spaces(self, name: str) -> list[Any]:
        return [s for s in await self.client.spaces.list().to_list() if s.space_name == name]

    async def _find_timer(self, task_id: int) -> list[Any]:
        return [t for t in await self.client.timers.active().to_list() if t.task_id == task_id]

    async def _find_stopped_timer(self, task_id: int) -> list[Any]:
        if await self._find_timer(task_id):
            return []  # still running: the stop did not happen
        entries = await self.client.timers.list_for_task(task_id).to_list()
        stopped = [e for e in entries if e.end_time is not None]
        return sorted(stopped, key=lambda e: e.end_time)[-1:]

    # ------------------------------------------------------------------ operations

    async def create_task(self, fault: str | None) -> None:
        title = f"chaos-{self.seed}-task-{next(self.serial)}"
        task = await self.post(
            "create_task",
            lambda api: api.tasks.create(task_title=title),
            lambda: self._find_tasks(title),
            fault,
        )
        assert task.task_title == title, self.where(f"created {task!r}")
        self.tasks[task.task_id] = title
        self.creates_returned += 1

    async def create_space(self, fault: str | None) -> None:
        name = f"chaos-{self.seed}-space-{next(self.serial)}"
        space = await self.post(
            "create_space",
            lambda api: api.spaces.create(space_name=name),
            lambda: self._find_spaces(name),
            fault,
        )
        self.spaces[space.space_id] = name
        self.space_description[space.space_id] = None
        self.creates_returned += 1

    async def get_task(self, fault: str | None) -> None:
        task_id = self.rng.choice(sorted(self.tasks))
        task = await self.api(fault).tasks.get(task_id)
        self._check_task(task)

    def _check_task(self, task: Any) -> None:
        expected = (self.tasks[task.task_id], self.completion.get(task.task_id, 0))
        assert (task.task_title, task.completion) == expected, self.where(f"stale {task!r}")

    async def get_space(self, fault: str | None) -> None:
        space_id = self.rng.choice(sorted(self.spaces))
        space = await self.api(fault).spaces.get(space_id)
        assert (space.space_name, space.description) == (
            self.spaces[space_id],
            self.space_description[space_id],
        ), self.where(f"stale {space!r}")

    async def list_tasks(self, fault: str | None) -> None:
        size = self.rng.choice([3, 7, 20])
        tasks = await self.api(fault).tasks.list(page_size=size).to_list()
        ids = [task.task_id for task in tasks]
        assert sorted(ids) == sorted(self.tasks), self.where(f"page size {size} listed {ids}")
        for task in tasks:
            self._check_task(task)

    async def list_spaces(self, fault: str | None) -> None:
        spaces = await self.api(fault).spaces.list().to_list()
        assert sorted(s.space_id for s in spaces) == sorted(self.spaces), self.where("spaces")

    async def update_task(self, fault: str | None) -> None:
        task_id = self.rng.choice(sorted(self.tasks))
        value = self.rng.randint(0, 100)
        task = await self.api(fault).tasks.update(task_id, completion=value)
        assert task.completion == value, self.where(f"update returned {task!r}")
        self.completion[task_id] = value

    async def update_space(self, fault: str | None) -> None:
        space_id = self.rng.choice(sorted(self.spaces))
        description = f"revision {next(self.serial)}"
        space = await self.api(fault).spaces.update(space_id, description=description)
        assert space.description == description, self.where(f"update returned {space!r}")
        self.space_description[space_id] = description

    async def toggle_timer(self, fault: str | None) -> None:
        if self.running is None:
            task_id = self.rng.choice(sorted(self.tasks))
            await self.post(
                "start_personal_task_timer",
                lambda api: api.timers.start(task_id),
                lambda: self._find_timer(task_id),
                fault,
            )
            self.running = task_id
            self.timer_starts += 1
        else:
            # A PUT, but not a repeatable one (a replay after success answers 404): after a
            # failure that may have reached the server, look before stopping again.
            task_id = self.running
            entry = await self.post(
                "stop_timer",
                lambda api: api.timers.stop(task_id),
                lambda: self._find_stopped_timer(task_id),
                fault,
            )
            assert entry.task_id == task_id and entry.end_time is not None
            self.running = None

    async def burst(self, fault: str | None) -> None:
        """Concurrent gets; an injected fault lands on whichever request comes first."""
        ids = self.rng.choices(sorted(self.tasks), k=BURST)
        for task in await asyncio.gather(*(self.client.tasks.get(i) for i in ids)):
            self._check_task(task)

    # ------------------------------------------------------------------ run + verify

    async def run(self, operations: int, expiries: int) -> None:
        names, weights = list(MIX), list(MIX.values())
        expire_before = set(self.rng.sample(range(1, operations), expiries))
        for index in range(operations):
            if index in expire_before:
                # Past the lifetime on the fake's clock: the next request gets a 401.
                self.fake.advance(TOKEN_LIFETIME + 1)
            name = self.rng.choices(names, weights)[0]
            if (name in NEEDS_TASK and not self.tasks) or (name in NEEDS_SPACE and not self.spaces):
                name = "create_space" if name in NEEDS_SPACE else "create_task"
            fault = self.arm(slow_ok=name != "burst")
            waits_before = len(self.sleep.delays)
            try:
                await getattr(self, name)(fault)
            except AstravueError as exc:
                raise AssertionError(self.where(f"op {index} {name} ({fault=}): {exc!r}")) from exc
            finally:
                self.disarm()
            if name in MUST_SUCCEED - {"burst"}:
                self.check_waits(fault, self.sleep.delays[waits_before:])

    async def verify(self, expiries: int) -> None:
        fake = self.fake
        fake.reset_faults()
        if self.running is not None:
            await self.client.timers.stop(self.running)
        tasks = await self.client.tasks.list(page_size=100).to_list()
        spaces = await self.client.spaces.list().to_list()

        names = Counter(t.task_title for t in tasks) + Counter(s.space_name for s in spaces)
        duplicates = sum(count - 1 for count in names.values() if count > 1)
        SUMMARY.duplicates += duplicates
        assert duplicates == 0, self.where(f"duplicates on the server: {names.most_common(3)}")
        assert {t.task_id: t.task_title for t in tasks} == self.tasks, self.where("tasks differ")
        assert {t.task_id: t.completion for t in tasks} == {
            task_id: self.completion.get(task_id, 0) for task_id in self.tasks
        }, self.where("a task lost its last update")
        assert {s.space_id: s.space_name for s in spaces} == self.spaces, self.where("spaces")
        assert len(tasks) + len(spaces) == self.creates_returned, self.where("creates")
        # The fake never acts on a failed request: reconciliation must never find one.
        assert self.adopted == 0, self.where(f"{self.adopted} failed creates exist anyway")

        entries = 0
        for task_id in self.tasks:
            entries += len(await self.client.timers.list_for_task(task_id).to_list())
        assert entries <= self.timer_starts, self.where(
            f"{entries} time entries for {self.timer_starts} timer starts: one started twice"
        )
        assert entries == self.timer_starts, self.where("a successful start left no entry")
        SUMMARY.created += len(tasks) + len(spaces) + entries

        # Every injected fault was served exactly once, and nothing else went wrong.
        statuses = Counter(entry.status for entry in fake.request_log)
        assert set(statuses) <= EXPECTED_STATUSES, self.where(f"unexpected statuses {statuses}")
        assert statuses[503] == self.injected["503"], self.where(f"503s: {statuses}")
        assert statuses[429] == self.injected["429"], self.where(f"429s: {statuses}")
        assert statuses[502] + statuses[504] == self.injected["html"], self.where("HTML pages")
        unanswered = self.injected["drop"] + self.injected["slow"]
        assert statuses[None] >= unanswered, self.where(f"drops/timeouts: {statuses}")

        assert fake.token_grants == Counter({"refresh_token": expiries}), self.where(
            f"{expiries} expiries should cost {expiries} refreshes: {fake.token_grants}"
        )


@pytest.mark.parametrize("seed", seeds())
async def test_chaos_workload(seed: int, fake: FakeAstravue, fake_sleep: FakeSleep) -> None:
    client = fake_sleep.install(fake.client())
    chaos = Chaos(fake, client, fake_sleep, seed)

    await chaos.run(OPERATIONS, EXPIRIES)
    await chaos.verify(EXPIRIES)

    SUMMARY.faults += sum(chaos.injected.values())
    SUMMARY.app_retries += chaos.app_retries
    # The mix is random but not that random: every fault kind and a refused POST occurred.
    assert set(chaos.injected) == {"503", "429", "drop", "html", "slow"}, chaos.where(
        f"fault kinds {chaos.injected}"
    )
    assert chaos.app_retries > 0, chaos.where("no POST needed the application's retry")
