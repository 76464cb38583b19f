"""What the SDK costs before its first call: cold import time, and memory per idle client.

* Import: the wall time of fresh interpreters running ``from astravue_async import
  AstravueClient``, ``import aiohttp`` and nothing (``pass``), interleaved. Not a bare ``import
  astravue_async``: the package loads its names lazily, so that alone costs almost nothing and
  would flatter the SDK; a program that makes a call imports the client. The difference of
  two medians in one round cancels the interpreter's own start-up. ``-X importtime`` of each
  then names the modules that make up the difference (the SDK's own, and what it brings
  beyond aiohttp).
* Bytecode: before the first round, every module the statements load gets up-to-date
  bytecode (``compileall``), as ``pip install`` writes it. Without that, a source tree run
  with ``PYTHONDONTWRITEBYTECODE=1`` (or edited since its last import) would compile the SDK's
  modules in every fresh interpreter and time the compiler instead of the import.
* Idle memory: a fresh process per client imports everything, opens N clients, makes one
  call with each (so sessions, pools and caches exist) and reports the traced Python heap
  (``tracemalloc``) and the RSS growth per client. No target; a reference for long-lived
  multi-tenant processes.
"""

from __future__ import annotations

import asyncio
import compileall
import gc
import json
import statistics
import subprocess
import sys
import time
import tracemalloc
from collections import defaultdict
from collections.abc import Callable, Sequence
from typing import Any, Final

from _bench_common import BenchClient
from _bench_system import rss_kb

__all__ = [
    "IMPORTS",
    "ensure_bytecode",
    "idle_worker_main",
    "import_breakdown",
    "import_round",
    "measure_idle",
]

#: The interpreters one import round starts: label → statement.
IMPORTS: Final = {
    "python": "pass",
    "aiohttp": "import aiohttp",
    # The client, not the bare package: ``import astravue_async`` is lazy (PEP 562).
    "astravue": "from astravue_async import AstravueClient",
}


def ensure_bytecode() -> int:
    """Write stale or missing bytecode of every module the import statements load (up-to-date
    files are left alone); returns how many source modules were checked."""
    listing = "\n".join(
        [
            *IMPORTS.values(),
            "import sys",
            "files = [getattr(m, '__file__', None) or '' for m in list(sys.modules.values())]",
            "print('\\n'.join(files))",
        ]
    )
    done = subprocess.run(  # noqa: S603 - our interpreter, fixed statements
        [sys.executable, "-c", listing], check=True, capture_output=True, text=True
    )
    sources = [path for path in sorted(set(done.stdout.split())) if path.endswith(".py")]
    for path in sources:
        compileall.compile_file(path, quiet=2)
    return len(sources)


def _wall(statement: str) -> float:
    started = time.perf_counter()
    subprocess.run(  # noqa: S603 - our interpreter, fixed statements
        [sys.executable, "-c", statement], check=True, capture_output=True
    )
    return time.perf_counter() - started


def import_round(runs: int, order: Sequence[str]) -> dict[str, float]:
    """Median wall milliseconds of ``runs`` fresh interpreters per label, interleaved."""
    walls: dict[str, list[float]] = defaultdict(list)
    for index in range(runs):
        shift = index % len(order)
        for label in [*order[shift:], *order[:shift]]:
            walls[label].append(_wall(IMPORTS[label]))
    return {label: statistics.median(values) * 1000 for label, values in walls.items()}


def _importtime(statement: str) -> dict[str, tuple[int, int]]:
    """``-X importtime``: module → (self µs, cumulative µs)."""
    done = subprocess.run(  # noqa: S603 - our interpreter, fixed statements
        [sys.executable, "-X", "importtime", "-c", statement],
        check=True,
        capture_output=True,
        text=True,
    )
    out: dict[str, tuple[int, int]] = {}
    for line in done.stderr.splitlines():
        if not line.startswith("import time:") or "|" not in line:
            continue
        own, cumulative, name = (part.strip() for part in line[12:].split("|"))
        if own.isdigit() and cumulative.isdigit():
            out[name.strip()] = (int(own), int(cumulative))
    return out


def import_breakdown(limit: int = 8) -> list[tuple[str, float]]:
    """Top-level packages that importing the client loads beyond ``import aiohttp``, by
    their modules' own import time (ms), largest first."""
    ours, theirs = _importtime(IMPORTS["astravue"]), _importtime(IMPORTS["aiohttp"])
    by_package: dict[str, float] = defaultdict(float)
    for name, (own, _) in ours.items():
        if name not in theirs:
            by_package[name.split(".")[0]] += own / 1000
    return sorted(by_package.items(), key=lambda kv: -kv[1])[:limit]


async def _idle(open_client: Callable[[], BenchClient], count: int) -> dict[str, float]:
    warm = open_client()  # first one outside the window: lazy imports, compiled decoders
    await warm.get_task(1)
    await warm.aclose()
    gc.collect()
    tracemalloc.start()
    traced0, rss0 = tracemalloc.get_traced_memory()[0], rss_kb()
    clients = [open_client() for _ in range(count)]
    for client in clients:
        await client.get_task(1)
    await asyncio.sleep(0)
    gc.collect()
    traced1, rss1 = tracemalloc.get_traced_memory()[0], rss_kb()
    tracemalloc.stop()
    for client in clients:
        await client.aclose()
    out = {"traced_kb": (traced1 - traced0) / 1024 / count}
    if rss0 is not None and rss1 is not None:
        out["rss_kb"] = (rss1 - rss0) / count
    return out


def idle_worker_main(count: int, open_client: Callable[[], BenchClient]) -> None:
    """Body of an ``--idle-worker`` process: prints one JSON object."""
    print(json.dumps(asyncio.run(_idle(open_client, count))), flush=True)


def measure_idle(argv: list[str], timeout: float = 300) -> dict[str, Any]:
    """Run one idle-memory worker (``argv`` is its full command line)."""
    done = subprocess.run(  # noqa: S603 - our own script
        argv, check=True, capture_output=True, text=True, timeout=timeout
    )
    found: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return found
