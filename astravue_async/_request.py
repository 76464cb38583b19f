"""The request/response protocol as pure functions (no I/O).

Descriptor + arguments → method, URL, query, headers and body; status + headers + body bytes →
decoded ``data`` or a typed error. Kept free of sessions and event loops so every rule here is
tested directly, and the transport stays a thin loop around it (gidgethub's sans-I/O idea).
"""

from __future__ import annotations

import enum
import functools
import math
import platform
import re
import types
from collections.abc import Iterable, Mapping
from datetime import datetime
from typing import Any, Final, NamedTuple, Union, get_args, get_origin
from urllib.parse import quote

import aiohttp

from astravue_async import _json
from astravue_async._convert import (
    check_request,
    check_value,
    native_datetime_unstructurer,
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
from astravue_async._fast_bytes import bytes_decoder
from astravue_async._redact import redact_text
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


class PreparedRequest(NamedTuple):
    """What one attempt sends; ``path`` is the expanded, percent-encoded path (no host).

    ``idempotent`` is the operation's ``x-idempotent`` flag: whether sending the request
    again after it may have been received is safe (the retry policy reads only this).

    A named tuple rather than a frozen attrs class: one is made per call, and a tuple is
    built in one step where a frozen class sets each field through ``object.__setattr__``.
    """

    method: str
    path: str
    query: tuple[tuple[str, str], ...]
    body: bytes | None
    idempotent: bool = False


def check_org_id(org_id: object) -> int:
    """The tenant id must be a positive int64; checked before anything is sent."""
    if isinstance(org_id, bool) or not isinstance(org_id, int):
        raise TypeError(f"org_id must be an int, not {type(org_id).__name__}")
    if not 1 <= org_id <= INT64_MAX:
        raise ValueError(f"org_id must be a positive 64-bit integer, got {org_id}")
    return org_id


@functools.lru_cache(maxsize=1024)  # one per parameter of the spec; bounded all the same
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
    """A request model (or JSON-shaped value) → compact UTF-8 JSON.

    Fields left ``NOT_GIVEN`` are not sent; ``None`` is sent as ``null`` (which clears the
    field, where the spec allows null: :func:`check_request` refuses it elsewhere). Durations
    (``timedelta``) go out as whole milliseconds, datetimes as UTC ISO-8601. Written by orjson
    when it is installed, with the same JSON values as ``json.dumps`` (see ``_json``).

    Args:
        body: A request model, or JSON-shaped data (dicts, lists, scalars, models).

    Returns:
        The body's bytes.

    Raises:
        ValueError: NaN or infinity, a naive datetime, a duration finer than a millisecond
            or below the spec's minimum (naming the field).
        ValueError: Text holding a lone UTF-16 surrogate (naming the field): the server
            would store a replacement character or refuse the body.
        TypeError: ``NOT_GIVEN`` inside plain data (leave the member out instead), or a
            value JSON has no form for.
    """
    raw: bytes | None = None
    native = (
        native_datetime_unstructurer(type(body)) if _json.dumps_with_datetimes is not None else None
    )
    if native is not None and _json.dumps_with_datetimes is not None:
        data = native(body)
        raw = _json.dumps_with_datetimes(data)
    if raw is None:
        data = unstructure(body)
        raw = _json.dumps(data)
    # Both backends end up writing a lone surrogate as a \udXXX escape (orjson refuses it
    # and hands the value to json.dumps), so bodies without one pay for one bytes search.
    if b"\\ud" in raw:
        field = _lone_surrogate_at(data, "")
        if field is not None:
            # repr: the field's own name may hold the surrogate.
            where = f"request body field {field!r}" if field else "the request body"
            raise ValueError(f"{where} must be valid text, without lone surrogates")
    return raw


def _lone_surrogate_at(value: Any, path: str) -> str | None:
    """Where in JSON-shaped ``value`` a string holds a lone surrogate (``a.b[2]``), or None."""
    if isinstance(value, str):
        try:
            value.encode()
        except UnicodeEncodeError:
            return path
        return None
    if isinstance(value, dict):
        for key, item in value.items():
            name = f"{path}.{key}" if path else str(key)
            if isinstance(key, str) and _lone_surrogate_at(key, name) is not None:
                return name
            found = _lone_surrogate_at(item, name)
            if found is not None:
                return found
    elif isinstance(value, list | tuple):
        for index, item in enumerate(value):
            found = _lone_surrogate_at(item, f"{path}[{index}]")
            if found is not None:
                return found
    return None


@functools.lru_cache(maxsize=256)  # one per operation of the spec; bounded all the same
def _bindable_parameters(operation: Operation) -> dict[str, Parameter]:
    """Parameters the caller supplies, by Python name (``X-Org-Id`` comes from the client)."""
    return {p.python_name: p for p in operation.parameters if p.wire_name != ORG_HEADER}


_PATH: Final = 0
_QUERY: Final = 1
_ELSEWHERE: Final = 2  # header parameters: checked, not sent (only X-Org-Id is, by the client)
_LOCATIONS: Final = {"path": _PATH, "query": _QUERY}


class _Slot:
    """One bindable parameter, with what its fast path needs worked out once."""

    __slots__ = ("int_range", "location", "name", "param", "placeholder")

    def __init__(self, param: Parameter) -> None:
        self.param = param
        self.name = param.python_name
        self.location = _LOCATIONS.get(param.location, _ELSEWHERE)
        self.placeholder = _placeholder(param)
        # An int within these bounds needs none of _check_value's checks and encodes as
        # str(value) in a path and a query alike; None: no such shortcut for this type.
        self.int_range: tuple[float, float] | None = None
        if param.annotation is int:
            self.int_range = (
                INT64_MIN if param.minimum is None else max(INT64_MIN, param.minimum),
                INT64_MAX if param.maximum is None else min(INT64_MAX, param.maximum),
            )


class _Binding:
    """How :func:`prepare` binds one operation's arguments, worked out once per operation."""

    __slots__ = ("known", "slots")

    def __init__(self, operation: Operation) -> None:
        self.known = _bindable_parameters(operation)
        self.slots = tuple(_Slot(param) for param in self.known.values())


@functools.lru_cache(maxsize=256)  # one per operation of the spec; bounded all the same
def _binding(operation: Operation) -> _Binding:
    return _Binding(operation)


def prepare(
    operation: Operation, arguments: Mapping[str, Any], body: Any = None
) -> PreparedRequest:
    """Bind facade arguments (snake_case names) to the descriptor and encode everything.

    Args:
        operation: The operation's descriptor (``_generated/operations.py``).
        arguments: Its path, query and header parameters by Python name; ``None`` values
            count as not given.
        body: The operation's request model instance, or None.

    Returns:
        The method, the expanded and percent-encoded path, the query pairs in the
        descriptor's order, the encoded body and the operation's ``idempotent`` flag.

    Raises:
        TypeError: An argument is unknown or of the wrong type, or the body is not the
            operation's request model.
        ValueError: A required argument is missing, or a value is out of range.
    """
    binding = _binding(operation)
    known = binding.known
    for name in arguments:
        if name not in known:
            unknown = sorted(arguments.keys() - known.keys())
            raise TypeError(f"{operation.operation_id}() got unexpected argument(s): {unknown}")
    path = operation.path
    query: list[tuple[str, str]] = []
    for slot in binding.slots:
        value = arguments.get(slot.name)
        if value is None:
            if slot.param.required:
                raise ValueError(
                    f"{operation.operation_id}() missing required argument {slot.name!r}"
                )
            continue
        bounds = slot.int_range
        if bounds is not None and type(value) is int and bounds[0] <= value <= bounds[1]:
            text = str(value)  # what the checks and encoders below make of such an int
        else:
            _check_value(slot.param, value)
            if slot.location == _PATH:
                text = encode_path_value(slot.name, value)
            elif slot.location == _QUERY:
                text = encode_query_value(value)
            else:
                continue
        if slot.location == _PATH:
            path = path.replace(slot.placeholder, text)
        elif slot.location == _QUERY:
            query.append((slot.param.wire_name, text))
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
    return PreparedRequest(operation.method, path, tuple(query), encoded, operation.idempotent)


# --------------------------------------------------------------------------- responses

# Bytes a blank body may consist of: a 200 or 202 with nothing but a newline is as empty as a
# 204.
_BLANK: Final = frozenset(b" \t\r\n")
_EXCERPT_SCAN: Final = 64 * 1024


def _excerpt(raw: bytes, secrets: tuple[str | None, ...]) -> str:
    # Scrubbed before it is cut: a cut could leave half a token that no longer matches. Only
    # the start of a huge page is scanned; the excerpt is its first 200 characters anyway.
    text = raw[:_EXCERPT_SCAN].decode("utf-8", errors="replace").strip()
    text = redact_text(text, secrets)
    return text[:BODY_EXCERPT] + ("…" if len(text) > BODY_EXCERPT else "")


def _type_label(tp: Any) -> str:
    if isinstance(tp, type):
        return tp.__name__
    return re.sub(r"(?:\w+\.)+", "", str(tp))  # list[...models.TaskDto] -> list[TaskDto]


def _accepts_none(tp: Any) -> bool:
    return get_origin(tp) in (Union, types.UnionType) and type(None) in get_args(tp)


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
    secrets: tuple[str | None, ...],
) -> APIStatusError:
    # Everything taken from the body and headers is scrubbed by APIStatusError itself.
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
        "secrets": secrets,
    }
    if issubclass(cls, RateLimitError):
        retry_after = parse_retry_after(header_value(headers, "Retry-After"))
        return cls(message, retry_after=retry_after, **common)
    return cls(message, **common)


_NOT_JSON: Final = object()


def decode_response(
    operation_response: Any,
    *,
    status: int,
    headers: Mapping[str, str],
    raw: bytes,
    method: str,
    path: str,
    secrets: Iterable[str | None] = (),
) -> Any:
    """Status + body → the structured ``data``, or raise the matching SDK error.

    A 2xx body is first decoded in one pass from its bytes (``_fast_bytes``, with msgspec
    when installed); whatever that path does not take is decided by the detailed path
    below, with the same result and the same errors.

    Args:
        operation_response: The descriptor's ``response`` type: a model, ``list[Model]``,
            ``None`` (the operation returns no data) or ``Any`` (return the raw JSON
            ``data``).
        status: The HTTP status.
        headers: The response headers.
        raw: The response body.
        method: The request's method, for error messages.
        path: The request's path, for error messages.
        secrets: Values that must not appear in any error (the access and refresh token in
            use). Every error raised here is scrubbed of them and of anything shaped like a
            credential, and is raised without ``__cause__``/``__context__`` pointing at
            anything that still holds the unscrubbed text.

    Returns:
        The decoded ``data``. Success answers without data:

        * a 2xx whose body is empty or only whitespace (``204 No Content``, ``205``, a
          ``202`` or ``200`` without a body) returns ``None`` for an operation that returns
          no data (``None``) and for raw calls (``Any``);
        * an envelope ``{"success": true, ...}`` returns ``None`` for a no-data operation,
          whatever its ``data``; for raw calls its ``data`` (``None`` when null or absent).

        An operation that does expect data gets:

        * a :class:`ResponseDecodeError` for a 2xx without a body: nothing says the API
          (rather than something in between) answered, and returning ``None`` or an empty
          list would silently stand in for data the caller asked for;
        * for ``data: null`` (or no ``data`` member) in a successful envelope: an empty list
          when the operation returns a list, since the API has confirmed success and an
          absent collection means "no items" (servers that omit empty values send exactly
          this); ``None`` when the type allows it; otherwise a :class:`ResponseDecodeError`
          saying that the data is missing.

    Raises:
        ResponseDecodeError: A 2xx body that is not JSON, not the documented
            ``{success, message, code, data}`` envelope, without the data the operation
            returns, or whose data does not match the model (the message names the JSON
            path). For an error status, a non-JSON body raises a subclass that is also the
            status's class (e.g. ``InternalServerError``).
        APIStatusError: (the status's subclass) an error status, a redirect, or a 2xx
            envelope with ``success: false`` (also for operations that return no data).
    """
    if 200 <= status < 300 and raw:
        fast = bytes_decoder(operation_response)
        if fast is not None:
            # The envelope and data in one pass. Anything it does not take (a failure, no
            # data, a blank body, a value off the model ...) is decided below, as if it had
            # not been tried.
            try:
                return fast(raw)
            except Exception:  # noqa: S110 - not swallowed: the detailed path re-decides
                pass
    secrets = tuple(secrets)
    if status == 407:
        # From a proxy, not the API: its body (often HTML) says nothing useful about us.
        raise APIStatusError(
            "the proxy refused the request: 407 Proxy Authentication Required; give its "
            "credentials as proxy='http://user:password@host:port'",
            status=status,
            headers=headers,
            method=method,
            path=path,
            secrets=secrets,
        )
    # The first byte decides in the common case, without copying a large body.
    blank = not raw or (raw[0] in _BLANK and not raw.strip())
    if blank and status < 300:
        if operation_response is None or operation_response is Any:
            return None
        raise ResponseDecodeError(
            f"the API answered HTTP {status} without a body, but this operation returns "
            f"{_type_label(operation_response)}: no data to return",
            status=status,
            headers=headers,
            method=method,
            path=path,
            secrets=secrets,
        )
    body: Any
    try:
        body = None if blank else _json.loads(raw)
    except (ValueError, RecursionError):  # deeply nested JSON overflows the C scanner
        # Raised below, outside this block: the parser's exception holds the whole document
        # (json's .doc), and as __context__ it would carry any token in it along.
        body = _NOT_JSON
    if body is _NOT_JSON:
        content_type = header_value(headers, "Content-Type") or "no content type"
        raise decode_error_class(status)(
            f"expected a JSON body, got {content_type}: {_excerpt(raw, secrets)!r}",
            status=status,
            headers=headers,
            method=method,
            path=path,
            secrets=secrets,
        )
    if status >= 400:
        raise _status_error(status, headers, body, method, path, secrets)
    if status >= 300:
        raise APIStatusError(
            f"unexpected redirect ({header_value(headers, 'Location') or 'no location'})",
            status=status,
            headers=headers,
            method=method,
            path=path,
            secrets=secrets,
        )
    if not isinstance(body, Mapping) or not isinstance(body.get("success"), bool):
        raise ResponseDecodeError(
            f"response is not the documented {{success, message, code, data}} envelope: "
            f"{_excerpt(raw, secrets)!r}",
            status=status,
            body=body,
            headers=headers,
            method=method,
            path=path,
            secrets=secrets,
        )
    if not body["success"]:
        # A 2xx carrying success=false is still a failure; its `code` says which kind.
        code = body.get("code")
        effective = code if isinstance(code, int) and code >= 400 else 400
        raise _status_error(effective, headers, body, method, path, secrets)
    if operation_response is None:
        return None
    data = body.get("data")
    if operation_response is Any:
        return data
    if data is None:
        if get_origin(operation_response) is list:
            return []
        if _accepts_none(operation_response):
            return None
        raise ResponseDecodeError(
            f"the response envelope has no data (data is null or absent), but this operation "
            f"returns {_type_label(operation_response)}",
            status=status,
            body=body,
            headers=headers,
            method=method,
            path=path,
            secrets=secrets,
        )
    try:
        return structure(data, operation_response, path="$.data")
    except DecodeError as exc:
        # Only the text is kept, and raised outside this block: the exception's chain
        # (cattrs' groups) holds the raw values.
        message, json_path, model = str(exc), exc.path, exc.model
    error = ResponseDecodeError(
        message,
        json_path=json_path,
        status=status,
        body=body,
        headers=headers,
        method=method,
        path=path,
        secrets=secrets,
    )
    # A fresh, scrubbed DecodeError as the cause keeps the JSON path and model at hand.
    raise error from DecodeError(message, path=json_path, model=model, secrets=secrets)
