"""The README's "Testing your code" section, run as a new user would run it.

Every example is copied out of README.md at test time, so a README that drifts from what
works fails here: the pytest examples run in a fresh project (pytest-asyncio's default
strict mode, none of this repository's configuration), the script example runs and must print
what its comments say, and the shell transcript drives the real ``astravue`` command and
curl against ``python -m astravue_async.testing``.
"""

from __future__ import annotations

import os
import re
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import pytest

README = Path(__file__).resolve().parent.parent / "README.md"
# Generous: a cold pytest start plus a few requests takes a couple of seconds.
SUBPROCESS_TIMEOUT = 120


def section(title: str) -> str:
    """The README text from the ``## title`` heading up to the next ``## `` heading."""
    text = README.read_text(encoding="utf-8")
    start = text.index(f"\n## {title}\n")
    end = text.find("\n## ", start + 1)
    return text[start : end if end != -1 else len(text)]


def code_blocks(language: str) -> list[str]:
    return re.findall(rf"^```{language}\n(.*?)^```", section("Testing your code"), re.S | re.M)


def clean_env(tmp_path: Path) -> dict[str, str]:
    """The environment minus anything that would configure pytest or the SDK from outside."""
    env = {
        name: value
        for name, value in os.environ.items()
        if not name.startswith(("PYTEST_", "ASTRAVUE_"))
    }
    env["XDG_CONFIG_HOME"] = str(tmp_path / "config")
    env["HOME"] = str(tmp_path / "home")
    return env


def run(argv: list[str], cwd: Path, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    # Own session: on timeout the whole group (a backgrounded fake server too) is killed.
    proc = subprocess.Popen(  # noqa: S603 - our interpreter, bash and README text
        argv,
        cwd=cwd,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
    )
    try:
        out, err = proc.communicate(timeout=SUBPROCESS_TIMEOUT)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        out, err = proc.communicate()
        pytest.fail(f"{argv} did not finish in {SUBPROCESS_TIMEOUT} s\n{out}\n{err}")
    return subprocess.CompletedProcess(argv, proc.returncode, out, err)


def test_readme_pytest_examples_pass_in_a_fresh_project(tmp_path: Path) -> None:
    tests = [block for block in code_blocks("python") if "def test_" in block]
    assert len(tests) >= 2, "the README lost its async or its sync pytest example"
    for number, block in enumerate(tests):
        (tmp_path / f"test_readme_{number}.py").write_text(block, encoding="utf-8")
    # An empty pytest.ini: the project's rootdir and config, and none of ours.
    (tmp_path / "pytest.ini").write_text("", encoding="utf-8")
    result = run(
        [sys.executable, "-m", "pytest", "-p", "no:cacheprovider", "-p", "no:randomly"],
        tmp_path,
        clean_env(tmp_path),
    )
    report = result.stdout + result.stderr
    assert result.returncode == 0, report
    # The point of the test: pytest-asyncio's default mode, not this repository's auto mode.
    assert "mode=Mode.STRICT" in result.stdout, report
    assert f"{len(tests)} passed" in result.stdout, report


def test_readme_script_example_prints_what_it_says(tmp_path: Path) -> None:
    scripts = [block for block in code_blocks("python") if "def test_" not in block]
    assert scripts, "the README lost its FakeAstravue.running() script example"
    for block in scripts:
        expected = [
            comment.strip()
            for line in block.splitlines()
            if line.lstrip().startswith("print(")
            for comment in [line.partition("  # ")[2]]
        ]
        script = tmp_path / "example.py"
        script.write_text(block, encoding="utf-8")
        result = run([sys.executable, str(script)], tmp_path, clean_env(tmp_path))
        assert result.returncode == 0, result.stdout + result.stderr
        assert result.stderr == ""
        assert result.stdout.splitlines() == expected


@pytest.mark.skipif(shutil.which("curl") is None, reason="the transcript uses curl")
def test_readme_shell_transcript_drives_the_cli_against_the_fake_server(tmp_path: Path) -> None:
    (block,) = [b for b in code_blocks("sh") if "astravue_async.testing" in b]
    env = clean_env(tmp_path)
    # `python` and `astravue` as a user who installed the package would have them.
    env["PATH"] = os.pathsep.join([str(Path(sys.executable).parent), env.get("PATH", "")])
    result = run(["bash", "-c", "set -euo pipefail\n" + block], tmp_path, env)
    assert result.returncode == 0, result.stdout + result.stderr
    # The seed data, once through the CLI's table and once through curl's raw JSON.
    assert "Write the quarterly report" in result.stdout
    assert '"spaceName": "Marketing"' in result.stdout
    assert "Traceback" not in result.stderr
    exports = (tmp_path / "fake.env").read_text(encoding="utf-8")
    assert "export ASTRAVUE_BASE_URL=http://127.0.0.1:" in exports
