"""Seeing what the SDK does in production: event hooks and OpenTelemetry behind one facade.

Design notes (why it is shaped this way):

* **One facade, built once, or nothing.** The transport's per-call path is the SDK's hottest
  code, and most clients observe nothing. :meth:`Observer.build` decides at client creation
  whether anything listens (hooks given, an OpenTelemetry provider configured, propagation
  asked for) and returns None otherwise, so an unobserved call pays for one
  ``observer is not None`` test. The price: a global OpenTelemetry provider set *after* a
  client was created is not picked up by that client.
* **Hooks and telemetry share the measurements.** The observer times each attempt once and
  feeds the same numbers to hooks, spans and metrics, so the three never disagree.
* **"Will it be retried?" is learnt, not guessed.** Where an attempt ends (the transport's
  innermost function) the retry decision has not been made yet; it is made a few frames
  up. An attempt's event is therefore held until the call says :meth:`~CallObservation.retrying`,
  starts another attempt, or ends, and only then handed to the hooks. Spans and metrics do
  not need the answer and are recorded at once.
* **Hooks are synchronous.** A plain function cannot hold a call up longer than it runs, and
  it needs no task whose failure nobody would see; see :mod:`._events`.
* **Never break the call, never spam.** Every entry point catches what a hook,
  OpenTelemetry or an exporter raises; the first failure is logged with its traceback, the
  rest at DEBUG.
* **No secrets by construction.** Events, span attributes and metric attributes are built
  only from the operation's static description (id, method, path template, host), numbers,
  the response's request id and the SDK's own (already scrubbed) exceptions, never from
  request headers or bodies. Exception events carry the scrubbed message and no traceback.
* **OpenTelemetry stays optional.** Only ``opentelemetry-api`` is used, imported when a
  client is built (never when ``astravue_async`` is imported) and only if installed; the
  call span is INTERNAL and each physical request a CLIENT span, as the HTTP semantic
  conventions ask (see :mod:`._otel`).
"""

from astravue_async._observability._events import (
    AttemptEvent,
    AttemptHook,
    EventHooks,
    RefreshOutcome,
    RefreshReason,
    TokenRefreshEvent,
    TokenRefreshHook,
    error_type,
)
from astravue_async._observability._observer import (
    AttemptObservation,
    CallObservation,
    Observer,
    RefreshObservation,
    current_call,
)

__all__ = [
    "AttemptEvent",
    "AttemptHook",
    "AttemptObservation",
    "CallObservation",
    "EventHooks",
    "Observer",
    "RefreshObservation",
    "RefreshOutcome",
    "RefreshReason",
    "TokenRefreshEvent",
    "TokenRefreshHook",
    "current_call",
    "error_type",
]
