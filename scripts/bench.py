"""``make bench``: what astravue-async costs on top of the wire, next to two references.

Why this exists: an SDK that adds auth, an envelope, retries and typed models should still be
cheap enough that nobody is tempted to bypass it. So the same workloads run against the same
local server with three clients, and the report prints each metric side by side with ratios:

* **floor**: raw ``aiohttp.ClientSession`` + ``json.loads``, no models. Nothing with this stack
  is faster, so ``astravue / floor`` is the SDK's overhead.
* **astravue**: the public ``AstravueClient`` exactly as users get it (retries on, models on).
* **peer**: a client generated from the same spec by ``openapi-python-client`` at bench time
  (httpx + attrs): what users would get for free. See ``_bench_peer.py``.

Workloads: (a) 5,000 ``get task`` at concurrency 64; (b) streaming 20,000 project tasks
through pagination, each client in its own worker process so its peak-RSS growth is its own;
(c) decoding 1,000 ``TaskDto`` payloads into models; (d) the sync client from 32 threads,
against the async client's (a) throughput. Rounds interleave the clients (rotating the order)
so machine drift hits all of them alike; the table shows medians (peak RSS: the worst round).
(a) and (d) stop issuing calls after a few seconds: rates are per call, and the generated peer
manages well under 100 calls/s at concurrency 64, which would otherwise take the run far past
its three-minute budget. The table shows how many calls each client completed.

The server (``_bench_server.py``) runs in its own process with pre-serialised bodies, so on a
2-core machine it has a core of its own and ``time.process_time()`` here is client CPU only.
Server CPU and the CPU other processes took during the run are reported too, so a reader can
tell a slow client from a busy machine.

Usage: ``scripts/bench.py [--quick] [--rounds N] [--json PATH|-] [--profile]
[--peer-as-installed]``; with ``--json -`` the table goes to stderr and JSON to stdout. Exit
status is 0 whether or not targets are met (it is a report), 130 on Ctrl-C, and non-zero
otherwise only if the benchmark crashes.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import cProfile
import gc
import importlib
import json
import math
import os
import platform
import pstats
import re
import select
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import AsyncIterable, AsyncIterator, Callable, Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any, Final, Protocol, TextIO

import aiohttp
import attrs
import httpx

from astravue_async import AstravueClient
from astravue_async._convert import structure
from astravue_async._generated.models import TaskDto
from astravue_async._json import BACKEND as JSON_BACKEND

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _bench_peer import PeerInfo, generate_peer, open_peer, peer_decoder, quiet_sniffio_probe
from _bench_server import PROJECT_ID, SINGLE_POOL, SPACE_ID, make_tasks

ROOT: Final = Path(__file__).resolve().parent.parent
SPEC: Final = ROOT / "openapi" / "astravue.openapi.yaml"
SERVER: Final = Path(__file__).resolve().parent / "_bench_server.py"
SELF: Final = str(Path(__file__).resolve())
ORG_ID: Final = 1
TOKEN: Final = "bench"  # noqa: S105 - the canned server accepts any bearer token
POOL: Final = 100
HEADERS: Final = {
    "User-Agent": "astravue-bench-floor/1",
    "Accept": "application/json",
    "Authorization": f"Bearer {TOKEN}",
    "X-Org-Id": str(ORG_ID),
}
CLIENTS: Final = ("floor", "astravue", "peer")
DECODERS: Final = ("astravue", "peer")
TICK: Final = os.sysconf("SC_CLK_TCK") if hasattr(os, "sysconf") else 100


class BenchError(RuntimeError):
    """A client returned something other than what the server sent."""


# --------------------------------------------------------------------------- configuration


@attrs.frozen
class Config:
    """Sizes of one run; ``QUICK`` keeps every workload but shrinks the counts."""

    rounds: int
    gets: int
    concurrency: int
    stream_tasks: int
    page_size: int
    decodes: int
    sync_calls: int
    sync_threads: int
    warmup: int
    time_cap: float
    """Seconds after which an (a)/(d) run stops issuing calls (bounds a very slow client)."""
    slices: int
    """(a) and (d) alternate the clients this many times per round, a slice of calls each."""


FULL: Final = Config(
    rounds=5,
    gets=5_000,
    concurrency=64,
    stream_tasks=20_000,
    page_size=100,
    decodes=1_000,
    sync_calls=5_000,
    sync_threads=32,
    warmup=300,
    time_cap=4.0,
    slices=10,
)
QUICK: Final = attrs.evolve(
    FULL,
    rounds=3,
    gets=1_000,
    stream_tasks=3_000,
    decodes=300,
    sync_calls=1_000,
    warmup=100,
    time_cap=1.0,
    slices=5,
)


# --------------------------------------------------------------------------- measurement


def _status_kb(field: str) -> int | None:
    """A ``VmRSS``/``VmHWM`` line of ``/proc/self/status`` in kB (None off Linux)."""
    try:
        text = Path("/proc/self/status").read_text()
    except OSError:
        return None
    found = re.search(rf"^{field}:\s+(\d+) kB", text, re.MULTILINE)
    return int(found.group(1)) if found else None


def reset_peak_rss() -> bool:
    """Reset the kernel's peak-RSS mark (``VmHWM``) so one window's peak can be read."""
    try:
        with open("/proc/self/clear_refs", "w") as handle:
            handle.write("5")
    except OSError:
        return False
    return True


def process_cpu(pid: int) -> float | None:
    """User + system CPU seconds of a process, all threads (None if it cannot be read)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except (OSError, IndexError):
        return None
    return (int(fields[11]) + int(fields[12])) / TICK


def machine_busy() -> float | None:
    """CPU seconds all CPUs spent busy since boot (None off Linux)."""
    try:
        values = [int(v) for v in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]
    except (OSError, ValueError):
        return None
    user, nice, system, _idle, _iowait, irq, softirq = values[:7]
    return (user + nice + system + irq + softirq) / TICK


@attrs.frozen
class Metrics:
    """One client x workload x round; ``*_us`` and ``rate`` are per request/task/decode."""

    count: int
    rate: float
    mean_ms: float
    p99_ms: float
    cpu_us: float
    cpu_util: float
    rss_mb: float | None
    server_us: float | None = None


FIELDS: Final = ("rate", "mean_ms", "p99_ms", "cpu_us", "cpu_util", "server_us", "rss_mb")


def percentile(values: Sequence[float], fraction: float) -> float:
    ordered = sorted(values)
    if not ordered:
        return math.nan
    return ordered[max(0, math.ceil(fraction * len(ordered)) - 1)]


class Meter:
    """Wall time, client CPU, server CPU and peak-RSS growth of one measured window."""

    def __init__(self, server_cpu: Callable[[], float | None] | None = None) -> None:
        gc.collect()
        self._server_cpu = server_cpu
        self._server0 = server_cpu() if server_cpu else None
        self._peak_valid = reset_peak_rss()
        self._rss0 = _status_kb("VmRSS")
        self._cpu0 = time.process_time()
        self._t0 = time.perf_counter()

    def stop(self, count: int, latencies: Sequence[float]) -> Metrics:
        wall = time.perf_counter() - self._t0
        cpu = time.process_time() - self._cpu0
        peak = _status_kb("VmHWM")
        server1 = self._server_cpu() if self._server_cpu else None
        rss = None
        if self._peak_valid and peak is not None and self._rss0 is not None:
            rss = max(0, peak - self._rss0) / 1024
        server = None
        if server1 is not None and self._server0 is not None and count:
            server = (server1 - self._server0) / count * 1e6
        return Metrics(
            count=count,
            rate=count / wall,
            mean_ms=statistics.fmean(latencies) * 1000 if latencies else math.nan,
            p99_ms=percentile(latencies, 0.99) * 1000,
            cpu_us=cpu / max(count, 1) * 1e6,
            cpu_util=cpu / wall,
            rss_mb=rss,
            server_us=server,
        )


def combine(parts: Sequence[Metrics], latencies: Sequence[float]) -> Metrics:
    """Slices of one client in one round as one measurement (totals, not averages of rates)."""
    count = sum(p.count for p in parts)
    wall = sum(p.count / p.rate for p in parts if p.rate)
    cpu = sum(p.cpu_us * p.count for p in parts) / 1e6
    servers = [p.server_us for p in parts]
    rss = [p.rss_mb for p in parts if p.rss_mb is not None]
    return Metrics(
        count=count,
        rate=count / wall if wall else 0.0,
        mean_ms=statistics.fmean(latencies) * 1000 if latencies else math.nan,
        p99_ms=percentile(latencies, 0.99) * 1000,
        cpu_us=cpu / max(count, 1) * 1e6,
        cpu_util=cpu / wall if wall else 0.0,
        rss_mb=max(rss) if rss else None,
        server_us=(
            sum(s * p.count for s, p in zip(servers, parts, strict=True) if s is not None)
            / max(count, 1)
            if all(s is not None for s in servers)
            else None
        ),
    )


def summarise(samples: Sequence[Metrics], *, worst_rss: bool) -> dict[str, float | None]:
    """Medians over rounds; peak RSS as the worst round when ``worst_rss`` (streaming)."""
    out: dict[str, float | None] = {}
    for name in FIELDS:
        values = [v for v in (getattr(s, name) for s in samples) if v is not None]
        if not values:
            out[name] = None
        elif name == "rss_mb" and worst_rss:
            out[name] = max(values)
        else:
            out[name] = statistics.median(values)
    out["count"] = statistics.median(s.count for s in samples) if samples else None
    return out


class LoadMeter:
    """CPU that processes other than ours used during the run (shared-machine noise)."""

    def __init__(self, pids: Callable[[], Sequence[int]]) -> None:
        self._pids = pids
        self._start = self._sample()

    def _sample(self) -> tuple[float, float, float] | None:
        busy = machine_busy()
        ours = [process_cpu(pid) for pid in self._pids()]
        if busy is None or any(v is None for v in ours):
            return None
        return time.perf_counter(), busy, time.process_time() + sum(v or 0.0 for v in ours)

    def others_cores(self) -> float | None:
        end = self._sample()
        if end is None or self._start is None:
            return None
        wall, busy, ours = (e - s for e, s in zip(end, self._start, strict=True))
        return max(0.0, busy - ours) / wall if wall > 0 else None


# --------------------------------------------------------------------------- clients


class BenchClient(Protocol):
    """The three clients behind one face, so every workload is written once."""

    async def get_task(self, task_id: int) -> int: ...

    def stream(self, page_size: int) -> AsyncIterable[Any]: ...

    def task_id(self, item: Any) -> int: ...

    async def aclose(self) -> None: ...


class FloorClient:
    """Raw aiohttp + ``json.loads``: the fastest this stack gets, no models, no policy."""

    def __init__(self, base_url: str) -> None:
        self._base = base_url
        self._session = aiohttp.ClientSession(
            connector=aiohttp.TCPConnector(limit=POOL, limit_per_host=POOL), headers=HEADERS
        )

    async def _get(self, path: str, params: dict[str, int] | None = None) -> Any:
        async with self._session.get(self._base + path, params=params) as response:
            body = await response.read()
            if response.status != 200:
                raise BenchError(f"floor: HTTP {response.status} for {path}")
        return json.loads(body)["data"]

    async def get_task(self, task_id: int) -> int:
        data = await self._get(f"/tasks/{task_id}")
        return int(data["taskId"])

    async def stream(self, page_size: int) -> AsyncIterator[Any]:
        path = f"/spaces/{SPACE_ID}/projects/{PROJECT_ID}/tasks"
        number = 0
        while True:
            data = await self._get(path, {"page": number, "size": page_size})
            for item in data["content"]:
                yield item
            if data["last"] or not data["content"]:
                return
            number += 1

    def task_id(self, item: Any) -> int:
        return int(item["taskId"])

    async def aclose(self) -> None:
        await self._session.close()


class AstravueBenchClient:
    """The public SDK with its defaults (retries on, models decoded)."""

    def __init__(self, base_url: str) -> None:
        self._client = AstravueClient(org_id=ORG_ID, access_token=TOKEN, base_url=base_url)

    async def get_task(self, task_id: int) -> int:
        task = await self._client.tasks.get(task_id)
        return task.task_id

    def stream(self, page_size: int) -> AsyncIterable[Any]:
        return self._client.project_tasks.list(SPACE_ID, PROJECT_ID, page_size=page_size)

    def task_id(self, item: Any) -> int:
        return int(item.task_id)

    async def aclose(self) -> None:
        await self._client.aclose()


class PeerBenchClient:
    """The generated peer (or its httpx fallback); pages are walked by hand."""

    def __init__(self, info: PeerInfo, base_url: str) -> None:
        self._peer = open_peer(info, base_url, token=TOKEN, org_id=ORG_ID)

    async def get_task(self, task_id: int) -> int:
        return await self._peer.get_task(task_id)

    async def stream(self, page_size: int) -> AsyncIterator[Any]:
        number = 0
        while True:
            items, last = await self._peer.page(SPACE_ID, PROJECT_ID, number, page_size)
            for item in items:
                yield item
            if last or not items:
                return
            number += 1

    def task_id(self, item: Any) -> int:
        return self._peer.task_id(item)

    async def aclose(self) -> None:
        await self._peer.aclose()


async def open_client(name: str, base_url: str, peer: PeerInfo) -> BenchClient:
    """Created inside the running loop: aiohttp and httpx bind to it."""
    if name == "floor":
        return FloorClient(base_url)
    if name == "astravue":
        return AstravueBenchClient(base_url)
    if name == "peer":
        return PeerBenchClient(peer, base_url)
    raise ValueError(name)


# --------------------------------------------------------------------------- workloads


async def run_gets(
    client: BenchClient,
    count: int,
    concurrency: int,
    pool: int,
    *,
    cap: float = math.inf,
    server_cpu: Callable[[], float | None] | None = None,
    latencies: list[float] | None = None,
) -> Metrics:
    """(a) up to ``count`` get-task calls from ``concurrency`` workers, for at most ``cap`` s.

    Latencies are also appended to ``latencies`` when given (a round's slices share one list).
    """
    window: list[float] = []
    indices = iter(range(count))
    perf = time.perf_counter

    async def worker(deadline: float) -> None:
        for index in indices:
            task_id = index % pool + 1
            started = perf()
            got = await client.get_task(task_id)
            window.append(perf() - started)
            if got != task_id:
                raise BenchError(f"asked for task {task_id}, got {got}")
            if started > deadline:
                return

    meter = Meter(server_cpu)
    deadline = perf() + cap
    await asyncio.gather(*(worker(deadline) for _ in range(concurrency)))
    if latencies is not None:
        latencies.extend(window)
    return meter.stop(len(window), window)


async def run_stream(client: BenchClient, total: int, page_size: int) -> Metrics:
    """(b) every task of the project via ``async for``; latency is per page fetch+decode."""
    page_latencies: list[float] = []
    count = checksum = 0
    perf = time.perf_counter
    meter = Meter()
    previous = perf()
    async for item in client.stream(page_size):
        if count % page_size == 0:  # first item of a page: we just waited for that page
            page_latencies.append(perf() - previous)
        checksum += client.task_id(item)  # touch every item: nothing may decode lazily
        count += 1
        previous = perf()
    metrics = meter.stop(count, page_latencies)
    if count != total or checksum != total * (total + 1) // 2:
        raise BenchError(f"streamed {count} tasks (checksum {checksum}), expected {total}")
    return metrics


def run_decode(
    decode: Callable[[dict[str, Any]], Any], payloads: Sequence[dict[str, Any]]
) -> Metrics:
    """(c) payload dicts → models, one at a time."""
    latencies = [0.0] * len(payloads)
    perf = time.perf_counter
    meter = Meter()
    for index, payload in enumerate(payloads):
        started = perf()
        decode(payload)
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


def astravue_decode(payload: dict[str, Any]) -> TaskDto:
    return structure(payload, TaskDto)


# --------------------------------------------------------------------------- sync client (d)


def probe_sync() -> tuple[type[Any] | None, str]:
    """``AstravueSyncClient`` if ``astravue_async.sync`` imports (it is written in parallel
    with this benchmark), else ``None`` and why."""
    try:
        module = importlib.import_module("astravue_async.sync")
        return module.AstravueSyncClient, ""
    except Exception as exc:  # missing or half-written: report it, don't crash
        return None, f"{type(exc).__name__}: {exc}"


class SyncBench:
    """One sync client shared by a fixed pool of threads, as a threaded app would use it."""

    def __init__(self, cls: type[Any], base_url: str, threads: int) -> None:
        self._client = cls(org_id=ORG_ID, access_token=TOKEN, base_url=base_url)
        self._threads = threads
        self._executor = ThreadPoolExecutor(threads, thread_name_prefix="bench-sync")

    def run(
        self,
        count: int,
        pool: int,
        *,
        cap: float = math.inf,
        server_cpu: Callable[[], float | None] | None = None,
        latencies: list[float] | None = None,
    ) -> Metrics:
        window: list[float] = []
        indices = iter(range(count))
        lock = threading.Lock()
        perf = time.perf_counter

        def worker(deadline: float) -> None:
            while True:
                with lock:
                    index = next(indices, None)
                if index is None:
                    return
                task_id = index % pool + 1
                started = perf()
                got = self._client.tasks.get(task_id).task_id
                window.append(perf() - started)
                if got != task_id:
                    raise BenchError(f"sync: asked for task {task_id}, got {got}")
                if started > deadline:
                    return

        meter = Meter(server_cpu)
        deadline = perf() + cap
        futures = [self._executor.submit(worker, deadline) for _ in range(self._threads)]
        for future in futures:
            future.result()
        if latencies is not None:
            latencies.extend(window)
        return meter.stop(len(window), window)

    def close(self) -> None:
        self._executor.shutdown(wait=True)
        self._client.close()


# --------------------------------------------------------------------------- processes


class Server:
    """``_bench_server.py`` in a child process; stopped on exit, Ctrl-C or our death."""

    def __init__(self, tasks: int) -> None:
        self._proc = subprocess.Popen(  # noqa: S603 - our own script, fixed argv
            [sys.executable, str(SERVER), "--tasks", str(tasks)],
            stdin=subprocess.PIPE,  # its closing (even by our death) tells the server to exit
            stdout=subprocess.PIPE,
            text=True,
        )
        self.pid = self._proc.pid
        self.port = self._read_port(timeout=60)
        self.base_url = f"http://127.0.0.1:{self.port}/v1"

    def _read_port(self, timeout: float) -> int:
        assert self._proc.stdout is not None
        ready, _, _ = select.select([self._proc.stdout], [], [], timeout)
        line = self._proc.stdout.readline() if ready else ""
        if not line.startswith("PORT "):
            self.stop()
            raise RuntimeError(f"bench server did not start (said {line!r})")
        return int(line.split()[1])

    def cpu(self) -> float | None:
        return process_cpu(self.pid)

    def stop(self) -> None:
        proc = self._proc
        if proc.poll() is None:
            with contextlib.suppress(OSError):
                assert proc.stdin is not None
                proc.stdin.close()
            try:
                proc.wait(timeout=5)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()
        if proc.stdout is not None:
            proc.stdout.close()


@attrs.frozen
class StreamJob:
    """What a ``--stream-worker`` process needs (JSON on its command line)."""

    client: str
    base_url: str
    peer: dict[str, Any]
    quiet_sniffio: bool
    total: int
    page_size: int


class StreamWorker:
    """One long-lived process per client for (b): ``run`` on stdin → one JSON ``Metrics``.

    A process of its own keeps each client's RSS apart from the others'; keeping it for all
    rounds saves start-ups. Round 1 runs in a fresh process (the honest peak-RSS growth).
    """

    def __init__(self, proc: asyncio.subprocess.Process, server: Server) -> None:
        self._proc = proc
        self._server = server

    @property
    def pid(self) -> int:
        return self._proc.pid

    @classmethod
    async def start(cls, job: StreamJob, server: Server) -> StreamWorker:
        proc = await asyncio.create_subprocess_exec(
            sys.executable,
            SELF,
            "--stream-worker",
            json.dumps(attrs.asdict(job)),
            stdin=asyncio.subprocess.PIPE,
            stdout=asyncio.subprocess.PIPE,
        )
        worker = cls(proc, server)
        if await worker._line() != "READY":
            await worker.close()
            raise RuntimeError(f"stream worker for {job.client} did not start")
        return worker

    async def _line(self) -> str:
        assert self._proc.stdout is not None
        line = await asyncio.wait_for(self._proc.stdout.readline(), timeout=600)
        if not line:
            raise RuntimeError(f"stream worker exited ({await self._proc.wait()})")
        return line.decode().strip()

    async def run(self) -> Metrics:
        assert self._proc.stdin is not None
        server0 = self._server.cpu()
        self._proc.stdin.write(b"run\n")
        await self._proc.stdin.drain()
        metrics = Metrics(**json.loads(await self._line()))
        server1 = self._server.cpu()
        if server0 is None or server1 is None:
            return metrics
        return attrs.evolve(metrics, server_us=(server1 - server0) / metrics.count * 1e6)

    async def close(self) -> None:
        proc = self._proc
        if proc.returncode is None:
            if proc.stdin is not None:
                proc.stdin.close()
            try:
                await asyncio.wait_for(proc.wait(), timeout=3)
            except TimeoutError:
                proc.kill()
                await proc.wait()


def stream_worker_main(raw: str) -> None:
    """Body of a ``--stream-worker`` process (see :class:`StreamWorker`)."""
    job = StreamJob(**json.loads(raw))
    # The benchmark owns our lifetime (closing our stdin ends us); a Ctrl-C in the terminal
    # reaches it too, and it must not see us die first in the middle of a round.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if job.quiet_sniffio:
        quiet_sniffio_probe()
    with asyncio.Runner() as runner:
        client = runner.run(open_client(job.client, job.base_url, PeerInfo(**job.peer)))
        try:
            # One tiny page first: connection set-up, lazy imports and compiled decoders are
            # start-up costs, not streaming costs.
            runner.run(first_item(client))
            print("READY", flush=True)
            for line in sys.stdin:
                if line.strip() != "run":
                    break
                metrics = runner.run(run_stream(client, job.total, job.page_size))
                print(json.dumps(attrs.asdict(metrics)), flush=True)
        finally:
            runner.run(client.aclose())


async def first_item(client: BenchClient) -> None:
    async for _ in client.stream(1):
        break


# --------------------------------------------------------------------------- the run


def rotated(names: Sequence[str], round_index: int) -> list[str]:
    shift = round_index % len(names)
    return [*names[shift:], *names[:shift]]


Results = dict[str, dict[str, list[Metrics]]]
Decoder = Callable[[dict[str, Any]], Any]


@attrs.define
class Run:
    """Everything one invocation measures, plus what it learned along the way."""

    cfg: Config
    server: Server
    peer: PeerInfo
    quiet_sniffio: bool
    payloads: list[dict[str, Any]]
    sync_cls: type[Any] | None
    sync_note: str
    results: Results = attrs.field(factory=dict)
    notes: list[str] = attrs.field(factory=list)
    others_cores: float | None = None
    garbage: dict[str, Garbage] = attrs.field(factory=dict)

    @property
    def pool(self) -> int:
        return min(SINGLE_POOL, self.cfg.stream_tasks)

    def add(self, workload: str, client: str, metrics: Metrics) -> None:
        self.results.setdefault(workload, {}).setdefault(client, []).append(metrics)

    def stream_job(self, client: str) -> StreamJob:
        return StreamJob(
            client=client,
            base_url=self.server.base_url,
            peer=attrs.asdict(self.peer),
            quiet_sniffio=self.quiet_sniffio,
            total=self.cfg.stream_tasks,
            page_size=self.cfg.page_size,
        )

    async def gets(
        self,
        client: BenchClient,
        count: int,
        *,
        slices: int = 1,
        latencies: list[float] | None = None,
    ) -> Metrics:
        cfg = self.cfg
        return await run_gets(
            client,
            count,
            cfg.concurrency,
            self.pool,
            cap=cfg.time_cap / slices,
            server_cpu=self.server.cpu,
            latencies=latencies,
        )

    async def sync_round(
        self,
        sync: SyncBench,
        count: int,
        *,
        slices: int = 1,
        latencies: list[float] | None = None,
    ) -> Metrics:
        cap = self.cfg.time_cap / slices
        return await asyncio.to_thread(
            lambda: sync.run(
                count, self.pool, cap=cap, server_cpu=self.server.cpu, latencies=latencies
            )
        )


def progress(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def decoders(run: Run) -> dict[str, Decoder]:
    found: dict[str, Decoder] = {"astravue": astravue_decode}
    peer = peer_decoder(run.peer)
    if peer is not None:
        found["peer"] = peer
    return found


@attrs.define
class Fixtures:
    """What the rounds share: in-process clients, stream workers, decoders, the sync client."""

    clients: dict[str, BenchClient]
    workers: dict[str, StreamWorker]
    decode: dict[str, Decoder]
    sync: SyncBench | None = None

    async def close(self) -> None:
        if self.sync is not None:
            await asyncio.to_thread(self.sync.close)
        for client in self.clients.values():
            await client.aclose()
        for worker in self.workers.values():
            await worker.close()


async def open_fixtures(run: Run) -> Fixtures:
    fixtures = Fixtures({}, {}, decoders(run))
    try:
        fixtures.workers = await start_workers(run)
        for name in CLIENTS:
            fixtures.clients[name] = client = await open_client(name, run.server.base_url, run.peer)
            await run.gets(client, run.cfg.warmup)
            run.garbage[name] = await cyclic_garbage(client)
        for payload in run.payloads[: run.cfg.warmup]:
            for decode in fixtures.decode.values():
                decode(payload)
        fixtures.sync = await open_sync(run)
    except BaseException:
        await fixtures.close()
        raise
    return fixtures


async def start_workers(run: Run) -> dict[str, StreamWorker]:
    """All (b) workers at once (their imports overlap); none is left behind on failure."""
    starting = [StreamWorker.start(run.stream_job(name), run.server) for name in CLIENTS]
    started = await asyncio.gather(*starting, return_exceptions=True)
    failed = [s for s in started if isinstance(s, BaseException)]
    if failed:
        for worker in started:
            if isinstance(worker, StreamWorker):
                await worker.close()
        raise failed[0]
    return dict(zip(CLIENTS, started, strict=True))  # type: ignore[arg-type]


async def open_sync(run: Run) -> SyncBench | None:
    if run.sync_cls is None:
        return None
    sync = await asyncio.to_thread(
        SyncBench, run.sync_cls, run.server.base_url, run.cfg.sync_threads
    )
    await run.sync_round(sync, run.cfg.warmup)
    return sync


async def sliced_gets(run: Run, index: int, fx: Fixtures) -> None:
    """(a) and (d) of one round, the clients taking turns in short slices.

    A shared VM's speed drifts by tens of percent within seconds; alternating every few hundred
    calls exposes every client to the same drift, so the per-round ratios the verdicts use
    compare like with like.
    """
    cfg = run.cfg
    names = [*CLIENTS, "sync"] if fx.sync is not None else list(CLIENTS)
    parts: dict[str, list[Metrics]] = {name: [] for name in names}
    latencies: dict[str, list[float]] = {name: [] for name in names}
    for piece in range(cfg.slices):
        for name in rotated(names, index + piece):
            if name == "sync":
                assert fx.sync is not None
                count = cfg.sync_calls // cfg.slices
                metrics = await run.sync_round(
                    fx.sync, count, slices=cfg.slices, latencies=latencies[name]
                )
            else:
                count = cfg.gets // cfg.slices
                metrics = await run.gets(
                    fx.clients[name], count, slices=cfg.slices, latencies=latencies[name]
                )
            parts[name].append(metrics)
    for name in names:
        run.add("d" if name == "sync" else "a", name, combine(parts[name], latencies[name]))


async def one_round(run: Run, index: int, fx: Fixtures) -> None:
    await sliced_gets(run, index, fx)
    for name in rotated(CLIENTS, index):
        run.add("b", name, await fx.workers[name].run())
    for name in rotated(list(fx.decode), index):
        run.add("c", name, run_decode(fx.decode[name], run.payloads))


async def late_sync_rounds(run: Run) -> None:
    """(d) after all, if the sync client appeared while the other workloads ran."""
    cls, reason = probe_sync()
    if cls is None:
        run.sync_note = f"skipped: sync client not available, checked again at the end ({reason})"
        progress(f"(d) {run.sync_note}")
        return
    run.sync_cls = cls
    run.sync_note = ""
    run.notes.append("(d) measured after the other workloads: the sync client appeared mid-run")
    sync = await open_sync(run)
    assert sync is not None
    try:
        for _ in range(run.cfg.rounds):
            run.add("d", "sync", await run.sync_round(sync, run.cfg.sync_calls))
    finally:
        await asyncio.to_thread(sync.close)


async def measure(run: Run) -> None:
    fixtures = await open_fixtures(run)
    try:
        load = LoadMeter(lambda: [run.server.pid, *(w.pid for w in fixtures.workers.values())])
        for index in range(run.cfg.rounds):
            started = time.perf_counter()
            await one_round(run, index, fixtures)
            elapsed = time.perf_counter() - started
            progress(f"round {index + 1}/{run.cfg.rounds} done in {elapsed:.1f} s")
        run.others_cores = load.others_cores()
    finally:
        await fixtures.close()
    if run.sync_cls is None:
        await late_sync_rounds(run)


# --------------------------------------------------------------------------- profiling


def _label(key: tuple[str, int, str]) -> str:
    filename, line, name = key
    if filename == "~":
        return name
    return f"{'/'.join(Path(filename).parts[-2:])}:{line}({name})"


def format_profile(profile: cProfile.Profile, per: int, unit: str, limit: int = 15) -> str:
    """Top functions by cumulative and by own time, normalised per request/task/decode."""
    stats: Any = pstats.Stats(profile)
    rows = [
        (key, calls, own, cum)
        for key, (_, calls, own, cum, _) in stats.stats.items()
        if key[2] != "<built-in method gc.collect>"  # the Meter's, outside the measured window
    ]
    lines: list[str] = []
    for title, column in (("cumulative", 3), ("own", 2)):
        lines.append(f"  top {limit} by {title} time (µs and calls per {unit}):")
        lines.append(f"    {'cum µs':>8} {'own µs':>8} {'calls':>7}  function")
        for key, calls, own, cum in sorted(rows, key=lambda r: -r[column])[:limit]:
            lines.append(
                f"    {cum / per * 1e6:8.1f} {own / per * 1e6:8.1f} {calls / per:7.2f}  "
                f"{_label(key)}"
            )
    return "\n".join(lines)


async def profiled(coro_factory: Callable[[], Any]) -> cProfile.Profile:
    profile = cProfile.Profile()
    profile.enable()
    try:
        await coro_factory()
    finally:
        profile.disable()
    return profile


async def profile_hot_path(run: Run) -> str:
    """cProfile of astravue on (a), (b) and (c), in-process (cProfile inflates all times)."""
    cfg = run.cfg
    client = AstravueBenchClient(run.server.base_url)
    try:
        await run_gets(client, cfg.warmup, cfg.concurrency, run.pool)
        gets = await profiled(lambda: run_gets(client, cfg.gets, cfg.concurrency, run.pool))
        stream = await profiled(lambda: run_stream(client, cfg.stream_tasks, cfg.page_size))
    finally:
        await client.aclose()
    decode = cProfile.Profile()
    decode.enable()
    for payload in run.payloads:
        astravue_decode(payload)
    decode.disable()
    return "\n".join(
        [
            "  (µs are cProfile-inflated; a coroutine counts one call per resume, so an awaited",
            "  coroutine shows about 2 calls per request)",
            f"(a) astravue get task x{cfg.gets:,} at concurrency {cfg.concurrency}:",
            format_profile(gets, cfg.gets, "request"),
            f"(b) astravue stream {cfg.stream_tasks:,} tasks:",
            format_profile(stream, cfg.stream_tasks, "task"),
            f"(c) astravue decode x{len(run.payloads):,}:",
            format_profile(decode, len(run.payloads), "decode"),
        ]
    )


# --------------------------------------------------------------------------- report

Medians = dict[str, dict[str, dict[str, float | None]]]


def fmt(value: float | None, field: str) -> str:
    if value is None or math.isnan(value):
        return "—"
    if field in ("rate", "cpu_us", "server_us", "count"):
        return f"{value:,.0f}"
    if field == "garbage":
        return f"{value:.1f}"
    if field in ("mean_ms", "p99_ms"):
        return f"{value:.3f}" if value < 1 else f"{value:.2f}"
    if field == "cpu_util":
        return f"{value:.2f}"
    return f"{value:.1f}"


def ratio(a: float | None, b: float | None) -> float | None:
    if a is None or b is None or b == 0 or math.isnan(a) or math.isnan(b):
        return None
    return a / b


def fmt_ratio(value: float | None) -> str:
    return "—" if value is None else f"{value:.2f}x"


@attrs.frozen
class Section:
    key: str
    title: str
    columns: tuple[str, ...]
    ratios: tuple[tuple[str, str, str], ...]
    """(header, numerator column, denominator column)."""
    unit: str
    latency: str


def sections(cfg: Config) -> list[Section]:
    vs = (("astra/floor", "astravue", "floor"), ("astra/peer", "astravue", "peer"))
    return [
        Section(
            "a",
            f"(a) get task: {cfg.gets:,} calls at concurrency {cfg.concurrency}, in "
            f"{cfg.slices} slices alternating with the other clients (each client stops "
            f"issuing after {cfg.time_cap:g} s)",
            CLIENTS,
            vs,
            "request",
            "latency",
        ),
        Section(
            "b",
            f"(b) stream {cfg.stream_tasks:,} project tasks in pages of {cfg.page_size} "
            "(a worker process per client; RSS: worst round)",
            CLIENTS,
            vs,
            "task",
            "page",
        ),
        Section(
            "c",
            f"(c) decode {cfg.decodes:,} TaskDto payloads: structure() vs peer TaskDto.from_dict",
            DECODERS,
            (("astra/peer", "astravue", "peer"),),
            "decode",
            "decode",
        ),
        Section(
            "d",
            f"(d) sync client: {cfg.sync_calls:,} get task from {cfg.sync_threads} threads, "
            "vs the async client in (a)",
            ("sync", "async(a)"),
            (("sync/async", "sync", "async(a)"),),
            "request",
            "latency",
        ),
    ]


NO_RATIO: Final = frozenset({"count", "cpu_util"})
MIN_RSS_FOR_RATIO: Final = 0.5  # MB; below this the ratio of two growths is noise


def row_labels(section: Section) -> list[tuple[str, str]]:
    extra = [("garbage", "cyclic garbage objs/call")] if section.key == "a" else []
    return [
        ("count", f"{section.unit}s measured"),
        ("rate", f"{section.unit}s/s"),
        ("mean_ms", f"mean {section.latency} ms"),
        ("p99_ms", f"p99 {section.latency} ms"),
        ("cpu_us", f"client CPU µs/{section.unit}"),
        ("cpu_util", "client CPU, cores"),
        ("server_us", f"server CPU µs/{section.unit}"),
        ("rss_mb", "peak RSS growth MB"),
        *extra,
    ]


def medians(run: Run) -> Medians:
    out = {
        workload: {
            client: summarise(samples, worst_rss=workload == "b")
            for client, samples in by_client.items()
        }
        for workload, by_client in run.results.items()
    }
    for client, garbage in run.garbage.items():
        out.setdefault("a", {}).setdefault(client, {})["garbage"] = garbage.per_call
    if "d" in out and "astravue" in out.get("a", {}):
        out["d"]["async(a)"] = out["a"]["astravue"]
    return out


def _get(med: Medians, workload: str, client: str, field: str) -> float | None:
    return med.get(workload, {}).get(client, {}).get(field)


def paired_rate_ratio(run: Run, num: tuple[str, str], den: tuple[str, str]) -> float | None:
    """Median over rounds of (num rate / den rate) measured in the same round.

    Rounds interleave the clients, so a ratio within a round cancels the machine's drift
    between rounds (on a shared VM, throughput can move by a third from one round to the
    next); the ratio of two medians does not. Verdicts use this one.
    """
    nums = run.results.get(num[0], {}).get(num[1], [])
    dens = run.results.get(den[0], {}).get(den[1], [])
    ratios = [a.rate / b.rate for a, b in zip(nums, dens, strict=False) if a.rate and b.rate]
    return statistics.median(ratios) if ratios else None


def ratio_cell(med: Medians, workload: str, field: str, num: str, den: str) -> str:
    below = _get(med, workload, den, field)
    if field in NO_RATIO or (field == "rss_mb" and (below or 0.0) < MIN_RSS_FOR_RATIO):
        return ""
    return fmt_ratio(ratio(_get(med, workload, num, field), below))


def render_section(section: Section, med: Medians) -> list[str]:
    header = f"  {'':26}" + "".join(f"{c:>11}" for c in section.columns)
    lines = [section.title, header + "".join(f"{r[0]:>13}" for r in section.ratios)]
    for field, label in row_labels(section):
        values = [_get(med, section.key, c, field) for c in section.columns]
        if all(v is None for v in values):
            continue
        ratios = [ratio_cell(med, section.key, field, n, d) for _, n, d in section.ratios]
        lines.append(
            f"  {label:26}"
            + "".join(f"{fmt(v, field):>11}" for v in values)
            + "".join(f"{r:>13}" for r in ratios)
        )
    return [*lines, ""]


def render_table(run: Run, med: Medians) -> str:
    lines: list[str] = []
    for section in sections(run.cfg):
        if section.key in med:
            lines += render_section(section, med)
        else:
            lines += [section.title, f"  {run.sync_note or 'not measured'}", ""]
    return "\n".join(lines)


@attrs.frozen
class Verdict:
    target: str
    value: float | None
    passed: bool | None
    detail: str


def _verdict(target: str, value: float | None, minimum: float, detail: str) -> Verdict:
    return Verdict(target, value, None if value is None else value >= minimum, detail)


def why_a_floor(run: Run, med: Medians) -> str:
    cpu_a, cpu_f = _get(med, "a", "astravue", "cpu_us"), _get(med, "a", "floor", "cpu_us")
    util = _get(med, "a", "astravue", "cpu_util") or 0.0
    decode = _get(med, "c", "astravue", "cpu_us")
    garbage = run.garbage.get("astravue")
    if not cpu_a or not cpu_f:
        return ""
    gap = cpu_a - cpu_f
    text = (
        f". Client CPU per request {cpu_a:.0f} µs vs the floor's {cpu_f:.0f} µs (+{gap:.0f} µs);"
        f" the client used {util:.2f} cores"
    )
    if decode is not None and gap > 0:
        text += (
            f". Decoding the TaskDto is {decode:.0f} µs of that (workload c, "
            f"{decode / gap:.0%} of the gap); the rest is per-call SDK work"
        )
    if garbage is not None and garbage.per_call >= 1:
        text += (
            f"; each call also leaves {garbage.per_call:.0f} objects in reference cycles "
            f"({', '.join(garbage.classes) or 'builtins only'}), so the cyclic GC runs much "
            "more often than for the floor"
        )
    return text + " (see --profile)"


def verdict_a(run: Run, med: Medians) -> list[Verdict]:
    rate = {c: _get(med, "a", c, "rate") for c in CLIENTS}
    vs_floor = paired_rate_ratio(run, ("a", "astravue"), ("a", "floor"))
    detail = f"{fmt(rate['astravue'], 'rate')} vs {fmt(rate['floor'], 'rate')} req/s"
    if vs_floor is not None and vs_floor < 0.85:
        detail += why_a_floor(run, med)
    found = [_verdict("(a) throughput >= 0.85x floor", vs_floor, 0.85, detail)]
    vs_peer = paired_rate_ratio(run, ("a", "astravue"), ("a", "peer"))
    detail = f"{fmt(rate['astravue'], 'rate')} vs {fmt(rate['peer'], 'rate')} req/s"
    cpu_a, cpu_p = _get(med, "a", "astravue", "cpu_us"), _get(med, "a", "peer", "cpu_us")
    if cpu_a and cpu_p:
        detail += (
            f"; client CPU per request {cpu_a:.0f} µs vs {cpu_p:.0f} µs (the peer's time goes "
            "to httpx/httpcore/anyio and the pure-Python h11 parser; aiohttp parses in C)"
        )
    if run.peer.mode != "generated":
        detail += f"; the peer is the httpx fallback ({run.peer.reason})"
    found.append(_verdict("(a) throughput >= 1.3x peer", vs_peer, 1.3, detail))
    return found


def verdict_b(run: Run, med: Medians) -> Verdict:
    growth = {c: _get(med, "b", c, "rss_mb") for c in CLIENTS}
    value = growth["astravue"]
    detail = (
        f"astravue {fmt(value, 'rss_mb')} MB, floor {fmt(growth['floor'], 'rss_mb')} MB, "
        f"peer {fmt(growth['peer'], 'rss_mb')} MB (VmHWM minus VmRSS at the start of the "
        "stream, worst round)"
    )
    if run.cfg.stream_tasks < FULL.stream_tasks:
        detail += f"; --quick streams only {run.cfg.stream_tasks:,} tasks: run the full bench"
    if value is not None and value >= 30:
        detail += (
            ". Far above the floor means decoded tasks outlive their page (the paginator keeps "
            "the previous page to detect repeats) or cyclic garbage waits for the collector"
        )
    passed = None if value is None else value < 30
    return Verdict("(b) streaming peak RSS growth < 30 MB", value, passed, detail)


def verdict_c(med: Medians) -> Verdict:
    # CPU time, not wall time: a decode is ~0.1 ms, so one preemption by another process
    # would swamp the wall-clock figure on a shared machine.
    ours, theirs = _get(med, "c", "astravue", "cpu_us"), _get(med, "c", "peer", "cpu_us")
    if ours is None or theirs is None:
        return Verdict("(c) decode time <= peer's", None, None, "no peer models to compare")
    value = ours / theirs
    detail = f"{ours:.1f} µs vs {theirs:.1f} µs of CPU per TaskDto"
    if value > 1:
        detail += (
            ". A TaskDto has ~90 optional (X | None) fields, nested ones included; cattrs' "
            "generic optional hook looks up the inner type's hook again on every one of them, "
            "then a strict Python type hook runs per field. The peer's from_dict pops keys "
            "and checks no types (see --profile: cattrs _structure_optional)"
        )
    return Verdict("(c) decode time <= peer's", value, value <= 1, detail)


def verdict_d(run: Run, med: Medians) -> Verdict:
    sync, async_ = _get(med, "d", "sync", "rate"), _get(med, "a", "astravue", "rate")
    value = paired_rate_ratio(run, ("d", "sync"), ("a", "astravue"))
    if value is None:
        return Verdict("(d) sync >= 0.7x async", None, None, run.sync_note or "not measured")
    cpu_s, cpu_a = _get(med, "d", "sync", "cpu_us"), _get(med, "a", "astravue", "cpu_us")
    detail = f"{fmt(sync, 'rate')} vs {fmt(async_, 'rate')} req/s"
    if value < 0.7 and cpu_s and cpu_a:
        detail += (
            f"; client CPU per request {cpu_s:.0f} µs vs {cpu_a:.0f} µs: each call is handed "
            "to the loop thread and its result handed back (two wake-ups, each waiting for "
            f"the GIL), and {run.cfg.sync_threads} threads take turns with that loop"
        )
    return _verdict("(d) sync >= 0.7x async", value, 0.7, detail)


def verdicts(run: Run, med: Medians) -> list[Verdict]:
    return [*verdict_a(run, med), verdict_b(run, med), verdict_c(med), verdict_d(run, med)]


def render_verdicts(found: Sequence[Verdict]) -> str:
    lines = ["Verdicts"]
    for v in found:
        mark = {True: "PASS", False: "MISS", None: "n/a "}[v.passed]
        shown = "" if v.value is None else f" ({v.value:.2f})"
        lines.append(f"  [{mark}] {v.target}{shown}: {v.detail}")
    return "\n".join(lines)


def render_header(run: Run) -> str:
    cfg = run.cfg
    if run.peer.mode == "generated":
        peer = "client generated by openapi-python-client (httpx + attrs), same pool size"
        if run.quiet_sniffio:
            peer += "; httpcore's failing per-request `import sniffio` short-circuited"
    else:
        peer = f"httpx.AsyncClient + json, no models (fallback: {run.peer.reason})"
    lines = [
        f"astravue-async overhead: median of {cfg.rounds} interleaved rounds; Python "
        f"{platform.python_version()}, {os.cpu_count()} CPUs, server in its own process",
        "  floor    = raw aiohttp.ClientSession + json.loads, no models",
        "  astravue = AstravueClient (auth header, envelope, retries on, models decoded); "
        f"responses parsed by {JSON_BACKEND}",
        f"  peer     = {peer}",
        "  ratio columns are astravue / other for every row (higher is better only for /s);",
        "  verdicts compare rates within each round and take the median of those ratios",
    ]
    if run.others_cores is not None:
        lines.append(
            f"  other processes used {run.others_cores:.2f} of {os.cpu_count()} cores meanwhile"
            + (": absolute numbers are pessimistic, ratios hold" if run.others_cores > 0.2 else "")
        )
    lines += [f"  note: {note}" for note in run.notes]
    return "\n".join([*lines, ""])


def clean(value: Any) -> Any:
    """JSON-safe: NaN/inf become null."""
    if isinstance(value, float) and not math.isfinite(value):
        return None
    if isinstance(value, dict):
        return {k: clean(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [clean(v) for v in value]
    return value


def json_report(run: Run, med: Medians, found: Sequence[Verdict]) -> dict[str, Any]:
    ratios = {
        s.key: {
            name: {f: ratio(_get(med, s.key, n, f), _get(med, s.key, d, f)) for f in FIELDS}
            for name, n, d in s.ratios
        }
        for s in sections(run.cfg)
        if s.key in med
    }
    return {
        "environment": {
            "python": platform.python_version(),
            "platform": platform.platform(),
            "cpus": os.cpu_count(),
            "aiohttp": aiohttp.__version__,
            "httpx": httpx.__version__,
            "other_processes_cores": run.others_cores,
            "config": attrs.asdict(run.cfg),
            "peer": {**attrs.asdict(run.peer), "quiet_sniffio": run.quiet_sniffio},
            "sync": run.sync_note or "measured",
            "astravue_json_backend": JSON_BACKEND,
            "notes": run.notes,
        },
        "units": {"a": "request", "b": "task (latency: page)", "c": "decode", "d": "request"},
        "medians": med,
        "ratios": ratios,
        "rounds": {
            w: {c: [attrs.asdict(m) for m in ms] for c, ms in by.items()}
            for w, by in run.results.items()
        },
        "cyclic_garbage_per_call": {c: attrs.asdict(g) for c, g in run.garbage.items()},
        "verdicts": [attrs.asdict(v) for v in found],
    }


def report(run: Run, profile: str | None, json_path: str | None) -> None:
    med = medians(run)
    found = verdicts(run, med)
    out: TextIO = sys.stderr if json_path == "-" else sys.stdout
    print(render_header(run), file=out)
    print(render_table(run, med), file=out)
    print(render_verdicts(found), file=out)
    if profile:
        print("\nProfile of the astravue hot path (cProfile, in-process)", file=out)
        print(profile, file=out)
    if json_path:
        text = json.dumps(clean(json_report(run, med, found)), indent=2, allow_nan=False)
        if json_path == "-":
            print(text)
        else:
            Path(json_path).write_text(text + "\n")


# --------------------------------------------------------------------------- entry point


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        description="SDK overhead: astravue-async vs raw aiohttp vs a generated httpx client."
    )
    parser.add_argument("--quick", action="store_true", help="3 rounds, smaller counts (~30 s)")
    parser.add_argument("--rounds", type=int, help="rounds per workload (default 5, quick 3)")
    parser.add_argument(
        "--json", metavar="PATH", help="also write the results as JSON ('-': stdout)"
    )
    parser.add_argument(
        "--profile", action="store_true", help="also cProfile the astravue hot path (a, b, c)"
    )
    parser.add_argument(
        "--peer-as-installed",
        action="store_true",
        help="leave httpcore's failing per-request `import sniffio` as it is (see _bench_peer)",
    )
    parser.add_argument("--stream-worker", help=argparse.SUPPRESS)
    return parser.parse_args(argv)


def config(args: argparse.Namespace) -> Config:
    cfg = QUICK if args.quick else FULL
    if args.rounds is not None:
        if args.rounds < 1:
            raise SystemExit("--rounds must be >= 1")
        cfg = attrs.evolve(cfg, rounds=args.rounds)
    return cfg


@contextlib.contextmanager
def sigterm_as_interrupt() -> Iterator[None]:
    """SIGTERM → KeyboardInterrupt, so the cleanup that stops the server always runs."""

    def handler(signum: int, frame: Any) -> None:
        raise KeyboardInterrupt

    previous = signal.signal(signal.SIGTERM, handler)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


async def bench(run: Run, profile: bool) -> str | None:
    await measure(run)
    if not profile:
        return None
    progress("profiling the astravue hot path ...")
    return await profile_hot_path(run)


def prepare_peer(tmp: Path, as_installed: bool) -> tuple[PeerInfo, bool]:
    progress("generating the peer client with openapi-python-client ...")
    peer = generate_peer(SPEC, tmp)
    if peer.mode != "generated":
        progress(f"peer: falling back to httpx.AsyncClient + json ({peer.reason})")
    quiet = False if as_installed else quiet_sniffio_probe()
    return peer, quiet


def run_all(args: argparse.Namespace, cfg: Config, tmp: Path) -> None:
    peer, quiet = prepare_peer(tmp, args.peer_as_installed)
    sync_cls, reason = probe_sync()
    sync_note = "" if sync_cls else f"skipped: sync client not available ({reason})"
    if sync_note:
        progress(f"(d) {sync_note}")
    server = Server(cfg.stream_tasks)
    try:
        run = Run(cfg, server, peer, quiet, make_tasks(cfg.decodes), sync_cls, sync_note)
        progress(f"server on {server.base_url}; {cfg.rounds} rounds ...")
        profile = asyncio.run(bench(run, args.profile))
    finally:
        server.stop()
    report(run, profile, args.json)


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    if args.stream_worker:
        stream_worker_main(args.stream_worker)
        return 0
    cfg = config(args)
    started = time.perf_counter()
    try:
        with sigterm_as_interrupt(), tempfile.TemporaryDirectory(prefix="astravue-bench-") as tmp:
            run_all(args, cfg, Path(tmp))
    except KeyboardInterrupt:
        progress("interrupted")
        return 130
    progress(f"done in {time.perf_counter() - started:.0f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
