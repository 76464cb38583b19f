"""Where the SDK's time per call goes: instructions by part, and the time the kernel adds.

``make bench`` times whole calls; this names the parts. Each variant runs ``--calls`` calls
(and four times as many) through one bench client at ``--concurrency`` in a fresh interpreter
under ``valgrind --tool=callgrind``; instructions per call are the difference of the two runs
divided by the extra calls, so start-up, imports and warm-up cancel out. Instruction counts do
not drift with the machine's load as times do, so one run is enough; they do not see kernel
time or cache misses (the README's Performance section says what that leaves out).

The parts switched off (each a stand-in that does the least the bench's check still accepts):

* ``models``: the response is parsed by orjson into dicts instead of decoded into models;
* ``binding``: a call's prepared request is reused instead of binding and checking its
  arguments (get only: a create's body differs per call);
* ``liveness``: pooled connections are handed out without checking that the server has not
  closed them;
* ``attempt-context``: the per-attempt context (``request_sent`` bookkeeping) is not set.

Instructions do not show the second half of the story, so a timed section follows (run
natively, no valgrind): the floor and the SDK in one interpreter, on the CPU ``make bench``
gives clients, in interleaved turns, with the time spent inside the socket write that sends
each request measured apart, and the server's sleeps counted (its voluntary context
switches, from ``/proc``). Both clients send the same bytes, so a difference in the write is
not work the SDK does: it is the server being woken. The slower a client, the more often the
server has run out of requests and gone to sleep, and the write that hands it the next one
pays for waking it (on a virtual machine, an interrupt between CPUs through the hypervisor).
``--spinning-server`` runs a server that polls instead of sleeping, which shows the ratio
without that charge (``make bench``'s server sleeps, as real ones do). The section also
counts page faults per call: a process that takes the 256 KiB read buffer of asyncio's
transports from the kernel on every read (glibc's heap state decides) pays several
microseconds of kernel time per call for it; ``make bench``'s process happens not to.

Usage: ``scripts/bench_breakdown.py [--calls N] [--concurrency C] [--kind get|create]
[--rounds R] [--no-instructions] [--spinning-server]``. The instruction counts need valgrind
and take a few minutes (each variant runs twice, about 50 times slower than native); the
timed section takes ``2 × rounds × 0.5`` seconds.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import Any, Final

HERE: Final = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

ABLATIONS: Final = ("models", "binding", "liveness", "attempt-context")
_COLLECTED = re.compile(rb"Collected : (\d+)")


# --------------------------------------------------------------------------- the child


def ablate(names: Sequence[str]) -> None:
    """Switch the named parts of the SDK off, in this interpreter (see the module)."""
    from types import SimpleNamespace

    import aiohttp
    import orjson

    from astravue_async import _request, _transport

    unknown = set(names) - set(ABLATIONS)
    if unknown:
        raise SystemExit(f"unknown ablation(s): {', '.join(sorted(unknown))}")
    if "models" in names:

        def parse_only(response_type: Any, **fields: Any) -> Any:
            data = orjson.loads(fields["raw"])["data"]
            return SimpleNamespace(task_id=data["taskId"], task_title=data["taskTitle"])

        _transport.decode_response = parse_only  # type: ignore[assignment]
    if "binding" in names:
        prepared: dict[tuple[Any, ...], Any] = {}
        original = _request.prepare

        def reuse(operation: Any, arguments: Any, body: Any = None) -> Any:
            key = (operation.operation_id, tuple(arguments.items()), body)
            found = prepared.get(key)
            if found is None:
                found = prepared[key] = original(operation, arguments, body)
            return found

        _transport.prepare = reuse  # type: ignore[assignment]
    if "liveness" in names:
        _transport._CheckedConnector.connect = aiohttp.TCPConnector.connect  # type: ignore[method-assign]
    if "attempt-context" in names:

        class _NoContext:
            def get(self) -> None:
                return None

            def set(self, value: Any) -> None:
                return None

            def reset(self, token: Any) -> None:
                return None

        _transport._ATTEMPT = _NoContext()  # type: ignore[assignment]


def child(client: str, kind: str, calls: int, concurrency: int, url: str) -> None:
    """Run ``calls`` calls after a warm-up; the parent counts this process's instructions."""
    import asyncio

    from _bench_clients import REGISTRY, ClientContext

    async def main() -> None:
        bench_client = REGISTRY[client].open(ClientContext(url, None, None))

        async def run(total: int) -> None:
            numbers = iter(range(total))

            async def worker() -> None:
                for index in numbers:
                    if kind == "get":
                        await bench_client.get_task(index % 100 + 1)
                    else:
                        await bench_client.create_task(f"Bench task {index}")

            await asyncio.gather(*(worker() for _ in range(concurrency)))

        await run(500)  # pool filled, decoders compiled, lazy imports done
        await run(calls)
        await bench_client.aclose()

    asyncio.run(main())


_SLICE_SECONDS: Final = 0.5
TIMED_CLIENTS: Final = ("floor", "astravue")


def _sleeps(pid: int | None) -> int:
    """How many times process ``pid`` has gone to sleep (its voluntary context switches)."""
    if pid is None:
        return 0
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return 0
    for line in status.splitlines():
        if line.startswith("voluntary_ctxt_switches:"):
            return int(line.split()[1])
    return 0


def timed_child(kind: str, concurrency: int, rounds: int, url: str, server: int | None) -> None:
    """Interleave the floor and the SDK in this interpreter; print one JSON line of totals.

    ``server``: the server's process id, whose sleeps are counted (Linux), else None.
    """
    import asyncio
    import gc
    import json
    import resource
    import time
    from asyncio import selector_events

    from _bench_clients import REGISTRY, ClientContext
    from _bench_measure import run_calls
    from bench import checked_create, checked_get, rotated

    original_write = selector_events._SelectorSocketTransport.write
    perf = time.perf_counter
    in_write = [0.0]

    def timed_write(self: Any, data: Any) -> None:
        started = perf()
        try:
            original_write(self, data)
        finally:
            in_write[0] += perf() - started

    selector_events._SelectorSocketTransport.write = timed_write  # type: ignore[method-assign]

    async def main() -> dict[str, Any]:
        clients = {
            name: REGISTRY[name].open(ClientContext(url, None, None)) for name in TIMED_CLIENTS
        }
        checked = checked_get if kind == "get" else checked_create
        calls = {name: checked(client) for name, client in clients.items()}
        start = 0

        async def turn(name: str) -> tuple[int, float, float, float, float, int, int]:
            nonlocal start
            faults = resource.getrusage(resource.RUSAGE_SELF).ru_minflt
            written, slept = in_write[0], _sleeps(server)
            window = await run_calls(calls[name], concurrency, _SLICE_SECONDS, start=start)
            start += window.units
            kernel = window.kernel or 0.0
            return (
                window.units,
                window.wall,
                window.cpu - kernel,
                kernel,
                in_write[0] - written,
                resource.getrusage(resource.RUSAGE_SELF).ru_minflt - faults,
                _sleeps(server) - slept,
            )

        for name in TIMED_CLIENTS:  # pools filled, decoders compiled, lazy imports done
            await turn(name)
        gc.collect()
        gc.freeze()  # as make bench does
        totals = {name: [0, 0.0, 0.0, 0.0, 0.0, 0, 0] for name in TIMED_CLIENTS}
        rates: dict[str, list[float]] = {name: [] for name in TIMED_CLIENTS}
        for index in range(rounds):
            for name in rotated(TIMED_CLIENTS, index):
                measured = await turn(name)
                totals[name] = [a + b for a, b in zip(totals[name], measured, strict=True)]
                rates[name].append(measured[0] / measured[1])
        for client in clients.values():
            await client.aclose()
        return {"totals": totals, "rates": rates}

    print(json.dumps(asyncio.run(main())))


# --------------------------------------------------------------------------- the parent


def instructions(
    variant: Sequence[str], client: str, calls: int, args: argparse.Namespace, url: str
) -> int:
    """Instructions of one child process (callgrind's total)."""
    with tempfile.TemporaryDirectory(prefix="astravue-breakdown-") as tmp:
        done = subprocess.run(  # noqa: S603 - valgrind on our own interpreter and script
            [
                shutil.which("valgrind") or "valgrind",
                "--tool=callgrind",
                f"--callgrind-out-file={tmp}/out",
                sys.executable,
                __file__,
                "--child",
                client,
                "--kind",
                args.kind,
                "--calls",
                str(calls),
                "--concurrency",
                str(args.concurrency),
                "--url",
                url,
                "--ablate",
                ",".join(variant),
            ],
            capture_output=True,
            check=True,
        )
    found = _COLLECTED.search(done.stderr)
    if found is None:
        raise RuntimeError(f"callgrind reported no total: {done.stderr[-500:]!r}")
    return int(found.group(1))


def per_call(variant: Sequence[str], client: str, args: argparse.Namespace, url: str) -> float:
    few = instructions(variant, client, args.calls, args, url)
    many = instructions(variant, client, 4 * args.calls, args, url)
    return (many - few) / (3 * args.calls)


def timed(args: argparse.Namespace, url: str, server_pid: int) -> dict[str, Any]:
    """The timed section's totals, from a child pinned to the CPU ``make bench`` gives clients."""
    import json

    pin = ["taskset", "-c", "0"] if shutil.which("taskset") and (os.cpu_count() or 1) > 1 else []
    done = subprocess.run(  # noqa: S603 - our own interpreter and script
        [
            *pin,
            sys.executable,
            __file__,
            "--timed-child",
            "--kind",
            args.kind,
            "--concurrency",
            str(args.concurrency),
            "--rounds",
            str(args.rounds),
            "--url",
            url,
            "--server-pid",
            str(server_pid),
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    result: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def render_timed(result: dict[str, Any], args: argparse.Namespace) -> str:
    totals = result["totals"]
    rates = result["rates"]
    lines = [
        f"time per {args.kind} call at concurrency {args.concurrency}: the floor and the SDK in "
        f"one interpreter, {args.rounds} interleaved turns of {_SLICE_SECONDS} s each"
        + (", server spinning (never sleeps)" if args.spinning_server else ""),
        "",
        "| client | calls/s | ÷ floor (median of turns, range) | user µs | kernel µs "
        "| socket write µs | server sleeps | page faults |",
        "|---|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for name in TIMED_CLIENTS:
        calls, elapsed, user, system, write, faults, sleeps = totals[name]
        ratios = sorted(a / b for a, b in zip(rates[name], rates["floor"], strict=True))
        ratio = (
            ""
            if name == "floor"
            else f"{ratios[len(ratios) // 2]:.3f}× ({ratios[0]:.3f}–{ratios[-1]:.3f})"
        )
        per = 1e6 / max(calls, 1)
        lines.append(
            f"| {name} | {calls / elapsed:,.0f} | {ratio} | {user * per:.1f} | "
            f"{system * per:.1f} | {write * per:.1f} | {sleeps / max(calls, 1):.2f} | "
            f"{faults / max(calls, 1):.2f} |"
        )
    return "\n".join(lines)


def breakdown(args: argparse.Namespace) -> tuple[list[tuple[str, float]], dict[str, Any]]:
    """The instruction rows (none with ``--no-instructions``) and the timed section."""
    from bench import Server

    server = Server(1_000, spin=args.spinning_server)
    try:
        if shutil.which("taskset"):  # the server off the client's CPU, as make bench does
            subprocess.run(["taskset", "-pc", "1", str(server.pid)], capture_output=True)  # noqa: S603,S607
        url = server.base_url
        rows: list[tuple[str, float]] = []
        if args.instructions:
            rows.append(("floor", per_call((), "floor", args, url)))
            rows.append(("astravue", per_call((), "astravue", args, url)))
            for name in ABLATIONS:
                if name == "binding" and args.kind != "get":
                    continue
                rows.append((f"astravue without {name}", per_call((name,), "astravue", args, url)))
        return rows, timed(args, url, server.pid)
    finally:
        server.stop()


def render(rows: list[tuple[str, float]], args: argparse.Namespace) -> str:
    by_name = dict(rows)
    sdk = by_name["astravue"]
    lines = [
        f"instructions per {args.kind} call at concurrency {args.concurrency} "
        f"(callgrind, {args.calls} and {4 * args.calls} calls)",
        "",
        "| variant | instructions per call | vs floor | the part costs |",
        "|---|---:|---:|---:|",
    ]
    floor = by_name["floor"]
    for name, value in rows:
        part = "" if not name.startswith("astravue without") else f"{(sdk - value) / 1000:.1f}k"
        lines.append(f"| {name} | {value / 1000:.1f}k | {value / floor:.3f}× | {part} |")
    return "\n".join(lines)


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--calls", type=int, default=1_000, help="calls of the short run")
    parser.add_argument("--concurrency", type=int, default=64)
    parser.add_argument("--kind", choices=("get", "create"), default="get")
    parser.add_argument(
        "--rounds", type=int, default=10, help="interleaved turns of the timed section"
    )
    parser.add_argument(
        "--no-instructions",
        dest="instructions",
        action="store_false",
        help="only the timed section (no valgrind needed)",
    )
    parser.add_argument(
        "--spinning-server",
        action="store_true",
        help="a server that polls instead of sleeping between requests, so that no client "
        "pays for waking it (a diagnostic: make bench's server sleeps)",
    )
    parser.add_argument("--child", help=argparse.SUPPRESS)
    parser.add_argument("--timed-child", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--server-pid", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--url", help=argparse.SUPPRESS)
    parser.add_argument("--ablate", default="", help=argparse.SUPPRESS)
    return parser.parse_args(argv)


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    if args.child:
        names = [name for name in args.ablate.split(",") if name]
        if "binding" in names and args.kind != "get":
            raise SystemExit("the binding ablation applies to get only")
        ablate(names)
        child(args.child, args.kind, args.calls, args.concurrency, args.url)
        return 0
    if args.timed_child:
        timed_child(args.kind, args.concurrency, args.rounds, args.url, args.server_pid)
        return 0
    if args.instructions and shutil.which("valgrind") is None:
        print(
            "the instruction counts need valgrind (apt-get install valgrind); "
            "--no-instructions runs the timed section alone",
            file=sys.stderr,
        )
        return 2
    os.environ.setdefault("PYTHONHASHSEED", "0")  # the same dict layouts in every child
    rows, times = breakdown(args)
    if rows:
        print(render(rows, args))
        print()
    print(render_timed(times, args))
    return 0


if __name__ == "__main__":
    sys.exit(main())
