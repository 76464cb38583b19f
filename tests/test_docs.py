"""Every Python example of the documentation (``docs/**/*.md`` and README.md) works.

- Each ``python`` block runs as a script in a fresh process against a fresh FakeAstravue
  holding the demo data of ``astravue fake --seed`` (what a reader trying the examples has,
  so an example cannot assume an empty organisation): the ``ASTRAVUE_*`` variables point
  ``AstravueClient.from_env()`` at it, as the printout of ``astravue fake`` does, and
  ``HOME``/``XDG_CONFIG_HOME`` are a temporary directory. A block that defines ``test_*``
  functions runs under pytest instead, in a fresh project configured as testing.md says.
  It must exit 0; examples assert what they promise.
- A block that needs what no test has (a real account, a browser, a Redis server) is marked
  with ``<!-- docs: typecheck-only -->`` on the line before its fence, and is only
  type-checked.
- Every block, run or not, is type-checked with ``mypy --strict``, so an example that drifts
  from the API's types fails too.

The generated parts of the site (scripts/docs_hooks.py) are checked here as well: the CLI
reference covers every command and option of the parser, the API reference lists every
public name, and the idempotency table every operation. ``make docs`` builds the site with
``mkdocs build --strict``. When that site is there, its HTML is checked too: no reST markup
that the Google-style docstring parser left raw, and every class signature shown is the one
Python reports.
"""

from __future__ import annotations

import asyncio
import html
import importlib.util
import inspect
import os
import re
import signal
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType

import pytest

from astravue_async._fake.serve import _seed_demo
from astravue_async.testing import FakeAstravue, SyncFakeAstravue

ROOT = Path(__file__).resolve().parent.parent
TYPECHECK_ONLY = "<!-- docs: typecheck-only -->"
# Generous: a cold interpreter, the SDK's imports and a few requests take about a second.
BLOCK_TIMEOUT = 120
_FENCE = re.compile(r"^(?P<indent>[ \t]*)```(?P<lang>[\w+-]*)[^\n]*$")


@dataclass(frozen=True)
class Block:
    """One fenced ``python`` block of a Markdown file."""

    path: Path
    line: int
    code: str
    typecheck_only: bool

    @property
    def name(self) -> str:
        return f"{self.path.relative_to(ROOT)}:{self.line}"

    @property
    def is_pytest(self) -> bool:
        return re.search(r"^(async )?def test_", self.code, re.M) is not None


def markdown_files() -> list[Path]:
    return [ROOT / "README.md", *sorted((ROOT / "docs").rglob("*.md"))]


def blocks_of(path: Path) -> Iterator[Block]:
    lines = path.read_text(encoding="utf-8").splitlines()
    i = 0
    while i < len(lines):
        fence = _FENCE.match(lines[i])
        if fence is None:
            i += 1
            continue
        indent, lang = fence.group("indent"), fence.group("lang")
        start = i
        i += 1
        body: list[str] = []
        while i < len(lines) and lines[i].strip() != "```":
            body.append(lines[i][len(indent) :] if lines[i].startswith(indent) else lines[i])
            i += 1
        i += 1
        if lang not in ("python", "py"):
            continue
        previous = next((line.strip() for line in reversed(lines[:start]) if line.strip()), "")
        yield Block(path, start + 1, "\n".join(body) + "\n", previous == TYPECHECK_ONLY)


def all_blocks() -> list[Block]:
    return [block for path in markdown_files() for block in blocks_of(path)]


BLOCKS = all_blocks()
RUNNABLE = [block for block in BLOCKS if not block.typecheck_only]


def test_the_docs_have_examples_and_most_of_them_run() -> None:
    assert len(BLOCKS) >= 30, [b.name for b in BLOCKS]
    assert len(RUNNABLE) >= 0.6 * len(BLOCKS), "most examples must run, not only type-check"


def _environment(tmp_path: Path) -> dict[str, str]:
    env = {
        name: value
        for name, value in os.environ.items()
        if not name.startswith(("PYTEST_", "ASTRAVUE_"))
    }
    env["HOME"] = str(tmp_path / "home")
    env["XDG_CONFIG_HOME"] = str(tmp_path / "config")
    return env


def _run(argv: list[str], cwd: Path, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    # Own session, so a timeout kills whatever the example started as well.
    proc = subprocess.Popen(  # noqa: S603 - our interpreter and our own docs
        argv,
        cwd=cwd,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
    )
    try:
        out, err = proc.communicate(timeout=BLOCK_TIMEOUT)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        out, err = proc.communicate()
        pytest.fail(f"did not finish in {BLOCK_TIMEOUT} s\n{out}\n{err}")
    return subprocess.CompletedProcess(argv, proc.returncode, out, err)


ORG_ID = 42


def _seed(fake: SyncFakeAstravue) -> None:
    """The data ``astravue fake --seed`` creates, made the same way, on the fake's loop."""
    seeding = _seed_demo(fake._fake, ORG_ID, fake.default_user_id)
    assert fake._loop is not None
    asyncio.run_coroutine_threadsafe(seeding, fake._loop).result(timeout=30)


@pytest.mark.parametrize("block", RUNNABLE, ids=lambda block: block.name)
def test_example_runs_against_the_fake(block: Block, tmp_path: Path) -> None:
    (tmp_path / "home").mkdir()
    script = tmp_path / ("test_example.py" if block.is_pytest else "example.py")
    script.write_text(block.code, encoding="utf-8")
    with FakeAstravue.running() as fake:
        _seed(fake)
        token = fake.issue_token()
        env = _environment(tmp_path)
        env.update(
            ASTRAVUE_BASE_URL=fake.base_url,
            ASTRAVUE_TOKEN_URL=fake.token_url,
            ASTRAVUE_ORG_ID=str(ORG_ID),
            ASTRAVUE_ACCESS_TOKEN=token.access_token,
            ASTRAVUE_REFRESH_TOKEN=token.refresh_token or "",
            ASTRAVUE_CLIENT_ID=fake.client_id,
            ASTRAVUE_CLIENT_SECRET=fake.client_secret,
        )
        if block.is_pytest:
            # A fresh project as testing.md sets one up: pytest-asyncio's default (strict)
            # mode and the loop scope it asks for; its warnings would show a step missing.
            (tmp_path / "pytest.ini").write_text(
                "[pytest]\nasyncio_default_fixture_loop_scope = function\n", encoding="utf-8"
            )
            argv = [
                *(sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider"),
                *("-W", "error::pytest.PytestDeprecationWarning", script.name),
            ]
        else:
            argv = [sys.executable, script.name]
        result = _run(argv, tmp_path, env)
    assert result.returncode == 0, (
        f"{block.name} failed (exit {result.returncode}):\n{result.stdout}\n{result.stderr}"
    )


def test_every_example_type_checks(tmp_path: Path) -> None:
    """``mypy --strict`` over every block, each as a module of its own."""
    names: dict[str, Block] = {}
    for number, block in enumerate(BLOCKS):
        module = f"docs_example_{number:03d}"
        names[module] = block
        (tmp_path / f"{module}.py").write_text(block.code, encoding="utf-8")
    result = subprocess.run(  # noqa: S603 - our interpreter
        [
            sys.executable,
            "-m",
            "mypy",
            "--strict",
            "--no-error-summary",
            "--cache-dir",
            str(ROOT / ".mypy_cache" / "docs-examples"),
            *sorted(f"{module}.py" for module in names),
        ],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )

    def where(match: re.Match[str]) -> str:
        block = names[match.group(1)]
        return f"{block.name} (+{int(match.group(2)) - 1})"

    report = re.sub(r"(docs_example_\d+)\.py:(\d+)", where, result.stdout)
    assert result.returncode == 0, report + result.stderr


# --------------------------------------------------------------------------- generated pages


def _hooks() -> ModuleType:
    spec = importlib.util.spec_from_file_location("docs_hooks", ROOT / "scripts" / "docs_hooks.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("docs_hooks", module)  # its dataclasses look their module up there
    spec.loader.exec_module(sys.modules["docs_hooks"])
    return sys.modules["docs_hooks"]


def test_the_cli_reference_covers_every_command_and_option() -> None:
    import argparse

    from astravue_async.cli import build_parser

    hooks = _hooks()
    page = hooks.cli_reference()
    commands = [command for command, _, _ in hooks.cli_parsers()]
    # Every command and verb of the real parser has a section ...
    expected = {"astravue"}

    def walk(prefix: str, parser: argparse.ArgumentParser) -> None:
        for action in parser._actions:
            if isinstance(action, argparse._SubParsersAction):
                for name, sub in action.choices.items():
                    expected.add(f"{prefix} {name}")
                    walk(f"{prefix} {name}", sub)

    walk("astravue", build_parser())
    assert expected <= set(commands), expected - set(commands)
    for command in commands:
        assert f"`{command}`" in page
    # ... and every option of each appears in its section, as --help prints it.
    for command, _, parser in hooks.cli_parsers():
        section = page.split(f"`{command}`\n", 1)[1]
        for action in parser._actions:
            for option in action.option_strings:
                assert option in section, f"{command} {option}"
    assert "astravue fake" in commands and "--detect-refresh-token-reuse" in page


def test_the_api_reference_lists_every_public_name() -> None:
    import importlib

    from astravue_async import models

    hooks = _hooks()
    pages, _ = hooks.generated_pages()
    text = "\n".join(pages.values())

    def resolve(path: str) -> object:
        module, _, name = path.rpartition(".")
        return getattr(importlib.import_module(module), name)

    documented = {id(resolve(path)) for path in re.findall(r"^::: ([\w.]+\.\w+)$", text, re.M)}
    for module_name in hooks.public_modules():
        module = importlib.import_module(module_name)
        for name in getattr(module, "__all__", ()):
            value = getattr(module, name)
            if type(value).__name__ == "module" or isinstance(value, (str, int, float)):
                continue
            assert id(value) in documented, f"{module_name}.{name} is not in the reference"
    for name in models.__all__:
        assert f"reference/models/{name}.md" in pages
    client_page = pages["reference/client.md"]
    for attribute in ("spaces", "projects", "tasks", "project_tasks", "timers", "comments"):
        assert f"`client.{attribute}`" in client_page


def test_the_idempotency_table_has_every_operation() -> None:
    from astravue_async._generated.operations import OPERATIONS

    table = _hooks().idempotency_table()
    for op in OPERATIONS.values():
        row = next(line for line in table.splitlines() if f"`{op.method} {op.path}`" in line)
        assert ("| yes |" in row) is op.idempotent, row
        assert "| — |" not in row, f"{op.operation_id} has no facade method"
    assert "docs:idempotency-table" in (ROOT / "docs/guides/errors-and-retries.md").read_text()


# --------------------------------------------------------------------------- the built site


def _docs_check() -> ModuleType:
    spec = importlib.util.spec_from_file_location("docs_check", ROOT / "scripts" / "docs_check.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("docs_check", module)
    spec.loader.exec_module(sys.modules["docs_check"])
    return sys.modules["docs_check"]


def test_the_built_site_renders_navigation_and_search_in_a_browser() -> None:
    """`make docs-check` as a test: needs Chromium (apt-get install -y chromium) and the site
    that `make docs` builds before `make test` runs the suite."""
    check = _docs_check()
    if check.chromium() is None:
        pytest.skip("chromium is not installed (apt-get install -y chromium)")
    if not (check.SITE / "index.html").is_file():
        pytest.skip("no built site: run `make docs`")
    assert check.check() == []
    # The check would notice a page without them.
    assert check.missing("<html><body><p>nothing here</p></body></html>") == list(check.EXPECTED)


# The reST the Google-style parser does not understand, left as text on the page.
_RAW_REST = re.compile(r":param\b|:returns?:|:raises\b|:rtype:|(?<![:\w])\w*::(?=\s|$)")
SITE = ROOT / "site"


def _site_pages(under: str = "") -> list[Path]:
    if not (SITE / "index.html").is_file():
        pytest.skip("no built site: run `make docs`")
    return sorted((SITE / under).rglob("index.html"))


def _text(fragment: str) -> str:
    return html.unescape(re.sub(r"<[^>]+>", "\n", fragment))


def raw_rest_markers(page_html: str) -> list[str]:
    """The reST markers in the prose of a built page (code is left out: ``::1`` is fine)."""
    prose = re.sub(r"<(pre|code|script)\b.*?</\1>", " ", page_html, flags=re.S)
    return [match.group(0) for match in _RAW_REST.finditer(_text(prose))]


def test_the_built_site_has_no_raw_rest_markup() -> None:
    """When this check was added, reference/client (client.py), reference/sync (sync.py) and
    reference/observability (_observability/_events.py, ``Example::``) still failed it: their
    docstrings are being converted to Google style."""
    found = {
        str(page.relative_to(SITE)): sorted(set(markers))
        for page in _site_pages()
        if (markers := raw_rest_markers(page.read_text(encoding="utf-8")))
    }
    assert found == {}, f"docstrings with reST markup, not Google style: {found}"
    # The check itself sees what the tester saw.
    assert raw_rest_markers("<p>:param policy: x</p><p>Quick start::</p>") == [
        ":param",
        "start::",
    ]
    assert raw_rest_markers("<p><code>[::1]:8080</code></p>") == []


def signature_parameters(signature: str) -> list[str]:
    """Parameter names of a rendered signature, ``Page(items: list[T], ...) -> X``."""
    if "(" not in signature:
        return []
    inner = signature[signature.index("(") + 1 : signature.rindex(")")]
    parts, depth, current = [], 0, ""
    for char in inner:
        depth += char in "([{"
        depth -= char in ")]}"
        if char == "," and depth == 0:
            parts.append(current)
            current = ""
        else:
            current += char
    parts.append(current)
    return [m.group(1) for part in parts if (m := re.match(r"\s*\*{0,2}(\w+)", part))]


def _documented_classes() -> list[tuple[str, str, type, str | None]]:
    """(page, path, class, its rendered signature or None) for every class on the reference."""
    import importlib

    found = []
    heading = re.compile(r'<h\d id="(astravue_async\.[\w.]+)" class="doc doc-heading">')
    for page in _site_pages("reference"):
        text = page.read_text(encoding="utf-8")
        matches = list(heading.finditer(text))
        for number, match in enumerate(matches):
            module_name, _, name = match.group(1).rpartition(".")
            try:
                value = getattr(importlib.import_module(module_name), name)
            except (ImportError, AttributeError):
                continue  # a method or attribute heading
            if not isinstance(value, type):
                continue
            end = matches[number + 1].start() if number + 1 < len(matches) else len(text)
            shown = re.search(
                r'class="doc-signature highlight">(.*?)</pre>', text[match.end() : end], re.S
            )
            rendered = _text(shown.group(1)) if shown else None
            found.append((str(page.relative_to(SITE)), match.group(1), value, rendered))
    return found


def _constructed_by_users(cls: type) -> bool:
    """Protocols, enums, TypedDicts (keyword bundles for type checkers) and the
    ``client.<resource>`` namespaces are never instantiated by a reader."""
    import enum
    import typing

    from astravue_async.resources._base import Resource

    return not (
        getattr(cls, "_is_protocol", False)
        or typing.is_typeddict(cls)
        or issubclass(cls, (enum.Enum, Resource))
        or (
            cls.__module__ == "astravue_async.sync"
            and cls.__name__.startswith("Sync")
            and cls.__name__ != "SyncPaginator"
        )
    )


def test_rendered_class_signatures_are_the_real_ones() -> None:
    """attrs classes, NamedTuples and plain classes alike: the reader sees what to pass."""
    classes = _documented_classes()
    assert len(classes) > 50
    wrong = []
    for page, path, cls, rendered in classes:
        if not _constructed_by_users(cls):
            continue
        try:
            expected = list(inspect.signature(cls).parameters)
        except ValueError:
            continue  # Python cannot say either (an exception class with no __init__ of its own)
        shown = signature_parameters(rendered) if rendered is not None else []
        if shown != expected:
            wrong.append(f"{page} {path}: shows {shown}, Python says {expected}")
    assert wrong == [], "\n".join(wrong)
    assert signature_parameters("Page(\n items: list[T],\n *,\n size: int | None = None,\n)") == [
        "items",
        "size",
    ]
