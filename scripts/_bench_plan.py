"""What ``scripts/bench.py`` runs and what it holds the SDK to: sizes, workloads, targets.

Plain data, so the report renders from it and a new client, workload or target is one entry.
"""

from __future__ import annotations

from typing import Final

import attrs
from _bench_stats import Comparison

__all__ = [
    "FULL",
    "QUICK",
    "SMOKE",
    "Column",
    "Config",
    "Target",
    "Workload",
    "targets",
    "workloads",
]

#: The in-process clients every call workload runs (see ``_bench_clients.REGISTRY``).
CALL_CLIENTS: Final = ("floor", "astravue", "pydantic", "gen-httpx", "gen-aiohttp")


@attrs.frozen
class Config:
    """Sizes of one run."""

    name: str
    rounds: int
    slices: int
    """Turns each client gets per round of a workload, interleaved with the others'."""
    slice_seconds: float
    """Length of one turn: a client issues calls for this long (calls in flight then finish)."""
    get_concurrency: tuple[int, ...] = (1, 16, 64, 256)
    call_concurrency: int = 64
    """Concurrency of create, error and retry."""
    list_concurrency: int = 4
    list_items: int = 200
    """Tasks one paginated-list call walks (pages of ``page_size``)."""
    page_size: int = 100
    stream_tasks: int = 200_000
    stream_rounds: int = 2
    stream_step_pages: int = 20
    """Pages a stream worker fetches per turn."""
    decodes: int = 1_000
    sync_threads: int = 32
    import_runs: int = 3
    """Fresh interpreters per import statement per round."""
    idle_clients: int = 50
    warmup_seconds: float = 0.3


FULL: Final = Config("full", rounds=5, slices=4, slice_seconds=0.25)
QUICK: Final = attrs.evolve(
    FULL,
    name="quick",
    rounds=3,
    slices=3,
    slice_seconds=0.1,
    stream_tasks=50_000,
    stream_rounds=2,
    decodes=300,
    import_runs=2,
    idle_clients=20,
    warmup_seconds=0.15,
)
SMOKE: Final = attrs.evolve(
    FULL,
    name="smoke",
    rounds=1,
    slices=1,
    slice_seconds=0.01,
    get_concurrency=(1, 64),
    list_concurrency=2,
    stream_tasks=450,
    stream_rounds=1,
    stream_step_pages=2,
    decodes=10,
    import_runs=1,
    idle_clients=2,
    warmup_seconds=0.01,
)


@attrs.frozen
class Column:
    """One column of a workload's table.

    With neither ``num`` nor ``den``: the row's own ``field`` (median over rounds, or the
    worst round when ``worst``). Otherwise a paired ratio per round, median and range:
    ``num``/``den`` name clients, and ``None`` stands for the row's own client.
    """

    header: str
    field: str
    num: str | None = None
    den: str | None = None
    worst: bool = False
    is_ratio: bool = attrs.field(init=False)

    def __attrs_post_init__(self) -> None:
        object.__setattr__(self, "is_ratio", self.num is not None or self.den is not None)


@attrs.frozen
class Workload:
    key: str
    title: str
    kind: str
    """get, list, create, error, retry, sync, stream, decode, import or idle."""
    unit: str
    clients: tuple[str, ...]
    columns: tuple[Column, ...]
    concurrency: int = 0
    reference: str = "floor"


def _call_columns(unit: str, ref: str = "floor") -> tuple[Column, ...]:
    return (
        Column(f"{unit}s/s", "rate"),
        Column(f"÷ {ref}", "rate", den=ref),
        Column("astravue ÷", "rate", num="astravue"),
        Column("p99 ms", "p99_ms"),
        Column(f"client CPU µs/{unit}", "cpu_us"),
        Column(f"of it kernel µs/{unit}", "kernel_us"),
        Column("client cores", "cpu_util"),
        Column(f"server CPU µs/{unit}", "server_us"),
        Column(f"{unit}s", "count"),
    )


def workloads(cfg: Config) -> list[Workload]:
    """Every workload of a run, in the order they run and are reported."""
    found = [
        Workload(
            f"get-c{c}",
            f"get task, concurrency {c}",
            "get",
            "call",
            CALL_CLIENTS,
            _call_columns("call"),
            concurrency=c,
        )
        for c in cfg.get_concurrency
    ]
    found += [
        Workload(
            f"list-c{cfg.list_concurrency}",
            f"paginated list: walk {cfg.list_items} tasks in pages of {cfg.page_size}, "
            f"concurrency {cfg.list_concurrency}",
            "list",
            "task",
            CALL_CLIENTS,
            _call_columns("task"),
            concurrency=cfg.list_concurrency,
        ),
        Workload(
            f"create-c{cfg.call_concurrency}",
            f"create task (POST, the same body from every client), concurrency "
            f"{cfg.call_concurrency}",
            "create",
            "call",
            CALL_CLIENTS,
            _call_columns("call"),
            concurrency=cfg.call_concurrency,
        ),
        Workload(
            f"trace-c{cfg.call_concurrency}",
            f"get task with OpenTelemetry tracing on vs off, concurrency {cfg.call_concurrency}",
            "get",
            "call",
            ("astravue", "astravue+otel"),
            _call_columns("call", ref="astravue"),
            concurrency=cfg.call_concurrency,
            reference="astravue",
        ),
        Workload(
            f"error-c{cfg.call_concurrency}",
            f"error path: 404 → each client's typed error, concurrency {cfg.call_concurrency}",
            "error",
            "call",
            CALL_CLIENTS,
            _call_columns("call"),
            concurrency=cfg.call_concurrency,
        ),
        Workload(
            f"retry-c{cfg.call_concurrency}",
            f"retry path: 503 Retry-After: 0, then 200 (two requests per call; the SDK "
            f"retries itself, the others by hand), concurrency {cfg.call_concurrency}",
            "retry",
            "call",
            CALL_CLIENTS,
            _call_columns("call"),
            concurrency=cfg.call_concurrency,
        ),
        Workload(
            f"sync-t{cfg.sync_threads}",
            f"sync client from {cfg.sync_threads} threads vs the async client at concurrency "
            f"{cfg.sync_threads}",
            "sync",
            "call",
            ("sync", "astravue"),
            (
                Column("calls/s", "rate"),
                Column("÷ async", "rate", den="astravue"),
                Column("p99 ms", "p99_ms"),
                Column("client CPU µs/call", "cpu_us"),
                Column("client cores", "cpu_util"),
                Column("calls", "count"),
            ),
            concurrency=cfg.sync_threads,
            reference="astravue",
        ),
        Workload(
            "stream",
            f"stream {cfg.stream_tasks:,} tasks in pages of {cfg.page_size} (a fresh worker "
            "process per client and round, clients taking turns page-block by page-block)",
            "stream",
            "task",
            CALL_CLIENTS,
            (
                Column("tasks/s", "rate"),
                Column("÷ floor", "rate", den="floor"),
                Column("page p99 ms", "p99_ms"),
                Column("p99 ÷ floor", "p99_ms", den="floor"),
                Column("RSS growth MB", "rss_growth_mb", worst=True),
                Column("2nd half MB", "rss_half_mb", worst=True),
                Column("2nd half MB/100k", "rss_slope_mb", worst=True),
                Column("GC total ms", "gc_ms"),
                Column("GC max ms", "gc_max_ms", worst=True),
                Column("client CPU µs/task", "cpu_us"),
            ),
        ),
        Workload(
            "decode",
            f"decode a TaskDto from the response bytes ({cfg.decodes:,} distinct payloads; "
            "CPU time): floor = parse only, astravue = the SDK's response path, pydantic = "
            "model_validate_json, gen = json.loads + from_dict",
            "decode",
            "decode",
            ("floor", "astravue", "pydantic", "gen"),
            (
                Column("CPU µs/decode", "cpu_us"),
                Column("÷ pydantic", "cpu_us", den="pydantic"),
                Column("decodes/s", "rate"),
            ),
            reference="pydantic",
        ),
        Workload(
            "import",
            f"cold import: fresh interpreters, {cfg.import_runs} per statement per round "
            "(wall ms; python = an interpreter that imports nothing)",
            "import",
            "interpreter",
            ("python", "aiohttp", "astravue"),
            (
                Column("wall ms", "ms"),
                Column("import ms", "cost_ms"),
                Column("astravue − this ms", "ms", num="astravue"),
            ),
            reference="aiohttp",
        ),
        Workload(
            "idle",
            f"memory per idle client ({cfg.idle_clients} clients in a fresh process, each after "
            "one call)",
            "idle",
            "client",
            CALL_CLIENTS,
            (Column("Python heap KB/client", "traced_kb"), Column("RSS KB/client", "rss_kb")),
        ),
    ]
    return found


@attrs.frozen
class Target:
    """A verdict: per round, ``num``'s ``field`` against ``den``'s (ratio, or difference), or
    ``num``'s own value when ``den`` is None; median and range against ``threshold``."""

    label: str
    workload: str
    field: str
    num: str
    den: str | None
    comparison: Comparison
    threshold: float
    difference: bool = False
    unit: str = "×"


def targets(cfg: Config) -> tuple[Target, ...]:
    """The issue's targets (#15), each printed as PASS, MISS or INCONCLUSIVE."""
    found = [
        Target("get c64 ≥ 0.85× floor", "get-c64", "rate", "astravue", "floor", ">=", 0.85),
        Target("get c1 ≥ 0.9× floor", "get-c1", "rate", "astravue", "floor", ">=", 0.9),
    ]
    found += [
        Target(f"get c{c} ≥ 1.1× pydantic", f"get-c{c}", "rate", "astravue", "pydantic", ">=", 1.1)
        for c in cfg.get_concurrency
    ]
    found += [
        Target(
            "stream RSS growth < 5 MB",
            "stream",
            "rss_growth_mb",
            "astravue",
            None,
            "<",
            5.0,
            unit=" MB",
        ),
        # "Flat": the second half of the stream adds less than 1 MB (allocator noise is a few
        # hundred kB; a paginator that keeps every page adds several MB per 100,000 tasks).
        Target(
            "stream flat 2nd half (< 1 MB)",
            "stream",
            "rss_half_mb",
            "astravue",
            None,
            "<",
            1.0,
            unit=" MB",
        ),
        Target("stream page p99 ≤ 2× floor", "stream", "p99_ms", "astravue", "floor", "<=", 2.0),
        Target("stream rate ≥ 0.8× floor", "stream", "rate", "astravue", "floor", ">=", 0.8),
        Target(
            "create c64 ≥ 0.85× posting floor",
            "create-c64",
            "rate",
            "astravue",
            "floor",
            ">=",
            0.85,
        ),
        Target("decode ≤ 0.5× pydantic", "decode", "cpu_us", "astravue", "pydantic", "<=", 0.5),
        Target(
            "cold import ≤ aiohttp + 60 ms",
            "import",
            "ms",
            "astravue",
            "aiohttp",
            "<=",
            60.0,
            difference=True,
            unit=" ms",
        ),
        Target("sync 32 threads ≥ 0.75× async", "sync-t32", "rate", "sync", "astravue", ">=", 0.75),
    ]
    return tuple(found)
