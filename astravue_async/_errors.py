"""The SDK's exception hierarchy.

Every failure the SDK reports is an :class:`AstravueError`. Messages never contain
credentials: tokens, client secrets and authorization codes are not passed into them, and
whatever an :class:`APIStatusError` copies from a response (message, field errors, body,
headers) is scrubbed on the way in (see ``_redact``), so a server that quotes a token back
cannot put it into ``str()``, ``repr()``, ``args`` or any attribute.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from multidict import CIMultiDict

from astravue_async._generated import models as _models
from astravue_async._redact import redact_json, redact_text
from astravue_async._response import request_id_from, scrubbed_headers

__all__ = [
    "APIConnectionError",
    "APIStatusError",
    "APITimeoutError",
    "AstravueError",
    "AuthenticationError",
    "BadRequestError",
    "ConflictError",
    "DecodeError",
    "FieldError",
    "InternalServerError",
    "LeaseLostError",
    "NotFoundError",
    "PermissionDeniedError",
    "RateLimitError",
    "ResponseDecodeError",
    "TLSError",
    "TokenStoreError",
    "UnprocessableEntityError",
    "decode_error_class",
    "status_error_class",
]


_RENDERED_LIMIT = 500


class AstravueError(Exception):
    """Base class of every error raised by astravue-async."""


class DecodeError(AstravueError, ValueError):
    """JSON data did not match the model it was decoded into.

    ``path`` is the location of the offending value, e.g. ``$.data.owners[0].userId``;
    ``model`` names the type being decoded. The message may quote the offending value; it is
    scrubbed of ``secrets`` and of anything shaped like a credential.
    """

    def __init__(
        self,
        message: str,
        *,
        path: str = "$",
        model: str | None = None,
        secrets: Iterable[str | None] = (),
    ) -> None:
        self.path = path
        self.model = model
        super().__init__(redact_text(message, secrets))


class TokenStoreError(AstravueError):
    """A token store could not be used: Redis is down, the refresh lock was not obtained in
    time, the token file cannot be read or written. The message never holds a token."""


class LeaseLostError(TokenStoreError):
    """A save under a refresh lease was refused: the lease expired mid-refresh and another
    worker may have stored a newer token (a fencing check; nothing was written)."""


class APIConnectionError(AstravueError):
    """The request could not be delivered or its response could not be read.

    ``request_sent`` is False only when the request provably never reached the server: no
    connection was ever obtained for it (connection refused, DNS failure, proxy unreachable,
    a connect or TLS handshake that did not finish, the client closed while it waited).
    Only then is a non-idempotent call (a create, "stop timer") safe to repeat. A reset or a
    closed connection after the request may have been written leaves it True: load
    balancers reset connections after forwarding requests.

    ``attempts`` is the number of requests the call had begun when it failed, 401 replays
    included (0: none was; None when not known, e.g. for an error built outside a call).
    """

    def __init__(
        self,
        message: str,
        *,
        method: str = "",
        path: str = "",
        request_sent: bool = True,
        attempts: int | None = None,
    ) -> None:
        self.method = method
        self.path = path
        self.request_sent = request_sent
        self.attempts = attempts
        super().__init__(message)


class APITimeoutError(APIConnectionError):
    """The call did not finish in time: connecting, waiting for the response, or the whole
    call's ``timeout`` (which also covers retries and waiting for a token refresh) ran out."""


class TLSError(APIConnectionError):
    """The TLS handshake failed: an untrusted certificate, a hostname mismatch, or no
    protocol in common. Never retried: it will not fix itself, and it may be an attack.
    ``request_sent`` is always False."""


# One class for a field error, the spec's (``ApiError.errors[]``): what
# ``BadRequestError.field_errors`` holds is the model users import from astravue_async.models.
FieldError = _models.FieldError


class APIStatusError(AstravueError):
    """The API answered with an error status or an unsuccessful envelope.

    Everything taken from the response is scrubbed on the way in: the exact ``secrets``
    passed (the tokens in use) and anything shaped like a credential (``Bearer ...``, JWTs,
    ``access_token``/``password``/... members and parameters, credential-named headers) are
    replaced by ``<redacted>``. ``secrets`` itself is not stored.

    Attributes:
        status: The HTTP status (for an unsuccessful 2xx envelope, its ``code`` if >= 400).
        message: The server's message (or ``"HTTP <status>"``), in full.
        code: The envelope's integer ``code``, if it had one.
        field_errors: The envelope's per-field validation errors.
        body: The decoded JSON body, if there was one.
        headers: The response headers, case-insensitive (``exc.headers["retry-after"]``; repeated
            names kept, ``getall()``).
        request_id: The id the server or a gateway gave the request (``X-Request-Id``,
            ``X-Correlation-Id`` ...; see ``astravue_async._response.request_id_from``), or None.
        attempts: Requests sent for the call that failed, 401 replays included (None when not
            counted, e.g. an error built outside an API call).
        method: The request's HTTP method; ``path``: its path below the base URL.
    """

    status: int

    def __init__(
        self,
        message: str,
        *,
        status: int,
        code: int | None = None,
        field_errors: Sequence[FieldError] = (),
        body: Any = None,
        headers: Mapping[str, str] | None = None,
        method: str = "",
        path: str = "",
        secrets: Iterable[str | None] = (),
        request_id: str | None = None,
        attempts: int | None = None,
    ) -> None:
        if not isinstance(secrets, tuple):
            secrets = tuple(secrets)  # used several times below
        self.status = status
        self.message = redact_text(message, secrets)
        self.code = code
        self.field_errors = tuple(_scrub_field_error(e, secrets) for e in field_errors)
        self.body = redact_json(body, secrets)
        # A multidict, not a read-only proxy: errors must stay picklable (worker queues).
        self.headers: CIMultiDict[str] = scrubbed_headers(headers, secrets)
        self.request_id = (
            request_id if request_id is not None else request_id_from(self.headers, secrets)
        )
        # Set by the transport when the error leaves the call: the error is built per
        # response, before anyone knows whether it is the last one.
        self.attempts = attempts
        self.method = method
        self.path = path
        super().__init__(self._render())

    def _render(self) -> str:
        where = f" ({self.method} {self.path})" if self.method else ""
        text = f"{self.status}{where}: {self.message}"
        if self.field_errors:
            details = "; ".join(f"{e.field}: {e.message}" for e in self.field_errors)
            text = f"{text} [{details}]"
        # The server's message and field errors can be any length; the full values stay in
        # .message, .field_errors and .body, while str() stays fit for a log line.
        if len(text) > _RENDERED_LIMIT:
            text = text[: _RENDERED_LIMIT - 1] + "…"
        return text

    def __reduce__(self) -> tuple[Any, ...]:
        # Rebuilt from its state, not through __init__: its arguments are keyword-only (the
        # default reduce would call cls(*args) and fail in the worker's parent, hanging a
        # multiprocessing pool), and what is stored was scrubbed already.
        return (_rebuild, (type(self), self.args, self.__dict__.copy()))


def _rebuild(cls: type[APIStatusError], args: tuple[Any, ...], state: dict[str, Any]) -> Any:
    error = cls.__new__(cls)
    error.args = args
    error.__dict__.update(state)
    return error


def _scrub_field_error(error: FieldError, secrets: Iterable[str | None]) -> FieldError:
    field = error.field
    return FieldError(
        field=None if field is None else redact_text(field, secrets),
        message=None if error.message is None else redact_text(error.message, secrets),
        # A rejected value of a field named like a credential is that credential.
        rejected_value=redact_json(error.rejected_value, secrets, name=field),
    )


class BadRequestError(APIStatusError):
    """HTTP 400: the request was malformed or failed validation."""


class AuthenticationError(APIStatusError):
    """HTTP 401, or the OAuth2 server refused to issue a token."""


class PermissionDeniedError(APIStatusError):
    """HTTP 403: the token is valid but not allowed to do this (check ``X-Org-Id``)."""


class NotFoundError(APIStatusError):
    """HTTP 404: no such object in this organisation."""


class ConflictError(APIStatusError):
    """HTTP 409: the request conflicts with the current state (e.g. a timer is running)."""


class UnprocessableEntityError(APIStatusError):
    """HTTP 422: the request was well-formed but semantically invalid."""


class RateLimitError(APIStatusError):
    """HTTP 429. ``retry_after`` is the server's requested wait in seconds, if it sent one."""

    def __init__(
        self,
        message: str,
        *,
        status: int = 429,
        retry_after: float | None = None,
        code: int | None = None,
        field_errors: Sequence[FieldError] = (),
        body: Any = None,
        headers: Mapping[str, str] | None = None,
        method: str = "",
        path: str = "",
        secrets: Iterable[str | None] = (),
        request_id: str | None = None,
        attempts: int | None = None,
    ) -> None:
        self.retry_after = retry_after
        super().__init__(
            message,
            status=status,
            code=code,
            field_errors=field_errors,
            body=body,
            headers=headers,
            method=method,
            path=path,
            secrets=secrets,
            request_id=request_id,
            attempts=attempts,
        )


class InternalServerError(APIStatusError):
    """HTTP 5xx: the server failed."""


class ResponseDecodeError(APIStatusError):
    """The response body was not JSON, or did not match the documented envelope or model.

    ``status`` is the HTTP status; the message quotes at most 200 characters of the body.
    ``json_path`` is where in the body the model did not match (``$.data.owners[0].userId``),
    or None when the body as a whole was the problem (``path`` is the request's URL path).
    """

    def __init__(
        self,
        message: str,
        *,
        status: int,
        json_path: str | None = None,
        code: int | None = None,
        field_errors: Sequence[FieldError] = (),
        body: Any = None,
        headers: Mapping[str, str] | None = None,
        method: str = "",
        path: str = "",
        secrets: Iterable[str | None] = (),
        request_id: str | None = None,
        attempts: int | None = None,
    ) -> None:
        self.json_path = json_path
        super().__init__(
            message,
            status=status,
            code=code,
            field_errors=field_errors,
            body=body,
            headers=headers,
            method=method,
            path=path,
            secrets=secrets,
            request_id=request_id,
            attempts=attempts,
        )


_STATUS_ERRORS: dict[int, type[APIStatusError]] = {
    400: BadRequestError,
    401: AuthenticationError,
    403: PermissionDeniedError,
    404: NotFoundError,
    409: ConflictError,
    422: UnprocessableEntityError,
    429: RateLimitError,
}


def status_error_class(status: int) -> type[APIStatusError]:
    """The exception class for an HTTP status (``APIStatusError`` for unmapped ones)."""
    if status >= 500:
        return InternalServerError
    return _STATUS_ERRORS.get(status, APIStatusError)


_DECODE_ERRORS: dict[type[APIStatusError], type[ResponseDecodeError]] = {}


def decode_error_class(status: int) -> type[ResponseDecodeError]:
    """The class for an undecodable body received with ``status``.

    For error statuses it is also the status's own class, so an HTML 502 page is caught by
    ``except InternalServerError`` as well as by ``except ResponseDecodeError``.
    """
    base = status_error_class(status) if status >= 400 else APIStatusError
    if base is APIStatusError:
        return ResponseDecodeError
    return _decode_error_class_for(base)


def _decode_error_class_for(base: type[APIStatusError]) -> type[ResponseDecodeError]:
    cls = _DECODE_ERRORS.get(base)
    if cls is None:
        cls = type(f"{base.__name__}DecodeError", (ResponseDecodeError, base), {})
        cls.__doc__ = f"An undecodable body received with a {base.__name__} status."
        cls.__module__ = __name__
        _DECODE_ERRORS[base] = cls
    return cls


def __getattr__(name: str) -> Any:
    # The decode classes are made on first use, so a process unpickling one (a worker pool's
    # parent) may not have it yet: pickle finds classes by module and name, and lands here.
    for base in (*_STATUS_ERRORS.values(), InternalServerError):
        if name == f"{base.__name__}DecodeError":
            return _decode_error_class_for(base)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
