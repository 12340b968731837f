# Every target that needs the tools runs `setup` first; `setup` does nothing when it is up to date.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(abspath $(VENV))/bin
PY_STAMP := $(VENV)/.installed
NPM_STAMP := mock/node_modules/.installed
SPEC := openapi/videodb.yaml
PRISM := mock/node_modules/.bin/prism
SPECTRAL := mock/node_modules/.bin/spectral
OPENAPI_TS := mock/node_modules/.bin/openapi-typescript

.DEFAULT_GOAL := help
.PHONY: help setup generate lint test demo prism proxy contract bench clean

help:  ## list the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-10s %s\n", $$1, $$2}'

setup: $(PY_STAMP) $(NPM_STAMP)  ## create .venv and install Python and npm tools (idempotent)

$(PY_STAMP): pyproject.toml constraints.txt
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -c constraints.txt -e '.[dev]'
	@touch $@

$(NPM_STAMP): mock/package.json mock/package-lock.json
	cd mock && npm ci --no-audit --no-fund --loglevel=error
	@touch $@

generate: $(PY_STAMP) $(NPM_STAMP)  ## regenerate generated_client/ and the TypeScript types from the spec, and the SDK's sync twin from its async source
	PATH="$(BIN):$$PATH" $(BIN)/openapi-python-client generate --path $(SPEC) \
		--config openapi/generator.yaml --custom-template-path openapi/templates \
		--meta none --output-path generated_client/videodb_api --overwrite
	$(OPENAPI_TS) $(SPEC) --output clients/typescript/schema.d.ts
	$(BIN)/python scripts/unasync.py

lint: setup  ## validate and lint the spec; ruff and mypy --strict on hand-written code
	$(BIN)/openapi-spec-validator $(SPEC)
	$(SPECTRAL) lint --ruleset .spectral.yaml --fail-severity=warn $(SPEC)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy

test: lint  ## the whole test suite (lint, unit, contract, end to end) with coverage
	$(BIN)/python -m pytest --junitxml=reports/junit.xml \
		--cov=videodb_gen --cov-report=term-missing:skip-covered --cov-fail-under=95 $(PYTEST_ARGS)

demo: setup  ## the main job, offline: generate a video and print its m- id and stream_url
	$(BIN)/python -m examples.demo

bench: setup  ## benchmarks side by side; writes bench/results/latest.{md,json}
	$(BIN)/python -m bench.run $(BENCH)

prism: $(NPM_STAMP)  ## Prism's stateless mock of the spec on 127.0.0.1:4010
	$(PRISM) mock --host 127.0.0.1 --port 4010 --errors $(SPEC)

proxy: $(NPM_STAMP)  ## Prism as a validating proxy: make proxy UPSTREAM=https://api.videodb.io
	@test -n "$(UPSTREAM)" || { echo "usage: make proxy UPSTREAM=https://api.videodb.io [PORT=4010]"; exit 2; }
	$(PRISM) proxy --host 127.0.0.1 --port $(or $(PORT),4010) --errors $(SPEC) $(UPSTREAM)

# `videodb-gen contract`, as an installed package runs it: read-only by default, leaving out the
# operations the spec marks x-billable (they start paid generations on the real API); all of
# them with BILLABLE=1. The JUnit report goes to reports/contract-{read-only,full}.xml. Without
# a key nothing can be tested: that fails (exit 4, as the command does), so a CI job cannot pass
# having tested nothing, unless ALLOW_SKIP=1 says a skip is fine (a fork's CI without the key).
export VIDEO_DB_API_KEY
contract: $(PY_STAMP)  ## schemathesis against a server: make contract BASE_URL=... VIDEO_DB_API_KEY=... [BILLABLE=1] [ALLOW_SKIP=1]
	@test -n "$(BASE_URL)" || { echo "usage: make contract BASE_URL=https://api.videodb.io VIDEO_DB_API_KEY=... [BILLABLE=1] [ALLOW_SKIP=1]"; exit 2; }
	@if [ -z "$$VIDEO_DB_API_KEY" ]; then \
		echo "SKIPPED: contract checks against $(BASE_URL) need an API key; set VIDEO_DB_API_KEY. Nothing was tested."; \
		if [ "$(ALLOW_SKIP)" != 1 ]; then \
			echo "make contract fails without a key; ALLOW_SKIP=1 makes the skip a success."; \
			exit 4; \
		fi; \
	else \
		$(BIN)/videodb-gen contract --base-url $(BASE_URL) $(if $(BILLABLE),--billable); \
	fi

clean:  ## remove the environment and caches
	rm -rf $(VENV) mock/node_modules .pytest_cache .mypy_cache .ruff_cache .hypothesis reports
