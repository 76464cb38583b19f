"""Turning a ``scripts/bench.py`` run into verdicts, a terminal report, Markdown and JSON.

Pure functions of :class:`RunData`: nothing here measures, so the report can be tested (and
regenerated from a saved run) on its own.
"""

from __future__ import annotations

import math
import statistics
from collections.abc import Mapping, Sequence
from typing import Any

import attrs
from _bench_measure import Garbage, Sample
from _bench_plan import Column, Config, Target, Workload
from _bench_stats import NA, Spread, classify, paired, spread

__all__ = [
    "RunData",
    "Verdict",
    "evaluate",
    "fmt_number",
    "fmt_spread",
    "render_markdown",
    "render_text",
    "to_json",
]

Results = dict[str, dict[str, list[Sample]]]


@attrs.define
class RunData:
    """Everything one run measured and knows about itself."""

    cfg: Config
    workloads: list[Workload]
    results: Results = attrs.field(factory=dict)
    unavailable: dict[str, str] = attrs.field(factory=dict)
    """Client → why it could not run here (shown as n/a)."""
    skipped: dict[str, dict[str, str]] = attrs.field(factory=dict)
    """Workload → client → why that pair was not measured."""
    labels: dict[str, str] = attrs.field(factory=dict)
    """Client → what it is (the header's legend)."""
    header: dict[str, Any] = attrs.field(factory=dict)
    notes: list[str] = attrs.field(factory=list)
    garbage: dict[str, Garbage] = attrs.field(factory=dict)
    import_breakdown: list[tuple[str, float]] = attrs.field(factory=list)

    def add(self, workload: str, client: str, sample: Sample) -> None:
        self.results.setdefault(workload, {}).setdefault(client, []).append(sample)

    def values(self, workload: str, client: str, field: str) -> list[float | None]:
        return [s.value(field) for s in self.results.get(workload, {}).get(client, [])]

    def why_missing(self, workload: str, client: str) -> str | None:
        reason = self.skipped.get(workload, {}).get(client) or self.unavailable.get(client)
        if reason:
            return reason
        if not self.results.get(workload, {}).get(client):
            return "not measured"
        return None


@attrs.frozen
class Verdict:
    target: Target
    status: str
    found: Spread | None
    note: str = ""


def evaluate(run: RunData, target: Target) -> Verdict:
    """One target: per-round values (paired with ``den`` when there is one) → a verdict."""
    wl = {w.key for w in run.workloads}
    if target.workload not in wl:
        return Verdict(target, NA, None, f"{target.workload} is not part of this run")
    for client in (target.num, target.den):
        if client is not None and (why := run.why_missing(target.workload, client)):
            return Verdict(target, NA, None, f"{client}: {why}")
    nums = run.values(target.workload, target.num, target.field)
    if target.den is None:
        values = [v for v in nums if v is not None and math.isfinite(v)]
    else:
        dens = run.values(target.workload, target.den, target.field)
        values = paired(nums, dens, difference=target.difference)
    found = spread(values)
    note = "" if found is not None else "no round measured both sides"
    return Verdict(target, classify(found, target.comparison, target.threshold), found, note)


# --------------------------------------------------------------------------- formatting


def fmt_number(value: float | None) -> str:
    """Three significant figures or so, thousands separated; ``—`` for nothing."""
    if value is None or not math.isfinite(value):
        return "—"
    size = abs(value)
    if size >= 100 or (value == int(value) and size >= 1):
        return f"{value:,.0f}"
    if size >= 10:
        return f"{value:.1f}"
    if size >= 1:
        return f"{value:.2f}"
    return f"{value:.3f}"


def fmt_spread(
    found: Spread | None, unit: str = "×", *, signed: bool = False, digits: int = 2
) -> str:
    """``0.74× (0.69–0.77)``; the range is left out for a single round. Verdicts print ratios
    with ``digits=3``, so a bound just under a target never shows as the target itself."""
    if found is None:
        return "—"

    def one(value: float) -> str:
        if unit == "×":
            return f"{value:.{digits}f}"
        text = fmt_number(value)
        return f"+{text}" if signed and value > 0 else text

    head = f"{one(found.median)}{unit}"
    if found.rounds < 2:
        return head
    return f"{head} ({one(found.low)}–{one(found.high)})"


def _cell(run: RunData, wl: Workload, column: Column, client: str) -> str:
    if run.why_missing(wl.key, client):
        return "n/a"
    if not column.is_ratio:
        values = [v for v in run.values(wl.key, client, column.field) if v is not None]
        if not values:
            return "—"
        if column.worst:
            return fmt_number(max(values))
        return fmt_number(statistics.median(values))
    num = column.num or client
    den = column.den or client
    if num == den:
        return ""
    if run.why_missing(wl.key, num) or run.why_missing(wl.key, den):
        return "n/a"
    difference = wl.kind == "import"
    found = spread(
        paired(
            run.values(wl.key, num, column.field),
            run.values(wl.key, den, column.field),
            difference=difference,
        )
    )
    return fmt_spread(found, " ms" if difference else "×", signed=difference)


def _table(run: RunData, wl: Workload) -> tuple[list[str], list[list[str]]]:
    headers = ["client", *(c.header for c in wl.columns)]
    rows = [[client, *(_cell(run, wl, c, client) for c in wl.columns)] for client in wl.clients]
    return headers, rows


def _status_mark(status: str) -> str:
    return f"[{status:<12}]"


def _verdict_value(v: Verdict) -> str:
    if v.found is None:
        return v.note or "—"
    signed = v.target.difference
    text = fmt_spread(v.found, v.target.unit, signed=signed, digits=3)
    rounds = f"{v.found.rounds} round{'s' if v.found.rounds != 1 else ''}"
    return f"{text}, {rounds}"


def _attribution(run: RunData) -> list[str]:
    """Where the httpx peer's time goes, per get concurrency: its own transport vs aiohttp."""
    out: list[str] = []
    for wl in run.workloads:
        if wl.kind != "get":
            continue
        if any(run.why_missing(wl.key, c) for c in ("astravue", "gen-httpx", "gen-aiohttp")):
            continue
        pool = spread(
            paired(
                run.values(wl.key, "gen-aiohttp", "rate"), run.values(wl.key, "gen-httpx", "rate")
            )
        )
        rest = spread(
            paired(
                run.values(wl.key, "astravue", "rate"), run.values(wl.key, "gen-aiohttp", "rate")
            )
        )
        out.append(
            f"c{wl.concurrency}: gen-aiohttp ÷ gen-httpx {fmt_spread(pool)} (httpx's own "
            f"transport, httpcore), astravue ÷ gen-aiohttp {fmt_spread(rest)} (the generated "
            "code and httpx's request/response objects)"
        )
    return out


def _diagnostics(run: RunData) -> list[str]:
    lines: list[str] = []
    attribution = _attribution(run)
    if attribution:
        lines.append("Where the generated httpx peer's time goes (rates, same rounds):")
        lines += [f"  {line}" for line in attribution]
    if run.garbage:
        lines.append("Objects per get call left for the cyclic GC (deterministic):")
        for client, garbage in run.garbage.items():
            classes = ", ".join(garbage.classes) or "builtins only"
            lines.append(
                f"  {client}: {garbage.per_call:.1f}"
                + (f" ({classes})" if garbage.per_call >= 1 else "")
            )
    if run.import_breakdown:
        parts = ", ".join(f"{name} {ms:.0f} ms" for name, ms in run.import_breakdown)
        lines.append(
            "from astravue_async import AstravueClient beyond import aiohttp, by package "
            f"(-X importtime self): {parts}"
        )
    return lines


def _header_lines(run: RunData) -> list[str]:
    h = run.header
    cfg = run.cfg
    lines = [
        f"date: {h.get('date', '?')}",
        f"machine: {h.get('cpu', '?')}, {h.get('cpus', '?')} CPUs "
        f"({h.get('cpus_available', '?')} available to the bench); {h.get('kernel', '?')}",
        f"python: {h.get('python', '?')}",
        "versions: "
        + ", ".join(f"{k} {v}" for k, v in h.get("versions", {}).items() if v != "not installed"),
        f"JSON backend (the SDK's and the floor's): {h.get('json_backend', '?')}",
        f"pinning: {h.get('pinning', '?')}",
        f"rounds: {cfg.rounds} ({cfg.stream_rounds} for the stream), {cfg.slices} turn(s) of "
        f"{cfg.slice_seconds:g} s per client per workload per round, clients interleaved "
        f"({cfg.name} run)",
    ]
    others = h.get("other_processes_cores")
    if others is not None:
        busy = (
            ": absolute numbers are pessimistic; paired ratios hold, except that a client "
            "with many threads (sync) gets a larger share of a contended CPU than a "
            "single-threaded one"
            if others > 0.2
            else ""
        )
        lines.append(f"other processes used {others:.2f} cores meanwhile{busy}")
    lines.append(
        "verdicts: median of per-round paired values (both sides measured in the same round, "
        "interleaved) with their min–max; PASS only when the whole range clears the target, "
        "MISS when none of it does, INCONCLUSIVE when it straddles"
    )
    return lines


def render_text(run: RunData, verdicts: Sequence[Verdict]) -> str:
    out = ["astravue-async benchmark (make bench)", *(f"  {x}" for x in _header_lines(run))]
    out.append("  clients:")
    width = max((len(n) for n in run.labels), default=0)
    for name, label in run.labels.items():
        why = run.unavailable.get(name)
        out.append(f"    {name:<{width}}  {label}" + (f" — n/a: {why}" if why else ""))
    out += [f"  note: {n}" for n in run.notes]
    out.append("")
    for wl in run.workloads:
        headers, rows = _table(run, wl)
        widths = [max(len(r[i]) for r in [headers, *rows]) for i in range(len(headers))]
        out.append(f"{wl.title} (per {wl.unit})")
        for row in [headers, *rows]:
            cells = [row[0].ljust(widths[0])] + [
                row[i].rjust(widths[i]) for i in range(1, len(row))
            ]
            out.append("  " + "  ".join(cells).rstrip())
        skipped = run.skipped.get(wl.key, {})
        out += [f"  n/a {client}: {why}" for client, why in skipped.items()]
        out.append("")
    diagnostics = _diagnostics(run)
    if diagnostics:
        out += [*diagnostics, ""]
    out.append("Verdicts")
    for v in verdicts:
        out.append(f"  {_status_mark(v.status)} {v.target.label}: {_verdict_value(v)}")
    return "\n".join(out)


def _md_escape(text: str) -> str:
    return text.replace("|", "\\|")


def render_markdown(run: RunData, verdicts: Sequence[Verdict]) -> str:
    """The README's performance section: header, verdicts, a table per workload."""
    out = [
        "<!-- generated by `make bench BENCH_ARGS=--markdown=PATH`; regenerate, do not edit -->",
        "",
        *(f"- {_md_escape(x)}" for x in _header_lines(run)),
        "- clients:",
        *(
            f"  - **{name}**: {_md_escape(label)}"
            + (f" (n/a: {_md_escape(run.unavailable[name])})" if name in run.unavailable else "")
            for name, label in run.labels.items()
        ),
        *(f"- note: {_md_escape(n)}" for n in run.notes),
        "",
        "| Target | Verdict | Median (range over rounds) |",
        "|---|---|---|",
        *(
            f"| {_md_escape(v.target.label)} | **{v.status}** | {_md_escape(_verdict_value(v))} |"
            for v in verdicts
        ),
        "",
    ]
    for wl in run.workloads:
        headers, rows = _table(run, wl)
        out += [
            f"**{_md_escape(wl.title)}** (per {wl.unit})",
            "",
            "| " + " | ".join(_md_escape(h) for h in headers) + " |",
            "|" + "|".join(["---", *("---:" for _ in headers[1:])]) + "|",
            *("| " + " | ".join(_md_escape(c) for c in row) + " |" for row in rows),
            "",
        ]
    diagnostics = _diagnostics(run)
    if diagnostics:
        out += [_md_escape(line) + "  " for line in diagnostics]
        out.append("")
    return "\n".join(out)


def _clean(value: Any) -> Any:
    """JSON-safe: NaN/inf become null."""
    if isinstance(value, float) and not math.isfinite(value):
        return None
    if isinstance(value, Mapping):
        return {str(k): _clean(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_clean(v) for v in value]
    return value


def to_json(run: RunData, verdicts: Sequence[Verdict]) -> dict[str, Any]:
    """Everything the run measured, every round of every client, and the verdicts."""
    found: dict[str, Any] = _clean(
        {
            "environment": run.header,
            "config": attrs.asdict(run.cfg),
            "clients": run.labels,
            "unavailable": run.unavailable,
            "notes": run.notes,
            "workloads": {
                wl.key: {
                    "title": wl.title,
                    "unit": wl.unit,
                    "rounds": {
                        client: [
                            attrs.asdict(s) for s in run.results.get(wl.key, {}).get(client, [])
                        ]
                        for client in wl.clients
                    },
                    "skipped": run.skipped.get(wl.key, {}),
                }
                for wl in run.workloads
            },
            "cyclic_garbage_per_call": {c: attrs.asdict(g) for c, g in run.garbage.items()},
            "import_breakdown_ms": dict(run.import_breakdown),
            "verdicts": [
                {
                    "target": v.target.label,
                    "status": v.status,
                    "median": v.found.median if v.found else None,
                    "low": v.found.low if v.found else None,
                    "high": v.found.high if v.found else None,
                    "rounds": v.found.rounds if v.found else 0,
                    "threshold": v.target.threshold,
                    "comparison": v.target.comparison,
                    "note": v.note,
                }
                for v in verdicts
            ],
        }
    )
    return found
