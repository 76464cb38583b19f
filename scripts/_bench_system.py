"""The machine side of ``scripts/bench.py``: CPU pinning, what the machine is, who else ran.

Everything here reads ``/proc`` or asks the OS; off Linux the readers return None and the
bench reports "unknown" rather than guessing.
"""

from __future__ import annotations

import os
import platform
import re
import time
from collections.abc import Callable, Sequence
from importlib import metadata
from pathlib import Path
from typing import Final

import attrs

__all__ = [
    "LoadMeter",
    "Pinning",
    "cpu_model",
    "machine_busy",
    "pin_client",
    "pin_server",
    "plan_pinning",
    "process_cpu",
    "reset_peak_rss",
    "rss_kb",
    "status_kb",
    "versions",
]

TICK: Final = os.sysconf("SC_CLK_TCK") if hasattr(os, "sysconf") else 100
_PAGE_KB: Final = (os.sysconf("SC_PAGE_SIZE") // 1024) if hasattr(os, "sysconf") else 4
#: Distributions whose versions the report's header names (absent ones say so).
VERSIONED: Final = (
    "astravue-async",
    "aiohttp",
    "orjson",
    "pydantic",
    "pydantic-core",
    "httpx",
    "httpcore",
    "httpx-aiohttp",
    "openapi-python-client",
    "datamodel-code-generator",
    "cattrs",
    "attrs",
)


def status_kb(field: str) -> int | None:
    """A ``VmRSS``/``VmHWM`` line of ``/proc/self/status`` in kB (None off Linux)."""
    try:
        text = Path("/proc/self/status").read_text()
    except OSError:
        return None
    found = re.search(rf"^{field}:\s+(\d+) kB", text, re.MULTILINE)
    return int(found.group(1)) if found else None


def rss_kb() -> int | None:
    """Resident set size now, in kB: ``/proc/self/statm`` is the cheapest place to read it."""
    try:
        with open("/proc/self/statm", "rb") as handle:
            return int(handle.read().split()[1]) * _PAGE_KB
    except (OSError, IndexError, ValueError):
        return None


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


class LoadMeter:
    """CPU that processes other than ours used during the run (shared-machine noise).

    Ours: this process, its children already waited for (stream workers, import probes), and
    the live processes ``pids`` names (the server).
    """

    def __init__(self, pids: Callable[[], Sequence[int]]) -> None:
        self._pids = pids
        self._start = self._sample()

    def _sample(self) -> tuple[float, float, float] | None:
        busy = machine_busy()
        live = [process_cpu(pid) for pid in self._pids()]
        if busy is None or any(v is None for v in live):
            return None
        times = os.times()
        ours = (
            time.process_time()
            + times.children_user
            + times.children_system
            + sum(v or 0.0 for v in live)
        )
        return time.perf_counter(), busy, ours

    def others_cores(self) -> float | None:
        end = self._sample()
        if end is None or self._start is None:
            return None
        wall, busy, ours = (e - s for e, s in zip(end, self._start, strict=True))
        return max(0.0, busy - ours) / wall if wall > 0 else None


@attrs.frozen
class Pinning:
    """Which CPU the clients and the server run on (None: not pinned), and why."""

    client: int | None
    server: int | None
    note: str


def plan_pinning(wanted: bool | None) -> Pinning:
    """``wanted``: True/False from ``--pin``/``--no-pin``, None for the default (pin when
    at least two CPUs are available to us)."""
    if wanted is False:
        return Pinning(None, None, "off (--no-pin): the OS schedules clients and server")
    if not hasattr(os, "sched_getaffinity"):
        return Pinning(None, None, "not possible here (no sched_setaffinity)")
    cpus = sorted(os.sched_getaffinity(0))
    if len(cpus) < 2:
        return Pinning(None, None, f"not possible: only CPU {cpus} is available to us")
    client, server = cpus[0], cpus[-1]
    return Pinning(
        client,
        server,
        f"clients (this process, its threads, stream/import/memory workers) on CPU {client}, "
        f"server on CPU {server}",
    )


def pin_client(plan: Pinning) -> None:
    """Pin this process's main thread; threads and processes started later inherit it."""
    if plan.client is not None:
        os.sched_setaffinity(0, {plan.client})


def pin_server(plan: Pinning, pid: int) -> None:
    if plan.server is not None:
        os.sched_setaffinity(pid, {plan.server})


def cpu_model() -> str:
    try:
        text = Path("/proc/cpuinfo").read_text()
    except OSError:
        return platform.processor() or "unknown CPU"
    found = re.search(r"^model name\s*:\s*(.+)$", text, re.MULTILINE)
    return found.group(1).strip() if found else (platform.processor() or "unknown CPU")


def versions(names: Sequence[str] = VERSIONED) -> dict[str, str]:
    """Installed versions by distribution name ("not installed" when absent)."""
    out: dict[str, str] = {}
    for name in names:
        try:
            out[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            out[name] = "not installed"
    return out
