"""Response bodies decoded straight from their bytes into the models, with msgspec.

The common case of :func:`~astravue_async._request.decode_response` in one pass: msgspec
parses the envelope ``{success, message, code, data}`` and checks every JSON type in C, into
throwaway ``msgspec.Struct`` mirrors of the models (one per model, fields renamed to their wire
names); one compiled function per model then moves the values into the attrs model, reading
date-times and milliseconds on the way. For a task that takes about half the time of
pydantic's ``model_validate_json`` and a third of parsing with orjson and decoding the dicts.

Like ``_fast_structure``, this path never decides what is an error. It takes a strict subset
of what the detailed path accepts and builds the same value from it; whatever it does not take,
whatever the reason (``success: false``, ``data: null``, a value of the wrong type, a missing
field, an integer beyond what orjson keeps exact, a date-time form ``fromisoformat`` does not
read, a body that is not UTF-8 ...), raises, and the caller decodes the body the detailed way,
which produces the same value or the precise, path-naming error.
``tests/test_decode_bytes.py`` holds the two to that agreement.

What it keeps apart on purpose:

* Date-times are read by ``datetime.fromisoformat`` (the detailed path's reader), not by
  msgspec, which rounds fractions finer than a microsecond where the SDK truncates them.
* Enums are msgspec's: it calls ``OpenStrEnum._missing_`` for a value the spec does not know,
  as the detailed path does, and caches nothing.
* A type it has no mirror for (``Any``, a request model's ``NOT_GIVEN`` default, a model that
  contains itself) makes the whole response type decline, once: it then always takes the
  detailed path.

A list read item by item (a paginator's ``async for``) is decoded in two phases
(:func:`deferred_decoder`): when the page arrives, msgspec checks it into the mirrors and one
compiled function per model converts, in place, everything that can still fail (date-times,
durations); each item's model is built only when the loop reaches it, by a function that only
moves values. The mirrors are untracked (``gc=False``), so a stream whose consumer drops each
item gives the garbage collector nothing to promote (a page of models held while it is
iterated once cost a 200,000-task stream 29 full collections).

msgspec is optional (the ``speedups`` extra) and imported on the first decode, not with the
package; without it, or with ``ASTRAVUE_JSON_BACKEND`` set (see ``_json``), every body takes
the detailed path.
"""

from __future__ import annotations

import importlib
import itertools
import threading
import types
import typing
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Annotated, Any, Final, Optional, Union, get_args, get_origin

import attrs

from astravue_async._convert import wire_name
from astravue_async._fast_structure import parse_rare_datetime, plain_slots
from astravue_async._json import MSGSPEC_ALLOWED
from astravue_async._open_enum import OpenStrEnum

__all__ = [
    "BytesDecoder",
    "Declined",
    "DeferredItems",
    "DeferredPage",
    "bytes_decoder",
    "deferred_decoder",
]

BytesDecoder = Callable[[bytes], Any]
"""Response body → the envelope's decoded ``data``; raises whenever it does not decide."""

# Integers orjson keeps exact (it does up to 2**64 - 1, but msgspec bounds stop at int64);
# outside them msgspec declines and the detailed path decides, as it does for an integer
# orjson turned into a float.
_INT_MIN: Final = -(2**63)
_INT_MAX: Final = 2**63 - 1
_INLINE_DEPTH: Final = 2


@attrs.frozen
class DeferredItems:
    """A list response whose items are built into models one at a time, as they are read.

    The key of a :func:`deferred_decoder`: ``response_type`` is the operation's response
    type, ``items_attr`` the attribute of that model holding the items (``None``: the data
    is the list itself).
    """

    response_type: Any
    items_attr: str | None


class DeferredPage:
    """A decoded page whose items are checked but not yet built into models.

    Everything that can fail (the JSON types, date-times, durations) was decided when the
    page was decoded, so :attr:`build` cannot fail: it only moves values into the model.
    A stream that builds each item as it reads it keeps a page of models from piling up
    for the garbage collector, whose full collections otherwise stall one page in a
    hundred (the mirrors are untracked ``gc=False`` structs).
    """

    __slots__ = ("build", "data", "items")

    def __init__(self, data: Any, items: list[Any], build: Callable[[Any], Any]) -> None:
        self.data = data
        """The response's model with the items attribute ``None`` (``None`` for a list)."""
        self.items = items
        """The items' checked mirrors, in the server's order."""
        self.build = build
        """Mirror → model; call it once per mirror (the model takes over its lists)."""


class Declined(Exception):
    """A well-formed envelope this path leaves to the detailed one (no data, or a failure)."""


def _list_item(tp: Any) -> Any:
    """``X`` of ``list[X]`` or ``list[X] | None``; None for anything else."""
    origin, args = get_origin(tp), get_args(tp)
    if origin in (Union, types.UnionType):
        rest = [arg for arg in args if arg is not type(None)]
        if len(rest) != 1:
            return None
        tp = rest[0]
        origin, args = get_origin(tp), get_args(tp)
    return args[0] if origin is list else None


class _Unsupported(Exception):
    """A type without a mirror: the response type always takes the detailed path."""


class _Builder:
    """Mirrors (``msgspec.Struct`` types) and converter functions, one per model, shared."""

    def __init__(self, msgspec: types.ModuleType) -> None:
        self._msgspec = msgspec
        self._int = Annotated[int, msgspec.Meta(ge=_INT_MIN, le=_INT_MAX)]
        self._namespace: dict[str, Any] = {
            "new": object.__new__,
            "fromisoformat": datetime.fromisoformat,
            "parse_rare_datetime": parse_rare_datetime,
            "MILLISECOND": timedelta(milliseconds=1),
            "UTC": UTC,
        }
        self._models: dict[type[Any], tuple[Any, str]] = {}
        """Model → (its mirror, the name of its converter in the namespace)."""
        self._classes: dict[type[Any], str] = {}
        """Model → its name in the namespace."""
        self._building: set[type[Any]] = set()
        self._failed: set[type[Any]] = set()
        self._prepping: dict[type[Any], bool] = {}
        self._preps: dict[type[Any], str] = {}
        """Model → the name of its mirror's in-place conversion (see _prep_function)."""
        self._builds: dict[type[Any], str] = {}
        """Model → the name of its builder from a prepared mirror (see _build_function)."""
        self._serial = itertools.count()

    def decoder(self, response_type: Any) -> BytesDecoder | None:
        try:
            mirror = self._mirror(response_type)
            lines = self._convert("v", response_type, indent="    ")
        except _Unsupported:
            return None
        read_envelope = self._envelope(mirror)
        name = f"decode_data_{next(self._serial)}"
        convert = self._define(name, [f"def {name}(v):", *lines, "    return v"])

        def decode(raw: bytes) -> Any:
            if not raw.isascii():
                # The detailed path's parsers refuse a body that is not UTF-8 anywhere in it;
                # msgspec checks only the members it keeps.
                raw.decode()
            envelope = read_envelope(raw)
            data = envelope.data
            if data is None or not envelope.success:
                raise Declined
            return convert(data)

        return decode

    def deferred(self, key: DeferredItems) -> BytesDecoder | None:
        """The decoder of ``key``: the page decoded and checked, its items left as mirrors."""
        tp, items_attr = key.response_type, key.items_attr
        try:
            if items_attr is None:
                if get_origin(tp) is not list:
                    return None
                item_tp = get_args(tp)[0]
            else:
                if not (isinstance(tp, type) and attrs.has(tp)):
                    return None
                item_tp = _list_item(typing.get_type_hints(tp).get(items_attr))
            if not (isinstance(item_tp, type) and attrs.has(item_tp)):
                return None
            mirror = self._mirror(tp)
            prep = self._prep_function(item_tp)
            build = self._build_function(item_tp)
            page = None
            if items_attr is not None:
                name = f"convert_page_{next(self._serial)}"
                body = self._body(
                    tp, "s", "o", indent="    ", depth=0, skip=frozenset({items_attr})
                )
                page = self._define(name, [f"def {name}(s):", *body, "    return o"])
        except _Unsupported:
            return None
        read_envelope = self._envelope(mirror)
        attr = items_attr or ""
        prep_item = self._namespace[prep] if prep is not None else None
        build_item = typing.cast(Callable[[Any], Any], self._namespace[build])

        def decode(raw: bytes) -> DeferredPage:
            if not raw.isascii():
                raw.decode()  # as in decoder(): refuse what is not UTF-8 anywhere
            envelope = read_envelope(raw)
            data = envelope.data
            if data is None or not envelope.success:
                raise Declined
            if page is None:
                items, model = data, None
            else:
                items, model = getattr(data, attr) or [], page(data)
            if prep_item is not None:
                for item in items:
                    prep_item(item)
            return DeferredPage(model, items, build_item)

        return decode

    def _envelope(self, mirror: Any) -> Callable[[bytes], Any]:
        envelope_type = self._msgspec.defstruct(
            f"Envelope{next(self._serial)}",
            [("success", bool), ("data", Optional[mirror], None)],  # noqa: UP045 - a runtime type
            gc=False,
        )
        return typing.cast(Callable[[bytes], Any], self._msgspec.json.Decoder(envelope_type).decode)

    # ------------------------------------------------------------------ two phases

    def _needs_prep(self, tp: Any) -> bool:
        """Whether a mirror of ``tp`` holds a date-time or duration still to convert."""
        origin, args = get_origin(tp), get_args(tp)
        if origin in (Union, types.UnionType) or origin is list:
            return any(self._needs_prep(arg) for arg in args if arg is not type(None))
        if tp is datetime or tp is timedelta:
            return True
        if isinstance(tp, type) and attrs.has(tp):
            known = self._prepping.get(tp)
            if known is None:
                hints = typing.get_type_hints(tp)
                known = self._prepping[tp] = any(
                    self._needs_prep(hints[field.name]) for field in attrs.fields(tp)
                )
            return known
        return False

    def _prep_function(self, cls: type[Any]) -> str | None:
        """The name of the function that converts, in place, every date-time and duration a
        mirror of ``cls`` holds (all that can fail); None when there is none."""
        if not self._needs_prep(cls):
            return None
        known = self._preps.get(cls)
        if known is not None:
            return known
        name = self._preps[cls] = f"prep_{cls.__name__}_{next(self._serial)}"
        hints = typing.get_type_hints(cls)
        lines = [f"def {name}(s):"]
        for field in attrs.fields(cls):
            tp = hints[field.name]
            if self._needs_prep(tp):
                lines.append(f"    v = s.{field.name}")
                lines.extend(self._prep_lines("v", tp, indent="    ", store=f"s.{field.name}"))
        lines.append("    return s")
        self._define(name, lines)
        return name

    def _prep_lines(self, var: str, tp: Any, *, indent: str, store: str) -> list[str]:
        """Lines that convert the date-times and durations in ``var``, read from the mirror
        attribute ``store``: a value is written back there, a model or list changed in place."""
        origin, args = get_origin(tp), get_args(tp)
        if origin in (Union, types.UnionType):
            inner = args[0] if args[1] is type(None) else args[1]
            body = self._prep_lines(var, inner, indent=indent + "    ", store=store)
            return [f"{indent}if {var} is not None:", *body]
        if origin is list:
            item_tp, item = args[0], f"{var}_item"
            if isinstance(item_tp, type) and attrs.has(item_tp):
                name = self._prep_function(item_tp)
                return [f"{indent}for {item} in {var}:", f"{indent}    {name}({item})"]
            helper = f"item_{next(self._serial)}"
            body = [f"    {line}" for line in self._convert(item, item_tp, indent="")]
            self._define(helper, [f"def {helper}({item}):", *body, f"    return {item}"])
            return [f"{indent}{var}[:] = [{helper}({item}) for {item} in {var}]"]
        if isinstance(tp, type) and attrs.has(tp):
            return [f"{indent}{self._prep_function(tp)}({var})"]
        # A date-time or a duration: converted, then written back into the mirror.
        return [*self._convert(var, tp, indent=indent), f"{indent}{store} = {var}"]

    def _build_function(self, cls: type[Any]) -> str:
        """The name of the function that builds ``cls`` from a prepared mirror (cannot fail)."""
        known = self._builds.get(cls)
        if known is not None:
            return known
        self._model(cls)  # its mirror and class name first
        name = self._builds[cls] = f"build_{cls.__name__}_{next(self._serial)}"
        body = self._body(cls, "s", "o", indent="    ", depth=0, prepared=True)
        self._define(name, [f"def {name}(s):", *body, "    return o"])
        return name

    # ------------------------------------------------------------------ mirrors

    def _mirror(self, tp: Any) -> Any:
        """The msgspec type that reads the JSON of ``tp`` (date-times as text, ms as ints)."""
        origin, args = get_origin(tp), get_args(tp)
        if origin in (Union, types.UnionType):
            if len(args) != 2 or type(None) not in args:
                raise _Unsupported
            inner = args[0] if args[1] is type(None) else args[1]
            return Optional[self._mirror(inner)]  # noqa: UP045 - a runtime type
        if origin is list:
            return list[self._mirror(args[0])]  # type: ignore[misc]
        if tp is int or tp is timedelta:
            return self._int
        if tp is str or tp is bool or tp is float:
            return tp
        if tp is datetime:
            return str
        if isinstance(tp, type) and issubclass(tp, OpenStrEnum):
            return tp
        if isinstance(tp, type) and attrs.has(tp):
            return self._model(tp)[0]
        raise _Unsupported

    def _model(self, cls: type[Any]) -> tuple[Any, str]:
        known = self._models.get(cls)
        if known is not None:
            return known
        if cls in self._failed or cls in self._building:  # a model containing itself
            raise _Unsupported
        self._building.add(cls)
        try:
            built = self._models[cls] = self._build_model(cls)
        except _Unsupported:
            self._failed.add(cls)
            raise
        finally:
            self._building.discard(cls)
        return built

    def _build_model(self, cls: type[Any]) -> tuple[Any, str]:
        hints = typing.get_type_hints(cls)
        fields = attrs.fields(cls)
        members: list[tuple[Any, ...]] = []
        for field in fields:
            if not field.init or field.default not in (attrs.NOTHING, None):
                raise _Unsupported  # NOT_GIVEN (a request model) or a computed field
            mirror = self._mirror(hints[field.name])
            required = field.default is attrs.NOTHING
            members.append((field.name, mirror) if required else (field.name, mirror, None))
        serial = next(self._serial)
        struct = self._msgspec.defstruct(
            f"{cls.__name__}Wire{serial}",
            members,
            rename={field.name: wire_name(field) for field in fields},
            gc=False,  # decoded, converted and dropped at once: no cycles to collect
            # The model it mirrors, for a deferred page's item ids (_pagination.id_field).
            namespace={"__astravue_model__": cls},
        )
        self._namespace[f"{cls.__name__}_{serial}"] = cls
        self._classes[cls] = f"{cls.__name__}_{serial}"
        name = f"convert_{cls.__name__}_{serial}"
        body = self._body(cls, "s", "o", indent="    ", depth=0)
        self._define(name, [f"def {name}(s):", *body, "    return o"])
        return struct, name

    def _body(
        self,
        cls: type[Any],
        source: str,
        target: str,
        *,
        indent: str,
        depth: int,
        prepared: bool = False,
        skip: frozenset[str] = frozenset(),
    ) -> list[str]:
        """Lines that build ``cls`` from the mirror in ``source`` and bind it to ``target``.

        ``prepared``: the mirror's date-times and durations are final already (see
        :meth:`_prep_lines`). ``skip``: fields left ``None`` (a deferred page's items).
        """
        hints = typing.get_type_hints(cls)
        serial = next(self._serial)
        obj, value = f"o{serial}", f"v{serial}"
        direct = plain_slots(cls)
        lines = []
        if direct:
            # attrs' __init__ only stores here (see plain_slots): set the slots directly.
            lines.append(f"{indent}{obj} = new({self._classes[cls]})")
        arguments = []
        for index, field in enumerate(attrs.fields(cls)):
            tp = hints[field.name]
            converting = (
                []
                if field.name in skip
                else self._convert(value, tp, indent=indent, depth=depth, prepared=prepared)
            )
            if field.name in skip:
                result = "None"
            elif not converting:
                result = f"{source}.{field.name}"
            else:
                lines.append(f"{indent}{value} = {source}.{field.name}")
                lines.extend(converting)
                result = value
            if direct:
                lines.append(f"{indent}{obj}.{field.name} = {result}")
            else:
                lines.append(f"{indent}a{serial}_{index} = {result}")
                arguments.append(f"{field.alias}=a{serial}_{index}")
        if direct:
            lines.append(f"{indent}{target} = {obj}")
        else:
            lines.append(f"{indent}{target} = {self._classes[cls]}({', '.join(arguments)})")
        return lines

    # ------------------------------------------------------------------ converters

    def _convert(
        self, var: str, tp: Any, *, indent: str, depth: int = 0, prepared: bool = False
    ) -> list[str]:
        """Lines that turn ``var`` (as its mirror decoded it) into the model's value.

        ``prepared``: date-times and durations in ``var`` were converted already.
        """
        origin, args = get_origin(tp), get_args(tp)
        if origin in (Union, types.UnionType):
            inner = args[0] if args[1] is type(None) else args[1]
            body = self._convert(var, inner, indent=indent + "    ", depth=depth, prepared=prepared)
            return [f"{indent}if {var} is not None:", *body] if body else []
        if origin is list:
            item = f"{var}_item"
            item_lines = self._convert(item, args[0], indent="", prepared=prepared)
            if not item_lines:
                return []  # msgspec built a fresh list of final values
            if len(item_lines) == 1:
                expression = item_lines[0].removeprefix(f"{item} = ")
            else:
                helper = f"item_{next(self._serial)}"
                body = [f"    {line}" for line in item_lines]
                self._define(helper, [f"def {helper}({item}):", *body, f"    return {item}"])
                expression = f"{helper}({item})"
            return [f"{indent}{var} = [{expression} for {item} in {var}]"]
        if prepared and (tp is timedelta or tp is datetime):
            return []
        if tp is timedelta:
            # A product, the cheapest way to build one (a third of timedelta(milliseconds=)).
            # Beyond timedelta's range it raises OverflowError; the detailed path reports it.
            return [f"{indent}{var} = MILLISECOND * {var}"]
        if tp is datetime:
            # parse_datetime() inlined, as in _fast_structure: a task carries a dozen.
            return [
                f"{indent}try:",
                f"{indent}    {var} = fromisoformat({var})",
                f"{indent}except ValueError:",
                f"{indent}    {var} = parse_rare_datetime({var})",
                f"{indent}if {var}.tzinfo is None:",
                f"{indent}    {var} = {var}.replace(tzinfo=UTC)",
            ]
        if isinstance(tp, type) and attrs.has(tp):
            name = self._build_function(tp) if prepared else self._model(tp)[1]
            if depth < _INLINE_DEPTH:
                # An embedded model (a task's status, a user's role) built in place, which
                # saves a call per model (about 3% of a task's decode).
                return self._body(tp, var, var, indent=indent, depth=depth + 1, prepared=prepared)
            return [f"{indent}{var} = {name}({var})"]
        return []  # int, str, bool, float, enums: msgspec's value is final

    def _define(self, name: str, lines: list[str]) -> Callable[[Any], Any]:
        source = "\n".join(lines)
        exec(compile(source, f"<astravue bytes decoder {name}>", "exec"), self._namespace)  # noqa: S102 - our own source, built from field types
        return typing.cast(Callable[[Any], Any], self._namespace[name])


class _Decoders(dict[Any, "BytesDecoder | None"]):
    """Response type → its decoder (None: none), each built on first use.

    Looked up on every response, so a hit is one C-level ``dict`` lookup (see
    :data:`bytes_decoder`); only a miss runs Python.
    """

    def __init__(self) -> None:
        super().__init__()
        self._lock = threading.Lock()
        self._builder: _Builder | None = None
        self._unavailable = not MSGSPEC_ALLOWED

    def __missing__(self, response_type: Any) -> BytesDecoder | None:
        with self._lock:  # sync clients decode on several threads: build each once
            if response_type in self:
                return self[response_type]
            found = self._build(response_type)
            self[response_type] = found
            return found

    def _build(self, response_type: Any) -> BytesDecoder | None:
        if self._unavailable:
            return None
        if self._builder is None:
            try:
                # Optional (the speedups extra); imported by name so that type checking
                # does not depend on it being installed.
                msgspec = importlib.import_module("msgspec")
            except ImportError:
                self._unavailable = True
                return None
            self._builder = _Builder(msgspec)
        try:
            if isinstance(response_type, DeferredItems):
                return self._builder.deferred(response_type)
            return self._builder.decoder(response_type)
        except Exception:  # e.g. a msgspec that refuses a mirror: the detailed path, always
            return None


_decoders = _Decoders()

bytes_decoder: Callable[[Any], BytesDecoder | None] = _decoders.__getitem__
"""The one-pass decoder of ``response_type`` bodies, or None (msgspec missing or ruled out,
or a type without a mirror). One per response type of the spec, built on first use."""


def deferred_decoder(key: DeferredItems) -> Callable[[bytes], DeferredPage] | None:
    """The decoder of a list response that leaves its items as checked mirrors (a
    :class:`DeferredPage`), or None where :func:`bytes_decoder` would have none, or the items
    are not models. Like it, raises whenever it does not decide."""
    return _decoders[key]
