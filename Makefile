# Set-up and everyday commands. Everything installs from requirements.lock (pinned versions).
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed

.PHONY: release test ui lint lock clean-venv bench

$(STAMP): requirements.lock pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet pip==25.3 setuptools==80.9.0 wheel==0.45.1
	$(PY) -m pip install --quiet -r requirements.lock
	$(PY) -m pip install --quiet --no-deps --no-build-isolation -e .
	touch $(STAMP)

## Build the whole release from raw/ into outputs/.
release: $(STAMP)
	$(VENV)/bin/acftu build

## Run the test suite (what CI runs).
test: $(STAMP)
	$(PY) -m pytest

## Open Dagster's web UI on the asset graph.
## The instance is outputs/.dagster/home, the one `acftu build` records its runs in.
ui: $(STAMP)
	DAGSTER_HOME=$$($(PY) -m pipeline.instance outputs) $(VENV)/bin/dagster dev -m pipeline.definitions

lint: $(STAMP)
	$(VENV)/bin/ruff check pipeline tests benchmarks

bench: $(STAMP)
	$(PY) benchmarks/figures.py
	$(PY) benchmarks/build.py

## Re-pin requirements.lock from pyproject.toml (needs uv).
lock:
	uv pip compile pyproject.toml --extra dev --python-version 3.11 -o requirements.lock

clean-venv:
	rm -rf $(VENV)
