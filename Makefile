# Every target bootstraps .venv itself, so a fresh clone needs only `make demo` / `make test`.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
BENCH_STAMP := $(VENV)/.installed-bench
PYTEST_ARGS ?=

.PHONY: demo demo-workers test services lint typecheck generate generate-check bench soak clean

$(STAMP): pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -e '.[dev]'
	touch $(STAMP)

$(BENCH_STAMP): $(STAMP)
	$(PY) -m pip install --quiet --disable-pip-version-check -e '.[dev,bench,speedups]'
	touch $(BENCH_STAMP)

demo: $(STAMP)
	$(PY) scripts/demo.py

# Four worker processes share one login through a token file: one refresh grant per expiry.
demo-workers: $(STAMP)
	$(PY) scripts/demo_workers.py --workers 4

test: lint typecheck generate-check services
	$(PY) -m pytest -q -W error::ResourceWarning $(PYTEST_ARGS)

# Real servers the tests start themselves (redis-server); installed when missing and possible.
services:
	bash scripts/ensure-redis-server.sh

lint: $(STAMP)
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .

typecheck: $(STAMP)
	$(PY) -m mypy --strict astravue_async
	$(PY) -m mypy --strict tests/typing/

generate: $(STAMP)
	$(PY) -m codegen

generate-check: $(STAMP)
	$(PY) -m codegen --check

bench: $(BENCH_STAMP)
	$(PY) scripts/bench.py $(BENCH_ARGS)

soak: $(STAMP)
	ASTRAVUE_SOAK=1 HYPOTHESIS_PROFILE=soak $(PY) -m pytest -q tests/reliability

clean:
	rm -rf $(VENV) .mypy_cache .pytest_cache .ruff_cache .hypothesis
