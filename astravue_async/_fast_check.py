"""Compiled per-model functions for request models: the check before sending and the encoding.

``check_request`` walks a model's type hints per field and value (``check_value`` on unions,
then ``_check_constraints``), and cattrs' unstructuring calls a hook per field: about 7 µs and
2 µs for a task, spent mostly on bookkeeping a well-typed value never needs. For each request
model this module compiles one straight-line function per job that reads every field, skips
``NOT_GIVEN`` (and ``None`` where the field is nullable) first, and tests the exact type and
the spec's constraints inline.

Neither function decides what is an error. Each accepts a strict subset of what the generic
path accepts (exact ``str``/``int``/``list``/... types, UTC datetimes, whole milliseconds) and
produces the same result for it; on anything else it hands the whole model to the generic
path, which then gives the same result or raises the same error, with the same message, as it
always did. ``tests/test_fast_check.py`` holds the two paths to that agreement.
"""

from __future__ import annotations

import itertools
import math
import types
from collections.abc import Callable, Mapping
from datetime import UTC, datetime, timedelta
from enum import Enum
from typing import Any, Final, Union, cast, get_args, get_origin

import attrs

from astravue_async._types import NOT_GIVEN, NotGiven

__all__ = ["Checker", "Unstructurer", "compile_checker", "compile_unstructurer"]

Checker = Callable[[Any, str], None]
"""``checker(model, prefix)``: raises as the generic check does; ``prefix`` starts names."""
Unstructurer = Callable[[Any], Any]
"""``unstructurer(model)``: the JSON-shaped dict with wire names."""

_EXACT: Final[dict[Any, str]] = {str: "str", int: "int", bool: "bool"}
# (metadata key, the comparison that makes _check_constraints refuse a number)
_BOUNDS: Final = (("ge", "<"), ("le", ">"), ("gt", "<="), ("lt", ">="))
_serial = itertools.count()


def _base_namespace() -> dict[str, Any]:
    return {
        "NOT_GIVEN": NOT_GIVEN,
        "UTC": UTC,
        "MILLISECOND": timedelta(milliseconds=1),
        "datetime": datetime,
        "timedelta": timedelta,
        "isfinite": math.isfinite,
        "type": type,
        "len": len,
        "list": list,
        "str": str,
        "int": int,
        "bool": bool,
        "float": float,
    }


def _split(tp: Any) -> tuple[bool, bool, list[Any]]:
    """``tp`` → (may be NOT_GIVEN, may be None, the other types it names)."""
    if get_origin(tp) not in (Union, types.UnionType):
        return False, False, [tp]
    args = get_args(tp)
    rest = [arg for arg in args if arg is not NotGiven and arg is not type(None)]
    return NotGiven in args, type(None) in args, rest


def _is_enum(tp: Any) -> bool:
    return isinstance(tp, type) and issubclass(tp, Enum)


class _Source:
    """The lines of one function and the constants they refer to by name."""

    def __init__(self, namespace: dict[str, Any]) -> None:
        self.namespace = namespace
        self.lines: list[str] = []

    def constant(self, value: Any) -> str:
        # By name, not by repr: a bound or a class has no source form that round-trips.
        name = f"k{next(_serial)}"
        self.namespace[name] = value
        return name

    def build(self, name: str, title: str) -> Any:
        code = compile("\n".join(self.lines), f"<astravue {title}>", "exec")
        exec(code, self.namespace)  # noqa: S102 - our own source, built from field types
        return self.namespace[name]


# --------------------------------------------------------------------------- the check

_DECLINE_CHECK: Final = "return fallback(model, prefix)"


def _length_checks(src: _Source, meta: Mapping[str, Any], indent: str) -> list[str]:
    # The same lookups as _check_constraints, which counts characters and items alike.
    low = meta.get("min_length", meta.get("min_items"))
    high = meta.get("max_length", meta.get("max_items"))
    lines = []
    if low is not None:
        lines += [f"{indent}if len(v) < {src.constant(low)}:", f"{indent}    {_DECLINE_CHECK}"]
    if high is not None:
        lines += [f"{indent}if len(v) > {src.constant(high)}:", f"{indent}    {_DECLINE_CHECK}"]
    return lines


def _bound_checks(src: _Source, meta: Mapping[str, Any], var: str, indent: str) -> list[str]:
    lines = []
    for key, refused in _BOUNDS:
        if key in meta:
            bound = src.constant(meta[key])
            lines += [f"{indent}if {var} {refused} {bound}:", f"{indent}    {_DECLINE_CHECK}"]
    return lines


def _item_test(src: _Source, tp: Any) -> str | None:
    """A condition on ``x`` that holds when ``check_value`` would refuse it (or may)."""
    if tp in _EXACT:
        return f"type(x) is not {_EXACT[tp]}"
    if tp is float:
        return "type(x) is not float or not isfinite(x)"
    if tp is datetime:
        return "type(x) is not datetime or x.tzinfo is not UTC"
    if tp is timedelta:
        return "type(x) is not timedelta or x.microseconds % 1000"
    if _is_enum(tp):
        return f"type(x) is not str and type(x) is not {src.constant(tp)}"
    return None


def _check_value_lines(
    src: _Source, tp: Any, meta: Mapping[str, Any], name: str, indent: str
) -> list[str]:
    """Lines that decline unless ``v`` is an exactly typed value within ``meta``'s bounds."""
    decline = [f"{indent}    {_DECLINE_CHECK}"]
    if tp is str or _is_enum(tp):
        test = "type(v) is not str"
        if tp is not str:
            test += f" and type(v) is not {src.constant(tp)}"
        return [f"{indent}if {test}:", *decline, *_length_checks(src, meta, indent)]
    if tp is int:
        return [f"{indent}if type(v) is not int:", *decline, *_bound_checks(src, meta, "v", indent)]
    if tp is float:
        return [
            f"{indent}if type(v) is not float or not isfinite(v):",
            *decline,
            *_bound_checks(src, meta, "v", indent),
        ]
    if tp is bool:
        return [f"{indent}if type(v) is not bool:", *decline]
    if tp is datetime:
        # A UTC datetime is what to_wire_datetime never refuses; other zones take the
        # generic path, which checks the offset and the range.
        return [f"{indent}if type(v) is not datetime or v.tzinfo is not UTC:", *decline]
    if tp is timedelta:
        # Whole milliseconds (duration_to_wire's test); bounds compare the wire number as
        # _check_constraints does, with the same expression.
        return [
            f"{indent}if type(v) is not timedelta or v.microseconds % 1000:",
            *decline,
            f"{indent}w = v / MILLISECOND",
            *_bound_checks(src, meta, "w", indent),
        ]
    if get_origin(tp) is list:
        item = _item_test(src, get_args(tp)[0])
        if item is None:
            return [f"{indent}{_DECLINE_CHECK}"]
        return [
            f"{indent}if type(v) is not list:",
            *decline,
            f"{indent}for x in v:",
            f"{indent}    if {item}:",
            f"{indent}        {_DECLINE_CHECK}",
            *_length_checks(src, meta, indent),
        ]
    if isinstance(tp, type) and attrs.has(tp):
        cls = src.constant(tp)
        return [
            f"{indent}if type(v) is not {cls}:",
            *decline,
            f"{indent}nested({cls})(v, prefix + {name + '.'!r})",
        ]
    return [f"{indent}{_DECLINE_CHECK}"]


def compile_checker(
    cls: type[Any],
    hints: Mapping[str, Any],
    *,
    fallback: Checker,
    nested: Callable[[type[Any]], Checker],
) -> Checker:
    """The compiled check of request model ``cls``.

    Args:
        cls: An attrs model class.
        hints: Its resolved type hints by field name.
        fallback: The generic check, ``fallback(model, prefix)``; it decides every value the
            compiled function does not take.
        nested: The checker of an embedded model class (looked up at run time: models may
            refer to each other).

    Returns:
        ``checker(model, prefix)``, raising exactly what ``fallback`` raises for ``model``.
    """
    src = _Source({**_base_namespace(), "fallback": fallback, "nested": nested})
    name = f"check_{cls.__name__}_{next(_serial)}"
    src.lines.append(f"def {name}(model, prefix):")
    for field in attrs.fields(cls):
        may_skip, nullable, concrete = _split(hints[field.name])
        # A required field left NOT_GIVEN is the generic path's "is required" error.
        skips = ["v is not NOT_GIVEN"] if may_skip and field.default is not attrs.NOTHING else []
        if nullable:
            skips.append("v is not None")
        src.lines.append(f"    v = model.{field.name}")
        indent = "        " if skips else "    "
        if skips:
            src.lines.append(f"    if {' and '.join(skips)}:")
        if len(concrete) == 1:
            src.lines += _check_value_lines(src, concrete[0], field.metadata, field.name, indent)
        else:  # a union of several types: check_value tries each in turn
            src.lines.append(f"{indent}{_DECLINE_CHECK}")
    src.lines.append("    return None")
    return cast(Checker, src.build(name, f"request check {cls.__qualname__}"))


# --------------------------------------------------------------------------- the encoding

_DECLINE_ENCODE: Final = "return fallback(model)"


def _encode_value_lines(
    src: _Source,
    tp: Any,
    field: attrs.Attribute[Any],
    key: str,
    indent: str,
    *,
    native_datetimes: bool = False,
) -> list[str]:
    """Lines that set ``res[key]`` from ``v`` as cattrs would, or decline.

    ``native_datetimes``: a UTC datetime is stored as it is, for a JSON writer that writes it
    as cattrs' text (orjson with ``OPT_UTC_Z``, see ``_json.dumps_with_datetimes``).
    """
    decline = [f"{indent}    {_DECLINE_ENCODE}"]
    store = f"{indent}res[{key!r}] = "
    if tp in _EXACT or _is_enum(tp):
        # Enum members stay members, as cattrs leaves them (a StrEnum is a str).
        test = f"type(v) is not {_EXACT.get(tp) or 'str'}"
        if _is_enum(tp):
            test += f" and type(v) is not {src.constant(tp)}"
        return [f"{indent}if {test}:", *decline, f"{store}v"]
    if tp is float:
        return [f"{indent}if type(v) is not float or not isfinite(v):", *decline, f"{store}v"]
    if tp is datetime:
        # to_wire_datetime's result for a UTC datetime, whose astimezone(UTC) is itself.
        return [
            f"{indent}if type(v) is not datetime or v.tzinfo is not UTC:",
            *decline,
            f"{store}v" if native_datetimes else f"{store}v.isoformat().replace('+00:00', 'Z')",
        ]
    if tp is timedelta:
        # duration_to_wire(v, name=..., minimum=ge), the per-field hook: whole milliseconds
        # not below the spec's bound, or the generic path raises its error.
        minimum = field.metadata.get("ge")
        lines = [
            f"{indent}if type(v) is not timedelta or v.microseconds % 1000:",
            *decline,
            f"{indent}w = v // MILLISECOND",
        ]
        if minimum is not None:
            lines += [f"{indent}if w < {src.constant(minimum)}:", *decline]
        return [*lines, f"{store}w"]
    if get_origin(tp) is list and get_args(tp)[0] in _EXACT:
        exact = _EXACT[get_args(tp)[0]]
        return [
            f"{indent}if type(v) is not list:",
            *decline,
            f"{indent}for x in v:",
            f"{indent}    if type(x) is not {exact}:",
            f"{indent}        {_DECLINE_ENCODE}",
            f"{store}list(v)",  # a copy, as cattrs makes
        ]
    if isinstance(tp, type) and attrs.has(tp):
        return [f"{indent}if type(v) is not {src.constant(tp)}:", *decline, f"{store}nested(v)"]
    return [f"{indent}{_DECLINE_ENCODE}"]


def _mentions_timedelta(tp: Any) -> bool:
    return tp is timedelta or any(_mentions_timedelta(arg) for arg in get_args(tp))


def compile_unstructurer(
    cls: type[Any],
    hints: Mapping[str, Any],
    *,
    wire_name: Callable[[attrs.Attribute[Any]], str],
    fallback: Unstructurer,
    nested: Unstructurer,
    native_datetimes: bool = False,
) -> Unstructurer | None:
    """The compiled encoding of request model ``cls``, or None if it is not a request model.

    A request model's optional fields default to ``NOT_GIVEN`` (left out when so); a model
    with another default (a response model's ``None``) keeps cattrs' function.

    Args:
        cls: An attrs model class.
        hints: Its resolved type hints by field name.
        wire_name: A field's JSON name.
        fallback: cattrs' unstructuring of the whole model; it decides every value the
            compiled function does not take.
        nested: The unstructuring of an embedded model.
        native_datetimes: Leave UTC datetimes as they are (see :func:`_encode_value_lines`).

    Returns:
        ``unstructurer(model)``: the dict ``fallback(model)`` gives, keys in the same order.
    """
    fields = attrs.fields(cls)
    if any(f.default is not attrs.NOTHING and f.default is not NOT_GIVEN for f in fields):
        return None
    src = _Source({**_base_namespace(), "fallback": fallback, "nested": nested})
    name = f"unstructure_{cls.__name__}_{next(_serial)}"
    src.lines += [f"def {name}(model):", "    res = {}"]
    # cattrs writes the fields it never leaves out first, then the others: same key order.
    ordered = [f for f in fields if f.default is attrs.NOTHING]
    ordered += [f for f in fields if f.default is NOT_GIVEN]
    for field in ordered:
        tp = hints[field.name]
        _, nullable, concrete = _split(tp)
        key = wire_name(field)
        src.lines.append(f"    v = model.{field.name}")
        indent = "    "
        if field.default is NOT_GIVEN:
            src.lines.append("    if v is not NOT_GIVEN:")
            indent = "        "
        if nullable:
            # None is sent as null: the field's hook (or cattrs' identity) keeps it.
            src.lines += [f"{indent}if v is None:", f"{indent}    res[{key!r}] = None"]
            src.lines.append(f"{indent}else:")
            indent += "    "
        if len(concrete) != 1 or (_mentions_timedelta(tp) and concrete[0] is not timedelta):
            src.lines.append(f"{indent}{_DECLINE_ENCODE}")
        else:
            src.lines += _encode_value_lines(
                src, concrete[0], field, key, indent, native_datetimes=native_datetimes
            )
    src.lines.append("    return res")
    return cast(Unstructurer, src.build(name, f"request encoding {cls.__qualname__}"))
