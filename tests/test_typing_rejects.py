"""The type checker catches a user's mistakes: every ``# expect:`` line of
tests/typing_fail/must_fail.py must be reported by ``mypy --strict`` with those words, and no
other line may be (so the file cannot pass by breaking wholesale)."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

FILE = Path(__file__).resolve().parent / "typing_fail" / "must_fail.py"
EXPECT = re.compile(r"#\s*expect:\s*(.+)$")


def test_mypy_rejects_each_marked_line_and_nothing_else() -> None:
    expected = {
        number: match.group(1).strip()
        for number, line in enumerate(FILE.read_text().splitlines(), start=1)
        if (match := EXPECT.search(line))
    }
    run = subprocess.run(  # noqa: S603 - our own interpreter and file
        [sys.executable, "-m", "mypy", "--strict", "--no-error-summary", str(FILE)],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    errors: dict[int, list[str]] = {}
    for line in run.stdout.splitlines():
        found = re.match(r".*must_fail\.py:(\d+): error: (.*)", line)
        if found:
            errors.setdefault(int(found.group(1)), []).append(found.group(2))
    for number, words in expected.items():
        messages = errors.get(number, [])
        assert any(words in message for message in messages), (number, words, messages)
    unexpected = {n: m for n, m in errors.items() if n not in expected}
    assert not unexpected, unexpected
