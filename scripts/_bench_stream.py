"""The streaming workload of ``scripts/bench.py``: every task of a large project, per client
in a worker process of its own.

A process per client keeps each client's memory apart from the others', and a fresh one per
round makes every round's RSS growth honest. The workers stream side by side: the bench asks
each in turn for the next few pages (``step N``), so all clients see the same machine drift,
while each holds its own half-consumed iterator between steps. A worker records:

* items/s over the time it was stepping, and the latency of each page (from asking for the
  page's first item to having it: fetch + parse + decode);
* its RSS after every page (``/proc/self/statm``) and the kernel's peak mark (``VmHWM``), from
  a baseline taken after one warm-up page: growth overall, in the second half, and the
  second half's least-squares slope;
* every garbage-collector pass (``gc.callbacks``): count, total and longest pause.

Protocol (stdin/stdout, one line each): the worker prints ``READY``; ``step N`` → a JSON
:class:`StepResult`; ``finish`` → a JSON :class:`StreamTrace`, and the worker exits.
"""

from __future__ import annotations

import asyncio
import gc
import json
import signal
import sys
import time
from collections.abc import AsyncIterator, Callable
from typing import Any

import attrs
from _bench_common import BenchClient, BenchError
from _bench_measure import Sample
from _bench_stats import least_squares_slope, percentile
from _bench_system import process_cpu, reset_peak_rss, rss_kb, status_kb

__all__ = ["StepResult", "StreamJob", "StreamTrace", "StreamWorker", "stream_sample", "worker_main"]


@attrs.frozen
class StreamJob:
    """What a worker needs (JSON on its command line)."""

    client: str
    context: dict[str, Any]
    """``ClientContext`` fields, peers as plain dicts."""
    quiet_sniffio: bool
    total: int
    page_size: int


@attrs.frozen
class StepResult:
    items: int
    wall: float
    cpu: float
    page_latencies: list[float]
    done: bool


@attrs.frozen
class StreamTrace:
    """What the worker saw over the whole stream."""

    items: int
    baseline_kb: int | None
    peak_kb: int | None
    rss: list[tuple[int, int]]
    """(items so far, RSS kB) after each full page, while the stream runs."""
    gc_count: int
    gc_seconds: float
    gc_max_seconds: float


class _GcClock:
    """Total and longest collector pause, from ``gc.callbacks``."""

    def __init__(self) -> None:
        self.count = 0
        self.total = 0.0
        self.longest = 0.0
        self._started = 0.0

    def __call__(self, phase: str, info: dict[str, Any]) -> None:
        if phase == "start":
            self._started = time.perf_counter()
            return
        pause = time.perf_counter() - self._started
        self.count += 1
        self.total += pause
        self.longest = max(self.longest, pause)


class _Stream:
    """The worker's side: one client, one iterator consumed a step at a time."""

    def __init__(self, client: BenchClient, job: StreamJob) -> None:
        self._client = client
        self._job = job
        self._items: AsyncIterator[Any] | None = None
        self._count = 0
        self._checksum = 0
        self._rss: list[tuple[int, int]] = []
        self._baseline: int | None = None
        self._peak_valid = False
        self._gc = _GcClock()

    async def warm_up(self) -> None:
        # One full page first: connections, lazy imports and compiled decoders are start-up
        # costs, not streaming costs.
        page = self._job.page_size
        async for _ in self._client.stream(page, page):
            pass
        gc.collect()
        self._peak_valid = reset_peak_rss()
        self._baseline = rss_kb()
        gc.callbacks.append(self._gc)
        self._items = self._client.stream(page)

    async def step(self, pages: int) -> StepResult:
        assert self._items is not None
        client, size = self._client, self._job.page_size
        latencies: list[float] = []
        wanted = pages * size
        got = 0
        done = False
        perf = time.perf_counter
        cpu0, t0 = time.process_time(), perf()
        previous = t0
        while got < wanted:
            try:
                item = await anext(self._items)
            except StopAsyncIteration:
                done = True
                break
            if self._count % size == 0:  # first item of a page: we just waited for that page
                latencies.append(perf() - previous)
            self._checksum += client.task_id(item)  # touch every item: nothing decodes lazily
            self._count += 1
            got += 1
            if self._count % size == 0:
                rss = rss_kb()
                if rss is not None:
                    self._rss.append((self._count, rss))
            previous = perf()
        wall, cpu = perf() - t0, time.process_time() - cpu0
        return StepResult(got, wall, cpu, latencies, done)

    def finish(self) -> StreamTrace:
        gc.callbacks.remove(self._gc)
        total = self._job.total
        if self._count != total or self._checksum != total * (total + 1) // 2:
            raise BenchError(
                f"{self._job.client} streamed {self._count} tasks (checksum {self._checksum}), "
                f"expected {total}"
            )
        # No sample after the end: what the client frees once the stream is over (a
        # paginator's table of seen ids) would hide growth during it.
        return StreamTrace(
            items=self._count,
            baseline_kb=self._baseline,
            peak_kb=status_kb("VmHWM") if self._peak_valid else None,
            rss=self._rss,
            gc_count=self._gc.count,
            gc_seconds=self._gc.total,
            gc_max_seconds=self._gc.longest,
        )


def worker_main(raw: str, open_client: Callable[[StreamJob], BenchClient]) -> None:
    """Body of a ``--stream-worker`` process."""
    job = StreamJob(**json.loads(raw))
    # The benchmark owns our lifetime (closing our stdin ends us); a Ctrl-C in the terminal
    # reaches it too, and it must not see us die first in the middle of a round.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    with asyncio.Runner() as runner:
        client = runner.run(_opened(open_client, job))
        try:
            stream = _Stream(client, job)
            runner.run(stream.warm_up())
            print("READY", flush=True)
            for line in sys.stdin:
                command = line.split()
                if command[:1] == ["step"]:
                    result = runner.run(stream.step(int(command[1])))
                    print(json.dumps(attrs.asdict(result)), flush=True)
                elif command == ["finish"]:
                    print(json.dumps(attrs.asdict(stream.finish())), flush=True)
                    break
                else:
                    break
        finally:
            runner.run(client.aclose())


async def _opened(open_client: Callable[[StreamJob], BenchClient], job: StreamJob) -> BenchClient:
    return open_client(job)  # inside the loop: aiohttp and httpx bind to it


class StreamWorker:
    """The bench's side of one worker process."""

    def __init__(self, proc: asyncio.subprocess.Process, name: str) -> None:
        self._proc = proc
        self.name = name
        self.steps: list[StepResult] = []
        self.server_seconds: float | None = 0.0
        self.done = False

    @property
    def pid(self) -> int:
        return self._proc.pid

    @classmethod
    async def start(cls, argv: list[str], job: StreamJob) -> StreamWorker:
        proc = await asyncio.create_subprocess_exec(
            *argv,
            json.dumps(attrs.asdict(job)),
            stdin=asyncio.subprocess.PIPE,
            stdout=asyncio.subprocess.PIPE,
        )
        worker = cls(proc, job.client)
        if await worker._line() != "READY":
            await worker.close()
            raise RuntimeError(f"stream worker for {job.client} did not start")
        return worker

    async def _line(self) -> str:
        assert self._proc.stdout is not None
        line = await asyncio.wait_for(self._proc.stdout.readline(), timeout=600)
        if not line:
            raise RuntimeError(f"stream worker {self.name} exited ({await self._proc.wait()})")
        return line.decode().strip()

    async def _ask(self, command: str) -> dict[str, Any]:
        assert self._proc.stdin is not None
        self._proc.stdin.write(command.encode() + b"\n")
        await self._proc.stdin.drain()
        found: dict[str, Any] = json.loads(await self._line())
        return found

    async def step(self, pages: int, server_pid: int | None) -> None:
        """The next ``pages`` pages; the server's CPU meanwhile is added to this worker's."""
        before = process_cpu(server_pid) if server_pid else None
        result = StepResult(**await self._ask(f"step {pages}"))
        after = process_cpu(server_pid) if server_pid else None
        if before is None or after is None or self.server_seconds is None:
            self.server_seconds = None
        else:
            self.server_seconds += after - before
        self.steps.append(result)
        self.done = result.done

    async def finish(self) -> StreamTrace:
        raw = await self._ask("finish")
        raw["rss"] = [tuple(pair) for pair in raw["rss"]]
        await self.close()
        return StreamTrace(**raw)

    async def close(self) -> None:
        proc = self._proc
        if proc.returncode is None:
            if proc.stdin is not None:
                proc.stdin.close()
            try:
                await asyncio.wait_for(proc.wait(), timeout=5)
            except TimeoutError:
                proc.kill()
                await proc.wait()


def stream_sample(steps: list[StepResult], trace: StreamTrace, server: float | None) -> Sample:
    """One round's ``Sample`` of one client (rate, page latency, memory, GC)."""
    items = sum(s.items for s in steps)
    wall = sum(s.wall for s in steps)
    cpu = sum(s.cpu for s in steps)
    latencies = [lat for s in steps for lat in s.page_latencies]
    return Sample(
        count=items,
        rate=items / wall if wall > 0 else None,
        mean_ms=sum(latencies) / len(latencies) * 1000 if latencies else None,
        p99_ms=percentile(latencies, 0.99) * 1000 if latencies else None,
        cpu_us=cpu / max(items, 1) * 1e6,
        cpu_util=cpu / wall if wall > 0 else None,
        server_us=None if server is None else server / max(items, 1) * 1e6,
        extra=memory_figures(trace),
    )


def memory_figures(trace: StreamTrace) -> dict[str, float | None]:
    """RSS growth (overall peak, second half, second-half slope) and GC pauses, in MB / ms."""
    out: dict[str, float | None] = {
        "gc_ms": trace.gc_seconds * 1000,
        "gc_max_ms": trace.gc_max_seconds * 1000,
        "gc_count": float(trace.gc_count),
        "rss_growth_mb": None,
        "rss_half_mb": None,
        "rss_slope_mb": None,
    }
    base = trace.baseline_kb
    if base is not None:
        top = max([trace.peak_kb or 0, *(kb for _, kb in trace.rss)])
        out["rss_growth_mb"] = max(0, top - base) / 1024
    half = [(n, kb) for n, kb in trace.rss if n >= trace.items / 2]
    if len(half) >= 2:
        out["rss_half_mb"] = (half[-1][1] - half[0][1]) / 1024
        slope = least_squares_slope([n for n, _ in half], [kb for _, kb in half])
        # MB per 100,000 items: the unit a reader can hold against the 5 MB target.
        out["rss_slope_mb"] = None if slope is None else slope * 100_000 / 1024
    return out
