"""The raw response object, the request id, and the same facts on every APIStatusError."""

from __future__ import annotations

import pickle
from datetime import timedelta
from typing import Any

import pytest
from multidict import CIMultiDict

from astravue_async._errors import (
    APIStatusError,
    NotFoundError,
    RateLimitError,
    ResponseDecodeError,
    decode_error_class,
)
from astravue_async._redact import REDACTED
from astravue_async._response import APIResponse, request_id_from, scrubbed_headers

TOKEN = "access-7f3a9c41d2e8b0c6"
TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736"


def _response(parse: Any = lambda: "parsed", **changes: Any) -> APIResponse[Any]:
    fields: dict[str, Any] = {
        "status": 200,
        "headers": scrubbed_headers(
            [("Content-Type", "application/json"), ("X-Request-Id", "req-1")]
        ),
        "content": b'{"success":true,"data":{"taskId":7}}',
        "parse": parse,
        "elapsed": timedelta(milliseconds=1234),
        "attempts": 2,
        "operation_id": "get_task",
        "method": "GET",
        "url_template": "/tasks/{taskId}",
        "path": "/tasks/7",
        "request_id": "req-1",
        "http_version": "1.1",
    }
    fields.update(changes)
    return APIResponse(**fields)


# --------------------------------------------------------------------------- request ids


@pytest.mark.parametrize(
    ("headers", "expected"),
    [
        ({"X-Request-Id": "req-1"}, "req-1"),
        ({"x-request-id": "  req-1 "}, "req-1"),
        ({"X-Correlation-Id": "c0ffee"}, "c0ffee"),
        ({"X-Correlation-Id": "second", "X-Request-Id": "first"}, "first"),
        ({"X-Amzn-RequestId": "a1b2"}, "a1b2"),
        ({"traceresponse": f"00-{TRACE_ID}-00f067aa0ba902b7-01"}, TRACE_ID),
        ({"traceresponse": "garbage"}, None),
        ({"traceresponse": "garbage", "X-B3-TraceId": "b3id"}, "b3id"),
        ({"X-Request-Id": "has space"}, None),  # not an id: a message or a header block
        ({"X-Request-Id": "x" * 129}, None),
        ({"X-Request-Id": ""}, None),
        ({"Content-Type": "application/json"}, None),
        ({}, None),
        (None, None),
    ],
)
def test_request_id_from_the_usual_headers(headers: Any, expected: str | None) -> None:
    assert request_id_from(headers) == expected


def test_a_request_id_that_is_a_credential_is_dropped() -> None:
    assert request_id_from({"X-Request-Id": TOKEN}, secrets=[TOKEN]) is None
    jwt = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.c2lnbmF0dXJl"
    assert request_id_from({"X-Request-Id": jwt}) is None


# --------------------------------------------------------------------------- headers


def test_headers_are_scrubbed_case_insensitive_and_keep_repeats() -> None:
    raw = CIMultiDict(
        [
            ("Set-Cookie", "sid=abc"),
            ("Set-Cookie", "theme=dark"),
            ("WWW-Authenticate", f'Bearer error="invalid_token", token="{TOKEN}"'),
            ("X-Debug-Token", "anything"),
            ("Retry-After", "2"),
        ]
    )
    headers = scrubbed_headers(raw, secrets=[TOKEN])
    assert headers.getall("set-cookie") == [REDACTED, REDACTED]
    assert headers["x-debug-token"] == REDACTED
    assert headers["retry-after"] == "2"
    assert TOKEN not in repr(headers)
    assert [name for name, _ in headers.items()] == [name for name, _ in raw.items()]


def test_response_headers_are_read_only() -> None:
    response = _response()
    with pytest.raises(TypeError):
        response.headers["X-Request-Id"] = "forged"  # type: ignore[index]
    assert response.headers["x-request-id"] == "req-1"


# --------------------------------------------------------------------------- the response


def test_parse_decodes_once_and_keeps_the_model() -> None:
    calls: list[int] = []

    def parse() -> dict[str, int]:
        calls.append(1)
        return {"taskId": 7}

    response = _response(parse)
    assert response.parse() is response.parse()
    assert calls == [1]


def test_parse_of_none_is_also_kept() -> None:
    calls: list[int] = []
    response = _response(lambda: calls.append(1))  # an operation without data: None
    assert response.parse() is None and response.parse() is None
    assert calls == [1]


def test_a_failed_parse_raises_every_time() -> None:
    calls: list[int] = []

    def parse() -> None:
        calls.append(1)
        raise ResponseDecodeError("bad", status=200, json_path="$.data.taskId")

    response = _response(parse)
    for _ in range(2):
        with pytest.raises(ResponseDecodeError):
            response.parse()
    assert calls == [1, 1]


def test_body_as_bytes_text_and_json() -> None:
    response = _response(content='{"message":"héllo"}'.encode())
    assert response.content == '{"message":"héllo"}'.encode()
    assert response.text == '{"message":"héllo"}'
    assert response.json() == {"message": "héllo"}


def test_text_follows_the_declared_charset() -> None:
    latin = _response(
        content="café".encode("latin-1"),
        headers=scrubbed_headers({"Content-Type": "text/plain; charset=ISO-8859-1"}),
    )
    assert latin.text == "café"
    unknown = _response(
        content=b"caf\xff", headers=scrubbed_headers({"Content-Type": "text/plain; charset=nope"})
    )
    assert unknown.text == "caf\ufffd"


def test_json_of_a_non_json_body_is_a_value_error() -> None:
    with pytest.raises(ValueError):
        _response(content=b"<html>").json()


def test_the_facts_of_the_call() -> None:
    response = _response()
    assert (response.status, response.attempts, response.elapsed) == (
        200,
        2,
        timedelta(milliseconds=1234),
    )
    assert (response.operation_id, response.method, response.url_template, response.path) == (
        "get_task",
        "GET",
        "/tasks/{taskId}",
        "/tasks/7",
    )
    assert (response.request_id, response.http_version) == ("req-1", "1.1")


def test_repr_names_the_call_but_not_the_body_or_headers() -> None:
    response = _response(content=f'{{"secret":"{TOKEN}"}}'.encode())
    assert repr(response) == (
        "<APIResponse get_task GET /tasks/{taskId} -> 200, attempts=2, elapsed=1.234s "
        "request_id='req-1'>"
    )
    plain = _response(url_template=None, request_id=None, path="/custom/1")
    assert repr(plain) == "<APIResponse get_task GET /custom/1 -> 200, attempts=2, elapsed=1.234s>"


# --------------------------------------------------------------------------- errors


def test_errors_carry_the_request_id_and_case_insensitive_headers() -> None:
    exc = NotFoundError("gone", status=404, headers={"X-Correlation-Id": "corr-9"})
    assert exc.request_id == "corr-9"
    assert exc.headers["x-correlation-id"] == "corr-9"
    assert exc.attempts is None  # set by the transport when the error leaves a call
    exc.attempts = 3
    assert str(exc) == "404: gone"  # messages are as they were


def test_errors_take_an_explicit_request_id_and_attempts() -> None:
    exc = RateLimitError(
        "slow down",
        status=429,
        retry_after=2.0,
        headers={"X-Request-Id": "from-header"},
        request_id="given",
        attempts=4,
    )
    assert (exc.request_id, exc.attempts, exc.retry_after) == ("given", 4, 2.0)
    decode = decode_error_class(502)("<html>", status=502, attempts=2)
    assert (decode.request_id, decode.attempts) == (None, 2)


def test_an_echoed_token_is_never_an_errors_request_id() -> None:
    exc = APIStatusError("x", status=400, headers={"X-Request-Id": TOKEN}, secrets=[TOKEN])
    assert exc.request_id is None
    assert exc.headers["X-Request-Id"] == REDACTED


def test_errors_stay_picklable() -> None:
    exc = NotFoundError("gone", status=404, headers=CIMultiDict([("A", "1"), ("a", "2")]))
    assert b"gone" in pickle.dumps(exc)
