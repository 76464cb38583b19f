"""Turning the spec's paths into the context of ``templates/operations.py.jinja2``.

Only describes operations; nothing here decides how requests are sent.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from codegen.spec import ref_name, resolve

HTTP_METHODS = ("get", "post", "put", "patch", "delete")
# Path item keys that are not operations (OpenAPI 3.0 Path Item Object); anything else that is
# not an extension is an operation this generator would otherwise drop without a word.
PATH_ITEM_FIELDS = ("summary", "description", "servers", "parameters")
ENVELOPE_DATA = "data"
IDEMPOTENT = "x-idempotent"


class SpecError(ValueError):
    """The spec (after overrides) lacks something the generator needs to decide on."""


def _operation_items(spec: Mapping[str, Any]) -> list[tuple[str, str, Mapping[str, Any]]]:
    """``(path, method, operation)`` for every operation, refusing ones we cannot generate."""
    items = []
    for path, item in spec["paths"].items():
        for key, value in item.items():
            if key in HTTP_METHODS:
                items.append((path, key, value))
            elif key not in PATH_ITEM_FIELDS and not key.startswith("x-"):
                raise SpecError(f"{path}: {key!r} is not supported by the generator")
    return items


def check_idempotency(spec: Mapping[str, Any]) -> None:
    """Fail unless every operation (and every token grant in ``x-auth``) declares ``x-idempotent``.

    Retry safety depends on what an operation does, not on its HTTP method, so nothing is
    assumed: a new operation must be decided in ``openapi/overrides.yaml``.

    :raises SpecError: naming every operation whose ``x-idempotent`` is missing or not a boolean.
    """
    undecided = [
        f"{op.get('operationId', '?')} ({method.upper()} {path})"
        for path, method, op in _operation_items(spec)
        if not isinstance(op.get(IDEMPOTENT), bool)
    ]
    grants = spec.get("x-auth", {}).get("grants", {})
    undecided += [
        f"{grant.get('operationId', '?')} (x-auth grant {name})"
        for name, grant in grants.items()
        if not isinstance(grant.get(IDEMPOTENT), bool)
    ]
    if undecided:
        raise SpecError(
            f"{IDEMPOTENT} (true or false) missing on: {', '.join(undecided)}; decide each in "
            "openapi/overrides.yaml, with the reason"
        )


def snake_case(name: str) -> str:
    """``spaceId`` → ``space_id``, ``X-Org-Id`` → ``org_id`` (the ``X-`` prefix is dropped)."""
    name = re.sub(r"^[Xx]-", "", name).replace("-", "_")
    name = re.sub(r"(?<=[a-z0-9])([A-Z])", r"_\1", name)
    return name.lower()


def python_type(spec: Mapping[str, Any], schema: Mapping[str, Any]) -> str:
    """A schema → the source text of its Python type, models referenced as ``models.X``."""
    name = ref_name(schema)
    if name is not None:
        target = resolve(spec, schema)
        if target.get("type") == "object" or "enum" in target or "properties" in target:
            return f"models.{name}"
        return python_type(spec, target)
    kind = schema.get("type")
    if kind == "array":
        return f"list[{python_type(spec, schema.get('items', {}))}]"
    if kind == "integer":
        return "int"
    if kind == "number":
        return "float"
    if kind == "boolean":
        return "bool"
    if kind == "string":
        return "datetime" if schema.get("format") == "date-time" else "str"
    return "Any"


def constant_case(name: str) -> str:
    """``TaskStatusFilter`` → ``TASK_STATUS_FILTER``."""
    return re.sub(r"(?<=[a-z0-9])([A-Z])", r"_\1", name).upper()


def _parameter(spec: Mapping[str, Any], raw: Mapping[str, Any]) -> dict[str, Any]:
    shared = ref_name(raw)
    param = resolve(spec, raw)
    schema = param.get("schema", {})
    resolved_schema = resolve(spec, schema)
    return {
        "wire_name": param["name"],
        "python_name": snake_case(param["name"]),
        "location": param["in"],
        "annotation": python_type(spec, schema),
        "required": bool(param.get("required", False)),
        "default": resolved_schema.get("default"),
        "minimum": resolved_schema.get("minimum"),
        "maximum": resolved_schema.get("maximum"),
        # Parameters defined once in components.parameters are rendered once, as constants.
        "constant": None if shared is None else f"_{constant_case(shared)}",
    }


def _data_type(spec: Mapping[str, Any], operation: Mapping[str, Any]) -> str:
    """The Python type of the success envelope's ``data``; ``None`` when it carries nothing."""
    response = resolve(spec, operation["responses"]["200"])
    schema = response.get("content", {}).get("application/json", {}).get("schema")
    if schema is None:
        return "None"
    envelope = resolve(spec, schema)
    data = envelope.get("properties", {}).get(ENVELOPE_DATA)
    if data is None:
        return "None"
    if ref_name(data) is None and data.get("type") is None:
        # ApiSuccessResponseVoid: `data` is untyped and always null.
        return "None"
    return python_type(spec, data)


def _pagination(
    operation: Mapping[str, Any], parameters: list[dict[str, Any]]
) -> dict[str, Any] | None:
    raw = operation.get("x-pagination")
    if raw is None:
        return None
    size = next((p for p in parameters if p["wire_name"] == raw["sizeParam"]), None)
    return {
        "style": raw["style"],
        "page_param": raw["pageParam"],
        "size_param": raw["sizeParam"],
        "items_field": raw["itemsField"],
        "last_field": raw.get("lastField"),
        "total_field": raw.get("totalField"),
        "max_size": size["maximum"] if size else None,
        "default_size": size["default"] if size else None,
    }


def constant_name(operation_id: str) -> str:
    return operation_id.upper()


def shared_parameters(operations: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The component parameters the operations use, once each, in order of first use."""
    seen: dict[str, dict[str, Any]] = {}
    for op in operations:
        for param in op["parameters"]:
            if param["constant"] is not None:
                seen.setdefault(param["constant"], param)
    return list(seen.values())


def collect_operations(spec: Mapping[str, Any]) -> list[dict[str, Any]]:
    """Every operation of the spec, in spec order, as plain template data."""
    check_idempotency(spec)
    operations = []
    for path, item in spec["paths"].items():
        shared = item.get("parameters", [])
        for method in HTTP_METHODS:
            if method not in item:
                continue
            op = item[method]
            parameters = [_parameter(spec, p) for p in [*shared, *op.get("parameters", [])]]
            body = op.get("requestBody")
            body_model = None
            if body is not None:
                body = resolve(spec, body)
                body_schema = body["content"]["application/json"]["schema"]
                body_model = python_type(spec, body_schema)
            summary = " ".join(str(op.get("summary", "")).split())
            operations.append(
                {
                    "constant": constant_name(op["operationId"]),
                    "operation_id": op["operationId"],
                    "method": method.upper(),
                    "path": path,
                    "tag": (op.get("tags") or [""])[0],
                    "summary": summary,
                    "description": " ".join(str(op.get("description", "")).split()),
                    "doc_url": op.get("x-doc-url", ""),
                    "seed": bool(op.get("x-seed", False)),
                    "idempotent": op[IDEMPOTENT],
                    "parameters": parameters,
                    "request_body": body_model,
                    "body_required": bool(body and body.get("required", False)),
                    "response": _data_type(spec, op),
                    "pagination": _pagination(op, parameters),
                }
            )
    return operations
