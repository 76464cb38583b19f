"""``make demo-workers`` keeps its promise: N processes, one shared login, one refresh grant."""

from __future__ import annotations

import importlib
from pathlib import Path

import pytest

SCRIPTS = Path(__file__).resolve().parent.parent / "scripts"


async def test_workers_sharing_a_token_file_make_one_grant(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    # On sys.path, so that the spawned workers can import it and find their entry point.
    monkeypatch.syspath_prepend(str(SCRIPTS))
    demo = importlib.import_module("demo_workers")
    assert await demo.run(3, 10, None) == 0
    out = capsys.readouterr().out
    assert "refresh grants made by the token endpoint: 1" in out
    assert "rotated-away refresh tokens presented: 0" in out
