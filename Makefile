# dangvu: two commands on a fresh machine — `make demo` and `make test`.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
HOST ?= 127.0.0.1:8000

.PHONY: setup setup-dev demo test lint format bench clean

$(VENV)/bin/activate:
	$(PYTHON) -m venv $(VENV)

setup: $(VENV)/bin/activate
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -e .
	$(PY) manage.py migrate --noinput -v0

setup-dev: $(VENV)/bin/activate
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -e ".[dev]"
	$(PY) manage.py migrate --noinput -v0

demo: setup
	$(PY) manage.py load_demo
	@echo "dangvu: http://$(HOST)/  (Ctrl+C để dừng)"
	DEBUG=1 $(PY) manage.py runserver $(HOST)

test: setup-dev
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(PY) -m pytest

lint:
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

bench: setup-dev
	for f in bench/*.py; do echo "== $$f"; $(PY) $$f || exit 1; done

clean:
	rm -rf $(VENV) var
