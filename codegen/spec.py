"""Loading the vendored spec and applying ``openapi/overrides.yaml``.

Spec corrections are data: each override names a JSON pointer, the value to put there and the
reason. Keeping them out of the vendored file lets us re-vendor the spec without losing fixes.
"""

from __future__ import annotations

import copy
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parent.parent
SPEC_PATH = ROOT / "openapi" / "astravue.openapi.yaml"
OVERRIDES_PATH = ROOT / "openapi" / "overrides.yaml"


class OverrideError(ValueError):
    """An override entry is malformed or does not fit the spec."""


def split_pointer(pointer: str) -> list[str]:
    """RFC 6901: ``/a/b~1c`` → ``["a", "b/c"]``."""
    if not pointer.startswith("/"):
        raise OverrideError(f"JSON pointer must start with '/': {pointer!r}")
    return [part.replace("~1", "/").replace("~0", "~") for part in pointer[1:].split("/")]


def apply_override(spec: dict[str, Any], entry: Mapping[str, Any]) -> None:
    """Apply one override in place: set (or, with ``remove: true``, delete) the target."""
    pointer = entry.get("pointer")
    reason = entry.get("reason")
    if not isinstance(pointer, str) or not isinstance(reason, str) or not reason.strip():
        raise OverrideError(f"override needs a 'pointer' and a non-empty 'reason': {entry!r}")
    *parents, last = split_pointer(pointer)
    node: Any = spec
    for part in parents:
        if isinstance(node, list) and part.isdigit() and int(part) < len(node):
            node = node[int(part)]
        elif isinstance(node, dict) and part in node:
            node = node[part]
        else:
            raise OverrideError(f"{pointer}: no such location in the spec (at {part!r})")
    if isinstance(node, list):
        _apply_to_list(node, pointer, last, entry)
        return
    if entry.get("remove"):
        if last not in node:
            raise OverrideError(f"{pointer}: nothing to remove")
        del node[last]
        return
    node[last] = _value(pointer, entry)


def _value(pointer: str, entry: Mapping[str, Any]) -> Any:
    if "value" not in entry:
        raise OverrideError(f"{pointer}: override needs a 'value' (or 'remove: true')")
    return copy.deepcopy(entry["value"])


def _apply_to_list(node: list[Any], pointer: str, last: str, entry: Mapping[str, Any]) -> None:
    if last == "-" and not entry.get("remove"):
        node.append(_value(pointer, entry))
        return
    if not last.isdigit() or int(last) >= len(node):
        raise OverrideError(f"{pointer}: no such list index")
    if entry.get("remove"):
        del node[int(last)]
    else:
        node[int(last)] = _value(pointer, entry)


def load_overrides(path: Path = OVERRIDES_PATH) -> list[dict[str, Any]]:
    if not path.exists():
        return []
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    entries = data.get("overrides", [])
    if not isinstance(entries, list) or not all(isinstance(e, dict) for e in entries):
        raise OverrideError(f"{path}: 'overrides' must be a list of mappings")
    check_unique_pointers(entries)
    return entries


def check_unique_pointers(entries: list[dict[str, Any]]) -> None:
    """One entry per location: a second entry would silently overwrite the first's decision.

    Appends to a list (pointers ending in ``/-``) may repeat.
    """
    seen: set[str] = set()
    for entry in entries:
        pointer = entry.get("pointer")
        if not isinstance(pointer, str) or pointer.endswith("/-"):
            continue
        if pointer in seen:
            raise OverrideError(f"{pointer}: more than one override for this location")
        seen.add(pointer)


def load_spec(spec_path: Path = SPEC_PATH, overrides_path: Path = OVERRIDES_PATH) -> dict[str, Any]:
    """The vendored spec with every override applied."""
    spec: dict[str, Any] = yaml.safe_load(spec_path.read_text(encoding="utf-8"))
    for entry in load_overrides(overrides_path):
        apply_override(spec, entry)
    return spec


def resolve(spec: Mapping[str, Any], node: Mapping[str, Any]) -> Mapping[str, Any]:
    """Follow a local ``$ref`` (one level at a time, until a non-reference)."""
    while "$ref" in node:
        target: Any = spec
        for part in split_pointer(node["$ref"].removeprefix("#")):
            target = target[part]
        node = target
    return node


def ref_name(node: Mapping[str, Any]) -> str | None:
    """``{"$ref": "#/components/schemas/TaskDto"}`` → ``"TaskDto"``."""
    ref = node.get("$ref")
    return ref.rsplit("/", 1)[-1] if isinstance(ref, str) else None
