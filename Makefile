# tocsin: `make demo` codes the bundled sample, `make test` runs ruff, mypy and pytest.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: install demo test lint typecheck pytest benchmark clean

install: $(STAMP)

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e ".[dev]"
	$(BIN)/python -c "from tocsin.knowledge.gazetteer import Gazetteer; Gazetteer.load()"
	touch $(STAMP)

DEMO_DB ?= demo.sqlite
DEMO_PORT ?= 8000

demo: $(STAMP)
	$(BIN)/tocsin demo
	$(BIN)/tocsin ingest src/tocsin/data/sample/stories.jsonl --db $(DEMO_DB)
	$(BIN)/tocsin query --db $(DEMO_DB) --count-by dyad --limit 15
	$(BIN)/tocsin query --db $(DEMO_DB) --count-by root
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
