"""The cattrs converter: wire names, datetimes, tolerance and precise errors."""

from __future__ import annotations

import enum
import types
import typing
from datetime import UTC, datetime, timedelta, timezone
from typing import Any, Union, get_args, get_origin

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from astravue_async._convert import _build, structure, to_wire_datetime, unstructure, wire_name
from astravue_async._errors import DecodeError
from astravue_async._fast_structure import compile_fast_decoder
from astravue_async._generated import models
from astravue_async._types import NOT_GIVEN, NotGiven
from codegen.spec import load_spec

MODELS = sorted(
    (obj for obj in vars(models).values() if isinstance(obj, type) and attrs.has(obj)),
    key=lambda cls: cls.__name__,
)
ZONES = [UTC, timezone(timedelta(hours=5, minutes=30)), timezone(-timedelta(hours=8))]
JSON_SCALARS = st.none() | st.booleans() | st.integers() | st.text(max_size=5)


# Whole milliseconds (the wire unit), within what a timedelta holds (about ±8.6e16 ms).
DURATION_MS = 10**16


def strategy_for(tp: Any, meta: Any = None) -> st.SearchStrategy[Any]:
    """Values of ``tp`` a model field may hold; ``meta`` (the field's metadata) bounds them."""
    meta = meta or {}
    origin = get_origin(tp)
    if origin in (Union, types.UnionType):
        return st.one_of([strategy_for(arg, meta) for arg in get_args(tp)])
    if origin is list:
        return st.lists(strategy_for(get_args(tp)[0]), max_size=3)
    if tp is type(None):
        return st.none()
    if tp is NotGiven:
        return st.just(NOT_GIVEN)
    if tp is timedelta:
        low = meta.get("ge", -DURATION_MS)
        return st.integers(low, DURATION_MS).map(lambda ms: timedelta(milliseconds=ms))
    if tp is Any:
        return JSON_SCALARS
    if tp is bool:
        return st.booleans()
    if tp is int:
        return st.integers(min_value=-(2**63), max_value=2**63 - 1)
    if tp is float:
        return st.floats(allow_nan=False, allow_infinity=False)
    if tp is str:
        return st.text(max_size=20)
    if tp is datetime:
        return st.datetimes(
            min_value=datetime(1971, 1, 1),
            max_value=datetime(2200, 1, 1),
            timezones=st.sampled_from(ZONES),
        )
    if isinstance(tp, type) and issubclass(tp, enum.Enum):
        known = st.sampled_from(list(tp))
        return known | st.text(min_size=1, max_size=8).map(tp)
    if attrs.has(tp):
        hints = typing.get_type_hints(tp)
        return st.builds(
            tp, **{f.name: strategy_for(hints[f.name], f.metadata) for f in attrs.fields(tp)}
        )
    raise AssertionError(f"no strategy for {tp!r}")


@pytest.mark.parametrize("model", MODELS, ids=lambda cls: cls.__name__)
@settings(max_examples=15)
@given(data=st.data())
def test_round_trip_every_model(model: type[Any], data: st.DataObject) -> None:
    value = data.draw(strategy_for(model))
    wire = unstructure(value)
    assert structure(wire, model) == value


def test_models_found() -> None:
    assert len(MODELS) > 40


def _create_task_example() -> dict[str, Any]:
    op = load_spec()["paths"]["/tasks"]["post"]
    example = op["responses"]["200"]["content"]["application/json"]["example"]
    assert isinstance(example, dict)
    return example


def test_docs_create_task_example_decodes_with_the_right_types() -> None:
    task = structure(_create_task_example()["data"], models.TaskDto)
    assert isinstance(task, models.TaskDto)
    assert task.task_id == 0
    assert task.start_date == datetime(2019, 8, 24, 14, 15, 22, tzinfo=UTC)
    assert task.start_date is not None and task.start_date.tzinfo is not None
    assert isinstance(task.priority, models.TaskPriorityDto)
    assert isinstance(task.status, models.TaskStatusDto)
    assert task.priority.created_by is not None
    assert isinstance(task.priority.created_by.role, models.OrgRoleDto)
    assert task.priority.default is True
    assert task.description_mentioned_user_ids == [0]


def test_extra_fields_and_unknown_enum_values_decode() -> None:
    payload = {
        "notificationId": 7,
        "type": "REMINDER",
        "brandNewField": {"nested": True},
        "triggeredBy": {"userId": 1, "favouriteColour": "teal"},
    }
    note = structure(payload, models.NotificationDto)
    assert note.type == "REMINDER"
    assert isinstance(note.type, models.NotificationType)
    assert not note.type.is_known
    assert models.NotificationType.MENTION.is_known
    assert unstructure(note)["type"] == "REMINDER"


def test_absent_optional_fields_are_none() -> None:
    space = structure({"spaceId": 3, "spaceName": "s"}, models.SpaceDto)
    assert space.description is None and space.created_by is None


@pytest.mark.parametrize(
    ("payload", "path"),
    [
        ({"taskTitle": "no id"}, "$.data.taskId"),
        ({"taskId": "12"}, "$.data.taskId"),
        ({"taskId": True}, "$.data.taskId"),
        (
            {"taskId": 1, "taskTitle": "t", "owners": [{"userId": 1}, {"userId": "x"}]},
            "$.data.owners[1].userId",
        ),
        ({"taskId": 1, "taskTitle": "t", "startDate": "not a date"}, "$.data.startDate"),
        ({"taskId": 1, "taskTitle": "t", "priority": []}, "$.data.priority"),
        ({"taskId": 1, "taskTitle": "t", "tags": "abc"}, "$.data.tags"),
        ({"taskId": 1, "taskTitle": "t", "owners": {"userId": 1}}, "$.data.owners"),
        (
            {"taskId": 1, "taskTitle": "t", "owners": [{"userId": 1, "role": {"orgRoleId": "x"}}]},
            "$.data.owners[0].role.orgRoleId",
        ),
        ([], "$.data"),
    ],
)
def test_invalid_data_raises_decode_error_with_the_path(payload: Any, path: str) -> None:
    with pytest.raises(DecodeError) as caught:
        structure(payload, models.TaskDto, path="$.data")
    assert path in str(caught.value)
    assert caught.value.path == path  # the offending value, not where decoding started
    assert not isinstance(caught.value, KeyError | TypeError)


@pytest.mark.parametrize("value", ["abc", "", {"a": 1}, {}, 3, 1.5, True])
@pytest.mark.parametrize("tp", [list[int], list[str], list[Any], list[models.UserDto]], ids=repr)
def test_only_an_array_is_a_list(tp: Any, value: Any) -> None:
    # cattrs' own list hook iterates anything: a string became its characters.
    for decode in (structure, _DETAILED_ONLY.structure):
        with pytest.raises(Exception, match="expected a JSON array, got") as caught:
            decode(value, tp)
        if decode is structure:
            assert str(caught.value).endswith(
                f"expected a JSON array, got {type(value).__name__} @ $"
            )


def test_datetimes_out_are_utc_iso_with_z() -> None:
    ist = timezone(timedelta(hours=5, minutes=30))
    assert to_wire_datetime(datetime(2024, 1, 1, 5, 30, tzinfo=ist)) == "2024-01-01T00:00:00Z"
    body = unstructure(models.TimeRangeRequest(
        start_time=datetime(2024, 1, 1, tzinfo=UTC), end_time=datetime(2024, 1, 1, 1, tzinfo=UTC)
    ))  # fmt: skip
    assert body == {"startTime": "2024-01-01T00:00:00Z", "endTime": "2024-01-01T01:00:00Z"}


def test_offsets_in_are_kept_as_aware_datetimes() -> None:
    entry = structure(
        {
            "timeTrackerId": 1,
            "taskId": 2,
            "duration": 0,
            "startTime": "2024-01-01T05:30:00+05:30",
            "endTime": "2024-01-01T00:00:00",
        },
        models.TimeTrackerDto,
    )
    assert entry.start_time == datetime(2024, 1, 1, tzinfo=UTC)
    assert entry.end_time is not None and entry.end_time.tzinfo is UTC


def test_naive_datetime_from_the_caller_is_rejected() -> None:
    request = models.TaskCreateRequest(task_title="x", due_date=datetime(2024, 1, 1))
    with pytest.raises(ValueError, match="naive datetime"):
        unstructure(request)


def test_none_fields_are_omitted_from_request_bodies() -> None:
    body = unstructure(models.TaskUpdateRequest(completion=50))
    assert body == {"completion": 50}


def test_non_finite_floats_are_refused() -> None:
    with pytest.raises(ValueError, match="NaN"):
        unstructure(models.ProjectRequest(project_name="p", budget=float("nan")))


# ------------------------------------------------------------------ the compiled fast path

_DETAILED_ONLY = _build(fast=False)
_JUNK_VALUES = [None, "x", "", 0, -1, 2**70, 1.5, True, False, [], [1], {}, {"a": 1}]
# Date-time text (valid in every form, and corrupted) lands in datetime fields and elsewhere.
_JUNK = st.one_of(
    st.sampled_from(_JUNK_VALUES),
    st.deferred(lambda: rfc3339_texts().map(lambda pair: pair[0])),
    st.deferred(lambda: garbled_datetimes()),
)


def _detailed(data: Any, cls: Any) -> Any:
    """What the converter answers without its fast path: a value, or the DecodeError text."""
    try:
        return _DETAILED_ONLY.structure(data, cls)
    except Exception as exc:  # compared by message below
        return ("error", _problems_text(exc))


def _problems_text(exc: BaseException) -> str:
    from astravue_async._convert import _problems

    return "; ".join(_problems(exc, "$"))


def _mutate(data: st.DataObject, value: Any, depth: int = 0) -> Any:
    """``value`` (JSON-shaped) with some members dropped, replaced by junk or retyped."""
    if isinstance(value, dict):
        out = {}
        for key, item in value.items():
            action = data.draw(st.sampled_from(["keep", "keep", "keep", "drop", "junk", "deep"]))
            if action == "drop":
                continue
            if action == "junk":
                out[key] = data.draw(_JUNK)
            elif action == "deep" and depth < 3:
                out[key] = _mutate(data, item, depth + 1)
            else:
                out[key] = item
        return out
    if isinstance(value, list) and value:
        index = data.draw(st.integers(0, len(value) - 1))
        return [*value[:index], _mutate(data, value[index], depth + 1), *value[index + 1 :]]
    return value


def test_every_model_has_a_fast_decoder() -> None:
    # A field type the compiler cannot check inline would silently send a model (and every
    # model embedding it) down the slow path; a new spec type must extend the compiler.
    decoder_of = compile_fast_decoder(wire_name)
    slow = [model.__name__ for model in MODELS if decoder_of(model) is None]
    assert slow == []


@pytest.mark.parametrize("model", MODELS, ids=lambda cls: cls.__name__)
@settings(max_examples=25)
@given(data=st.data())
def test_fast_path_agrees_with_the_detailed_path(model: type[Any], data: st.DataObject) -> None:
    wire = _mutate(data, unstructure(data.draw(strategy_for(model))))
    expected = _detailed(wire, model)
    try:
        got = structure(wire, model)
    except DecodeError as exc:
        assert isinstance(expected, tuple), f"only the fast path refused {wire!r}: {exc}"
        assert str(exc).endswith(expected[1])
        return
    assert got == expected
    assert type(got) is type(expected)


@settings(max_examples=200)
@given(value=st.one_of(st.integers(), st.sampled_from(_JUNK_VALUES), st.floats()))
def test_both_paths_read_a_wire_duration_alike(value: Any) -> None:
    # Milliseconds → timedelta, including values past what a timedelta holds (an error
    # naming the path on both paths, never an OverflowError).
    for model, payload, wire in [
        (models.TimeTrackerDto, {"timeTrackerId": 1, "taskId": 2, "duration": value}, "duration"),
        (models.TaskDto, {"taskId": 1, "taskTitle": "t", "totalTime": value}, "totalTime"),
        (models.TimerUpdateRequest, {"duration": value}, "duration"),
    ]:
        expected = _detailed(payload, model)
        if isinstance(expected, tuple):
            with pytest.raises(DecodeError, match=rf"@ \$\.{wire}"):
                structure(payload, model)
        else:
            got = structure(payload, model)
            assert got == expected
            decoded = next(
                getattr(got, f.name) for f in attrs.fields(model) if f.metadata["wire"] == wire
            )
            if value is None:  # an optional duration sent as null
                assert decoded is None
            else:
                assert type(value) is int and decoded == timedelta(milliseconds=value)


def test_fast_path_values_have_the_detailed_types() -> None:
    payload = {
        "timeTrackerId": 1,
        "taskId": 2,
        "startTime": "2024-01-02T03:04:05",  # no offset: read as UTC
        "duration": 5,
        "entryType": "SOMETHING_NEW",
        "user": {"userId": 2, "role": {"orgRoleId": 3}},
    }
    fast = structure(payload, models.TimeTrackerDto)
    assert fast == _DETAILED_ONLY.structure(payload, models.TimeTrackerDto)
    assert fast.start_time == datetime(2024, 1, 2, 3, 4, 5, tzinfo=UTC)
    assert isinstance(fast.entry_type, models.TimeEntryType) and not fast.entry_type.is_known
    assert fast.user is not None and isinstance(fast.user.role, models.OrgRoleDto)


class _Text(str):
    pass


@pytest.mark.parametrize(
    "payload",
    [
        types.MappingProxyType({"spaceId": 3, "spaceName": "x"}),  # a Mapping, not a dict
        {"spaceId": 3, "spaceName": _Text("x")},  # a str subclass
    ],
    ids=["mapping", "str-subclass"],
)
def test_what_the_fast_path_declines_the_detailed_path_still_accepts(payload: Any) -> None:
    space = structure(payload, models.SpaceDto)
    assert space.space_id == 3 and space.space_name == "x"


@attrs.define(kw_only=True)
class _Shapes:
    """Field shapes the spec does not use today, so the compiler is covered for them too."""

    anything: list[Any] | None = attrs.field(default=None, metadata={"wire": "anything"})
    stamps: list[datetime] | None = attrs.field(default=None, metadata={"wire": "stamps"})
    gaps: list[int | None] | None = attrs.field(default=None, metadata={"wire": "gaps"})
    ratio: float | None = attrs.field(default=None, metadata={"wire": "ratio"})


@attrs.define(kw_only=True)
class _Unusual:
    counts: dict[str, int] = attrs.field(metadata={"wire": "counts"})
    shapes: _Shapes | None = attrs.field(default=None, metadata={"wire": "shapes"})


@pytest.mark.parametrize(
    "payload",
    [
        {"anything": [1, "x", None], "stamps": ["2024-01-01T00:00:00Z"], "gaps": [1, None]},
        {"ratio": 3},
        {"ratio": 2.5, "stamps": []},
        {"stamps": ["2024-01-01T00:00:00"]},
        {"gaps": [1, "2"]},
        {"ratio": True},
        {"stamps": "2024-01-01T00:00:00Z"},
        {"anything": "abc"},
        {"gaps": {"a": 1}},
        {"anything": ("x", 1)},
    ],
)
def test_fast_path_shapes_agree_with_the_detailed_path(payload: dict[str, Any]) -> None:
    assert compile_fast_decoder(wire_name)(_Shapes) is not None
    expected = _detailed(payload, _Shapes)
    if isinstance(expected, tuple):
        with pytest.raises(DecodeError, match="data does not match"):
            structure(payload, _Shapes)
    else:
        decoded = structure(payload, _Shapes)
        assert decoded == expected
        assert type(decoded.ratio) is type(expected.ratio)


def test_a_type_without_a_fast_form_keeps_the_detailed_path() -> None:
    decoder_of = compile_fast_decoder(wire_name)
    assert decoder_of(_Unusual) is None
    assert decoder_of(_Shapes) is not None  # declared alongside, unaffected
    assert structure({"counts": {"a": 1}, "shapes": {"ratio": 1}}, _Unusual) == _Unusual(
        counts={"a": 1}, shapes=_Shapes(ratio=1.0)
    )


@attrs.define(kw_only=True)
class _Checked:
    """A model whose __init__ does more than store: the fast path must call it."""

    size: int = attrs.field(validator=attrs.validators.ge(0), metadata={"wire": "size"})
    seen: list[str] = attrs.field(init=False, factory=list)


@attrs.define(kw_only=True)
class _PostInit:
    size: int = attrs.field(metadata={"wire": "size"})
    doubled: int | None = attrs.field(default=None, metadata={"wire": "doubled"})

    def __attrs_post_init__(self) -> None:
        self.doubled = self.size * 2


def test_models_with_init_logic_are_built_through_init() -> None:
    decoder_of = compile_fast_decoder(wire_name)
    post_init = decoder_of(_PostInit)
    assert post_init is not None  # fast, but through __init__
    assert post_init({"size": 4}).doubled == 8
    assert decoder_of(_Checked) is None  # an init=False field: detailed path only
    with pytest.raises(DecodeError, match="size"):
        structure({"size": -1}, _Checked)


# ------------------------------------------------------------------ date-time forms

_OFFSET_FORMS = ["Z", "z", "none", "+hh:mm", "+hhmm", "+hh", "-00:00", "+00:00", "-0000"]


@st.composite
def rfc3339_texts(draw: st.DrawFn) -> tuple[str, datetime]:
    """A date-time in one of the RFC 3339 / ISO 8601 forms, and the instant it means."""
    moment = draw(st.datetimes(min_value=datetime(1971, 1, 1), max_value=datetime(2200, 1, 1)))
    separator = draw(st.sampled_from(["T", "t", " "]))
    leap = draw(st.integers(0, 7)) == 0
    digits = draw(st.text("0123456789", max_size=12))
    mark = draw(st.sampled_from([".", ".", ","]))
    form = draw(st.sampled_from(_OFFSET_FORMS))
    minutes = 0
    if form in ("+hh:mm", "+hhmm"):
        minutes = draw(st.integers(-(23 * 60 + 59), 23 * 60 + 59))
    elif form == "+hh":
        minutes = 60 * draw(st.integers(-23, 23))
    sign = "-" if minutes < 0 else "+"
    hours, rest = divmod(abs(minutes), 60)
    offset = {
        "Z": "Z",
        "z": "z",
        "none": "",
        "+hh:mm": f"{sign}{hours:02d}:{rest:02d}",
        "+hhmm": f"{sign}{hours:02d}{rest:02d}",
        "+hh": f"{sign}{hours:02d}",
    }.get(form, form)
    second = 60 if leap else moment.second
    text = (
        f"{moment.year:04d}-{moment.month:02d}-{moment.day:02d}{separator}"
        f"{moment.hour:02d}:{moment.minute:02d}:{second:02d}"
        f"{mark + digits if digits else ''}{offset}"
    )
    # The documented reading: fractions truncated to microseconds, a leap second as the last
    # microsecond before it, no offset = UTC.
    microsecond = 999_999 if leap else int((digits + "000000")[:6])
    expected = moment.replace(
        second=59 if leap else moment.second,
        microsecond=microsecond,
        tzinfo=timezone(timedelta(minutes=minutes)) if minutes else UTC,
    )
    return text, expected


@st.composite
def garbled_datetimes(draw: st.DrawFn) -> str:
    """A valid date-time with one character changed, added or removed (maybe still valid)."""
    text, _ = draw(rfc3339_texts())
    index = draw(st.integers(0, len(text) - 1))
    junk = draw(st.sampled_from(list("xZz:-+.T 9０\n")))
    action = draw(st.sampled_from(["replace", "insert", "delete"]))
    if action == "replace":
        return text[:index] + junk + text[index + 1 :]
    if action == "insert":
        return text[:index] + junk + text[index:]
    return text[:index] + text[index + 1 :]


@given(pair=rfc3339_texts())
def test_every_rfc3339_form_decodes_to_the_instant_it_means(pair: tuple[str, datetime]) -> None:
    text, expected = pair
    payload = {
        "timeTrackerId": 1,
        "taskId": 2,
        "duration": 0,
        "startTime": text,
        "user": {"userId": 1},
    }
    fast = structure(payload, models.TimeTrackerDto).start_time
    detailed = _DETAILED_ONLY.structure(payload, models.TimeTrackerDto).start_time
    for got in (fast, detailed):
        assert got == expected
        assert got is not None and got.utcoffset() == expected.utcoffset()
    assert structure({"stamps": [text]}, _Shapes).stamps == [expected]  # list items too


@given(text=st.one_of(garbled_datetimes(), st.text(max_size=30)))
def test_date_time_text_is_read_alike_by_both_paths_or_refused_naming_its_path(text: str) -> None:
    payload = {"timeTrackerId": 1, "taskId": 2, "duration": 0, "endTime": text}
    expected = _detailed(payload, models.TimeTrackerDto)
    if isinstance(expected, tuple):
        with pytest.raises(DecodeError) as caught:
            structure(payload, models.TimeTrackerDto, path="$.data")
        assert "@ $.data.endTime" in str(caught.value)
    else:
        got = structure(payload, models.TimeTrackerDto)
        assert got == expected
        assert got.end_time is not None and got.end_time.tzinfo is not None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2026-05-01T10:00:00Z", datetime(2026, 5, 1, 10, tzinfo=UTC)),
        ("2026-05-01T10:00:00z", datetime(2026, 5, 1, 10, tzinfo=UTC)),
        ("2026-05-01t10:00:00z", datetime(2026, 5, 1, 10, tzinfo=UTC)),
        ("2026-05-01 10:00:00Z", datetime(2026, 5, 1, 10, tzinfo=UTC)),
        ("2026-05-01T10:00:00-00:00", datetime(2026, 5, 1, 10, tzinfo=UTC)),
        ("2026-05-01T15:30:00+05:30", datetime(2026, 5, 1, 10, tzinfo=UTC)),
        ("2026-05-01T15:30:00+0530", datetime(2026, 5, 1, 10, tzinfo=UTC)),
        ("2026-05-01T05:00:00-05", datetime(2026, 5, 1, 10, tzinfo=UTC)),
        ("2026-05-01T10:00:00", datetime(2026, 5, 1, 10, tzinfo=UTC)),  # no offset: UTC
        ("2026-05-01", datetime(2026, 5, 1, tzinfo=UTC)),  # a date alone: midnight UTC
        ("2026-05-01T10:00:00.1Z", datetime(2026, 5, 1, 10, 0, 0, 100_000, tzinfo=UTC)),
        ("2026-05-01T10:00:00.123456789z", datetime(2026, 5, 1, 10, 0, 0, 123_456, tzinfo=UTC)),
        # Truncated, not rounded: the value never moves into the next day.
        ("2026-12-31T23:59:59.9999999Z", datetime(2026, 12, 31, 23, 59, 59, 999_999, tzinfo=UTC)),
        ("2016-12-31T23:59:60Z", datetime(2016, 12, 31, 23, 59, 59, 999_999, tzinfo=UTC)),
        ("2016-12-31T23:59:60.5z", datetime(2016, 12, 31, 23, 59, 59, 999_999, tzinfo=UTC)),
        (
            "2017-01-01T05:29:60+05:30",
            datetime(2016, 12, 31, 23, 59, 59, 999_999, tzinfo=UTC),
        ),
    ],
)
def test_date_time_forms(text: str, expected: datetime) -> None:
    payload = {"timeTrackerId": 1, "taskId": 2, "duration": 0, "startTime": text}
    assert structure(payload, models.TimeTrackerDto).start_time == expected
    assert _DETAILED_ONLY.structure(payload, models.TimeTrackerDto).start_time == expected


@pytest.mark.parametrize(
    "text",
    [
        "not a date",
        "",
        "2026-13-01T00:00:00Z",
        "2026-05-01T24:00:00Z",
        "2026-05-01T23:59:61Z",
        "2026-05-01T10:00:00Zz",
        "2026-05-01T10:00:00+24:00",
        " 2026-05-01T10:00:00Z",
        "2026-05-01T10:00:00Z\n",
        "２０２６-05-01T10:00:00Z",  # non-ASCII digits
        "2026-05-01T10:00:00 UTC",
        "x" * 5000,
    ],
)
def test_garbage_date_times_are_decode_errors_naming_the_path(text: str) -> None:
    with pytest.raises(DecodeError) as caught:
        structure(
            {"taskId": 1, "taskTitle": "t", "owners": [{"userId": 1, "updateTime": text}]},
            models.TaskDto,
        )
    message = str(caught.value)
    assert "@ $.owners[0].updateTime" in message
    assert len(message) < 500  # a huge value is not quoted in full
