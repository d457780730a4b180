# dangvu: two commands on a fresh machine — `make demo` and `make test`.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
HOST ?= 127.0.0.1:8000
# The day the demo's pages open on: the end of the demo's year (dangvu/demo/work.py YEAR).
DEMO_DAY := 2017-12-31
# Test processes (pytest-xdist): one per core by default; TEST_WORKERS=0 runs in one process.
TEST_WORKERS ?= auto
# The package is installed again only when pyproject.toml changes.
STAMP := $(VENV)/.installed
DEV_STAMP := $(VENV)/.installed-dev
# pyproject.toml's requires-python, as a test a Python runs on itself.
PYTHON_OK := import sys; sys.exit(sys.version_info < (3, 11))

# A venv made by a Python older than 3.11 (or whose Python is gone) would be reused forever:
# remove it, so that it is made again below.
ifeq ($(shell [ -e $(PY) ] && ! $(PY) -c '$(PYTHON_OK)' 2>/dev/null && echo stale),stale)
$(info dangvu: $(VENV) được tạo bằng Python cũ hơn 3.11 (hoặc Python đó không còn): tạo lại.)
$(shell rm -rf $(VENV))
endif

# The demo serves DEBUG pages only when it listens on this computer alone.
LOOPBACK := $(filter 127.0.0.1:% localhost:% [::1]:%,$(HOST))

.PHONY: setup setup-dev demo serve test test-fast lint format bench clean clean-data

$(VENV)/bin/activate:
	@$(PYTHON) -c '$(PYTHON_OK)' || { echo "dangvu cần Python ≥ 3.11; $(PYTHON) là $$($(PYTHON) --version 2>&1). Chạy lại với PYTHON=python3.12 (hoặc bản ≥ 3.11 khác)."; exit 1; }
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

ifneq ($(LOOPBACK),)
# On this computer only: DEBUG (Django's error pages, static files served).
demo: setup
	$(PY) manage.py load_demo
	@echo "dangvu: http://$(HOST)/?ngay=$(DEMO_DAY)  (năm mẫu; Ctrl+C để dừng)"
	@DEBUG=1 $(PY) manage.py db_worker --no-reload -v0 & worker=$$!; trap 'kill $$worker' EXIT; \
	DEBUG=1 $(PY) manage.py runserver $(HOST)
else
# Open to other computers: never DEBUG (its error pages show the settings and the environment);
# static files served by runserver --insecure; ALLOWED_HOSTS, the names others type, required.
demo: setup
	@[ -n "$(ALLOWED_HOSTS)" ] || { echo "dangvu: HOST=$(HOST) cho máy khác vào: đặt ALLOWED_HOSTS là địa chỉ máy khác gõ để mở dangvu, ví dụ make demo HOST=$(HOST) ALLOWED_HOSTS=192.168.1.10"; exit 1; }
	$(PY) manage.py load_demo
	@echo "dangvu: http://<một địa chỉ trong ALLOWED_HOSTS>:$(lastword $(subst :, ,$(HOST)))/?ngay=$(DEMO_DAY)  (năm mẫu; Ctrl+C để dừng)"
	@DEBUG=0 ALLOWED_HOSTS="$(ALLOWED_HOSTS)" $(PY) manage.py db_worker --no-reload -v0 & worker=$$!; \
	trap 'kill $$worker' EXIT; DEBUG=0 ALLOWED_HOSTS="$(ALLOWED_HOSTS)" $(PY) manage.py runserver --insecure $(HOST)
endif

# Production (docs/serving.md): gunicorn with gunicorn.conf.py, static files by WhiteNoise, and
# the background job worker beside it; stopped together by Ctrl+C.
serve: export DANGVU_STATIC_MANIFEST = 1
serve: setup
	$(PY) manage.py collectstatic --noinput -v0
	@$(PY) manage.py db_worker --no-reload -v0 & worker=$$!; trap 'kill $$worker' EXIT; \
	$(VENV)/bin/gunicorn -c gunicorn.conf.py dangvu.wsgi

# ruff, then the whole suite; the time it took is printed, not promised.
test: setup-dev
	@start=$$(date +%s); \
	$(VENV)/bin/ruff check . && $(VENV)/bin/ruff format --check . && $(VENV)/bin/mypy && \
	$(PY) -m pytest -n $(TEST_WORKERS) --durations=25; status=$$?; \
	echo "make test: $$(( $$(date +%s) - start )) s"; exit $$status

# Everything but the browser and LibreOffice tests and the long fuzzing runs: for the edit–test loop.
test-fast: setup-dev
	@start=$$(date +%s); \
	$(PY) -m pytest -n $(TEST_WORKERS) -m "not browser and not slow"; status=$$?; \
	echo "make test-fast: $$(( $$(date +%s) - start )) s"; exit $$status

# Check only, as `make test` does.
lint: $(DEV_STAMP)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

# Rewrite the code in the house style and apply ruff's safe fixes.
format: $(DEV_STAMP)
	$(VENV)/bin/ruff format .
	$(VENV)/bin/ruff check --fix .

# Every benchmark runs to its end, whatever the others did; the list of those that failed is
# printed last (a verdict "chưa đạt" is a result, not a failure).
bench: setup-dev
	@failed=""; \
	for f in bench/[!_]*.py; do \
	  echo "== $$f"; start=$$(date +%s); \
	  $(PY) $$f || failed="$$failed $$f"; \
	  echo "-- $$f: $$(( $$(date +%s) - start )) s"; \
	done; \
	if [ -n "$$failed" ]; then echo "make bench: lỗi khi chạy:$$failed"; exit 1; fi; \
	echo "make bench: mọi phép đo đã chạy hết"

# The virtual environment only: the database, the key and the attachments stay (clean-data).
clean:
	rm -rf $(VENV)

# The installation's data under var/: the database, the secret key, the attachments, the log.
# Asks first; CONFIRM=yes answers for a script.
clean-data:
	@echo "Sẽ xóa vĩnh viễn var/: cơ sở dữ liệu SQLite, khóa bí mật, tệp đính kèm, nhật ký."
	@answer="$(CONFIRM)"; [ -n "$$answer" ] || { printf 'Gõ "yes" để xóa: '; read answer; }; \
	[ "$$answer" = yes ] || { echo "Không xóa gì."; exit 1; }
	rm -rf var
