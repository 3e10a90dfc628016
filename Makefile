# Two commands on a fresh machine: `make demo` and `make test` (see README).
# The distribution's CPython when it can make virtual environments (Debian builds it with PGO and LTO:
# ~12% fewer instructions a report than a plain source build such as pyenv's, docs/benchmarks.md); else
# whatever python3 is first on PATH. Override with `make PYTHON=...`.
PYTHON ?= $(shell for p in /usr/bin/python3 python3; do \
  $$p -c 'import sys, ensurepip, venv; sys.exit(sys.version_info < (3, 11))' 2>/dev/null && { echo $$p; break; }; \
  done)
VENV   := .venv
BIN    := $(VENV)/bin
PIP    := $(BIN)/python -m pip

.PHONY: demo test lint bench install install-test clean compile uncompile

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(PIP) install -q -U pip

$(VENV)/.core: pyproject.toml | $(BIN)/python
	$(PIP) install -q -e .
	touch $@

$(VENV)/.test: pyproject.toml | $(BIN)/python
	$(PIP) install -q -e '.[test,postgres]'
	touch $@ $(VENV)/.core

install: $(VENV)/.core
install-test: $(VENV)/.test

demo: $(VENV)/.core
	$(BIN)/ceasefire demo --db demo.db

lint: $(VENV)/.test
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/ruff format --check src tests benchmarks

# With CEASEFIRE_TEST_PG set (CI sets it), the database tests run again on that PostgreSQL server.
test: $(VENV)/.test lint
	env -u CEASEFIRE_TEST_PG $(BIN)/python -m pytest -q
	@if [ -n "$$CEASEFIRE_TEST_PG" ]; then echo "== again on PostgreSQL: $$CEASEFIRE_TEST_PG"; \
	  $(BIN)/python -m pytest -q -m "db and not browser"; fi

# Speed and memory targets live here, not in the tests (see docs/benchmarks.md; a full run takes a while).
bench: $(VENV)/.test
	$(BIN)/python -m benchmarks.bench_extract
	$(BIN)/python -m benchmarks.bench_ingest
	$(BIN)/python -m benchmarks.bench_api
	$(BIN)/python -m benchmarks.bench_scale --sizes 10000,100000

# Optional: compile the hot extraction modules with mypyc, in place (binaries git-ignored). Events are
# the same; importing ceasefire.extract refuses binaries whose source changed since (rerun this or
# `make uncompile`). CI and `pip install -e .` stay pure Python. See docs/benchmarks.md.
$(VENV)/.compile: pyproject.toml | $(BIN)/python
	$(PIP) install -q -e '.[compile]'
	touch $@

compile: $(VENV)/.compile
	$(BIN)/python scripts/compile_extract.py

uncompile:
	@if [ -x $(BIN)/python ]; then $(BIN)/python scripts/compile_extract.py --remove; \
	  else $(PYTHON) scripts/compile_extract.py --remove; fi

clean: uncompile
	rm -rf $(VENV) demo.db build *.egg-info
