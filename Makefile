# Two entry points (see README): `make reports` and `make test`.
# Both create .venv on first use; torch is pinned first so pip never pulls CUDA wheels.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin

.PHONY: reports test fuzz bench clean

$(BIN)/factcheck: pyproject.toml
	$(PY) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q torch==2.13.0
	$(BIN)/pip install -q -e '.[dev]'
	touch $@

reports: $(BIN)/factcheck
	$(BIN)/factcheck check seeds --format md --out reports/seeds.md
	$(BIN)/factcheck check seeds --format json --out reports/seeds.json
	$(BIN)/factcheck schema > reports/report.schema.json

test: $(BIN)/factcheck
	$(BIN)/ruff check .
	$(BIN)/mypy
	$(BIN)/pytest -q

fuzz: $(BIN)/factcheck  # the property tests with 2000 random examples each (CI runs a short fixed set)
	FACTCHECK_FUZZ=long $(BIN)/pytest -q tests/test_robust_properties.py

bench: $(BIN)/factcheck  # development figures; needs ../shared/data
	$(BIN)/python bench/segment_bench.py
	$(BIN)/python bench/pairs_bench.py
	$(BIN)/python bench/cluster_bench.py pipeline
	$(BIN)/python bench/check_timing.py seeds

clean:
	rm -rf $(VENV) .factcheck_cache .pytest_cache .mypy_cache .ruff_cache
