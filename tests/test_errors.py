"""The exception hierarchy: what the errors carry, and that it carries no credentials."""

from __future__ import annotations

import pickle
from typing import Any

import pytest

from astravue_async._errors import (
    APIStatusError,
    AuthenticationError,
    DecodeError,
    FieldError,
    InternalServerError,
    RateLimitError,
    ResponseDecodeError,
    decode_error_class,
    status_error_class,
)
from astravue_async._redact import REDACTED

TOKEN = "access-7f3a9c41d2e8b0"
REFRESH = "refresh-51d2e8b0b4c6a0"


def _everything(exc: BaseException) -> str:
    """Every text the error exposes: str, repr, args and each attribute's repr."""
    return "\n".join(
        [str(exc), repr(exc), repr(exc.args), repr(vars(exc)), *map(repr, vars(exc).values())]
    )


def _planted_error(cls: type[APIStatusError] = AuthenticationError, **extra: Any) -> Any:
    return cls(
        f"token {TOKEN} is not valid (Bearer {TOKEN})",
        status=401,
        code=401,
        field_errors=[
            FieldError(field="refreshToken", message=f"bad {REFRESH}", rejected_value=REFRESH),
            FieldError(field="taskTitle", message="blank", rejected_value={"x": [TOKEN]}),
        ],
        body={"message": f"echo {TOKEN}", "access_token": "unknown-but-named", "n": 1},
        headers={"WWW-Authenticate": f'Bearer error="invalid_token", token="{TOKEN}"'},
        method="GET",
        path="/tasks/1",
        secrets=(TOKEN, REFRESH, None),
        **extra,
    )


@pytest.mark.parametrize(
    "cls", [APIStatusError, AuthenticationError, InternalServerError, ResponseDecodeError]
)
def test_status_errors_scrub_everything_taken_from_the_response(
    cls: type[APIStatusError],
) -> None:
    exc = _planted_error(cls)
    text = _everything(exc)
    assert TOKEN not in text and REFRESH not in text
    assert "unknown-but-named" not in text
    assert exc.message == f"token {REDACTED} is not valid (Bearer {REDACTED})"
    assert exc.field_errors == (
        FieldError(field="refreshToken", message=f"bad {REDACTED}", rejected_value=REDACTED),
        FieldError(field="taskTitle", message="blank", rejected_value={"x": [REDACTED]}),
    )
    assert exc.body == {"message": f"echo {REDACTED}", "access_token": REDACTED, "n": 1}
    assert exc.headers["WWW-Authenticate"] == (f'Bearer error="invalid_token", token="{REDACTED}"')
    assert (exc.status, exc.code, exc.method, exc.path) == (401, 401, "GET", "/tasks/1")


def test_the_secrets_themselves_are_not_kept_on_the_error() -> None:
    exc = _planted_error()
    assert "secrets" not in vars(exc)
    # Everything the error holds, as pickle (and so a multiprocessing queue) would send it.
    assert TOKEN.encode() not in pickle.dumps(exc)


def test_rate_limit_error_passes_secrets_on() -> None:
    exc = _planted_error(RateLimitError, retry_after=3.0)
    assert exc.retry_after == 3.0
    assert TOKEN not in _everything(exc)


def test_decode_error_subclasses_scrub_too() -> None:
    cls = decode_error_class(502)
    exc = cls(f"<html>{TOKEN}</html>", status=502, body=f"Bearer {TOKEN}", secrets=[TOKEN])
    assert isinstance(exc, InternalServerError) and isinstance(exc, ResponseDecodeError)
    assert TOKEN not in _everything(exc)


def test_credential_patterns_are_scrubbed_even_without_known_secrets() -> None:
    exc = APIStatusError(
        'upstream said {"refresh_token": "opaque-refresh"}',
        status=400,
        body={"echo": "Authorization: Bearer opaque.token-1"},
        headers={"X-Debug-Token": "opaque-debug", "Set-Cookie": "sid=opaque-cookie"},
    )
    text = _everything(exc)
    for leaked in ("opaque-refresh", "opaque.token-1", "opaque-debug", "opaque-cookie"):
        assert leaked not in text


def test_errors_without_secrets_are_unchanged() -> None:
    body = {"success": False, "code": 404, "message": "Task 7 not found", "errors": []}
    exc = status_error_class(404)(
        "Task 7 not found", status=404, code=404, body=body, headers={"Retry-After": "1"}
    )
    assert exc.message == "Task 7 not found"
    assert exc.body == body
    assert exc.headers == {"Retry-After": "1"}
    assert str(exc) == "404: Task 7 not found"


def test_the_rendered_message_stays_short_and_scrubbed() -> None:
    exc = APIStatusError(("x" * 480) + TOKEN + ("y" * 100), status=500, secrets=[TOKEN])
    assert len(str(exc)) <= 500
    assert TOKEN[:10] not in str(exc)  # scrubbed before it was cut
    assert exc.message == "x" * 480 + REDACTED + "y" * 100


def test_decode_error_scrubs_its_message() -> None:
    exc = DecodeError(
        f"data does not match TaskDto: bad value {TOKEN!r} @ $.data.startDate",
        path="$.data",
        model="TaskDto",
        secrets=[TOKEN],
    )
    assert TOKEN not in str(exc) and TOKEN not in repr(exc.args)
    assert (exc.path, exc.model) == ("$.data", "TaskDto")
    assert "Bearer <redacted>" in str(DecodeError("got 'Bearer abc.def1' @ $"))


def test_a_model_mismatch_names_its_json_path_as_an_attribute() -> None:
    import json

    from astravue_async._generated import operations as ops
    from astravue_async._request import decode_response

    body = {"success": True, "message": "OK", "code": 200, "data": {"taskId": "seven"}}
    with pytest.raises(ResponseDecodeError) as info:
        decode_response(
            ops.GET_TASK.response,
            status=200,
            headers={},
            raw=json.dumps(body).encode(),
            method="GET",
            path="/tasks/7",
        )
    assert info.value.json_path is not None and info.value.json_path.startswith("$.data")
    assert info.value.path == "/tasks/7"


def test_field_errors_are_the_models_field_error() -> None:
    from astravue_async import models

    assert FieldError is models.FieldError


_UNPICKLE_IN_A_FRESH_PROCESS = """
import pickle, sys
error = pickle.loads(sys.stdin.buffer.read())
print(type(error).__name__, error.status, getattr(error, "retry_after", None),
      getattr(error, "json_path", None), len(error.field_errors), error.headers.get("x-request-id"),
      error.request_id, error.attempts, str(error))
"""


@pytest.mark.parametrize(
    "error",
    [
        RateLimitError(
            "slow down", status=429, retry_after=3.0, headers={"X-Request-Id": "r-1"}, attempts=3
        ),
        ResponseDecodeError("bad", status=200, json_path="$.data.owners[0].userId"),
        decode_error_class(502)("html page", status=502),
        decode_error_class(429)("html page", status=429),
        status_error_class(400)(
            "invalid", status=400, field_errors=[FieldError(field="taskTitle", message="required")]
        ),
        APIStatusError("teapot", status=418),
    ],
    ids=lambda error: type(error).__name__,
)
def test_status_errors_survive_pickling_into_a_process_that_never_made_them(
    error: APIStatusError,
) -> None:
    """A worker pool's parent unpickles its workers' errors: a keyword-only __init__ or a
    class made on first use used to make that fail, and Pool.map then hangs for ever."""
    import subprocess
    import sys

    result = subprocess.run(  # noqa: S603 - our own interpreter and script
        [sys.executable, "-c", _UNPICKLE_IN_A_FRESH_PROCESS],
        input=pickle.dumps(error),
        capture_output=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr.decode()
    assert result.stdout.decode().split(None, 1)[0] == type(error).__name__
    clone = pickle.loads(pickle.dumps(error))  # noqa: S301 - our own bytes
    assert type(clone) is type(error)
    assert vars(clone) == vars(error)
    assert str(clone) == str(error)
    assert clone.args == error.args
