"""prepare()'s per-operation binding agrees with the generic checks, error for error.

prepare() works out once per operation what each parameter needs and takes a shortcut for
in-range ints (ids); this holds it to the plain composition of the public checks and encoders
(what it did before the shortcut) for every operation of the spec and any argument values.
"""

from __future__ import annotations

import enum
from datetime import UTC, datetime
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from astravue_async._descriptors import Operation
from astravue_async._generated import operations as ops
from astravue_async._request import (
    INT64_MAX,
    INT64_MIN,
    _bindable_parameters,
    _check_value,
    encode_path_value,
    encode_query_value,
    prepare,
)

OPERATIONS = sorted(
    (value for value in vars(ops).values() if isinstance(value, Operation)),
    key=lambda operation: operation.operation_id,
)


class Colour(enum.IntEnum):
    RED = 1


def reference(operation: Operation, arguments: dict[str, Any]) -> Any:
    """The generic binding: every parameter through _check_value and the encoders."""
    known = _bindable_parameters(operation)
    for name in arguments:
        if name not in known:
            unknown = sorted(arguments.keys() - known.keys())
            raise TypeError(f"{operation.operation_id}() got unexpected argument(s): {unknown}")
    path = operation.path
    query: list[tuple[str, str]] = []
    for name, param in known.items():
        value = arguments.get(name)
        if value is None:
            if param.required:
                raise ValueError(f"{operation.operation_id}() missing required argument {name!r}")
            continue
        _check_value(param, value)
        if param.location == "path":
            path = path.replace("{" + param.wire_name + "}", encode_path_value(name, value))
        elif param.location == "query":
            query.append((param.wire_name, encode_query_value(value)))
    if operation.request_body is not None and operation.body_required:
        raise ValueError(f"{operation.operation_id}() needs a request body")
    return path, tuple(query)


def bound(operation: Operation, arguments: dict[str, Any]) -> Any:
    request = prepare(operation, arguments)
    return request.path, request.query


def outcome(function: Any, *args: Any) -> Any:
    try:
        return function(*args)
    except (TypeError, ValueError) as exc:
        return type(exc), str(exc)


VALUES = st.one_of(
    st.none(),
    st.integers(min_value=-5, max_value=120),
    st.sampled_from([0, 1, 100, 101, INT64_MAX, INT64_MAX + 1, INT64_MIN, INT64_MIN - 1]),
    st.booleans(),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=4),
    st.sampled_from(["", ".", "..", "a/b", "\x00", "\ud800", "report"]),
    st.just(Colour.RED),
    st.just(datetime(2024, 5, 1, 12, 30, tzinfo=UTC)),
    st.just(datetime(2024, 5, 1, 12, 30)),  # naive: refused
    st.just([1, 2]),
)


@st.composite
def calls(draw: st.DrawFn) -> tuple[Operation, dict[str, Any]]:
    operation = draw(st.sampled_from(OPERATIONS))
    names = sorted(_bindable_parameters(operation))
    arguments = {name: draw(VALUES) for name in names if draw(st.booleans())}
    if draw(st.integers(0, 9)) == 0:
        arguments["not_a_parameter"] = 1
    return operation, arguments


@settings(max_examples=1500)
@given(calls())
def test_prepare_binds_and_refuses_exactly_as_the_generic_checks(
    call: tuple[Operation, dict[str, Any]],
) -> None:
    operation, arguments = call
    assert outcome(bound, operation, arguments) == outcome(reference, operation, arguments)


def test_ids_take_the_shortcut_and_still_meet_every_rule() -> None:
    assert prepare(ops.GET_TASK, {"task_id": 7}).path == "/tasks/7"
    for value, error in [
        (True, TypeError),
        (INT64_MAX + 1, ValueError),
        (Colour.RED, None),  # an int subclass: the generic path decides, as before
    ]:
        result = outcome(bound, ops.GET_TASK, {"task_id": value})
        assert result == outcome(reference, ops.GET_TASK, {"task_id": value})
        if error is not None:
            assert result[0] is error


def test_the_per_operation_bindings_are_bounded() -> None:
    from astravue_async._request import _binding

    assert _binding.cache_info().maxsize is not None
