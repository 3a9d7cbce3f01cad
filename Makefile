# tocsin: `make demo` installs the runtime, stores the coded sample and serves the dashboard;
# `make test` adds the development tools and runs ruff, mypy and pytest.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
RUNTIME := $(VENV)/.runtime-installed
STAMP := $(VENV)/.installed
PIP := $(BIN)/pip install --progress-bar on --disable-pip-version-check

.PHONY: install runtime demo test lint typecheck pytest benchmark clean

# The runtime (what `make demo` needs): tocsin and its dependencies, and the place gazetteer.
runtime: $(RUNTIME)

$(RUNTIME): pyproject.toml
	@echo "==> 1/3 creating the virtual environment $(VENV)"
	$(PYTHON) -m venv $(VENV)
	@echo "==> 2/3 installing tocsin and its runtime dependencies (2-4 minutes; pip names each package)"
	$(PIP) -e .
	@echo "==> 3/3 building the place gazetteer once (about 30 s of CPU time, a minute or two on a busy machine)"
	$(BIN)/python -m tocsin.knowledge.prepare
	touch $@

# The development tools too (ruff, mypy, pytest, Playwright ...): what `make test` needs.
install: $(STAMP)

$(STAMP): $(RUNTIME)
	@echo "==> installing the development tools"
	$(PIP) -e ".[dev]"
	touch $@

DEMO_DB ?= demo.sqlite
DEMO_PORT ?= 8000

demo: $(RUNTIME)
	$(BIN)/tocsin demo --db $(DEMO_DB)
	$(BIN)/tocsin serve --db $(DEMO_DB) --port $(DEMO_PORT)

lint: $(STAMP)
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/ruff format --check src tests benchmarks
	$(BIN)/lint-imports

typecheck: $(STAMP)
	$(BIN)/mypy

pytest: $(STAMP)
	$(BIN)/pytest -q

test: lint typecheck pytest

benchmark: $(STAMP)
	$(BIN)/python benchmarks/throughput.py

clean:
	rm -rf $(VENV) build *.egg-info src/*.egg-info .pytest_cache .mypy_cache .ruff_cache
