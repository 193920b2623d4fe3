# The template's own checks. `make test` is the one command: it bootstraps uv if needed and runs the whole suite.
SHELL := /bin/bash
.DEFAULT_GOAL := test

UV_VERSION := 0.13.9
export UV_PYTHON_DOWNLOADS := never

# The interpreter for the template's tooling: Python 3.11 when installed, else python3 (absolute, never a shim).
PYTHON ?= $(shell python3.11 -c 'import sys; print(sys.executable)' 2>/dev/null || python3 -c 'import sys; print(sys.executable)')

ifeq ($(shell command -v uv 2>/dev/null),)
UV := $(CURDIR)/.tools/bin/uv
UV_BOOTSTRAP := $(UV)
export PATH := $(CURDIR)/.tools/bin:$(PATH)
else
UV := uv
UV_BOOTSTRAP :=
endif

RUN := $(UV) run --frozen --python $(PYTHON)
# npm-groovy-lint (Jenkinsfile linter of tests/test_artifacts.py), pinned in package.json / package-lock.json.
NPM_GROOVY_LINT := node_modules/.bin/npm-groovy-lint
PYTEST_ARGS ?=

.PHONY: test test-fast exhaustive lint format bench docs docs-site help

## help: list the documented targets with what each one does
help:
	@awk '/^## [a-z-]+: / {sub(/^## /, ""); name = $$0; sub(/: .*/, "", name); sub(/^[^:]*: /, ""); printf "  %-11s %s\n", name, $$0}' $(firstword $(MAKEFILE_LIST))

## test: the whole suite (hooks, options, rendering, integration, triples) on 2 workers
test: $(UV_BOOTSTRAP) $(NPM_GROOVY_LINT)
	$(RUN) pytest -n 2 $(PYTEST_ARGS)

## test-fast: everything but the integration and triple layers (no services, no uv sync)
test-fast: $(UV_BOOTSTRAP) $(NPM_GROOVY_LINT)
	$(RUN) pytest -n 2 -m "not integration and not triples" $(PYTEST_ARGS)

## exhaustive: every rendering of every file over every valid combination (tests/exhaustive.py); exit 1 on failure
exhaustive: $(UV_BOOTSTRAP)
	$(RUN) python -m tests.exhaustive

## lint: ruff on the template's own code (hooks and tests)
lint: $(UV_BOOTSTRAP)
	$(RUN) ruff check hooks tests benchmarks local_extensions.py
	$(RUN) ruff format --check hooks tests benchmarks local_extensions.py

## format: fix what ruff can fix in the template's own code, then format it
format: $(UV_BOOTSTRAP)
	$(RUN) ruff check --fix hooks tests benchmarks local_extensions.py
	$(RUN) ruff format hooks tests benchmarks local_extensions.py

## docs: rewrite the generated docs: options tables (README.md, docs/options.md), diagrams (docs/architecture.md)
docs: $(UV_BOOTSTRAP)
	$(RUN) python tests/options_reference.py --write
	$(RUN) python tests/architecture.py --write

## docs-site: build the docs site (mkdocs.yml, MkDocs Material) into site/; --strict: any warning fails
docs-site: $(UV_BOOTSTRAP)
	$(RUN) mkdocs build --strict --site-dir site

## bench: bake time (default, largest, per feature), bake to green tests, exhaustive-layer throughput; plots in docs/
bench: $(UV_BOOTSTRAP)
	$(RUN) python benchmarks/bake_time.py --plot docs/bake-time-per-feature.png
	$(RUN) python benchmarks/bake_to_green.py
	$(RUN) python benchmarks/exhaustive_throughput.py --full --plot docs/renderings-per-option.png

# Without npm the Jenkinsfile lint is skipped (failed under CI=true) with one line saying so.
$(NPM_GROOVY_LINT): package.json package-lock.json
	@if command -v npm >/dev/null; then npm ci --no-audit --no-fund && touch $@; \
	else echo "npm is not installed: tests/test_artifacts.py will skip the Jenkinsfile lint (apt-get install nodejs npm)"; fi

$(CURDIR)/.tools/bin/uv:
	python3 -m venv .tools
	.tools/bin/pip install --quiet uv==$(UV_VERSION)
