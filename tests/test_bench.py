"""``make bench``: its verdict arithmetic and report, and a smoke run so it cannot rot.

The verdict rules are what make the published numbers honest (a range that straddles the
target is INCONCLUSIVE, never PASS), so they are held here; the smoke run drives every
workload through every client that is installed, with tiny counts.
"""

from __future__ import annotations

import json
import math
import subprocess
import sys
from pathlib import Path

import pytest

SCRIPTS = Path(__file__).resolve().parent.parent / "scripts"
sys.path.insert(0, str(SCRIPTS))

from _bench_measure import Sample  # noqa: E402 - scripts/ is not a package
from _bench_plan import FULL, SMOKE, Target, targets, workloads  # noqa: E402
from _bench_report import (  # noqa: E402
    RunData,
    evaluate,
    fmt_spread,
    render_markdown,
    render_text,
)
from _bench_stats import (  # noqa: E402
    INCONCLUSIVE,
    MISS,
    NA,
    PASS,
    Spread,
    classify,
    least_squares_slope,
    paired,
    spread,
)
from _bench_stream import StreamTrace, memory_figures  # noqa: E402


def _spread(low: float, high: float) -> Spread:
    return Spread((low + high) / 2, low, high, 5)


@pytest.mark.parametrize(
    ("low", "high", "comparison", "threshold", "expected"),
    [
        (0.86, 0.95, ">=", 0.85, PASS),
        (0.85, 0.95, ">=", 0.85, PASS),  # on the target counts as meeting it
        (0.70, 0.84, ">=", 0.85, MISS),
        (0.80, 0.90, ">=", 0.85, INCONCLUSIVE),
        (0.30, 0.50, "<=", 0.5, PASS),
        (0.40, 0.60, "<=", 0.5, INCONCLUSIVE),
        (0.51, 0.60, "<=", 0.5, MISS),
        (1.0, 4.9, "<", 5.0, PASS),
        (1.0, 5.0, "<", 5.0, INCONCLUSIVE),  # strict: 5.0 itself misses "< 5 MB"
        (5.0, 9.0, "<", 5.0, MISS),
    ],
)
def test_a_verdict_passes_only_when_the_whole_range_clears_the_target(
    low: float, high: float, comparison: str, threshold: float, expected: str
) -> None:
    assert classify(_spread(low, high), comparison, threshold) == expected  # type: ignore[arg-type]


def test_nothing_measured_is_not_a_verdict() -> None:
    assert classify(None, ">=", 0.85) == NA
    assert spread([]) is None
    assert spread([math.nan]) is None


def test_ratios_pair_rounds_by_index_and_skip_unmeasured_rounds() -> None:
    assert paired([90.0, 80.0, None, 50.0], [100.0, 100.0, 100.0, 0.0]) == [0.9, 0.8]
    assert paired([1.0, math.nan], [2.0, 2.0]) == [0.5]
    assert paired([300.0, 310.0], [250.0, 240.0], difference=True) == [50.0, 70.0]
    # A side measured in fewer rounds pairs only the rounds both have.
    assert paired([1.0, 2.0, 3.0], [1.0]) == [1.0]


def test_spread_is_the_median_and_the_whole_range() -> None:
    found = spread([0.9, 0.7, 0.8, 1.0])
    assert found is not None
    assert (found.median, found.low, found.high, found.rounds) == (pytest.approx(0.85), 0.7, 1.0, 4)


def test_slope_of_a_line_and_of_too_few_points() -> None:
    assert least_squares_slope([0, 1, 2, 3], [1, 3, 5, 7]) == pytest.approx(2.0)
    assert least_squares_slope([1, 1], [2, 3]) is None
    assert least_squares_slope([1], [2]) is None


def test_ranges_are_printed_with_the_median_and_without_them_for_one_round() -> None:
    assert fmt_spread(Spread(0.9, 0.8, 0.95, 5)) == "0.90× (0.80–0.95)"
    assert fmt_spread(Spread(0.9, 0.9, 0.9, 1)) == "0.90×"
    assert fmt_spread(Spread(1.0, 0.95, 1.0946, 3), digits=3) == "1.000× (0.950–1.095)"
    assert fmt_spread(Spread(40.0, -12.0, 75.0, 3), " ms", signed=True) == "+40 ms (-12–+75)"
    assert fmt_spread(None) == "—"


def test_stream_memory_growth_second_half_and_slope() -> None:
    # 4 kB per 1,000 items, linearly: a leak the second half shows as clearly as the first.
    rss = [(n, 100_000 + 4 * n // 1000) for n in range(1_000, 200_001, 1_000)]
    trace = StreamTrace(200_000, 100_000, None, rss, 12, 0.030, 0.004)
    found = memory_figures(trace)
    assert found["rss_growth_mb"] == pytest.approx(800 / 1024)
    assert found["rss_half_mb"] == pytest.approx(400 / 1024)
    assert found["rss_slope_mb"] == pytest.approx(400 / 1024)  # per 100,000 items
    assert found["gc_ms"] == pytest.approx(30.0)
    assert found["gc_max_ms"] == pytest.approx(4.0)


def test_stream_peak_between_samples_counts_as_growth() -> None:
    trace = StreamTrace(1_000, 50_000, 53_072, [(500, 50_100), (1_000, 50_100)], 0, 0.0, 0.0)
    assert memory_figures(trace)["rss_growth_mb"] == pytest.approx(3.0)


def _run(rates: dict[str, list[float]], workload: str = "get-c64") -> RunData:
    run = RunData(FULL, workloads(FULL))
    for client, values in rates.items():
        for rate in values:
            run.add(workload, client, Sample(count=100, rate=rate, p99_ms=1.0, cpu_us=50.0))
    return run


def _target(label: str) -> Target:
    return next(t for t in targets(FULL) if t.label == label)


def test_evaluate_pairs_rounds_and_reports_the_range() -> None:
    run = _run({"astravue": [90.0, 80.0, 95.0], "floor": [100.0, 100.0, 100.0]})
    verdict = evaluate(run, _target("get c64 ≥ 0.85× floor"))
    assert verdict.status == INCONCLUSIVE
    assert verdict.found == Spread(pytest.approx(0.9), 0.8, 0.95, 3)


def test_evaluate_cancels_drift_between_rounds() -> None:
    # The machine halves its speed in round 2; both clients measured in it see the same.
    run = _run({"astravue": [90.0, 45.0, 92.0], "floor": [100.0, 50.0, 100.0]})
    assert evaluate(run, _target("get c64 ≥ 0.85× floor")).status == PASS


def test_a_client_that_could_not_run_makes_its_targets_not_applicable() -> None:
    run = _run({"astravue": [90.0], "floor": [100.0]})
    run.unavailable["pydantic"] = "pydantic is not installed"
    verdict = evaluate(run, _target("get c64 ≥ 1.1× pydantic"))
    assert verdict.status == NA
    assert "pydantic is not installed" in verdict.note


def test_a_target_on_a_workload_the_run_does_not_have_is_not_applicable() -> None:
    run = RunData(SMOKE, workloads(SMOKE))
    target = Target("x", "get-c999", "rate", "astravue", "floor", ">=", 1.0)
    assert evaluate(run, target).status == NA


def test_absolute_targets_use_each_rounds_own_value() -> None:
    run = RunData(FULL, workloads(FULL))
    for growth in (1.0, 6.0):
        run.add("stream", "astravue", Sample(count=1, extra={"rss_growth_mb": growth}))
    verdict = evaluate(run, _target("stream RSS growth < 5 MB"))
    assert verdict.status == INCONCLUSIVE
    assert (verdict.found.low, verdict.found.high) == (1.0, 6.0)  # type: ignore[union-attr]


def test_import_target_is_a_difference_of_milliseconds() -> None:
    run = RunData(FULL, workloads(FULL))
    for ours, theirs in ((300.0, 250.0), (320.0, 255.0)):
        run.add("import", "astravue", Sample(count=3, extra={"ms": ours}))
        run.add("import", "aiohttp", Sample(count=3, extra={"ms": theirs}))
    verdict = evaluate(run, _target("cold import ≤ aiohttp + 60 ms"))
    assert verdict.status == INCONCLUSIVE  # +50 and +65 ms straddle +60
    assert verdict.found == Spread(pytest.approx(57.5), 50.0, 65.0, 2)


def test_reports_show_tables_na_cells_and_every_verdict() -> None:
    run = _run(
        {"astravue": [90.0, 80.0], "floor": [100.0, 100.0], "pydantic": [70.0, 75.0]},
    )
    run.unavailable["gen-httpx"] = "httpx is not installed"
    run.labels = {"floor": "the floor", "astravue": "the SDK", "gen-httpx": "the peer"}
    verdicts = [evaluate(run, t) for t in targets(FULL)]
    text = render_text(run, verdicts)
    assert "get task, concurrency 64" in text
    assert "[INCONCLUSIVE] get c64 ≥ 0.85× floor: 0.850× (0.800–0.900), 2 rounds" in text
    assert "gen-httpx  the peer — n/a: httpx is not installed" in text
    row = next(line for line in text.splitlines() if line.strip().startswith("gen-httpx "))
    assert "n/a" in row
    markdown = render_markdown(run, verdicts)
    assert (
        "| get c64 ≥ 0.85× floor | **INCONCLUSIVE** | 0.850× (0.800–0.900), 2 rounds |" in markdown
    )
    tables: list[list[str]] = [[]]
    for line in markdown.splitlines():
        if line.startswith("|"):
            tables[-1].append(line)
        elif tables[-1]:
            tables.append([])
    for table in filter(None, tables):
        # Every row has as many cells as the header: nothing shifts a column.
        assert len({row.count("|") for row in table}) == 1, table


def test_smoke_run_measures_every_workload_and_prints_every_target(tmp_path: Path) -> None:
    out_json, out_md = tmp_path / "bench.json", tmp_path / "bench.md"
    run = subprocess.run(  # noqa: S603 - our own interpreter and script
        [
            sys.executable,
            str(SCRIPTS / "bench.py"),
            "--smoke",
            "--json",
            str(out_json),
            "--markdown",
            str(out_md),
        ],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert run.returncode == 0, run.stderr[-3000:]
    assert "Traceback" not in run.stderr
    report = json.loads(out_json.read_text())
    assert set(report["workloads"]) == {w.key for w in workloads(SMOKE)}
    for wl in workloads(SMOKE):
        # The floor and the SDK always run; a peer may be missing, with a stated reason.
        for client in ("floor", "astravue"):
            if client in wl.clients:
                measured = report["workloads"][wl.key]
                assert measured["rounds"].get(client), (wl.key, client, measured["skipped"])
    for name, reason in report["unavailable"].items():
        assert reason, name
    assert [v["target"] for v in report["verdicts"]] == [t.label for t in targets(SMOKE)]
    assert {v["status"] for v in report["verdicts"]} <= {PASS, MISS, INCONCLUSIVE, NA}
    applicable = [v for v in report["verdicts"] if v["status"] != NA]
    assert applicable, report["verdicts"]
    assert "Verdicts" in run.stdout
    assert "| Target | Verdict |" in out_md.read_text()


def _breakdown_child(*args: str, spin: bool = False) -> subprocess.CompletedProcess[str]:
    """bench_breakdown.py's child mode ``args`` against a fresh bench server (no valgrind)."""
    from bench import Server

    server = Server(1_000, spin=spin)
    try:
        return subprocess.run(  # noqa: S603 - our own interpreter and script
            [
                sys.executable,
                str(SCRIPTS / "bench_breakdown.py"),
                *args,
                "--url",
                server.base_url,
                "--server-pid",
                str(server.pid),
            ],
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )
    finally:
        server.stop()


@pytest.mark.parametrize("ablation", ["", "models", "binding", "liveness", "attempt-context"])
@pytest.mark.parametrize("kind", ["get", "create"])
def test_breakdown_variants_still_make_real_calls(ablation: str, kind: str) -> None:
    # bench_breakdown.py switches parts of the SDK off by name; a renamed internal would make
    # its numbers silently wrong. Each variant, without valgrind, must still complete calls
    # that the bench client checks (task ids, created titles).
    if ablation == "binding" and kind == "create":
        pytest.skip("a create's body differs per call: nothing to reuse")
    run = _breakdown_child(
        "--child", "astravue", "--kind", kind, "--calls", "50", "--concurrency", "4",
        "--ablate", ablation,
    )  # fmt: skip
    assert run.returncode == 0, run.stderr[-3000:]


@pytest.mark.parametrize("spin", [False, True])
def test_breakdown_timed_section_measures_both_clients(spin: bool) -> None:
    # The timed section of bench_breakdown.py: the floor and the SDK take turns in one
    # interpreter; each must have made checked calls, and the write timer must have seen the
    # requests go out (a renamed asyncio internal would leave it at zero, silently).
    from bench_breakdown import TIMED_CLIENTS

    run = _breakdown_child(
        "--timed-child", "--kind", "get", "--concurrency", "4", "--rounds", "1", spin=spin
    )
    assert run.returncode == 0, run.stderr[-3000:]
    result = json.loads(run.stdout.strip().splitlines()[-1])
    for name in TIMED_CLIENTS:
        calls, elapsed, user, system, write, faults, sleeps = result["totals"][name]
        assert calls > 0 and elapsed > 0 and user + system > 0, name
        assert write > 0, f"{name}: no time measured in the socket write"
        assert faults >= 0 and sleeps >= 0, name
        assert len(result["rates"][name]) == 1
