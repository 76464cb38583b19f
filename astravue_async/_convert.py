"""The one cattrs converter between JSON-shaped data and the generated attrs models.

Configured from the generated metadata (each attrs field carries its wire name), so there is no
hand-kept mapping to drift. Decoding is tolerant where the API may evolve (unknown fields are
ignored, unknown enum values are kept) and strict where a wrong value would silently corrupt
data (an ``int`` field never accepts ``"12"`` or ``true``, a list field never a string or an
object). Every decoding failure is a :class:`~astravue_async.DecodeError` naming the JSON path
of the offending value, never a bare ``KeyError``.

Durations (fields the spec gives an ``x-unit``) are :class:`~datetime.timedelta` in Python and
whole milliseconds on the wire. Request models tell three things apart per optional field:
``NOT_GIVEN`` (left out of the body), ``None`` (JSON ``null``, only where the spec says
nullable) and a value.

Speed: each model's hook first tries a compiled straight-line decoder (``_fast_structure``),
which takes only exactly-typed JSON; whatever it declines goes through cattrs' detailed path,
so results and error messages are the detailed path's either way. Request models go out the
same way: ``check_request`` and ``unstructure`` run a compiled per-model function
(``_fast_check``) that hands anything not exactly typed to the generic code below.
"""

from __future__ import annotations

import math
import threading
import types
import typing
from collections.abc import Callable, Mapping
from datetime import UTC, datetime, timedelta
from enum import Enum
from typing import TYPE_CHECKING, Any, Final, TypeVar, Union, cast, get_args, get_origin

import attrs

from astravue_async._errors import DecodeError
from astravue_async._fast_check import Checker, compile_checker, compile_unstructurer
from astravue_async._fast_structure import compile_fast_decoder, parse_datetime
from astravue_async._open_enum import OpenStrEnum
from astravue_async._types import NOT_GIVEN, NotGiven

if TYPE_CHECKING:
    import cattrs

__all__ = [
    "check_request",
    "check_value",
    "duration_to_wire",
    "structure",
    "to_wire_datetime",
    "unstructure",
    "wire_name",
]

T = TypeVar("T")

WIRE = "wire"
_MILLISECOND = timedelta(milliseconds=1)


def wire_name(field: attrs.Attribute[Any]) -> str:
    """The JSON name of a generated model field."""
    name = field.metadata.get(WIRE, field.name)
    return cast(str, name)


def to_wire_datetime(value: datetime, *, name: str = "datetime") -> str:
    """An aware datetime → ISO-8601 in UTC with a ``Z`` suffix.

    Naive datetimes are refused: guessing the caller's zone would shift due dates and time
    entries by hours without anyone noticing.
    """
    if not isinstance(value, datetime):
        raise TypeError(f"{name} must be a datetime, not {type(value).__name__}")
    if value.tzinfo is None or value.utcoffset() is None:
        raise ValueError(
            f"{name} is a naive datetime ({value.isoformat()}); pass a timezone-aware one, "
            "e.g. datetime.now(timezone.utc)"
        )
    try:
        utc = value.astimezone(UTC)
    except OverflowError:  # e.g. 0001-01-01 at UTC+5 is still year 0 in UTC
        raise ValueError(
            f"{name} ({value.isoformat()}) is outside the range a UTC datetime can hold"
        ) from None
    return utc.isoformat().replace("+00:00", "Z")


def duration_to_wire(
    value: timedelta, *, name: str = "duration", minimum: float | None = None
) -> int:
    """A ``timedelta`` → the whole number of milliseconds the API takes.

    Refused rather than rounded: a value finer than a millisecond (the API could not store
    it, and rounding would change what the caller asked for), and one below ``minimum``
    milliseconds (the spec's bound, e.g. 0 for a duration that cannot be negative).

    :param name: the field or argument name the errors give.
    :raises TypeError: ``value`` is not a ``timedelta``.
    :raises ValueError: sub-millisecond or below ``minimum``.
    """
    if not isinstance(value, timedelta):
        raise TypeError(f"{name} must be a datetime.timedelta, not {type(value).__name__}")
    milliseconds, rest = divmod(value, _MILLISECOND)
    if rest:
        raise ValueError(
            f"{name} ({value!r}) is not a whole number of milliseconds; the API stores "
            "durations in milliseconds"
        )
    if minimum is not None and milliseconds < minimum:
        bound = "not be negative" if minimum == 0 else f"be at least {minimum} milliseconds"
        raise ValueError(f"{name} must {bound}, got {value!r}")
    return milliseconds


def _structure_duration(value: Any, _: type) -> timedelta:
    if isinstance(value, bool) or not isinstance(value, int):
        raise TypeError(f"expected an integer number of milliseconds, got {type(value).__name__}")
    try:
        return timedelta(milliseconds=value)
    except OverflowError:
        # The value is not quoted: it may have thousands of digits.
        raise ValueError("milliseconds outside the range a timedelta can hold") from None


def _unstructure_duration(value: timedelta) -> int:
    return duration_to_wire(value)


def _unstructure_not_given(_: NotGiven) -> Any:
    # Model fields holding NOT_GIVEN are left out before this runs; only a NOT_GIVEN inside
    # plain data (a raw dict body) gets here, and it has no JSON form.
    raise TypeError("NOT_GIVEN cannot be sent: leave the member out instead")


def _structure_datetime(value: Any, _: type) -> datetime:
    # The same function the fast path inlines, so both read every form alike (see
    # parse_datetime for the forms, fractions, leap seconds and values without an offset).
    if not isinstance(value, str):
        raise TypeError(f"expected an RFC 3339 date-time string, got {type(value).__name__}")
    return parse_datetime(value)


def _structure_int(value: Any, _: type) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise TypeError(f"expected an integer, got {type(value).__name__}")
    return value


def _structure_float(value: Any, _: type) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise TypeError(f"expected a number, got {type(value).__name__}")
    return float(value)


def _structure_str(value: Any, _: type) -> str:
    if not isinstance(value, str):
        raise TypeError(f"expected a string, got {type(value).__name__}")
    return value


def _structure_bool(value: Any, _: type) -> bool:
    if not isinstance(value, bool):
        raise TypeError(f"expected a boolean, got {type(value).__name__}")
    return value


def _structure_enum(value: Any, cls: type[OpenStrEnum]) -> OpenStrEnum:
    if not isinstance(value, str):
        raise TypeError(f"expected a string for {cls.__name__}, got {type(value).__name__}")
    return cls(value)  # an unknown value becomes a pseudo member keeping the raw string


def _unstructure_enum(value: Enum) -> Any:
    return value.value


def _unstructure_float(value: float) -> float:
    if not math.isfinite(value):
        raise ValueError(f"{value!r} cannot be sent: JSON has no NaN or infinity")
    return value


def _model_structure_factory(conv: cattrs.Converter, *, fast: bool) -> Callable[[type[Any]], Any]:
    from cattrs.gen import make_dict_structure_fn, override

    fast_decoder = compile_fast_decoder(wire_name) if fast else None

    def factory(cls: type[Any]) -> Callable[[Any, type[Any]], Any]:
        overrides: dict[str, Any] = {
            f.name: override(rename=wire_name(f)) for f in attrs.fields(cls)
        }
        inner = make_dict_structure_fn(cls, conv, _cattrs_detailed_validation=True, **overrides)
        fast_path = fast_decoder(cls) if fast_decoder is not None else None

        def structure_model(value: Any, _: type[Any]) -> Any:
            if fast_path is not None:
                # Anything the fast path does not take (a bad value, a Mapping that is not a
                # dict, ...) is decided below: that path accepts it too, or names the problem.
                try:
                    return fast_path(value)
                except Exception:  # noqa: S110 - not swallowed: the detailed path re-decides
                    pass
            if type(value) is not dict and not isinstance(value, Mapping):
                raise TypeError(
                    f"expected a JSON object for {cls.__name__}, got {type(value).__name__}"
                )
            return inner(value, cls)

        return structure_model

    return factory


def _is_optional(tp: Any) -> bool:
    args = get_args(tp)
    return get_origin(tp) in (Union, types.UnionType) and len(args) == 2 and type(None) in args


def _may_be_not_given(tp: Any) -> bool:
    return get_origin(tp) in (Union, types.UnionType) and NotGiven in get_args(tp)


def without_not_given(tp: Any) -> Any:
    """``T | NotGiven`` → ``T``; ``T | NotGiven | None`` → ``T | None``."""
    rest = tuple(arg for arg in get_args(tp) if arg is not NotGiven)
    return rest[0] if len(rest) == 1 else Union[rest]  # noqa: UP007 - built from a tuple


def _not_given_structure_factory(conv: cattrs.Converter) -> Callable[[Any], Any]:
    """A present JSON member of a request model is decoded as the type without NotGiven.

    An absent member never gets here: it takes the field's default, NOT_GIVEN.
    """

    def factory(tp: Any) -> Callable[[Any, Any], Any]:
        inner = without_not_given(tp)
        inner_hook: Callable[[Any, Any], Any] | None = None

        def structure_given(value: Any, _: Any) -> Any:
            nonlocal inner_hook
            if inner_hook is None:  # resolved lazily: models may refer to each other
                inner_hook = conv.get_structure_hook(inner)
            return inner_hook(value, inner)

        return structure_given

    return factory


def _optional_structure_factory(conv: cattrs.Converter) -> Callable[[Any], Any]:
    """``X | None`` with X's hook looked up once, not on every value (cattrs' default)."""

    def factory(tp: Any) -> Callable[[Any, Any], Any]:
        inner = next(arg for arg in get_args(tp) if arg is not type(None))
        inner_hook: Callable[[Any, Any], Any] | None = None

        def structure_optional(value: Any, _: Any) -> Any:
            nonlocal inner_hook
            if value is None:
                return None
            if inner_hook is None:  # resolved lazily: models may refer to each other
                inner_hook = conv.get_structure_hook(inner)
            return inner_hook(value, inner)

        return structure_optional

    return factory


def _is_list(tp: Any) -> bool:
    return get_origin(tp) is list


def _list_structure_factory(conv: cattrs.Converter) -> Callable[[Any], Any]:
    """``list[X]`` that takes only an array: cattrs' own hook iterates whatever it is given.

    Without the check a JSON string where a list belongs decodes to its characters
    (``"abc"`` → ``['a', 'b', 'c']``) and an object to its keys, silently or with an error
    naming an item that does not exist. A tuple passes, as it does in request checks.
    """
    from cattrs.cols import list_structure_factory

    def factory(tp: Any) -> Callable[[Any, Any], Any]:
        items = list_structure_factory(tp, conv)

        def structure_list(value: Any, _: Any) -> Any:
            if type(value) is not list and not isinstance(value, list | tuple):
                raise TypeError(f"expected a JSON array, got {type(value).__name__}")
            return items(value, tp)

        return structure_list

    return factory


def _mentions_timedelta(tp: Any) -> bool:
    return tp is timedelta or any(_mentions_timedelta(arg) for arg in get_args(tp))


def _duration_hook(name: str, minimum: float | None) -> Callable[[Any], Any]:
    def unstructure_duration(value: Any) -> Any:
        return None if value is None else duration_to_wire(value, name=name, minimum=minimum)

    return unstructure_duration


def _model_unstructure_factory(conv: cattrs.Converter) -> Callable[[type[Any]], Any]:
    from cattrs.gen import make_dict_unstructure_fn, override

    def factory(cls: type[Any]) -> Callable[[Any], Any]:
        hints = _hints(cls)
        overrides: dict[str, Any] = {}
        for f in attrs.fields(cls):
            # Left out: NOT_GIVEN in a request model (so a partial update never touches other
            # fields), None in a response model (where it means "absent"). None in a request
            # model is sent: it is how a nullable field is cleared.
            omit = f.default is None or f.default is NOT_GIVEN
            if _mentions_timedelta(hints[f.name]):
                # Per field, so an error names it; "ge" is the spec's bound in milliseconds.
                hook = _duration_hook(f.name, f.metadata.get("ge"))
                overrides[f.name] = override(
                    rename=wire_name(f), omit_if_default=omit, unstruct_hook=hook
                )
            else:
                overrides[f.name] = override(rename=wire_name(f), omit_if_default=omit)
        return make_dict_unstructure_fn(cls, conv, **overrides)

    return factory


def _build(*, fast: bool = True) -> cattrs.Converter:
    """The converter; ``fast=False`` leaves out the compiled fast path (tests compare them)."""
    import cattrs

    conv = cattrs.Converter(detailed_validation=True, forbid_extra_keys=False)
    conv.register_structure_hook(datetime, _structure_datetime)
    conv.register_unstructure_hook(datetime, to_wire_datetime)
    conv.register_structure_hook(int, _structure_int)
    conv.register_structure_hook(float, _structure_float)
    conv.register_unstructure_hook(float, _unstructure_float)
    conv.register_structure_hook(str, _structure_str)
    conv.register_structure_hook(bool, _structure_bool)
    conv.register_structure_hook(timedelta, _structure_duration)
    conv.register_unstructure_hook(timedelta, _unstructure_duration)
    conv.register_unstructure_hook(NotGiven, _unstructure_not_given)
    # Registered on OpenStrEnum itself: in a StrEnum's MRO `str` precedes `Enum`, so a hook on
    # Enum would lose to the `str` hook and unknown values would come back as plain strings.
    conv.register_structure_hook(OpenStrEnum, _structure_enum)
    conv.register_unstructure_hook(Enum, _unstructure_enum)
    conv.register_structure_hook_factory(_is_list, _list_structure_factory(conv))
    conv.register_structure_hook_factory(_is_optional, _optional_structure_factory(conv))
    conv.register_structure_hook_factory(_may_be_not_given, _not_given_structure_factory(conv))
    conv.register_structure_hook_factory(attrs.has, _model_structure_factory(conv, fast=fast))
    conv.register_unstructure_hook_factory(attrs.has, _model_unstructure_factory(conv))
    return conv


_converter: cattrs.Converter | None = None
_converter_lock = threading.Lock()


def _load_converter() -> cattrs.Converter:
    """The converter, built on first use: a ``get`` decoded by ``_fast_bytes`` never needs
    cattrs, whose import and set-up cost about 10 ms of the package's import."""
    global _converter
    with _converter_lock:
        if _converter is None:
            _converter = _build()
    return _converter


def _located(exc: BaseException, path: str) -> list[tuple[str, str]]:
    """Flatten cattrs' exception groups into ``(problem, json path)`` pairs, in field order.

    Paths use wire names (``$.data.owners[0].userId``): that is what users see in the payload.
    """
    from cattrs.errors import ClassValidationError, IterableValidationError

    if isinstance(exc, ClassValidationError):
        wire = {f.name: wire_name(f) for f in attrs.fields(exc.cl)} if attrs.has(exc.cl) else {}
        with_notes, without_notes = exc.group_exceptions()
        found = [
            problem
            for inner, note in with_notes
            for problem in _located(inner, f"{path}.{wire.get(note.name, note.name)}")
        ]
        return found + [p for inner in without_notes for p in _located(inner, path)]
    if isinstance(exc, IterableValidationError):
        with_index, without_index = exc.group_exceptions()
        found = [
            problem
            for inner, note in with_index
            for problem in _located(inner, f"{path}[{note.index!r}]")
        ]
        return found + [p for inner in without_index for p in _located(inner, path)]
    if isinstance(exc, BaseExceptionGroup):
        return [p for inner in exc.exceptions for p in _located(inner, path)]
    if isinstance(exc, KeyError):
        return [("required field missing", path)]
    return [(str(exc), path)]


def _problems(exc: BaseException, path: str) -> list[str]:
    """cattrs' exception groups as ``"<problem> @ <json path>"`` lines."""
    return [f"{problem} @ {where}" for problem, where in _located(exc, path)]


def structure(data: Any, cls: type[T] | Any, *, path: str = "$") -> T:
    """Decode JSON-shaped ``data`` into ``cls`` (a model, ``list[Model]``, a primitive ...).

    Args:
        data: The parsed JSON (dicts, lists, str, int, float, bool, None).
        cls: The type to decode into.
        path: The JSON path of ``data`` in its document, prefixed to every path reported.

    Returns:
        The decoded value.

    Raises:
        DecodeError: Every problem and its JSON path are in the message; the error's
            ``path`` is the first of them (``$.data.owners[0].userId``), or ``path`` itself
            when the whole value is wrong.
    """
    try:
        return cast(T, (_converter or _load_converter()).structure(data, cls))
    # cattrs' BaseValidationError is an ExceptionGroup.
    except (ExceptionGroup, TypeError, ValueError, KeyError, AttributeError) as exc:
        model = cls.__name__ if isinstance(cls, type) else repr(cls)
        located = _located(exc, path)
        raise DecodeError(
            f"data does not match {model}: "
            f"{'; '.join(f'{problem} @ {where}' for problem, where in located)}",
            path=located[0][1] if located else path,
            model=model,
        ) from exc


def unstructure(value: Any) -> Any:
    """Encode a model (or any supported value) as JSON-shaped data with wire names.

    Request models: ``NOT_GIVEN`` fields are left out, ``None`` is sent as ``null``. Response
    models: ``None`` fields are left out. A ``timedelta`` becomes whole milliseconds.

    :raises ValueError: a naive datetime, a non-finite float, a duration finer than a
        millisecond or below the spec's minimum (the message names the field).
    :raises TypeError: ``NOT_GIVEN`` inside plain data, or a duration that is not a timedelta.
    """
    encode = _UNSTRUCTURERS.get(type(value))
    if encode is None:
        encode = _unstructurer(type(value))
    return encode(value)


# Far above the spec's models; a program that makes classes at run time cannot grow the
# caches without end (beyond it, a class takes the generic path each time).
_COMPILED_LIMIT: Final = 512
_UNSTRUCTURERS: dict[type[Any], Callable[[Any], Any]] = {}


def _generic_unstructure(value: Any) -> Any:
    return (_converter or _load_converter()).unstructure(value)


def _unstructurer(cls: type[Any]) -> Callable[[Any], Any]:
    """A request model's compiled encoding (``_fast_check``); cattrs for everything else."""
    encode: Callable[[Any], Any] | None = None
    if attrs.has(cls):
        try:
            encode = compile_unstructurer(
                cls,
                _hints(cls),
                wire_name=wire_name,
                fallback=_generic_unstructure,
                nested=unstructure,
            )
        except Exception:  # e.g. a hint that does not resolve: cattrs decides, and says why
            encode = None
    if encode is None:
        encode = _generic_unstructure
    if len(_UNSTRUCTURERS) < _COMPILED_LIMIT:
        _UNSTRUCTURERS[cls] = encode
    return encode


_NATIVE_UNSTRUCTURERS: dict[type[Any], Callable[[Any], Any] | None] = {}


def native_datetime_unstructurer(cls: type[Any]) -> Callable[[Any], Any] | None:
    """:func:`unstructure` for request model ``cls``, leaving its UTC datetimes as they are,
    for a JSON writer that writes them as :func:`unstructure`'s text; None where that gains
    nothing (no date-time field) or cannot be written natively (an enum field: orjson hands
    str subclasses back)."""
    try:
        return _NATIVE_UNSTRUCTURERS[cls]
    except KeyError:
        pass
    encode: Callable[[Any], Any] | None = None
    if attrs.has(cls):
        try:
            hints = _hints(cls)
            kinds = [arg for tp in hints.values() for arg in (get_args(tp) or (tp,))]
            if datetime in kinds and not any(
                isinstance(kind, type) and issubclass(kind, Enum) for kind in kinds
            ):
                encode = compile_unstructurer(
                    cls,
                    hints,
                    wire_name=wire_name,
                    fallback=_generic_unstructure,
                    nested=unstructure,
                    native_datetimes=True,
                )
        except Exception:  # a hint that does not resolve: the ordinary path decides
            encode = None
    if len(_NATIVE_UNSTRUCTURERS) < _COMPILED_LIMIT:
        _NATIVE_UNSTRUCTURERS[cls] = encode
    return encode


# --------------------------------------------------------------------------- request checks


_HINTS: dict[type[Any], dict[str, Any]] = {}


def _hints(cls: type[Any]) -> dict[str, Any]:
    hints = _HINTS.get(cls)
    if hints is None:
        hints = _HINTS[cls] = typing.get_type_hints(cls)
    return hints


def _type_label(tp: Any) -> str:
    return getattr(tp, "__name__", None) or str(tp).replace("typing.", "")


def _not_nullable(name: str, options: tuple[Any, ...]) -> TypeError:
    clear = "; pass [] to clear it" if any(get_origin(option) is list for option in options) else ""
    return TypeError(
        f"{name} cannot be None: the API does not accept null for it. Leave it out "
        f"(NOT_GIVEN) to keep the current value{clear}"
    )


def check_value(value: Any, tp: Any, name: str) -> None:
    """Check ``value`` against a model type annotation; errors name ``name``.

    ``NOT_GIVEN`` passes where the type allows it (``T | NotGiven``); ``None`` only where the
    type says ``| None``: for ``T | NotGiven`` it is a ``TypeError`` saying the field is not
    nullable.
    """
    origin = get_origin(tp)
    if origin in (Union, types.UnionType):
        options = get_args(tp)
        if value is NOT_GIVEN and NotGiven in options:
            return
        if value is None:
            if type(None) in options:
                return
            if NotGiven in options:
                raise _not_nullable(name, options)
        concrete = [t for t in options if t is not type(None) and t is not NotGiven]
        errors: list[Exception] = []
        for option in concrete:
            try:
                check_value(value, option, name)
                return
            except (TypeError, ValueError) as exc:
                errors.append(exc)
        raise (
            errors[0]
            if len(errors) == 1
            else TypeError(
                f"{name} must be {' or '.join(_type_label(t) for t in concrete)}, "
                f"not {type(value).__name__}"
            )
        )
    if origin is list:
        if not isinstance(value, list | tuple):
            raise TypeError(f"{name} must be a list, not {type(value).__name__}")
        (item_type,) = get_args(tp)
        for index, item in enumerate(value):
            check_value(item, item_type, f"{name}[{index}]")
        return
    if tp is Any:
        return
    if value is None:
        raise ValueError(f"{name} is required")
    if tp is datetime:
        to_wire_datetime(value, name=name)
    elif tp is timedelta:
        duration_to_wire(value, name=name)
    elif tp is bool:
        if not isinstance(value, bool):
            raise TypeError(f"{name} must be a bool, not {type(value).__name__}")
    elif tp is int:
        if isinstance(value, bool) or not isinstance(value, int):
            raise TypeError(f"{name} must be an int, not {type(value).__name__}")
    elif tp is float:
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise TypeError(f"{name} must be a number, not {type(value).__name__}")
        if not math.isfinite(value):
            raise ValueError(f"{name} must be a finite number, got {value!r}")
    elif tp is str:
        if not isinstance(value, str):
            raise TypeError(f"{name} must be a str, not {type(value).__name__}")
    elif isinstance(tp, type) and issubclass(tp, Enum):
        if not isinstance(value, str):
            raise TypeError(f"{name} must be a {tp.__name__} or str, not {type(value).__name__}")
    elif attrs.has(tp):
        if not isinstance(value, tp):
            raise TypeError(f"{name} must be a {tp.__name__}, not {type(value).__name__}")
        _check_fields(value, f"{name}.")


def _check_constraints(value: Any, meta: Mapping[str, Any], name: str) -> None:
    if value is None or value is NOT_GIVEN:
        return
    if isinstance(value, timedelta):
        # The spec's bounds are in the wire unit: compare the wire number.
        unit = meta.get("unit") or "milliseconds"
        wire = value / _MILLISECOND
        if "ge" in meta and wire < meta["ge"]:
            raise ValueError(f"{name} must be at least {meta['ge']} {unit}, got {value!r}")
        if "le" in meta and wire > meta["le"]:
            raise ValueError(f"{name} must be at most {meta['le']} {unit}, got {value!r}")
        if "gt" in meta and wire <= meta["gt"]:
            raise ValueError(f"{name} must be more than {meta['gt']} {unit}, got {value!r}")
        if "lt" in meta and wire >= meta["lt"]:
            raise ValueError(f"{name} must be less than {meta['lt']} {unit}, got {value!r}")
    elif isinstance(value, str | list | tuple):
        size = len(value)
        unit = "characters" if isinstance(value, str) else "items"
        low = meta.get("min_length", meta.get("min_items"))
        high = meta.get("max_length", meta.get("max_items"))
        if low is not None and size < low:
            raise ValueError(f"{name} must have at least {low} {unit}, got {size}")
        if high is not None and size > high:
            raise ValueError(f"{name} must have at most {high} {unit}, got {size}")
    elif isinstance(value, int | float) and not isinstance(value, bool):
        if "ge" in meta and value < meta["ge"]:
            raise ValueError(f"{name} must be >= {meta['ge']}, got {value}")
        if "le" in meta and value > meta["le"]:
            raise ValueError(f"{name} must be <= {meta['le']}, got {value}")
        if "gt" in meta and value <= meta["gt"]:
            raise ValueError(f"{name} must be > {meta['gt']}, got {value}")
        if "lt" in meta and value >= meta["lt"]:
            raise ValueError(f"{name} must be < {meta['lt']}, got {value}")


def _check_fields(model: Any, prefix: str) -> None:
    hints = _hints(type(model))
    for field in attrs.fields(type(model)):
        value = getattr(model, field.name)
        name = prefix + field.name
        hint = hints[field.name]
        if field.default is attrs.NOTHING and (
            value is NOT_GIVEN or (value is None and type(None) not in get_args(hint))
        ):
            # A missing argument is a TypeError in Python, and so is None for it.
            raise TypeError(f"{name} is required")
        check_value(value, hint, name)
        _check_constraints(value, field.metadata, name)


def check_request(model: Any) -> None:
    """Validate a request model against its types and the spec's constraints.

    attrs does not check types at runtime, so without this a wrong value would only be
    noticed by the server (or not at all). Messages name the attribute, e.g. ``task_title``.

    :raises TypeError: a value has the wrong type, is ``None`` where the spec does not allow
        null (leave the field ``NOT_GIVEN`` instead), or a required value is missing.
    :raises ValueError: a duration is finer than a millisecond, or a constraint is violated.
    """
    checker = _CHECKERS.get(type(model))
    if checker is None:
        if not attrs.has(type(model)):
            raise TypeError(f"expected a request model, not {type(model).__name__}")
        checker = _checker(type(model))
    checker(model, "")


_CHECKERS: dict[type[Any], Checker] = {}


def _checker(cls: type[Any]) -> Checker:
    """The compiled check of a model class (``_fast_check``), falling back to _check_fields."""
    checker = _CHECKERS.get(cls)
    if checker is None:
        try:
            checker = compile_checker(cls, _hints(cls), fallback=_check_fields, nested=_checker)
        except Exception:  # e.g. a hint that does not resolve: _check_fields raises it
            checker = _check_fields
        if len(_CHECKERS) < _COMPILED_LIMIT:
            _CHECKERS[cls] = checker
    return checker
