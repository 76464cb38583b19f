"""``make bench``: what astravue-async costs on top of the wire, next to what users could use.

The same workloads run against one canned local server through five clients (see
``_bench_clients.py``):

* **floor**: aiohttp + the SDK's own JSON parser (orjson with the ``speedups`` extra), one
  shared session, URLs built once, no models; for creates it posts the same body, encoded by
  the same JSON library. ``astravue ÷ floor`` is the SDK's whole cost: auth header, argument
  checks, envelope checks, retry and concurrency bookkeeping, model decoding.
* **astravue**: ``AstravueClient`` exactly as users get it (retries on, models decoded).
* **pydantic**: aiohttp + pydantic v2 models generated from our spec at bench time by
  datamodel-code-generator, ``model_validate_json`` on the response bytes, a hand-written
  client (one session, envelope check, an exception per status): what many users would
  write instead.
* **gen-httpx**: openapi-python-client's client generated from our spec (httpx + attrs).
* **gen-aiohttp**: the same generated code on an aiohttp transport (httpx-aiohttp), which
  splits gen-httpx's distance from the SDK in two, measured in the same rounds and printed
  per concurrency: ``gen-aiohttp ÷ gen-httpx`` is httpx's own transport (httpcore's
  connection pool, the larger part on our 2-core VM, growing with concurrency: about 3× at
  concurrency 1, 4× at 256), ``astravue ÷ gen-aiohttp`` the generated code and httpx's
  request/response objects (about 2-2.5×). The SDK's lead over gen-httpx is mostly not
  the SDK being fast but httpcore being slow.

Workloads: get task at concurrency 1, 16, 64 and 256; a paginated list; create (POST); the
error path (404 → each client's typed error); the retry path (503 ``Retry-After: 0`` then
200; the SDK retries by itself, the others by hand); the sync client from 32 threads against
the async client at the same concurrency; a stream of 200,000 tasks per client in a fresh
worker process per round (items/s, page p99 latency, RSS growth overall and in the second
half, GC pauses); decoding a ``TaskDto`` from response bytes; cold import time; memory per
idle client.

How it stays honest on a small shared machine:

* The server (``_bench_server.py``) runs in its own process with pre-serialised bodies. With
  two or more CPUs the bench pins the server to one CPU and every client process to another
  (``--no-pin`` to leave it to the OS), so ``time.process_time()`` here is client CPU only.
* Clients take turns within each round (time slices, the order rotating), so the machine's
  drift hits all of them alike; the stream workers take turns page-block by page-block.
* Every verdict is the median of per-round *paired* values (both sides measured in the same
  round) with its min–max range: PASS only when the whole range clears the target, MISS when
  none of it does, INCONCLUSIVE when it straddles. The CPU other processes took meanwhile is
  reported, so a reader can tell a slow client from a busy machine.
* Each turn starts with ``gc.collect()``, so no client pays for another's garbage.

Usage: ``scripts/bench.py [--quick | --smoke] [--rounds N] [--pin/--no-pin] [--json PATH|-]
[--markdown PATH] [--profile] [--peer-as-installed]``. A full run takes 10-15 minutes on 2
cores, ``--quick`` a few, ``--smoke`` seconds (the test suite runs it so the bench cannot rot).
With ``--json -`` the report goes to stderr and JSON to stdout; ``--markdown`` writes the
README's performance section. Exit status is 0 whether or not targets are met (it is a
report), 130 on Ctrl-C, and non-zero otherwise only if the benchmark crashes.

A variant (e.g. the SDK with tracing on) is one ``REGISTRY`` entry in ``_bench_clients.py``
plus its name in ``_bench_plan.CALL_CLIENTS``.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import cProfile
import datetime as dt
import gc
import importlib
import itertools
import json
import os
import platform
import pstats
import select
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Awaitable, Callable, Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any, Final, TextIO, TypeVar

import attrs

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _bench_clients import REGISTRY, AstravueBenchClient, ClientContext, same_parser
from _bench_common import BenchClient, BenchError
from _bench_footprint import ensure_bytecode, import_breakdown, import_round, measure_idle
from _bench_measure import (
    Sample,
    SyncBench,
    Window,
    combine,
    cyclic_garbage,
    run_calls,
    run_decodes,
)
from _bench_plan import FULL, QUICK, SMOKE, Config, Workload, targets, workloads
from _bench_report import RunData, evaluate, render_markdown, render_text, to_json
from _bench_server import FLAKY_BASE, MISSING_BASE, TASK_POOL, envelope, make_task
from _bench_stream import StreamJob, StreamWorker, stream_sample
from _bench_system import (
    LoadMeter,
    Pinning,
    cpu_model,
    pin_client,
    pin_server,
    plan_pinning,
    process_cpu,
    versions,
)

from astravue_async._json import BACKEND as JSON_BACKEND

ROOT: Final = Path(__file__).resolve().parent.parent
SPEC: Final = ROOT / "openapi" / "astravue.openapi.yaml"
SERVER: Final = Path(__file__).resolve().parent / "_bench_server.py"
SELF: Final = str(Path(__file__).resolve())
#: Workloads measured in this process, clients interleaved in time slices.
CALL_KINDS: Final = frozenset({"get", "list", "create", "error", "retry", "sync"})

T = TypeVar("T")


def progress(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def rotated(names: Sequence[T], index: int) -> list[T]:
    """``names`` starting at ``index`` (wrapping): who goes first changes every turn."""
    shift = index % len(names) if names else 0
    return [*names[shift:], *names[:shift]]


def checked_get(client: BenchClient) -> Callable[[int], Awaitable[int]]:
    """A get of one of the ready-made tasks through ``client``, its answer checked."""

    async def get(index: int) -> int:
        task_id = index % TASK_POOL + 1
        got = await client.get_task(task_id)
        if got != task_id:
            raise BenchError(f"asked for task {task_id}, got {got}")
        return 1

    return get


def checked_create(client: BenchClient) -> Callable[[int], Awaitable[int]]:
    """A task create through ``client``, the created title checked."""

    async def create(index: int) -> int:
        title = f"Bench task {index}"
        got = await client.create_task(title)
        if got != title:
            raise BenchError(f"created {title!r}, the answer says {got!r}")
        return 1

    return create


# --------------------------------------------------------------------------- processes


class Server:
    """``_bench_server.py`` in a child process; stopped on exit, Ctrl-C or our death."""

    def __init__(self, tasks: int, *, spin: bool = False) -> None:
        self._proc = subprocess.Popen(  # noqa: S603 - our own script, fixed argv
            [sys.executable, str(SERVER), "--tasks", str(tasks), *(["--spin"] if spin else [])],
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


def context_json(ctx: ClientContext) -> dict[str, Any]:
    return {
        "base_url": ctx.base_url,
        "peer": attrs.asdict(ctx.peer) if ctx.peer is not None else None,
        "pydantic": attrs.asdict(ctx.pydantic) if ctx.pydantic is not None else None,
    }


def context_from_json(raw: dict[str, Any]) -> ClientContext:
    peer = pydantic = None
    if raw["peer"] is not None:
        from _bench_peer import PeerInfo

        peer = PeerInfo(**raw["peer"])
    if raw["pydantic"] is not None:
        from _bench_pydantic import PydanticInfo

        pydantic = PydanticInfo(**raw["pydantic"])
    return ClientContext(raw["base_url"], peer, pydantic)


def quiet_sniffio(enabled: bool) -> bool:
    if not enabled:
        return False
    with contextlib.suppress(ImportError):
        from _bench_peer import quiet_sniffio_probe

        return quiet_sniffio_probe()
    return False


def open_from_job(job: StreamJob) -> BenchClient:
    quiet_sniffio(job.quiet_sniffio)
    return REGISTRY[job.client].open(context_from_json(job.context))


# --------------------------------------------------------------------------- one run


@attrs.define
class Bench:
    """One invocation: its configuration, the server, the clients and what was measured."""

    cfg: Config
    run: RunData
    server: Server
    ctx: ClientContext
    quiet_sniffio: bool
    sync_cls: type[Any] | None
    clients: dict[str, BenchClient] = attrs.field(factory=dict)
    sync: SyncBench | None = None
    flaky: Iterator[int] = attrs.field(factory=lambda: itertools.count(FLAKY_BASE + 1))
    """Fresh ids for the retry path: the server fails each id's first request only."""

    def available(self, names: Sequence[str]) -> list[str]:
        return [n for n in names if n not in self.run.unavailable]

    def call(self, kind: str, client: BenchClient) -> Callable[[int], Awaitable[int]]:
        """One call of ``kind`` through ``client``, checked; returns the units it did."""
        cfg = self.cfg

        async def retry(index: int) -> int:
            task_id = next(self.flaky)
            got = await client.get_task_retrying(task_id)
            if got != task_id:
                raise BenchError(f"retry: asked for task {task_id}, got {got}")
            return 1

        async def error(index: int) -> int:
            try:
                await client.get_task(MISSING_BASE + index % 1000)
            except client.not_found:
                return 1
            raise BenchError("a missing task did not raise")

        async def walk(index: int) -> int:
            count = 0
            async for item in client.stream(cfg.page_size, cfg.list_items):
                count += 1
                if client.task_id(item) != count:
                    raise BenchError(f"list: item {count} is task {client.task_id(item)}")
            if count != cfg.list_items:
                raise BenchError(f"list: walked {count} tasks, expected {cfg.list_items}")
            return count

        return {
            "get": checked_get(client),
            "retry": retry,
            "error": error,
            "create": checked_create(client),
            "list": walk,
        }[kind]

    async def window(self, wl: Workload, name: str, seconds: float) -> Window:
        if name == "sync":
            assert self.sync is not None
            sync = self.sync
            return await asyncio.to_thread(sync.run, seconds, server_cpu=self.server.cpu)
        kind = "get" if wl.kind == "sync" else wl.kind
        return await run_calls(
            self.call(kind, self.clients[name]),
            wl.concurrency,
            seconds,
            server_cpu=self.server.cpu,
        )


async def open_clients(bench: Bench, names: Sequence[str]) -> None:
    """Open and warm every in-process client: pool filled, decoders compiled, lazy imports
    done; also count the cyclic garbage each get call leaves. A client that fails here is
    reported as not available (with the error), and the others run."""
    cfg = bench.cfg
    for name in names:
        client = bench.clients[name] = REGISTRY[name].open(bench.ctx)
        try:
            warm = Workload("warm", "", "get", "call", (name,), (), concurrency=100)
            await bench.window(warm, name, cfg.warmup_seconds)
            for kind in ("create", "retry", "error", "list"):
                await bench.call(kind, client)(0)
            bench.run.garbage[name] = await cyclic_garbage(client)
        except Exception as exc:
            bench.run.unavailable[name] = f"failed while warming up: {failure(exc)}"
            progress(f"  {name}: {bench.run.unavailable[name]}")
            del bench.clients[name]
            await client.aclose()
    if bench.sync_cls is not None:
        try:
            bench.sync = await asyncio.to_thread(
                SyncBench, bench.sync_cls, bench.server.base_url, cfg.sync_threads, TASK_POOL
            )
            await asyncio.to_thread(bench.sync.run, cfg.warmup_seconds)
        except Exception as exc:
            bench.run.unavailable["sync"] = f"failed while warming up: {failure(exc)}"
            progress(f"  sync: {bench.run.unavailable['sync']}")
    # What exists now (generated peers, clients, pools, the bench itself) is frozen out of
    # the collector's sight: each turn's gc.collect() and the collections during a turn then
    # walk only what that turn allocates, the same for every client, instead of a heap of
    # other clients' objects (a full collection of it took 0.15-0.4 s here).
    gc.collect()
    gc.freeze()


def failure(exc: BaseException) -> str:
    """An exception in one line, for the report."""
    text = str(exc).splitlines()[0] if str(exc) else ""
    return f"{type(exc).__name__}: {text}"[:200]


async def close_clients(bench: Bench) -> None:
    gc.unfreeze()
    if bench.sync is not None:
        await asyncio.to_thread(bench.sync.close)
        bench.sync = None
    for client in bench.clients.values():
        await client.aclose()
    bench.clients.clear()


async def sliced_round(bench: Bench, wl: Workload, index: int) -> None:
    """One round of one in-process workload: every client gets ``slices`` turns, in an order
    that rotates, so all of them see the same machine drift. A client that fails is dropped
    from this workload (reported with its error); the others go on."""
    cfg = bench.cfg
    skipped = bench.run.skipped.setdefault(wl.key, {})
    names = [n for n in bench.available(wl.clients) if n not in skipped]
    windows: dict[str, list[Window]] = {n: [] for n in names}
    for piece in range(cfg.slices):
        for name in rotated(names, index + piece):
            if name in skipped:
                continue
            try:
                windows[name].append(await bench.window(wl, name, cfg.slice_seconds))
            except Exception as exc:
                skipped[name] = f"failed: {failure(exc)}"
                progress(f"  {wl.key} {name}: {skipped[name]}")
                bench.run.results.get(wl.key, {}).pop(name, None)
    for name in names:
        if name not in skipped:
            bench.run.add(wl.key, name, combine(windows[name]))


async def in_process(bench: Bench) -> None:
    cfg = bench.cfg
    plan = [w for w in bench.run.workloads if w.kind in CALL_KINDS]
    names = bench.available([n for n in REGISTRY if any(n in w.clients for w in plan)])
    try:
        await open_clients(bench, names)
        for index in range(cfg.rounds):
            started = time.perf_counter()
            for wl in plan:
                await sliced_round(bench, wl, index)
            elapsed = time.perf_counter() - started
            progress(f"  round {index + 1}/{cfg.rounds} of the call workloads: {elapsed:.1f} s")
    finally:
        await close_clients(bench)


async def stream_round(bench: Bench, wl: Workload, index: int) -> None:
    """One round of the stream: a fresh worker per client, taking turns a block of pages at a
    time until every stream is done. A worker that fails drops out with its error."""
    cfg = bench.cfg
    skipped = bench.run.skipped.setdefault(wl.key, {})
    names = [n for n in bench.available(wl.clients) if n not in skipped]
    context = context_json(bench.ctx)
    argv = [sys.executable, SELF, "--stream-worker"]
    jobs = [
        StreamJob(name, context, bench.quiet_sniffio, cfg.stream_tasks, cfg.page_size)
        for name in names
    ]
    started = await asyncio.gather(
        *(StreamWorker.start(argv, job) for job in jobs), return_exceptions=True
    )
    workers: list[StreamWorker] = []
    for name, worker in zip(names, started, strict=True):
        if isinstance(worker, StreamWorker):
            workers.append(worker)
        elif isinstance(worker, Exception):
            skipped[name] = f"failed: {failure(worker)}"
        else:
            raise worker  # KeyboardInterrupt and the like
    try:
        turn = index
        while any(not w.done for w in workers):
            for worker in rotated(workers, turn):
                if worker.done:
                    continue
                try:
                    await worker.step(cfg.stream_step_pages, bench.server.pid)
                except Exception as exc:
                    skipped[worker.name] = f"failed: {failure(exc)}"
                    workers.remove(worker)
                    await worker.close()
            turn += 1
        for worker in workers:
            try:
                trace = await worker.finish()
            except Exception as exc:
                skipped[worker.name] = f"failed: {failure(exc)}"
                continue
            sample = stream_sample(worker.steps, trace, worker.server_seconds)
            bench.run.add(wl.key, worker.name, sample)
    finally:
        for worker in workers:
            await worker.close()
    for name in skipped:
        bench.run.results.get(wl.key, {}).pop(name, None)


async def streams(bench: Bench) -> None:
    cfg = bench.cfg
    for wl in bench.run.workloads:
        if wl.kind != "stream":
            continue
        for index in range(cfg.stream_rounds):
            started = time.perf_counter()
            await stream_round(bench, wl, index)
            elapsed = time.perf_counter() - started
            progress(f"  stream round {index + 1}/{cfg.stream_rounds}: {elapsed:.1f} s")


def astravue_decoder() -> Callable[[bytes], Any]:
    """The SDK's own path from response bytes to a ``TaskDto`` (parse, envelope, structure)."""
    from astravue_async._generated.operations import GET_TASK
    from astravue_async._request import decode_response

    response = GET_TASK.response

    def decode(raw: bytes) -> Any:
        return decode_response(
            response, status=200, headers={}, raw=raw, method="GET", path="/tasks/1"
        )

    return decode


def decoders(bench: Bench) -> dict[str, Callable[[bytes], Any]]:
    loads, _ = same_parser()
    found: dict[str, Callable[[bytes], Any]] = {
        "floor": lambda raw: loads(raw)["data"],
        "astravue": astravue_decoder(),
    }
    if bench.ctx.pydantic is not None and not bench.ctx.pydantic.problem:
        from _bench_pydantic import pydantic_decoder

        found["pydantic"] = pydantic_decoder(bench.ctx.pydantic)
    if bench.ctx.peer is not None:
        from _bench_peer import peer_decoder

        # httpx's Response.json() is the standard library's json.loads.
        peer = peer_decoder(bench.ctx.peer, json.loads)
        if peer is not None:
            found["gen"] = peer
    return found


def decode_rounds(bench: Bench, wl: Workload) -> None:
    cfg = bench.cfg
    payloads = [
        envelope(json.dumps(make_task(i), separators=(",", ":")).encode())
        for i in range(1, cfg.decodes + 1)
    ]
    found = decoders(bench)
    for name in wl.clients:
        if name not in found:
            bench.run.skipped.setdefault(wl.key, {})[name] = "no such models here"
    names = [n for n in wl.clients if n in found]
    for name in names:  # warm-up: compiled decoders, caches
        for raw in payloads[: max(1, cfg.decodes // 10)]:
            found[name](raw)
    chunk = -(-len(payloads) // cfg.slices)
    gc.collect()
    gc.freeze()  # as for the call workloads: each turn's collections see only its own objects
    try:
        for index in range(cfg.rounds):
            windows: dict[str, list[Window]] = {n: [] for n in names}
            for piece in range(cfg.slices):
                part = payloads[piece * chunk : (piece + 1) * chunk]
                for name in rotated(names, index + piece):
                    windows[name].append(run_decodes(found[name], part))
            for name in names:
                bench.run.add(wl.key, name, combine(windows[name]))
    finally:
        gc.unfreeze()


def import_rounds(bench: Bench, wl: Workload) -> None:
    cfg = bench.cfg
    checked = ensure_bytecode()
    bench.run.notes.append(
        f"cold import: bytecode of the {checked} modules the statements load brought up to "
        "date first, as pip install writes it"
    )
    for index in range(cfg.rounds):
        walls = import_round(cfg.import_runs, rotated(list(wl.clients), index))
        for name in wl.clients:
            extra: dict[str, float | None] = {
                "ms": walls[name],
                "cost_ms": walls[name] - walls["python"],
            }
            bench.run.add(wl.key, name, Sample(count=cfg.import_runs, extra=extra))
    bench.run.import_breakdown = import_breakdown()


def idle_memory(bench: Bench, wl: Workload) -> None:
    for name in bench.available(wl.clients):
        job = {
            "client": name,
            "context": context_json(bench.ctx),
            "quiet_sniffio": bench.quiet_sniffio,
            "count": bench.cfg.idle_clients,
        }
        try:
            found = measure_idle([sys.executable, SELF, "--idle-worker", json.dumps(job)])
        except (subprocess.SubprocessError, OSError, ValueError) as exc:
            bench.run.skipped.setdefault(wl.key, {})[name] = f"worker failed: {exc}"
            continue
        bench.run.add(wl.key, name, Sample(count=bench.cfg.idle_clients, extra=found))


def idle_worker_main(raw: str) -> None:
    from _bench_footprint import idle_worker_main as body

    job = json.loads(raw)
    quiet_sniffio(job["quiet_sniffio"])
    ctx = context_from_json(job["context"])
    spec = REGISTRY[job["client"]]
    body(job["count"], lambda: spec.open(ctx))


async def measure(bench: Bench) -> None:
    load = LoadMeter(lambda: [bench.server.pid])
    progress("call workloads (get, list, create, error, retry, sync) ...")
    await in_process(bench)
    progress(f"stream of {bench.cfg.stream_tasks:,} tasks per client ...")
    await streams(bench)
    for wl in bench.run.workloads:
        if wl.kind == "decode":
            progress("decode ...")
            decode_rounds(bench, wl)
        elif wl.kind == "import":
            progress("cold import ...")
            import_rounds(bench, wl)
        elif wl.kind == "idle":
            progress("memory per idle client ...")
            idle_memory(bench, wl)
    bench.run.header["other_processes_cores"] = load.others_cores()


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
    per = max(per, 1)
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


async def profile_hot_path(bench: Bench) -> str:
    """cProfile of astravue on get (c64), a stream and decode, in-process (cProfile inflates
    all times; read it for where, not how much)."""
    client = AstravueBenchClient(bench.server.base_url)
    get = bench.call("get", client)
    seconds = max(0.5, bench.cfg.slice_seconds * bench.cfg.slices)
    tasks = min(bench.cfg.stream_tasks, 20_000)
    try:
        await run_calls(get, 64, bench.cfg.warmup_seconds)
        gets = cProfile.Profile()
        gets.enable()
        window = await run_calls(get, 64, seconds)
        gets.disable()
        stream = cProfile.Profile()
        stream.enable()
        count = 0
        async for _ in client.stream(bench.cfg.page_size, tasks):
            count += 1
        stream.disable()
    finally:
        await client.aclose()
    decode = astravue_decoder()
    payloads = [envelope(json.dumps(make_task(i)).encode()) for i in range(1, 501)]
    decoding = cProfile.Profile()
    decoding.enable()
    for raw in payloads:
        decode(raw)
    decoding.disable()
    return "\n".join(
        [
            "  (µs are cProfile-inflated; a coroutine counts one call per resume, so an awaited",
            "  coroutine shows about 2 calls per request)",
            f"get task x{window.calls:,} at concurrency 64:",
            format_profile(gets, window.calls, "request"),
            f"stream {count:,} tasks:",
            format_profile(stream, count, "task"),
            f"decode x{len(payloads):,} from bytes:",
            format_profile(decoding, len(payloads), "decode"),
        ]
    )


# --------------------------------------------------------------------------- set-up


def prepare_peers(tmp: Path) -> tuple[Any, Any]:
    """Generate the openapi-python-client peer and the pydantic models, side by side."""

    def peer() -> Any:
        try:
            from _bench_peer import generate_peer
        except ImportError as exc:  # httpx is missing: the bench extra is not installed
            progress(f"generated peers: not available ({exc})")
            return None
        found = generate_peer(SPEC, tmp)
        if found.mode != "generated":
            progress(f"gen-httpx: falling back to httpx.AsyncClient + json ({found.reason})")
        return found

    def pydantic() -> Any:
        from _bench_pydantic import generate_models

        found = generate_models(SPEC, tmp)
        if found.problem:
            progress(f"pydantic: not available ({found.problem})")
        return found

    progress("generating the peers (openapi-python-client, datamodel-code-generator) ...")
    with ThreadPoolExecutor(2) as pool:
        peer_future, pydantic_future = pool.submit(peer), pool.submit(pydantic)
        return peer_future.result(), pydantic_future.result()


def probe_sync() -> tuple[type[Any] | None, str]:
    try:
        module = importlib.import_module("astravue_async.sync")
        return module.AstravueSyncClient, ""
    except Exception as exc:  # missing or broken: report it, don't crash
        return None, f"{type(exc).__name__}: {exc}"


def header(cfg: Config, pinning: Pinning) -> dict[str, Any]:
    return {
        "date": dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "cpu": cpu_model(),
        "cpus": os.cpu_count(),
        "cpus_available": len(os.sched_getaffinity(0))
        if hasattr(os, "sched_getaffinity")
        else None,
        "kernel": f"{platform.system()} {platform.release()}",
        "python": f"{platform.python_version()} ({platform.python_implementation()})",
        "versions": versions(),
        "json_backend": JSON_BACKEND,
        "pinning": pinning.note,
        "run": cfg.name,
    }


def labels(cfg: Config) -> dict[str, str]:
    found = {name: spec.label for name, spec in REGISTRY.items()}
    found["sync"] = f"AstravueSyncClient shared by {cfg.sync_threads} threads"
    found["gen"] = "(decode only) the generated models' from_dict after json.loads"
    return found


def select_workloads(
    found: list[Workload], only: str | None, clients: str | None
) -> list[Workload]:
    """``--only`` / ``--clients``: a subset to iterate on (verdicts of the rest say n/a)."""
    if only:
        keys = [k.strip() for k in only.split(",") if k.strip()]
        unknown = [k for k in keys if not any(w.key.startswith(k) for w in found)]
        if unknown:
            raise SystemExit(
                f"--only: no workload starts with {', '.join(unknown)} "
                f"(workloads: {', '.join(w.key for w in found)})"
            )
        found = [w for w in found if any(w.key.startswith(k) for k in keys)]
    if clients:
        names = {n.strip() for n in clients.split(",") if n.strip()}
        found = [
            attrs.evolve(w, clients=tuple(c for c in w.clients if c in names or c == w.reference))
            if w.kind in (*CALL_KINDS, "stream")
            else w
            for w in found
        ]
    return found


def run_all(args: argparse.Namespace, cfg: Config, tmp: Path) -> None:
    peer, pydantic = prepare_peers(tmp)
    quiet = False if args.peer_as_installed else quiet_sniffio(peer is not None)
    sync_cls, sync_reason = probe_sync()
    pinning = plan_pinning(args.pin)
    run = RunData(cfg, select_workloads(workloads(cfg), args.only, args.clients))
    run.header = header(cfg, pinning)
    run.labels = labels(cfg)
    if quiet:
        run.notes.append(
            "gen-httpx: httpcore's failing per-request `import sniffio` short-circuited "
            "(--peer-as-installed measures it as installed)"
        )
    if peer is not None and peer.mode != "generated":
        run.notes.append(f"gen-httpx is httpx.AsyncClient + json, no models ({peer.reason})")
    server = Server(cfg.stream_tasks)
    try:
        pin_server(pinning, server.pid)
        pin_client(pinning)
        progress(f"pinning: {pinning.note}")
        ctx = ClientContext(server.base_url, peer, pydantic)
        for name, spec in REGISTRY.items():
            why = spec.available(ctx)
            if why:
                run.unavailable[name] = why
        if sync_cls is None:
            run.unavailable["sync"] = f"the sync client does not import ({sync_reason})"
        bench = Bench(cfg, run, server, ctx, quiet, sync_cls)
        progress(f"server on {server.base_url}; {cfg.name} run, {cfg.rounds} rounds")
        asyncio.run(measure(bench))
        profile = asyncio.run(profile_hot_path(bench)) if args.profile else None
    finally:
        server.stop()
    report(run, profile, args)


def report(run: RunData, profile: str | None, args: argparse.Namespace) -> None:
    verdicts = [evaluate(run, target) for target in targets(run.cfg)]
    out: TextIO = sys.stderr if args.json == "-" else sys.stdout
    print(render_text(run, verdicts), file=out)
    if profile:
        print("\nProfile of the astravue hot path (cProfile, in-process)", file=out)
        print(profile, file=out)
    if args.markdown:
        Path(args.markdown).write_text(render_markdown(run, verdicts) + "\n")
    if args.json:
        text = json.dumps(to_json(run, verdicts), indent=2, allow_nan=False)
        if args.json == "-":
            print(text)
        else:
            Path(args.json).write_text(text + "\n")


# --------------------------------------------------------------------------- entry point


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        description="What astravue-async costs: against the aiohttp floor, aiohttp + pydantic "
        "and openapi-python-client's generated client (on httpx and on aiohttp)."
    )
    size = parser.add_mutually_exclusive_group()
    size.add_argument("--quick", action="store_true", help="fewer rounds and shorter turns")
    size.add_argument(
        "--smoke", action="store_true", help="every workload once with tiny counts (seconds)"
    )
    parser.add_argument(
        "--rounds", type=int, help="rounds of the call, decode and import workloads (full 5)"
    )
    parser.add_argument(
        "--pin",
        action=argparse.BooleanOptionalAction,
        default=None,
        help="server on one CPU, clients on another (default: when 2+ CPUs are available)",
    )
    parser.add_argument("--json", metavar="PATH", help="also write JSON ('-': stdout)")
    parser.add_argument("--markdown", metavar="PATH", help="write the README's performance section")
    parser.add_argument(
        "--profile", action="store_true", help="also cProfile the astravue hot path"
    )
    parser.add_argument(
        "--peer-as-installed",
        action="store_true",
        help="leave httpcore's failing per-request `import sniffio` as it is (see _bench_peer)",
    )
    parser.add_argument(
        "--only",
        metavar="KEYS",
        help="only the workloads whose keys start with these (comma-separated, e.g. "
        "get-c64,create); the report's other verdicts say n/a",
    )
    parser.add_argument(
        "--clients",
        metavar="NAMES",
        help="only these clients in the call and stream workloads (comma-separated, e.g. "
        "astravue,pydantic); each workload's reference client always runs",
    )
    parser.add_argument("--stream-worker", help=argparse.SUPPRESS)
    parser.add_argument("--idle-worker", help=argparse.SUPPRESS)
    return parser.parse_args(argv)


def config(args: argparse.Namespace) -> Config:
    cfg = SMOKE if args.smoke else QUICK if args.quick else FULL
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


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    if args.stream_worker:
        from _bench_stream import worker_main

        worker_main(args.stream_worker, open_from_job)
        return 0
    if args.idle_worker:
        idle_worker_main(args.idle_worker)
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
