"""Fixtures: in-memory OpenTelemetry providers (see ``_support``)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from ._support import Metrics, Spans


@pytest.fixture
def spans() -> Iterator[Spans]:
    collected = Spans()
    yield collected
    collected.provider.shutdown()


@pytest.fixture
def metrics() -> Iterator[Metrics]:
    collected = Metrics()
    yield collected
    collected.provider.shutdown()
