"""Compiled fast-path decoders for the generated models: the common case, without the hooks.

cattrs' detailed structuring calls one hook per field (``X | None`` alone is one call per
optional field) and collects errors as it goes; for a task with embedded users that is about a
hundred calls. Well-formed API data needs none of that bookkeeping. For each model this module
compiles one straight-line function that reads every field, checks its exact JSON type inline
and builds the instance, calling the compiled function of an embedded model directly.

The fast path never decides what is an error. It accepts a strict subset of what the detailed
path accepts (exact ``dict``/``list``/``str``/``int``/... types, as ``json.loads`` produces)
and builds the same value from it; anything else, whatever the reason, raises, and the caller
re-decodes with the detailed path, which either produces the same value or the precise,
path-naming error. ``tests/test_convert.py`` holds the two paths to that agreement.
"""

from __future__ import annotations

import itertools
import re
import types
import typing
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Any, Final, Union, get_args, get_origin

import attrs

from astravue_async._open_enum import OpenStrEnum
from astravue_async._types import NOT_GIVEN, NotGiven

__all__ = [
    "Rejected",
    "compile_fast_decoder",
    "parse_datetime",
    "parse_rare_datetime",
    "plain_slots",
]

FastDecoder = Callable[[Any], Any]
WireName = Callable[["attrs.Attribute[Any]"], str]


# RFC 3339 forms datetime.fromisoformat (3.11+) refuses: a lower-case "z" and the leap second
# ":60". Everything else RFC 3339 allows ("T"/"t"/space, "Z", "+hh:mm", "-00:00", fractions of
# any length) and the ISO 8601 forms in use ("+hhmm", "+hh", no offset, a date alone) it
# parses itself.
_LEAP_SECOND: Final = re.compile(
    r"(\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}:)60(?:[.,]\d+)?(Z|[+-]\d{2}(?::?\d{2})?)?",
    re.ASCII,
)


def parse_rare_datetime(text: str) -> datetime:
    """What ``fromisoformat`` refused: the forms it lacks, or a ValueError that says why."""
    normalized = text[:-1] + "Z" if text[-1:] == "z" else text
    leap = _LEAP_SECOND.fullmatch(normalized)
    if leap is not None:
        # A leap second has no datetime; it becomes the last microsecond before it, so it
        # still sorts after 23:59:59.x and stays on its own day.
        normalized = f"{leap[1]}59.999999{leap[2] or ''}"
    try:
        return datetime.fromisoformat(normalized)
    except ValueError as exc:
        reason = str(exc)
    # Raised here, not in the except block: no chained copy of the whole (maybe huge) text.
    detail = "" if reason.startswith("Invalid isoformat") else f" ({reason})"
    # Quoted whole or not at all: a cut-off quote of a token echoed here could no longer be
    # recognised (and redacted) by value.
    quoted = repr(text) if len(text) <= 64 else f"a {len(text)}-character string"
    raise ValueError(f"not an RFC 3339 date-time{detail}: {quoted}")


def parse_datetime(text: str) -> datetime:
    """An RFC 3339 / ISO 8601 date-time string → an aware ``datetime``.

    Accepted: ``T``, ``t`` or a space between date and time; ``Z``/``z``, ``+hh:mm``,
    ``+hhmm``, ``+hh`` and ``-00:00`` (read as UTC) offsets; fractions of any length,
    truncated to microseconds (never rounded, so a value never moves into the next second or
    day); a leap second ``:60``, read as ``:59.999999``; a date alone (midnight). A value
    without an offset is UTC: the API speaks UTC, and every datetime handed out is aware.
    Zero offsets come back with ``tzinfo`` ``datetime.UTC``.

    :raises ValueError: anything else (the message quotes it if it is short).
    """
    try:
        parsed = datetime.fromisoformat(text)
    except ValueError:
        parsed = parse_rare_datetime(text)
    return parsed if parsed.tzinfo is not None else parsed.replace(tzinfo=UTC)


class Rejected(Exception):
    """The fast path does not take this value; the detailed path decides."""


class _Unsupported(Exception):
    """A field type the fast path has no inline form for: the model keeps the detailed path."""


def _enum_decoder(cls: type[OpenStrEnum]) -> FastDecoder:
    members = cls._value2member_map_

    def decode(value: Any) -> Any:
        if type(value) is not str:
            raise Rejected
        member = members.get(value)
        return member if member is not None else cls(value)

    return decode


_EXACT_SCALARS: dict[Any, str] = {int: "int", str: "str", bool: "bool"}


def plain_slots(cls: type[Any]) -> bool:
    """Whether ``cls`` may be built by setting its slots directly instead of calling __init__.

    attrs' keyword-only ``__init__`` costs about four times the plain slot stores (~1 µs for a
    user), and a task embeds eleven models. It is equivalent only when ``__init__`` does no more
    than store each field: no validators, converters, hooks or custom ``__setattr__``.
    """
    return (
        "__slots__" in vars(cls)
        and vars(object)["__setattr__"] is getattr(cls, "__setattr__", None)
        and not hasattr(cls, "__attrs_pre_init__")
        and not hasattr(cls, "__attrs_post_init__")
        and all(
            f.init and f.validator is None and f.converter is None and f.on_setattr is None
            for f in attrs.fields(cls)
        )
    )


class _Compiler:
    """Writes the source of one function per model into a shared namespace.

    Models refer to each other (and to themselves), so a function calls the others by name at
    run time; every name is in the namespace before any decoder can run.
    """

    def __init__(self, wire_name: WireName) -> None:
        self._wire_name = wire_name
        self._namespace: dict[str, Any] = {
            "Rejected": Rejected,
            "fromisoformat": datetime.fromisoformat,
            "parse_rare_datetime": parse_rare_datetime,
            "ValueError": ValueError,
            "UTC": UTC,
            "dict": dict,
            "list": list,
            "int": int,
            "str": str,
            "bool": bool,
            "float": float,
            "type": type,
            "new": object.__new__,
            "MILLISECOND": timedelta(milliseconds=1),
            "NOT_GIVEN": NOT_GIVEN,
        }
        self._names: dict[type[Any], str] = {}
        self._failed: set[type[Any]] = set()
        self._pending: list[type[Any]] = []
        self._enums: dict[type[Any], str] = {}
        self._serial = itertools.count()

    def decoder(self, cls: type[Any]) -> FastDecoder | None:
        """The compiled decoder of ``cls``, or None if a field type has no fast form."""
        if cls in self._failed:
            return None
        name = self._names.get(cls)
        if name is None:
            batch = self._pending = []
            try:
                name = self._declare(cls)
                done: list[type[Any]] = []
                while batch:
                    done.append(batch.pop())
                    self._define(done[-1])
            except _Unsupported:
                # The functions defined with it may call it: forget the whole batch.
                for declared in [cls, *batch, *done]:
                    self._names.pop(declared, None)
                self._failed.add(cls)
                return None
        return typing.cast(FastDecoder, self._namespace[name])

    def _declare(self, cls: type[Any]) -> str:
        name = self._names.get(cls)
        if name is None:
            if cls in self._failed:
                raise _Unsupported
            name = self._names[cls] = f"decode_{cls.__name__}_{next(self._serial)}"
            self._namespace[f"{name}_cls"] = cls
            self._pending.append(cls)
        return name

    def _define(self, cls: type[Any]) -> None:
        name = self._names[cls]
        hints = typing.get_type_hints(cls)
        fields = attrs.fields(cls)
        if any(not field.init for field in fields):
            raise _Unsupported
        direct = plain_slots(cls)
        lines = [
            f"def {name}(o):",
            "    if type(o) is not dict:",
            "        raise Rejected",
            "    get = o.get",
        ]
        if direct:
            lines.append(f"    obj = new({name}_cls)")
        arguments = []
        for index, field in enumerate(fields):
            if field.default is attrs.NOTHING:
                lines.append(f"    v = o[{self._wire_name(field)!r}]")
            elif field.default is None:
                lines.append(f"    v = get({self._wire_name(field)!r})")
            elif field.default is NOT_GIVEN:
                # A request model: an absent member stays NOT_GIVEN, a null one is None.
                lines.append(f"    v = get({self._wire_name(field)!r}, NOT_GIVEN)")
            else:
                raise _Unsupported  # would need "absent" vs "null" told apart
            lines.extend(self._convert("v", hints[field.name], indent="    "))
            if direct:
                lines.append(f"    obj.{field.name} = v")
            else:
                lines.append(f"    a{index} = v")
                arguments.append(f"{field.alias}=a{index}")
        if direct:
            lines.append("    return obj")
        else:
            lines.append(f"    return {name}_cls({', '.join(arguments)})")
        source = "\n".join(lines)
        code = compile(source, f"<astravue fast decoder {cls.__qualname__}>", "exec")
        exec(code, self._namespace)  # noqa: S102 - our own source, built from field types

    def _convert(self, var: str, tp: Any, *, indent: str) -> list[str]:
        """Lines that check ``var`` against ``tp`` and rebind it to the decoded value."""
        args = get_args(tp)
        if get_origin(tp) in (Union, types.UnionType) and NotGiven in args:
            # Only reached through the NOT_GIVEN default above; JSON cannot hold the sentinel.
            rest = tuple(arg for arg in args if arg is not NotGiven)
            inner_tp = rest[0] if len(rest) == 1 else Union[rest]  # noqa: UP007 - from a tuple
            body = self._convert(var, inner_tp, indent=indent + "    ")
            return [f"{indent}if {var} is not NOT_GIVEN:", *body] if body else []
        if get_origin(tp) in (Union, types.UnionType):
            if len(args) != 2 or type(None) not in args:
                raise _Unsupported
            inner = args[0] if args[1] is type(None) else args[1]
            body = self._convert(var, inner, indent=indent + "    ")
            return [f"{indent}if {var} is not None:", *body] if body else []
        if tp is Any:
            return []
        if tp is None or tp is type(None):
            return [f"{indent}if {var} is not None:", f"{indent}    raise Rejected"]
        if tp in _EXACT_SCALARS:
            exact = _EXACT_SCALARS[tp]
            return [f"{indent}if type({var}) is not {exact}:", f"{indent}    raise Rejected"]
        if tp is float:
            return [
                f"{indent}if type({var}) is int:",
                f"{indent}    {var} = float({var})",
                f"{indent}elif type({var}) is not float:",
                f"{indent}    raise Rejected",
            ]
        if tp is timedelta:
            # Whole milliseconds on the wire (the only x-unit codegen allows). A value beyond
            # timedelta's range raises OverflowError: the detailed path reports it.
            return [
                f"{indent}if type({var}) is not int:",
                f"{indent}    raise Rejected",
                f"{indent}{var} = MILLISECOND * {var}",
            ]
        if tp is datetime:
            # parse_datetime() inlined: a task carries a dozen datetimes. The try costs
            # nothing unless fromisoformat refuses (a "z", a leap second, or garbage, which
            # the detailed path then reports).
            return [
                f"{indent}if type({var}) is not str:",
                f"{indent}    raise Rejected",
                f"{indent}try:",
                f"{indent}    {var} = fromisoformat({var})",
                f"{indent}except ValueError:",
                f"{indent}    {var} = parse_rare_datetime({var})",
                f"{indent}if {var}.tzinfo is None:",
                f"{indent}    {var} = {var}.replace(tzinfo=UTC)",
            ]
        if get_origin(tp) is list:
            (item_type,) = args
            item = f"{var}_item"
            item_lines = self._convert(item, item_type, indent="")
            lines = [f"{indent}if type({var}) is not list:", f"{indent}    raise Rejected"]
            if not item_lines:
                return [*lines, f"{indent}{var} = list({var})"]
            if not any(line.lstrip().startswith(f"{item} = ") for line in item_lines):
                # Checks only (ids, tags): check in a loop, copy as the detailed path does.
                check = [f"{indent}for {item} in {var}:"]
                check += [f"{indent}    {line}" for line in item_lines]
                return [*lines, *check, f"{indent}{var} = list({var})"]
            if len(item_lines) == 1:
                # A single rebinding (a model or an enum): a comprehension over it.
                expression = item_lines[0].removeprefix(f"{item} = ")
                return [*lines, f"{indent}{var} = [{expression} for {item} in {var}]"]
            helper = self._helper(item_type, item_lines, item)
            return [*lines, f"{indent}{var} = [{helper}({item}) for {item} in {var}]"]
        if isinstance(tp, type) and issubclass(tp, OpenStrEnum):
            enum_helper = self._enums.get(tp)
            if enum_helper is None:
                enum_helper = self._enums[tp] = f"enum_{tp.__name__}_{next(self._serial)}"
                self._namespace[enum_helper] = _enum_decoder(tp)
            return [f"{indent}{var} = {enum_helper}({var})"]
        if isinstance(tp, type) and attrs.has(tp):
            return [f"{indent}{var} = {self._declare(tp)}({var})"]
        raise _Unsupported

    def _helper(self, tp: Any, body: list[str], var: str) -> str:
        name = f"item_{next(self._serial)}"
        source = "\n".join(
            [f"def {name}({var}):", *(f"    {line}" for line in body), f"    return {var}"]
        )
        exec(compile(source, f"<astravue fast decoder {tp!r}>", "exec"), self._namespace)  # noqa: S102
        return name


def compile_fast_decoder(wire_name: WireName) -> Callable[[type[Any]], FastDecoder | None]:
    """A per-model decoder factory sharing one compiled namespace.

    The returned function gives the fast decoder of a model class, or None when one of its
    fields (or of an embedded model's) has a type the fast path cannot check inline.
    """
    return _Compiler(wire_name).decoder
