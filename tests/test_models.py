"""The generated models follow the spec: types, units, nullability, requiredness, NOT_GIVEN.

The spec (with openapi/overrides.yaml) is the one source: these tests read it and hold every
generated class to it, then check the behaviour on the wire (encode_body, decode_response,
both decoders) that the types promise.
"""

from __future__ import annotations

import enum
import inspect
import json
import types
import typing
from datetime import UTC, datetime, timedelta
from typing import Any, Union, get_args, get_origin

import attrs
import pytest

import astravue_async.models as public_models
from astravue_async import _json, _request
from astravue_async._convert import (
    _build,
    _problems,
    check_request,
    duration_to_wire,
    structure,
    unstructure,
)
from astravue_async._errors import DecodeError, ResponseDecodeError
from astravue_async._generated import models
from astravue_async._request import decode_response, encode_body
from astravue_async._types import NOT_GIVEN, NotGiven
from codegen.generate import request_schemas
from codegen.spec import load_spec

SPEC = load_spec()
SCHEMAS: dict[str, Any] = SPEC["components"]["schemas"]
CLASSES = {
    name: cls
    for name, cls in vars(models).items()
    if isinstance(cls, type) and cls.__module__ == models.__name__
}
MODELS = sorted((cls for cls in CLASSES.values() if attrs.has(cls)), key=lambda c: c.__name__)
REQUESTS = request_schemas(SPEC)
RESPONSE_MODELS = [cls for cls in MODELS if cls.__name__ not in REQUESTS]
REQUEST_MODELS = [cls for cls in MODELS if cls.__name__ in REQUESTS]
DETAILED = _build(fast=False)
NONE = type(None)


def _args(tp: Any) -> tuple[Any, ...]:
    return get_args(tp) if get_origin(tp) in (Union, types.UnionType) else (tp,)


def _property(cls: type[Any], field: attrs.Attribute[Any]) -> dict[str, Any]:
    prop: dict[str, Any] = SCHEMAS[cls.__name__]["properties"][field.metadata["wire"]]
    return prop


def _fields(classes: list[type[Any]]) -> list[tuple[type[Any], attrs.Attribute[Any]]]:
    return [(cls, field) for cls in classes for field in attrs.fields(cls)]


def _params(pairs: list[tuple[type[Any], attrs.Attribute[Any]]]) -> list[Any]:
    return [pytest.param(cls, field, id=f"{cls.__name__}.{field.name}") for cls, field in pairs]


# --------------------------------------------------------------------------- the public module


def test_public_models_module_exports_every_generated_class() -> None:
    assert sorted(public_models.__all__) == sorted(CLASSES)
    for name, cls in CLASSES.items():
        assert getattr(public_models, name) is cls


def test_the_issue_import_works() -> None:
    from astravue_async.models import TaskDto, TimerUpdateRequest

    assert TaskDto is models.TaskDto and TimerUpdateRequest is models.TimerUpdateRequest


def test_request_models_are_the_request_bodies_of_the_spec() -> None:
    bodies = {
        schema["$ref"].rsplit("/", 1)[-1]
        for item in SPEC["paths"].values()
        for op in item.values()
        if isinstance(op, dict) and "requestBody" in op
        for schema in [op["requestBody"]["content"]["application/json"]["schema"]]
    }
    assert bodies <= REQUESTS
    assert {"TaskUpdateRequest", "TimerUpdateRequest", "RefreshTokenRequest"} <= REQUESTS
    assert not {"TaskDto", "TimeTrackerDto", "ApiError", "TokenResponse"} & REQUESTS


# --------------------------------------------------------------------------- spec → types


@pytest.mark.parametrize(("cls", "field"), _params(_fields(MODELS)))
def test_metadata_carries_what_the_facade_generator_reads(
    cls: type[Any], field: attrs.Attribute[Any]
) -> None:
    meta = field.metadata
    prop = _property(cls, field)
    assert meta["description"] == " ".join(str(prop.get("description", "")).split())
    assert meta["unit"] == prop.get("x-unit")
    assert meta["nullable"] is bool(prop.get("nullable", False))
    assert meta.get("ge") == prop.get("minimum")
    assert meta.get("le") == prop.get("maximum")


@pytest.mark.parametrize(("cls", "field"), _params(_fields(MODELS)))
def test_types_follow_requiredness_nullability_and_unit(
    cls: type[Any], field: attrs.Attribute[Any]
) -> None:
    hint = typing.get_type_hints(cls)[field.name]
    options = _args(hint)
    prop = _property(cls, field)
    required = field.metadata["wire"] in SCHEMAS[cls.__name__].get("required", [])
    nullable = bool(prop.get("nullable", False))
    is_request = cls.__name__ in REQUESTS
    if required:
        assert field.default is attrs.NOTHING
        assert (NONE in options) is nullable
        assert NotGiven not in options
    elif is_request:
        assert field.default is NOT_GIVEN
        assert NotGiven in options
        assert (NONE in options) is nullable
    else:
        assert field.default is None
        assert NONE in options and NotGiven not in options
    concrete = [tp for tp in options if tp not in (NONE, NotGiven)]
    assert (concrete == [timedelta]) is ("x-unit" in prop)


def test_every_duration_in_the_spec_is_a_timedelta() -> None:
    found = {
        f"{cls.__name__}.{field.name}"
        for cls, field in _fields(MODELS)
        if field.metadata["unit"] == "milliseconds"
    }
    assert found == {
        "TaskDto.total_time",
        "TimeTrackerDto.duration",
        "TimerData.duration",
        "TimerUpdateRequest.duration",
    }


def test_the_issue_fields_are_not_optional() -> None:
    hints = typing.get_type_hints(models.TaskDto)
    assert hints["task_title"] is str and hints["task_id"] is int
    # A duration is a timedelta; absent while a timer runs (that shape is inferred, not seen).
    assert typing.get_type_hints(models.TimeTrackerDto)["duration"] == timedelta | None
    assert typing.get_type_hints(models.TimeTrackerDto)["task_id"] is int


# --------------------------------------------------------------------------- request bodies


def test_update_with_none_sends_null_and_a_partial_update_sends_only_what_was_given() -> None:
    assert json.loads(encode_body(models.TaskUpdateRequest(due_date=None))) == {"dueDate": None}
    assert encode_body(models.TaskUpdateRequest(task_title="x")) == b'{"taskTitle":"x"}'
    assert encode_body(models.TaskUpdateRequest()) == b"{}"


@pytest.mark.parametrize("cls", REQUEST_MODELS, ids=lambda cls: cls.__name__)
def test_every_nullable_request_field_sends_null_and_every_other_refuses_none(
    cls: type[Any],
) -> None:
    required = _minimal_request(cls)
    for field in attrs.fields(cls):
        if field.default is attrs.NOTHING:
            continue
        model = cls(**{**required, field.name: None})
        if field.metadata["nullable"]:
            check_request(model)
            assert json.loads(encode_body(model))[field.metadata["wire"]] is None
        else:
            with pytest.raises(TypeError, match=rf"^{field.name} cannot be None"):
                check_request(model)


def test_a_list_that_cannot_be_null_says_how_to_clear_it() -> None:
    with pytest.raises(TypeError, match=r"owners cannot be None.*pass \[\] to clear it"):
        check_request(models.TaskUpdateRequest(owners=None))  # type: ignore[arg-type]
    body = models.TaskUpdateRequest(owners=[])
    check_request(body)
    assert encode_body(body) == b'{"owners":[]}'


@pytest.mark.parametrize("value", [None, NOT_GIVEN])
def test_a_required_request_field_cannot_be_left_out(value: Any) -> None:
    with pytest.raises(TypeError, match="task_title is required"):
        check_request(models.TaskCreateRequest(task_title=value))


def test_not_given_inside_plain_data_is_refused_not_sent() -> None:
    with pytest.raises(TypeError, match="NOT_GIVEN cannot be sent"):
        encode_body({"taskTitle": NOT_GIVEN})


def _minimal_request(cls: type[Any]) -> dict[str, Any]:
    values = {
        "task_title": "t",
        "space_name": "s",
        "project_name": "p",
        "start_time": datetime(2024, 1, 1, tzinfo=UTC),
        "end_time": datetime(2024, 1, 1, 1, tzinfo=UTC),
        "notification_ids": [1],
        "grant_type": "g",
        "code": "c",
        "redirect_uri": "https://example.invalid/cb",
        "client_id": "id",
        "refresh_token": "r",
    }
    return {f.name: values[f.name] for f in attrs.fields(cls) if f.default is attrs.NOTHING}


# --------------------------------------------------------------------------- durations


def test_durations_come_back_as_timedelta_from_both_decoders() -> None:
    payload = {"timeTrackerId": 1, "taskId": 2, "duration": 5_400_000}
    for entry in (
        structure(payload, models.TimeTrackerDto),
        DETAILED.structure(payload, models.TimeTrackerDto),
    ):
        assert entry.duration == timedelta(minutes=90)
        assert entry.duration.total_seconds() == 5400
    task = structure({"taskId": 1, "taskTitle": "t", "totalTime": 1}, models.TaskDto)
    assert task.total_time == timedelta(milliseconds=1)


def test_durations_are_sent_as_whole_milliseconds() -> None:
    body = models.TimerUpdateRequest(duration=timedelta(hours=1, milliseconds=5))
    check_request(body)
    assert encode_body(body) == b'{"duration":3600005}'
    entry = models.TimeTrackerDto(time_tracker_id=1, task_id=2, duration=timedelta(seconds=3))
    assert unstructure(entry) == {"timeTrackerId": 1, "taskId": 2, "duration": 3000}


@pytest.mark.parametrize(
    "value", [timedelta(microseconds=1), timedelta(seconds=1, microseconds=500)]
)
def test_a_duration_finer_than_a_millisecond_is_refused_naming_the_field(value: timedelta) -> None:
    body = models.TimerUpdateRequest(duration=value)
    with pytest.raises(ValueError, match=r"^duration .*whole number of milliseconds"):
        check_request(body)
    with pytest.raises(ValueError, match=r"^duration "):
        encode_body(body)  # also on its own, without check_request


def test_a_negative_duration_is_refused_where_the_spec_has_minimum_0() -> None:
    body = models.TimerUpdateRequest(duration=timedelta(milliseconds=-1))
    with pytest.raises(ValueError, match=r"^duration must"):
        check_request(body)
    with pytest.raises(ValueError, match=r"^duration must not be negative"):
        encode_body(body)
    assert encode_body(models.TimerUpdateRequest(duration=timedelta(0))) == b'{"duration":0}'


def test_a_running_timer_may_carry_no_duration() -> None:
    entry = structure({"timeTrackerId": 1, "taskId": 2, "duration": None}, models.TimeTrackerDto)
    assert entry.duration is None


def test_a_response_duration_may_be_negative() -> None:
    # Responses are read as the API sends them; only what we send is held to the bounds.
    entry = structure({"timeTrackerId": 1, "taskId": 2, "duration": -5}, models.TimeTrackerDto)
    assert entry.duration == timedelta(milliseconds=-5)


@pytest.mark.parametrize("value", [1.5, 1.0, "100", True, [], 10**20, -(10**20)])
def test_a_bad_wire_duration_is_a_decode_error_naming_its_path(value: Any) -> None:
    payload = {"timeTrackerId": 1, "taskId": 2, "duration": value}
    with pytest.raises(DecodeError) as caught:
        structure(payload, models.TimeTrackerDto, path="$.data")
    assert "@ $.data.duration" in str(caught.value)


def test_a_duration_that_is_not_a_timedelta_is_a_type_error() -> None:
    with pytest.raises(TypeError, match=r"^duration must be"):
        check_request(models.TimerUpdateRequest(duration=90))  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="timedelta"):
        duration_to_wire(90)  # type: ignore[arg-type]


# --------------------------------------------------------------------------- required responses


def _value_for(tp: Any) -> Any:
    """The smallest JSON a field of type ``tp`` accepts."""
    tp = next(arg for arg in _args(tp) if arg is not NONE)
    if get_origin(tp) is list:
        return []
    if isinstance(tp, type) and attrs.has(tp):
        return _minimal_response(tp)
    if isinstance(tp, type) and issubclass(tp, enum.Enum):
        return next(iter(tp)).value
    simple = {int: 1, str: "x", bool: True, timedelta: 0, datetime: "2024-01-01T00:00:00Z"}
    return simple.get(tp)


def _minimal_response(cls: type[Any]) -> dict[str, Any]:
    hints = typing.get_type_hints(cls)
    return {
        f.metadata["wire"]: _value_for(hints[f.name])
        for f in attrs.fields(cls)
        if f.default is attrs.NOTHING
    }


REQUIRED_RESPONSE_FIELDS = [
    (cls, field) for cls, field in _fields(RESPONSE_MODELS) if field.default is attrs.NOTHING
]


def _envelope(data: Any) -> bytes:
    return json.dumps({"success": True, "code": 200, "data": data}).encode()


@pytest.mark.parametrize(("cls", "field"), _params(REQUIRED_RESPONSE_FIELDS))
def test_a_missing_required_response_field_is_a_response_decode_error_naming_it(
    cls: type[Any], field: attrs.Attribute[Any]
) -> None:
    payload = _minimal_response(cls)
    assert isinstance(structure(payload, cls), cls)  # the minimal object itself decodes
    wire = field.metadata["wire"]
    for broken in ({k: v for k, v in payload.items() if k != wire}, {**payload, wire: None}):
        with pytest.raises(ResponseDecodeError) as caught:
            decode_response(
                cls,
                status=200,
                headers={},
                raw=_envelope(broken),
                method="GET",
                path="/x",
            )
        assert f"@ $.data.{wire}" in str(caught.value)
        assert not isinstance(caught.value, KeyError)
        # The detailed decoder alone reaches the same verdict (the fast one only declines).
        with pytest.raises(Exception) as detailed:
            DETAILED.structure(broken, cls)
        assert any(p.endswith(f"@ $.{wire}") for p in _problems(detailed.value, "$"))


def test_a_missing_title_inside_a_list_names_the_item() -> None:
    raw = _envelope([{"taskId": 1, "taskTitle": "a"}, {"taskId": 2}])
    with pytest.raises(
        ResponseDecodeError, match=r"required field missing @ \$\.data\[1\]\.taskTitle"
    ):
        decode_response(
            list[models.TaskDto], status=200, headers={}, raw=raw, method="GET", path="/x"
        )


# --------------------------------------------------------------------------- wrong containers

# Every way a response is decoded: msgspec from the bytes (the default), the cattrs path after
# orjson, and after json.loads (what ASTRAVUE_JSON_BACKEND=stdlib selects at import).
DECODERS = ["default", "detailed", "stdlib"]


@pytest.fixture(params=DECODERS)
def decoder(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    if request.param != "default":
        monkeypatch.setattr(_request, "bytes_decoder", lambda _: None)
    if request.param == "stdlib":
        monkeypatch.setattr(_json, "loads", _json.stdlib_loads)
    return str(request.param)


def _decode_error(response: Any, data: Any) -> ResponseDecodeError:
    with pytest.raises(ResponseDecodeError) as caught:
        decode_response(
            response, status=200, headers={}, raw=_envelope(data), method="GET", path="/x"
        )
    return caught.value


def _assert_names(error: ResponseDecodeError, problem: str, json_path: str) -> None:
    """The message, ``json_path`` and the cause's ``path`` all name the offending value."""
    assert f"{problem} @ {json_path}" in str(error)
    assert error.json_path == json_path
    assert isinstance(error.__cause__, DecodeError)
    assert error.__cause__.path == json_path


def _list_fields(classes: list[type[Any]]) -> list[tuple[type[Any], attrs.Attribute[Any]]]:
    return [
        (cls, field)
        for cls, field in _fields(classes)
        if any(get_origin(arg) is list for arg in _args(typing.get_type_hints(cls)[field.name]))
    ]


LIST_RESPONSE_FIELDS = _list_fields(RESPONSE_MODELS)


def test_list_fields_found() -> None:
    names = {f"{cls.__name__}.{field.name}" for cls, field in LIST_RESPONSE_FIELDS}
    assert {"TaskDto.tags", "TaskDto.owners", "TaskListResponse.content"} <= names


@pytest.mark.parametrize("value", ["abc", "", {"userId": 1}, {}, 5, True], ids=repr)
@pytest.mark.parametrize(("cls", "field"), _params(LIST_RESPONSE_FIELDS))
def test_a_string_or_object_where_a_list_belongs_is_refused_naming_its_path(
    cls: type[Any], field: attrs.Attribute[Any], value: Any, decoder: str
) -> None:
    # cattrs alone iterates whatever it gets: "abc" became ['a', 'b', 'c'], an object its keys.
    wire = field.metadata["wire"]
    error = _decode_error(cls, {**_minimal_response(cls), wire: value})
    _assert_names(error, f"expected a JSON array, got {type(value).__name__}", f"$.data.{wire}")


@pytest.mark.parametrize("value", ["abc", {"taskId": 1, "taskTitle": "t"}], ids=repr)
def test_a_plain_array_response_that_is_not_an_array_is_refused(value: Any, decoder: str) -> None:
    error = _decode_error(list[models.TaskDto], value)
    _assert_names(error, f"expected a JSON array, got {type(value).__name__}", "$.data")


_TASK = {"taskId": 1, "taskTitle": "t"}


@pytest.mark.parametrize(
    ("response", "data", "problem", "json_path"),
    [
        (
            models.TaskDto,
            {**_TASK, "owners": [{"userId": 1}, {"userId": "x"}]},
            "expected an integer, got str",
            "$.data.owners[1].userId",
        ),
        (
            models.TaskDto,
            {**_TASK, "owners": [{"userId": 1}, "x"]},
            "expected a JSON object for UserDto, got str",
            "$.data.owners[1]",
        ),
        (
            models.TaskDto,
            {**_TASK, "tags": ["a", 5]},
            "expected a string, got int",
            "$.data.tags[1]",
        ),
        (
            models.TaskDto,
            {**_TASK, "status": {"taskStatusId": "1", "statusName": "s"}},
            "expected an integer, got str",
            "$.data.status.taskStatusId",
        ),
        (
            models.TaskDto,
            {
                **_TASK,
                "priority": {
                    "taskPriorityId": 1,
                    "priorityLabel": "p",
                    "createdBy": {"userId": 1, "role": {"orgRoleId": 2.5}},
                },
            },
            "expected an integer, got float",
            "$.data.priority.createdBy.role.orgRoleId",
        ),
        (
            models.TaskDto,
            {**_TASK, "priority": {"taskPriorityId": 1, "priorityLabel": "p", "createdBy": []}},
            "expected a JSON object for UserDto, got list",
            "$.data.priority.createdBy",
        ),
        (
            models.TaskListResponse,
            {"content": [_TASK, {**_TASK, "tags": "abc"}]},
            "expected a JSON array, got str",
            "$.data.content[1].tags",
        ),
        (
            models.TaskListResponse,
            {"content": [_TASK, {**_TASK, "owners": [{"userId": 1, "role": {"orgRoleId": "x"}}]}]},
            "expected an integer, got str",
            "$.data.content[1].owners[0].role.orgRoleId",
        ),
        (
            models.ProjectListResponse,
            {"content": [{"projectId": 1, "projectName": "p", "members": {"userId": 1}}]},
            "expected a JSON array, got dict",
            "$.data.content[0].members",
        ),
        (
            list[models.TaskDto],
            [_TASK, {**_TASK, "descriptionMentionedUserIds": [1, "2"]}],
            "expected an integer, got str",
            "$.data[1].descriptionMentionedUserIds[1]",
        ),
        (
            list[models.TaskDto],
            [_TASK, {"taskId": 2}],
            "required field missing",
            "$.data[1].taskTitle",
        ),
        (
            # Several problems: all in the message, the first (in field order) in json_path.
            models.TaskDto,
            {"taskId": 1, "taskTitle": 5, "owners": [{"userId": "x"}]},
            "expected a string, got int",
            "$.data.taskTitle",
        ),
    ],
)
def test_json_path_names_the_offending_value_in_nested_lists_and_models(
    response: Any, data: Any, problem: str, json_path: str, decoder: str
) -> None:
    _assert_names(_decode_error(response, data), problem, json_path)


def test_every_problem_stays_in_the_message() -> None:
    error = _decode_error(models.TaskDto, {"taskId": 1, "taskTitle": 5, "tags": "abc"})
    assert str(error).endswith(
        "expected a string, got int @ $.data.taskTitle; "
        "expected a JSON array, got str @ $.data.tags"
    )


@pytest.mark.parametrize("value", ["abc", {"a": 1}], ids=repr)
@pytest.mark.parametrize(("cls", "field"), _params(_list_fields(REQUEST_MODELS)))
def test_a_string_or_object_where_a_request_list_belongs_is_refused(
    cls: type[Any], field: attrs.Attribute[Any], value: Any
) -> None:
    # Request models are decoded too (the fake server reads bodies with them).
    wire = field.metadata["wire"]
    payload = {**unstructure(cls(**_minimal_request(cls))), wire: value}
    problem = f"expected a JSON array, got {type(value).__name__} @ $.{wire}"
    with pytest.raises(DecodeError) as caught:
        structure(payload, cls)
    assert str(caught.value).endswith(problem) and caught.value.path == f"$.{wire}"
    with pytest.raises(Exception) as detailed:
        DETAILED.structure(payload, cls)
    assert _problems(detailed.value, "$") == [problem]


def test_a_tuple_is_still_a_list() -> None:
    task = structure({**_TASK, "tags": ("a", "b"), "owners": ({"userId": 1},)}, models.TaskDto)
    assert task.tags == ["a", "b"] and type(task.tags) is list
    assert task.owners == [models.UserDto(user_id=1)]


# --------------------------------------------------------------------------- request decoding


def test_request_models_decode_absent_as_not_given_and_null_as_none() -> None:
    for decode in (structure, DETAILED.structure):
        update = decode({"dueDate": None, "taskTitle": "x"}, models.TaskUpdateRequest)
        assert update.due_date is None
        assert update.task_title == "x"
        assert update.description is NOT_GIVEN and update.start_date is NOT_GIVEN


def test_a_null_for_a_non_nullable_request_field_is_a_decode_error() -> None:
    with pytest.raises(DecodeError, match=r"@ \$\.taskTitle"):
        structure({"taskTitle": None}, models.TaskUpdateRequest)


def test_docstrings_state_the_duration_unit() -> None:
    source = inspect.getsource(models.TimeTrackerDto)
    assert "In Python a datetime.timedelta; the wire carries whole milliseconds." in source
