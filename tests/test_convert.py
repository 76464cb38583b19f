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

from astravue_async._convert import structure, to_wire_datetime, unstructure
from astravue_async._errors import DecodeError
from astravue_async._generated import models
from codegen.spec import load_spec

MODELS = sorted(
    (obj for obj in vars(models).values() if isinstance(obj, type) and attrs.has(obj)),
    key=lambda cls: cls.__name__,
)
ZONES = [UTC, timezone(timedelta(hours=5, minutes=30)), timezone(-timedelta(hours=8))]
JSON_SCALARS = st.none() | st.booleans() | st.integers() | st.text(max_size=5)


def strategy_for(tp: Any) -> st.SearchStrategy[Any]:
    origin = get_origin(tp)
    if origin in (Union, types.UnionType):
        return st.one_of([strategy_for(arg) for arg in get_args(tp)])
    if origin is list:
        return st.lists(strategy_for(get_args(tp)[0]), max_size=3)
    if tp is type(None):
        return st.none()
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
        return st.builds(tp, **{f.name: strategy_for(hints[f.name]) for f in attrs.fields(tp)})
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
    space = structure({"spaceId": 3}, models.SpaceDto)
    assert space.space_name is None and space.created_by is None


@pytest.mark.parametrize(
    ("payload", "path"),
    [
        ({"taskTitle": "no id"}, "$.data.taskId"),
        ({"taskId": "12"}, "$.data.taskId"),
        ({"taskId": True}, "$.data.taskId"),
        ({"taskId": 1, "owners": [{"userId": 1}, {"userId": "x"}]}, "$.data.owners[1].userId"),
        ({"taskId": 1, "startDate": "not a date"}, "$.data.startDate"),
        ({"taskId": 1, "priority": []}, "$.data.priority"),
        ([], "$.data"),
    ],
)
def test_invalid_data_raises_decode_error_with_the_path(payload: Any, path: str) -> None:
    with pytest.raises(DecodeError) as caught:
        structure(payload, models.TaskDto, path="$.data")
    assert path in str(caught.value)
    assert not isinstance(caught.value, KeyError | TypeError)


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
