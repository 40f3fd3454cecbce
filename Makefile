# Set-up and everyday commands. Everything installs from requirements.lock (pinned versions).
PYTHON ?= $(shell command -v python3.11 2>/dev/null || command -v python3 2>/dev/null)
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed
IS_311 := -c 'import sys; sys.exit(sys.version_info[:2] != (3, 11))'
UV_VERSION := 0.13.9

# A .venv made by another Python cannot run the pinned packages: forget its stamp so it is rebuilt.
ifneq ($(shell [ -x $(PY) ] && $(PY) $(IS_311) 2>/dev/null && echo ok),ok)
  $(shell rm -f $(STAMP))
endif

.PHONY: release test ui lint lock clean-venv bench

$(STAMP): requirements.lock pyproject.toml
	@if [ -z "$(PYTHON)" ] || ! "$(PYTHON)" $(IS_311) 2>/dev/null; then \
	  echo "make: this project needs Python 3.11; found $$( [ -n "$(PYTHON)" ] && "$(PYTHON)" --version 2>&1 || echo none)." \
	    "Install Python 3.11 (pyenv install 3.11, or your system's python3.11 and python3.11-venv packages)" \
	    "and run again, or name it: make PYTHON=/path/to/python3.11 ..." >&2; exit 1; fi
	@if [ -d $(VENV) ] && ! $(PY) $(IS_311) 2>/dev/null; then \
	  echo "make: $(VENV) was made by another Python; rebuilding it with $(PYTHON)"; rm -rf $(VENV); fi
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
	@echo "Dagster UI: open http://127.0.0.1:3000 (Ctrl-C stops it)"
	DAGSTER_HOME=$$($(PY) -m pipeline.instance outputs) $(VENV)/bin/dagster dev -h 127.0.0.1 -p 3000 -m pipeline.definitions

lint: $(STAMP)
	$(VENV)/bin/ruff check pipeline tests benchmarks

bench: $(STAMP)
	$(PY) benchmarks/figures.py
	$(PY) benchmarks/build.py

## Re-pin requirements.lock from pyproject.toml (installs a pinned uv into .venv first).
lock: $(STAMP)
	$(PY) -m pip install --quiet uv==$(UV_VERSION)
	$(VENV)/bin/uv pip compile pyproject.toml --extra dev --python-version 3.11 -o requirements.lock

clean-venv:
	rm -rf $(VENV)
