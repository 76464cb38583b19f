"""Measuring one window of work in ``scripts/bench.py``: calls, decodes, sync calls.

A window runs one client for a time slice (every client of a workload gets the same slices,
interleaved, see ``bench.py``); the windows of one client in one round are then combined into
one :class:`Sample`. Rates are units (calls, tasks, decodes) per second of the window's wall
time; CPU is this process's (the server runs elsewhere), per unit.
"""

from __future__ import annotations

import asyncio
import gc
import itertools
import resource
import statistics
import sys
import threading
import time
from collections.abc import Awaitable, Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import attrs
from _bench_common import ORG_ID, TOKEN, BenchClient, BenchError
from _bench_stats import percentile

__all__ = [
    "Garbage",
    "Meter",
    "Sample",
    "SyncBench",
    "Window",
    "combine",
    "cyclic_garbage",
    "run_calls",
    "run_decodes",
]


@attrs.frozen
class Window:
    """One measured slice: totals, so that slices add up exactly."""

    units: int
    calls: int
    wall: float
    cpu: float
    server: float | None
    latencies: tuple[float, ...]
    kernel: float | None = None
    """Client CPU spent in the kernel (system calls, waking the server), part of ``cpu``."""


@attrs.frozen
class Sample:
    """One client x workload x round (its windows combined). Units: see the workload."""

    count: int
    rate: float | None = None
    """Units per second."""
    mean_ms: float | None = None
    p99_ms: float | None = None
    cpu_us: float | None = None
    """Client CPU per unit."""
    cpu_util: float | None = None
    """Client CPU seconds per wall second."""
    kernel_us: float | None = None
    """The part of ``cpu_us`` spent in the kernel: a slower client leaves the server idle
    between requests, and each request then pays for waking it."""
    server_us: float | None = None
    """Server CPU per unit."""
    extra: dict[str, float | None] = attrs.field(factory=dict)
    """Workload-specific values (stream memory and GC, import milliseconds ...)."""

    def value(self, field: str) -> float | None:
        if field in self.extra:
            return self.extra[field]
        found = getattr(self, field, None)
        return found if isinstance(found, int | float) else None


class Meter:
    """Wall time, client CPU and server CPU of one window."""

    def __init__(self, server_cpu: Callable[[], float | None] | None = None) -> None:
        # Each window starts from a clean heap, so no client pays for another's garbage.
        gc.collect()
        self._server_cpu = server_cpu
        self._server0 = server_cpu() if server_cpu else None
        self._cpu0 = time.process_time()
        self._kernel0 = resource.getrusage(resource.RUSAGE_SELF).ru_stime
        self._t0 = time.perf_counter()

    def stop(self, units: int, latencies: Sequence[float]) -> Window:
        wall = time.perf_counter() - self._t0
        cpu = time.process_time() - self._cpu0
        kernel = resource.getrusage(resource.RUSAGE_SELF).ru_stime - self._kernel0
        server1 = self._server_cpu() if self._server_cpu else None
        server = None
        if server1 is not None and self._server0 is not None:
            server = server1 - self._server0
        return Window(units, len(latencies), wall, cpu, server, tuple(latencies), kernel)


def combine(windows: Sequence[Window], extra: dict[str, float | None] | None = None) -> Sample:
    """The windows of one client in one round as one sample (totals, not averages of rates)."""
    units = sum(w.units for w in windows)
    wall = sum(w.wall for w in windows)
    cpu = sum(w.cpu for w in windows)
    kernels = [w.kernel for w in windows]
    servers = [w.server for w in windows]
    latencies = [lat for w in windows for lat in w.latencies]
    per = max(units, 1)
    return Sample(
        count=units,
        rate=units / wall if wall > 0 else None,
        mean_ms=statistics.fmean(latencies) * 1000 if latencies else None,
        p99_ms=percentile(latencies, 0.99) * 1000 if latencies else None,
        cpu_us=cpu / per * 1e6,
        cpu_util=cpu / wall if wall > 0 else None,
        kernel_us=(
            sum(k for k in kernels if k is not None) / per * 1e6
            if kernels and all(k is not None for k in kernels)
            else None
        ),
        server_us=(
            sum(s for s in servers if s is not None) / per * 1e6
            if servers and all(s is not None for s in servers)
            else None
        ),
        extra=dict(extra or {}),
    )


Call = Callable[[int], Awaitable[int]]
"""One call of a workload: given a sequence number, do it, check it, return units done."""


async def run_calls(
    call: Call,
    concurrency: int,
    seconds: float,
    *,
    server_cpu: Callable[[], float | None] | None = None,
    start: int = 0,
) -> Window:
    """``concurrency`` workers issue calls until ``seconds`` have passed (each makes one at
    least); calls in flight then finish inside the window."""
    sequence = itertools.count(start)
    latencies: list[float] = []
    units = 0
    perf = time.perf_counter

    async def worker(deadline: float) -> None:
        nonlocal units
        while True:
            started = perf()
            done = await call(next(sequence))
            latencies.append(perf() - started)
            units += done  # after the await: ``units += await ...`` would lose updates
            if started >= deadline:
                return

    meter = Meter(server_cpu)
    deadline = perf() + seconds
    await asyncio.gather(*(worker(deadline) for _ in range(concurrency)))
    return meter.stop(units, latencies)


def run_decodes(decode: Callable[[bytes], Any], payloads: Sequence[bytes]) -> Window:
    """Envelope bytes → model, one at a time; CPU time is what counts (see bench's verdict)."""
    latencies = [0.0] * len(payloads)
    perf = time.perf_counter
    meter = Meter()
    for index, raw in enumerate(payloads):
        started = perf()
        decode(raw)
        latencies[index] = perf() - started
    return meter.stop(len(payloads), latencies)


@attrs.frozen
class Garbage:
    """Objects per call that only the cyclic GC can free, and the classes they belong to.

    Deterministic, unlike timings: each such object makes the collector run sooner, and
    every collection walks all young objects, in-flight responses and fresh models included.
    """

    per_call: float
    classes: tuple[str, ...]


def _third_party(cls: type) -> bool:
    """Classes that name a culprit (``tenacity.RetryCallState``), not ``builtins.tuple``."""
    return cls.__module__.split(".")[0] not in (*sys.stdlib_module_names, "builtins")


async def cyclic_garbage(client: BenchClient, calls: int = 50) -> Garbage:
    gc.collect()
    gc.disable()
    try:
        for index in range(calls):
            await client.get_task(index + 1)
        per_call = gc.collect() / calls
        gc.set_debug(gc.DEBUG_SAVEALL)  # keep what one call leaves behind, to name it
        await client.get_task(1)
        gc.collect()
        found = {type(o) for o in gc.garbage if _third_party(type(o))}
        classes = tuple(sorted(f"{t.__module__.split('.')[0]}.{t.__qualname__}" for t in found))
    finally:
        gc.set_debug(0)
        gc.garbage.clear()
        gc.enable()
    return Garbage(per_call, classes)


class SyncBench:
    """One sync client shared by a fixed pool of threads, as a threaded app would use it."""

    def __init__(self, cls: type[Any], base_url: str, threads: int, pool: int) -> None:
        self._client = cls(org_id=ORG_ID, access_token=TOKEN, base_url=base_url)
        self._threads = threads
        self._pool = pool
        self._executor = ThreadPoolExecutor(threads, thread_name_prefix="bench-sync")

    def run(
        self, seconds: float, *, server_cpu: Callable[[], float | None] | None = None
    ) -> Window:
        latencies: list[float] = []
        sequence = itertools.count()
        lock = threading.Lock()
        perf = time.perf_counter
        pool = self._pool

        def worker(deadline: float) -> None:
            while True:
                with lock:
                    index = next(sequence)
                task_id = index % pool + 1
                started = perf()
                got = self._client.tasks.get(task_id).task_id
                latencies.append(perf() - started)
                if got != task_id:
                    raise BenchError(f"sync: asked for task {task_id}, got {got}")
                if started >= deadline:
                    return

        meter = Meter(server_cpu)
        deadline = perf() + seconds
        futures = [self._executor.submit(worker, deadline) for _ in range(self._threads)]
        for future in futures:
            future.result()
        return meter.stop(len(latencies), latencies)

    def close(self) -> None:
        self._executor.shutdown(wait=True)
        self._client.close()
