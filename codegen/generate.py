"""The generation pipeline: spec + overrides → models.py (datamodel-code-generator with our
attrs templates) and operations.py (our Jinja template), both formatted with ruff."""

from __future__ import annotations

import json
import pprint
import subprocess
import sys
import tempfile
from pathlib import Path

import jinja2

from codegen.operations import check_idempotency, collect_operations, shared_parameters
from codegen.spec import ROOT, load_spec

TEMPLATES = Path(__file__).resolve().parent / "templates"
GENERATED_DIR = ROOT / "astravue_async" / "_generated"
PYPROJECT = ROOT / "pyproject.toml"
BANNER = "# generated from openapi/astravue.openapi.yaml — do not edit (run `make generate`)"

__all__ = ["GENERATED_DIR", "ROOT", "generate"]


def _models_source(spec_json: Path, out: Path) -> None:
    command = [
        sys.executable, "-m", "datamodel_code_generator",
        "--input", str(spec_json),
        "--input-file-type", "openapi",
        "--output", str(out),
        "--output-model-type", "dataclasses.dataclass",
        "--custom-template-dir", str(TEMPLATES),
        "--custom-file-header", BANNER,
        "--additional-imports", "attrs,astravue_async._open_enum.OpenStrEnum",
        "--target-python-version", "3.11",
        "--output-datetime-class", "datetime",
        "--snake-case-field",
        "--capitalise-enum-members",
        "--use-standard-collections",
        "--use-union-operator",
        "--use-schema-description",
        "--use-field-description",
        "--use-double-quotes",
        "--disable-timestamp",
        "--keyword-only",
        "--field-constraints",
        "--no-formatters",
    ]  # fmt: skip
    subprocess.run(command, check=True, cwd=ROOT)  # noqa: S603 - fixed argv, our own interpreter


def _operations_source(spec: dict[str, object]) -> str:
    env = jinja2.Environment(  # noqa: S701 - renders Python source, not HTML
        loader=jinja2.FileSystemLoader(TEMPLATES),
        keep_trailing_newline=True,
        undefined=jinja2.StrictUndefined,
    )
    env.filters["pyrepr"] = pprint.saferepr
    template = env.get_template("operations.py.jinja2")
    operations = collect_operations(spec)
    return template.render(
        banner=BANNER, operations=operations, shared_parameters=shared_parameters(operations)
    )


def _format(paths: list[Path]) -> None:
    ruff = [sys.executable, "-m", "ruff"]
    files = [str(p) for p in paths]
    config = ["--config", str(PYPROJECT)]
    # The project's own lint fixes (unused imports, import order, sorted __all__ ...), so the
    # generated files pass `ruff check` exactly as written; what cannot be fixed is left to lint.
    subprocess.run(  # noqa: S603
        [*ruff, "check", *config, "--fix", "--exit-zero", "--quiet", *files],
        check=True,
        stdout=subprocess.DEVNULL,
    )
    subprocess.run([*ruff, "format", *config, "--quiet", *files], check=True)  # noqa: S603


def generate(output_dir: Path) -> list[Path]:
    """Write ``__init__.py``, ``models.py`` and ``operations.py`` into ``output_dir``."""
    spec = load_spec()
    # Before anything is written: an undecided operation must not leave half-generated files.
    check_idempotency(spec)
    output_dir.mkdir(parents=True, exist_ok=True)
    models = output_dir / "models.py"
    operations = output_dir / "operations.py"
    init = output_dir / "__init__.py"
    with tempfile.TemporaryDirectory() as tmp:
        spec_json = Path(tmp) / "astravue.openapi.json"
        spec_json.write_text(json.dumps(spec), encoding="utf-8")
        _models_source(spec_json, models)
    operations.write_text(_operations_source(spec), encoding="utf-8")
    init.write_text(f'{BANNER}\n"""Code generated from the OpenAPI spec."""\n', encoding="utf-8")
    _format([models, operations, init])
    return [init, models, operations]
