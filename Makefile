PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PORT ?= 8000

.PHONY: run test lint bench

# Servers need only the runtime lock; tests and tools come with requirements-dev.txt.
$(VENV)/installed.stamp: requirements.txt
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet -r requirements.txt
	touch $@

$(VENV)/dev.stamp: $(VENV)/installed.stamp requirements-dev.txt
	$(PY) -m pip install --quiet -r requirements-dev.txt
	touch $@

run: $(VENV)/installed.stamp
	$(PY) manage.py migrate --noinput
	$(PY) manage.py load_seed
	$(PY) manage.py ensure_local_users
	DEBUG=1 $(PY) manage.py runserver 127.0.0.1:$(PORT)

test: $(VENV)/dev.stamp lint
	$(PY) -m pytest

lint: $(VENV)/dev.stamp
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/ruff check .

# Issue 12's targets on SQLite and PostgreSQL; writes bench/RESULTS.md (knobs: bench/harness.py).
bench: $(VENV)/dev.stamp
	$(PY) bench/run.py
