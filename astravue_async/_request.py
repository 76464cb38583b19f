"""The request/response protocol as pure functions (no I/O).

Descriptor + arguments → method, URL, query, headers and body; status + headers + body bytes →
decoded ``data`` or a typed error. Kept free of sessions and event loops so every rule here is
tested directly, and the transport stays a thin loop around it (gidgethub's sans-I/O idea).
"""

from __future__ import annotations

import enum
import functools
import json
import math
import platform
import re
from collections.abc import Mapping
from datetime import datetime
from typing import Any, Final
from urllib.parse import quote

import aiohttp
import attrs

from astravue_async import _json
from astravue_async._convert import (
    check_request,
    check_value,
    structure,
    to_wire_datetime,
    unstructure,
)
from astravue_async._descriptors import Operation, Parameter
from astravue_async._errors import (
    APIStatusError,
    DecodeError,
    FieldError,
    RateLimitError,
    ResponseDecodeError,
    decode_error_class,
    status_error_class,
)
from astravue_async._retry import header_value, parse_retry_after
from astravue_async._version import __version__

__all__ = [
    "ORG_HEADER",
    "USER_AGENT",
    "PreparedRequest",
    "decode_response",
    "encode_body",
    "encode_path_value",
    "encode_query_value",
    "prepare",
]

ORG_HEADER: Final = "X-Org-Id"
USER_AGENT: Final = (
    f"astravue-async/{__version__} python/{platform.python_version()} aiohttp/{aiohttp.__version__}"
)
BODY_EXCERPT: Final = 200
INT64_MIN: Final = -(2**63)
INT64_MAX: Final = 2**63 - 1


@attrs.frozen
class PreparedRequest:
    """What one attempt sends; ``path`` is the expanded, percent-encoded path (no host)."""

    method: str
    path: str
    query: tuple[tuple[str, str], ...]
    body: bytes | None


def check_org_id(org_id: object) -> int:
    """The tenant id must be a positive int64; checked before anything is sent."""
    if isinstance(org_id, bool) or not isinstance(org_id, int):
        raise TypeError(f"org_id must be an int, not {type(org_id).__name__}")
    if not 1 <= org_id <= INT64_MAX:
        raise ValueError(f"org_id must be a positive 64-bit integer, got {org_id}")
    return org_id


@functools.cache
def _placeholder(param: Parameter) -> str:
    return "{" + param.wire_name + "}"


def _check_value(param: Parameter, value: Any) -> None:
    """Type and range checks from the descriptor; raise before any request exists."""
    name = param.python_name
    if type(value) is not int or param.annotation is not int:  # ids: checked right here
        check_value(value, param.annotation, name)
    if param.annotation is int and not INT64_MIN <= value <= INT64_MAX:
        raise ValueError(f"{name} is outside the 64-bit integer range: {value}")
    if param.minimum is None and param.maximum is None:
        return
    if isinstance(value, int | float) and not isinstance(value, bool):
        if param.minimum is not None and value < param.minimum:
            raise ValueError(f"{name} must be >= {param.minimum:g}, got {value}")
        if param.maximum is not None and value > param.maximum:
            raise ValueError(f"{name} must be <= {param.maximum:g}, got {value}")


def encode_path_value(name: str, value: Any) -> str:
    """One path segment, percent-encoded; values that would change the path are refused."""
    if type(value) is int:  # ids, the usual case: digits and a sign need no checks
        return str(value)
    if isinstance(value, bool) or not isinstance(value, int | str):
        raise TypeError(f"{name} must be an int or str, not {type(value).__name__}")
    text = str(value)
    if text in ("", ".", ".."):
        raise ValueError(f"{name} must not be {text!r}: it would change the request path")
    if any(ord(ch) < 0x20 or ord(ch) == 0x7F for ch in text):
        raise ValueError(f"{name} must not contain control characters")
    return quote(text, safe="")


def encode_query_value(value: Any) -> str:
    """Query values in the API's wire form (``true``/``false``, ISO-8601 UTC, enum values)."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, datetime):
        return to_wire_datetime(value)
    if isinstance(value, enum.Enum):
        return str(value.value)
    if isinstance(value, float) and not math.isfinite(value):
        raise ValueError(f"{value!r} cannot be sent as a query value")
    if isinstance(value, bytes | bytearray | Mapping | list | tuple | set | frozenset):
        # str() would send a Python repr such as "[1, 2]" or "b'x'".
        raise TypeError(f"a query value must be a single value, not {type(value).__name__}")
    text = str(value)
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        # The URL library would silently drop the surrogates and send other text.
        raise ValueError("a query value must be valid text, without surrogates") from None
    return text


def encode_body(body: Any) -> bytes:
    """A model (or JSON-shaped value) → UTF-8 JSON; NaN and naive datetimes are refused."""
    return json.dumps(unstructure(body), allow_nan=False, separators=(",", ":")).encode()


@functools.cache
def _bindable_parameters(operation: Operation) -> dict[str, Parameter]:
    """Parameters the caller supplies, by Python name (``X-Org-Id`` comes from the client)."""
    return {p.python_name: p for p in operation.parameters if p.wire_name != ORG_HEADER}


def prepare(
    operation: Operation, arguments: Mapping[str, Any], body: Any = None
) -> PreparedRequest:
    """Bind facade arguments (snake_case names) to the descriptor and encode everything.

    :raises TypeError: an argument is unknown or of the wrong type, or the body is not the
        operation's request model.
    :raises ValueError: a required argument is missing, or a value is out of range.
    """
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
            path = path.replace(_placeholder(param), encode_path_value(name, value))
        elif param.location == "query":
            query.append((param.wire_name, encode_query_value(value)))
    encoded: bytes | None = None
    if operation.request_body is not None:
        if body is None:
            if operation.body_required:
                raise ValueError(f"{operation.operation_id}() needs a request body")
        elif not isinstance(body, operation.request_body):
            raise TypeError(
                f"{operation.operation_id}() body must be {operation.request_body.__name__}, "
                f"not {type(body).__name__}"
            )
        else:
            check_request(body)
            encoded = encode_body(body)
    elif body is not None:
        raise TypeError(f"{operation.operation_id}() takes no request body")
    return PreparedRequest(operation.method, path, tuple(query), encoded)


# A proxy or debug page may echo the request back; the bearer token must not ride along
# into an exception message.
_BEARER = re.compile(r"(?i)(bearer\s+)[A-Za-z0-9\-._~+/]+=*")


def _excerpt(raw: bytes) -> str:
    text = raw.decode("utf-8", errors="replace").strip()
    text = text[:BODY_EXCERPT] + ("…" if len(text) > BODY_EXCERPT else "")
    return _BEARER.sub(r"\1<redacted>", text)


def _field_errors(raw: Any) -> list[FieldError]:
    if not isinstance(raw, list):
        return []
    errors = []
    for item in raw:
        if isinstance(item, Mapping):
            field, message = item.get("field"), item.get("message")
            errors.append(
                FieldError(
                    field=field if isinstance(field, str) else None,
                    message=message if isinstance(message, str) else None,
                    rejected_value=item.get("rejectedValue"),
                )
            )
    return errors


def _status_error(
    status: int,
    headers: Mapping[str, str],
    body: Any,
    method: str,
    path: str,
) -> APIStatusError:
    envelope = body if isinstance(body, Mapping) else {}
    message = envelope.get("message")
    code = envelope.get("code")
    if not isinstance(message, str) or not message:
        message = f"HTTP {status}"
    cls = status_error_class(status)
    common: dict[str, Any] = {
        "status": status,
        "code": code if isinstance(code, int) and not isinstance(code, bool) else None,
        "field_errors": _field_errors(envelope.get("errors")),
        "body": body,
        "headers": headers,
        "method": method,
        "path": path,
    }
    if issubclass(cls, RateLimitError):
        retry_after = parse_retry_after(header_value(headers, "Retry-After"))
        return cls(message, retry_after=retry_after, **common)
    return cls(message, **common)


def decode_response(
    operation_response: Any,
    *,
    status: int,
    headers: Mapping[str, str],
    raw: bytes,
    method: str,
    path: str,
) -> Any:
    """Status + body → the structured ``data``, or raise the matching SDK error.

    ``operation_response`` is the descriptor's ``response`` type; ``Any`` returns raw JSON.
    """
    try:
        body = _json.loads(raw) if raw else None
    except (ValueError, RecursionError):  # deeply nested JSON overflows the C scanner
        content_type = header_value(headers, "Content-Type") or "no content type"
        raise decode_error_class(status)(
            f"expected a JSON body, got {content_type}: {_excerpt(raw)!r}",
            status=status,
            headers=headers,
            method=method,
            path=path,
        ) from None
    if status >= 400:
        raise _status_error(status, headers, body, method, path)
    if status >= 300:
        raise APIStatusError(
            f"unexpected redirect ({header_value(headers, 'Location') or 'no location'})",
            status=status,
            headers=headers,
            method=method,
            path=path,
        )
    if not isinstance(body, Mapping) or not isinstance(body.get("success"), bool):
        raise ResponseDecodeError(
            f"response is not the documented {{success, message, code, data}} envelope: "
            f"{_excerpt(raw)!r}",
            status=status,
            body=body,
            headers=headers,
            method=method,
            path=path,
        )
    if not body["success"]:
        # A 2xx carrying success=false is still a failure; its `code` says which kind.
        code = body.get("code")
        effective = code if isinstance(code, int) and code >= 400 else 400
        raise _status_error(effective, headers, body, method, path)
    if operation_response is None:
        return None
    if operation_response is Any:
        return body.get("data")
    try:
        return structure(body.get("data"), operation_response, path="$.data")
    except DecodeError as exc:
        raise ResponseDecodeError(
            str(exc), status=status, body=body, headers=headers, method=method, path=path
        ) from exc
