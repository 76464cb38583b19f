"""The one-pass bytes decoder (msgspec) held to the detailed path, body for body.

``decode_response`` first tries ``_fast_bytes``; whatever it returns must be exactly what the
detailed path (orjson or json.loads, then the cattrs converter) returns for the same bytes,
and whatever it declines the detailed path decides. So every test here decodes the same body
both ways and compares the value (``==`` and ``repr``, which shows types, time zones and
pseudo enum members) or the error (class, message and JSON path).
"""

from __future__ import annotations

import gc
import json
import os
import subprocess
import sys
import typing
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from typing import Any
from unittest import mock

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from test_convert import _JUNK, _mutate, rfc3339_texts, strategy_for

from astravue_async import _fast_bytes, _request, _transport, models
from astravue_async._convert import unstructure
from astravue_async._descriptors import Operation
from astravue_async._errors import AstravueError, ResponseDecodeError
from astravue_async._fast_bytes import bytes_decoder
from astravue_async._generated import operations as ops

RESPONSE_TYPES = sorted(
    {op.response for op in vars(ops).values() if isinstance(op, Operation) and op.response},
    key=repr,
)

# Beyond what a strategy for the field draws: integers on both sides of what orjson keeps
# exact, text that is not ASCII, and members the models do not have.
_EDGES = st.sampled_from(
    [2**63 - 1, 2**63, 2**64 - 1, 2**64, -(2**63) - 1, -0.0, 1e300, "Zürich ☃"]
)
_ANY_JSON = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(max_size=6),
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=4), inner, max_size=3)
    ),
    max_leaves=6,
)


@contextmanager
def detailed_only() -> typing.Iterator[None]:
    with mock.patch.object(_request, "bytes_decoder", lambda _: None):
        yield


def outcome(raw: bytes, response: Any) -> tuple[Any, ...]:
    """What ``decode_response`` makes of a 200 with body ``raw``: a value or an error."""
    try:
        value = _request.decode_response(
            response, status=200, headers={}, raw=raw, method="GET", path="/x"
        )
    except AstravueError as exc:
        return ("error", type(exc), str(exc), getattr(exc, "json_path", None))
    return ("value", value, repr(value))


def assert_alike(raw: bytes, response: Any) -> tuple[Any, ...]:
    with detailed_only():
        expected = outcome(raw, response)
    got = outcome(raw, response)
    assert got == expected, raw
    return got


def test_every_response_type_of_the_spec_has_a_bytes_decoder() -> None:
    # A type without a mirror silently takes the slower path: a new spec type must extend
    # the mirrors (or this test must name it, with the reason).
    assert RESPONSE_TYPES
    assert [tp for tp in RESPONSE_TYPES if bytes_decoder(tp) is None] == []


@pytest.mark.parametrize("response", RESPONSE_TYPES, ids=repr)
@settings(max_examples=40)
@given(data=st.data())
def test_bytes_path_agrees_with_the_detailed_path(response: Any, data: st.DataObject) -> None:
    wire = data.draw(strategy_for(response).map(unstructure))
    if data.draw(st.booleans()):
        wire = _mutate(data, wire)
    envelope: dict[str, Any] = {"success": True, "message": "OK", "code": 200, "data": wire}
    envelope["success"] = data.draw(st.sampled_from([True, True, True, False, "true", 1, None]))
    if data.draw(st.integers(0, 5)) == 0:
        del envelope[data.draw(st.sampled_from(["success", "data"]))]
    for _ in range(data.draw(st.integers(0, 2))):
        member = data.draw(st.sampled_from(["success", "data", "message", "code", "extra"]))
        envelope[member] = data.draw(st.one_of(_JUNK, _EDGES, _ANY_JSON))
    raw = json.dumps(envelope, ensure_ascii=data.draw(st.booleans())).encode()
    assert_alike(raw, response)


@settings(max_examples=200)
@given(value=st.one_of(_JUNK, _EDGES, st.integers(), st.floats(allow_nan=False)))
def test_every_field_kind_reads_an_odd_value_alike(value: Any) -> None:
    # One odd value in a field of each kind: int, str, datetime, duration, model, list of
    # strings, list of models, list of ints; then an enum and a float.
    base = {"taskId": 1, "taskTitle": "t"}
    for member in [
        "taskId",
        "taskTitle",
        "startDate",
        "totalTime",
        "priority",
        "tags",
        "owners",
        "descriptionMentionedUserIds",
    ]:
        raw = json.dumps({"success": True, "data": {**base, member: value}}).encode()
        assert_alike(raw, models.TaskDto)
    for member in ["status", "budget"]:  # an enum, a float
        project = {"projectId": 1, "projectName": "p", member: value}
        assert_alike(json.dumps({"success": True, "data": project}).encode(), models.ProjectDto)


@given(pair=rfc3339_texts())
def test_every_date_time_form_reads_alike(pair: tuple[str, datetime]) -> None:
    text, expected = pair
    body = {"timeTrackerId": 1, "taskId": 2, "startTime": text, "user": {"userId": 1}}
    kind, value, _ = assert_alike(
        json.dumps({"success": True, "data": body}).encode(), models.TimeTrackerDto
    )
    assert kind == "value" and value.start_time == expected


def test_fractions_are_truncated_not_rounded() -> None:
    # msgspec would round these up into the next second (and year); the SDK truncates.
    body = {
        "success": True,
        "data": {"taskId": 1, "taskTitle": "t", "dueDate": "2026-12-31T23:59:59.9999999Z"},
    }
    task = _request.decode_response(
        models.TaskDto,
        status=200,
        headers={},
        raw=json.dumps(body).encode(),
        method="GET",
        path="/",
    )
    assert task.due_date == datetime(2026, 12, 31, 23, 59, 59, 999_999, tzinfo=UTC)


def test_the_bytes_path_keeps_the_tolerant_rules() -> None:
    raw = json.dumps(
        {
            "success": True,
            "message": "OK",
            "code": 200,
            "unknownTop": [1, {"x": None}],
            "data": {
                "timeTrackerId": 1,
                "taskId": 2,
                "startTime": "2024-01-02T03:04:05",  # no offset: UTC
                "duration": 5400000,
                "entryType": "SOMETHING_NEW",
                "user": {"userId": 2, "role": {"orgRoleId": 3}, "newField": {"deep": [1]}},
            },
        }
    ).encode()
    fast = bytes_decoder(models.TimeTrackerDto)
    assert fast is not None
    entry = fast(raw)  # taken by the bytes path itself, not handed on
    assert entry.start_time == datetime(2024, 1, 2, 3, 4, 5, tzinfo=UTC)
    assert entry.duration == timedelta(hours=1, minutes=30)
    assert type(entry.duration) is timedelta
    assert isinstance(entry.entry_type, models.TimeEntryType) and not entry.entry_type.is_known
    assert entry.entry_type == "SOMETHING_NEW"
    assert isinstance(entry.user.role, models.OrgRoleDto)
    assert_alike(raw, models.TimeTrackerDto)


@pytest.mark.parametrize(
    "raw",
    [
        b'\xef\xbb\xbf{"success": true, "data": {"taskId": 1, "taskTitle": "t"}}',  # BOM
        b'{"success": true, "data": {"taskId": 1, "taskTitle": "t"}, "x": "\xff"}',  # not UTF-8
        b'{"success": true, "data": {"taskId": 1, "taskTitle": "\xc3\xa9"}}',  # UTF-8: é
        b'{"success": true, "data": {"taskId": 1, "taskTitle": "t"}, "x": "\\ud800"}',
        b'{"success": true, "data": {"taskId": 1, "taskTitle": "t", "totalTime": 1e400}}',
        b'{"success": true, "data": {"taskId": 18446744073709551615, "taskTitle": "t"}}',
        b'{"success": true, "data": {"taskId": 18446744073709551616, "taskTitle": "t"}}',
        b'{"success": true, "data": {"taskId": 1, "taskTitle": "t", "totalTime": 1e20}}',
        b'{"success": true, "data": {"taskId": 1, "taskTitle": "t"}} x',
        b'{"success": true, "success": false, "data": {"taskId": 1, "taskTitle": "t"}}',
        b'{"success": true, "data": {"taskId": 1, "taskTitle": "t"}, "data": null}',
        b'{"success": true, "data": {"taskId": 1, "taskTitle": "t", "taskId": "2"}}',
        b' \n{"success": true, "data": {"taskId": 1, "taskTitle": "t"}}\n',
        b'{"success": 1, "data": {"taskId": 1, "taskTitle": "t"}}',
        b'{"success": false, "code": 404, "message": "gone"}',
        b'{"success": true}',
        b'{"success": true, "data": []}',
        b"[]",
        b"\n",
        b"[" * 5000 + b"]" * 5000,
        b'{"success": true, "data": {"taskId": 1, "taskTitle": "t", "x": '
        + b"[" * 5000
        + b"]" * 5000
        + b"}}",
    ],
)
def test_bodies_off_the_common_case_are_decided_alike(raw: bytes) -> None:
    for response in (models.TaskDto, list[models.TaskDto]):
        assert_alike(raw, response)


def test_a_number_beyond_a_float_in_an_ignored_member_is_the_one_documented_difference() -> None:
    # orjson refuses the whole body for it; msgspec skips the member unread, as json.loads
    # reads it (as infinity). Documented in _json.
    raw = b'{"success": true, "data": {"taskId": 1, "taskTitle": "t"}, "x": 1e400}'
    task = _request.decode_response(
        models.TaskDto, status=200, headers={}, raw=raw, method="GET", path="/"
    )
    assert task.task_id == 1
    with detailed_only():
        kind, cls, *_ = outcome(raw, models.TaskDto)
    assert (kind, cls) == ("error", ResponseDecodeError)


def test_a_value_off_the_model_is_the_detailed_paths_error() -> None:
    raw = json.dumps(
        {"success": True, "data": {"taskId": 1, "taskTitle": "t", "owners": [{"userId": "x"}]}}
    ).encode()
    kind, cls, message, json_path = assert_alike(raw, models.TaskDto)
    assert kind == "error" and cls is ResponseDecodeError
    assert json_path == "$.data.owners[0].userId" and "@ $.data.owners[0].userId" in message


@pytest.mark.parametrize(
    ("member", "value"),
    [("tags", "abc"), ("owners", {"userId": 1}), ("descriptionMentionedUserIds", {"7": 2})],
)
def test_a_string_or_object_where_a_list_belongs_is_the_detailed_paths_error(
    member: str, value: Any
) -> None:
    raw = json.dumps({"success": True, "data": {"taskId": 1, "taskTitle": "t", member: value}})
    kind, cls, message, json_path = assert_alike(raw.encode(), models.TaskDto)
    assert kind == "error" and cls is ResponseDecodeError
    assert json_path == f"$.data.{member}"
    assert message.endswith(f"expected a JSON array, got {type(value).__name__} @ $.data.{member}")


@pytest.mark.parametrize("backend", ["", "stdlib", "orjson"])
def test_every_backend_names_the_offending_json_path(backend: str) -> None:
    # The switch is read at import: a fresh interpreter per backend.
    code = """
import json
from astravue_async import ResponseDecodeError, models
from astravue_async._request import decode_response
task = {"taskId": 1, "taskTitle": "t"}
for data in (
    {**task, "owners": [{"userId": 1}, {"userId": "x"}]},
    {**task, "tags": "abc"},
    {"content": [task, {**task, "owners": {"userId": 1}}]},
):
    raw = json.dumps({"success": True, "data": data}).encode()
    try:
        decode_response(models.TaskListResponse if "content" in data else models.TaskDto,
                        status=200, headers={}, raw=raw, method="GET", path="/x")
    except ResponseDecodeError as exc:
        print(exc.json_path, exc.__cause__.path, str(exc).rsplit(": ", 1)[-1])
"""
    env = {**os.environ, "ASTRAVUE_JSON_BACKEND": backend}
    done = subprocess.run(  # noqa: S603 - our own interpreter and code
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True
    )
    assert done.stdout.splitlines() == [
        "$.data.owners[1].userId $.data.owners[1].userId "
        "expected an integer, got str @ $.data.owners[1].userId",
        "$.data.tags $.data.tags expected a JSON array, got str @ $.data.tags",
        "$.data.content[1].owners $.data.content[1].owners "
        "expected a JSON array, got dict @ $.data.content[1].owners",
    ]


def test_types_without_a_mirror_take_the_detailed_path() -> None:
    assert bytes_decoder(Any) is None
    assert bytes_decoder(models.TaskCreateRequest) is None  # NOT_GIVEN defaults
    assert bytes_decoder(models.FieldError) is None  # an Any field


@pytest.mark.parametrize("backend", ["stdlib", "orjson"])
def test_the_backend_switch_rules_msgspec_out(backend: str) -> None:
    code = (
        "from astravue_async._fast_bytes import bytes_decoder;"
        "from astravue_async.models import TaskDto;"
        "print(bytes_decoder(TaskDto) is None)"
    )
    env = {**os.environ, "ASTRAVUE_JSON_BACKEND": backend}
    done = subprocess.run(  # noqa: S603 - our own interpreter and code
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True
    )
    assert done.stdout.strip() == "True"


def test_msgspec_is_imported_on_the_first_decode_not_with_the_package() -> None:
    code = (
        "import sys, astravue_async;"
        "print('msgspec' in sys.modules);"
        "from astravue_async._fast_bytes import bytes_decoder;"
        "from astravue_async.models import TaskDto;"
        "bytes_decoder(TaskDto);"
        "print('msgspec' in sys.modules)"
    )
    done = subprocess.run(  # noqa: S603 - our own interpreter and code
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert done.stdout.split() == ["False", "True"]


def test_a_decoder_is_built_once_per_response_type() -> None:
    assert bytes_decoder(models.TaskDto) is bytes_decoder(models.TaskDto)
    assert models.TaskDto in _fast_bytes._decoders


# --------------------------------------------------------------------------- deferred pages

LIST_OPERATIONS = sorted(
    (
        op
        for op in vars(ops).values()
        if isinstance(op, Operation)
        and (op.pagination is not None or typing.get_origin(op.response) is list)
    ),
    key=lambda op: op.operation_id,
)


def built(page: Any, key: Any) -> Any:
    """A deferred page as the eager path returns it: every item built, back in its place."""
    items = [page.build(mirror) for mirror in page.items]
    if key.items_attr is None:
        return items
    return attrs.evolve(page.data, **{key.items_attr: items})


def deferred_outcome(raw: bytes, key: Any) -> tuple[Any, ...]:
    """What a paginator's ``async for`` makes of a 200 with body ``raw``."""
    page = _transport._decode_deferred(key, raw)
    if page is _transport._NOT_DEFERRED:
        return outcome(raw, key.response_type)  # the detailed path decides, as for call()
    value = built(page, key)
    return ("value", value, repr(value))


def test_every_list_operation_has_a_deferred_decoder() -> None:
    assert LIST_OPERATIONS
    keys = [_transport._deferred_key(op) for op in LIST_OPERATIONS]
    assert [key for key in keys if _fast_bytes.deferred_decoder(key) is None] == []
    assert all(
        key.items_attr for key, op in zip(keys, LIST_OPERATIONS, strict=True) if op.pagination
    )


@pytest.mark.parametrize("operation", LIST_OPERATIONS, ids=lambda op: op.operation_id)
@settings(max_examples=40)
@given(data=st.data())
def test_deferred_pages_agree_with_the_detailed_path(operation: Any, data: st.DataObject) -> None:
    # Everything that can fail is decided when the page is decoded; building an item later
    # only moves values. So a deferred page, built, is the detailed path's value, and a body
    # it does not take goes to the detailed path whole (the same value or the same error).
    key = _transport._deferred_key(operation)
    wire = data.draw(strategy_for(key.response_type).map(unstructure))
    if data.draw(st.booleans()):
        wire = _mutate(data, wire)
    envelope = {"success": data.draw(st.sampled_from([True, True, True, False])), "data": wire}
    raw = json.dumps(envelope, ensure_ascii=data.draw(st.booleans())).encode()
    with detailed_only():
        expected = outcome(raw, key.response_type)
    if expected[0] == "value" and key.items_attr is not None:
        value = expected[1]
        if getattr(value, key.items_attr) is None:  # a page without items reads as empty
            value = attrs.evolve(value, **{key.items_attr: []})
        expected = ("value", value, repr(value))
    assert deferred_outcome(raw, key) == expected, raw


def test_a_bad_date_time_on_item_57_fails_the_page_before_any_item_is_built() -> None:
    tasks = [
        {"taskId": i, "taskTitle": f"t{i}", "startDate": "2024-05-01T10:00:00Z"} for i in range(100)
    ]
    tasks[57]["startDate"] = "2024-13-45T99:00:00Z"
    raw = json.dumps({"success": True, "data": {"content": tasks, "last": True}}).encode()
    key = _transport._deferred_key(ops.LIST_PROJECT_TASKS)
    assert _transport._decode_deferred(key, raw) is _transport._NOT_DEFERRED
    kind, cls, message, json_path = outcome(raw, key.response_type)
    assert (kind, cls) == ("error", ResponseDecodeError)
    assert json_path == "$.data.content[57].startDate"
    assert "content[57].startDate" in message


def test_items_of_a_deferred_page_are_built_only_when_read() -> None:
    tasks = [{"taskId": i, "taskTitle": f"t{i}", "owners": [{"userId": i}]} for i in range(50)]
    raw = json.dumps({"success": True, "data": {"content": tasks, "last": True}}).encode()
    key = _transport._deferred_key(ops.LIST_PROJECT_TASKS)
    page = _transport._decode_deferred(key, raw)
    assert isinstance(page, _fast_bytes.DeferredPage)
    assert not any(isinstance(item, models.TaskDto) for item in page.items)
    assert all(gc.is_tracked(item) is False for item in page.items)  # nothing for the GC
    first = page.build(page.items[0])
    assert first == models.TaskDto(task_id=0, task_title="t0", owners=[models.UserDto(user_id=0)])


@attrs.define(kw_only=True)
class _Stamp:
    at: datetime
    note: str | None = None


@attrs.define(kw_only=True)
class _Item:
    item_id: int = attrs.field(metadata={"wire": "itemId"})
    seen: list[datetime] | None = None
    spent: list[timedelta] | None = None
    last: _Stamp | None = None
    history: list[_Stamp] | None = None


@attrs.define(kw_only=True)
class _ItemPage:
    content: list[_Item] | None = None
    last: bool | None = None


def test_deferred_pages_convert_every_kind_of_field_the_spec_does_not_have_yet() -> None:
    # Lists of date-times and durations, and date-times nested in lists of models: no list
    # endpoint of today's spec has them, so this holds the two phases to the one-pass
    # decoder on a page that does.
    item = {
        "itemId": 7,
        "seen": ["2024-05-01T10:00:00Z", "2024-05-01T12:30:00.5+02:00"],
        "spent": [1500, 0],
        "last": {"at": "2024-05-02T00:00:00Z", "note": "n"},
        "history": [{"at": "2024-05-03T00:00:00Z"}, {"at": "2024-05-04T08:00:00-05:00"}],
    }
    raw = json.dumps({"success": True, "data": {"content": [item, {"itemId": 8}]}}).encode()
    key = _fast_bytes.DeferredItems(_ItemPage, "content")
    decode = _fast_bytes.deferred_decoder(key)
    assert decode is not None
    page = decode(raw)
    eager = bytes_decoder(_ItemPage)
    assert eager is not None
    assert built(page, key) == eager(raw)
    assert built(page, key).content[0].spent == [timedelta(seconds=1.5), timedelta(0)]
    # Anything the first phase cannot convert leaves the whole page to the detailed path.
    item["history"] = [{"at": "2024-05-03T25:00:00Z"}]
    raw = json.dumps({"success": True, "data": {"content": [item]}}).encode()
    with pytest.raises(ValueError):
        decode(raw)
