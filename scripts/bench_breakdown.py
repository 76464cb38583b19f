"""Where the SDK's instructions per call go: the floor, the SDK, and the SDK with one part off.

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

Usage: ``scripts/bench_breakdown.py [--calls N] [--concurrency C] [--kind get|create]``.
Needs valgrind. Takes a few minutes (each variant runs twice, about 50 times slower than
native).
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


def breakdown(args: argparse.Namespace) -> list[tuple[str, float]]:
    from bench import Server

    server = Server(1_000)
    try:
        if shutil.which("taskset"):  # the server off the client's CPU, as make bench does
            subprocess.run(["taskset", "-pc", "1", str(server.pid)], capture_output=True)  # noqa: S603,S607
        url = server.base_url
        rows = [("floor", per_call((), "floor", args, url))]
        rows.append(("astravue", per_call((), "astravue", args, url)))
        for name in ABLATIONS:
            if name == "binding" and args.kind != "get":
                continue
            rows.append((f"astravue without {name}", per_call((name,), "astravue", args, url)))
        return rows
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
    parser.add_argument("--child", help=argparse.SUPPRESS)
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
    if shutil.which("valgrind") is None:
        print("bench_breakdown needs valgrind (apt-get install valgrind)", file=sys.stderr)
        return 2
    os.environ.setdefault("PYTHONHASHSEED", "0")  # the same dict layouts in every child
    print(render(breakdown(args), args))
    return 0


if __name__ == "__main__":
    sys.exit(main())
