"""Griffe extension for the API reference (mkdocs.yml: ``extensions: [scripts/docs_griffe.py]``).

What static analysis of the source cannot see, added while mkdocstrings loads the package:

- **attrs classes** (the generated models, the descriptors): a field's value is the
  ``attrs.field(...)`` call, and ``__init__`` is made by attrs at import time. Each field is
  shown with its default instead, and the class gets the ``__init__`` signature attrs builds
  (keyword-only where the class says so).
- **Facade methods** are marked ``@api_operation(ops.X)``, which documents the operation
  (HTTP method, path, API doc link, whether it is retried) in ``__doc__`` at import time.
  The same section is added here, from the same descriptors.
- **Inline roles** in docstrings (``:class:`~astravue_async.Page```, ``:meth:`advance```) become
  cross-references to the reference page of their target; a role naming something that cannot
  be found is a warning, which fails ``mkdocs build --strict``.
"""

from __future__ import annotations

import builtins
import importlib
import re
from typing import Any

import griffe

_LOG = griffe.logger

_ROLE = re.compile(
    r":(?:py:)?(class|meth|func|attr|data|mod|exc|obj|const):`(~?)([^`<>]+?)(?:\s*<([^`<>]+)>)?`"
)
_BUILTINS = frozenset(dir(builtins))
# A "Raises:" entry naming several exceptions whose list wraps onto the next line: Google
# style wants "A, B: why" on one line, so the wrapped list is joined before parsing.
_WRAPPED_RAISES = re.compile(r"(\n[ \t]+[A-Za-z_][\w.]*(?:, [A-Za-z_][\w.]*)*,)\n[ \t]+")
_ATTRS_DECORATORS = ("attrs.define", "attrs.frozen", "attrs.mutable", "attr.s", "attrs.s")
_ATTRS_FIELD = ("attrs.field", "attr.ib", "attr.field")


def _call_arguments(expr: Any) -> dict[str, Any]:
    arguments: dict[str, Any] = {}
    for argument in getattr(expr, "arguments", ()):
        name = getattr(argument, "name", None)
        if name is not None:
            arguments[name] = argument.value
    return arguments


def _attrs_decorator(cls: griffe.Class) -> Any:
    for decorator in cls.decorators:
        value = decorator.value
        path = getattr(value, "canonical_path", str(value))
        if path in _ATTRS_DECORATORS:
            return value
    return None


def _attrs_init(cls: griffe.Class) -> None:
    """Show attrs fields with their defaults and give the class attrs' ``__init__``."""
    decorator = _attrs_decorator(cls)
    if decorator is None:
        return
    kw_only = str(_call_arguments(decorator).get("kw_only")) == "True"
    parameters = [griffe.Parameter("self", kind=griffe.ParameterKind.positional_or_keyword)]
    for member in list(cls.members.values()):
        if member.is_alias or not isinstance(member, griffe.Attribute):
            continue
        if member.annotation is None or "class-attribute" not in member.labels:
            continue
        value = member.value
        default: Any = value
        if getattr(value, "canonical_path", None) in _ATTRS_FIELD:
            arguments = _call_arguments(value)
            default = arguments.get("default")
            if "factory" in arguments:
                default = f"{arguments['factory']}()"
            member.value = default
        parameters.append(
            griffe.Parameter(
                member.name,
                annotation=member.annotation,
                kind=griffe.ParameterKind.keyword_only
                if kw_only
                else griffe.ParameterKind.positional_or_keyword,
                default=default,
                docstring=member.docstring,
            )
        )
    if "__init__" not in cls.members:
        cls.set_member(
            "__init__",
            griffe.Function(
                "__init__",
                lineno=0,
                endlineno=0,
                parent=cls,
                parameters=griffe.Parameters(*parameters),
                returns="None",
            ),
        )


def _runtime(obj: griffe.Object) -> Any:
    """The live object at ``obj``'s canonical path, or None."""
    module_path = obj.module.path
    try:
        target: Any = importlib.import_module(module_path)
    except ImportError:
        return None
    for part in obj.canonical_path[len(module_path) + 1 :].split("."):
        target = getattr(target, part, None)
        if target is None:
            return None
    return target


def _operations_section(func: griffe.Function) -> None:
    """Append the "API" section ``@api_operation`` adds to the runtime ``__doc__``."""
    if not any("api_operation" in str(d.value) for d in func.decorators):
        return
    from astravue_async.resources._base import operations_of

    live = _runtime(func)
    operations = operations_of(live) if live is not None else ()
    if not operations:
        return
    lines = ["", "**API operation:**", ""]
    for op in operations:
        retried = (
            "retried after timeouts and 5xx"
            if op.idempotent
            else "not repeated once it may have reached the server"
        )
        lines.append(
            f"- [`{op.method} {op.path}`]({op.doc_url}) (`{op.operation_id}`: {op.summary}); "
            f"{retried}."
        )
    if func.docstring is None:
        func.docstring = griffe.Docstring("\n".join(lines).strip(), parent=func)
    else:
        func.docstring.value = func.docstring.value.rstrip() + "\n" + "\n".join(lines)


def _resolve(obj: griffe.Object, target: str) -> str | None:
    """The path ``target`` names in ``obj``'s docstring, as Sphinx would resolve it: in the
    object's scope, its parents', then (for a bare name in a module docstring) the one class
    of that module that has such a member (private classes aside)."""
    head, _, rest = target.partition(".")
    scopes: list[griffe.Object] = [obj]
    if obj.parent is not None:
        scopes.append(obj.parent)
    for scope in scopes:
        try:
            resolved = scope.resolve(head)
        except Exception:  # noqa: S112 - griffe raises its own NameResolutionError
            continue
        return f"{resolved}.{rest}" if rest else resolved
    if "." in target:
        return target
    if isinstance(obj, griffe.Module):
        owners = [
            member
            for member in obj.members.values()
            if not member.is_alias
            and isinstance(member, griffe.Class)
            and not member.name.startswith("_")
            and target in member.members
        ]
        if len(owners) == 1:
            return f"{owners[0].path}.{target}"
    return None


def _roles_to_links(obj: griffe.Object) -> None:
    docstring = obj.docstring
    if docstring is None:
        return
    if "Raises:" in docstring.value:
        docstring.value = _WRAPPED_RAISES.sub(r"\1 ", docstring.value)
    if ":`" not in docstring.value:
        return

    def link(match: re.Match[str]) -> str:
        role, short, target = match.group(1), match.group(2), match.group(3).strip()
        shown = target.rsplit(".", 1)[-1] if short else target
        if match.group(4):  # :meth:`title <target>`
            shown, target = target, match.group(4).strip()
        elif role in ("meth", "func"):
            shown += "()"
        if target in _BUILTINS:
            return f"`{shown}`"
        path = _resolve(obj, target.lstrip("."))
        if path is None:
            if role in ("class", "meth", "func", "exc", "mod"):
                _LOG.warning("%s: cannot resolve %s", obj.path, match.group(0))
            return f"`{shown}`"
        return f'<autoref identifier="{path}" optional><code>{shown}</code></autoref>'

    docstring.value = _ROLE.sub(link, docstring.value)


def _walk(obj: griffe.Object, seen: set[str]) -> None:
    if obj.path in seen:
        return
    seen.add(obj.path)
    _roles_to_links(obj)
    if isinstance(obj, griffe.Class):
        _attrs_init(obj)
    if isinstance(obj, griffe.Function):
        _operations_section(obj)
    for member in list(obj.members.values()):
        if member.is_alias:
            continue
        _walk(member, seen)  # type: ignore[arg-type]


class AstravueDocs(griffe.Extension):
    """Fills in what the docstrings' runtime forms carry and static analysis misses."""

    def on_package(self, *, pkg: griffe.Module, **kwargs: Any) -> None:
        if pkg.name == "astravue_async":
            _walk(pkg, set())
