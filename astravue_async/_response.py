"""What the server said, beside the model: :class:`APIResponse` and the request id.

``client.with_raw_response.<resource>.<verb>()`` returns an :class:`APIResponse` instead of
the model, for the questions a parsed model cannot answer: which status and headers came
back, how long the call took, how many requests it needed, and which id the server gave it
(what its operators ask for first). The model is still one ``.parse()`` away, decoded on
first use and kept.

Only response headers are kept, scrubbed the way an error's are, so a response can be logged
or attached to a bug report as it is. The body is kept as received (``.content``): it is the
caller's own data.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from datetime import timedelta
from typing import Any, Final, Generic, TypeVar

from multidict import CIMultiDict, CIMultiDictProxy

from astravue_async import _json
from astravue_async._redact import redact_headers, redact_text

__all__ = ["REQUEST_ID_HEADERS", "APIResponse", "request_id_from", "scrubbed_headers"]

T = TypeVar("T")

#: Response headers that carry the id a server or gateway gave a request, most specific first.
#: The Astravue docs name none (``openapi/PROVENANCE.md``), so these are the common ones:
#: ``X-Request-Id`` (nginx, Heroku, most gateways), ``X-Correlation-Id`` (Spring and .NET
#: services), ``Request-Id``, ``X-Amzn-RequestId`` (AWS API Gateway), ``X-B3-TraceId``
#: (Zipkin/Spring Cloud Sleuth) and W3C ``traceresponse``, whose trace id is taken.
REQUEST_ID_HEADERS: Final = (
    "X-Request-Id",
    "X-Correlation-Id",
    "Request-Id",
    "X-Amzn-RequestId",
    "X-B3-TraceId",
    "traceresponse",
)

# Ids are short tokens of these characters (UUIDs, hex, base64, ULIDs, "Root=1-..." trace
# ids); anything else (a sentence, an HTML page, a scrubbed "<redacted>") is not an id, and
# would make log lines and span attributes unbounded.
_REQUEST_ID: Final = re.compile(r"[A-Za-z0-9._:/+=@;-]{1,128}")
# W3C Trace Context: version-traceid-parentid-flags.
_LOWER_NAMES: Final = tuple(name.lower() for name in REQUEST_ID_HEADERS)
_MAYBE_CREDENTIAL: Final = re.compile(r"[=:]|eyJ")
_TRACERESPONSE: Final = re.compile(r"[0-9a-f]{2}-([0-9a-f]{32})-[0-9a-f]{16}-[0-9a-f]{2}")


def request_id_from(
    headers: Mapping[str, str] | None, secrets: Iterable[str | None] = ()
) -> str | None:
    """The request id the server sent in ``headers``, or None.

    Args:
        headers: response headers (any mapping; names are matched without case).
        secrets: values that must never come back (the tokens in use).

    Returns:
        The value of the first of :data:`REQUEST_ID_HEADERS` that holds an id (1 to 128
        letters, digits and ``._:/+=@;-``, surrounding blanks stripped, not a credential or
        shaped like one); for ``traceresponse`` its 32-digit trace id. None when no header
        qualifies.
    """
    if not headers:
        return None
    # A multidict is case-insensitive already (the transport's case): no copy.
    lookup = (
        headers
        if isinstance(headers, CIMultiDict | CIMultiDictProxy)
        else {name.lower(): value for name, value in headers.items()}
    )
    secrets = tuple(secrets)
    for name in _LOWER_NAMES:
        value = lookup.get(name)
        if not isinstance(value, str):
            continue
        value = value.strip()
        if name == "traceresponse":
            match = _TRACERESPONSE.fullmatch(value)
            if match is None:
                continue
            value = match[1]
        if _REQUEST_ID.fullmatch(value) is None:
            continue
        # A server echoing a token here is absurd, but this value goes into logs, events
        # and span attributes unconditionally, so it is held to the same rule as errors.
        # Without "=", ":" or "eyJ" no credential pattern can match an id's characters.
        if (secrets or _MAYBE_CREDENTIAL.search(value)) and redact_text(value, secrets) != value:
            continue
        return value
    return None


def scrubbed_headers(
    headers: Iterable[tuple[str, str]] | Mapping[str, str] | None,
    secrets: Iterable[str | None] = (),
) -> CIMultiDict[str]:
    """A case-insensitive copy of response headers with credentials scrubbed.

    Args:
        headers: the response headers, as a mapping (a multidict keeps repeated names) or
            ``(name, value)`` pairs.
        secrets: values known to be secret (the tokens in use), replaced wherever they occur.

    Returns:
        Every header in its order, repeated names included; credential-named ones
        (``Set-Cookie``, ``X-Debug-Token`` ...) with the value ``<redacted>``, the others
        scrubbed as :func:`astravue_async._redact.redact_text` does.
    """
    secrets = tuple(secrets)
    items = headers.items() if isinstance(headers, Mapping) else (headers or ())
    clean: CIMultiDict[str] = CIMultiDict()
    for name, value in items:
        # One pair at a time: redact_headers keeps one value per name.
        clean.add(name, redact_headers({name: str(value)}, secrets)[name])
    return clean


_CHARSET: Final = re.compile(r"""charset\s*=\s*["']?([\w.:-]+)""", re.IGNORECASE)


class APIResponse(Generic[T]):
    """One call's response with what the parsed model leaves out.

    Returned by ``client.with_raw_response.<resource>.<verb>(...)`` (and its sync twin) for
    a successful call; an error status still raises the matching :class:`APIStatusError`,
    which carries the same ``headers``, ``request_id`` and ``attempts``.

    Attributes:
        status: the HTTP status of the response the call ended with, e.g. ``200``.
        headers: the response headers, read-only and case-insensitive
            (``response.headers["x-request-id"]``), repeated names kept
            (``headers.getall("Set-Cookie")``); credential-named values are ``<redacted>``.
            Request headers (the bearer token) are never here.
        elapsed: the whole call, from its start to the last byte of this response: every
            attempt, the waits between them and any token refresh.
        attempts: requests actually sent for this call, 1 unless it was retried; a replay
            after a 401 and its token refresh counts.
        request_id: the id the server or a gateway gave the request (see
            :func:`request_id_from`), or None.
        operation_id: the spec's operation id, e.g. ``"get_task"``.
        method: the HTTP method, e.g. ``"GET"``.
        url_template: the path template below the base URL, e.g. ``"/tasks/{taskId}"``
            (None for ``client.request()`` paths, which are not templates).
        path: the path actually requested, below the base URL, e.g. ``"/tasks/7"``.
        http_version: the HTTP version of the response, e.g. ``"1.1"``, if known.
    """

    __slots__ = (
        "_parse",
        "_parsed",
        "_parsed_set",
        "attempts",
        "content",
        "elapsed",
        "headers",
        "http_version",
        "method",
        "operation_id",
        "path",
        "request_id",
        "status",
        "url_template",
    )

    def __init__(
        self,
        *,
        status: int,
        headers: CIMultiDict[str] | CIMultiDictProxy[str],
        content: bytes,
        parse: Callable[[], T],
        elapsed: timedelta,
        attempts: int,
        operation_id: str,
        method: str,
        url_template: str | None,
        path: str,
        request_id: str | None = None,
        http_version: str | None = None,
    ) -> None:
        """Built by the transport, not by callers.

        Args:
            status: the HTTP status.
            headers: the response headers, already scrubbed (:func:`scrubbed_headers`); kept
                as a read-only view.
            content: the response body as received.
            parse: decodes ``content`` into the model (or raises the SDK's decode error);
                called at most once per successful :meth:`parse`.
            elapsed: the whole call's duration.
            attempts: requests sent for the call (at least 1).
            operation_id: the operation; ``method``, ``url_template``, ``path``: the request.
            request_id: the server's request id, if any.
            http_version: the response's HTTP version (``"1.1"``), if known.
        """
        self.status = status
        self.headers = CIMultiDictProxy(headers)
        self.content = content
        self._parse = parse
        self._parsed: T | None = None
        self._parsed_set = False
        self.elapsed = elapsed
        self.attempts = attempts
        self.operation_id = operation_id
        self.method = method
        self.url_template = url_template
        self.path = path
        self.request_id = request_id
        self.http_version = http_version

    def parse(self) -> T:
        """The model this call returns, decoded on first use and kept.

        Returns:
            What the same call without ``with_raw_response`` returns (a model, a list of
            models, or None for operations without data).

        Raises:
            ResponseDecodeError: the body does not match the documented envelope or model
                (raised again on every call: decoding is not cached when it fails).
            APIStatusError: a 2xx envelope that says ``success: false``.
        """
        if not self._parsed_set:
            self._parsed = self._parse()
            self._parsed_set = True
        return self._parsed  # type: ignore[return-value]  # set just above

    @property
    def text(self) -> str:
        """The body as text, in the charset of ``Content-Type`` (default UTF-8); bytes that
        do not decode become U+FFFD."""
        charset = "utf-8"
        match = _CHARSET.search(self.headers.get("Content-Type", ""))
        if match is not None:
            charset = match[1]
        try:
            return self.content.decode(charset, errors="replace")
        except LookupError:  # a charset Python does not know
            return self.content.decode("utf-8", errors="replace")

    def json(self) -> Any:
        """The body parsed as JSON (the whole envelope, not only ``data``).

        Raises:
            ValueError: the body is not JSON.
        """
        return _json.loads(self.content)

    def __repr__(self) -> str:
        # Never the body (the caller's data, maybe large) nor headers (long, and scrubbed
        # values still say which credentials exist).
        template = self.url_template if self.url_template is not None else self.path
        request_id = f" request_id={self.request_id!r}" if self.request_id is not None else ""
        return (
            f"<APIResponse {self.operation_id} {self.method} {template} -> {self.status}, "
            f"attempts={self.attempts}, elapsed={self.elapsed.total_seconds():.3f}s"
            f"{request_id}>"
        )
