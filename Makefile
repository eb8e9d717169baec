# Two entry points do all the set-up on a fresh machine:
#   make demo   - a full KPI options lifecycle on a local anvil that ape-foundry starts itself
#   make test   - the whole test suite (plus lint)
# Both install what is missing (Python venv from requirements.lock, npm packages from
# package-lock.json) and nothing else: stamps make a second run skip the installs.

SHELL := /bin/bash
ROOT := $(CURDIR)
VENV := $(ROOT)/.venv
STAMPS := $(ROOT)/.stamps
PYTHON ?= python3

export SOLCX_BINARY_PATH := $(ROOT)/tools/solc
export PATH := $(ROOT)/node_modules/@foundry-rs/anvil-linux-amd64/bin:$(ROOT)/node_modules/@foundry-rs/forge-linux-amd64/bin:$(VENV)/bin:$(PATH)
export PYTHONPATH := $(ROOT)$(if $(PYTHONPATH),:$(PYTHONPATH))
export HYPOTHESIS_PROFILE ?= ci
# Ape's data folder (installed dependencies such as the local Solady package) per checkout: a shared
# ~/.ape holding the same dependency from two checkouts breaks the `solady/...` remapping.
export APE_DATA_FOLDER := $(ROOT)/.ape

.PHONY: setup demo test durations test-fast lint format compile deep fork-test clean

$(STAMPS)/python: pyproject.toml requirements.lock
	@mkdir -p $(STAMPS)
	@if [ -L $(VENV) ]; then echo ".venv is a link (a worktree sharing another checkout's install): not installing"; touch $@; exit 0; fi; \
	test -x $(VENV)/bin/python || $(PYTHON) -m venv $(VENV); \
	$(VENV)/bin/pip install --quiet --disable-pip-version-check -r requirements.lock && \
	$(VENV)/bin/python -c "import site,sys; open(site.getsitepackages()[0]+'/kpi_options_repo.pth','w').write(sys.argv[1]+'\\n')" "$(ROOT)"
	@touch $@

$(STAMPS)/node: package.json package-lock.json
	@mkdir -p $(STAMPS)
	@if [ -L node_modules ]; then echo "node_modules is a link (a worktree): not installing"; else npm ci --no-audit --no-fund --loglevel=error; fi
	@touch $@

# After setup, `source .venv/bin/activate` alone is enough for ape (tools/venv_env.py).
$(STAMPS)/venv-env: $(STAMPS)/python $(STAMPS)/node tools/venv_env.py
	@if [ -L $(VENV) ]; then echo ".venv is a link (a worktree): not changing it"; else $(VENV)/bin/python tools/venv_env.py "$(ROOT)"; fi
	@touch $@

setup: $(STAMPS)/python $(STAMPS)/node $(STAMPS)/venv-env

# ape-solidity recompiles a changed source but not the sources that import it, so a change to any
# Solidity file or setting compiles everything (--force). With no input file added, removed or newer
# than the last compile, and its artifacts still there, nothing is compiled.
COMPILE_INPUTS := contracts interfaces ape-config.yaml package-lock.json
compile: setup
	@mkdir -p $(STAMPS); find $(COMPILE_INPUTS) -path contracts/.cache -prune -o -type f -print \
	  | sort > $(STAMPS)/compile-inputs.now
	@if [ -f $(STAMPS)/compile ] && [ -f .build/__local__.json ] && \
	  cmp -s $(STAMPS)/compile-inputs.now $(STAMPS)/compile-inputs && [ -z "$$(find $(COMPILE_INPUTS) \
	  -path contracts/.cache -prune -o -type f -newer $(STAMPS)/compile -print -quit)" ]; then \
	  echo "ape compile: no Solidity source or setting changed since the last compile"; \
	else touch $(STAMPS)/compile.started && ape compile --force && \
	  mv $(STAMPS)/compile.started $(STAMPS)/compile && \
	  mv $(STAMPS)/compile-inputs.now $(STAMPS)/compile-inputs; fi

demo: setup
	ape run demo

# The suite runs once, on every core (pytest-xdist: one anvil per worker, a test file stays on one
# worker so its module fixtures deploy once, except that a test recorded at 20 s or more runs on its
# own; units go out longest first by tests/durations.json: kpi_dev/schedule.py, `make durations`),
# with Solidity coverage traced (docs/COVERAGE.md): the
# workers' hits are merged, the table is printed at the end and written to build/coverage.json.
# The ten slowest tests and the suite's wall time close the output. test-fast skips the tracing.
# TEST_WORKERS=0 runs in one process.
TEST_WORKERS ?= auto
SUITE := tests -m "not deep and not fork" -p no:cacheprovider --durations=10 \
	$(if $(filter 0,$(TEST_WORKERS)),,-n $(TEST_WORKERS) --dist loadfile)

test: setup lint compile
	@start=$$(date +%s); ape test $(SUITE) --sol-coverage --record-durations; rc=$$?; \
	echo "make test: suite wall time $$(( $$(date +%s) - start )) s"; exit $$rc

# Record this machine's per-test seconds (from the last green `make test`, build/test-durations.json)
# as the cost the xdist scheduler orders work by (kpi_dev/schedule.py). Commit tests/durations.json.
durations:
	@test -f build/test-durations.json || { echo "no build/test-durations.json: run make test first"; exit 1; }
	cp build/test-durations.json tests/durations.json

test-fast: setup compile
	@start=$$(date +%s); ape test $(SUITE); rc=$$?; \
	echo "make test-fast: suite wall time $$(( $$(date +%s) - start )) s"; exit $$rc

deep: setup compile
	HYPOTHESIS_PROFILE=deep ape test tests -m deep -p no:cacheprovider

# Fork tests (tests/fork/upstream.py): an upstream anvil with chain id 1 and the system deployed on it,
# forked by ethereum:mainnet-fork:foundry; with KPI_MAINNET_RPC_URL also against UMA's mainnet contracts.
fork-test: setup compile
	python -m tests.fork.upstream -q -p no:cacheprovider

lint: setup
	ruff check kpi_options kpi_dev scripts tests tools
	ruff format --check kpi_options kpi_dev scripts tests tools
	forge fmt --check contracts interfaces
	python3 tools/check_doc_refs.py

format: setup
	ruff check --fix kpi_options kpi_dev scripts tests tools
	ruff format kpi_options kpi_dev scripts tests tools
	forge fmt contracts interfaces

clean:
	rm -rf .build contracts/.cache $(STAMPS)

.PHONY: coverage slither

# Solidity line/branch coverage of the Python suite (docs/COVERAGE.md): build/coverage.json, build/lcov.info
coverage: test

# Static analysis (docs/SLITHER.md): slither in its own venv, through forge; fails on untriaged high/medium findings
SLITHER_VENV := $(ROOT)/.venv-slither

$(STAMPS)/slither: requirements-slither.lock
	@mkdir -p $(STAMPS)
	test -x $(SLITHER_VENV)/bin/python || $(PYTHON) -m venv $(SLITHER_VENV)
	$(SLITHER_VENV)/bin/pip install --quiet --disable-pip-version-check -r requirements-slither.lock
	@touch $@

slither: setup $(STAMPS)/slither
	@mkdir -p build
	rm -rf build/forge-out build/slither.json
	forge build --build-info --force --cache-path build/forge-cache --skip './contracts/.cache/**'
	$(SLITHER_VENV)/bin/slither . --config-file slither.config.json --fail-none --json build/slither.json
	$(SLITHER_VENV)/bin/python tools/slither/gate.py build/slither.json slither-triage.json

.PHONY: gas gas-check gas-baseline

# Gas benchmark against UMA's LSP (docs/GAS.md): table + build/gas/benchmark.json
gas: setup compile
	ape run benchmark

# Fails when any product figure grew more than 2 % over the committed baseline, naming it
gas-check: setup compile
	ape run benchmark --check gas/baseline.json

# Rewrites the baseline: commit it together with the change that moved the figures, saying why
gas-baseline: setup compile
	ape run benchmark --output gas/baseline.json
