"""The compiled request check and encoding agree with the generic paths on any value."""

from __future__ import annotations

import enum
import math
import types
import typing
from collections.abc import Callable
from datetime import UTC, datetime, timedelta, timezone
from typing import Any, Union, get_args, get_origin

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from astravue_async._convert import (
    _check_fields,
    _checker,
    _generic_unstructure,
    _hints,
    _unstructurer,
    check_request,
    unstructure,
    wire_name,
)
from astravue_async._descriptors import Operation
from astravue_async._fast_check import compile_checker, compile_unstructurer
from astravue_async._generated import models, operations
from astravue_async._open_enum import OpenStrEnum
from astravue_async._types import NOT_GIVEN, NotGiven


class Colour(OpenStrEnum):
    RED = "RED"


@attrs.define(kw_only=True)
class Inner:
    size: int = attrs.field(metadata={"wire": "size", "gt": 0, "lt": 10})
    label: str | NotGiven | None = attrs.field(default=NOT_GIVEN, metadata={"max_length": 3})


@attrs.define(kw_only=True)
class Unusual:
    """Field types no request model of the spec has (yet): nested models, bounds of each kind."""

    inner: Inner = attrs.field(metadata={"wire": "inner"})
    ratio: float | NotGiven = attrs.field(default=NOT_GIVEN, metadata={"ge": 0.5, "le": 2})
    wait: timedelta | NotGiven | None = attrs.field(
        default=NOT_GIVEN, metadata={"wire": "waitMs", "ge": 1000, "unit": "milliseconds"}
    )
    stamp: datetime | None = attrs.field(metadata={"wire": "stamp"})
    colours: list[Colour] | NotGiven = attrs.field(default=NOT_GIVEN, metadata={"max_items": 2})
    inners: list[Inner] | NotGiven = attrs.field(default=NOT_GIVEN)
    either: int | str | NotGiven = attrs.field(default=NOT_GIVEN)
    anything: Any = attrs.field(default=NOT_GIVEN)
    flags: list[bool] = attrs.field(metadata={"min_items": 1})
    maybe_inner: Inner | NotGiven = attrs.field(default=NOT_GIVEN)


def _request_model(cls: Any) -> bool:
    return (
        isinstance(cls, type)
        and attrs.has(cls)
        and all(f.default in (attrs.NOTHING, NOT_GIVEN) for f in attrs.fields(cls))
    )


SPEC_REQUEST_MODELS = sorted(
    (cls for cls in vars(models).values() if _request_model(cls)), key=lambda c: c.__name__
)
MODELS = [*SPEC_REQUEST_MODELS, Inner, Unusual]
# A zero offset that is not datetime.UTC, another zone, and none (naive).
ZONES = st.sampled_from(
    [UTC, timezone(timedelta(0), "GMT"), timezone(timedelta(hours=5, minutes=30)), None]
)


def test_every_request_body_of_the_spec_is_covered() -> None:
    bodies = {
        op.request_body
        for op in vars(operations).values()
        if isinstance(op, Operation) and op.request_body is not None
    }
    assert bodies, "no operation found"
    assert bodies <= set(SPEC_REQUEST_MODELS)


# Values of the wrong type, the wrong zone, precision or range: every way a caller can go
# wrong (each path must refuse them alike, or accept them alike).
ODD = st.one_of(
    st.just(NOT_GIVEN),
    st.none(),
    st.booleans(),
    st.integers(min_value=-(2**70), max_value=2**70),
    st.floats(),
    st.sampled_from([math.nan, math.inf, -math.inf, -0.0]),
    st.text(max_size=4),
    st.binary(max_size=2),
    st.sampled_from(list(Colour)),
    st.datetimes(timezones=ZONES),
    st.timedeltas(),
    st.lists(st.one_of(st.integers(-3, 3), st.booleans(), st.text(max_size=2)), max_size=3),
    st.tuples(st.integers(0, 3)),
    st.builds(dict),
)


def valid(tp: Any, meta: Any) -> st.SearchStrategy[Any]:
    """Values of ``tp`` near ``meta``'s bounds, so both sides of each bound are drawn."""
    if get_origin(tp) in (Union, types.UnionType):
        return st.one_of([valid(arg, meta) for arg in get_args(tp)])
    if tp is NotGiven:
        return st.just(NOT_GIVEN)
    if tp is type(None):
        return st.none()
    if tp is Any:
        return ODD
    if tp is bool:
        return st.booleans()
    if tp is int:
        low = meta.get("ge", meta.get("gt", -6) + 1)
        high = meta.get("le", meta.get("lt", 201) - 1)
        return st.integers(low, high) | st.integers(low - 2, high + 2) | st.integers()
    if tp is float:
        return st.floats(-1, 3) | st.integers(-1, 3)
    if tp is str:
        return st.text(max_size=4)
    if tp is datetime:
        return st.datetimes(timezones=ZONES)
    if tp is timedelta:
        whole = st.integers(-10, 5000).map(lambda ms: timedelta(milliseconds=ms))
        return whole | st.timedeltas(min_value=timedelta(0), max_value=timedelta(seconds=3))
    if isinstance(tp, type) and issubclass(tp, enum.Enum):
        return st.sampled_from(list(tp)) | st.text(max_size=3) | st.text(max_size=3).map(tp)
    if get_origin(tp) is list:
        item = valid(get_args(tp)[0], {})
        return st.lists(item, max_size=3) | st.lists(item | ODD, max_size=3)
    if attrs.has(tp):
        return instances(tp)
    raise AssertionError(f"no strategy for {tp!r}")


@st.composite
def _instance(draw: st.DrawFn, cls: type[Any]) -> Any:
    hints = typing.get_type_hints(cls)
    fields = attrs.fields(cls)
    # Mostly well-typed values (near the bounds), with up to two fields of any odd value: a
    # model whose every field may be odd would nearly never pass its first field.
    pick = st.none() | st.none() | st.sampled_from([f.name for f in fields])
    odd = {draw(pick), draw(pick)}
    return cls(
        **{f.name: draw(ODD if f.name in odd else valid(hints[f.name], f.metadata)) for f in fields}
    )


def instances(cls: type[Any]) -> st.SearchStrategy[Any]:
    return _instance(cls)


def outcome(function: Callable[..., Any], *args: Any) -> tuple[Any, ...]:
    """What a call gives: its result, or the exception's type and message."""
    try:
        result = function(*args)
    except Exception as exc:
        return ("raised", type(exc), str(exc))
    # repr tells an enum member from its str, 1 from 1.0 and True, and shows the key order.
    return ("returned", repr(result))


def agree_on_check(checker: Callable[[Any, str], None], model: Any) -> None:
    assert outcome(checker, model, "") == outcome(_check_fields, model, "")


def agree_on_encoding(encode: Callable[[Any], Any], model: Any) -> None:
    fast = outcome(encode, model)
    assert fast == outcome(_generic_unstructure, model)
    if fast[0] == "returned":
        assert encode(model) == _generic_unstructure(model)


@pytest.mark.parametrize("cls", MODELS, ids=lambda cls: cls.__name__)
@settings(max_examples=150)
@given(data=st.data())
def test_compiled_check_and_encoding_agree_with_the_generic_paths(
    cls: type[Any], data: st.DataObject
) -> None:
    model = data.draw(instances(cls))
    agree_on_check(_checker(cls), model)
    assert outcome(check_request, model) == outcome(_check_fields, model, "")
    agree_on_encoding(unstructure, model)


@pytest.mark.parametrize("cls", SPEC_REQUEST_MODELS, ids=lambda cls: cls.__name__)
def test_spec_request_models_are_compiled(cls: type[Any]) -> None:
    assert _checker(cls) is not _check_fields
    assert _unstructurer(cls) is not _generic_unstructure


def test_a_typical_task_takes_the_compiled_paths_without_the_generic_ones(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    body = models.TaskCreateRequest(
        task_title="Write the report",
        owners=[2, 3],
        due_date=datetime(2025, 5, 1, 12, tzinfo=UTC),
        completion=10,
        tags=["a"],
    )
    expected = _generic_unstructure(body)
    check = compile_checker(
        models.TaskCreateRequest,
        _hints(models.TaskCreateRequest),
        fallback=_unreachable,
        nested=_unreachable,
    )
    encode = compile_unstructurer(
        models.TaskCreateRequest,
        _hints(models.TaskCreateRequest),
        wire_name=wire_name,
        fallback=_unreachable,
        nested=_unreachable,
    )
    assert encode is not None
    check(body, "")
    assert encode(body) == expected
    assert list(encode(body)) == ["taskTitle", "owners", "dueDate", "completion", "tags"]


def _unreachable(*_: Any) -> Any:
    raise AssertionError("the generic path was taken")


def test_a_valid_model_with_every_unusual_field_type_agrees() -> None:
    model = Unusual(
        inner=Inner(size=1, label=None),
        ratio=0.5,
        wait=timedelta(seconds=1),
        stamp=datetime(2025, 1, 1, tzinfo=UTC),
        colours=[Colour.RED, Colour("BLUE")],
        inners=[Inner(size=2)],
        either="x",
        anything={"a": 1},
        flags=[True],
        maybe_inner=Inner(size=9, label="abc"),
    )
    check_request(model)
    agree_on_check(_checker(Unusual), model)
    agree_on_encoding(unstructure, model)
    assert unstructure(model)["waitMs"] == 1000


def test_nested_model_errors_name_the_path() -> None:
    model = Unusual(inner=Inner(size=10), stamp=None, flags=[True])
    with pytest.raises(ValueError, match=r"^inner\.size must be < 10, got 10$"):
        check_request(model)
    model = Unusual(inner=Inner(size=1), stamp=None, flags=[True], maybe_inner=Inner(size=0))
    with pytest.raises(ValueError, match=r"^maybe_inner\.size must be > 0, got 0$"):
        check_request(model)


def test_other_zones_and_int_floats_take_the_generic_path_with_the_same_result() -> None:
    zone = timezone(timedelta(hours=2))
    body = models.ProjectRequest(
        project_name="p", start_date=datetime(2025, 1, 1, 2, tzinfo=zone), budget=3
    )
    check_request(body)
    assert unstructure(body) == {
        "projectName": "p",
        "startDate": "2025-01-01T00:00:00Z",
        "budget": 3,
    }


def test_models_that_are_not_request_models_keep_cattrs() -> None:
    assert (
        compile_unstructurer(
            models.TaskDto,
            _hints(models.TaskDto),
            wire_name=wire_name,
            fallback=_generic_unstructure,
            nested=unstructure,
        )
        is None
    )


# ----------------------------------------------------------------- the property has teeth


def test_the_property_catches_a_compiled_check_that_lets_errors_through() -> None:
    cls = models.TaskCreateRequest
    broken = compile_checker(cls, _hints(cls), fallback=lambda model, prefix: None, nested=_checker)

    @settings(max_examples=300, database=None)
    @given(model=instances(cls))
    def property_on_broken(model: Any) -> None:
        agree_on_check(broken, model)

    with pytest.raises(AssertionError):
        property_on_broken()


def test_the_property_catches_a_compiled_encoding_with_wrong_names() -> None:
    cls = models.TaskUpdateRequest
    broken = compile_unstructurer(
        cls,
        _hints(cls),
        wire_name=lambda field: field.name,
        fallback=_generic_unstructure,
        nested=unstructure,
    )
    assert broken is not None

    @settings(max_examples=300, database=None)
    @given(model=instances(cls))
    def property_on_broken(model: Any) -> None:
        agree_on_encoding(broken, model)

    with pytest.raises(AssertionError):
        property_on_broken()


def test_encoding_refuses_what_it_refused_before_with_the_same_message() -> None:
    with pytest.raises(ValueError, match=r"^nan cannot be sent: JSON has no NaN or infinity$"):
        unstructure(models.ProjectRequest(project_name="p", budget=math.nan))
    with pytest.raises(ValueError, match=r"^datetime is a naive datetime"):
        unstructure(models.TaskCreateRequest(task_title="t", due_date=datetime(2025, 1, 1)))
    with pytest.raises(ValueError, match=r"^duration must not be negative"):
        unstructure(models.TimerUpdateRequest(duration=timedelta(milliseconds=-1)))


def test_non_finite_and_sub_millisecond_values_keep_their_messages() -> None:
    with pytest.raises(ValueError, match=r"^budget must be a finite number, got nan$"):
        check_request(models.ProjectRequest(project_name="p", budget=math.nan))
    with pytest.raises(ValueError, match=r"whole number of milliseconds"):
        check_request(models.TimerUpdateRequest(duration=timedelta(microseconds=1500)))
    with pytest.raises(ValueError, match=r"^duration must be at least 0 milliseconds"):
        check_request(models.TimerUpdateRequest(duration=timedelta(milliseconds=-1)))
