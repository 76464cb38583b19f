"""``python -m codegen [--output-dir DIR] [--check]``."""

from __future__ import annotations

import argparse
import difflib
import sys
import tempfile
from pathlib import Path

from codegen.generate import GENERATED_DIR, ROOT, generate
from codegen.operations import SpecError
from codegen.spec import OverrideError


def _diff(expected_dir: Path, actual_dir: Path) -> list[str]:
    names = sorted(
        {p.name for p in expected_dir.glob("*.py")} | {p.name for p in actual_dir.glob("*.py")}
    )
    lines: list[str] = []
    for name in names:
        expected = expected_dir / name
        actual = actual_dir / name
        old = (
            expected.read_text(encoding="utf-8").splitlines(keepends=True)
            if expected.exists()
            else []
        )
        new = (
            actual.read_text(encoding="utf-8").splitlines(keepends=True) if actual.exists() else []
        )
        lines.extend(difflib.unified_diff(old, new, f"committed/{name}", f"regenerated/{name}"))
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m codegen", description=__doc__)
    parser.add_argument("--output-dir", type=Path, default=GENERATED_DIR)
    parser.add_argument(
        "--check",
        action="store_true",
        help="regenerate into a temporary directory and fail if the committed files differ",
    )
    args = parser.parse_args(argv)
    try:
        return _run(args)
    except (SpecError, OverrideError) as exc:
        print(f"codegen: error: {exc}", file=sys.stderr)
        return 2


def _run(args: argparse.Namespace) -> int:
    if not args.check:
        for path in generate(args.output_dir):
            print(f"wrote {path.relative_to(ROOT) if path.is_relative_to(ROOT) else path}")
        return 0
    with tempfile.TemporaryDirectory() as tmp:
        generate(Path(tmp))
        diff = _diff(args.output_dir, Path(tmp))
    if diff:
        sys.stdout.writelines(diff)
        print(
            "\ngenerated code is out of date or was edited by hand: run `make generate`",
            file=sys.stderr,
        )
        return 1
    print("generated code is up to date")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
