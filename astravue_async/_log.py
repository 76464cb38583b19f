"""The SDK's log records: the fields they carry, and the ``ASTRAVUE_LOG`` switch.

Every record goes to the ``astravue_async`` logger. Besides its message, a record made
during an API call carries these attributes (``extra=``), which JSON formatters
(python-json-logger, ``structlog.stdlib.ExtraAdder``, OpenTelemetry's logging handler) pick
up as fields of their own:

=========================  ===========================================================
``astravue_operation``     the spec's operation id, e.g. ``"get_task"``
``astravue_method``        the HTTP method
``astravue_url_template``  the path template, e.g. ``"/tasks/{taskId}"`` (never the path)
``astravue_org_id``        the organisation (``X-Org-Id``)
``astravue_attempt``       the request's number within the call, from 1
``astravue_status``        the HTTP status received
``astravue_elapsed_ms``    how long the request (or the refresh) took, in milliseconds
``astravue_request_id``    the server's request id, if it sent one
``astravue_error``         the exception's class name, e.g. ``"APITimeoutError"``
``astravue_retry_delay_s``  the wait before the next attempt, in seconds
``astravue_refresh_reason``  why a token refresh ran (``proactive``, ``unauthorized``, ``startup``)
=========================  ===========================================================

The names are flat snake_case with one prefix so that they never collide with the standard
``LogRecord`` attributes or an application's own ``extra`` fields, and so that
``%(astravue_status)s`` works in a format string. None of them ever holds a secret.

The call's own fields (operation, method, template, org id) are bound once per call with
:func:`bind_call` and added to each record by a filter on the logger, so records made deep
inside the token manager or a token store during a call carry them too, without every log
site passing them along.

``ASTRAVUE_LOG=debug`` (or ``info``, ``warning``) installs a readable handler on stderr for
quick debugging, as ``OPENAI_LOG`` does for the OpenAI SDK; :func:`configure_from_env` does
it, at most once however often it runs. Records still propagate to the application's own
handlers.
"""

from __future__ import annotations

import contextvars
import logging
import os
import sys
import threading
import warnings
from collections.abc import Mapping
from types import FrameType
from typing import Final, TextIO

__all__ = [
    "ATTEMPT",
    "ELAPSED_MS",
    "ENV_VAR",
    "ERROR",
    "FIELDS",
    "LOGGER_NAME",
    "METHOD",
    "OPERATION",
    "ORG_ID",
    "REFRESH_REASON",
    "REQUEST_ID",
    "RETRY_DELAY",
    "STATUS",
    "URL_TEMPLATE",
    "ReadableFormatter",
    "attempt_fields",
    "bind_call",
    "call_fields",
    "configure_from_env",
    "enable_stderr_logging",
    "refresh_fields",
    "unbind_call",
]

LOGGER_NAME: Final = "astravue_async"
ENV_VAR: Final = "ASTRAVUE_LOG"

OPERATION: Final = "astravue_operation"
METHOD: Final = "astravue_method"
URL_TEMPLATE: Final = "astravue_url_template"
ORG_ID: Final = "astravue_org_id"
ATTEMPT: Final = "astravue_attempt"
STATUS: Final = "astravue_status"
ELAPSED_MS: Final = "astravue_elapsed_ms"
REQUEST_ID: Final = "astravue_request_id"
ERROR: Final = "astravue_error"
RETRY_DELAY: Final = "astravue_retry_delay_s"
REFRESH_REASON: Final = "astravue_refresh_reason"

#: Every field, in the order the readable handler prints them.
FIELDS: Final = (
    OPERATION,
    METHOD,
    URL_TEMPLATE,
    ORG_ID,
    ATTEMPT,
    STATUS,
    ELAPSED_MS,
    REQUEST_ID,
    ERROR,
    RETRY_DELAY,
    REFRESH_REASON,
)

logger = logging.getLogger(LOGGER_NAME)

# --------------------------------------------------------------------------- fields

_CALL: contextvars.ContextVar[Mapping[str, object] | None] = contextvars.ContextVar(
    "astravue_log_call", default=None
)


def bind_call(
    operation_id: str, method: str, url_template: str | None, org_id: int | None
) -> contextvars.Token[Mapping[str, object] | None]:
    """Make records logged in this context (and tasks it starts) carry the call's fields.

    Args:
        operation_id: the spec's operation id, e.g. ``"get_task"``.
        method: the HTTP method; ``url_template``: the path template (None: not a template).
        org_id: the organisation the call is made for.

    Returns:
        The token for :func:`unbind_call`, to be called when the call ends.
    """
    return _CALL.set(call_fields(operation_id, method, url_template, org_id))


def call_fields(
    operation_id: str, method: str, url_template: str | None, org_id: int | None
) -> dict[str, object]:
    """``extra=`` naming a call (what :func:`bind_call` binds), for a record logged where
    the call's fields may not be bound (the transport binds them only on paths that log)."""
    fields: dict[str, object] = {OPERATION: operation_id, METHOD: method}
    if url_template is not None:
        fields[URL_TEMPLATE] = url_template
    if org_id is not None:
        fields[ORG_ID] = org_id
    return fields


def unbind_call(token: contextvars.Token[Mapping[str, object] | None]) -> None:
    """Undo :func:`bind_call` (from the same context it was bound in)."""
    _CALL.reset(token)


def attempt_fields(
    attempt: int,
    *,
    status: int | None = None,
    elapsed_ms: float | None = None,
    error: BaseException | None = None,
    request_id: str | None = None,
    retry_delay: float | None = None,
) -> dict[str, object]:
    """``extra=`` for a record about one request of a call (the call's fields come from
    :func:`bind_call`).

    Args:
        attempt: the request's number within the call, from 1.
        status: the HTTP status received.
        elapsed_ms: how long the request took, in milliseconds (rounded to 0.1 ms).
        error: the exception it failed with (only its class name is logged).
        request_id: the server's request id.
        retry_delay: the wait before the next attempt, in seconds.
    """
    fields: dict[str, object] = {ATTEMPT: attempt}
    if status is not None:
        fields[STATUS] = status
    if elapsed_ms is not None:
        fields[ELAPSED_MS] = round(elapsed_ms, 1)
    if error is not None:
        fields[ERROR] = type(error).__name__
    if request_id is not None:
        fields[REQUEST_ID] = request_id
    if retry_delay is not None:
        fields[RETRY_DELAY] = round(retry_delay, 3)
    return fields


def refresh_fields(
    reason: str, *, elapsed_ms: float | None = None, error: BaseException | None = None
) -> dict[str, object]:
    """``extra=`` for a record about a token refresh: why it ran, how long it took, and the
    class name of what it failed with. Never a token."""
    fields: dict[str, object] = {REFRESH_REASON: reason}
    if elapsed_ms is not None:
        fields[ELAPSED_MS] = round(elapsed_ms, 1)
    if error is not None:
        fields[ERROR] = type(error).__name__
    return fields


class _CallFields(logging.Filter):
    """Adds the bound call's fields to records that do not set them themselves."""

    def filter(self, record: logging.LogRecord) -> bool:
        fields = _CALL.get()
        if fields:
            attributes = record.__dict__
            for name, value in fields.items():
                attributes.setdefault(name, value)
        return True


def _install_filter() -> None:
    # Once per process; the filter only runs for records that are actually emitted.
    if not any(isinstance(f, _CallFields) for f in logger.filters):
        logger.addFilter(_CallFields())


_install_filter()

# --------------------------------------------------------------------------- ASTRAVUE_LOG

_LEVELS: Final = {
    "debug": logging.DEBUG,
    "info": logging.INFO,
    "warning": logging.WARNING,
    "warn": logging.WARNING,
}
_lock = threading.Lock()
_warned_values: set[str] = set()


class ReadableFormatter(logging.Formatter):
    """``12:00:00.123 INFO astravue_async: <message> [operation=get_task attempt=2 ...]``.

    The fields in brackets are the record's ``astravue_*`` attributes, prefix dropped.
    """

    def __init__(self) -> None:
        super().__init__("%(asctime)s.%(msecs)03d %(levelname)s %(name)s: %(message)s", "%H:%M:%S")

    def format(self, record: logging.LogRecord) -> str:
        text = super().format(record)
        attributes = record.__dict__
        fields = [
            f"{name.removeprefix('astravue_')}={attributes[name]}"
            for name in FIELDS
            if attributes.get(name) is not None
        ]
        if not fields:
            return text
        # After the first line, so a traceback keeps its usual place below it.
        first, newline, rest = text.partition("\n")
        return f"{first} [{' '.join(fields)}]{newline}{rest}"


class _StderrHandler(logging.StreamHandler):  # type: ignore[type-arg]
    """Writes to whatever ``sys.stderr`` is at the time (pytest and notebooks swap it)."""

    def __init__(self) -> None:
        super().__init__()

    @property
    def stream(self) -> TextIO:
        return sys.stderr

    @stream.setter
    def stream(self, value: TextIO) -> None:
        pass  # always the current sys.stderr


def enable_stderr_logging(level: int) -> logging.Handler:
    """Show the SDK's records at ``level`` and above on stderr, readably.

    Installs one handler on the ``astravue_async`` logger (later calls only change its
    level) and lowers the logger's level to ``level`` if it was higher or unset. Records
    still propagate to the application's handlers.

    Args:
        level: a :mod:`logging` level, e.g. ``logging.DEBUG``.

    Returns:
        The handler (remove it with ``logging.getLogger("astravue_async").removeHandler``).
    """
    with _lock:
        handler = next((h for h in logger.handlers if isinstance(h, _StderrHandler)), None)
        if handler is None:
            handler = _StderrHandler()
            handler.setFormatter(ReadableFormatter())
            logger.addHandler(handler)
        handler.setLevel(level)
        if logger.level == logging.NOTSET or logger.level > level:
            logger.setLevel(level)
        return handler


_PACKAGE_DIR: Final = os.path.dirname(os.path.abspath(__file__)) + os.sep


def _caller_outside_package() -> int:
    """The ``stacklevel`` of the first caller outside the SDK (the code creating a client,
    through however many of the SDK's frames), for warnings that point at the user's code."""
    level = 1
    frame: FrameType | None = sys._getframe(1)  # our caller: warnings.warn's stacklevel=1
    while frame is not None and frame.f_code.co_filename.startswith(_PACKAGE_DIR):
        frame = frame.f_back
        level += 1
    return level


def configure_from_env(environ: Mapping[str, str] | None = None) -> logging.Handler | None:
    """Apply ``ASTRAVUE_LOG`` (``debug``, ``info`` or ``warning``, any case), if set.

    Safe to call any number of times (at import and at each client's creation): the handler
    is installed once. An unknown value is ignored with one :class:`RuntimeWarning`.

    Args:
        environ: the environment to read (default: ``os.environ``).

    Returns:
        The stderr handler, or None when the variable is unset, empty or unknown.
    """
    value = (os.environ if environ is None else environ).get(ENV_VAR, "").strip().lower()
    if not value:
        return None
    level = _LEVELS.get(value)
    if level is None:
        with _lock:
            first = value not in _warned_values
            _warned_values.add(value)
        if first:
            warnings.warn(
                f"{ENV_VAR}={value!r} is not one of debug, info, warning; ignored",
                RuntimeWarning,
                stacklevel=_caller_outside_package(),
            )
        return None
    return enable_stderr_logging(level)
