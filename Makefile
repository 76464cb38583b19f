# Every target bootstraps .venv itself, so a fresh clone needs only `make demo` / `make test`.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
BENCH_STAMP := $(VENV)/.installed-bench
DOCS_STAMP := $(VENV)/.installed-docs
PYTEST_ARGS ?=

.PHONY: demo demo-workers test services lint typecheck generate generate-check bench bench-breakdown \
	soak clean \
	docs docs-serve docs-check

$(STAMP): pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -e '.[dev]'
	touch $(STAMP)

$(BENCH_STAMP): $(STAMP)
	$(PY) -m pip install --quiet --disable-pip-version-check -e '.[dev,bench,speedups]'
	touch $(BENCH_STAMP)

$(DOCS_STAMP): $(STAMP)
	$(PY) -m pip install --quiet --disable-pip-version-check -e '.[dev,docs]'
	touch $(DOCS_STAMP)

# The two variables silence the banners the MkDocs ecosystem prints on every build.
MKDOCS := NO_MKDOCS_2_WARNING=1 DISABLE_MKDOCS_2_WARNING=true $(PY) -m mkdocs

# The documentation site into site/; any warning (a broken link or reference) fails it.
docs: $(DOCS_STAMP)
	$(MKDOCS) build --strict

docs-serve: $(DOCS_STAMP)
	$(MKDOCS) serve --strict

# Opens the built site in headless Chromium: the navigation and the search box must render.
docs-check: docs
	bash scripts/ensure-chromium.sh
	$(PY) scripts/docs_check.py

demo: $(STAMP)
	$(PY) scripts/demo.py

# Four worker processes share one login through a token file: one refresh grant per expiry.
demo-workers: $(STAMP)
	$(PY) scripts/demo_workers.py --workers 4

test: lint typecheck generate-check docs services
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

# Instructions per call of the floor, the SDK and the SDK with one part off (needs valgrind).
bench-breakdown: $(BENCH_STAMP)
	$(PY) scripts/bench_breakdown.py $(BENCH_ARGS)

soak: $(STAMP)
	ASTRAVUE_SOAK=1 HYPOTHESIS_PROFILE=soak $(PY) -m pytest -q tests/reliability

clean:
	rm -rf $(VENV) .mypy_cache .pytest_cache .ruff_cache .hypothesis
