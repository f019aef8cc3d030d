PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PORT ?= 8000

.PHONY: run test bench

$(VENV)/installed.stamp: requirements.txt
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet -r requirements.txt
	touch $@

run: $(VENV)/installed.stamp
	$(PY) manage.py migrate --noinput
	$(PY) manage.py load_seed
	$(PY) manage.py ensure_local_users
	DEBUG=1 $(PY) manage.py runserver 127.0.0.1:$(PORT)

test: $(VENV)/installed.stamp
	$(PY) -m pytest

# All of issue 6's measurements; writes bench/RESULTS.md (about an hour at full size).
bench: $(VENV)/installed.stamp
	$(PY) bench/run.py
