# dangvu: two commands on a fresh machine — `make demo` and `make test`.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
HOST ?= 127.0.0.1:8000
# Test processes (pytest-xdist): one per core by default; TEST_WORKERS=0 runs in one process.
TEST_WORKERS ?= auto
# The package is installed again only when pyproject.toml changes.
STAMP := $(VENV)/.installed
DEV_STAMP := $(VENV)/.installed-dev

.PHONY: setup setup-dev demo test test-fast lint format bench clean

$(VENV)/bin/activate:
	$(PYTHON) -m venv $(VENV)

$(STAMP): pyproject.toml | $(VENV)/bin/activate
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -e .
	touch $@

$(DEV_STAMP): pyproject.toml | $(VENV)/bin/activate
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -e ".[dev]"
	touch $@ $(STAMP)

setup: $(STAMP)
	$(PY) manage.py migrate --noinput -v0

setup-dev: $(DEV_STAMP)
	$(PY) manage.py migrate --noinput -v0

demo: setup
	$(PY) manage.py load_demo
	@echo "dangvu: http://$(HOST)/  (Ctrl+C để dừng)"
	DEBUG=1 $(PY) manage.py runserver $(HOST)

test: setup-dev
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/mypy
	$(PY) -m pytest -n $(TEST_WORKERS)

# Everything but the browser and LibreOffice tests and the long fuzzing runs: for the edit–test loop.
test-fast: setup-dev
	$(PY) -m pytest -n $(TEST_WORKERS) -m "not browser and not slow"

lint:
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

bench: setup-dev
	for f in bench/[!_]*.py; do echo "== $$f"; $(PY) $$f || exit 1; done

clean:
	rm -rf $(VENV) var
