"""The facade's generated half: ``_generated/resources.py``, one base class per resource.

Where a facade method only restates the spec (its keywords are a request model's fields or an
operation's path and query parameters), its signature and argument docs are written here from
the freshly generated models and the operation data, so ``make generate`` after a spec change
updates the async facade, the sync twins' types (taken from the async methods) and the docs.
``FACADE`` says which operation each generated method runs; what adds meaning beyond the spec
(choosing between twin endpoints, ``timedelta`` to hours and minutes) stays hand-written in
``astravue_async/resources/``, in subclasses of these bases.

The same template data also renders ``_generated/sync_resources.py``: the blocking twins of
these bases (``SyncTasksBase`` ...), with the same signatures, overloads and docs, which
``astravue_async/sync.py`` subclasses. One source for both keeps mypy's view of
``AstravueSyncClient`` exactly the async facade's, minus the ``await``.

The models are imported in a subprocess (``python -m codegen.resources DIR``) from the output
directory, so the facade is built from what was just generated, not from the committed files.
"""

from __future__ import annotations

import ast
import json
import re
import subprocess
import sys
import textwrap
from collections.abc import Mapping
from pathlib import Path
from typing import Any, Final

from codegen.operations import SpecError, collect_operations
from codegen.spec import ROOT, resolve

__all__ = ["FACADE", "resources_context"]

# Which operation each generated method runs, per resource class. A method missing here is
# either hand-written in astravue_async/resources/ or not offered; the facade test checks
# that every operation is reachable one way or the other.
FACADE: dict[str, dict[str, str]] = {
    "Spaces": {
        "list": "list_spaces",
        "get": "get_space",
        "create": "create_space",
        "update": "update_space",
        "delete": "delete_space",
    },
    "Projects": {
        "list": "list_projects",
        "get": "get_project",
        "create": "create_project",
        "update": "update_project",
        "delete": "delete_project",
    },
    "Tasks": {
        "list": "list_tasks",
        "get": "get_task",
        "create": "create_task",
        "update": "update_task",
        "delete": "delete_task",
    },
    "ProjectTasks": {
        "list": "list_project_tasks",
        "get": "get_project_task",
        "create": "create_project_task",
        "update": "update_project_task",
        "delete": "delete_project_task",
    },
    "Timers": {
        "list_for_task": "list_task_timers",
        "active": "list_active_timers",
        "stop": "stop_timer",
        "update": "update_timer",
        "delete": "delete_timer",
    },
    "Notifications": {"list": "list_notifications"},
    "Comments": {"list": "list_task_comments"},
}

# Names a generated signature reserves for itself; a spec field with one of these names would
# silently shadow it, so the generator refuses instead.
RESERVED = frozenset({"self", "body", "page_size", "limit", "request", "result"})
# Names an annotation may use besides the models: what the template imports.
KNOWN_NAMES = frozenset(
    {"str", "int", "float", "bool", "bytes", "dict", "datetime", "timedelta", "Any", "NotGiven"}
)
HEADER = "header"
DOC_WIDTH = 96
INDENT = " " * 8

# What only the blocking twin raises (see astravue_async/sync.py), added to its "Raises:".
SYNC_REFUSAL = textwrap.wrap(
    "RuntimeError: The client has been closed, or this was called from a thread running an "
    "asyncio event loop (use ``AstravueClient`` there); nothing is sent.",
    width=DOC_WIDTH,
    initial_indent=INDENT + "    ",
    subsequent_indent=INDENT + "        ",
    break_on_hyphens=False,
)


# --------------------------------------------------------------------------- introspection


def _introspect(output_dir: Path, statuses: list[int]) -> dict[str, Any]:
    """Runs in the subprocess: what the generated models and the error classes declare."""
    import enum
    import importlib
    import types

    import attrs

    # Stub parents: the real package __init__ would import the committed facade (which may be
    # what is being regenerated), and ``_generated`` must be the fresh output directory.
    package = types.ModuleType("astravue_async")
    package.__path__ = [str(ROOT / "astravue_async")]
    generated = types.ModuleType("astravue_async._generated")
    generated.__path__ = [str(output_dir)]
    sys.modules["astravue_async"] = package
    sys.modules["astravue_async._generated"] = generated
    models = importlib.import_module("astravue_async._generated.models")
    errors = importlib.import_module("astravue_async._errors")

    found: dict[str, Any] = {"models": {}, "enums": {}, "errors": {}}
    for name, cls in vars(models).items():
        if not isinstance(cls, type) or cls.__module__ != models.__name__:
            continue
        if attrs.has(cls):
            found["models"][name] = [_field_info(f) for f in attrs.fields(cls)]
        elif issubclass(cls, enum.Enum):
            found["enums"][name] = [member.value for member in cls]
    for status in statuses:
        found["errors"][str(status)] = errors.status_error_class(status).__name__
    return found


def _field_info(field: Any) -> dict[str, Any]:
    import attrs

    if not isinstance(field.type, str):
        raise SpecError(f"{field.name}: expected a string annotation, got {field.type!r}")
    if field.default is attrs.NOTHING:
        default = "required"
    elif field.default is None:
        default = "None"
    elif repr(field.default) == "NOT_GIVEN":
        default = "NOT_GIVEN"
    else:
        raise SpecError(f"{field.name}: unsupported default {field.default!r}")
    metadata = {k: v for k, v in field.metadata.items() if isinstance(k, str)}
    return {"name": field.name, "type": field.type, "default": default, "metadata": metadata}


def introspect(output_dir: Path, statuses: list[int]) -> dict[str, Any]:
    command = [
        sys.executable, "-m", "codegen.resources", str(output_dir), *map(str, statuses),
    ]  # fmt: skip
    done = subprocess.run(  # noqa: S603 - fixed argv, our own interpreter
        command, check=True, cwd=ROOT, capture_output=True, text=True
    )
    found: dict[str, Any] = json.loads(done.stdout)
    return found


# --------------------------------------------------------------------------- annotations


class _Qualify(ast.NodeTransformer):
    """Model names → ``models.X``; open enums also take ``str``; ``list`` → ``builtins.list``
    (resource classes have a method named ``list`` that would shadow the builtin)."""

    def __init__(self, found: Mapping[str, Any], text: str) -> None:
        self.models = set(found["models"])
        self.enums = set(found["enums"])
        self.text = text

    def visit_Name(self, node: ast.Name) -> ast.AST:
        name = node.id
        qualified = ast.Attribute(value=ast.Name("models"), attr=name)
        if name in self.enums:
            # OpenStrEnum: unknown values are passed through, so a plain string is accepted.
            return ast.BinOp(left=qualified, op=ast.BitOr(), right=ast.Name("str"))
        if name in self.models:
            return qualified
        if name == "list":
            return ast.Attribute(value=ast.Name("builtins"), attr="list")
        if name in KNOWN_NAMES:
            return node
        raise SpecError(f"annotation {self.text!r}: the facade cannot name {name!r}")


def qualify(text: str, found: Mapping[str, Any]) -> str:
    tree = ast.parse(text.replace("models.", ""), mode="eval")
    return ast.unparse(_Qualify(found, text).visit(tree))


def _union_names(text: str) -> list[str]:
    """``A | None | NotGiven`` → ``["A", "None", "NotGiven"]`` (source text of each member)."""
    parts: list[str] = []

    def walk(node: ast.expr) -> None:
        if isinstance(node, ast.BinOp) and isinstance(node.op, ast.BitOr):
            walk(node.left)
            walk(node.right)
        else:
            parts.append(ast.unparse(node))

    walk(ast.parse(text, mode="eval").body)
    return parts


def _item_type(list_text: str) -> str | None:
    """``list[TaskDto] | None`` → ``TaskDto``."""
    for part in _union_names(list_text):
        node = ast.parse(part, mode="eval").body
        if isinstance(node, ast.Subscript) and ast.unparse(node.value) == "list":
            return ast.unparse(node.slice)
    return None


# --------------------------------------------------------------------------- docs


def _sentence(text: str) -> str:
    text = " ".join(str(text).split())
    if text and text[-1] not in ".!?" and not text.endswith(".)"):
        text += "."
    return text


# Notes the spec keeps for its maintainers (how sure it is of a shape, where an example came
# from): they tell a caller nothing about the call, so docstrings leave them out.
_SPEC_NOTES: Final = re.compile(
    r"\s*\(Error body inferred\.\)"
    r"|\s*The example is\b(?:[^().]|\([^)]*\))*\."
)


def _for_callers(description: str) -> str:
    """A response's description as a docstring says it, without the spec's own notes."""
    return _sentence(_SPEC_NOTES.sub("", " ".join(str(description).split())).strip())


def _escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace('"""', '\\"\\"\\"')


def _constraints(meta: Mapping[str, Any], unit: str | None = None) -> list[str]:
    """The spec's bounds in words; ``unit`` names what the numbers count (a timedelta's)."""
    notes = []
    of = f" {unit}" if unit else ""
    low, high = meta.get("ge", meta.get("minimum")), meta.get("le", meta.get("maximum"))
    if low is not None and high is not None:
        notes.append(f"Allowed range: {low} to {high}{of}.")
    elif low is not None:
        notes.append(f"Minimum: {low}{of}.")
    elif high is not None:
        notes.append(f"Maximum: {high}{of}.")
    if meta.get("gt") is not None:
        notes.append(f"Must be greater than {meta['gt']}{of}.")
    if meta.get("lt") is not None:
        notes.append(f"Must be less than {meta['lt']}{of}.")
    for key, unit in (("min_length", "character"), ("min_items", "item")):
        if meta.get(key) is not None:
            low = meta[key]
            notes.append(f"At least {low} {unit}{'s' if low != 1 else ''}.")
    for key, unit in (("max_length", "character"), ("max_items", "item")):
        if meta.get(key) is not None:
            high = meta[key]
            notes.append(f"At most {high} {unit}{'s' if high != 1 else ''}.")
    return notes


def _type_notes(annotation: str, found: Mapping[str, Any], unit: str | None = None) -> list[str]:
    notes = []
    names = set(_union_names(annotation))
    for name in names:
        if name in found["enums"]:
            values = ", ".join(f"``{v}``" for v in found["enums"][name])
            notes.append(
                f"Allowed values: {values} (a :class:`~astravue_async.models.{name}` or its "
                "string; values the SDK does not know yet are passed through)."
            )
    if "datetime" in names:
        notes.append("A timezone-aware ``datetime`` (naive ones are refused).")
    if "timedelta" in names:
        notes.append(f"A ``timedelta``, sent as whole {unit}." if unit else "A ``timedelta``.")
    elif unit:
        notes.append(f"Unit: {unit}.")
    return notes


def _doc_entry(name: str, parts: list[str]) -> list[str]:
    text = " ".join(p for p in parts if p)
    return textwrap.wrap(
        f"{name}: {text}",
        width=DOC_WIDTH,
        initial_indent=INDENT + "    ",
        subsequent_indent=INDENT + "        ",
        break_on_hyphens=False,
    )


def _paragraph(text: str) -> list[str]:
    return textwrap.wrap(
        text, width=DOC_WIDTH, initial_indent=INDENT, subsequent_indent=INDENT,
        break_on_hyphens=False,
    )  # fmt: skip


# --------------------------------------------------------------------------- methods


def _raw_parameter(spec: Mapping[str, Any], op_id: str, wire_name: str) -> Mapping[str, Any]:
    for item in spec["paths"].values():
        for operation in item.values():
            if not isinstance(operation, dict) or operation.get("operationId") != op_id:
                continue
            for raw in [*item.get("parameters", []), *operation.get("parameters", [])]:
                param = resolve(spec, raw)
                if param.get("name") == wire_name:
                    return param
    raise SpecError(f"{op_id}: no parameter {wire_name!r}")  # pragma: no cover


def _raw_operation(spec: Mapping[str, Any], op_id: str) -> Mapping[str, Any]:
    for item in spec["paths"].values():
        for operation in item.values():
            if isinstance(operation, dict) and operation.get("operationId") == op_id:
                return operation
    raise SpecError(f"FACADE names {op_id!r}, which is not an operation of the spec")


def _field_description(
    spec: Mapping[str, Any], model: str, field: Mapping[str, Any]
) -> tuple[str, str | None]:
    meta = field["metadata"]
    schema = spec.get("components", {}).get("schemas", {}).get(model, {})
    prop = resolve(spec, schema.get("properties", {}).get(meta.get("wire", ""), {}))
    description = meta.get("description") or prop.get("description") or ""
    unit = meta.get("unit") or prop.get("x-unit")
    return _sentence(description) if description else "", unit


def _status_lines(
    spec: Mapping[str, Any], raw_op: Mapping[str, Any], found: Mapping[str, Any]
) -> list[str]:
    lines = _doc_entry(
        "TypeError, ValueError",
        ["An argument has the wrong type or breaks a documented constraint; nothing is sent."],
    )
    by_class: dict[str, list[str]] = {}
    for status, raw in raw_op.get("responses", {}).items():
        if not str(status).isdigit() or int(status) < 400:
            continue
        description = _for_callers(resolve(spec, raw).get("description", ""))
        by_class.setdefault(found["errors"][str(status)], []).append(
            f"HTTP {status}: {description}" if description else f"HTTP {status}."
        )
    for cls, texts in by_class.items():
        lines += _doc_entry(cls, texts)
    lines += _doc_entry(
        "APIConnectionError",
        ["The API could not be reached or did not answer in time (after the retries)."],
    )
    return lines


def _returns(
    spec: Mapping[str, Any],
    op: Mapping[str, Any],
    raw_op: Mapping[str, Any],
    item: str | None,
    *,
    sync: bool = False,
) -> list[str]:
    """The "Returns:" entry; ``sync`` for the blocking twin, whose list methods return a
    ``SyncPaginator`` (no ``await``, plain ``for``)."""
    response = resolve(spec, raw_op.get("responses", {}).get("200", {}))
    what = _for_callers(response.get("description", ""))
    if item is not None and sync:
        text = (
            f"A :class:`~astravue_async.sync.SyncPaginator` of "
            f":class:`~astravue_async.models.{item}`: ``for`` it for every item (pages are "
            f"fetched as needed), ``.first_page()`` for the first page. {what}"
        )
    elif item is not None:
        text = (
            f"A :class:`~astravue_async.Paginator` of "
            f":class:`~astravue_async.models.{item}`: ``await`` it for the first page, "
            f"``async for`` it for every item. {what}"
        )
    elif op["response"] == "None":
        text = "``None``."
    else:
        model = op["response"].removeprefix("models.")
        text = f"The :class:`~astravue_async.models.{model}`. {what}"
    return textwrap.wrap(
        text, width=DOC_WIDTH, initial_indent=INDENT + "    ",
        subsequent_indent=INDENT + "    ", break_on_hyphens=False,
    )  # fmt: skip


def _forward(params: list[str]) -> str:
    """The arguments of a call that hands every parameter of ``params`` on unchanged:
    positional-only ones by position (they have no name to pass), the others by name."""
    by_position = "/" in params
    arguments = []
    for param in params:
        if param in ("/", "*"):
            by_position = False
            continue
        name = param.split(":", 1)[0].strip()
        if name != "self":
            arguments.append(name if by_position else f"{name}={name}")
    return ", ".join(arguments)


def _method(
    spec: Mapping[str, Any],
    found: Mapping[str, Any],
    name: str,
    op: Mapping[str, Any],
) -> dict[str, Any]:
    raw_op = _raw_operation(spec, op["operation_id"])
    paging = op["pagination"]
    skip = {paging["page_param"], paging["size_param"]} if paging else set()
    path_params = [p for p in op["parameters"] if p["location"] == "path"]
    query_params = [
        p for p in op["parameters"] if p["location"] == "query" and p["wire_name"] not in skip
    ]
    positional: list[str] = ["self"]
    keywords: list[str] = []
    docs: list[str] = []
    arguments: list[str] = []
    taken: set[str] = set()

    def claim(python_name: str) -> None:
        if python_name in RESERVED or python_name in taken:
            raise SpecError(
                f"{op['operation_id']}: parameter or field {python_name!r} clashes with "
                "another argument of the facade method"
            )
        taken.add(python_name)

    for p in path_params:
        claim(p["python_name"])
        positional.append(f"{p['python_name']}: {qualify(p['annotation'], found)}")
        raw = _raw_parameter(spec, op["operation_id"], p["wire_name"])
        docs += _doc_entry(
            p["python_name"], [_sentence(raw.get("description", "")), *_constraints(p)]
        )
        arguments.append(f'"{p["python_name"]}": {p["python_name"]}')
    for p in query_params:
        claim(p["python_name"])
        annotation = qualify(p["annotation"], found)
        keywords.append(f"{p['python_name']}: {annotation} | None = None")
        raw = _raw_parameter(spec, op["operation_id"], p["wire_name"])
        default = p["default"]
        docs += _doc_entry(
            p["python_name"],
            [
                _sentence(raw.get("description", "")),
                *_constraints(p),
                *_type_notes(p["annotation"].replace("models.", ""), found),
                "``None`` (the default) leaves it out of the request"
                + (f"; the server then uses ``{default!r}``." if default is not None else "."),
            ],
        )
        arguments.append(f'"{p["python_name"]}": {p["python_name"]}')

    body_model = op["request_body"]
    body_fields: list[str] = []
    # For the keyword overload: required fields really are required there.
    strict_keywords: list[str] = []
    path_positional = positional[1:]
    if body_model is not None:
        model = body_model.removeprefix("models.")
        positional.append(f"body: models.{model} | None = None")
        positional.append("/")
        docs += _doc_entry(
            "body",
            [
                f"A ready :class:`~astravue_async.models.{model}` to send instead of the "
                "keyword arguments (give one or the other, not both).",
            ],
        )
        for field in found["models"][model]:
            fname = field["name"]
            claim(fname)
            annotation = field["type"]
            members = _union_names(annotation)
            description, unit = _field_description(spec, model, field)
            if field["default"] == "required":
                strict_keywords.append(f"{fname}: {qualify(annotation, found)}")
                annotation = f"{annotation} | NotGiven"
                default = "NOT_GIVEN"
                presence = "Required (unless ``body`` is given)."
            elif field["default"] == "NOT_GIVEN":
                default = "NOT_GIVEN"
                nullable = field["metadata"].get("nullable", "None" in members)
                presence = "Optional: left out, nothing is sent." + (
                    " ``None`` sends JSON ``null`` (clears the value)." if nullable else ""
                )
            else:
                default = "None"
                presence = "Optional: ``None`` (the default) sends nothing."
            keywords.append(f"{fname}: {qualify(annotation, found)} = {default}")
            if field["default"] != "required":
                strict_keywords.append(keywords[-1])
            docs += _doc_entry(
                fname,
                [
                    description,
                    *_constraints(field["metadata"], unit),
                    *_type_notes(field["type"], found, unit),
                    presence,
                ],
            )
            body_fields.append(f'"{fname}": {fname}')

    item: str | None = None
    if paging is not None or op["response"].startswith("list["):
        if paging is not None:
            response_model = op["response"].removeprefix("models.")
            items = next(
                f for f in found["models"][response_model]
                if f["metadata"].get("wire") == paging["items_field"]
            )  # fmt: skip
            item = _item_type(items["type"])
        else:
            item = _item_type(op["response"].replace("models.", ""))
        if item is None:
            raise SpecError(f"{op['operation_id']}: cannot tell the type of the listed items")
        returns = f"Paginator[{qualify(item, found)}]"
    else:
        returns = "None" if op["response"] == "None" else qualify(op["response"], found)
    if paging is not None:
        keywords.append("page_size: int | None = None")
        keywords.append("limit: int | None = None")
        low, high = paging.get("default_size"), paging.get("max_size")
        docs += _doc_entry(
            "page_size",
            [
                f"Items per request, 1 to {high}" if high else "Items per request",
                f"(the server's default is {low})." if low else ".",
            ],
        )
        docs += _doc_entry(
            "limit", ["Stop after this many items in total; ``None`` walks every page."]
        )

    overloads: list[list[str]] = []
    if any("=" not in k for k in strict_keywords):
        # Two ways to call it, each type-checked on its own: a ready model, or keywords with
        # the required fields really required (the implementation takes both, so it cannot).
        body_names = {k.split(":")[0] for k in strict_keywords}
        others = [k for k in keywords if k.split(":")[0] not in body_names]
        overloads = [
            ["self", *path_positional, f"body: {body_model}", "/"]
            + (["*", *others] if others else []),
            # "/" even without path parameters: a `self` passable by name would be a
            # signature the implementation (self positional-only) does not accept.
            ["self", *path_positional, "/", "*", *strict_keywords, *others],
        ]
    params = positional + (["*", *keywords] if keywords else [])
    if params[-1] == "/" and keywords == []:
        params.append("*")  # pragma: no cover - every body has at least one field
    summary = _sentence(op["summary"])
    description = _sentence(op["description"])
    head = _paragraph(summary)
    if description and description != summary:
        head += ["", *_paragraph(description)]
    return {
        "name": name,
        "constant": op["constant"],
        "is_async": item is None,
        "paginated": paging is not None,
        "item": item,
        "params": params,
        "overloads": overloads,
        "returns": returns,
        # The blocking twin returns what the coroutine would; a Paginator becomes its twin.
        "sync_returns": f"Sync{returns}" if item is not None else returns,
        # with_raw_response: the response, whose parse() is the model (a list verb's first
        # page: the Page that awaiting its paginator gives).
        "raw_returns": (
            f"APIResponse[Page[{qualify(item, found)}]]"
            if item is not None
            else f"APIResponse[{returns}]"
        ),
        "forward": _forward(params),
        "doc_head": [_escape(line) for line in head],
        "doc_args": [_escape(line) for line in docs],
        "doc_returns": [_escape(line) for line in _returns(spec, op, raw_op, item)],
        "doc_returns_sync": [_escape(line) for line in _returns(spec, op, raw_op, item, sync=True)],
        "doc_raises": [_escape(line) for line in _status_lines(spec, raw_op, found)],
        "doc_raises_sync": [
            _escape(line) for line in _status_lines(spec, raw_op, found) + SYNC_REFUSAL
        ],
        "arguments": "{" + ", ".join(arguments) + "}" if arguments else "",
        "body_model": None if body_model is None else body_model,
        "body_fields": "{" + ", ".join(body_fields) + "}",
    }


def _statuses(spec: Mapping[str, Any]) -> list[int]:
    codes: set[int] = set()
    for item in spec["paths"].values():
        for operation in item.values():
            if isinstance(operation, dict):
                codes |= {int(s) for s in operation.get("responses", {}) if str(s).isdigit()}
    return sorted(c for c in codes if c >= 400)


def resources_context(spec: Mapping[str, Any], output_dir: Path) -> dict[str, Any]:
    """Template data for ``resources.py.jinja2`` and ``sync_resources.py.jinja2``, from the
    spec and ``output_dir``'s models."""
    found = introspect(output_dir, _statuses(spec))
    operations = {op["operation_id"]: op for op in collect_operations(spec)}
    classes = []
    for resource, methods in FACADE.items():
        entries = []
        for name, op_id in methods.items():
            if op_id not in operations:
                raise SpecError(f"FACADE: {resource}.{name} runs {op_id!r}, not in the spec")
            entries.append(_method(spec, found, name, operations[op_id]))
        classes.append(
            {
                "name": f"{resource}Base",
                "sync_name": f"Sync{resource}Base",
                "resource": resource,
                "methods": entries,
            }
        )
    return {"classes": classes}


if __name__ == "__main__":
    print(json.dumps(_introspect(Path(sys.argv[1]), [int(a) for a in sys.argv[2:]])))
