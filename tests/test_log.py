"""Structured log fields and the ASTRAVUE_LOG switch."""

from __future__ import annotations

import asyncio
import logging
import os
import subprocess
import sys
import textwrap
from collections.abc import Iterator

import pytest

from astravue_async import _log
from astravue_async._errors import APITimeoutError


@pytest.fixture
def sdk_logger() -> Iterator[logging.Logger]:
    """The SDK's logger, put back as it was (level and handlers) after the test."""
    logger = logging.getLogger(_log.LOGGER_NAME)
    level, handlers = logger.level, list(logger.handlers)
    yield logger
    logger.setLevel(level)
    for handler in list(logger.handlers):
        if handler not in handlers:
            logger.removeHandler(handler)


# --------------------------------------------------------------------------- fields


def test_attempt_fields_hold_names_and_numbers_only() -> None:
    fields = _log.attempt_fields(
        2,
        status=503,
        elapsed_ms=12.345,
        error=APITimeoutError("timed out"),
        request_id="req-1",
        retry_delay=0.51234,
    )
    assert fields == {
        "astravue_attempt": 2,
        "astravue_status": 503,
        "astravue_elapsed_ms": 12.3,
        "astravue_error": "APITimeoutError",
        "astravue_request_id": "req-1",
        "astravue_retry_delay_s": 0.512,
    }
    assert _log.attempt_fields(1) == {"astravue_attempt": 1}
    assert _log.refresh_fields("unauthorized", elapsed_ms=80.04, error=ValueError()) == {
        "astravue_refresh_reason": "unauthorized",
        "astravue_elapsed_ms": 80.0,
        "astravue_error": "ValueError",
    }


def test_every_field_is_listed_and_prefixed() -> None:
    assert len(set(_log.FIELDS)) == len(_log.FIELDS)
    assert all(name.startswith("astravue_") and name.isidentifier() for name in _log.FIELDS)
    reserved = set(vars(logging.makeLogRecord({})))
    assert not reserved & set(_log.FIELDS)


def test_records_during_a_call_carry_its_fields(caplog: pytest.LogCaptureFixture) -> None:
    logger = logging.getLogger(_log.LOGGER_NAME)
    with caplog.at_level(logging.DEBUG, logger=_log.LOGGER_NAME):
        token = _log.bind_call("get_task", "GET", "/tasks/{taskId}", 42)
        try:
            logger.debug("sent", extra=_log.attempt_fields(1, status=200))
            logger.warning("a store failed")  # logged deep inside, without extra=
        finally:
            _log.unbind_call(token)
        logger.info("after the call")
    sent, store, after = caplog.records
    for record in (sent, store):
        assert record.astravue_operation == "get_task"  # type: ignore[attr-defined]
        assert record.astravue_method == "GET"  # type: ignore[attr-defined]
        assert record.astravue_url_template == "/tasks/{taskId}"  # type: ignore[attr-defined]
        assert record.astravue_org_id == 42  # type: ignore[attr-defined]
    assert sent.astravue_status == 200  # type: ignore[attr-defined]
    assert not hasattr(store, "astravue_status")
    assert not hasattr(after, "astravue_operation")


def test_a_records_own_fields_win(caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.INFO, logger=_log.LOGGER_NAME):
        token = _log.bind_call("get_task", "GET", None, None)
        try:
            logging.getLogger(_log.LOGGER_NAME).info(
                "x", extra={"astravue_operation": "delete_task"}
            )
        finally:
            _log.unbind_call(token)
    (record,) = caplog.records
    assert record.astravue_operation == "delete_task"  # type: ignore[attr-defined]
    assert not hasattr(record, "astravue_url_template")  # None: not bound at all
    assert not hasattr(record, "astravue_org_id")


async def test_tasks_started_during_a_call_carry_its_fields(
    caplog: pytest.LogCaptureFixture,
) -> None:
    async def refresh() -> None:  # as the token manager's refresh task logs
        logging.getLogger(_log.LOGGER_NAME).info("refreshed access token")

    with caplog.at_level(logging.INFO, logger=_log.LOGGER_NAME):
        token = _log.bind_call("list_tasks", "GET", "/tasks", 7)
        task = asyncio.get_running_loop().create_task(refresh())
        _log.unbind_call(token)
        await task
    (record,) = caplog.records
    assert record.astravue_operation == "list_tasks"  # type: ignore[attr-defined]


def test_the_filter_is_installed_once() -> None:
    logger = logging.getLogger(_log.LOGGER_NAME)
    _log._install_filter()
    _log._install_filter()
    assert sum(isinstance(f, _log._CallFields) for f in logger.filters) == 1


# --------------------------------------------------------------------------- readable output


def test_the_readable_format_appends_the_fields() -> None:
    record = logging.makeLogRecord(
        {
            "name": "astravue_async",
            "levelno": logging.DEBUG,
            "levelname": "DEBUG",
            "msg": "GET /tasks/7 -> %d",
            "args": (200,),
            **_log.attempt_fields(1, status=200, elapsed_ms=3.21),
            "astravue_operation": "get_task",
        }
    )
    text = _log.ReadableFormatter().format(record)
    assert text.endswith(
        "DEBUG astravue_async: GET /tasks/7 -> 200 "
        "[operation=get_task attempt=1 status=200 elapsed_ms=3.2]"
    )


def test_the_readable_format_keeps_tracebacks_below() -> None:
    try:
        raise ValueError("boom")
    except ValueError:
        record = logging.makeLogRecord(
            {"msg": "failed", "exc_info": sys.exc_info(), "astravue_attempt": 2}
        )
    lines = _log.ReadableFormatter().format(record).splitlines()
    assert lines[0].endswith("failed [attempt=2]")
    assert lines[-1] == "ValueError: boom"


def test_enabling_twice_installs_one_handler(sdk_logger: logging.Logger) -> None:
    sdk_logger.setLevel(logging.NOTSET)
    first = _log.enable_stderr_logging(logging.INFO)
    second = _log.enable_stderr_logging(logging.DEBUG)
    assert first is second
    assert first in sdk_logger.handlers and len(sdk_logger.handlers) == len(
        set(sdk_logger.handlers)
    )
    assert first.level == logging.DEBUG and sdk_logger.level == logging.DEBUG


def test_enabling_never_raises_a_level_the_application_lowered(
    sdk_logger: logging.Logger,
) -> None:
    sdk_logger.setLevel(logging.DEBUG)
    _log.enable_stderr_logging(logging.WARNING)
    assert sdk_logger.level == logging.DEBUG


def test_the_handler_writes_to_the_current_stderr(
    sdk_logger: logging.Logger, capsys: pytest.CaptureFixture[str]
) -> None:
    _log.enable_stderr_logging(logging.INFO)
    sdk_logger.info("hello")
    assert "INFO astravue_async: hello" in capsys.readouterr().err


@pytest.mark.parametrize("value", ["", "  ", None])
def test_unset_means_no_handler(value: str | None, sdk_logger: logging.Logger) -> None:
    environ = {} if value is None else {"ASTRAVUE_LOG": value}
    before = list(sdk_logger.handlers)
    assert _log.configure_from_env(environ) is None
    assert sdk_logger.handlers == before


@pytest.mark.parametrize(("value", "level"), [("debug", 10), ("INFO", 20), (" Warning ", 30)])
def test_known_values(value: str, level: int, sdk_logger: logging.Logger) -> None:
    sdk_logger.setLevel(logging.NOTSET)
    handler = _log.configure_from_env({"ASTRAVUE_LOG": value})
    assert handler is not None and handler.level == level


def test_an_unknown_value_warns_once(sdk_logger: logging.Logger) -> None:
    with pytest.warns(RuntimeWarning, match="ASTRAVUE_LOG='verbose' is not one of"):
        assert _log.configure_from_env({"ASTRAVUE_LOG": "verbose"}) is None
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert _log.configure_from_env({"ASTRAVUE_LOG": "verbose"}) is None


_SCRIPT = textwrap.dedent(
    """
    import logging
    from astravue_async import _log
    _log.configure_from_env()
    _log.configure_from_env()  # at import and at client creation: still one handler
    logger = logging.getLogger("astravue_async")
    token = _log.bind_call("get_task", "GET", "/tasks/{taskId}", 42)
    logger.debug("GET /tasks/7 -> 200", extra=_log.attempt_fields(1, status=200, elapsed_ms=4))
    logger.info("refreshed access token", extra=_log.refresh_fields("proactive"))
    _log.unbind_call(token)
    """
)


def _run(env_value: str | None) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k != "ASTRAVUE_LOG"}
    if env_value is not None:
        env["ASTRAVUE_LOG"] = env_value
    return subprocess.run(  # noqa: S603 - our own interpreter and script
        [sys.executable, "-c", _SCRIPT],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )


def test_astravue_log_debug_prints_readable_records_on_stderr() -> None:
    result = _run("debug")
    lines = result.stderr.splitlines()
    assert result.stdout == ""
    assert len(lines) == 2, result.stderr
    assert lines[0].endswith(
        "DEBUG astravue_async: GET /tasks/7 -> 200 [operation=get_task method=GET "
        "url_template=/tasks/{taskId} org_id=42 attempt=1 status=200 elapsed_ms=4]"
    )
    assert "INFO astravue_async: refreshed access token [" in lines[1]
    assert "refresh_reason=proactive" in lines[1]


def test_astravue_log_info_hides_debug_records() -> None:
    lines = _run("info").stderr.splitlines()
    assert len(lines) == 1 and "refreshed access token" in lines[0]


def test_without_astravue_log_nothing_is_printed() -> None:
    assert _run(None).stderr == ""
