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

import attrs
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
    """Show attrs fields with their defaults and give the class attrs' ``__init__``.

    The parameters come from the live class's ``attrs.fields``, so they are exactly those of
    the ``__init__`` attrs generated (names after aliasing, ``init=False`` left out,
    keyword-only per field); the annotations are the source's, as written.
    """
    if _attrs_decorator(cls) is None:
        return
    live = _runtime(cls)
    if live is None or not attrs.has(live):
        _LOG.warning("%s: attrs class not importable; its signature is not shown", cls.path)
        return
    parameters = [griffe.Parameter("self", kind=griffe.ParameterKind.positional_or_keyword)]
    for field in attrs.fields(live):
        member = cls.members.get(field.name)
        if isinstance(member, griffe.Attribute) and not member.is_alias:
            value = member.value
            if getattr(value, "canonical_path", None) in _ATTRS_FIELD:
                arguments = _call_arguments(value)
                member.value = arguments.get("default")
                if "factory" in arguments:
                    member.value = f"{arguments['factory']}()"
        else:
            member = None
        if not field.init:
            continue
        if field.default is attrs.NOTHING:
            default: Any = None
        elif isinstance(field.default, attrs.Factory):  # type: ignore[arg-type]
            default = f"{getattr(field.default.factory, '__name__', 'factory')}()"
        elif member is not None and member.value is not None:
            default = member.value
        else:
            default = repr(field.default)
        annotation = member.annotation if member is not None else None
        parameters.append(
            griffe.Parameter(
                field.alias or field.name,
                annotation=annotation if annotation is not None else _type_name(field.type),
                kind=griffe.ParameterKind.keyword_only
                if field.kw_only
                else griffe.ParameterKind.positional_or_keyword,
                default=default,
                docstring=member.docstring if member is not None else None,
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


def _namedtuple_init(cls: griffe.Class) -> None:
    """Give a ``NamedTuple`` class the constructor ``typing`` makes from its fields."""
    if "__init__" in cls.members or not any("NamedTuple" in str(base) for base in cls.bases):
        return
    live = _runtime(cls)
    fields = getattr(live, "_fields", None)
    if not isinstance(fields, tuple):
        return
    defaults: dict[str, Any] = getattr(live, "_field_defaults", {})
    parameters = [griffe.Parameter("self", kind=griffe.ParameterKind.positional_or_keyword)]
    for name in fields:
        member = cls.members.get(name)
        parameters.append(
            griffe.Parameter(
                name,
                annotation=getattr(member, "annotation", None),
                kind=griffe.ParameterKind.positional_or_keyword,
                default=repr(defaults[name]) if name in defaults else None,
            )
        )
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


def _type_name(annotation: Any) -> str | None:
    if annotation is None:
        return None
    if isinstance(annotation, str):
        return annotation
    return getattr(annotation, "__name__", None) or repr(annotation)


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


def _reexports_to_aliases(module: griffe.Module) -> None:
    """``Name = other_module.Name`` of a class becomes an alias of that class.

    Static analysis sees such a line as a plain module attribute, so the page would show
    the assignment instead of the class (``FieldError = _models.FieldError``).
    """
    for name, member in list(module.members.items()):
        if member.is_alias or not isinstance(member, griffe.Attribute):
            continue
        target = getattr(member.value, "canonical_path", None)
        if not isinstance(target, str) or target == member.path or "." not in target:
            continue
        try:
            resolved = module.modules_collection.get_member(target)
        except (KeyError, ValueError):
            continue
        if isinstance(resolved, griffe.Class):
            alias = griffe.Alias(name, target, parent=module)
            module.set_member(name, alias)


def _walk(obj: griffe.Object, seen: set[str]) -> None:
    if obj.path in seen:
        return
    seen.add(obj.path)
    if isinstance(obj, griffe.Module):
        _reexports_to_aliases(obj)
    _roles_to_links(obj)
    if isinstance(obj, griffe.Class):
        _attrs_init(obj)
        _namedtuple_init(obj)
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
