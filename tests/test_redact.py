"""Scrubbing credentials out of response text, JSON and headers (astravue_async._redact)."""

from __future__ import annotations

import base64
import json
from typing import Any
from urllib.parse import quote, urlencode

import pytest
from hypothesis import given
from hypothesis import strategies as st

from astravue_async._redact import (
    MIN_SECRET_LENGTH,
    REDACTED,
    is_secret_name,
    redact_headers,
    redact_json,
    redact_text,
)

SECRET = "s3cr3t/Tok+en_0123456789"
JWT = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.c2lnbmF0dXJl-_x"


# --------------------------------------------------------------------------- known values


@pytest.mark.parametrize(
    "spelling",
    [
        SECRET,
        json.dumps(SECRET)[1:-1].replace("/", "\\/"),  # JSON with an escaped solidus
        quote(SECRET, safe=""),  # percent-encoded (a query string, a form body)
        urlencode({"x": SECRET})[2:],  # form encoding: "+" for spaces, %2B for "+"
    ],
    ids=["plain", "json-escaped", "percent-encoded", "form-encoded"],
)
def test_every_spelling_of_a_known_secret_is_replaced(spelling: str) -> None:
    text = f"you sent {spelling}, which is wrong"
    assert redact_text(text, [SECRET]) == f"you sent {REDACTED}, which is wrong"


def test_secrets_that_overlap_in_the_text_are_both_gone_whole() -> None:
    first, second = "abcdefgh-12", "12-ijklmnop"
    cleaned = redact_text("<abcdefgh-12-ijklmnop>", [first, second])
    assert cleaned == f"<{REDACTED}>"


def test_a_secret_overlapping_itself_leaves_nothing_of_it() -> None:
    secret = "abab" * 3
    cleaned = redact_text("x" + "ab" * 9 + "x", [secret])
    assert cleaned == f"x{REDACTED}x"


@pytest.mark.parametrize("cut", [MIN_SECRET_LENGTH, MIN_SECRET_LENGTH + 3, len(SECRET) - 1])
def test_a_text_ending_in_the_first_part_of_a_secret_loses_that_part(cut: int) -> None:
    # A body cut off in transfer: '{"message": "echo s3cr3t/Tok'
    text = '{"message": "echo ' + SECRET[:cut]
    assert redact_text(text, [SECRET]) == '{"message": "echo ' + REDACTED
    assert SECRET[: MIN_SECRET_LENGTH - 1] in redact_text("x " + SECRET[: MIN_SECRET_LENGTH - 1])


def test_none_empty_and_short_values_are_not_treated_as_secrets() -> None:
    text = "a test of the notification service"
    short = "t" * (MIN_SECRET_LENGTH - 1)
    assert redact_text(text, [None, "", "test", short]) == text
    assert redact_text(f"x {'t' * MIN_SECRET_LENGTH} y", ["t" * MIN_SECRET_LENGTH]) == (
        f"x {REDACTED} y"
    )


def test_secrets_may_be_any_iterable() -> None:
    assert redact_text(SECRET, (s for s in [SECRET])) == REDACTED
    assert redact_text(SECRET, {SECRET}) == REDACTED


_TOKEN_CHARS = st.characters(
    whitelist_categories=("Lu", "Ll", "Nd"), whitelist_characters="-._~+/=", max_codepoint=127
)


@given(
    secret=st.text(_TOKEN_CHARS, min_size=MIN_SECRET_LENGTH, max_size=60),
    before=st.text(max_size=40),
    after=st.text(max_size=40),
)
def test_a_planted_secret_never_survives_whatever_surrounds_it(
    secret: str, before: str, after: str
) -> None:
    text = before + secret + after + secret
    assert secret not in redact_text(text, [secret])
    assert secret not in json.dumps(redact_json({"m": text, text: [text]}, [secret]))


# --------------------------------------------------------------------------- patterns


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Authorization: Bearer abc.DEF-123_~+/==", "Authorization: Bearer <redacted>"),
        ('{"message": "bad token Bearer abc.def9"}', '{"message": "bad token Bearer <redacted>"}'),
        ("bearer\tAbC123", "bearer\t<redacted>"),
        ("Proxy-Authorization: Basic dXNlcjpwYXNz", "Proxy-Authorization: Basic <redacted>"),
        ("creds Basic " + base64.b64encode(b"client:secret").decode(), "creds Basic <redacted>"),
        (f"token {JWT} rejected", "token <redacted> rejected"),
        (f"x={JWT}", "x=<redacted>"),
        ("Authorization: some-raw-api-key", "Authorization: <redacted>"),
        ('{"access_token": "abc"}', '{"access_token": "<redacted>"}'),
        ('{"refreshToken":"abc", "x": 1}', '{"refreshToken":"<redacted>", "x": 1}'),
        ('{"ID_TOKEN" : "a\\"b"}', '{"ID_TOKEN" : "<redacted>"}'),
        ("{'client_secret': 'abc'}", "{'client_secret': '<redacted>'}"),  # a Python dict
        ('{"code_verifier": "abc', '{"code_verifier": "<redacted>'),  # body cut short
        ('{"password": "hunter2"}', '{"password": "<redacted>"}'),
        ("grant_type=refresh_token&refresh_token=abc&client_id=x", None),
        (
            "client_secret=abc; code_verifier=def",
            "client_secret=<redacted>; code_verifier=<redacted>",
        ),
        ("/callback?code=SplxlOBeZQ&state=xyz", "/callback?code=<redacted>&state=xyz"),
        ('access_token="abc"', 'access_token="<redacted>"'),
        ("Token=abc&apiKey=def", "Token=<redacted>&apiKey=<redacted>"),
    ],
)
def test_credential_shaped_text_is_replaced(text: str, expected: str | None) -> None:
    cleaned = redact_text(text)
    if expected is None:
        assert cleaned == "grant_type=refresh_token&refresh_token=<redacted>&client_id=x"
    else:
        assert cleaned == expected


@pytest.mark.parametrize(
    "text",
    [
        'Bearer realm="astravue", error="invalid_token", error_description="expired"',
        "Bearer error=invalid_token",
        'Bearer realm = "api"',
        'Basic realm="token endpoint"',
        "basic auth is not supported",  # "auth" is base64, but not of user:password
        "the Bearer token has expired",
        "Bearer Token missing",
        '{"success": false, "code": 401, "message": "Unauthorized"}',
        '{"code": "INVALID_GRANT"}',  # status-like codes stay
        '{"code": "404"}',
        "status code=404",
        "error_code=abc; max_token=5; invalid_token=x",  # only whole names count
        "authorization required",
        "the token endpoint rejected the client; check client_id and client_secret",
    ],
)
def test_ordinary_text_is_left_alone(text: str) -> None:
    assert redact_text(text) == text


def test_redaction_is_idempotent() -> None:
    text = f'Authorization: Bearer {JWT}\n{{"access_token": "{SECRET}"}} code=abcdefg'
    once = redact_text(text, [SECRET])
    assert redact_text(once, [SECRET]) == once
    assert REDACTED in once and SECRET not in once and JWT not in once


# --------------------------------------------------------------------------- JSON


def test_redact_json_scrubs_strings_and_keys_and_keeps_everything_else() -> None:
    value = {
        "success": False,
        "code": 401,
        "message": f"Bearer {SECRET} is not valid",
        "errors": [{"field": "taskTitle", "message": "blank", "rejectedValue": ""}],
        SECRET: [1, 2.5, None, True, f"again {SECRET}"],
    }
    cleaned = redact_json(value, [SECRET])
    assert cleaned == {
        "success": False,
        "code": 401,
        "message": "Bearer <redacted> is not valid",
        "errors": [{"field": "taskTitle", "message": "blank", "rejectedValue": ""}],
        REDACTED: [1, 2.5, None, True, "again <redacted>"],
    }
    assert value["message"] == f"Bearer {SECRET} is not valid"  # a copy; the input is intact


@pytest.mark.parametrize(
    "name",
    ["access_token", "accessToken", "refresh-token", "id_token", "token", "client_secret",
     "clientSecret", "code", "code_verifier", "password", "Authorization", "apiKey", "secret"],
)  # fmt: skip
def test_values_under_credential_names_are_replaced_at_any_depth(name: str) -> None:
    value = {"data": {name: "opaque-value", "nested": [{name: {"deeper": ["x", 3]}}]}}
    cleaned = redact_json(value)
    assert cleaned == {"data": {name: REDACTED, "nested": [{name: {"deeper": [REDACTED, 3]}}]}}
    assert is_secret_name(name)


@pytest.mark.parametrize("name", ["tokenType", "token_type", "expires_in", "codeName", "user"])
def test_other_names_are_not_credential_names(name: str) -> None:
    assert not is_secret_name(name)
    assert redact_json({name: "visible"}) == {name: "visible"}


@pytest.mark.parametrize(
    ("field", "rejected", "expected"),
    [
        ("password", "hunter2", REDACTED),
        ("credentials.refreshToken", "opaque", REDACTED),
        ("owners[0].clientSecret", ["a", "b"], [REDACTED, REDACTED]),
        ("code", "INVALID", "INVALID"),
        ("code", "SplxlOBeZQQYbYS6", REDACTED),
        ("taskTitle", "hunter2", "hunter2"),
    ],
)
def test_a_rejected_value_of_a_credential_field_is_replaced(
    field: str, rejected: Any, expected: Any
) -> None:
    error = {"field": field, "message": "invalid", "rejectedValue": rejected}
    assert redact_json(error)["rejectedValue"] == expected
    assert redact_json(rejected, name=field) == expected


def test_redact_json_handles_nesting_deeper_than_the_recursion_limit() -> None:
    value: Any = f"Bearer {SECRET}"
    for _ in range(50_000):
        value = [value]
    cleaned = redact_json(value)
    for _ in range(50_000):
        cleaned = cleaned[0]
    assert cleaned == "Bearer <redacted>"


def test_redact_json_turns_mappings_and_tuples_into_plain_json() -> None:
    from types import MappingProxyType

    cleaned = redact_json(MappingProxyType({"a": ("x", {"token": "y"})}))
    assert cleaned == {"a": ["x", {"token": REDACTED}]}


# --------------------------------------------------------------------------- headers


def test_redact_headers() -> None:
    headers = {
        "WWW-Authenticate": 'Bearer realm="api", error="invalid_token"',
        "Retry-After": "5",
        "Location": f"https://example.test/cb?code=abcdefghijk&state=1&x={SECRET}",
        "Set-Cookie": "session=abc; HttpOnly",
        "X-Debug-Access-Token": "opaque",
        "X-Request-Echo": f"GET /v1/tasks Authorization: Bearer {SECRET}",
        "X-Plain-Echo": SECRET,
        "Authorization": "whatever",
    }
    assert redact_headers(headers, [SECRET]) == {
        "WWW-Authenticate": 'Bearer realm="api", error="invalid_token"',
        "Retry-After": "5",
        "Location": "https://example.test/cb?code=<redacted>&state=1&x=<redacted>",
        "Set-Cookie": REDACTED,
        "X-Debug-Access-Token": REDACTED,
        "X-Request-Echo": "GET /v1/tasks Authorization: Bearer <redacted>",
        "X-Plain-Echo": REDACTED,
        "Authorization": REDACTED,
    }
    assert redact_headers(None) == {}
