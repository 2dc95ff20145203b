# Two entry points (see README): `make reports` and `make test`.
# Both create .venv on first use; torch is pinned first so pip never pulls CUDA wheels.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin

.PHONY: reports test lint bench clean

$(BIN)/factcheck: pyproject.toml
	$(PY) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q torch==2.13.0
	$(BIN)/pip install -q -e '.[dev]'
	touch $@

reports: $(BIN)/factcheck
	$(BIN)/factcheck check seeds --format md --out reports/seeds.md
	$(BIN)/factcheck check seeds --format json --out reports/seeds.json

test: $(BIN)/factcheck
	$(BIN)/ruff check .
	$(BIN)/mypy
	$(BIN)/pytest -q

clean:
	rm -rf $(VENV) .factcheck_cache .pytest_cache .mypy_cache .ruff_cache
