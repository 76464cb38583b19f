"""``make demo`` is the README's first command: it must keep running, start to finish."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

DEMO = Path(__file__).resolve().parent.parent / "scripts" / "demo.py"


def test_the_demo_runs_against_the_fake_and_exits_0() -> None:
    run = subprocess.run(  # noqa: S603 - our own interpreter and script
        [sys.executable, str(DEMO)], capture_output=True, text=True, timeout=120, check=False
    )
    assert run.returncode == 0, run.stderr[-2000:]
    assert "== Done" in run.stdout
    assert "Traceback" not in run.stderr
