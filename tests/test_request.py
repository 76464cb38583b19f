"""Tests for the pure request/response protocol in astravue_async._request (no I/O)."""

from __future__ import annotations

import json
import platform
import re
from datetime import UTC, datetime, timedelta, timezone
from typing import Any
from unittest import mock
from urllib.parse import unquote

import aiohttp
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from test_convert import strategy_for

from astravue_async import __version__, _json
from astravue_async._convert import native_datetime_unstructurer, to_wire_datetime, unstructure
from astravue_async._descriptors import Operation, Parameter
from astravue_async._errors import (
    APIStatusError,
    AuthenticationError,
    BadRequestError,
    ConflictError,
    DecodeError,
    FieldError,
    InternalServerError,
    NotFoundError,
    PermissionDeniedError,
    RateLimitError,
    ResponseDecodeError,
    UnprocessableEntityError,
)
from astravue_async._generated import models
from astravue_async._generated import operations as ops
from astravue_async._request import (
    INT64_MAX,
    ORG_HEADER,
    USER_AGENT,
    PreparedRequest,
    check_org_id,
    decode_response,
    encode_body,
    encode_path_value,
    encode_query_value,
    prepare,
)

CEST = timezone(timedelta(hours=2))
UNRESERVED = re.compile(r"^[A-Za-z0-9\-._~%]*$")

# An operation with a string path parameter: the real API only has int ids, but the
# encoding rules must hold for any descriptor the generator may produce.
THING = Operation(
    operation_id="get_thing",
    method="GET",
    path="/things/{thingId}/parts/{partId}",
    tag="Test",
    summary="",
    doc_url="",
    seed=False,
    idempotent=True,
    parameters=(
        Parameter("thingId", "thing_id", "path", str, required=True),
        Parameter("partId", "part_id", "path", int, required=True),
    ),
    response=Any,
)


def envelope(data: Any = None, **extra: Any) -> bytes:
    return json.dumps(
        {"success": True, "message": "OK", "code": 200, "data": data, **extra}
    ).encode()


def decode(
    raw: bytes | str,
    *,
    status: int = 200,
    response: Any = Any,
    headers: dict[str, str] | None = None,
) -> Any:
    return decode_response(
        response,
        status=status,
        headers=headers or {},
        raw=raw.encode() if isinstance(raw, str) else raw,
        method="GET",
        path="/tasks/1",
    )


# --------------------------------------------------------------------------- constants


def test_user_agent_names_sdk_python_and_aiohttp_versions() -> None:
    assert re.fullmatch(r"astravue-async/\S+ python/\d+\.\d+\.\d+\S* aiohttp/\S+", USER_AGENT)
    assert (
        f"astravue-async/{__version__} python/{platform.python_version()} "
        f"aiohttp/{aiohttp.__version__}"
    ) == USER_AGENT


def test_org_header_name() -> None:
    assert ORG_HEADER == "X-Org-Id"


@pytest.mark.parametrize("org_id", [1, 42, INT64_MAX])
def test_check_org_id_accepts_positive_int64(org_id: int) -> None:
    assert check_org_id(org_id) == org_id


@pytest.mark.parametrize(
    ("org_id", "error"),
    [
        (0, ValueError),
        (-1, ValueError),
        (INT64_MAX + 1, ValueError),
        (True, TypeError),
        ("42", TypeError),
        (42.0, TypeError),
        (None, TypeError),
    ],
)
def test_check_org_id_rejects(org_id: object, error: type[Exception]) -> None:
    with pytest.raises(error, match="org_id"):
        check_org_id(org_id)


# --------------------------------------------------------------------------- path values


@pytest.mark.parametrize(
    ("value", "encoded"),
    [
        (7, "7"),
        (-3, "-3"),
        (INT64_MAX, str(INT64_MAX)),
        ("abc", "abc"),
        ("a/b", "a%2Fb"),
        ("a b", "a%20b"),
        ("q?x=1#frag", "q%3Fx%3D1%23frag"),
        ("100%", "100%25"),
        ("{taskId}", "%7BtaskId%7D"),
        ("é", "%C3%A9"),
        ("...", "..."),
        ("..%2F", "..%252F"),
        ("a;b&c+d", "a%3Bb%26c%2Bd"),
        ("~user-name_1.0", "~user-name_1.0"),
    ],
)
def test_encode_path_value_percent_encodes_everything_but_unreserved(
    value: int | str, encoded: str
) -> None:
    assert encode_path_value("thing_id", value) == encoded


@pytest.mark.parametrize("value", ["", ".", ".."])
def test_encode_path_value_refuses_values_that_change_the_path(value: str) -> None:
    with pytest.raises(ValueError, match="thing_id"):
        encode_path_value("thing_id", value)


@pytest.mark.parametrize("value", ["a\nb", "\x00", "tab\there", "del\x7f", "\r\nX-Injected: 1"])
def test_encode_path_value_refuses_control_characters(value: str) -> None:
    with pytest.raises(ValueError, match=r"thing_id.*control"):
        encode_path_value("thing_id", value)


@pytest.mark.parametrize("value", [True, False, 1.5, None, b"7", [7]])
def test_encode_path_value_refuses_other_types(value: object) -> None:
    with pytest.raises(TypeError, match="thing_id"):
        encode_path_value("thing_id", value)


@given(
    st.text(
        alphabet=st.characters(exclude_categories=["Cs"], min_codepoint=0x20),
        min_size=1,
    ).filter(lambda s: s not in (".", "..") and "\x7f" not in s)
)
def test_encode_path_value_is_one_reversible_segment(value: str) -> None:
    encoded = encode_path_value("thing_id", value)
    assert UNRESERVED.match(encoded)  # no '/', '?', '#', space or braces survive
    assert encoded not in ("", ".", "..")
    assert unquote(encoded) == value


# --------------------------------------------------------------------------- query values


@pytest.mark.parametrize(
    ("value", "encoded"),
    [
        (True, "true"),
        (False, "false"),
        (0, "0"),
        (25, "25"),
        (1.5, "1.5"),
        ("In Progress", "In Progress"),
        (models.NotificationType.MENTION, "MENTION"),
        (models.NotificationType("FUTURE_KIND"), "FUTURE_KIND"),
        (datetime(2024, 5, 1, 12, 30, tzinfo=UTC), "2024-05-01T12:30:00Z"),
        (datetime(2024, 5, 1, 14, 30, tzinfo=CEST), "2024-05-01T12:30:00Z"),
        (datetime(2024, 5, 1, 0, 30, tzinfo=CEST), "2024-04-30T22:30:00Z"),
        (datetime(2024, 5, 1, 12, 0, 0, 250000, tzinfo=UTC), "2024-05-01T12:00:00.250000Z"),
    ],
)
def test_encode_query_value_wire_forms(value: Any, encoded: str) -> None:
    assert encode_query_value(value) == encoded


def test_encode_query_value_refuses_naive_datetime() -> None:
    with pytest.raises(ValueError, match="naive"):
        encode_query_value(datetime(2024, 5, 1, 12, 30))


@pytest.mark.parametrize("value", [float("nan"), float("inf"), float("-inf")])
def test_encode_query_value_refuses_non_finite_floats(value: float) -> None:
    with pytest.raises(ValueError):
        encode_query_value(value)


# --------------------------------------------------------------------------- body


def test_encode_body_uses_wire_names_and_omits_not_given() -> None:
    body = models.TaskCreateRequest(
        task_title="Write tests",
        owners=[1, 2],
        due_date=datetime(2024, 5, 1, 14, 30, tzinfo=CEST),
        completion=0,
    )
    raw = encode_body(body)
    assert json.loads(raw) == {
        "taskTitle": "Write tests",
        "owners": [1, 2],
        "dueDate": "2024-05-01T12:30:00Z",
        "completion": 0,
    }
    assert b"null" not in raw
    assert b" " not in raw.replace(b"Write tests", b"")  # compact separators


def test_encode_body_keeps_false_and_empty_values() -> None:
    raw = encode_body(models.SpaceUpdateRequest(is_private=False, description=""))
    assert json.loads(raw) == {"isPrivate": False, "description": ""}


def test_encode_body_is_utf8_json() -> None:
    raw = encode_body(models.SpaceRequest(space_name="Zürich ☃"))
    assert raw.decode("utf-8")
    assert json.loads(raw) == {"spaceName": "Zürich ☃"}


@pytest.mark.parametrize("writer", ["orjson", "stdlib"])
def test_encode_body_refuses_naive_datetime_and_nan(
    writer: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    if writer == "stdlib":
        monkeypatch.setattr(_json, "dumps", _json.stdlib_dumps)
    with pytest.raises(ValueError, match="naive"):
        encode_body(models.TaskCreateRequest(task_title="x", due_date=datetime(2024, 1, 1)))
    for nan in ({"ratio": float("nan")}, [1.0, float("inf")]):
        with pytest.raises(ValueError):
            encode_body(nan)
    # A wrong value in a model that skipped check_request still never goes out as null.
    unchecked = models.TaskCreateRequest(task_title="x", completion=float("nan"))  # type: ignore[arg-type]
    with pytest.raises(ValueError):
        encode_body(unchecked)


REQUEST_MODELS = sorted(
    {op.request_body for op in vars(ops).values() if isinstance(op, Operation) and op.request_body},
    key=lambda cls: cls.__name__,
)


def test_request_bodies_are_written_by_orjson() -> None:
    assert _json.BACKEND.startswith("orjson")  # the dev extra installs it


@pytest.mark.parametrize("model", REQUEST_MODELS, ids=lambda cls: cls.__name__)
@settings(max_examples=30)
@given(data=st.data())
def test_encode_body_writes_the_same_json_with_either_writer(
    model: type[Any], data: st.DataObject
) -> None:
    body = data.draw(strategy_for(model))
    try:
        fast = encode_body(body)
    except (TypeError, ValueError) as exc:
        with mock.patch.object(_json, "dumps", _json.stdlib_dumps), pytest.raises(type(exc)):
            encode_body(body)
        return
    with mock.patch.object(_json, "dumps", _json.stdlib_dumps):
        assert json.loads(fast) == json.loads(encode_body(body))


# --------------------------------------------------------------------------- prepare


def test_prepare_expands_path_and_has_no_query_or_body() -> None:
    assert prepare(ops.GET_TASK, {"task_id": 7}) == PreparedRequest(
        "GET", "/tasks/7", (), None, True
    )


def test_prepare_percent_encodes_string_path_parameters() -> None:
    prepared = prepare(THING, {"thing_id": "a/b?c", "part_id": 3})
    assert prepared.path == "/things/a%2Fb%3Fc/parts/3"


def test_prepare_path_value_cannot_inject_another_placeholder() -> None:
    prepared = prepare(THING, {"thing_id": "{partId}", "part_id": 3})
    assert prepared.path == "/things/%7BpartId%7D/parts/3"


@pytest.mark.parametrize("value", ["", ".", ".."])
def test_prepare_refuses_dot_segments_in_path(value: str) -> None:
    with pytest.raises(ValueError, match="thing_id"):
        prepare(THING, {"thing_id": value, "part_id": 3})


def test_prepare_encodes_query_and_drops_none() -> None:
    prepared = prepare(
        ops.LIST_TASKS,
        {
            "page": 0,
            "size": 50,
            "status": None,
            "search": "a&b=c",
            "due_date_from": datetime(2024, 5, 1, 14, 30, tzinfo=CEST),
            "due_date_to": None,
            "owner_id": 9,
        },
    )
    assert prepared.method == "GET"
    assert prepared.path == "/tasks"
    assert prepared.query == (
        ("page", "0"),
        ("size", "50"),
        ("search", "a&b=c"),  # aiohttp percent-encodes values; `prepare` keeps them raw
        ("dueDateFrom", "2024-05-01T12:30:00Z"),
        ("ownerId", "9"),
    )
    assert prepared.body is None


@pytest.mark.parametrize(("flag", "wire"), [(True, "true"), (False, "false")])
def test_prepare_encodes_query_booleans(flag: bool, wire: str) -> None:
    prepared = prepare(ops.LIST_NOTIFICATIONS, {"unread_only": flag})
    assert prepared.query == (("unreadOnly", wire),)


def test_prepare_encodes_body_with_wire_names() -> None:
    prepared = prepare(
        ops.UPDATE_TASK, {"task_id": 5}, models.TaskUpdateRequest(task_title="New", tags=[])
    )
    assert (prepared.method, prepared.path) == ("PUT", "/tasks/5")
    assert prepared.body is not None
    assert json.loads(prepared.body) == {"taskTitle": "New", "tags": []}


def test_prepare_sends_null_to_clear_and_leaves_out_what_was_not_given() -> None:
    cleared = prepare(ops.UPDATE_TASK, {"task_id": 5}, models.TaskUpdateRequest(due_date=None))
    assert cleared.body == b'{"dueDate":null}'
    renamed = prepare(ops.UPDATE_TASK, {"task_id": 5}, models.TaskUpdateRequest(task_title="x"))
    assert renamed.body == b'{"taskTitle":"x"}'


@pytest.mark.parametrize(
    ("body", "error", "match"),
    [
        (models.TaskUpdateRequest(task_title=None), TypeError, "^task_title cannot be None"),  # type: ignore[arg-type]
        (models.TaskUpdateRequest(tags=None), TypeError, r"^tags cannot be None.*\[\]"),  # type: ignore[arg-type]
        (models.TaskUpdateRequest(completion=None), TypeError, "^completion cannot be None"),  # type: ignore[arg-type]
    ],
)
def test_prepare_refuses_none_for_a_field_the_api_cannot_null(
    body: Any, error: type[Exception], match: str
) -> None:
    with pytest.raises(error, match=match):
        prepare(ops.UPDATE_TASK, {"task_id": 5}, body)


def test_prepare_sends_a_duration_in_milliseconds_and_refuses_a_finer_one() -> None:
    args = {"time_tracker_id": 9}
    body = models.TimerUpdateRequest(duration=timedelta(minutes=90), notes=None)
    prepared = prepare(ops.UPDATE_TIMER, args, body)
    assert json.loads(prepared.body or b"") == {"duration": 5_400_000, "notes": None}
    with pytest.raises(ValueError, match=r"^duration .*milliseconds"):
        prepare(
            ops.UPDATE_TIMER, args, models.TimerUpdateRequest(duration=timedelta(microseconds=1))
        )
    with pytest.raises(ValueError, match=r"^duration must"):
        prepare(ops.UPDATE_TIMER, args, models.TimerUpdateRequest(duration=-timedelta(seconds=1)))


@pytest.mark.parametrize(
    ("operation", "arguments", "error", "match"),
    [
        (ops.GET_TASK, {"task_id": "7"}, TypeError, "task_id must be an int, not str"),
        (ops.GET_TASK, {"task_id": True}, TypeError, "task_id"),
        (ops.GET_TASK, {"task_id": 7.0}, TypeError, "task_id"),
        (ops.GET_TASK, {"task_id": INT64_MAX + 1}, ValueError, "task_id.*64-bit"),
        (ops.GET_TASK, {}, ValueError, "missing required argument 'task_id'"),
        (ops.GET_TASK, {"task_id": 1, "taskId": 1}, TypeError, "taskId"),
        (ops.GET_TASK, {"task_id": 1, "org_id": 5}, TypeError, "org_id"),
        (ops.LIST_TASKS, {"size": 0}, ValueError, "size must be >= 1"),
        (ops.LIST_TASKS, {"size": 101}, ValueError, "size must be <= 100"),
        (ops.LIST_TASKS, {"page": -1}, ValueError, "page must be >= 0"),
        (ops.LIST_TASKS, {"owner_id": "9"}, TypeError, "owner_id"),
        (ops.LIST_TASKS, {"due_date_from": datetime(2024, 5, 1)}, ValueError, "due_date_from"),
        (ops.LIST_TASKS, {"due_date_to": "2024-05-01"}, TypeError, "due_date_to"),
        (ops.LIST_NOTIFICATIONS, {"unread_only": "yes"}, TypeError, "unread_only"),
        (ops.LIST_NOTIFICATIONS, {"unread_only": 1}, TypeError, "unread_only"),
        (ops.LIST_NOTIFICATIONS, {"type": 3}, TypeError, "type"),
    ],
)
def test_prepare_rejects_bad_arguments_naming_them(
    operation: Operation, arguments: dict[str, Any], error: type[Exception], match: str
) -> None:
    with pytest.raises(error, match=match):
        prepare(operation, arguments)


@pytest.mark.parametrize(
    ("operation", "arguments", "body", "error", "match"),
    [
        (ops.CREATE_TASK, {}, None, ValueError, "needs a request body"),
        (
            ops.CREATE_TASK,
            {},
            models.SpaceRequest(space_name="x"),
            TypeError,
            "must be TaskCreateRequest",
        ),
        (ops.CREATE_TASK, {}, {"taskTitle": "x"}, TypeError, "must be TaskCreateRequest"),
        (ops.GET_TASK, {"task_id": 1}, models.TaskUpdateRequest(), TypeError, "no request body"),
        (ops.CREATE_TASK, {}, models.TaskCreateRequest(task_title=""), ValueError, "task_title"),
        (
            ops.CREATE_TASK,
            {},
            models.TaskCreateRequest(task_title="x", completion=101),
            ValueError,
            "completion",
        ),
        (
            ops.CREATE_TASK,
            {},
            models.TaskCreateRequest(task_title="x", owners=["1"]),  # type: ignore[list-item]
            TypeError,
            r"owners\[0\]",
        ),
        (
            ops.CREATE_TASK,
            {},
            models.TaskCreateRequest(task_title="x", start_date=datetime(2024, 1, 1)),
            ValueError,
            "start_date",
        ),
    ],
)
def test_prepare_rejects_bad_bodies(
    operation: Operation,
    arguments: dict[str, Any],
    body: Any,
    error: type[Exception],
    match: str,
) -> None:
    with pytest.raises(error, match=match):
        prepare(operation, arguments, body)


# --------------------------------------------------------------------------- decode: success


def test_decode_structures_data_into_the_response_model() -> None:
    raw = envelope({"taskId": 3, "taskTitle": "T", "dueDate": "2024-05-01T12:30:00Z"})
    task = decode(raw, response=models.TaskDto)
    assert isinstance(task, models.TaskDto)
    assert (task.task_id, task.task_title) == (3, "T")
    assert task.due_date == datetime(2024, 5, 1, 12, 30, tzinfo=UTC)


def test_decode_list_response_and_unknown_fields() -> None:
    raw = envelope(
        [
            {"spaceId": 1, "spaceName": "a", "brandNewField": {"x": 1}},
            {"spaceId": 2, "spaceName": "b"},
        ]
    )
    spaces = decode(raw, response=list[models.SpaceDto])
    assert [s.space_id for s in spaces] == [1, 2]


def test_decode_none_response_ignores_data_and_any_returns_raw() -> None:
    assert decode(envelope({"whatever": 1}), response=None) is None
    assert decode(envelope({"whatever": 1}), response=Any) == {"whatever": 1}


def test_decode_data_that_does_not_match_the_model_names_the_json_path() -> None:
    with pytest.raises(ResponseDecodeError, match=r"\$\.data\.taskId") as info:
        decode(envelope({"taskId": "3"}), response=models.TaskDto)
    assert info.value.status == 200
    assert not isinstance(info.value, InternalServerError)


# --------------------------------------------------------------------------- decode: envelope


def test_decode_success_false_with_code_404_is_not_found() -> None:
    raw = b'{"success": false, "code": 404, "message": "nope"}'
    with pytest.raises(NotFoundError) as info:
        decode(raw)
    assert info.value.status == 404
    assert info.value.code == 404
    assert info.value.message == "nope"
    assert "nope" in str(info.value)


@pytest.mark.parametrize(
    ("code", "error"),
    [
        (None, BadRequestError),
        (200, BadRequestError),  # success=false is a failure whatever the code says
        ("404", BadRequestError),
        (409, ConflictError),
        (403, PermissionDeniedError),
        (500, InternalServerError),
    ],
)
def test_decode_success_false_maps_code(code: Any, error: type[APIStatusError]) -> None:
    body: dict[str, Any] = {"success": False, "message": "no"}
    if code is not None:
        body["code"] = code
    with pytest.raises(error):
        decode(json.dumps(body))


def test_decode_success_false_429_reads_retry_after() -> None:
    with pytest.raises(RateLimitError) as info:
        decode(b'{"success": false, "code": 429}', headers={"Retry-After": "7"})
    assert info.value.retry_after == 7.0


@pytest.mark.parametrize(
    "raw",
    [
        b'{"taskId": 1}',
        b"[]",
        b'"ok"',
        b"null",
        b'{"success": "true", "data": {}}',
        b'{"success": 1, "data": {}}',
    ],
)
def test_decode_2xx_body_that_is_not_the_envelope(raw: bytes) -> None:
    with pytest.raises(ResponseDecodeError, match="envelope") as info:
        decode(raw)
    assert type(info.value) is ResponseDecodeError
    assert info.value.status == 200


def test_decode_2xx_non_json_is_a_plain_decode_error() -> None:
    with pytest.raises(ResponseDecodeError, match="expected a JSON body, got text/plain") as info:
        decode(b"OK", headers={"Content-Type": "text/plain"})
    assert type(info.value) is ResponseDecodeError
    assert not isinstance(info.value, InternalServerError)


def test_decode_deeply_nested_json_is_a_decode_error_not_recursion_error() -> None:
    with pytest.raises(ResponseDecodeError):
        decode(b"[" * 100_000)


@given(st.integers(min_value=200, max_value=599), st.binary(max_size=300))
def test_decode_of_arbitrary_bytes_raises_only_sdk_errors(status: int, raw: bytes) -> None:
    with pytest.raises(APIStatusError) as info:
        decode(raw, status=status, response=models.TaskDto)
    if status >= 300:
        assert info.value.status == status


# --------------------------------------------------------------------------- decode: errors


def test_decode_html_502_is_both_decode_and_server_error_with_short_excerpt() -> None:
    page = "<html><body>" + "A" * 188 + "Z" * 400 + "</body></html>"
    with pytest.raises(ResponseDecodeError) as info:
        decode(page, status=502, headers={"Content-Type": "text/html"})
    exc = info.value
    assert isinstance(exc, InternalServerError)
    assert exc.status == 502
    text = str(exc)
    assert text.startswith("502 (GET /tasks/1)")
    assert "text/html" in text
    assert "<html><body>" + "A" * 188 in text  # exactly the first 200 characters ...
    assert "Z" not in text  # ... and nothing after them
    assert len(text) < 300


def test_decode_non_json_401_is_still_an_authentication_error() -> None:
    with pytest.raises(AuthenticationError) as info:
        decode(b"<html>401</html>", status=401)
    assert isinstance(info.value, ResponseDecodeError)


def test_decode_400_with_field_errors() -> None:
    body = {
        "success": False,
        "code": 400,
        "message": "Validation failed",
        "errors": [
            {"field": "taskTitle", "message": "must not be blank", "rejectedValue": ""},
            {"field": "completion", "message": "must be <= 100", "rejectedValue": 140},
        ],
    }
    with pytest.raises(BadRequestError) as info:
        decode(json.dumps(body), status=400)
    exc = info.value
    assert exc.field_errors == (
        FieldError(field="taskTitle", message="must not be blank", rejected_value=""),
        FieldError(field="completion", message="must be <= 100", rejected_value=140),
    )
    assert exc.message == "Validation failed"
    assert exc.code == 400
    assert exc.body == body
    assert "taskTitle: must not be blank" in str(exc)


@pytest.mark.parametrize("errors", ["oops", [1, "x", None], {"field": "a"}])
def test_decode_tolerates_malformed_field_errors(errors: Any) -> None:
    body = {"success": False, "code": 400, "message": "bad", "errors": errors}
    with pytest.raises(BadRequestError) as info:
        decode(json.dumps(body), status=400)
    assert info.value.field_errors == ()


@pytest.mark.parametrize(
    ("status", "error"),
    [
        (400, BadRequestError),
        (401, AuthenticationError),
        (403, PermissionDeniedError),
        (404, NotFoundError),
        (409, ConflictError),
        (422, UnprocessableEntityError),
        (429, RateLimitError),
        (500, InternalServerError),
        (503, InternalServerError),
    ],
)
def test_decode_maps_statuses(status: int, error: type[APIStatusError]) -> None:
    with pytest.raises(error) as info:
        decode(json.dumps({"success": False, "code": status, "message": "m"}), status=status)
    assert info.value.status == status
    assert (info.value.method, info.value.path) == ("GET", "/tasks/1")
    assert not isinstance(info.value, ResponseDecodeError)


def test_decode_unmapped_status_is_the_base_status_error() -> None:
    with pytest.raises(APIStatusError) as info:
        decode(b"{}", status=418)
    assert type(info.value) is APIStatusError
    assert info.value.message == "HTTP 418"


def test_decode_error_without_body_has_a_generic_message() -> None:
    with pytest.raises(NotFoundError, match="HTTP 404"):
        decode(b"", status=404)


@pytest.mark.parametrize(
    ("headers", "expected"),
    [
        ({"Retry-After": "2"}, 2.0),
        ({"retry-after": "3600"}, 3600.0),
        ({"Retry-After": "soon"}, None),
        ({}, None),
    ],
)
def test_decode_429_retry_after(headers: dict[str, str], expected: float | None) -> None:
    with pytest.raises(RateLimitError) as info:
        decode(b'{"success": false, "code": 429}', status=429, headers=headers)
    assert info.value.retry_after == expected


def test_decode_redirect_is_an_error_naming_the_location() -> None:
    with pytest.raises(APIStatusError, match=r"redirect.*https://elsewhere") as info:
        decode(b"", status=302, headers={"Location": "https://elsewhere.example/"})
    assert info.value.status == 302


def test_an_echoed_bearer_token_is_redacted_from_the_body_excerpt() -> None:
    page = (
        b"<html><pre>GET /v1/tasks\nAuthorization: Bearer eyJhbGciOi.secret-part_42=</pre></html>"
    )
    with pytest.raises(InternalServerError) as caught:
        decode_response(None, status=502, headers={}, raw=page, method="GET", path="/tasks")
    assert "eyJhbGciOi" not in str(caught.value)
    assert "Bearer <redacted>" in str(caught.value)


# --------------------------------------------------------------------------- decode: no content

NO_DATA_BODIES = [b"", b" ", b"\r\n", b" \t\n \n"]


@pytest.mark.parametrize("status", [200, 201, 202, 204, 205])
@pytest.mark.parametrize("raw", NO_DATA_BODIES, ids=repr)
@pytest.mark.parametrize("response", [None, Any], ids=["no-data", "raw"])
def test_a_2xx_without_a_body_is_success_for_operations_without_data(
    status: int, raw: bytes, response: Any
) -> None:
    assert decode(raw, status=status, response=response) is None


@pytest.mark.parametrize("status", [200, 202, 204])
@pytest.mark.parametrize("raw", NO_DATA_BODIES, ids=repr)
@pytest.mark.parametrize(
    "response", [models.TaskDto, list[models.SpaceDto], models.TaskListResponse]
)
def test_a_2xx_without_a_body_is_a_decode_error_when_data_is_expected(
    status: int, raw: bytes, response: Any
) -> None:
    with pytest.raises(ResponseDecodeError, match=f"HTTP {status} without a body") as info:
        decode(raw, status=status, response=response)
    assert type(info.value) is ResponseDecodeError
    label = response.__name__ if isinstance(response, type) else "list[SpaceDto]"
    assert f"returns {label}" in str(info.value)
    assert info.value.status == status


@pytest.mark.parametrize("envelope_data", [{"data": None}, {}], ids=["null", "absent"])
def test_envelope_without_data(envelope_data: dict[str, Any]) -> None:
    raw = json.dumps({"success": True, "message": "OK", "code": 200, **envelope_data})
    assert decode(raw, response=None) is None
    assert decode(raw, response=Any) is None
    # A list operation with no items: the API confirmed success, and servers that leave out
    # empty values send exactly this.
    assert decode(raw, response=list[models.SpaceDto]) == []
    assert decode(raw, response=models.TaskDto | None) is None
    with pytest.raises(ResponseDecodeError, match=r"no data .* returns TaskDto") as info:
        decode(raw, response=models.TaskDto)
    assert info.value.body == json.loads(raw)
    with pytest.raises(ResponseDecodeError, match="returns TaskListResponse"):
        decode(raw, response=models.TaskListResponse)


@pytest.mark.parametrize("status", [200, 202, 204])
@pytest.mark.parametrize(
    ("code", "error"), [(404, NotFoundError), (409, ConflictError), (None, BadRequestError)]
)
def test_success_false_is_an_error_for_operations_without_data_too(
    status: int, code: int | None, error: type[APIStatusError]
) -> None:
    raw = json.dumps({"success": False, "message": "cannot delete", "code": code})
    with pytest.raises(error, match="cannot delete"):
        decode(raw, status=status, response=None)


@pytest.mark.parametrize("raw", [b"OK", b"<html>deleted</html>", b"{}", b"null", b"[]"])
def test_a_no_data_operation_still_refuses_a_body_that_is_not_the_envelope(raw: bytes) -> None:
    # Something answered, but not the API: it is not known whether the delete happened.
    with pytest.raises(ResponseDecodeError):
        decode(raw, response=None)


@pytest.mark.parametrize("raw", NO_DATA_BODIES, ids=repr)
def test_blank_error_and_redirect_responses_keep_their_meaning(raw: bytes) -> None:
    with pytest.raises(NotFoundError, match="HTTP 404") as error:
        decode(raw, status=404, response=None)
    assert not isinstance(error.value, ResponseDecodeError)  # no body is not a bad body
    with pytest.raises(APIStatusError, match="redirect") as info:
        decode(raw, status=304, response=None)
    assert info.value.status == 304


# --------------------------------------------------------------------------- decode: secrets

SECRET = "at-7f3a9c41d2e8b0-secret"


def _chain(exc: BaseException) -> list[BaseException]:
    found: list[BaseException] = []
    pending: list[BaseException | None] = [exc]
    while pending:
        current = pending.pop()
        if current is None or any(current is seen for seen in found):
            continue
        found.append(current)
        pending += [current.__cause__, current.__context__]
    return found


def _texts(exc: BaseException) -> str:
    import traceback

    parts = ["".join(traceback.format_exception(exc))]
    for current in _chain(exc):
        parts += [str(current), repr(current), repr(current.args), repr(vars(current))]
    return "\n".join(parts)


@pytest.mark.parametrize(
    ("status", "raw", "response"),
    [
        (200, f"not json {SECRET}", models.TaskDto),
        (502, f"<html>{SECRET}</html>", models.TaskDto),
        (200, '{"success": true, "data": {"taskId": 1, "startDate": "' + SECRET + '"}}', None),
        (200, '{"success": true, "data": {"taskId": "' + SECRET + '"}}', None),
        (200, '{"success": true, "data": {"taskId": 1, "tags": [1, "x"]}, "m": "' + SECRET, None),
        (200, '{"echo": "' + SECRET + '"}', None),
        (200, '{"success": false, "message": "' + SECRET + '"}', None),
        (401, '{"message": "' + SECRET + '", "errors": [{"rejectedValue": "' + SECRET + '"}]}',
         None),
        (302, "", None),
    ],
)  # fmt: skip
def test_decode_errors_hold_no_secret_anywhere_in_their_chain(
    status: int, raw: str, response: Any
) -> None:
    response = response or models.TaskDto
    with pytest.raises(APIStatusError) as info:
        decode_response(
            response,
            status=status,
            headers={"Location": f"https://x.test/?code={SECRET}", "X-Echo": SECRET},
            raw=raw.encode(),
            method="GET",
            path="/tasks/1",
            secrets=(SECRET, None),
        )
    assert SECRET not in _texts(info.value)
    # Nothing but the SDK's own errors: no parser or cattrs exception holding the raw text.
    for linked in _chain(info.value):
        assert isinstance(linked, APIStatusError | DecodeError), repr(linked)
        assert linked.__context__ is None


def test_a_model_mismatch_keeps_a_scrubbed_decode_error_as_its_cause() -> None:
    raw = envelope({"taskId": 1, "taskTitle": "t", "startDate": SECRET})
    with pytest.raises(ResponseDecodeError) as info:
        decode_response(
            models.TaskDto, status=200, headers={}, raw=raw, method="GET", path="/t",
            secrets=(SECRET,),
        )  # fmt: skip
    cause = info.value.__cause__
    assert isinstance(cause, DecodeError)
    assert (cause.path, cause.model) == ("$.data.startDate", "TaskDto")
    assert "$.data.startDate" in str(cause) and "<redacted>" in str(cause)
    assert cause.__cause__ is None and cause.__context__ is None


def test_the_excerpt_is_scrubbed_before_it_is_cut() -> None:
    # The token straddles the 200-character cut: cut first, its first half would be shown
    # and no longer match.
    page = "<html>" + "x" * 180 + SECRET + "</html>"
    with pytest.raises(InternalServerError) as info:
        decode_response(
            None, status=502, headers={}, raw=page.encode(), method="GET", path="/t",
            secrets=(SECRET,),
        )  # fmt: skip
    assert SECRET[:8] not in str(info.value)
    assert "<redacted>" in str(info.value)


@pytest.mark.parametrize(
    "echo",
    [
        "Bearer eyJhbGciOi.secret-part_42",
        "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.c2ln",
        '{"access_token": "opaque-unknown"}',
        "grant_type=refresh_token&refresh_token=opaque-unknown",
    ],
)
def test_credential_shaped_echoes_are_scrubbed_without_knowing_the_value(echo: str) -> None:
    body = json.dumps({"success": False, "code": 401, "message": f"rejected: {echo}"})
    with pytest.raises(AuthenticationError) as info:
        decode(body, status=401)
    text = _texts(info.value)
    assert "opaque-unknown" not in text and "secret-part" not in text and "c2ln" not in text


# --------------------------------------------------------------------------- native date-times

_DATED_REQUEST_MODELS = sorted(
    (
        cls
        for cls in vars(models).values()
        if isinstance(cls, type) and native_datetime_unstructurer(cls) is not None
    ),
    key=lambda cls: cls.__name__,
)


def _encoded(encode: Any) -> tuple[Any, ...]:
    try:
        return ("bytes", encode())
    except (TypeError, ValueError) as exc:
        return ("error", type(exc), str(exc))


def test_request_models_with_date_times_get_the_native_encoding() -> None:
    names = {cls.__name__ for cls in _DATED_REQUEST_MODELS}
    assert {"TaskCreateRequest", "TaskUpdateRequest", "TimeRangeRequest"} <= names
    assert "ProjectRequest" not in names  # an enum field: orjson hands str subclasses back
    assert native_datetime_unstructurer(models.SpaceRequest) is None  # nothing to gain


@pytest.mark.parametrize("model", _DATED_REQUEST_MODELS, ids=lambda cls: cls.__name__)
@settings(max_examples=60)
@given(data=st.data())
def test_native_date_times_encode_byte_for_byte_as_before(model: Any, data: st.DataObject) -> None:
    # orjson writes the UTC datetimes itself (OPT_UTC_Z); the bytes must be exactly the
    # ordinary path's (isoformat with Z), errors included, whatever the time zone given.
    value = data.draw(strategy_for(model))
    expected = _encoded(lambda: _json.dumps(unstructure(value)))
    assert _encoded(lambda: encode_body(value)) == expected


@settings(max_examples=500)
@given(moment=st.datetimes(timezones=st.just(UTC)))
def test_orjson_writes_a_utc_datetime_as_the_sdk_does(moment: datetime) -> None:
    if _json.dumps_with_datetimes is None:
        pytest.skip("orjson is not the JSON backend")
    assert _json.dumps_with_datetimes([moment]) == _json.dumps([to_wire_datetime(moment)])
