"""The generation pipeline: spec + overrides → models.py (datamodel-code-generator with our
attrs templates) and operations.py (our Jinja template), both formatted with ruff."""

from __future__ import annotations

import json
import pprint
import re
import subprocess
import sys
import tempfile
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

import jinja2

from codegen.operations import (
    SpecError,
    check_idempotency,
    collect_operations,
    shared_parameters,
)
from codegen.resources import resources_context
from codegen.spec import ROOT, load_spec, ref_name

TEMPLATES = Path(__file__).resolve().parent / "templates"
GENERATED_DIR = ROOT / "astravue_async" / "_generated"
PYPROJECT = ROOT / "pyproject.toml"
BANNER = "# generated from openapi/astravue.openapi.yaml — do not edit (run `make generate`)"

__all__ = ["GENERATED_DIR", "ROOT", "generate"]


# Units a number may carry in `x-unit`, and so the ones the converter has a wire form for: such
# a field becomes a datetime.timedelta. A new unit must be taught to astravue_async/_convert.py
# and _fast_structure.py first; until then codegen refuses it rather than mistyping the field.
DURATION_UNITS = frozenset({"milliseconds"})
UNIT = "x-unit"
_SCHEMAS = "#/components/schemas/"


def _refs(node: Any) -> Iterator[str]:
    """Every component schema name ``node`` refers to, at any depth."""
    if isinstance(node, Mapping):
        name = ref_name(node)
        if name is not None:
            yield name
        for value in node.values():
            yield from _refs(value)
    elif isinstance(node, list):
        for item in node:
            yield from _refs(item)


def _closure(spec: Mapping[str, Any], roots: set[str]) -> set[str]:
    """``roots`` and every component schema they embed, transitively."""
    schemas = spec.get("components", {}).get("schemas", {})
    seen: set[str] = set()
    todo = list(roots)
    while todo:
        name = todo.pop()
        if name in seen or name not in schemas:
            continue
        seen.add(name)
        todo.extend(_refs(schemas[name]))
    return seen


def request_schemas(spec: Mapping[str, Any]) -> set[str]:
    """Component schemas sent by the client: request bodies, the token forms, what they embed.

    Their optional fields default to NOT_GIVEN (left out of the body) instead of None.

    :raises SpecError: a schema is both sent and received: its optional fields cannot mean
        "leave unchanged" and "absent" at once, so the spec must split it.
    """
    sent: set[str] = set()
    received: set[str] = set()
    for item in spec.get("paths", {}).values():
        for operation in item.values():
            if isinstance(operation, Mapping):
                sent.update(_refs(operation.get("requestBody", {})))
                received.update(_refs(operation.get("responses", {})))
    auth = spec.get("x-auth", {})
    for grant in auth.get("grants", {}).values():
        schema = grant.get("schema")
        if isinstance(schema, str) and schema.startswith(_SCHEMAS):
            sent.add(schema.removeprefix(_SCHEMAS))
    for key in ("responseSchema", "errorSchema"):
        schema = auth.get(key)
        if isinstance(schema, str) and schema.startswith(_SCHEMAS):
            received.add(schema.removeprefix(_SCHEMAS))
    schemas = spec.get("components", {}).get("schemas", {})
    # Only objects have fields to default; an enum serves both directions alike.
    sent = {name for name in _closure(spec, sent) if "properties" in schemas[name]}
    received = _closure(spec, received)
    both = sorted(sent & received)
    if both:
        raise SpecError(
            f"schemas used both as a request body and in a response: {', '.join(both)}; give "
            "each direction its own schema"
        )
    return sent


def check_units(spec: Mapping[str, Any]) -> None:
    """Every ``x-unit`` is a known duration unit on an integer property.

    :raises SpecError: naming the property, for an unknown unit or a non-integer property.
    """
    problems = []
    for name, schema in spec.get("components", {}).get("schemas", {}).items():
        for prop, node in (schema.get("properties") or {}).items():
            if UNIT not in node:
                continue
            where = f"{name}.{prop}"
            if node[UNIT] not in DURATION_UNITS:
                problems.append(
                    f"{where}: {UNIT} {node[UNIT]!r} is not one of {sorted(DURATION_UNITS)}"
                )
            elif node.get("type") != "integer":
                problems.append(f"{where}: {UNIT} needs an integer property")
    if problems:
        raise SpecError("; ".join(problems))


def model_template_data(spec: Mapping[str, Any]) -> dict[str, dict[str, Any]]:
    """What ``templates/dataclass.jinja2`` gets per class besides the field list."""
    check_units(spec)
    sent = request_schemas(spec)
    schemas = spec.get("components", {}).get("schemas", {})
    return {name: {"request": name in sent} for name in schemas}


def _check_classes(source: str, data: Mapping[str, Mapping[str, Any]]) -> None:
    # The template data is keyed by class name: a schema the generator renamed would silently
    # lose its request semantics.
    classes = set(re.findall(r"^class (\w+)\b", source, re.MULTILINE))
    lost = sorted(name for name, extra in data.items() if extra["request"] and name not in classes)
    if lost:
        raise SpecError(f"request schemas without a generated class of that name: {lost}")


def _models_source(spec_json: Path, out: Path) -> None:
    spec = json.loads(spec_json.read_text(encoding="utf-8"))
    data = model_template_data(spec)
    data_json = spec_json.with_name("template-data.json")
    data_json.write_text(json.dumps(data), encoding="utf-8")
    imports = [
        "attrs",
        "datetime.timedelta",
        "astravue_async._open_enum.OpenStrEnum",
        "astravue_async._types.NOT_GIVEN",
        "astravue_async._types.NotGiven",
    ]
    command = [
        sys.executable, "-m", "datamodel_code_generator",
        "--input", str(spec_json),
        "--input-file-type", "openapi",
        "--output", str(out),
        "--output-model-type", "dataclasses.dataclass",
        "--custom-template-dir", str(TEMPLATES),
        "--extra-template-data", str(data_json),
        "--custom-file-header", BANNER,
        "--additional-imports", ",".join(imports),
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
        # Nullability only from `nullable: true` (the template reads field.nullable), never
        # from a field merely being optional.
        "--strict-nullable",
        "--field-extra-keys", UNIT,
        "--no-formatters",
    ]  # fmt: skip
    subprocess.run(command, check=True, cwd=ROOT)  # noqa: S603 - fixed argv, our own interpreter
    _check_classes(out.read_text(encoding="utf-8"), data)


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


def _resources_sources(spec: dict[str, object], output_dir: Path) -> tuple[str, str]:
    """The async facade bases and their blocking twins, from one template context so the
    sync client's signatures cannot drift from the async ones."""
    env = jinja2.Environment(  # noqa: S701 - renders Python source, not HTML
        loader=jinja2.FileSystemLoader(TEMPLATES),
        keep_trailing_newline=True,
        undefined=jinja2.StrictUndefined,
    )
    context = resources_context(spec, output_dir)
    return (
        env.get_template("resources.py.jinja2").render(banner=BANNER, **context),
        env.get_template("sync_resources.py.jinja2").render(banner=BANNER, **context),
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
    """Write ``__init__.py``, ``models.py``, ``operations.py``, ``resources.py`` and
    ``sync_resources.py`` into ``output_dir``; the facade bases (async and sync) are built
    last, from the models just written."""
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
    resources = output_dir / "resources.py"
    sync_resources = output_dir / "sync_resources.py"
    async_source, sync_source = _resources_sources(spec, output_dir)
    resources.write_text(async_source, encoding="utf-8")
    sync_resources.write_text(sync_source, encoding="utf-8")
    _format([resources, sync_resources])
    return [init, models, operations, resources, sync_resources]
